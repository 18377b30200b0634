"""Dump and load (store.dump) on real data: the catalog, the demo guides, events with clients and a
token, moved SQLite → PostgreSQL → SQLite byte for byte; bad dumps refused whole, by line."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, insert, select, update

from filmguide import importer
from filmguide.store import Store, head_revision
from filmguide.store.dump import FORMAT, FORMAT_VERSION, DumpError, dumped_tables
from filmguide.store.schema import aliases, api_tokens, event_days, events, films
from tests.conftest import postgres_database
from tests.store.conftest import count, make_guide

MOMENTS = [
    datetime(2024, 1, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(1999, 12, 31, 0, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 6, 1, 12, 30, tzinfo=UTC),
]
#: Doubles whose shortest text is long, tiny or huge: each must come back bit for bit.
AWKWARD_FLOATS = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0.0, 7.0, 1 / 3]


def fill(store: Store, *, catalog: bool) -> None:
    """Real data: the catalog (when asked), the demo guides, events with clients, and a token."""
    if catalog:
        store.load_catalog(importer.load_catalog_file(None))
    report = importer.import_paths(store, [importer.DEMO_DIR])
    assert report.imported == 6
    store.index_pending()
    importer.refresh_similar(store)
    with store.engine.begin() as conn:
        ids = [row[0] for row in conn.execute(select(films.c.id).order_by(films.c.id).limit(6))]
        happenings = [
            ("view", None, MOMENTS[0], "a1b2c3d4e5f60718293a4b5c6d7e8f90"),
            ("share", "mastodon", MOMENTS[1], None),
            ("view", None, MOMENTS[2], "ffffffffffffffffffffffffffffffff"),
            ("share", "email", MOMENTS[2], "00000000000000000000000000000000"),
        ]
        conn.execute(
            insert(events),
            [
                {
                    "film_id": ids[i % 3],
                    "kind": kind,
                    "channel": channel,
                    "created_at": at,
                    "client": client,
                    "source": client and client[::-1],  # the address's hash, beside the reader's
                }
                for i, (kind, channel, at, client) in enumerate(happenings)
            ],
        )
        conn.execute(
            insert(event_days), {"film_id": ids[0], "kind": "view", "day": date(1999, 12, 30), "count": 42}
        )
        conn.execute(
            insert(api_tokens),
            {
                "name": "importer",
                "token_hash": hashlib.sha256(b"secret").hexdigest(),
                "created_at": MOMENTS[1],
                "last_used_at": MOMENTS[0],
                "revoked_at": None,
            },
        )
        conn.execute(  # a WordPress post's old addresses (non-ASCII kept as text)
            insert(aliases),
            [
                {"path": "/2019/05/amélie-explained", "film_id": ids[0], "created_at": MOMENTS[0]},
                {"path": "/?p=42", "film_id": ids[0], "created_at": MOMENTS[1]},
            ],
        )
        for film_id, value in zip(ids, AWKWARD_FLOATS, strict=True):
            conn.execute(update(films).where(films.c.id == film_id).values(imdb_rating=value))


def dump_bytes(store: Store) -> bytes:
    out = io.BytesIO()
    store.dump(out)
    return out.getvalue()


def load_bytes(store: Store, data: bytes, *, replace: bool = True, name: str = "site.jsonl") -> None:
    store.load(io.BytesIO(data), name, replace=replace)


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The dump of a SQLite site holding the catalog, the demo guides, events and a token."""
    path = tmp_path_factory.mktemp("site") / "site.db"
    with Store.open(str(path)) as store:
        fill(store, catalog=True)
        return dump_bytes(store)


@pytest.fixture(scope="module")
def pg_site() -> Iterator[bytes]:
    """The same, built on PostgreSQL."""
    with postgres_database() as url, Store.open(url) as store:
        fill(store, catalog=True)
        yield dump_bytes(store)


