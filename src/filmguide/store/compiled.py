"""Statements compiled once per back end and run straight through the driver.

For the hot path of an import: a multi-row INSERT of plain values (integers and text) costs a
few microseconds per row through SQLAlchemy's parameter processing; compiled once and handed to
the driver's ``executemany``, it costs next to nothing. Only for statements whose values need no
type processing (no dates, no JSON): the driver receives them as given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.dml import Insert


class CompiledInsert:
    """An INSERT of ``columns`` (in that order), run with rows given as tuples in that order."""

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
        conn.exec_driver_sql(sql, params)
