"""Full-text search that reads Vietnamese with and without tone marks.

Every article keeps a `search_document` (a tsvector) built from *folded* text: tone marks and
diacritics stripped, đ -> d, lower case, whatever the Unicode normalisation of the input (see
`portal.text.fold`; the columns are kept by `articles.search_index`). Title has weight A, lead and
tag names B, body C, so a word in the title outranks the same word in the lead, which outranks the
body; ranking reads a copy of just the title and lead part (`search_head`), small enough to stay in
the table row. The PostgreSQL configuration is 'simple' (no stemming, no stop words: Vietnamese has
neither), so no database extension is needed.

Queries are folded the same way and turned into a tsquery by PostgreSQL's own parsers
(`plainto_tsquery` for words, `phraseto_tsquery` for "quoted phrases"), always as bound
parameters: whatever a reader types, it can neither break the SQL nor the tsquery syntax.

Ranking is bounded: the count stops at MAX_COUNTED, and only the newest MAX_RANKED matches (found
through a window of recent articles, never by reading every match) are ranked; older matches follow,
newest first. A query typed with tone marks ranks articles with the words as typed (`search_exact`:
title and lead+tags lower-cased, marks kept) before those that only match once folded.

Snippets are highlighted in Python on the original text (with its tone marks): the text is
folded character by character, so a match found in the folded copy has the same offsets in the
original.
"""

import bisect
import json
import math
import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.search_index import CONFIG, _display_text, exact_text, fold_aligned, fold_query_text

MAX_QUERY_LENGTH = 200  # characters of a query that are read; the rest is ignored
MAX_CHUNKS = 16  # words/phrases of a query that are used
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A: body (C) < lead and tags (B) < title (A)
MAX_RANKED = 200  # the newest matches that are ranked by relevance (10 pages); older ones by date

_WORD = r"[^\W_]"
_CHUNK = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')


# --- queries --------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    """A reader's query, folded: free words, "quoted phrases" and -excluded words."""

    text: str = ""  # the folded free words, for plainto_tsquery
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    # Words (of the free words and phrases) typed with tone marks or đ, lower case, marks kept.
    marked: list[str] = field(default_factory=list)

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

    def exact_tsquery(self) -> SearchQuery | None:
        """All the words typed with marks, as typed (for `search_exact`); None if there are none."""
        if not self.marked:
            return None
        return SearchQuery(" ".join(self.marked), search_type="plain", config=CONFIG)


def _has_word(text: str) -> bool:
    return re.search(_WORD, text) is not None


def parse_query(raw: str) -> ParsedQuery:
    """Fold and split a query; never fails, whatever the input (it is cut at MAX_QUERY_LENGTH)."""
    raw = (raw or "")[:MAX_QUERY_LENGTH]
    folded = fold_query_text(raw).replace("\x00", " ")
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
    return ParsedQuery(
        text=" ".join(words), phrases=phrases, excluded=excluded, marked=_marked_words(raw)
    )


def _marked_words(raw: str) -> list[str]:
    """The words of a query, not excluded, that carry tone marks or đ: "số Ha Noi" -> ["số"]."""
    marked = []
    shown = exact_text(raw.replace("\x00", " "))
    for match in list(_CHUNK.finditer(shown))[:MAX_CHUNKS]:
        negated, phrase, chunk = match.group(1), match.group(2), match.group(3)
        if negated or (chunk is not None and chunk.startswith("-") and _has_word(chunk)):
            continue
        for word in re.findall(f"{_WORD}+", phrase if chunk is None else chunk):
            if fold_query_text(word) != word and word not in marked:
                marked.append(word)
    return marked


def rank_order(queryset, parsed: ParsedQuery, tsquery):
    """`queryset` annotated and ordered best first.

    Order: the words typed with tone marks found as typed in the title/lead/tags (`search_exact`);
    then the words side by side in the title or lead; then weight (title > lead/tags; matches
    only in the body last); at equal rank the newer article first. Reads only the small row-resident
    vectors, never the large document in the TOAST table.
    """
    queryset = queryset.annotate(rank=SearchRank(F("search_head"), tsquery, weights=RANK_WEIGHTS))
    order = ["-rank", "-publish_at", "-id"]
    if len(parsed.text.split()) > 1:
        # Vietnamese words are written as separate syllables ("mạng xã hội"): articles that have
        # the typed words side by side in the title or lead come before those that have them apart.
        phrase = SearchQuery(parsed.text, search_type="phrase", config=CONFIG)
        queryset = queryset.annotate(
            together=Case(When(search_head=phrase, then=Value(True)), default=Value(False))
        )
        order.insert(0, "-together")
    exact = parsed.exact_tsquery()
    if exact is not None:
        # "số" typed with its mark: articles with "số" before those that only have "sở" or "so".
        queryset = queryset.annotate(
            exact=Case(When(search_exact=exact, then=Value(True)), default=Value(False))
        )
        order.insert(0, "-exact")
    return queryset.defer("search_document", "search_head", "search_exact").order_by(*order)


