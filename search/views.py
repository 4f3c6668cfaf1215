"""The search page: /tim-kiem/?q=…&category=…&from=…&to=…"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category
from articles.search_index import plain_text
from portal.pagemeta import PageMeta

from . import query as search_module
from .query import MAX_QUERY_LENGTH, highlight, index_scans, parse_query, search_articles, snippet

PER_PAGE = 20
MAX_COUNTED = 1000  # results counted (and paged through) at most: 50 pages


class SearchPaginator(Paginator):
    """Pages through `search.SearchResults`, counting at most MAX_COUNTED results: counting every
    match of a common word on a large site costs as much as the search itself, and nobody reads
    past page 50 (they refine the query)."""

    @cached_property
    def count(self) -> int:
        matches = self.object_list.capped_count(MAX_COUNTED)
        self.capped = matches > MAX_COUNTED
        return min(matches, MAX_COUNTED)

    def page(self, number):
        with index_scans():  # the count and the page's rows, read through the GIN index
            page = super().page(number)
            page.object_list = list(page.object_list)
        return page


def in_tree_order(categories):
    """[(category, depth)]: each top-level category followed by its sub-categories (in the
    editors' order, depth 0 at the top). Only those reached through `categories` (the active ones):
    what is under an inactive category is hidden with it, as in the menu."""
    children: dict[int | None, list] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    ordered, todo = [], [(c, 0) for c in reversed(children.get(None, []))]
    while todo:
        category, depth = todo.pop()
        ordered.append((category, depth))
        todo.extend((child, depth + 1) for child in reversed(children.get(category.pk, [])))
    return ordered


class CategoryChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices in tree order: each parent, then its children indented ("— Child")."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for category, depth in in_tree_order(self.queryset):
            yield (self.choice(category)[0], "— " * depth + category.name)


class CategoryChoiceField(forms.ModelChoiceField):
    iterator = CategoryChoiceIterator


class SearchForm(forms.Form):
    # No max_length: a long query is cut (search.MAX_QUERY_LENGTH), not refused.
    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    category = CategoryChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
    )
    date_from = forms.DateField(
        label=_("From date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def has_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("category", "date_from", "date_to"))

    def filter(self, queryset):
        data = self.cleaned_data
        category = data.get("category")
        if category:  # its members: primary or further category, active sub-categories included
            queryset = queryset.in_category(category)
        zone = timezone.get_current_timezone()
        if data.get("date_from"):
            queryset = queryset.filter(
                publish_at__gte=datetime.combine(data["date_from"], time.min, tzinfo=zone)
            )
        if data.get("date_to") and data["date_to"] < date.max:  # 31/12/9999 is no upper bound
            next_day = data["date_to"] + timedelta(days=1)
            queryset = queryset.filter(
                publish_at__lt=datetime.combine(next_day, time.min, tzinfo=zone)
            )
        return queryset


@dataclass
class SearchResult:
    article: Article
    title: SafeString
    snippet: SafeString


def search(request):
    form = SearchForm(request.GET)
    parsed = parse_query("")
    page_obj = None
    results = []
    if form.is_valid():
        parsed = parse_query(form.cleaned_data["q"])
        if parsed:
            # for_cards() without its deferrals: the snippet reads the body (search_articles
            # itself leaves out the search vectors).
            articles = form.filter(Article.objects.published()).for_cards().defer(None)
            queryset = search_articles(articles, parsed)
            page_obj = SearchPaginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
            results = [
                SearchResult(
                    article=article,
                    title=highlight(article.title, parsed),
                    snippet=snippet([article.lead, plain_text(article.body)], parsed),
                )
                for article in page_obj
            ]
    typed = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    # result pages are not for search engines (robots.txt says so too): meta tag and X-Robots-Tag
    meta = PageMeta(
        title=str(_("Search: %(query)s") % {"query": typed} if typed else _("Search")), index=False
    )
    response = render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": request.GET.get("q", "").strip()[
                :MAX_QUERY_LENGTH
            ],  # what was searched for, as typed
            "searched": bool(parsed),
            "page_obj": page_obj,
            "results": results,
            "ranked": search_module.MAX_RANKED,  # the newest matches ranked by relevance
            "has_filters": form.is_valid() and form.has_filters(),
            "meta": meta,
        },
    )
    return meta.apply(response)
