"""Images in the article body, for readers: renditions with srcset/sizes, WebP first, width and
height, lazy; alt text required when the article is saved."""

import re

import pytest
from django.core.exceptions import ValidationError

from medialib.inline import images_without_alt, reader_body
from tests.factories import make_article

from .factories import make_image

pytestmark = pytest.mark.django_db


def test_a_library_image_in_the_body_is_served_as_renditions(client):
    image = make_image(alt="Cầu mới", size=(2000, 1500))
    body = (
        '<p>Mở đầu.</p><figure class="image">'
        f'<img src="{image.file.url}" alt="Cầu mới">'
        "<figcaption>Cầu mới — Ảnh: A</figcaption></figure>"
    )
    article = make_article(body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="image">.*?</figure>', html, re.S).group(0)
    assert '<picture class="pic pic-inline"><source type="image/webp" srcset="' in figure
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', figure).group(1)
    assert [int(w) for w in re.findall(r" (\d+)w", webp)] == [320, 480, 640, 960, 1280]
    assert (
        'sizes="(min-width: 1000px) 704px, calc(100vw - 32px)"' in figure
    )  # the body column is 44rem
    assert 'alt="Cầu mới" width="1280" height="960" loading="lazy" decoding="async"' in figure
    assert "<figcaption>Cầu mới — Ảnh: A</figcaption>" in figure
    assert image.file.url not in figure  # the original is never sent to readers


def test_a_small_image_is_not_enlarged():
    image = make_image(size=(400, 300))
    html = reader_body(f'<p><img src="{image.file.url}" alt="Nhỏ"></p>')
    assert re.findall(r" (\d+)w", html) == ["320", "400", "320", "400"]
    assert 'width="400" height="300"' in html


def test_other_images_are_left_as_they_are_but_lazy():
    html = reader_body('<p><img src="https://example.org/a.jpg" alt="Ngoài"></p>')
    assert html == '<p><img loading="lazy" src="https://example.org/a.jpg" alt="Ngoài"></p>'


def test_a_missing_file_keeps_the_editors_image():
    html = reader_body('<p><img src="/media/library/2026/11/khong-co.jpg" alt="Mất"></p>')
    assert "<picture" not in html and 'src="/media/library/2026/11/khong-co.jpg"' in html


def test_no_path_outside_our_folders_is_opened():
    html = reader_body('<p><img src="/media/library/../../etc/passwd" alt="x"></p>')
    assert "<picture" not in html


def test_alt_text_is_required_for_every_image_in_the_body():
    assert (
        images_without_alt('<img src="/a.jpg"><img src="/b.jpg" alt=""><img src="/c.jpg" alt="Có">')
        == 2
    )
    article = make_article()
    article.body = '<figure class="image"><img src="/media/uploads/a.jpg"></figure>'
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "Hãy mô tả mọi ảnh trong nội dung" in refused.value.message_dict["body"][0]
    article.body = '<figure class="image"><img src="/media/uploads/a.jpg" alt="Ảnh"></figure>'
    article.full_clean()
