"""Running the export's jobs: rendered here for a small site or one worker, else by forked worker
processes (as :mod:`filmguide.importer` parses), each writing its own files. The workers inherit
the :class:`~filmguide.export.jobs.Exporter` (and its snapshot of the data) through the fork."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.console import Console

from filmguide.export.files import write_if_changed
from filmguide.export.jobs import Exporter, Job
from filmguide.progress import progress_bar

#: Below this many jobs, rendering here beats forking workers.
PARALLEL_FROM = 64
#: Jobs handed to a worker at a time.
CHUNK = 24


@dataclass
class Done:
    """What the jobs gave: every file's path, the paths written, and the HTML pages."""

    paths: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    pages: int = 0


def default_workers() -> int:
    """One render worker per core."""
    return os.cpu_count() or 1


def run_jobs(exporter: Exporter, jobs: list[Job], workers: int, *, progress: bool) -> Done:
    """Render and write every job (one of each kind first, here: see :func:`_warm`)."""
    global _CURRENT
    _warm(exporter, jobs)
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    done = Done()
    _CURRENT = exporter
    try:
        with _chunks_done(chunks, workers) as results, _progress(progress, len(jobs)) as advance:
            for chunk, (paths, written, html_pages) in zip(chunks, results, strict=True):
                done.paths += paths
                done.written += written
                done.pages += html_pages
                advance(len(chunk))
    finally:
        _CURRENT = None
    return done


def _warm(exporter: Exporter, jobs: list[Job]) -> None:
    """Render one job of each kind here, so the templates are compiled once, before the
    workers fork, rather than once in each worker."""
    seen: set[str] = set()
    for kind, name in jobs:
        if kind not in seen:
            seen.add(kind)
            exporter.render((kind, name))


#: The exporter of this process: set before the workers fork, so they inherit it.
_CURRENT: Exporter | None = None


def _worker_start() -> None:
    """In a new worker: leave the parent's database connections alone, open its own when needed."""
    if _CURRENT is not None:
        _CURRENT.snapshot.engine.dispose(close=False)


def _run_chunk(chunk: list[Job]) -> tuple[list[str], list[str], int]:
    """Render and write a few jobs: (every file's path, the paths written, HTML pages)."""
    assert _CURRENT is not None
    paths: list[str] = []
    written: list[str] = []
    html_pages = 0
    for job in chunk:
        for relative, body in _CURRENT.render(job):
            paths.append(relative)
            html_pages += relative.endswith(".html")
            if write_if_changed(_CURRENT.root, relative, body):
                written.append(relative)
    return paths, written, html_pages


@contextmanager
def _chunks_done(
    chunks: list[list[Job]], workers: int
) -> Iterator[Iterable[tuple[list[str], list[str], int]]]:
    """Each chunk's result, in order: from forked workers, or here for a small site or one worker."""
    if (
        workers <= 1
        or len(chunks) * CHUNK < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield (_run_chunk(chunk) for chunk in chunks)
        return
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the snapshot stays out of the workers' collections: fewer copied pages after fork
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start) as pool:
            yield pool.map(_run_chunk, chunks)
    finally:
        gc.unfreeze()


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    console = Console(stderr=True)
    with progress_bar("exporting", console, enabled=show and console.is_terminal) as bar:
        task = bar.add_task("export", total=total)
        yield lambda n: bar.advance(task, n)
