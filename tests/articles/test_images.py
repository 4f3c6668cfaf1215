"""Images people give us (issue 10): only JPEG, PNG, GIF and WebP, capped, decoded, re-encoded.

The hostile files are real: an EPS whose PostScript writes a file when run, a 12000×12000 PNG of
140 KB, a truncated JPEG, an oversize file, payloads after a PNG's end and in a JPEG comment, a
photo with a GPS position. Ghostscript is replaced by a stand-in that does what the EPS program
would (create the marker file), so "never run" is checked whether or not Ghostscript is installed.
"""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import EpsImagePlugin, ExifTags, Image, ImageCms, ImageFile

from articles.models import Article
from portal import imagecheck
from tests.articles.admin_forms import article_post_data
from tests.factories import (
    eps_file,
    huge_png_file,
    image_file,
    make_article,
    make_author,
    make_category,
    make_staff,
)

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns about the 144-megapixel PNG while reading its header; we refuse it right after.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]

ADD_URL = reverse("admin:articles_article_add")
GPS = ExifTags.IFD.GPSInfo
ORIENTATION = 0x0112


@pytest.fixture
def decoded(monkeypatch):
    """The (format, size) of every image Pillow decodes during the test."""
    seen = []
    load = ImageFile.ImageFile.load

    def spy(self, *args, **kwargs):
        if self.tile:
            seen.append((self.format, self.size))
        return load(self, *args, **kwargs)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return seen


def photo_with_gps(name="hien-truong.jpg") -> SimpleUploadedFile:
    """A 64×48 photo, left half red and right half blue, taken "rotated" (EXIF orientation 6: the
    camera was turned 90°), with a GPS position and a camera name."""
    image = Image.new("RGB", (64, 48), (220, 0, 0))
    image.paste((0, 0, 220), (32, 0, 64, 48))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "CameraMakerX"
    exif[GPS] = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 7.0)}
    return image_file(name, fmt="JPEG", image=image, exif=exif, quality=95)


def png_with_payload() -> SimpleUploadedFile:
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "TEXT-CHUNK-PAYLOAD")
    png = image_file("a.png", fmt="PNG", pnginfo=text).read()
    return SimpleUploadedFile(
        "a.png", png + b"<?php system($_GET['c']); /* AFTER-IEND-PAYLOAD */ ?>", "image/png"
    )


def truncated_jpeg() -> SimpleUploadedFile:
    whole = image_file(size=(400, 300)).read()
    return SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2], "image/jpeg")


def oversize_jpeg(total: int) -> SimpleUploadedFile:
    start = image_file(size=(8, 8)).read()
    return SimpleUploadedFile("big.jpg", start + b"\0" * (total - len(start)), "image/jpeg")


# --- the judge itself ------------------------------------------------------------------------


