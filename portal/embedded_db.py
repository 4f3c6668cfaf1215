"""The embedded PostgreSQL that runs when DATABASE_URL is unset.

`make run`, `make test` and every `manage.py` command share one server under `.data/postgres`
(the `pgserver` wheel ships the PostgreSQL binaries). The server is started on first use, keeps
running after the command ends, and listens only on a Unix socket, so it never takes a port.
"""

import errno
import shutil
import warnings
from pathlib import Path

DATABASE_NAME = "portal"


def _fail(message: str) -> None:
    # One line, not a traceback: this runs while settings are imported, before logging exists.
    raise SystemExit(f"Embedded PostgreSQL: {message}")


def _free_bytes(path: Path) -> int:
    probe = path
    while not probe.exists():
        probe = probe.parent
    return shutil.disk_usage(probe).free


def database_settings(data_dir: Path) -> dict:
    """Start the embedded server if needed and return Django's DATABASES["default"] for it."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); pgserver copes.
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError:
        _fail("the pgserver package is missing; run `make run` (it installs it into .venv) or set DATABASE_URL.")

    if _free_bytes(data_dir) < 200 * 1024 * 1024:
        _fail(f"less than 200 MB free on the disk holding {data_dir}; free some space or set DATABASE_URL.")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(data_dir, cleanup_mode=None)
    except PermissionError as exc:
        _fail(f"no permission to use {exc.filename or data_dir}; fix its owner or set DATABASE_URL.")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            _fail(f"the disk holding {data_dir} is full; free some space or set DATABASE_URL.")
        _fail(f"could not start ({exc}); see {data_dir / 'log'} or set DATABASE_URL.")
    except Exception as exc:  # pgserver raises CalledProcessError/TimeoutExpired with the log
        last = _last_log_line(data_dir / "log")
        _fail(f"could not start ({type(exc).__name__}: {last}); see {data_dir / 'log'}.")

    info = server.get_postmaster_info()
    _ensure_database(server, info)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }


def _last_log_line(log: Path) -> str:
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no server log"
    return lines[-1] if lines else "empty server log"


def _ensure_database(server, info) -> None:
    import psycopg2

    conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(info.socket_dir), port=info.port or None)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        conn.close()

