"""Every route and its JSON twin, in-process over the ASGI interface (no server), on both back ends."""

from __future__ import annotations

import gzip

import pytest
from selectolax.lexbor import LexborHTMLParser
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.article import parse_path
from filmguide.config import Settings
from filmguide.store import Store
from filmguide.web.app import create_app
from tests.conftest import SEED

PAGES = ["/", "/films/leaving-las-vegas", "/people/nicolas-cage", "/search?q=vegas"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_advertises_its_json_twin_and_the_twin_answers(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    link = LexborHTMLParser(page.text).css_first('link[rel="alternate"][type="application/json"]')
    assert link is not None
    twin = client.get(link.attributes["href"] or "")
    assert twin.status_code == 200
    assert twin.headers["content-type"] == "application/json"
    assert isinstance(twin.json(), dict)


def test_the_film_twin_holds_the_facts_the_page_shows(client: TestClient) -> None:
    data = client.get("/films/leaving-las-vegas.json").json()
    page = client.get("/films/leaving-las-vegas").text

    assert data["title"] == "Leaving Las Vegas" and data["year"] == 1995
    assert data["quick"]["post_credits"] is False
    assert data["guide"]["cast"][0]["actor"] == "Nicolas Cage"
    for member in data["cast"]:
        assert member["actor"]["name"] in page
        assert f'href="{member["actor"]["url"]}"' in page
    for ref in data["recommendations"]:
        if ref["url"]:
            assert f'href="{ref["url"]}"' in page
    stored = {r["slug"] for r in data["recommendations"] if r["slug"]}
    assert {"requiem-for-a-dream", "midnight-cowboy", "the-wrestler"} <= stored


def test_spoilers_zero_leaves_every_spoiler_out_of_page_and_twin(client: TestClient) -> None:
    full = client.get("/films/leaving-las-vegas.json").json()
    safe = client.get("/films/leaving-las-vegas.json?spoilers=0").json()
    assert "ending" in full["spoilers"] and full["guide"]["ending"]
    assert safe["spoilers"] == [] and safe["spoilers_included"] is False
    assert safe["guide"]["ending"] is None and safe["guide"]["alternate_endings"] is None
    final_part = full["guide"]["summary"][-1]["paragraphs"][0]
    assert len(safe["guide"]["summary"]) == len(full["guide"]["summary"]) - 1
    html = client.get("/films/leaving-las-vegas?spoilers=0").text
    assert full["guide"]["ending"][0] not in html
    assert final_part not in html


def test_film_pages_answer_etag_304_and_gzip(client: TestClient) -> None:
    first = client.get("/films/leaving-las-vegas")
    tag = first.headers["etag"]
    again = client.get("/films/leaving-las-vegas", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    raw = client.get("/films/leaving-las-vegas", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.text == first.text  # decoded by the client
    plain = client.get("/films/leaving-las-vegas", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.compress(plain.content)  # the same bytes, uncompressed


def test_a_write_invalidates_the_cached_page(client: TestClient, store: Store) -> None:
    before = client.get("/films/leaving-las-vegas.json").json()
    guide = parse_path(SEED)  # the seed's own wording replaces the demo guide
    store.save_guide(guide)
    after = client.get("/films/leaving-las-vegas.json").json()
    assert after["guide"]["trivia"] != before["guide"]["trivia"]
    assert after["guide"]["trivia"] == guide.trivia


#: Three readers: one address, three browsers (a client is address and user agent; docs/web.md).
READERS = [
    {"user-agent": f"Mozilla/5.0 (X11; Linux x86_64; rv:{n}.0) Gecko/20100101 Firefox/{n}.0"}
    for n in (1, 2, 3)
]


def test_views_and_shares_feed_trending_and_most_shared(client: TestClient) -> None:
    for reader in READERS:
        client.get("/films/the-wrestler", headers=reader)  # a page's GET is not a view: its beacon is
        assert client.post("/films/the-wrestler/view", headers=reader).status_code == 204
    assert client.post("/films/midnight-cowboy/view", headers=READERS[0]).status_code == 204
    share = "/films/midnight-cowboy/share"
    assert client.post(share, json={"channel": "x"}, headers=READERS[0]).status_code == 201
    assert client.post(share, json={"channel": "email"}, headers=READERS[1]).status_code == 201
    assert (
        client.post("/films/the-wrestler/share", json={"channel": "copy"}, headers=READERS[2]).status_code
        == 201
    )
    client.app.state.site.events.flush()  # type: ignore[attr-defined]

    assert client.get("/trending.json").json() == [
        {"slug": "the-wrestler", "title": "The Wrestler", "views": 3},
        {"slug": "midnight-cowboy", "title": "Midnight Cowboy", "views": 1},
    ]
    assert client.get("/most-shared.json").json() == [
        {"slug": "midnight-cowboy", "title": "Midnight Cowboy", "shares": 2},
        {"slug": "the-wrestler", "title": "The Wrestler", "shares": 1},
    ]
    home = client.get("/index.json").json()
    assert [f["slug"] for f in home["trending"]] == ["the-wrestler", "midnight-cowboy"]


def test_share_errors(client: TestClient) -> None:
    assert client.post("/films/no-such-film/share", json={"channel": "x"}).status_code == 404
    assert client.post("/films/the-wrestler/share", json={}).status_code == 400
    assert (
        client.post(
            "/films/the-wrestler/share", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert client.get("/most-shared.json").json() == []


def test_a_share_form_without_script_records_and_redirects(client: TestClient) -> None:
    response = client.post(
        "/films/the-wrestler/share?to=1", data={"channel": "bluesky"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("https://bsky.app/intent/compose?text=")
    assert "the-wrestler" in response.headers["location"]
    client.app.state.site.events.flush()  # type: ignore[attr-defined]
    assert client.get("/most-shared.json").json()[0]["shares"] == 1


def test_unknown_pages_are_404_with_suggestions_and_json(client: TestClient) -> None:
    page = client.get("/films/leaving-las-vegs")
    assert page.status_code == 404
    assert 'href="/films/leaving-las-vegas"' in page.text
    twin = client.get("/films/leaving-las-vegs.json")
    assert twin.status_code == 404
    assert twin.json()["suggestions"][0]["slug"] == "leaving-las-vegas"
    assert client.get("/people/nobody-at-all").status_code == 404


def test_a_server_error_reveals_nothing_internal(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    importer.import_paths(store, [importer.DEMO_DIR])

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret database password is hunter2")

    monkeypatch.setattr("filmguide.web.pages.film_page", broken)
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        response = client.get("/films/midnight-cowboy")
        twin = client.get("/films/midnight-cowboy.json")
    assert response.status_code == 500 and twin.status_code == 500
    for body in (response.text, twin.text):
        assert "hunter2" not in body and "Traceback" not in body and "RuntimeError" not in body
    assert twin.json() == {"kind": "error", "error": "internal error"}


def test_machine_files(client: TestClient) -> None:
    assert client.get("/healthz").text == "ok"
    assert "Sitemap: http://films.test/sitemap.xml" in client.get("/robots.txt").text
    assert client.get("/sitemap.xml").headers["content-type"] == "application/xml"
    assert client.get("/feed.xml").headers["content-type"] == "application/atom+xml"
    assert client.get("/static/site.css").status_code == 200


def test_views_are_buffered_and_written_in_one_batch_on_shutdown(store: Store) -> None:
    importer.import_paths(store, [importer.DEMO_DIR])
    with TestClient(create_app(store, settings=Settings(views_per_address=5))) as client:
        for n in range(5):  # five readers (one reader's repeats count once: tests/web/test_counting.py)
            client.post("/films/midnight-cowboy/view", headers={"user-agent": f"Mozilla/5.0 Firefox/{n}"})
    # Leaving the client shuts the app down: the buffer is written, nothing is lost.
    counts = store.top_films("view")
    assert [(c.slug, c.count) for c in counts] == [("midnight-cowboy", 5)]
