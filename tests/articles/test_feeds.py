"""RSS 2.0 and Atom feeds: valid for feedparser, complete items, only published articles, 304s."""

import html
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import image_file, make_article, make_author, make_category

FEEDS = [
    ("articles:rss", False, "rss20"),
    ("articles:atom", False, "atom10"),
    ("articles:category_rss", True, "rss20"),
    ("articles:category_atom", True, "atom10"),
]


@pytest.fixture(autouse=True)
def _feed_views_themselves(settings):
    """These tests are about the feed views (their ETag and Last-Modified, what a page-cache miss or
    a proxy sees), some simulating the clock with QuerySet.update(), which sends no signal: the page
    cache in front of them is tested in tests/test_page_cache.py."""
    settings.PAGE_CACHE = False


@pytest.fixture
def content(db):
    politics = make_category(name="Chính trị", slug="chinh-tri")
    local = make_category(name="Địa phương", slug="dia-phuong", parent=politics)
    other = make_category(name="Văn hóa", slug="van-hoa")
    author = make_author(name="Lê Văn Cường")
    now = timezone.now()
    with_cover = make_article(
        title="Hội nghị tổng kết công tác dân vận",
        lead="Tỉnh biểu dương 25 tập thể điển hình & tiêu biểu <năm nay>.",
        category=politics,
        author=author,
        publish_at=now - timedelta(hours=2),
        cover_image=image_file("hoi-nghi.jpg", size=(320, 200)),
        cover_alt="Quang cảnh hội nghị",
        tags=["Dân vận", "Tổng kết"],
    )
    in_child = make_article(
        title="Xã Tân Phú đón bằng nông thôn mới", category=local, author=author
    )
    elsewhere = make_article(title="Liên hoan văn nghệ quần chúng", category=other, author=author)
    hidden = [
        make_article(title="Bản nháp chính trị", status=Article.Status.DRAFT, category=politics),
        make_article(
            title="Bài hẹn giờ chính trị", category=politics, publish_at=now + timedelta(hours=3)
        ),
        make_article(
            title="Bài hết hạn chính trị",
            category=politics,
            publish_at=now - timedelta(days=3),
            expire_at=now - timedelta(minutes=1),
        ),
    ]
    return {
        "category": politics,
        "with_cover": with_cover,
        "in_child": in_child,
        "elsewhere": elsewhere,
        "hidden": hidden,
    }


def feed_url(name, needs_category, category):
    return reverse(name, args=[category.slug]) if needs_category else reverse(name)


@pytest.mark.parametrize("name,needs_category,version", FEEDS)
def test_feedparser_reads_every_feed_without_error(client, content, name, needs_category, version):
    response = client.get(feed_url(name, needs_category, content["category"]))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == version
    titles = [entry.title for entry in parsed.entries]
    assert content["with_cover"].title in titles
    assert content["in_child"].title in titles  # a category feed includes its sub-categories
    for hidden in content["hidden"]:
        assert hidden.title not in titles
    assert (content["elsewhere"].title in titles) is (not needs_category)


@pytest.mark.parametrize("name,needs_category,version", FEEDS)
def test_items_have_title_link_lead_date_author_category_and_cover(
    client, content, name, needs_category, version
):
    article = content["with_cover"]
    parsed = feedparser.parse(
        client.get(feed_url(name, needs_category, content["category"])).content
    )
    entry = next(e for e in parsed.entries if e.title == article.title)
    assert entry.link == "http://testserver" + article.get_absolute_url()
    assert html.unescape(entry.summary) == article.lead  # plain text, escaped as HTML in the feed
    assert entry.author == "Lê Văn Cường"
    assert {tag.term for tag in entry.tags} == {"Chính trị", "Dân vận", "Tổng kết"}
    published = entry.published_parsed
    assert datetime(*published[:6], tzinfo=UTC) == article.publish_at.replace(microsecond=0)
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    assert enclosure.href == "http://testserver" + article.cover_image.url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == article.cover_image.size > 0


def test_feed_lists_newest_first(client, content):
    parsed = feedparser.parse(client.get(reverse("articles:rss")).content)
    dates = [entry.published_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)


