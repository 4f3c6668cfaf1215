"""Reader feedback in a real browser: a reader writes, a moderator approves, the reader sees it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_staff
from tests.feedback.factories import ensure_migration_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _feedback_setup(settings, transactional_db):
    settings.FEEDBACK_MIN_SECONDS = 0  # Playwright fills a form faster than any person
    settings.FEEDBACK_RATE_LIMIT = 100
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ensure_migration_data()  # roles and privacy notice: earlier transactional tests flushed them


def test_reader_sends_feedback_a_moderator_approves_it_and_the_reader_sees_it(
    live_server, browser, page
):
    article = make_article(title="Thành phố mở thêm tuyến xe buýt")
    make_staff("Moderators", username="kiemduyet")
    article_url = live_server.url + article.get_absolute_url()

    # The reader writes, with a mistake first: the error is next to the field and nothing is lost.
    page.goto(article_url)
    form = page.locator("form.feedback-form")
    form.get_by_label("Họ và tên").fill("Đỗ Thị Hoa")
    form.get_by_label("Thư điện tử").fill("hoa-khong-hop-le")
    form.get_by_label("Điện thoại").fill("0912.345.678")
    form.get_by_label("Nội dung phản hồi").fill("Tuyến mới rất tiện cho học sinh <b>đi học</b>.")
    form.get_by_label(re.compile("Tôi đồng ý")).check()
    form.get_by_role("button", name="Gửi phản hồi").click()
    expect(page.locator("#id_email_error")).to_contain_text("Nhập địa chỉ thư điện tử hợp lệ")
    expect(page.get_by_label("Nội dung phản hồi")).to_have_value(
        "Tuyến mới rất tiện cho học sinh <b>đi học</b>."
    )
    page.get_by_label("Thư điện tử").fill("hoa.do@example.vn")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi phản hồi").click()
    expect(page.locator(".feedback-notice")).to_contain_text(
        "sẽ được hiển thị sau khi được kiểm duyệt"
    )
    assert page.url.endswith("#phan-hoi")
    expect(page.locator(".feedback-list")).to_have_count(0)  # not shown before review

    # A moderator approves it in the admin.
    moderator = browser.new_context(locale="vi-VN")
    admin = moderator.new_page()
    admin.goto(live_server.url + "/admin/login/?next=/admin/")
    admin.locator("#id_username").fill("kiemduyet")
    admin.locator("#id_password").fill("pw-for-tests-only")
    admin.locator("input[type=submit]").click()
    expect(admin.locator(".feedback-waiting")).to_contain_text("1 phản hồi mới đang chờ kiểm duyệt")
    admin.get_by_role("link", name="Kiểm duyệt ngay").click()
    admin.locator("#result_list").get_by_role("link", name=re.compile("Tuyến mới rất tiện")).click()
    expect(admin.locator("body")).to_contain_text("hoa.do@example.vn")
    expect(admin.locator("body")).to_contain_text("+84912345678")
    admin.get_by_role("button", name="Duyệt và đăng").click()
    expect(admin.locator(".messagelist")).to_contain_text("Đã duyệt")
    moderator.close()

    # The reader sees it under the article, escaped, without the contact details.
    page.goto(article_url)
    item = page.locator(".feedback-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Đỗ Thị Hoa")
    expect(item).to_contain_text("Tuyến mới rất tiện cho học sinh <b>đi học</b>.")
    expect(page.locator("#phan-hoi")).not_to_contain_text("hoa.do@example.vn")


def test_contact_form_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/lien-he/")
    expect(page.get_by_role("heading", name="Liên hệ – Góp ý")).to_be_visible()
    expect(
        page.get_by_label("Để trống ô này")
    ).not_to_be_in_viewport()  # the honeypot is off screen
    page.get_by_label("Họ và tên").fill("Vũ Văn Nam")
    page.get_by_label("Thư điện tử").fill("nam.vu@example.vn")
    page.get_by_label("Nội dung phản hồi").fill("Đề nghị đăng thêm lịch tiếp công dân của tỉnh.")
    page.get_by_role("button", name="Gửi phản hồi").click()
    expect(page.locator("#id_consent_error")).to_contain_text("Hãy đánh dấu vào ô này")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi phản hồi").click()
    expect(page.locator(".feedback-notice")).to_contain_text("Cảm ơn bạn")
    from feedback.models import Feedback

    assert Feedback.objects.get().article is None
    context.close()


@pytest.mark.parametrize("path", ["/lien-he/", "/chinh-sach-bao-mat/", "ERRORS"])
def test_feedback_pages_have_no_serious_accessibility_violations(live_server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server.url + ("/lien-he/" if path == "ERRORS" else path))
    if path == "ERRORS":  # the form as shown again with an error next to every required field
        page.get_by_role("button", name="Gửi phản hồi").click()
        expect(page.locator(".field-error").first).to_be_visible()
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], results.generate_report()
