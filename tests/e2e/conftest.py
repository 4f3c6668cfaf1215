"""Browser fixtures shared by every browser test: Debian's Chromium driven by Playwright.

`browser` (one per session), `context`/`page` (a desktop window, 1280×900) and
`mobile_context`/`mobile_page` (a 360×740 phone). Pages talk to pytest-django's `live_server`.
Without Chromium the tests are skipped with a notice, or fail when the CI variable is set.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = (
    "Chromium not found: install it (Debian: apt-get install chromium) to run the browser tests"
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def chromium_path() -> str | None:
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests of this package, closed after them.

    Playwright's sync API runs an event loop in this thread, so Django must allow the ORM here
    (DJANGO_ALLOW_ASYNC_UNSAFE) while it runs; the variable is removed again afterwards so that
    later tests (e.g. `check --deploy` in a subprocess) do not inherit it.
    """
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # before Playwright starts
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def reader_user_agent(browser, mobile: bool = False) -> str:
    """An ordinary Chrome's User-Agent, of this Chromium's version: headless Chromium says
    "HeadlessChrome", which the view beacon takes for a bot (articles/views_count.py, is_bot) and
    does not count, while these tests are readers."""
    platform = "Linux; Android 10; K" if mobile else "X11; Linux x86_64"
    return (
        f"Mozilla/5.0 ({platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{browser.version}"
        f"{' Mobile' if mobile else ''} Safari/537.36"
    )


def _context(browser, viewport, **kwargs):
    mobile = bool(kwargs.get("is_mobile"))
    kwargs.setdefault("user_agent", reader_user_agent(browser, mobile=mobile))
    context = browser.new_context(
        viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **kwargs
    )
    context.set_default_timeout(15_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


@pytest.fixture
def context(browser):
    context = _context(browser, DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def mobile_context(browser):
    context = _context(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context
    context.close()


@pytest.fixture
def mobile_page(mobile_context):
    return mobile_context.new_page()


@pytest.fixture(params=["desktop", "phone"])
def any_page(request, browser):
    """The same test at both widths: a desktop window and a 360 px phone."""
    viewport = DESKTOP if request.param == "desktop" else PHONE
    context = _context(browser, viewport, is_mobile=request.param == "phone")
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    """test-artifacts/ (git-ignored): screenshots and reports to look at after a run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _public_address(settings, live_server):
    """Pages served by the live server link to it, as a deployment's PUBLIC_BASE_URL would."""
    settings.PUBLIC_BASE_URL = live_server.url
