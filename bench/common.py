"""Shared by the benchmarks: the corpus of articles, timing by medians, the machine's description.

Every figure is reported beside a reference measured in the same run on the same machine, as a
ratio, so the numbers mean something on another machine too.
"""

from __future__ import annotations

import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "leaving-las-vegas.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def make_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` different articles: the seed and the fixtures, in all three forms, retitled."""
    return retitled_copies([SEED, *sorted(FIXTURES.iterdir())], folder, count)


def retitled_copies(sources: list[Path], folder: Path, count: int) -> list[Path]:
    """``count`` articles written into ``folder`` from ``sources`` in turn, each film retitled
    ``Title N`` so that every article is a film of its own (the benches' corpus, and the tests'
    imports that must take time). Only a source whose title is written out literally can be
    retitled (not "Am&eacute;lie"); the others are left out."""
    texts = [(p.suffix, p.read_text(encoding="utf-8"), _title_of(p)) for p in sources]
    texts = [(suffix, text, title) for suffix, text, title in texts if title in text]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        suffix, text, title = texts[n % len(texts)]
        path = folder / f"article-{n:05}{suffix}"
        path.write_text(text.replace(title, f"{title} {n}"), encoding="utf-8")
        paths.append(path)
    return paths


def _title_of(path: Path) -> str:
    from filmguide.article import parse_path

    return parse_path(path).title


def unpack_src(commit: str, folder: Path) -> Path:
    """``src/`` of ``commit`` unpacked in ``folder`` (``git archive``): the code before a change,
    to put first on ``PYTHONPATH`` of a child process. Returns the path to put there."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def median_of(runs: int, measure: Callable[[], float]) -> tuple[float, list[float]]:
    values = [measure() for _ in range(runs)]
    return statistics.median(values), values


def in_turns(runs: int, measures: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The median of each measure over ``runs`` rounds in which all take turns (in order, then
    in reverse), so that load on the machine that comes and goes weighs on each alike: run one
    after the other, a drift in the host's speed favoured whichever ran last."""
    values: dict[str, list[float]] = {name: [] for name in measures}
    order = list(measures)
    for turn in range(runs):
        for name in order if turn % 2 == 0 else order[::-1]:
            values[name].append(measures[name]())
    return {name: statistics.median(found) for name, found in values.items()}


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_timed(action: Callable[[], object]) -> float:
    """The CPU seconds of this process that ``action`` took: on a loaded machine, the time spent
    waiting for a core is not counted, as wall time counts it."""
    start = time.process_time()
    action()
    return time.process_time() - start


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; Python {sys.version.split()[0]} on "
        f"{platform.system()} {platform.release()}; commit {commit or 'uncommitted'}"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_ok(url: str, timeout: float) -> None:
    """Until ``url`` answers 200 (a new database first receives the catalog and demo guides)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


@dataclass(frozen=True, slots=True)
class Load:
    """One wrk run: requests per second, the 99th percentile latency, and wrk's own CPU time over
    the wall time (near the core count, the load generator is what limits the figure)."""

    rate: float
    p99_ms: float
    cpu: float


@dataclass(frozen=True, slots=True)
class Child:
    """One child process run to its end: its exit status, its output, and what it cost: CPU
    seconds (user and system, its own and those of the children it waited for, as the kernel
    counted them) and wall seconds."""

    returncode: int
    stdout: str
    cpu_s: float
    wall_s: float


def run_child(command: list[str], *, env: dict[str, str] | None = None, quiet: bool = False) -> Child:
    """Run ``command`` to its end, its stdout kept and its stderr left as it is (thrown away when
    ``quiet``). The CPU time is read from ``wait4`` for this one child, so other children of the
    bench (a server it loads) are not counted in it."""
    started = time.perf_counter()
    stderr = subprocess.DEVNULL if quiet else None
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    return Child(process.returncode, out, usage.ru_utime + usage.ru_stime, wall)


def wrk(url: str, *, connections: int, duration: int, socket_errors_fail: bool = False) -> Load:
    """One ``wrk -t2`` run against ``url``: any non-2xx or 3xx response fails it, and any socket
    error too when ``socket_errors_fail``."""
    done = run_child(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url])
    out = done.stdout
    assert done.returncode == 0, out
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out)
    assert p99 is not None, out
    failed = r"Non-2xx or 3xx responses: (\d+)" + (r"|Socket errors: (.*)" if socket_errors_fail else "")
    errors = re.search(failed, out)
    assert errors is None, f"errors from {url}: {errors.group(0)}"
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return Load(rate, float(p99.group(1)) * scale, done.cpu_s / done.wall_s)
