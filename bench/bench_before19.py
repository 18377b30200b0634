"""Today's code against the code from before issue 19 (``a31c28c``), in the same run: issue 19
asks that ``make bench`` show no slowdown. Two sides, each through interfaces both codes have, so
that one harness drives both:

- whole commands as a user runs them (``python -m filmguide ...``, the code on ``PYTHONPATH``):
  their CPU seconds (the child's and its own children's, from ``wait4``) and wall seconds;
- the site: each code's ``filmguide serve --workers 1`` on a SQLite store of its own holding the
  demo guides and the catalog, loaded by wrk a few seconds at a time.

The two codes take turns round by round (A/B, then B/A), so the machine's other load falls on both
alike, and each figure is the median of the rounds. A row that one of the codes cannot run (a
command it does not have, a page it does not serve) is left out with its reason, the rest still run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from bench import before19, bench_web, common
from bench.bench_cli import environment
from bench.common import FIXTURES, ROOT, SEED, make_corpus, unpack_src

BEFORE_19 = before19.BEFORE_19
#: Rounds of each side; each round runs every command (or loads every page) once per code.
ROUNDS = int(os.environ.get("FILMGUIDE_BENCH_BEFORE19_ROUNDS", "5"))
#: Articles in the import's corpus.
IMPORTED = 300
#: Seconds of each wrk run, and its connections (one serve worker: the figure is the code's).
LOAD_SECONDS = 3
CONNECTIONS = 64
#: A figure this much worse than the code before is named in the section.
TOLERANCE = 0.05
SLUG = "leaving-las-vegas"
PERSON = "nicolas-cage"
CODES = ("now", "before")
#: How a code is named in a line saying why a row was left out.
NAMES = {"now": "today's code", "before": "the code before"}
Row = tuple[str, float, str, float]


@dataclass
class Measured:
    """One row's figures, per code: a list of one value per round for each kind of figure."""

    what: str
    figures: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def add(self, code: str, **values: float) -> None:
        for kind, value in values.items():
            self.figures.setdefault(kind, {}).setdefault(code, []).append(value)

    def median(self, kind: str, code: str) -> float:
        return median(self.figures[kind][code])

    def spread(self, kind: str) -> str:
        """The lowest and highest of the rounds' own ratios (each round's today's figure over the
        same round's code before): how far one round's ratio can be trusted."""
        ratios = [now / before for now, before in zip(*(self.figures[kind][c] for c in CODES), strict=True)]
        return f"{min(ratios):.2f}–{max(ratios):.2f}"


def worse(ratio: float, *, higher_is_better: bool) -> bool:
    """Whether today's figure, as a ratio to the code before's, is worse by more than
    :data:`TOLERANCE` (for a rate, lower; for a time, higher)."""
    return ratio < 1 - TOLERANCE if higher_is_better else ratio > 1 + TOLERANCE


def ratio_cell(now: float, before: float, *, higher_is_better: bool) -> str:
    """The ratio now/before, in bold with the word *slower* when it is :func:`worse`."""
    ratio = now / before
    return f"**{ratio:.2f} slower**" if worse(ratio, higher_is_better=higher_is_better) else f"{ratio:.2f}"


def slower_rows(rows: list[tuple[str, float, bool]]) -> list[str]:
    """Of (what, ratio now/before, higher is better) rows, the names of the :func:`worse` ones,
    each with how much."""
    return [
        f"{what} ({(1 - ratio) if higher_is_better else (ratio - 1):.0%} worse)"
        for what, ratio, higher_is_better in rows
        if worse(ratio, higher_is_better=higher_is_better)
    ]


# --- whole commands -------------------------------------------------------------------------------


def _commands(work: Path) -> list[tuple[str, list[str], str]]:
    """(what, arguments after ``python -m filmguide``, database): ``demo`` is a store holding the
    demo guides that each code made for itself, ``new`` a new file every run."""
    corpus = work / "corpus"
    make_corpus(corpus, IMPORTED)
    return [
        ("--version", ["--version"], "demo"),
        ("parse one article (.txt)", ["parse", str(SEED)], "demo"),
        ("parse one article (.html)", ["parse", str(FIXTURES / "amelie.html")], "demo"),
        ("list", ["list"], "demo"),
        (f"show {SLUG}", ["show", SLUG], "demo"),
        ("search 'las vegas'", ["search", "las vegas"], "demo"),
        (f"import {IMPORTED} articles into a new SQLite db", ["import", str(corpus)], "new"),
        ("export the demo site (--workers 2)", ["export", "{out}", "--workers", "2"], "demo"),
        # Like for like: today's export also draws a share card per page (3,816 PNGs, issue 22),
        # which the code before did not have. Into the folder of its last export, it reads them
        # back rather than drawing them, as a site re-exported after a change does.
        (
            "export the demo site again, into its last export's folder (share cards read back)",
            ["export", "{again}", "--workers", "2"],
            "demo",
        ),
    ]


