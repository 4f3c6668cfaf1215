"""Picking a library image as an article's cover in the admin: the library's file, not a copy."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.admin_forms import article_post_data
from tests.factories import image_file, make_article, make_staff

from .factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_staff("Editors"))


def change(client, article, **fields):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_post_data(article, **fields),
    )


def test_a_library_image_becomes_the_cover_without_a_copy(client, editor):
    image = make_image(alt="Cầu mới", size=(320, 200))
    article = make_article()
    response = change(client, article, cover_image__library=str(image.pk), cover_alt="Cầu mới")
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    article.refresh_from_db()
    assert article.cover_image.name == image.file.name
    assert (article.cover_width, article.cover_height) == (320, 200)
    assert list(image.used_by()) == [article]
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="pic pic-cover"' in html and 'alt="Cầu mới"' in html


def test_the_form_offers_the_library_next_to_the_cover(client, editor):
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="cover_image__library"' in html and "media/library_picker.js" in html
    assert "Chọn từ thư viện" in html and reverse("admin:media_image_pick") in html


def test_an_uploaded_file_wins_over_a_stale_pick_and_a_bad_pick_is_ignored(client, editor):
    image = make_image()
    article = make_article()
    change(
        client,
        article,
        cover_image=image_file("moi.jpg"),
        cover_image__library=str(image.pk),
        cover_alt="Ảnh",
    )
    article.refresh_from_db()
    assert (
        article.cover_image.name.startswith("covers/")
        and article.cover_image.name != image.file.name
    )
    change(client, article, cover_image__library="999999", cover_alt="Ảnh")
    assert Article.objects.get(pk=article.pk).cover_image.name == article.cover_image.name


def test_a_picked_cover_still_needs_its_alt_text(client, editor):
    image = make_image()
    article = make_article()
    response = change(client, article, cover_image__library=str(image.pk), cover_alt="")
    assert response.status_code == 200
    assert "cover_alt" in response.context["adminform"].form.errors
    assert not Article.objects.get(pk=article.pk).cover_image


def test_the_pick_survives_a_form_error(client, editor):
    image = make_image()
    article = make_article()
    response = change(
        client, article, cover_image__library=str(image.pk), cover_alt="Ảnh", title=""
    )
    assert response.status_code == 200
    assert f'name="cover_image__library" value="{image.pk}"' in response.content.decode()
