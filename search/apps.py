from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The reader's search: query parsing, bounded ranking, highlighting and the /tim-kiem/ page.
    It reads the search columns that `articles.search_index` keeps on each article."""

    name = "search"
    verbose_name = _("Search")
