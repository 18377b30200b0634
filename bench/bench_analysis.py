"""The analyses a film page shows: fact checks, themes and content notes, spoilers, per guide.

Timing moved here from the unit suite, where a per-check time limit failed on a loaded machine
while telling nothing about the code. Reference, same run, same articles: reading the article
(``parse_path``), the step every guide has already paid for when it is analysed.
"""

from __future__ import annotations

from collections.abc import Callable

from bench.bench_recommend import demo_paths
from bench.common import SEED, median_of, timed
from filmguide.article import parse_path
from filmguide.catalog import CatalogFilm, load_catalog
from filmguide.factcheck import check_guide
from filmguide.model import Guide
from filmguide.spoilers import find_spoilers
from filmguide.text import fold
from filmguide.themes import analyse

RUNS = 5
ROUNDS = 20


def _corpus() -> list[tuple[object, Guide, CatalogFilm | None]]:
    catalog = {fold(f.title): f for f in load_catalog()}
    paths = [*demo_paths(), *([SEED] if SEED.exists() else [])]
    return [(path, guide := parse_path(path), catalog.get(fold(guide.title))) for path in paths]


def _per_guide(corpus: list[tuple[object, Guide, CatalogFilm | None]], step: Callable[..., object]) -> float:
    """Median seconds per guide for ``step`` over the corpus."""

    def once() -> float:
        return timed(lambda: [step(path, guide, film) for _ in range(ROUNDS) for path, guide, film in corpus])

    median, _ = median_of(RUNS, once)
    return median / (ROUNDS * len(corpus))


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, ms per guide, reference, its ms)."""
    corpus = _corpus()
    reference = _per_guide(corpus, lambda path, guide, film: parse_path(path))
    steps: list[tuple[str, Callable[..., object]]] = [
        ("fact checks (check_guide)", lambda path, guide, film: check_guide(guide, film)),
        ("themes and content notes (analyse)", lambda path, guide, film: analyse(guide)),
        ("spoilers (find_spoilers)", lambda path, guide, film: find_spoilers(guide)),
    ]
    rows = [
        (what, _per_guide(corpus, step) * 1000, "parse the article", reference * 1000) for what, step in steps
    ]
    lines = [
        "## Analyses per guide (fact checks, themes, spoilers)",
        "",
        f"{len(corpus)} articles (the demo guides and the seed), {ROUNDS} rounds, median of {RUNS} runs.",
        "",
        "| what | ms per guide | reference | reference ms | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    lines += [f"| {w} | {v:.2f} | {r} | {rv:.2f} | {v / rv:.2f} |" for w, v, r, rv in rows]
    return "\n".join(lines), rows


if __name__ == "__main__":
    print(run()[0])
