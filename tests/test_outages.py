"""Every outside part may fail (DESIGN.md decision 12).

Redis down: the site reads the database, staff sign in, the rate limits count per process, the
outage is logged once, /healthz says the cache is degraded. The Redis servers here are real: a
closed port, a port that accepts connections and never answers, and a redis-server the test
starts, stops and starts again (never the machine's own Redis).

PostgreSQL down: readers and staff get a 503 page with Retry-After, a feedback message comes back
to its writer, and failed attempts are not charged to the rate limit. The outage is real too: the
connection is pointed at a closed port for a moment, and always put back.
"""

import json
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.views_count import beacon_token
from feedback.models import Feedback
from portal import outage
from tests.factories import make_article, make_staff

ROOT = Path(__file__).resolve().parents[1]
ORIGIN = {"Origin": "http://testserver"}  # what a browser sends with the form
STAFF_PASSWORD = "pw-for-tests-only"


# --- Helpers: ports, Redis servers, the project's cache settings --------------------------------


def free_port() -> int:
    """A port nothing listens on (the kernel just handed it out and it was closed again)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def caches_for(redis_url: str, **env) -> dict:
    """CACHES exactly as portal/settings.py makes them when REDIS_URL is set: the tests exercise
    the backend production runs, not one of their own."""
    values = {
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"outage-test-{uuid.uuid4().hex[:12]}",
        "DEBUG": "1",  # only so that the settings module loads without production secrets
        "DATABASE_URL": "postgres://unused@127.0.0.1:1/unused",  # never connected to
        **env,
    }
    with mock.patch.dict(os.environ, values):
        return runpy.run_path(str(ROOT / "portal" / "settings.py"))["CACHES"]


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
needs_redis_server = pytest.mark.skipif(
    not os.path.exists(REDIS_SERVER), reason="needs the redis-server program"
)


class RedisServer:
    """A redis-server of the test's own, on a free port, that the test stops and starts again."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except Exception:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def stop(self, *, keep_data: bool = False) -> None:
        """Stop it (an outage); with keep_data its data is loaded again when it starts, as after
        the restart of a Redis that persists its data."""
        if self.process is None:
            return
        if keep_data:
            self.client().save()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _fresh_outage_state(monkeypatch):
    """Each test sees its own outages: the cache's circuit breakers and the 503 log throttle."""
    from portal import cache as portal_cache

    monkeypatch.setattr(portal_cache, "_breakers", {})
    monkeypatch.setattr(outage, "_reports", outage._Reports())


def use_redis(settings, url: str, **env) -> None:
    settings.CACHES = caches_for(url, **env)
    cache.clear()  # the local fallback too, whatever an earlier test left in it


def cache_log(caplog, level: str) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "portal.cache" and r.levelname == level
    ]


def reader_pages(article) -> list[str]:
    tag = article.tags.get()
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("search:search") + "?q=hoi+cho",
        tag.get_absolute_url(),
        article.author.get_absolute_url(),
        reverse("articles:rss"),
        reverse("articles:atom"),
        "/sitemap.xml",
        reverse("feedback:contact"),
        reverse("feedback:article", args=[article.pk]),
    ]


# --- Redis down ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reader_pages_work_with_redis_unreachable_and_the_outage_is_logged_once(
    client, settings, caplog
):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    article = make_article(title="Hội chợ thương mại tỉnh", tags=["hội chợ"])
    with caplog.at_level("INFO"):
        for _ in range(3):
            for url in reader_pages(article):
                response = client.get(url)
                assert response.status_code == 200, url
        assert "Hội chợ thương mại tỉnh" in client.get("/").content.decode()
        beacon = client.post(
            reverse("articles:view_beacon"),
            json.dumps({"token": beacon_token(article.pk)}),
            content_type="application/json",
            headers=ORIGIN,
        )
        assert beacon.json() == {"counted": True, "views": 1}
        health = client.get("/healthz")
    # Degraded, but serving: no reason for the load balancer to take this server out.
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "cache": "degraded"}
    errors = cache_log(caplog, "ERROR")
    assert len(errors) == 1, errors  # once for the outage, not once per request or per call
    assert "Cache unavailable (Redis at 127.0.0.1:" in errors[0]


