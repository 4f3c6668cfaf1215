#!/usr/bin/env python3
"""The production layout on one machine, on loopback: for tests, benchmarks and trying things.

    python deploy/localstack.py render-nginx [options] > /etc/nginx/nginx.conf   # fill the template
    python deploy/localstack.py up --servers 2                                   # run a local stack

`render-nginx` fills the placeholders of deploy/nginx.conf (see its header and deploy/README.md);
the request-body caps come from portal/settings.py, read with the current environment, so they
follow IMAGE_UPLOAD_MAX_MB, MEDIA_IMAGE_MAX_MB and DOCUMENT_UPLOAD_MAX_MB.

`up` starts what a deployment runs, each on a free loopback port: a private Redis
(`redis-server --save '' --appendonly no`, or the one in --redis-url), N gunicorn servers
(`portal.wsgi`, 2 sync workers each, DEBUG=0, BEHIND_HTTPS_PROXY=1) on the project's database
(DATABASE_URL, or the embedded PostgreSQL), and nginx in front with the rendered deploy/nginx.conf
and a self-signed certificate; it prints the addresses and runs until Ctrl-C. Try it with curl:

    curl -skI https://127.0.0.1:<port>/ | grep -i -e x-micro-cache -e x-cache

The same pieces are used by tests/deploy/ as context managers (`RedisServer`, `AppServer`,
`Nginx`, `local_stack`): each child runs in its own process group, is stopped with its whole group
on exit (also when the test fails), and dies with the process that started it (PR_SET_PDEATHSIG),
so an interrupted test run leaves nothing listening.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import runpy
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
MIB = 1024 * 1024
# The key every local app server shares (signed tokens made by one are checked by another).
LOCAL_SECRET_KEY = "localstack-only-secret-key-never-used-in-production-" + "x" * 20


class StackError(RuntimeError):
    """A part of the local stack did not start; the message says which, with its log's tail."""


# --- Small helpers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before exec: its own process group, and SIGTERM when the parent dies."""
    os.setsid()
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _spawn(
    args: list[str], *, log: Path, env: dict | None = None, cwd: Path | None = None
) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            preexec_fn=_die_with_parent,
        )


