import logging
import re
import time

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from feedback.models import Feedback, FeedbackEvent, TrapHit
from tests.factories import make_article

from .factories import form_data, make_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title="Phường tổ chức tiêm chủng")


def post(client, article, **overrides):
    return client.post(
        reverse("feedback:article", args=[article.pk]), form_data(article, **overrides)
    )


class TestSubmission:
    def test_valid_feedback_is_saved_then_redirects_with_thanks(
        self, client, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, article)
        assert response.status_code == 302
        assert response["Location"] == reverse("feedback:article", args=[article.pk]) + "#phan-hoi"
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

    def test_thank_you_shows_on_the_feedback_page_never_on_the_cached_article_page(
        self, client, article
    ):
        response = post(client, article, message="Cảm ơn bài viết rất chi tiết và dễ hiểu.")
        page = client.get(response["Location"])
        assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
        html = page.content.decode()
        assert "sẽ được hiển thị sau khi" in html and article.get_absolute_url() in html
        assert "Cảm ơn bài viết rất chi tiết" not in html  # not published before review
        # The article page is the same for every reader: it never shows a reader's message.
        response = post(client, article, message="Một góp ý khác cho bài viết này.")
        html = client.get(article.get_absolute_url()).content.decode()
        assert "sẽ được hiển thị sau khi" not in html

    def test_contact_page_sends_a_general_message(self, client):
        page = client.get(reverse("feedback:contact"))
        assert page.status_code == 200 and "Liên hệ – Góp ý" in page.content.decode()
        response = client.post(reverse("feedback:contact"), form_data())
        assert response.status_code == 302 and response["Location"] == reverse("feedback:contact")
        assert Feedback.objects.get().article is None

    def test_the_contact_thank_you_promises_an_answer_not_publication(self, client):
        """Contact messages are never shown on the site: the thank-you must not say they will be."""
        response = client.post(reverse("feedback:contact"), form_data(), follow=True)
        html = response.content.decode()
        assert "Tòa soạn đã nhận được thư của bạn và sẽ trả lời" in html
        assert "thư điện tử hoặc điện thoại nếu cần" in html
        assert "sẽ được hiển thị" not in html and "kiểm duyệt" not in html

    def test_the_thank_you_in_english_for_a_contact_message(self, client, settings):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = client.post(reverse("feedback:contact"), form_data(), follow=True).content.decode()
        assert "will answer you by e-mail or phone if an answer is needed" in html
        assert "will appear after" not in html

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


