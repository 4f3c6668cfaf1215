"""The reader site's shared blocks (menu, latest, most viewed, website links, home blocks), cached.

Every value is cached for READER_CACHE_SECONDS (a minute by default) under the content generation
(portal/caching.py): any change readers can see, and a scheduled article becoming due or expiring,
starts a new one, so edits, publishing and unpublishing show at once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import F, OuterRef, Subquery, Sum
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

from portal import caching

from .models import Article, Category, DailyViews, WebsiteLink

# Keys, lifetimes and invalidation belong to portal/caching.py (the signal handlers are connected in
# ArticlesConfig.ready()).


def cached(name: str, build: Callable[[], object]):
    key = caching.block_key(name)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, caching.reader_seconds())
    return value


CARD_TEMPLATES = {"card": "articles/includes/_card.html", "item": "articles/includes/_item.html"}


def render_card(article: Article, kind: str) -> str:
    return get_template(CARD_TEMPLATES[kind]).render({"article": article})


def cards(ids, kind: str, limit: int | None = None) -> list[str]:
    """The rendered cards of the articles `ids` that readers may see, in the order of `ids`, at most
    `limit`: read from the cache in one round trip; only the missing ones are loaded (one query)
    and rendered. An id readers may not see is remembered as such (an empty string) like a card."""
    language = get_language() or ""
    prefix = caching.card_key_prefix(kind, language)
    ids = list(dict.fromkeys(ids))
    found = cache.get_many([prefix + str(pk) for pk in ids])
    missing = [pk for pk in ids if prefix + str(pk) not in found]
    if missing:
        loaded = {a.pk: a for a in Article.objects.published().for_cards().filter(pk__in=missing)}
        rendered = {prefix + str(pk): render_card(loaded[pk], kind) if pk in loaded else "" for pk in missing}
        cache.set_many(rendered, caching.reader_seconds())
        found.update(rendered)
    shown = [html for pk in ids if (html := found[prefix + str(pk)])]
    return shown[:limit] if limit is not None else shown


def fragment(name: str, build: Callable[[], str]) -> str:
    """A rendered piece of a reader page shared by many pages (the menu, the sidebar, the footer),
    kept under the current generation like the blocks it shows."""
    return cached(f"fragment:{name}", build)


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
    return cached(f"latest:{limit}", lambda: list(Article.objects.published().for_cards().recent()[:limit]))


# Candidates for "Xem nhiều nhất": each day's 50 most viewed articles. An article is missed only if
# on every day of the window at least 50 others were read more than it was that day.
MOST_VIEWED_PER_DAY = 50


def most_viewed(limit: int) -> list[Article]:
    """Most viewed over the last 7 days; while a site is new and that list is short, it is filled
    from the last 30 days, then from all time.

    The window's totals are summed from the daily counts alone (index (day, article, count)), and
    only the few top articles are then loaded: joining the counts to the articles first grouped
    every article viewed in the window (75,000 of 100,000, 350 ms)."""

    def leaders(window, days: int, seen: set[int], wanted: int):
        """Ids of the window's top articles by their summed daily counts. Only the PER_DAY most
        viewed articles of each day of the window are candidates (read in order from the index
        (day, -count)), so the cost follows the window's length, not the number of articles read
        in it (summing every article's week was 40,000 rows and 20-35 ms at 100,000 articles)."""
        today = timezone.localdate()
        per_day = [
            DailyViews.objects.filter(day=today - timedelta(days=n)).order_by("-count", "-article_id")
            .values("article_id")[:MOST_VIEWED_PER_DAY]
            for n in range(days)
        ]
        candidates = per_day[0].union(*per_day[1:], all=True)
        return (
            window.filter(article_id__in=candidates)
            .exclude(article_id__in=seen)
            .values("article_id")
            .annotate(total=Sum("count"))
            .order_by("-total", "-article_id")
            .values("article_id")[: wanted * 4]  # room for a few unpublished ones
        )

    def views_in(window):
        return Subquery(window.filter(article=OuterRef("pk")).values("article").annotate(s=Sum("count")).values("s"))

    def build():
        today = timezone.localdate()
        published = Article.objects.published().for_cards()
        week = DailyViews.objects.filter(day__gt=today - timedelta(days=7))
        articles = list(
            published.filter(pk__in=leaders(week, 7, set(), limit))
            .annotate(week_views=views_in(week))
            .order_by("-week_views", "-id")[:limit]
        )
        if len(articles) < limit:
            # A young or quiet site: filled from the last 30 days, then from all time, in one query.
            seen = {a.pk for a in articles}
            wanted = limit - len(articles)
            month = DailyViews.objects.filter(day__gt=today - timedelta(days=30))
            all_time = published.exclude(pk__in=seen).most_viewed().values("pk")[: wanted * 4]
            articles += list(
                published.filter(pk__in=leaders(month, 30, seen, wanted).union(all_time))  # an OR would scan
                .annotate(month_views=views_in(month))
                .order_by(F("month_views").desc(nulls_last=True), "-view_count", "-publish_at", "-id")[:wanted]
            )
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
        published = Article.objects.published().for_cards().recent()
        top_stories = list(published.filter(is_featured=True)[:featured])
        newest = list(published.exclude(pk__in=[a.pk for a in top_stories])[: latest + featured])
        if not top_stories:  # nothing marked as featured: the newest stories lead
            top_stories, newest = newest[:featured], newest[featured:]
        newest = newest[:latest]
        # The newest `per_category` of each menu category (read in order from the index
        # (category, status, -publish_at) and cut there), then the newest of each top category's.
        top_of = {c.pk: item.category.pk for item in menu() for c in (item.category, *item.children)}
        by_top: dict[int, list[Article]] = {}
        for article in published.newest_in(list(top_of), limit=per_category, extra=False):
            articles = by_top.setdefault(top_of[article.category_id], [])
            if len(articles) < per_category:
                articles.append(article)
        blocks = [(item.category, by_top[item.category.pk]) for item in menu() if by_top.get(item.category.pk)]
        return HomePage(top_stories, newest, blocks)

    return cached(f"home:{featured}:{latest}:{per_category}", build)
