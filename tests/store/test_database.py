"""Opening a database: engines, connection settings, migrations and their status."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, delete, inspect, select, text

from filmguide.store import Store, engine_url, head_revision
from filmguide.store.schema import compared, credits, film_refs, films, guides, metadata
from tests.store.conftest import count, make_guide


def test_a_new_database_is_migrated_to_head(empty_db_url: str) -> None:
    store = Store.open(empty_db_url)
    try:
        assert store.migrated is True
        assert store.migration_status() == (head_revision(), head_revision())
        with store.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            versions = list(conn.execute(text("SELECT version_num FROM alembic_version")))
        assert {"films", "guides", "people", "credits", "film_refs", "events", "alembic_version"} <= tables
        assert [tuple(v) for v in versions] == [(head_revision(),)]
    finally:
        store.close()


def test_the_migrations_make_the_tables_schema_py_describes(store: Store) -> None:
    with store.engine.connect() as conn:
        # The search index (search_…) differs by back end and is the migrations' alone.
        context = MigrationContext.configure(conn, opts={"include_name": compared})
        differences = compare_metadata(context, metadata)
    assert differences == []
    with store.engine.connect() as conn:
        inspector = inspect(conn)
        for table in metadata.sorted_tables:
            found = {c["name"] for c in inspector.get_check_constraints(table.name)}
            wanted = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            assert found == wanted, table.name


def test_reopening_an_up_to_date_database_runs_no_migration(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_url).close()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("alembic upgrade ran on an up-to-date database")

    monkeypatch.setattr(command, "upgrade", refuse)
    store = Store.open(db_url)
    try:
        assert store.migrated is False
        assert store.migration_status() == (head_revision(), head_revision())
        assert store.save_guide(make_guide()).created
    finally:
        store.close()


def test_data_survives_reopening(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save_guide(make_guide())
    with Store.open(db_url) as store:
        assert store.save_guide(make_guide()).changed is False
        assert [g.slug for g in store.list_guides()] == ["leaving-las-vegas"]


def test_deleting_a_film_cascades_in_the_database(store: Store) -> None:
    store.save_guide(make_guide())
    with store.engine.begin() as conn:
        conn.execute(delete(films))
    for table in ("guides", "credits", "film_refs"):
        assert count(store, table) == 0, table
    with store.engine.connect() as conn:
        assert conn.scalar(select(guides.c.id)) is None
        assert list(conn.execute(select(credits.c.film_id))) == []
        assert list(conn.execute(select(film_refs.c.film_id))) == []


@pytest.mark.parametrize("backend", ["sqlite"])
def test_sqlite_settings_hold_on_every_connection(store: Store) -> None:
    connections = [store.engine.connect() for _ in range(2)]
    try:
        for conn in connections:
            settings = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
            }
            assert settings == {
                "journal_mode": "wal",
                "busy_timeout": 5000,
                "foreign_keys": 1,
                "synchronous": 1,
            }
    finally:
        for conn in connections:
            conn.close()


def test_a_bare_path_opens_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "guides.db"
    path.parent.mkdir()
    with Store.open(str(path)) as store:
        assert store.dialect == "sqlite"
        store.save_guide(make_guide())
    assert path.exists()


def test_postgresql_urls_are_driven_by_psycopg() -> None:
    url = engine_url("postgresql://postgres@127.0.0.1:5432/films")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == ("127.0.0.1", 5432, "films", "postgres")
    assert engine_url("sqlite:///x.db").drivername == "sqlite"
    with pytest.raises(ValueError, match="unsupported database"):
        Store.open("mysql://root@localhost/films")
