import pytest


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Uploads go to a temporary folder; every test starts with an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = (
        "http://testserver"  # the test client's host, as a deployment would set it
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _migration_data_after_flush(request):
    """A transactional test (browser, outage) leaves every table flushed, the roles and the privacy
    notice that migrations create included: put them back before each such test, whatever ran
    before."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and bool(
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    from tests.media.factories import ensure_media_roles

    ensure_media_roles()


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests did not run, and how to make them run."""
    skipped = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if "browser" in getattr(r, "keywords", {})
    ]
    if skipped:
        terminalreporter.write_line(
            f"NOTE: {len(skipped)} browser tests were SKIPPED because Chromium was not found. "
            "Install it (Debian/Ubuntu: sudo apt-get install chromium) and run `make test` again; "
            "in CI (CI=true) they always run.",
            yellow=True,
            bold=True,
        )
