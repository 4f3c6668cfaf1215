"""Full-text search that reads Vietnamese with and without tone marks.

Every article keeps a `search_document` (a tsvector) built from *folded* text: tone marks and
diacritics stripped, đ -> d, lower case, whatever the Unicode normalisation of the input (see
`articles.text.fold`). Title has weight A, lead and tag names B, body C, so a word in the title
outranks the same word in the lead, which outranks the body; ranking reads a copy of just the title
and lead part (`search_head`), small enough to stay in the table row. The PostgreSQL configuration is
'simple' (no stemming, no stop words: Vietnamese has neither), so no database extension is needed.

Queries are folded the same way and turned into a tsquery by PostgreSQL's own parsers
(`plainto_tsquery` for words, `phraseto_tsquery` for "quoted phrases"), always as bound
parameters: whatever a reader types, it can neither break the SQL nor the tsquery syntax.

Snippets are highlighted in Python on the original text (with its tone marks): the text is
folded character by character, so a match found in the folded copy has the same offsets in the
original.
"""

import html
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Case, F, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import fold

CONFIG = "simple"
MAX_QUERY_LENGTH = 200  # characters of a query that are read; the rest is ignored
MAX_CHUNKS = 16  # words/phrases of a query that are used
MAX_BODY_CHARS = 200_000  # of plain body text indexed (a tsvector is limited to 1 MB)
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A: body (C) < lead and tags (B) < title (A)

_WORD = r"[^\W_]"
_TAG = re.compile(r"<[^>]*>")
_CHUNK = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')


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


def update_search_document(article) -> None:
    """Recompute one article's search columns (one query for its tags, one UPDATE)."""
    from .models import Article

    tag_names = list(article.tags.values_list("name", flat=True))
    title, lead, body = document_parts(article, tag_names)
    Article.objects.filter(pk=article.pk).update(
        search_document=document_expression(title, lead, body),
        search_head=head_expression(title, lead),
    )


# --- queries --------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    """A reader's query, folded: free words, "quoted phrases" and -excluded words."""

    text: str = ""  # the folded free words, for plainto_tsquery
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(_has_word(part) for part in [self.text, *self.phrases])

    def highlight_patterns(self) -> list[str]:
        """Regular expressions (on folded text) of what to mark: the words and the phrases."""
        patterns = [re.escape(word) for word in re.findall(f"{_WORD}+", self.text)]
        for phrase in self.phrases:
            words = re.findall(f"{_WORD}+", phrase)
            if words:
                patterns.append(r"[\W_]+".join(re.escape(word) for word in words))
        # Longest first, so that a phrase wins over its own first word.
        return sorted(set(patterns), key=len, reverse=True)

    def tsquery(self) -> SearchQuery | None:
        query = None
        parts = (
            [SearchQuery(self.text, search_type="plain", config=CONFIG)]
            if _has_word(self.text)
            else []
        )
        parts += [
            SearchQuery(p, search_type="phrase", config=CONFIG)
            for p in self.phrases
            if _has_word(p)
        ]
        parts += [
            ~SearchQuery(e, search_type="phrase", config=CONFIG)
            for e in self.excluded
            if _has_word(e)
        ]
        for part in parts:
            query = part if query is None else query & part
        return query


def _has_word(text: str) -> bool:
    return re.search(_WORD, text) is not None


def parse_query(raw: str) -> ParsedQuery:
    """Fold and split a query; never fails, whatever the input (it is cut at MAX_QUERY_LENGTH)."""
    folded = fold_query_text((raw or "")[:MAX_QUERY_LENGTH]).replace("\x00", " ")
    words, phrases, excluded = [], [], []
    for match in list(_CHUNK.finditer(folded))[:MAX_CHUNKS]:
        negated, phrase, chunk = match.group(1), match.group(2), match.group(3)
        if chunk is not None:
            if chunk.startswith("-") and _has_word(chunk):
                excluded.append(chunk.lstrip("-"))
            else:
                words.append(chunk)
        elif negated:
            excluded.append(phrase)
        else:
            phrases.append(phrase)
    return ParsedQuery(text=" ".join(words), phrases=phrases, excluded=excluded)


