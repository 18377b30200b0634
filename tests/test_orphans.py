"""No orphaned processes: an import of many articles killed with SIGKILL or SIGTERM leaves no
process of it behind 2 s later, and nothing holding the database open, on both back ends.

Only the import's own process is signalled (not its process group): its parse workers must go by
themselves, as they do when an operator or an init system kills the import.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from filmguide.store import Store
from filmguide.store.engine import engine_url
from tests.helpers import make_articles, start_import

#: Articles in the killed import: enough for parse workers (200 and more) and a few seconds' work.
COUNT = 600
#: Seconds the import gets to start its parse workers.
START_TIMEOUT = 120.0
#: The issue's promise: gone this long after the kill.
GRACE = 2.0


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie is only an exit status waiting to be read)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def session_members(session: int) -> list[int]:
    """Live processes of the session the import was started in (it leads its own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[3]) == session and fields[0] != "Z":
                    found.append(int(entry.name))
    return found


def holders(path: Path) -> list[int]:
    """Processes with a file descriptor on ``path`` or its -wal/-shm files."""
    names = {str(path), f"{path}-wal", f"{path}-shm"}
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                for fd in (entry / "fd").iterdir():
                    with contextlib.suppress(OSError):
                        if os.readlink(fd) in names:
                            found.append(int(entry.name))
                            break
    return found


def pg_clients(db_url: str) -> int:
    """Other connections to the test's PostgreSQL database."""
    engine = create_engine(engine_url(db_url))
    try:
        with engine.connect() as conn:
            query = (
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return int(conn.execute(text(query)).scalar() or 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_import_leaves_no_process_and_no_open_database(
    db_url: str, tmp_path: Path, signum: signal.Signals
) -> None:
    folder = tmp_path / "articles"
    make_articles(folder, COUNT)
    Store.open(db_url).close()
    process = start_import(db_url, folder, tmp_path / "import.log")
    try:
        deadline = time.monotonic() + START_TIMEOUT
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            workers = [pid for pid in children(process.pid) if running(pid)]
        assert len(workers) >= 2, (
            f"the import started no parse workers:\n{(tmp_path / 'import.log').read_text()}"
        )

        os.kill(process.pid, signum)  # the import alone, as `kill PID` does
        process.wait(timeout=30)
        time.sleep(GRACE)

        assert [pid for pid in workers if running(pid)] == []
        assert session_members(process.pid) == []
        if db_url.startswith("sqlite"):
            assert holders(Path(db_url.removeprefix("sqlite:///"))) == []
        else:
            assert pg_clients(db_url) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
