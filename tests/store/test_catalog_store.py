"""The open catalog in the store: loading it, reading and browsing films, people, similar lists,
the data version, and upgrading a database from before the catalog; on SQLite and PostgreSQL."""

from __future__ import annotations

import functools

import pytest
from alembic import command
from sqlalchemy import inspect

from filmguide.article import parse_path
from filmguide.catalog import CatalogFilm, load_catalog
from filmguide.recommend import Similar
from filmguide.store import Browse, CatalogReport, FilmRow, Store, alembic_config, head_revision
from filmguide.store.engine import WRITE
from tests.conftest import SEED
from tests.store.conftest import count, make_guide


@functools.cache
def catalog() -> tuple[CatalogFilm, ...]:
    return tuple(load_catalog())


def subset(*slugs: str) -> list[CatalogFilm]:
    wanted = set(slugs)
    return [film for film in catalog() if film.slug in wanted]


def test_loading_the_catalog_is_idempotent_and_never_touches_guides(store: Store) -> None:
    seed = store.save_guide(parse_path(SEED))
    document = store.get_guide(seed.slug)

    first = store.load_catalog(catalog())
    second = store.load_catalog(catalog())

    # The seed's film joined the catalog: the guide's film is the catalog's Leaving Las Vegas.
    assert first == CatalogReport(inserted=3199, updated=1, unchanged=0)
    assert second == CatalogReport(inserted=0, updated=0, unchanged=3200)
    assert count(store, "films") == 3200
    assert store.get_guide(seed.slug) == document
    assert store.guide_version(seed.slug) == 1
    assert count(store, "guides") == 1
    roles = {(c.person_slug, c.role) for c in store.credits("leaving-las-vegas")}
    assert ("nicolas-cage", "actor") in roles  # the guide's credits stay
    film = store.catalog_film("leaving-las-vegas")
    assert film is not None and film.budget == 4_000_000 and film.genre == "Drama"


def test_a_changed_catalog_film_is_updated(store: Store) -> None:
    films = subset("leaving-las-vegas", "trainspotting", "midnight-cowboy")
    store.load_catalog(films)
    changed = [f.model_copy(update={"budget": 5}) if f.slug == "trainspotting" else f for f in films]
    assert store.load_catalog(changed) == CatalogReport(inserted=0, updated=1, unchanged=2)
    barfly = store.catalog_film("trainspotting")
    assert barfly is not None and barfly.budget == 5


def test_catalog_film_and_film_row(store: Store) -> None:
    store.load_catalog(subset("leaving-las-vegas", "midnight-cowboy"))
    store.save_guide(make_guide("Some Guide Film", 2003, directors=["Nobody Known"]))

    cowboy = store.catalog_film("midnight-cowboy")
    assert cowboy is not None and cowboy.year == 1969 and cowboy.directors == ["John Schlesinger"]
    assert cowboy.release_date is not None and cowboy.release_date.isoformat() == "1969-05-25"
    assert store.film_row("midnight-cowboy") == FilmRow(
        "midnight-cowboy", "Midnight Cowboy", 1969, ["John Schlesinger"], None, 8.0, has_guide=False
    )
    guide_only = store.film_row("some-guide-film")
    assert guide_only is not None and guide_only.has_guide and guide_only.genre is None
    assert store.catalog_film("some-guide-film") is None
    assert store.catalog_film("no-such-film") is None
    assert store.film_row("no-such-film") is None


def test_catalog_directors_are_people_merged_with_the_guides(store: Store) -> None:
    store.load_catalog(catalog())
    store.save_guide(parse_path(SEED))

    credits = {(c.film_slug, c.role) for c in store.person_credits("mike-figgis")}
    assert ("leaving-las-vegas", "director") in credits
    assert ("leaving-las-vegas", "composer") in credits  # the guide's role
    assert ("the-loss-of-sexual-innocence", "director") in credits  # a catalog film
    assert count(store, "people", slug="mike-figgis") == 1
    # Catalog films are found by title and their directors by name.
    assert store.search("midnight cowboy").films[0].slug == "midnight-cowboy"
    assert "john-schlesinger" in [hit.slug for hit in store.search("schlesinger").people]


def test_deleting_the_guide_of_a_catalog_film_keeps_the_film(store: Store) -> None:
    store.load_catalog(subset("leaving-las-vegas"))
    store.save_guide(parse_path(SEED))
    assert store.delete_guide("leaving-las-vegas")
    row = store.film_row("leaving-las-vegas")
    assert row is not None and not row.has_guide
    assert [(c.person_slug, c.role) for c in store.credits("leaving-las-vegas")] == [
        ("mike-figgis", "director")
    ]
    assert [hit.slug for hit in store.search("leaving las vegas").films] == ["leaving-las-vegas"]


