"""A child of bench_import's comparison with the code before issue 17: parses a folder's
articles one round at a time, when told, and answers with the round's CPU seconds.

Run with the ``src/`` under test first on ``PYTHONPATH``; each line on stdin names a suffix
(``.txt``, ``.html``, ``.md``, or ``*`` for all) and is answered by one line on stdout. Reading
runs on CPU time, so that another process taking the core between two rounds is not counted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from filmguide.article import parse_path


def main() -> None:
    paths = sorted(Path(sys.argv[1]).iterdir())
    for path in paths[:50]:  # warm: imports, compiled patterns, the catalog's titles
        parse_path(path)
    for line in sys.stdin:
        suffix = line.strip()
        chosen = [p for p in paths if suffix == "*" or p.suffix == suffix]
        started = time.process_time()
        for path in chosen:
            parse_path(path)
        print(time.process_time() - started, flush=True)


if __name__ == "__main__":
    main()
