"""The site's search over the demo guides and the fixture articles: typos forgiven, limits kept,
and every query answered 200 or 400 by ``/search`` and ``/search.json``, never 500."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from filmguide import importer, search
from filmguide.store import Store
from filmguide.store.guides import WritePolicy
from filmguide.web.app import create_app
from tests.conftest import ARTICLES, empty_tables
from tests.helpers import HOSTILE
from tests.store.conftest import make_guide

#: The fixtures hold shorter guides of demo films: here both simply replace, as on each back end.
FORCE = WritePolicy(force=True)


@pytest.fixture
def guides(store: Store) -> Iterator[Store]:
    # Forced: the fixtures' Blue Valentine is a shorter article than the demo's guide of it.
    report = importer.import_paths(
        store, [importer.DEMO_DIR, ARTICLES], workers=1, policy=WritePolicy(force=True)
    )
    assert not report.failures
    yield store


def _top(page: dict[str, object]) -> tuple[str, str]:
    results = page["results"]
    assert isinstance(results, list) and results, page
    return results[0]["kind"], results[0]["slug"]


def test_a_misspelt_name_finds_the_person(guides: Store) -> None:
    page = search.search_page(guides, "Figis")
    assert _top(page) == ("person", "mike-figgis")
    assert page["fuzzy"] is True
    assert page["results"][0]["name"] == "Mike Figgis"
    assert page["results"][0]["url"] == "/people/mike-figgis"


def test_a_misspelt_title_finds_the_film_first(guides: Store) -> None:
    page = search.search_page(guides, "leavng las vegas")
    assert _top(page) == ("film", "leaving-las-vegas")
    assert page["fuzzy"] is True
    first = page["results"][0]
    assert (first["title"], first["year"], first["url"]) == (
        "Leaving Las Vegas",
        1995,
        "/films/leaving-las-vegas",
    )
    assert _top(search.search_page(guides, "requiem for a dram")) == ("film", "requiem-for-a-dream")
    assert _top(search.search_page(guides, "midnite cowboy")) == ("film", "midnight-cowboy")
    assert _top(search.search_page(guides, "casablanka")) == ("film", "casablanca")


def test_words_rank_titles_first_and_are_not_fuzzy(guides: Store) -> None:
    page = search.search_page(guides, "leaving las vegas")
    assert _top(page) == ("film", "leaving-las-vegas")
    assert page["fuzzy"] is False
    assert page["results"][0]["score"] > page["results"][1]["score"]
    assert _top(search.search_page(guides, "Nicolas Cage")) == ("person", "nicolas-cage")
    assert _top(search.search_page(guides, "requiem")) == ("film", "requiem-for-a-dream")
    text_hit = search.search_page(guides, "hip flask")
    assert _top(text_hit) == ("film", "leaving-las-vegas")
    assert any(s["match"] and s["text"].casefold() == "hip flask" for s in text_hit["results"][0]["snippet"])


def test_an_empty_query_gives_an_empty_page(guides: Store) -> None:
    for query in ("", "   ", "!!!", "🎬"):
        assert search.search_page(guides, query) == {
            "kind": "search",
            "query": query.strip(),
            "results": [],
            "fuzzy": False,
        }


def test_queries_of_up_to_3000_characters_are_taken(guides: Store) -> None:
    assert search.search_page(guides, "v" * 3000)["kind"] == "search"
    assert search.search_page(guides, ("vegas " * 600)[:3000])["results"]
    with pytest.raises(search.QueryError, match="3000"):
        search.search_page(guides, "v" * 3001)


def test_closest_titles_suggest_films(guides: Store) -> None:
    assert search.closest_titles(guides, "leaving vegas")[0] == {
        "slug": "leaving-las-vegas",
        "title": "Leaving Las Vegas",
        "url": "/films/leaving-las-vegas",
    }
    assert search.closest_titles(guides, "zzzzzz") == []
    assert len(search.closest_titles(guides, "the", limit=2)) <= 2


def _sendable(query: str) -> bool:
    try:
        query.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no URL can carry it
        return False
    return True


WEB_QUERIES = [q for q in HOSTILE if _sendable(q)] + ["v" * 3001, "Figis", "leavng las vegas", "%", "%00"]


def test_the_site_answers_every_query_with_200_or_400(guides: Store) -> None:
    app = create_app(guides)

    async def run() -> list[tuple[str, str, int, httpx.Response]]:
        answers = []
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for query in WEB_QUERIES:
                for path in ("/search", "/search.json"):
                    response = await client.get(path, params={"q": query})
                    answers.append((path, query, response.status_code, response))
            # Raw, badly encoded query strings too.
            for raw in ("q=%FF%FE", "q=%", "q=%E0%A4%A", "q", "q=%00%00", "q=a&q=b"):
                for path in ("/search", "/search.json"):
                    response = await client.get(f"{path}?{raw}")
                    answers.append((path, raw, response.status_code, response))
        return answers

    for path, query, status, response in asyncio.run(run()):
        assert status in (200, 400), (path, query[:40], status)
        if status == 400:
            assert len(query) > search.MAX_QUERY
            if path.endswith(".json"):
                assert "3000" in response.json()["error"]
            else:
                assert "3000" in response.text
        if path.endswith(".json") and status == 200:
            data = response.json()
            assert data["kind"] == "search" and isinstance(data["results"], list)


def test_search_json_gives_results_with_snippet_segments(guides: Store) -> None:
    app = create_app(guides)

    async def run() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/search.json?q=hip+flask"), await client.get("/search?q=hip+flask")

    as_json, as_html = asyncio.run(run())
    data = as_json.json()
    assert data["fuzzy"] is False
    first = data["results"][0]
    assert set(first) == {"kind", "slug", "url", "title", "year", "score", "snippet"}
    assert all(set(segment) == {"text", "match"} for segment in first["snippet"])
    assert as_html.status_code == 200 and "Leaving Las Vegas" in as_html.text


def test_catalog_films_without_a_guide_are_found_by_title_and_director(store: Store) -> None:
    store.load_catalog(importer.load_catalog_file(None))
    page = search.search_page(store, "taxi driver")
    assert _top(page) == ("film", "taxi-driver")
    assert page["results"][0]["year"] == 1976 and page["fuzzy"] is False
    page = search.search_page(store, "martin scorsese")
    assert _top(page) == ("person", "martin-scorsese")
    assert "taxi-driver" in [r["slug"] for r in page["results"] if r["kind"] == "film"]
    assert _top(search.search_page(store, "taxi drivr")) == ("film", "taxi-driver")
    assert _top(search.search_page(store, "memen")) == ("film", "memento")


def _queries(store: Store) -> list[str]:
    """What readers type, drawn from the stored titles and names: whole titles, their starts,
    surnames, a letter left out, plus the queries of the tests above and the hostile ones."""
    titles = sorted(f.title for f in store.catalog_films())[::40]
    names = sorted({p.name for p in store.people()})[::60]
    drawn = []
    for n, title in enumerate(titles):
        drawn += [title.lower(), title[: 2 + n % 7].lower().rstrip()]
        long = [w for w in title.split() if len(w) >= 5]
        if long:
            drawn.append(title.replace(long[0], long[0][:2] + long[0][3:]).lower())
    for name in names:
        drawn += [name, name.split()[-1]]
    fixed = ["Figis", "leavng las vegas", "requiem for a dram", "midnite cowboy", "casablanka"]
    fixed += ["leaving las vegas", "Nicolas Cage", "requiem", "hip flask", "taxi driver", "taxi drivr"]
    fixed += ["martin scorsese", "memen", "the", "the godfa", "a", "th", "G.I. Jane", "caton-jones"]
    return list(dict.fromkeys(drawn + fixed + [q for q in HOSTILE if len(q) <= search.MAX_QUERY]))


def _seen(page: dict[str, Any]) -> tuple[bool, list[object], list[object] | int]:
    """A page as a reader sees it: fuzzy or not, the results of titles, people and typos in
    order with their snippets, then those found in guide text: ranked by each back end's text
    score (FTS5's bm25, ts_rank_cd: docs/search.md), so compared as a set, or by their number
    when more than the page holds were found (which of them make the page is the score's)."""
    results = page["results"]
    ranked = [(r["kind"], r["slug"], r["snippet"]) for r in results if r["score"] >= 1]
    text = sorted(repr((r["kind"], r["slug"], r["snippet"])) for r in results if r["score"] < 1)
    return page["fuzzy"], ranked, list(text) if len(results) < search.LIMIT else len(text)


@pytest.mark.postgres
def test_both_back_ends_give_the_same_results(pg_session_url: str, tmp_path: Path) -> None:
    Store.open(pg_session_url).close()
    empty_tables(pg_session_url)
    stores = [Store.open(f"sqlite:///{tmp_path / 'same.db'}"), Store.open(pg_session_url)]
    try:
        for store in stores:
            store.load_catalog(importer.load_catalog_file(None))
            report = importer.import_paths(store, [importer.DEMO_DIR, ARTICLES], workers=1, policy=FORCE)
            assert not report.failures
        sqlite, postgres = stores
        queries = _queries(sqlite)
        assert len(queries) > 150
        found = 0
        for query in queries:
            expected = _seen(search.search_page(sqlite, query))
            assert _seen(search.search_page(postgres, query)) == expected, query
            found += bool(expected[1] or expected[2])
            assert search.closest_titles(postgres, query) == search.closest_titles(sqlite, query), query
        assert found > 100
        # A guide saved, renamed and deleted: both indexes follow.
        for store in stores:
            store.save_guide(make_guide("G.I. Zeppelin", 1977))
        for query in ("g i zepp", "zeppelin", "gi zeppelin"):
            assert _seen(search.search_page(postgres, query)) == _seen(search.search_page(sqlite, query))
        first = search.search_page(postgres, "g i zepp")["results"][0]
        assert first["slug"] == "g-i-zeppelin"
    finally:
        for store in stores:
            store.close()
