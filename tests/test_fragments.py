"""Markup shared by many reader pages (menu, sidebar, footer, the home blocks, cards, the feedback
form's fields) is rendered once and served from the cache, and never shows anything stale: every
change readers can see starts a new generation (articles.widgets)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import Article
from portal.models import SiteSettings
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def section(page, start, end="</section>"):
    return page.split(start, 1)[1].split(end, 1)[0]


def test_a_site_settings_change_shows_at_once_in_the_cached_footer(client):
    make_article()
    assert "Sở Thông tin Thử nghiệm" not in html(client, "/")
    site = SiteSettings.load()
    site.publisher = "Sở Thông tin Thử nghiệm"
    site.save()
    assert "Sở Thông tin Thử nghiệm" in section(
        html(client, "/"), '<footer class="site-footer">', "</footer>"
    )


def test_the_cached_menu_marks_the_section_of_each_page(client):
    first, second = make_category(name="Kinh tế"), make_category(name="Văn hóa")
    a, b = make_article(category=first), make_article(category=second)
    for article, current, other in ((a, first, second), (b, second, first), (a, first, second)):
        menu = section(html(client, article.get_absolute_url()), '<nav class="main-nav"', "</nav>")
        assert f'href="{current.get_absolute_url()}" aria-current="true"' in menu
        assert f'href="{other.get_absolute_url()}" aria-current' not in menu


def test_a_renamed_category_shows_at_once_in_the_menu_and_on_cards(client):
    category = make_category(name="Kinh tế")
    article = make_article(category=category)
    assert "Kinh tế" in html(client, "/")
    category.name = "Kinh tế – Xã hội"
    category.save()
    page = html(client, "/")
    assert "Kinh tế – Xã hội" in section(page, '<nav class="main-nav"', "</nav>")
    assert f'<a href="{category.get_absolute_url()}">Kinh tế – Xã hội</a>' in section(
        page, "<main", "</main>"
    )
    assert article.title in page


def test_an_edited_title_shows_at_once_on_every_cached_card(client):
    category = make_category()
    article = make_article(category=category, title="Tiêu đề cũ")
    newer = make_article(category=category)
    pages = ["/", category.get_absolute_url(), newer.get_absolute_url()]
    for url in pages:
        assert "Tiêu đề cũ" in html(client, url)
    article.title = "Tiêu đề mới"
    article.save()
    for url in pages:
        page = html(client, url)
        assert "Tiêu đề mới" in page and "Tiêu đề cũ" not in page, url


def test_an_unpublished_article_leaves_every_cached_block_at_once(client):
    category = make_category()
    article = make_article(category=category, title="Sắp gỡ xuống")
    newer = make_article(category=category)
    for url in ("/", category.get_absolute_url(), newer.get_absolute_url()):
        assert "Sắp gỡ xuống" in html(client, url)
    article.status = Article.Status.UNPUBLISHED
    article.save()
    for url in ("/", category.get_absolute_url(), newer.get_absolute_url()):
        assert "Sắp gỡ xuống" not in html(client, url), url


def test_english_readers_never_get_the_vietnamese_copy(client):
    article = make_article()
    vi = html(client, article.get_absolute_url())
    assert "Mới nhất" in section(vi, '<aside class="sidebar"', "</aside>")
    client.cookies["django_language"] = "en"
    en = html(client, article.get_absolute_url())
    assert "Latest" in section(en, '<aside class="sidebar"', "</aside>")
    assert "Mới nhất" not in section(en, '<aside class="sidebar"', "</aside>")
    assert "Sender" in section(en, 'class="feedback-form"', "</form>")


def test_the_feedback_form_fields_are_shared_but_each_article_keeps_its_own_action_and_token(
    client,
):
    first, second = make_article(), make_article()
    forms = [
        section(html(client, a.get_absolute_url()), 'class="feedback-form"', "</form>")
        for a in (first, second)
    ]
    assert reverse("feedback:article", args=[first.pk]) in forms[0]
    assert reverse("feedback:article", args=[second.pk]) in forms[1]
    fields = [f.split("<fieldset>", 1)[1].split('name="token"', 1)[0] for f in forms]
    assert fields[0] == fields[1]  # served from one cached copy
    tokens = [f.split('name="token" value="', 1)[1].split('"', 1)[0] for f in forms]
    assert tokens[0] != tokens[1]  # bound to each article


def test_the_home_page_reads_its_blocks_from_one_cached_copy(client, django_assert_max_num_queries):
    make_article(title="Tin trang chủ")
    assert "Tin trang chủ" in html(client, "/")
    with django_assert_max_num_queries(0):
        assert "Tin trang chủ" in html(client, "/")
    cache.clear()  # the cache server restarted: rendered again from the database
    assert "Tin trang chủ" in html(client, "/")
