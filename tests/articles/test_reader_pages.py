"""The reader site's pages: every block is there, bad input answers 404, caching headers."""

import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, DailyViews, RelatedArticle, RelatedLink
from articles.templatetags.articles_tags import long_date
from portal.models import SiteSettings
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_category,
    make_unit,
    make_website_link,
)

pytestmark = pytest.mark.django_db


def test_long_date_is_vietnamese():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # 29/11/2026 is a Sunday; 30/11/2026 a Monday.
    assert (
        long_date(datetime(2026, 11, 30, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
        == "Thứ Hai, 30/11/2026 08:30"
    )
    assert (
        long_date(datetime(2026, 11, 29, 1, 30, tzinfo=ZoneInfo("UTC")))
        == "Chủ Nhật, 29/11/2026 08:30"
    )
    assert long_date(None) == ""


def test_home_shows_featured_latest_category_blocks_and_sidebar(client):
    parent = make_category(name="Kinh tế", slug="kinh-te", order=1)
    child = make_category(name="Nông nghiệp", slug="nong-nghiep", parent=parent)
    lead = make_article(title="Tin nổi bật hôm nay", is_featured=True, category=child)
    newest = make_article(
        title="Tin mới nhất", category=parent, publish_at=timezone.now() - timedelta(minutes=1)
    )
    make_article(title="Bản nháp bí mật", status=Article.Status.DRAFT, category=parent)
    make_article(
        title="Bài hẹn giờ", publish_at=timezone.now() + timedelta(hours=1), category=parent
    )
    make_website_link(title="Cổng Chính phủ", url="https://chinhphu.vn/")
    # older stories: 7 fill "Tin mới" (8 items), 5 the category block, and the oldest, read most,
    # is in none of those (each story appears once on the home page)
    older = [
        make_article(
            title=f"Tin cũ {i}", category=child, publish_at=timezone.now() - timedelta(hours=2 + i)
        )
        for i in range(14)
    ]
    DailyViews.objects.create(article=older[-1], day=timezone.localdate(), count=50)
    html = client.get("/").content.decode()
    assert "Tin nổi bật hôm nay" in html and "Tin mới nhất" in html
    assert "Bản nháp bí mật" not in html and "Bài hẹn giờ" not in html
    assert 'class="lead-story"' in html
    assert f'href="{parent.get_absolute_url()}">Kinh tế</a></h2>' in html  # the category block
    assert "Tin mới" in html and "Xem nhiều nhất" in html and "Liên kết website" in html
    assert older[-1].get_absolute_url() in html.split('class="widget widget-most-viewed"')[1]
    assert "Cổng Chính phủ" in html
    assert lead.get_absolute_url() in html and newest.get_absolute_url() in html
    # the header menu lists the sub-category under its parent
    assert f'<a href="{child.get_absolute_url()}">Nông nghiệp</a>' in html


def test_article_page_has_every_block(client):
    unit = make_unit(name="Sở Y tế", slug="so-y-te")
    author = make_author(name="Nguyễn Văn An", slug="nguyen-van-an", unit=unit)
    parent = make_category(name="Tin tức", slug="tin-tuc")
    category = make_category(name="Thời sự", slug="thoi-su", parent=parent)
    article = make_article(
        title="Khai mạc hội chợ",
        lead="Hội chợ thương mại mở cửa.",
        author=author,
        category=category,
        tags=["hội chợ", "thương mại"],
        cover_image=image_file(size=(1000, 600)),
        cover_alt="Gian hàng hội chợ",
        cover_caption="Khách tham quan gian hàng",
        cover_credit="Ảnh: Trần B",
        publish_at=timezone.datetime(2026, 11, 23, 8, 30, tzinfo=timezone.get_current_timezone()),
    )
    RelatedLink.objects.create(
        article=article, title="Văn bản liên quan", url="https://example.gov.vn/vb"
    )
    pick = make_article(title="Bài do biên tập chọn", category=make_category())
    RelatedArticle.objects.create(article=article, related=pick)
    for order in range(
        1, 6
    ):  # "Có thể bạn quan tâm" full of picks: the older article is other news
        RelatedArticle.objects.create(
            article=article, related=make_article(category=make_category()), order=order
        )
    older = make_article(
        title="Tin cũ cùng chuyên mục",
        category=category,
        publish_at=article.publish_at - timedelta(days=1),
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thứ Hai, 23/11/2026 08:30" in html
    assert 'aria-label="Đường dẫn"' in html or "breadcrumb" in html
    assert f'<a href="{parent.get_absolute_url()}">Tin tức</a>' in html
    assert "Hội chợ thương mại mở cửa." in html
    assert "Khách tham quan gian hàng" in html and "Ảnh: Trần B" in html
    assert 'type="image/webp"' in html and "srcset=" in html
    # the renditions are written on first use, in both formats and every width up to the original
    from django.core.files.storage import default_storage

    webp = re.findall(r"(/media/\S+\.webp) (\d+)w", html)
    jpeg = re.findall(r"(/media/\S+\.jpg) (\d+)w", html)
    assert [w for _, w in webp] == ["480", "800", "1000"] == [w for _, w in jpeg]
    for path, _ in webp + jpeg:
        assert default_storage.exists(path.removeprefix("/media/"))
    assert re.search(r'<img [^>]*width="\d+" height="\d+"', html)
    assert (
        f'href="{author.get_absolute_url()}">Nguyễn Văn An</a> — '
        f'<a class="unit" href="{unit.get_absolute_url()}">Sở Y tế</a>' in html
    )
    assert "/tag/hoi-cho/" in html
    assert "Văn bản liên quan" in html
    assert "Có thể bạn quan tâm" in html and "Bài do biên tập chọn" in html
    assert "Các tin khác" in html and "Tin cũ cùng chuyên mục" in html
    assert "Lượt xem" in html and "data-view-token" in html
    assert "facebook.com/sharer" in html and "zalo" in html and "data-copy-link" in html
    assert (
        reverse(
            "articles:print", kwargs={"category": "thoi-su", "slug": article.slug, "pk": article.pk}
        )
        in html
    )
    assert older.get_absolute_url() in html


def test_related_articles_order_and_exclusions():
    from tests.articles.test_reader_scale import related_articles

    category = make_category()
    article = make_article(category=category, tags=["a", "b", "c"])
    pick = make_article(category=make_category())
    draft_pick = make_article(status=Article.Status.DRAFT)
    RelatedArticle.objects.create(article=article, related=draft_pick, order=0)
    RelatedArticle.objects.create(article=article, related=pick, order=1)
    two_tags = make_article(category=make_category(), tags=["a", "b"])
    one_tag = make_article(category=make_category(), tags=["c"])
    same_category = make_article(category=category)
    make_article(category=make_category())  # unrelated
    make_article(status=Article.Status.DRAFT, category=category, tags=["a", "b", "c"])
    article = Article.objects.prefetch_related("tags").get(pk=article.pk)
    related = related_articles(article)
    assert related == [pick, two_tags, one_tag, same_category]


def test_other_news_are_older_articles_of_the_same_category():
    category = make_category()
    now = timezone.now()
    article = make_article(category=category, publish_at=now - timedelta(days=1))
    older = [
        make_article(category=category, publish_at=now - timedelta(days=2 + i)) for i in range(12)
    ]
    make_article(category=category, publish_at=now - timedelta(hours=1))  # newer
    make_article(category=make_category(), publish_at=now - timedelta(days=3))
    assert list(Article.objects.published().other_news(article)[:10]) == older[:10]


@pytest.mark.parametrize("page", ["abc", "0", "99", "-1", "1.5"])
def test_bad_page_numbers_answer_404(client, page):
    category = make_category()
    make_article(category=category)
    response = client.get(category.get_absolute_url(), {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_category_lists_subcategories_articles_20_a_page(client):
    parent = make_category()
    child = make_category(parent=parent)
    for _ in range(15):
        make_article(category=parent)
    for _ in range(10):
        make_article(category=child)
    first = client.get(parent.get_absolute_url())
    assert len(first.context["articles"]) == 20
    second = client.get(parent.get_absolute_url(), {"page": 2})
    assert len(second.context["articles"]) == 5
    assert 'aria-current="page">2<' in second.content.decode()


def test_tag_author_and_unit_pages(client):
    unit = make_unit()
    author = make_author(unit=unit)
    article = make_article(author=author, tags=["nông thôn mới"])
    make_article(status=Article.Status.DRAFT, author=author, tags=["nông thôn mới"], title="Nháp")
    for url in ("/tag/nong-thon-moi/", author.get_absolute_url(), unit.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert [pk for pk, _ in response.context["articles"]] == [article.pk]
    assert client.get("/tag/khong-co/").status_code == 404


def test_a_tag_that_only_unpublished_articles_carry_is_404(client):
    """Its name would give an embargoed topic away."""
    make_article(status=Article.Status.DRAFT, tags=["Sáp nhập huyện"])
    make_article(publish_at=timezone.now() + timedelta(days=2), tags=["Nhân sự mới"])
    make_article(
        status=Article.Status.UNPUBLISHED,
        publish_at=timezone.now() - timedelta(days=2),
        tags=["Đã gỡ"],
    )
    for slug in ("sap-nhap-huyen", "nhan-su-moi", "da-go"):
        response = client.get(f"/tag/{slug}/")
        assert response.status_code == 404, slug
        assert "Sáp nhập" not in response.content.decode()
    make_article(tags=["Nhân sự mới"])
    assert client.get("/tag/nhan-su-moi/").status_code == 200


def test_print_view_has_only_the_article_its_address_and_date(client):
    article = make_article(title="Bài để in")
    make_website_link(title="Liên kết ngoài")
    url = reverse(
        "articles:print",
        kwargs={"category": article.category.slug, "slug": article.slug, "pk": article.pk},
    )
    html = client.get(url).content.decode()
    assert "Bài để in" in html
    assert f"http://testserver{article.get_absolute_url()}" in html
    assert long_date(article.publish_at) in html
    assert "main-nav" not in html and "Liên kết ngoài" not in html and "sidebar" not in html
    # an unpublished article has no print page, at its own address or at another article's
    draft = make_article(status=Article.Status.DRAFT)
    own = reverse("articles:print", args=[draft.category.slug, draft.slug, draft.pk])
    mixed = reverse("articles:print", args=[article.category.slug, article.slug, draft.pk])
    assert client.get(own).status_code == 404
    assert client.get(mixed).status_code == 404


def test_anonymous_pages_carry_cache_headers_and_etag(client):
    article = make_article()
    for url in ("/", article.category.get_absolute_url(), article.get_absolute_url()):
        response = client.get(url)
        assert "max-age=60" in response["Cache-Control"]
        assert response.has_header("ETag")
        assert "Cookie" in response["Vary"]
        assert "Accept-Language" not in response["Vary"]  # the language is the reader's choice only
    for url in ("/", article.category.get_absolute_url()):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and not response.cookies
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    modified = client.get(article.get_absolute_url())["Last-Modified"]
    assert (
        client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    )


def test_a_page_with_a_cookie_or_csrf_token_is_never_public_and_others_are(client):
    """A shared cache must not hand one visitor's cookie (or a CSRF token made for it) to others."""
    article = make_article()
    reader_pages = ("/", article.get_absolute_url(), article.category.get_absolute_url())
    with_token = []
    for url in (*reader_pages, reverse("admin:login")):  # the login form carries a CSRF token
        response = client.__class__().get(url)
        if response.cookies or "csrfmiddlewaretoken" in response.content.decode():
            with_token.append(url)
            assert "public" not in response.get("Cache-Control", ""), url
        else:
            assert "public" in response["Cache-Control"], url
    assert with_token == [reverse("admin:login")]  # both cases were seen; reader pages carry none


def test_a_get_never_sets_the_language_text_size_or_view_cookies(client, settings):
    """Those are set by a POST (language switch, view beacon) or kept in localStorage (text
    size)."""
    article = make_article()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.cookies["viewed"] = f"{article.pk}.{int(time.time())}"
    for url in ("/", article.get_absolute_url(), article.category.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert not {settings.LANGUAGE_COOKIE_NAME, "viewed", settings.SESSION_COOKIE_NAME} & set(
            response.cookies
        )


def test_the_article_page_is_the_same_for_every_anonymous_reader(client):
    """No cookie, public for READER_CACHE_SECONDS, and a repeated GET answers 304 by ETag."""
    article = make_article()
    first = client.__class__().get(article.get_absolute_url())
    assert first.status_code == 200
    assert not first.cookies, f"sets {sorted(first.cookies)}"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    second = client.__class__().get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    # A view counted meanwhile does not change the page within READER_CACHE_SECONDS either.
    token = re.search(r'data-view-token="([^"]+)"', first.content.decode()).group(1)
    beacon = client.post(
        reverse("articles:view_beacon"),
        {"token": token},
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
    )
    assert beacon.json()["counted"] is True
    third = client.__class__().get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert third.status_code == 304


def test_logged_in_readers_get_private_pages(client):
    from tests.factories import make_staff

    client.force_login(make_staff("Editors"))
    assert "private" in client.get("/")["Cache-Control"]


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("style-src-attr")[0]


def test_site_settings_change_the_header_and_footer(client):
    settings = SiteSettings.load()
    settings.site_name = "Cổng thông tin tỉnh Thử Nghiệm"
    settings.licence = "Giấy phép số 99/GP"
    settings.header_background = "#123456"
    settings.save()
    html = client.get("/").content.decode()
    assert "Cổng thông tin tỉnh Thử Nghiệm" in html and "Giấy phép số 99/GP" in html
    css = client.get(reverse("theme_css")).content.decode()
    assert "--brand:#123456" in css


def test_english_is_selectable_and_content_stays(client):
    lead, body = "Tóm tắt bằng tiếng Việt.", "<p>Nội dung bằng tiếng Việt.</p>"
    article = make_article(title="Tiêu đề tiếng Việt", lead=lead, body=body)
    csrf_client = client.__class__(enforce_csrf_checks=True)
    evil = csrf_client.post("/ngon-ngu/", {"language": "en"}, HTTP_ORIGIN="https://evil.example")
    assert evil.status_code == 403
    response = csrf_client.post(
        "/ngon-ngu/",
        {"language": "en", "next": article.get_absolute_url()},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
    client.cookies = csrf_client.cookies
    html = client.get(article.get_absolute_url()).content.decode()
    # the interface is in English; the article's own words stay Vietnamese
    assert 'lang="en"' in html and "Skip to content" in html
    assert "Views:" in html and "Lượt xem" not in html
    for words in ("Tiêu đề tiếng Việt", lead, body):
        assert words in html, words


def test_widgets_are_refreshed_when_an_article_is_published(client):
    make_article(title="Bài thứ nhất")
    assert "Bài thứ nhất" in client.get("/").content.decode()
    draft = make_article(title="Bài vừa duyệt", status=Article.Status.DRAFT)
    assert "Bài vừa duyệt" not in client.get("/").content.decode()
    draft.status = Article.Status.PUBLISHED
    draft.publish_at = timezone.now()
    draft.save()
    assert "Bài vừa duyệt" in client.get("/").content.decode()
    draft.status = Article.Status.UNPUBLISHED
    draft.save()
    assert "Bài vừa duyệt" not in client.get("/").content.decode()


def test_404_page_is_vietnamese_with_a_way_back(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'href="/"' in html


def test_site_settings_are_one_record_edited_in_the_admin(client):
    from tests.factories import make_staff

    client.force_login(make_staff())  # a superuser
    response = client.get("/admin/portal/sitesettings/")
    assert response.status_code == 302
    change_url = response["Location"]
    form = client.get(change_url)
    assert form.status_code == 200
    data = {
        "site_name": "Cổng tin tỉnh Mẫu",
        "tagline": "",
        "header_background": "#0b3d91",
        "header_accent": "#082c6c",
        "publisher": "UBND tỉnh Mẫu",
        "editor_in_chief": "",
        "address": "",
        "phone": "",
        "email": "",
        "licence": "Giấy phép 1/GP",
        "copyright": "",
        "items_latest": 5,
        "items_most_viewed": 5,
        "items_featured": 3,
        "items_per_category": 4,
        "items_home_latest": 6,
    }
    assert client.post(change_url, data).status_code == 302
    assert SiteSettings.objects.count() == 1
    bad = client.post(change_url, {**data, "header_background": "red"})
    assert "Nhập màu dạng #rrggbb" in bad.content.decode()
    client.logout()
    html = client.get("/").content.decode()
    assert "Cổng tin tỉnh Mẫu" in html and "UBND tỉnh Mẫu" in html
    assert client.get("/admin/portal/sitesettings/add/").status_code in (302, 403)


def test_the_500_page_renders_without_the_database():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Đã có lỗi xảy ra" in html and 'href="/"' in html and "/static/css/site.css" in html


def test_the_menu_and_blocks_skip_inactive_categories(client):
    hidden = make_category(name="Chuyên mục ẩn", slug="an", is_active=False)
    make_article(category=hidden, title="Bài trong mục ẩn")
    html = client.get("/").content.decode()
    nav = html[
        html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))
    ]
    assert "Chuyên mục ẩn" not in nav
    assert 'class="block-title"><a href="/chuyen-muc/an/"' not in html
    assert client.get("/chuyen-muc/an/").status_code == 404


def test_a_scheduled_article_appears_when_the_widget_cache_expires(client, settings):
    """Caches are bounded: a scheduled article shows up within READER_CACHE_SECONDS."""
    import time

    settings.READER_CACHE_SECONDS = 1
    make_article(title="Bài đăng ngay")
    make_article(title="Bài hẹn một giây", publish_at=timezone.now() + timedelta(seconds=1))
    assert "Bài hẹn một giây" not in client.get("/").content.decode()
    time.sleep(1.2)
    assert "Bài hẹn một giây" in client.get("/").content.decode()


def test_the_menu_marks_the_current_section(client):
    parent = make_category(slug="kinh-te", name="Kinh tế")
    child = make_category(parent=parent)
    article = make_article(category=child)
    for url in (article.get_absolute_url(), child.get_absolute_url(), parent.get_absolute_url()):
        assert (
            f'href="{parent.get_absolute_url()}" aria-current="true"'
            in client.get(url).content.decode()
        )


@pytest.mark.django_db
def test_footer_links_to_contact_and_privacy(client):
    page = client.get("/").content.decode()
    assert 'href="/lien-he/"' in page and "Liên hệ – Góp ý" in page
    assert 'href="/chinh-sach-bao-mat/"' in page


def test_share_links_use_public_base_url_when_set(client, settings):
    settings.PUBLIC_BASE_URL = "https://congthongtin.example.gov.vn"
    article = make_article()
    html = client.get(article.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    public = "https://congthongtin.example.gov.vn" + article.get_absolute_url()
    assert f'data-copy-link="{public}"' in html and f'data-share-url="{public}"' in html
    assert "127.0.0.1" not in html


@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_is_never_public(client):
    """A bogus session cookie makes the session middleware delete it (Set-Cookie) after the view
    chose `public`: the response must not be kept by shared caches."""
    article = make_article()
    client.cookies["sessionid"] = "bogus"
    response = client.get(article.get_absolute_url())
    assert response.cookies  # the session middleware clears the bogus cookie
    assert "public" not in response["Cache-Control"] and "private" in response["Cache-Control"]
    fresh = client.__class__().get(article.get_absolute_url())
    assert not fresh.cookies and "public" in fresh["Cache-Control"]


# The reader-site polish (issue 12): Vietnamese content marked as such in English mode; valid dates.

from html.parser import HTMLParser  # noqa: E402

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
CONTENT_CLASSES = {
    "article-title",
    "article-lead",
    "article-body",
    "byline",
    "lead-title",
    "lead-text",
    "card-title",
    "card-lead",
    "item-title",
    "search-snippet",
}


class LanguageOf(HTMLParser):
    """The language (the nearest `lang`) of each element with one of CONTENT_CLASSES, and of the
    skip link (interface)."""

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self.stack[-1][1] if self.stack else None)
        classes = set((attrs.get("class") or "").split())
        for name in classes & (CONTENT_CLASSES | {"skip-link"}):
            self.found.append((name, lang))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def languages(html: str) -> list[tuple[str, str]]:
    parser = LanguageOf()
    parser.feed(html)
    return parser.found


@pytest.fixture
def back_to_vietnamese():
    """A request in English leaves English active in this thread: later tests expect Vietnamese."""
    yield
    from django.utils import translation

    translation.activate("vi")


def test_in_english_the_vietnamese_content_is_marked_lang_vi(client, back_to_vietnamese):
    """Screen readers read the articles with a Vietnamese voice when the interface is English."""
    section = make_category(name="Kinh tế", slug="kinh-te", order=1)
    article = make_article(
        title="Nông dân chuyển đổi cây trồng",
        lead="Nhiều hộ dân đã có thu nhập cao hơn.",
        body="<p>Nội dung bài viết.</p>",
        category=section,
        cover_image=image_file(size=(800, 450)),
        is_featured=True,
    )
    make_article(
        title="Doanh nghiệp mở rộng sản xuất",
        category=section,
        lead="Thêm việc làm cho người lao động.",
    )
    client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, HTTP_ORIGIN="http://testserver"
    )
    pages = {
        "home": "/",
        "category": section.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/tim-kiem/?q=doanh+nghiep",
    }
    for name, path in pages.items():
        html = client.get(path).content.decode()
        assert '<html lang="en">' in html, name
        found = languages(html)
        content = [(cls, lang) for cls, lang in found if cls in CONTENT_CLASSES]
        assert content, f"{name}: no article content found"
        assert all(lang == "vi" for _, lang in content), f"{name}: {content}"
        # the interface itself stays English
        assert ("skip-link", "en") in found, name
        if name == "article":
            assert {cls for cls, _ in content} >= {"article-title", "article-lead", "article-body"}
        if name == "search":
            assert {cls for cls, _ in content} >= {"card-title", "search-snippet"}


def test_time_elements_carry_a_valid_datetime(client):
    """HTML's datetime has no microseconds: "2026-11-29T08:30:05+07:00"."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from articles.templatetags.articles_tags import iso_datetime

    moment = datetime(2026, 11, 29, 1, 30, 5, 123456, tzinfo=ZoneInfo("UTC"))
    assert iso_datetime(moment) == "2026-11-29T08:30:05+07:00"
    assert iso_datetime(None) == ""
    section = make_category(name="Xã hội", slug="xa-hoi", order=1)
    when = timezone.now().replace(microsecond=654321) - timedelta(hours=1)
    article = make_article(category=section, publish_at=when)
    make_article(category=section)
    for path in ("/", section.get_absolute_url(), article.get_absolute_url()):
        stamps = re.findall(r'<time[^>]* datetime="([^"]*)"', client.get(path).content.decode())
        assert stamps, path
        for stamp in stamps:
            valid = re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp)
            assert valid, (path, stamp)
