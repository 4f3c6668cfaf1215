"""The page cache (portal/pagecache.py) and the content generation it relies on (portal/caching.py):
anonymous reader pages are served without rendering, and every change readers can see, made
anywhere (admin, shell, moderation, the clock reaching a scheduled time), shows at once."""

import http.client
import threading
import time
from datetime import timedelta

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.models import Article, Category, WebsiteLink
from feedback import moderation
from feedback.models import Feedback
from portal import caching
from portal.models import SiteSettings
from portal.pagecache import storable
from tests.factories import make_article, make_staff
from tests.test_outages import database_down

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.get("X-Cache")


# --- what is kept, for whom ------------------------------------------------------------------


def test_an_anonymous_page_is_rendered_once_then_served_from_the_cache(
    client, django_assert_num_queries
):
    article = make_article(title="Bài được giữ trong bộ nhớ đệm")
    first, state = get(client, article.get_absolute_url())
    assert (first.status_code, state) == (200, "MISS")
    with django_assert_num_queries(0):
        second, state = get(client, article.get_absolute_url())
    assert (second.status_code, state) == (200, "HIT")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"] and "public" in second["Cache-Control"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url", ["/", "/rss/", "/atom/", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"]
)
def test_home_feeds_and_sitemaps_are_cached_too(client, url):
    make_article()
    assert get(client, url)[1] == "MISS"
    response, state = get(client, url)
    assert (response.status_code, state) == (200, "HIT"), url


def test_list_pages_of_categories_tags_authors_and_units_are_cached(client):
    article = make_article(tags=["giao thông"])
    for url in (
        article.category.get_absolute_url(),
        "/tag/giao-thong/",
        article.author.get_absolute_url(),
        article.unit.get_absolute_url(),
    ):
        assert get(client, url)[1] == "MISS", url
        assert get(client, url)[1] == "HIT", url


def test_tracking_parameters_share_the_entry_and_real_parameters_do_not(client):
    article = make_article()
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url + "?fbclid=IwAR0abc&utm_source=zalo")[1] == "HIT"
    assert get(client, url + "?zarsrc=31&utm_medium=social")[1] == "HIT"
    category = article.category.get_absolute_url()
    get(client, category)
    assert get(client, category + "?page=2")[0].status_code == 404  # another page, rendered
    assert get(client, category + "?page=1")[1] == "MISS"


def test_each_language_has_its_own_entry(client, settings):
    make_article()
    vietnamese = get(client, "/")[0]
    english_reader = Client()
    english_reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english, state = get(english_reader, "/")
    assert state == "MISS"
    assert english["Content-Language"] == "en" and vietnamese["Content-Language"] == "vi"
    assert get(english_reader, "/")[1] == "HIT"
    assert get(client, "/")[0]["Content-Language"] == "vi"


def test_signed_in_staff_are_never_served_nor_stored(client):
    article = make_article()
    staff = Client()
    staff.force_login(make_staff(None))
    response, state = get(staff, article.get_absolute_url())
    assert state is None and "private" in response["Cache-Control"]
    # what staff were shown was not kept for readers
    assert get(client, article.get_absolute_url())[1] == "MISS"
    response, state = get(staff, article.get_absolute_url())
    assert state is None


def test_a_reader_with_a_message_to_see_gets_a_rendered_page(client):
    article = make_article()
    get(client, article.get_absolute_url())
    client.cookies["messages"] = "something"
    assert get(client, article.get_absolute_url())[1] is None


def test_a_response_that_sets_a_cookie_is_never_stored(rf):
    request = rf.get("/")
    response = HttpResponse("<p>trang</p>")
    patch_cache_control(response, public=True, max_age=60)
    assert storable(request, response)
    response.set_cookie("personal", "1")
    assert not storable(request, response)
    by_hand = HttpResponse("<p>trang</p>")
    patch_cache_control(by_hand, public=True, max_age=60)
    by_hand["Set-Cookie"] = "personal=1; Path=/"
    assert not storable(request, by_hand)
    for control in ("private", "no-store", "no-cache"):
        other = HttpResponse("<p>trang</p>")
        patch_cache_control(other, public=True, max_age=60, **{control.replace("-", "_"): True})
        assert not storable(request, other), control


