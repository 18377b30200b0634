"""Run every benchmark and rewrite docs/benchmarks.md (``make bench``)."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (
    bench_analysis,
    bench_before19,
    bench_cards,
    bench_cli,
    bench_export,
    bench_import,
    bench_limits,
    bench_load,
    bench_proxy,
    bench_recommend,
    bench_refusals,
    bench_revisions,
    bench_search,
    bench_search_http,
    bench_web,
    bench_wordpress,
)
from bench.common import ROOT, machine

BENCHMARKS = [
    bench_import,
    bench_web,
    bench_analysis,
    bench_recommend,
    bench_export,
    bench_search,
    bench_load,
    bench_cards,
    bench_limits,
    bench_proxy,
    bench_revisions,
    bench_search_http,
    bench_wordpress,
    bench_refusals,
    bench_cli,
    bench_before19,
]


def main() -> None:
    sections = []
    for module in BENCHMARKS:
        started = time.perf_counter()
        markdown, _ = module.run()
        sections.append(markdown)
        print(f"{module.__name__}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python bench/run.py`); do not edit by hand. Each figure stands beside "
        "a reference measured in the same run on the same machine, and the ratio is what to compare "
        "across machines.",
        "",
        f"- Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
    ]
    (ROOT / "docs" / "benchmarks.md").write_text(
        "\n".join(header) + "\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
