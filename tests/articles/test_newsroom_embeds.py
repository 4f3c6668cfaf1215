"""Issue 9, point 6: embeds keep their size; images readers could not see are refused at save."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.sanitize import sanitize_html
from newsroom.embeds import outside_images
from tests.articles.admin_forms import article_post_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

CKEDITOR_EMBED = (
    '<figure class="media"><div data-oembed-url="https://www.youtube.com/watch?v=abc">'
    '<div style="position: relative; padding-bottom: 100%; height: 0; padding-bottom: 56.2493%;">'
    '<iframe src="https://www.youtube.com/embed/abc"'
    ' style="position: absolute; width: 100%; height: 100%;'
    ' top: 0; left: 0;" frameborder="0" allowfullscreen=""></iframe></div></div></figure>'
)


def test_a_ckeditor_video_embed_loses_the_inline_sizes_that_made_it_0_px_tall():
    cleaned = sanitize_html(CKEDITOR_EMBED)
    assert '<iframe src="https://www.youtube.com/embed/abc"' in cleaned
    assert "style" not in cleaned
    assert sanitize_html(cleaned) == cleaned


def test_image_styles_elsewhere_are_kept():
    html = (
        '<figure class="image image_resized" style="width: 50%;">'
        '<img src="/media/a.jpg" alt="a"></figure>'
    )
    assert 'style="width:50%"' in sanitize_html(html)


@pytest.mark.parametrize(
    ("src", "outside"),
    [
        ("/media/uploads/a.jpg", False),
        ("http://testserver/media/a.jpg", False),
        ("https://baomoi.example/anh.jpg", True),
        ("//cdn.example/anh.jpg", True),
        ("data:image/png;base64,iVBORw0KGgo=", True),
        ("blob:http://testserver/123", True),
    ],
)
def test_outside_images_are_found(src, outside):
    assert (outside_images(f'<p><img src="{src}" alt="x"></p>') == [src]) is outside


def test_saving_a_body_with_an_image_from_another_site_is_refused_naming_it(client):
    client.force_login(make_staff("Editors"))
    article = make_article(status=Article.Status.DRAFT, body="<p>Cũ.</p>")
    body = (
        '<p>Mới.</p><figure class="image">'
        '<img src="https://baomoi.example/anh-lu.jpg" alt=""></figure>'
    )
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_post_data(article, body=body),
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["body"])
    assert "https://baomoi.example/anh-lu.jpg" in errors
    article.refresh_from_db()
    assert article.body == "<p>Cũ.</p>"
