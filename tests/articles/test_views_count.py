"""The view beacon: one view per browser per article per window, counted per day and in total."""

import json
import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import widgets
from articles.models import Article, DailyViews
from articles.views_count import SALT, _article_id, beacon_token, record_view
from portal import caching
from tests.factories import make_article

pytestmark = pytest.mark.django_db
URL = "/luot-xem/"


def flush():
    """Views are buffered (articles/viewbuffer.py): add them to the totals and days now."""
    call_command("flush_views", verbosity=0)


def total(article) -> int:
    """The article's total once the buffered views are flushed."""
    flush()
    return Article.objects.get(pk=article.pk).view_count


def send(client, token, origin="http://testserver", **extra):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(
        URL, json.dumps({"token": token}), content_type="application/json", **headers, **extra
    )


def test_a_beacon_counts_one_view_today_and_in_total(client):
    article = make_article()
    response = send(client, beacon_token(article.pk))
    assert response.status_code == 200
    assert response.json() == {"counted": True, "views": 1}
    flush()
    article.refresh_from_db()
    assert article.view_count == 1
    assert DailyViews.objects.get(article=article, day=timezone.localdate()).count == 1


def test_the_same_browser_within_the_window_adds_nothing(client):
    article = make_article()
    token = beacon_token(article.pk)
    assert send(client, token).json()["counted"] is True
    again = send(client, token)
    assert again.json() == {"counted": False, "views": 1}
    other_reader = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert send(other_reader, token).json() == {"counted": True, "views": 2}
    assert total(article) == 2


def test_forty_user_agents_from_one_address_count_one_view(client):
    """The server keys a reader on the client address alone: the User-Agent is the client's to
    choose, so changing it (without the cookie) must not count another view."""
    article = make_article()
    token = beacon_token(article.pk)
    answers = [
        send(
            client.__class__(
                HTTP_USER_AGENT=f"Mozilla/5.0 (X11; Linux x86_64; variant {n}) Chrome/{100 + n}"
            ),
            token,
        ).json()
        for n in range(40)
    ]
    assert [answer["counted"] for answer in answers] == [True] + [False] * 39
    assert total(article) == 1
    assert DailyViews.objects.get(article=article).count == 1


def test_the_window_ends_after_thirty_minutes(client, settings):
    article = make_article()
    token = beacon_token(article.pk)
    send(client, token)
    cookie = client.cookies["viewed"]
    assert int(cookie["max-age"]) == 30 * 60
    pk, _, at = cookie.value.partition(".")
    client.cookies["viewed"] = f"{pk}.{int(at) - 30 * 60 - 1}"  # the browser kept a stale cookie
    assert send(client, token).json()["counted"] is False  # the server still remembers the reader
    cache.clear()  # ... for VIEW_DEDUP_SECONDS (30 minutes), the cache entry's timeout
    assert send(client, token).json()["counted"] is True


def test_replaying_one_request_without_cookies_counts_once(client):
    """Three identical `curl -X POST -H 'Origin: …' -d '{"token": …}'`: one view, not three."""
    article = make_article()
    token = beacon_token(article.pk)
    answers = [send(client.__class__(), token).json() for _ in range(3)]
    assert answers == [
        {"counted": True, "views": 1},
        {"counted": False, "views": 1},
        {"counted": False, "views": 1},
    ]
    assert total(article) == 1
    assert DailyViews.objects.get(article=article).count == 1


def test_a_request_with_neither_origin_nor_sec_fetch_site_is_refused(client):
    article = make_article()
    response = send(client, beacon_token(article.pk), origin=None)
    assert response.status_code == 403
    assert response.json()["error"] == "Lượt xem chỉ được tính từ các trang của cổng thông tin này."
    same_origin = send(
        client, beacon_token(article.pk), origin=None, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert same_origin.json() == {"counted": True, "views": 1}
    assert total(article) == 1


def test_tokens_expire_and_old_unsigned_time_tokens_are_refused(client, settings):
    article = make_article()
    never_expiring = signing.Signer(salt=SALT).sign(str(article.pk))  # the old token format
    assert send(client, never_expiring).status_code == 400

    class SignedFiveHoursAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 5 * 3600)

    assert settings.VIEW_TOKEN_MAX_AGE_SECONDS == 4 * 3600
    stale = SignedFiveHoursAgo(salt=SALT).sign(str(article.pk))
    assert send(client, stale).status_code == 400
    settings.VIEW_TOKEN_MAX_AGE_SECONDS = 6 * 3600
    assert send(client, stale).json()["counted"] is True
    assert total(article) == 1


