"""Set-up failures end in one line that says what to do."""

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_taken_port_is_reported_in_one_line():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "portal.bootstrap", "--check-port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert f"port {port} is already in use" in result.stderr and f"PORT={port + 1}" in result.stderr


def test_a_free_port_passes():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = subprocess.run(
        [sys.executable, "-m", "portal.bootstrap", "--check-port", str(port)],
        cwd=ROOT,
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == 0


def test_a_port_whose_last_connections_wait_in_time_wait_passes():
    # `make run` right after stopping a server: the port is free, but the server's side of its
    # last connections waits out TIME_WAIT for a minute. runserver binds with SO_REUSEADDR, so
    # must the check.
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
    accepted.close()  # the side that closes first is the one left in TIME_WAIT
    assert client.recv(1) == b""
    client.close()

    result = subprocess.run(
        [sys.executable, "-m", "portal.bootstrap", "--check-port", str(port)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr


def test_an_unreachable_database_is_reported_in_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "portal.bootstrap"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "1",
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        },
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "cannot connect to the database" in result.stderr and "DATABASE_URL" in result.stderr


def test_embedded_database_that_cannot_be_created_is_one_line(tmp_path):
    # A data directory under a plain file cannot be created, even by root (CI runs as root,
    # which no permission bit stops).
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    script = (
        "from pathlib import Path; from portal.embedded_db import database_settings; "
        f"database_settings(Path({str(blocker / 'pg')!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("Embedded PostgreSQL:") and "DATABASE_URL" in result.stderr