def test_only_reader_pages_are_looked_up(client, monkeypatch):
    make_article()
    for url in (
        "/tim-kiem/?q=kinh+te",
        "/admin/login/",
        "/lien-he/",
        "/healthz",
        "/robots.txt",
        "/khong-co/",
    ):
        assert get(client, url)[1] is None, url
    from portal import pagecache

    calls = []
    original = pagecache._generation_and_entry
    monkeypatch.setattr(
        pagecache, "_generation_and_entry", lambda key: calls.append(key) or original(key)
    )
    get(client, "/lien-he/")
    get(client, "/healthz")
    assert calls == []  # the cache is not even asked
    get(client, "/")
    assert len(calls) == 1


def test_a_conditional_get_of_a_cached_page_answers_304(client):
    article = make_article()
    first, _ = get(client, article.get_absolute_url())
    response, state = get(client, article.get_absolute_url(), if_none_match=first["ETag"])
    assert (response.status_code, state) == (304, "HIT")
    # and a conditional first visit still stores the full page
    other = make_article()
    response, state = get(client, other.get_absolute_url(), if_none_match='"nope"')
    assert (response.status_code, state) == (200, "MISS")
    etag = response["ETag"]
    assert get(client, other.get_absolute_url(), if_none_match=etag)[0].status_code == 304


def test_head_is_answered_from_the_entry(client):
    article = make_article()
    get(client, article.get_absolute_url())
    response = client.head(article.get_absolute_url())
    assert response.status_code == 200 and response["X-Cache"] == "HIT"


def test_a_host_that_is_not_allowed_is_refused_even_when_the_page_is_cached(client):
    make_article()
    get(client, "/")
    assert client.get("/", HTTP_HOST="attacker.example").status_code == 400


# --- every change readers can see shows at once ------------------------------------------------


def test_publishing_unpublishing_editing_and_deleting_show_at_once(client):
    article = make_article(title="Tin đầu tiên về lễ hội")
    url = article.get_absolute_url()
    get(client, "/")
    get(client, url)
    draft = make_article(title="Tin mới được đăng", status=Article.Status.DRAFT)
    assert "Tin mới được đăng" not in get(client, "/")[0].content.decode()
    draft.status, draft.publish_at = Article.Status.PUBLISHED, timezone.now() - timedelta(seconds=1)
    draft.save()
    assert "Tin mới được đăng" in get(client, "/")[0].content.decode()
    article.title = "Tin đã sửa tiêu đề"
    article.save()
    assert "Tin đã sửa tiêu đề" in get(client, url)[0].content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    assert get(client, url)[0].status_code == 404
    draft.delete()
    assert "Tin mới được đăng" not in get(client, "/")[0].content.decode()


def test_menu_links_and_site_settings_changes_show_at_once(client):
    make_article()
    get(client, "/")
    category = Category.objects.first()
    category.name = "Chuyên mục đổi tên"
    category.save()
    assert "Chuyên mục đổi tên" in get(client, "/")[0].content.decode()
    WebsiteLink.objects.create(
        title="Cổng dịch vụ công mới", url="https://dichvucong.example.vn", is_active=True
    )
    assert "Cổng dịch vụ công mới" in get(client, "/")[0].content.decode()
    site = SiteSettings.load()
    site.site_name = "Cổng thông tin thử nghiệm bộ nhớ đệm"
    site.save()
    assert "Cổng thông tin thử nghiệm bộ nhớ đệm" in get(client, "/")[0].content.decode()


