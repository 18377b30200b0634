"""Parse and import of the import bench's corpus by today's code beside the code before issue 17
(real sites' articles: page chrome anywhere, headlines, article shapes, WordPress exports), which
the issue says must not be slower on this corpus.

Both codes run in child processes (the code before unpacked with ``git archive``, first on their
``PYTHONPATH``) that take turns round by round, so the machine's other load falls on both alike,
and each round is timed in CPU seconds (a round that waited for a core is not counted longer);
the best round of each is compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, unpack_src

#: The commit the issue-17 work started from.
BEFORE_17 = os.environ.get("FILMGUIDE_BENCH_BEFORE_17", "33af9ac")
ROUNDS = int(os.environ.get("FILMGUIDE_BENCH_BEFORE_ROUNDS", "5"))
#: What each parse round reads: the whole corpus, then each form alone.
SUFFIXES = ("*", ".txt", ".html", ".md")

_IMPORT = """
import sys, tempfile, time
from pathlib import Path
from filmguide import importer
from filmguide.store import Store
if sys.argv[2:] == ["without-analyses"]:  # the import as it was before issue 19 moved them here
    import filmguide.importer.ahead as moving  # where the parse workers make the analyses
    import filmguide.store.analyses as kept
    moving.guide_parts = lambda *args, **kwargs: None
    kept.write = lambda *args, **kwargs: None
with tempfile.TemporaryDirectory() as tmp:
    store = Store.open(str(Path(tmp) / "bench.db"))
    started = time.process_time()
    report = importer.import_paths(store, [Path(sys.argv[1])], workers=1)
    print(time.process_time() - started)
    store.close()
"""


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])}


def _parser(folder: Path, src: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "parse_rounds.py"), str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(src),
    )


def _round(child: subprocess.Popen[str], suffix: str) -> float:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(suffix + "\n")
    child.stdin.flush()
    return float(child.stdout.readline())


def _import_seconds(folder: Path, src: Path, *extra: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(folder), *extra],
        env=_env(src),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def compare(folder: Path, work: Path) -> dict[str, tuple[float, float]]:
    """CPU seconds (now, before) of the best round: parsing the corpus whole and by form (keys
    of :data:`SUFFIXES`) and importing it into SQLite in one process (key ``import``)."""
    before_src = unpack_src(BEFORE_17, work / "before-17")
    now_src = ROOT / "src"
    children = {"now": _parser(folder, now_src), "before": _parser(folder, before_src)}
    best: dict[str, dict[str, float]] = {"now": {}, "before": {}}
    try:
        for suffix in SUFFIXES:
            for _ in range(ROUNDS):
                for name, child in children.items():
                    seconds = _round(child, suffix)
                    best[name][suffix] = min(best[name].get(suffix, seconds), seconds)
    finally:
        for child in children.values():
            if child.stdin is not None:
                child.stdin.close()
            child.wait()
    for _ in range(max(ROUNDS // 2, 1)):
        for name, src, key, extra in (
            ("now", now_src, "import", ()),
            ("before", before_src, "import", ()),
            # today's import without the page analyses, which issue 19 moved into it after issue 17
            # began: the code before issue 17 has none, so this row compares like with like
            ("now", now_src, "import-bare", ("without-analyses",)),
        ):
            seconds = _import_seconds(folder, src, *extra)
            best[name][key] = min(best[name].get(key, seconds), seconds)
    best["before"]["import-bare"] = best["before"]["import"]
    return {key: (best["now"][key], best["before"][key]) for key in best["now"]}
