"""50 readers send feedback at once, over real HTTP, to a live server and real PostgreSQL."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from django.urls import reverse

from feedback.models import Feedback, TrapHit
from tests.factories import make_article

from .factories import ensure_migration_data

PARALLEL = 50


class _BackloggedServer(ThreadedWSGIServer):
    # Django's development server queues only 10 connections; production servers (gunicorn: 2048)
    # queue many more. 50 readers connecting at once need a queue that fits them.
    request_queue_size = 128


class _ServerThread(LiveServerThread):
    server_class = _BackloggedServer


@pytest.fixture
def parallel_live_server(transactional_db):
    ensure_migration_data()
    thread = _ServerThread("127.0.0.1", StaticFilesHandler, connections_override={}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # let the 302 come back as it is


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} in the form"
    return match.group(1)


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_submissions_are_all_stored_exactly_once(parallel_live_server, settings):
    settings.FEEDBACK_RATE_LIMIT = 1000  # every request comes from 127.0.0.1
    settings.FEEDBACK_MIN_SECONDS = 0
    article = make_article(title="Bài viết nhiều người đọc")
    article_url = parallel_live_server + article.get_absolute_url()
    url = parallel_live_server + reverse("feedback:article", args=[article.pk])
    origin = {"Origin": parallel_live_server}  # what a browser sends with the form
    start = threading.Barrier(PARALLEL, timeout=60)
    results: dict[int, object] = {}

    def reader(n: int) -> None:
        try:
            opener = urllib.request.build_opener(_NoRedirect)  # no cookies needed
            # The article page, as cached for everyone: the form's time trap, no cookie.
            page = opener.open(article_url, timeout=60)
            assert page.headers.get("Set-Cookie") is None
            html = page.read().decode()
            data = {
                "token": _field(html, "token"),
                "name": f"Bạn đọc số {n}",
                "email": f"ban-doc-{n}@example.vn",
                "phone": "0912 345 678",
                "address": "",
                "message": f"Phản hồi song song mã {n:03d}: đề nghị tòa soạn thông tin thêm.",
                "consent": "on",
                "leave_empty": "",
            }
            body = urllib.parse.urlencode(data).encode()
            start.wait()
            try:
                response = opener.open(
                    urllib.request.Request(url, data=body, method="POST", headers=origin),
                    timeout=60,
                )
                results[n] = response.status
            except urllib.error.HTTPError as error:
                results[n] = error.code
        except Exception as error:  # reported below, with the reader's number
            results[n] = repr(error)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert results == {n: 302 for n in range(PARALLEL)}
    stored = list(Feedback.objects.filter(article=article).values_list("message", flat=True))
    assert len(stored) == PARALLEL
    for n in range(PARALLEL):
        assert sum(f"mã {n:03d}:" in message for message in stored) == 1
    assert not Feedback.objects.exclude(status=Feedback.Status.NEW).exists()
    assert not TrapHit.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_broken_mail_server_after_a_real_commit_still_shows_success(
    parallel_live_server, settings
):
    settings.EMAIL_BACKEND = "tests.feedback.backends.BrokenEmailBackend"
    settings.FEEDBACK_NOTIFY = "immediate"
    url = parallel_live_server + reverse("feedback:contact")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(url, timeout=60).read().decode()
    data = {
        "token": _field(html, "token"),
        "name": "Hồ Văn Tâm",
        "email": "tam@example.vn",
        "message": "Máy chủ thư hỏng cũng không làm mất thư này.",
        "consent": "on",
    }
    # Follows the redirect: the reader ends on the contact page with the thank-you message.
    page = opener.open(
        urllib.request.Request(
            url,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Origin": parallel_live_server},
        ),
        timeout=60,
    )
    assert page.status == 200 and "Cảm ơn bạn!" in page.read().decode()
    item = Feedback.objects.get()
    assert (
        item.message == "Máy chủ thư hỏng cũng không làm mất thư này." and item.notified_at is None
    )
