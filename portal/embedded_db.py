"""The embedded PostgreSQL that runs when DATABASE_URL is unset.

`make run`, `make test` and every `manage.py` command share one server under `.data/postgres`
(the `pgserver` wheel ships the PostgreSQL binaries). The server is started on first use, keeps
running after the command ends, and listens only on a Unix socket, so it never takes a port.

We drive those binaries (initdb, pg_ctl) ourselves rather than through `pgserver.get_server()`:
its list of the processes using the server (`.handle_pids.json`) is rewritten in place by every
command, so a command killed at the wrong moment left it empty and every later one failed. A
server that is never stopped when a command ends needs no such list. What it needs instead is
one lock, `.data/postgres.lock`, held while a command checks, creates and starts the server, so
commands started together start it once; the kernel drops the lock of a killed command.
"""

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import subprocess
import time
import warnings
from pathlib import Path

DATABASE_NAME = "portal"
# When root, PostgreSQL (which refuses to run as root) runs as this user, as pgserver does.
SYSTEM_USER = "pgserver"
START_SECONDS = 60


def _fail(message: str) -> None:
    # One line, not a traceback: this runs while settings are imported, before logging exists.
    raise SystemExit(f"Embedded PostgreSQL: {message}")


def _import_pgserver() -> None:
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); pgserver copes.
            warnings.simplefilter("ignore")
            import pgserver  # noqa: F401
    except ImportError:
        _fail(
            "the pgserver package is missing; run `make run` (it installs it into .venv) "
            "or set DATABASE_URL."
        )
    # pgserver logs a failed command with its whole output; before Django configures logging
    # that would reach stderr ahead of our one line, which already names the log to read.
    logger = logging.getLogger("pgserver")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def _free_bytes(path: Path) -> int:
    probe = path
    while not probe.exists():
        probe = probe.parent
    return shutil.disk_usage(probe).free


def database_settings(data_dir: Path) -> dict:
    """Start the embedded server if needed and return Django's DATABASES["default"] for it."""
    _import_pgserver()
    if _free_bytes(data_dir) < 200 * 1024 * 1024:
        _fail(
            f"less than 200 MB free on the disk holding {data_dir}; "
            "free some space or set DATABASE_URL."
        )
    data_dir = data_dir.resolve()
    try:
        with _lock(data_dir):
            # Left by pgserver's bookkeeping, which we no longer use. Removed rather than left:
            # an older checkout reads a missing file as an empty list, a damaged one as a crash.
            with contextlib.suppress(OSError):
                (data_dir / ".handle_pids.json").unlink()
            socket_dir, port = _running_server(data_dir)
            _ensure_database(socket_dir, port)
    except PermissionError as exc:
        _fail(
            f"no permission to use {exc.filename or data_dir}; fix its owner or set DATABASE_URL."
        )
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            _fail(f"the disk holding {data_dir} is full; free some space or set DATABASE_URL.")
        _fail(f"could not start ({exc}); see {data_dir / 'log'} or set DATABASE_URL.")
    except Exception as exc:  # CalledProcessError, TimeoutExpired, psycopg2's errors
        last = _last_log_line(data_dir / "log")
        _fail(f"could not start ({type(exc).__name__}: {last}); see {data_dir / 'log'}.")

    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": port,
    }


def stop_server(data_dir: Path) -> None:
    """Stop the server if it runs (`make clean-data`)."""
    _import_pgserver()
    from pgserver._commands import pg_ctl

    data_dir = data_dir.resolve()
    if not data_dir.parent.is_dir():
        return
    with _lock(data_dir):
        pid = _postmaster_pid(data_dir)
        # pg_ctl signals whatever process postmaster.pid names; make sure it is our server.
        if pid is not None and _is_postmaster(pid, data_dir):
            args = ["-w", "-t", str(START_SECONDS), "stop"]
            pg_ctl(args, pgdata=data_dir, cwd=data_dir, timeout=2 * START_SECONDS, **_as_server())


@contextlib.contextmanager
def _lock(data_dir: Path):
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(data_dir.with_name(f"{data_dir.name}.lock"), "a") as lock:
        # Long enough for another command's initdb and start, each with its own time limit.
        deadline = time.monotonic() + 3 * START_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    message = "another command held the server's lock for 3 minutes"
                    raise TimeoutError(message) from None
                time.sleep(0.05)
        yield  # closing the file releases the lock


