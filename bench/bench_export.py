"""Static export throughput: ``filmguide export`` of the whole site (the open catalog's 3,200 films,
the demo guides, people, browse pages) from SQLite, in HTML pages per second.

Measured twice: into tmpfs (memory: the exporter's own speed) and into the disk's temporary
folder (the exporter and the disk). References, in the same run on the same machine: the export's
own files (the same bytes, the same folders) copied into a new folder by ``shutil.copytree``, so
the ratio says how far rendering is from only writing the bytes; and, on the disk, the same
folders and files created empty, the pace of the file system alone (on a slow virtual disk it is
below the target before a byte is written); and Hugo building the same pages (bench/hugo_reference.py),
since the target was set against Hugo. All are counted in HTML pages (each page also has its
JSON twin, and both runs write those too). The incremental re-run renders every page again and
compares it with the file on disk, writing none.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import hugo_reference
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


#: Where the export is measured: in memory (tmpfs: the exporter's own speed) and on the disk that
#: holds the temporary folder (the exporter and the disk together).
MEMORY = Path("/dev/shm")


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, value, reference, ratio)."""
    workers = export.default_workers()
    rows: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = _database(Path(tmp))
        places = [("in memory (tmpfs)", MEMORY)] if MEMORY.is_dir() else []
        places.append(("on disk", Path(tempfile.gettempdir())))
        for place, parent in places:
            with tempfile.TemporaryDirectory(dir=parent) as folder:
                rows += _measure(url, Path(folder), workers, place)
    memory = next(
        (value for what, value, *_ in rows if what.startswith(f"full export, {workers} workers, in memory")),
        None,
    )
    disk = next(
        value for what, value, *_ in rows if what.startswith(f"full export, {workers} workers, on disk")
    )
    empty = next(ref for what, _, name, ref in rows if "on disk" in what and name == EMPTY_NAME)
    hugo = {
        place: ref
        for what, _, name, ref in rows
        for place in ("in memory", "on disk")
        if name == HUGO_NAME and place in what
    }
    lines = [
        "## Static export (issue 5)",
        "",
        f"`filmguide export` of the whole site from SQLite: {PAGES[0]:,} HTML pages (the catalog's films, "
        "the demo guides and their spoiler-free versions, people, browse pages, home, search, 404), "
        f"each with its JSON twin, plus feeds, search index and assets; median of {RUNS} runs into a new "
        "folder, in memory (tmpfs, the exporter's own speed) and on the disk. References, taking turns "
        "with the export run by run: the export's own files copied by `shutil.copytree` (bare I/O); "
        "Hugo (Debian's) building the same pages, each page's `<main>` as its content inside the rest of "
        "the same page as its layout, with a JSON twin each (the target was set as about twice Hugo's "
        "pace); and, on the disk, the same folders and files created empty (what the file system alone "
        f"allows). Target: at least {TARGET:,} pages/s with the default workers (one per core).",
        "",
        "| what | value | reference | reference value | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for what, value, ref, ref_value in rows:
        lines.append(f"| {what} | {value:,.0f} | {ref} | {ref_value:,.0f} | {value / ref_value:.2f} |")
    verdict = "NOT met" if memory is None or memory < TARGET else "met in memory"
    hugo_note = ""
    if hugo:
        rates = ", ".join(f"{rate:,.0f}/s {place}" for place, rate in hugo.items())
        hugo_note = f"; Hugo, same pages: {rates}"
    lines += [
        "",
        f"Export target of {TARGET:,} pages/s: **{verdict}** "
        f"({'n/a' if memory is None else f'{memory:,.0f}/s'} in memory with {workers} workers; "
        f"{disk:,.0f}/s on disk, where creating the same files empty runs at {empty:,.0f}/s{hugo_note}).",
    ]
    return "\n".join(lines), rows


#: The number of HTML pages of an export (set by the first one).
PAGES: list[int] = []


def _measure(url: str, root: Path, workers: int, place: str) -> list[tuple[str, float, str, float]]:
    """The full exports, the re-run and the references, all in ``root``."""
    counter = iter(range(1_000))
    warm = root / "warm"
    pages = _export(url, warm, workers).pages  # also the references' files
    PAGES[:] = PAGES or [pages]
    files = sorted(str(p.relative_to(warm)) for p in warm.rglob("*") if p.is_file())

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
        report = _export(url, warm, workers)
        assert report.written == 0, report.summary()
        return pages / (time.perf_counter() - started)

    def into_fresh(write: Callable[[Path], object]) -> float:
        """A reference's pace: ``write`` into a new folder, in pages per second."""
        target = fresh()
        rate = pages / timed(lambda: write(target))
        shutil.rmtree(target)
        return rate

    references: dict[str, Callable[[], float]] = {
        COPY_NAME: lambda: into_fresh(lambda target: shutil.copytree(warm, target))
    }
    if hugo_reference.available():
        site = root / "hugo-site"
        hugo_reference.make_site(warm, site)
        references[HUGO_NAME] = lambda: into_fresh(lambda target: _hugo_build(site, target, pages))
    if place == "on disk":
        references[EMPTY_NAME] = lambda: into_fresh(lambda target: _touch_all(target, files))
    one = median_of(RUNS, lambda: full(1))[0] if place != "on disk" else None
    # The export and its references take turns, run by run: this disk's pace drifts within minutes,
    # and a reference measured before or after every export would be measured on another disk.
    exports: list[float] = []
    paces: dict[str, list[float]] = {name: [] for name in references}
    for _ in range(RUNS):
        exports.append(full(workers))
        for name, measure in references.items():
            paces[name].append(measure())
    parallel = statistics.median(exports)
    reference = {name: statistics.median(values) for name, values in paces.items()}
    copy_rate = reference[COPY_NAME]
    rows = []
    if one is not None:
        rows.append((f"full export, 1 process, {place} (pages/s)", one, COPY_NAME, copy_rate))
    what = f"full export, {workers} workers, {place} (pages/s)"
    rows += [(what, parallel, name, rate) for name, rate in reference.items()]
    incremental, _ = median_of(RUNS, again)
    rows.append(
        (f"re-run, nothing changed, {workers} workers, {place} (pages/s)", incremental, COPY_NAME, copy_rate)
    )
    return rows


COPY_NAME = "shutil.copytree of the same files"
HUGO_NAME = "Hugo building the same pages"
EMPTY_NAME = "empty files, same folders"


def _hugo_build(site: Path, target: Path, pages: int) -> None:
    """Hugo building the export's pages (:mod:`bench.hugo_reference`), all of them."""
    built = hugo_reference.build(site, target)
    assert built >= pages, f"Hugo built {built} pages, not {pages}"


def _touch_all(target: Path, files: list[str]) -> None:
    """The export's folders and files, every file empty: the file system's own pace."""
    for relative in files:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()


if __name__ == "__main__":  # python -m bench.bench_export, from the repository's root
    print(run()[0])
