"""Several instances, proven: two ``filmguide serve`` (two workers each) on one PostgreSQL database
behind nginx, with ``docs/deploy.md``'s reverse-proxy configuration (its upstream of two servers,
``max_fails``, ``proxy_next_upstream``), only ``listen``, the upstreams' ports and an access log
changed.

While clients keep requesting through nginx and ``filmguide import`` writes guides into the same
database, one instance is killed (SIGKILL, workers and all). Clients see no error but for the
killed instance's requests then in flight; N distinct readers' beacons and shares, spread across
both instances, count exactly N; and the share rate limit holds across instances.

Readers are told apart by their address as nginx sees it (each connects from its own loopback
address, 127.x.y.z), which nginx passes in ``X-Forwarded-For`` to the instances, which trust it
(``--trusted-proxies``, 127.0.0.1 by default). Which instance answered each request is read from
nginx's access log (``$upstream_addr``). nginx and PostgreSQL must be installed: the test fails
without them, it never skips. Its database is its own, made for it and dropped after.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from filmguide import importer
from filmguide.store import Store
from filmguide.store.schema import guides
from tests.conftest import free_port, postgres_database
from tests.helpers import (
    DEPLOY,
    Nginx,
    ServedSite,
    event_counts,
    make_articles,
    request,
    start_import,
    wait_until,
)

SECRET = "one secret for both instances of the test"
#: The film the counted readers read and share, and the film the load's beacons go to.
FILM, LOAD_FILM, SHARED_FILM = "midnight-cowboy", "the-wrestler", "blue-valentine"
#: Readers counted before the kill (both instances up) and after it (the survivor alone).
BEFORE, AFTER = 30, 20
#: Client threads of the load, each with one request at a time: at most this many are in flight.
LOAD_THREADS = 4
#: Requests each thread completes after the kill before the load stops.
AFTER_KILL = 25
#: Articles the import writes while the site serves.
ARTICLES = 60
#: Shares one client sends at once through nginx (the limit: 10 a minute, a bucket of 10).
SHARES, LIMIT = 16, 10
PAGES = ("/", "/films", f"/films/{FILM}", f"/films/{LOAD_FILM}.json", "/trending.json", "/search?q=cowboy")
LOG_FORMAT = "log_format upstreams '$remote_addr $request_method $uri $status \"$upstream_addr\"';\n"


def documented_proxy_config() -> str:
    """The ```nginx block of docs/deploy.md with the upstream of two instances."""
    blocks = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    found = [block for block in blocks if "server 127.0.0.1:8002" in block]
    assert len(found) == 1, "docs/deploy.md has no nginx block with the upstream 127.0.0.1:8001, :8002"
    config: str = found[0]
    for needed in (
        "listen 80;",
        "server 127.0.0.1:8001 max_fails=1",
        "server 127.0.0.1:8002 max_fails=1",
        "proxy_next_upstream error timeout http_502",
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert needed in config, needed
    return config


@dataclass
class Cluster:
    """The two instances, nginx in front, and the database they share."""

    port: int
    sites: list[ServedSite]
    store: Store
    url: str
    access_log: Path

    def served_by(self, method: str, path: str) -> dict[int, int]:
        """How many such requests each instance (by port) answered, from nginx's access log: the
        last of ``$upstream_addr`` (the first ones refused or failed, when nginx went on)."""
        found: dict[int, int] = {}
        for line in self.access_log.read_text().splitlines():
            _address, verb, uri, _status, upstreams = line.split(" ", 4)
            last = upstreams.strip('"').split(", ")[-1]
            if verb == method and uri == path and ":" in last:
                answered = int(last.rsplit(":", 1)[1])
                found[answered] = found.get(answered, 0) + 1
        return found


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    with postgres_database() as url:
        store = Store.open(url)
        try:
            assert not importer.import_paths(store, [importer.DEMO_DIR]).failures
            sites = [ServedSite(url, tmp_path, workers=2, env={"FILMGUIDE_SECRET": SECRET}) for _ in range(2)]
            try:
                for site in sites:
                    site.wait_ready()
                port = free_port()
                access_log = tmp_path / "access.log"
                config = documented_proxy_config().replace(
                    "listen 80;", f"listen 127.0.0.1:{port};\n    access_log {access_log} upstreams;"
                )
                config = config.replace("127.0.0.1:8001", f"127.0.0.1:{sites[0].port}")
                config = config.replace("127.0.0.1:8002", f"127.0.0.1:{sites[1].port}")
                nginx = Nginx(tmp_path, LOG_FORMAT + config)
                try:
                    nginx.wait_ready(lambda: request(port, "GET", "/healthz").status == 200)
                    yield Cluster(port, sites, store, url, access_log)
                finally:
                    nginx.stop()
            finally:
                for site in sites:
                    site.kill()
        finally:
            store.close()


def read(cluster: Cluster, source: str) -> None:
    """A reader at ``source`` reads the film's page, its beacon counts the view, and shares it."""
    assert request(cluster.port, "GET", f"/films/{FILM}", source=source).status == 200
    assert request(cluster.port, "POST", f"/films/{FILM}/view", source=source).status == 204
    share = request(cluster.port, "POST", f"/films/{FILM}/share", source=source, body={"channel": "copy"})
    assert share.status in (200, 201), share


@dataclass
class Sent:
    """One request of the load: when it started and ended, and its status (0: no answer)."""

    started: float
    ended: float
    method: str
    path: str
    source: str
    status: int


@dataclass
class Load:
    """Client threads requesting pages and sending beacons through nginx until told to stop."""

    port: int
    stop: threading.Event = field(default_factory=threading.Event)
    sent: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, thread: int) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            # A new reader each round, each with its own address: nginx's per-address budgets
            # (limit_req) are never reached, and each beacon is a reader's first.
            source = f"127.{100 + thread}.{n // 250 % 250 + 1}.{n % 250 + 1}"
            self.send("GET", PAGES[n % len(PAGES)], source)
            self.send("POST", f"/films/{LOAD_FILM}/view", source)

    def send(self, method: str, path: str, source: str) -> None:
        started = time.monotonic()
        try:
            status = request(self.port, method, path, source=source).status
        except OSError:
            status = 0
        with self.lock:
            self.sent.append(Sent(started, time.monotonic(), method, path, source, status))

    def count(self, since: float) -> int:
        with self.lock:
            return sum(1 for one in self.sent if one.started > since)


def guide_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(guides)) or 0)


def ranked(cluster: Cluster, path: str, key: str) -> int:
    """The film's count in a ranking (``/trending.json``, ``/most-shared.json``) through nginx."""
    answer = request(cluster.port, "GET", path)
    if answer.status != 200:
        return -1  # nginx's per-address budget, polled fast: ask again
    found = json.loads(answer.body)
    return next((int(entry[key]) for entry in found if entry["slug"] == FILM), 0)


@pytest.mark.postgres
def test_two_instances_behind_nginx_lose_one_without_errors_or_miscounts(
    cluster: Cluster, tmp_path: Path
) -> None:
    store, sites, port = cluster.store, cluster.sites, cluster.port
    ports = {site.port for site in sites}

    # 1. Both instances up: readers read, count and share; one client sends 16 shares at once.
    early = [f"127.0.0.{10 + n}" for n in range(BEFORE)]
    for source in early:
        read(cluster, source)
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        shares = list(
            pool.map(
                lambda _: (
                    request(
                        port,
                        "POST",
                        f"/films/{SHARED_FILM}/share",
                        source="127.0.0.200",
                        body={"channel": "x"},
                    ).status
                ),
                range(SHARES),
            )
        )
    elapsed = time.monotonic() - started
    assert set(cluster.served_by("POST", f"/films/{FILM}/view")) == ports, "one instance got every beacon"
    assert set(cluster.served_by("POST", f"/films/{SHARED_FILM}/share")) == ports
    # One bucket for the client wherever its shares land: 10, plus one a 6 s since the first. In
    # each process's memory (four workers) all 16 would have gone through.
    passed = shares.count(200) + shares.count(201)
    assert shares.count(429) + passed == SHARES, shares
    assert LIMIT <= passed <= LIMIT + int(elapsed * LIMIT / 60), (shares, elapsed)
    wait_until(lambda: event_counts(store, "view").get(FILM) == BEFORE, "the first readers' views written")

    # 2. Load, an import into the same database, and one instance killed in the middle of both.
    folder = tmp_path / "articles"
    make_articles(folder, ARTICLES)
    demo = guide_count(store)
    importing = start_import(cluster.url, folder, tmp_path / "import.log")
    load = Load(port)
    threads = [threading.Thread(target=load.run, args=(n,)) for n in range(LOAD_THREADS)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: guide_count(store) >= demo + 5, "the import under way", timeout=300)
        wait_until(lambda: load.count(0) >= 40, "the load under way")
        killed = sites[0]
        killed.kill()  # SIGKILL to the instance and its workers
        kill_at = time.monotonic()
        wait_until(lambda: load.count(kill_at) >= AFTER_KILL * LOAD_THREADS, "the load going on", timeout=300)
        assert importing.wait(timeout=600) == 0, (tmp_path / "import.log").read_text()
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=120)
    assert guide_count(store) == demo + ARTICLES

    errors = [one for one in load.sent if one.status not in (200, 204)]
    # Only the killed instance's requests then in flight: a GET nginx sends on to the other
    # instance; a POST already sent is not resent (it might have counted), so it answers 502.
    assert len(errors) <= LOAD_THREADS, errors
    assert all(one.status == 502 and one.method == "POST" for one in errors), errors
    survivor = sites[1]

    # 3. The survivor alone: the first readers again (repeats, counted already by either
    # instance), then new readers.
    for source in early:
        read(cluster, source)
    for source in (f"127.0.1.{10 + n}" for n in range(AFTER)):
        read(cluster, source)
    total = BEFORE + AFTER
    wait_until(lambda: ranked(cluster, "/trending.json", "views") == total, "trending showing every reader")
    wait_until(lambda: ranked(cluster, "/most-shared.json", "shares") == total, "most shared: every reader")
    assert survivor.terminate() == 0, survivor.log()  # its workers write what they hold, then stop
    assert "Traceback" not in survivor.log(), survivor.log()

    views, shared = event_counts(store, "view"), event_counts(store, "share")
    assert views[FILM] == total and shared[FILM] == total
    assert shared[SHARED_FILM] == 1  # the one client who sent 16
    assert [(c.slug, c.count) for c in store.top_films("view") if c.slug == FILM] == [(FILM, total)]
    # The load's readers: every beacon the survivor answered counts; the killed instance's last
    # second of beacons (buffered, not yet written) went with it, which is what SIGKILL costs.
    answered = [one for one in load.sent if one.path.endswith("/view") and one.status == 204]
    by_survivor = {
        line.split(" ", 1)[0]
        for line in cluster.access_log.read_text().splitlines()
        if f"/films/{LOAD_FILM}/view 204" in line and line.endswith(f':{survivor.port}"')
    }
    assert len(by_survivor) <= views[LOAD_FILM] <= len(answered) + len(errors)
