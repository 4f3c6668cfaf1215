"""RSS 2.0 and Atom feeds of the latest articles, for the whole site and for each category.

Each request gets its own Feed instance (the views below), which keeps the request for the feed's
own address. Absolute addresses come from PUBLIC_BASE_URL (seo.absolute_url), never the Host header.
Conditional GET: the ETag and Last-Modified come from one aggregate query over what readers can
see, so an unchanged feed answers 304 without rendering anything.
"""

import hashlib
import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from portal.caching import reader_page
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
        return absolute_url("/")

    def description(self, obj):
        return _("The latest articles of %(site)s.") % {"site": site_name()}

    def feed_url(self, obj):
        return absolute_url(self.request.path) if self.request else None

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
        return absolute_url(item.get_absolute_url())

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
        return [Enclosure(absolute_url(item.cover_image.url), str(length), mime_type)]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug, is_active=True)

    def title(self, obj):
        return f"{obj.name} – {site_name()}"

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj):
        return obj.description or _("The latest articles in %(category)s.") % {"category": obj.name}

    def articles(self, obj):
        # the category's members (Article.objects.in_category), ITEMS newest read from indexes
        return Article.objects.published().in_category(obj, newest=ITEMS)


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description


def feed_category(slug) -> int | None:
    """The id of the active category `slug` (None when there is no such category), from the
    category tree (Category.objects.tree(): no query when it is cached)."""
    tree = Category.objects.tree()
    pk = tree.by_slug.get(slug)
    return pk if pk is not None and tree.active.get(pk) else None


def _feed_state(request, slug=None):
    """(ETag, Last-Modified) of a feed, memoised on the request: one query for both (and, for a
    category feed, the category tree when it is not cached yet). A category feed's items are its
    members (Article.objects.in_category: primary or further category, active sub-categories
    included), so the state follows exactly the articles the feed lists.

    Only what the feed shows goes in, so editing a draft, a scheduled article or an article too old
    to be listed changes nothing, and the query reads the ITEMS newest rows from an index whatever
    the size of the archive. The fingerprint is the id, last edit and publication time of each item
    shown, and the newest past expiry of an article that was published: an edit or a publication
    changes an item, a scheduled article becoming due, an expiry, an unpublication or a deletion
    changes the list. Last-Modified is the newest of those times; an unpublication changes the ETag
    only.
    """
    key = ("feed_state", slug)
    cache = request.__dict__.setdefault("_feed_state", {})
    if key not in cache:
        now = timezone.now()
        expired = Article.objects.filter(
            status=Article.Status.PUBLISHED, publish_at__lte=now, expire_at__lte=now
        )
        shown = Article.objects.published()
        if slug is not None:
            category = feed_category(slug)
            if category is None:  # the feed answers 404
                shown, expired = shown.none(), expired.none()
            else:
                expired = expired.in_category(category)
                shown = shown.in_category(category, newest=ITEMS)
        rows = list(
            shown.recent()
            .annotate(expired=Subquery(expired.order_by("-expire_at").values("expire_at")[:1]))
            .values_list("pk", "updated_at", "publish_at", "expired")[:ITEMS]
        )
        moments = [moment for row in rows for moment in row[1:] if moment is not None]
        last_modified = max(moments) if moments else None
        etag = hashlib.md5(f"{slug}|{rows}".encode(), usedforsecurity=False).hexdigest()
        cache[key] = (etag, last_modified)
    return cache[key]


def _etag(request, slug=None):
    return _feed_state(request, slug)[0]


def _last_modified(request, slug=None):
    return _feed_state(request, slug)[1]


def _serve(feed_class):
    """A feed view answering 304 from the state above, and sending that state's Last-Modified
    (Feed itself would send its newest item's date, which an expiry or a withdrawal does not move,
    and ConditionalGetMiddleware would then answer If-Modified-Since with a stale 304)."""

    @reader_page
    @condition(etag_func=_etag, last_modified_func=_last_modified)
    def view(request, slug=None):
        response = feed_class(request)(request, **({"slug": slug} if slug is not None else {}))
        last_modified = _last_modified(request, slug)
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return response

    return view


latest_rss = _serve(LatestArticlesFeed)
latest_atom = _serve(LatestArticlesAtomFeed)
category_rss = _serve(CategoryFeed)
category_atom = _serve(CategoryAtomFeed)
