"""Parse and import throughput: 1,000 articles (text, HTML, Markdown) into SQLite.

References, measured in the same run on the same articles:
- parsing: markdown-it-py tokenising the same files (a well-kept text parser doing less work:
  no sections, items or facts), so the ratio says what our reader costs over a plain tokeniser;
- importing: the guides' JSON inserted with the bare ``sqlite3`` module, one transaction per
  guide in WAL mode (a floor for any store: no people, credits, references or slugs).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

from bench import before17
from bench.common import make_corpus, median_of, timed
from filmguide import importer
from filmguide.article import parse_path
from filmguide.store import Store

ARTICLES = 1000
RUNS = 3


def _parse_all(paths: list[Path]) -> None:
    for path in paths:
        parse_path(path)


def _tokenise_all(paths: list[Path]) -> None:
    md = MarkdownIt("commonmark")
    for path in paths:
        md.parse(path.read_text(encoding="utf-8"))


def _raw_inserts(documents: list[str], database: Path) -> None:
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE guides (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, document TEXT)")
    for n, document in enumerate(documents):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO guides (slug, document) VALUES (?, ?)", (f"film-{n}", document))
        conn.execute("COMMIT")
    conn.close()


def _import(folder: Path, database: Path, workers: int) -> None:
    store = Store.open(str(database))
    try:
        report = importer.import_paths(store, [folder], workers=workers)
        assert report.imported == ARTICLES and not report.failures, report.summary()
    finally:
        store.close()


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, value, reference, ratio)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = make_corpus(root / "articles", ARTICLES)
        documents = [parse_path(p).model_dump_json() for p in paths]
        counter = iter(range(10_000))

        def fresh_db() -> Path:
            return root / f"db-{next(counter)}.db"

        parse, _ = median_of(RUNS, lambda: ARTICLES / timed(lambda: _parse_all(paths)))
        tokenise, _ = median_of(RUNS, lambda: ARTICLES / timed(lambda: _tokenise_all(paths)))
        one, _ = median_of(RUNS, lambda: ARTICLES / timed(lambda: _import(root / "articles", fresh_db(), 1)))
        default_workers = importer.default_workers()
        parallel, _ = median_of(
            RUNS, lambda: ARTICLES / timed(lambda: _import(root / "articles", fresh_db(), default_workers))
        )
        raw, _ = median_of(RUNS, lambda: ARTICLES / timed(lambda: _raw_inserts(documents, fresh_db())))
        against = before17.compare(root / "articles", root)

    rows: list[tuple[str, float, str, float]] = [
        ("parse (articles/s, one process)", parse, "markdown-it-py tokenise", tokenise),
        ("import into SQLite, 1 process (articles/s)", one, "raw sqlite3 inserts", raw),
        (
            f"import into SQLite, {default_workers} parse workers (articles/s)",
            parallel,
            "raw sqlite3 inserts",
            raw,
        ),
    ]
    counts = {
        suffix: sum(1 for p in paths if suffix == "*" or p.suffix == suffix) for suffix in before17.SUFFIXES
    }
    counts["import"] = counts["import-bare"] = ARTICLES
    names = {"*": "parse, all forms", ".txt": "parse, text", ".html": "parse, HTML", ".md": "parse, Markdown"}
    names["import"] = "import into SQLite, 1 process"
    names["import-bare"] = "import into SQLite, 1 process, without the page analyses (issue 19's)"
    before_rows = [
        (
            f"{names[key]} (articles/s of CPU)",
            counts[key] / now,
            f"the code before issue 17 (`{before17.BEFORE_17}`)",
            counts[key] / then,
        )
        for key, (now, then) in against.items()
    ]
    lines = [
        "## Parse and import (issue: foundation)",
        "",
        f"{ARTICLES:,} articles (the seed and the fixtures, as text, HTML and Markdown, retitled), "
        f"median of {RUNS} runs. Target: at least 500 articles/s imported into SQLite.",
        "",
        "| what | value | reference | reference value | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for what, value, ref, ref_value in rows:
        lines.append(f"| {what} | {value:,.0f} | {ref} | {ref_value:,.0f} | {value / ref_value:.2f} |")
    met = "met" if parallel >= 500 else "NOT met"
    lines += ["", f"Import target of 500 articles/s: **{met}** ({parallel:,.0f}/s)."]
    lines += [
        "",
        "Against the code before issue 17 (real sites' articles: page chrome anywhere, headlines, "
        "article shapes, WordPress), on the same corpus; both codes in child processes taking turns, "
        f"best of {before17.ROUNDS} rounds each in CPU time (bench/before17.py). Target: no fall "
        "(ratio at least 1.00).",
        "",
        "| what | now | before | ratio |",
        "|---|---:|---:|---:|",
    ]
    for what, value, _ref, ref_value in before_rows:
        lines.append(f"| {what} | {value:,.0f} | {ref_value:,.0f} | {value / ref_value:.2f} |")
    return "\n".join(lines), rows + before_rows
