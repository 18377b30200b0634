"""Views and shares: deduplicated in memory, buffered, and written in batches.

A page view must not wait for the database. Each worker keeps the events it sees and writes them
in one transaction every :data:`FLUSH_SECONDS` (sooner when :data:`FLUSH_SIZE` are waiting), and
on shutdown (the server's graceful shutdown on SIGTERM runs it, so nothing is lost).

Counting is honest twice over:

- in memory, per worker: a client's view of a film counts once per
  :data:`~filmguide.store.events.VIEW_WINDOW` (30 minutes), a share once per UTC day; repeats
  never reach the buffer;
- in the database, at flush time (:func:`filmguide.store.events.record_many`, under the write
  lock): an event is written only if no event of the same client, film and kind is already there
  within the window, so the same reader served by two workers still counts once.

The in-memory maps are bounded: when full, the oldest entries go first (the database check still
catches a repeat whose entry was dropped).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import OrderedDict
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool

from filmguide.store import Store
from filmguide.store.events import VIEW_WINDOW
from filmguide.web.clients import DAY

log = logging.getLogger("filmguide.web")

#: How often buffered events are written.
FLUSH_SECONDS = 1.0
#: From this many buffered events on, the writer is woken at once.
FLUSH_SIZE = 5000
#: At most this many events wait (the database unreachable for long): the oldest are dropped.
MAX_PENDING = 500_000
#: (client, film) pairs remembered for the view window, and for the share day.
SEEN_SIZE = 262_144
#: Tries of the last write at shutdown (each waits up to the database's busy timeout).
SHUTDOWN_TRIES = 3

VIEW_SECONDS = VIEW_WINDOW.total_seconds()

#: A buffered event: (film slug, kind, channel, moment in seconds since the epoch, client).
Pending = tuple[str, str, str | None, float, str | None]
#: An event as the store takes it.
Event = tuple[str, str, str | None, datetime, str | None]


class EventBuffer:
    """Events waiting to be written, and the memory of what this worker already counted."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[Pending] = []
        self._lock = threading.Lock()
        self._views: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._shares: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._woken = False
        self.dropped = 0
        """Events given up because the database did not take them for too long."""
        self.failed = False
        """Whether the last write failed."""
        self._stopping = False

    # --- the hot path ---------------------------------------------------------------------------

    def view(self, slug: str, client: str, now: float) -> bool:
        """Count a client's view of a film unless it viewed it within the window; whether it
        counted. O(1): dict lookups and a list append, under an uncontended lock."""
        key = (client, slug)
        with self._lock:
            seen = self._views.get(key)
            if seen is not None and now - seen < VIEW_SECONDS:
                return False
            if seen is not None:
                self._views.move_to_end(key)  # the map stays in time order, oldest first
            elif len(self._views) >= SEEN_SIZE:
                self._forget_views(now)
            self._views[key] = now
            self._append((slug, "view", None, now, client))
        return True

    def share(self, slug: str, client: str, channel: str, now: float) -> bool:
        """Count a client's share of a film, once per UTC day; whether it counted."""
        key, day = (client, slug), int(now // DAY)
        with self._lock:
            if self._shares.get(key) == day:
                return False
            if key in self._shares:
                self._shares.move_to_end(key)
            elif len(self._shares) >= SEEN_SIZE:
                self._shares.popitem(last=False)
            self._shares[key] = day
            self._append((slug, "share", channel, now, client))
        return True

    def add(self, slug: str, kind: str, channel: str | None = None, *, now: float | None = None) -> None:
        """Buffer an event with no client: always written (tests, tools)."""
        moment = datetime.now(UTC).timestamp() if now is None else now
        with self._lock:
            self._append((slug, kind, channel, moment, None))

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

    def _forget_views(self, now: float) -> None:
        """Drop the oldest view, and up to 1,023 more that are past the window (the map is in time
        order): a bounded number per call, so the cost stays O(1)."""
        views = self._views
        views.popitem(last=False)
        for _ in range(1023):
            if not views:
                return
            key, seen = views.popitem(last=False)
            if now - seen < VIEW_SECONDS:
                views[key] = seen
                views.move_to_end(key, last=False)
                return

    # --- writing ---------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """How many events wait to be written."""
        return len(self._pending)

    def flush(self) -> int:
        """Write what is pending, in one transaction; returns how many were written (repeats
        found in the database are not). On failure the batch waits for the next flush."""
        with self._lock:
            batch, self._pending = self._pending, []
            self._woken = False
        if not batch:
            return 0
        events: list[Event] = [
            (slug, kind, channel, datetime.fromtimestamp(moment, UTC), client)
            for slug, kind, channel, moment, client in batch
        ]
        try:
            written = self.store.record_events(events)
        except Exception:
            log.exception("could not write %d events; keeping them for the next flush", len(batch))
            with self._lock:
                self._pending[:0] = batch
            self.failed = True
            return 0
        self.failed = False
        return written

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
