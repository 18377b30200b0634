"""Catalog film pages, the guide page's catalog sections, and /films (browse), on both back ends.

The store is the test's real store (SQLite, PostgreSQL) holding the demo guides and the open
catalog.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser
from starlette.applications import Starlette
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.article import parse_path
from filmguide.catalog import load_catalog
from filmguide.store import Store
from filmguide.web.app import create_app
from tests.conftest import SEED
from tests.helpers import site_client

CATALOG_ONLY = "the-shawshank-redemption"
#: The films whose similar lists the tests store (saving all 3,200 lists per test is slow).
SIMILAR_FOR = (CATALOG_ONLY, "leaving-las-vegas")


@functools.cache
def _similar_lists() -> dict[str, Any]:
    """Similar-film lists computed once per session from the catalog (filmguide.recommend)."""
    from filmguide.recommend import FilmRecord, build_index

    films = [FilmRecord.from_catalog(f) for f in load_catalog()]
    index = build_index(films, {}, curated={}, themes={})
    return dict(index.similar_all(k=10))


@pytest.fixture
def catalog_store(store: Store) -> Store:
    """The test's real store with the demo guides, the open catalog and two similar lists."""
    importer.import_paths(store, [importer.DEMO_DIR])
    store.load_catalog(load_catalog())
    lists = _similar_lists()
    store.save_similar({slug: lists[slug] for slug in SIMILAR_FOR})
    return store


@pytest.fixture
def client_app(catalog_store: Store) -> Starlette:
    return create_app(catalog_store)


def tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def text_of(html: str, selector: str) -> str:
    node = tree(html).css_first(selector)
    assert node is not None, f"nothing matches {selector}"
    return " ".join(node.text(deep=True).split())


# --- catalog-only film pages -------------------------------------------------------------------


def test_a_catalog_only_film_has_a_page_and_a_json_twin_with_its_facts(client: TestClient) -> None:
    data = client.get(f"/films/{CATALOG_ONLY}.json").json()
    film = next(f for f in load_catalog() if f.slug == CATALOG_ONLY)
    assert data["kind"] == "catalog_film" and data["has_guide"] is False
    assert data["title"] == film.title and data["year"] == film.year
    facts = data["facts"]
    assert facts["budget"] == film.budget and facts["worldwide_gross"] == film.worldwide_gross
    assert facts["imdb_rating"] == film.imdb_rating and facts["rotten_tomatoes"] == film.rotten_tomatoes
    assert facts["release_date"] == (film.release_date.isoformat() if film.release_date else None)
    assert [d["url"] for d in data["directors"]] == [f"/people/{d['slug']}" for d in facts["directors"]]

    page = client.get(f"/films/{CATALOG_ONLY}")
    assert page.status_code == 200
    html = page.text
    assert "No guide yet" in text_of(html, ".no-guide")
    facts_text = text_of(html, "#facts dl")
    assert f"${film.budget:,}" in facts_text and f"${film.worldwide_gross:,}" in facts_text
    assert f"{film.imdb_rating:.1f}/10" in facts_text
    if film.release_date:
        assert f"{film.release_date:%b} {film.release_date.day}, {film.release_date.year}" in facts_text
    for director in data["directors"]:
        assert tree(html).css_first(f'.byline a[href="{director["url"]}"]') is not None
    assert len(tree(html).css("#facts figure.chart svg[role=img]")) == 2


def test_a_catalog_page_formats_running_time_and_says_what_is_not_known(client: TestClient) -> None:
    film = next(
        f for f in load_catalog() if f.running_time_min and f.running_time_min % 60 and f.budget is None
    )
    html = client.get(f"/films/{film.slug}").text
    facts = text_of(html, "#facts dl")
    hours, minutes = divmod(film.running_time_min or 0, 60)
    assert f"{hours} h {minutes} min" in facts
    budget_row = tree(html).css_first("#facts dl div.unknown")
    assert budget_row is not None and "not known" in budget_row.text()


def test_similar_films_on_catalog_and_guide_pages_never_the_film_itself(client: TestClient) -> None:
    for slug in (CATALOG_ONLY, "leaving-las-vegas"):
        similar = client.get(f"/films/{slug}.json").json()["similar"]
        assert len(similar) >= 5
        assert slug not in {s["slug"] for s in similar}
        for item in similar:
            assert {"slug", "title", "year", "score", "reasons"} <= set(item)
            assert item["reasons"] and all(isinstance(r, str) and r for r in item["reasons"])
        html = client.get(f"/films/{slug}").text
        links = tree(html).css("#similar ol.similar > li > a")
        assert [a.attributes["href"] for a in links] == [f"/films/{s['slug']}" for s in similar]
        assert similar[0]["reasons"][0] in text_of(html, "#similar ol.similar > li")


def test_an_unknown_film_is_still_404(client: TestClient) -> None:
    assert client.get("/films/no-such-film-anywhere").status_code == 404
    assert client.get("/films/no-such-film-anywhere.json").status_code == 404