class TestCrossSiteRequests:
    """No CSRF cookie or token (the form is in cacheable pages): the request's Origin, or its
    Referer, must be this site's own (portal/clients.py), and the signed form token is bound to
    the article."""

    REFUSED = "Phản hồi của bạn chưa được gửi"

    def send(self, article, secure=False, **headers):
        # enforce_csrf_checks: Django's token check would refuse these requests if it applied.
        url = (
            reverse("feedback:article", args=[article.pk])
            if article
            else reverse("feedback:contact")
        )
        return Client(enforce_csrf_checks=True, headers=headers).post(
            url, form_data(article, message="Nội dung tôi đã gõ rất lâu mới xong."), secure=secure
        )

    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "https://evil.example"},
            {"Origin": "http://testserver.evil.example"},
            {"Origin": "http://testserver:8080"},
            {"Origin": "https://testserver"},  # another scheme is another origin
            {"Origin": "null"},
            {},  # neither Origin nor Referer
            {"Referer": "https://evil.example/bai-viet.html"},
            {"Referer": "not a url"},
            {"Origin": "https://evil.example", "Referer": "http://testserver/bai.html"},
        ],
    )
    def test_cross_site_or_unknown_origin_is_refused_and_keeps_the_readers_text(
        self, article, headers
    ):
        response = self.send(article, **headers)
        assert response.status_code == 403
        html = response.content.decode()
        assert self.REFUSED in html and "gửi lại từ trang này" in html
        assert "Nội dung tôi đã gõ rất lâu mới xong.</textarea>" in html
        assert 'value="Trần Thị Bình"' in html and 'value="binh.tran@example.vn"' in html
        assert "csrfmiddlewaretoken" not in html and not response.cookies
        assert not Feedback.objects.exists()
        assert TrapHit.objects.get(kind="cross_site").count == 1

    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "http://testserver"},
            {"Referer": "http://testserver/thoi-su/bai-viet-1.html"},  # a browser without Origin
        ],
    )
    @pytest.mark.parametrize("on_contact_page", [False, True])
    def test_same_origin_is_accepted_without_any_csrf_token(
        self, article, headers, on_contact_page
    ):
        response = self.send(None if on_contact_page else article, **headers)
        assert response.status_code == 302
        assert Feedback.objects.count() == 1 and not TrapHit.objects.exists()

    def test_contact_page_refuses_another_site_too(self):
        assert self.send(None, Origin="https://evil.example").status_code == 403
        assert not Feedback.objects.exists()

    def test_https_needs_an_https_origin_or_referer(self, article, settings):
        settings.PUBLIC_BASE_URL = "https://testserver"  # a site served over https
        assert self.send(article, secure=True, Origin="http://testserver").status_code == 403
        plain, tls = "http://testserver/a.html", "https://testserver/a.html"
        assert self.send(article, secure=True, Referer=plain).status_code == 403
        assert self.send(article, secure=True, Origin="https://testserver").status_code == 302
        assert self.send(article, secure=True, Referer=tls).status_code == 302

    def test_csrf_trusted_origins_are_honoured(self, article, settings):
        settings.CSRF_TRUSTED_ORIGINS = ["https://toa-soan.example.vn", "https://*.tinh.gov.vn"]
        for origin in [
            "https://toa-soan.example.vn",
            "https://cong.tinh.gov.vn",
            "https://tinh.gov.vn",
        ]:
            assert self.send(article, Origin=origin).status_code == 302, origin
        for origin in ["http://toa-soan.example.vn", "https://tinh.gov.vn.evil.example"]:
            assert self.send(article, Origin=origin).status_code == 403, origin

    def test_refused_form_can_be_sent_again_from_the_page(self, client, article):
        import re

        html = self.send(article).content.decode()
        data = {
            name: value
            for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', html)
        }
        data.update(message="Nội dung tôi đã gõ rất lâu mới xong.", consent="on")
        response = client.post(reverse("feedback:article", args=[article.pk]), data)
        assert response.status_code == 302
        assert Feedback.objects.get().name == "Trần Thị Bình"

    def test_a_token_made_for_one_article_is_refused_on_another(self, client, article):
        other = make_article(title="Một bài khác")
        response = client.post(reverse("feedback:article", args=[other.pk]), form_data(article))
        assert response.status_code == 200 and "Biểu mẫu đã hết hạn" in response.content.decode()
        assert not Feedback.objects.exists()
        contact = client.post(reverse("feedback:contact"), form_data(article))
        assert "Biểu mẫu đã hết hạn" in contact.content.decode()
        assert TrapHit.objects.get(kind="bad_token").count == 2


