"""The newsroom's workflow in a real browser: CKEditor, tag suggestions, "Now", preview, publish."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Author
from tests.factories import make_article, make_author, make_category, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw-for-tests-only")
    page.locator("input[type=submit]").click()


def test_an_author_writes_a_draft_and_an_editor_publishes_it(live_server, browser, page, artifacts):
    make_category(name="Thời sự", slug="thoi-su")
    author_user = make_staff("Authors", username="tacgia")
    Author.objects.create(
        name="Lê Văn Tác", slug="le-van-tac", user=author_user, unit=make_author().unit
    )
    make_staff("Editors", username="bientap")
    make_article(tags=["chuyển đổi số"])  # an existing tag to be suggested

    # The admin runs under its own Content-Security-Policy: nothing CKEditor needs may be refused.
    page.add_init_script(
        "window.refused = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.refused.push(e.effectiveDirective + ' ' + e.blockedURI));"
    )

    # The author: title fills the slug, CKEditor takes the body, existing tags are suggested.
    sign_in(page, live_server, "tacgia")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Đường làng mới sau mùa mưa lũ")
    expect(page.locator("#id_slug")).to_have_value("duong-lang-moi-sau-mua-mua-lu")
    page.locator("#id_lead").fill("Người dân góp công, góp sức làm lại con đường.")
    editor = page.locator(".ck-editor__editable")
    editor.click()
    editor.press_sequentially("Con đường dài hai cây số đã hoàn thành.")
    _choose_autocomplete(page, "category", "Thời sự")
    page.locator("#id_tags").press_sequentially("chuy")
    expect(page.locator("#id_tags_suggestions option")).to_have_count(1)
    assert (
        page.locator("#id_tags_suggestions option").first.get_attribute("value") == "chuyển đổi số"
    )
    page.locator("#id_tags").fill("chuyển đổi số, nông thôn")
    statuses = page.locator("#id_status option").all_inner_texts()
    assert statuses == ["Bản nháp", "Chờ duyệt"]  # no way to publish from the author's form
    page.locator("#id_status").select_option("pending")
    assert page.evaluate("window.refused") == []
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    article = Article.objects.get(slug="duong-lang-moi-sau-mua-mua-lu")
    assert article.status == "pending" and "Con đường dài hai cây số" in article.body
    assert sorted(article.tags.names()) == ["chuyển đổi số", "nông thôn"]
    page.screenshot(path=str(artifacts / "admin-author-list.png"), full_page=True)

    # The editor: preview, then publish now with the "Now" shortcut.
    editor_page = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    ).new_page()
    sign_in(editor_page, live_server, "bientap")
    editor_page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    with editor_page.expect_popup() as popup:
        editor_page.get_by_role("link", name="Xem trước").click()
    expect(popup.value.locator("h1")).to_contain_text("Đường làng mới sau mùa mưa lũ")
    editor_page.locator("#id_status").select_option("published")
    editor_page.locator(".field-publish_at .datetimeshortcuts").first.get_by_role(
        "link", name="Hôm nay"
    ).click()
    editor_page.locator(".field-publish_at .datetimeshortcuts").last.get_by_role(
        "link", name="Bây giờ"
    ).click()
    editor_page.screenshot(path=str(artifacts / "admin-editor-form.png"), full_page=True)
    editor_page.locator("input[name=_save]").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("thành công")
    article.refresh_from_db()
    assert article.is_published()
    assert [c.to_status for c in article.status_changes.order_by("changed_at", "id")] == [
        "pending",
        "published",
    ]

    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Đường làng mới sau mùa mưa lũ").first).to_be_visible()


def _choose_autocomplete(page, field, text):
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=re.compile(text)).first.click()