@pytest.mark.django_db
def test_staff_sign_in_with_redis_unreachable(client, settings):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    user = make_staff(None)
    page = client.get(reverse("admin:login"))
    assert page.status_code == 200
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": user.username, "password": STAFF_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


@pytest.mark.django_db
def test_rate_limit_and_view_dedup_still_hold_per_process_with_redis_unreachable(client, settings):
    from tests.feedback.factories import form_data

    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    settings.FEEDBACK_RATE_LIMIT = 2
    settings.FEEDBACK_MIN_SECONDS = 0
    url = reverse("feedback:contact")
    answers = [
        client.post(url, form_data(message=f"Góp ý số {n} khi Redis ngừng."), headers=ORIGIN)
        for n in range(3)
    ]
    answers = [response.status_code for response in answers]
    assert answers == [302, 302, 429]
    assert Feedback.objects.count() == 2
    article = make_article()
    counted = [
        Client(headers=ORIGIN)
        .post(
            reverse("articles:view_beacon"),
            json.dumps({"token": beacon_token(article.pk)}),
            content_type="application/json",
        )
        .json()["counted"]
        for _ in range(3)
    ]
    assert counted == [True, False, False]


@pytest.mark.django_db
def test_an_unresponsive_redis_costs_one_timeout_not_one_per_request(client, settings, caplog):
    """A Redis that accepts connections and never answers (a hung server, a black-holed network):
    after the first timeout the breaker keeps requests away from it for REDIS_RETRY_SECONDS."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)  # the kernel completes connections; nobody ever reads or answers
    port = listener.getsockname()[1]
    # Without timeouts a request would wait for ever: close the listener after a while, which
    # resets the waiting connections, so that such code fails instead of hanging the test run.
    watchdog = threading.Timer(30, listener.close)
    watchdog.start()
    try:
        use_redis(
            settings,
            f"redis://127.0.0.1:{port}/0",
            REDIS_SOCKET_TIMEOUT="0.3",
            REDIS_RETRY_SECONDS="60",
        )
        make_article(title="Bài viết khi Redis treo")
        started = time.monotonic()
        for _ in range(20):
            assert client.get("/").status_code == 200
        elapsed = time.monotonic() - started
        assert client.get("/healthz").json()["cache"] == "degraded"
        attempts = 0
        while watchdog.is_alive():  # every connection the cache opened, waiting in the queue
            listener.setblocking(False)
            try:
                listener.accept()[0].close()
            except BlockingIOError:
                break
            attempts += 1
        else:
            attempts = "too many to count: the watchdog had to close the listener"
    finally:
        watchdog.cancel()
        listener.close()
    # Redis was tried once (each try costs a 0.3 s timeout), not once per cache call: the home
    # page makes several, so 20 pages would have waited for well over 30 s.
    assert attempts == 1, attempts
    assert elapsed < 15, f"20 home pages took {elapsed:.1f} s"


@needs_redis_server
@pytest.mark.django_db
def test_a_redis_restart_answers_every_request_and_logs_the_outage_and_the_recovery(
    client, settings, caplog, redis_server
):
    use_redis(settings, redis_server.url, REDIS_RETRY_SECONDS="0.2")
    article = make_article(title="Bài viết khi Redis khởi động lại", tags=["khởi động"])
    with caplog.at_level("INFO"):
        assert client.get("/").status_code == 200
        assert redis_server.client().dbsize() > 0  # the widgets went to Redis
        assert client.get("/healthz").json() == {"status": "ok", "cache": "ok"}

        redis_server.stop()
        for _ in range(2):
            for url in reader_pages(article):
                assert client.get(url).status_code == 200, url
            time.sleep(0.25)  # let the breaker try Redis again now and then
        assert client.get("/healthz").json() == {"status": "ok", "cache": "degraded"}

        redis_server.start()
        time.sleep(0.25)
        assert client.get("/").status_code == 200
        assert client.get("/healthz").json() == {"status": "ok", "cache": "ok"}
        assert redis_server.client().dbsize() > 0  # in use again
    assert len(cache_log(caplog, "ERROR")) == 1, cache_log(caplog, "ERROR")
    recovered = cache_log(caplog, "WARNING")
    assert len(recovered) == 1 and "Cache available again" in recovered[0]


@needs_redis_server
@pytest.mark.django_db
def test_an_edit_made_while_redis_was_down_is_not_hidden_by_its_old_entries(
    client, settings, redis_server
):
    """Redis restarts with the data it had (persistence): its widgets and generation predate an
    edit saved during the outage. Those keys are deleted from it when it is back."""
    use_redis(settings, redis_server.url, REDIS_RETRY_SECONDS="0.2")
    article = make_article(title="Tiêu đề cũ của bài viết")
    assert "Tiêu đề cũ của bài viết" in client.get("/").content.decode()

    redis_server.stop(keep_data=True)
    article.title = "Tiêu đề mới sửa khi Redis ngừng"
    article.save()
    assert "Tiêu đề mới sửa khi Redis ngừng" in client.get("/").content.decode()

    redis_server.start()
    time.sleep(0.25)
    html = client.get("/").content.decode()
    assert "Tiêu đề mới sửa khi Redis ngừng" in html and "Tiêu đề cũ" not in html
    assert client.get("/healthz").json()["cache"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_the_cache_as_ok_with_local_memory(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "cache": "ok"}


@needs_redis_server
def test_clearing_the_cache_leaves_the_view_buffer_and_other_prefixes_on_the_same_redis(
    settings, redis_server
):
    """cache.clear() deletes this cache's entries only (Django's own would FLUSHDB: the view buffer,
    the page cache and whatever else shares the database would go with them)."""
    from articles import viewbuffer
    from portal import caching

    use_redis(
        settings, redis_server.url, CACHE_KEY_PREFIX="site[a]*"
    )  # glob characters, matched literally
    raw = redis_server.client()
    cache.set("entry", 1)
    caches["pages"].set("page", 2)
    viewbuffer.add_view(12345, 0)  # the Redis buffer, "<prefix>:views:pending"
    raw.set("another-site:1:entry", 3)
    raw.set(
        "siteab:1:entry", 4
    )  # what "site[a]*:[0-9]*" would match if the prefix were not escaped
    assert cache.clear() is True
    assert cache.get("entry") is None
    assert caches["pages"].get("page") == 2
    assert raw.hget(caching.view_buffer_name(), f"12345:{timezone.localdate().isoformat()}") == b"1"
    assert raw.get("another-site:1:entry") == b"3" and raw.get("siteab:1:entry") == b"4"
    redis_server.stop()
    assert cache.clear() is False  # Redis down: said, not raised (local memory is cleared)


# --- PostgreSQL down ----------------------------------------------------------------------------


@contextmanager
def database_down():
    """The database does not answer: the connection points at a closed port until the block
    ends (a real refused connection, as during a PostgreSQL restart); then it is put back."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def assert_503(response, what: str) -> str:
    assert response.status_code == 503, f"{what}: {response.status_code}"
    assert response["Retry-After"] == "17", what
    assert "no-store" in response["Cache-Control"], what
    html = response.content.decode()
    assert "tạm thời gián đoạn" in html, what  # Vietnamese
    return html


