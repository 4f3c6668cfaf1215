"""Reader pages at 2,000 and at 100,000 articles (issue 8: "the same speed at 100,000 as at 2,000").

    .venv/bin/python bench/reader_bench.py                       # 2,000 vs 100,000, 30 pages a kind
    .venv/bin/python bench/reader_bench.py --samples 60 --rounds 3
    .venv/bin/python bench/reader_bench.py --only article,home --no-plans
    .venv/bin/python bench/reader_bench.py --regenerate          # generate both databases again

Both bench databases are made by bench/generate.py (portal_bench_2k and portal_bench_100k by
default: BENCH_SMALL_DATABASE / BENCH_LARGE_DATABASE override the names), migrated first, and
generated only when missing or stale. Each size is measured in its own process (Django has one
default database), DEBUG off (SECRET_KEY, ALLOWED_HOSTS=testserver, PUBLIC_BASE_URL are set for
it), with Django's test client: URL resolution, middleware, views, templates rendered, no server.
The sizes take turns (--rounds): 2k, 100k, 2k, 100k…, each round taking its share of the samples, so
that the load of the machine falls on both alike.

Every page kind is requested once (warm-up: templates compiled, connection open), then --samples
times with every cache cleared before each request (widgets, menu, settings: the worst case a
reader meets once a minute). Kinds: article (a different article each time), home, category page 1
and its last listed page (the deepest the pagination offers), tag page 1 and its last listed page,
author, search for a rare word and for a common one ("kinh te"), the RSS feed, each sitemap section
and the sitemap index.

It prints the median and p95 of each kind at both sizes and their ratio (medians), the targets
of the issue (every kind at 100k within 1.3x of 2k; no SQL statement of a reader page over 20 ms
at 100k), and, per kind, the slowest SQL statement at 100k (from CaptureQueriesContext, on a
separate pass with cleared caches) with its EXPLAIN (ANALYZE, BUFFERS) plan.
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 1.3
PER_ADDRESS = {"sitemap-articles", "sitemap-news"}  # judged per address listed (see report())
SQL_TARGET_MS = 20.0
COMMON_WORD = "kinh te"
RARE_WORD = "tiết kiệm điện"
SITEMAPS = ["articles", "news", "categories", "tags", "static"]
KINDS = [
    "article",
    "home",
    "category",
    "category-deep",
    "tag",
    "tag-deep",
    "author",
    "search-rare",
    "search-common",
    "rss",
    *(f"sitemap-{s}" for s in SITEMAPS),
    "sitemap-index",
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# ---------------------------------------------------------------- measuring (one database) ----


def bench_environment() -> None:
    """DEBUG off, as in production, with what the settings then require."""
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("PUBLIC_BASE_URL", "http://testserver")
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def clear_caches() -> None:
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def page_urls(samples: int, offset: int) -> dict[str, list[str]]:
    """The URLs of each kind: `samples` of them, from sample number `offset` on (so that the
    rounds of one size request different articles)."""
    from django.test import Client

    from articles.models import Article, Author, Category, Tag

    rng = random.Random(8)
    visible = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    picked = [rng.choice(visible) for _ in range(offset + samples)][offset:]
    by_pk = Article.objects.select_related("category").in_bulk(picked)
    categories = list(Category.objects.filter(is_active=True).order_by("pk"))
    tags = list(
        Tag.objects.filter(tagged_articles__content_object__in=Article.objects.published())
        .distinct()
        .order_by("pk")
    )
    authors = list(Author.objects.order_by("pk"))
    client = Client()

    def cycle(items, url):
        return [url(items[(offset + n) % len(items)]) for n in range(samples)]

    def deepest(subject):
        """The highest page number that page 1's pagination links to (a category's, a tag's)."""
        html = client.get(subject.get_absolute_url()).content.decode()
        numbers = [int(n) for n in re.findall(r"[?&;]page=(\d+)", html)]
        return f"{subject.get_absolute_url()}?page={max(numbers, default=1)}"

    urls = {
        "article": [by_pk[pk].get_absolute_url() for pk in picked],
        "home": ["/"] * samples,
        "category": cycle(categories, lambda c: c.get_absolute_url()),
        "category-deep": cycle([deepest(c) for c in categories], lambda url: url),
        "tag": cycle(tags, lambda t: t.get_absolute_url()),
        "tag-deep": cycle([deepest(t) for t in tags], lambda url: url),
        "author": cycle(authors, lambda a: a.get_absolute_url()),
        "search-rare": [f"/tim-kiem/?q={RARE_WORD}"] * samples,
        "search-common": [f"/tim-kiem/?q={COMMON_WORD}"] * samples,
        "rss": ["/rss/"] * samples,
        **{f"sitemap-{s}": [f"/sitemap-{s}.xml"] * samples for s in SITEMAPS},
        "sitemap-index": ["/sitemap.xml"] * samples,
    }
    return urls


