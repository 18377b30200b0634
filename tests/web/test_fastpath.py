"""The film-page fast path: finished responses answered from memory, never stale.

The site runs with its lifespan (TestClient in a ``with`` block), so the data-version watcher is
on, as in ``filmguide serve``.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from starlette.testclient import TestClient

from filmguide.store import Store
from filmguide.web.app import Site, create_app

SLUG = "leaving-las-vegas"
PAGE = f"/films/{SLUG}"


def site_of(client: TestClient) -> Site:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    return site


def test_a_second_request_is_answered_from_memory_with_the_same_bytes(client: TestClient) -> None:
    site = site_of(client)
    first = client.get(PAGE, headers={"accept-encoding": "identity"})
    hits = site.fast.hits
    second = client.get(PAGE, headers={"accept-encoding": "identity"})
    assert site.fast.hits == hits + 1
    assert second.status_code == first.status_code == 200
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"] == first.headers["content-type"] == "text/html; charset=utf-8"
    assert int(second.headers["content-length"]) == len(second.content)


def test_the_json_twin_and_the_spoiler_free_variant_are_kept_apart(client: TestClient) -> None:
    site = site_of(client)
    pages = [PAGE, f"{PAGE}.json", f"{PAGE}?spoilers=0", f"{PAGE}.json?spoilers=0"]
    first = {path: client.get(path).content for path in pages}
    hits = site.fast.hits
    again = {path: client.get(path).content for path in pages}
    assert site.fast.hits == hits + len(pages)
    assert again == first
    assert len(set(first.values())) == len(pages)  # four different responses
    assert client.get(f"{PAGE}.json").json()["slug"] == SLUG


def test_gzip_is_served_to_clients_that_accept_it(client: TestClient) -> None:
    plain = client.get(PAGE, headers={"accept-encoding": "identity"}).content
    hits = site_of(client).fast.hits
    raw = client.get(PAGE, headers={"accept-encoding": "gzip, br"})
    assert site_of(client).fast.hits == hits + 1
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert raw.content == plain  # httpx decoded it
    assert gzip.decompress(gzip.compress(plain)) == plain


def test_a_client_that_has_the_page_gets_304(client: TestClient) -> None:
    client.get(PAGE)
    tag = client.get(PAGE).headers["etag"]
    hits = site_of(client).fast.hits
    again = client.get(PAGE, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    assert site_of(client).fast.hits == hits + 1


def test_other_queries_and_methods_take_the_full_way(client: TestClient) -> None:
    client.get(f"{PAGE}?utm_source=x")
    client.get(f"{PAGE}?utm_source=x")
    client.head(PAGE)
    assert site_of(client).fast.hits == 0


def test_a_write_through_this_store_is_seen_at_once(client: TestClient, demo_store: Store) -> None:
    client.get(PAGE)
    client.get(PAGE)
    guide = demo_store.get_guide(SLUG)
    assert guide is not None
    changed = guide.model_copy(update={"why_watch": ["A sentence that was not there before."]})
    demo_store.save_guide(changed)
    assert "A sentence that was not there before." in client.get(PAGE).text


def test_a_write_by_another_process_reaches_the_page_within_the_poll(
    client: TestClient, demo_store: Store, db_url: str
) -> None:
    """Another store on the same database stands for another worker or an import."""
    client.get(PAGE)
    before = client.get(PAGE).text
    other = Store.open(db_url)
    try:
        guide = other.get_guide(SLUG)
        assert guide is not None
        other.save_guide(guide.model_copy(update={"why_watch": ["Written by another process."]}))
    finally:
        other.close()
    deadline = time.monotonic() + 10
    text = before
    while "Written by another process." not in text and time.monotonic() < deadline:
        time.sleep(0.1)
        text = client.get(PAGE).text
    assert "Written by another process." in text
    assert "Written by another process." not in before


def test_pages_served_from_memory_count_no_view(client: TestClient) -> None:
    """Views are counted by the page's beacon: neither the view nor the fast path counts a GET."""
    for n in range(4):
        client.get(PAGE, headers={"user-agent": f"Mozilla/5.0 reader-{n}"})
    assert site_of(client).fast.hits >= 3
    site_of(client).events.flush()
    assert site_of(client).events.pending == 0
    assert client.get("/trending.json").json() == []


def test_an_unknown_film_is_never_kept(client: TestClient) -> None:
    assert client.get("/films/no-such-film-at-all").status_code == 404
    assert client.get("/films/no-such-film-at-all").status_code == 404
    assert site_of(client).fast.hits == 0


