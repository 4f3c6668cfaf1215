"""Profile the reader pages: where a request's time goes, and how many cache and SQL round trips.

    .venv/bin/python bench/profile_pages.py                 # the project's own database (demo)
    REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/profile_pages.py --top 15
    BENCH_DATABASE_NAME=portal_bench_100k .venv/bin/python bench/profile_pages.py --bench-db

With --parts, the article page is also timed part by part without the profiler (its own query,
the end of the article with its cards, the template, the metadata): ms per request of each.

With --distinct, the article page is a different article at each request (as in
bench/load_bench.py); without, the same one. Each page (home, a category, an article) is requested
once to warm the caches (renditions, widgets), then --repeat times under cProfile with Django's test
client (templates rendered, as a reader gets them). It prints, per page, the mean time per request,
the cache operations and SQL queries per request, and the --top functions by their own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault(
    "DEBUG", "1"
)  # DEBUG=0 SECRET_KEY=… ALLOWED_HOSTS=testserver for production-like timings

CACHE_OPERATIONS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "incr",
    "delete",
    "get_or_set",
    "has_key",
)


def count_cache_calls(cache, counter: Counter) -> None:
    """Count the calls of the default cache's public operations (wrapping this one instance); an
    operation that a backend makes of others (local memory's get_many calls get) counts once."""
    depth = [0]
    for name in CACHE_OPERATIONS:
        original = getattr(cache, name)

        def wrapper(*args, _original=original, _name=name, **kwargs):
            if depth[0] == 0:
                counter[_name] += 1
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        setattr(cache, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument(
        "--bench-db", action="store_true", help="use BENCH_DATABASE_NAME (see reader_bench)"
    )
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="a different article at each request (as the load benchmark), not the same one",
    )
    parser.add_argument(
        "--parts",
        action="store_true",
        help="also time the article page's parts (no profiler): query, end, cards, template",
    )
    args = parser.parse_args()

    if args.bench_db:
        import portal.settings as project_settings

        project_settings.DATABASES["default"]["NAME"] = os.environ.get(
            "BENCH_DATABASE_NAME", "portal_bench_100k"
        )
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from articles.models import Article, Category

    setup_test_environment()  # the test client's host is allowed
    settings.ALLOWED_HOSTS = ["testserver"]
    published = Article.objects.published().recent()
    articles = list(published.exclude(cover_image="")[: args.repeat + 1]) or list(
        published[: args.repeat + 1]
    )
    category = Category.objects.filter(is_active=True, parent=None).first()
    pages = {
        "home": ["/"],
        "category": [category.get_absolute_url()],
        "article": [articles[0].get_absolute_url()],
    }
    if args.distinct:
        pages["article"] = [a.get_absolute_url() for a in articles]
    client = Client()
    calls: Counter = Counter()
    count_cache_calls(cache, calls)
    for name, urls in pages.items():
        url = urls[0]
        assert client.get(url).status_code == 200, url  # warm-up
        calls.clear()
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            profiler.enable()
            for n in range(args.repeat):
                client.get(urls[(n + 1) % len(urls)] if len(urls) > 1 else url)
            profiler.disable()
            elapsed = time.perf_counter() - started
        print(
            f"\n=== {name} {url}: {elapsed / args.repeat * 1000:.1f} ms a request "
            "(under cProfile), "
            f"{sum(calls.values()) / args.repeat:.1f} cache operations "
            f"({', '.join(f'{k} {v / args.repeat:g}' for k, v in calls.most_common())}), "
            f"{len(queries) / args.repeat:.1f} SQL queries"
        )
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-4000:])
    if args.parts:
        time_parts(client, pages["article"], args.repeat)


PARTS = {  # (module, function) of the article page's parts, timed where articles.views calls them
    "the article's own query": ("articles.views", "published_article"),
    "end of the article (ids, then cards)": ("articles.widgets", "article_end"),
    "  of which: the cards (cache, query, rendering)": ("articles.widgets", "card_lists"),
    "template": ("articles.views", "render"),
    "metadata (title, Open Graph, JSON-LD)": ("articles.views", "article_meta"),
}


def time_parts(client, urls, repeat: int) -> None:
    """Each part's time per request (wrapped where it is looked up; no profiler), on articles not
    requested before (their cards not cached yet), then on the same ones again (cards cached)."""
    import importlib

    from django.conf import settings

    from articles.models import Article

    settings.PAGE_CACHE = False  # every request renders its page

    spent: Counter = Counter()
    for label, (module_name, name) in PARTS.items():
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def timed(*args, _original=original, _label=label, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += time.perf_counter() - started

        setattr(module, name, timed)
    fresh = [
        a.get_absolute_url()
        for a in Article.objects.published().recent()[100 : 100 + repeat]
        if a.get_absolute_url() not in urls
    ]
    for title in ("articles not requested before", "the same articles again (cards cached)"):
        spent.clear()
        started = time.perf_counter()
        for url in fresh:
            client.get(url)
        total = (time.perf_counter() - started) / len(fresh) * 1000
        print(f"\n=== article parts, {title}: {total:.1f} ms a request (test client included)")
        for label in PARTS:
            print(f"  {spent[label] / len(fresh) * 1000:6.2f} ms  {label}")


if __name__ == "__main__":
    main()