def _command_line(arguments: list[str], work: Path, code: str, turn: int) -> list[str]:
    """The command one code runs in one turn: an export writes into a new folder each time
    (``{out}``), or into the same folder every time (``{again}``, first filled by the untimed run)."""
    out, again = str(work / f"export-{code}-{turn}"), str(work / f"export-{code}-again")
    return [
        sys.executable,
        "-m",
        "filmguide",
        *(a.replace("{out}", out).replace("{again}", again) for a in arguments),
    ]


def _env(src: Path, database: Path) -> dict[str, str]:
    return {**environment(database), "PYTHONPATH": str(src)}


def _first_failure(
    srcs: dict[str, Path], work: Path, arguments: list[str], databases: dict[str, Path]
) -> str:
    """Each code runs the command once (untimed: its bytecode written, its caches warm); the
    first one's failure as one line, or ``""`` when both ran."""
    for code, src in srcs.items():
        command = _command_line(arguments, work, code, -1)
        done = subprocess.run(command, capture_output=True, text=True, env=_env(src, databases[code]))
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return f"{NAMES[code]} exits {done.returncode}: {last[:160]}"
    return ""


def commands_side(srcs: dict[str, Path], work: Path) -> tuple[list[Measured], list[str]]:
    """Every command, both codes taking turns round by round; and the rows left out, with why."""
    databases = {code: work / f"demo-{code}.db" for code in srcs}
    for code, src in srcs.items():
        command = [sys.executable, "-m", "filmguide", "demo", "load", "--db", str(databases[code])]
        subprocess.run(command, check=True, capture_output=True, env=_env(src, databases[code]))
    measured: list[tuple[Measured, list[str], str]] = []
    skipped = []
    for what, arguments, kind in _commands(work):
        fresh = {code: work / f"probe-{code}.db" for code in srcs} if kind == "new" else databases
        reason = _first_failure(srcs, work, arguments, fresh)
        if reason:
            skipped.append(f"`filmguide {' '.join(arguments[:1])}` ({what}): {reason}")
        else:
            measured.append((Measured(what), arguments, kind))
    for turn in range(ROUNDS):
        order = CODES if turn % 2 == 0 else CODES[::-1]
        for row, arguments, kind in measured:
            for code in order:
                database = work / f"new-{code}-{turn}.db" if kind == "new" else databases[code]
                command = _command_line(arguments, work, code, turn)
                done = common.run_child(command, env=_env(srcs[code], database), quiet=True)
                if done.returncode != 0:
                    raise RuntimeError(f"{row.what} by the {code} code exited {done.returncode}")
                row.add(code, cpu=done.cpu_s, wall=done.wall_s)
    return [row for row, _, _ in measured], skipped


# --- the site under load --------------------------------------------------------------------------


def _pages() -> list[tuple[str, str]]:
    return [
        ("film page", f"/films/{SLUG}"),
        ("film page's `.json` twin", f"/films/{SLUG}.json"),
        ("home page", "/"),
        (f"person page ({PERSON})", f"/people/{PERSON}"),
        ("search page (las vegas)", "/search?q=las+vegas"),
    ]


