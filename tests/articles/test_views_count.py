"""The view beacon: one view per browser per article per window, counted per day and in total."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import widgets
from articles.models import Article, DailyViews
from articles.views_count import beacon_token
from tests.factories import make_article

pytestmark = pytest.mark.django_db
URL = "/luot-xem/"


def send(client, token, origin="http://testserver", **extra):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(URL, json.dumps({"token": token}), content_type="application/json", **headers, **extra)


def test_a_beacon_counts_one_view_today_and_in_total(client):
    article = make_article()
    response = send(client, beacon_token(article.pk))
    assert response.status_code == 200
    assert response.json() == {"counted": True, "views": 1}
    article.refresh_from_db()
    assert article.view_count == 1
    assert DailyViews.objects.get(article=article, day=timezone.localdate()).count == 1


def test_the_same_browser_within_the_window_adds_nothing(client):
    article = make_article()
    token = beacon_token(article.pk)
    assert send(client, token).json()["counted"] is True
    again = send(client, token)
    assert again.json() == {"counted": False, "views": 1}
    other_browser = client.__class__()
    assert send(other_browser, token).json() == {"counted": True, "views": 2}
    assert Article.objects.get(pk=article.pk).view_count == 2


def test_the_window_ends_after_thirty_minutes(client, settings):
    article = make_article()
    token = beacon_token(article.pk)
    send(client, token)
    cookie = client.cookies["viewed"]
    assert int(cookie["max-age"]) == 30 * 60
    pk, _, at = cookie.value.partition(".")
    client.cookies["viewed"] = f"{pk}.{int(at) - 30 * 60 - 1}"  # the browser kept a stale cookie
    assert send(client, token).json()["counted"] is True


def test_a_draft_or_scheduled_article_answers_404_and_counts_nothing(client):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    for article in (draft, scheduled):
        response = send(client, beacon_token(article.pk))
        assert response.status_code == 404
        assert "chưa được đăng" in response.json()["error"]
    assert not DailyViews.objects.exists()
    assert not Article.objects.filter(view_count__gt=0).exists()


def test_an_unknown_id_answers_404(client):
    assert send(client, beacon_token(987654321)).status_code == 404


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[]", b'{"token": 5}', b'{"id": 1}', b'{"token": "1:forged"}', b'{"token": null}', b"\xff\xfe"],
)
def test_malformed_bodies_answer_400(client, body):
    make_article()
    response = client.post(URL, body, content_type="application/json", HTTP_ORIGIN="http://testserver")
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
    cross_site = send(client, beacon_token(article.pk), origin=None, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross_site.status_code == 403
    assert Article.objects.get(pk=article.pk).view_count == 0


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
    assert f'data-view-token="{beacon_token(article.pk)}"' in html
    assert f'data-view-beacon="{reverse("articles:view_beacon")}"' in html
    assert "<span data-view-count>1.234</span>" in html


def test_counting_views_does_not_touch_updated_at_or_the_caches(client):
    article = make_article()
    before = Article.objects.get(pk=article.pk).updated_at
    generation = widgets.generation()
    send(client, beacon_token(article.pk))
    assert Article.objects.get(pk=article.pk).updated_at == before
    assert widgets.generation() == generation


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
    widgets.invalidate()
    assert widgets.most_viewed(3) == [b, a, c]  # short: filled from the last 30 days
    widgets.invalidate()
    assert widgets.most_viewed(10) == [b, a, c, d]  # then from all time; never the draft


def test_a_new_site_without_views_shows_nothing_in_most_viewed():
    make_article()
    assert widgets.most_viewed(10) == []


def test_most_viewed_reads_the_daily_index():
    """The 7-day window is an index scan on (day, article, count), not a scan of every row."""
    from django.db import connection

    make_article()
    sql, params = Article.objects.published().most_viewed(days=7)[:10].query.sql_with_params()
    assert "articles_dailyviews" in sql
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "daily_views_day_idx" in plan or "daily_views_once_a_day" in plan
