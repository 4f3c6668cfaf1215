"""Query budgets of the reader pages: fixed whatever the number of tags, links, related articles
and articles in the database. Cold = empty cache (every widget built); warm = widgets cached, the
page itself rendered; cached = the page from the page cache (portal/pagecache.py): no query.

Starting a content generation (once per change readers can see, not per page) asks one more query,
for the next scheduled change (portal/caching.py); it is made before measuring."""

from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import related
from articles.models import Article, RelatedArticle, RelatedLink
from portal import caching
from tests.factories import make_article, make_author, make_category, make_website_link

pytestmark = pytest.mark.django_db

# The budgets stated in the README.
HOME = {"cold": 9, "warm": 0}
CATEGORY = {"cold": 10, "warm": 2}  # the sub-categories come from the cached category tree
ARTICLE = {"cold": 10, "warm": 3}


def bulk_articles(n, *, category, author, featured=0):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Bài số {i}",
            slug=f"bai-so-{category.pk}-{i}",
            lead="Tóm tắt.",
            body="<p>Nội dung.</p>",
            author=author,
            unit=author.unit,
            category=category,
            status=Article.Status.PUBLISHED,
            is_featured=i < featured,
            publish_at=now - timedelta(minutes=i + 1),
        )
        for i in range(n)
    )


def site(n_articles):
    parent = make_category(slug="tin-tuc", name="Tin tức")
    child = make_category(parent=parent)
    other = make_category()
    author = make_author()
    for category in (parent, child, other):
        bulk_articles(
            n_articles // 3,
            category=category,
            author=author,
            featured=2 if category == other else 0,
        )
    for _ in range(5):
        make_website_link()
    return parent, child, author


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def measure(client, url):
    cache.clear()
    caches["pages"].clear()
    caching.invalidate()  # the generation's own query, once per change
    cold = count(client, url)
    caches["pages"].clear()  # the pages only (portal/cache.py never empties the database)
    warm = count(client, url)
    assert count(client, url) == 0, "served from the page cache"
    return {"cold": cold, "warm": warm}


@pytest.mark.parametrize("n_articles", [12, 501])
def test_home_and_category_budgets_do_not_grow_with_articles(client, n_articles):
    parent, child, _ = site(n_articles)
    assert measure(client, "/") == HOME
    assert measure(client, parent.get_absolute_url()) == CATEGORY
    if n_articles > 100:
        assert measure(client, parent.get_absolute_url() + "?page=3") == CATEGORY


def rich_article(n, n_articles=12):
    parent, child, author = site(n_articles)
    tags = [f"chủ đề {i}" for i in range(n)]
    article = make_article(category=child, author=author, tags=tags)
    for i in range(n):
        RelatedLink.objects.create(article=article, title=f"Liên kết {i}", url=f"/lien-ket-{i}/")
        pick = make_article(category=parent, author=author, tags=tags[: i % 3 + 1])
        RelatedArticle.objects.create(article=article, related=pick, order=i)
    related.refresh([article.pk])  # what the commit of these saves does (tests never commit)
    return article


@pytest.mark.parametrize("n", [1, 50])
def test_article_budget_does_not_grow_with_tags_links_and_related(client, n):
    article = rich_article(n)
    assert measure(client, article.get_absolute_url()) == ARTICLE
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="card-title"') >= min(n, 6)


def test_article_budget_with_500_articles(client):
    article = rich_article(3, n_articles=501)
    assert measure(client, article.get_absolute_url()) == ARTICLE


@pytest.mark.parametrize("path", ["tag", "author"])
def test_tag_and_author_budgets(client, path):
    author = make_author()
    make_article(author=author, tags=["đô thị"])
    url = "/tag/do-thi/" if path == "tag" else author.get_absolute_url()
    result = measure(client, url)
    assert result == {"cold": 10, "warm": 2}, result