def timer(timed: list, execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        timed.append(((time.perf_counter() - started) * 1000, sql, params))


def explain(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cur.fetchall())


def measure(articles: int, database: str, samples: int, offset: int, kinds, plans: bool) -> dict:
    bench_environment()
    warnings.filterwarnings("ignore", message="No directory at")  # STATIC_ROOT: not collected here
    from generate import prepare

    prepare(articles, name=database)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    client = Client()
    urls = {kind: url for kind, url in page_urls(samples, offset).items() if kind in kinds}
    result = {
        "database": database,
        "articles": Article.objects.count(),
        "visible": Article.objects.published().count(),
        "kinds": {},
    }
    for kind, kind_urls in urls.items():
        for url in dict.fromkeys(kind_urls):  # warm-up: every distinct URL once
            client.get(url)
        times, statuses = [], {}
        for url in kind_urls:
            clear_caches()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        entry = {
            "times": times,
            "statuses": statuses,
            "example": kind_urls[0],
            "bytes": len(response.content),
            "addresses": response.content.count(b"<loc>"),  # of the last sitemap page measured
        }
        if plans:
            # A separate pass, captured (capturing costs a little time of its own).
            # CaptureQueriesContext counts the statements; it times them to the millisecond only,
            # so an execute wrapper times them too and keeps their parameters for EXPLAIN.
            slowest, counts, timed, top = None, [], [], []
            for url in dict.fromkeys(kind_urls):
                clear_caches()
                timed.clear()
                with (
                    CaptureQueriesContext(connection) as captured,
                    connection.execute_wrapper(
                        lambda execute, sql, params, many, context, timed=timed: timer(
                            timed, execute, sql, params, many, context
                        )
                    ),
                ):
                    client.get(url)
                counts.append(len(captured.captured_queries))
                for ms, sql, params in timed:
                    if slowest is None or ms > slowest["ms"]:
                        slowest = {"ms": ms, "raw": (sql, params), "url": url}
                    top.append((ms, sql))
            # the three slowest distinct statements (by their text without parameters)
            seen, entry["top"] = set(), []
            for ms, sql in sorted(top, key=lambda item: -item[0]):
                if sql not in seen and len(entry["top"]) < 3:
                    seen.add(sql)
                    entry["top"].append((ms, shorten(sql, 220)))
            entry["queries"] = max(counts)
            if slowest:
                sql, params = slowest.pop("raw")
                # a server-side cursor (QuerySet.iterator()): explain the query it declares
                sql = re.sub(r"^DECLARE \S+ NO SCROLL CURSOR WITH(OUT)? HOLD FOR ", "", sql)
                with connection.cursor() as cur:
                    slowest["sql"] = cur.mogrify(sql, params).decode()
                try:
                    slowest["plan"] = explain(sql, params)
                except Exception as error:  # e.g. a statement that EXPLAIN does not take
                    slowest["plan"] = f"(no plan: {error})"
            entry["slowest"] = slowest
        result["kinds"][kind] = entry
    return result


# ---------------------------------------------------------------- comparing (parent) ----------


def run_size(args, articles: int, database: str, samples: int, offset: int, plans: bool) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        command = [
            sys.executable,
            __file__,
            "--measure",
            str(articles),
            "--database",
            database,
            "--samples",
            str(samples),
            "--offset",
            str(offset),
            "--only",
            ",".join(args.kinds),
            "--json",
            out.name,
            *(["--plans"] if plans else []),
        ]
        subprocess.run(command, check=True)
        return json.load(open(out.name))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=2000, help="articles of the small database")
    parser.add_argument("--large", type=int, default=100_000, help="articles of the large database")
    parser.add_argument(
        "--samples", type=int, default=30, help="measured requests of each kind and size"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="turns each size takes (samples split between them)"
    )
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated page kinds")
    parser.add_argument(
        "--no-plans", action="store_true", help="skip the slowest-SQL pass and its plans"
    )
    parser.add_argument("--regenerate", action="store_true", help="generate both databases again")
    # internal: measure one size in this process
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--offset", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--plans", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.kinds = [k for k in args.only.split(",") if k]
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown page kinds {sorted(unknown)}; known: {', '.join(KINDS)}")

    if args.measure:
        sys.path.insert(0, str(ROOT / "bench"))
        result = measure(
            args.measure, args.database, args.samples, args.offset, args.kinds, args.plans
        )
        json.dump(result, open(args.json, "w"))
        return

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import default_database_name

    sizes = [
        (args.small, os.environ.get("BENCH_SMALL_DATABASE") or default_database_name(args.small)),
        (args.large, os.environ.get("BENCH_LARGE_DATABASE") or default_database_name(args.large)),
    ]
    os.environ.pop("BENCH_DATABASE_NAME", None)  # the names are given explicitly
    if args.regenerate:
        for articles, database in sizes:
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "bench/generate.py"),
                    "--articles",
                    str(articles),
                    "--database",
                    database,
                    "--regenerate",
                ],
                check=True,
            )
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    results = {articles: None for articles, _ in sizes}
    per_round = [
        args.samples // args.rounds + (1 if n < args.samples % args.rounds else 0)
        for n in range(args.rounds)
    ]
    offset = 0
    for n, samples in enumerate(per_round):
        for articles, database in sizes:
            last = n == len(per_round) - 1
            part = run_size(
                args, articles, database, samples, offset, plans=last and not args.no_plans
            )
            merged = results[articles]
            if merged is None:
                results[articles] = part
            else:
                for kind, entry in part["kinds"].items():
                    into = merged["kinds"][kind]
                    into["times"] += entry["times"]
                    for status, count in entry["statuses"].items():
                        into["statuses"][status] = into["statuses"].get(status, 0) + count
                    for key in ("queries", "slowest", "top"):
                        if key in entry:
                            into[key] = entry[key]
        offset += samples
    report(args, sizes, results, started)


