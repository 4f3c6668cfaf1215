"""Sitemaps list exactly what readers may see; robots.txt keeps crawlers out of private pages."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import make_article, make_category

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def content(db):
    now = timezone.now()
    category = make_category(name="Thời sự", slug="thoi-su")
    inactive = make_category(name="Cũ", slug="cu", is_active=False)
    visible = [
        make_article(
            title="Tin mới",
            category=category,
            publish_at=now - timedelta(hours=3),
            tags=["Biển đảo"],
        ),
        make_article(title="Tin hôm qua", category=category, publish_at=now - timedelta(hours=30)),
        make_article(
            title="Tin tuần trước",
            category=category,
            publish_at=now - timedelta(days=7),
            tags=["Giáo dục"],
        ),
    ]
    hidden = [
        make_article(
            title="Nháp", status=Article.Status.DRAFT, category=category, tags=["Chỉ trong nháp"]
        ),
        make_article(title="Chờ duyệt", status=Article.Status.PENDING, category=category),
        make_article(
            title="Gỡ",
            status=Article.Status.UNPUBLISHED,
            category=category,
            publish_at=now - timedelta(days=2),
        ),
        make_article(title="Hẹn giờ", category=category, publish_at=now + timedelta(hours=1)),
        make_article(
            title="Hết hạn",
            category=category,
            publish_at=now - timedelta(days=3),
            expire_at=now - timedelta(hours=1),
        ),
    ]
    return {"visible": visible, "hidden": hidden, "category": category, "inactive": inactive}


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return root, [loc.text for loc in root.iter(f"{SM}loc")]


def test_index_lists_every_section_with_lastmod(client, content):
    root, sections = locations(client, reverse("sitemap_index"))
    assert root.tag == f"{SM}sitemapindex"
    names = {re.search(r"sitemap-(\w+)\.xml", url).group(1) for url in sections}
    assert names == {"articles", "news", "categories", "tags", "static"}
    lastmods = [element.text for element in root.iter(f"{SM}lastmod")]
    assert len(lastmods) == len(sections) and all(lastmods)


def test_article_section_lists_exactly_the_published_articles(client, content):
    _, urls = locations(client, reverse("sitemap_section", args=["articles"]))
    expected = {"http://testserver" + a.get_absolute_url() for a in Article.objects.published()}
    assert set(urls) == expected
    assert len(urls) == len(expected) == len(content["visible"])


def test_article_entries_have_lastmod(client, content):
    root, _ = locations(client, reverse("sitemap_section", args=["articles"]))
    assert len(list(root.iter(f"{SM}lastmod"))) == len(content["visible"])


def test_article_pages_hold_at_most_five_thousand_addresses():
    """Well under the protocol's 50,000, so that a page is built in well under a second."""
    assert ArticleSitemap.limit == 5_000


def test_category_and_tag_sections(client, content):
    _, categories = locations(client, reverse("sitemap_section", args=["categories"]))
    assert categories == ["http://testserver" + content["category"].get_absolute_url()]
    _, tags = locations(client, reverse("sitemap_section", args=["tags"]))
    assert {url.rsplit("/", 2)[-2] for url in tags} == {
        "bien-dao",
        "giao-duc",
    }  # not the draft's tag


def test_static_section_has_the_home_page(client, content):
    _, urls = locations(client, reverse("sitemap_section", args=["static"]))
    assert urls == ["http://testserver/"]


