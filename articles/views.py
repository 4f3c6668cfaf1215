import re
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.views.generic import ListView

from medialib.models import article_media
from portal import caching
from portal.caching import reader_page
from portal.models import SiteSettings
from portal.prepared import Prepared
from portal.seo import absolute_url

from . import widgets
from .meta import article_meta, home_meta, list_meta, print_meta
from .models import Article, Author, Category, Tag, TaggedArticle, Unit
from .views_count import beacon_token, displayed_views

OTHER_NEWS_COUNT = 10


@reader_page
def home(request):
    """The home page's blocks are the same for every reader: rendered once per generation of the
    reader blocks and language (templates/articles/home.html), built only when that copy is
    missing."""
    site = SiteSettings.load()

    def blocks():
        return widgets.home(
            featured=site.items_featured,
            latest=site.items_home_latest,
            per_category=site.items_per_category,
            most_viewed_items=site.items_most_viewed,
        )

    return render(request, "articles/home.html", {"home_blocks": blocks, "meta": home_meta()})


def _detail_queryset(queryset):
    # the card's relations and the body, not the search documents
    return (
        queryset.for_cards()
        .defer(None)
        .defer("search_document", "search_head", "search_exact")
        .with_reader_lists()  # tags and related links
        .annotate(
            **article_media()
        )  # attached documents and gallery, in this same query (medialib)
    )


# The article page's own query, compiled once per process (portal/prepared.py).
_ARTICLE_PAGE = Prepared(
    lambda pk, now: _detail_queryset(Article.objects.published(now=now)).filter(pk=pk)
)


def published_article(pk: int) -> Article:
    """The published article `pk` with everything its page shows, or 404."""
    article = _ARTICLE_PAGE.first(pk=pk, now=timezone.now())
    if article is None:
        raise Http404("No such article")
    return article


def _article_context(request, article, **extra):
    # "Có thể bạn quan tâm" and "Các tin khác" (never repeating it): which articles in one query,
    # their cards (shared by every page that shows them) in one cache round trip.
    related_cards, other_news_cards = widgets.article_end(article, other_count=OTHER_NEWS_COUNT)
    return {
        "article": article,
        "share_url": absolute_url(article.get_absolute_url()),  # PUBLIC_BASE_URL when set
        "related_cards": related_cards,
        "other_news_cards": other_news_cards,
        "breadcrumb": [c for c in (article.category.parent, article.category) if c is not None],
        "current_section": article.category.parent_id or article.category_id,
        **extra,
    }


@reader_page
def article_detail(request, category, slug, pk):
    article = published_article(pk)
    if category != article.category.slug or slug != article.slug:
        # The address changed (new slug or category): send readers and crawlers to the new one.
        return redirect(article, permanent=True)
    article.view_count = displayed_views(article)
    response = render(
        request,
        "articles/article_detail.html",
        _article_context(
            request, article, view_token=beacon_token(article.pk), meta=article_meta(article)
        ),
    )
    response["Last-Modified"] = http_date(max(article.updated_at, article.publish_at).timestamp())
    return response


@reader_page
def article_print(request, category, slug, pk):
    """The article alone (its address and date, no navigation), for printing."""
    article = published_article(pk)
    if category != article.category.slug or slug != article.slug:
        return redirect(
            "articles:print", category=article.category.slug, slug=article.slug, pk=article.pk
        )
    meta = print_meta(article)  # noindex (robots.txt keeps crawlers out too)
    address = absolute_url(article.get_absolute_url())
    context = {"article": article, "meta": meta, "address": address}
    response = meta.apply(render(request, "articles/article_print.html", context))
    response["Last-Modified"] = http_date(max(article.updated_at, article.publish_at).timestamp())
    return response