class TestCleanImage:
    @pytest.mark.parametrize(
        "fmt,extension", [("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif"), ("WEBP", "webp")]
    )
    def test_each_served_format_is_re_encoded_in_the_same_format_under_a_new_name(
        self, fmt, extension
    ):
        checked = imagecheck.clean_image(
            image_file(f"Ảnh hội nghị.{extension}", size=(30, 20), fmt=fmt)
        )
        assert checked.name.startswith("anh-hoi-nghi-") and checked.name.endswith("." + extension)
        with Image.open(io.BytesIO(checked.read())) as image:
            assert (image.format, image.size) == (fmt, (30, 20))

    def test_eps_is_refused_without_running_it(self, ghostscript):
        with pytest.raises(ValidationError) as refused:
            imagecheck.clean_image(eps_file(ghostscript))
        assert refused.value.code == "not_an_image"
        assert not ghostscript.exists()

    def test_eps_is_never_given_to_ghostscript_by_any_pillow_call(self, tmp_path):
        # Defence in depth: even a library that opens files without `formats=` cannot start it.
        assert EpsImagePlugin.gs_binary is False
        with Image.open(io.BytesIO(eps_file(tmp_path / "marker").read())) as image:
            with pytest.raises(OSError, match="Ghostscript"):
                image.load()

    def test_too_many_pixels_is_refused_from_the_header_before_decoding(self, decoded):
        with pytest.raises(ValidationError) as refused:
            imagecheck.clean_image(huge_png_file())
        assert refused.value.code == "too_many_pixels"
        assert decoded == []

    def test_an_animation_counts_the_pixels_of_all_its_frames(self, settings):
        settings.IMAGE_MAX_PIXELS = 10_000
        frames = [
            Image.new("RGB", (50, 50), (40 * i, 0, 0)) for i in range(5)
        ]  # 2,500 pixels a frame, 12,500 in all
        upload = image_file(
            "dong.gif", fmt="GIF", image=frames[0], save_all=True, append_images=frames[1:]
        )
        with pytest.raises(ValidationError) as refused:
            imagecheck.clean_image(upload)
        assert refused.value.code == "too_many_pixels"

    def test_truncated_image_is_refused(self):
        with pytest.raises(ValidationError) as refused:
            imagecheck.clean_image(truncated_jpeg())
        assert refused.value.code == "damaged"

    def test_more_bytes_than_the_limit_is_refused_before_opening(self, settings, decoded):
        settings.IMAGE_UPLOAD_MAX_BYTES = 1024 * 1024
        with pytest.raises(ValidationError) as refused:
            imagecheck.clean_image(oversize_jpeg(1024 * 1024 + 1))
        assert refused.value.code == "too_big"
        assert decoded == []

    def test_gps_and_all_other_exif_are_dropped_and_the_orientation_is_applied(self):
        checked = imagecheck.clean_image(photo_with_gps())
        data = checked.read()
        assert b"CameraMakerX" not in data and b"Exif" not in data
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            assert not exif.get_ifd(GPS) and ORIENTATION not in exif
            assert image.size == (48, 64)  # turned upright
            image = image.convert("RGB")
            top, bottom = image.getpixel((24, 5)), image.getpixel((24, 58))
        # orientation 6: the picture is turned 90° clockwise, so its left (red) half is now on top
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
        assert (checked.width, checked.height) == (48, 64)

    def test_bytes_after_a_png_and_its_text_chunks_are_not_kept(self):
        data = imagecheck.clean_image(png_with_payload()).read()
        assert b"AFTER-IEND-PAYLOAD" not in data and b"TEXT-CHUNK-PAYLOAD" not in data
        assert data.endswith(b"IEND\xaeB`\x82")

    def test_a_jpeg_comment_is_not_kept(self):
        upload = image_file(comment=b"<script>COMMENT-PAYLOAD</script>")
        assert b"COMMENT-PAYLOAD" in upload.read()
        assert b"COMMENT-PAYLOAD" not in imagecheck.clean_image(upload).read()

    def test_a_colour_profile_is_applied_and_dropped(self):
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        checked = imagecheck.clean_image(image_file(icc_profile=profile))
        with Image.open(checked) as image:
            assert "icc_profile" not in image.info

    def test_an_animated_gif_keeps_its_frames_and_timing(self):
        frames = [Image.new("RGB", (20, 10), colour) for colour in ("red", "green", "blue")]
        upload = image_file(
            "dong.gif",
            fmt="GIF",
            image=frames[0],
            save_all=True,
            append_images=frames[1:],
            duration=[100, 200, 300],
            loop=0,
        )
        with Image.open(imagecheck.clean_image(upload)) as image:
            assert image.n_frames == 3
            durations = []
            for index in range(3):
                image.seek(index)
                durations.append(image.info["duration"])
            assert durations == [100, 200, 300]

    def test_a_camera_multi_picture_jpeg_is_stored_as_a_plain_jpeg(self):
        pictures = [Image.new("RGB", (40, 30), "red"), Image.new("RGB", (40, 30), "blue")]
        buffer = io.BytesIO()
        pictures[0].save(buffer, "MPO", save_all=True, append_images=pictures[1:])
        upload = SimpleUploadedFile("mpo.jpg", buffer.getvalue(), "image/jpeg")
        with Image.open(imagecheck.clean_image(upload)) as image:
            assert (image.format, image.size) == ("JPEG", (40, 30))


