"""Similar-film lists brought up to date after guides are written over the API.

:func:`filmguide.importer.refresh_similar` ranks every film against every other: about 2.5 s of
CPU with the packaged catalog (3,200 films) on the reference machine, far too slow to run inside
a request. A write therefore answers at once and asks this refresher for a run; runs happen in
one background thread, one at a time, after a short quiet spell (:data:`DEBOUNCE_SECONDS`), so a
burst of fifty writes costs one or two runs, not fifty. Until the run ends, pages show the lists
computed before the write (a new film has none yet); the run saves the lists in one transaction,
which moves the data version, so cached pages are rendered afresh.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("filmguide.web")

#: Seconds without a new write before a run starts.
DEBOUNCE_SECONDS = 1.0


class SimilarRefresher:
    """Runs ``refresh`` in a background thread after writes, coalescing bursts."""

    def __init__(self, refresh: Callable[[], object], *, debounce: float = DEBOUNCE_SECONDS) -> None:
        self._refresh = refresh
        self.debounce = debounce
        self._lock = threading.Condition()
        self._wanted_at: float | None = None  # monotonic time of the latest request not yet run
        self._running = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self.runs = 0
        """Completed runs (for tests and logs)."""

    def schedule(self) -> None:
        """Ask for a run after the quiet spell; returns at once."""
        with self._lock:
            if self._closed:
                return
            self._wanted_at = time.monotonic()
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="similar-refresh", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until no run is pending or running; whether that happened within ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._wanted_at is not None or self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self, timeout: float = 60.0) -> None:
        """Run what is pending now (no waiting for quiet), then stop the thread."""
        with self._lock:
            self._closed = True
            self.debounce = 0.0
            self._lock.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _loop(self) -> None:
        while True:
            with self._lock:
                while self._wanted_at is None and not self._closed:
                    self._lock.wait()
                if self._wanted_at is None:  # closed, nothing pending
                    return
                quiet = self._wanted_at + self.debounce - time.monotonic()
                if quiet > 0:
                    self._lock.wait(quiet)
                    continue  # a newer write may have moved the time
                self._wanted_at = None
                self._running = True
            try:
                started = time.perf_counter()
                self._refresh()
                log.info("similar films refreshed in %.2f s", time.perf_counter() - started)
            except Exception:
                log.exception("could not refresh the similar films; the next write tries again")
            finally:
                with self._lock:
                    self._running = False
                    self.runs += 1
                    self._lock.notify_all()
