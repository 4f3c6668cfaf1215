"""Reader queries stay bounded as the archive grows (DESIGN.md decision 11): the plans of the main
reader queries read articles and taggings through indexes, deep list pages give way to a month
archive, sitemap pages are id ranges, and the related/other-news rules still hold."""

import random
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import related, widgets
from articles.models import Article, RelatedArticle, Tag, TaggedArticle
from articles.sitemaps import ArticleSitemap
from articles.views import LIST_MAX_PAGES
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BIG_TABLES = ("articles_article", "articles_taggedarticle")


def archive(n=5000):
    """`n` articles (one in 25 a draft) by 25 authors over 20 categories, with 100 tags (three an
    article), a few further categories and featured stories, loaded with bulk_create, then
    ANALYZEd: each author, category or tag has a small share of the archive, as in a real one."""
    parent = make_category(name="Thời sự", slug="thoi-su")
    child = make_category(name="Trong nước", slug="trong-nuoc", parent=parent)
    categories = [parent, child, *(make_category() for _ in range(18))]
    authors = [make_author() for _ in range(25)]
    tags = [Tag.objects.create(name=f"Chủ đề {i}", slug=f"chu-de-{i}") for i in range(100)]
    now = timezone.now()
    # Bodies that do not compress (as real text barely does), so that the table has as many pages
    # as a real one of this size would, and the planner weighs a scan as it would there.
    rng = random.Random(11)
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bài số {i}",
            slug=f"bai-so-{i}",
            lead="Tóm tắt bài viết. " * 10,
            body=f"<p>{rng.randbytes(900).hex()}</p>",
            author=authors[i % 25],
            unit=authors[i % 25].unit,
            category=categories[i % len(categories)],
            status=Article.Status.DRAFT if i % 25 == 7 else Article.Status.PUBLISHED,
            publish_at=now - timedelta(hours=i + 1),
            is_featured=i % 700 == 3,
        )
        for i in range(n)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag=tags[(i * 7 + k * 13) % len(tags)])
        for i, article in enumerate(articles)
        for k in range(3)
    )
    Article.extra_categories.through.objects.bulk_create(
        Article.extra_categories.through(article_id=article.pk, category_id=parent.pk)
        for article in articles[5::60]
        if article.category_id != parent.pk
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "parent": parent,
        "child": child,
        "articles": articles,
        "tags": tags,
        "author": authors[0],
    }


def related_articles(article):
    """Rank `article` now (as saving it does, after the commit), then read "Có thể bạn quan tâm"
    as its page does (articles.widgets.article_end_ids): the articles, best first."""
    related.refresh([article.pk])
    article.refresh_from_db(fields=["related_ids"])
    ids, _ = widgets.article_end_ids(article)
    found = Article.objects.in_bulk(ids)
    return [found[pk] for pk in ids]


def other_news(article):
    """ "Các tin khác" on its own (the page also leaves out what "Có thể bạn quan tâm" shows:
    tests/articles/test_related.py checks that on the page)."""
    return list(Article.objects.published().other_news(article)[:10])


