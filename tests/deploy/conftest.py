"""Real servers on loopback (deploy/localstack.py): Redis, gunicorns, nginx, on the test database.

The gunicorns are separate processes: they reach the test database through a DATABASE_URL built
from the test process's own connection (the embedded server's socket folder, or DATABASE_URL's
server), so the tests use `transactional_db` (committed rows, flushed after each test). Their
cache is a private redis-server (or, when the program is missing, REDIS_URL's server in another
database number under a key prefix of their own), emptied before each test.

Without nginx (or without redis-server and REDIS_URL) the tests are skipped with one line saying
what to install; with CI=true they fail instead.
"""

import http.client
import json
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from deploy import localstack

PASSWORD = "pw-for-tests-only"  # tests.factories.make_staff's
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def require(name: str, install: str) -> None:
    """Skip (fail under CI=true) when a program the stack needs is missing."""
    if localstack.program(name) is None:
        message = f"{name} not found: install it ({install}) to run the tests in tests/deploy/"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def require_redis() -> None:
    if localstack.program("redis-server") is None and not os.environ.get("REDIS_URL"):
        require("redis-server", "Debian: apt-get install redis-server")


@pytest.fixture(scope="module")
def test_database_url(django_db_setup, django_db_blocker) -> str:
    """DATABASE_URL of the test database, for the servers' processes."""
    with django_db_blocker.unblock():
        from django.db import connection

        return localstack.database_url(connection.settings_dict)


# --- A small HTTP client: one request per call, cookies kept by the caller -----------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    cookies: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def json(self):
        return json.loads(self.body)


def request(
    base: str, method: str, path: str, *, headers=None, body=None, cookies=None, timeout=30
) -> Answer:
    parts = urllib.parse.urlsplit(base)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=localstack.tls_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    sent = {"User-Agent": BROWSER, **(headers or {})}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body, doseq=True)
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    jar = {}
    for line in response.headers.get_all("Set-Cookie") or []:
        parsed = SimpleCookie()
        parsed.load(line)
        jar.update({k: m.value for k, m in parsed.items()})
    return Answer(response.status, response.headers, data, jar)


def field_value(html: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)" name="{re.escape(name)}"', html
    )
    assert match, f"no field {name} in the page"
    return match.group(1)


def browser_headers(base: str, headers=None) -> dict:
    """What a browser adds to a form POST: Origin and Referer (Django's CSRF check over https)."""
    return {"Origin": base, "Referer": base + "/admin/", **(headers or {})}


def sign_in(base: str, username: str, *, headers=None) -> dict:
    """Sign in through /admin/login/ like a browser; the cookies to send afterwards."""
    headers = browser_headers(base, headers)
    page = request(base, "GET", "/admin/login/", headers=headers)
    assert page.status == 200, page.status
    cookies = dict(page.cookies)
    answer = request(
        base,
        "POST",
        "/admin/login/?next=/admin/",
        headers=headers,
        cookies=cookies,
        body={
            "username": username,
            "password": PASSWORD,
            "next": "/admin/",
            "csrfmiddlewaretoken": field_value(page.text, "csrfmiddlewaretoken"),
        },
    )
    assert answer.status == 302, (answer.status, answer.text[:2000])
    cookies.update(answer.cookies)
    assert any(name.endswith("sessionid") for name in cookies), cookies
    return cookies


def publish_in_admin(base: str, cookies: dict, article, *, headers=None) -> Answer:
    """An editor ticks the article in the admin's list and runs "Publish selected articles"."""
    headers = browser_headers(base, headers)
    listing = request(base, "GET", "/admin/articles/article/", headers=headers, cookies=cookies)
    assert listing.status == 200, listing.status
    answer = request(
        base,
        "POST",
        "/admin/articles/article/",
        headers=headers,
        cookies=cookies,
        body={
            "csrfmiddlewaretoken": field_value(listing.text, "csrfmiddlewaretoken"),
            "action": "publish",
            "_selected_action": str(article.pk),
            "index": "0",
            f"v-{article.pk}": str(article.version),
        },
    )
    assert answer.status == 302, (answer.status, answer.text[:2000])
    return answer


def static_and_media(directory: Path) -> tuple[Path, Path]:
    """A STATIC_ROOT and a MEDIA_ROOT holding files the app itself does not have, so that a 200
    proves nginx served them from disk."""
    static_root, media_root = directory / "static", directory / "media"
    (static_root / "css").mkdir(parents=True)
    (static_root / "deploy-probe.txt").write_text("served by nginx\n")
    (static_root / "css" / "probe.0123456789ab.css").write_text("body { color: #111; }\n")
    (media_root / "covers").mkdir(parents=True)
    (media_root / "documents").mkdir(parents=True)
    (media_root / "covers" / "probe.html").write_text("<script>alert(1)</script>\n")
    (media_root / "documents" / "probe.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return static_root, media_root


def pytest_terminal_summary(terminalreporter):
    """One line at the end when the server tests did not run, saying what to install."""
    reasons = {
        str(r.longrepr[2]).removeprefix("Skipped: ")
        for r in terminalreporter.stats.get("skipped", [])
        if "servers" in getattr(r, "keywords", {}) and isinstance(r.longrepr, tuple)
    }
    for reason in sorted(reasons):
        terminalreporter.write_line(f"NOTE: server tests SKIPPED: {reason}", yellow=True, bold=True)
