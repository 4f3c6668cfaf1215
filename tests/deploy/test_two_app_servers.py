"""Two app servers (gunicorn), one PostgreSQL, one Redis: what one server does, the other knows.

- an editor publishes on server A; a reader of server B, whose page cache held the home page, sees
  the article at once (the content generation lives in the shared Redis);
- the feedback rate limit counts one client address across both servers;
- 10,000 view beacons from many client addresses, sent to both servers at once, add exactly
  10,000 views once `manage.py flush_views` has run;
- a staff session made on A is valid on B.

Requests go straight to the gunicorns (no nginx here), as a load balancer would send them, with
BEHIND_HTTPS_PROXY=1: the client address is the right-most X-Forwarded-For entry, so each simulated
client is an address in that header.
"""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid

import pytest
from django.db.models import Sum

from articles.models import Article, DailyViews
from deploy import localstack
from tests.factories import make_article, make_category, make_staff

from .conftest import BROWSER, field_value, publish_in_admin, request, require_redis, sign_in

pytestmark = [pytest.mark.servers]

RATE_LIMIT = 3
BEACONS = 10_000


@pytest.fixture(scope="module")
def stack(request, tmp_path_factory):
    require_redis()  # before the test database is made: a skip costs nothing
    with localstack.local_stack(
        database_url=request.getfixturevalue("test_database_url"),
        servers=2,
        nginx=False,
        redis_url=os.environ.get("REDIS_URL"),
        directory=tmp_path_factory.mktemp("two-servers"),
        extra_env={"FEEDBACK_RATE_LIMIT": str(RATE_LIMIT), "FEEDBACK_MIN_SECONDS": "0"},
    ) as running:
        yield running


@pytest.fixture
def servers(stack, transactional_db):
    """The two servers, their shared cache emptied: each test starts as after a deployment."""
    stack.redis.flush()
    return stack


def reader_get(base: str, path: str):
    return request(base, "GET", path, headers={"X-Forwarded-For": "203.0.113.50"})


