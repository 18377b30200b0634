"""The film page's throughput with the limits against hostile traffic (docs/security.md) beside
the same page served by the code before them, in the same run on the same database.

The code before is the commit :data:`BEFORE` (its ``src/`` unpacked with ``git archive`` and put
first on ``PYTHONPATH``); both servers run at once, ``--workers 2`` each, and wrk alternates
between them, so that the machine's other load falls on both alike. The target: within 5%.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from statistics import median

from bench.bench_web import CONNECTIONS, DURATION_S, SLUG, WORKERS, wrk
from bench.common import ROOT, free_port, wait_until_ok

#: The commit before the limits (issue 16): granian's defaults, no host check, caches by count.
BEFORE = os.environ.get("FILMGUIDE_BENCH_BEFORE", "33af9ac")
#: wrk runs against each server, alternating.
RUNS = 5


def unpack_before(folder: Path) -> Path:
    """``src/`` of :data:`BEFORE` in ``folder``; the path to put on ``PYTHONPATH``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BEFORE, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


@contextmanager
def serve(database: str, pythonpath: Path | None) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "FILMGUIDE_DB": database, "FILMGUIDE_SECRET": "bench"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    process = subprocess.Popen(
        [sys.executable, "-m", "filmguide", "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{base}/healthz", 120.0)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    with tempfile.TemporaryDirectory(prefix="filmguide-bench-limits-") as tmp:
        work = Path(tmp)
        before_src = unpack_before(work / "before")
        database = str(work / "site.db")
        with serve(database, None) as now_base, serve(database, before_src) as before_base:
            now_url, before_url = f"{now_base}/films/{SLUG}", f"{before_base}/films/{SLUG}"
            wrk(now_url, duration=2), wrk(before_url, duration=2)  # warm both
            now_runs, before_runs = [], []
            for _ in range(RUNS):
                now_runs.append(wrk(now_url)[0])
                before_runs.append(wrk(before_url)[0])
    now, before = median(now_runs), median(before_runs)
    ratio = now / before
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
        ]
    )
    return markdown, [("film page with limits / before", now, "req/s", ratio)]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(run()[0])