def _stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
    """Stop a child and everything in its process group; SIGKILL if it does not go in time."""
    if process is None or process.poll() is not None and not _group_alive(process.pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + 2
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_for_port(
    port: int, process: subprocess.Popen, what: str, log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StackError(f"{what} stopped (exit code {process.returncode}):\n{_tail(log)}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.05)
    raise StackError(f"{what} did not listen on port {port} within {timeout:g} s:\n{_tail(log)}")


def program(name: str) -> str | None:
    """The path of a program, also in the sbin folders a non-root PATH often lacks."""
    return shutil.which(name) or next(
        (
            str(p)
            for d in ("/usr/sbin", "/usr/local/sbin", "/sbin")
            if (p := Path(d, name)).exists()
        ),
        None,
    )


# --- nginx.conf ----------------------------------------------------------------------------------


def render_nginx(values: dict[str, str], template: str | None = None) -> str:
    """deploy/nginx.conf with its placeholders filled. Comment lines (the header documenting the
    placeholders) are left as they are; every placeholder elsewhere must have a value, and every
    value must be used, so a typo never passes silently."""
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    used: set[str] = set()
    out = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            out.append(line)
            continue

        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name not in values:
                raise KeyError(f"deploy/nginx.conf: no value for {{{{ {name} }}}}")
            used.add(name)
            return str(values[name])

        out.append(PLACEHOLDER.sub(fill, line))
    unused = set(values) - used
    if unused:
        raise KeyError(f"deploy/nginx.conf has no placeholder {sorted(unused)}")
    return "".join(out)


def settings_values(names: list[str], environ: dict | None = None) -> dict:
    """Values of portal/settings.py as the app servers compute them from `environ` (default: this
    process's environment), without connecting to anything."""
    env = dict(os.environ if environ is None else environ)
    env.setdefault("SECRET_KEY", LOCAL_SECRET_KEY)
    env.setdefault("PUBLIC_BASE_URL", "https://localhost")
    env["DATABASE_URL"] = (
        env.get("DATABASE_URL") or "postgres://unused@127.0.0.1:1/unused"
    )  # never connected to
    with mock.patch.dict(os.environ, env, clear=True):
        module = runpy.run_path(str(ROOT / "portal" / "settings.py"))
    return {name: module[name] for name in names}


def body_caps_mb(environ: dict | None = None) -> tuple[int, int]:
    """(the app's general request-body cap, the media library's and editor upload's), in MB."""
    values = settings_values(["REQUEST_BODY_MAX_BYTES", "MEDIA_REQUEST_BODY_MAX_BYTES"], environ)
    general = -(-values["REQUEST_BODY_MAX_BYTES"] // MIB)
    return general, max(general, -(-values["MEDIA_REQUEST_BODY_MAX_BYTES"] // MIB))


def upstream_lines(addresses: list[str]) -> str:
    return "\n        ".join(f"server {a} max_fails=3 fail_timeout=10s;" for a in addresses)


def listen_lines(addresses: list[str], *, tls: bool) -> str:
    extra = " ssl http2" if tls else ""
    return "\n        ".join(f"listen {a}{extra} default_server;" for a in addresses)


def nginx_values(
    *,
    upstreams: list[str],
    server_name: str,
    ssl_certificate: str,
    ssl_certificate_key: str,
    static_root: str,
    media_root: str,
    cache_dir: str,
    http_listen: list[str],
    https_listen: list[str],
    log_dir: str = "/var/log/nginx",
    temp_dir: str = "/var/lib/nginx",
    mime_types: str = "/etc/nginx/mime.types",
    user: str | None = "www-data",
    environ: dict | None = None,
) -> dict[str, str]:
    body, media = body_caps_mb(environ)
    return {
        "user_directive": f"user {user};" if user else "",
        "log_dir": log_dir.rstrip("/"),
        "temp_dir": temp_dir.rstrip("/"),
        "mime_types": mime_types,
        "upstream_servers": upstream_lines(upstreams),
        "http_listen": listen_lines(http_listen, tls=False),
        "https_listen": listen_lines(https_listen, tls=True),
        "server_name": server_name,
        "ssl_certificate": ssl_certificate,
        "ssl_certificate_key": ssl_certificate_key,
        "static_root": str(static_root).rstrip("/"),
        "media_root": str(media_root).rstrip("/"),
        "cache_dir": str(cache_dir).rstrip("/"),
        "body_max_mb": str(body),
        "media_body_max_mb": str(media),
    }


# --- Redis ---------------------------------------------------------------------------------------


class RedisServer:
    """A private redis-server on a free port: no persistence, gone when stopped."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.key_prefix = "portal"
        self.log = self.directory / "redis.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> RedisServer:
        binary = program("redis-server")
        if binary is None:
            raise StackError(
                "redis-server not found: install it (Debian: apt-get install redis-server)"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = _spawn(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--daemonize",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "volatile-lru",
            ],
            log=self.log,
        )
        _wait_for_port(self.port, self.process, "redis-server", self.log, 10)
        deadline = time.monotonic() + 10
        while self._command("PING") != b"+PONG" and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def _command(self, *words: str) -> bytes:
        payload = f"*{len(words)}\r\n" + "".join(f"${len(w.encode())}\r\n{w}\r\n" for w in words)
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as conn:
                conn.sendall(payload.encode())
                return conn.recv(1024).strip()
        except OSError:
            return b""

    def flush(self) -> None:
        """Forget everything (a new test starts with an empty cache)."""
        if self._command("FLUSHALL") != b"+OK":
            raise StackError("redis-server did not flush")

    def __exit__(self, *exc) -> None:
        _stop(self.process)
        self.process = None


class SharedRedis:
    """An existing Redis (REDIS_URL) used by the stack under a key prefix of its own, in another
    database number than the caller's, so that the caller's cache is left alone."""

    def __init__(self, url: str, db: int = 13):
        parts = urllib.parse.urlsplit(url)
        self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{db}"))
        self.key_prefix = f"localstack-{uuid.uuid4().hex[:10]}"

    def __enter__(self) -> SharedRedis:
        self._client().ping()
        return self

    def _client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=5)

    def flush(self) -> None:
        client = self._client()
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):
            self.flush()


def redis_for_stack(directory: Path, redis_url: str | None = None):
    """A private redis-server when the program exists, else the Redis of `redis_url` (a separate
    database and key prefix); StackError when there is neither."""
    if program("redis-server"):
        return RedisServer(directory)
    if redis_url:
        return SharedRedis(redis_url)
    raise StackError(
        "redis-server not found and REDIS_URL unset: "
        "install it (Debian: apt-get install redis-server)"
    )


# --- The app servers -----------------------------------------------------------------------------


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for Django's connection settings (a socket folder in HOST is %-encoded, as
    dj-database-url reads it)."""
    user = urllib.parse.quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = user + (":" + urllib.parse.quote(str(password), safe="") if password else "")
    host = urllib.parse.quote(settings_dict.get("HOST") or "127.0.0.1", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{urllib.parse.quote(settings_dict['NAME'], safe='')}"


# Variables of the calling process that must not leak into the app servers' settings.
_NOT_INHERITED = (
    "DATABASE_URL",
    "REDIS_URL",
    "TEST_DATABASE_NAME",
    "DJANGO_SETTINGS_MODULE",
    "CACHE_KEY_PREFIX",
)


def app_environment(
    *,
    database_url: str,
    redis_url: str,
    key_prefix: str,
    public_base_url: str,
    media_root: Path,
    static_root: Path,
    extra: dict | None = None,
) -> dict[str, str]:
    """What a deployment's /etc/portal/env holds, for a local app server."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _NOT_INHERITED and not k.startswith("PYTEST_")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": LOCAL_SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": key_prefix,
            "PUBLIC_BASE_URL": public_base_url,
            "BEHIND_HTTPS_PROXY": "1",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_MANIFEST": "0",
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(static_root),
            "FEEDBACK_NOTIFY": "off",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "PYTHONWARNINGS": "ignore:No directory at",
        }
    )
    env.update(extra or {})
    return env


def gunicorn_program() -> str:
    candidate = Path(sys.executable).with_name("gunicorn")
    if candidate.exists():
        return str(candidate)
    fallback = ROOT / ".venv" / "bin" / "gunicorn"
    if fallback.exists():
        return str(fallback)
    raise StackError("gunicorn not found: run `make setup` (it installs the project into .venv)")


class AppServer:
    """One gunicorn (`portal.wsgi`, sync workers) on a free loopback port."""

    def __init__(
        self, env: dict[str, str], directory: Path, *, workers: int = 2, name: str = "app"
    ):
        self.env = env
        self.directory = Path(directory)
        self.workers = workers
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.address = f"127.0.0.1:{self.port}"
        self.log = self.directory / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> AppServer:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = _spawn(
            [
                gunicorn_program(),
                "portal.wsgi:application",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--bind",
                self.address,
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            log=self.log,
            env=self.env,
            cwd=ROOT,
        )
        return self

    def wait_until_up(self, timeout: float = 60) -> None:
        import http.client

        assert self.process is not None
        _wait_for_port(self.port, self.process, f"gunicorn {self.name}", self.log, timeout)
        deadline = time.monotonic() + timeout
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                conn.request("GET", "/healthz")
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status == 200:
                    return
                problem = f"/healthz answered {response.status}"
            except OSError as error:
                problem = str(error)
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise StackError(
                    f"gunicorn {self.name} is not healthy ({problem}):\n{_tail(self.log)}"
                )
            time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        _stop(self.process, timeout=10)
        self.process = None


# --- nginx ---------------------------------------------------------------------------------------


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    certificate, key = directory / "cert.pem", directory / "key.pem"
    openssl = program("openssl")
    if openssl is None:
        raise StackError("openssl not found: install it (Debian: apt-get install openssl)")
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


class Nginx:
    """nginx with the rendered deploy/nginx.conf in front of `upstreams`, on free loopback ports."""

    def __init__(
        self,
        directory: Path,
        *,
        upstreams: list[str],
        static_root: Path,
        media_root: Path,
        server_name: str = "127.0.0.1 localhost",
        app_environ: dict | None = None,
    ):
        self.directory = Path(directory)
        self.upstreams = upstreams
        self.static_root = Path(static_root)
        self.media_root = Path(media_root)
        self.server_name = server_name
        self.app_environ = app_environ
        self.http_port, self.https_port = free_port(), free_port()
        self.http_url = f"http://127.0.0.1:{self.http_port}"
        self.https_url = f"https://127.0.0.1:{self.https_port}"
        self.conf = self.directory / "nginx.conf"
        self.log = self.directory / "logs" / "error.log"
        self.process: subprocess.Popen | None = None

    def render(self) -> str:
        for sub in ("logs", "temp", "cache"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        certificate, key = self_signed_certificate(self.directory)
        values = nginx_values(
            upstreams=self.upstreams,
            server_name=self.server_name,
            ssl_certificate=str(certificate),
            ssl_certificate_key=str(key),
            static_root=str(self.static_root),
            media_root=str(self.media_root),
            cache_dir=str(self.directory / "cache"),
            http_listen=[f"127.0.0.1:{self.http_port}"],
            https_listen=[f"127.0.0.1:{self.https_port}"],
            log_dir=str(self.directory / "logs"),
            temp_dir=str(self.directory / "temp"),
            user="root" if os.geteuid() == 0 else None,
            environ=self.app_environ,
        )
        text = render_nginx(values)
        self.conf.write_text(text, encoding="utf-8")
        return text

    def _command(self) -> list[str]:
        binary = program("nginx")
        if binary is None:
            raise StackError("nginx not found: install it (Debian: apt-get install nginx)")
        return [
            binary,
            "-p",
            str(self.directory),
            "-c",
            str(self.conf),
            "-e",
            str(self.log),
            "-g",
            f"daemon off; pid {self.directory / 'nginx.pid'};",
        ]

    def __enter__(self) -> Nginx:
        self.render()
        check = subprocess.run(self._command() + ["-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise StackError(f"nginx -t refused {self.conf}:\n{check.stderr.strip()}")
        self.process = _spawn(self._command(), log=self.directory / "logs" / "nginx.out")
        _wait_for_port(self.https_port, self.process, "nginx", self.log, 10)
        return self

    def __exit__(self, *exc) -> None:
        _stop(self.process, signal.SIGTERM, timeout=10)
        self.process = None


def tls_context() -> ssl.SSLContext:
    """A client context that accepts the stack's self-signed certificate."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


# --- The whole stack -----------------------------------------------------------------------------


class Stack:
    def __init__(self, directory: Path, redis, apps: list[AppServer], nginx: Nginx | None):
        self.directory, self.redis, self.apps, self.nginx = directory, redis, apps, nginx


@contextlib.contextmanager
def local_stack(
    *,
    database_url: str,
    servers: int = 2,
    nginx: bool = True,
    redis_url: str | None = None,
    directory: Path | None = None,
    extra_env: dict | None = None,
    workers: int = 2,
    static_root: Path | None = None,
    media_root: Path | None = None,
) -> Iterator[Stack]:
    """Redis, `servers` gunicorns and (with `nginx`) nginx in front, all stopped on exit."""
    with contextlib.ExitStack() as stack:
        if directory is None:
            directory = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-stack-"))
            )
        directory = Path(directory)
        media_root = Path(media_root or directory / "media")
        static_root = Path(static_root or directory / "static")
        media_root.mkdir(parents=True, exist_ok=True)
        static_root.mkdir(parents=True, exist_ok=True)
        redis = stack.enter_context(redis_for_stack(directory / "redis", redis_url))
        https_port = free_port() if nginx else None
        public = f"https://127.0.0.1:{https_port}" if nginx else None
        apps = []
        for n in range(servers):
            app_dir = directory / f"app{n + 1}"
            env = app_environment(
                database_url=database_url,
                redis_url=redis.url,
                key_prefix=redis.key_prefix,
                public_base_url=public or "http://127.0.0.1",
                media_root=media_root,
                static_root=static_root,
                # nginx passes Host without the port (`$host`) and the stack's https port is not
                # 443, so the admin's CSRF check needs the public origin listed, as a
                # deployment lists its names.
                extra={**({"CSRF_TRUSTED_ORIGINS": public} if public else {}), **(extra_env or {})},
            )
            apps.append(AppServer(env, app_dir, workers=workers, name=f"app{n + 1}"))
        if not nginx:  # the first server's address is the site's, as readers would reach it
            for app in apps:
                app.env["PUBLIC_BASE_URL"] = apps[0].url
        for app in apps:
            stack.enter_context(app)
        for app in apps:
            app.wait_until_up()
        front = None
        if nginx:
            front = Nginx(
                directory / "nginx",
                upstreams=[a.address for a in apps],
                static_root=static_root,
                media_root=media_root,
                app_environ=apps[0].env,
            )
            front.https_port, front.https_url = https_port, public
            stack.enter_context(front)
        yield Stack(directory, redis, apps, front)


# --- Command line --------------------------------------------------------------------------------


def _render_command(args) -> None:
    values = nginx_values(
        upstreams=args.upstream,
        server_name=" ".join(args.server_name),
        ssl_certificate=args.ssl_certificate,
        ssl_certificate_key=args.ssl_certificate_key,
        static_root=args.static_root,
        media_root=args.media_root,
        cache_dir=args.cache_dir,
        http_listen=args.listen_http,
        https_listen=args.listen_https,
        log_dir=args.log_dir,
        temp_dir=args.temp_dir,
        mime_types=args.mime_types,
        user=args.user or None,
    )
    text = render_nginx(values)
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _project_database_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection

    return database_url(connection.settings_dict)


def _up_command(args) -> None:
    with local_stack(
        database_url=_project_database_url(),
        servers=args.servers,
        nginx=not args.no_nginx,
        redis_url=args.redis_url,
        workers=args.workers,
        static_root=Path(args.static_root) if args.static_root else ROOT / "static",
        media_root=Path(args.media_root) if args.media_root else ROOT / "media",
    ) as stack:
        print(f"redis   {stack.redis.url}")
        for app in stack.apps:
            print(f"{app.name:7} {app.url}   (log {app.log})")
        if stack.nginx:
            print(
                f"nginx   {stack.nginx.https_url}  ({stack.nginx.http_url} redirects; "
                f"conf {stack.nginx.conf})"
            )
        print("Ctrl-C stops everything.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            signal.signal(signal.SIGTERM, lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
            while True:
                time.sleep(3600)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)

    render = commands.add_parser(
        "render-nginx", help="print deploy/nginx.conf with its placeholders filled"
    )
    render.add_argument(
        "--upstream", action="append", required=True, help="host:port of an app server (repeat)"
    )
    render.add_argument(
        "--server-name", action="append", required=True, help="a name of the site (repeat)"
    )
    render.add_argument("--ssl-certificate", required=True)
    render.add_argument("--ssl-certificate-key", required=True)
    render.add_argument("--static-root", default="/srv/portal/staticfiles")
    render.add_argument("--media-root", default="/srv/portal/media")
    render.add_argument("--cache-dir", default="/var/cache/nginx/portal")
    render.add_argument(
        "--listen-http", action="append", default=None, help="default: 80 and [::]:80"
    )
    render.add_argument(
        "--listen-https", action="append", default=None, help="default: 443 and [::]:443"
    )
    render.add_argument("--log-dir", default="/var/log/nginx")
    render.add_argument("--temp-dir", default="/var/lib/nginx")
    render.add_argument("--mime-types", default="/etc/nginx/mime.types")
    render.add_argument(
        "--user", default="www-data", help="nginx's worker user ('' to leave it out)"
    )
    render.add_argument("-o", "--output", help="write here instead of standard output")

    up = commands.add_parser("up", help="run Redis, N gunicorns and nginx on loopback until Ctrl-C")
    up.add_argument("--servers", type=int, default=2)
    up.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per server")
    up.add_argument("--no-nginx", action="store_true")
    up.add_argument(
        "--redis-url", default=None, help="use this Redis when redis-server is not installed"
    )
    up.add_argument("--static-root", help="default: the project's static/ folder")
    up.add_argument("--media-root", help="default: the project's media/ folder")

    args = parser.parse_args(argv)
    if args.command == "render-nginx":
        args.listen_http = args.listen_http or ["80", "[::]:80"]
        args.listen_https = args.listen_https or ["443", "[::]:443"]
        _render_command(args)
    else:
        _up_command(args)


if __name__ == "__main__":
    main()