@pytest.mark.django_db(transaction=True)
def test_reader_and_staff_pages_answer_503_with_retry_after_while_the_database_is_down(
    settings, caplog
):
    settings.DATABASE_RETRY_AFTER_SECONDS = 17
    article = make_article(title="Bài viết khi cơ sở dữ liệu ngừng", tags=["hội chợ"])
    staff = make_staff(None)
    print_view = reverse("articles:print", args=[article.category.slug, article.slug, article.pk])
    pages = [*reader_pages(article), print_view]
    client = Client(raise_request_exception=False)  # what a reader gets, whatever is raised
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(staff)
    caches["pages"].clear()  # pages never cached (tests/test_page_cache.py: cached ones are served)
    with caplog.at_level("INFO"), database_down():
        for url in pages:
            assert_503(client.get(url), url)
        assert_503(client.get(reverse("admin:login")), "admin login page")
        credentials = {"username": staff.username, "password": STAFF_PASSWORD}
        sign_in = client.post(reverse("admin:login"), credentials)
        assert_503(sign_in, "signing in")
        assert_503(signed_in.get("/admin/"), "admin index")
        article_list = reverse("admin:articles_article_changelist")
        assert_503(signed_in.get(article_list), "admin article list")
        # An unknown address: the 404 page needs the database, and fails outside the view.
        assert_503(client.get("/no-such-page/"), "an unknown address")
        health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] == "database unavailable"
    # Logged, once for the outage rather than once per request.
    reports = [r for r in caplog.records if r.name == "portal.outage"]
    assert len(reports) == 1 and "Database unavailable" in reports[0].getMessage()
    # Back to normal at once.
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_503_page_is_english_for_readers_who_chose_english(settings):
    make_article()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    assert "The site is temporarily unavailable" in response.content.decode()