def test_browse_filters_sorts_and_pages(store: Store) -> None:
    store.load_catalog(catalog())
    store.save_guide(make_guide("A Guide-Only Film", 1995, directors=["Nobody Known"]))

    everything = store.browse(per_page=50)
    assert everything.total == 3201 and everything.pages == 65 and len(everything.films) == 50
    titles = [f.slug for f in everything.films]
    assert titles[:2] == ["10000-b-c", "102-dalmatians"]  # by title key
    last = store.browse(page=65, per_page=50)
    assert len(last.films) == 1 and last.page == 65
    assert store.browse(page=99, per_page=50).films == []

    drama_1995 = store.browse(genre="drama", year=1995, per_page=500)
    assert drama_1995.total == len(drama_1995.films) > 5
    assert {f.genre for f in drama_1995.films} == {"Drama"} and {f.year for f in drama_1995.films} == {1995}
    assert "leaving-las-vegas" in [f.slug for f in drama_1995.films]

    rated = store.browse(sort="rating", per_page=100).films
    ratings = [f.imdb_rating for f in rated]
    assert None not in ratings and ratings == sorted(ratings, reverse=True)  # type: ignore[type-var]
    assert store.browse(sort="rating", page=store.browse(sort="rating").pages).films[-1].imdb_rating is None
    newest = store.browse(sort="-year").films[0].year
    oldest = store.browse(sort="year").films[0].year
    assert newest is not None and oldest is not None and newest > 2009 and oldest < 1930
    gross = store.browse(sort="gross", per_page=3).films
    assert gross[0].slug == "avatar"

    by_slug = store.browse(director="mike-figgis")
    by_name = store.browse(director="Mike  FIGGIS")
    assert by_slug == by_name
    assert {f.slug for f in by_slug.films} == {"leaving-las-vegas", "the-loss-of-sexual-innocence"}
    assert store.browse(director="nobody-known").films[0].has_guide
    with pytest.raises(ValueError, match="unknown sort"):
        store.browse(sort="popularity")
    assert store.browse(genre="No Such Genre") == Browse([], 0, 1, 1, 48)

    genres = store.genres()
    assert "Drama" in genres and genres == sorted(genres, key=str.casefold)


def test_similar_lists_are_saved_whole_and_read_back(store: Store) -> None:
    store.load_catalog(subset("leaving-las-vegas", "trainspotting", "midnight-cowboy"))
    lists = {
        "leaving-las-vegas": [
            Similar("trainspotting", "Trainspotting", 1996, 0.5, ("Same genre",)),
            Similar("midnight-cowboy", "Midnight Cowboy", 1969, 0.25, ("Highly rated", "Also old")),
        ],
        "trainspotting": [Similar("leaving-las-vegas", "Leaving Las Vegas", 1995, 0.5, ())],
        "unknown-film": [Similar("trainspotting", "Trainspotting", 1996, 1.0, ())],
    }
    store.save_similar(lists)
    assert store.similar("leaving-las-vegas") == [
        {
            "slug": "trainspotting",
            "title": "Trainspotting",
            "year": 1996,
            "score": 0.5,
            "reasons": ["Same genre"],
        },
        {
            "slug": "midnight-cowboy",
            "title": "Midnight Cowboy",
            "year": 1969,
            "score": 0.25,
            "reasons": ["Highly rated", "Also old"],
        },
    ]
    store.save_similar({"trainspotting": lists["trainspotting"]})
    assert store.similar("leaving-las-vegas") == []
    assert [s["slug"] for s in store.similar("trainspotting")] == ["leaving-las-vegas"]
    assert store.similar("no-such-film") == []


def test_every_write_raises_the_data_version(store: Store) -> None:
    versions = [store.data_version()]
    store.load_catalog(subset("leaving-las-vegas", "trainspotting"))
    versions.append(store.data_version())
    store.save_guide(parse_path(SEED))
    versions.append(store.data_version())
    store.save_similar({"trainspotting": [Similar("leaving-las-vegas", "Leaving Las Vegas", 1995, 0.5, ())]})
    versions.append(store.data_version())
    store.delete_guide("leaving-las-vegas")
    versions.append(store.data_version())
    store.load_catalog(subset("leaving-las-vegas", "trainspotting"))
    versions.append(store.data_version())
    assert versions == sorted(set(versions)), versions
    assert store.data_version() == versions[-1]  # reading changes nothing


def test_upgrading_a_database_from_before_the_catalog_keeps_its_guides(empty_db_url: str) -> None:
    with Store.open(empty_db_url) as store:
        store.save_guide(parse_path(SEED))
        with store.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                command.downgrade(alembic_config(conn), "0002")
        with store.engine.connect() as conn:
            assert "in_catalog" not in {c["name"] for c in inspect(conn).get_columns("films")}
            assert "similar_films" not in inspect(conn).get_table_names()
    with Store.open(empty_db_url) as store:
        assert store.migrated and store.migration_status() == (head_revision(), head_revision())
        guide = store.get_guide("leaving-las-vegas")
        assert guide is not None and guide.title == "Leaving Las Vegas"
        assert store.catalog_film("leaving-las-vegas") is None
        report = store.load_catalog(catalog())
        assert report == CatalogReport(inserted=3199, updated=1, unchanged=0)
        assert store.get_guide("leaving-las-vegas") == guide
        film = store.catalog_film("leaving-las-vegas")
        assert film is not None and film.year == 1995
