"""With Redis configured, app servers share the rate limit: another process's submissions count."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from feedback import spam

ROOT = Path(__file__).resolve().parents[2]


def redis_url() -> str | None:
    """REDIS_URL, or a Redis answering on the usual port (as on the CI machine), else None."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/15"


REDIS_URL = redis_url()
IP = "192.0.2.77"


@pytest.mark.skipif(
    REDIS_URL is None, reason="needs a Redis server (REDIS_URL, or one on 127.0.0.1:6379)"
)
def test_another_app_server_uses_up_the_same_limit(settings):
    # A key prefix of this run's own, and no cache.clear() (FLUSHDB): test runs going on at the
    # same time on the same Redis must not wipe each other's counts.
    prefix = f"portal-test-shared-limit-{uuid.uuid4().hex}"
    original_caches = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 600,
        }
    }
    try:
        _check_shared_limit(settings, prefix)
    finally:
        from django.core.cache import cache

        cache.delete(spam._window(IP)[0])
        settings.CACHES = original_caches  # the autouse cache.clear() then empties local memory


def _check_shared_limit(settings, prefix):
    settings.FEEDBACK_RATE_LIMIT = 5
    settings.FEEDBACK_RATE_WINDOW_SECONDS = 86_400
    ip = IP
    # A second "app server": its own process, its own connection to Redis.
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "FEEDBACK_RATE_LIMIT": "5",
        "FEEDBACK_RATE_WINDOW_SECONDS": "86400",
    }
    code = (
        "import django; django.setup()\n"
        "from feedback import spam\n"
        f"print([spam.rate_limit_hit({ip!r}).limited for _ in range(5)])\n"
    )
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[False, False, False, False, False]", (
        result.stderr
    )
    assert spam.rate_limit_status(ip).limited
    assert spam.rate_limit_hit(ip).limited
