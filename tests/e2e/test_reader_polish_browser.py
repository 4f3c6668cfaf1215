"""What a reader sees at 360 px (a phone, DPR 1 and 2) and 1280 px: sharp pictures, a compact phone
header, targets of at least 24 × 24 px, names that say what the buttons show, a favicon, a phone
menu that reaches the sub-categories. With the demo content (`load_demo`)."""

import re

import pytest
from django.core.management import call_command

from articles.models import Article, Category
from tests.e2e.conftest import DESKTOP, PHONE, _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {
    "desktop": {"viewport": DESKTOP, "device_scale_factor": 1},
    "phone-dpr1": {
        "viewport": PHONE,
        "device_scale_factor": 1,
        "is_mobile": True,
        "has_touch": True,
    },
    "phone-dpr2": {
        "viewport": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.fixture
def demo():
    """The demo site; returns an article with a cover and related articles, and a sub-category."""
    call_command("load_demo", verbosity=0)
    article = Article.objects.published().filter(cover_image__gt="").order_by("-publish_at").first()
    sub = (
        Category.objects.filter(is_active=True, parent__isnull=False)
        .order_by("-parent__order", "-order")
        .first()
    )
    return article, sub


def open_page(browser, screen):
    options = dict(SCREENS[screen])
    context = _context(browser, options.pop("viewport"), **options)
    page = context.new_page()
    page.screen = screen
    return context, page


def visit(page, address):
    """Open the page and scroll through it, so that every lazy picture is loaded."""
    page.goto(address)
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 300) {"
        " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 40)); }"
        " window.scrollTo(0, 0); }"
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every(img => img.complete)")


# For each visible <img>: the width it is drawn at (CSS px), the width of the rendition the browser
# chose (the `w` of currentSrc in the <picture>'s srcsets: naturalWidth of a srcset image is scaled
# by `sizes`, so it cannot say) and the widest rendition offered.
PICTURES = r"""() => [...document.images].filter(img => {
    const box = img.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(img).visibility !== 'hidden';
  }).map(img => {
    const holder = img.parentElement;
    const holders = holder.tagName === 'PICTURE'
      ? [...holder.querySelectorAll('source, img')] : [img];
    const candidates = holders.flatMap(el => (el.getAttribute('srcset') || '').split(',')
      .map(part => part.trim().split(/\s+/)).filter(part => part[0])
      .map(part => [new URL(part[0], location.href).href, parseInt(part[1], 10)]));
    const chosen = candidates.find(c => c[0] === img.currentSrc);
    return {
      where: (img.closest('section, aside, article, figure') || document.body).className,
      src: img.currentSrc,
      shown: img.getBoundingClientRect().width,
      chosen: chosen ? chosen[1] : img.naturalWidth,
      widest: candidates.length ? Math.max(...candidates.map(c => c[1])) : img.naturalWidth,
    };
  })"""


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_visible_picture_has_the_pixels_it_is_drawn_with(live_server, browser, demo, screen):
    """`sizes` matches the layout: the rendition chosen is at least the drawn width × DPR
    (or the widest there is), on the home, a category and an article page."""
    article, _ = demo
    context, page = open_page(browser, screen)
    ratio = SCREENS[screen]["device_scale_factor"]
    blurry, seen = [], 0
    for path in (
        "/",
        (article.category.parent or article.category).get_absolute_url(),
        article.get_absolute_url(),
    ):
        visit(page, live_server.url + path)
        for picture in page.evaluate(PICTURES):
            seen += 1
            needed = min(picture["widest"], picture["shown"] * ratio)
            if picture["chosen"] < needed - 0.5:
                blurry.append(
                    (
                        path,
                        picture["where"],
                        round(picture["shown"]),
                        picture["chosen"],
                        picture["widest"],
                    )
                )
    context.close()
    assert seen >= 20, "the demo pages show pictures"
    assert blurry == [], (
        f"{screen}: fewer pixels than drawn (page, where, CSS px, chosen, widest): {blurry}"
    )


def test_the_phone_header_is_compact_and_an_article_starts_on_the_first_screen(
    live_server, browser, demo, artifacts
):
    article, _ = demo
    context, page = open_page(browser, "phone-dpr2")
    page.goto(live_server.url + article.get_absolute_url())
    page.screenshot(path=str(artifacts / "polish-article-phone.png"))
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, f"the header takes {header['height']} px"
    # logo, search icon and menu button on one row
    tops = [page.locator(s).bounding_box() for s in (".brand", ".search-toggle", ".menu-toggle")]
    assert all(box and box["y"] < tops[0]["y"] + tops[0]["height"] for box in tops)
    title = page.locator("h1.article-title").bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], "the title is not on the first screen"
    lead = page.locator(".article-lead").bounding_box()
    assert lead["y"] < PHONE["height"], "the text starts below the first screen"
    # the article's tools are one row
    tools = page.locator(".article-tools").locator("button, a")
    rows = {round(box["y"]) for box in (tools.nth(i).bounding_box() for i in range(tools.count()))}
    assert len(rows) == 1, f"the tools take {len(rows)} rows"
    # the search icon opens the search form, its field ready to type in
    assert not page.locator("#site-search").is_visible()
    page.locator(".search-toggle").click()
    assert page.locator("#site-search").is_visible()
    assert page.evaluate("document.activeElement.id") == "site-search"
    context.close()


def test_the_phone_menu_shows_the_sub_categories_and_the_current_section(
    live_server, browser, demo, artifacts
):
    _, sub = demo
    section = sub.parent
    context, page = open_page(browser, "phone-dpr2")
    page.goto(live_server.url + sub.get_absolute_url())
    strip = page.locator(".main-nav .menu")
    current = page.locator(".main-nav .menu > li > a[aria-current]")
    assert current.inner_text() == section.name
    assert strip.evaluate("el => el.scrollWidth > el.clientWidth"), (
        "the demo's sections do not fit a phone"
    )
    # the current section is in view in the sideways strip
    visible = strip.bounding_box()
    box = current.bounding_box()
    assert (
        box["x"] >= visible["x"] - 1
        and box["x"] + box["width"] <= visible["x"] + visible["width"] + 1
    )
    # the menu button opens every section and its sub-sections (and the language switch)
    sub_link = page.locator(".main-nav .submenu a", has_text=sub.name)
    assert not sub_link.is_visible()
    page.locator(".menu-toggle").click()
    assert page.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    assert sub_link.is_visible()
    assert page.locator(".lang-switch button").is_visible()
    page.screenshot(path=str(artifacts / "polish-menu-phone.png"))
    sub_link.click()
    page.wait_for_url(re.compile(re.escape(sub.get_absolute_url()) + "$"))
    context.close()


# Links, buttons and check boxes a reader taps: header, breadcrumbs, cards, lists, sidebar, the
# feedback form's consent box. Each is at least 24 × 24 CSS px (WCAG 2.5.8), strictly: WCAG's
# spacing exception (a 24 px circle on a small target's centre touching no other target) would
# have let the 46 × 15 px section links under the cards pass on their line spacing alone.
TARGETS = r"""(selector) => [...document.querySelectorAll(selector)].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && el.getAttribute('aria-hidden') !== 'true';
  }).map(el => {
    const box = el.getBoundingClientRect();
    const name = (el.textContent || el.value || '').trim().slice(0, 30);
    const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
    return {
      small: box.width < 23.99 || box.height < 23.99,
      what: `${el.tagName.toLowerCase()}.${el.className} "${name}" ${size}`,
    };
  })"""
TARGET_SELECTOR = (
    ".site-header a, .site-header button:not([hidden]), .breadcrumb a, .card a, .lead-story a,"
    " .item-list a,"
    " .sidebar a, .subcategories a, .feedback-consent input"
)


@pytest.mark.parametrize("screen", ["desktop", "phone-dpr2"])
def test_targets_are_at_least_24_px(live_server, browser, demo, screen):
    article, _ = demo
    context, page = open_page(browser, screen)
    found = {}
    for path in (
        "/",
        (article.category.parent or article.category).get_absolute_url(),
        article.get_absolute_url(),
        "/lien-he/",
    ):
        page.goto(live_server.url + path)
        targets = page.evaluate(TARGETS, TARGET_SELECTOR)
        found[path] = len(targets)
        small = [t["what"] for t in targets if t["small"]]
        assert small == [], f"{screen} {path}: targets under 24 × 24 px: {small}"
    assert page.locator(".feedback-consent input[type=checkbox]").count() == 1
    assert all(found.values()), found
    context.close()


def test_the_text_size_buttons_are_named_by_what_they_show(live_server, browser, demo):
    """WCAG 2.5.3 (label in name): each button's accessible name contains its visible text."""
    article, _ = demo
    context, page = open_page(browser, "desktop")
    page.goto(live_server.url + article.get_absolute_url())
    snapshot = page.locator(".text-size").aria_snapshot()
    names = re.findall(r'button "([^"]*)"', snapshot)
    shown = page.locator(".text-size button").evaluate_all(
        "buttons => buttons.map(b => [...b.childNodes].filter(n => n.nodeType === 3)"
        ".map(n => n.textContent).join('').trim())"
    )
    assert shown == ["A−", "A", "A+"]
    assert len(names) == 3
    for text, name in zip(shown, names, strict=True):
        assert name.startswith(text), f"the button showing {text!r} is named {name!r}"
    assert names[0] != names[1] != names[2]
    # and with their own names the buttons still work
    page.get_by_role("button", name="Chữ lớn hơn").click()
    assert page.locator("html").get_attribute("data-text-size") == "1"
    context.close()


def test_a_favicon_on_every_page(live_server, browser):
    context, page = open_page(browser, "desktop")
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    for address in (live_server.url + "/favicon.ico", live_server.url + icon):
        response = page.request.get(address)
        assert response.status == 200, address
        assert response.headers["content-type"].startswith("image/"), address
    assert missing == []
    context.close()
