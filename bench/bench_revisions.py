"""What revisions cost the import: throughput with revisions on against the same import with them
off, measured in the same run on the same articles (issue: nothing lost).

Two imports are timed, each into a database that starts the same way:
- a first import of new guides (revisions on: one indexed look-up per new guide, for a deleted
  guide's history at the same slug);
- a re-import of the same articles, each changed by one sentence, so that every guide changes
  (revisions on: the stored document read, compared, refused if it loses much, and kept).

The reference is the same import with :class:`~filmguide.store.guides.WritePolicy` ``revisions``
off (no history, no guard). Runs alternate on and off, so load on the machine falls on both alike.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.common import make_corpus, timed
from filmguide import importer
from filmguide.store import Store
from filmguide.store.guides import WritePolicy

ARTICLES = 1000
RUNS = 3
#: The target: revisions on keep at least this share of the throughput without them.
TARGET = 0.90


def _changed(source: Path, target: Path) -> None:
    """Every article with one sentence more: each guide changes, and loses nothing."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        text = path.read_text(encoding="utf-8")
        (target / path.name).write_text(text.replace(". ", ". It rained that year. ", 1), encoding="utf-8")


def _import(folder: Path, database: Path, *, revisions: bool, expect: str) -> None:
    store = Store.open(str(database))
    try:
        report = importer.import_paths(store, [folder], policy=WritePolicy(revisions=revisions))
        done = report.imported if expect == "imported" else report.updated
        assert done == ARTICLES and not report.failures, report.summary()
    finally:
        store.close()


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, value, reference, ratio)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first = root / "first"
        make_corpus(first, ARTICLES)
        second = root / "second"
        _changed(first, second)
        counter = iter(range(10_000))
        results: dict[tuple[str, bool], list[float]] = {}
        writer: dict[tuple[str, bool], list[float]] = {}

        def measure(kind: str, revisions: bool) -> None:
            database = root / f"db-{next(counter)}.db"
            if kind == "updated":
                _import(first, database, revisions=revisions, expect="imported")
                folder = second
            else:
                folder = first
            cpu = time.process_time()
            rate = ARTICLES / timed(lambda: _import(folder, database, revisions=revisions, expect=kind))
            results.setdefault((kind, revisions), []).append(rate)
            writer.setdefault((kind, revisions), []).append((time.process_time() - cpu) * 1000 / ARTICLES)

        for kind in ("imported", "updated"):
            for _ in range(RUNS):
                measure(kind, True)
                measure(kind, False)
        median = {key: statistics.median(values) for key, values in results.items()}
        cpu_ms = {key: statistics.median(values) for key, values in writer.items()}

    rows = [
        (
            "import of new guides, revisions on (articles/s)",
            median[("imported", True)],
            "revisions off",
            median[("imported", False)],
        ),
        (
            "re-import changing every guide, revisions on (articles/s)",
            median[("updated", True)],
            "revisions off",
            median[("updated", False)],
        ),
    ]
    lines = [
        "## Revisions on the import's path (issue: nothing lost)",
        "",
        f"{ARTICLES:,} articles into SQLite with the default parse workers, median of {RUNS} runs each, "
        "on and off alternating. A re-import changes every guide by one sentence, so each save reads, "
        f"compares and keeps the version it replaces. Target: revisions on keep at least {TARGET:.0%} "
        "of the throughput without them.",
        "",
        "| what | value | reference | reference value | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for what, value, ref, ref_value in rows:
        lines.append(f"| {what} | {value:,.0f} | {ref} | {ref_value:,.0f} | {value / ref_value:.2f} |")
    lines += [
        "",
        "The writer's CPU time per article (this process alone: the parse workers are others), which "
        "the machine's other load disturbs less than the wall clock:",
        "",
        "| import | revisions on (ms) | revisions off (ms) | ratio off/on |",
        "|---|---:|---:|---:|",
    ]
    for kind, label in (("imported", "new guides"), ("updated", "every guide changed")):
        on, off = cpu_ms[(kind, True)], cpu_ms[(kind, False)]
        lines.append(f"| {label} | {on:.2f} | {off:.2f} | {off / on:.2f} |")
    worst = min(value / ref_value for _, value, _, ref_value in rows)
    lines += [
        "",
        f"Target of {TARGET:.0%}: **{'met' if worst >= TARGET else 'NOT met'}** (lowest ratio {worst:.2f}).",
    ]
    return "\n".join(lines), rows
