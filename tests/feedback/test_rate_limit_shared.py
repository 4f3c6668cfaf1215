"""With Redis configured, app servers share the rate limit: another process's submissions count."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from feedback.traps import THROTTLE

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


needs_redis = pytest.mark.skipif(
    REDIS_URL is None, reason="needs a Redis server (REDIS_URL, or one on 127.0.0.1:6379)"
)


@pytest.fixture
def shared_cache(settings):
    """The project's Redis backend (portal/cache.py) on the shared Redis, under a key prefix of
    this run's own, and no cache.clear() (FLUSHDB): test runs going on at the same time on the
    same Redis must not wipe each other's counts."""
    prefix = f"portal-test-shared-limit-{uuid.uuid4().hex}"
    original_caches = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 600,
        }
    }
    settings.FEEDBACK_RATE_LIMIT = 5
    settings.FEEDBACK_RATE_WINDOW_SECONDS = 86_400
    try:
        yield prefix
    finally:
        from django.core.cache import cache

        cache.delete(THROTTLE.window(IP)[0])
        settings.CACHES = original_caches  # the autouse cache.clear() then empties local memory


def other_app_server(prefix: str, hits: int) -> list[bool]:
    """`hits` submissions counted by a second "app server": its own process, its own connection
    to Redis; whether each was limited."""
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "FEEDBACK_RATE_LIMIT": "5",
        "FEEDBACK_RATE_WINDOW_SECONDS": "86400",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    code = (
        "import json, django; django.setup()\n"
        "from feedback.traps import THROTTLE\n"
        f"print(json.dumps([THROTTLE.hit({IP!r}).limited for _ in range({hits})]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    return json.loads(lines[-1])


@needs_redis
def test_another_app_server_uses_up_the_same_limit(shared_cache):
    assert other_app_server(shared_cache, 5) == [False] * 5
    assert THROTTLE.status(IP).limited
    assert THROTTLE.hit(IP).limited


@needs_redis
def test_a_submission_given_back_here_is_free_on_every_app_server(shared_cache):
    """A message that could not be saved is refunded in the shared count, not only locally."""
    limits = [THROTTLE.hit(IP) for _ in range(5)]
    assert not any(limit.limited for limit in limits)
    THROTTLE.refund(limits[-1])  # its save failed: it does not count
    assert not THROTTLE.status(IP).limited
    assert other_app_server(shared_cache, 2) == [False, True]
