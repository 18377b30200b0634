"""A real ``filmguide serve --workers 2`` on a free port, on both back ends: a reader's view beacons
are counted once across the two processes, distinct readers (by ``X-Forwarded-For``, which ``serve`` trusts
from 127.0.0.1) each once, crawlers never; and SIGTERM loses none of the buffered events.

Each request opens its own connection (``Connection: close``), so the kernel hands requests to
both workers. The server is :class:`tests.helpers.ServedSite`.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from filmguide import importer
from filmguide.store import Store
from filmguide.store.schema import events, films
from tests.helpers import FIREFOX, GOOGLEBOT, START_TIMEOUT, event_counts, served


@pytest.fixture
def demo_url(store: Store) -> str:
    """A database holding the demo guides, for a server in another process."""
    assert not importer.import_paths(store, [importer.DEMO_DIR]).failures
    return store.url_with_password


def test_two_workers_count_each_reader_once_and_sigterm_loses_nothing(
    demo_url: str, store: Store, tmp_path: Path
) -> None:
    with served(demo_url, tmp_path) as site:
        one_reader = {"User-Agent": FIREFOX}
        for _ in range(100):
            assert site.request("GET", "/films/midnight-cowboy", headers=one_reader)[0] == 200  # not a view
            assert site.request("POST", "/films/midnight-cowboy/view", headers=one_reader)[0] == 204
        for n in range(20):  # 20 readers behind addresses of their own, one browser
            reader = {"User-Agent": FIREFOX, "X-Forwarded-For": f"198.51.100.{n + 1}"}
            assert site.request("POST", "/films/the-wrestler/view", headers=reader)[0] == 204
        for _ in range(10):
            crawler = {"User-Agent": GOOGLEBOT}
            assert site.request("POST", "/films/blue-valentine/view", headers=crawler)[0] == 204
        statuses = [
            site.request("POST", "/films/midnight-cowboy/share", headers=one_reader, body={"channel": "x"})
            for _ in range(30)
        ]
        codes = [status for status, _, _ in statuses]
        assert set(codes) <= {200, 201, 429}
        assert 1 <= codes.count(201) <= 2  # once per worker that saw the reader, at most
        limited = [headers for status, headers, _ in statuses if status == 429]
        assert limited and all(int(h["retry-after"]) >= 1 for h in limited)
        # Stop at once: whatever the workers still hold is written on the way out.
        assert site.terminate() == 0, site.log()
    assert "could not write" not in site.log() and "Traceback" not in site.log(), site.log()
    assert event_counts(store, "view") == {"midnight-cowboy": 1, "the-wrestler": 20}
    assert event_counts(store, "share") == {"midnight-cowboy": 1}
    # One secret for both workers (serve made it): the one reader is one client in every row.
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.client).join(films).where(films.c.slug == "midnight-cowboy"))
        assert len({client for (client,) in rows}) == 1


def _workers_of(pid: int) -> list[int]:
    """The serve process's worker processes (its children, less multiprocessing's helper)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = []
    for child in children:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except FileNotFoundError:
            continue  # gone meanwhile
        if b"resource_tracker" not in command:
            found.append(int(child))
    return found


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_worker_that_dies_is_started_again(demo_url: str, tmp_path: Path) -> None:
    with served(demo_url, tmp_path) as site:
        workers = _workers_of(site.process.pid)
        assert len(workers) == 2, site.log()
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + START_TIMEOUT
        now = workers
        while time.monotonic() < deadline:
            now = _workers_of(site.process.pid)
            if len(now) == 2 and workers[0] not in now:
                break
            time.sleep(0.2)
        assert len(now) == 2 and workers[0] not in now, f"workers {workers} -> {now}\n{site.log()}"
        # On a loaded machine the killed worker may have been the only one listening yet (the
        # other still starting): the site answers again once a worker is up, and stays up.
        site.wait_ready()
        codes = [site.request("GET", "/films/midnight-cowboy")[0] for _ in range(20)]
        assert codes == [200] * 20, site.log()
        assert site.process.poll() is None
        assert site.terminate() == 0
