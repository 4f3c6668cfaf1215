from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView

from .models import Article, Author, Category, Tag, Unit


def home(request):
    latest = Article.objects.published().for_cards().recent()[:20]
    return render(request, "articles/home.html", {"latest": latest})


def _detail_queryset(queryset):
    return queryset.for_cards().prefetch_related("tags", "related_links")


def article_detail(request, category, slug, pk):
    article = get_object_or_404(_detail_queryset(Article.objects.published()), pk=pk)
    if category != article.category.slug or slug != article.slug:
        # The address changed (new slug or category): send readers and crawlers to the new one.
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


@login_required
def preview(request, pk):
    """Any article (draft, scheduled, expired) as readers would see it; staff who may edit it only."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise PermissionDenied
    article = get_object_or_404(_detail_queryset(Article.objects.editable_by(request.user)), pk=pk)
    response = render(request, "articles/article_detail.html", {"article": article, "preview": True})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class ArticleListView(ListView):
    """Published articles of one category, tag, author or unit, newest first, 20 a page."""

    template_name = "articles/article_list.html"
    paginate_by = 20
    context_object_name = "articles"

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_articles(Article.objects.published()).for_cards().recent()

    def paginate_queryset(self, queryset, page_size):
        page = self.request.GET.get(self.page_kwarg, "1")
        if not str(page).isdigit():
            raise Http404("Page is not a number")
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class CategoryView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Category.objects.select_related("parent"), slug=self.kwargs["slug"], is_active=True)

    def filter_articles(self, queryset):
        ids = [self.subject.pk, *Category.objects.filter(parent=self.subject, is_active=True).values_list("pk", flat=True)]
        return queryset.filter(category_id__in=ids)


class TagView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(tagged_items__tag=self.subject)


class AuthorView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Author.objects.select_related("unit"), slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(author=self.subject)


class UnitView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Unit, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(unit=self.subject)
