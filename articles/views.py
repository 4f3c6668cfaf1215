from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from django.views.i18n import set_language

from portal.clients import sent_from_our_pages
from portal.models import SiteSettings
from portal.seo import absolute_url

from . import widgets
from .models import Article, Author, Category, RelatedArticle, Tag, TaggedArticle, Unit
from .views_count import beacon_token, displayed_views

RELATED_COUNT = 6
OTHER_NEWS_COUNT = 10


def reader_page(view):
    """Let browsers and proxies keep anonymous pages for a short while (never a logged-in user's,
    nor a page that carries something of one visitor's, such as a CSRF token or a cookie)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                # A response that ends up setting a cookie (here, or in the session or CSRF
                # middleware) is made private by portal.middleware.PrivateIfCookieMiddleware.
                patch_cache_control(response, public=True, max_age=settings.READER_CACHE_SECONDS)
            # The language cookie and the session change what the page says; Accept-Language does
            # not (portal.i18n ignores it), so shared caches keep one copy for every browser.
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


@reader_page
def home(request):
    site = SiteSettings.load()
    page = widgets.home(
        featured=site.items_featured, latest=site.items_home_latest, per_category=site.items_per_category
    )
    return render(
        request,
        "articles/home.html",
        {"lead_story": page.featured[0] if page.featured else None, "featured": page.featured[1:],
         "latest": page.latest, "blocks": page.blocks},
    )


def _detail_queryset(queryset):
    return queryset.for_cards().prefetch_related("tags", "related_links")


def related_articles(article: Article, limit: int = RELATED_COUNT) -> list[Article]:
    """"Có thể bạn quan tâm": editor's picks first, then most shared tags, then the same category.

    Never the article itself, never an unpublished one. One query whatever the number of tags or picks.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched with the article
    shares_tag = Q(tagged_items__tag__in=tag_ids)
    pick_order = RelatedArticle.objects.filter(article=article, related=OuterRef("pk")).values("order")[:1]
    return list(
        Article.objects.published()
        .for_cards()
        .defer("body")
        .exclude(pk=article.pk)
        .filter(Q(picked_by=article) | shares_tag | Q(category_id=article.category_id))
        .annotate(
            pick_order=Subquery(pick_order),
            shared_tags=Count("tagged_items", filter=shares_tag, distinct=True),
        )
        .order_by(
            F("pick_order").asc(nulls_last=True),
            "-shared_tags",
            Case(When(category_id=article.category_id, then=0), default=1),
            "-publish_at",
            "-id",
        )[:limit]
    )


def other_news(article: Article, limit: int = OTHER_NEWS_COUNT) -> list[Article]:
    """"Các tin khác": older articles of the same primary category."""
    when = article.publish_at or timezone.now()  # a draft in preview has no publication time yet
    return list(
        Article.objects.published()
        .for_cards()
        .defer("body")
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .filter(Q(publish_at__lt=when) | Q(publish_at=when, id__lt=article.pk))
        .recent()[:limit]
    )


def _article_context(request, article, **extra):
    return {
        "article": article,
        "share_url": absolute_url(article.get_absolute_url()),  # PUBLIC_BASE_URL when set
        "related": related_articles(article),
        "other_news": other_news(article),
        "breadcrumb": [c for c in (article.category.parent, article.category) if c is not None],
        "current_section": article.category.parent_id or article.category_id,
        **extra,
    }


@reader_page
def article_detail(request, category, slug, pk):
    article = get_object_or_404(_detail_queryset(Article.objects.published()), pk=pk)
    if category != article.category.slug or slug != article.slug:
        # The address changed (new slug or category): send readers and crawlers to the new one.
        return redirect(article, permanent=True)
    article.view_count = displayed_views(article)
    response = render(
        request, "articles/article_detail.html", _article_context(request, article, view_token=beacon_token(article.pk))
    )
    response["Last-Modified"] = http_date(max(article.updated_at, article.publish_at).timestamp())
    return response


@reader_page
def article_print(request, category, slug, pk):
    """The article alone (its address and date, no navigation), for printing."""
    article = get_object_or_404(_detail_queryset(Article.objects.published()), pk=pk)
    if category != article.category.slug or slug != article.slug:
        return redirect("articles:print", category=article.category.slug, slug=article.slug, pk=article.pk)
    context = {"article": article, "noindex": True, "address": absolute_url(article.get_absolute_url())}
    response = render(request, "articles/article_print.html", context)
    response["Last-Modified"] = http_date(max(article.updated_at, article.publish_at).timestamp())
    return response


@login_required
def preview(request, pk):
    """Any article (draft, scheduled, expired) as readers would see it; staff who may edit it only."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise PermissionDenied
    article = get_object_or_404(_detail_queryset(Article.objects.editable_by(request.user)), pk=pk)
    response = render(request, "articles/article_detail.html", _article_context(request, article, preview=True))
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class ArticleListView(ListView):
    """Published articles of one category, tag, author or unit, newest first, 20 a page."""

    template_name = "articles/article_list.html"
    paginate_by = 20
    context_object_name = "articles"
    kind = ""

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_articles(Article.objects.published()).for_cards().defer("body").recent()

    def paginate_queryset(self, queryset, page_size):
        page = self.request.GET.get(self.page_kwarg, "1")
        if not str(page).isdigit():
            raise Http404("Page is not a number")
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, kind=self.kind, **kwargs)


class CategoryView(ArticleListView):
    kind = "category"

    def get_subject(self):
        return get_object_or_404(Category.objects.select_related("parent"), slug=self.kwargs["slug"], is_active=True)

    def filter_articles(self, queryset):
        ids = [self.subject.pk, *(c.pk for c in self.children)]
        return queryset.filter(Q(category_id__in=ids) | Q(extra_categories__in=ids)).distinct()

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        self.children = list(Category.objects.filter(parent=self.subject, is_active=True))
        return ListView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        section = self.subject.parent_id or self.subject.pk
        return super().get_context_data(children=self.children, current_section=section, **kwargs)


class TagView(ArticleListView):
    kind = "tag"

    def get_subject(self):
        # A tag that only drafts or scheduled articles carry does not exist for readers (its name
        # would give an embargoed topic away).
        in_use = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=Article.objects.published())
        return get_object_or_404(Tag.objects.filter(Exists(in_use)), slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(tagged_items__tag=self.subject)


class AuthorView(ArticleListView):
    kind = "author"

    def get_subject(self):
        return get_object_or_404(Author.objects.select_related("unit"), slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(author=self.subject)


class UnitView(ArticleListView):
    kind = "unit"

    def get_subject(self):
        return get_object_or_404(Unit, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(unit=self.subject)


category_view = reader_page(CategoryView.as_view())
tag_view = reader_page(TagView.as_view())
author_view = reader_page(AuthorView.as_view())
unit_view = reader_page(UnitView.as_view())


def theme_css(request):
    """The header colours from the site settings, as a stylesheet (no inline styles under the CSP)."""
    site = SiteSettings.load()
    css = f":root{{--brand:{site.header_background};--brand-dark:{site.header_accent}}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400 if request.GET.get("v") else 300)
    return response



@csrf_exempt  # no token in the pages (it would defeat caching); only our own pages may post here
@require_POST
def switch_language(request):
    """Django's set_language, for the header's language button."""
    if not sent_from_our_pages(request):
        raise PermissionDenied
    return set_language(request)
