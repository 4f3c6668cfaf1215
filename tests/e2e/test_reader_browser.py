"""A reader in a real browser (Chromium via Playwright), on a desktop and on a 360 px phone."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, RelatedArticle, RelatedLink
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_category,
    make_unit,
    make_website_link,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def newsroom():
    """A small site with every block filled in."""
    unit = make_unit(name="Sở Văn hóa", slug="so-van-hoa")
    author = make_author(name="Lê Minh Châu", slug="le-minh-chau", unit=unit)
    news = make_category(name="Tin tức", slug="tin-tuc", order=1)
    local = make_category(name="Địa phương", slug="dia-phuong", parent=news)
    culture = make_category(name="Văn hóa", slug="van-hoa", order=2)
    now = timezone.now()
    article = make_article(
        title="Lễ hội mùa xuân khai mạc tại quảng trường tỉnh",
        lead=(
            "Hàng nghìn người dân và du khách dự lễ khai mạc "
            "với nhiều hoạt động văn hóa truyền thống."
        ),
        body=(
            "<p>Buổi lễ diễn ra trang trọng.</p><h2>Nhiều hoạt động</h2>"
            "<p>Các đội văn nghệ biểu diễn dân ca.</p>"
        ),
        author=author,
        category=local,
        tags=["lễ hội", "du lịch"],
        cover_image=image_file(size=(1200, 675)),
        cover_alt="Quảng trường tỉnh trong ngày khai mạc",
        cover_caption="Quang cảnh lễ khai mạc",
        cover_credit="Ảnh: Lê Minh Châu",
        is_featured=True,
        publish_at=now - timedelta(hours=2),
    )
    RelatedLink.objects.create(article=article, title="Chương trình lễ hội", url="/chuong-trinh/")
    pick = make_article(
        title="Chuẩn bị cho mùa lễ hội", category=culture, author=author, tags=["lễ hội"]
    )
    RelatedArticle.objects.create(article=article, related=pick)
    second = make_article(
        title="Làng nghề đón khách cuối tuần",
        category=local,
        author=author,
        tags=["du lịch"],
        publish_at=now - timedelta(hours=5),
    )
    for i in range(3):
        make_article(
            title=f"Tin địa phương số {i + 1}",
            category=local,
            author=author,
            publish_at=now - timedelta(days=i + 1),
        )
    make_website_link(title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/")
    return article, second, local


def url(live_server, path):
    return f"{live_server.url}{path}"


def test_a_reader_goes_from_home_to_an_article_and_uses_its_tools(live_server, any_page):
    page = any_page
    article, second, local = newsroom()
    page.goto(url(live_server, "/"))
    assert page.title().startswith("Cổng thông tin")
    assert page.locator(".lead-story").get_by_text(article.title).is_visible()
    # follow the category from the menu (on a phone the menu scrolls sideways)
    page.locator(".main-nav").get_by_role("link", name="Tin tức", exact=True).click()
    page.wait_for_url(re.compile("/chuyen-muc/tin-tuc/"))
    assert page.locator("h1").inner_text() == "Tin tức"
    page.get_by_role("link", name=article.title).first.click()
    page.wait_for_url(re.compile(r"\.html$"))

    # every block of the article page
    main = page.locator("#main")
    assert main.locator(".breadcrumb").inner_text().split("\n")[0].strip() in (
        "Trang chủ",
        "Trang chủ›",
    )
    assert "Địa phương" in main.locator(".breadcrumb").inner_text()
    assert page.locator("h1.article-title").inner_text() == article.title
    assert re.match(
        r"^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4} \d\d:\d\d$",
        main.locator(".article-meta time").inner_text(),
    )
    assert main.locator("[data-view-count]").is_visible()
    assert main.locator(".article-lead").is_visible()
    cover = main.locator(".article-cover img")
    assert cover.get_attribute("width") and cover.get_attribute("height")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    assert cover.evaluate("img => img.currentSrc").endswith(".webp")
    assert "Quang cảnh lễ khai mạc" in main.locator(".article-cover figcaption").inner_text()
    assert main.locator(".article-body h2").inner_text() == "Nhiều hoạt động"
    assert main.locator(".byline").inner_text() == "Lê Minh Châu — Sở Văn hóa"
    assert main.locator(".tags").get_by_role("link", name="lễ hội").is_visible()
    assert (
        main.locator(".related-links").get_by_role("link", name="Chương trình lễ hội").is_visible()
    )
    related = main.locator(".related-articles")
    assert related.locator("h2").inner_text().lower() == "có thể bạn quan tâm"
    assert related.locator(".card-title").first.inner_text() == "Chuẩn bị cho mùa lễ hội"
    assert main.locator("#phan-hoi").count() == 1
    assert "Tin địa phương số 1" in main.locator(".other-news").inner_text()
    sidebar = page.locator(".sidebar")
    for heading in ("MỚI NHẤT", "XEM NHIỀU NHẤT", "LIÊN KẾT WEBSITE"):
        assert heading in sidebar.inner_text().upper()
    no_horizontal_scroll(page)

    # text size: bigger, kept on the next page
    def body_size():
        return page.locator(".article-body").evaluate(
            "el => parseFloat(getComputedStyle(el).fontSize)"
        )

    normal = body_size()
    page.get_by_role("button", name="Chữ lớn hơn").click()
    assert body_size() > normal
    page.goto(url(live_server, second.get_absolute_url()))
    assert page.locator("html").get_attribute("data-text-size") == "1"
    assert body_size() > normal
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert body_size() == normal

    # copy the link
    page.get_by_role("button", name="Sao chép liên kết").click()
    expect(page.locator(".tool-status")).to_have_text("Đã sao chép liên kết")
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == f"{live_server.url}{second.get_absolute_url()}"
    )
    facebook = page.locator(".share-facebook").get_attribute("href")
    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?u=http")

    # print view: only the article
    page.get_by_role("link", name="In bài").click()
    page.wait_for_url(re.compile("/in/$"))
    assert page.locator("h1").inner_text() == second.title
    assert page.locator(".main-nav").count() == 0 and page.locator(".sidebar").count() == 0
    assert second.get_absolute_url() in page.locator(".print-address").inner_text()
    page.go_back()

    # English and back
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".sidebar").get_by_role("heading", name="Most viewed").is_visible()
    assert page.locator("h1.article-title").inner_text() == second.title  # content stays as written
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".sidebar").get_by_role("heading", name="Xem nhiều nhất").is_visible()


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        "the page scrolls sideways"
    )


def test_one_visit_adds_one_view_and_a_reload_none(live_server, page):
    article, _, _ = newsroom()
    page.goto(url(live_server, article.get_absolute_url()))
    page.wait_for_selector("[data-view-counted='yes']")
    assert page.locator("[data-view-count]").inner_text() == "1"
    call_command("flush_views", verbosity=0)  # views are buffered (articles/viewbuffer.py)
    assert Article.objects.get(pk=article.pk).view_count == 1
    page.reload()
    page.wait_for_selector("[data-view-counted='no']")
    call_command("flush_views", verbosity=0)
    assert Article.objects.get(pk=article.pk).view_count == 1
    assert page.locator("[data-view-count]").inner_text() == "1"
    # Dropping the cookie does not help either: the server remembers the reader for the window.
    page.context.clear_cookies()
    page.reload()
    page.wait_for_selector("[data-view-counted='no']")
    call_command("flush_views", verbosity=0)
    assert Article.objects.get(pk=article.pk).view_count == 1


def test_the_beacon_is_sent_with_an_origin_header(live_server, page):
    """The beacon refuses requests with neither Origin nor Sec-Fetch-Site: the browser sends
    them."""
    article, _, _ = newsroom()
    with page.expect_request(re.compile(r"/luot-xem/$")) as beacon:
        page.goto(url(live_server, article.get_absolute_url()))
    headers = beacon.value.all_headers()
    assert headers.get("origin") == live_server.url
    page.wait_for_selector("[data-view-counted='yes']")


def test_no_request_leaves_the_site(live_server, page):
    """No CDN: every stylesheet, script, font and image comes from the portal itself."""
    article, _, _ = newsroom()
    foreign = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else foreign.append(request.url)
        ),
    )
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    for path in ("/", article.get_absolute_url()):
        page.goto(url(live_server, path))
        page.wait_for_load_state("networkidle")
    assert foreign == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
    sizes = page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(r => r.initiatorType === 'link' || r.initiatorType === 'script')
            .reduce((sum, r) => sum + r.decodedBodySize, 0)"""
    )
    assert sizes < 100 * 1024