class SearchResults:
    """The matches of a query, best first, without ever reading or ranking every match.

    - `capped_count(limit)` counts at most limit + 1 matches.
    - The newest MAX_RANKED matches (`candidates`) are ranked by `rank_order`; they are found in a
      window of the newest articles that grows until it holds enough matches (or is everything),
      so a word found in most articles reads a few hundred rows, not 100,000.
    - Matches older than the candidates follow, newest first (pages 11 and on), found the same
      way: page 50 reads about 1,000 matching rows.

    Sliced like a queryset (the paginator does); a slice is a queryset, or a list when it spans
    both parts.
    """

    def __init__(self, queryset, parsed: ParsedQuery, ranked: int | None = None):
        self.queryset = queryset  # published articles, filtered (category, dates)
        self.parsed = parsed
        self.ranked = MAX_RANKED if ranked is None else ranked
        self.tsquery = parsed.tsquery()
        self.matches = (
            queryset.none()
            if self.tsquery is None
            else queryset.filter(search_document=self.tsquery)
        )
        self.known = None  # (pk, publish_at) of every match, when counting found them all

    def capped_count(self, limit: int) -> int:
        """min(matches, limit + 1), read through the GIN index (never row by row in date order).

        Reads (pk, publish_at) of the matches it counts: when there are at most `limit`, they are
        all the matches, and the newest of them are the candidates (no second query).
        """
        if self.tsquery is None:
            return 0
        # (Walking the date index: 50 ms instead of 9 ms for a word in 90 % of 100,000 articles.)
        found = _without_index_walk(
            self.matches.order_by().values_list("pk", "publish_at")[: limit + 1]
        )
        if len(found) <= limit:
            self.known = found
        return len(found)

    def count(self) -> int:
        """The exact number of matches: reads every match (benchmarks, not the search page)."""
        return self.matches.count()

    def _window_start(self, size: int):
        """A publish_at with about `size` published articles after it (up to now), or None when
        that is about all of them: read off the planner's histogram of publish_at (no article
        row or index entry read), else, before the table's first ANALYZE, the size-th newest
        published article's (an index-only scan of `size` entries: 10 ms for 12,800 at 100k)."""
        if self._histogram is not None:
            return _start_from_histogram(*self._histogram, size, timezone.now())
        model = self.queryset.model
        published = model._base_manager.filter(
            status=model.Status.PUBLISHED, publish_at__lte=timezone.now()
        )
        found = list(
            published.order_by("-publish_at").values_list("publish_at", flat=True)[size - 1 : size]
        )
        return found[0] if found else None

    @cached_property
    def _histogram(self) -> tuple[list, float] | None:
        """(bounds, rows a bucket) of publish_at from pg_stats, or None (never analyzed)."""
        table = self.queryset.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.histogram_bounds::text::timestamptz[], s.null_frac, c.reltuples "
                "FROM pg_stats s JOIN pg_class c ON c.oid = to_regclass(%s) "
                "WHERE s.schemaname = current_schema() AND s.tablename = %s "
                "AND s.attname = 'publish_at'",
                [table, table],
            )
            found = cursor.fetchone()
        if found is None or not found[0] or len(found[0]) < 2 or found[2] <= 0:
            return None
        bounds, null_share, rows = found
        return bounds, rows * (1 - null_share) / (len(bounds) - 1)

    @cached_property
    def candidates(self) -> list[tuple]:
        """(pk, publish_at) of the newest `ranked` matches, newest first."""
        return self.newest(self.ranked)

    def newest(self, count: int) -> list[tuple]:
        """(pk, publish_at) of the newest `count` matches, newest first, reading about `count`
        matching rows whatever the number of matches (cached for the last `count` asked)."""
        if self.tsquery is None or count <= 0:
            return []
        if self.known is not None:  # counted, and found all: the newest of them
            return sorted(self.known, key=lambda row: (row[1], row[0]), reverse=True)[:count]
        if getattr(self, "_newest", (0, []))[0] == count:
            return self._newest[1]
        newest = self.matches.order_by("-publish_at", "-pk").values_list("pk", "publish_at")
        # A window of the newest articles that should hold half as many matches again as needed,
        # at the share of articles that match as the planner's statistics estimate it; at most 64
        # times the count (an estimate can be far too low).
        size = math.ceil(1.5 * count / self._estimated_share())
        size = min(max(size, 2 * count), 64 * count)
        while True:
            start = self._window_start(size)
            window = newest if start is None else newest.filter(publish_at__gte=start)
            rows = _without_index_walk(window[:count])
            if len(rows) == count or start is None:
                self._newest = (count, rows)
                return rows
            # Too few: grow it to the size that the share of matches seen in it calls for.
            size = max(4 * size, math.ceil(1.5 * count * size / max(len(rows), 1)))

    def _estimated_share(self) -> float:
        """The planner's estimate of the share of published articles that match (no query run).

        Of all the words, phrases or not, none left out: PostgreSQL estimates a phrase far below
        its real frequency (7 times for "chuyển đổi số"), the words of it much better.
        """
        model = self.queryset.model
        published = model._base_manager.filter(
            status=model.Status.PUBLISHED, publish_at__lte=timezone.now()
        )
        words = " ".join([self.parsed.text, *self.parsed.phrases])
        matches = self.queryset.filter(
            search_document=SearchQuery(words, search_type="plain", config=CONFIG)
        )
        matches, articles = (
            _estimated_rows(queryset.order_by().values("pk")) for queryset in (matches, published)
        )
        return min(1.0, max(matches, 1) / max(articles, 1))

    def _ranked_part(self):
        ids = [pk for pk, _ in self.candidates]
        return rank_order(self.queryset.filter(pk__in=ids), self.parsed, self.tsquery)

    def _older_part(self, start: int, stop: int | None):
        """[start:stop] of the matches older than the candidates, newest first."""
        if len(self.candidates) < self.ranked:
            return self.queryset.none()  # every match is a candidate
        if stop is None:  # (iterating: everything, unbounded; the search page never does)
            last_pk, last_at = self.candidates[-1]
            older = Q(publish_at__lt=last_at) | Q(publish_at=last_at, pk__lt=last_pk)
            return self._rows(self.matches.filter(older))[start:]
        ids = [pk for pk, _ in self.newest(self.ranked + stop)[self.ranked + start :]]
        return self._rows(self.queryset.filter(pk__in=ids))

    @staticmethod
    def _rows(queryset):
        return queryset.defer("search_document", "search_head", "search_exact").order_by(
            "-publish_at", "-pk"
        )

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        if start < 0 or (stop is not None and stop < 0) or key.step not in (None, 1):
            raise ValueError("SearchResults slices are [start:stop] with start, stop >= 0")
        if self.tsquery is None or (stop is not None and stop <= start):
            return self.queryset.none()
        ranked = len(self.candidates)
        if stop is not None and stop <= ranked:
            return self._ranked_part()[start:stop]
        older_stop = None if stop is None else stop - ranked
        if start >= ranked:
            return self._older_part(start - ranked, older_stop)
        return [*self._ranked_part()[start:], *self._older_part(0, older_stop)]

    def __iter__(self):
        return iter(self[0:])


