"""The work a search may do: a time budget, and a flag set when its reader has left.

The web sets a :class:`Budget` for each search (:data:`BUDGET`); the store's search statements
run under it (:func:`budgeted`): docs/security.md, "Search cost bounded".
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError


class SearchStopped(Exception):
    """A search stopped before its end: its time spent, or its reader gone."""


@dataclass
class Budget:
    """How long a search may run, and a flag its caller sets when nobody waits for it any more.

    The web sets one for each search (:data:`BUDGET`); the store's search queries then run under
    it: SQLite's progress handler is asked every :data:`PROGRESS_STEPS` steps of the statement and
    interrupts it, PostgreSQL gets the time left as ``statement_timeout``."""

    deadline: float
    cancelled: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def of(cls, seconds: float) -> Budget:
        return cls(time.monotonic() + seconds)

    def spent(self) -> bool:
        return self.cancelled.is_set() or time.monotonic() > self.deadline


#: The budget of the search running in this context (``None``: no limit, as for tools).
BUDGET: ContextVar[Budget | None] = ContextVar("filmguide_search_budget", default=None)
#: SQLite virtual machine steps between two looks at the budget (about a millisecond's work).
PROGRESS_STEPS = 10_000


@contextlib.contextmanager
def budgeted(conn: Connection) -> Iterator[None]:
    """Run the statements inside under the context's :class:`Budget`, if any; raises
    :class:`SearchStopped` when it is spent."""
    budget = BUDGET.get()
    if budget is None:
        yield
        return
    if budget.spent():
        raise SearchStopped
    if conn.dialect.name != "sqlite":
        # The time left is set as statement_timeout with the search's statements (postgres.run).
        try:
            yield
        except DBAPIError as error:
            if type(error.orig).__name__ == "QueryCanceled":
                raise SearchStopped from None
            raise
        return
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    driver.set_progress_handler(lambda: 1 if budget.spent() else 0, PROGRESS_STEPS)
    try:
        yield
    except (sqlite3.OperationalError, DBAPIError) as error:
        if "interrupted" in str(error):
            raise SearchStopped from None
        raise
    finally:
        driver.set_progress_handler(None, 0)
