"""The media library: uploads judged like every image (and reduced to a sensible size), staff
search without tone marks, the articles that use an image, and no deletion of an image in use."""

import io
import os

import pytest
from django.urls import reverse
from PIL import Image as Pillow

from articles.models import Article
from medialib.models import Image, ImageInUse
from tests.factories import image_file, make_article, make_staff

from .factories import add_to_gallery, make_image

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:media_image_upload_file")


@pytest.fixture
def editor(client):
    user = make_staff("Editors")
    client.force_login(user)
    return user


def noise(width, height):
    """Random pixels: a PNG of them does not compress."""
    return Pillow.frombytes("RGB", (width, height), os.urandom(width * height * 3))


def post(client, file, **fields):
    return client.post(
        UPLOAD, {"file": file, "alt": "Cây cầu mới", **fields}, HTTP_ACCEPT="application/json"
    )


def test_an_upload_becomes_a_library_record(client, editor):
    exif = Pillow.Exif()
    exif[0x8825] = {2: (21.0, 1.0, 30.0)}  # a GPS position
    response = post(
        client,
        image_file("cau.jpg", size=(300, 200), exif=exif),
        caption="Lễ khánh thành",
        credit="Ảnh: A",
    )
    assert response.status_code == 201, response.content
    image = Image.objects.get(pk=response.json()["image"]["id"])
    assert (image.alt, image.caption, image.credit, image.uploaded_by) == (
        "Cây cầu mới",
        "Lễ khánh thành",
        "Ảnh: A",
        editor,
    )
    assert (image.width, image.height) == (300, 200)
    assert image.size == image.file.size > 0 and image.file.name.startswith("library/")
    with Pillow.open(image.file) as stored:
        assert not stored.getexif()


def test_a_large_photo_is_stored_reduced_to_the_maximum_side(client, editor, settings):
    settings.MEDIA_IMAGE_MAX_SIDE = 100
    response = post(client, image_file("lon.jpg", size=(400, 300)))
    image = Image.objects.get(pk=response.json()["image"]["id"])
    assert (image.width, image.height) == (100, 75)
    with Pillow.open(image.file) as stored:
        assert stored.size == (100, 75)


