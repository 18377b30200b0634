"""The write API (``/api/guides``) over the real app and store, on both back ends: tokens (401s),
articles in each form and guides as JSON (201/200), malformed input (400/415/422), PUT at a slug
(409 on a mismatch), DELETE, pages that show a write at once, similar lists refreshed after it,
and a failing store answered with JSON that reveals nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.model import Guide
from filmguide.store import Store
from filmguide.web.app import create_app
from filmguide.web.refresh import SimilarRefresher
from tests.conftest import ARTICLES, SEED
from tests.helpers import Api

BASE = "http://films.test"
MARKDOWN = """---
title: The Quiet Lighthouse
year: 1987
directors: [Ada Keeper]
genres: [Drama]
---

The Quiet Lighthouse (1987) is a slow drama about a keeper and the storm that ends her last winter.

## Detailed Summary

Ada keeps the light on a rock far from shore. A storm cuts her off for a month.

## Cast

- Mara Lind as Ada
"""


def guide_count(store: Store) -> int:
    return len(store.list_guides())


# --- tokens ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, None),
        ("Basic dXNlcjpwYXNz", "invalid_request"),
        ("Bearer", "invalid_request"),
        ("Bearer not-a-token", "invalid_token"),
    ],
)
def test_a_write_without_a_valid_token_is_401_and_writes_nothing(
    api: Api, header: str | None, code: str | None
) -> None:
    before = guide_count(api.store)
    headers = {"Content-Type": "text/markdown"}
    if header is not None:
        headers["Authorization"] = header
    for method, path in [
        ("POST", "/api/guides"),
        ("PUT", "/api/guides/the-quiet-lighthouse"),
        ("DELETE", "/api/guides/blue-valentine"),
    ]:
        response = api.client.request(method, path, content=MARKDOWN, headers=headers)
        assert response.status_code == 401, (method, response.text)
        challenge = response.headers["www-authenticate"]
        assert challenge.startswith('Bearer realm="filmguide"')
        assert (f'error="{code}"' in challenge) if code else ("error=" not in challenge)
        assert set(response.json()) == {"error"}
    assert guide_count(api.store) == before
    assert api.store.get_guide("blue-valentine") is not None


def test_a_revoked_token_is_refused_at_once(api: Api) -> None:
    assert api.post(MARKDOWN, "text/markdown").status_code == 201
    api.store.revoke_token("editor")
    response = api.post(MARKDOWN.replace("slow drama", "quiet drama"), "text/markdown")
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
    assert "slow drama" in " ".join(api.store.get_guide("the-quiet-lighthouse").intro or [])  # type: ignore[union-attr]


def test_the_token_is_checked_before_the_body_is_judged(api: Api) -> None:
    response = api.client.post(
        "/api/guides", content=b"\x00" * 10, headers={"Content-Type": "application/pdf"}
    )
    assert response.status_code == 401


# --- creating and updating ------------------------------------------------------------------------


def test_post_markdown_creates_201_and_the_page_shows_it_at_once(api: Api) -> None:
    assert api.client.get("/films/the-quiet-lighthouse").status_code == 404
    response = api.post(MARKDOWN, "text/markdown; charset=utf-8")
    assert response.status_code == 201
    data = response.json()
    assert data == {
        "slug": "the-quiet-lighthouse",
        "url": f"{BASE}/films/the-quiet-lighthouse",
        "api_url": f"{BASE}/api/guides/the-quiet-lighthouse",
        "created": True,
        "changed": True,
        "version": 1,
        "warnings": [],
    }
    assert response.headers["location"] == f"{BASE}/api/guides/the-quiet-lighthouse"
    page = api.client.get("/films/the-quiet-lighthouse")
    assert page.status_code == 200 and "The Quiet Lighthouse" in page.text and "Mara Lind" in page.text
    stored = api.client.get("/api/guides/the-quiet-lighthouse").json()
    assert stored["title"] == "The Quiet Lighthouse" and stored["year"] == 1987
    assert stored == Guide.model_validate(stored).to_json_dict()
    assert "the-quiet-lighthouse" in {g["slug"] for g in api.client.get("/api/guides").json()}
    assert api.store.list_guides() and any(g.slug == "the-quiet-lighthouse" for g in api.store.list_guides())


def test_post_again_is_200_and_a_change_shows_on_the_cached_page(api: Api) -> None:
    api.post(MARKDOWN, "text/markdown")
    first = api.client.get("/films/the-quiet-lighthouse")
    assert "slow drama" in first.text
    same = api.post(MARKDOWN, "text/markdown")
    assert same.status_code == 200 and same.json()["changed"] is False and same.json()["version"] == 1
    changed = api.post(MARKDOWN.replace("slow drama", "patient drama"), "text/markdown")
    assert changed.status_code == 200
    assert changed.json()["changed"] is True and changed.json()["version"] == 2
    page = api.client.get("/films/the-quiet-lighthouse")
    assert "patient drama" in page.text and "slow drama" not in page.text
    twin = api.client.get("/films/the-quiet-lighthouse.json").json()
    assert "patient drama" in twin["guide"]["intro"][0]


@pytest.mark.parametrize(
    ("path", "content_type", "slug"),
    [
        (SEED, "text/plain", "leaving-las-vegas"),
        (ARTICLES / "casablanca.txt", "text/plain", "casablanca"),
        (ARTICLES / "amelie.html", "text/html", "amelie"),
        (ARTICLES / "blue-valentine.md", "text/markdown", "blue-valentine"),
    ],
)
def test_each_article_form_is_read_by_content_type(
    api: Api, path: Path, content_type: str, slug: str
) -> None:
    existed = api.store.get_guide(slug) is not None
    # Forced: the fixture is a shorter article than the demo's guide of the same film.
    response = api.client.post(
        "/api/guides?force=true", content=path.read_bytes(), headers=api.auth(content_type)
    )
    assert response.status_code == (200 if existed else 201), response.text
    assert response.json()["slug"] == slug
    assert api.client.get(f"/films/{slug}").status_code == 200


def test_a_guide_as_json_is_created_and_read_back(api: Api) -> None:
    guide = Guide(title="Harbour Lights", year=1999, directors=["Ines Vale"], intro=["A harbour at night."])
    response = api.post(guide.model_dump_json(), "application/json")
    assert response.status_code == 201
    slug = response.json()["slug"]
    back = api.client.get(f"/api/guides/{slug}").json()
    assert back == guide.model_copy(update={"slug": slug}).to_json_dict()


def test_a_title_given_in_the_query_names_a_text_article(api: Api) -> None:
    body = "A keeper minds a light on a rock far from shore.\n\nDetailed Summary\n\nA storm comes.\n"
    response = api.client.post(
        "/api/guides", params={"title": "Rock Light"}, content=body, headers=api.auth("text/plain")
    )
    assert response.status_code == 201, response.text
    assert api.store.get_guide(response.json()["slug"]).title == "Rock Light"  # type: ignore[union-attr]


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"{not json", "application/json", 400, "the body is not JSON"),
        (b'{"titel": "x"}', "application/json", 422, "the body is not a guide: title: Field required"),
        (b"   \n", "text/plain", 422, "body: file is empty"),
        (b"\x00\x01\x02binary", "text/plain", 422, "body:1: binary file"),
        (b"---\ntitle: [\n---\n", "text/markdown", 422, "body:2: front matter"),
        (b'{"title": "  "}', "application/json", 422, "the guide's title is empty"),
        (b'{"title": "Nul\\u0000film"}', "application/json", 422, "title holds a NUL character"),
        (b'{"title": "Big", "year": 99999999999}', "application/json", 422, "year is out of range"),
        (json.dumps({"title": "Long " * 100}).encode(), "application/json", 422, "the title is too long"),
        (b'{"title": "Odd", "slug": "Not A Slug"}', "application/json", 422, "is not a slug"),
    ],
)
def test_bad_bodies_get_one_line_and_write_nothing(
    api: Api, body: bytes, content_type: str, status: int, message: str
) -> None:
    before = guide_count(api.store)
    response = api.post(body, content_type)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert message in error and "\n" not in error
    assert guide_count(api.store) == before


def test_a_json_guide_with_many_problems_lists_them_all(api: Api) -> None:
    response = api.post(b'{"titel": 1, "year": "x"}', "application/json")
    data = response.json()
    assert response.status_code == 422
    assert {d["loc"] for d in data["details"]} == {"title", "titel", "year"}
    assert data["error"].endswith("(and 2 more)")


@pytest.mark.parametrize("content_type", [None, "application/pdf", "text/csv", "multipart/form-data"])
def test_an_unsupported_content_type_is_415(api: Api, content_type: str | None) -> None:
    headers = api.auth(content_type)
    response = api.client.post("/api/guides", content=MARKDOWN, headers=headers)
    assert response.status_code == 415
    assert "application/json, text/plain, text/html, text/markdown" in response.json()["error"]


# --- PUT and DELETE -----------------------------------------------------------------------------------


def test_put_creates_at_the_slug_then_replaces(api: Api) -> None:
    created = api.client.put(
        "/api/guides/quiet-lighthouse", content=MARKDOWN, headers=api.auth("text/markdown")
    )
    assert created.status_code == 201, created.text
    assert created.json()["slug"] == "quiet-lighthouse"
    assert created.headers["location"] == f"{BASE}/api/guides/quiet-lighthouse"
    replaced = api.client.put(
        "/api/guides/quiet-lighthouse",
        content=MARKDOWN.replace("slow drama", "grey drama"),
        headers=api.auth("text/markdown"),
    )
    assert replaced.status_code == 200 and replaced.json()["version"] == 2
    assert "grey drama" in (api.store.get_guide("quiet-lighthouse").intro or [""])[0]  # type: ignore[union-attr]


def test_put_of_another_films_title_is_409_and_writes_nothing(api: Api) -> None:
    before = api.store.get_guide("blue-valentine")
    versions = {g.slug: api.store.guide_version(g.slug) for g in api.store.list_guides()}
    # The Wrestler's article, PUT at Blue Valentine's slug (the body names no slug).
    body = (importer.DEMO_DIR / "the-wrestler.md").read_text().replace("slug: the-wrestler\n", "")
    response = api.client.put("/api/guides/blue-valentine", content=body, headers=api.auth("text/markdown"))
    assert response.status_code == 409, response.text
    assert response.json()["slug"] == "the-wrestler"
    assert "links it to the film 'the-wrestler'" in response.json()["error"]
    assert api.store.get_guide("blue-valentine") == before
    assert {g.slug: api.store.guide_version(g.slug) for g in api.store.list_guides()} == versions


def test_put_whose_body_names_another_slug_is_422(api: Api) -> None:
    body = (importer.DEMO_DIR / "the-wrestler.md").read_bytes()  # says slug: the-wrestler
    response = api.client.put("/api/guides/blue-valentine", content=body, headers=api.auth("text/markdown"))
    assert response.status_code == 422
    assert "the body's slug 'the-wrestler' is not the URL's 'blue-valentine'" in response.json()["error"]


def test_put_at_a_path_that_is_not_a_slug_is_422(api: Api) -> None:
    response = api.client.put(
        "/api/guides/Not%20A%20Slug", content=MARKDOWN, headers=api.auth("text/markdown")
    )
    assert response.status_code == 422 and "is not a slug" in response.json()["error"]


def test_delete_is_204_then_404(api: Api) -> None:
    response = api.client.delete("/api/guides/blue-valentine", headers=api.auth())
    assert response.status_code == 204 and response.content == b""
    assert api.store.get_guide("blue-valentine") is None
    assert api.client.get("/api/guides/blue-valentine").status_code == 404
    again = api.client.delete("/api/guides/blue-valentine", headers=api.auth())
    assert again.status_code == 404 and again.json() == {"error": "no guide with slug 'blue-valentine'"}


# --- after a write ------------------------------------------------------------------------------------


def test_a_write_refreshes_the_similar_films_in_the_background(api: Api) -> None:
    refresher = api.client.app.state.api.refresher  # type: ignore[attr-defined]
    assert api.store.similar("the-quiet-lighthouse") == []
    runs = refresher.runs
    assert api.post(MARKDOWN, "text/markdown").status_code == 201
    assert refresher.wait_idle(60)
    assert refresher.runs == runs + 1
    similar = api.store.similar("the-quiet-lighthouse")
    assert similar and all(item["slug"] != "the-quiet-lighthouse" for item in similar)
    twin = api.client.get("/films/the-quiet-lighthouse.json").json()
    assert [s["slug"] for s in twin["similar"]] == [s["slug"] for s in similar]
    # An unchanged save asks for no run.
    api.post(MARKDOWN, "text/markdown")
    assert refresher.wait_idle(60) and refresher.runs == runs + 1


def test_unknown_api_paths_and_methods_answer_json_or_405(api: Api) -> None:
    missing = api.client.get("/api/nothing")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/json"
    assert api.client.patch("/api/guides/blue-valentine").status_code == 405


def test_a_failing_store_answers_500_json_without_internals(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'broken.db'}")
    try:
        token = store.create_token("editor")
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE api_tokens"))
        with TestClient(create_app(store), raise_server_exceptions=False) as client:
            response = client.post(
                "/api/guides",
                content=MARKDOWN,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "text/markdown"},
            )
    finally:
        store.close()
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"kind": "error", "error": "internal error"}
    for leak in ("Traceback", "api_tokens", "sqlite", "OperationalError", str(tmp_path)):
        assert leak not in response.text


def test_writes_during_a_refresh_coalesce_into_one_more_run() -> None:
    """Five writes while a run is under way cost one more run, not five."""
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def refresh() -> None:
        calls.append(len(calls))
        started.set()
        release.wait(30)

    refresher = SimilarRefresher(refresh, debounce=0.0)
    refresher.schedule()
    assert started.wait(30)
    for _ in range(5):
        refresher.schedule()
    release.set()
    assert refresher.wait_idle(30)
    assert calls == [0, 1] and refresher.runs == 2
    refresher.close()


def test_closing_runs_what_is_pending_without_waiting_for_quiet() -> None:
    calls: list[str] = []
    refresher = SimilarRefresher(lambda: calls.append("run"), debounce=3600.0)
    refresher.schedule()
    refresher.close(30)
    assert calls == ["run"]
    refresher.schedule()  # after closing: ignored
    assert calls == ["run"]


def test_a_failing_refresh_is_logged_and_the_next_write_tries_again(caplog: pytest.LogCaptureFixture) -> None:
    outcomes = iter([RuntimeError("catalog busy"), None])

    def refresh() -> None:
        outcome = next(outcomes)
        if outcome is not None:
            raise outcome

    refresher = SimilarRefresher(refresh, debounce=0.0)
    refresher.schedule()
    assert refresher.wait_idle(30) and refresher.runs == 1
    assert "could not refresh the similar films" in caplog.text
    refresher.schedule()
    assert refresher.wait_idle(30) and refresher.runs == 2
    refresher.close()


def test_closing_the_store_finishes_the_refresh_it_was_asked_for_first(tmp_path: Path) -> None:
    """A write through the API asks for a refresh; a site whose store closes without its own
    shutdown (a test client never entered, a killed server's cleanup) runs it before the
    connections close. Left to its thread, the refresh opened a connection on the closed store
    that nothing closed, and its ResourceWarning surfaced in whatever ran later."""
    store = Store.open(f"sqlite:///{tmp_path / 'site.db'}")
    app = create_app(store, secret=b"s" * 32)
    refresher = app.state.api.refresher
    refresher.debounce = 3600.0  # only a close can run it now
    refresher.schedule()
    store.close()
    assert refresher.runs == 1
    assert not any(t.name == "similar-refresh" and t.is_alive() for t in threading.enumerate())
