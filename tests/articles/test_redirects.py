"""Old addresses keep working: after any number of slug and category changes, 301 to the new one."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_category


def address(category_slug, slug, pk):
    return reverse("articles:detail", kwargs={"category": category_slug, "slug": slug, "pk": pk})


@pytest.fixture
def moved(db):
    """An article whose slug and category changed several times; every address it ever had."""
    news = make_category(name="Tin tức", slug="tin-tuc")
    economy = make_category(name="Kinh tế", slug="kinh-te")
    farming = make_category(name="Nông nghiệp", slug="nong-nghiep", parent=economy)
    article = make_article(title="Giá lúa tăng", slug="gia-lua-tang", category=news)
    history = [article.get_absolute_url()]
    for slug, category in [
        ("gia-lua-tang-manh", news),
        ("gia-lua-tang-manh", economy),
        ("gia-lua-dong-xuan-tang-manh", economy),
        ("gia-lua-dong-xuan-tang-manh", farming),
        ("nong-dan-phan-khoi-vi-gia-lua-tang", farming),
    ]:
        article.slug, article.category = slug, category
        article.save()
        history.append(article.get_absolute_url())
    return article, history


def test_every_old_address_answers_301_to_the_current_one(client, moved):
    article, history = moved
    current = history[-1]
    assert current == address("nong-nghiep", "nong-dan-phan-khoi-vi-gia-lua-tang", article.pk)
    assert len(set(history)) == 6
    for old in history[:-1]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == current
    assert client.get(current).status_code == 200


def test_one_hop_only(client, moved):
    """Crawlers get the final address at once, not a chain of redirects."""
    article, history = moved
    response = client.get(history[0], follow=True)
    assert response.redirect_chain == [(history[-1], 301)]
    assert response.status_code == 200


def test_any_wrong_slug_or_category_redirects_by_id(client, moved):
    article, history = moved
    response = client.get(address("chuyen-muc-khac", "mot-ten-cu-bat-ky", article.pk))
    assert response.status_code == 301
    assert response["Location"] == history[-1]


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED]
)
def test_unpublished_article_is_404_at_old_and_new_addresses(client, moved, status):
    article, history = moved
    article.status = status
    article.save()
    for url in history:
        assert client.get(url).status_code == 404, url


def test_unknown_id_is_404(client, moved):
    assert client.get(address("tin-tuc", "gia-lua-tang", 999_999)).status_code == 404


def test_sitemap_and_feed_use_the_current_address(client, moved):
    article, history = moved
    sitemap = client.get(reverse("sitemap_section", args=["articles"])).content.decode()
    rss = client.get(reverse("articles:rss")).content.decode()
    for text in (sitemap, rss):
        assert "http://testserver" + history[-1] in text
        for old in history[:-1]:
            assert "http://testserver" + old + "<" not in text
