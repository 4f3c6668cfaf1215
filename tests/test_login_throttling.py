"""Staff sign-in: throttling by account and by address, the lockout page, unlocking, password
rules and session expiry (issue 10). Sign-in goes through the admin's own form throughout."""

import os
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from portal.login import SESSION_RENEWED_KEY
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
PASSWORD = "Đúng-mật-khẩu-2026"
WRONG = "sai-mat-khau"
OFFICE = "203.0.113.7"
HOME = "198.51.100.20"
LOCKED_VI = "tạm thời bị khóa"


class CountingHasher(MD5PasswordHasher):
    """A real (fast) hasher that counts the password hashes the server computes."""

    algorithm = "counting_md5"
    computed = 0

    def encode(self, password, salt):
        CountingHasher.computed += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def _sign_in_settings(settings):
    settings.PASSWORD_HASHERS = ["tests.test_login_throttling.CountingHasher"]
    settings.SECURE_PROXY_SSL_HEADER = None  # no proxy: the address is REMOTE_ADDR
    settings.FEEDBACK_CLIENT_IP_HEADER = ""
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
    settings.LOGIN_FAILURES_PER_ACCOUNT = 10
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def editor():
    user = make_staff("Editors", username="bientap")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, address=OFFICE, **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def fail(client, times, username="bientap", address=OFFICE):
    """`times` wrong passwords; the status code of the last answer."""
    for _ in range(times):
        response = sign_in(client, username, WRONG, address)
    return response.status_code


class TestAccountLock:
    def test_wrong_passwords_from_one_address_lock_the_account(self, client, editor):
        before = CountingHasher.computed
        assert fail(client, 4) == 200  # the form again, with its error
        assert CountingHasher.computed == before + 4  # each failure cost one hash
        assert fail(client, 1) == 429  # the fifth locks
        hashed = CountingHasher.computed

        response = sign_in(client, "bientap", PASSWORD)
        assert response.status_code == 429
        assert LOCKED_VI in response.content.decode()
        assert not signed_in(client)
        assert CountingHasher.computed == hashed  # refused before any password was hashed

    def test_rotating_addresses_still_lock_the_account(self, client, editor):
        for n in range(1, 10):
            assert sign_in(client, "bientap", WRONG, f"192.0.2.{n}").status_code == 200
        assert sign_in(client, "bientap", WRONG, "192.0.2.10").status_code == 429  # the tenth
        hashed = CountingHasher.computed

        assert sign_in(client, "bientap", PASSWORD, HOME).status_code == 429
        assert not signed_in(client)
        assert CountingHasher.computed == hashed

    def test_below_every_limit_the_right_password_signs_in(self, client, editor):
        for n in range(1, 10):  # nine failures, one from each address
            sign_in(client, "bientap", WRONG, f"192.0.2.{n}")
        assert sign_in(client, "bientap", PASSWORD, HOME).status_code == 302
        assert signed_in(client)

    def test_one_address_cannot_lock_the_account_for_its_owner(self, client, editor):
        assert fail(client, 5, address=HOME) == 429
        assert fail(client, 20, address=HOME) == 429  # refused, and not counted any more
        assert sign_in(client, "bientap", PASSWORD, OFFICE).status_code == 302
        assert signed_in(client)

    def test_addresses_within_one_ipv6_64_count_as_one(self, client, editor):
        for n in range(1, 5):
            assert sign_in(client, "bientap", WRONG, f"2001:db8:1:2::{n}").status_code == 200
        assert sign_in(client, "bientap", WRONG, "2001:db8:1:2:ffff::5").status_code == 429
        assert sign_in(client, "bientap", PASSWORD, "2001:db8:1:2::99").status_code == 429
        assert sign_in(client, "bientap", PASSWORD, "2001:db8:1:3::1").status_code == 302

    def test_a_forged_x_forwarded_for_gives_no_new_address(self, client, editor):
        for n in range(1, 6):
            response = sign_in(client, "bientap", WRONG, HOME, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        assert response.status_code == 429
        response = sign_in(client, "bientap", PASSWORD, HOME, HTTP_X_FORWARDED_FOR="10.9.9.9")
        assert response.status_code == 429

    def test_counted_in_the_database_when_the_cache_keeps_nothing(self, client, editor, settings):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        assert fail(client, 5) == 429
        assert sign_in(client, "bientap", PASSWORD).status_code == 429
        assert AccessAttempt.objects.filter(username="bientap", ip_address=OFFICE).exists()


class TestAddressLock:
    def test_one_address_against_many_accounts_gets_locked(self, client, editor):
        for n in range(1, 20):
            assert sign_in(client, f"khach{n}", WRONG).status_code == 200
        assert sign_in(client, "khach20", WRONG).status_code == 429
        hashed = CountingHasher.computed

        assert sign_in(client, "bientap", PASSWORD).status_code == 429  # any account, here
        assert CountingHasher.computed == hashed
        assert sign_in(client, "bientap", PASSWORD, HOME).status_code == 302  # elsewhere: fine


class TestLockoutPage:
    def test_says_in_vietnamese_what_happened_for_how_long_and_whom_to_ask(self, client, editor):
        response = fail(client, 5) and sign_in(client, "bientap", PASSWORD)
        page = response.content.decode()
        assert response.status_code == 429
        assert response["Content-Language"] == "vi"
        assert "Đăng nhập tạm thời bị khóa" in page
        assert "tài khoản này hoặc từ địa chỉ mạng của bạn tạm thời bị khóa" in page
        assert "15 phút" in page
        assert "liên hệ quản trị viên" in page
        assert 'id="login-form"' in page  # the admin's form stays, to try again later
        assert int(response["Retry-After"]) == 15 * 60

    def test_counts_down_the_time_left(self, client, editor):
        fail(client, 5)
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
        response = sign_in(client, "bientap", PASSWORD)
        assert response.status_code == 429
        assert "thử lại sau 5 phút" in response.content.decode()

    def test_english_when_chosen(self, client, editor, settings):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = fail(client, 5) and sign_in(client, "bientap", PASSWORD)
        assert "temporarily locked. Try again in 15 minutes" in response.content.decode()

    def test_the_form_error_before_the_lock_is_vietnamese_too(self, client, editor):
        response = sign_in(client, "bientap", WRONG)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Bạn hãy nhập đúng Tên đăng nhập và mật khẩu" in page
        assert "<title>Lỗi: Đăng nhập" in page  # Django's catalogue lacks "Error:"; ours has it


class TestUnlocking:
    def test_the_lock_ends_after_the_cool_off(self, client, editor):
        fail(client, 5)
        assert sign_in(client, "bientap", PASSWORD).status_code == 429
        cool_off = timedelta(minutes=15, seconds=1)
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - cool_off)
        assert sign_in(client, "bientap", PASSWORD).status_code == 302
        assert signed_in(client)

    def test_unlock_login_unlocks_an_account(self, client, editor, capsys):
        for n in range(1, 11):
            sign_in(client, "bientap", WRONG, f"192.0.2.{n}")
        assert sign_in(client, "bientap", PASSWORD).status_code == 429
        call_command("unlock_login", "bientap")
        assert "Unlocked account “bientap”" in capsys.readouterr().out
        assert sign_in(client, "bientap", PASSWORD).status_code == 302

    def test_unlock_login_unlocks_an_address(self, client, editor, capsys):
        for n in range(1, 21):
            sign_in(client, f"khach{n}", WRONG)
        assert sign_in(client, "bientap", PASSWORD).status_code == 429
        call_command("unlock_login", OFFICE)
        assert f"Unlocked address {OFFICE}" in capsys.readouterr().out
        assert sign_in(client, "bientap", PASSWORD).status_code == 302

    def test_unlock_login_takes_any_ipv6_address_of_the_64(self, client, editor, capsys):
        assert fail(client, 5, address="2001:db8:1:2::1") == 429
        call_command("unlock_login", "2001:db8:1:2:abcd::9")
        assert "Unlocked address 2001:db8:1:2::/64" in capsys.readouterr().out
        assert sign_in(client, "bientap", PASSWORD, "2001:db8:1:2::1").status_code == 302

    def test_unlock_login_says_when_there_is_nothing_to_unlock(self, capsys):
        call_command("unlock_login", "nobody")
        assert "Nothing to unlock" in capsys.readouterr().out