def test_approving_and_answering_feedback_show_at_once(client):
    article = make_article()
    moderator = make_staff("Moderators")
    item = Feedback.objects.create(
        article=article,
        name="Nguyễn Văn Bạn Đọc",
        message="Ý kiến đóng góp về con đường mới mở.",
        consent_at=timezone.now(),
        privacy_notice_id=_notice_id(),
    )
    url = article.get_absolute_url()
    assert "Ý kiến đóng góp" not in get(client, url)[0].content.decode()
    moderation.approve(item, moderator=moderator)
    assert "Ý kiến đóng góp" in get(client, url)[0].content.decode()
    moderation.set_answer(
        item, answer="Sở Giao thông đã tiếp nhận.", published=True, moderator=moderator
    )
    assert "Sở Giao thông đã tiếp nhận." in get(client, url)[0].content.decode()
    moderation.reject(item, moderator=moderator)
    assert "Ý kiến đóng góp" not in get(client, url)[0].content.decode()


def _notice_id():
    from feedback.models import PrivacyNotice

    return PrivacyNotice.objects.current().pk


def test_a_queryset_update_from_the_shell_shows_after_invalidate_cache(client):
    article = make_article(title="Tiêu đề trước khi sửa hàng loạt")
    get(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề sau khi sửa hàng loạt")  # no signal
    assert get(client, article.get_absolute_url())[1] == "HIT"
    call_command("invalidate_cache")
    assert (
        "Tiêu đề sau khi sửa hàng loạt"
        in get(client, article.get_absolute_url())[0].content.decode()
    )


def test_no_entry_outlives_a_scheduled_publication_or_expiry(client):
    now = timezone.now()
    make_article(title="Tin hiện có")
    make_article(title="Tin hẹn giờ đăng", publish_at=now + timedelta(seconds=1.5))
    make_article(title="Tin sắp hết hạn", expire_at=now + timedelta(seconds=2.5))
    home = get(client, "/")[0].content.decode()
    assert "Tin hẹn giờ đăng" not in home and "Tin sắp hết hạn" in home
    assert get(client, "/")[1] == "HIT"
    time.sleep(max(0, (now + timedelta(seconds=1.6) - timezone.now()).total_seconds()))
    response, state = get(client, "/")
    assert state == "MISS" and "Tin hẹn giờ đăng" in response.content.decode()
    time.sleep(max(0, (now + timedelta(seconds=2.6) - timezone.now()).total_seconds()))
    response, state = get(client, "/")
    assert state == "MISS" and "Tin sắp hết hạn" not in response.content.decode()


def test_a_served_copy_says_its_age(client):
    article = make_article()
    get(client, article.get_absolute_url())
    time.sleep(1.05)
    response, state = get(client, article.get_absolute_url())
    assert (
        state == "HIT" and int(response["Age"]) >= 1 and "max-age=60" in response["Cache-Control"]
    )


def test_an_entry_is_fresh_for_reader_cache_seconds_only(client, settings):
    settings.READER_CACHE_SECONDS = 1
    article = make_article()
    get(client, article.get_absolute_url())
    assert get(client, article.get_absolute_url())[1] == "HIT"
    time.sleep(1.05)
    assert get(client, article.get_absolute_url())[1] == "MISS"


# --- stampedes and outages ---------------------------------------------------------------------


@pytest.fixture
def table_lock():
    """Hold an exclusive lock on the articles table from another connection: any render waits."""
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    other.autocommit = False
    held = {"connection": other}

    def acquire():
        with other.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Article._meta.db_table} IN ACCESS EXCLUSIVE MODE")

    def release():
        other.rollback()

    held.update(acquire=acquire, release=release)
    yield held
    other.rollback()
    other.close()


def fire(base: str, path: str, n: int) -> list[dict]:
    """n GETs at once (a barrier), each on its own connection; their status, X-Cache and body."""
    barrier = threading.Barrier(n)
    results: list[dict] = []
    lock = threading.Lock()

    def one():
        connection_ = http.client.HTTPConnection(base.split("//")[1], timeout=30)
        barrier.wait()
        connection_.request("GET", path)
        response = connection_.getresponse()
        body = response.read()
        with lock:
            results.append(
                {"status": response.status, "cache": response.getheader("X-Cache"), "body": body}
            )
        connection_.close()

    threads = [threading.Thread(target=one) for _ in range(n)]
    for thread in threads:
        thread.start()
    return threads, results


