"""Sitemaps: an index of sections (articles, categories, tags, static pages) and a Google News map.

Only what readers may see is listed: every article query starts from Article.objects.published().
Each section answers its newest lastmod with one aggregate query, so the index never loads rows.
"""

import hashlib
from datetime import timedelta
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, DateTimeField, Max, Min, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from portal import caching
from portal.seo import absolute_url, site_name

from .models import Article, Category, Tag, TaggedArticle

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 entries per sitemap


class Sitemap(BaseSitemap):
    """Addresses under PUBLIC_BASE_URL, never under the request's Host header."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.PUBLIC_BASE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.PUBLIC_BASE_URL).netloc

    known_lastmod = None  # set by index(): the sections that follow the articles share one query

    def articles_lastmod(self):
        if self.known_lastmod is None:
            self.known_lastmod = articles_lastmod()
        return self.known_lastmod


def articles_lastmod():
    """The newest edit or publication readers can see. Each maximum reads one row from its index
    (updated_at; status, publish_at)."""
    state = Article.objects.published().aggregate(
        updated=Max("updated_at"), published=Max("publish_at")
    )
    moments = [moment for moment in state.values() if moment is not None]
    return max(moments) if moments else None


class IdRangePaginator(Paginator):
    """Pages of `per_page` consecutive ids, from the lowest listed one: each page is one range read
    of the primary key however deep it is (no OFFSET), and holds at most `per_page` addresses
    (fewer where ids belong to drafts or were deleted). Counting the pages reads two rows."""

    def __init__(self, object_list, per_page, *, scope, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.scope = (
            scope  # the listed rows without joins: their lowest and highest id read one row each
        )

    @cached_property
    def bounds(self) -> tuple[int | None, int | None]:
        bounds = self.scope.aggregate(low=Min("pk"), high=Max("pk"))
        return bounds["low"], bounds["high"]

    @cached_property
    def num_pages(self):
        low, high = self.bounds
        return 1 if low is None else (high - low) // self.per_page + 1

    @cached_property
    def count(self):  # an upper bound; Django's sitemap views only read num_pages
        low, high = self.bounds
        return 0 if low is None else high - low + 1

    def page(self, number):
        number = self.validate_number(number)
        low = self.bounds[0] or 0
        start = low + (number - 1) * self.per_page
        rows = self.object_list.filter(pk__gte=start, pk__lt=start + self.per_page).order_by("pk")
        return Page(list(rows), number, self)


class ArticleSitemap(Sitemap):
    limit = 5_000  # ids per page of the section: a page is built in a quarter of a second at most
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # Plain rows, not model instances: a page of 10,000 is built in a fraction of a second.
        return Article.objects.published().values(
            "id", "slug", "updated_at", "publish_at", "category__slug"
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit, scope=Article.objects.published())

    def location(self, row):
        return reverse(
            "articles:detail",
            kwargs={"category": row["category__slug"], "slug": row["slug"], "pk": row["id"]},
        )

    def lastmod(self, row):
        return max(row["updated_at"], row["publish_at"])

    def get_latest_lastmod(self):
        return self.articles_lastmod()


class NewsSitemap(ArticleSitemap):
    """Articles of the last 48 hours, for Google News (rendered with sitemaps/news.xml)."""

    limit = NEWS_LIMIT
    changefreq = "hourly"
    priority = 1.0
    paginator = BaseSitemap.paginator  # at most 1,000 newest rows: plain pages

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(publish_at__gte=since)
            .order_by("-publish_at", "-id")
            .values("id", "slug", "title", "updated_at", "publish_at", "category__slug")
        )

    def get_latest_lastmod(self):
        since = timezone.now() - NEWS_WINDOW
        state = (
            Article.objects.published()
            .filter(publish_at__gte=since)
            .aggregate(updated=Max("updated_at"), published=Max("publish_at"))
        )
        moments = [moment for moment in state.values() if moment is not None]
        return max(moments) if moments else None


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        # The newest publication among each category's members (Article.objects.in_category:
        # primary or further category, active sub-categories included), as its page lists them,
        # in one query: a row of the index (category, status, -publish_at) per sub-category, and
        # the articles filed there as a further category (24 ms for 20 categories at 100,000
        # articles; the section is cached, see SECTION_CACHE_SECONDS).
        published = Article.objects.published()

        def newest_of(pk):
            return published.in_category(pk, newest=1).recent().values("publish_at")[:1]

        newest = [
            When(pk=pk, then=Subquery(newest_of(pk)))
            for pk, active in Category.objects.tree().active.items()
            if active
        ]
        categories = Category.objects.filter(is_active=True).order_by("pk")
        if not newest:
            return categories.annotate(newest=Value(None, output_field=DateTimeField()))
        return categories.annotate(newest=Case(*newest, output_field=DateTimeField()))

    def lastmod(self, category):
        return category.newest

    def get_latest_lastmod(self):
        return self.articles_lastmod()


class TagSitemap(Sitemap):
    """Tags with at least one published article."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        # The publication time of each tag's newest published article (by id): read from the index
        # (tag, -article) until the first published one, a row or two per tag. No published
        # article: no entry.
        newest = (
            TaggedArticle.objects.filter(
                tag=OuterRef("pk"), content_object__in=Article.objects.published()
            )
            .order_by("-content_object_id")
            .values("content_object__publish_at")[:1]
        )
        return (
            Tag.objects.annotate(newest=Subquery(newest))
            .filter(newest__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, tag):
        return tag.newest

    def get_latest_lastmod(self):
        return self.articles_lastmod()


class StaticSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.articles_lastmod()

    def get_latest_lastmod(self):
        return self.articles_lastmod()


SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "static": StaticSitemap,
}


