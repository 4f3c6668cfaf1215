"""A reader searches from the header box, without tone marks, and narrows by category."""

import pytest

from tests.factories import make_article, make_category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def corpus():
    politics = make_category(name="Chính trị", slug="chinh-tri")
    culture = make_category(name="Văn hóa", slug="van-hoa")
    wanted = make_article(
        title="Kết nạp đảng viên mới ở thôn Đông",
        lead="Chi bộ thôn kết nạp hai đảng viên trẻ.",
        category=politics,
    )
    other = make_article(
        title="Hội diễn văn nghệ chào mừng đảng viên mới",
        lead="Tiết mục đặc sắc của đoàn thanh niên.",
        category=culture,
    )
    return wanted, other


def test_search_from_the_header_without_tone_marks(live_server, any_page):
    page = any_page
    wanted, other = corpus()
    page.goto(f"{live_server.url}/")
    toggle = page.locator(".search-toggle")
    if toggle.is_visible():  # phones: the search icon opens the header's form
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("dang vien")
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=dang+vien")
    assert page.locator(".search-count").inner_text() == "Tìm thấy 2 bài viết."
    titles = page.locator(".search-result h2").all_inner_texts()
    assert set(titles) == {wanted.title, other.title}
    assert page.locator(".search-result mark").first.inner_text().lower() == "đảng viên"

    # Narrow to one category through the filters.
    page.locator("summary", has_text="Bộ lọc").click()
    page.locator("#id_category").select_option("chinh-tri")
    page.locator(".search-filters button[type=submit]").click()
    page.wait_for_url("**category=chinh-tri**")
    assert page.locator(".search-result h2").all_inner_texts() == [wanted.title]


def test_search_page_has_no_serious_accessibility_violations(live_server, any_page):
    from axe_playwright_python.sync_playwright import Axe

    corpus()
    for query in ("?q=dang+vien", "?q=khong+co+gi&category=van-hoa", ""):
        any_page.goto(f"{live_server.url}/tim-kiem/{query}")
        results = Axe().run(any_page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], results.generate_report()
