"""With Redis configured, app servers share the rate limit: another process's submissions count."""

import os
import socket
import subprocess
import sys
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


@pytest.mark.skipif(REDIS_URL is None, reason="needs a Redis server (REDIS_URL, or one on 127.0.0.1:6379)")
def test_another_app_server_uses_up_the_same_limit(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal-test-shared-limit",
        }
    }
    from django.core.cache import cache

    cache.clear()
    settings.FEEDBACK_RATE_LIMIT = 5
    settings.FEEDBACK_RATE_WINDOW_SECONDS = 86_400
    ip = "192.0.2.77"
    # A second "app server": its own process, its own connection to Redis.
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "portal-test-shared-limit",
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