def test_unknown_or_inactive_category_feed_is_404(client, content):
    assert client.get(reverse("articles:category_rss", args=["khong-co"])).status_code == 404
    inactive = make_category(slug="an-di", is_active=False)
    assert client.get(reverse("articles:category_atom", args=[inactive.slug])).status_code == 404


@pytest.mark.parametrize("name,needs_category,version", FEEDS)
def test_conditional_get_answers_304_until_something_changes(
    client, content, name, needs_category, version
):
    url = feed_url(name, needs_category, content["category"])
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304

    article = content["in_child"]
    article.title = "Xã Tân Phú đón bằng công nhận nông thôn mới"
    article.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_unpublishing_changes_the_etag(client, content):
    url = reverse("articles:rss")
    etag = client.get(url)["ETag"]
    Article.objects.filter(pk=content["in_child"].pk).update(status=Article.Status.UNPUBLISHED)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_a_304_costs_one_query(client, content, django_assert_num_queries):
    url = reverse("articles:rss")
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_feed_queries_do_not_grow_with_items(client, content, django_assert_max_num_queries):
    for n in range(10):
        make_article(title=f"Tin thêm {n}", category=content["category"], tags=["Thêm"])
    # state + items + tags prefetch (+ site settings, cached after the first request)
    with django_assert_max_num_queries(4):
        client.get(reverse("articles:rss"))


def test_pages_link_their_feeds(client, content):
    html = client.get(content["category"].get_absolute_url()).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert f'href="http://testserver{reverse("articles:category_rss", args=["chinh-tri"])}"' in html
    assert f'href="http://testserver{reverse("articles:atom")}"' in html


@pytest.mark.parametrize("name,needs_category,version", FEEDS)
def test_links_use_public_base_url_when_set(
    client, content, settings, name, needs_category, version
):
    settings.PUBLIC_BASE_URL = "https://congthongtin.example.gov.vn"
    url = feed_url(name, needs_category, content["category"])
    response = client.get(url, HTTP_HOST="127.0.0.1")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    base = "https://congthongtin.example.gov.vn"
    article = content["with_cover"]
    entry = next(e for e in parsed.entries if e.title == article.title)
    assert entry.link == base + article.get_absolute_url()
    assert entry.id == base + article.get_absolute_url()
    home = base + (content["category"].get_absolute_url() if needs_category else "/")
    assert parsed.feed.link == home
    assert any(link.href == base + url for link in parsed.feed.links if link.rel == "self")
    text = response.content.decode()
    assert "127.0.0.1" not in text and "testserver" not in text


def state(client, url="/rss/"):
    response = client.get(url)
    return response["ETag"], response["Last-Modified"]


def test_editing_drafts_or_scheduled_articles_leaves_etag_and_last_modified(client, content):
    """The feed's validators say nothing about the newsroom's unpublished work."""
    urls = ["/rss/", reverse("articles:category_atom", args=[content["category"].slug])]
    before = [state(client, url) for url in urls]
    draft, scheduled, _expired = content["hidden"]
    for article in (draft, scheduled):
        article.title += " (sửa)"
        article.save()
    make_article(title="Bản nháp mới", status=Article.Status.DRAFT, category=content["category"])
    assert [state(client, url) for url in urls] == before
    for (etag, modified), url in zip(before, urls, strict=True):
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304


def age(minutes=60):
    """Make every article's last edit older, as it would be in a real newsroom (not just
    created)."""
    Article.objects.update(updated_at=timezone.now() - timedelta(minutes=minutes))


def test_a_scheduled_article_becoming_due_changes_etag_and_last_modified(client, content):
    age()
    etag, modified = state(client)
    scheduled = content["hidden"][1]
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/rss/", headers={"If-None-Match": etag}).status_code == 200
    assert client.get("/rss/", headers={"If-Modified-Since": modified}).status_code == 200


def test_an_expiry_changes_etag_and_last_modified(client, content):
    age()
    etag, modified = state(client)
    article = content["elsewhere"]
    Article.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/rss/", headers={"If-None-Match": etag}).status_code == 200
    assert client.get("/rss/", headers={"If-Modified-Since": modified}).status_code == 200
    assert article.title not in client.get("/rss/").content.decode()
