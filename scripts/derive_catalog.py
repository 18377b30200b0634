"""Derive the packaged open catalog and its data-quality report from ``movies.json``.

    .venv/bin/python scripts/derive_catalog.py [--source PATH] [--out PATH] [--report PATH]

Defaults: ``../shared/data/movies.json`` (beside the repository) →
``src/filmguide/data/catalog.json.gz`` and ``docs/catalog.md``. The output is deterministic:
running it twice gives byte-identical files. The rules live in ``filmguide.catalog``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from filmguide.catalog_report import derive

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "movies.json"
DEFAULT_OUT = ROOT / "src" / "filmguide" / "data" / "catalog.json.gz"
DEFAULT_REPORT = ROOT / "docs" / "catalog.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="movies.json to clean")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="derived file (.json.gz)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="data-quality report (.md)")
    args = parser.parse_args(argv)
    result = derive(args.source, args.out, args.report)
    print(
        f"{result.rows_in} rows in, {len(result.films)} films out, "
        f"{len({e.row for e in result.rejected})} rejected → {args.out}, {args.report}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
