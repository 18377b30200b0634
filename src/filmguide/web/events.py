"""Views and shares: deduplicated in memory, buffered, written in batches; and the rankings.

A view is counted by the page's beacon (``POST /films/{slug}/view``), never by the page's GET, so
a cache in front (nginx, a CDN) can keep the page. The beacon must not wait for the database: each
worker keeps the events it sees and writes them in one transaction every :data:`FLUSH_SECONDS`
(sooner when :data:`FLUSH_SIZE` are waiting), and on shutdown (the server's graceful shutdown on
SIGTERM runs it, so nothing is lost).

Counting is honest twice over, with the same two rules, per film and UTC day:

- a *client* (a reader: address and user agent, hashed) counts one view and one share;
- a *source* (the address alone, an IPv6 address by its /64, hashed) counts at most
  ``views_per_address`` views and ``shares_per_address`` shares (:class:`~filmguide.config.Settings`),
  so one address sending a new user agent with every request moves a film by that cap, no more.

Both are checked in memory, per worker (repeats never reach the buffer), and again in the
database at flush time (:func:`filmguide.store.events.record_many`, under the write lock), so the
same reader served by two workers or two instances still counts once. The in-memory maps are
bounded: when full, the oldest entries go first (the database check still catches a repeat whose
entry was dropped). Once an hour a worker folds events older than the longest window into daily
counts (:func:`filmguide.store.events.roll_up`).

Trending and most shared are read from the database at most once every ``ranking_seconds`` per
worker and served from memory in between (:class:`Rankings`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool

from filmguide.config import Settings
from filmguide.store import Store
from filmguide.store.events import Count
from filmguide.web.clients import DAY

log = logging.getLogger("filmguide.web")

#: How often buffered events are written.
FLUSH_SECONDS = 1.0
#: From this many buffered events on, the writer is woken at once.
FLUSH_SIZE = 5000
#: At most this many events wait (the database unreachable for long): the oldest are dropped.
MAX_PENDING = 500_000
#: (client, film, kind) and (source, film, kind) entries remembered for the day, each map. An
#: entry is a tuple of two 32-character hashes or one and a slug, with a day and a count: about
#: 300 bytes, so a full map holds about 40 MB.
SEEN_SIZE = 131_072
#: Tries of the last write at shutdown (each waits up to the database's busy timeout).
SHUTDOWN_TRIES = 3
#: How often a worker folds old events into daily counts.
ROLL_UP_SECONDS = 3600.0
#: Films kept per ranking (the home page shows 5, ``/trending.json`` 20).
RANKING_SIZE = 20

#: A buffered event: (film slug, kind, channel, moment in seconds since the epoch, client, source).
Pending = tuple[str, str, str | None, float, str | None, str | None]
#: An event as the store takes it.
Event = tuple[str, str, str | None, datetime, str | None, str | None]


class EventBuffer:
    """Events waiting to be written, and the memory of what this worker already counted."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        settings = settings or Settings()
        self.caps = {"view": settings.views_per_address, "share": settings.shares_per_address}
        self._pending: list[Pending] = []
        self._lock = threading.Lock()
        self._writing = threading.Lock()
        """Held by a flush while it writes: a flush waits for one in progress (see :meth:`flush`)."""
        # (client, slug, kind) → the UTC day it was counted on.
        self._readers: OrderedDict[tuple[str, str, str], int] = OrderedDict()
        # (source, slug, kind) → (UTC day, events counted that day).
        self._sources: OrderedDict[tuple[str, str, str], tuple[int, int]] = OrderedDict()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._woken = False
        self._rolled_at = 0.0
        self.dropped = 0
        """Events given up because the database did not take them for too long."""
        self.failed = False
        """Whether the last write failed."""
        self._stopping = False

    # --- the hot path ---------------------------------------------------------------------------

    def view(self, slug: str, client: str, source: str, now: float) -> bool:
        """Count a reader's view of a film, unless the reader's view of it today is counted or
        its address has reached the day's cap; whether it counted. O(1), under a short lock."""
        return self._count(slug, "view", None, client, source, now)

    def share(self, slug: str, client: str, source: str, channel: str, now: float) -> bool:
        """Count a reader's share of a film, on the same terms as a view; whether it counted."""
        return self._count(slug, "share", channel, client, source, now)

    def _count(self, slug: str, kind: str, channel: str | None, client: str, source: str, now: float) -> bool:
        day = int(now // DAY)
        reader, place = (client, slug, kind), (source, slug, kind)
        with self._lock:
            if self._readers.get(reader) == day:
                return False
            seen_day, seen = self._sources.get(place, (day, 0))
            count = seen if seen_day == day else 0
            if count >= self.caps[kind]:
                return False
            _remember(self._readers, reader, day)
            _remember(self._sources, place, (day, count + 1))
            self._append((slug, kind, channel, now, client, source))
        return True

    def add(self, slug: str, kind: str, channel: str | None = None, *, now: float | None = None) -> None:
        """Buffer an event with no client: always written (tests, tools)."""
        moment = datetime.now(UTC).timestamp() if now is None else now
        with self._lock:
            self._append((slug, kind, channel, moment, None, None))

    def _append(self, event: Pending) -> None:
        pending = self._pending
        pending.append(event)
        if len(pending) < FLUSH_SIZE:
            return
        if len(pending) > MAX_PENDING:
            drop = len(pending) - MAX_PENDING // 2
            del pending[:drop]
            self.dropped += drop
            log.error("%d events dropped: the database has not taken them", drop)
        if not self._woken and self._loop is not None and self._wake is not None:
            self._woken = True
            self._loop.call_soon_threadsafe(self._wake.set)

    # --- writing ---------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """How many events wait to be written."""
        return len(self._pending)

    def flush(self) -> int:
        """Write what is pending, in one transaction; returns how many were written (repeats
        found in the database are not). On failure the batch waits for the next flush.

        One flush writes at a time, and a flush waits for one in progress: once it returns,
        every event buffered before it is written (or waiting again after a failure). A flush
        that found the buffer empty while the interval's flush was still writing had returned
        before those events were in the database."""
        with self._writing:
            return self._flush()

    def _flush(self) -> int:
        with self._lock:
            batch, self._pending = self._pending, []
            self._woken = False
        if not batch:
            return 0
        events: list[Event] = [
            (slug, kind, channel, datetime.fromtimestamp(moment, UTC), client, source)
            for slug, kind, channel, moment, client, source in batch
        ]
        try:
            written = self.store.record_events(events, self.caps)
        except Exception:
            log.exception("could not write %d events; keeping them for the next flush", len(batch))
            with self._lock:
                self._pending[:0] = batch
            self.failed = True
            return 0
        self.failed = False
        return written

    def roll_up(self, now: float | None = None) -> int:
        """Fold old events into daily counts, at most once per :data:`ROLL_UP_SECONDS`; how many
        were folded (a failure is logged and tried again an interval later)."""
        moment = time.time() if now is None else now
        if moment - self._rolled_at < ROLL_UP_SECONDS:
            return 0
        self._rolled_at = moment
        try:
            return self.store.roll_up_events(datetime.fromtimestamp(moment, UTC))
        except Exception:
            log.exception("could not fold old events into daily counts; trying again later")
            return 0

    async def run(self) -> None:
        """Flush on an interval, or when the buffer fills, until cancelled; after a failed write,
        wait the full interval before the next try."""
        wake = self._wake
        assert wake is not None
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), FLUSH_SECONDS)
            if self._stopping:
                return
            wake.clear()
            await run_in_threadpool(self.flush)
            await run_in_threadpool(self.roll_up)
            if self.failed:
                await asyncio.sleep(FLUSH_SECONDS)

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._stopping = False
        self._task = self._loop.create_task(self.run())

    async def stop(self) -> None:
        """Stop the interval and write what is left (graceful shutdown loses nothing).

        The interval task is asked to end rather than cancelled: a cancelled task would leave a
        write running in its thread, racing the last one and the store's closing.
        """
        if self._task is not None and self._wake is not None:
            self._stopping = True
            self._wake.set()
            await self._task
            self._task = None
        self._loop = self._wake = None
        for _ in range(SHUTDOWN_TRIES):
            await run_in_threadpool(self.flush)
            if not self._pending:
                return
        log.error("%d events could not be written at shutdown", len(self._pending))


