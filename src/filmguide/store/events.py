"""Events: views and shares of films, and the lists they feed (trending, most shared).

Counts are over a recent window (:data:`WINDOW`), so the lists follow what readers do now
rather than what they did once. Each event may carry a *client* (a salted, daily-rotated hash of
the reader: address and user agent, :mod:`filmguide.web.clients`) and a *source* (the same hash of
the address alone, an IPv6 address by its /64). Checked here when a batch is written, under the
write lock: a client's view or share of a film counts once per UTC day, and one source's views or
shares of a film count at most its cap a day (:data:`DEFAULT_CAPS`), whatever user agents it
sends. Events older than the longest window are rolled up into daily counts (:func:`roll_up`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select, update

from filmguide.store.schema import event_days, events, films, guides

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


#: The kinds counted once per client and capped per source, per UTC day.
DEDUPED = frozenset({"view", "share"})
#: Events of one film and kind counted per source (address) per UTC day, unless told otherwise.
DEFAULT_CAPS: Mapping[str, int] = {"view": 3, "share": 3}
#: Whole UTC days of events kept past the window before :func:`roll_up` folds them into daily
#: counts (a margin, so a day at the window's edge is never half rolled up).
KEEP_DAYS = WINDOW.days + 1
#: Values per ``IN (...)`` list.
_CHUNK = 500

#: An event to record: (film slug, kind, channel, moment) and, when known, the client and source.
EventIn = (
    tuple[str, str, str | None, datetime]
    | tuple[str, str, str | None, datetime, str | None]
    | tuple[str, str, str | None, datetime, str | None, str | None]
)
_Row = tuple[int, str, str | None, datetime, str | None, str | None]
#: (who, film, kind, UTC day): a client's or a source's events of one film on one day.
_DayKey = tuple[str, int, str, date]


def latest(conn: Connection) -> datetime | None:
    """When the newest event happened; ``None`` when there is none."""
    moment: datetime | None = conn.scalar(select(func.max(events.c.created_at)))
    return moment


def record_many(conn: Connection, batch: Sequence[EventIn], caps: Mapping[str, int] | None = None) -> int:
    """Insert events given by film slug; returns how many were written.

    Events of unknown slugs are skipped. A view or share is skipped when its client already has
    one of the same kind for the same film that UTC day, or when its source already has ``caps``
    of them (in the database, or earlier in the batch). Run it inside a write transaction (the
    store's holds the write lock from its first statement), so two workers flushing at once
    cannot both count the same reader.
    """
    limits = DEFAULT_CAPS if caps is None else caps
    ids = _film_ids(conn, {event[0] for event in batch})
    rows: list[_Row] = sorted(
        (
            (
                ids[event[0]],
                event[1],
                event[2],
                _utc(event[3]),
                event[4] if len(event) > 4 else None,
                event[5] if len(event) > 5 else None,
            )
            for event in batch
            if event[0] in ids
        ),
        key=lambda row: row[3],
    )
    seen, per_source = _today(conn, rows)
    kept = []
    for film, kind, channel, moment, client, source in rows:
        if kind in DEDUPED:
            day = moment.date()
            if client is not None and (client, film, kind, day) in seen:
                continue
            if source is not None and per_source[(source, film, kind, day)] >= limits.get(kind, 1):
                continue
            if client is not None:
                seen.add((client, film, kind, day))
            if source is not None:
                per_source[(source, film, kind, day)] += 1
        kept.append(
            {
                "film_id": film,
                "kind": kind,
                "channel": channel,
                "created_at": moment,
                "client": client,
                "source": source,
            }
        )
    if kept:
        conn.execute(insert(events), kept)
    return len(kept)


def roll_up(conn: Connection, now: datetime) -> int:
    """Fold the events of whole UTC days older than :data:`KEEP_DAYS` into ``event_days`` and
    delete them; returns how many were folded.

    ``DELETE … RETURNING`` takes the rows it folds: a second process rolling up at the same
    moment waits for the first and then finds nothing left, so no day is counted twice.
    """
    cutoff = _day_start(_utc(now)) - timedelta(days=KEEP_DAYS)
    taken = conn.execute(
        delete(events)
        .where(events.c.created_at < cutoff)
        .returning(events.c.film_id, events.c.kind, events.c.created_at)
    ).all()
    days = Counter((film, kind, _utc(moment).date()) for film, kind, moment in taken)
    for (film, kind, day), count in sorted(days.items()):
        key = (event_days.c.film_id == film) & (event_days.c.kind == kind) & (event_days.c.day == day)
        if conn.execute(update(event_days).where(key).values(count=event_days.c.count + count)).rowcount == 0:
            conn.execute(insert(event_days).values(film_id=film, kind=kind, day=day, count=count))
    return len(taken)


def daily_counts(conn: Connection, slug: str, kind: str) -> dict[date, int]:
    """A film's events of ``kind`` per UTC day, rolled-up days and recent ones together."""
    film = film_id(conn, slug)
    if film is None:
        return {}
    found: Counter[date] = Counter()
    query = select(event_days.c.day, event_days.c.count).where(
        event_days.c.film_id == film, event_days.c.kind == kind
    )
    for day, count in conn.execute(query):
        found[day] += int(count)
    recent = select(events.c.created_at).where(events.c.film_id == film, events.c.kind == kind)
    for (moment,) in conn.execute(recent):
        found[_utc(moment).date()] += 1
    return dict(sorted(found.items()))


def _film_ids(conn: Connection, slugs: set[str]) -> dict[str, int]:
    wanted = sorted(slugs)
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(films.c.slug, films.c.id).where(films.c.slug.in_(wanted[start : start + _CHUNK]))
        ids.update({slug: film_id for slug, film_id in conn.execute(query)})
    return ids


def _today(conn: Connection, rows: Sequence[_Row]) -> tuple[set[_DayKey], Counter[_DayKey]]:
    """What the database already holds for the batch's clients and sources on the batch's days:
    the (client, film, kind, day) counted, and the count per (source, film, kind, day). Uses the
    (client, film_id, created_at) and (source, film_id, created_at) indexes."""
    seen: set[_DayKey] = set()
    per_source: Counter[_DayKey] = Counter()
    counted = [row for row in rows if row[1] in DEDUPED]
    if not counted:
        return seen, per_source
    since = _day_start(min(row[3] for row in counted))
    clients = sorted({row[4] for row in counted if row[4] is not None})
    sources = sorted({row[5] for row in counted if row[5] is not None})
    for column, index, wanted in ((events.c.client, 4, clients), (events.c.source, 5, sources)):
        for start in range(0, len(wanted), _CHUNK):
            query = select(column, events.c.film_id, events.c.kind, events.c.created_at).where(
                column.in_(wanted[start : start + _CHUNK]),
                events.c.kind.in_(sorted(DEDUPED)),
                events.c.created_at >= since,
            )
            for who, film, kind, moment in conn.execute(query):
                key = (who, film, kind, _utc(moment).date())
                if index == 4:
                    seen.add(key)
                else:
                    per_source[key] += 1
    return seen, per_source


def _utc(moment: datetime) -> datetime:
    """An aware UTC moment (SQLite hands stored ones back naive, in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day_start(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)