def plan(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def seq_scans(sql):
    """The big tables a query's plan reads whole."""
    text = plan(sql)
    return [table for table in BIG_TABLES if re.search(rf"Seq Scan on {table}\b", text)]


def test_main_reader_queries_read_the_big_tables_through_indexes(client):
    data = archive()
    article = Article.objects.published().filter(category=data["child"]).order_by("-publish_at")[40]
    old = Article.objects.published().order_by("publish_at").first()
    RelatedArticle.objects.create(article=article, related=old, order=0)
    month = timezone.localtime(old.publish_at + timedelta(days=40))
    urls = [
        "/",
        article.get_absolute_url(),
        old.get_absolute_url(),
        data["parent"].get_absolute_url(),
        data["parent"].get_absolute_url() + "?page=5",
        data["parent"].get_absolute_url() + f"?thang={month:%Y-%m}",
        data["child"].get_absolute_url(),
        "/tag/chu-de-3/",
        "/tag/chu-de-3/?page=4",
        data["author"].get_absolute_url(),
        data["author"].get_absolute_url() + "?page=6",
        data["author"].unit.get_absolute_url(),
        "/rss/",
        f"/rss/{data['parent'].slug}/",
        f"/atom/{data['child'].slug}/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-tags.xml",
        "/sitemap-categories.xml",
        "/sitemap-news.xml",
    ]
    found = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            if any(table in query["sql"] for table in BIG_TABLES) and query["sql"].startswith(
                "SELECT"
            ):
                if tables := seq_scans(query["sql"]):
                    found.setdefault(url, []).append(
                        f"{tables}\n{query['sql']}\n{plan(query['sql'])}"
                    )
    assert not found, "\n\n".join(
        f"{url}: {text}" for url, texts in found.items() for text in texts
    )


def test_related_and_other_news_plans_use_indexes():
    data = archive()
    article = Article.objects.get(pk=data["articles"][100].pk)
    with CaptureQueriesContext(connection) as queries:
        related.refresh([article.pk])  # the ranking, one statement
        assert len(other_news(article)) == 10  # "Các tin khác" on its own, one query
    assert len(queries) == 2
    for query in queries.captured_queries:
        assert seq_scans(query["sql"]) == [], query["sql"]
    article.refresh_from_db(fields=["related_ids"])
    # the article page: which related articles and which other news, in one statement (both
    # lists, other news leaving out the related ones), then the cards (from the cache when there)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        related_cards, other_cards = widgets.article_end(article)
    assert len(related_cards) == related.SHOWN and len(other_cards) == 10
    assert len(queries) == 2  # ids of both lists, then the missing cards of both
    for query in queries.captured_queries:
        assert seq_scans(query["sql"]) == [], query["sql"]
    with CaptureQueriesContext(connection) as queries:
        assert widgets.article_end(article) == (related_cards, other_cards)
    assert len(queries) == 1  # cards cached: only which articles


def test_the_sidebars_most_viewed_reads_the_daily_index(client):
    """The statements that "Xem nhiều nhất" runs while a page's sidebar (and the home page's own
    side block) is rendered, captured and EXPLAINed as they are: each reads the daily counts
    through their indexes ((day, -count, article) for each day's leaders, (day, article, count)
    for the sums), never the whole table, and the planner is not forced."""
    from articles.models import DailyViews

    data = archive()
    today = timezone.localdate()
    rng = random.Random(5)
    # 60 days of counts: every article read on a few days, a burst in its first days
    DailyViews.objects.bulk_create(
        DailyViews(article_id=article.pk, day=today - timedelta(days=n), count=rng.randint(1, 500))
        for article in data["articles"]
        for n in sorted(rng.sample(range(60), 6))
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_dailyviews")
    for url in (data["child"].get_absolute_url(), "/"):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        statements = [
            q["sql"] for q in queries.captured_queries if "articles_dailyviews" in q["sql"]
        ]
        assert statements, url
        plans = [plan(sql) for sql in statements]
        for sql, text in zip(statements, plans, strict=True):
            assert "Seq Scan on articles_dailyviews" not in text, f"{sql}\n{text}"
            assert "daily_views_day_count_idx" in text or "daily_views_day_idx" in text, sql
        # each day's leaders
        assert any("daily_views_day_count_idx" in text for text in plans), plans


def test_a_tags_deep_page_reads_its_newest_links_from_their_index_not_every_link(client):
    """Page 3 of a tag (its 60 newest articles) walks the tag's links newest first through
    (tag, -publish_at, -article) and stops: it reads about 60 links, not the tag's 150."""
    import json

    data = archive()
    tag = data["tags"][3]
    links = TaggedArticle.objects.filter(tag=tag).count()
    assert links == 150
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/tag/{tag.slug}/?page=3")
    assert response.status_code == 200
    listing = [
        q["sql"]
        for q in queries.captured_queries
        if "articles_taggedarticle" in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert len(listing) == 1, listing
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + listing[0])
        found = cursor.fetchone()[0]
    found = json.loads(found) if isinstance(found, str) else found

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    read = [
        node
        for node in nodes(found[0]["Plan"])
        if node.get("Relation Name") == "articles_taggedarticle"
    ]
    assert [node.get("Index Name") for node in read] == ["tagged_tag_publish_idx"], found
    assert read[0]["Actual Rows"] * read[0]["Actual Loops"] <= 2 * 60, found
    # and the page is right: the tag's published articles 41-60, newest first
    expected = list(
        Article.objects.published()
        .filter(tagged_items__tag=tag)
        .recent()
        .values_list("pk", flat=True)
    )[40:60]
    assert [pk for pk, _ in response.context["articles"]] == expected  # (id, publish_at) rows


# --- related articles and other news: the rules, over the bounded candidate set -----------------


def test_related_articles_picks_first_then_shared_tags_then_category():
    category = make_category()
    article = make_article(category=category, tags=["a", "b", "c"])
    picks = [make_article(category=make_category()) for _ in range(2)]
    unpublished_pick = make_article(
        status=Article.Status.UNPUBLISHED, publish_at=timezone.now() - timedelta(days=1)
    )
    RelatedArticle.objects.create(article=article, related=picks[1], order=0)
    RelatedArticle.objects.create(article=article, related=unpublished_pick, order=1)
    RelatedArticle.objects.create(article=article, related=picks[0], order=2)
    three = make_article(category=make_category(), tags=["a", "b", "c"])
    one = make_article(category=make_category(), tags=["b"])
    same = make_article(category=category, publish_at=timezone.now() - timedelta(days=3))
    make_article(
        category=category, tags=["a", "b", "c"], publish_at=timezone.now() + timedelta(hours=1)
    )
    make_article(
        category=category,
        tags=["a"],
        expire_at=timezone.now() - timedelta(minutes=1),
        publish_at=timezone.now() - timedelta(days=1),
    )
    article = Article.objects.prefetch_related("tags").get(pk=article.pk)
    assert related_articles(article) == [picks[1], picks[0], three, one, same]


def test_related_articles_never_lists_the_article_itself():
    category = make_category()
    article = make_article(category=category, tags=["a"])
    others = [make_article(category=category, tags=["a"]) for _ in range(3)]
    article = Article.objects.prefetch_related("tags").get(pk=article.pk)
    related = related_articles(article)
    assert article not in related and set(related) == set(others)


def test_related_articles_fall_back_on_the_category_without_tags():
    category = make_category()
    article = make_article(category=category)
    newest = [
        make_article(category=category, publish_at=timezone.now() - timedelta(minutes=i + 1))
        for i in range(8)
    ]
    make_article(category=make_category())
    article = Article.objects.prefetch_related("tags").get(pk=article.pk)
    assert related_articles(article) == newest[:6]


def test_other_news_breaks_ties_of_publication_time_by_id():
    category = make_category()
    moment = timezone.now() - timedelta(hours=2)
    first, second, third = (make_article(category=category, publish_at=moment) for _ in range(3))
    assert other_news(second) == [first]
    assert other_news(third) == [second, first]


# --- deep pages: a page cap, then the month archive ---------------------------------------------


def many(n, *, category, start):
    author = make_author()
    return Article.objects.bulk_create(
        Article(
            title=f"Bài {i}",
            slug=f"bai-{i}",
            lead="Tóm tắt.",
            body="<p>x</p>",
            author=author,
            unit=author.unit,
            category=category,
            status=Article.Status.PUBLISHED,
            publish_at=start - timedelta(hours=6 * i),
        )
        for i in range(n)
    )


def test_lists_stop_after_the_page_cap_and_link_to_the_month_archive(client, settings):
    category = make_category()
    per_page = 20
    articles = many(
        per_page * LIST_MAX_PAGES + 30, category=category, start=timezone.now() - timedelta(hours=1)
    )
    last = client.get(category.get_absolute_url(), {"page": LIST_MAX_PAGES})
    assert last.status_code == 200
    html = last.content.decode()
    oldest_shown = timezone.localtime(articles[per_page * LIST_MAX_PAGES - 1].publish_at)
    assert f'href="?thang={oldest_shown:%Y-%m}"' in html
    assert 'name="thang"' in html and "Bài cũ hơn" in html
    assert client.get(category.get_absolute_url(), {"page": LIST_MAX_PAGES + 1}).status_code == 404
    assert last.context["paginator"].count == per_page * LIST_MAX_PAGES + 1  # counting stops there


def test_the_month_archive_lists_that_month_only_with_sub_and_further_categories(client):
    parent = make_category()
    child = make_category(parent=parent)
    may = timezone.make_aware(timezone.datetime(2021, 5, 15, 9, 0))
    in_parent = make_article(category=parent, publish_at=may)
    in_child = make_article(category=child, publish_at=may - timedelta(days=3))
    further = make_article(category=make_category(), publish_at=may + timedelta(days=2))
    further.extra_categories.add(parent)
    make_article(category=parent, publish_at=may - timedelta(days=20))  # April
    make_article(category=parent, publish_at=may + timedelta(days=20))  # June
    make_article(category=parent, publish_at=may, status=Article.Status.DRAFT)
    response = client.get(parent.get_absolute_url(), {"thang": "2021-05"})
    assert response.status_code == 200
    assert [pk for pk, _ in response.context["articles"]] == [further.pk, in_parent.pk, in_child.pk]
    html = response.content.decode()
    assert "Tháng 5/2021" in html
    assert 'href="?thang=2021-04"' in html and 'href="?thang=2021-06"' in html
    assert (
        client.get(parent.get_absolute_url(), {"thang": "05/2021"}).context["articles"][0][0]
        == further.pk
    )


@pytest.mark.parametrize("month", ["2021-13", "abc", "2021-5-1", "0000-01"])
def test_a_bad_month_answers_404(client, month):
    category = make_category()
    make_article(category=category)
    assert client.get(category.get_absolute_url(), {"thang": month}).status_code == 404


def test_month_pages_keep_the_month_in_their_page_links(client):
    category = make_category()
    many(45, category=category, start=timezone.make_aware(timezone.datetime(2021, 5, 31, 12, 0)))
    html = client.get(category.get_absolute_url(), {"thang": "2021-05"}).content.decode()
    assert 'href="?thang=2021-05&amp;page=2"' in html or 'href="?thang=2021-05&page=2"' in html


def test_tag_and_author_pages_have_the_month_archive_too(client):
    author = make_author()
    article = make_article(
        author=author,
        tags=["biển đảo"],
        publish_at=timezone.make_aware(timezone.datetime(2022, 3, 3)),
    )
    make_article(author=author, tags=["biển đảo"])
    for url in ("/tag/bien-dao/", author.get_absolute_url()):
        assert [pk for pk, _ in client.get(url, {"thang": "2022-03"}).context["articles"]] == [
            article.pk
        ]


# --- sitemaps: pages are id ranges --------------------------------------------------------------


def test_sitemap_pages_are_id_ranges_that_cover_every_published_article(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 4)
    category = make_category()
    made = [
        make_article(
            category=category,
            status=Article.Status.DRAFT if i % 3 == 1 else Article.Status.PUBLISHED,
        )
        for i in range(14)
    ]
    made[5].delete()
    index = ET.fromstring(client.get(reverse("sitemap_index")).content)
    pages = [loc.text for loc in index.iter(f"{SM}loc") if "sitemap-articles.xml" in loc.text]
    low = min(a.pk for a in Article.objects.published())
    high = max(a.pk for a in Article.objects.published())
    assert len(pages) == (high - low) // 4 + 1
    listed = []
    for page in pages:
        root = ET.fromstring(client.get(page.removeprefix("http://testserver")).content)
        urls = [loc.text for loc in root.iter(f"{SM}loc")]
        assert len(urls) <= 4
        listed += urls
    assert sorted(listed) == sorted(
        "http://testserver" + a.get_absolute_url() for a in Article.objects.published()
    )
    assert client.get("/sitemap-articles.xml", {"p": len(pages) + 1}).status_code == 404


def test_a_sitemap_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    category = make_category()
    many(300, category=category, start=timezone.now() - timedelta(minutes=5))
    # fingerprint, the id range's ends, the rows (+ site settings, cached after the first request)
    with django_assert_max_num_queries(4):
        assert client.get("/sitemap-articles.xml").status_code == 200