def _public(location: str, request) -> str:
    parts = urlsplit(location)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


# Sections and the index are cached (portal.caching.SITEMAP_SECONDS) under a key that changes
# whenever an article is saved or deleted (the content generation), becomes due or expires.
SECTION_CACHE_SECONDS = caching.SITEMAP_SECONDS


def content_state() -> str:
    """A short fingerprint of everything that changes which articles readers see: one query that
    reads one row from each of three indexes (newest edit, newest due publication, newest past
    expiry), plus the reader cache generation (saves and deletions)."""
    now = timezone.now()
    table = Article._meta.db_table
    # Scalar subqueries, not FILTERed aggregates: PostgreSQL reads each max() from an index then.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(updated_at) FROM {table}),"
            f" (SELECT max(publish_at) FROM {table} WHERE status = %s AND publish_at <= %s),"
            f" (SELECT max(expire_at) FROM {table} WHERE expire_at <= %s)",
            [Article.Status.PUBLISHED, now, now],
        )
        state = cursor.fetchone()
    fingerprint = [*state, caching.generation()]
    return hashlib.md5(repr(fingerprint).encode(), usedforsecurity=False).hexdigest()


@caching.reader_page
def index(request):
    key = caching.sitemap_key("index", "1", content_state())
    response = cache.get(key)
    if response is None:
        latest = articles_lastmod()
        sections = {name: sitemap() for name, sitemap in SITEMAPS.items()}
        for sitemap in sections.values():
            sitemap.known_lastmod = latest
        response = sitemap_views.index(
            request, sitemaps=sections, sitemap_url_name="sitemap_section"
        )
        # Django's index names the sections under the request's host: use the public address
        # instead.
        response.context_data["sitemaps"] = [
            SitemapIndexItem(_public(item.location, request), item.last_mod)
            for item in response.context_data["sitemaps"]
        ]
        response.render()
        cache.set(key, response, SECTION_CACHE_SECONDS)
    return response


@caching.reader_page
def section(request, section):
    key = caching.sitemap_key(section, request.GET.get("p", "1")[:10], content_state())
    response = cache.get(key)
    if response is None:
        response = sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
        response.render()
        cache.set(key, response, SECTION_CACHE_SECONDS)
    return response


@caching.reader_page
def news(request):
    response = sitemap_views.sitemap(
        request, sitemaps={"news": NewsSitemap}, section="news", template_name="sitemaps/news.xml"
    )
    response.context_data["publication_name"] = site_name()
    return response
