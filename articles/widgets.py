"""The reader site's shared blocks (menu, latest, most viewed, website links, home blocks), cached.

Every value is cached for READER_CACHE_SECONDS (a minute by default) under a generation number;
saving or deleting an article, category, tag or website link starts a new generation, so edits,
publishing and unpublishing show at once, and a scheduled article appears within the timeout.
"""

import time
from datetime import timedelta
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q, Sum, Window
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Article, Category, RelatedArticle, RelatedLink, Tag, TaggedArticle, WebsiteLink

GENERATION_KEY = "reader:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def invalidate(**kwargs) -> None:
    """Forget every cached block (a new generation)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def cached(name: str, build: Callable[[], object]):
    key = f"reader:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.READER_CACHE_SECONDS)
    return value


for model in (Article, Category, Tag, TaggedArticle, WebsiteLink, RelatedArticle, RelatedLink):
    post_save.connect(invalidate, sender=model, dispatch_uid=f"reader-save-{model.__name__}")
    post_delete.connect(invalidate, sender=model, dispatch_uid=f"reader-delete-{model.__name__}")


@receiver(m2m_changed, sender=Article.extra_categories.through, dispatch_uid="reader-m2m-categories")
def _extra_categories_changed(**kwargs):
    invalidate()


@dataclass
class MenuItem:
    category: Category
    children: list[Category] = field(default_factory=list)


def menu() -> list[MenuItem]:
    """Active top-level categories with their active sub-categories, in the editors' order."""

    def build():
        categories = list(Category.objects.filter(is_active=True))
        tops = {c.pk: MenuItem(c) for c in categories if c.parent_id is None}
        for c in categories:
            if c.parent_id in tops:
                tops[c.parent_id].children.append(c)
        return list(tops.values())

    return cached("menu", build)


def latest(limit: int) -> list[Article]:
    return cached(f"latest:{limit}", lambda: list(Article.objects.published().for_cards().defer("body").recent()[:limit]))


def most_viewed(limit: int) -> list[Article]:
    """Most viewed over the last 7 days; while a site is new and that list is short, it is filled
    from the last 30 days, then from all time. Reads the daily counts' index (day, article, count)."""

    def build():
        published = Article.objects.published().for_cards().defer("body")
        today = timezone.localdate()
        week = Q(daily_views__day__gt=today - timedelta(days=7))
        articles = list(
            published.filter(daily_views__day__gt=today - timedelta(days=30))
            .annotate(week_views=Sum("daily_views__count", filter=week), month_views=Sum("daily_views__count"))
            .order_by(F("week_views").desc(nulls_last=True), "-month_views", "-publish_at", "-id")[:limit]
        )
        if len(articles) < limit:
            articles += published.exclude(pk__in=[a.pk for a in articles]).most_viewed()[: limit - len(articles)]
        return articles

    return cached(f"most-viewed:{limit}", build)


def website_links() -> list[WebsiteLink]:
    return cached("links", lambda: list(WebsiteLink.objects.filter(is_active=True)))


@dataclass
class HomePage:
    featured: list[Article]
    latest: list[Article]
    blocks: list[tuple[Category, list[Article]]]


def home(*, featured: int, latest: int, per_category: int) -> HomePage:
    """The home page's lead story and those beside it, the latest news and one block per top category."""

    def build():
        published = Article.objects.published().for_cards().defer("body").recent()
        top_stories = list(published.filter(is_featured=True)[:featured])
        newest = list(published.exclude(pk__in=[a.pk for a in top_stories])[: latest + featured])
        if not top_stories:  # nothing marked as featured: the newest stories lead
            top_stories, newest = newest[:featured], newest[featured:]
        newest = newest[:latest]
        top = Coalesce("category__parent_id", "category_id")
        ranked = published.annotate(
            top_category=top,
            rank=Window(RowNumber(), partition_by=[top], order_by=[F("publish_at").desc(), F("id").desc()]),
        ).filter(rank__lte=per_category)
        by_top: dict[int, list[Article]] = {}
        for article in ranked:
            by_top.setdefault(article.top_category, []).append(article)
        blocks = [(item.category, by_top[item.category.pk]) for item in menu() if by_top.get(item.category.pk)]
        return HomePage(top_stories, newest, blocks)

    return cached(f"home:{featured}:{latest}:{per_category}", build)
