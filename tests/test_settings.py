"""Production settings: refuse to start without a secret; `check --deploy` is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**extra):
    # The project root's .env (development) must not leak in: DEBUG and SECRET_KEY are set here.
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "congthongtin.example.gov.vn",
        "CSRF_TRUSTED_ORIGINS": "https://congthongtin.example.gov.vn",
        "PUBLIC_BASE_URL": "https://congthongtin.example.gov.vn",
        **extra,
    }


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert result.stderr.count("\n") < 40  # a clear message, not pages of traceback


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "PUBLIC_BASE_URL is not set"),
        ("congthongtin.example.gov.vn", "must be a scheme and a host"),
        ("https://congthongtin.example.gov.vn/tin", "must be a scheme and a host"),
    ],
)
def test_refuses_to_start_without_a_public_address_when_debug_is_off(value, message):
    """Absolute links must never come from the Host header, so production needs the address."""
    result = manage("check", **production_env(PUBLIC_BASE_URL=value))
    assert result.returncode != 0
    assert message in result.stderr
    assert result.stderr.count("\n") < 5


def production_value(expression):
    script = f"from django.conf import settings; print(repr({expression}))"
    result = manage("shell", "-c", script, **production_env())
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_proxy_headers_are_not_trusted_unless_a_proxy_is_configured():
    # Without a proxy, X-Forwarded-For/-Proto come from the client: trusting them by default let
    # every client choose its own address for the rate limits.
    assert production_value("settings.SECURE_PROXY_SSL_HEADER") == "None"
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        **production_env(BEHIND_HTTPS_PROXY="1"),
    )
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in result.stdout


def test_production_cookies_are_host_only_secure_and_same_site():
    names = (
        "(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME)"
    )
    assert (
        production_value(names)
        == "('__Host-sessionid', '__Host-csrftoken', '__Host-django_language')"
    )
    flags = (
        "(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.LANGUAGE_COOKIE_SECURE,"
        " settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE,"
        " settings.LANGUAGE_COOKIE_SAMESITE)"
    )
    assert production_value(flags) == "(True, True, True, 'Lax', 'Lax', 'Lax')"


def test_language_and_time_zone():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert dict(settings.LANGUAGES).keys() == {"vi", "en"}


def test_the_local_memory_cache_holds_a_sites_rendered_cards():
    # Django's default of 300 entries would evict the cards of one busy list page after another.
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['OPTIONS']['MAX_ENTRIES'])"
    )
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    for extra, expected in (({}, "5000"), ({"LOCAL_CACHE_MAX_ENTRIES": "20000"}, "20000")):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**environment, **production_env(**extra)},
        )
        assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