def test_the_byte_limit_is_a_setting_and_refusals_are_in_vietnamese(client, editor, settings):
    settings.MEDIA_IMAGE_MAX_MB = 1
    big = image_file("lon.png", fmt="PNG", image=noise(800, 800))
    assert big.size > 1024 * 1024
    response = post(client, big)
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == [
        "Ảnh lớn hơn 1 MB; hãy giảm dung lượng rồi thử lại."
    ]
    response = post(
        client, image_file("tai-lieu.jpg", fmt="PNG").__class__("gia.jpg", b"<html>", "image/jpeg")
    )
    assert response.json()["errors"]["file"] == [
        "Tệp này không phải là ảnh mở được (JPEG, PNG, GIF hoặc WebP)."
    ]
    response = client.post(
        UPLOAD, {"file": image_file(), "alt": ""}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400 and "alt" in response.json()["errors"]
    assert not Image.objects.exists()


def test_a_phone_photo_over_the_general_request_cap_reaches_the_library(client, editor, settings):
    settings.REQUEST_BODY_MAX_BYTES = 64 * 1024  # the cap of every other page
    response = post(client, image_file("dien-thoai.png", fmt="PNG", image=noise(200, 200)))
    assert response.status_code == 201
    # the editor's own image button follows the library's limits too (issue 13)
    response = client.post(
        reverse("articles:editor_upload"), {"upload": image_file(fmt="PNG", image=noise(200, 200))}
    )
    assert response.status_code == 200


def test_only_staff_who_may_add_images_upload(client):
    assert (
        client.post(UPLOAD, {"file": image_file(), "alt": "x"}).status_code == 302
    )  # to the sign-in page
    client.force_login(make_staff("Moderators"))
    response = client.post(
        UPLOAD, {"file": image_file(), "alt": "x"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403 and not Image.objects.exists()


def test_the_upload_page_is_in_vietnamese(client, editor):
    html = client.get(reverse("admin:media_image_upload")).content.decode()
    assert "Tải ảnh lên thư viện" in html and "media/library_upload.js" in html
    assert 'data-too-big="Ảnh lớn hơn 20 MB' in html
    changelist = client.get(reverse("admin:media_image_changelist")).content.decode()
    assert reverse("admin:media_image_upload") in changelist


def test_staff_search_ignores_tone_marks(client, editor):
    make_image(caption="Lễ hội đền Hùng", credit="Ảnh: Nguyễn Văn Á")
    make_image(caption="Hội nghị tổng kết", credit="Ảnh: Trần B")
    pick = reverse("admin:media_image_pick")
    for query in ["le hoi den", "LỄ HỘI", "nguyen van a", "đền hùng"]:
        found = client.get(pick, {"q": query}).json()["images"]
        assert [i["caption"] for i in found] == ["Lễ hội đền Hùng"], query
    assert len(client.get(pick, {"q": "hoi"}).json()["images"]) == 2
    changelist = client.get(
        reverse("admin:media_image_changelist"), {"q": "tran b"}
    ).content.decode()
    assert "Hội nghị tổng kết" in changelist and "Lễ hội đền Hùng" not in changelist


def test_the_articles_using_an_image_are_known(client, editor):
    image = make_image()
    as_cover = make_article(title="Bìa")
    Article.objects.filter(pk=as_cover.pk).update(cover_image=image.file.name, cover_alt="x")
    make_article(title="Trong bài", body=f'<p><img src="{image.file.url}" alt="Cầu"></p>')
    in_gallery = make_article(title="Album")
    add_to_gallery(in_gallery, image)
    make_article(title="Không dùng")
    assert {a.title for a in image.used_by()} == {"Bìa", "Trong bài", "Album"}
    page = client.get(reverse("admin:media_image_change", args=[image.pk])).content.decode()
    assert (
        all(title in page for title in ["Bìa", "Trong bài", "Album"]) and "Không dùng" not in page
    )


def test_an_image_in_use_is_not_deleted_and_the_articles_are_listed(client, editor):
    image = make_image()
    article = make_article(title="Bài có album")
    add_to_gallery(article, image)
    url = reverse("admin:media_image_delete", args=[image.pk])
    page = client.get(url).content.decode()
    assert (
        "Bài có album" in page
        and reverse("admin:articles_article_change", args=[article.pk]) in page
    )
    client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    bulk = client.post(
        reverse("admin:media_image_changelist"),
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )
    assert "Bài có album" in bulk.content.decode() and Image.objects.filter(pk=image.pk).exists()
    with pytest.raises(ImageInUse) as refused:
        image.delete()
    assert [a.title for a in refused.value.articles] == ["Bài có album"]


def test_an_unused_image_is_deleted(client, editor):
    image = make_image()
    client.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.exists()


def test_every_image_is_a_record_covers_and_editor_uploads_included(client, editor):
    article = make_article(
        cover_image=image_file("bia.jpg", size=(200, 100)), cover_alt="Bìa", cover_credit="Ảnh: C"
    )
    record = Image.objects.get(file=article.cover_image.name)  # the same file, no copy
    assert (record.alt, record.credit, record.width, record.height) == ("Bìa", "Ảnh: C", 200, 100)
    assert list(record.used_by()) == [article]
    response = client.post(
        reverse("articles:editor_upload"), {"upload": image_file("trong-bai.jpg")}
    )
    url = response.json()["url"]
    uploaded = Image.objects.get(file=url.removeprefix("/media/"))
    assert uploaded.uploaded_by == editor and uploaded.width == 64


class ExplodingBody(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_over_the_librarys_cap_is_refused_before_it_is_read_in_vietnamese(
    client, editor, settings
):
    response = client.post(
        UPLOAD,
        {"file": image_file(), "alt": "x"},
        CONTENT_LENGTH=str(settings.MEDIA_REQUEST_BODY_MAX_BYTES + 1),
        HTTP_ACCEPT="application/json",
        **{"wsgi.input": ExplodingBody()},
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"] == (
        "Dữ liệu gửi lên quá lớn: mỗi ảnh tối đa 20 MB, mỗi tài liệu tối đa 20 MB."
    )


def test_one_image_is_added_in_the_admin_form_too(client, editor, settings):
    settings.MEDIA_IMAGE_MAX_SIDE = 50
    response = client.post(
        reverse("admin:media_image_add"),
        {
            "file": image_file("mot.jpg", size=(100, 80)),
            "alt": "Một ảnh",
            "caption": "Chú thích",
            "credit": "",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.uploaded_by, image.width, image.height, image.alt) == (editor, 50, 40, "Một ảnh")
    response = client.post(reverse("admin:media_image_add"), {"file": image_file(), "alt": ""})
    assert response.status_code == 200 and Image.objects.count() == 1
