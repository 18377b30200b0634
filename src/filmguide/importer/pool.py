"""The parse workers of a large import: forked processes that parse while the one writer saves.

Both imports (article files, and a WordPress export's posts) hand the workers chunks of work and
take the results back in order, with only a few chunks in flight, so memory stays flat however
large the import.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from filmguide.processes import die_with_parent

T = TypeVar("T")
R = TypeVar("R")

#: How much lower the parse workers' priority is (nice(2)).
PARSE_NICENESS = 10
#: The collector's first threshold during an import (Python's default is 700); see fewer_collections.
IMPORT_GC_THRESHOLD = 20_000
#: Chunks handed to the workers at a time, per worker: enough to keep them busy while the writer
#: saves, few enough that memory stays flat.
IN_FLIGHT_PER_WORKER = 3

#: The importing process, as its parse workers must find it (set before they are forked).
_import_pid = os.getpid()


def default_workers() -> int:
    """Parse workers for a large import: one per core, up to four (the writer is the limit)."""
    return min(os.cpu_count() or 1, 4)


def can_fork() -> bool:
    """Whether workers can be forked here (they cannot on Windows, nor with threads started)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _yield_cpu() -> None:
    """Parse workers run at a lower priority: an import beside a serving site must not take the
    cores from the pages (the writer, at normal priority, still drains their work). They die
    with the import (SIGKILL included): see :func:`filmguide.processes.die_with_parent`."""
    die_with_parent(_import_pid)
    os.nice(PARSE_NICENESS)


def _warm() -> None:
    """Nothing: submitted once so the pool forks its workers now (see :func:`parse_pool`)."""


@contextmanager
def parse_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """``workers`` parse workers, all forked now: before any other thread (the progress bar's)
    starts. Forked workers are cheap, and they never touch the parent's database connections
    (they leave with ``os._exit``)."""
    global _import_pid
    _import_pid = os.getpid()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_yield_cpu
    ) as pool:
        pool.submit(_warm).result()  # a fork context starts every worker on the first submit
        yield pool


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter): the chunks handed to the parse
    workers, and the saves the writer makes in one transaction (each list taken whole before it
    is handed on, so the transaction never waits for the workers).

    An error met while the next list is gathered (a fault further on in an export, a worker
    lost) first hands on what was gathered before it: the posts read before a fault are saved,
    as the import one item at a time had saved them."""
    batch: list[T] = []
    try:
        for item in items:
            batch.append(item)
            if len(batch) == size:
                yield batch
                batch = []
    except Exception:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def in_order(
    pool: Executor,
    work: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    chunk: int,
    workers: int,
) -> Iterator[R]:
    """``work`` over ``items`` a chunk at a time in the pool, the results in order; at most
    ``workers * IN_FLIGHT_PER_WORKER`` chunks are in flight. An error met in ``items`` (a fault
    further on in an export) comes after the results of the chunks handed out before it."""
    pending: deque[Future[list[R]]] = deque()
    try:
        for part in batched(items, chunk):
            pending.append(pool.submit(work, part))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
    except Exception:
        while pending:
            yield from pending.popleft().result()
        raise
    while pending:
        yield from pending.popleft().result()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run a large import with the cyclic collector mostly out of the way, here and in the parse
    workers (they inherit the setting when forked).

    An import makes a great many short-lived objects (tokens, blocks, models) and almost no cycles,
    yet at Python's default the collector ran every 700 allocations, and each older-generation
    pass walked everything alive before the import too. Those objects are frozen out of the
    collector's sight for the import, and young ones are collected less often.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(IMPORT_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