class TestPasswordRules:
    def test_short_passwords_are_refused(self, editor):
        with pytest.raises(ValidationError) as error:
            validate_password("Toa-soan-26", user=editor)  # 11 characters
        assert "password_too_short" in [e.code for e in error.value.error_list]
        validate_password("Toa-soan-2026", user=editor)  # 13: fine

    def test_the_other_rules_still_apply(self, editor):
        for password in ["123456789012345", "password12345", "bientap.2026"]:
            with pytest.raises(ValidationError):
                validate_password(password, user=editor)


class TestStaffSessions:
    def session_row(self, client) -> Session:
        return Session.objects.get(pk=client.session.session_key)

    def test_a_staff_sign_in_lasts_until_the_browser_closes_and_at_most_the_idle_limit(
        self, client, editor, settings
    ):
        if not os.environ.get("SESSION_COOKIE_AGE_SECONDS"):
            assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
        response = sign_in(client, "bientap", PASSWORD)
        assert response.status_code == 302
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["max-age"] == "" and cookie["expires"] == ""  # ends with the browser
        expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        assert abs(self.session_row(client).expire_date - expected) < timedelta(minutes=1)

    def test_activity_pushes_the_end_back_at_most_every_5_minutes(self, client, editor, settings):
        sign_in(client, "bientap", PASSWORD)
        key = client.session.session_key
        soon = timezone.now() + timedelta(hours=1)
        Session.objects.filter(pk=key).update(expire_date=soon)
        assert client.get("/admin/").status_code == 200
        assert Session.objects.get(pk=key).expire_date == soon  # renewed at sign-in: no write

        session = client.session
        session[SESSION_RENEWED_KEY] -= 6 * 60
        session.save()
        Session.objects.filter(pk=key).update(expire_date=soon)
        assert client.get("/admin/").status_code == 200
        expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        assert abs(Session.objects.get(pk=key).expire_date - expected) < timedelta(minutes=1)

    def test_an_idle_session_has_ended(self, client, editor):
        sign_in(client, "bientap", PASSWORD)
        Session.objects.filter(pk=client.session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
