"""Dump and load: the whole database as portable JSON Lines, to move a site between back ends.

A dump is one JSON object a line (UTF-8, ``\\n`` line ends):

1. a header: ``{"format": "filmguide-dump", "version": 1, "schema": "0004", "tables": {name:
   [column, ...], ...}}``, the tables parent-first (the order they are loaded in);
2. one line per row, ``{"table": "films", "row": {column: value, ...}}``, table after table in the
   header's order, each table's rows by primary key;
3. an end line, ``{"end": {name: row count, ...}}``: a file cut at a line boundary is told from a
   whole one.

Values take one portable form each, so that a dump loaded on either back end and dumped again is
byte-identical: integers and booleans as JSON's; floats as the shortest text that reads back to the
same double (``NaN``, ``Infinity``, ``-Infinity`` as strings); dates ``YYYY-MM-DD``; moments in UTC
as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``; text as JSON strings. Nothing in a dump depends on when or
where it was made.

Every table of :data:`~filmguide.store.schema.metadata` is dumped but ``rate_limits`` (buckets
that refill within minutes), the guides' analyses (``guide_analyses``) too: derived, but costly to
make again (8 ms a guide); a load analyses only the guides that come without current ones (a dump
made before 0015, or by older rules). The search index (``search_docs``, its FTS5 tables or
``tsvector``, ``search_state``) is derived from them: it is not dumped, and a load rebuilds it. Both
directions stream: a dump reads rows in batches from one snapshot, a load inserts them in batches,
in one transaction that a bad line rolls back whole.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    exists,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, StatementError

from filmguide.store import analyses as analysis_queries
from filmguide.store import catalog as catalog_queries
from filmguide.store.schema import (
    aliases,
    api_tokens,
    desk_sessions,
    drafts,
    event_days,
    events,
    guide_revisions,
    guides,
    login_failures,
    metadata,
    rate_limits,
    search_docs,
    trash,
    users,
)
from filmguide.store.search import index as search_index

FORMAT = "filmguide-dump"
#: The version of the layout described above; a loader refuses a newer one.
FORMAT_VERSION = 1
#: Rows read (dump) or inserted (load) at a time.
BATCH = 1000
#: Tables whose rows a load replaces only with ``--replace``: what the site's users made.
USER_TABLES: tuple[Table, ...] = (
    guides,
    guide_revisions,
    trash,
    aliases,
    events,
    event_days,
    api_tokens,
    users,
    desk_sessions,
    login_failures,
    drafts,
)

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class DumpError(Exception):
    """A dump that cannot be loaded (or a database that cannot be dumped): one line, for the user."""


def dumped_tables() -> list[Table]:
    """Every table of the schema, parents before children (the search index is not among them,
    nor the rate limits' buckets, which refill within minutes)."""
    return [table for table in metadata.sorted_tables if table is not rate_limits]


# --- values -------------------------------------------------------------------------------------


def _moment_out(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _float_out(value: float) -> float | str:
    if value == 0:
        return 0.0  # no negative zero: SQLite keeps no sign on zero, and the forms must agree
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


def _encoder(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a column's value is written, ``None`` when it is already a portable JSON value."""
    kind = column.type
    if isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime):
        return _moment_out
    if isinstance(kind, Date):
        return date.isoformat
    if isinstance(kind, Float):
        return _float_out
    if isinstance(kind, Boolean):
        return bool
    return None


def _decoder(column: Column[Any]) -> Callable[[Any], Any]:
    """How a column's value is read back: the value, or :class:`ValueError` saying what is wrong.

    The checks are those of the stricter back end (PostgreSQL's integer ranges, ``varchar``
    lengths, no NUL in text), so a dump that loads into one loads into the other.
    """
    kind = column.type
    if isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime):
        return _moment_in
    if isinstance(kind, Date):
        return _day_in
    if isinstance(kind, Float):
        return _float_in
    if isinstance(kind, Boolean):
        return _bool_in
    if isinstance(kind, Integer):
        low, high = _INT64 if isinstance(kind, BigInteger) else _INT32
        return lambda value: _int_in(value, low, high)
    if isinstance(kind, String):
        return lambda value: _text_in(value, kind.length)
    raise TypeError(f"no portable form for {column.table.name}.{column.name} ({kind})")


def _moment_in(value: Any) -> datetime:
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        raise ValueError(f"expected a moment like 2024-01-31T12:00:00.000000Z, got {_shown(value)}")
    return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)


