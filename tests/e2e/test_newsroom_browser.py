"""Issue 9 in a real browser, with two people at once (two browser contexts): nothing typed is
lost."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Author
from tests.factories import make_article, make_staff
from tests.feedback.factories import ensure_migration_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(autouse=True)
def _roles(settings, transactional_db):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ensure_migration_data()  # the roles: earlier transactional tests flushed them


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw-for-tests-only")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


@pytest.fixture
def second_page(browser):
    """A second person's browser: its own context, so its own session."""
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def wait_for_editor(page):
    expect(page.locator(".ck-editor__editable")).to_be_visible()


def test_the_second_save_of_a_stale_form_is_refused_with_nothing_lost(
    live_server, page, second_page
):
    make_staff("Editors", username="bientap1", first_name="An", last_name="Nguyễn Văn")
    make_staff("Editors", username="bientap2")
    article = make_article(status=Article.Status.DRAFT, title="Bản tin sáng", lead="Sapo ban đầu.")
    sign_in(page, live_server, "bientap1")
    sign_in(second_page, live_server, "bientap2")
    page.goto(change_url(live_server, article))
    second_page.goto(change_url(live_server, article))
    wait_for_editor(page)
    wait_for_editor(second_page)

    page.locator("#id_lead").fill("Sapo mới của người thứ nhất.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")

    second_page.locator("#id_title").fill("Tiêu đề mới của người thứ hai")
    second_page.locator("input[name=_continue]").click()

    expect(second_page.locator(".errornote, .errorlist.nonfield").first).to_be_visible()
    expect(second_page.locator(".errorlist.nonfield")).to_contain_text("Nguyễn Văn An")
    expect(second_page.locator(".errorlist.nonfield")).to_contain_text("sapo")
    expect(second_page.locator("#id_title")).to_have_value("Tiêu đề mới của người thứ hai")
    article.refresh_from_db()
    assert (article.title, article.lead) == ("Bản tin sáng", "Sapo mới của người thứ nhất.")

    # Saving again, knowingly, replaces the current version with theirs.
    second_page.locator("input[name=_continue]").click()
    expect(second_page.locator(".messagelist")).to_contain_text("thành công")
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới của người thứ hai"


def test_a_stale_editor_tab_cannot_publish_an_older_text(live_server, page, second_page):
    make_staff("Editors", username="bientap")
    author_user = make_staff("Authors", username="tacgia")
    profile = Author.objects.create(name="Lê Thị Lan", slug="le-thi-lan", user=author_user)
    article = make_article(
        status=Article.Status.PENDING,
        author=profile,
        created_by=author_user,
        lead="Số liệu sai: 12 hộ.",
    )
    sign_in(page, live_server, "bientap")
    page.goto(change_url(live_server, article))
    wait_for_editor(page)
    expect(page.locator("#newsroom-presence")).to_be_hidden()

    # The author takes it back, corrects it and resubmits, in their own browser.
    sign_in(second_page, live_server, "tacgia")
    second_page.goto(live_server.url + "/admin/articles/article/")
    second_page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    second_page.locator("select[name=action]").select_option("back_to_draft")
    second_page.locator("button[name=index]").click()
    expect(second_page.locator(".messagelist")).to_contain_text("1")
    second_page.goto(change_url(live_server, article))
    wait_for_editor(second_page)
    second_page.locator("#id_lead").fill("Số liệu đúng: 21 hộ.")
    second_page.locator("#id_status").select_option("pending")
    second_page.locator("input[name=_save]").click()
    expect(second_page.locator(".messagelist")).to_contain_text("thành công")

    # The editor publishes from the tab opened earlier: refused, and the correction stays.
    page.locator("#id_status").select_option("published")
    page.locator(".field-publish_at .datetimeshortcuts").first.get_by_role(
        "link", name="Hôm nay"
    ).click()
    page.locator(".field-publish_at .datetimeshortcuts").last.get_by_role(
        "link", name="Bây giờ"
    ).click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist.nonfield")).to_contain_text("Lê Thị Lan")
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING and article.lead == "Số liệu đúng: 21 hộ."


def test_a_revision_compared_and_restored(live_server, page):
    editor = make_staff("Editors", username="bientap")
    article = make_article(status=Article.Status.DRAFT, title="Tiêu đề đúng")
    sign_in(page, live_server, "bientap")
    page.goto(change_url(live_server, article))
    wait_for_editor(page)
    page.locator("#id_title").fill("Tiêu đề bị sửa nhầm")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")

    page.get_by_role("link", name="2 phiên bản").click()
    page.get_by_role("button", name="So sánh hai phiên bản đã chọn").click()
    changed = page.locator("#revision-compare tr.field-title")
    expect(changed.locator("td.old del")).to_contain_text("đúng")
    expect(changed.locator("td.new ins")).to_contain_text("bị sửa nhầm")
    page.get_by_role("button", name="Khôi phục phiên bản 1").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã khôi phục phiên bản 1")
    expect(page.locator("#id_title")).to_have_value("Tiêu đề đúng")
    article.refresh_from_db()
    assert article.title == "Tiêu đề đúng" and article.version == 3
    assert article.revisions.first().created_by == editor


