"""What a client controls never reaches what others are served, and the response headers that
limit what a page may do: Content-Security-Policy (readers and admin) and Permissions-Policy."""

import pytest
from django.urls import reverse

from tests.factories import image_file, make_article, make_staff

pytestmark = pytest.mark.django_db

POISONED_HOST = "testserver:6666"  # ALLOWED_HOSTS ignores the port, so Django accepts it


@pytest.fixture
def article():
    return make_article(
        tags=["Chuyển đổi số"], cover_image=image_file(size=(320, 200)), cover_alt="Ảnh"
    )


def test_the_host_header_never_reaches_absolute_links(client, article, settings):
    settings.PUBLIC_BASE_URL = "https://congthongtin.example.gov.vn"
    category = article.category
    urls = [
        "/",
        article.get_absolute_url(),
        article.get_absolute_url().replace(".html", "/in/"),
        category.get_absolute_url(),
        "/rss/",
        "/atom/",
        reverse("articles:category_rss", args=[category.slug]),
        reverse("articles:category_atom", args=[category.slug]),
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-news.xml",
        *(
            reverse("sitemap_section", args=[name])
            for name in ("articles", "news", "categories", "tags", "static")
        ),
        reverse("search:search") + "?q=bai",
    ]
    for url in urls:
        response = client.get(url, HTTP_HOST=POISONED_HOST)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert ":6666" not in body and "testserver" not in body, url
    page = client.get(article.get_absolute_url(), HTTP_HOST=POISONED_HOST).content.decode()
    assert (
        f'<link rel="canonical" href="https://congthongtin.example.gov.vn{article.get_absolute_url()}">'
        in page
    )


def test_reader_pages_have_the_strict_policy(client, article):
    response = client.get(article.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]
    )
    assert "frame-ancestors 'none'" in policy


def test_the_admin_has_a_policy_of_its_own(client):
    """CKEditor 5 needs inline styles; scripts still come only from our own files."""
    client.force_login(make_staff("Editors"))
    for url in (reverse("admin:login"), reverse("admin:articles_article_add")):
        response = client.get(url)
        policy = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
        )
        assert policy["script-src"] == "'self'", url
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
        assert (
            "'unsafe-inline'" in policy["style-src-elem"]
            and "'unsafe-inline'" in policy["style-src-attr"]
        )
        assert "blob:" in policy["img-src"]


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/rss/", "/healthz"])
def test_every_response_denies_powerful_features(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert (
        'fullscreen=(self "https://www.youtube.com"' in policy
    )  # embedded videos may go full screen


def test_the_site_logo_passes_the_image_checks(client, tmp_path):
    """The logo is shown on every page: it is refused unless it is one of the four image formats."""
    from portal.models import SiteSettings
    from tests.factories import eps_file

    client.force_login(make_staff())
    change_url = client.get(reverse("admin:portal_sitesettings_changelist"))[
        "Location"
    ]  # creates the record
    data = {
        "site_name": "Cổng tin",
        "tagline": "",
        "header_background": "#0b3d91",
        "header_accent": "#082c6c",
        "publisher": "UBND",
        "editor_in_chief": "",
        "address": "",
        "phone": "",
        "email": "",
        "licence": "GP",
        "copyright": "",
        "items_latest": 5,
        "items_most_viewed": 5,
        "items_featured": 3,
        "items_per_category": 4,
        "items_home_latest": 6,
    }
    marker = tmp_path / "owned"
    response = client.post(change_url, {**data, "logo": eps_file(marker)})
    assert response.status_code == 200 and "logo" in response.context["adminform"].form.errors
    assert not SiteSettings.load().logo and not marker.exists()
    assert (
        client.post(change_url, {**data, "logo": image_file("logo.png", fmt="PNG")}).status_code
        == 302
    )
    assert SiteSettings.load().logo.name.endswith(".png")
