"""Hostile traffic, in process (docs/security.md): trusted hosts, header limits, caches bounded by
bytes, search cost bounded, failed authentication throttled, and a database that cannot be
written answered with 503, on both back ends. The probes that need a real server (idle
connections, a busy port, SIGKILL, another process's write lock) are in ``test_served_limits.py``.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from filmguide.config import MAX_HEADER_BYTES
from filmguide.store import Store
from filmguide.store.search import budget as search_budget
from filmguide.store.search.index import MAX_FIELD, guide_text
from filmguide.store.search.snippets import MARK_START
from filmguide.store.values import MAX_GUIDE_BYTES
from filmguide.web import app as app_module
from filmguide.web.app import create_app
from filmguide.web.clients import Clients
from filmguide.web.render import ENTRY_OVERHEAD, PageCache
from tests.helpers import FIREFOX, site_client
from tests.store.conftest import make_guide
from tests.web.conftest import canonical, html_tree

FILM = "/films/leaving-las-vegas"
#: The site's address in these tests, and the reader's (a trusted proxy's, by default).
SITE = "http://films.example.org"
LOCAL = "127.0.0.1"


# --- trusted hosts -------------------------------------------------------------------------------


def test_a_base_url_refuses_every_other_host_and_names_every_link(demo_store: Store) -> None:
    app = create_app(demo_store, base_url="https://films.example.org", allowed_hosts=("films.example.org",))
    with site_client(app, "http://evil.example", LOCAL) as evil:
        for path in ["/", FILM, "/sitemap.xml", "/feed.xml", "/robots.txt", "/search?q=vegas", "/api/guides"]:
            response = evil.get(path)
            assert response.status_code == 400, path
            assert "Host" in response.json()["error"]
        assert evil.get("/healthz").text == "ok"  # a probe by address is answered
    with site_client(app, "http://films.example.org:8080", LOCAL) as good:
        tree = html_tree(good.get(FILM))
        assert canonical(tree) == "https://films.example.org" + FILM
        assert "<loc>https://films.example.org/" in good.get("/sitemap.xml").text
        redirect = good.get(FILM + "/", follow_redirects=False)
        assert redirect.status_code in (301, 307, 308)
        assert redirect.headers["location"].startswith("https://films.example.org/")


def test_allowed_hosts_follow_django_and_starlette(demo_store: Store) -> None:
    app = create_app(demo_store, allowed_hosts=("films.example.org", ".example.net", "*.example.com"))
    for host, status in [
        ("films.example.org", 200),
        ("FILMS.example.org:8000", 200),
        ("example.net", 200),
        ("www.example.net", 200),
        ("www.example.com", 200),
        ("example.com", 400),
        ("films.example.org.evil.example", 400),
        ("evil.example", 400),
    ]:
        with site_client(app, f"http://{host}", LOCAL) as web:
            assert web.get("/robots.txt").status_code == status, host


def test_cached_pages_do_not_multiply_with_ports_or_hosts(demo_store: Store) -> None:
    """Without a base URL, a Host's port that is not the server's is dropped: one cached page
    per allowed name and scheme, however many ports a client types."""
    app = create_app(demo_store, allowed_hosts=("localhost",))
    site = app.state.site
    with site_client(app, "http://localhost:8000", LOCAL) as web:  # the server listens on 8000
        for port in range(1, 41):
            assert web.get(FILM, headers={"Host": f"localhost:{port}"}).status_code == 200
        assert len(site.fast) == 1
        assert (
            canonical(html_tree(web.get(FILM, headers={"Host": "localhost:7"}))) == "http://localhost" + FILM
        )
        assert web.get(FILM).status_code == 200  # the server's own port is kept: a second page
        assert len(site.fast) == 2


def test_x_forwarded_proto_is_believed_only_from_trusted_proxies(demo_store: Store) -> None:
    app = create_app(demo_store)
    proxied = ProxyHeadersMiddleware(app, trusted_hosts="10.0.0.1")  # type: ignore[arg-type]
    https = {"X-Forwarded-Proto": "https"}
    with site_client(proxied, SITE, address="203.0.113.9") as stranger:
        assert canonical(html_tree(stranger.get(FILM, headers=https))).startswith("http://")
    with site_client(proxied, SITE, address="10.0.0.1") as proxy:
        assert canonical(html_tree(proxy.get(FILM, headers=https))).startswith("https://")
    # And the https reader was not handed the http page cached before: one entry per scheme.
    assert len(app.state.site.fast) == 2


# --- header limits -------------------------------------------------------------------------------


def test_headers_over_8_kb_each_or_32_kb_in_all_get_431(client: TestClient) -> None:
    assert client.get(FILM, headers={"User-Agent": "a" * 7000}).status_code == 200
    assert client.get(FILM, headers={"User-Agent": "a" * (MAX_HEADER_BYTES + 1)}).status_code == 431
    five = {f"X-Filler-{n}": "b" * 7000 for n in range(5)}
    response = client.get(FILM, headers=five)
    assert response.status_code == 431
    assert "32768" in response.json()["error"]


# --- memory bounded by bytes ---------------------------------------------------------------------


def test_the_page_cache_is_bounded_by_bytes() -> None:
    cache = PageCache(max_bytes=100_000)
    for n in range(500):
        cache.put(("film", n), b"x" * 3000)
    assert cache.bytes <= 100_000
    assert cache.bytes == len(cache) * (3000 + ENTRY_OVERHEAD)
    assert cache.get(("film", 499)) is not None and cache.get(("film", 0)) is None
    cache.put(("big",), b"x" * 60_000)  # over a quarter of the budget: served, never kept
    assert cache.get(("big",)) is None


def test_the_fast_path_is_bounded_by_bytes_whatever_the_urls(demo_store: Store) -> None:
    app = create_app(demo_store, cache_mb=1)
    site = app.state.site
    with site_client(app, SITE, LOCAL) as web:
        for n in range(150):
            assert web.get(f"/search?q=vegas+{n}").status_code == 200
    assert 0 < site.fast.bytes <= 1024 * 1024 // 2
    assert site.fast.bytes == sum(entry.cost for entry in site.fast._entries.values())


def test_readers_are_cached_under_a_hash_never_the_raw_user_agent() -> None:
    clients = Clients(b"secret", cache_size=1000)
    for n in range(50):
        clients.reader("192.0.2.1", f"{FIREFOX} {n} " + "z" * 7000, 1_000_000.0)
    assert len(clients._readers) == 50
    assert all(isinstance(key, int) for key in clients._readers)
    assert all(len(agent) <= 512 for agent in clients._verdicts)


# --- search cost ---------------------------------------------------------------------------------


def test_a_guide_over_the_size_cap_is_refused_in_one_line(demo_store: Store) -> None:
    token = demo_store.create_token("editor")
    words = " ".join(["echo"] * 50_000)
    body = (
        f"---\ntitle: Echo Chamber\nyear: 2001\n---\n\nEcho Chamber (2001) is a film.\n\n## Plot\n\n{words}\n"
    )
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/markdown"}
    with site_client(create_app(demo_store), SITE, LOCAL) as web:
        response = web.post("/api/guides", content=body.encode(), headers=headers)
    assert response.status_code == 422
    message = response.json()["error"]
    assert "\n" not in message and f"{MAX_GUIDE_BYTES // 1024} KB" in message
    assert demo_store.get_guide("echo-chamber") is None


def test_a_field_of_one_word_repeated_gives_a_short_snippet(store: Store) -> None:
    """FTS5's snippet() took seconds over a word repeated thousands of times; the snippet is now
    cut from the first match, whatever the field holds."""
    store.save_guide(make_guide(title="Echo Chamber", year=2001, trivia=[" ".join(["echo"] * 12_000)]))
    hits = store.search("echo", limit=5)
    (hit,) = [h for h in hits.films if h.slug == "echo-chamber"]
    assert MARK_START in hit.snippet
    assert len(hit.snippet) < 400


def test_indexed_text_is_cut_at_the_field_limit() -> None:
    long = make_guide(trivia=["word " * 20_000 + "needle"])
    _, _, body = guide_text(long)
    assert len(body) <= MAX_FIELD
    assert "needle" not in body


class _Countdown(search_budget.Budget):
    """A budget spent after a number of looks: the search is stopped in the middle of a statement."""

    looks = 0

    def spent(self) -> bool:
        self.looks += 1
        return self.looks > 3


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # PostgreSQL: statement_timeout
def test_a_spent_budget_stops_a_search_mid_statement(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(10):
        store.save_guide(make_guide(title=f"Echo Film {n}", year=1950 + n, trivia=["echo " * 200]))
    # The budget looked at every few steps of a statement, as it is every 10,000.
    monkeypatch.setattr(search_budget, "PROGRESS_STEPS", 5)
    budget = _Countdown(deadline=float("inf"))
    token = search_budget.BUDGET.set(budget)
    try:
        with pytest.raises(search_budget.SearchStopped):
            store.search("echo", limit=20)
    finally:
        search_budget.BUDGET.reset(token)
    assert budget.looks > 3
    assert store.search("echo", limit=20).films  # no budget: the same search runs to its end


def test_a_cancelled_search_stops_at_once(store: Store) -> None:
    budget = search_budget.Budget(deadline=float("inf"), cancelled=threading.Event())
    budget.cancelled.set()  # the reader left
    token = search_budget.BUDGET.set(budget)
    try:
        with pytest.raises(search_budget.SearchStopped):
            store.search("vegas")
    finally:
        search_budget.BUDGET.reset(token)


def test_a_search_over_its_time_answers_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SEARCH_SECONDS", -1.0)
    response = client.get("/search.json?q=vegas+nights")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "stopped" in response.json()["error"]
    page = client.get("/search?q=vegas+nights")
    assert page.status_code == 503 and "stopped" in page.text


# --- throttles -----------------------------------------------------------------------------------


def test_failed_authentication_ends_in_429_per_address(demo_store: Store) -> None:
    token = demo_store.create_token("editor")
    app = create_app(demo_store)
    statuses = []
    with site_client(app, SITE, address="198.51.100.7") as guesser:
        for n in range(60):
            headers = {"Authorization": f"Bearer wrong-{n}", "Content-Type": "text/markdown"}
            statuses.append(guesser.post("/api/guides", content=b"x", headers=headers).status_code)
        # Even the right token waits: the address is out of attempts for now.
        right = guesser.delete("/api/guides/blue-valentine", headers={"Authorization": f"Bearer {token}"})
    assert statuses[:30] == [401] * 30
    assert statuses[-1] == 429 and set(statuses[30:]) == {429}
    assert right.status_code == 429 and int(right.headers["retry-after"]) >= 1
    with site_client(app, SITE, address="198.51.100.8") as other:  # another address is not held back
        response = other.delete("/api/guides/blue-valentine", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 204


# --- a database that cannot be written -------------------------------------------------------------


def test_a_locked_database_answers_503_with_retry_after(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = demo_store.create_token("editor")

    def locked(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(demo_store, "delete_guide", locked)
    with site_client(create_app(demo_store), SITE, LOCAL) as web:
        response = web.delete("/api/guides/blue-valentine", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "try again" in response.json()["error"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_healthz_is_degraded_while_another_process_holds_the_write_lock(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "HEALTH_SECONDS", 0.0)
    path = Path(demo_store.engine.url.database or "")
    with site_client(create_app(demo_store), SITE, LOCAL) as web:
        assert web.get("/healthz").text == "ok"
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            response = web.get("/healthz")
            assert response.status_code == 503 and response.text.startswith("degraded")
            assert web.get(FILM).status_code == 200  # reads go on
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert web.get("/healthz").text == "ok"


def test_after_a_failed_write_healthz_tries_a_real_write(demo_store: Store) -> None:
    demo_store.write_failing = True
    assert demo_store.writable()
    assert not demo_store.write_failing


def test_without_a_base_url_only_this_machine_is_answered(
    demo_store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILMGUIDE_DB", db_url)
    for name in ("FILMGUIDE_BASE_URL", "FILMGUIDE_ALLOWED_HOSTS", "FILMGUIDE_SERVE_PID"):
        monkeypatch.delenv(name, raising=False)
    app = app_module.app_from_environment()
    try:
        for host, status in [
            ("127.0.0.1:8000", 200),
            ("localhost", 200),
            ("[::1]:8000", 200),
            ("evil.example", 400),
        ]:
            with TestClient(app, base_url=f"http://{host}") as web:  # type: ignore[arg-type]
                assert web.get("/robots.txt").status_code == status, host
    finally:
        app.app.state.site.store.close()