class TestCacheableArticlePage:
    """The article page is served `Cache-Control: public`: it must be the same for every reader."""

    def test_anonymous_article_page_sets_no_cookie_and_has_no_csrf_token(self, article):
        response = Client().get(article.get_absolute_url())
        assert response.status_code == 200 and "public" in response["Cache-Control"]
        assert not response.cookies and "Set-Cookie" not in response.headers
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html and "csrftoken" not in html
        assert 'class="feedback-form"' in html and 'name="token"' in html

    def test_two_readers_get_the_same_page_and_etag_within_a_minute(self, article):
        make_feedback(article=article, status="approved")
        url = article.get_absolute_url()

        def three_readers():
            first, second = Client().get(url), Client().get(url)
            third = Client().get(url, headers={"If-None-Match": first["ETag"]})
            return first, second, third

        first, second, third = within_one_minute(three_readers)
        assert first.content == second.content
        assert first["ETag"] and first["ETag"] == second["ETag"]
        assert third.status_code == 304

    def test_article_page_token_is_rounded_to_the_minute_and_bound_to_the_article(self, article):
        html = Client().get(article.get_absolute_url()).content.decode()
        value, stamp, _signature = token_in(html).rsplit(":", 2)
        assert value == f"article-{article.pk}" and signing.b62_decode(stamp) % 60 == 0
        # The feedback page is never cached: its token is bound to the article too.
        html = Client().get(reverse("feedback:article", args=[article.pk])).content.decode()
        assert token_in(html).startswith(f"article-{article.pk}:")

    def test_a_rounded_token_never_makes_a_reader_wait(self, client, article, settings):
        """The rounded time is never later than the page was made: the measured age is never less
        than the reader's real time on the page, so nobody is wrongly told "too fast"."""
        settings.FEEDBACK_MIN_SECONDS = 3
        now = int(time.time())
        target = f"article-{article.pk}"
        shown_ten_seconds_ago = signed_at(now - 10 - (now - 10) % 60, target)
        assert post(client, article, token=shown_ten_seconds_ago).status_code == 302
        just_now = signed_at(now, target)
        assert "Bạn gửi quá nhanh" in post(client, article, token=just_now).content.decode()


def within_one_minute(requests):
    """Run `requests` again until it ran within one clock minute (tokens change with the minute)."""
    for _ in range(3):
        minute = int(time.time()) // 60
        result = requests()
        if int(time.time()) // 60 == minute:
            return result
    raise AssertionError("could not run the requests within one minute")


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def signed_at(when: int, target: str) -> str:
    """A form token as the site would have made it at the time `when`."""

    class At(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(when)

    return At(salt="feedback.form-token").sign(target)


class TestHoneypot:
    def test_filled_honeypot_is_thanked_but_not_saved_and_counted(self, client, article, caplog):
        with caplog.at_level(logging.WARNING, logger="feedback.spam"):
            response = post(client, article, leave_empty="http://spam.example")
        assert response.status_code == 302
        assert not Feedback.objects.exists()
        assert TrapHit.objects.get(kind="honeypot").count == 1
        assert "kind=honeypot" in caplog.text and "127.0.0.1" not in caplog.text
        post(client, article, leave_empty="x")
        assert TrapHit.objects.get(kind="honeypot").count == 2

    def test_empty_honeypot_lets_a_reader_through(self, client, article):
        assert post(client, article, leave_empty="").status_code == 302
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
        data = form_data(article)
        html = client.post(reverse("feedback:article", args=[article.pk]), data).content.decode()
        # The form shown again carries the first token: its age counts from the first showing.
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
        settings.FEEDBACK_MIN_SECONDS = 3
        # A token signed 10 seconds ago, as the form would have been when the reader opened it.
        old_token = signed_at(int(time.time()) - 10, f"article-{article.pk}")
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
            form_data(article, message="Góp ý từ một máy khác."),
            REMOTE_ADDR="203.0.113.9",
        )
        assert other.status_code == 302

    def test_invalid_forms_do_not_use_up_the_limit(self, client, article, settings):
        settings.FEEDBACK_RATE_LIMIT = 1
        for _ in range(3):
            assert post(client, article, message="ngắn").status_code == 200
        assert post(client, article).status_code == 302

    def test_a_message_that_could_not_be_saved_uses_up_nothing(
        self, client, article, settings, monkeypatch
    ):
        """The article was found but the save failed (the database went away in between): the
        reader gets their text back (503), and only accepted messages count towards the limit."""
        from django.db import OperationalError

        from feedback import moderation

        settings.FEEDBACK_RATE_LIMIT = 1
        real_receive = moderation.receive

        def database_gone(**kwargs):
            raise OperationalError("server closed the connection unexpectedly")

        monkeypatch.setattr(moderation, "receive", database_gone)
        for n in range(3):
            response = post(client, article, message=f"Góp ý lần {n} khi máy chủ trục trặc.")
            assert response.status_code == 503 and response["Retry-After"]
            assert f"Góp ý lần {n} khi máy chủ trục trặc.</textarea>" in response.content.decode()
        monkeypatch.setattr(moderation, "receive", real_receive)
        assert post(client, article).status_code == 302
        assert post(client, article, message="Một góp ý nữa trong cửa sổ.").status_code == 429
        assert Feedback.objects.count() == 1

    def test_proxy_header_is_used_when_configured(self, client, article, settings):
        settings.FEEDBACK_RATE_LIMIT = 1
        settings.FEEDBACK_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
        url = reverse("feedback:article", args=[article.pk])
        first = client.post(url, form_data(article), HTTP_X_REAL_IP="198.51.100.1")
        assert first.status_code == 302
        assert (
            client.post(
                url,
                form_data(article, message="Thêm một ý kiến nữa."),
                HTTP_X_REAL_IP="198.51.100.2",
            ).status_code
            == 302
        )
        assert (
            client.post(
                url,
                form_data(article, message="Ý kiến thứ ba ở đây."),
                HTTP_X_REAL_IP="198.51.100.1",
            ).status_code
            == 429
        )