def search_articles(queryset, parsed: ParsedQuery):
    """`queryset` (already published()) narrowed to matches of `parsed`, best first.

    Rank: title > lead/tags > body; at equal rank the newer article first.
    """
    tsquery = parsed.tsquery()
    if tsquery is None:
        return queryset.none()
    # Matching reads the GIN index of the whole document; ranking reads only `search_head` (title
    # and lead+tags, small and kept in the row), never the large document in the TOAST table:
    # on 100,000 articles that is what keeps common queries fast (see bench/search_bench.py).
    # Matches in the title or lead rank by weight; matches only in the body come after, newest
    # first.
    queryset = queryset.filter(search_document=tsquery).annotate(
        rank=SearchRank(F("search_head"), tsquery, weights=RANK_WEIGHTS)
    )
    order = ["-rank", "-publish_at", "-id"]
    if len(parsed.text.split()) > 1:
        # Vietnamese words are written as separate syllables ("mạng xã hội"): articles that have
        # the typed words side by side in the title or lead come before those that have them apart.
        phrase = SearchQuery(parsed.text, search_type="phrase", config=CONFIG)
        queryset = queryset.annotate(
            together=Case(When(search_head=phrase, then=Value(True)), default=Value(False))
        )
        order.insert(0, "-together")
    return queryset.defer("search_document", "search_head").order_by(*order)


@contextmanager
def index_scans():
    """Run the search queries with sequential scans discouraged (SET LOCAL, this transaction only).

    For a word in a quarter of all articles the planner prefers reading the whole table and
    testing every full document, which fetches each one from the TOAST table; the GIN bitmap
    never needs them. Measured on 100,000 articles (bench/search_bench.py): ~400 ms -> ~100 ms
    for such words, no change for the others.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


# --- snippets -------------------------------------------------------------------------------


def _matcher(parsed: ParsedQuery):
    patterns = parsed.highlight_patterns()
    if not patterns:
        return None
    return re.compile(rf"(?<!{_WORD})(?:{'|'.join(patterns)})(?!{_WORD})")


def _spans(folded: str, matcher, start: int, end: int) -> list[list[int]]:
    """Match spans, with neighbours separated only by spaces joined ("<mark>mạng xã hội</mark>")."""
    spans: list[list[int]] = []
    for match in matcher.finditer(folded, start, end):
        if spans and not folded[spans[-1][1] : match.start()].strip():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    return spans


def _mark(display: str, folded: str, matcher, start: int = 0, end: int | None = None) -> SafeString:
    end = len(display) if end is None else end
    pieces, position = [], start
    for span_start, span_end in _spans(folded, matcher, start, end):
        pieces.append(escape(display[position:span_start]))
        pieces.append(f"<mark>{escape(display[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(display[position:end]))
    return mark_safe("".join(pieces))


def highlight(text: str, parsed: ParsedQuery) -> SafeString:
    """All of `text`, escaped, with the query's words and phrases in <mark>."""
    matcher = _matcher(parsed)
    if matcher is None:
        return escape(_display_text(text))
    display, folded = fold_aligned(text)
    return _mark(display, folded, matcher)


def snippet(texts: list[str], parsed: ParsedQuery, length: int = 240) -> SafeString:
    """An escaped extract of the first of `texts` that matches, around the first match, marked.

    Falls back to the start of the first text when nothing matches (e.g. a tag-only match).
    """
    matcher = _matcher(parsed)
    for text in texts:
        if matcher is None:
            break
        display, folded = fold_aligned(text)
        found = matcher.search(folded)
        if found is None:
            continue
        start = max(0, found.start() - length // 4)
        if start:
            space = display.find(" ", start, found.start())
            start = space + 1 if space != -1 else start
        end = min(len(display), start + length)
        if end < len(display):
            space = display.rfind(" ", found.end(), end)
            end = space if space != -1 else end
        marked = _mark(display, folded, matcher, start, end)
        prefix = "… " if start else ""
        suffix = " …" if end < len(display) else ""
        return mark_safe(prefix + marked + suffix)
    first = texts[0] if texts else ""
    display = _display_text(first)
    cut = display[:length]
    if len(display) > length and " " in cut:
        cut = cut[: cut.rfind(" ")] + " …"
    return escape(cut)