def flush_views(env: dict) -> None:
    """`manage.py flush_views` with the app servers' settings (what their systemd timer runs)."""
    flush = subprocess.run(
        [sys.executable, "manage.py", "flush_views"],
        cwd=localstack.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert flush.returncode == 0, flush.stdout + flush.stderr


def test_an_article_published_on_server_a_shows_at_once_on_server_b(servers):
    a, b = servers.apps
    category = make_category(name="Thời sự", slug="thoi-su")
    make_article(category=category, title="Bài đã có từ trước")
    title = f"Tin vừa xuất bản {uuid.uuid4().hex[:8]}"
    draft = make_article(category=category, title=title, status=Article.Status.DRAFT)
    make_staff("Editors", username="bientap")

    for path in ("/", f"/chuyen-muc/{category.slug}/"):
        first, second = reader_get(b.url, path), reader_get(b.url, path)
        assert first.status == second.status == 200
        assert second.header("X-Cache") == "HIT", (
            path,
            first.header("X-Cache"),
            second.header("X-Cache"),
        )
        assert title not in second.text

    cookies = sign_in(a.url, "bientap")
    publish_in_admin(a.url, cookies, draft)
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED

    for path in ("/", f"/chuyen-muc/{category.slug}/"):
        after = reader_get(b.url, path)
        assert after.status == 200
        assert title in after.text, (
            f"server B still shows the old {path} (X-Cache: {after.header('X-Cache')})"
        )


def test_the_feedback_rate_limit_counts_one_address_across_both_servers(servers):
    a, b = servers.apps
    origin = a.env["PUBLIC_BASE_URL"]  # what a browser on the site sends
    reader = {"X-Forwarded-For": "198.51.100.7", "Origin": origin}

    def send(server, n, headers):
        form = request(server.url, "GET", "/lien-he/", headers=headers)
        assert form.status == 200
        return request(
            server.url,
            "POST",
            "/lien-he/",
            headers=headers,
            body={
                "name": "Nguyễn Văn An",
                "email": "an@example.vn",
                "phone": "",
                "address": "",
                "message": f"Góp ý số {n} về dịch vụ công trực tuyến, mã {uuid.uuid4().hex[:6]}.",
                "consent": "on",
                "leave_empty": "",
                "token": field_value(form.text, "token"),
            },
        )

    statuses = [send((a, b)[n % 2], n, reader).status for n in range(RATE_LIMIT)]
    assert statuses == [302] * RATE_LIMIT
    over = send((a, b)[RATE_LIMIT % 2], RATE_LIMIT, reader)  # the other server than the last one
    assert over.status == 429
    assert over.header("Retry-After")
    over_again = send((a, b)[(RATE_LIMIT + 1) % 2], RATE_LIMIT + 1, reader)
    assert over_again.status == 429
    # another reader is not affected
    assert send(b, 99, {"X-Forwarded-For": "198.51.100.8", "Origin": origin}).status == 302


def test_a_staff_session_made_on_one_server_is_valid_on_the_other(servers):
    a, b = servers.apps
    make_staff("Editors", username="bientap2")
    cookies = sign_in(a.url, "bientap2")
    on_b = request(b.url, "GET", "/admin/", cookies=cookies)
    assert on_b.status == 200, (on_b.status, on_b.header("Location"))
    anonymous = request(b.url, "GET", "/admin/")
    assert anonymous.status == 302 and "/admin/login/" in anonymous.header("Location")


def _beacon_token(base: str, article) -> str:
    page = reader_get(base, article.get_absolute_url())
    assert page.status == 200
    marker = 'data-view-token="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


def test_ten_thousand_beacons_across_both_servers_add_exactly_ten_thousand_views(servers):
    a, b = servers.apps
    article = make_article(title="Bài viết được đọc nhiều")
    token = _beacon_token(a.url, article)
    body = json.dumps({"token": token})
    origin = a.env["PUBLIC_BASE_URL"]
    threads_count = 8
    results: dict[int, int] = {}
    failures: list[str] = []
    lock = threading.Lock()

    def worker(start: int) -> None:
        conns = [http.client.HTTPConnection("127.0.0.1", s.port, timeout=30) for s in (a, b)]
        counted = 0
        try:
            for n in range(start, BEACONS, threads_count):
                address = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
                conn = conns[n % 2]  # alternate between the servers
                for attempt in range(3):
                    try:
                        conn.request(
                            "POST",
                            "/luot-xem/",
                            body=body,
                            headers={
                                "Content-Type": "application/json",
                                "Origin": origin,
                                "User-Agent": BROWSER,
                                "X-Forwarded-For": address,
                                "Connection": "keep-alive",
                            },
                        )
                        response = conn.getresponse()
                        data = response.read()
                        break
                    except (OSError, http.client.HTTPException):
                        conn.close()  # reconnects on the next request
                        if attempt == 2:
                            raise
                if response.status != 200:
                    with lock:
                        failures.append(f"{address}: {response.status} {data[:200]!r}")
                elif json.loads(data).get("counted"):
                    counted += 1
        except Exception as error:  # noqa: BLE001 - reported below
            with lock:
                failures.append(repr(error))
        finally:
            for conn in conns:
                conn.close()
            with lock:
                results[start] = counted

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert not failures, failures[:5]
    assert sum(results.values()) == BEACONS, (
        f"{sum(results.values())} beacons counted in {elapsed:.1f} s"
    )

    flush_views(a.env)
    article.refresh_from_db()
    assert article.view_count == BEACONS
    assert (
        DailyViews.objects.filter(article=article).aggregate(total=Sum("count"))["total"] == BEACONS
    )
    # A second flush finds nothing left to add.
    flush_views(a.env)
    article.refresh_from_db()
    assert article.view_count == BEACONS
