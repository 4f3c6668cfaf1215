"""The embedded PostgreSQL survives commands that race to start it, and repairs what they leave.

Every test uses its own data directory, never .data/ (the suite's own server), and stops its
server at teardown whatever happened.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent

# What settings.py does at import, plus a query: the part of every manage.py command that
# touches the embedded server, without paying for Django's start-up ten times over.
COMMAND = """
import sys
from pathlib import Path
import psycopg2
from portal.embedded_db import database_settings
db = database_settings(Path(sys.argv[1]))
with psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"]) as conn:
    conn.cursor().execute("SELECT 1")
"""


def start(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", COMMAND, str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", COMMAND, str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def stop_embedded(data_dir: Path) -> subprocess.CompletedProcess:
    """What `make clean-data` runs first."""
    return subprocess.run(
        [sys.executable, "-c", "from portal.bootstrap import stop_embedded; stop_embedded()"],
        cwd=ROOT,
        env={**os.environ, "DATA_DIR": str(data_dir.parent)},
        capture_output=True,
        text=True,
        timeout=90,
    )


def processes_using(path: Path, name: str | None = None) -> list[psutil.Process]:
    """Processes whose command line names path (or a path inside it): postmasters, initdb."""
    return [
        proc
        for proc in psutil.process_iter(["name", "cmdline"])
        if name in (None, proc.info["name"])
        and any(str(path) in arg for arg in proc.info["cmdline"] or [])
    ]


def postmasters(data_dir: Path) -> list[psutil.Process]:
    return processes_using(data_dir.resolve(), name="postgres")


@pytest.fixture
def data_dir():
    # Not under tmp_path: as root the server runs as another user, who must be able to traverse
    # every parent, and any pytest session starting meanwhile makes /tmp/pytest-of-root private.
    base = Path(tempfile.mkdtemp(prefix="portal-embedded-"))
    data = base / "data" / "postgres"
    yield data
    # Stop the way `make clean-data` does; then kill whatever is left (a failed test may leave
    # a half-started server or an orphaned initdb), so no test server outlives its test.
    stop_embedded(data)
    leftovers = processes_using(data.parent.resolve())
    for proc in list(leftovers):
        with contextlib.suppress(psutil.Error):
            leftovers += proc.children(recursive=True)  # initdb's postgres, named by no path
    for proc in leftovers:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(leftovers, timeout=10)
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("killed_while", ["initdb", "pg_ctl"])
def test_ten_commands_at_once_one_killed_mid_start_leave_one_working_server(data_dir, killed_while):
    commands = [start(data_dir) for _ in range(10)]
    try:
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            for command in commands:
                try:
                    children = psutil.Process(command.pid).children(recursive=True)
                    if any(child.name() == killed_while for child in children):
                        victim = command
                        break
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.005)
        assert victim is not None, f"no command ran {killed_while}"
        victim.send_signal(signal.SIGKILL)

        for command in commands:
            command.wait(timeout=90)
    finally:
        for command in commands:
            if command.poll() is None:
                command.kill()
    outcomes = [(c.returncode, c.stderr.read().strip()) for c in commands if c is not victim]
    assert outcomes == [(0, "")] * 9
    assert len(postmasters(data_dir)) == 1
    # Nothing half-made beside it, such as what the killed command's initdb was writing.
    assert [p.name for p in data_dir.parent.iterdir() if p.is_dir()] == ["postgres"]

    result = run(data_dir)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("content", ["", "[12", "2025-01-01 LOG:  database system is ready"])
def test_a_damaged_handle_file_is_repaired(data_dir, content):
    assert run(data_dir).returncode == 0
    # What pgserver's list of handles looks like after a command was killed while writing it.
    (data_dir / ".handle_pids.json").write_text(content)

    first, second = run(data_dir), run(data_dir)

    assert (first.returncode, first.stderr) == (0, "")
    assert (second.returncode, second.stderr) == (0, "")
    assert not (data_dir / ".handle_pids.json").exists()


def test_a_stale_postmaster_pid_naming_another_process_is_ignored(data_dir):
    # After a crash or a container restart, the pid in postmaster.pid may belong to anything.
    assert run(data_dir).returncode == 0
    for proc in postmasters(data_dir):
        proc.send_signal(signal.SIGINT)  # PostgreSQL's fast shutdown
        proc.wait(timeout=60)
    stale = [os.getpid(), data_dir, 1700000000, 5432, data_dir, "", "", "ready"]
    (data_dir / "postmaster.pid").write_text("".join(f"{line}\n" for line in stale))

    result = run(data_dir)

    assert (result.returncode, result.stderr) == (0, "")
    assert len(postmasters(data_dir)) == 1


def test_stop_embedded_stops_the_server(data_dir):
    assert run(data_dir).returncode == 0
    assert len(postmasters(data_dir)) == 1

    result = stop_embedded(data_dir)

    assert result.returncode == 0, result.stderr
    assert not postmasters(data_dir)


def test_a_data_directory_that_cannot_start_is_reported_in_one_line(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "PG_VERSION").write_text("16\n")  # and nothing else: the cluster is gone

    result = run(data_dir)

    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("Embedded PostgreSQL: could not start (CalledProcessError: ")
    assert f"see {data_dir.resolve() / 'log'}" in result.stderr
