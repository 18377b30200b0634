"""The film page's throughput with the limits against hostile traffic (docs/security.md) beside
the same page served by the code before them, in the same run on the same database.

The code before is the commit :data:`BEFORE` (its ``src/`` unpacked with ``git archive`` and put
first on ``PYTHONPATH``); both servers run at once, ``--workers 2`` each, and wrk alternates
between them, so that the machine's other load falls on both alike. The target: within 5%.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from bench.bench_web import CONNECTIONS, DURATION_S, SLUG, WORKERS, serve, wrk
from bench.common import ROOT, unpack_src

#: The commit before the limits (issue 16): granian's defaults, no host check, caches by count.
BEFORE = os.environ.get("FILMGUIDE_BENCH_BEFORE", "33af9ac")
#: wrk runs against each server, alternating; in-process rounds of each code, alternating.
RUNS = 5
ROUNDS = 5


def cpu_per_request(database: str, pythonpath: Path | None) -> float:
    """Microseconds of CPU a film page answered from memory costs ``app_from_environment()``
    (bench/limits_hits.py), the server left out: the part the limits change, measured without
    the noise of a shared machine's scheduling."""
    env = {**os.environ, "FILMGUIDE_DB": database, "FILMGUIDE_SECRET": "bench"}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (pythonpath, ROOT) if p is not None)
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "limits_hits.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def unpack_before(folder: Path) -> Path:
    """``src/`` of :data:`BEFORE` in ``folder``; the path to put on ``PYTHONPATH``."""
    return unpack_src(BEFORE, folder)


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    with tempfile.TemporaryDirectory(prefix="filmguide-bench-limits-") as tmp:
        work = Path(tmp)
        before_src = unpack_before(work / "before")
        # A database each: the code before cannot open one migrated past its own schema.
        database, before_database = str(work / "site.db"), str(work / "before.db")
        settings = {"FILMGUIDE_SECRET": "bench"}
        before_env = {**settings, "PYTHONPATH": str(before_src)}
        with (
            serve(database, env=settings) as (now_base, _),
            serve(before_database, env=before_env) as (before_base, _),
        ):
            now_url, before_url = f"{now_base}/films/{SLUG}", f"{before_base}/films/{SLUG}"
            wrk(now_url, duration=2), wrk(before_url, duration=2)  # warm both
            now_runs, before_runs = [], []
            for _ in range(RUNS):
                now_runs.append(wrk(now_url)[0])
                before_runs.append(wrk(before_url)[0])
        now_cpu, before_cpu = [], []
        for _ in range(ROUNDS):
            now_cpu.append(cpu_per_request(database, None))
            before_cpu.append(cpu_per_request(before_database, before_src))
    now, before = median(now_runs), median(before_runs)
    ratio = now / before
    cpu_ratio = median(before_cpu) / median(now_cpu)
    markdown = "\n".join(
        [
            "## Film page with the limits against hostile traffic",
            "",
            f"`filmguide serve --workers {WORKERS}` now (header timeout, connection limit, 32 KB heads, "
            f"trusted hosts, caches by bytes) beside the same server at `{BEFORE}` (before them), both "
            f"running on one SQLite database, wrk `-c{CONNECTIONS} -d{DURATION_S}s` alternating, "
            f"median of {RUNS} runs each. Target: within 5%.",
            "",
            "| server | requests/s | runs |",
            "|---|---:|---|",
            f"| now | {now:,.0f} | {', '.join(f'{r:,.0f}' for r in now_runs)} |",
            f"| before (`{BEFORE}`) | {before:,.0f} | {', '.join(f'{r:,.0f}' for r in before_runs)} |",
            f"| ratio now / before | {ratio:.3f} | {'within' if ratio >= 0.95 else 'NOT within'} 5% |",
            "",
            "The same page answered from memory by `app_from_environment()` in process (what a worker "
            "runs, the server left out), CPU time per request, median of "
            f"{ROUNDS} alternating rounds of 20,000 (bench/limits_hits.py):",
            "",
            "| code | µs of CPU a request | rounds |",
            "|---|---:|---|",
            f"| now | {median(now_cpu):.1f} | {', '.join(f'{r:.1f}' for r in now_cpu)} |",
            f"| before (`{BEFORE}`) | {median(before_cpu):.1f} | "
            f"{', '.join(f'{r:.1f}' for r in before_cpu)} |",
            f"| throughput ratio now / before | {cpu_ratio:.3f} | "
            f"{'within' if cpu_ratio >= 0.95 else 'NOT within'} 5% |",
        ]
    )
    return markdown, [("film page with limits / before", now, "req/s", ratio)]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(run()[0])
