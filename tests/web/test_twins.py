"""Every page kind's JSON twin, key by key: each key present, in the order the twins have always
listed them (the export's bytes depend on it), with the right type, and the right value where the
demo guides and the catalog fix it; and every twin is exactly its page model's dump.

``guide-schema.md`` is a contract: twins gain keys, they never lose or rename one. A key added to
a page model must be added here too (the shapes are exact).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from pydantic import BaseModel
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.catalog import load_catalog
from filmguide.store import Store
from filmguide.store.events import Count
from filmguide.web import page_models, pages
from filmguide.web.app import create_app
from filmguide.web.render import json_bytes

GUIDED = "leaving-las-vegas"
CATALOG_ONLY = "fear-and-loathing-in-las-vegas"


class Maybe:
    """A shape that may also be ``null``."""

    def __init__(self, shape: Any) -> None:
        self.shape = shape


def check(value: Any, shape: Any, where: str = "$") -> None:
    """``value`` has ``shape``: a dict of shapes (exactly these keys, in this order), a one-item
    list (every item has that shape), another list (item by item), :class:`Maybe`, a type (``int``
    refuses ``bool``) or a tuple of types, or a value."""
    if isinstance(shape, Maybe):
        if value is not None:
            check(value, shape.shape, where)
    elif isinstance(shape, dict):
        assert isinstance(value, dict), f"{where}: {value!r} is not an object"
        assert list(value) == list(shape), f"{where}: keys {list(value)} are not {list(shape)}"
        for key, inner in shape.items():
            check(value[key], inner, f"{where}.{key}")
    elif isinstance(shape, list):
        assert isinstance(value, list), f"{where}: {value!r} is not an array"
        if len(shape) != 1:
            assert len(value) == len(shape), f"{where}: {len(value)} items, not {len(shape)}"
        for i, item in enumerate(value):
            check(item, shape[0] if len(shape) == 1 else shape[i], f"{where}[{i}]")
    elif isinstance(shape, tuple):
        assert isinstance(value, shape), f"{where}: {value!r} is none of {shape}"
    elif isinstance(shape, type):
        assert isinstance(value, shape), f"{where}: {value!r} is not {shape.__name__}"
        assert not (shape in (int, float) and isinstance(value, bool)), f"{where}: {value!r} is a bool"
    else:
        assert value == shape, f"{where}: {value!r} is not {shape!r}"


PERSON = {"name": str, "slug": str, "url": str}
FIGGIS = {"name": "Mike Figgis", "slug": "mike-figgis", "url": "/people/mike-figgis"}
FILM_LINK = {"title": str, "year": Maybe(int), "note": Maybe(str), "slug": Maybe(str), "url": Maybe(str)}
SIMILAR = {"slug": str, "title": str, "year": Maybe(int), "score": Maybe(float), "reasons": [str], "url": str}
EVIDENCE = {"field": str, "sentence": str}
THEME = {"name": str, "slug": str, "score": float, "evidence": [EVIDENCE]}
NOTE = {"name": str, "slug": str, "note": str, "evidence": [EVIDENCE], "evidence_hidden": bool}
FACT_CHECK = {
    "claim": str,
    "field": str,
    "stated": (int, str),
    "catalog": (int, str, type(None)),
    "verdict": str,
    "note": str,
}


def facts(title: str, year: int, release_date: str, director: dict[str, str]) -> dict[str, Any]:
    return {
        "title": title,
        "year": year,
        "release_date": release_date,
        "directors": [director],
        "genre": str,
        "creative_type": Maybe(str),
        "source": Maybe(str),
        "mpaa_rating": Maybe(str),
        "running_time_min": Maybe(int),
        "distributor": Maybe(str),
        "budget": Maybe(int),
        "us_gross": Maybe(int),
        "worldwide_gross": Maybe(int),
        "imdb_rating": Maybe(float),
        "imdb_votes": Maybe(int),
        "rotten_tomatoes": Maybe(int),
    }


def film_shape(*, spoilers: bool) -> dict[str, Any]:
    """Leaving Las Vegas's twin, with spoilers or without (``?spoilers=0``)."""
    toc_entry = {"id": str, "title": str, "spoiler": bool}
    award = {"category": str, "nominee": Maybe(PERSON)}
    return {
        "kind": "film",
        "slug": GUIDED,
        "url": f"/films/{GUIDED}",
        "title": "Leaving Las Vegas",
        "year": 1995,
        "directors": [FIGGIS],
        "spoilers_included": spoilers,
        "spoilers": ["ending", "summary:3", "key_scenes:4"] if spoilers else [],
        "quick": {
            "post_credits": False,
            "genres": ["Romance", "Drama", "Tragedy"],
            "film_type": str,
            "based_on": {
                "kind": "novel",
                "title": "Leaving Las Vegas",
                "author": "John O’Brien",
                "year": 1990,
            },
            "based_on_author": {"name": "John O’Brien", "slug": "john-obrien", "url": "/people/john-obrien"},
            "composers": [FIGGIS],
            "places": ["Las Vegas", "Las Vegas Strip", "Los Angeles"],
            "starring": [PERSON],
            "type_line": str,
        },
        "toc": [toc_entry],
        "cast": [{"actor": PERSON, "character": Maybe(str)}],
        "awards_by_body": [{"body": str, "won": [award], "nominated": [award]}],
        "awards_won": 7,
        "director_films": [FILM_LINK],
        "recommendations": [FILM_LINK],
        "guide": dict,
        "music_people": {"composers": [FIGGIS], "featured_artists": [PERSON]},
        "awards_nominated": 4,
        "spoilers_left_out": 0 if spoilers else 3,
        "has_guide": True,
        "facts": facts("Leaving Las Vegas", 1995, "1995-10-27", FIGGIS),
        "similar": [SIMILAR],
        "fact_checks": [FACT_CHECK],
        "fact_checks_spoilers": [int],
        "themes": [THEME],
        "content_notes": [NOTE],
        "aliases": [],
    }