def _day_in(value: Any) -> date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ValueError(f"expected a date like 2024-01-31, got {_shown(value)}")
    return date.fromisoformat(value)


def _float_in(value: Any) -> float:
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        return float(value)
    if isinstance(value, str) and value in _NON_FINITE:
        return _NON_FINITE[value]
    raise ValueError(f"expected a number, got {_shown(value)}")


def _bool_in(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {_shown(value)}")


def _int_in(value: Any, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {_shown(value)}")
    if not low <= value <= high:
        raise ValueError(f"integer {value} out of range")
    return value


def _text_in(value: Any, length: int | None) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_shown(value)}")
    if length is not None and len(value) > length:
        raise ValueError(f"longer than {length} characters")
    if "\x00" in value:
        raise ValueError("NUL character in text")
    return value


def _shown(value: Any) -> str:
    shown = orjson.dumps(value).decode()
    return shown if len(shown) <= 40 else shown[:37] + "..."


# --- dump ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DumpReport:
    """Rows written, by table."""

    rows: dict[str, int]

    def summary(self, target: str) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in self.rows.items())
        return f"dumped {sum(self.rows.values())} rows to {target} ({counts})"


def header(revision: str | None) -> dict[str, Any]:
    """The first line of a dump made at this schema revision."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": revision,
        "tables": {str(t.name): [str(c.name) for c in t.columns] for t in dumped_tables()},
    }


def _key_order(conn: Connection, table: Table) -> list[Any]:
    """The primary key, text compared by code point on both back ends (PostgreSQL: collation C)."""
    order: list[Any] = []
    for column in table.primary_key.columns:
        if isinstance(column.type, String) and conn.dialect.name == "postgresql":
            order.append(column.collate("C"))
        else:
            order.append(column)
    return order


def dump(conn: Connection, out: IO[bytes], revision: str | None) -> DumpReport:
    """Write every table to ``out``, inside the caller's (read) transaction."""
    out.write(orjson.dumps(header(revision)) + b"\n")
    counts: dict[str, int] = {}
    for table in dumped_tables():
        columns = list(table.columns)
        names = [str(column.name) for column in columns]  # orjson takes plain str keys only
        encoders = [(i, enc) for i, enc in enumerate(_encoder(column) for column in columns) if enc]
        prefix = b'{"table":' + orjson.dumps(str(table.name)) + b',"row":'
        query = select(*columns).order_by(*_key_order(conn, table)).execution_options(yield_per=BATCH)
        count = 0
        for row in conn.execute(query):
            values = list(row)
            for i, encode in encoders:
                if values[i] is not None:
                    values[i] = encode(values[i])
            try:
                line = orjson.dumps(dict(zip(names, values, strict=True)))
            except orjson.JSONEncodeError as error:
                raise DumpError(f"cannot dump a row of {table.name}: {error}") from None
            out.write(prefix + line + b"}\n")
            count += 1
        counts[str(table.name)] = count
    out.write(orjson.dumps({"end": counts}) + b"\n")
    return DumpReport(counts)


@contextmanager
def output(path: str) -> Iterator[IO[bytes]]:
    """Where a dump goes: standard output for ``-``, else a file written beside the target and
    renamed over it at the end, so a failed dump never leaves half a file under the name."""
    if path == "-":
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb", buffering=1 << 20) as stream:
            yield stream
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


# --- load ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class LoadReport:
    """Rows inserted by table, and the search entries rebuilt from them."""

    rows: dict[str, int] = field(default_factory=dict)
    indexed: int = 0
    analysed: int = 0
    """Guides the dump gave no current analyses (an older dump, older rules): analysed now."""

    def summary(self, source: str) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in self.rows.items())
        return (
            f"loaded {sum(self.rows.values())} rows from {source} ({counts}); "
            f"search index rebuilt: {self.indexed} entries"
        )


@contextmanager
def source(path: str) -> Iterator[Iterable[bytes]]:
    """The lines of a dump: standard input for ``-``, else the file."""
    if path == "-":
        yield sys.stdin.buffer
        return
    with Path(path).open("rb", buffering=1 << 20) as stream:
        yield stream


