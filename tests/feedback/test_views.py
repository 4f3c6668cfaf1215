import logging

import pytest
from django.core import mail
from django.urls import reverse

from feedback.models import Feedback, FeedbackEvent, TrapHit
from tests.factories import make_article

from .factories import form_data, make_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title="Phường tổ chức tiêm chủng")


def post(client, article, **overrides):
    return client.post(reverse("feedback:article", args=[article.pk]), form_data(**overrides))


class TestSubmission:
    def test_valid_feedback_is_saved_then_redirects_with_thanks(
        self, client, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, article)
        assert response.status_code == 302
        assert response["Location"] == article.get_absolute_url() + "#phan-hoi"
        item = Feedback.objects.get()
        assert (item.article, item.status, item.phone) == (
            article,
            Feedback.Status.NEW,
            "+84912345678",
        )
        assert item.name == "Trần Thị Bình" and item.address == "12 Lê Lợi, phường Bến Thành"
        assert item.privacy_notice.version == 1 and item.consent_at is not None
        assert list(item.events.values_list("action", flat=True)) == [FeedbackEvent.Action.RECEIVED]
        page = client.get(reverse("feedback:contact"))
        assert (
            "sẽ được hiển thị sau khi" in page.content.decode()
        )  # the thank-you survives the redirect
        # The moderators were told, without the sender's contact details.
        assert len(mail.outbox) == 1
        assert (
            "binh.tran@example.vn" not in mail.outbox[0].body and "0912" not in mail.outbox[0].body
        )
        assert mail.outbox[0].to == ["bien-tap@example.vn"]

    def test_thank_you_message_shows_on_the_article_page(self, client, article):
        response = post(client, article, message="Cảm ơn bài viết rất chi tiết và dễ hiểu.")
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "sẽ được hiển thị sau khi" in page.content.decode()
        assert (
            "Cảm ơn bài viết rất chi tiết" not in page.content.decode()
        )  # not published before review

    def test_contact_page_sends_a_general_message(self, client):
        page = client.get(reverse("feedback:contact"))
        assert page.status_code == 200 and "Liên hệ – Góp ý" in page.content.decode()
        response = client.post(reverse("feedback:contact"), form_data())
        assert response.status_code == 302 and response["Location"] == reverse("feedback:contact")
        assert Feedback.objects.get().article is None

    def test_errors_show_next_to_fields_in_vietnamese_and_keep_the_input(self, client, article):
        response = post(
            client,
            article,
            email="khong-phai-email",
            message="ngắn",
            consent=None,
            name="Lê <b>Văn</b> An",
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Nhập địa chỉ thư điện tử hợp lệ" in html
        assert "Hãy viết ít nhất 10 ký tự" in html
        assert "Hãy đánh dấu vào ô này" in html
        assert 'value="khong-phai-email"' in html and "ngắn</textarea>" in html
        assert 'value="Lê &lt;b&gt;Văn&lt;/b&gt; An"' in html  # kept, escaped
        assert 'aria-invalid="true"' in html
        assert not Feedback.objects.exists()

    def test_errors_in_english_when_the_reader_chose_english(self, client, article):
        client.cookies["django_language"] = "en"
        response = post(client, article, email="not-an-email")
        assert "Enter a valid e-mail address" in response.content.decode()

    def test_form_is_csrf_protected(self, article):
        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(
            reverse("feedback:article", args=[article.pk]), form_data()
        )
        assert response.status_code == 403
        assert not Feedback.objects.exists()

    def test_unpublished_article_takes_no_feedback(self, client):
        draft = make_article(status="draft")
        assert post(client, draft).status_code == 404


class TestEmailFailure:
    @pytest.mark.parametrize("backend", ["BrokenEmailBackend", "SlowEmailBackend"])
    def test_a_failing_mail_server_loses_nothing_and_shows_no_error(
        self, client, article, settings, django_capture_on_commit_callbacks, caplog, backend
    ):
        settings.EMAIL_BACKEND = f"tests.feedback.backends.{backend}"
        with (
            caplog.at_level(logging.ERROR, logger="feedback"),
            django_capture_on_commit_callbacks(execute=True) as callbacks,
        ):
            response = post(client, article)
        assert len(callbacks) == 1  # the notification ran, after the commit
        assert response.status_code == 302
        item = Feedback.objects.get()
        assert item.notified_at is None  # left for the digest
        assert "could not notify moderators" in caplog.text
        assert "sẽ được hiển thị sau khi" in client.get(response["Location"]).content.decode()


class TestHoneypot:
    def test_filled_honeypot_is_thanked_but_not_saved_and_counted(self, client, article, caplog):
        with caplog.at_level(logging.WARNING, logger="feedback.spam"):
            response = post(client, article, website="http://spam.example")
        assert response.status_code == 302
        assert not Feedback.objects.exists()
        assert TrapHit.objects.get(kind="honeypot").count == 1
        assert "kind=honeypot" in caplog.text and "127.0.0.1" not in caplog.text
        post(client, article, website="x")
        assert TrapHit.objects.get(kind="honeypot").count == 2

    def test_empty_honeypot_lets_a_reader_through(self, client, article):
        assert post(client, article, website="").status_code == 302
        assert Feedback.objects.count() == 1


class TestTimeTrap:
    def test_too_fast_is_refused_with_a_new_token_and_counted(self, client, article, settings):
        settings.FEEDBACK_MIN_SECONDS = 60
        response = post(client, article)
        assert response.status_code == 200
        assert "Bạn gửi quá nhanh" in response.content.decode()
        assert not Feedback.objects.exists()
        assert TrapHit.objects.get(kind="too_fast").count == 1

    def test_too_fast_keeps_the_token_so_the_reader_can_send_again(self, client, article, settings):
        import re

        settings.FEEDBACK_MIN_SECONDS = 60
        data = form_data()
        html = client.post(reverse("feedback:article", args=[article.pk]), data).content.decode()
        # The form shown again carries the first token: its age keeps counting from the first showing.
        assert re.search(r'name="token" value="([^"]+)"', html).group(1) == data["token"]
        assert 'value="Trần Thị Bình"' in html

    def test_field_errors_come_first_and_are_not_counted_as_traps(self, client, article, settings):
        import re

        settings.FEEDBACK_MIN_SECONDS = 60
        html = post(client, article, message="ngắn").content.decode()
        assert "Hãy viết ít nhất 10 ký tự" in html and "Bạn gửi quá nhanh" not in html
        html = post(client, article, message="ngắn", token="forged").content.decode()
        assert "Biểu mẫu đã hết hạn" not in html
        assert (
            re.search(r'name="token" value="([^"]+)"', html).group(1) != "forged"
        )  # renewed quietly
        assert not TrapHit.objects.exists()

    def test_a_reader_who_took_their_time_gets_through(self, client, article, settings):
        from django.core import signing

        settings.FEEDBACK_MIN_SECONDS = 3
        # A token signed 10 seconds ago, as the form would have been when the reader opened it.
        token = signing.TimestampSigner(salt="feedback.form-token")
        import time

        original = time.time
        try:
            time.time = lambda: original() - 10
            old_token = token.sign("feedback")
        finally:
            time.time = original
        assert post(client, article, token=old_token).status_code == 302
        assert Feedback.objects.count() == 1

    @pytest.mark.parametrize("token", ["", "forged", "feedback:1abc:deadbeef", "x" * 500])
    def test_missing_or_forged_tokens_are_refused(self, client, article, token):
        response = post(client, article, token=token)
        assert response.status_code == 200
        assert "Biểu mẫu đã hết hạn" in response.content.decode()
        assert not Feedback.objects.exists()
        assert TrapHit.objects.get(kind="bad_token").count == 1

    def test_expired_token_is_refused(self, client, article, settings):
        settings.FEEDBACK_FORM_MAX_AGE_SECONDS = -1
        assert "Biểu mẫu đã hết hạn" in post(client, article).content.decode()


class TestRateLimit:
    def test_sixth_submission_in_the_window_gets_a_friendly_429(self, client, article):
        for n in range(5):
            assert (
                post(client, article, message=f"Góp ý số {n} cho bài viết này.").status_code == 302
            )
        response = post(client, article, message="Góp ý số sáu cho bài viết này.")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 600
        html = response.content.decode()
        assert "Xin vui lòng đợi" in html and "phút" in html
        assert Feedback.objects.count() == 5
        assert TrapHit.objects.get(kind="rate_limited").count == 1

    def test_other_addresses_are_not_limited(self, client, article, settings):
        settings.FEEDBACK_RATE_LIMIT = 1
        assert post(client, article).status_code == 302
        assert post(client, article, message="Một góp ý khác hẳn nữa.").status_code == 429
        other = client.post(
            reverse("feedback:article", args=[article.pk]),
            form_data(message="Góp ý từ một máy khác."),
            REMOTE_ADDR="203.0.113.9",
        )
        assert other.status_code == 302

    def test_invalid_forms_do_not_use_up_the_limit(self, client, article, settings):
        settings.FEEDBACK_RATE_LIMIT = 1
        for _ in range(3):
            assert post(client, article, message="ngắn").status_code == 200
        assert post(client, article).status_code == 302

    def test_proxy_header_is_used_when_configured(self, client, article, settings):
        settings.FEEDBACK_RATE_LIMIT = 1
        settings.FEEDBACK_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
        url = reverse("feedback:article", args=[article.pk])
        assert client.post(url, form_data(), HTTP_X_REAL_IP="198.51.100.1").status_code == 302
        assert (
            client.post(
                url, form_data(message="Thêm một ý kiến nữa."), HTTP_X_REAL_IP="198.51.100.2"
            ).status_code
            == 302
        )
        assert (
            client.post(
                url, form_data(message="Ý kiến thứ ba ở đây."), HTTP_X_REAL_IP="198.51.100.1"
            ).status_code
            == 429
        )


class TestSpamHeuristics:
    def test_many_links_are_kept_as_spam(self, client, article):
        post(client, article, message="Xem http://a.example http://b.example http://c.example ngay")
        item = Feedback.objects.get()
        assert item.status == Feedback.Status.SPAM and "links" in item.spam_reason

    @pytest.mark.parametrize(
        "text",
        [
            "Chơi nổ hũ đổi thưởng uy tín nhất",
            "Vao ngay trang no hu uy tin",
            "Best CASINO bonus here today",
        ],
    )
    def test_spam_words_are_kept_as_spam(self, client, article, text):
        post(client, article, message=text)
        assert Feedback.objects.get().status == Feedback.Status.SPAM

    def test_ordinary_vietnamese_is_not_spam(self, client, article):
        post(client, article, message="Cả cuộc đời ông gắn bó với quê hương, xin cảm ơn bài viết.")
        assert Feedback.objects.get().status == Feedback.Status.NEW

    def test_repeated_identical_text_is_kept_as_spam(self, client, article, settings):
        settings.FEEDBACK_RATE_LIMIT = 100
        post(client, article, message="Đề nghị sửa đường Lê Lợi sớm.")
        post(client, article, message="đề nghị  sửa đường LÊ LỢI sớm.")
        assert list(Feedback.objects.order_by("id").values_list("status", flat=True)) == [
            "new",
            "spam",
        ]

    def test_spam_does_not_notify_moderators(
        self, client, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post(client, article, message="casino casino casino bonus")
        assert mail.outbox == []


class TestArticlePage:
    def test_approved_feedback_shows_escaped_oldest_first_without_contact_details(
        self, client, article
    ):
        make_feedback(
            article=article,
            status="approved",
            name="Người thứ nhất",
            message="<script>alert(1)</script> đầu tiên",
        )
        make_feedback(
            article=article,
            status="approved",
            name="Người thứ hai",
            message="Ý kiến thứ hai",
            answer="Tòa soạn xin trả lời <b>ngay</b>",
            answer_published=True,
        )
        make_feedback(article=article, status="new", message="Chưa duyệt thì không hiện")
        make_feedback(article=article, status="spam", message="Thư rác không hiện")
        make_feedback(
            article=article,
            status="approved",
            message="Trả lời chưa công bố",
            answer="Bí mật",
            answer_published=False,
        )
        html = client.get(article.get_absolute_url()).content.decode()
        assert html.index("Người thứ nhất") < html.index("Người thứ hai")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
        assert "Tòa soạn xin trả lời &lt;b&gt;ngay&lt;/b&gt;" in html
        assert "Chưa duyệt" not in html and "Thư rác" not in html and "Bí mật" not in html
        assert "@example.vn" not in html

    def test_query_count_does_not_grow_with_feedback(
        self, client, article, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        make_feedback(article=article, status="approved")
        with CaptureQueriesContext(connection) as one:
            client.get(article.get_absolute_url())
        for _ in range(60):
            make_feedback(article=article, status="approved")
        with django_assert_max_num_queries(len(one.captured_queries)):
            html = client.get(article.get_absolute_url()).content.decode()
        assert "(61)" in html and html.count('class="feedback-item"') == 20
        assert reverse("feedback:article", args=[article.pk]) in html

    def test_feedback_block_is_one_query(self, rf, article, django_assert_num_queries):
        from django.template import Context, Template

        for _ in range(30):
            make_feedback(article=article, status="approved")
        template = Template(
            '{% include "feedback/includes/article_feedback.html" with article=article %}'
        )
        request = rf.get("/")
        with django_assert_num_queries(1):
            html = template.render(Context({"article": article, "request": request}))
        assert html.count('class="feedback-item"') == 20

    def test_all_feedback_page_is_paginated(self, client, article):
        for n in range(25):
            make_feedback(
                article=article, status="approved", message=f"Ý kiến số {n:02d} của bạn đọc"
            )
        url = reverse("feedback:article", args=[article.pk])
        first, second = (
            client.get(url).content.decode(),
            client.get(url + "?page=2").content.decode(),
        )
        assert "Ý kiến số 00" in first and "Ý kiến số 20" not in first
        assert "Ý kiến số 20" in second and "Ý kiến số 24" in second
        assert client.get(url + "?page=abc").status_code == 404


def test_privacy_page_shows_current_notice_and_retention(client, settings):
    settings.FEEDBACK_RETENTION_DAYS = 200
    html = client.get(reverse("feedback:privacy")).content.decode()
    assert "Phiên bản 1" in html and "200" in html and reverse("feedback:contact") in html
