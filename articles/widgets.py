"""The reader site's shared blocks (menu, latest, most viewed, website links, home blocks), cached.

Every value is cached for READER_CACHE_SECONDS (a minute by default) under the content generation
(portal/caching.py): any change readers can see, and a scheduled article becoming due or expiring,
starts a new one, so edits, publishing and unpublishing show at once.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

from portal import caching
from portal.prepared import Prepared

from . import related
from .models import Article, Category, DailyViews, WebsiteLink, ids_in, in_subquery

# Keys, lifetimes and invalidation belong to portal/caching.py (the signal handlers are connected in
# ArticlesConfig.ready()).


CARD_TEMPLATES = {"card": "articles/includes/_card.html", "item": "articles/includes/_item.html"}


def render_card(article: Article, kind: str) -> str:
    return get_template(CARD_TEMPLATES[kind]).render({"article": article})


# The cards' articles: one statement whatever their number (portal/prepared.py).
_CARD_ARTICLES = Prepared(
    lambda ids, now: Article.objects.published(now=now).for_cards().filter(ids_in("pk", ids))
)


def cards(ids, kind: str, limit: int | None = None) -> list[str]:
    """The rendered cards of the articles `ids` that readers may see, in the order of `ids`, at most
    `limit` (card_lists())."""
    shown = card_lists((ids, kind))[0]
    return shown[:limit] if limit is not None else shown


def card_lists(*wanted: tuple[list[int], str]) -> list[list[str]]:
    """For each (ids, kind): the rendered cards of the articles `ids` that readers may see, in the
    order of `ids`. All of them read from the cache in one round trip; only the missing ones are
    loaded (one query for all the lists) and rendered. An id readers may not see is remembered as
    such (an empty string) like a card."""
    language = get_language() or ""
    keyed = []
    for ids, kind in wanted:
        prefix = caching.card_key_prefix(kind, language)
        keyed.append((kind, [(pk, prefix + str(pk)) for pk in dict.fromkeys(ids)]))
    found = cache.get_many([key for _, pairs in keyed for _, key in pairs])
    missing = {(pk, key, kind) for kind, pairs in keyed for pk, key in pairs if key not in found}
    if missing:
        ids = sorted({pk for pk, _, _ in missing})
        loaded = {a.pk: a for a in _CARD_ARTICLES.all(ids=ids, now=timezone.now())}
        rendered = {
            key: render_card(loaded[pk], kind) if pk in loaded else "" for pk, key, kind in missing
        }
        cache.set_many(rendered, caching.reader_seconds())
        found.update(rendered)
    return [[html for _, key in pairs if (html := found[key])] for _, pairs in keyed]


OTHER_NEWS_COUNT = 10


@dataclass(frozen=True)
class ArticleRef:
    """What the queryset methods of the article's end read of it (a prepared query's arguments)."""

    pk: int
    category_id: int
    publish_at: datetime
    related_ids: list[int]


@functools.cache
def _article_end_query(other_count: int) -> Prepared:
    """The ids (and times) of both blocks at the end of an article page, one statement, compiled
    once per process (portal/prepared.py)."""

    def build(pk, category, when, related_ids, now):
        article = ArticleRef(pk, category, when, related_ids)
        published = Article.objects.published(now=now)
        first = published.related_to(article).values("pk")[: related.SHOWN]
        other = published.other_news(article, excluding=first)
        rows = other.annotate(block=Value(1)).values_list("block", "id", "publish_at")
        shown = published.related_to(article).annotate(block=Value(0))
        first_rows = shown.values_list("block", "id", "publish_at")[: related.SHOWN]
        return first_rows.union(rows[:other_count], all=True)

    return Prepared(build)


def article_end_ids(article: Article, *, other_count: int = OTHER_NEWS_COUNT):
    """Which articles end `article`'s page, in one query: the ids of "Có thể bạn quan tâm"
    (Article.objects.related_to, at most related.SHOWN, best first) and of "Các tin khác"
    (Article.objects.other_news, newest first, never one of the former)."""
    now = timezone.now()
    ranked = related.ids_for(article)
    rows = _article_end_query(other_count).rows(
        pk=article.pk,
        category=article.category_id,
        when=article.publish_at or now,  # a draft in preview: no publication time yet
        related_ids=ranked,
        now=now,
    )
    rank = {pk: i for i, pk in enumerate(ranked)}
    related_ids = sorted((pk for block, pk, _ in rows if block == 0), key=rank.__getitem__)
    newest_first = sorted(rows, key=lambda row: (row[2], row[1]), reverse=True)
    other_ids = [pk for block, pk, _ in newest_first if block == 1]
    return related_ids, other_ids


def article_end(article: Article, *, other_count: int = OTHER_NEWS_COUNT) -> tuple[list, list]:
    """The cards at the end of `article`'s page: which articles (article_end_ids, one query),
    their cards from the cache (cards()). A new block at the end of the article page: one more
    queryset method, one more part of this query, one more template block."""
    related_ids, other_ids = article_end_ids(article, other_count=other_count)
    related_cards, other_cards = card_lists((related_ids, "card"), (other_ids, "item"))
    return related_cards, other_cards


# Fragments ({% shared_fragment %}) that nearly every reader page shows: base.html's sidebar and
# footer, the article page's feedback form.
COMMON_FRAGMENTS = ("sidebar", "footer", "feedback-form-fields")


def common_blocks() -> list[str]:
    """The blocks read in one round trip with the first block a request asks for
    (portal.caching.block): the common fragments in the request's language, the site settings."""
    language = get_language() or ""
    return [
        caching.SITE_SETTINGS_BLOCK,
        *(f"fragment:{name}:{language}" for name in COMMON_FRAGMENTS),
    ]


