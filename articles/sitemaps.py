"""Sitemaps: an index of sections (articles, categories, tags, static pages) and a Google News map.

Only what readers may see is listed: every article query starts from Article.objects.published().
Each section answers its newest lastmod with one aggregate query, so the index never loads rows.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_page

from portal.seo import site_name

from .models import Article, Category, Tag, TaggedArticle

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 entries per sitemap


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
    return sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap_section")


# A page of 50,000 articles takes seconds to build; crawlers read it rarely. Bounded, so a newly
# published article is listed within ten minutes (the news sitemap is never cached).
SECTION_CACHE_SECONDS = 600


@cache_page(SECTION_CACHE_SECONDS)
def section(request, section):
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)


def news(request):
    response = sitemap_views.sitemap(
        request, sitemaps={"news": NewsSitemap}, section="news", template_name="sitemaps/news.xml"
    )
    response.context_data["publication_name"] = site_name()
    return response
