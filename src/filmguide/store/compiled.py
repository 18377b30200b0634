"""Statements compiled once per back end and run straight through the driver.

For the hot path of an import. SQLAlchemy Core costs some tens of microseconds per statement
(cache key, execution context, result wrapping) where the driver itself takes a few; a guide's
save runs about ten statements, which made SQLAlchemy half of a save's time (docs/performance.md).
The statements of that path are written with Core as everywhere else, compiled here once per
dialect, and executed on the transaction's own DBAPI connection: the same SQL, the same
transaction, the same type processing (each parameter goes through its column type's bind
processor, as SQLAlchemy would apply it), none of the per-call machinery.

Only for statements with plain parameters (no expanding ``IN`` lists, no SQL expressions as
values) whose results are plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.expression import Executable

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    #: Parameter names in the order the driver expects them, or ``None`` for named parameters.
    order: tuple[str, ...] | None
    processors: dict[str, Processor]
    #: Values the statement carries itself (literals such as ``id = 1``), by parameter name.
    defaults: dict[str, Any]


def _compile(statement: Executable, conn: Connection) -> _Compiled:
    dialect = conn.dialect
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    processors: dict[str, Processor] = {}
    defaults = {name: bind.value for name, bind in compiled.binds.items() if bind.value is not None}
    for name, bind in compiled.binds.items():
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors[name] = processor
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup is not None else None
    return _Compiled(compiled.string, order, processors, defaults)


def _driver_cursor(conn: Connection) -> Any:
    """A cursor of the DBAPI connection under ``conn``, inside ``conn``'s transaction."""
    return conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]


class CompiledStatement:
    """One statement with bound parameters, compiled per dialect and run by the driver."""

    def __init__(self, statement: Executable) -> None:
        self._statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, conn: Connection) -> _Compiled:
        found = self._by_dialect.get(conn.dialect.name)
        if found is None:
            found = self._by_dialect[conn.dialect.name] = _compile(self._statement, conn)
        return found

    def _parameters(self, compiled: _Compiled, given: Mapping[str, Any]) -> Any:
        params = {**compiled.defaults, **given} if compiled.defaults else given
        values = {
            name: (processor(params[name]) if (processor := compiled.processors.get(name)) else params[name])
            for name in params
        }
        if compiled.order is None:
            return values
        return tuple(values[name] for name in compiled.order)

    def execute(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Run the statement; returns its rows (empty for a statement that returns none)."""
        compiled = self._compiled(conn)
        cursor = _driver_cursor(conn)
        try:
            cursor.execute(compiled.sql, self._parameters(compiled, params or {}))
            return list(cursor.fetchall()) if cursor.description is not None else []
        finally:
            cursor.close()


class CompiledInsert:
    """An INSERT of ``columns`` (in that order), run with rows given as tuples in that order.

    The values must need no type processing (integers and text): they reach the driver as given.
    """

    def __init__(self, statement: Insert, columns: Sequence[str]) -> None:
        self._statement = statement
        self._columns = tuple(columns)
        self._by_dialect: dict[str, tuple[str, tuple[int, ...] | None]] = {}

    def _compiled(self, conn: Connection) -> tuple[str, tuple[int, ...] | None]:
        name = conn.dialect.name
        found = self._by_dialect.get(name)
        if found is None:
            compiled = self._statement.values({c: None for c in self._columns}).compile(dialect=conn.dialect)
            order: tuple[int, ...] | None = None
            if compiled.positional:
                assert compiled.positiontup is not None
                order = tuple(self._columns.index(key) for key in compiled.positiontup)
            found = (compiled.string, order)
            self._by_dialect[name] = found
        return found

    def executemany(self, conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert the rows (tuples in the order of ``columns``) in one ``executemany``."""
        if not rows:
            return
        sql, order = self._compiled(conn)
        params: list[Any]
        if order is None:
            columns = self._columns
            params = [dict(zip(columns, row, strict=True)) for row in rows]
        elif order == tuple(range(len(self._columns))):
            params = list(rows)
        else:
            params = [tuple(row[i] for i in order) for row in rows]
        cursor = _driver_cursor(conn)
        try:
            cursor.executemany(sql, params)
        finally:
            cursor.close()
