"""Rate limits kept in the database, so that every worker and instance spends the same tokens.

A limit is a token bucket per client: ``burst`` requests at once, refilled at ``rate`` a second.
A bucket is a row of ``rate_limits`` (limit name, client, tokens left, when), and one request is
one statement, ``INSERT … ON CONFLICT DO UPDATE … RETURNING``: the refill, the spending and the
answer are computed in the database from the row as it stands, so two processes taking from one
bucket at once are put in line by the row (PostgreSQL's row lock; SQLite's single writer) and
neither sees the other's tokens twice. No global write lock is taken on PostgreSQL: a share
never waits for an import.

Moments are the caller's clock, in seconds since the epoch (the web layer's, which tests set). A
moment older than the row's (another instance's clock a little ahead) refills nothing and leaves
the row's moment as it is. A bucket that has had time to refill is the same as no row, so
:func:`prune` deletes those rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, case, delete, literal
from sqlalchemy.dialects import postgresql, sqlite

from filmguide.store.schema import rate_limits


@dataclass(frozen=True, slots=True)
class Taken:
    """One request's answer: whether it may go ahead, and the tokens its bucket has left."""

    allowed: bool
    tokens: float


def take(conn: Connection, name: str, client: str, now: float, *, rate: float, burst: int) -> Taken:
    """Spend one of ``client``'s tokens of limit ``name`` at ``now``, if it has one."""
    if rate <= 0 or burst < 1:
        raise ValueError(f"a rate limit needs a positive rate and a burst of 1 or more, not {rate}, {burst}")
    moment, full = literal(float(now)), literal(float(burst))
    row = rate_limits.c
    elapsed = case((moment > row.at, moment - row.at), else_=literal(0.0))
    refilled = row.tokens + elapsed * literal(float(rate))
    tokens = case((refilled > full, full), else_=refilled)
    has_one: ColumnElement[bool] = tokens >= literal(1.0)
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(rate_limits).values(
        name=name, client=client, tokens=float(burst) - 1.0, at=float(now), allowed=True
    )
    statement = statement.on_conflict_do_update(
        index_elements=[rate_limits.c.name, rate_limits.c.client],
        set_={
            "tokens": case((has_one, tokens - literal(1.0)), else_=tokens),
            "at": case((moment > row.at, moment), else_=row.at),
            "allowed": has_one,
        },
    ).returning(rate_limits.c.allowed, rate_limits.c.tokens)
    allowed, left = conn.execute(statement).one()
    return Taken(bool(allowed), float(left))


def prune(conn: Connection, name: str, before: float) -> int:
    """Delete the buckets of limit ``name`` last touched before ``before`` (pass a moment by which
    any bucket is full again: such a row says nothing a missing row would not); how many."""
    found = conn.execute(delete(rate_limits).where(rate_limits.c.name == name, rate_limits.c.at < before))
    return int(found.rowcount or 0)
