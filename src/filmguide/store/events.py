"""Events: views and shares of films, and the lists they feed (trending, most shared).

Counts are over a recent window (:data:`WINDOW`), so the lists follow what readers do now
rather than what they did once. Each event may carry a *client* (a salted, daily-rotated hash of
the reader, :mod:`filmguide.web.clients`): a client's views of a film count once per
:data:`VIEW_WINDOW` and its shares once per UTC day, checked here when a batch is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, func, insert, select

from filmguide.store.schema import events, films, guides

#: The recent window of the trending and most-shared lists.
WINDOW = timedelta(days=7)
#: Longest channel name kept for a share ("x", "bluesky", "copy", ...).
CHANNEL_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Count:
    """A film with the number of events of one kind in the window."""

    slug: str
    title: str
    year: int | None
    count: int


def film_id(conn: Connection, slug: str) -> int | None:
    found: int | None = conn.scalar(select(films.c.id).where(films.c.slug == slug))
    return found


def record(conn: Connection, film: int, kind: str, channel: str | None, now: datetime) -> None:
    conn.execute(insert(events).values(film_id=film, kind=kind, channel=channel, created_at=now))


def top(conn: Connection, kind: str, *, since: datetime, limit: int) -> list[Count]:
    """Films with a guide, by number of ``kind`` events since ``since``, most first."""
    total = func.count(events.c.id).label("total")
    query = (
        select(films.c.slug, films.c.title, films.c.year, total)
        .join_from(events, films, events.c.film_id == films.c.id)
        .join(guides, guides.c.film_id == films.c.id)
        .where(events.c.kind == kind, events.c.created_at >= since)
        .group_by(films.c.id, films.c.slug, films.c.title, films.c.year)
        .order_by(total.desc(), films.c.title_key, films.c.slug)
        .limit(limit)
    )
    return [Count(slug, title, year, int(n)) for slug, title, year, n in conn.execute(query)]


#: A client's views of one film within this window count once.
VIEW_WINDOW = timedelta(minutes=30)
#: The kinds counted once per client: a view per :data:`VIEW_WINDOW`, a share per UTC day.
DEDUPED = frozenset({"view", "share"})
#: Values per ``IN (...)`` list.
_CHUNK = 500

#: An event to record: (film slug, kind, channel, moment) and, when known, the client.
EventIn = tuple[str, str, str | None, datetime] | tuple[str, str, str | None, datetime, str | None]
_Row = tuple[int, str, str | None, datetime, str | None]


def latest(conn: Connection) -> datetime | None:
    """When the newest event happened; ``None`` when there is none."""
    moment: datetime | None = conn.scalar(select(func.max(events.c.created_at)))
    return moment


def record_many(conn: Connection, batch: Sequence[EventIn]) -> int:
    """Insert events given by film slug; returns how many were written.

    Events of unknown slugs are skipped. An event with a client is skipped when the same client
    already has one of the same kind for the same film close by: a view within
    :data:`VIEW_WINDOW` either side, a share on the same UTC day (in the database, or earlier in
    the batch). Run it inside a write transaction (the store's holds the write lock from its first
    statement), so two workers flushing at once cannot both count the same reader.
    """
    ids = _film_ids(conn, {event[0] for event in batch})
    rows: list[_Row] = sorted(
        (
            (ids[event[0]], event[1], event[2], _utc(event[3]), event[4] if len(event) > 4 else None)
            for event in batch
            if event[0] in ids
        ),
        key=lambda row: row[3],
    )
    counted = _recent(conn, rows)
    kept = []
    for film, kind, channel, moment, client in rows:
        if client is not None and kind in DEDUPED:
            earlier = counted.setdefault((client, film, kind), [])
            if any(_same_count(kind, other, moment) for other in earlier):
                continue
            earlier.append(moment)
        kept.append(
            {"film_id": film, "kind": kind, "channel": channel, "created_at": moment, "client": client}
        )
    if kept:
        conn.execute(insert(events), kept)
    return len(kept)


def _film_ids(conn: Connection, slugs: set[str]) -> dict[str, int]:
    wanted = sorted(slugs)
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(films.c.slug, films.c.id).where(films.c.slug.in_(wanted[start : start + _CHUNK]))
        ids.update({slug: film_id for slug, film_id in conn.execute(query)})
    return ids


def _recent(conn: Connection, rows: Sequence[_Row]) -> dict[tuple[str, int, str], list[datetime]]:
    """The stored views and shares of the batch's clients that could make one of its events a
    repeat: (client, film, kind) → moments. Uses the (client, film_id, created_at) index."""
    clients = sorted({row[4] for row in rows if row[4] is not None and row[1] in DEDUPED})
    if not clients:
        return {}
    earliest = min(row[3] for row in rows)
    since = min(earliest - VIEW_WINDOW, _day_start(earliest))
    found: dict[tuple[str, int, str], list[datetime]] = {}
    for start in range(0, len(clients), _CHUNK):
        query = select(events.c.client, events.c.film_id, events.c.kind, events.c.created_at).where(
            events.c.client.in_(clients[start : start + _CHUNK]),
            events.c.kind.in_(sorted(DEDUPED)),
            events.c.created_at >= since,
        )
        for client, film, kind, moment in conn.execute(query):
            found.setdefault((client, film, kind), []).append(_utc(moment))
    return found


def _same_count(kind: str, earlier: datetime, moment: datetime) -> bool:
    """Whether two events of one client and film count as one."""
    if kind == "view":
        return abs(moment - earlier) < VIEW_WINDOW
    return earlier.date() == moment.date()


def _utc(moment: datetime) -> datetime:
    """An aware UTC moment (SQLite hands stored ones back naive, in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day_start(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)