def form_fields(html: str) -> dict:
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', html))
    fields["message"] = re.search(r"<textarea[^>]*>\s*([^<]*)</textarea>", html).group(1)
    fields["consent"] = "on"
    return fields


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("on_contact_page", [False, True])
def test_feedback_that_cannot_be_saved_comes_back_to_the_reader(settings, on_contact_page):
    from tests.feedback.factories import form_data

    settings.DATABASE_RETRY_AFTER_SECONDS = 17
    settings.FEEDBACK_MIN_SECONDS = 0
    article = None if on_contact_page else make_article(title="Bài viết nhận phản hồi")
    url = (
        reverse("feedback:contact")
        if on_contact_page
        else reverse("feedback:article", args=[article.pk])
    )
    text = "Đề nghị tòa soạn đăng lịch cắt điện của phường tuần tới, tôi gõ rất lâu."
    client = Client(headers=ORIGIN)
    with database_down():
        response = client.post(url, form_data(article, message=text, name="Nguyễn Văn Đọc"))
    html = assert_503(response, "feedback")
    assert f"{text}</textarea>" in html and 'value="Nguyễn Văn Đọc"' in html
    assert "Phản hồi của bạn chưa được gửi" in html and "gửi lại sau ít phút" in html
    assert f'action="{url}"' in html
    # The database is back: the reader sends the form as it came back, and it is saved.
    again = client.post(url, form_fields(html))
    assert again.status_code == 302
    saved = Feedback.objects.get()
    assert (saved.message, saved.name, saved.article) == (text, "Nguyễn Văn Đọc", article)


@pytest.mark.django_db(transaction=True)
def test_failed_attempts_are_not_charged_to_the_rate_limit(settings):
    from tests.feedback.factories import form_data

    settings.FEEDBACK_RATE_LIMIT = 2
    settings.FEEDBACK_MIN_SECONDS = 0
    url = reverse("feedback:contact")
    client = Client(headers=ORIGIN)

    def send(n):
        data = form_data(message=f"Góp ý số {n}: đề nghị sửa đèn đường.")
        return client.post(url, data).status_code

    assert send(1) == 302
    with database_down():
        assert [send(n) for n in range(2, 6)] == [503] * 4
    assert send(6) == 302  # the failed attempts used up nothing
    assert send(7) == 429  # two accepted: the limit
    assert Feedback.objects.count() == 2
