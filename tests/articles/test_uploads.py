"""The editor's image upload: staff with the permission, images only, verified, size-limited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import image_file, make_staff

pytestmark = pytest.mark.django_db
URL = reverse("articles:editor_upload")


def test_author_uploads_an_image(client, settings):
    client.force_login(make_staff("Authors"))
    response = client.post(URL, {"upload": image_file("Ảnh hội nghị.png", fmt="PNG")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL + "uploads/") and url.endswith(".png")
    assert "anh-hoi-nghi" in url


@pytest.mark.parametrize("fmt", ["JPEG", "GIF", "WEBP"])
def test_each_allowed_format(client, fmt):
    client.force_login(make_staff("Editors"))
    assert client.post(URL, {"upload": image_file(f"a.{fmt.lower()}", fmt=fmt)}).status_code == 200


def test_anonymous_is_refused(client):
    response = client.post(URL, {"upload": image_file()})
    assert response.status_code == 403
    assert "message" in response.json()["error"]


def test_staff_without_article_permission_is_refused(client):
    client.force_login(make_staff("Moderators"))
    assert client.post(URL, {"upload": image_file()}).status_code == 403


def test_csrf_is_checked():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff("Editors"))
    assert client.post(URL, {"upload": image_file()}).status_code == 403


def test_get_is_not_allowed(client):
    client.force_login(make_staff("Editors"))
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg"),
        SimpleUploadedFile("page.png", b"<html><script>alert(1)</script></html>", content_type="image/png"),
        SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', content_type="image/svg+xml"),
    ],
    ids=["exe-as-jpg", "html-as-png", "svg"],
)
def test_files_that_are_not_images_are_refused(client, upload):
    client.force_login(make_staff("Editors"))
    response = client.post(URL, {"upload": upload})
    assert response.status_code == 400
    assert "ảnh" in response.json()["error"]["message"]


def test_truncated_image_is_refused(client):
    client.force_login(make_staff("Editors"))
    whole = image_file(size=(400, 300)).read()
    response = client.post(URL, {"upload": SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2], "image/jpeg")})
    assert response.status_code == 400


def test_too_large_is_refused_with_the_limit(client, settings):
    settings.EDITOR_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(make_staff("Editors"))
    big = image_file(size=(1, 1))
    big.size = 2 * 1024 * 1024
    payload = SimpleUploadedFile("big.jpg", big.read() + b"\0" * (2 * 1024 * 1024), "image/jpeg")
    response = client.post(URL, {"upload": payload})
    assert response.status_code == 400
    assert "1 MB" in response.json()["error"]["message"]


def test_missing_file(client):
    client.force_login(make_staff("Editors"))
    assert client.post(URL, {}).status_code == 400