def test_responses_from_memory_carry_the_security_headers(client: TestClient) -> None:
    first = client.get(PAGE)
    hits = site_of(client).fast.hits
    second = client.get(PAGE)
    assert site_of(client).fast.hits == hits + 1
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"):
        assert second.headers[name] == first.headers[name], name
    assert "unsafe-inline" not in second.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in second.headers["content-security-policy"]


def test_two_workers_serve_a_write_made_by_another_process(db_url: str, tmp_path: Path) -> None:
    """``filmguide serve --workers 2``, every worker holding the page in memory; then
    ``filmguide import`` (another process) changes the guide: within the poll interval every
    worker serves the new page, and never again the old one."""
    import os
    import signal
    import subprocess
    import sys

    import httpx

    from tests.conftest import SEED, free_port

    env = {**os.environ, "FILMGUIDE_DB": db_url}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "filmguide", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=5) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            article = tmp_path / "leaving-las-vegas.txt"
            article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
            subprocess.run([sys.executable, "-m", "filmguide", "import", str(article)], env=env, check=True)
            before = {client.get(PAGE, headers={"connection": "close"}).text for _ in range(20)}
            assert len(before) == 1 and "Mike Figgis" in next(iter(before))

            changed = SEED.read_text(encoding="utf-8").replace("Mike Figgis", "Michael Figgis")
            article.write_text(changed, encoding="utf-8")
            subprocess.run([sys.executable, "-m", "filmguide", "import", str(article)], env=env, check=True)

            deadline = time.monotonic() + 10
            while "Michael Figgis" not in client.get(PAGE).text and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1.0)  # past one more poll: every worker has seen the new version
            after = [client.get(PAGE, headers={"connection": "close"}).text for _ in range(20)]
            assert all("Michael Figgis" in text for text in after)
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    assert server.returncode == 0, errors.decode()


def test_a_burst_of_readers_at_a_cold_page_renders_it_once(demo_store: Store) -> None:
    """32 requests arrive together at a page no one has read: one renders, 31 are answered from
    memory with the same bytes."""
    import asyncio

    import httpx

    app = create_app(demo_store)
    site: Site = app.state.site
    renders = 0
    render = site._render_film

    def counting_render(*args: object) -> bytes | None:
        nonlocal renders
        renders += 1
        time.sleep(0.05)  # long enough for the whole burst to arrive while it renders
        return render(*args)  # type: ignore[arg-type]

    site._render_film = counting_render  # type: ignore[method-assign]

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://films.test") as web:
            return await asyncio.gather(*(web.get(PAGE) for _ in range(32)))

    hits = site.fast.hits
    responses = asyncio.run(burst())
    assert renders == 1
    assert [r.status_code for r in responses] == [200] * 32
    assert len({r.content for r in responses}) == 1
    assert site.fast.hits == hits + 31
    assert site.fast.fills == 1


def test_a_burst_at_an_unknown_film_gets_404_for_every_reader(demo_store: Store) -> None:
    import asyncio

    import httpx

    app = create_app(demo_store)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://films.test") as web:
            return await asyncio.gather(*(web.get("/films/no-such-film") for _ in range(8)))

    assert [r.status_code for r in asyncio.run(burst())] == [404] * 8


def test_a_repeated_search_is_answered_from_memory_until_the_data_changes(
    client: TestClient, demo_store: Store
) -> None:
    site = site_of(client)
    for path in ("/search?q=las+vegas", "/search.json?q=las+vegas"):
        first = client.get(path)
        hits = site.fast.hits
        second = client.get(path)
        assert site.fast.hits == hits + 1
        assert second.status_code == first.status_code == 200
        assert second.content == first.content
    assert client.get("/search.json?q=las+vegas").json()["results"][0]["slug"] == SLUG
    # A new guide whose title matches: the next search finds it, not the kept answer.
    guide = demo_store.get_guide(SLUG)
    assert guide is not None
    demo_store.save_guide(guide.model_copy(update={"title": "Las Vegas Nights", "slug": "las-vegas-nights"}))
    slugs = [r["slug"] for r in client.get("/search.json?q=las+vegas").json()["results"]]
    assert "las-vegas-nights" in slugs


def test_a_refused_or_overlong_search_is_never_kept(client: TestClient) -> None:
    """Over the search's own limit the answer is 400; over the fast path's, a full search."""
    from filmguide.search import MAX_QUERY
    from filmguide.web.fastpath import SEARCH_QUERY_MAX

    site = site_of(client)
    refused = "/search?q=" + "a" * (MAX_QUERY + 1)
    unkept = "/search?q=" + "vegas+" * (SEARCH_QUERY_MAX // 6 + 1)
    assert [client.get(refused).status_code for _ in range(2)] == [400, 400]
    assert [client.get(unkept).status_code for _ in range(2)] == [200, 200]
    assert site.fast.hits == 0