class TestClientAddressBehindTheProxy:
    """Behind the HTTPS proxy REMOTE_ADDR is the proxy: the limit must follow each reader."""

    PROXY = ("HTTP_X_FORWARDED_PROTO", "https")

    def send(self, client, article, n, **meta):
        return client.post(
            reverse("feedback:article", args=[article.pk]),
            form_data(article, message=f"Góp ý thứ {n} gửi qua máy chủ trung gian."),
            REMOTE_ADDR="10.0.0.2",  # the proxy
            **meta,
        )

    def test_by_default_behind_the_proxy_the_right_most_forwarded_address_is_the_reader(
        self, client, article, settings
    ):
        settings.SECURE_PROXY_SSL_HEADER = self.PROXY
        settings.FEEDBACK_CLIENT_IP_HEADER = ""
        settings.FEEDBACK_RATE_LIMIT = 1
        first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
        assert self.send(client, article, 1, **first).status_code == 302
        # Another reader behind the same proxy is not limited by the first one.
        assert self.send(client, article, 2, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
        # The first reader again, whatever it writes in front of the proxy's entry: limited.
        for spoofed in ["203.0.113.50, 198.51.100.1", "unknown, 10.1.1.1,198.51.100.1"]:
            response = self.send(client, article, 3, HTTP_X_FORWARDED_FOR=spoofed)
            assert response.status_code == 429, spoofed
        assert Feedback.objects.count() == 2

    def test_without_a_forwarded_address_the_proxys_address_is_used(
        self, client, article, settings
    ):
        settings.SECURE_PROXY_SSL_HEADER = self.PROXY
        settings.FEEDBACK_CLIENT_IP_HEADER = ""
        settings.FEEDBACK_RATE_LIMIT = 1
        assert self.send(client, article, 1).status_code == 302
        assert self.send(client, article, 2, HTTP_X_FORWARDED_FOR="garbage").status_code == 429

    def test_without_the_proxy_a_forwarded_header_is_ignored(self, client, article, settings):
        settings.SECURE_PROXY_SSL_HEADER = None
        settings.FEEDBACK_CLIENT_IP_HEADER = ""
        settings.FEEDBACK_RATE_LIMIT = 1
        assert self.send(client, article, 1, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
        # The client wrote the header itself: changing it must not get round the limit.
        assert self.send(client, article, 2, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429

    @pytest.mark.parametrize(
        ("meta", "expected"),
        [
            ({"HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "198.51.100.7"),
            ({"HTTP_X_FORWARDED_FOR": "1.1.1.1, 198.51.100.7"}, "198.51.100.7"),
            ({"HTTP_X_FORWARDED_FOR": "198.51.100.7:51234"}, "198.51.100.7"),
            ({"HTTP_X_FORWARDED_FOR": "2001:DB8::0:1"}, "2001:db8::/64"),
            # the same /64: the same client
            ({"HTTP_X_FORWARDED_FOR": "2001:db8::1:2:3:4"}, "2001:db8::/64"),
            ({"HTTP_X_FORWARDED_FOR": "[2001:db8::1]:443"}, "2001:db8::/64"),
            ({"HTTP_X_FORWARDED_FOR": "::ffff:203.0.113.9"}, "203.0.113.9"),
            ({"HTTP_X_FORWARDED_FOR": "198.51.100.7, "}, "10.0.0.2"),
            ({"HTTP_X_FORWARDED_FOR": "[bad"}, "10.0.0.2"),
            ({}, "10.0.0.2"),
        ],
    )
    def test_client_ip_behind_the_proxy(self, rf, settings, meta, expected):
        from portal.clients import client_ip

        settings.SECURE_PROXY_SSL_HEADER = self.PROXY
        settings.FEEDBACK_CLIENT_IP_HEADER = ""
        assert client_ip(rf.post("/", REMOTE_ADDR="10.0.0.2", **meta)) == expected

    @pytest.mark.parametrize(
        ("behind_proxy", "expected"), [("", "10.0.0.2"), ("1", "198.51.100.7")]
    )
    def test_production_settings_trust_forwarded_addresses_only_behind_a_proxy(
        self, behind_proxy, expected
    ):
        """With DEBUG off, BEHIND_HTTPS_PROXY defaults to off: X-Forwarded-For, which any client can
        send, is ignored. Turned on, the proxy's (right-most) entry is the reader's address."""
        import os
        import subprocess
        import sys
        from pathlib import Path

        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("BEHIND_HTTPS_PROXY", "FEEDBACK_CLIENT_IP_HEADER")
        }
        env.update(
            DEBUG="0",
            SECRET_KEY="test-only-" + "x" * 50,
            ALLOWED_HOSTS="testserver",
            PUBLIC_BASE_URL="https://testserver",
            DATABASE_URL="postgres://nobody@127.0.0.1:1/unused",  # never connected to
            DJANGO_SETTINGS_MODULE="portal.settings",
            BEHIND_HTTPS_PROXY=behind_proxy,
        )
        code = (
            "import django; django.setup()\n"
            "from django.conf import settings\n"
            "from django.test import RequestFactory\n"
            "from portal.clients import client_ip\n"
            "r = RequestFactory().post('/', REMOTE_ADDR='10.0.0.2',"
            " HTTP_X_FORWARDED_FOR='203.0.113.9, 198.51.100.7')\n"
            "print(repr(settings.FEEDBACK_CLIENT_IP_HEADER), client_ip(r))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.split() == ["''", expected], result.stderr


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


@pytest.mark.django_db
@pytest.mark.parametrize("field, limit", [("name", 100), ("address", 300), ("email", 254)])
def test_text_that_grows_when_normalised_is_refused_not_a_500(client, article, field, limit):
    """U+FB2C is one character that NFC turns into three: the limit is checked after normalising."""
    grown = "\ufb2c" * (limit // 2)
    response = post(client, article, **{field: grown})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_the_rate_limit_page_gives_the_reader_their_text_back(client, article, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert post(client, article).status_code == 302
    response = post(client, article, message="Góp ý thứ hai, không được mất chữ nào.")
    assert response.status_code == 429 and response["Retry-After"]
    assert "Góp ý thứ hai, không được mất chữ nào." in response.content.decode()


@pytest.mark.django_db
def test_the_unsaved_message_page_speaks_english_to_english_readers(
    client, article, settings, monkeypatch
):
    from django.db import InterfaceError

    from feedback import moderation

    def connection_closed(**kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(moderation, "receive", connection_closed)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(client, article, message="A message written in English, kept.")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Your feedback has not been sent yet" in html and '<html lang="en">' in html
    assert "A message written in English, kept.</textarea>" in html