def test_news_sitemap_has_the_last_48_hours(client, content):
    response = client.get(reverse("sitemap_news"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = root.findall(f"{SM}url")
    assert [e.find(f"{SM}loc").text for e in entries] == [
        "http://testserver" + a.get_absolute_url() for a in content["visible"][:2]
    ]
    first = entries[0].find(f"{NEWS}news")
    assert first.find(f"{NEWS}title").text == "Tin mới"
    assert first.find(f"{NEWS}publication/{NEWS}language").text == "vi"
    assert first.find(f"{NEWS}publication/{NEWS}name").text
    published = first.find(f"{NEWS}publication_date").text
    assert timezone.datetime.fromisoformat(published) == content["visible"][0].publish_at


def test_sitemap_index_costs_a_fixed_number_of_queries(
    client, content, django_assert_max_num_queries
):
    for n in range(20):
        make_article(title=f"Thêm {n}", category=content["category"])
    # per section: its newest lastmod and its page count (5 x 2), whatever the number of articles
    with django_assert_max_num_queries(10):
        client.get(reverse("sitemap_index"))


def test_unknown_section_is_404(client, content):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


# --- robots.txt ---------------------------------------------------------------------------------


def robots_rules(text):
    disallow = [
        line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Disallow:")
    ]
    return disallow


def blocked(path, rules):
    """Google's reading of a Disallow rule: `*` any characters, `$` the end."""
    for rule in rules:
        pattern = re.escape(rule).replace(r"\*", ".*").replace(r"\$", "$")
        if re.match(pattern, path):
            return True
    return False


def test_robots_txt_names_the_sitemap_and_blocks_private_pages(client, content):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert f"Sitemap: http://testserver{reverse('sitemap_index')}" in text
    rules = robots_rules(text)
    article = content["visible"][0]
    kwargs = {"category": article.category.slug, "slug": article.slug, "pk": article.pk}
    for private in [
        "/admin/",
        "/admin/articles/article/",
        reverse("articles:preview", args=[article.pk]),
        reverse("search:search") + "?q=mang+xa+hoi",
        reverse("articles:print", kwargs=kwargs),
    ]:
        assert blocked(private, rules), private
    for public in [
        "/",
        article.get_absolute_url(),
        content["category"].get_absolute_url(),
        reverse("articles:rss"),
        reverse("sitemap_index"),
        "/tag/in/",
    ]:
        assert not blocked(public, rules), public


def test_robots_txt_uses_public_base_url_when_set(client, settings, db):
    settings.PUBLIC_BASE_URL = "https://congthongtin.example.gov.vn"
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://congthongtin.example.gov.vn/sitemap.xml" in text


def test_private_pages_say_noindex(client, content):
    from tests.factories import make_staff

    article = content["visible"][0]
    kwargs = {"category": article.category.slug, "slug": article.slug, "pk": article.pk}
    search = client.get(reverse("search:search"), {"q": "tin"})
    assert 'name="robots" content="noindex' in search.content.decode()
    printed = client.get(reverse("articles:print", kwargs=kwargs))
    assert printed.status_code == 200
    assert 'name="robots" content="noindex' in printed.content.decode()
    client.force_login(make_staff())
    preview = client.get(reverse("articles:preview", args=[content["hidden"][0].pk]))  # a draft
    assert 'name="robots" content="noindex, nofollow"' in preview.content.decode()
    assert "noindex" in preview["X-Robots-Tag"]
    # and the public article page does not
    assert 'name="robots"' not in client.get(article.get_absolute_url()).content.decode()


def test_admin_says_noindex(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/").headers


def test_article_section_is_paged_in_the_index(client, content, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    _, sections = locations(client, reverse("sitemap_index"))
    article_pages = [url for url in sections if "sitemap-articles.xml" in url]
    assert article_pages == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
    ]
    _, first = locations(client, article_pages[0])
    _, second = locations(client, "/sitemap-articles.xml?p=2")
    assert len(first) == 2 and len(second) == 1
    assert set(first + second) == {
        "http://testserver" + a.get_absolute_url() for a in content["visible"]
    }


def test_cached_section_follows_publication_at_once(
    client, content, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = (
        False  # the sitemap's own cache (a page-cache miss); update() sends no signal
    )
    url = reverse("sitemap_section", args=["articles"])
    locations(client, url)
    with django_assert_num_queries(1):  # unchanged: the fingerprint query, then the cache
        _, urls = locations(client, url)
    assert len(urls) == 3
    gone = content["visible"][0]
    gone.status = Article.Status.UNPUBLISHED
    gone.save()
    _, urls = locations(client, url)
    assert "http://testserver" + gone.get_absolute_url() not in urls
    assert len(urls) == 2
    scheduled = content["hidden"][3]
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    _, urls = locations(client, url)
    assert "http://testserver" + scheduled.get_absolute_url() in urls


def test_sitemaps_use_public_base_url_when_set(client, content, settings):
    settings.PUBLIC_BASE_URL = "https://congthongtin.example.gov.vn"
    base = "https://congthongtin.example.gov.vn"
    _, sections = locations(client, reverse("sitemap_index"))
    assert sections and all(url.startswith(base + "/sitemap-") for url in sections)
    _, urls = locations(client, reverse("sitemap_section", args=["articles"]))
    assert set(urls) == {base + a.get_absolute_url() for a in content["visible"]}
    _, home = locations(client, reverse("sitemap_section", args=["static"]))
    assert home == [base + "/"]
    _, news = locations(client, reverse("sitemap_news"))
    assert news and all(url.startswith(base + "/") for url in news)
