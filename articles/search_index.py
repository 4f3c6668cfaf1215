"""The search columns of an article: what a reader's search is matched against (search/ reads them).

Every article keeps a `search_document` (a tsvector) built from *folded* text: tone marks and
diacritics stripped, đ -> d, lower case, whatever the Unicode normalisation of the input (see
`portal.text.fold`). Title has weight A, lead and tag names B, body C, so a word in the title
outranks the same word in the lead, which outranks the body; ranking reads a copy of just the title
and lead part (`search_head`), small enough to stay in the table row; `search_exact` keeps the
title and lead+tags lower-cased with their tone marks. The PostgreSQL configuration is 'simple' (no
stemming, no stop words: Vietnamese has neither), so no database extension is needed.
"""

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchVector
from django.db.models import Value

from portal.text import fold

CONFIG = "simple"
MAX_BODY_CHARS = 200_000  # of plain body text indexed (a tsvector is limited to 1 MB)

_TAG = re.compile(r"<[^>]*>")


class _FoldTable(dict):
    """`str.translate` table folding each character to exactly one character (offsets are kept)."""

    def __missing__(self, codepoint):
        char = chr(codepoint)
        folded = fold(char).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_query_text(text: str) -> str:
    """Fold text for the index or a query: no tone marks, đ -> d, lower case."""
    return fold(text).lower()


def plain_text(rich: str) -> str:
    """The words of sanitized rich text: tags become spaces, entities characters."""
    return " ".join(html.unescape(_TAG.sub(" ", rich or "")).split())


def _display_text(text: str) -> str:
    """NFC text without stray combining marks, so that folding keeps one character per character."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in composed if not unicodedata.combining(ch))


def exact_text(text: str) -> str:
    """Text for the exact (unfolded) vector and query: NFC, lower case, tone marks kept."""
    return _display_text(text).lower()


def fold_aligned(text: str) -> tuple[str, str]:
    """(display text, folded text) of the same length: offsets in one are offsets in the other."""
    display = _display_text(text)
    return display, display.translate(_FOLD_TABLE)


# --- the index ------------------------------------------------------------------------------


def document_parts(article, tag_names) -> tuple[str, str, str]:
    """The folded (title, lead + tags, body) texts that go into the weighted tsvector."""
    title = fold_query_text(article.title or "")
    lead = fold_query_text(" ".join([article.lead or "", ". ".join(tag_names)]))
    body = fold_query_text(plain_text(article.body)[:MAX_BODY_CHARS])
    return title, lead, body


def head_expression(title: str, lead: str):
    return SearchVector(Value(title), config=CONFIG, weight="A") + SearchVector(
        Value(lead), config=CONFIG, weight="B"
    )


def document_expression(title: str, lead: str, body: str):
    return head_expression(title, lead) + SearchVector(Value(body), config=CONFIG, weight="C")


def exact_parts(article, tag_names) -> tuple[str, str]:
    """The unfolded (title, lead + tags) texts of `search_exact`: lower case, tone marks kept."""
    return exact_text(article.title or ""), exact_text(
        " ".join([article.lead or "", ". ".join(tag_names)])
    )


def update_search_document(article) -> None:
    """Recompute one article's search columns (one query for its tags and its attached documents'
    titles, which are indexed with the tags; one UPDATE)."""
    from medialib.models import attachment_titles

    from .models import Article

    tags = article.tags.order_by().values_list("name", flat=True)
    tag_names = list(tags.union(attachment_titles(article), all=True))
    title, lead, body = document_parts(article, tag_names)
    Article.objects.filter(pk=article.pk).update(
        search_document=document_expression(title, lead, body),
        search_head=head_expression(title, lead),
        search_exact=head_expression(*exact_parts(article, tag_names)),
    )
