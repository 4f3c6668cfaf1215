"""A breaking story: the page cache, the nginx micro-cache and the view beacon under load, against
the floor, in one run.

    .venv/bin/python bench/burst_bench.py                       # 100k database, 3 rounds of 10 s
    .venv/bin/python bench/burst_bench.py --articles 2000 --rounds 2 --seconds 5

It makes sure the bench database exists (bench/generate.py), then starts on loopback: a Redis of
its own (deploy/localstack.py: a private redis-server, else database 13 of REDIS_URL's server),
two gunicorn servers with 2 sync workers each and DEBUG off (bench.settings: the project's settings
plus the floor view /bench-floor/, a bare Django view returning a constant 30 KB page), one with the
page cache and one with PAGE_CACHE=0, and nginx with deploy/nginx.conf in front of the first
(skipped with a note where nginx is not installed). Targets take turns, --rounds times, each for
--seconds, all measured with wrk (2 threads, --connections connections):

- floor: /bench-floor/ on the app (through every middleware, no database, no template);
- article uncached: a different article at each request, PAGE_CACHE=0 (the render path);
- home uncached: the home page, PAGE_CACHE=0;
- article cached: one hot article from the app's page cache;
- article nginx: the same article through nginx's micro-cache, asked for as browsers do
  (Accept-Encoding: gzip, deflate, br: nginx keeps it compressed);
- nginx, no gzip: the same, from a client that asks for no compression (no target);
- beacon: POST /luot-xem/ for the hot article, each request from another client address (the
  address is taken from X-Forwarded-For here, as behind the proxy), so every one is counted.

After the run, an exactness pass (--exact-beacons, every answer read: wrk cannot say how many
were in flight when it stopped) sends beacons from new addresses; after `manage.py flush_views`
the hot article's total must have grown by exactly the number answered `"counted": true`. Last, the
peak memory (VmHWM) of every gunicorn worker. Targets (issue 11, ratios to the floor's req/s):
article cached >= 0.8x, article nginx >= 10x, article uncached >= 0.15x (issue 8), beacon >= 0.3x,
worker peak RSS < 100 MB.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_bench import (  # noqa: E402
    WRK_SCRIPT,
    article_paths,
    free_port,
    print_ratios,
    server_environment,
    start_gunicorn,
    wait_until_up,
)

from deploy.localstack import Nginx, program, redis_for_stack  # noqa: E402

TARGETS = {"article cached": 0.8, "article nginx": 10.0, "article uncached": 0.15, "beacon": 0.3}
RSS_LIMIT_MB = 100

BEACON_SCRIPT = """
local counter = 0
counted = 0
answered = 0
request = function()
  -- a new address at each request: 10.<round and thread>.<counter>, never repeated in a run
  counter = counter + 1
  local address = string.format("10.%%d.%%d.%%d", (%(offset)d + id) %% 256,
    math.floor(counter / 256) %% 256, counter %% 256)
  return wrk.format("POST", "/luot-xem/", {
    ["Content-Type"] = "application/json",
    ["Origin"] = "%(origin)s",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
Chrome/126.0 Safari/537.36",
    ["X-Forwarded-For"] = address,
  }, '{"token": "%(token)s"}')
end
response = function(status, headers, body)
  answered = answered + 1
  if string.find(body, '"counted": true', 1, true) then counted = counted + 1 end