def _running_server(data_dir: Path) -> tuple[str, str]:
    """Start the server unless it runs; return its socket directory and port."""
    import psutil

    if not (data_dir / "PG_VERSION").exists():
        _create(data_dir)
    deadline = time.monotonic() + START_SECONDS
    unreadable_since = None
    while time.monotonic() < deadline:
        try:
            lines = (data_dir / "postmaster.pid").read_text().splitlines()
        except FileNotFoundError:
            _start(data_dir)
            continue
        pid = _postmaster_pid(data_dir, lines)
        if pid is None:
            # PostgreSQL writes the file in one go, so it is unreadable only for an instant,
            # unless a crash (power cut, full disk) left it so; then PostgreSQL refuses to
            # start ("bogus data in lock file") until it is removed.
            unreadable_since = unreadable_since or time.monotonic()
            if time.monotonic() - unreadable_since > 2:
                (data_dir / "postmaster.pid").unlink(missing_ok=True)
        elif not _is_postmaster(pid, data_dir):
            # A stale file. PostgreSQL replaces it itself when its pid is free, but refuses to
            # start when the pid has been reused, as after a reboot or a container restart.
            if psutil.pid_exists(pid):
                (data_dir / "postmaster.pid").unlink(missing_ok=True)
            _start(data_dir)
            continue
        elif len(lines) >= 8 and lines[7].strip() == "ready":
            return lines[4].strip(), lines[3].strip()
        # Otherwise a server is starting, e.g. one whose command was killed mid-start.
        time.sleep(0.1)
    raise TimeoutError(f"the server did not become ready in {START_SECONDS} seconds")


def _create(data_dir: Path) -> None:
    """Run initdb in a side directory and rename it into place, so a killed initdb leaves no
    half-made data directory that could never start."""
    from pgserver._commands import initdb

    as_server = _as_server()
    # One side directory per command, and the initdb of a command killed mid-start (it runs
    # on without its parent) is stopped before its directory is removed.
    for leftover in data_dir.parent.glob(f"{data_dir.name}.new-*"):
        _kill_processes_using(leftover, {"initdb", "postgres"})
        shutil.rmtree(leftover, ignore_errors=True)
    staging = data_dir.with_name(f"{data_dir.name}.new-{os.getpid()}")
    staging.mkdir()
    if as_server:
        _give_to_server_user(staging)
    initdb(
        ["--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", "postgres"],
        pgdata=staging,
        cwd=staging,
        timeout=2 * START_SECONDS,
        **as_server,
    )
    # A server whose data directory was deleted under it runs on, writing into files that no
    # longer exist; pgserver stopped such leftovers too.
    _kill_processes_using(data_dir, {"postgres"})
    if data_dir.exists():
        # Without PG_VERSION it holds no database: only the log of an earlier failed start.
        shutil.rmtree(data_dir)
    staging.rename(data_dir)


def _kill_processes_using(path: Path, names: set[str]) -> None:
    """Kill the processes named path on their command line, and their children (initdb's
    postgres, which only inherits the path)."""
    import psutil

    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        if proc.info["name"] in names and str(path) in (proc.info["cmdline"] or []):
            with contextlib.suppress(psutil.Error):
                found += [proc, *proc.children(recursive=True)]
    for proc in found:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(found, timeout=10)


def _start(data_dir: Path) -> None:
    from pgserver._commands import pg_ctl
    from pgserver.postgres_server import PostgresServer
    from pgserver.utils import ensure_prefix_permissions, find_suitable_socket_dir

    as_server = _as_server()
    # The socket sits in the data directory unless that path is too long for a Unix socket.
    socket_dir = find_suitable_socket_dir(data_dir, PostgresServer.runtime_path)
    if as_server:
        _give_to_server_user(data_dir)
        if socket_dir != data_dir:
            ensure_prefix_permissions(socket_dir)
            socket_dir.chmod(0o777)
    args = ["-w", "-t", str(START_SECONDS), "-l", str(data_dir / "log")]
    # -h "": no TCP at all, the server listens only on its Unix socket.
    args += ["-o", '-h ""', "-o", f'-k "{socket_dir}"', "start"]
    try:
        pg_ctl(args, pgdata=data_dir, cwd=data_dir, timeout=2 * START_SECONDS, **as_server)
    except subprocess.CalledProcessError:
        # A server started by a command killed mid-start may have beaten ours to
        # postmaster.pid: wait for that one rather than fail.
        pid = _postmaster_pid(data_dir)
        if pid is None or not _is_postmaster(pid, data_dir):
            raise


def _postmaster_pid(data_dir: Path, lines: list[str] | None = None) -> int | None:
    try:
        if lines is None:
            lines = (data_dir / "postmaster.pid").read_text().splitlines()
        return int(lines[0])
    except (OSError, IndexError, ValueError):
        return None


def _is_postmaster(pid: int, data_dir: Path) -> bool:
    import psutil

    try:
        proc = psutil.Process(pid)
        return proc.name() == "postgres" and str(data_dir) in proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _as_server() -> dict:
    return {"user": SYSTEM_USER} if os.geteuid() == 0 else {}


def _give_to_server_user(path: Path) -> None:
    """As root, let the server's user reach the binaries and own its data directory."""
    import stat

    from pgserver._commands import POSTGRES_BIN_PATH
    from pgserver.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    user = ensure_user_exists(SYSTEM_USER)
    for target in (path, POSTGRES_BIN_PATH):
        ensure_prefix_permissions(target)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
    os.chown(path, user.pw_uid, user.pw_gid)


def _last_log_line(log: Path) -> str:
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no server log"
    return lines[-1] if lines else "empty server log"


def _ensure_database(socket_dir: str, port: str) -> None:
    import psycopg2

    conn = psycopg2.connect(
        dbname="postgres", user="postgres", host=socket_dir, port=port or None, connect_timeout=10
    )
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        conn.close()
