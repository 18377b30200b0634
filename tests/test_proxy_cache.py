"""``docs/deploy.md``'s nginx ``proxy_cache`` configuration, run by the real nginx in front of a
real ``filmguide serve``: pages are kept (a ``HIT``), a guide edit shows within ``s-maxage``, and N
readers' beacons through the cache count N, however often each sends them.

The configuration is read from the page (the ``nginx`` block marked ``filmguide-proxy-cache``), with
only ``listen``, the cache's folder and the upstream's port changed. nginx must be installed: without
it the test fails, never skips. Readers are told apart by their address, as nginx sees it: each
connects from its own loopback address (127.0.0.2, 127.0.0.3, …; Linux routes all of 127/8 to lo).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from filmguide import importer
from filmguide.article import parse_path
from filmguide.store import Store
from tests.conftest import free_port
from tests.helpers import DEPLOY, Nginx, ServedSite, event_counts, request

#: The cache's ages for the test: short, so an edit shows within seconds.
S_MAXAGE = 2
SLUG = "midnight-cowboy"
#: How long past ``s-maxage`` an edit may take to show: each worker reads the data version every
#: 0.5 s, and a request on this busy machine may take a moment.
MARGIN = 8.0


def documented_cache_config() -> str:
    """The ```nginx block of docs/deploy.md that holds ``filmguide-proxy-cache``."""
    blocks = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    found = [block for block in blocks if "filmguide-proxy-cache" in block]
    assert len(found) == 1, "docs/deploy.md has no nginx block marked filmguide-proxy-cache"
    config: str = found[0]
    for needed in ("listen 80;", "proxy_cache_path /var/cache/nginx/filmguide ", "server 127.0.0.1:8000;"):
        assert needed in config, needed
    for directive in ("proxy_cache_lock on;", "proxy_cache_use_stale updating"):
        assert directive in config, directive
    return config


@pytest.fixture
def proxied(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, Store]]:
    """nginx with the documented cache in front of ``filmguide serve`` (one worker) over the demo
    guides; yields nginx's port and the store."""
    assert not importer.import_paths(store, [importer.DEMO_DIR]).failures
    monkeypatch.setenv("FILMGUIDE_S_MAXAGE", str(S_MAXAGE))
    monkeypatch.setenv("FILMGUIDE_MAX_AGE", "0")
    monkeypatch.setenv("FILMGUIDE_STALE_WHILE_REVALIDATE", "30")
    site = ServedSite(store.url_with_password, tmp_path, workers=1)
    try:
        site.wait_ready()
        port = free_port()
        cache = tmp_path / "cache"
        server = documented_cache_config().replace("listen 80;", f"listen 127.0.0.1:{port};")
        server = server.replace("/var/cache/nginx/filmguide ", f"{cache} ")
        server = server.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{site.port};")
        nginx = Nginx(tmp_path, server)
        try:
            nginx.wait_ready(lambda: request(port, "GET", "/healthz").status == 200)
            yield port, store
        finally:
            nginx.stop()
    finally:
        site.kill()


def test_pages_are_cached_and_an_edit_shows_within_s_maxage(
    proxied: tuple[int, Store], tmp_path: Path
) -> None:
    port, store = proxied
    path = f"/films/{SLUG}"
    first = request(port, "GET", path)
    assert first.status == 200 and first.headers["x-cache-status"] == "MISS"
    assert (
        first.headers["cache-control"] == f"public, max-age=0, s-maxage={S_MAXAGE}, stale-while-revalidate=30"
    )
    assert request(port, "GET", path).headers["x-cache-status"] == "HIT"
    assert request(port, "GET", "/api/guides").headers["x-cache-status"] != "HIT"  # the API is never kept

    # Edit the guide (a new tagline), as the API or an import would, from another process's point of view.
    source = importer.DEMO_DIR / f"{SLUG}.md"
    guide = parse_path(source)
    marker = "A tagline written by the proxy cache test"
    edited = tmp_path / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8")
    assert guide.title in text
    edited.write_text(text.replace("\n## ", f"\n{marker}.\n\n## ", 1), encoding="utf-8")
    assert marker.encode() not in first.body
    assert not importer.import_paths(store, [edited]).failures
    edited_at = time.monotonic()
    while marker.encode() not in request(port, "GET", path).body:
        assert time.monotonic() - edited_at < S_MAXAGE + MARGIN, "the edit did not show through the cache"
        time.sleep(0.2)


def test_n_readers_beacons_through_the_cache_count_n(proxied: tuple[int, Store]) -> None:
    port, store = proxied
    readers = [f"127.0.0.{n}" for n in range(2, 7)]  # five readers, five addresses
    for _ in range(3):  # each reads the page (from the cache) and sends its beacon three times
        for reader in readers:
            assert request(port, "GET", f"/films/{SLUG}", source=reader).status == 200
            answer = request(port, "POST", f"/films/{SLUG}/view", source=reader)
            assert answer.status == 204 and answer.headers.get("x-cache-status", "") != "HIT"
    deadline = time.monotonic() + 30  # the worker writes its buffer every second
    while event_counts(store, "view").get(SLUG, 0) < len(readers):
        assert time.monotonic() < deadline, event_counts(store, "view")
        time.sleep(0.2)
    time.sleep(1.5)  # a flush more: nothing else arrives
    assert event_counts(store, "view") == {SLUG: len(readers)}