def test_catalog_pages_record_views_and_are_cached_on_the_data_version(
    client: TestClient, catalog_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded: list[tuple[str, str]] = []
    real = catalog_store.record_events

    def spy(batch: list[tuple[str, str, str | None, Any]], caps: Any = None) -> int:
        recorded.extend((slug, kind) for slug, kind, *_ in batch)
        return int(real(batch, caps))

    monkeypatch.setattr(catalog_store, "record_events", spy)
    for n in range(3):  # three readers: each page sends its beacon
        headers = {"user-agent": f"Mozilla/5.0 Firefox/{n}"}
        page = client.get(f"/films/{CATALOG_ONLY}", headers=headers)
        assert page.status_code == 200 and f'data-view-beacon="/films/{CATALOG_ONLY}/view"' in page.text
        assert client.post(f"/films/{CATALOG_ONLY}/view", headers=headers).status_code == 204
    client.get(f"/films/{CATALOG_ONLY}.json")  # neither the twin nor the page's GET is a view
    client.app.state.site.events.flush()  # type: ignore[attr-defined]
    assert recorded == [(CATALOG_ONLY, "view")] * 3

    site = client.app.state.site  # type: ignore[attr-defined]
    version = catalog_store.data_version()
    keys = [k for k in site.cache._entries if k[0] == "film" and k[1] == CATALOG_ONLY]
    assert keys and all(k[2] == version for k in keys)


def test_catalog_pages_carry_a_movie_in_json_ld_without_third_party_ratings(client: TestClient) -> None:
    html = client.get(f"/films/{CATALOG_ONLY}").text
    import json

    block = tree(html).css_first('script[type="application/ld+json"]')
    assert block is not None
    movie = json.loads(block.text())
    assert movie["@type"] == "Movie" and movie["@id"] == f"http://films.test/films/{CATALOG_ONLY}#film"
    assert movie["director"][0]["@type"] == "Person" and movie["dateCreated"].isdigit()
    assert "aggregateRating" not in movie
    assert "box office" in (tree(html).css_first("title").text())  # type: ignore[union-attr]


# --- the guide page's new sections -------------------------------------------------------------


@pytest.fixture
def seed_client(catalog_store: Any) -> Iterator[TestClient]:
    """The site with the seed article (its budget and gross claims) as the Leaving Las Vegas guide."""
    catalog_store.save_guide(parse_path(SEED))
    with site_client(create_app(catalog_store)) as test_client:
        yield test_client


def test_the_seed_budget_claim_is_supported_on_page_and_in_json(seed_client: TestClient) -> None:
    data = seed_client.get("/films/leaving-las-vegas.json").json()
    budget = [c for c in data["fact_checks"] if c["field"] == "budget"]
    assert len(budget) == 1
    assert budget[0]["stated"] == 4_000_000 and budget[0]["catalog"] == 4_000_000
    assert budget[0]["verdict"] == "supported"
    for check in data["fact_checks"]:
        assert set(check) == {"claim", "field", "stated", "catalog", "verdict", "note"}

    html = seed_client.get("/films/leaving-las-vegas").text
    items = tree(html).css("#fact-check li.check")
    assert len(items) == len(data["fact_checks"])
    budget_item = next(i for i in items if "just $4 million" in i.text())
    assert "Supported" in budget_item.css_first(".verdict").text()  # type: ignore[union-attr]
    assert budget[0]["note"] in " ".join(budget_item.text().split())


def test_guide_pages_show_facts_and_charts_when_the_film_is_in_the_catalog(seed_client: TestClient) -> None:
    data = seed_client.get("/films/leaving-las-vegas.json").json()
    assert data["facts"]["budget"] == 4_000_000 and data["facts"]["us_gross"] == 31_983_777
    html = seed_client.get("/films/leaving-las-vegas").text
    assert "$4,000,000" in text_of(html, "#facts dl") and "Oct 27, 1995" in text_of(html, "#facts dl")
    assert tree(html).css_first('.toc a[href="#facts"]') is not None
    desc = tree(html).css_first("#chart-money desc")
    assert desc is not None and "Budget: $4.0 million" in desc.text()
    # the keys pages had before the catalog are all still there
    for key in ("kind", "slug", "quick", "toc", "cast", "guide", "recommendations", "spoilers"):
        assert key in data


def test_themes_and_content_notes_show_outside_the_spoiler_gates(seed_client: TestClient) -> None:
    data = seed_client.get("/films/leaving-las-vegas.json").json()
    notes = {n["slug"] for n in data["content_notes"]}
    assert {"alcoholism", "suicide"} <= notes
    assert "addiction" in {t["slug"] for t in data["themes"]}
    html = seed_client.get("/films/leaving-las-vegas").text
    box = tree(html).css_first("aside.content-notes")
    assert box is not None and box.css_first("h2").text().strip().endswith("Content notes")  # type: ignore[union-attr]
    node = box
    while node is not None:
        assert node.tag != "details" and "spoiler" not in (node.attributes.get("class") or "").split()
        node = node.parent
    for note in data["content_notes"]:
        assert note["note"] in box.text()
    chips = [li.text() for li in tree(html).css(".film-head ul.chips-themes li")]
    assert chips == [t["name"] for t in data["themes"]]


def test_content_notes_stay_with_spoilers_off(seed_client: TestClient) -> None:
    full = seed_client.get("/films/leaving-las-vegas.json").json()
    safe = seed_client.get("/films/leaving-las-vegas.json?spoilers=0").json()
    assert safe["content_notes"] == full["content_notes"] and safe["content_notes"]
    html = seed_client.get("/films/leaving-las-vegas?spoilers=0").text
    box = tree(html).css_first("aside.content-notes")
    assert box is not None
    assert "Alcoholism" in box.text() and "Suicide" in box.text()
    assert full["guide"]["ending"][0] not in html


# --- browse ------------------------------------------------------------------------------------


def test_browse_filters_by_genre_and_year_and_says_how_many(client: TestClient) -> None:
    films = load_catalog()
    dramas = (f for f in films if f.genre == "Drama" and f.year == 1995)
    expected = sorted(dramas, key=lambda f: f.title.casefold())
    data = client.get("/films.json?genre=Drama&year=1995").json()
    assert data["total"] == len(expected) > 0
    assert [f["slug"] for f in data["films"]] == [f.slug for f in expected][:48]
    assert all(f["genre"] == "Drama" and f["year"] == 1995 for f in data["films"])
    lvl = next(f for f in data["films"] if f["slug"] == "leaving-las-vegas")
    assert lvl["has_guide"] is True

    html = client.get("/films?genre=Drama&year=1995").text
    cards = tree(html).css("ol.browse-list > li")
    assert len(cards) == len(data["films"])
    guide_card = next(c for c in cards if 'href="/films/leaving-las-vegas"' in c.html)  # type: ignore[operator]
    assert guide_card.css_first(".badge-guide") is not None
    assert f"{len(expected)} films" in text_of(html, ".lede")
    selected = tree(html).css_first("#f-genre option[selected]")
    assert selected is not None and selected.attributes["value"] == "Drama"
    for field in ("f-genre", "f-year", "f-director", "f-sort"):
        assert tree(html).css_first(f'label[for="{field}"]') is not None


def test_browse_by_director_and_sorts(client: TestClient) -> None:
    data = client.get("/films.json?director=Darren+Aronofsky&sort=-year").json()
    years = [f["year"] for f in data["films"]]
    assert data["total"] >= 2 and years == sorted(years, reverse=True)
    assert {"requiem-for-a-dream", "the-wrestler"} <= {f["slug"] for f in data["films"]}
    rated = client.get("/films.json?sort=rating").json()["films"]
    ratings = [f["imdb_rating"] for f in rated if f["imdb_rating"] is not None]
    assert ratings == sorted(ratings, reverse=True)


def test_browse_paginates_with_rel_links_and_page_n_of_m(client: TestClient) -> None:
    first = client.get("/films.json?genre=Comedy").json()
    assert first["pages"] > 2 and first["page"] == 1 and first["prev"] is None
    second = client.get(first["next"].replace("/films", "/films.json", 1)).json()
    assert second["page"] == 2
    assert not {f["slug"] for f in first["films"]} & {f["slug"] for f in second["films"]}

    html = client.get("/films?genre=Comedy&page=2").text
    nav = tree(html).css_first("nav.pagination")
    assert nav is not None
    assert f"Page 2 of {first['pages']}" in nav.text()
    prev = nav.css_first('a[rel="prev"]')
    nxt = nav.css_first('a[rel="next"]')
    assert prev is not None and prev.attributes["href"] == "/films?genre=Comedy"
    assert nxt is not None and nxt.attributes["href"] == "/films?genre=Comedy&page=3"


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=12",
        "page=0",
        "page=-1",
        "page=x",
        "sort=budget",
        "genre=Nonsense",
        "page=9999",
        "year=" + "9" * 50,
        "director=" + "x" * 500,
        "page=x&page=",  # found by schemathesis: the last value alone used to answer 200
        "year=1995&year=1996",
    ],
)
def test_bad_browse_parameters_answer_400_with_a_message(client: TestClient, query: str) -> None:
    page = client.get(f"/films?{query}")
    assert page.status_code == 400
    alert = tree(page.text).css_first('[role="alert"]')
    assert alert is not None and len(alert.text().strip()) > 20
    assert tree(page.text).css_first("form.browse-form") is not None
    twin = client.get(f"/films.json?{query}")
    assert twin.status_code == 400 and twin.json()["error"]


def test_the_site_nav_links_to_browse(client: TestClient) -> None:
    html = client.get("/").text
    assert tree(html).css_first('nav.site-nav a[href="/films"]') is not None
    browse = client.get("/films").text
    current = tree(browse).css_first('nav.site-nav a[aria-current="page"]')
    assert current is not None and current.attributes["href"] == "/films"
    assert re.search(r"\d[\d,]* films", text_of(browse, ".lede"))
