"""Views and shares, buffered in memory and written in batches.

A page view must not wait for a database write: each worker keeps the events it sees and writes
them in one transaction every :data:`FLUSH_SECONDS`, and on shutdown. Every event is written by
the one worker that saw it, so across workers each is counted exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool

from filmguide.store import Store

log = logging.getLogger("filmguide.web")

#: How often buffered events are written.
FLUSH_SECONDS = 1.0
#: A buffer this large is written at once, whatever the clock says.
FLUSH_SIZE = 5000

Event = tuple[str, str, str | None, datetime]


class EventBuffer:
    """Events waiting to be written: (film slug, kind, channel, moment)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[Event] = []
        self._lock = threading.Lock()
        self._task: asyncio.Task[None] | None = None

    def add(self, slug: str, kind: str, channel: str | None = None) -> None:
        with self._lock:
            self._pending.append((slug, kind, channel, datetime.now(UTC)))
            full = len(self._pending) >= FLUSH_SIZE
        if full:
            self.flush()

    def flush(self) -> int:
        """Write what is pending, in one transaction; returns how many were written."""
        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return 0
        try:
            return self.store.record_events(batch)
        except Exception:
            log.exception("could not write %d events; keeping them for the next flush", len(batch))
            with self._lock:
                self._pending[:0] = batch
            return 0

    async def run(self) -> None:
        """Flush on an interval until cancelled."""
        while True:
            await asyncio.sleep(FLUSH_SECONDS)
            await run_in_threadpool(self.flush)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run())

    async def stop(self) -> None:
        """Stop the interval and write what is left (graceful shutdown loses nothing)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await run_in_threadpool(self.flush)