def shorten(sql: str, limit: int = 2500) -> str:
    """The statement with its outer column list cut short (its FROM, WHERE and ORDER BY matter)."""
    sql = re.sub(r"^DECLARE \S+ NO SCROLL CURSOR WITH(OUT)? HOLD FOR ", "", sql)
    match = re.match(
        rf"SELECT (.{{{min(200, limit // 5)}}}).*? FROM (?=\"articles_\w+\"|\()", sql, re.S
    )
    if match and "(SELECT" not in match.group(0):  # not into a subquery of the column list
        sql = f"SELECT {match.group(1)} … FROM {sql[match.end() :]}"
    return sql if len(sql) <= limit else sql[:limit] + " …"


def report(args, sizes, results, started) -> None:
    (small, _), (large, _) = sizes
    a, b = results[small], results[large]
    print(
        f"\nreader_bench, started {started}; DEBUG off, test client, caches cleared before each "
        "request"
    )
    for r in (a, b):
        print(f"  {r['database']}: {r['articles']:,} articles, {r['visible']:,} visible")
    label_a, label_b = (
        f"{small // 1000}k" if small >= 1000 else str(small),
        f"{large // 1000}k" if large >= 1000 else str(large),
    )
    head = (
        f"{'page kind':18} {'n':>3} {label_a + ' med':>9} {label_a + ' p95':>9} "
        f"{label_b + ' med':>10} {label_b + ' p95':>10} {'ratio':>6} {'SQL':>4} {'max SQL ms':>10} "
        f"{'KB':>11}  status"
    )
    print("\n" + head + "\n" + "-" * len(head))
    failures, slow_sql, not_compared = [], [], []
    for kind in args.kinds:
        ea, eb = a["kinds"][kind], b["kinds"][kind]
        ma, mb = statistics.median(ea["times"]), statistics.median(eb["times"])
        ratio = mb / ma
        kind_label = kind
        if kind in PER_ADDRESS:
            # a larger archive lists more addresses on these pages: compare the time per address
            kind_label = f"{kind}*"
            if not (ea.get("addresses") and eb.get("addresses")):
                ratio = None  # nothing listed at one size (no article in the news window)
            else:
                ratio = (mb / eb["addresses"]) / (ma / ea["addresses"])
        slowest = eb.get("slowest") or {}
        sql_ms = slowest.get("ms")
        statuses = ",".join(f"{s}x{c}" for s, c in sorted(eb["statuses"].items()))
        if set(ea["statuses"]) != {"200"} and set(ea["statuses"]) != {200}:
            statuses += f" (2k: {','.join(f'{s}x{c}' for s, c in sorted(ea['statuses'].items()))})"
        print(
            f"{kind_label:18} {len(eb['times']):>3} "
            f"{ma:>9.1f} {percentile(ea['times'], 0.95):>9.1f} "
            f"{mb:>10.1f} {percentile(eb['times'], 0.95):>10.1f} "
            f"{'n/a' if ratio is None else f'{ratio:.2f}x':>6} "
            f"{eb.get('queries', ''):>4} {'' if sql_ms is None else f'{sql_ms:.1f}':>10} "
            f"{ea['bytes'] / 1024:>5.0f}/{eb['bytes'] / 1024:<5.0f}  {statuses}"
        )
        if ratio is None:
            not_compared.append(kind)
        elif ratio > RATIO_TARGET:
            failures.append(f"{kind} {ratio:.2f}x")
        if sql_ms is not None and sql_ms > SQL_TARGET_MS:
            slow_sql.append(f"{kind} {sql_ms:.1f} ms")
    print(
        f"\n(ms per request; ratio = {label_b} median / {label_a} median; SQL = statements of the "
        f"page with empty caches at {label_b}; max SQL ms = its slowest statement;\n KB = size of "
        f"the last page measured at {label_a}/{label_b};\n * the articles and news sitemaps list "
        "more addresses in a larger archive (up to 5,000 a page; the last 48 hours): their ratio "
        "is of the time per address listed)"
    )
    print(
        f"\nTarget: every page kind at {label_b} within {RATIO_TARGET}x of {label_a}: "
        + ("MET" if not failures else f"NOT MET ({'; '.join(failures)})")
        + (
            f"; not compared: {', '.join(not_compared)} (lists no address at one size)"
            if not_compared
            else ""
        )
    )
    if not args.no_plans:
        print(
            f"Target: no SQL statement of a reader page above {SQL_TARGET_MS:.0f} ms at {label_b}: "
            + ("MET" if not slow_sql else f"NOT MET ({'; '.join(slow_sql)})")
        )
        print(
            f"\nSlowest SQL statement of each page kind at {label_b} (EXPLAIN (ANALYZE, BUFFERS) "
            "run right after):"
        )
        for kind in args.kinds:
            slowest = b["kinds"][kind].get("slowest")
            if not slowest:
                continue
            sql = shorten(slowest["sql"])
            others = "".join(
                f"\n  {ms:7.1f} ms  {text}" for ms, text in b["kinds"][kind].get("top", [])[1:]
            )
            print(
                f"\n=== {kind}: {slowest['ms']:.1f} ms, {slowest['url']}\n{sql}\n{slowest['plan']}"
            )
            if others:
                print(f"--- next slowest statements of {kind}:{others}")


if __name__ == "__main__":
    main()