def _start_from_histogram(bounds: list, per_bucket: float, size: int, now):
    """The time with about `size` rows between it and `now`, on an equal-depth histogram (each
    bucket between two bounds holds `per_bucket` rows; within a bucket, time is spread evenly);
    None when that reaches past the oldest bound. Rows newer than the last ANALYZE only make the
    window hold more, and SearchResults.newest grows a window that holds too few."""
    buckets = len(bounds) - 1

    def position(moment) -> float:  # 0 at the oldest bound, `buckets` at the newest
        index = bisect.bisect_right(bounds, moment) - 1
        if index < 0:
            return 0.0
        if index >= buckets:
            return float(buckets)
        low, high = bounds[index], bounds[index + 1]
        return index + ((moment - low) / (high - low) if high > low else 0.0)

    start = position(now) - size / per_bucket
    if start <= 0:
        return None
    index = int(start)
    return bounds[index] + (bounds[index + 1] - bounds[index]) * (start - index)


def _without_index_walk(queryset) -> list:
    """Rows of a query of matches, read through the GIN index (ANDed with the date index)."""
    with _through_gin():
        return list(queryset)


def _estimated_rows(queryset) -> float:
    """The planner's estimate of the rows of a query (EXPLAIN, not run: under a millisecond)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def search_articles(queryset, parsed: ParsedQuery) -> SearchResults:
    """`queryset` (already published()) narrowed to matches of `parsed`, best first (SearchResults).

    Matching reads the GIN index of the whole document; ranking reads only the small vectors kept
    in the row (`search_head`, `search_exact`) of at most MAX_RANKED candidates.
    """
    return SearchResults(queryset, parsed)


@contextmanager
def _through_gin():
    """Plan the statements of the block through the GIN index (SET LOCAL, in a transaction).

    Neither a sequential scan nor a walk of the date index, which test each article in turn and so
    read its whole document from the TOAST table (10 to 50 µs an article): the GIN bitmap, ANDed
    with the date index for a window, reads only the rows that match.
    """
    with ExitStack() as stack:
        if not connection.in_atomic_block:
            stack.enter_context(transaction.atomic())
        cursor = stack.enter_context(connection.cursor())
        # The settings in force are read before they are changed, and put back after.
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
            "set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
        )
        seqscan, indexscan = cursor.fetchone()[:2]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), "
                "set_config('enable_indexscan', %s, true)",
                [seqscan, indexscan],
            )


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