@pytest.fixture
def twin_store(store: Store) -> Store:
    """The demo guides, a slice of the catalog (with the films used here) and similar lists."""
    films = load_catalog(None)
    store.load_catalog([f for f in films if f.slug in (GUIDED, CATALOG_ONLY)] + films[:30])
    importer.import_paths(store, [importer.DEMO_DIR])
    importer.refresh_similar(store)
    return store


@pytest.fixture
def client(twin_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(twin_store)) as test_client:
        yield test_client


def twin(client: TestClient, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_the_film_twin(client: TestClient, twin_store: Store) -> None:
    data = twin(client, f"/films/{GUIDED}.json")
    toc = data["toc"]
    summary = {"id": "summary", "title": "Detailed Summary", "spoiler": False, "children": [dict]}
    check(toc[0], summary)
    check(toc[0]["children"], [{"id": str, "title": str, "spoiler": bool}])
    check(toc[1:], [{"id": str, "title": str, "spoiler": bool}])
    data["toc"] = toc[1:]
    check(data, film_shape(spoilers=True))
    stored = twin_store.get_guide(GUIDED)
    assert stored is not None and data["guide"] == stored.to_json_dict()
    assert data["similar"] and data["fact_checks"] and data["themes"] and data["content_notes"]
    assert all(0 <= i < len(data["fact_checks"]) for i in data["fact_checks_spoilers"])


def test_the_spoiler_free_film_twin(client: TestClient) -> None:
    data = twin(client, f"/films/{GUIDED}.json?spoilers=0")
    data["toc"] = [entry for entry in data["toc"] if "children" not in entry]
    check(data, film_shape(spoilers=False))
    assert data["fact_checks_spoilers"] == []
    assert data["guide"]["ending"] is None


def test_the_catalog_film_twin(client: TestClient) -> None:
    gilliam = {"name": "Terry Gilliam", "slug": "terry-gilliam", "url": "/people/terry-gilliam"}
    shape = {
        "kind": "catalog_film",
        "slug": CATALOG_ONLY,
        "url": f"/films/{CATALOG_ONLY}",
        "title": "Fear and Loathing in Las Vegas",
        "year": 1998,
        "directors": [gilliam],
        "has_guide": False,
        "note": "There is no guide to this film yet: these are the catalog's facts and figures.",
        "facts": facts("Fear and Loathing in Las Vegas", 1998, "1998-05-22", gilliam),
        "similar": [SIMILAR],
        "fact_checks": [],
        "themes": [],
        "content_notes": [],
    }
    check(twin(client, f"/films/{CATALOG_ONLY}.json"), shape)


def test_the_person_twin(client: TestClient) -> None:
    roles = [
        {"role": "actor", "label": "Actor", "character": "Ben Sanderson"},
        {"role": "nominee", "label": "Award nominee", "character": None},
    ]
    shape = {
        "kind": "person",
        "slug": "nicolas-cage",
        "name": "Nicolas Cage",
        "url": "/people/nicolas-cage",
        "films": [
            {
                "slug": GUIDED,
                "title": "Leaving Las Vegas",
                "year": 1995,
                "url": f"/films/{GUIDED}",
                "roles": roles,
            }
        ],
    }
    check(twin(client, "/people/nicolas-cage.json"), shape)


def test_the_search_twins(client: TestClient) -> None:
    data = twin(client, "/search.json?q=vegas")
    check(data, {"kind": "search", "query": "vegas", "results": [dict], "fuzzy": False})
    snippet = [{"text": str, "match": bool}]
    film = {
        "kind": "film",
        "slug": str,
        "url": str,
        "title": str,
        "year": Maybe(int),
        "score": float,
        "snippet": snippet,
    }
    person = {"kind": "person", "slug": str, "url": str, "name": str, "score": float, "snippet": snippet}
    for result in data["results"]:
        check(result, film if result["kind"] == "film" else person)
    assert data["results"][0]["slug"] == GUIDED
    error = twin(client, "/search.json?q=" + "a" * 3001, 400)
    check(error, {"kind": "search", "query": "a" * 200, "error": str, "results": []})


def test_the_browse_twins(client: TestClient) -> None:
    film = {
        "slug": str,
        "title": str,
        "year": Maybe(int),
        "directors": [PERSON],
        "genre": Maybe(str),
        "imdb_rating": Maybe(float),
        "has_guide": bool,
        "url": str,
    }
    sorts = [{"value": value, "label": label} for value, label in pages.SORTS.items()]
    shape = {
        "kind": "browse",
        "filters": {"genre": "Drama", "year": None, "director": None, "sort": "-year"},
        "total": int,
        "page": 1,
        "pages": 1,
        "per_page": pages.PER_PAGE,
        "films": [film],
        "prev": None,
        "next": None,
        "genres": [str],
        "sorts": sorts,
    }
    data = twin(client, "/films.json?genre=Drama&sort=-year")
    check(data, shape)
    assert data["total"] == len(data["films"]) > 0 and {f["genre"] for f in data["films"]} == {"Drama"}
    check(twin(client, "/films.json?year=x", 400), {"kind": "browse", "error": str})


def test_the_home_and_ranking_twins(twin_store: Store) -> None:
    """The rankings come from memory: a fixed ranking stands in for readers' views and shares."""

    def top(kind: str, limit: int) -> list[Count]:
        return [Count(GUIDED, "Leaving Las Vegas", 1995, 3 if kind == "view" else 2)][:limit]

    entry = {"slug": GUIDED, "title": "Leaving Las Vegas", "year": 1995, "url": f"/films/{GUIDED}"}
    newest = {"slug": str, "title": str, "year": Maybe(int), "url": str}
    newest |= {"directors": [PERSON], "genres": [str], "teaser": Maybe(str)}
    home = orjson.loads(json_bytes(pages.home_page(twin_store, top)))
    shape = {
        "kind": "home",
        "newest": [newest],
        "trending": [entry | {"views": 3}],
        "most_shared": [entry | {"shares": 2}],
        "window_days": 7,
    }
    check(home, shape)
    assert len(home["newest"]) == 6
    views = orjson.loads(json_bytes(pages.trending(top, "view")))
    shares = orjson.loads(json_bytes(pages.trending(top, "share")))
    assert views == [{"slug": GUIDED, "title": "Leaving Las Vegas", "views": 3}]
    assert shares == [{"slug": GUIDED, "title": "Leaving Las Vegas", "shares": 2}]


def test_the_served_home_and_rankings(client: TestClient) -> None:
    data = twin(client, "/index.json")
    check(data, {"kind": "home", "newest": [dict], "trending": [], "most_shared": [], "window_days": 7})
    assert twin(client, "/trending.json") == [] and twin(client, "/most-shared.json") == []


def test_the_error_twins(client: TestClient, twin_store: Store) -> None:
    suggestion = {"slug": str, "title": str, "url": str}
    missing = twin(client, "/films/leaving-las-vega.json", 404)
    check(
        missing,
        {
            "kind": "not_found",
            "error": "not found",
            "path": "/films/leaving-las-vega.json",
            "suggestions": [suggestion],
        },
    )
    assert missing["suggestions"][0]["slug"] == GUIDED
    assert twin_store.delete_guide("the-wrestler")
    gone = twin(client, "/films/the-wrestler.json", 410)
    check(gone, {"kind": "gone", "error": "gone", "path": "/films/the-wrestler.json"})


@pytest.mark.parametrize(
    ("path", "model"),
    [
        (f"/films/{GUIDED}.json", page_models.FilmPage),
        (f"/films/{GUIDED}.json?spoilers=0", page_models.FilmPage),
        (f"/films/{CATALOG_ONLY}.json", page_models.CatalogFilmPage),
        ("/people/nicolas-cage.json", page_models.PersonPage),
        ("/search.json?q=vegas+cage", page_models.SearchPage),
        ("/films.json", page_models.BrowsePage),
        ("/index.json", page_models.HomePage),
        ("/trending.json", page_models.Trending),
    ],
)
def test_every_twin_is_its_models_dump(client: TestClient, path: str, model: type[BaseModel]) -> None:
    data = twin(client, path)
    assert model.model_validate(data).model_dump(mode="json") == data
