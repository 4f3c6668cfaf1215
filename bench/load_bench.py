"""HTTP load on gunicorn at 100,000 articles: the article page and the home page against a floor.

    .venv/bin/python bench/load_bench.py                     # 100k database, 3 rounds of 3 x 10 s
    .venv/bin/python bench/load_bench.py --rounds 5 --seconds 15 --connections 4
    .venv/bin/python bench/load_bench.py --articles 2000     # the same against portal_bench_2k

It makes sure the bench database exists (bench/generate.py: migrated, generated if missing;
BENCH_DATABASE_NAME overrides its name), then starts gunicorn with 2 sync workers, DEBUG=0 and
the production settings (SECRET_KEY, ALLOWED_HOSTS, PUBLIC_BASE_URL=http://127.0.0.1:PORT,
SECURE_SSL_REDIRECT=0, STATIC_MANIFEST=0), DJANGO_SETTINGS_MODULE=bench.settings (the project's
settings with bench/urls.py, which adds /bench-floor/: a bare Django view returning a constant
30 KB page) and DATABASE_URL pointing at the bench database (the embedded server's socket, or
DATABASE_URL's server when it is set). The cache is each worker's local memory (REDIS_URL is
passed on when set).

Three targets take turns, --rounds times, each for --seconds (so the machine's load falls on all
three alike): the floor; the article page, a different article at each request; the home page.
The page cache is off (PAGE_CACHE=0), so every page is rendered (widget caches stay warm, as in
production); bench/burst_bench.py measures pages served from the page cache and from nginx. The load
comes from wrk (`apt-get install wrk`) with --connections connections; without wrk, from a small
Python client with as many threads. It prints per target the requests per second, p50 and p99
latency (medians over the rounds), non-2xx answers, and the ratio of its requests per second to
the floor's, with the targets: article page >= 0.15x the floor, home >= 0.10x.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGETS = {"article": 0.15, "home": 0.10}

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local n = math.random(#paths)
request = function()
  n = n %% #paths + 1
  return wrk.format("GET", paths[n])
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(name: str) -> str:
    """DATABASE_URL for the gunicorn process: DATABASE_URL's server if set, else the embedded
    one."""
    if os.environ.get("DATABASE_URL"):
        parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        return urllib.parse.urlunsplit(parts._replace(path="/" + name))
    from django.conf import settings

    db = settings.DATABASES["default"]
    host = urllib.parse.quote(db["HOST"], safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{db.get('USER') or 'postgres'}@{host}{port}/{name}"


def article_paths(count: int) -> list[str]:
    from articles.models import Article

    rng = random.Random(15)
    ids = list(Article.objects.published().values_list("pk", flat=True))
    picked = Article.objects.select_related("category").in_bulk(
        rng.sample(ids, min(count, len(ids)))
    )
    return [article.get_absolute_url() for article in picked.values()]


def run_wrk(base: str, paths: list[str], seconds: float, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        listing, script = Path(tmp, "paths.txt"), Path(tmp, "bench.lua")
        listing.write_text("\n".join(paths) + "\n")
        script.write_text(WRK_SCRIPT % {"paths": listing})
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.M)
    requests, duration_us, p50_us, p99_us, errors = map(int, match.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": requests,
        "seconds": duration_us / 1e6,
        "p50": p50_us / 1000,
        "p99": p99_us / 1000,
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def run_threads(base: str, paths: list[str], seconds: float, connections: int) -> dict:
    """The fallback load tool: `connections` threads, each with its own keep-alive connection."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    latencies, errors, lock = [], [0], threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(offset):
        conn, n = None, offset
        while time.perf_counter() < stop:
            n += 1
            started = time.perf_counter()
            try:
                conn = conn or http.client.HTTPConnection(host, int(port), timeout=10)
                conn.request("GET", paths[n % len(paths)])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except OSError:
                ok, conn = False, None
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors[0] += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n * 997,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "seconds": time.perf_counter() - started,
        "p50": ordered[len(ordered) // 2],
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "errors": errors[0],
    }