def test_a_deleted_article_restored_from_the_trash(live_server, page, second_page):
    editor = make_staff("Editors", username="bientap")
    article = make_article(title="Bài sẽ bị xóa")
    public_url = live_server.url + article.get_absolute_url()
    sign_in(page, live_server, "bientap")
    page.goto(change_url(live_server, article))
    expect(page.locator("a.deletelink")).to_have_count(0)  # published: unpublish first
    workflow.set_status(
        Article.objects.filter(pk=article.pk), Article.Status.UNPUBLISHED, user=editor
    )

    page.goto(change_url(live_server, article))
    page.locator("a.deletelink").click()
    page.locator("#content form input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("thùng rác")
    assert second_page.goto(public_url).status in (404, 410)

    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name="Thùng rác").click()
    row = page.locator("#trash-list tr", has_text="Bài sẽ bị xóa")
    row.get_by_role("button", name="Khôi phục").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã khôi phục")
    article.refresh_from_db()
    assert article.deleted_at is None and article.status == Article.Status.UNPUBLISHED


def test_an_article_sent_back_with_a_reason_the_author_sees(live_server, page, second_page):
    make_staff("Editors", username="bientap")
    author_user = make_staff("Authors", username="tacgia")
    profile = Author.objects.create(name="Lê Thị Lan", slug="le-thi-lan", user=author_user)
    article = make_article(
        status=Article.Status.DRAFT, author=profile, created_by=author_user, title="Lũ về"
    )

    sign_in(second_page, live_server, "tacgia")
    second_page.goto(change_url(live_server, article))
    wait_for_editor(second_page)
    second_page.locator("#id_status").select_option("pending")
    second_page.locator("#id_review_note").fill("Nhờ chị xem lại đoạn cuối.")
    second_page.locator("input[name=_save]").click()
    expect(second_page.locator(".messagelist")).to_contain_text("thành công")

    sign_in(page, live_server, "bientap")
    expect(page.locator("#newsroom-waiting")).to_contain_text("1 bài chờ duyệt")
    page.locator("#newsroom-waiting a").click()
    page.get_by_role("link", name="Lũ về").click()
    expect(page.locator("#newsroom-review-note")).to_contain_text("Nhờ chị xem lại đoạn cuối.")
    page.locator("#id_status").select_option("draft")
    page.locator("input[name=_save]").click()
    expect(page.locator(".field-review_note .errorlist")).to_be_visible()  # a reason is required
    page.locator("#id_review_note").fill("Cần ghi nguồn số liệu ở đoạn hai.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")

    second_page.goto(live_server.url + "/admin/")
    expect(second_page.locator("#newsroom-waiting")).to_contain_text("1 bài viết bị trả lại")
    second_page.goto(live_server.url + "/admin/articles/article/")
    expect(second_page.locator("#result_list")).to_contain_text("Cần ghi nguồn số liệu ở đoạn hai.")
    expect(second_page.locator("#result_list .badge-sent-back")).to_have_text("Bị trả lại")
    second_page.goto(change_url(live_server, article))
    expect(second_page.locator("#newsroom-review-note")).to_contain_text(
        "Cần ghi nguồn số liệu ở đoạn hai."
    )


def test_the_unsaved_changes_warning_and_the_copy_offered_back(live_server, page):
    make_staff("Editors", username="bientap")
    article = make_article(status=Article.Status.DRAFT, title="Chưa sửa")
    sign_in(page, live_server, "bientap")
    page.goto(change_url(live_server, article))
    wait_for_editor(page)
    page.locator("#id_title").click()
    page.locator("#id_title").fill("Đang gõ dở, chưa lưu")
    page.wait_for_timeout(6000)  # the copy is kept every 5 seconds

    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", on_dialog)
    page.close(run_before_unload=True)
    page.context.pages[0].wait_for_timeout(1000) if page.context.pages else None
    assert dialogs == ["beforeunload"]
    assert not page.is_closed()  # the person chose to stay
    page.remove_listener("dialog", on_dialog)

    # The tab closes without saving (a crash, a closed laptop): the same browser offers the copy
    # back.
    page.on("dialog", lambda dialog: dialog.accept())
    again = page.context.new_page()
    page.close(run_before_unload=True)
    again.goto(change_url(live_server, article))
    offer = again.locator("#newsroom-draft-copy")
    expect(offer).to_be_visible()
    expect(again.locator("#id_title")).to_have_value("Chưa sửa")
    offer.get_by_role("button", name="Đưa lại vào biểu mẫu").click()
    expect(again.locator("#id_title")).to_have_value("Đang gõ dở, chưa lưu")
    article.refresh_from_db()
    assert article.title == "Chưa sửa"


