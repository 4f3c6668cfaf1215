"""Buffered view counts (articles/viewbuffer.py): beacons add to a buffer (Redis HINCRBY, or rows
of a table without Redis), a flush adds the buffer to the totals and days under a lock, never twice.

Each test that takes a `backend` runs twice: with the database buffer (the local-memory cache) and
with a real Redis (REDIS_URL's; else redis://127.0.0.1:6379/14 when it answers; else a private
redis-server; skipped only when none is possible). The crash tests are Redis's own.
"""

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import viewbuffer, views_count
from articles.models import Article, DailyViews, PendingView, ViewFlush
from articles.views_count import beacon_token
from portal import caching
from tests.factories import make_article

URL = "/luot-xem/"
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


# --- Redis: a real one ----------------------------------------------------------------------------


def _answers(url: str) -> bool:
    import redis

    try:
        return bool(
            redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5).ping()
        )
    except Exception:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """REDIS_URL's Redis; else the machine's on database 14; else a private redis-server."""
    for url in (os.environ.get("REDIS_URL"), "redis://127.0.0.1:6379/14"):
        if url and _answers(url):
            yield url
            return
    program = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(program):
        pytest.skip(
            "no Redis answers on 127.0.0.1:6379 and there is no redis-server program to start one"
        )
    port = _free_port()
    process = subprocess.Popen(
        [
            program,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path_factory.mktemp("redis")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while not _answers(url):
            if time.monotonic() > deadline:
                pytest.skip("the private redis-server did not start")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def redis_caches(url: str) -> dict:
    """CACHES as portal/settings.py makes them with REDIS_URL, under a key prefix of the test's
    own."""
    return {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"viewbuffer-test-{uuid.uuid4().hex[:12]}",
            "OPTIONS": {"SOCKET_TIMEOUT": 0.5, "RETRY_SECONDS": 5},
        }
    }


@pytest.fixture(autouse=True)
def _fresh_breakers(monkeypatch):
    """Each test sees its own outages, and its first counted view asks whether a flush is due."""
    from portal import cache as portal_cache

    monkeypatch.setattr(portal_cache, "_breakers", {})
    monkeypatch.setattr(views_count, "_next_flush_check", 0.0)


@pytest.fixture
def redis_backend(settings, redis_url):
    settings.CACHES = redis_caches(redis_url)
    cache.clear()
    yield
    client = caches["default"]._cache.get_client(None, write=True)
    prefix = caching.view_buffer_name()
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}*")) + [prefix]
    client.delete(*keys)


@pytest.fixture(params=["table", "redis"])
def backend(request, settings):
    """The database buffer (local-memory cache), then Redis."""
    if request.param == "table":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        cache.clear()
    else:
        request.getfixturevalue("redis_backend")
    return request.param


def raw_redis():
    return caches["default"]._cache.get_client(None, write=True)


@pytest.fixture
def no_piggyback():
    """Beacons do not flush (the flush's lock key is taken for an hour): tests flush themselves."""
    cache.set(caching.view_flush_lock_key(), 1, 3600)


# --- helpers -------------------------------------------------------------------------------------


def send(token, address="203.0.113.1", user_agent=CHROME, client=None):
    client = client or Client(REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent)
    return client.post(
        URL,
        json.dumps({"token": token}),
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
    )


def flush():
    call_command("flush_views", verbosity=0)


def total(article) -> int:
    return Article.objects.get(pk=article.pk).view_count


def today(article) -> int:
    row = DailyViews.objects.filter(article=article, day=timezone.localdate()).first()
    return row.count if row else 0


def pending_in_redis(article) -> int:
    value = raw_redis().hget(
        caching.view_buffer_name(), f"{article.pk}:{timezone.localdate().isoformat()}"
    )
    return int(value or 0)


def batches_in_redis() -> set[str]:
    return {member.decode() for member in raw_redis().smembers(caching.view_batches_name())}


# --- counting ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_n_beacons_add_n_to_the_total_and_today_after_the_flush(backend, no_piggyback):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(view_count=100)
    token = beacon_token(article.pk)
    answers = [send(token, address=f"198.51.100.{n}").json() for n in range(1, 26)]
    assert answers == [{"counted": True, "views": 100 + n} for n in range(1, 26)]
    # Buffered: the article's row is not touched until the flush.
    assert (total(article), today(article)) == (100, 0)
    if backend == "redis":
        assert pending_in_redis(article) == 25 and not PendingView.objects.exists()
    else:
        assert PendingView.objects.filter(article_id=article.pk).count() == 25
    # A reader who counted already sees the live total too.
    again = send(token, address="198.51.100.1").json()
    assert again == {"counted": False, "views": 125}
    flush()
    assert (total(article), today(article)) == (125, 25)
    assert not PendingView.objects.exists()
    if backend == "redis":
        assert pending_in_redis(article) == 0 and batches_in_redis() == set()
    flush()  # nothing left: nothing added twice
    assert (total(article), today(article)) == (125, 25)
    assert send(token, address="198.51.100.99").json() == {"counted": True, "views": 126}