def test_the_token_is_the_same_within_the_page_cache_time(settings):
    """A page rendered twice within READER_CACHE_SECONDS is the same page (same ETag)."""
    token = beacon_token(42)
    pk, stamp, _signature = token.split(":")
    assert pk == "42"
    assert signing.b62_decode(stamp) % settings.READER_CACHE_SECONDS == 0


def test_one_address_counts_at_most_view_max_per_hour(client, settings):
    settings.VIEW_MAX_PER_HOUR = 3
    articles = [make_article() for _ in range(5)]
    counted = [send(client.__class__(), beacon_token(a.pk)).json()["counted"] for a in articles]
    assert counted == [True, True, True, False, False]
    elsewhere = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert send(elsewhere, beacon_token(articles[4].pk)).json()["counted"] is True
    flush()
    assert (
        sum(
            Article.objects.filter(pk__in=[a.pk for a in articles]).values_list(
                "view_count", flat=True
            )
        )
        == 4
    )


def test_behind_the_proxy_readers_are_told_apart_by_the_address_the_proxy_saw(client, settings):
    """The feedback app's client address: the right-most X-Forwarded-For entry behind the proxy."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.FEEDBACK_CLIENT_IP_HEADER = ""
    article = make_article()
    token = beacon_token(article.pk)

    def via_proxy(forwarded_for):
        browser = client.__class__(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
        return send(
            browser, token, origin="https://testserver", HTTP_X_FORWARDED_PROTO="https", secure=True
        )

    assert via_proxy("203.0.113.5").json()["counted"] is True
    assert via_proxy("203.0.113.6").json()["counted"] is True  # another reader, same proxy
    # A client cannot pass for another by writing its own entries to the left.
    assert via_proxy("198.51.100.1, 203.0.113.5").json()["counted"] is False
    assert total(article) == 2


def cache_keys() -> list[str]:
    """Every key in the cache, local memory or Redis (the CI runs the suite with both)."""
    store = cache._cache
    if isinstance(store, dict):  # LocMemCache
        return [str(key) for key in store]
    return [key.decode() for key in store.get_client().keys("*")]  # RedisCache


def test_the_cache_holds_no_client_address(client):
    article = make_article()
    send(
        client.__class__(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="UA-under-test"),
        beacon_token(article.pk),
    )
    keys = " ".join(cache_keys())
    assert f"view-seen:{article.pk}:" in keys and "view-cap:" in keys
    assert "203.0.113.77" not in keys and "UA-under-test" not in keys


def test_recording_a_view_of_an_article_deleted_meanwhile_counts_nothing():
    article = make_article()
    pk = article.pk
    article.delete()
    record_view(pk)  # buffered; the flush drops it quietly
    flush()
    assert not DailyViews.objects.filter(article_id=pk).exists()


def test_the_page_shows_the_total_as_it_was_for_the_cache_time(client):
    """Counting a view does not change the page for READER_CACHE_SECONDS (its ETag stays)."""
    article = make_article()
    Article.objects.filter(pk=article.pk).update(view_count=41)
    assert (
        "<span data-view-count>41</span>" in client.get(article.get_absolute_url()).content.decode()
    )
    assert send(client, beacon_token(article.pk)).json() == {"counted": True, "views": 42}
    assert (
        "<span data-view-count>41</span>" in client.get(article.get_absolute_url()).content.decode()
    )
    flush()  # the page shows the total of flushed views (and with Redis, clear() drops the buffer)
    cache.clear()
    assert (
        "<span data-view-count>42</span>" in client.get(article.get_absolute_url()).content.decode()
    )


def test_a_draft_or_scheduled_article_answers_404_and_counts_nothing(client):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    for article in (draft, scheduled):
        response = send(client, beacon_token(article.pk))
        assert response.status_code == 404
        assert "chưa được đăng" in response.json()["error"]
    flush()
    assert not DailyViews.objects.exists()
    assert not Article.objects.filter(view_count__gt=0).exists()


def test_an_unknown_id_answers_404(client):
    assert send(client, beacon_token(987654321)).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[]",
        b'{"token": 5}',
        b'{"id": 1}',
        b'{"token": "1:forged"}',
        b'{"token": null}',
        b"\xff\xfe",
    ],
)
def test_malformed_bodies_answer_400(client, body):
    make_article()
    response = client.post(
        URL, body, content_type="application/json", HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Yêu cầu không hợp lệ."
    assert not DailyViews.objects.exists()


def test_a_token_for_one_article_cannot_count_another(client):
    article = make_article()
    other = make_article()
    forged = beacon_token(article.pk).replace(f"{article.pk}:", f"{other.pk}:", 1)
    assert send(client, forged).status_code == 400


def test_other_sites_cannot_count_views(client):
    article = make_article()
    response = send(client, beacon_token(article.pk), origin="https://evil.example")
    assert response.status_code == 403
    cross_site = send(
        client, beacon_token(article.pk), origin=None, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert cross_site.status_code == 403
    assert total(article) == 0


def test_only_post_is_accepted_and_no_session_or_csrf_cookie_is_needed(client):
    article = make_article()
    assert client.get(URL).status_code == 405
    strict = client.__class__(enforce_csrf_checks=True)
    assert send(strict, beacon_token(article.pk)).status_code == 200
    assert "sessionid" not in strict.cookies


def test_the_article_page_carries_the_beacon_and_the_total(client):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(view_count=1234)
    html = client.get(article.get_absolute_url()).content.decode()
    token = re.search(r'data-view-token="([^"]+)"', html).group(1)
    assert _article_id(token) == article.pk
    assert f'data-view-beacon="{reverse("articles:view_beacon")}"' in html
    assert "<span data-view-count>1.234</span>" in html


def test_counting_views_does_not_touch_updated_at_or_the_caches(client):
    article = make_article()
    before = Article.objects.get(pk=article.pk).updated_at
    generation = caching.generation()
    send(client, beacon_token(article.pk))
    assert Article.objects.get(pk=article.pk).updated_at == before
    assert caching.generation() == generation


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def test_most_viewed_uses_7_days_then_30_then_all_time():
    a, b, c, d = (make_article(title=t) for t in "ABCD")
    draft = make_article(status=Article.Status.DRAFT)
    DailyViews.objects.create(article=a, day=days_ago(1), count=5)
    DailyViews.objects.create(article=b, day=days_ago(2), count=9)
    DailyViews.objects.create(article=b, day=days_ago(20), count=100)
    DailyViews.objects.create(article=c, day=days_ago(20), count=50)
    DailyViews.objects.create(article=d, day=days_ago(40), count=7)
    DailyViews.objects.create(article=draft, day=days_ago(0), count=999)
    for article, total in ((a, 5), (b, 109), (c, 50), (d, 7), (draft, 999)):
        Article.objects.filter(pk=article.pk).update(view_count=total)
    assert widgets.most_viewed(2) == [b, a]  # the last 7 days are enough
    caching.invalidate()
    assert widgets.most_viewed(3) == [b, a, c]  # short: filled from the last 30 days
    caching.invalidate()
    assert widgets.most_viewed(10) == [b, a, c, d]  # then from all time; never the draft


def test_most_viewed_ranks_the_week_from_each_days_leaders(monkeypatch):
    """Candidates are each day's most viewed (MOST_VIEWED_PER_DAY), so the statement reads a number
    of rows that follows the window, not the archive; the weekly sums decide among them. The price:
    an article that was never among a day's leaders is not summed, even with a larger weekly total
    than some that were (here "never_top": 70 views, against 20 for each one-day article)."""
    monkeypatch.setattr(widgets, "MOST_VIEWED_PER_DAY", 3)
    steady, spike, never_top = (make_article(title=t) for t in ("Đều", "Đột biến", "Không lần nào"))
    for day in range(7):
        DailyViews.objects.create(article=steady, day=days_ago(day), count=1000)
        DailyViews.objects.create(article=never_top, day=days_ago(day), count=10)
        for _ in range(3):
            DailyViews.objects.create(article=make_article(), day=days_ago(day), count=20)
    DailyViews.objects.create(article=spike, day=days_ago(3), count=5000)
    top = widgets.most_viewed(3)
    assert top[:2] == [steady, spike]  # 7,000 views over the week, then 5,000 in one day
    assert never_top not in top  # summing every article of the week would rank it third


def test_a_new_site_without_views_shows_nothing_in_most_viewed():
    make_article()
    assert widgets.most_viewed(10) == []


@pytest.mark.parametrize(
    "body", ["[" * 950, '{"token": ' + "[" * 900 + "]" * 900 + "}", "\ufeff{}", "nul\x00l"]
)
def test_pathological_bodies_answer_400(client, body):
    response = client.post(
        URL, body, content_type="application/json", HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 400


def test_one_ipv6_subscriber_counts_once_however_many_addresses_it_rotates(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    article = make_article()
    token = beacon_token(article.pk)
    counted = [
        send(
            client.__class__(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"2001:db8:aa:bb::{n:x}"),
            token,
            origin="https://testserver",
            HTTP_X_FORWARDED_PROTO="https",
            secure=True,
        ).json()["counted"]
        for n in range(1, 6)
    ]
    assert counted == [True, False, False, False, False]
