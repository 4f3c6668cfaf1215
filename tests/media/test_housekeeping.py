"""manage.py media_housekeeping: unused files and records whose file is gone."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles.models import Article
from medialib.models import Document, Image
from tests.factories import image_file, make_article

from .factories import add_to_gallery, attach, make_document, make_image

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("media_housekeeping", "--min-age-hours=0", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def media():
    kept_image = make_image()
    kept_document = make_document()
    in_body = default_storage.save("uploads/2026/11/trong-bai.jpg", image_file())
    cover = default_storage.save("covers/2026/11/bia.jpg", image_file())
    article = make_article(body=f'<p><img src="/media/{in_body}" alt="Ảnh"></p>')
    Article.objects.filter(pk=article.pk).update(cover_image=cover)
    orphan_upload = default_storage.save("uploads/2026/11/bo-quen.jpg", image_file())
    orphan_document = default_storage.save(
        "documents/2026/11/bo-quen.pdf", ContentFile(b"%PDF-1.4")
    )
    rendition = default_storage.save("CACHE/images/x/480.jpg", image_file())
    gone_image = make_image(caption="Ảnh mất tệp")
    default_storage.delete(gone_image.file.name)
    gone_used = make_image(caption="Ảnh mất tệp nhưng đang dùng")
    add_to_gallery(make_article(title="Bài có album"), gone_used)
    default_storage.delete(gone_used.file.name)
    gone_document = make_document(title="Tài liệu mất tệp")
    default_storage.delete(gone_document.file.name)
    return locals()


def test_it_lists_without_deleting(media):
    out = run()
    assert f"unused file: {media['orphan_upload']}" in out
    assert f"unused file: {media['orphan_document']}" in out
    for kept in [
        media["kept_image"].file.name,
        media["kept_document"].file.name,
        media["in_body"],
        media["cover"],
        media["rendition"],
    ]:
        assert kept not in out
    assert "Ảnh mất tệp)" in out and "Tài liệu mất tệp" in out
    assert "used by:" in out and "Bài có album" in out
    assert default_storage.exists(media["orphan_upload"]) and Image.objects.count() == 3


def test_delete_removes_unused_files_and_records_without_file(media):
    out = run("--delete")
    assert "Removed 2 unused files and 3 records without a file." in out
    assert not default_storage.exists(media["orphan_upload"]) and not default_storage.exists(
        media["orphan_document"]
    )
    assert default_storage.exists(media["in_body"]) and default_storage.exists(media["cover"])
    assert default_storage.exists(media["kept_image"].file.name) and default_storage.exists(
        media["rendition"]
    )
    assert set(Image.objects.values_list("caption", flat=True)) == {
        "",
        "Ảnh mất tệp nhưng đang dùng",
    }
    assert list(Document.objects.values_list("pk", flat=True)) == [media["kept_document"].pk]


def test_young_files_are_left_alone(media):
    out = StringIO()
    call_command("media_housekeeping", "--delete", stdout=out)
    assert default_storage.exists(media["orphan_upload"])


def test_an_attached_document_whose_file_is_gone_is_kept(media):
    attach(make_article(title="Bài có văn bản"), media["gone_document"])
    out = run("--delete")
    assert (
        "Bài có văn bản" in out and Document.objects.filter(pk=media["gone_document"].pk).exists()
    )
