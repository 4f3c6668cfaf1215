"""/healthz and /readyz for load balancers and deploys; the site's own 500 and 404 pages, the
404 also in development (`make run`: DEBUG on)."""

import runpy
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from portal import urls as site_urls
from tests.test_outages import database_down


def broken_view(request):
    raise RuntimeError("a bug in a view")


# The site's URLconf (its handler404 and handler500 included) and one view that raises.
urlpatterns = [path("hong/", broken_view), *site_urls.urlpatterns]
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.mark.django_db
def test_healthz_answers_200_with_status_and_cache_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]  # this server answers, not a cached copy


@pytest.mark.django_db(transaction=True)
def test_healthz_and_readyz_answer_503_while_the_database_does_not(monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "_ready", False)
    client = Client()
    with database_down():
        health = client.get("/healthz")
        ready = client.get("/readyz")
    assert health.status_code == 503
    assert health.json() == {"status": "database unavailable", "cache": "ok"}
    assert ready.status_code == 503 and ready.json()["status"] == "database unavailable"
    # and back at once
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").json() == {"status": "ready", "cache": "ok"}


@pytest.mark.django_db
def test_readyz_answers_200_once_every_migration_is_applied(client, monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "_ready", False)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_error_in_a_view_answers_500_with_the_sites_vietnamese_page(settings, caplog):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.get("/hong/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html and "<title>Lỗi máy chủ</title>" in html
    assert "Đã có lỗi xảy ra" in html and 'href="/"' in html
    assert "RuntimeError" not in html and "a bug in a view" not in html  # no traceback for readers
    assert any("a bug in a view" in str(record.exc_info) for record in caplog.records)  # but logged


def development_settings(monkeypatch) -> dict:
    """The settings `make run` serves with: the development `.env` (DEBUG=1), no other variable."""
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("DEBUG_TECHNICAL_404", raising=False)
    return runpy.run_path(str(Path(__file__).resolve().parents[1] / "portal" / "settings.py"))


DJANGO_DEBUG_404 = ("Page not found (404)", "Using the URLconf", "DEBUG = True")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/khong-co-trang-nay/",  # no URL pattern matches
        "/chuyen-muc/khong-co-chuyen-muc-nay/",  # the view raises Http404
        "/media/khong-co-anh-nay.jpg",  # development serves media files: a missing one
    ],
)
def test_make_run_answers_a_missing_page_with_the_sites_own_404(client, settings, monkeypatch, url):
    development = development_settings(monkeypatch)
    assert development["DEBUG"] is True
    for name in ("DEBUG", "MIDDLEWARE", "DEBUG_TECHNICAL_404"):
        setattr(settings, name, development[name])
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi"' in html and "Không tìm thấy trang" in html and "Về trang chủ" in html
    for words in DJANGO_DEBUG_404:
        assert words not in html


@pytest.mark.django_db
def test_django_s_technical_404_is_there_for_a_developer_who_asks(client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Using the URLconf" in response.content.decode()
