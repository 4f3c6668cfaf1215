"""Set-up behind `make run` and `make test`: database, migrations, demo content, free port.

Every failure ends in one line saying what went wrong and how to fix it, not a traceback.
"""

import argparse
import errno
import os
import socket
import sys


def fail(message: str) -> None:
    print(f"make: {message}", file=sys.stderr)
    raise SystemExit(1)


def check_port(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As runserver does: otherwise connections of a server just stopped, waiting out
        # TIME_WAIT, would make the port look taken for a minute. A listening socket still
        # makes the bind fail.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(
                    f"port {port} is already in use: stop the program using it, or run "
                    f"`make run PORT={port + 1}`."
                )
            if exc.errno == errno.EACCES:
                fail(
                    f"no permission to listen on port {port}: choose a port above 1024, e.g. "
                    "`make run PORT=8000`."
                )
            fail(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}).")


def prepare() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        fail(str(exc))

    from django.core.management import call_command
    from django.db import OperationalError, connection

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fail(
            f"cannot connect to the database ({first}); check DATABASE_URL, or unset it to use the "
            "embedded one."
        )
    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", verbosity=1)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            fail("the disk is full; free some space and run the command again.")
        if isinstance(exc, PermissionError):
            fail(f"no permission to write {exc.filename}; fix its owner or set MEDIA_ROOT.")
        raise


def stop_embedded() -> None:
    """Stop the embedded PostgreSQL (used by `make clean-data`)."""
    import subprocess
    from pathlib import Path

    from portal.embedded_db import stop_server

    root = Path(__file__).resolve().parent.parent
    data = Path(os.environ.get("DATA_DIR") or root / ".data") / "postgres"
    try:
        stop_server(data)
    except (OSError, subprocess.SubprocessError) as exc:
        fail(f"could not stop the embedded PostgreSQL ({exc}); see {data / 'log'}.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check-port", type=int)
    args = parser.parse_args()
    if args.check_port:
        check_port(args.check_port)
    else:
        prepare()


if __name__ == "__main__":
    main()