def test_the_old_editor_setting_still_sets_the_limit():
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); "
        "django.setup(); "
        "from django.conf import settings; "
        "print(settings.IMAGE_UPLOAD_MAX_BYTES, settings.REQUEST_BODY_MAX_BYTES)"
    )
    environment = {**os.environ, "DEBUG": "1", "EDITOR_UPLOAD_MAX_MB": "2"}
    environment.pop("IMAGE_UPLOAD_MAX_MB", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == [str(2 * 1024 * 1024), str(5 * 1024 * 1024)], result.stderr


# --- the cover in the admin --------------------------------------------------------------------


@pytest.fixture
def editor(client):
    client.force_login(make_staff("Editors"))


def post_cover(client, upload):
    data = article_post_data(
        title="Bài có ảnh đại diện",
        slug="bai-co-anh-dai-dien",
        lead="Tóm tắt.",
        body="<p>Nội dung.</p>",
        author=make_author().pk,
        category=make_category().pk,
        status=Article.Status.DRAFT,
        cover_alt="Ảnh minh hoạ",
    )
    return client.post(ADD_URL, {**data, "cover_image": upload})


def cover_error(response) -> str:
    assert response.status_code == 200, "the form was accepted"
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["cover_image"], errors
    message = errors["cover_image"][0]
    assert message in response.content.decode()
    return message


class TestCoverInTheAdmin:
    def test_eps_is_refused_next_to_the_field_and_never_run(self, client, editor, ghostscript):
        response = post_cover(client, eps_file(ghostscript))
        assert not ghostscript.exists()
        assert "không phải là ảnh" in cover_error(response)
        assert not Article.objects.exists()

    def test_a_12000_pixel_square_png_is_refused_undecoded(self, client, editor, decoded):
        message = cover_error(post_cover(client, huge_png_file()))
        assert "12000×12000" in message and "40 triệu điểm ảnh" in message
        assert (("PNG", (12000, 12000))) not in decoded

    def test_a_truncated_jpeg_is_refused(self, client, editor):
        assert "bị hỏng" in cover_error(post_cover(client, truncated_jpeg()))

    def test_a_file_over_the_size_limit_is_refused(self, client, editor, settings):
        message = cover_error(
            post_cover(client, oversize_jpeg(settings.IMAGE_UPLOAD_MAX_BYTES + 1))
        )
        assert "5 MB" in message

    def test_an_accepted_cover_is_stored_re_encoded_upright_without_gps(self, client, editor):
        response = post_cover(client, photo_with_gps())
        assert response.status_code == 302, (
            response.context and response.context["adminform"].form.errors
        )
        article = Article.objects.get()
        assert (article.cover_width, article.cover_height) == (48, 64)
        assert (
            article.cover_image.name.startswith("covers/")
            and "hien-truong" in article.cover_image.name
        )
        with article.cover_image.open("rb") as stored, Image.open(stored) as image:
            assert not image.getexif()

    def test_a_payload_after_the_png_is_not_stored(self, client, editor):
        assert post_cover(client, png_with_payload()).status_code == 302
        with Article.objects.get().cover_image.open("rb") as stored:
            assert b"PAYLOAD" not in stored.read()

    def test_an_unwritable_media_folder_is_a_form_error_not_a_500(
        self, client, editor, settings, tmp_path, caplog
    ):
        (tmp_path / "plain-file").write_text("not a folder")
        settings.MEDIA_ROOT = (
            tmp_path / "plain-file" / "media"
        )  # no one can create a folder in a file
        with caplog.at_level(logging.ERROR, logger="portal.imagecheck"):
            assert "không lưu được ảnh" in cover_error(post_cover(client, image_file()))
        assert not Article.objects.exists()
        assert "Could not store" in caplog.text


# --- saves that go around the form -----------------------------------------------------------


class TestModelSaves:
    def test_the_shell_cannot_store_an_eps_through_the_field(self, ghostscript, settings):
        article = make_article()
        article.cover_image = File(io.BytesIO(eps_file(ghostscript).read()), name="bia.jpg")
        with pytest.raises(ValidationError):
            article.save()
        assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
        assert not ghostscript.exists()

    def test_a_file_saved_through_the_field_is_re_encoded(self):
        article = make_article(cover_image=photo_with_gps("tu-shell.jpg"), cover_alt="Ảnh")
        assert (article.cover_width, article.cover_height) == (48, 64)
        with article.cover_image.open("rb") as stored:
            assert b"CameraMakerX" not in stored.read()

    def test_field_file_save_checks_too(self):
        article = make_article()
        with pytest.raises(ValidationError):
            article.cover_image.save(
                "x.jpg", ContentFile(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 9 9\n")
            )


def stored_around_the_checks(article, content: bytes | None, name: str, *, dimensions=True):
    """What a queryset update or an import can do: a file written straight into the storage (or,
    with `content` None, a name whose file is missing)."""
    stored = (
        f"covers/{name}"
        if content is None
        else default_storage.save(f"covers/{name}", ContentFile(content))
    )
    fields = {"cover_image": stored, "cover_alt": "Ảnh"}
    if dimensions:
        fields.update(cover_width=800, cover_height=600)
    Article.objects.filter(pk=article.pk).update(**fields)


@pytest.mark.parametrize("dimensions", [True, False], ids=["with-dimensions", "without-dimensions"])
@pytest.mark.parametrize("kind", ["eps", "huge-png", "missing"])
def test_a_hostile_stored_cover_shows_no_picture_and_is_never_decoded(
    client, ghostscript, decoded, kind, dimensions
):
    article = make_article(title="Bài có ảnh độc hại", is_featured=True)
    if kind == "eps":
        stored_around_the_checks(
            article, eps_file(ghostscript).read(), "bia.jpg", dimensions=dimensions
        )
    elif kind == "huge-png":
        stored_around_the_checks(article, huge_png_file().read(), "lon.png", dimensions=dimensions)
    else:
        stored_around_the_checks(article, None, "mat.jpg", dimensions=dimensions)
    responses = [client.get(article.get_absolute_url()), client.get(reverse("articles:home"))]
    client.force_login(make_staff("Editors"))
    responses.append(client.get(reverse("articles:preview", args=[article.pk])))
    assert not ghostscript.exists()
    assert ("PNG", (12000, 12000)) not in decoded
    for response in responses:
        assert response.status_code == 200
        html = response.content.decode()
        assert (
            "Bài có ảnh độc hại" in html and "/media/CACHE/" not in html
        )  # no picture, no share image
    assert (
        client.get(article.get_absolute_url()).status_code == 200
    )  # again, with imagekit's state cached


# --- early refusal of big bodies ---------------------------------------------------------------


class ExplodingBody(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize("url", [ADD_URL, "/lien-he/"])
def test_a_body_over_the_cap_is_refused_before_it_is_read(client, settings, url):
    client.force_login(make_staff("Editors"))
    response = client.post(
        url,
        {"cover_image": image_file()},
        CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES + 1),
        **{"wsgi.input": ExplodingBody()},
    )
    assert response.status_code == 413
    message = response.content.decode()
    assert (
        message
        == "Dữ liệu gửi lên quá lớn: mỗi ảnh tối đa 5 MB. Hãy giảm dung lượng ảnh rồi thử lại."
    )


def test_the_editors_upload_takes_a_phone_photo_and_is_refused_over_the_librarys_cap(
    client, settings
):
    # The editor's image button follows the media library's limit (MEDIA_IMAGE_MAX_MB + 3 MB).
    client.force_login(make_staff("Editors"))
    url = reverse("articles:editor_upload")
    response = client.post(
        url,
        {"upload": image_file()},
        CONTENT_LENGTH=str((settings.MEDIA_IMAGE_MAX_MB + 3) * 1024 * 1024 + 1),
        **{"wsgi.input": ExplodingBody()},
    )
    assert response.status_code == 413
    assert response.json() == {
        "error": {
            "message": (
                "Dữ liệu gửi lên quá lớn: mỗi ảnh tối đa 20 MB. "
                "Hãy giảm dung lượng ảnh rồi thử lại."
            )
        }
    }
    settings.REQUEST_BODY_MAX_BYTES = 64 * 1024  # the cap of the other pages does not apply
    big = image_file(size=(400, 400))
    big = SimpleUploadedFile("lon.jpg", big.read() + b"\0" * (100 * 1024), "image/jpeg")
    assert client.post(url, {"upload": big}).status_code == 200


def test_a_body_at_the_cap_goes_through(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 64 * 1024
    client.force_login(make_staff("Editors"))
    response = client.post(reverse("articles:editor_upload"), {"upload": image_file()})
    assert response.status_code == 200