@pytest.mark.django_db
def test_views_of_yesterday_still_pending_go_to_yesterday(backend, no_piggyback, monkeypatch):
    article = make_article()
    yesterday = timezone.localdate() - timedelta(days=1)
    monkeypatch.setattr(viewbuffer.timezone, "localdate", lambda: yesterday)
    send(beacon_token(article.pk), address="198.51.100.1")
    monkeypatch.undo()
    send(beacon_token(article.pk), address="198.51.100.2")
    flush()
    assert total(article) == 2
    assert dict(DailyViews.objects.filter(article=article).values_list("day", "count")) == {
        yesterday: 1,
        timezone.localdate(): 1,
    }


@pytest.mark.django_db
def test_the_flush_writes_in_batches_not_a_statement_per_article(
    backend, no_piggyback, monkeypatch
):
    articles = [make_article() for _ in range(12)]
    for n, article in enumerate(articles):
        send(beacon_token(article.pk), address=f"198.51.100.{n + 1}")
    with CaptureQueriesContext(connection) as captured:
        result = viewbuffer.flush()
    assert (result.views, result.articles) == (12, 12)
    statements = [q["sql"] for q in captured.captured_queries]
    assert sum(s.startswith("UPDATE articles_article") for s in statements) == 1, statements
    assert sum(s.startswith("INSERT INTO articles_dailyviews") for s in statements) == 1, statements
    assert [total(a) for a in articles] == [1] * 12
    # ... and in chunks of ROWS_PER_STATEMENT when there are more.
    monkeypatch.setattr(viewbuffer, "ROWS_PER_STATEMENT", 5)
    for n, article in enumerate(articles):
        send(beacon_token(article.pk), address=f"198.51.101.{n + 1}")
    with CaptureQueriesContext(connection) as captured:
        viewbuffer.flush()
    statements = [q["sql"] for q in captured.captured_queries]
    assert sum(s.startswith("UPDATE articles_article") for s in statements) == 3
    assert [total(a) for a in articles] == [2] * 12


@pytest.mark.django_db(transaction=True)
def test_concurrent_beacons_on_one_article_are_counted_exactly(backend, settings):
    """16 threads, 15 readers each, one article, with a flush piggy-backed on every counted view
    (VIEW_FLUSH_SECONDS = 0), so that flushes run while other beacons buffer."""
    settings.VIEW_FLUSH_SECONDS = 0
    article = make_article()
    token = beacon_token(article.pk)
    errors, answers = [], []

    def readers(thread: int):
        try:
            for n in range(15):
                answers.append(send(token, address=f"10.{thread}.0.{n + 1}").json()["counted"])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=readers, args=(t,)) for t in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert answers == [True] * 240
    flush()
    assert (total(article), today(article)) == (240, 240)
    assert not PendingView.objects.exists()


# --- piggy-backed flush ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_beacon_flushes_every_view_flush_seconds_without_the_command(backend, settings):
    settings.VIEW_FLUSH_SECONDS = 1
    article = make_article()
    token = beacon_token(article.pk)
    send(token, address="198.51.100.1")  # the first counted view: nobody flushed yet
    assert total(article) == 1
    send(token, address="198.51.100.2")  # within the second: buffered only
    assert total(article) == 1
    time.sleep(1.1)
    assert send(token, address="198.51.100.3").json() == {"counted": True, "views": 3}
    assert (total(article), today(article)) == (3, 3)


@pytest.mark.django_db
def test_the_piggy_backed_flush_runs_once_the_answer_is_sent(backend):
    """The flush is the response's closer (the server calls close() after the last byte)."""
    article = make_article()
    request = RequestFactory().post(
        URL,
        json.dumps({"token": beacon_token(article.pk)}),
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
        HTTP_USER_AGENT=CHROME,
    )
    response = views_count.view_beacon(request)
    assert json.loads(response.content) == {"counted": True, "views": 1}
    assert total(article) == 0  # the answer is ready, nothing flushed yet
    request_finished.disconnect(
        close_old_connections
    )  # as the test client does: keep the test's connection
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert (total(article), today(article)) == (1, 1)


