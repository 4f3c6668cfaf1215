"""Each page declares its metadata in one PageMeta (portal/pagemeta.py) that base.html renders:
one test per page kind (canonical, robots, og:type, JSON-LD type), the site defaults for a page
that declares none, the one robots rule, and `portal` importing no other app."""

import ast
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from portal.pagemeta import PageMeta
from tests.articles.test_seo import HeadParser
from tests.factories import make_article, make_author, make_category, make_staff, make_unit

BASE = "http://testserver"


def head_of(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def json_ld_types(head: HeadParser) -> list[str]:
    return [json.loads(text)["@type"] for text in head.json_ld]


def canonical(head: HeadParser) -> list[str]:
    return [link["href"] for link in head.link("canonical")]


@pytest.fixture
def article(db):
    category = make_category(name="Kinh tế", slug="kinh-te")
    author = make_author(name="Trần Văn Bình", unit=make_unit(slug="bao-tinh"))
    return make_article(
        title="Giá lúa tăng",
        slug="gia-lua-tang",
        category=category,
        author=author,
        publish_at=timezone.now() - timedelta(hours=2),
        tags=["Nông nghiệp"],
    )


# --- the object --------------------------------------------------------------------------------


def test_robots_has_one_rule():
    assert PageMeta().robots == ""
    assert PageMeta(index=False).robots == "noindex, follow"
    assert PageMeta(index=False, follow=False).robots == "noindex, nofollow"
    assert PageMeta(follow=False).robots == "index, nofollow"


def test_apply_sets_x_robots_tag_from_the_same_rule():
    hidden = PageMeta(index=False, follow=False).apply(HttpResponse())
    assert hidden["X-Robots-Tag"] == "noindex, nofollow"
    assert PageMeta(index=False).apply(HttpResponse())["X-Robots-Tag"] == "noindex, follow"
    assert "X-Robots-Tag" not in PageMeta().apply(HttpResponse())


def test_but_changes_only_what_it_is_given():
    meta = PageMeta(title="Một", canonical="/mot/")
    hidden = meta.but(index=False)
    assert (hidden.title, hidden.canonical, hidden.index) == ("Một", "/mot/", False)
    assert meta.index is True  # the original is unchanged (frozen)


def test_a_page_that_passes_no_meta_gets_the_site_defaults(db):
    from portal.models import SiteSettings

    site = SiteSettings.load()
    request = RequestFactory().get("/mot-trang/")
    html = Template('{% extends "base.html" %}').render(Context({"request": request, "site": site}))
    head = HeadParser()
    head.feed(html)
    assert head.title.strip() == site.site_name
    assert canonical(head) == [BASE + "/mot-trang/"]
    assert head.first("name", "description") == site.tagline
    assert head.first("name", "robots") is None  # may be indexed
    assert head.first("property", "og:type") == "website"
    assert head.first("property", "og:title") == site.site_name
    assert head.json_ld == []
    assert head.link("alternate", type="application/rss+xml", href=BASE + reverse("articles:rss"))


def test_a_titled_page_names_the_site_after_its_title(db):
    from portal.models import SiteSettings

    site = SiteSettings.load()
    html = Template("{% load page_meta %}<title>{% page_title %}</title>").render(
        Context({"meta": PageMeta(title="Liên hệ <1>")})
    )
    assert html == f"<title>Liên hệ &lt;1&gt; – {site.site_name}</title>"


# --- one test per page kind -------------------------------------------------------------------


def test_home_page(client, article):
    response = client.get(reverse("articles:home"))
    head = head_of(response)
    assert canonical(head) == [BASE + "/"]
    assert head.first("name", "robots") is None
    assert head.first("property", "og:type") == "website"
    assert json_ld_types(head) == ["WebSite"]


def test_article_page(client, article):
    response = client.get(article.get_absolute_url())
    head = head_of(response)
    assert canonical(head) == [BASE + article.get_absolute_url()]
    assert head.title.strip().startswith("Giá lúa tăng – ")
    assert head.first("name", "robots") is None
    assert "X-Robots-Tag" not in response
    assert head.first("property", "og:type") == "article"
    assert head.first("property", "article:section") == "Kinh tế"
    assert json_ld_types(head) == ["NewsArticle"]


def test_print_view_is_noindex_in_the_tag_and_the_header(client, article):
    response = client.get(
        reverse("articles:print", args=[article.category.slug, article.slug, article.pk])
    )
    assert response.status_code == 200
    head = head_of(response)
    assert canonical(head) == [BASE + article.get_absolute_url()]  # the article, not the print view
    assert head.first("name", "robots") == "noindex, follow"
    assert response["X-Robots-Tag"] == "noindex, follow"
    assert head.title.strip().startswith("Giá lúa tăng – ")
    assert head.json_ld == []


def test_preview_is_noindex_nofollow_in_the_tag_and_the_header(client, db):
    draft = make_article(title="Bản nháp", status=Article.Status.DRAFT)
    client.force_login(make_staff())
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200
    head = head_of(response)
    assert head.all("name", "robots") == ["noindex, nofollow"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert canonical(head) == [BASE + draft.get_absolute_url()]
    assert head.first("property", "og:type") == "article"
    assert json_ld_types(head) == ["NewsArticle"]


@pytest.mark.parametrize("kind", ["category", "tag", "author", "unit"])
def test_list_pages(client, article, kind):
    url = {
        "category": article.category.get_absolute_url(),
        "tag": reverse("articles:tag", args=[article.tags.get().slug]),
        "author": article.author.get_absolute_url(),
        "unit": article.author.unit.get_absolute_url(),
    }[kind]
    response = client.get(url)
    assert response.status_code == 200
    head = head_of(response)
    assert canonical(head) == [BASE + url]
    assert head.first("name", "robots") is None
    assert head.first("property", "og:type") == "website"
    assert head.json_ld == []
    category_rss = BASE + reverse("articles:category_rss", args=["kinh-te"])
    assert bool(head.link("alternate", href=category_rss)) is (kind == "category")


def test_list_pages_name_the_page_and_the_month_in_title_and_canonical(client, article):
    for n in range(21):
        make_article(title=f"Tin {n}", category=article.category, publish_at=article.publish_at)
    url = article.category.get_absolute_url()
    month = timezone.localtime(article.publish_at)
    head = head_of(client.get(url, {"page": "2"}))
    assert canonical(head) == [BASE + url + "?page=2"]
    assert head.title.strip().startswith("Kinh tế – trang 2 – ")
    assert head.first("property", "og:title") == "Kinh tế"
    head = head_of(client.get(url, {"thang": f"{month:%Y-%m}"}))
    assert canonical(head) == [BASE + url + f"?thang={month:%Y-%m}"]
    assert head.title.strip().startswith(f"Kinh tế – tháng {month.month}/{month.year} – ")


def test_search_page(client, article):
    response = client.get(reverse("search:search"), {"q": "lúa"})
    head = head_of(response)
    assert canonical(head) == [BASE + reverse("search:search")]
    assert head.first("name", "robots") == "noindex, follow"
    assert response["X-Robots-Tag"] == "noindex, follow"
    assert head.first("property", "og:type") == "website"
    assert head.title.strip().startswith("Tìm kiếm: lúa – ")
    assert head.json_ld == []


def test_404_page(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    head = head_of(response)
    assert head.first("name", "robots") == "noindex, follow"
    assert head.title.strip().startswith("Không tìm thấy trang – ")
    assert canonical(head) == [] and head.json_ld == []


def test_403_page(client, db):
    reader = get_user_model().objects.create_user("doc-gia", password="pw-for-tests-only")
    client.force_login(reader)
    response = client.get(reverse("articles:preview", args=[make_article().pk]))
    assert response.status_code == 403
    head = head_of(response)
    assert head.first("name", "robots") == "noindex, follow"
    assert head.title.strip() == "Bạn không có quyền mở trang này"


def test_500_page_without_the_database():
    from portal import views

    response = views.server_error(RequestFactory().get("/"))  # no exception: a plain 500
    assert response.status_code == 500
    head = head_of(response)
    assert head.first("name", "robots") == "noindex, follow"
    assert head.title.strip() == "Lỗi máy chủ"


def test_503_page_without_the_database():
    from portal import outage

    response = outage.unavailable_response()
    assert response.status_code == 503
    head = head_of(response)
    assert head.first("name", "robots") == "noindex, follow"
    assert head.title.strip() == "Tạm thời gián đoạn"


# --- the sitemaps' addresses and the direction of imports -------------------------------------


def test_sitemap_routes_keep_their_names_and_addresses():
    assert reverse("sitemap_index") == "/sitemap.xml"
    assert reverse("sitemap_news") == "/sitemap-news.xml"
    assert reverse("sitemap_section", args=["articles"]) == "/sitemap-articles.xml"


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_portal_imports_articles_nowhere():
    """Imports run from the apps up to portal, never down (the image checks and the Vietnamese text
    helpers that the logo field needs live in portal)."""
    portal = Path(settings.BASE_DIR, "portal")
    found = set()
    for path in portal.rglob("*.py"):
        for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module == "articles" or module.startswith("articles."):
                found.add((path.relative_to(portal).as_posix(), module))
    assert found == set()