AXE_PAGES = ["/", "/chuyen-muc/tin-tuc/", "ARTICLE", "/tag/le-hoi/", "/khong-co-trang-nay/"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violations(live_server, any_page, path, artifacts):
    from axe_playwright_python.sync_playwright import Axe

    article, _, _ = newsroom()
    target = article.get_absolute_url() if path == "ARTICLE" else path
    any_page.goto(url(live_server, target))
    any_page.wait_for_load_state("networkidle")
    results = Axe().run(any_page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        name = re.sub(r"\W+", "-", target).strip("-") or "home"
        results.save_to_file(
            artifacts / f"axe-{name}-{any_page.width_name}.json", violations_only=True
        )
    assert bad == [], results.generate_report()


def test_screenshots_of_home_and_article_with_demo_content(live_server, browser, artifacts):
    """Saved to test-artifacts/ to look at: the home page and an article, desktop and phone."""
    call_command("load_demo", verbosity=0)
    article = Article.objects.published().filter(cover_image__gt="").first()
    from tests.e2e.conftest import DESKTOP, PHONE

    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=name == "phone")
        page = context.new_page()
        pages = (
            ("home", "/"),
            ("article", article.get_absolute_url()),
            ("category", "/chuyen-muc/tin-tuc/"),
            ("not-found", "/khong-co/"),
        )
        for label, path in pages:
            page.goto(url(live_server, path))
            page.wait_for_load_state("networkidle")
            # scroll through the page so that lazy images load before the full-page screenshot
            page.evaluate(
                "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) {"
                " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); }"
                " window.scrollTo(0, 0); }"
            )
            page.wait_for_load_state("networkidle")
            no_horizontal_scroll(page)
            page.screenshot(path=str(artifacts / f"{label}-{name}.png"), full_page=True)
            # nothing shifts: every image has its width and height
            assert page.evaluate(
                "[...document.images].every(img => img.getAttribute('width')"
                " && img.getAttribute('height'))"
            )
        context.close()
