"""Linking guides to catalog films (exact, fuzzy, ambiguous remakes) and their film references to
catalog slugs; on SQLite and PostgreSQL."""

from __future__ import annotations

import functools

import pytest

from filmguide.article import parse_path
from filmguide.catalog import CatalogFilm, load_catalog
from filmguide.store import Store
from tests.conftest import SEED
from tests.store.conftest import count, make_guide

#: Catalog films these tests link to, among them two titles shared by several films (docs/catalog.md):
#: King Kong (1933, 1976 John Guillermin, 2005 Peter Jackson) and Crash (1996 David Cronenberg,
#: 2005 Paul Haggis).
SLUGS = (
    "leaving-las-vegas",
    "midnight-cowboy",
    "requiem-for-a-dream",
    "the-wrestler",
    "schindlers-list",
    "the-shawshank-redemption",
    "king-kong",
    "king-kong-1976",
    "king-kong-2005",
    "crash",
    "crash-2005",
    "saw-ii",
    "saw-iii",
    "the-loss-of-sexual-innocence",
)


@functools.cache
def _films() -> tuple[CatalogFilm, ...]:
    wanted = set(SLUGS)
    return tuple(f for f in load_catalog() if f.slug in wanted)


@pytest.fixture
def linked(store: Store) -> Store:
    assert len(_films()) == len(SLUGS)
    store.load_catalog(_films())
    return store


def test_the_seed_attaches_to_the_catalog_film_and_takes_its_year(linked: Store) -> None:
    seed = parse_path(SEED)
    assert seed.year is None
    result = linked.save_guide(seed)
    assert result.slug == "leaving-las-vegas" and result.created
    stored = linked.get_guide("leaving-las-vegas")
    assert stored is not None and stored.year == 1995 and stored.directors == ["Mike Figgis"]
    assert count(linked, "films") == len(SLUGS)
    row = linked.film_row("leaving-las-vegas")
    assert row is not None and row.has_guide and row.genre == "Drama"


def test_the_guide_fills_missing_directors_from_the_catalog(linked: Store) -> None:
    result = linked.save_guide(make_guide("Midnight Cowboy", 1969, directors=[], composers=[]))
    stored = linked.get_guide(result.slug)
    assert result.slug == "midnight-cowboy"
    assert stored is not None and stored.directors == ["John Schlesinger"]
    assert ("john-schlesinger", "director") in {
        (c.person_slug, c.role) for c in linked.credits("midnight-cowboy")
    }


@pytest.mark.parametrize(
    ("title", "year", "directors", "slug"),
    [
        ("Leaving Las Vegas", 1995, [], "leaving-las-vegas"),  # exact
        ("Leaving Las Vegas", 1996, [], "leaving-las-vegas"),  # a year apart
        ("Leaving Las Vegas (1995)", None, [], "leaving-las-vegas"),  # the year in the title
        ("Schindlers List", 1993, [], "schindlers-list"),  # punctuation folded
        ("SCHINDLER’S LIST", None, [], "schindlers-list"),
        ("The Shawshank Redemtion", 1994, [], "the-shawshank-redemption"),  # fuzzy, same year
        ("Shawshank Redemption", None, ["Frank Darabont"], "the-shawshank-redemption"),  # fuzzy, director
        ("Requiem for Dream", 2000, [], "requiem-for-a-dream"),
    ],
)
def test_exact_and_fuzzy_titles_link(
    linked: Store, title: str, year: int | None, directors: list[str], slug: str
) -> None:
    result = linked.save_guide(make_guide(title, year, directors=directors, composers=[]))
    assert result.slug == slug
    assert count(linked, "films") == len(SLUGS)


@pytest.mark.parametrize(
    ("title", "year", "directors"),
    [
        ("The Shawshank Redemtion", None, []),  # fuzzy with nothing else agreeing: never a guess
        ("The Shawshank Redemtion", 1970, []),
        ("Saw IV", 2007, []),  # numbers differ: another film
        ("Leaving Las Vegas", 1980, []),
    ],
)
def test_what_is_not_close_enough_is_a_new_film(
    linked: Store, title: str, year: int | None, directors: list[str]
) -> None:
    result = linked.save_guide(make_guide(title, year, directors=directors, composers=[]))
    assert result.slug not in SLUGS
    assert linked.catalog_film(result.slug) is None


def test_remakes_are_told_apart_by_year_and_director_and_never_guessed(linked: Store) -> None:
    assert linked.save_guide(make_guide("King Kong", 2005, directors=[])).slug == "king-kong-2005"
    assert linked.save_guide(make_guide("King Kong", 1976, directors=[])).slug == "king-kong-1976"
    assert linked.save_guide(make_guide("Crash", None, directors=["David Cronenberg"])).slug == "crash"
    assert linked.save_guide(make_guide("Crash", None, directors=["Paul Haggis"])).slug == "crash-2005"
    assert linked.save_guide(make_guide("Crash", 2004, directors=[])).slug == "crash-2005"  # a year early

    # Three King Kongs, no year, no director: left unlinked, a film of its own (saved again, the same one).
    unknown = linked.save_guide(make_guide("King Kong", None, directors=[], trivia=["first"]))
    assert unknown.created and unknown.slug not in SLUGS
    assert linked.catalog_film(unknown.slug) is None
    again = linked.save_guide(make_guide("King Kong", None, directors=[], trivia=["second"]))
    assert again.slug == unknown.slug and not again.created
    # A director none of them has: unlinked too.
    other = linked.save_guide(make_guide("King Kong", None, directors=["Someone Else"], trivia=["x"]))
    assert other.slug not in ("king-kong", "king-kong-1976", "king-kong-2005")


def test_references_resolve_to_catalog_slugs_or_null(linked: Store) -> None:
    linked.save_guide(parse_path(SEED))
    refs = {(r.kind, r.title): r.target_slug for r in linked.film_refs("leaving-las-vegas")}
    assert refs[("recommendation", "Midnight Cowboy")] == "midnight-cowboy"
    assert refs[("recommendation", "Requiem for a Dream")] == "requiem-for-a-dream"
    assert refs[("recommendation", "The Wrestler")] == "the-wrestler"
    assert refs[("recommendation", "Clean and Sober")] is None  # not in these films
    assert refs[("director_film", "The Loss of Sexual Innocence")] == "the-loss-of-sexual-innocence"
    assert refs[("director_film", "Timecode")] is None


def test_references_take_a_year_apart_and_never_guess_a_remake(linked: Store) -> None:
    guide = make_guide(
        "Some Film",
        2001,
        recommendations=[
            ("Crash", 2004),
            ("King Kong", None),
            ("King Kong", 1933),
            ("Leaving Las Vegas", None),
        ],
        director_films=[],
    )
    linked.save_guide(guide)
    targets = [r.target_slug for r in linked.film_refs("some-film")]
    assert targets == ["crash-2005", None, "king-kong", "leaving-las-vegas"]


def test_references_saved_before_the_catalog_link_when_it_loads(store: Store) -> None:
    store.save_guide(parse_path(SEED))
    assert {r.target_slug for r in store.film_refs("leaving-las-vegas")} == {None}
    store.load_catalog(_films())
    refs = {r.title: r.target_slug for r in store.film_refs("leaving-las-vegas")}
    assert refs["Midnight Cowboy"] == "midnight-cowboy" and refs["Timecode"] is None
