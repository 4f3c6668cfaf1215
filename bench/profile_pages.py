"""Profile the reader pages: where a request's time goes, and how many cache and SQL round trips.

    .venv/bin/python bench/profile_pages.py                 # the project's own database (demo)
    REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/profile_pages.py --top 15
    BENCH_DATABASE_NAME=portal_bench_100k .venv/bin/python bench/profile_pages.py --bench-db

Each page (home, a category, an article) is requested once to warm the caches (renditions,
widgets), then --repeat times under cProfile with Django's test client (templates rendered, as a
reader gets them). It prints, per page, the mean time per request, the cache operations and SQL
queries per request, and the --top functions by their own time.
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
os.environ.setdefault("DEBUG", "1")

CACHE_OPERATIONS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "get_or_set", "has_key")


def count_cache_calls(cache, counter: Counter) -> None:
    """Count the calls of the default cache's public operations (wrapping this one instance)."""
    for name in CACHE_OPERATIONS:
        original = getattr(cache, name)

        def wrapper(*args, _original=original, _name=name, **kwargs):
            counter[_name] += 1
            return _original(*args, **kwargs)

        setattr(cache, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--bench-db", action="store_true", help="use BENCH_DATABASE_NAME (see reader_bench)")
    args = parser.parse_args()

    if args.bench_db:
        import portal.settings as project_settings

        project_settings.DATABASES["default"]["NAME"] = os.environ.get("BENCH_DATABASE_NAME", "portal_bench_100k")
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
    article = Article.objects.published().exclude(cover_image="").recent().first()
    category = Category.objects.filter(is_active=True, parent=None).first()
    pages = {"home": "/", "category": category.get_absolute_url(), "article": article.get_absolute_url()}
    client = Client()
    calls: Counter = Counter()
    count_cache_calls(cache, calls)
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url  # warm-up
        calls.clear()
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            profiler.enable()
            for _ in range(args.repeat):
                client.get(url)
            profiler.disable()
            elapsed = time.perf_counter() - started
        print(
            f"\n=== {name} {url}: {elapsed / args.repeat * 1000:.1f} ms a request (under cProfile), "
            f"{sum(calls.values()) / args.repeat:.1f} cache operations "
            f"({', '.join(f'{k} {v / args.repeat:g}' for k, v in calls.most_common())}), "
            f"{len(queries) / args.repeat:.1f} SQL queries"
        )
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-4000:])


if __name__ == "__main__":
    main()
