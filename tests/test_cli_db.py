"""``filmguide db dump|load|check`` end to end, and the same commands saying the same on SQLite and
PostgreSQL: moving a site in two commands, byte-identical dumps, one-line errors that change nothing."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select

from filmguide.cli import cli
from filmguide.store import Store, head_revision
from filmguide.store.schema import films, search_docs
from tests.conftest import ARTICLES, SEED, postgres_database
from tests.helpers import run, run_process

_MOMENT = re.compile(rb'"(created_at|updated_at|deleted_at)":"[^"]*"')


def migrated(path: Path) -> str:
    """A SQLite database already migrated (so the CLI does not load the catalog into it)."""
    Store.open(str(path)).close()
    return str(path)


@pytest.fixture
def db(db_url: str) -> str:
    """The test's database on either back end, migrated already: without the catalog, which the
    CLI loads into a database it creates (tests of a site with the catalog say so)."""
    Store.open(db_url).close()
    return db_url


@pytest.mark.postgres
def test_moving_a_site_from_sqlite_to_postgresql_in_two_commands(tmp_path: Path) -> None:
    old = str(tmp_path / "old.db")
    assert run("demo", "load", db=old)[0] == 0  # a new database: the catalog, then the demo guides
    site, again, back = tmp_path / "site.jsonl", tmp_path / "again.jsonl", tmp_path / "back.jsonl"

    code, out, err = run("db", "dump", str(site), db=old)
    assert code == 0, err
    assert out.startswith(f"dumped {len(site.read_bytes().splitlines()) - 2} rows to {site} (")

    with postgres_database() as url:
        # A new PostgreSQL database receives the catalog when opened; the load replaces it.
        code, out, err = run("db", "load", str(site), db=url)
        assert code == 0, err
        assert out.startswith(f"loaded {len(site.read_bytes().splitlines()) - 2} rows from {site} (")
        assert out.rstrip().endswith("search index rebuilt: 3202 entries")  # 3,200 + 2 guides not in it

        assert run("db", "dump", str(again), db=url)[0] == 0
        assert again.read_bytes() == site.read_bytes()
        for command in (
            ("list",),
            ("show", "leaving-las-vegas"),
            ("show", "the-wrestler", "--format", "markdown"),
        ):
            assert run(*command, db=url) == run(*command, db=old)
        code, out, _ = run("db", "check", db=url)
        # 16, the aliases' (migration 0008) and the revisions' and trash's (0009)
        assert code == 0 and out.splitlines()[-1] == "0 problem(s) in 21 checks"
        with Store.open(url) as store:
            assert [hit.slug for hit in store.search("ratso rizzo").films] == ["midnight-cowboy"]
            assert store.catalog_size() == 3200

    newer = str(tmp_path / "newer.db")
    assert run("db", "load", str(again), db=newer)[0] == 0
    assert run("db", "dump", str(back), db=newer)[0] == 0
    assert back.read_bytes() == site.read_bytes()


def test_dump_to_standard_output_and_load_from_standard_input(db: str, tmp_path: Path) -> None:
    assert run("import", str(SEED), db=db)[0] == 0
    path = tmp_path / "site.jsonl"
    assert run("db", "dump", str(path), db=db)[0] == 0

    result = CliRunner().invoke(cli, ["db", "dump", "-", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout_bytes == path.read_bytes()
    assert result.stderr.startswith("dumped ") and "to standard output" in result.stderr

    target = migrated(tmp_path / "target.db")
    code, out, err = run("db", "load", "-", stdin=path.read_bytes(), db=target)
    assert code == 0, err
    assert out.startswith("loaded ") and " from - (" in out
    assert run("list", db=target) == run("list", db=db)


def test_load_refuses_a_database_with_guides_unless_replace(db: str, tmp_path: Path) -> None:
    assert run("import", str(SEED), db=db)[0] == 0
    path = tmp_path / "site.jsonl"
    assert run("db", "dump", str(path), db=db)[0] == 0
    assert run("import", str(ARTICLES / "casablanca.txt"), db=db)[0] == 0
    listed = run("list", db=db)

    code, out, err = run("db", "load", str(path), db=db)
    assert (code, out) == (1, "")
    assert err == (
        "error: the database already holds guides: use --replace to replace everything in it with the dump\n"
    )
    assert run("list", db=db) == listed

    code, out, err = run("db", "load", str(path), "--replace", db=db)
    assert code == 0, err
    assert [g["slug"] for g in json.loads(run("list", "--json", db=db)[1])] == ["leaving-las-vegas"]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda lines: [*lines[:-2], lines[-2][:30]], "not valid JSON"),
        (lambda lines: [lines[0].replace(b'"version":1', b'"version":9'), *lines[1:]], "newer than this"),
        (
            lambda lines: [lines[0], lines[1].replace(b'"table":"films"', b'"table":"movies"'), *lines[2:]],
            "movies",
        ),
    ],
    ids=["truncated", "newer-version", "wrong-table"],
)
def test_a_bad_dump_is_one_line_and_changes_nothing(
    db: str, tmp_path: Path, damage: Callable[[list[bytes]], list[bytes]], expected: str
) -> None:
    assert run("import", str(SEED), db=db)[0] == 0
    path = tmp_path / "site.jsonl"
    assert run("db", "dump", str(path), db=db)[0] == 0
    lines = damage(path.read_bytes().splitlines())
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\n".join(lines))
    before = run("show", "leaving-las-vegas", db=db)

    result = run_process("db", "load", str(bad), "--replace", "--db", db)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert re.match(rf"error: {re.escape(str(bad))}:\d+: ", result.stderr)
    assert expected in result.stderr
    assert run("show", "leaving-las-vegas", db=db) == before
    assert run("db", "check", db=db)[0] == 0


def test_missing_files_and_folders_are_one_line_errors(tmp_path: Path) -> None:
    db = migrated(tmp_path / "site.db")
    code, _, err = run("db", "load", str(tmp_path / "nope.jsonl"), db=db)
    assert (code, err) == (1, f"error: cannot read {tmp_path / 'nope.jsonl'}: No such file or directory\n")
    code, _, err = run("db", "dump", str(tmp_path / "no" / "site.jsonl"), db=db)
    assert (code, err) == (
        1,
        f"error: cannot write {tmp_path / 'no' / 'site.jsonl'}: No such file or directory\n",
    )
    assert not (tmp_path / "no").exists()


def test_a_dump_that_fails_midway_leaves_no_file(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    assert run("import", str(SEED), db=migrated(db))[0] == 0
    with sqlite3.connect(db) as raw:  # text that is not UTF-8: SQLite stores it, Python cannot read it
        raw.execute("UPDATE films SET title = CAST(X'ff' AS TEXT)")
    target = tmp_path / "site.jsonl"
    target.write_bytes(b"an older dump")

    result = run_process("db", "dump", str(target), "--db", str(db))

    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: database error: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "site.db",
        "site.db-shm",
        "site.db-wal",
        "site.jsonl",
    ]
    assert target.read_bytes() == b"an older dump"


def test_db_check_says_what_it_found(db: str) -> None:
    assert run("import", str(ARTICLES), db=db)[0] == 0
    code, out, _ = run("db", "check", db=db)
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].startswith("0 problem(s) in ")
    assert all(re.fullmatch(r"(ok|info) +[^:]+: \d+", line) for line in lines[:-1])

    with Store.open(db) as store, store.engine.begin() as conn:
        casablanca = conn.scalar(select(films.c.id).where(films.c.slug == "casablanca"))
        conn.execute(delete(search_docs).where(search_docs.c.film_id == casablanca))
    code, out, _ = run("db", "check", db=db)
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("PROBLEM")] == [
        "PROBLEM guided or catalog films missing from the search index: 1 (ids " + str(casablanca) + ")"
    ]
    assert out.splitlines()[-1].startswith("1 problem(s) in ")


@pytest.mark.postgres
def test_the_same_commands_say_the_same_on_both_back_ends(tmp_path: Path) -> None:
    """Every command that touches the database, run on SQLite and on PostgreSQL: the same output
    (but for the database's own name and the checks only one back end has), the same data."""
    commands: list[tuple[str, ...]] = [
        ("import", str(ARTICLES)),
        ("list",),
        ("list", "--json"),
        ("show", "midnight-cowboy"),
        ("show", "midnight-cowboy", "--format", "markdown"),
        ("delete", "casablanca"),
        ("delete", "casablanca"),
        ("show", "casablanca"),
        ("demo", "load"),
        ("demo", "load"),
        ("recommend", "rebuild"),
        ("db", "migrate"),
        ("db", "status"),
        ("db", "check"),
        ("list",),
    ]
    sqlite = migrated(tmp_path / "parity.db")
    with postgres_database() as url:
        Store.open(url).close()
        for command in commands:
            said = [_common(run(*command, db=db)) for db in (sqlite, url)]
            assert said[0] == said[1], command
        dumps = []
        for db, name in ((sqlite, "s.jsonl"), (url, "p.jsonl")):
            assert run("db", "dump", str(tmp_path / name), db=db)[0] == 0
            dumps.append(_MOMENT.sub(b"", (tmp_path / name).read_bytes()))
        assert dumps[0] == dumps[1]
    assert f"schema: {head_revision()} (head {head_revision()})" in run("db", "status", db=sqlite)[1]


def _common(said: tuple[int, str, str]) -> tuple[int, str, str]:
    """Output without what differs by design: the database's URL, checks of one back end alone."""
    code, out, err = said
    lines = [
        line
        for line in out.splitlines()
        if not line.startswith("database: ")
        and "sqlite " not in line
        and "FTS5 " not in line
        and "PostgreSQL " not in line
        and " problem(s) in " not in line
    ]
    return code, "\n".join(lines), err
