"""Sitemaps: an index of sections (articles, categories, tags, static pages) and a Google News map.

Only what readers may see is listed: every article query starts from Article.objects.published().
Each section answers its newest lastmod with one aggregate query, so the index never loads rows.
"""

import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

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


class ArticleSitemap(Sitemap):
    limit = 50_000  # entries per page of the section (the sitemap protocol's maximum)
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("id", "slug", "updated_at", "publish_at", "category__slug")
            .order_by("id")
        )

    def lastmod(self, article):
        return max(article.updated_at, article.publish_at)

    def get_latest_lastmod(self):
        state = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("publish_at")
        )
        moments = [moment for moment in state.values() if moment is not None]
        return max(moments) if moments else None


class NewsSitemap(ArticleSitemap):
    """Articles of the last 48 hours, for Google News (rendered with sitemaps/news.xml)."""

    limit = NEWS_LIMIT
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(publish_at__gte=since)
            .select_related("category")
            .only("id", "slug", "title", "updated_at", "publish_at", "category__slug")
            .order_by("-publish_at", "-id")
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
        newest = Article.objects.published().filter(category=OuterRef("pk")).order_by("-updated_at")
        return (
            Category.objects.filter(is_active=True)
            .annotate(newest=Subquery(newest.values("updated_at")[:1]))
            .order_by("pk")
        )

    def lastmod(self, category):
        return category.newest

    def get_latest_lastmod(self):
        return ArticleSitemap().get_latest_lastmod()


class TagSitemap(Sitemap):
    """Tags with at least one published article."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        published = Article.objects.published()
        newest = published.filter(tagged_items__tag=OuterRef("pk")).order_by("-updated_at")
        return (
            Tag.objects.filter(
                pk__in=TaggedArticle.objects.filter(content_object__in=published).values("tag_id")
            )
            .annotate(newest=Subquery(newest.values("updated_at")[:1]))
            .order_by("pk")
        )

    def lastmod(self, tag):
        return tag.newest

    def get_latest_lastmod(self):
        return ArticleSitemap().get_latest_lastmod()


class StaticSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return ArticleSitemap().get_latest_lastmod()

    def get_latest_lastmod(self):
        return ArticleSitemap().get_latest_lastmod()


SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "static": StaticSitemap,
}


def index(request):
    response = sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap_section")
    # Django's index names the sections under the request's host: use the public address instead.
    response.context_data["sitemaps"] = [
        SitemapIndexItem(_public(item.location, request), item.last_mod)
        for item in response.context_data["sitemaps"]
    ]
    return response


def _public(location: str, request) -> str:
    parts = urlsplit(location)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


# A page of 50,000 articles takes seconds to build, so sections are cached, under a key that
# changes whenever an article is edited, (un)published, becomes due, expires or is deleted; the
# timeout bounds what the key cannot see (e.g. a category switched off).
SECTION_CACHE_SECONDS = 600


def content_state() -> str:
    """A short fingerprint of everything that changes which articles readers see (one query)."""
    now = timezone.now()
    state = Article.objects.aggregate(
        changed=Max("updated_at"),
        appeared=Max("publish_at", filter=Q(publish_at__lte=now)),
        expired=Max("expire_at", filter=Q(expire_at__lte=now)),
        count=Count("pk"),
    )
    return hashlib.md5(repr(sorted(state.items())).encode(), usedforsecurity=False).hexdigest()


def section(request, section):
    key = f"sitemap:{section}:{request.GET.get('p', '1')[:10]}:{content_state()}"
    response = cache.get(key)
    if response is None:
        response = sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
        response.render()
        cache.set(key, response, SECTION_CACHE_SECONDS)
    return response


def news(request):
    response = sitemap_views.sitemap(
        request, sitemaps={"news": NewsSitemap}, section="news", template_name="sitemaps/news.xml"
    )
    response.context_data["publication_name"] = site_name()
    return response
