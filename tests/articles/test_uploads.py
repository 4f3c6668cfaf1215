"""The editor's image upload: staff with the permission, images only, verified, size-limited."""

import io
import logging
import os

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from medialib.models import Image as LibraryImage
from tests.articles.test_images import photo_with_gps, png_with_payload
from tests.factories import eps_file, huge_png_file, image_file, make_staff

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]
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
        SimpleUploadedFile(
            "page.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
        ),
        SimpleUploadedFile(
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            content_type="image/svg+xml",
        ),
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
    response = client.post(
        URL, {"upload": SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2], "image/jpeg")}
    )
    assert response.status_code == 400


def noise_jpeg(name: str, width: int, height: int) -> SimpleUploadedFile:
    """A real photo's weight: random pixels at quality 95 hardly compress."""
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(
        out, "JPEG", quality=95
    )
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def test_a_phone_photo_over_the_covers_limit_is_taken_and_stored_reduced(
    client, settings, tmp_path
):
    # The library's limits, not the cover's: the cover's limit and the general request cap are
    # set below the photo (1 MB) so that the test stays fast; the photo is ~2 MB.
    settings.MEDIA_ROOT = tmp_path
    settings.IMAGE_UPLOAD_MAX_MB, settings.IMAGE_UPLOAD_MAX_BYTES = 1, 1024 * 1024
    settings.REQUEST_BODY_MAX_BYTES = 1024 * 1024
    settings.MEDIA_IMAGE_MAX_MB, settings.MEDIA_IMAGE_MAX_SIDE = 20, 500
    photo = noise_jpeg("Ảnh điện thoại.jpg", 1500, 1250)
    assert photo.size > 1.5 * 1024 * 1024
    user = make_staff("Authors")
    client.force_login(user)
    data = stored(client.post(URL, {"upload": photo}))
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (500, 417)
    record = LibraryImage.objects.get()
    assert (record.width, record.height, record.uploaded_by) == (500, 417, user)
    assert record.file.name.startswith("uploads/") and "anh-dien-thoai" in record.file.name


def test_a_photo_over_the_librarys_limit_is_refused_in_vietnamese_and_nothing_stored(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_IMAGE_MAX_MB = 1
    photo = noise_jpeg("lon.jpg", 1200, 1000)
    assert photo.size > 1024 * 1024
    client.force_login(make_staff("Editors"))
    response = client.post(URL, {"upload": photo})
    assert response.status_code == 400
    assert response.json() == {
        "error": {"message": "Ảnh lớn hơn 1 MB; hãy giảm dung lượng rồi thử lại."}
    }
    assert not LibraryImage.objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_the_default_limit_is_the_librarys(client):
    client.force_login(make_staff("Editors"))
    start = image_file(size=(8, 8)).read()
    payload = SimpleUploadedFile("big.jpg", start + b"\0" * (20 * 1024 * 1024), "image/jpeg")
    response = client.post(URL, {"upload": payload})
    assert response.status_code == 400
    assert (
        response.json()["error"]["message"] == "Ảnh lớn hơn 20 MB; hãy giảm dung lượng rồi thử lại."
    )


def test_eps_is_refused_and_never_run(client, ghostscript):
    client.force_login(make_staff("Editors"))
    response = client.post(URL, {"upload": eps_file(ghostscript)})
    assert not ghostscript.exists()
    assert response.status_code == 400
    assert "không phải là ảnh" in response.json()["error"]["message"]


def test_too_many_pixels_is_refused(client):
    client.force_login(make_staff("Editors"))
    response = client.post(URL, {"upload": huge_png_file()})
    assert response.status_code == 400
    assert "12000×12000" in response.json()["error"]["message"]


def stored(response) -> bytes:
    assert response.status_code == 200, response.content
    url = response.json()["url"]
    with default_storage.open(url.removeprefix(django_settings.MEDIA_URL)) as file:
        return file.read()


def test_what_is_stored_is_re_encoded_upright_without_gps(client):
    client.force_login(make_staff("Authors"))
    data = stored(client.post(URL, {"upload": photo_with_gps()}))
    assert b"CameraMakerX" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (48, 64) and not image.getexif()


def test_payloads_are_not_stored(client):
    client.force_login(make_staff("Authors"))
    assert b"PAYLOAD" not in stored(client.post(URL, {"upload": png_with_payload()}))
    assert b"PAYLOAD" not in stored(
        client.post(URL, {"upload": image_file(comment=b"COMMENT-PAYLOAD")})
    )


def test_an_unwritable_media_folder_is_a_message_for_the_editor_not_a_500(
    client, settings, tmp_path, caplog
):
    (tmp_path / "plain-file").write_text("not a folder")
    settings.MEDIA_ROOT = tmp_path / "plain-file" / "media"  # root ignores permissions, not this
    client.force_login(make_staff("Editors"))
    with caplog.at_level(logging.ERROR, logger="articles.uploads"):
        response = client.post(URL, {"upload": image_file()})
    assert response.status_code == 503
    assert response.json() == {
        "error": {
            "message": (
                "Máy chủ không lưu được ảnh; hãy thử lại sau, "
                "và báo cho quản trị viên trang nếu lỗi còn lặp lại."
            )
        }
    }
    assert "Could not store an editor upload" in caplog.text


def test_missing_file(client):
    client.force_login(make_staff("Editors"))
    assert client.post(URL, {}).status_code == 400
