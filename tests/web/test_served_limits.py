"""Hostile traffic against a real ``filmguide serve --workers 1`` (docs/security.md): idle
connections, oversized headers, a second server on the port, another process holding the write
lock, and SIGKILL of the server. Behaviour, not timing: each wait is generous.

SQLite only: what is checked here is the server's and the processes' behaviour; the store's
answers on both back ends are ``test_hostile.py``'s.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from filmguide import importer
from filmguide.store import Store
from filmguide.web.life import raise_open_files
from tests.helpers import ServedSite

#: Idle connections held open while the health check must still answer.
IDLE = 1500
#: Seconds for anything a test waits on (generous: the machine may be loaded).
PATIENCE = 30.0


@pytest.fixture(scope="module")
def site_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("served")
    url = f"sqlite:///{folder / 'site.db'}"
    with Store.open(url) as store:
        assert not importer.import_paths(store, [importer.DEMO_DIR]).failures
    return url


@pytest.fixture(scope="module")
def site(site_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    served = ServedSite(site_db, tmp_path_factory.mktemp("log"), workers=1, args=("--header-timeout", "2"))
    try:
        served.wait_ready()
        yield served
    finally:
        served.kill()


def test_health_answers_while_1500_idle_connections_are_open(site: ServedSite) -> None:
    raise_open_files(IDLE + 512)
    idle: list[socket.socket] = []
    try:
        for _ in range(IDLE):
            idle.append(socket.create_connection(("127.0.0.1", site.port), timeout=PATIENCE))
        status, _, body = site.request("GET", "/healthz")
        assert (status, body) == (200, b"ok")
        # Silent connections are closed once the header timeout (2 s here) passes.
        idle[0].settimeout(PATIENCE)
        assert idle[0].recv(1) == b""
    finally:
        for sock in idle:
            sock.close()


def test_a_head_over_32_kb_gets_431_from_the_server(site: ServedSite) -> None:
    assert site.request("GET", "/films/midnight-cowboy", headers={"User-Agent": "u" * 64 * 1024})[0] == 431
    assert site.request("GET", "/films/midnight-cowboy", headers={"User-Agent": "u" * 9000})[0] == 431
    assert site.request("GET", "/films/midnight-cowboy", headers={"User-Agent": "u" * 7000})[0] == 200


def test_a_host_that_is_not_the_sites_gets_400(site: ServedSite) -> None:
    assert site.request("GET", "/", headers={"Host": "evil.example"})[0] == 400
    assert site.request("GET", "/", headers={"Host": f"localhost:{site.port}"})[0] == 200


def test_a_second_serve_on_the_busy_port_exits_naming_it(site: ServedSite, site_db: str) -> None:
    command = [
        sys.executable,
        "-m",
        "filmguide",
        "serve",
        "--no-demo",
        "--db",
        site_db,
        "--port",
        str(site.port),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=PATIENCE, check=False)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "address in use" in lines[0] and f"127.0.0.1:{site.port}" in lines[0]
    assert "Traceback" not in done.stderr


def test_reads_go_on_while_another_process_holds_the_write_lock(site: ServedSite, site_db: str) -> None:
    path = site_db.removeprefix("sqlite:///")
    with Store.open(site_db) as store:
        token = store.create_token(f"lock-{time.monotonic_ns()}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for path_read in ["/films/the-wrestler", "/films/the-wrestler.json", "/search?q=wrestler", "/people"]:
            status = site.request("GET", path_read)[0]
            assert status in (200, 404) and status != 500, path_read
        assert site.request("GET", "/films/the-wrestler")[0] == 200
        health, headers, body = site.request("GET", "/healthz")
        assert health == 503 and body.startswith(b"degraded") and headers["retry-after"]
        auth = {"Authorization": f"Bearer {token}"}
        status, headers, _ = site.request("DELETE", "/api/guides/blue-valentine", headers=auth)
        assert status == 503 and int(headers["retry-after"]) >= 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    deadline = time.monotonic() + PATIENCE
    while site.request("GET", "/healthz")[0] != 200:
        assert time.monotonic() < deadline, "healthz stayed degraded after the lock was released"
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_the_workers_end_when_serve_is_killed(site_db: str, tmp_path: Path) -> None:
    served = ServedSite(site_db, tmp_path, workers=1)
    try:
        served.wait_ready()
        children = _children(served.process.pid)
        assert children
        os.kill(served.process.pid, signal.SIGKILL)  # the main process only, as the OOM killer does
        served.process.wait(timeout=PATIENCE)
        deadline = time.monotonic() + PATIENCE
        while any(_alive(pid) for pid in children):
            assert time.monotonic() < deadline, f"workers outlived serve: {children}"
            time.sleep(0.1)
        with (
            pytest.raises(ConnectionRefusedError),
            socket.create_connection(("127.0.0.1", served.port), timeout=5),
        ):
            pass
    finally:
        with contextlib.suppress(ProcessLookupError, subprocess.TimeoutExpired):
            served.kill()