@dataclass(slots=True)
class _TablePlan:
    """How one table's rows are read: its columns' decoders, and which must be given."""

    table: Table
    decoders: dict[str, Callable[[Any], Any]]
    required: tuple[str, ...]

    @classmethod
    def of(cls, table: Table) -> _TablePlan:
        decoders = {column.name: _decoder(column) for column in table.columns}
        required = tuple(c.name for c in table.columns if not c.nullable)
        return cls(table, decoders, required)

    def values(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row's values for the database; :class:`ValueError` naming the first bad column."""
        values: dict[str, Any] = {}
        unknown = row.keys() - self.decoders.keys()
        if unknown:
            raise ValueError(f"unknown column {self.table.name}.{min(unknown)}")
        for name, decode in self.decoders.items():
            value = row.get(name)
            if value is None:
                if name in self.required:
                    word = "missing" if name not in row else "null"
                    raise ValueError(f"{self.table.name}.{name} is {word} (it is required)")
                values[name] = None
                continue
            try:
                values[name] = decode(value)
            except ValueError as error:
                raise ValueError(f"{self.table.name}.{name}: {error}") from None
        return values


class _Loader:
    """Reads a dump line by line and inserts its rows in batches, inside the caller's transaction."""

    def __init__(self, conn: Connection, name: str, known_revisions: list[str]) -> None:
        self.conn = conn
        self.name = name
        self.known = known_revisions
        self.plans: dict[str, _TablePlan] = {}
        self.order: list[str] = []
        self.report = LoadReport()
        self._batch: list[tuple[int, dict[str, Any]]] = []
        self._current: int = -1

    def fail(self, line: int, problem: str) -> DumpError:
        return DumpError(f"{self.name}:{line}: {problem}")

    def read_header(self, line: int, raw: bytes) -> None:
        """Check the first line: the format, its version, the schema, the tables."""
        found = _json(raw)
        if not isinstance(found, dict) or found.get("format") != FORMAT:
            raise self.fail(line, f"not a filmguide dump (the first line must be a {FORMAT} header)")
        version = found.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.fail(line, f"bad dump format version {_shown(version)}")
        if version > FORMAT_VERSION:
            raise self.fail(
                line,
                f"dump format version {version} is newer than this filmguide reads "
                f"({FORMAT_VERSION}): upgrade filmguide",
            )
        schema = found.get("schema")
        if schema not in self.known:
            raise self.fail(
                line,
                f"dump made at schema {_shown(schema)}, which this filmguide does not know "
                f"(newest {self.known[-1]}): upgrade filmguide",
            )
        tables = found.get("tables")
        if not isinstance(tables, dict) or not tables:
            raise self.fail(line, "the header lists no tables")
        known = metadata.tables
        for table_name, columns in tables.items():
            if table_name not in known:
                raise self.fail(line, f"unknown table {_shown(table_name)}")
            if not isinstance(columns, list):
                raise self.fail(line, f"the header's columns of {table_name} are not a list")
            for column in columns:
                if not isinstance(column, str) or column not in known[table_name].c:
                    raise self.fail(line, f"unknown column {table_name}.{_shown(column)}")
            self.plans[table_name] = _TablePlan.of(known[table_name])
            self.order.append(table_name)
            self.report.rows[table_name] = 0

    def read_row(self, line: int, raw: bytes) -> bool:
        """Take one line after the header; returns True at the end line."""
        found = _json(raw)
        if not isinstance(found, dict):
            raise self.fail(line, "expected a JSON object")
        if "end" in found:
            self.flush()
            self.check_end(line, found["end"])
            return True
        table_name, row = found.get("table"), found.get("row")
        if not isinstance(table_name, str) or not isinstance(row, dict) or set(found) != {"table", "row"}:
            raise self.fail(line, 'expected {"table": ..., "row": {...}}')
        if table_name not in self.plans:
            raise self.fail(line, f"unknown table {_shown(table_name)} (not in the header)")
        position = self.order.index(table_name)
        if position < self._current:
            raise self.fail(line, f"a row of {table_name} after rows of {self.order[self._current]}")
        if position != self._current:
            self.flush()
            self._current = position
        try:
            values = self.plans[table_name].values(row)
        except ValueError as error:
            raise self.fail(line, str(error)) from None
        self._batch.append((line, values))
        self.report.rows[table_name] += 1
        if len(self._batch) >= BATCH:
            self.flush()
        return False

    def check_end(self, line: int, counts: Any) -> None:
        if not isinstance(counts, dict):
            raise self.fail(line, "the end line's counts are not an object")
        for table_name in self.order:
            said, read = counts.get(table_name), self.report.rows.get(table_name, 0)
            if said != read:
                raise self.fail(line, f"the end line says {_shown(said)} rows of {table_name}, found {read}")

    def flush(self) -> None:
        """Insert the pending rows at once (COPY on PostgreSQL); on a database error, find the line
        at fault by inserting them one by one."""
        if not self._batch:
            return
        table = self.plans[self.order[self._current]].table
        batch, self._batch = self._batch, []
        errors = _database_errors(self.conn)
        try:
            with self.conn.begin_nested():
                if self.conn.dialect.name == "postgresql":
                    _copy(self.conn, table, [values for _, values in batch])
                else:
                    self.conn.execute(insert(table), [values for _, values in batch])
        except errors as error:
            for line, values in batch:
                try:
                    with self.conn.begin_nested():
                        self.conn.execute(insert(table), values)
                except errors as row_error:
                    raise self.fail(line, f"{table.name}: {_db_problem(row_error)}") from None
            raise self.fail(batch[0][0], f"{table.name}: {_db_problem(error)}") from None


def _database_errors(conn: Connection) -> tuple[type[Exception], ...]:
    """What a failed insert raises: SQLAlchemy's errors, and psycopg's own from a COPY."""
    if conn.dialect.name == "postgresql":
        import psycopg

        return (DBAPIError, StatementError, psycopg.Error)
    return (DBAPIError, StatementError)


def _copy(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: insert rows with COPY, several times faster than INSERTs (the values are
    already of the columns' Python types: psycopg adapts them as an INSERT would)."""
    import psycopg  # only here: SQLite users need not pay for importing it

    names = [str(column.name) for column in table.columns]
    columns = ", ".join(f'"{name}"' for name in names)
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for values in rows:
            copy.write_row([values[name] for name in names])


def _json(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error})") from None


def _db_problem(error: BaseException) -> str:
    text_ = str(getattr(error, "orig", None) or error).strip()
    return text_.splitlines()[0] if text_ else type(error).__name__


def holds_user_data(conn: Connection) -> list[str]:
    """The user tables (guides, events, tokens) that hold rows: what ``--replace`` must allow."""
    return [t.name for t in USER_TABLES if conn.scalar(select(exists().select_from(t)))]


def empty(conn: Connection) -> None:
    """Delete every row of every dumped table and of the search index, children first."""
    conn.execute(search_docs.delete())
    for table in reversed(dumped_tables()):
        conn.execute(table.delete())


def reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move each id sequence past the largest id loaded (ids were given, not drawn)."""
    if conn.dialect.name != "postgresql":
        return  # SQLite picks max(rowid) + 1 by itself
    for table in dumped_tables():
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = conn.scalar(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
        )
        if sequence is None:
            continue
        largest = conn.scalar(select(func.max(column)))
        conn.execute(
            text("SELECT setval(CAST(:s AS regclass), :v, false)"), {"s": sequence, "v": (largest or 0) + 1}
        )


def load(
    conn: Connection, lines: Iterable[bytes], name: str, *, known_revisions: list[str], replace: bool
) -> LoadReport:
    """Replace the database's rows with the dump's, inside the caller's (write) transaction.

    Raises :class:`DumpError` (``name:line: problem``) at the first bad line, or when the database
    holds guides, events or tokens and ``replace`` is false; the caller's transaction then rolls
    back, leaving the database as it was.
    """
    loader = _Loader(conn, name, known_revisions)
    stream = iter(enumerate(lines, 1))
    first = next(stream, None)
    if first is None:
        raise DumpError(f"{name}: empty file, not a filmguide dump")
    try:
        loader.read_header(*first)
    except ValueError as error:
        raise loader.fail(1, str(error)) from None
    if not replace:
        held = holds_user_data(conn)
        if held:
            raise DumpError(
                f"the database already holds {', '.join(held)}: "
                "use --replace to replace everything in it with the dump"
            )
    empty(conn)
    ended = 0
    last = 1
    for line, raw in stream:
        last = line
        if ended:
            if raw.strip():
                raise loader.fail(line, "text after the end line")
            continue
        if not raw.strip():
            raise loader.fail(line, "empty line")
        try:
            if loader.read_row(line, raw):
                ended = line
        except ValueError as error:
            cut = "" if raw.endswith(b"\n") else " (the line is cut short: a truncated file?)"
            raise loader.fail(line, f"{error}{cut}") from None
    if not ended:
        raise DumpError(f"{name}:{last}: no end line: the file is truncated")
    reset_sequences(conn)
    loader.report.analysed = analysis_queries.fill(conn)
    loader.report.indexed = search_index.rebuild(conn) + catalog_queries.index_all(conn)
    return loader.report