@pytest.mark.django_db
def test_a_failing_piggy_backed_flush_never_fails_the_beacon(backend, monkeypatch, caplog):
    article = make_article()

    def broken(counts):
        raise RuntimeError("database trouble")

    monkeypatch.setattr(viewbuffer, "_apply", broken)
    with caplog.at_level("ERROR", logger="articles.views"):
        assert send(beacon_token(article.pk)).json() == {"counted": True, "views": 1}
    assert "View flush failed" in caplog.text
    monkeypatch.undo()
    flush()
    assert total(article) == 1


# --- crashes (Redis) ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_crash_after_the_rename_and_before_the_database_counts_once(
    redis_backend, no_piggyback, monkeypatch
):
    article = make_article()
    for n in range(5):
        send(beacon_token(article.pk), address=f"198.51.100.{n + 1}")

    def crash(counts):
        raise SystemExit("killed between RENAME and the database")

    monkeypatch.setattr(viewbuffer, "_apply", crash)
    with pytest.raises(SystemExit):
        viewbuffer.flush()
    monkeypatch.undo()
    # The pending hash became a batch, which is still there; nothing reached the database.
    assert pending_in_redis(article) == 0
    assert len(batches_in_redis()) == 1
    assert (total(article), today(article)) == (0, 0)
    assert not ViewFlush.objects.exists()
    send(beacon_token(article.pk), address="198.51.100.77")  # a view counted after the crash
    result = viewbuffer.flush()
    assert (result.batches, result.views) == (2, 6)  # the leftover batch and the new one
    assert (total(article), today(article)) == (6, 6)
    assert batches_in_redis() == set()
    viewbuffer.flush()
    assert total(article) == 6


@pytest.mark.django_db
def test_a_crash_after_the_database_and_before_deleting_the_batch_counts_once(
    redis_backend, no_piggyback, monkeypatch
):
    article = make_article()
    for n in range(5):
        send(beacon_token(article.pk), address=f"198.51.100.{n + 1}")
    monkeypatch.setattr(viewbuffer, "_delete_redis_batches", lambda redis, ids: None)  # died here
    viewbuffer.flush()
    monkeypatch.undo()
    assert (total(article), today(article)) == (5, 5)
    (leftover,) = batches_in_redis()
    assert raw_redis().exists(caching.view_batch_name(leftover))
    assert ViewFlush.objects.filter(batch_id=leftover).exists()
    result = viewbuffer.flush()
    assert (result.stale_batches, result.batches, result.views) == (1, 0, 0)
    assert (total(article), today(article)) == (5, 5)  # recorded: deleted, not counted again
    assert batches_in_redis() == set()
    assert not raw_redis().exists(caching.view_batch_name(leftover))


@pytest.mark.django_db
def test_batch_ids_are_kept_for_a_day(redis_backend, no_piggyback):
    ViewFlush.objects.create(
        batch_id="old", flushed_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    ViewFlush.objects.create(batch_id="recent", flushed_at=timezone.now() - timedelta(hours=23))
    article = make_article()
    send(beacon_token(article.pk))
    viewbuffer.flush()
    assert not ViewFlush.objects.filter(batch_id="old").exists()
    assert ViewFlush.objects.filter(batch_id="recent").exists()
    assert ViewFlush.objects.count() == 2  # "recent" and this flush's batch


@pytest.mark.django_db
def test_with_redis_down_views_go_to_the_table_and_are_flushed(settings, caplog, no_piggyback):
    """Redis refuses connections (a closed port): the beacon still counts, into the table; the
    outage is logged once; the flush adds the table's views."""
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{_free_port()}/0")
    cache.clear()
    cache.set(caching.view_flush_lock_key(), 1, 3600)  # (in the fallback memory)
    article = make_article()
    with caplog.at_level("INFO"):
        answers = [
            send(beacon_token(article.pk), address=f"198.51.100.{n + 1}").json() for n in range(4)
        ]
        assert answers == [{"counted": True, "views": n} for n in range(1, 5)]
        assert PendingView.objects.filter(article_id=article.pk).count() == 4
        result = viewbuffer.flush()
    assert (result.views, result.batches) == (4, 0)
    assert (total(article), today(article)) == (4, 4)
    errors = [
        r.getMessage()
        for r in caplog.records
        if r.name == "portal.cache" and r.levelname == "ERROR"
    ]
    assert len(errors) == 1, errors


@pytest.mark.django_db
def test_views_buffered_in_the_table_during_an_outage_are_flushed_with_redis_back(
    redis_backend, no_piggyback, monkeypatch
):
    article = make_article()
    send(beacon_token(article.pk), address="198.51.100.1")  # Redis
    viewbuffer._add_to_table(article.pk, timezone.localdate(), 0)  # as during an outage
    result = viewbuffer.flush()
    assert (result.views, result.batches) == (2, 1)
    assert (total(article), today(article)) == (2, 2)


# --- what is not counted ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/120.0.0.0 Safari/537.36"
        ),
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 " + "x" * 500,  # too long to be a browser's
    ],
)
def test_bots_are_answered_and_not_counted(backend, no_piggyback, user_agent):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(view_count=7)
    response = send(beacon_token(article.pk), user_agent=user_agent)
    assert response.status_code == 200
    assert response.json() == {"counted": False, "views": 7}
    assert "viewed" not in response.cookies
    assert not PendingView.objects.exists()
    if backend == "redis":
        assert pending_in_redis(article) == 0
    # The reader behind the same address is not shut out by the bot.
    assert send(beacon_token(article.pk), user_agent=CHROME).json() == {"counted": True, "views": 8}


