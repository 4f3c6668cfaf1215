"""Reader feedback in a real browser: a reader writes, a moderator approves, the reader sees it."""

import re

import pytest
from django.urls import reverse
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

    # The article page is the same for every reader (cacheable): it sets no cookie.
    response = page.goto(article_url)
    assert "set-cookie" not in response.headers and "public" in response.headers["cache-control"]
    assert "csrftoken" not in {cookie["name"] for cookie in page.context.cookies()}
    # The reader writes, with a mistake first: the error is next to the field and nothing is lost.
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
    # Thanked on the article's feedback page (never cached), not on the shared article page.
    assert page.url.endswith(reverse("feedback:article", args=[article.pk]) + "#phan-hoi")
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


def test_a_form_on_another_site_is_refused_and_the_reader_can_send_the_text_from_ours(
    live_server, page
):
    """Cross-site request forgery: another site's page posts to our feedback endpoint, even with
    a genuine form token copied from our public article page. The browser says where the form
    was (Origin): refused, nothing saved, and the text comes back on our own page."""
    from feedback.models import Feedback

    article = make_article(title="Lịch cắt điện tuần này")
    page.goto(live_server.url + article.get_absolute_url())
    token = page.locator("form.feedback-form input[name=token]").get_attribute("value")
    action = live_server.url + reverse("feedback:article", args=[article.pk])
    other_site = (
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trang khác</title>'
        f'<form method="post" action="{action}">'
        '<input name="name" value="Người Bị Lợi Dụng"><input name="email" value="a@example.vn">'
        '<input name="message" value="Nội dung do trang khác gửi thay bạn đọc.">'
        f'<input name="consent" value="on"><input name="token" value="{token}">'
        "<button>Gửi</button></form></html>"
    )
    page.route(
        "https://trang-khac.example/**",
        lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=other_site),
    )
    page.goto("https://trang-khac.example/")
    page.get_by_role("button", name="Gửi").click()
    expect(page.locator(".form-errors")).to_contain_text("Phản hồi của bạn chưa được gửi")
    expect(page.get_by_label("Nội dung phản hồi")).to_have_value(
        "Nội dung do trang khác gửi thay bạn đọc."
    )
    assert page.url == action and not Feedback.objects.exists()
    # On our own page now: the reader may send it, and it is received.
    page.get_by_role("button", name="Gửi phản hồi").click()
    expect(page.locator(".feedback-notice")).to_contain_text("Cảm ơn bạn")
    assert Feedback.objects.get().name == "Người Bị Lợi Dụng"


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
