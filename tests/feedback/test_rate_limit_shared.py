"""With Redis configured, app servers share the rate limit: another process's submissions count."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from feedback import spam

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (the CI's second run sets it)"
)
def test_another_app_server_uses_up_the_same_limit(settings):
    settings.FEEDBACK_RATE_LIMIT = 5
    settings.FEEDBACK_RATE_WINDOW_SECONDS = 86_400
    ip = "192.0.2.77"
    # A second "app server": its own process, its own connection to Redis.
    env = {**os.environ, "FEEDBACK_RATE_LIMIT": "5", "FEEDBACK_RATE_WINDOW_SECONDS": "86400"}
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
