"""Search benchmark: generated Vietnamese articles, a set of queries, median and p95 latency.

    .venv/bin/python bench/search_bench.py                 # 100,000 articles (generated once)
    .venv/bin/python bench/search_bench.py --articles 200000 --regenerate
    .venv/bin/python bench/search_bench.py --drop       # remove the benchmark database (~0.5 GB)

It uses the bench database of bench/generate.py ("portal_bench_100k" for 100,000 articles, shared
with bench/reader_bench.py and bench/load_bench.py; BENCH_DATABASE_NAME overrides the name), on the
same PostgreSQL server as the project (the embedded one, or the server of DATABASE_URL); the
project's own database is never touched. The articles are generated from a vocabulary whose folded
forms are computed once, loaded with COPY, then indexed in one go: 100,000 articles take about two
minutes. Each query runs the same code
as the search page (search_articles -> SearchPaginator: count up to 1,000, first page of 20, marked
title and snippet), so the figures include counting, ranking and highlighting, not HTML rendering.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

from generate import configure_database, default_database_name, prepare  # noqa: E402

QUERIES = [
    "mạng xã hội",
    "dang vien",
    "nông thôn mới",
    '"chuyển đổi số"',
    "giao thong nong thon",
    "du lịch cộng đồng",
    "hoc sinh",
    "phòng chống thiên tai",
    "an toàn thực phẩm",
    "CẢI CÁCH HÀNH CHÍNH",
    "biên giới",
    '"xây dựng Đảng" chi bo',
    "y te co so",
    "hợp tác xã",
    "lu lut mien nui",
    "bảo hiểm xã hội -y tế",
    "khởi nghiệp",
    "cà phê",
    "văn hóa",
    "đường",
]


def run_query(raw: str) -> int:
    """What the search page does, minus the HTML: count, first page of 20, marked snippets."""
    from articles.models import Article
    from articles.search_index import plain_text
    from search.query import highlight, parse_query, search_articles, snippet
    from search.views import PER_PAGE, SearchPaginator

    parsed = parse_query(raw)
    page = SearchPaginator(
        search_articles(Article.objects.published().for_cards(), parsed), PER_PAGE
    ).get_page(1)
    for article in page:
        highlight(article.title, parsed)
        snippet([article.lead, plain_text(article.body)], parsed)
    return page.paginator.count


def matches(raw: str) -> int:
    from articles.models import Article
    from search.query import parse_query, search_articles

    return search_articles(Article.objects.published(), parse_query(raw)).count()


def explain(raw: str) -> str:
    from django.db import connection

    from articles.models import Article
    from search.query import index_scans, parse_query, search_articles

    queryset = search_articles(Article.objects.published().for_cards(), parse_query(raw))[:20]
    sql, params = queryset.query.sql_with_params()
    with index_scans(), connection.cursor() as cur:  # as the search page runs it
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cur.fetchall())


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--runs", type=int, default=7, help="timed runs of each query (after one warm-up)"
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the articles again")
    parser.add_argument("--drop", action="store_true", help="drop the benchmark database and stop")
    args = parser.parse_args()

    name = default_database_name(args.articles)
    if args.drop:
        configure_database(name, drop=True)
    prepare(args.articles, name=name, regenerate=args.regenerate)  # migrated, generated if needed
    from django.db import connection

    from articles.models import Article

    print(
        f"database {connection.settings_dict['NAME']!r} "
        f"(PostgreSQL {connection.pg_version // 10000})"
    )
    published = Article.objects.published().count()
    print(f"{Article.objects.count():,} articles, {published:,} published\n")

    timings, rows = [], []
    for raw in QUERIES:
        run_query(raw)  # warm-up
        hits = matches(raw)
        runs = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run_query(raw)
            runs.append((time.perf_counter() - started) * 1000)
        timings += runs
        rows.append((raw, hits, statistics.median(runs), max(runs)))
    print(f"{'query':34} {'matches':>8} {'median ms':>10} {'max ms':>8}")
    for raw, hits, median, worst in rows:
        print(f"{raw:34} {hits:>8,} {median:>10.1f} {worst:>8.1f}")
    print(
        f"\nall {len(timings)} runs: median {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )
    for raw in (QUERIES[0], QUERIES[-1]):
        print(f"\nEXPLAIN ANALYZE of {raw!r} (first page):\n{explain(raw)}")


if __name__ == "__main__":
    main()
