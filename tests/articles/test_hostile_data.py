"""No stored value can take a reader page down: hostile slugs and names, however they were saved.

Found in the hardening review: one author's slug "Slug_Probe" made the home page, the category
and author pages, the feeds and the sitemaps answer 500 once the article was published (reversing
the article's URL failed). Slugs are now normalised on every write and checked by the database.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from articles.models import Article, Author, Category, Tag, Unit
from portal.text import slugify_vi
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

HOSTILE_SLUGS = [
    "Slug_Probe",
    "UPPER",
    "a__b",
    "-lead-",
    "ü-ñ",
    "Đường",
    "../etc",
    "<script>",
    "a - - b",
    "中文",
]
HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "Tên \"có\" 'nháy' & <b>thẻ</b>",
    "Xuống\ndòng\r\nhai lần",
    "\u202eRTL\u202c đảo chiều",
    "Zero\u200bwidth",
    "{{ 7|add:7 }} {% now 'Y' %}",
    "Emoji 🇻🇳 Việt Nam",
    "Tổ hợp: Tiếng Việt (NFD)",
    "!!!",
    "x" * 120,
]
TABLES = {
    Category: "articles_category",
    Unit: "articles_unit",
    Author: "articles_author",
    Tag: "articles_tag",
    Article: "articles_article",
}


@pytest.fixture
def hostile_site():
    """Everything a reader can reach, saved from the shell with hostile slugs and names."""
    articles = []
    for i, (slug, name) in enumerate(zip(HOSTILE_SLUGS, HOSTILE_NAMES, strict=False)):
        parent = Category.objects.create(name=name[:120], slug=slug) if i % 2 else None
        category = Category.objects.create(name=name[:120], slug=f"{slug}_{i}", parent=parent)
        unit = Unit.objects.create(name=name, slug=f"{slug}-Unit_{i}")
        author = Author.objects.create(name=name, slug=f"{slug} Author {i}", unit=unit)
        articles.append(
            make_article(
                title=name,
                slug=slug,
                lead=name,
                category=category,
                author=author,
                tags=[name[:90], f"{slug} #{i}"],
            )
        )
    # Names that fold to nothing still get an address.
    nameless = Category.objects.create(name="中文")
    articles.append(
        make_article(
            title="中文", slug="", category=nameless, author=Author.objects.create(name="…")
        )
    )
    return articles


def reader_urls(articles):
    urls = [
        "/",
        reverse("search:search") + "?q=script",
        "/rss/",
        "/atom/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
    urls += [
        reverse("sitemap_section", args=[name])
        for name in ("articles", "news", "categories", "tags", "static")
    ]
    for category in Category.objects.all():
        urls += [
            category.get_absolute_url(),
            reverse("articles:category_rss", args=[category.slug]),
            reverse("articles:category_atom", args=[category.slug]),
        ]
    urls += [tag.get_absolute_url() for tag in Tag.objects.all()]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    urls += [unit.get_absolute_url() for unit in Unit.objects.all()]
    for article in articles:
        urls += [
            article.get_absolute_url(),
            article.get_absolute_url().replace(".html", "/in/"),
            reverse("feedback:article", args=[article.pk]),
        ]
    return urls


def test_stored_slugs_take_the_one_shape_urls_accept(hostile_site):
    for model in TABLES:
        for slug in model.objects.values_list("slug", flat=True):
            assert slug and slug == slugify_vi(slug, 200), (model.__name__, slug)
    assert Article.objects.filter(title="中文").get().slug == "bai-viet"
    assert Category.objects.get(name="中文").slug == "chuyen-muc-2"  # "chuyen-muc" was taken


def test_every_reader_page_feed_and_sitemap_answers_with_hostile_data(client, hostile_site):
    for url in reader_urls(hostile_site):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body, url


def test_staff_pages_of_hostile_articles_answer(client, hostile_site):
    client.force_login(make_staff())
    for article in hostile_site:
        assert client.get(reverse("articles:preview", args=[article.pk])).status_code == 200
        assert (
            client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code
            == 200
        )
    for model in TABLES:
        changelist = reverse(f"admin:articles_{model._meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist


@pytest.mark.parametrize("model", list(TABLES))
def test_the_database_refuses_a_malformed_slug_written_with_raw_sql(hostile_site, model):
    """Queryset updates are normalised by the field; raw SQL (an import script) meets a CHECK."""
    row = model.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLES[model]} SET slug = %s WHERE id = %s", ["Slug_Probe", row.pk]
        )


def test_queryset_update_normalises_the_slug(hostile_site):
    article = hostile_site[0]
    Article.objects.filter(pk=article.pk).update(slug="Another_Probe")
    article.refresh_from_db()
    assert article.slug == "another-probe"


def test_a_staff_user_with_a_hostile_name_does_not_break_the_admin(client):
    user = get_user_model().objects.create_superuser(
        "x<script>",
        "x@example.invalid",
        "pw-for-tests-only",
        first_name="<script>alert(1)</script>",
    )
    client.force_login(user)
    make_article(created_by=user)
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