def _status(url: str) -> str:
    """``""`` when ``url`` answers 200, else what it answered."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return "" if response.status == 200 else f"answers {response.status}"
    except urllib.error.HTTPError as error:
        return f"answers {error.code}"
    except OSError as error:
        return f"fails: {error}"


def _servers(srcs: dict[str, Path], work: Path, stack: ExitStack) -> Iterator[tuple[str, str]]:
    for code, src in srcs.items():
        database = str(work / f"site-{code}.db")
        serving = bench_web.serve(database, env={"PYTHONPATH": str(src)}, ready_seconds=300.0, workers=1)
        base, _ = stack.enter_context(serving)
        yield code, base


def site_side(srcs: dict[str, Path], work: Path) -> tuple[list[Measured], list[str]]:
    """Every page, the two servers loaded in turn round by round; and the pages left out, with why."""
    with ExitStack() as stack:
        bases = dict(_servers(srcs, work, stack))
        measured: list[tuple[Measured, str]] = []
        skipped = []
        for what, path in _pages():
            reasons = [f"{NAMES[code]} {s}" for code, base in bases.items() if (s := _status(base + path))]
            if reasons:
                skipped.append(f"{what} (`{path}`): {'; '.join(reasons)}")
                continue
            for base in bases.values():  # warm: templates compiled, the page cache filled
                common.wrk(base + path, connections=CONNECTIONS, duration=1)
            measured.append((Measured(what), path))
        for turn in range(ROUNDS):
            order = CODES if turn % 2 == 0 else CODES[::-1]
            for row, path in measured:
                for code in order:
                    load = common.wrk(bases[code] + path, connections=CONNECTIONS, duration=LOAD_SECONDS)
                    row.add(code, rate=load.rate, p99=load.p99_ms, client=load.cpu)
    return [row for row, _ in measured], skipped


# --- the section ----------------------------------------------------------------------------------


def run() -> tuple[str, list[Row]]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        srcs = {"now": ROOT / "src", "before": unpack_src(BEFORE_19, work / "before-19")}
        commands, commands_skipped = commands_side(srcs, work)
        pages, pages_skipped = site_side(srcs, work)
    return report(commands, commands_skipped, pages, pages_skipped)


def _left_out(reasons: list[str]) -> list[str]:
    """The rows left out, each with its reason, as a list after a blank line (or nothing)."""
    return ["", *(f"- Left out: {reason}." for reason in reasons)] if reasons else []


def report(
    commands: list[Measured], commands_skipped: list[str], pages: list[Measured], pages_skipped: list[str]
) -> tuple[str, list[Row]]:
    """The section's Markdown, and its rows (what, today's figure, the reference, its figure)."""
    reference = f"the code before issue 19 (`{BEFORE_19}`)"
    verdicts: list[tuple[str, float, bool]] = []
    rows: list[Row] = []
    lines = [
        "## Today's code against the code before issue 19 (issue 19: no slowdown)",
        "",
        f"Both codes in the same run, the code before unpacked from `{BEFORE_19}` with `git archive` "
        "and put on `PYTHONPATH`, taking turns round by round (A/B, then B/A), medians of "
        f"{ROUNDS} rounds (bench/bench_before19.py). A ratio is today's figure over the code "
        f"before's; one worse by more than {TOLERANCE:.0%} is in bold.",
        "",
        "Whole commands, `python -m filmguide ...`, each code on a store of its own holding the demo "
        f"guides and the catalog (the import: {IMPORTED} articles, the import bench's corpus, into a "
        "new SQLite database each run, the catalog and the similar lists included). CPU seconds are "
        "the command's and its children's (parse and export workers), from `wait4`.",
        "",
        "| command | CPU now (s) | CPU before (s) | ratio | rounds' ratios "
        "| wall now (s) | wall before (s) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in commands:
        cpu = (row.median("cpu", "now"), row.median("cpu", "before"))
        wall = (row.median("wall", "now"), row.median("wall", "before"))
        lines.append(
            f"| {row.what} | {cpu[0]:.3f} | {cpu[1]:.3f} | {ratio_cell(*cpu, higher_is_better=False)} "
            f"| {row.spread('cpu')} | "
            f"{wall[0]:.3f} | {wall[1]:.3f} | {ratio_cell(*wall, higher_is_better=False)} |"
        )
        verdicts.append((f"{row.what} (CPU)", cpu[0] / cpu[1], False))
        rows.append((f"{row.what}, CPU (s)", cpu[0], reference, cpu[1]))
    lines += [*_left_out(commands_skipped), ""]
    lines += [
        f"The site: each code's `filmguide serve --workers 1` on a SQLite store of its own (the demo "
        f"guides and the catalog, as a new database receives them), both running, loaded in turn by "
        f"wrk `-t2 -c{CONNECTIONS} -d{LOAD_SECONDS}s` (after a 1 s warm-up of each page), no "
        'compression. "wrk CPU" is wrk\'s CPU time over the wall time (now / before): near the core '
        "count, the load generator set the pace. The code before counted a view on the film page's "
        "GET (once per reader and 30 minutes, so once here); today's counts it by the page's beacon.",
        "",
        "| page | requests/s now | before | ratio | rounds' ratios | p99 now | before | ratio "
        "| wrk CPU (cores) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in pages:
        rate = (row.median("rate", "now"), row.median("rate", "before"))
        p99 = (row.median("p99", "now"), row.median("p99", "before"))
        client = (row.median("client", "now"), row.median("client", "before"))
        lines.append(
            f"| {row.what} | {rate[0]:,.0f}/s | {rate[1]:,.0f}/s "
            f"| {ratio_cell(*rate, higher_is_better=True)} | {row.spread('rate')} "
            f"| {p99[0]:.1f} ms | {p99[1]:.1f} ms | {ratio_cell(*p99, higher_is_better=False)} "
            f"| {client[0]:.2f} / {client[1]:.2f} |"
        )
        verdicts.append((f"{row.what} (requests/s)", rate[0] / rate[1], True))
        verdicts.append((f"{row.what} (p99)", p99[0] / p99[1], False))
        rows.append((f"{row.what} (requests/s)", rate[0], reference, rate[1]))
    lines += [*_left_out(pages_skipped), ""]
    slower = slower_rows(verdicts)
    named = "; ".join(slower) if slower else "none"
    lines.append(f"Worse than the code before by more than {TOLERANCE:.0%}: {named}.")
    return "\n".join(lines), rows


if __name__ == "__main__":  # python -m bench.bench_before19: the section, printed
    print(run()[0])
