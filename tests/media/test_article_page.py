"""The article page with attached documents and a photo gallery: what it shows, its share tags,
and a query budget that does not grow with their number."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_staff

from .factories import add_to_gallery, attach, make_document, make_image

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def budget(client, url) -> tuple[int, int]:
    cache.clear()
    return queries(client, url), queries(client, url)  # cold, warm


def article_with(n: int):
    article = make_article()
    for i in range(n):
        add_to_gallery(
            article, make_image(caption=f"Ảnh số {i}", credit="Ảnh: Lê Văn B"), position=i
        )
        attach(article, make_document(title=f"Văn bản số {i}"), position=i)
    return article


@pytest.mark.parametrize("n", [1, 30])
def test_the_article_budget_is_the_same_with_0_1_or_30_images_and_documents(client, n):
    bare = article_with(0)
    rich = article_with(n)
    assert budget(client, rich.get_absolute_url()) == budget(client, bare.get_absolute_url())
    html = client.get(rich.get_absolute_url()).content.decode()
    assert html.count('class="gallery-item"') == n
    assert html.count('class="attachment attachment-pdf"') == n


def test_the_preview_shows_the_documents_and_the_gallery_too(client):
    article = article_with(2)
    client.force_login(make_staff("Editors"))
    preview = client.get(f"/xem-truoc/{article.pk}/").content.decode()
    assert "Văn bản số 1" in preview and preview.count('class="gallery-item"') == 2


def test_the_gallery_is_a_list_of_figures_with_captions_and_credits(client):
    article = make_article()
    first = make_image(
        caption="Lễ khánh thành cầu", credit="Ảnh: Trần Minh", alt="Cây cầu mới", size=(1600, 1200)
    )
    second = make_image(caption="Thư viện", alt="Người dân đọc sách")
    add_to_gallery(article, second, position=2)
    add_to_gallery(
        article, first, position=1, caption="Cắt băng khánh thành"
    )  # the item's own caption wins
    html = client.get(article.get_absolute_url()).content.decode()
    gallery = html[
        html.index('<section class="gallery"') : html.index(
            "</section>", html.index('<section class="gallery"')
        )
    ]
    figures = re.findall(r"<figure class=\"gallery-item\".*?</figure>", gallery, re.S)
    assert len(figures) == 2
    assert (
        "Cắt băng khánh thành" in figures[0]
        and '<span class="credit">Ảnh: Trần Minh</span>' in figures[0]
    )
    assert 'alt="Cây cầu mới"' in figures[0] and 'type="image/webp"' in figures[0]
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w"', figures[0])
    assert 'loading="lazy"' in figures[0] and 'width="1200" height="900"' in figures[0]
    assert "Thư viện" in figures[1]
    assert "media/gallery.js" in html and "media/gallery.css" in html


def test_open_graph_and_json_ld_list_the_gallery_images(client):
    article = make_article()  # no cover: the gallery's first image is the share image
    for i in range(3):
        add_to_gallery(article, make_image(alt=f"Ảnh {i}", size=(900, 600)), position=i)
    html = client.get(article.get_absolute_url()).content.decode()
    og_images = re.findall(r'<meta property="og:image" content="([^"]+)">', html)
    assert len(og_images) == 3 and all(
        url.startswith("http://testserver/media/CACHE/") for url in og_images
    )
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["image"] == og_images


def test_an_article_without_gallery_or_documents_shows_neither(client):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "gallery" not in html and "attachments" not in html


def test_a_gallery_image_whose_file_is_missing_is_left_out(client):
    article = make_article()
    image = make_image()
    add_to_gallery(article, image)
    add_to_gallery(article, make_image(alt="Còn lại"), position=1)
    image.file.storage.delete(image.file.name)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="gallery-item"') == 1
