"""Hostile input read in bounded time: a WordPress export that is an entity bomb (refused at its
DTD, before any expansion) and an article whose summary is one 5 MB line. Timing moved here from
the unit suite (tests/wordpress/test_reading.py asserted a time limit; tests/article/
test_bad_input.py printed one): the tests keep what the reader does, this page what it costs.
References, same run: reading the small classic-editor export, and parsing the seed article.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.common import ROOT, SEED, median_of, timed
from filmguide.article import ArticleError, parse_path
from filmguide.wordpress import read_posts

RUNS = 5
WORDPRESS = ROOT / "tests" / "fixtures" / "wordpress"
FIVE_MB = 5 * 1024 * 1024


def _refused(path: Path) -> None:
    try:
        list(read_posts(path, "wxr"))
    except ArticleError:
        return
    raise AssertionError(f"{path} was read")


def _parsed(path: Path) -> None:
    with contextlib.suppress(ArticleError):  # a clean refusal is an answer too
        parse_path(path)


def _ms(action: Callable[[], object]) -> float:
    median, _ = median_of(RUNS, lambda: timed(action))
    return median * 1000


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, ms, reference, its ms)."""
    with tempfile.TemporaryDirectory() as work:
        line = Path(work) / "one-line.txt"
        line.write_text(
            "Mike Figgis’s Leaving Las Vegas is a film about two lost people.\nDetailed Summary\n"
            + "Ben drinks, and Sera stays, and " * (FIVE_MB // 32),
            encoding="utf-8",
        )
        rows = [
            (
                "refuse an entity bomb (billion-laughs.xml)",
                _ms(lambda: _refused(WORDPRESS / "billion-laughs.xml")),
                "read classic-editor.xml",
                _ms(lambda: list(read_posts(WORDPRESS / "classic-editor.xml", "wxr"))),
            ),
            (
                "parse a 5 MB one-line summary",
                _ms(lambda: _parsed(line)),
                "parse the seed",
                _ms(lambda: _parsed(SEED)),
            ),
        ]
    lines = [
        "## Hostile input (an entity bomb, a 5 MB line)",
        "",
        f"Median of {RUNS} runs each.",
        "",
        "| what | ms | reference | reference ms | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    lines += [f"| {w} | {v:.1f} | {r} | {rv:.1f} | {v / rv:.1f} |" for w, v, r, rv in rows]
    return "\n".join(lines), rows


if __name__ == "__main__":
    print(run()[0])