@login_required
def preview(request, pk):
    """Any article (draft, scheduled, expired) as readers would see it; staff who may edit it
    only."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise PermissionDenied
    article = get_object_or_404(_detail_queryset(Article.objects.editable_by(request.user)), pk=pk)
    meta = article_meta(article).but(index=False, follow=False)  # a draft is for no crawler
    context = _article_context(request, article, preview=True, meta=meta)
    response = render(request, "articles/article_detail.html", context)
    add_never_cache_headers(response)
    meta.apply(response)
    return response


# Lists show the newest LIST_MAX_PAGES pages (1,000 articles); older ones are read month by month
# (?thang=2021-05), so no page counts or skips more than a bounded number of rows.
LIST_MAX_PAGES = 50


class ArchivePaginator(Paginator):
    """Counts at most `max_pages` pages (and one article more, to know whether older ones exist)."""

    def __init__(
        self, object_list, per_page, *, counted, count_key, max_pages=LIST_MAX_PAGES, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.counted, self.count_key, self.max_pages = counted, count_key, max_pages

    @cached_property
    def count(self):
        # kept with the reader blocks (a new generation on every change readers can see)
        return caching.cached_block(
            self.count_key, lambda: self.counted[: self.per_page * self.max_pages + 1].count()
        )

    @cached_property
    def num_pages(self):
        return min(Paginator.num_pages.func(self), self.max_pages)

    @property
    def has_older(self) -> bool:
        """More articles than the pages show: the older ones are in the month archive."""
        return self.count > self.per_page * self.max_pages


def _month(value: str | None) -> date | None:
    """ "2021-05" (or "05/2021") -> 1 May 2021; None when not given; 404 when unreadable."""
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})", value.strip())
    if not match:
        raise Http404("Not a month")
    year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
    if not (1 <= int(month) <= 12 and 1900 < int(year) < 3000):
        raise Http404("Not a month")
    return date(int(year), int(month), 1)


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


class ArticleListView(ListView):
    """Published articles of one category, tag, author or unit, newest first, 20 a page; the first
    LIST_MAX_PAGES pages, then month by month (?thang=YYYY-MM)."""

    template_name = "articles/article_list.html"
    paginate_by = 20
    context_object_name = (
        "articles"  # (id, publish_at) of the page; the cards come from articles.widgets.cards
    )
    kind = ""

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, queryset, *, limit: int):
        """`queryset` narrowed to the subject's articles; `limit`: how many of the newest are
        needed."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

    def setup_list(self):
        page = self.request.GET.get(self.page_kwarg, "1")
        if not str(page).isdigit():
            raise Http404("Page is not a number")
        self.page_number = int(page)
        self.month = _month(self.request.GET.get("thang"))

    def listed(self, *, limit: int):
        queryset = Article.objects.published()
        if self.month:
            start = timezone.make_aware(datetime.combine(self.month, time.min))
            end = timezone.make_aware(datetime.combine(_next_month(self.month), time.min))
            queryset = queryset.filter(publish_at__gte=start, publish_at__lt=end)
        return self.filter_articles(queryset, limit=limit)

    def get_queryset(self):
        self.setup_list()
        # only the articles up to this page are read (a page past the last answers 404 anyway)
        limit = min(self.page_number, LIST_MAX_PAGES) * self.paginate_by
        # ids and times only: the cards come rendered from the cache (articles.widgets.cards)
        return self.newest_first(self.listed(limit=limit)).values_list("id", "publish_at")

    def newest_first(self, queryset):
        return queryset.recent()

    def get_paginator(self, queryset, per_page, **kwargs):
        counted = self.listed(limit=per_page * LIST_MAX_PAGES + 1).order_by().values("pk")
        key = f"count:{self.kind}:{self.subject.pk}:{self.month or ''}"
        return ArchivePaginator(queryset, per_page, counted=counted, count_key=key, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(subject=self.subject, kind=self.kind, **kwargs)
        page, paginator = context["page_obj"], context["paginator"]
        rows = list(page.object_list)
        context["cards"] = widgets.cards([pk for pk, _ in rows], "card")
        today = timezone.localdate()
        archive = {
            "month": self.month,
            "page_prefix": f"thang={self.month:%Y-%m}&" if self.month else "",
        }
        if self.month:
            previous = (self.month - timedelta(days=1)).replace(day=1)
            following = _next_month(self.month)
            archive["previous_month"] = previous
            archive["next_month"] = following if following <= today else None
        elif paginator.has_older and not page.has_next() and rows:
            # the month where the pages stop: older articles continue there
            archive["older_month"] = timezone.localtime(rows[-1][1]).date().replace(day=1)
        archive["show_archive"] = bool(self.month) or paginator.has_older
        return {**context, **archive, "meta": list_meta(self.subject, page, month=self.month)}


class CategoryView(ArticleListView):
    kind = "category"

    def get_subject(self):
        return get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["slug"], is_active=True
        )

    def filter_articles(self, queryset, *, limit):
        """The category's articles (Article.objects.in_category: primary or further category, its
        active sub-categories included), the `limit` newest read from indexes."""
        return queryset.in_category(self.subject, newest=limit)

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        tree = Category.objects.tree()  # (also what in_category reads: no query of its own)
        self.children = [
            c for c in tree.categories if c.parent_id == self.subject.pk and c.is_active
        ]
        return ListView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        section = self.subject.parent_id or self.subject.pk
        return super().get_context_data(children=self.children, current_section=section, **kwargs)


class TagView(ArticleListView):
    kind = "tag"

    def get_subject(self):
        # A tag that only drafts or scheduled articles carry does not exist for readers (its name
        # would give an embargoed topic away).
        in_use = TaggedArticle.objects.filter(
            tag=OuterRef("pk"), content_object__in=Article.objects.published()
        )
        return get_object_or_404(Tag.objects.filter(Exists(in_use)), slug=self.kwargs["slug"])

    def filter_articles(self, queryset, *, limit):
        # The tag's links carry their article's publish_at (TaggedArticle.publish_at): the links
        # are read newest first from the index (tag, -publish_at, -article), each article checked
        # for visibility, and the walk stops after `limit` (page 50: 1,000 links, not all of them).
        return queryset.filter(
            tagged_items__tag=self.subject, tagged_items__publish_at__lte=timezone.now()
        )

    def newest_first(self, queryset):
        # the same order as Article.recent(), on the link's copy of it (its index)
        return queryset.order_by("-tagged_items__publish_at", "-tagged_items__content_object_id")


class AuthorView(ArticleListView):
    kind = "author"

    def get_subject(self):
        return get_object_or_404(Author.objects.select_related("unit"), slug=self.kwargs["slug"])

    def filter_articles(self, queryset, *, limit):
        return queryset.filter(author=self.subject)  # index (author, status, -publish_at)


class UnitView(ArticleListView):
    kind = "unit"

    def get_subject(self):
        return get_object_or_404(Unit, slug=self.kwargs["slug"])

    def filter_articles(self, queryset, *, limit):
        return queryset.filter(unit=self.subject)  # index (unit, status, -publish_at)


category_view = reader_page(CategoryView.as_view())
tag_view = reader_page(TagView.as_view())
author_view = reader_page(AuthorView.as_view())
unit_view = reader_page(UnitView.as_view())