def _remember(entries: OrderedDict[tuple[str, str, str], Any], key: tuple[str, str, str], value: Any) -> None:
    """Set ``key`` as the newest entry, dropping the oldest when the map is full."""
    if key in entries:
        entries.move_to_end(key)
    elif len(entries) >= SEEN_SIZE:
        entries.popitem(last=False)
    entries[key] = value


class Rankings:
    """Trending (views) and most shared (shares), read at most once per ``seconds`` and served
    from memory in between: a page of rankings costs a dict lookup, whatever the traffic.

    One reader at a time refreshes a stale list; the others are served the previous one meanwhile.
    """

    def __init__(self, store: Store, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.seconds = seconds
        self.clock = clock
        self._lists: dict[str, tuple[float, list[Count]]] = {}
        self._lock = threading.Lock()
        self.reads = 0
        """Times the database was asked (for tests and logs)."""

    def top(self, kind: str, limit: int) -> list[Count]:
        """The first ``limit`` films by ``kind`` (``"view"`` or ``"share"``) over the window."""
        now = self.clock()
        found = self._lists.get(kind)
        if found is not None and now - found[0] < self.seconds:
            return found[1][:limit]
        if found is not None and not self._lock.acquire(blocking=False):
            return found[1][:limit]  # another thread is reading it now
        if found is None:
            self._lock.acquire()
        try:
            current = self._lists.get(kind)
            if current is None or self.clock() - current[0] >= self.seconds:
                self.reads += 1
                current = (self.clock(), self.store.top_films(kind, limit=RANKING_SIZE))
                self._lists[kind] = current
            return current[1][:limit]
        finally:
            self._lock.release()

    def forget(self) -> None:
        """Read the lists afresh next time (tests; a worker's own flush does not need it)."""
        self._lists.clear()