def wait_for(results, count, timeout=20):
    deadline = time.monotonic() + timeout
    while len(results) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return len(results)


@pytest.mark.django_db(transaction=True)
def test_fifty_readers_of_an_expired_page_cause_one_render(live_server, settings, table_lock):
    settings.READER_CACHE_SECONDS = 1
    article = make_article(title="Tin nóng được chia sẻ khắp nơi")
    path = article.get_absolute_url()
    first = Client().get(path, HTTP_HOST=live_server.url.split("//")[1])
    assert first["X-Cache"] == "MISS"
    caches_are_shared = (
        Client().get(path, HTTP_HOST=live_server.url.split("//")[1])["X-Cache"] == "HIT"
    )
    assert caches_are_shared
    time.sleep(1.1)  # the entry is now past its time, in the same content generation
    table_lock["acquire"]()  # the one render will wait on the database until released
    try:
        threads, results = fire(live_server.url, path, 50)
        # 49 readers are answered while the render is still blocked
        assert wait_for(results, 49) == 49, [r["cache"] for r in results]
        assert {r["cache"] for r in results} == {"STALE"}
    finally:
        table_lock["release"]()
    for thread in threads:
        thread.join(30)
    states = sorted(r["cache"] for r in results)
    assert states == ["MISS"] + ["STALE"] * 49
    assert all(
        r["status"] == 200 and "Tin nóng được chia sẻ khắp nơi".encode() in r["body"]
        for r in results
    )


@pytest.mark.django_db(transaction=True)
def test_after_an_edit_readers_wait_for_the_one_render_and_never_get_the_old_page(
    live_server, settings, table_lock
):
    settings.PAGE_CACHE_WAIT_SECONDS = 10
    article = make_article(title="Tiêu đề cũ của bản tin")
    path = article.get_absolute_url()
    host = live_server.url.split("//")[1]
    Client().get(path, HTTP_HOST=host)
    article.title = "Tiêu đề mới của bản tin"
    article.save()  # a new generation: the stored copy is from before the edit
    table_lock["acquire"]()
    try:
        threads, results = fire(live_server.url, path, 10)
        time.sleep(0.5)
        assert results == []  # nobody got the old page; one renders, the others wait
    finally:
        table_lock["release"]()
    for thread in threads:
        thread.join(30)
    assert sorted(r["cache"] for r in results) == ["HIT"] * 9 + ["MISS"]
    assert all("Tiêu đề mới của bản tin".encode() in r["body"] for r in results)


@pytest.mark.django_db(transaction=True)
def test_while_the_database_is_down_the_last_copy_is_served(client):
    article = make_article(title="Bản tin vẫn đọc được khi mất kết nối")
    get(client, article.get_absolute_url())
    article.title = "Bản tin sau khi sửa"
    article.save()  # the copy is now from an older generation, and no longer fresh
    with database_down():
        response, state = get(client, article.get_absolute_url())
        assert (response.status_code, state) == (200, "STALE")
        assert "Bản tin vẫn đọc được khi mất kết nối" in response.content.decode()
        # a page that was never cached gets the 503 page
        assert get(client, "/tag/khong-co/")[0].status_code == 503
    assert "Bản tin sau khi sửa" in get(client, article.get_absolute_url())[0].content.decode()


def test_the_page_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE = False
    article = make_article()
    get(client, article.get_absolute_url())
    assert get(client, article.get_absolute_url())[1] is None


# --- health and readiness ------------------------------------------------------------------------


def test_healthz_and_readyz_answer_200_when_everything_is_there(client, monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "_ready", False)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json() == {"status": "ok", "cache": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert "no-cache" in ready["Cache-Control"] and ready.get("X-Cache") is None


def test_readyz_fails_while_a_migration_is_pending(client, monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "_ready", False)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'articles' AND name = "
            "(SELECT max(name) FROM django_migrations WHERE app = 'articles') RETURNING name"
        )
        (latest,) = cursor.fetchone()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "migrations pending"
    assert response.json()["pending"] == [f"articles.{latest}"]
    assert client.get("/healthz").status_code == 200  # alive, just not ready for this code


