"""Online backups, on both back ends: ``db backup`` taken while ``filmguide serve`` serves and a
bulk import updates guides is consistent: restored with ``db restore``, every guide in it is whole
and equal to the live database's revision of that guide at the version the backup holds. On
SQLite the backup is itself a database that ``--db FILE`` opens."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select

from filmguide import importer
from filmguide.store import Store
from filmguide.store.revisions import document
from filmguide.store.schema import films, guide_revisions, guides
from tests.conftest import postgres_database
from tests.helpers import assert_whole, make_articles, run, served, start_import

#: Articles imported, then imported again changed while the backup is taken.
COUNT = 500
#: The backup starts once the second import has replaced this many guides.
BACKUP_AFTER = 20
TIMEOUT = 300.0


def changed_copy(source: Path, target: Path) -> None:
    """Every article of ``source`` with one sentence more in its text: each guide changes a little."""
    target.mkdir()
    for path in sorted(source.iterdir()):
        text = path.read_text(encoding="utf-8")
        marker = "## Detailed Summary" if path.suffix == ".md" else None
        if marker and marker in text:
            text = text.replace(marker, "A line of our own before the summary.\n\n" + marker, 1)
        else:
            text = text.replace(". ", ". Also, it rained. ", 1)
        (target / path.name).write_text(text, encoding="utf-8")


def revision_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(guide_revisions)) or 0)


def stored_versions(store: Store) -> dict[str, tuple[int, str]]:
    with store.engine.connect() as conn:
        query = select(films.c.slug, guides.c.version, guides.c.document).join_from(guides, films)
        return {slug: (version, doc) for slug, version, doc in conn.execute(query)}


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield str(tmp_path / "restored.db")
    else:
        with postgres_database() as url:
            yield url


def test_a_backup_during_a_bulk_import_with_the_site_serving_restores_whole(
    db_url: str, backend: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    make_articles(first, COUNT)
    changed_copy(first, second)
    with Store.open(db_url) as store:
        report = importer.import_paths(store, [first])
        assert report.imported == COUNT and not report.failures
    backup = tmp_path / ("backup.db" if backend == "sqlite" else "backup.jsonl")

    with served(db_url, tmp_path, workers=1) as site, Store.open(db_url) as live:
        process = start_import(db_url, second, tmp_path / "import.log")
        deadline = time.monotonic() + TIMEOUT
        while revision_count(live) < BACKUP_AFTER and time.monotonic() < deadline:
            time.sleep(0.02)
        code, out, err = run("db", "backup", str(backup), db=db_url)
        assert code == 0, err
        assert out.startswith(f"backed up {COUNT} guides to {backup}")
        assert site.request("GET", "/")[0] == 200
        assert process.wait(timeout=TIMEOUT) == 0, (tmp_path / "import.log").read_text()
        assert site.request("GET", "/")[0] == 200

    with fresh_database(backend, tmp_path) as target:
        Store.open(target).close()
        code, out, err = run("db", "restore", str(backup), db=target)
        assert code == 0, err
        with Store.open(target) as restored, Store.open(db_url) as live:
            assert assert_whole(restored) == COUNT
            assert restored.check() and not [f for f in restored.check() if f.problem]
            versions = stored_versions(restored)
            with live.engine.connect() as conn:
                for slug, (version, doc) in versions.items():
                    assert document(conn, slug, version) == doc, (
                        f"{slug} v{version} differs from its revision"
                    )
            assert {v for v, _ in versions.values()} <= {1, 2}
            assert sum(1 for v, _ in versions.values() if v == 2) >= BACKUP_AFTER

    if backend == "sqlite":  # the backup is a database as it is
        code, out, err = run("list", "--json", db=str(backup))
        assert code == 0, err
        assert len(json.loads(out)) == COUNT