@pytest.fixture(scope="module")
def small_dump(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A dump of the demo guides alone (no catalog): quick to load, for the bad-file cases."""
    path = tmp_path_factory.mktemp("small") / "small.db"
    with Store.open(str(path)) as store:
        fill(store, catalog=False)
        return dump_bytes(store)


def assert_site_works(store: Store) -> None:
    """What a site needs after a load: guides, the catalog, search, people, new ids."""
    assert len(store.list_guides()) == 6
    assert store.catalog_size() > 3000
    guide = store.get_guide("leaving-las-vegas")
    assert guide is not None and guide.directors == ["Mike Figgis"]
    hits = store.search("figgis")
    assert "leaving-las-vegas" in [hit.slug for hit in hits.films]
    assert [hit.slug for hit in store.search_fuzzy("leeving las vegas", people=False)][:1] == [
        "leaving-las-vegas"
    ]
    assert store.person("nicolas-cage") is not None
    assert [f.problem for f in store.check() if f.problem] == []
    # Ids go on after the largest loaded (PostgreSQL's sequences were moved past them).
    with store.engine.connect() as conn:
        largest = conn.scalar(select(func.max(films.c.id)))
    created = store.save_guide(make_guide("A Film Made After The Move", 2030, directors=["Nobody Known"]))
    with store.engine.connect() as conn:
        new_id = conn.scalar(select(films.c.id).where(films.c.slug == created.slug))
    assert new_id == largest + 1


@pytest.mark.postgres
def test_sqlite_to_postgresql_and_back_is_byte_identical(sqlite_site: bytes, tmp_path: Path) -> None:
    with postgres_database() as url:
        with Store.open(url) as target:
            load_bytes(target, sqlite_site, replace=False)
            assert dump_bytes(target) == sqlite_site
        with Store.open(url) as target:
            assert_site_works(target)
    with Store.open(str(tmp_path / "back.db")) as back:
        load_bytes(back, sqlite_site, replace=False)
        assert dump_bytes(back) == sqlite_site


@pytest.mark.postgres
def test_postgresql_to_sqlite_and_back_is_byte_identical(pg_site: bytes, tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "moved.db")) as target:
        load_bytes(target, pg_site, replace=False)
        assert dump_bytes(target) == pg_site
        assert_site_works(target)
    with postgres_database() as url, Store.open(url) as back:
        load_bytes(back, pg_site, replace=False)
        assert dump_bytes(back) == pg_site


def test_the_dump_format(sqlite_site: bytes) -> None:
    lines = sqlite_site.splitlines()
    header = orjson.loads(lines[0])
    assert header["format"] == FORMAT and header["version"] == FORMAT_VERSION
    assert header["schema"] == head_revision()
    names = list(header["tables"])
    assert names == [t.name for t in dumped_tables()]
    assert not any(name.startswith("search_") for name in names)
    assert names.index("films") < names.index("guides") < names.index("similar_films")
    assert header["tables"]["events"] == [
        "id",
        "film_id",
        "kind",
        "channel",
        "created_at",
        "client",
        "source",
    ]
    assert header["tables"]["event_days"] == ["film_id", "kind", "day", "count"]

    rows = [orjson.loads(line) for line in lines[1:-1]]
    end = orjson.loads(lines[-1])["end"]
    assert end == {name: sum(1 for r in rows if r["table"] == name) for name in names}
    assert [r["table"] for r in rows] == sorted((r["table"] for r in rows), key=names.index)
    film_rows = [r["row"] for r in rows if r["table"] == "films"]
    assert [f["id"] for f in film_rows] == sorted(f["id"] for f in film_rows)
    credits = [r["row"] for r in rows if r["table"] == "credits"]
    credit_keys = [(c["film_id"], c["role"], c["position"]) for c in credits]
    assert credit_keys == sorted(credit_keys)

    ratings = [f["imdb_rating"] for f in film_rows[:6]]
    assert [orjson.dumps(r) for r in ratings] == [orjson.dumps(r) for r in AWKWARD_FLOATS[:3]] + [
        b"0.0",  # zero has no sign in a dump (SQLite keeps none)
        b"7.0",
        orjson.dumps(1 / 3),
    ]
    assert ratings[0] == 0.1 + 0.2 and ratings[1] == 5e-324 and ratings[5] == 1 / 3
    assert all(isinstance(f["in_catalog"], bool) for f in film_rows)
    catalog_film = next(f for f in film_rows if f["release_date"])
    assert len(catalog_film["release_date"]) == 10 and catalog_film["release_date"][4] == "-"
    event_rows = [r["row"] for r in rows if r["table"] == "events"]
    assert [e["created_at"] for e in event_rows] == [
        "2024-01-31T23:59:59.999999Z",
        "1999-12-31T00:00:00.000001Z",
        "2026-06-01T12:30:00.000000Z",
        "2026-06-01T12:30:00.000000Z",
    ]
    assert event_rows[0]["client"] == "a1b2c3d4e5f60718293a4b5c6d7e8f90" and event_rows[1]["client"] is None
    assert (
        event_rows[0]["source"] == "a1b2c3d4e5f60718293a4b5c6d7e8f90"[::-1]
        and event_rows[1]["source"] is None
    )
    (day_row,) = [r["row"] for r in rows if r["table"] == "event_days"]
    assert day_row["day"] == "1999-12-30" and day_row["count"] == 42 and day_row["kind"] == "view"
    token = next(r["row"] for r in rows if r["table"] == "api_tokens")
    assert token["token_hash"] == hashlib.sha256(b"secret").hexdigest()
    assert token["revoked_at"] is None and token["created_at"] == "1999-12-31T00:00:00.000001Z"
    assert [r["row"]["path"] for r in rows if r["table"] == "aliases"] == [
        "/2019/05/amélie-explained",
        "/?p=42",
    ]


def test_load_refuses_a_database_holding_guides_unless_replace(store: Store, small_dump: bytes) -> None:
    store.save_guide(make_guide("Something Else", 2001, directors=["Someone"]))
    before = dump_bytes(store)
    with pytest.raises(DumpError, match=r"already holds guides: use --replace"):
        load_bytes(store, small_dump, replace=False)
    assert dump_bytes(store) == before
    load_bytes(store, small_dump, replace=True)
    assert dump_bytes(store) == small_dump
    assert store.get_guide("something-else") is None


def test_loading_bumps_the_data_version(store: Store, small_dump: bytes) -> None:
    version = store.data_version()
    load_bytes(store, small_dump)
    assert store.data_version() > version


Edit = Callable[[list[bytes]], tuple[list[bytes], int, str]]


def _line_of(lines: list[bytes], table: str, nth: int = 0) -> int:
    """The index of the ``nth`` row line of ``table``."""
    found = [i for i, line in enumerate(lines) if line.startswith(b'{"table":"' + table.encode() + b'"')]
    return found[nth]


def _edit_row(table: str, change: Callable[[dict[str, object]], None], nth: int = 0) -> Edit:
    def edit(lines: list[bytes]) -> tuple[list[bytes], int, str]:
        i = _line_of(lines, table, nth)
        item = orjson.loads(lines[i])
        change(item["row"])
        lines[i] = orjson.dumps(item)
        return lines, i + 1, ""

    return edit


def _edit_header(change: Callable[[dict[str, object]], None]) -> Edit:
    def edit(lines: list[bytes]) -> tuple[list[bytes], int, str]:
        item = orjson.loads(lines[0])
        change(item)
        lines[0] = orjson.dumps(item)
        return lines, 1, ""

    return edit


def _truncated(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    i = _line_of(lines, "guides")
    return [*lines[:i], lines[i][: len(lines[i]) // 2]], i + 1, ""


def _no_end(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    return lines[:-1], len(lines) - 1, ""


def _wrong_table(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    i = _line_of(lines, "people")
    lines[i] = lines[i].replace(b'{"table":"people"', b'{"table":"persons"', 1)
    return lines, i + 1, ""


def _search_table(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    i = _line_of(lines, "guides")
    lines.insert(i, b'{"table":"search_docs","row":{"film_id":1,"title":"x","names":"","body":""}}')
    return lines, i + 1, ""


def _out_of_order(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    moved = lines.pop(_line_of(lines, "guides"))
    i = _line_of(lines, "films")
    lines.insert(i, moved)
    return lines, i + 2, ""


def _duplicate(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    i = _line_of(lines, "people", 3)
    lines.insert(i + 1, lines[i])
    return lines, i + 2, ""


def _orphan_credit(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    i = _line_of(lines, "credits", 2)
    item = orjson.loads(lines[i])
    item["row"]["person_id"] = 999_999
    lines[i] = orjson.dumps(item)
    return lines, i + 1, ""


def _empty_line(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    i = _line_of(lines, "credits")
    lines.insert(i, b"")
    return lines, i + 1, ""


def _wrong_count(lines: list[bytes]) -> tuple[list[bytes], int, str]:
    end = orjson.loads(lines[-1])
    end["end"]["guides"] = 7
    lines[-1] = orjson.dumps(end)
    return lines, len(lines), ""


def _set(key: str, value: object) -> Callable[[dict[str, object]], None]:
    return lambda row: row.__setitem__(key, value)


def _drop(key: str) -> Callable[[dict[str, object]], None]:
    return lambda row: row.__delitem__(key)


BAD_DUMPS: dict[str, tuple[Edit, str]] = {
    "truncated-line": (_truncated, "not valid JSON"),
    "no-end-line": (_no_end, "no end line: the file is truncated"),
    "wrong-table": (_wrong_table, 'unknown table "persons"'),
    "search-table": (_search_table, 'unknown table "search_docs"'),
    "unknown-column": (_edit_row("films", _set("colour", "red")), "unknown column films.colour"),
    "wrong-header": (_edit_header(_set("format", "pg_dump")), "not a filmguide dump"),
    "newer-version": (_edit_header(_set("version", 2)), "dump format version 2 is newer"),
    "newer-schema": (
        _edit_header(_set("schema", "0099")),
        'schema "0099", which this filmguide does not know',
    ),
    "header-column": (
        _edit_header(lambda h: h["tables"]["films"].append("colour")),  # type: ignore[index]
        "unknown column films.",
    ),
    "string-year": (_edit_row("films", _set("year", "1995")), 'films.year: expected an integer, got "1995"'),
    "bad-moment": (
        _edit_row("films", _set("created_at", "yesterday")),
        "films.created_at: expected a moment",
    ),
    "bad-date": (_edit_row("films", _set("release_date", "31/01/2024")), "expected a date"),
    "number-bool": (_edit_row("films", _set("in_catalog", 1)), "films.in_catalog: expected true or false"),
    "too-long": (_edit_row("people", _set("slug", "x" * 201)), "people.slug: longer than 200"),
    "nul": (_edit_row("people", _set("name", "a\x00b")), "NUL character"),
    "huge-int": (_edit_row("films", _set("year", 2**40)), "out of range"),
    "missing-title": (_edit_row("films", _drop("title")), "films.title is missing"),
    "null-title": (_edit_row("films", _set("title", None)), "films.title is null"),
    "out-of-order": (_out_of_order, "a row of films after rows of guides"),
    "duplicate-key": (_duplicate, "people: "),
    "orphan-credit": (_orphan_credit, "credits: "),
    "bad-role": (_edit_row("credits", _set("role", "grip")), "credits: "),
    "empty-line": (_empty_line, "empty line"),
    "wrong-count": (_wrong_count, "the end line says 7 rows of guides, found 6"),
}


@pytest.mark.parametrize("case", list(BAD_DUMPS))
def test_a_bad_dump_is_one_line_naming_the_line_and_changes_nothing(
    store: Store, small_dump: bytes, case: str
) -> None:
    load_bytes(store, small_dump)
    before = dump_bytes(store)
    edit, fragment = BAD_DUMPS[case]
    lines, line, _ = edit(small_dump.splitlines())
    data = b"\n".join(lines) + (b"" if case == "truncated-line" else b"\n")

    with pytest.raises(DumpError) as caught:
        load_bytes(store, data, name="bad.jsonl")

    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"bad.jsonl:{line}: "), message
    assert fragment in message
    assert dump_bytes(store) == before
    assert count(store, "guides") == 6


def test_an_empty_file_is_refused(store: Store) -> None:
    with pytest.raises(DumpError, match=r"^x\.jsonl: empty file"):
        load_bytes(store, b"", name="x.jsonl")
