"""``db check`` (store.check) on a real database corrupted on purpose: it reports exactly that."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, delete, insert, select, update

from filmguide import importer
from filmguide.store import Store
from filmguide.store.check import fts5_tables
from filmguide.store.schema import credits, film_refs, films, guides, people, search_docs, search_state
from tests.helpers import unchecked
from tests.store.conftest import make_guide


@pytest.fixture
def site(store: Store) -> Store:
    """The demo guides, a catalog-like film, and a person left without credits by a delete."""
    assert importer.import_paths(store, [importer.DEMO_DIR]).imported == 6
    store.index_pending()
    store.save_guide(
        make_guide("A Guide To Delete", 2001, directors=["Only Here"], cast=[("Lone Actor", None)])
    )
    assert store.delete_guide("a-guide-to-delete")
    return store


def problems(store: Store) -> dict[str, int]:
    return {f.label: f.count for f in store.check() if f.problem}


def film_id(store: Store, slug: str) -> int:
    with store.engine.connect() as conn:
        found = conn.scalar(select(films.c.id).where(films.c.slug == slug))
    assert isinstance(found, int)
    return found


def test_a_healthy_database_has_no_problem(site: Store) -> None:
    findings = site.check()
    assert [f.line() for f in findings if f.problem] == []
    labels = [f.label for f in findings]
    assert "guides whose content_hash does not match" in labels
    if site.dialect == "sqlite":
        assert "sqlite integrity_check faults" in labels
        assert "FTS5 search_fts disagreeing with search_docs" in labels
    uncredited = next(f for f in findings if f.label.startswith("people without credits"))
    assert uncredited.count == 2 and not uncredited.problem  # "Only Here" and "Lone Actor"


def test_a_missing_search_row(site: Store) -> None:
    with site.engine.begin() as conn:
        conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id(site, "the-wrestler")))
    assert problems(site) == {"guided or catalog films missing from the search index": 1}


def test_an_extra_and_a_stale_search_row(site: Store) -> None:
    wrestler = film_id(site, "the-wrestler")
    with site.engine.begin() as conn:
        conn.execute(update(search_docs).where(search_docs.c.film_id == wrestler).values(body="old text"))
        ghost = conn.execute(
            insert(films).returning(films.c.id),
            {
                "slug": "ghost",
                "title": "Ghost",
                "title_key": "ghost",
                "created_at": datetime(2024, 1, 1, tzinfo=UTC),
                "updated_at": datetime(2024, 1, 1, tzinfo=UTC),
            },
        ).scalar_one()
        conn.execute(insert(search_docs), {"film_id": ghost, "title": "Ghost", "names": "", "body": ""})
    assert problems(site) == {
        "search index entries of films with no guide or catalog entry": 1,
        "search index entries out of date with their film": 1,
    }


def test_an_orphan_credit_and_a_dangling_reference(site: Store) -> None:
    with unchecked(site) as conn:
        conn.execute(
            insert(credits).values(film_id=999_999, role="actor", position=0, person_id=1, character=None)
        )
        conn.execute(update(film_refs).where(film_refs.c.position == 0).values(target_slug="no-such-film"))
    with site.engine.connect() as conn:
        refs = len(list(conn.execute(select(film_refs.c.film_id).where(film_refs.c.position == 0))))
    expected = {
        "credits.film_id naming no films.id": 1,
        "film_refs.target_slug naming no films.slug": refs,
    }
    if site.dialect == "sqlite":
        expected["sqlite foreign_key_check rows"] = 1 + refs
    assert problems(site) == expected


def test_a_person_gone_from_under_their_credits(site: Store) -> None:
    with site.engine.connect() as conn:
        cage = conn.scalar(select(people.c.id).where(people.c.slug == "nicolas-cage"))
        held = len(list(conn.execute(select(credits.c.film_id).where(credits.c.person_id == cage))))
    assert held >= 2
    with unchecked(site) as conn:
        conn.execute(delete(people).where(people.c.id == cage))
    expected = {"credits.person_id naming no people.id": held}
    if site.dialect == "sqlite":
        expected["sqlite foreign_key_check rows"] = held
    assert problems(site) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"document": '{"title": 5}'},
            {"guides whose document is not a valid guide": 1, "guides whose content_hash does not match": 1},
        ),
        ({"content_hash": "0" * 64}, {"guides whose content_hash does not match": 1}),
    ],
    ids=["document", "hash"],
)
def test_a_damaged_guide(site: Store, change: dict[str, str], expected: dict[str, int]) -> None:
    with site.engine.begin() as conn:
        conn.execute(
            update(guides).where(guides.c.film_id == film_id(site, "blue-valentine")).values(**change)
        )
    assert problems(site) == expected


def test_a_missing_change_counter(site: Store) -> None:
    with site.engine.begin() as conn:
        version = conn.scalar(select(search_state.c.version))
        conn.execute(delete(search_state))
    try:
        assert problems(site) == {"missing change counter (search_state row 1)": 1}
    finally:  # the session's PostgreSQL database outlives this test: put the row back
        with site.engine.begin() as conn:
            conn.execute(insert(search_state), {"id": 1, "version": version})
    assert problems(site) == {}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_fts5_indexes_out_of_step_with_their_tables(site: Store) -> None:
    with site.engine.begin() as conn:
        tables = fts5_tables(conn)
        for table, _content in tables:
            conn.exec_driver_sql(
                f"INSERT INTO {table}(rowid, {_first_column(conn, table)}) VALUES (999999, 'ghost')"
            )
    assert {"search_fts", "search_people_fts"} <= {table for table, _ in tables}
    assert problems(site) == {
        f"FTS5 {table} disagreeing with {content or 'search_docs'}": 1 for table, content in tables
    }


def _first_column(conn: Connection, table: str) -> str:
    return str(conn.exec_driver_sql(f"PRAGMA table_info({table})").first()[1])  # type: ignore[index]
