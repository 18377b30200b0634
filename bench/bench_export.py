"""Static export throughput: ``filmguide export`` of the whole site (the open catalog's 3,200 films,
the demo guides, people, browse pages) from SQLite, in HTML pages per second.

Reference, measured in the same run on the same machine: the export's own files (the same bytes,
the same folders) copied into a new folder by ``shutil.copytree``, so the ratio says how far
rendering is from only writing the bytes. Both are counted in HTML pages (each page also has its
JSON twin, and both runs write those too). The incremental re-run renders every page again and
compares it with the file on disk, writing none.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.common import median_of, timed
from filmguide import export, importer
from filmguide.store import Store

RUNS = 3
TARGET = 1_000


def _database(folder: Path) -> str:
    """A new SQLite database as ``filmguide serve`` makes one: the catalog, the demo guides and
    the similar lists."""
    url = f"sqlite:///{folder / 'site.db'}"
    store = Store.open(url)
    try:
        importer.bootstrap(store, similar=False)
        importer.import_paths(store, [importer.DEMO_DIR])
        importer.refresh_similar(store)
    finally:
        store.close()
    return url


def _export(url: str, target: Path, workers: int) -> export.ExportReport:
    store = Store.open(url)
    try:
        return export.export_site(store, target, workers=workers)
    finally:
        store.close()


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, value, reference, ratio)."""
    workers = export.default_workers()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = _database(root)
        counter = iter(range(1_000))
        pages = _export(url, root / "warm", workers).pages  # also the reference's files

        def fresh() -> Path:
            return root / f"out-{next(counter)}"

        def full(n: int) -> float:
            target = fresh()
            started = time.perf_counter()
            report = _export(url, target, n)
            elapsed = time.perf_counter() - started
            assert report.written == report.files and report.pages == pages, report.summary()
            shutil.rmtree(target)
            return pages / elapsed

        def again() -> float:
            started = time.perf_counter()
            report = _export(url, root / "warm", workers)
            assert report.written == 0, report.summary()
            return pages / (time.perf_counter() - started)

        def copy() -> float:
            target = fresh()
            rate = pages / timed(lambda: shutil.copytree(root / "warm", target))
            shutil.rmtree(target)
            return rate

        one, _ = median_of(RUNS, lambda: full(1))
        parallel, _ = median_of(RUNS, lambda: full(workers))
        incremental, _ = median_of(RUNS, again)
        reference, _ = median_of(RUNS, copy)

    rows = [
        ("full export, 1 process (pages/s)", one, "shutil.copytree of the same files", reference),
        (
            f"full export, {workers} workers (pages/s)",
            parallel,
            "shutil.copytree of the same files",
            reference,
        ),
        (
            f"incremental re-run, nothing changed, {workers} workers (pages/s)",
            incremental,
            "shutil.copytree of the same files",
            reference,
        ),
    ]
    lines = [
        "## Static export (issue 5)",
        "",
        f"`filmguide export` of the whole site from SQLite: {pages:,} HTML pages (the catalog's films, "
        "the demo guides and their spoiler-free versions, people, browse pages, home, search, 404), "
        f"each with its JSON twin, plus feeds, search index and assets; median of {RUNS} runs into a new "
        "folder. Reference: the export's own files copied by `shutil.copytree` (bare I/O). "
        f"Target: at least {TARGET:,} pages/s with the default workers (one per core).",
        "",
        "| what | value | reference | reference value | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for what, value, ref, ref_value in rows:
        lines.append(f"| {what} | {value:,.0f} | {ref} | {ref_value:,.0f} | {value / ref_value:.2f} |")
    met = "met" if parallel >= TARGET else "NOT met"
    lines += [
        "",
        f"Export target of {TARGET:,} pages/s: **{met}** ({parallel:,.0f}/s with {workers} workers).",
    ]
    return "\n".join(lines), rows


if __name__ == "__main__":  # python -m bench.bench_export, from the repository's root
    print(run()[0])