def fragment(name: str, build: Callable[[], str]) -> str:
    """A rendered piece of a reader page shared by many pages (the menu, the sidebar, the footer),
    kept under the current generation like the blocks it shows."""
    return caching.cached_block(f"fragment:{name}", build)


@dataclass
class MenuItem:
    category: Category
    children: list[Category] = field(default_factory=list)


def menu() -> list[MenuItem]:
    """Active top-level categories with their active sub-categories, in the editors' order."""

    def build():
        # from the category tree (Category.objects.tree(), one query per generation, shared with
        # category membership)
        categories = [c for c in Category.objects.tree().categories if c.is_active]
        tops = {c.pk: MenuItem(c) for c in categories if c.parent_id is None}
        for c in categories:
            if c.parent_id in tops:
                tops[c.parent_id].children.append(c)
        return list(tops.values())

    return caching.cached_block("menu", build)


def latest(limit: int) -> list[Article]:
    return caching.cached_block(
        f"latest:{limit}", lambda: list(Article.objects.published().for_cards().recent()[:limit])
    )


# Candidates for "Xem nhiều nhất": each day's 50 most viewed articles. An article is missed only if
# on every day of the window at least 50 others were read more than it was that day.
MOST_VIEWED_PER_DAY = 50


def most_viewed(limit: int, excluding: frozenset[int] = frozenset()) -> list[Article]:
    """Most viewed over the last 7 days; while a site is new and that list is short, it is filled
    from the last 30 days, then from all time. `excluding`: ids left out (the home page leaves out
    the stories its main column shows; the caller caches that list, with the home page).

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
            DailyViews.objects.filter(day=today - timedelta(days=n))
            .order_by("-count", "-article_id")
            .values("article_id")[:MOST_VIEWED_PER_DAY]
            for n in range(days)
        ]
        candidates = per_day[0].union(*per_day[1:], all=True)
        # `article_id = ANY(ARRAY(…))`: each candidate's days read from the index (article, day);
        # an `IN (…)` let the planner read every article's row of the window (40,000 at 100k) and
        # keep the candidates' (10 ms of the 11 of this statement).
        return (
            window.filter(in_subquery("article_id", candidates))
            .exclude(article_id__in=seen)
            .values("article_id")
            .annotate(total=Sum("count"))
            .order_by("-total", "-article_id")
            .values("article_id")[: wanted * 4]  # room for a few unpublished ones
        )

    def views_in(window):
        return Subquery(
            window.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(s=Sum("count"))
            .values("s")
        )

    def build():
        today = timezone.localdate()
        published = Article.objects.published().for_cards()
        week = DailyViews.objects.filter(day__gt=today - timedelta(days=7))
        articles = list(
            published.filter(pk__in=leaders(week, 7, set(excluding), limit))
            .annotate(week_views=views_in(week))
            .order_by("-week_views", "-id")[:limit]
        )
        if len(articles) < limit:
            # A young or quiet site: filled from the last 30 days, then from all time, in one query.
            seen = {a.pk for a in articles} | set(excluding)
            wanted = limit - len(articles)
            month = DailyViews.objects.filter(day__gt=today - timedelta(days=30))
            all_time = published.exclude(pk__in=seen).most_viewed().values("pk")[: wanted * 4]
            articles += list(
                published.filter(
                    pk__in=leaders(month, 30, seen, wanted).union(all_time)
                )  # an OR would scan
                .annotate(month_views=views_in(month))
                .order_by(
                    F("month_views").desc(nulls_last=True), "-view_count", "-publish_at", "-id"
                )[:wanted]
            )
        return articles

    return build() if excluding else caching.cached_block(f"most-viewed:{limit}", build)


def website_links() -> list[WebsiteLink]:
    return caching.cached_block("links", lambda: list(WebsiteLink.objects.filter(is_active=True)))


@dataclass
class HomePage:
    featured: list[Article]  # the lead story first
    latest: list[Article]
    blocks: list[tuple[Category, list[Article]]]
    most_viewed: list[Article]  # beside them, none of the above
    links: list[WebsiteLink]


def home(*, featured: int, latest: int, per_category: int, most_viewed_items: int = 0) -> HomePage:
    """The home page, where each story appears once:

    - the lead story and those beside it: the newest featured stories (else the newest);
    - "Tin mới" (latest news): the newest stories after those;
    - one block per top-level category of the menu: its newest articles (its members,
      Article.objects.in_category: primary or further category, active sub-categories included)
      that are not shown above nor in an earlier block;
    - beside them "Xem nhiều nhất" (most viewed) without any story of the main column. The home
      page has no side "Mới nhất": its "Tin mới" is the latest news.
    """

    def build():
        published = Article.objects.published().for_cards().recent()
        top_stories = list(published.filter(is_featured=True)[:featured])
        newest = list(published.exclude(pk__in=[a.pk for a in top_stories])[: latest + featured])
        if not top_stories:  # nothing marked as featured: the newest stories lead
            top_stories, newest = newest[:featured], newest[featured:]
        newest = newest[:latest]
        shown = {a.pk for a in (*top_stories, *newest)}
        tops = [item.category for item in menu()]
        blocks = _category_blocks(tops, per_category, shown)
        shown |= {a.pk for _, articles in blocks for a in articles}
        side = []
        if most_viewed_items:
            side = most_viewed(most_viewed_items, excluding=frozenset(shown))
        return HomePage(top_stories, newest, blocks, side, website_links())

    return caching.cached_block(
        f"home:{featured}:{latest}:{per_category}:{most_viewed_items}", build
    )


def _category_blocks(tops: list[Category], per_category: int, shown: set[int]):
    """[(category, its newest `per_category` members not in `shown` nor in an earlier block)].

    One query reads, for each category, the ids of its newest members: as many as a block could
    have to pass over (every story shown above, and every story of the earlier blocks) plus its
    own, each category's from its indexes (in_category(newest=…)); a second one loads the cards
    of the chosen ones."""
    if not tops or per_category <= 0:
        return []
    room = per_category + len(shown) + per_category * (len(tops) - 1)
    published = Article.objects.published()
    parts = [
        published.in_category(category, newest=room)
        .recent()
        .annotate(block=Value(category.pk))
        .values_list("block", "id", "publish_at")[:room]
        for category in tops
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    candidates: dict[int, list[int]] = {}
    newest_first = sorted(rows, key=lambda row: (row[2], row[1]), reverse=True)
    for block, pk, _ in newest_first:
        candidates.setdefault(block, []).append(pk)
    chosen: dict[int, list[int]] = {}
    taken = set(shown)
    for category in tops:
        ids = [pk for pk in candidates.get(category.pk, []) if pk not in taken][:per_category]
        chosen[category.pk] = ids
        taken.update(ids)
    wanted = [pk for ids in chosen.values() for pk in ids]
    loaded = {a.pk: a for a in Article.objects.published().for_cards().filter(pk__in=wanted)}
    blocks = [(c, [loaded[pk] for pk in chosen[c.pk] if pk in loaded]) for c in tops]
    return [(category, articles) for category, articles in blocks if articles]
