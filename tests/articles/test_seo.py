"""Metadata for search engines and social networks: description, canonical, Open Graph, Twitter,
JSON-LD NewsArticle and feed links, read from the rendered pages."""

import json
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.factories import image_file, make_article, make_author, make_category, make_unit


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link> and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = [], [], [], ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data

    def first(self, key, value):
        found = [m.get("content") for m in self.meta if m.get(key) == value]
        return found[0] if found else None

    def all(self, key, value):
        return [m.get("content") for m in self.meta if m.get(key) == value]

    def link(self, rel, **match):
        return [
            link
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in match.items())
        ]


def parse(response) -> HeadParser:
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def article(db):
    category = make_category(name="Kinh tế", slug="kinh-te")
    author = make_author(name="Nguyễn Thị Hoa", unit=make_unit(name="Báo tỉnh"))
    return make_article(
        title="Xuất khẩu nông sản tăng mạnh <đầu năm> & triển vọng",
        lead=(
            "Kim ngạch xuất khẩu nông sản của tỉnh tăng 12% so với cùng kỳ, "
            "nhờ cà phê và hồ tiêu được giá."
        ),
        category=category,
        author=author,
        publish_at=timezone.now() - timedelta(hours=5),
        cover_image=image_file("xuat-khau.jpg", size=(1600, 1000)),
        cover_alt="Cà phê được đóng bao tại kho",
        tags=["Xuất khẩu", "Nông sản"],
    )


def test_article_page_description_and_canonical(client, article):
    head = parse(client.get(article.get_absolute_url()))
    assert head.title.strip().startswith(article.title)
    assert head.first("name", "description") == article.lead
    canonical = head.link("canonical")
    assert [c["href"] for c in canonical] == ["http://testserver" + article.get_absolute_url()]


def test_article_open_graph_and_twitter_tags(client, article):
    head = parse(client.get(article.get_absolute_url()))
    assert head.first("property", "og:type") == "article"
    assert head.first("property", "og:title") == article.title
    assert head.first("property", "og:description") == article.lead
    assert head.first("property", "og:url") == "http://testserver" + article.get_absolute_url()
    assert head.first("property", "og:locale") == "vi_VN"
    assert head.first("property", "article:section") == "Kinh tế"
    assert sorted(head.all("property", "article:tag")) == ["Nông sản", "Xuất khẩu"]
    published = datetime.fromisoformat(head.first("property", "article:published_time"))
    modified = datetime.fromisoformat(head.first("property", "article:modified_time"))
    # to the second, in Vietnam time
    assert published == article.publish_at.replace(microsecond=0)
    assert modified == max(article.updated_at, article.publish_at).replace(microsecond=0)
    assert head.first("name", "twitter:card") == "summary_large_image"
    assert head.first("name", "twitter:title") == article.title
    assert head.first("name", "twitter:description") == article.lead


def test_share_image_is_a_1200_by_630_rendition_of_the_cover(client, article):
    head = parse(client.get(article.get_absolute_url()))
    url = head.first("property", "og:image")
    assert url.startswith("http://testserver" + settings.MEDIA_URL)
    assert head.first("property", "og:image:width") == "1200"
    assert head.first("property", "og:image:height") == "630"
    assert head.first("property", "og:image:alt") == "Cà phê được đóng bao tại kho"
    assert head.first("name", "twitter:image") == url
    name = url.removeprefix("http://testserver" + settings.MEDIA_URL)
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.size == (1200, 630)
        assert image.format == "JPEG"


def test_json_ld_news_article_field_by_field(client, article):
    head = parse(client.get(article.get_absolute_url()))
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    url = "http://testserver" + article.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["description"] == article.lead
    assert data["image"] == [head.first("property", "og:image")]
    assert datetime.fromisoformat(data["datePublished"]) == article.publish_at.replace(
        microsecond=0
    )
    assert datetime.fromisoformat(data["dateModified"]) == max(
        article.updated_at, article.publish_at
    ).replace(microsecond=0)
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Nguyễn Thị Hoa",
            "url": "http://testserver" + article.author.get_absolute_url(),
        }
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"]
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith("http://testserver/")
    assert client.get(publisher["logo"]["url"].removeprefix("http://testserver")).status_code in (
        200,
        304,
    ) or (Path(settings.BASE_DIR, "static", "seo", "publisher-logo.png").is_file())
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["articleSection"] == "Kinh tế"
    assert sorted(data["keywords"]) == ["Nông sản", "Xuất khẩu"]
    assert data["inLanguage"] == "vi"


def test_json_ld_cannot_be_broken_out_of(client, db):
    article = make_article(title="</script><script>alert(1)</script>", lead="a & b < c")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    head = parse(client.get(article.get_absolute_url()))
    assert json.loads(head.json_ld[0])["headline"] == "</script><script>alert(1)</script>"


def test_article_without_cover_uses_a_summary_card_and_the_logo_in_json_ld(client, db):
    article = make_article(title="Thông báo lịch tiếp công dân")
    head = parse(client.get(article.get_absolute_url()))
    assert head.first("property", "og:image") is None
    assert head.first("name", "twitter:card") == "summary"
    data = json.loads(head.json_ld[0])
    assert data["image"] == [data["publisher"]["logo"]["url"]]


