"""RSS 2.0 and Atom feeds of the latest articles, for the whole site and for each category.

Each request gets its own Feed instance (the views below), so the request can be kept on it for
absolute image addresses. Conditional GET: the ETag and Last-Modified come from one aggregate
query, so an unchanged feed answers 304 without rendering anything.
"""

import hashlib
import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from portal.seo import absolute_url, site_name

from .models import Article, Category

ITEMS = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, request=None):
        super().__init__()
        self.request = request

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return site_name()

    def link(self, obj):
        return "/"

    def description(self, obj):
        return _("The latest articles of %(site)s.") % {"site": site_name()}

    def feed_url(self, obj):
        return self.request.path if self.request else None

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.articles(obj).for_cards().prefetch_related("tags").recent()[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers treat descriptions as HTML; the lead is plain text.
        return escape(item.lead)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [item.category.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        if not item.cover_image:
            return []
        try:
            length = item.cover_image.size
        except OSError:  # the file is gone from storage: list no enclosure rather than fail
            return []
        mime_type = mimetypes.guess_type(item.cover_image.name)[0] or "image/jpeg"
        return [Enclosure(absolute_url(item.cover_image.url, self.request), str(length), mime_type)]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug, is_active=True)

    def title(self, obj):
        return f"{obj.name} – {site_name()}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or _("The latest articles in %(category)s.") % {"category": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(category_id__in=category_ids(obj))


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description


def category_ids(category) -> list[int]:
    """A category and its active sub-categories (as the category page lists them)."""
    children = Category.objects.filter(parent=category, is_active=True).values_list("pk", flat=True)
    return [category.pk, *children]


def _feed_state(request, slug=None):
    """(ETag, Last-Modified) of a feed, memoised on the request: one query for both."""
    key = ("feed_state", slug)
    cache = request.__dict__.setdefault("_feed_state", {})
    if key not in cache:
        scope = Article.objects.all()
        if slug is not None:
            scope = scope.filter(Q(category__slug=slug) | Q(category__parent__slug=slug))
        now = timezone.now()
        # Anything that changes a feed moves one of these: an edit or (un)publication moves
        # updated_at, a scheduled article appearing moves publish_at, an expiry moves expire_at,
        # a deletion moves the count.
        state = scope.aggregate(
            changed=Max("updated_at"),
            appeared=Max("publish_at", filter=Q(publish_at__lte=now)),
            expired=Max("expire_at", filter=Q(expire_at__lte=now)),
            visible=Count("pk", filter=Q(pk__in=Article.objects.published().values("pk"))),
        )
        count = state.pop("visible")
        moments = [moment for moment in state.values() if moment is not None]
        last_modified = max(moments) if moments else None
        etag = hashlib.md5(
            f"{slug}|{count}|{'|'.join(str(m) for m in state.values())}".encode(),
            usedforsecurity=False,
        ).hexdigest()
        cache[key] = (etag, last_modified)
    return cache[key]


def _etag(request, slug=None):
    return _feed_state(request, slug)[0]


def _last_modified(request, slug=None):
    return _feed_state(request, slug)[1]


@condition(etag_func=_etag, last_modified_func=_last_modified)
def latest_rss(request):
    return LatestArticlesFeed(request)(request)


@condition(etag_func=_etag, last_modified_func=_last_modified)
def latest_atom(request):
    return LatestArticlesAtomFeed(request)(request)


@condition(etag_func=_etag, last_modified_func=_last_modified)
def category_rss(request, slug):
    return CategoryFeed(request)(request, slug=slug)


@condition(etag_func=_etag, last_modified_func=_last_modified)
def category_atom(request, slug):
    return CategoryAtomFeed(request)(request, slug=slug)