end
local threads = {}
setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("counted") end
  io.write(string.format("BENCH %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("COUNTED %%d\\n", total))
end
"""


WRK_THREADS = 2  # wrk's own threads (one cannot drive nginx's micro-cache to its limit)
BROWSER_ENCODING = "Accept-Encoding: gzip, deflate, br"  # what every browser sends


def wrk(base: str, script: str, seconds: float, connections: int, headers=()) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "bench.lua")
        path.write_text(script)
        out = subprocess.run(
            [
                "wrk",
                f"-t{WRK_THREADS}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                *(arg for header in headers for arg in ("-H", header)),
                "-s",
                str(path),
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    requests, duration_us, p50_us, p99_us, errors = map(
        int, re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.M).groups()
    )
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    counted = re.search(r"^COUNTED (\d+)$", out, re.M)
    return {
        "requests": requests,
        "seconds": duration_us / 1e6,
        "p50": p50_us / 1000,
        "p99": p99_us / 1000,
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
        "counted": int(counted.group(1)) if counted else 0,
    }


def paths_script(paths: list[str], tmp: Path) -> str:
    listing = tmp / f"paths-{len(paths)}-{abs(hash(paths[0]))}.txt"
    listing.write_text("\n".join(paths) + "\n")
    return WRK_SCRIPT % {"paths": listing}


def exact_pass(base: str, token: str, total: int, threads: int = 16) -> int:
    """`total` beacons for one article, each from a new address, every answer read: how many
    were answered "counted"."""
    import http.client
    import threading
    import urllib.parse

    host = urllib.parse.urlsplit(base).netloc
    counted, lock, numbers = [0], threading.Lock(), iter(range(total))

    def worker():
        while True:
            with lock:
                n = next(numbers, None)
            if n is None:
                return
            connection = http.client.HTTPConnection(host, timeout=30)
            connection.request(
                "POST",
                "/luot-xem/",
                body=json.dumps({"token": token}),
                headers={
                    "Content-Type": "application/json",
                    "Origin": base,
                    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
                    "X-Forwarded-For": f"172.{16 + n // 65536 % 16}.{n // 256 % 256}.{n % 256}",
                },
            )
            answer = json.loads(connection.getresponse().read())
            connection.close()
            if answer.get("counted"):
                with lock:
                    counted[0] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return counted[0]


def worker_peak_rss_mb(master_pid: int) -> list[float]:
    """VmHWM of the gunicorn master's children (its workers), in MB."""
    peaks = []
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--connections", type=int, default=16, help="wrk connections (a burst has many readers)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--exact-beacons", type=int, default=3000, help="beacons of the exactness pass"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("burst_bench needs wrk: apt-get install wrk")

    from generate import default_database_name, prepare

    name = default_database_name(args.articles)
    prepare(args.articles, name=name)
    paths = article_paths(2000)
    hot = paths[0]
    tmp = Path(tempfile.mkdtemp(prefix="burst-bench-"))
    stack = contextlib.ExitStack()
    # a private redis-server (else database 13 of REDIS_URL's server, under a prefix of its own)
    redis = stack.enter_context(redis_for_stack(tmp / "redis", os.environ.get("REDIS_URL")))
    cached_port, uncached_port = free_port(), free_port()
    base, uncached_base = f"http://127.0.0.1:{cached_port}", f"http://127.0.0.1:{uncached_port}"
    env = server_environment(
        base,
        name,
        CSRF_TRUSTED_ORIGINS=base,
        REDIS_URL=redis.url,
        CACHE_KEY_PREFIX=redis.key_prefix,
        FEEDBACK_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR",  # the simulated readers' addresses
        VIEW_MAX_PER_HOUR="1000000",
    )
    servers = [
        start_gunicorn(env, cached_port, args.workers),
        start_gunicorn({**env, "PAGE_CACHE": "0"}, uncached_port, args.workers),
    ]
    nginx = None
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    try:
        wait_until_up(base, servers[0])
        wait_until_up(uncached_base, servers[1])
        nginx_base = None
        if program("nginx"):
            (tmp / "nginx").mkdir()
            nginx = Nginx(
                tmp / "nginx",
                upstreams=[f"127.0.0.1:{cached_port}"],
                static_root=ROOT / "static",
                media_root=ROOT / "media",
                app_environ=env,
            )
            nginx.__enter__()
            nginx_base = nginx.https_url
        with urllib.request.urlopen(base + hot) as response:
            page = response.read().decode()
        token = re.search(r'data-view-token="([^"]+)"', page).group(1)
        from articles.models import Article

        hot_pk = int(re.search(r"-(\d+)\.html$", hot).group(1))
        targets = {  # (address, wrk script, headers)
            "floor": (base, paths_script(["/bench-floor/"], tmp), ()),
            "article uncached": (uncached_base, paths_script(paths, tmp), ()),
            "home uncached": (uncached_base, paths_script(["/"], tmp), ()),
            "article cached": (base, paths_script([hot], tmp), ()),
            "beacon": (base, None, ()),  # a script per round: new addresses each time
        }
        if nginx_base:
            # as browsers ask for it (gzip), and, for comparison, as a client that asks for no
            # compression (curl without --compressed, wrk's default): no target of its own
            targets["article nginx"] = (nginx_base, paths_script([hot], tmp), (BROWSER_ENCODING,))
            targets["nginx, no gzip"] = (nginx_base, paths_script([hot], tmp), ())
        for target, (url, script, headers) in targets.items():
            if target != "beacon":  # warm-up: every worker, every template
                wrk(url, script, 2, args.connections, headers)
        runs = {target: [] for target in targets}
        for number in range(args.rounds):
            for target, (url, script, headers) in targets.items():
                if target == "beacon":
                    script = BEACON_SCRIPT % {
                        "origin": base,
                        "token": token,
                        "offset": 1 + number * WRK_THREADS,
                    }
                runs[target].append(wrk(url, script, args.seconds, args.connections, headers))
        peaks = worker_peak_rss_mb(servers[0].pid) + worker_peak_rss_mb(servers[1].pid)
        # Exactness: wrk cannot tell how many beacons were still in flight when it stopped, so the
        # count is checked on a separate pass whose every answer is read.
        flush_command = [sys.executable, "manage.py", "flush_views"]
        flush_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings"}
        subprocess.run(flush_command, cwd=ROOT, env=flush_env, check=True, capture_output=True)
        before = Article.objects.get(pk=hot_pk).view_count
        counted = exact_pass(base, token, args.exact_beacons)
        flush = subprocess.run(
            flush_command,
            cwd=ROOT,
            env=flush_env,
            capture_output=True,
            text=True,
        )
        after = Article.objects.get(pk=hot_pk).view_count
    finally:
        if nginx is not None:
            nginx.__exit__(None, None, None)
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        stack.close()
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"\nburst_bench, started {started}: {name} ({args.articles:,} articles), 2 gunicorn "
        f"servers x {args.workers} sync workers, DEBUG=0, Redis, wrk with {args.connections} "
        f"connections, {args.rounds} rounds x {args.seconds} s per target, interleaved"
    )
    verdicts = print_ratios(runs, TARGETS)
    if "article nginx" not in runs:
        print("article nginx: not measured (nginx is not installed: apt-get install nginx)")
    sent, answered_counted = (
        sum(r["requests"] for r in runs["beacon"]),
        sum(r["counted"] for r in runs["beacon"]),
    )
    print(
        f"\nbeacon runs: {sent:,} requests, {answered_counted:,} answered 'counted' (every one a "
        "new reader)"
    )
    exact = after - before == counted
    print(
        f"exactness pass: {args.exact_beacons:,} beacons from as many addresses, {counted:,} "
        f"answered 'counted'; article total before {before:,}, after flush {after:,} "
        f"(+{after - before:,}): {'exact' if exact else 'NOT EXACT'}"
        + ("" if flush.returncode == 0 else f" (flush_views failed: {flush.stderr.strip()[-300:]})")
    )
    peak = max(peaks, default=0)
    print(
        f"worker peak RSS: {', '.join(f'{p:.0f}' for p in peaks)} MB; largest {peak:.0f} MB "
        f"(< {RSS_LIMIT_MB} MB: {'met' if peak < RSS_LIMIT_MB else 'NOT MET'})"
    )
    verdicts += [exact, peak < RSS_LIMIT_MB]
    print("Targets:", "MET" if all(verdicts) else "NOT MET")


if __name__ == "__main__":
    main()