@pytest.mark.django_db
def test_views_of_an_article_deleted_before_the_flush_are_dropped_quietly(
    backend, no_piggyback, caplog
):
    gone, kept = make_article(), make_article()
    for n in range(3):
        send(beacon_token(gone.pk), address=f"198.51.100.{n + 1}")
        send(beacon_token(kept.pk), address=f"198.51.100.{n + 1}")
    gone_pk = gone.pk
    gone.delete()
    with caplog.at_level("ERROR"):
        result = viewbuffer.flush()
    assert (result.views, result.dropped, result.articles) == (3, 3, 1)
    assert not DailyViews.objects.filter(article_id=gone_pk).exists()
    assert (total(kept), today(kept)) == (3, 3)
    assert not PendingView.objects.exists()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    # And a beacon for it now answers 404 (its cached state went with the content generation).
    assert send(beacon_token(gone_pk), address="198.51.100.50").status_code == 404


@pytest.mark.django_db
def test_an_unpublished_article_stops_counting_at_once(backend, no_piggyback):
    article = make_article()
    assert send(beacon_token(article.pk), address="198.51.100.1").json()["counted"] is True
    article.status = Article.Status.DRAFT
    article.save()
    # A new content generation once the change commits (here: the test's transaction never does).
    caching.invalidate()
    assert send(beacon_token(article.pk), address="198.51.100.2").status_code == 404


# --- cost of a beacon -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_query_budget_of_a_beacon(
    backend, no_piggyback, django_assert_max_num_queries, django_assert_num_queries
):
    """Redis: no SQL statement once the article's state is cached (published, its total); the
    database buffer: its one INSERT (which also reads the total and the pending views)."""
    article, other = make_article(), make_article()
    send(beacon_token(other.pk), address="198.51.100.200")  # the content generation is started
    with django_assert_max_num_queries(1 if backend == "redis" else 2):  # cold: + the SELECT
        assert send(beacon_token(article.pk), address="198.51.100.1").json()["counted"] is True
    counted = 0 if backend == "redis" else 1
    with django_assert_num_queries(counted):
        assert send(beacon_token(article.pk), address="198.51.100.2").json()["counted"] is True
    with django_assert_num_queries(counted):  # not counted: the live total (HGET, or one SELECT)
        assert send(beacon_token(article.pk), address="198.51.100.2").json() == {
            "counted": False,
            "views": 2,
        }
    with django_assert_num_queries(counted):
        send(beacon_token(article.pk), address="198.51.100.3", user_agent="Googlebot/2.1")


@pytest.mark.django_db
def test_the_flush_refreshes_the_total_the_answers_start_from(backend, no_piggyback):
    article = make_article()
    token = beacon_token(article.pk)
    for n in range(3):
        send(token, address=f"198.51.100.{n + 1}")
    flush()
    # The cached total is read again: no answer goes back to an older number after a flush.
    assert send(token, address="198.51.100.9").json() == {"counted": True, "views": 4}


@pytest.mark.django_db
def test_redis_round_trips_of_a_beacon(redis_backend, no_piggyback, monkeypatch):
    """With Redis, a counted view is three round trips once the generation and the article's state
    are cached: the generation, the article's state, then one script (the reader's key, the hourly
    cap and HINCRBY together)."""
    import redis as redis_py

    article = make_article()
    send(beacon_token(article.pk), address="198.51.100.1")  # the generation and the state cached
    commands = []
    original = redis_py.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis_py.Redis, "execute_command", counting)
    assert send(beacon_token(article.pk), address="198.51.100.2").json() == {
        "counted": True,
        "views": 2,
    }
    assert len(commands) <= 3, commands
    assert commands[-1] in ("EVALSHA", "EVAL"), commands
    commands.clear()
    assert send(beacon_token(article.pk), address="198.51.100.2").json() == {
        "counted": False,
        "views": 2,
    }
    assert len(commands) <= 3, commands
