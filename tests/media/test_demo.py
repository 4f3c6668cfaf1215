"""The demo content shows the media library: inline images, a gallery, attached documents."""

import pytest
from django.core.management import call_command

from articles import demo
from articles.models import Article
from medialib import documents
from medialib.models import ArticleDocument, Document, GalleryItem, Image
from portal.text import slugify_vi

pytestmark = pytest.mark.django_db


def test_the_demo_shows_inline_images_a_gallery_and_documents(client):
    call_command("load_demo")
    inline = Article.objects.published().get(slug=slugify_vi(demo.MEDIA_INLINE_ARTICLE))
    html = client.get(inline.get_absolute_url()).content.decode()
    assert (
        html.count('<picture class="pic pic-inline">') == 2
        and "<figcaption>Cây cầu dài 320 m" in html
    )

    gallery = Article.objects.published().get(slug=slugify_vi(demo.MEDIA_GALLERY_ARTICLE))
    html = client.get(gallery.get_absolute_url()).content.decode()
    assert html.count('class="gallery-item"') == 6

    attached = Article.objects.published().get(slug=slugify_vi(demo.MEDIA_DOCUMENTS_ARTICLE))
    html = client.get(attached.get_absolute_url()).content.decode()
    assert "(PDF, " in html and "(Excel, " in html and "(Word, " in html
    for document in Document.objects.all():  # the generated files pass the checks by content
        with document.file.open("rb") as file:
            assert documents.detect_kind(file, document.file.name) == document.kind
        assert client.get(document.get_absolute_url()).status_code == 200

    # every cover is a library record too (same file, no copy)
    assert (
        Image.objects.filter(file__startswith="covers/").count()
        == Article.objects.exclude(cover_image="").count()
    )

    counts = (Image.objects.count(), GalleryItem.objects.count(), ArticleDocument.objects.count())
    call_command("load_demo")
    assert (
        Image.objects.count(),
        GalleryItem.objects.count(),
        ArticleDocument.objects.count(),
    ) == counts
