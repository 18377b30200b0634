"""The film page's cache-miss render by today's code beside the code from before issue 19, which
the issue says today's must render in half the time or less ("half of today's": the code when
the issue was filed).

Both codes run in child processes (bench/render_rounds.py; the code before unpacked with ``git
archive``, first on its ``PYTHONPATH``), each with the same demo guides and catalog in a SQLite
store of its own. They take turns round by round, so the machine's other load falls on both alike,
and each round is timed in CPU seconds (a round that waited for a core is not counted longer).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, unpack_src

#: The commit the issue-19 work started from.
BEFORE_19 = os.environ.get("FILMGUIDE_BENCH_BEFORE_19", "a31c28c")
ROUNDS = int(os.environ.get("FILMGUIDE_BENCH_BEFORE_ROUNDS", "9"))
#: Renders of each page per round.
RENDERS = 10
#: The demo guides both codes load (unchanged since the commit above).
DEMO = ROOT / "src" / "filmguide" / "demo"


def _renderer(src: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "render_rounds.py"), str(DEMO), str(RENDERS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])},
    )


def _answer(child: subprocess.Popen[str]) -> float:
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line:
        raise RuntimeError(f"the render child stopped (exit status {child.wait()})")
    return float(line)


def compare(work: Path) -> tuple[float, float, int]:
    """Milliseconds of CPU per film page rendered (now, before), the median of :data:`ROUNDS`
    rounds each, and how many pages a round renders :data:`RENDERS` times."""
    before_src = unpack_src(BEFORE_19, work / "before-19")
    children = {"now": _renderer(ROOT / "src"), "before": _renderer(before_src)}
    seconds: dict[str, list[float]] = {name: [] for name in children}
    try:
        pages = {name: int(_answer(child)) for name, child in children.items()}
        assert pages["now"] == pages["before"], pages
        for _ in range(ROUNDS):
            for name, child in children.items():
                assert child.stdin is not None
                child.stdin.write("\n")
                child.stdin.flush()
                seconds[name].append(_answer(child))
    finally:
        for child in children.values():
            if child.stdin is not None:
                child.stdin.close()
            child.wait()
    per_page = RENDERS * pages["now"]
    now, before = (statistics.median(seconds[name]) / per_page * 1000 for name in ("now", "before"))
    return now, before, pages["now"]