def test_article_page_links_site_and_category_feeds(client, article):
    head = parse(client.get(article.get_absolute_url()))
    rss = {link["href"] for link in head.link("alternate", type="application/rss+xml")}
    atom = {link["href"] for link in head.link("alternate", type="application/atom+xml")}
    assert rss == {
        "http://testserver" + reverse("articles:rss"),
        "http://testserver" + reverse("articles:category_rss", args=["kinh-te"]),
    }
    assert atom == {
        "http://testserver" + reverse("articles:atom"),
        "http://testserver" + reverse("articles:category_atom", args=["kinh-te"]),
    }


def test_category_page_metadata(client, article):
    category = article.category
    head = parse(client.get(category.get_absolute_url()))
    assert head.first("name", "description")
    assert [c["href"] for c in head.link("canonical")] == [
        "http://testserver" + category.get_absolute_url()
    ]
    assert head.first("property", "og:type") == "website"
    assert head.first("property", "og:title") == "Kinh tế"
    assert head.link(
        "alternate",
        type="application/rss+xml",
        href="http://testserver" + reverse("articles:category_rss", args=["kinh-te"]),
    )
    assert not head.first("name", "robots")


def test_second_page_of_a_list_has_its_own_canonical(client, article):
    for n in range(25):
        make_article(title=f"Tin kinh tế {n}", category=article.category)
    head = parse(client.get(article.category.get_absolute_url(), {"page": "2"}))
    assert [c["href"] for c in head.link("canonical")] == [
        "http://testserver" + article.category.get_absolute_url() + "?page=2"
    ]


@pytest.mark.parametrize("page", ["home", "tag", "author", "unit", "search"])
def test_every_page_has_title_description_and_canonical(client, article, page):
    url = {
        "home": reverse("articles:home"),
        "tag": reverse("articles:tag", args=["xuat-khau"]),
        "author": article.author.get_absolute_url(),
        "unit": article.author.unit.get_absolute_url(),
        "search": reverse("search:search") + "?q=xuat+khau",
    }[page]
    head = parse(client.get(url))
    assert head.title.strip()
    assert head.first("name", "description")
    assert len(head.link("canonical")) == 1
    assert head.link("alternate", type="application/rss+xml")


def test_public_base_url_is_used_for_absolute_addresses(client, article, settings):
    settings.PUBLIC_BASE_URL = "https://congthongtin.example.gov.vn"
    head = parse(client.get(article.get_absolute_url()))
    assert (
        head.link("canonical")[0]["href"]
        == "https://congthongtin.example.gov.vn" + article.get_absolute_url()
    )
    assert head.first("property", "og:image").startswith("https://congthongtin.example.gov.vn/")


def test_tag_renders_without_a_request(db):
    html = Template("{% load page_meta %}{% page_head %}").render(Context({}))
    assert '<link rel="canonical" href="http://testserver/">' in html  # PUBLIC_BASE_URL


def test_tag_marks_noindex_from_the_page_meta(db):
    from portal.pagemeta import PageMeta

    request = RequestFactory().get("/")
    html = Template("{% load page_meta %}{% page_head %}").render(
        Context({"request": request, "meta": PageMeta(index=False)})
    )
    assert '<meta name="robots" content="noindex, follow">' in html


def test_article_head_costs_a_fixed_number_of_queries(article, django_assert_max_num_queries):
    from articles.meta import article_meta
    from articles.models import Article

    loaded = Article.objects.for_cards().prefetch_related("tags").get(pk=article.pk)
    request = RequestFactory().get(loaded.get_absolute_url())
    template = Template("{% load page_meta %}{% page_title %}{% page_head %}")
    # share image made, settings cached
    template.render(Context({"request": request, "meta": article_meta(loaded)}))
    with django_assert_max_num_queries(0):
        template.render(Context({"request": request, "meta": article_meta(loaded)}))


def test_long_lead_is_cut_after_a_whole_word(client, db):
    from portal.seo import describe

    lead = "Người dân " * 40
    text = describe(lead)
    assert len(text) <= 160 and text.endswith("…")
    kept = text.removesuffix("…")
    assert lead.startswith(kept) and lead[len(kept)] == " "  # whole words only
    assert describe("Ngắn <b>gọn</b>.") == "Ngắn gọn."


def test_times_are_given_in_vietnam_time(client, article):
    head = parse(client.get(article.get_absolute_url()))
    assert head.first("property", "article:published_time").endswith("+07:00")


def test_home_page_json_ld_names_the_site_and_its_search(client, db):
    head = parse(client.get(reverse("articles:home")))
    data = json.loads(head.json_ld[0])
    assert data["@type"] == "WebSite"
    assert data["url"] == "http://testserver/"
    target = data["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver" + reverse("search:search") + "?q={search_term_string}"
    assert data["potentialAction"]["query-input"] == "required name=search_term_string"
    assert data["publisher"]["logo"]["url"].endswith(".png")