EMBED = (
    '<p>Xem video:</p><figure class="media"><div data-oembed-url="https://www.youtube.com/watch?v=abc123">'
    '<div style="position: relative; padding-bottom: 100%; height: 0; padding-bottom: 56.2493%;">'
    '<iframe src="https://www.youtube.com/embed/abc123"'
    ' style="position: absolute; width: 100%; height: 100%;'
    ' top: 0; left: 0;" frameborder="0" allow="autoplay; encrypted-media"'
    ' allowfullscreen=""></iframe>'
    "</div></div></figure>"
)


def test_a_video_embed_is_visible_to_readers_at_the_right_size(live_server, page):
    make_staff("Editors", username="bientap")
    article = make_article(body=EMBED)  # as CKEditor 5 sends it, sanitized on save
    page.route(
        "https://www.youtube.com/**", lambda route: route.fulfill(status=200, body="<p>video</p>")
    )
    page.goto(live_server.url + article.get_absolute_url())
    frame = page.locator(".article-body iframe")
    expect(frame).to_be_visible()
    box = frame.bounding_box()
    assert box["width"] > 300 and abs(box["height"] - box["width"] * 9 / 16) < 3

    sign_in(page, live_server, "bientap")  # the editor's preview shows it the same way
    page.goto(f"{live_server.url}/xem-truoc/{article.pk}/")
    box = page.locator(".article-body iframe").bounding_box()
    assert box["height"] > 150


def test_the_article_list_fits_1366_px_with_status_badges(live_server, page, artifacts):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_author, make_category

    make_staff("Editors", username="bientap")
    category = make_category(name="Kinh tế – Xã hội", parent=make_category(name="Thời sự"))
    author = make_author(name="Nguyễn Thị Minh Khai")
    long_title = (
        "Tỉnh triển khai đồng bộ các giải pháp phát triển kinh tế – xã hội "
        "vùng đồng bào dân tộc thiểu số"
    )
    now = timezone.now()
    make_article(
        title=long_title, category=category, author=author, publish_at=now + timedelta(days=1)
    )
    make_article(title=long_title, category=category, author=author, is_featured=True)
    make_article(title=long_title, category=category, author=author, status=Article.Status.PENDING)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "bientap")
    page.goto(live_server.url + "/admin/articles/article/")
    expect(page.locator(".badge-scheduled")).to_have_text("Đã lên lịch")
    expect(page.locator(".badge-pending")).to_have_text("Chờ duyệt")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # nothing hidden to the right of the list's own scrolling box either
    assert page.evaluate(
        "(r => r.scrollWidth <= r.clientWidth)(document.querySelector('#changelist-form .results'))"
    )
    right = page.evaluate(
        "document.querySelector('#changelist-form .results').getBoundingClientRect().right"
    )
    for column in ("status_badge", "publish_time", "is_featured"):
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box is not None and box["x"] + box["width"] <= right + 1, column
    page.screenshot(path=str(artifacts / "admin-article-list-1366.png"))


def test_the_editor_reads_as_vietnamese_with_headings_that_look_like_headings(live_server, page):
    make_staff("Editors", username="bientap")
    article = make_article(status=Article.Status.DRAFT, body="<h2>Tiêu đề phụ</h2><p>Đoạn văn.</p>")
    sign_in(page, live_server, "bientap")
    page.goto(change_url(live_server, article))
    wait_for_editor(page)
    heading = page.locator(".ck-editor__editable h2")
    paragraph = page.locator(".ck-editor__editable p").first
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert heading.evaluate(size) >= 1.4 * paragraph.evaluate(size)
    assert heading.evaluate("el => getComputedStyle(el).fontWeight") in ("700", "bold")
    labels = page.locator(".ck-toolbar [data-cke-tooltip-text]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-cke-tooltip-text'))"
    )
    assert "Xóa định dạng" in labels and "Xóa định dang" not in labels
    # Select2's message when suggestions cannot be loaded (it was English)
    message = page.evaluate(
        "django.jQuery.fn.select2.amd.require('select2/i18n/vi').errorLoading()"
    )
    assert message == "Không tải được kết quả."