@pytest.mark.django_db(transaction=True)
def test_readyz_and_healthz_fail_while_the_database_is_down(client, monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "_ready", True)
    with database_down():
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 503


def test_invalidation_is_connected_by_app_ready_alone():
    """A management command or `manage.py shell` imports no view: after django.setup() alone, saving
    any model readers see must already start a new generation."""
    import subprocess
    import sys
    from pathlib import Path

    program = (
        "import django; django.setup()\n"
        "from django.db.models.signals import post_save, post_delete\n"
        "from articles.models import Article, Category, Tag, WebsiteLink\n"
        "from feedback.models import Feedback\n"
        "from medialib.models import Image, Document\n"
        "from portal.models import SiteSettings\n"
        "models = [Article, Category, Tag, WebsiteLink, Feedback, Image, Document, SiteSettings]\n"
        "for signal in (post_save, post_delete):\n"
        "    for model in models:\n"
        "        uids = [entry[0][0] for entry in signal.receivers if entry[0][1] == id(model)]\n"
        "        assert any(str(uid).startswith('portal-caching-') for uid in uids), "
        "(signal, model)\n"
        "print('connected')\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "connected"


# --- what a reader must never get ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_article_does_not_come_back_while_the_database_is_down(client):
    article = make_article(title="Bài bị gỡ theo yêu cầu")
    url = article.get_absolute_url()
    assert get(client, url)[0].status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert get(client, url)[0].status_code == 404
    with database_down():
        response, state = get(client, url)
    assert response.status_code == 503 and "Bài bị gỡ theo yêu cầu" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_copies_are_served_in_an_outage_even_when_a_scheduled_time_passes_or_the_generation_is_lost(
    client,
):
    article = make_article(title="Bài vẫn đọc được trong sự cố")
    make_article(title="Bài hẹn giờ trong sự cố", publish_at=timezone.now() + timedelta(seconds=1))
    url = article.get_absolute_url()
    get(client, url)
    time.sleep(1.1)  # the scheduled time passes while the database is down
    with database_down():
        response, state = get(client, url)
        assert (response.status_code, state) == (200, "STALE")
        from django.core.cache import cache

        cache.delete(caching.GENERATION_KEY)  # e.g. Redis restarted during the outage
        response, state = get(client, url)
        assert (response.status_code, state) == (200, "STALE")
    assert get(client, url)[0].status_code == 200


def test_parameters_reader_pages_do_not_read_never_reach_the_page(client):
    article = make_article()
    url = article.get_absolute_url()
    response, state = get(client, url + "?utm_source=KẺ_PHÁ_HOẠI&made_up=1")
    assert state == "MISS" and "PHÁ_HOẠI" not in response.content.decode()
    assert "made_up" not in response.content.decode()
    assert get(client, url)[1] == "HIT"


def test_a_repeated_parameter_keeps_its_order_in_the_key(client):
    category = make_article().category
    for _ in range(25):
        make_article(category=category)
    url = category.get_absolute_url()
    first = get(client, url + "?page=2&page=1")  # Django reads the last value: page 1
    second = get(client, url + "?page=1&page=2")  # page 2
    assert first[1] == "MISS" and second[1] == "MISS"
    assert first[0].content != second[0].content


def test_an_unreadable_entry_is_a_miss_not_an_error(client, rf):
    from portal.pagecache import pages, variant

    article = make_article()
    url = article.get_absolute_url()
    pages().set(caching.page_key(variant(rf.get(url))), "written by another version")
    response, state = get(client, url)
    assert (response.status_code, state) == (200, "MISS")
    assert get(client, url)[1] == "HIT"


def test_a_head_request_stores_nothing(client):
    article = make_article()
    assert client.head(article.get_absolute_url())["X-Cache"] == "MISS"
    assert get(client, article.get_absolute_url())[1] == "MISS"
