"""How fast the command line starts (issue 19 item 7): each command run as a whole process, as a
user types it, against the least any Python command costs, ``python -c pass``, measured in the
same run and taking turns with the commands, so load on the machine falls on both alike.

Targets: at most 0.15 s for ``--version`` and ``--help``, at most 0.3 s for ``list``, ``show`` and
``parse`` of one article. The medians are of wall-clock time; the figure to compare across
machines is the ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import FIXTURES, SEED

RUNS = 9
#: (what, arguments after ``python -m filmguide``, target seconds)
COMMANDS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("filmguide --version", ("--version",), 0.15),
    ("filmguide --help", ("--help",), 0.15),
    ("filmguide list", ("list",), 0.3),
    ("filmguide show leaving-las-vegas", ("show", "leaving-las-vegas"), 0.3),
    ("filmguide parse (one article, .txt)", ("parse", str(SEED)), 0.3),
    ("filmguide parse (one article, .html)", ("parse", str(FIXTURES / "amelie.html")), 0.3),
)
ENTRY = "from filmguide.cli import main; main()"


def _seconds(arguments: list[str], database: Path) -> float:
    """Wall-clock seconds of one whole process; its output thrown away, its exit checked."""
    started = time.perf_counter()
    done = subprocess.run(
        arguments,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment(database),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{arguments} failed: {done.stderr.decode()[-300:]}")
    return elapsed


def environment(database: Path) -> dict[str, str]:
    """This environment, the database named, and bytecode written: an installed package has its
    ``.pyc`` files, and compiling every module again at each start is not what a user waits for."""
    kept = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**kept, "FILMGUIDE_DB": str(database)}


def _prepare(database: Path) -> None:
    """A database holding the demo guides, migrated, and every command run once (untimed), so
    that the bytecode is written before any timing."""
    command = [sys.executable, "-c", ENTRY, "demo", "load", "--db", str(database)]
    subprocess.run(command, check=True, capture_output=True, env=environment(database))
    for _, arguments, _ in COMMANDS:
        _seconds([sys.executable, "-c", ENTRY, *arguments], database)


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "films.db"
        _prepare(database)
        reference: list[float] = []
        times: dict[str, list[float]] = {what: [] for what, _, _ in COMMANDS}
        for _ in range(RUNS):
            for what, arguments, _target in COMMANDS:
                reference.append(_seconds([sys.executable, "-c", "pass"], database))
                times[what].append(_seconds([sys.executable, "-c", ENTRY, *arguments], database))
    base = statistics.median(reference)
    ref = "python -c pass, median (s)"
    rows = [(f"{what}, median (s)", statistics.median(times[what]), ref, base) for what, _, _ in COMMANDS]
    lines = [
        "## Command-line start-up (issue 19 item 7)",
        "",
        f"Each command as a whole process ({RUNS} runs, medians), taking turns with the reference, "
        "`python -c pass`, in the same run. Targets: at most 0.15 s for `--version` and `--help`, "
        "0.3 s for `list`, `show` and `parse` of one article (the demo database, already migrated).",
        "",
        "| what | value | reference | reference value | ratio | target (s) | met |",
        "|---|---:|---|---:|---:|---:|---|",
    ]
    for (what, value, ref_name, ref_value), (_, _, target) in zip(rows, COMMANDS, strict=True):
        met = "yes" if value <= target else "**no**"
        ratio = value / ref_value
        lines.append(
            f"| {what} | {value:.3f} | {ref_name} | {ref_value:.3f} | {ratio:.1f} | {target} | {met} |"
        )
    return "\n".join(lines), rows


if __name__ == "__main__":
    print(run()[0])