def print_ratios(runs: dict, targets: dict, sizes: dict | None = None) -> list[bool]:
    """The table of req/s, p50, p99, errors and ratio to runs["floor"] (with the page size when
    `sizes` is given), each target's verdict; returns the verdicts."""
    width = max(len(target) for target in runs) + 1
    size_head = f" {'KB':>5}" if sizes else ""
    head = (
        f"{'target':{width}}{size_head} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'x floor':>8}  target"
    )
    print("\n" + head + "\n" + "-" * len(head))
    rates = {
        t: sum(r["requests"] for r in rs) / sum(r["seconds"] for r in rs) for t, rs in runs.items()
    }
    verdicts = []
    for target, results in runs.items():
        ratio = rates[target] / rates["floor"]
        goal = targets.get(target)
        verdict = "" if goal is None else f">= {goal:g}x {'met' if ratio >= goal else 'NOT MET'}"
        if goal is not None:
            verdicts.append(ratio >= goal)
        size = f" {sizes[target] / 1024:>5.1f}" if sizes else ""
        print(
            f"{target:{width}}{size} {rates[target]:>9.1f} "
            f"{statistics.median(r['p50'] for r in results):>8.2f} "
            f"{statistics.median(r['p99'] for r in results):>8.2f} "
            f"{sum(r['errors'] for r in results):>7} "
            f"{ratio:>7.2f}x  {verdict}"
        )
    return verdicts


def server_environment(base: str, database: str, **extra: str) -> dict:
    """The environment of a benchmark's gunicorn: production settings (DEBUG off) with the floor
    view (bench.settings), answering at `base`, on the bench database `database`; `extra` on top."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": base,
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "DATABASE_URL": database_url(database),
        "PYTHONPATH": str(ROOT),
        # STATIC_ROOT is not collected for the benchmark
        "PYTHONWARNINGS": "ignore:No directory at",
        **extra,
    }
    env.pop("BENCH_DATABASE_NAME", None)
    return env


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    """gunicorn with `workers` sync workers on 127.0.0.1:`port`."""
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_until_up(base: str, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(base + "/bench-floor/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within a minute")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="turns each target takes")
    parser.add_argument("--seconds", type=int, default=10, help="length of one turn")
    parser.add_argument(
        "--connections", type=int, default=2, help="concurrent connections (wrk) or threads"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--python-client",
        action="store_true",
        help="use the Python client even if wrk is installed",
    )
    args = parser.parse_args()

    from generate import default_database_name, prepare

    name = default_database_name(args.articles)
    prepare(args.articles, name=name)
    paths = article_paths(2000)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_environment(base, name, PAGE_CACHE="0")  # the render path; burst_bench: the cache
    load = run_threads if args.python_client or not shutil.which("wrk") else run_wrk
    tool = "Python threads" if load is run_threads else "wrk"
    server = start_gunicorn(env, port, args.workers)
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    try:
        wait_until_up(base, server)
        targets = {"floor": ["/bench-floor/"], "article": paths, "home": ["/"]}
        sizes = {}
        for target, target_paths in targets.items():
            with urllib.request.urlopen(base + target_paths[0]) as response:
                sizes[target] = len(response.read())
            load(base, target_paths, 2, args.connections)  # warm-up: both workers, every template
        runs = {target: [] for target in targets}
        for _ in range(args.rounds):
            for target, target_paths in targets.items():
                runs[target].append(load(base, target_paths, args.seconds, args.connections))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"\nload_bench, started {started}: {name} ({args.articles:,} articles), gunicorn "
        f"{args.workers} sync workers, DEBUG=0, {tool} with {args.connections} connections, "
        f"{args.rounds} rounds x "
        f"{args.seconds:g} s per target, interleaved"
    )
    verdicts = print_ratios(runs, TARGETS, sizes)
    print(
        "\n(req/s over all rounds; p50 and p99: medians of the rounds' percentiles; errors: "
        "non-2xx and socket errors)"
    )
    print("Targets (article >= 0.15x floor, home >= 0.10x):", "MET" if all(verdicts) else "NOT MET")


if __name__ == "__main__":
    main()
