"""Bulk import: folders walked, one transaction per article, parsing spread over processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmguide import importer
from filmguide.model import Guide
from filmguide.store import Store
from tests.conftest import ARTICLES, SEED


def _seed_variants(folder: Path, count: int) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    titles = [f"Leaving Las Vegas {n}" for n in range(count)]
    for n, title in enumerate(titles):
        (folder / f"article-{n:03}.txt").write_text(
            text.replace("Leaving Las Vegas", title), encoding="utf-8"
        )
    return titles


def test_folders_are_walked_recursively_skipping_readmes_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.html", "a/b/three.md", "a/README.md", "a/.draft.txt", "a/notes.doc"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    found = list(importer.article_files([tmp_path]))

    assert [p.relative_to(tmp_path).as_posix() for p in found if isinstance(p, Path)] == [
        "a/b/three.md",
        "a/b/two.html",
        "a/one.txt",
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_parsing_saves_in_order_and_reports_failures(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    titles = _seed_variants(tmp_path, 12)
    (tmp_path / "article-005.txt").write_bytes(b"")
    warnings: list[str] = []

    report = importer.import_paths(store, [tmp_path], workers=workers, warn=warnings.append)

    assert (report.imported, report.updated, report.unchanged) == (11, 0, 0)
    assert len(report.failures) == 1 and "article-005.txt: file is empty" in report.failures[0]
    stored = {g.title for g in store.list_guides()}
    assert stored == set(titles) - {"Leaving Las Vegas 5"}
    assert warnings == []


@pytest.mark.parametrize("path", [SEED, *sorted(ARTICLES.iterdir())], ids=lambda p: p.name)
def test_a_guide_crosses_from_a_parse_worker_as_json_and_reads_back_the_same(path: Path) -> None:
    """Workers hand the writer the guide's JSON, not the model: read back, it is the same guide."""
    _, guide, error, _, text, _ = importer._parse(path)
    [(_, document, _, _, worker_text, _)] = importer._parse_chunk([path])

    assert error is None and isinstance(guide, Guide) and isinstance(document, str)
    assert Guide.model_validate_json(document) == guide
    assert worker_text == text


def test_reimporting_fixtures_changes_nothing(store: Store) -> None:
    first = importer.import_paths(store, [ARTICLES])
    second = importer.import_paths(store, [ARTICLES])
    assert first.imported == 6 and not first.failures
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 7)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bulk_import_indexes_what_a_single_save_would(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """The parse workers derive the search text; it must be the text of the guide as stored,
    also when the catalog completed it (year, directors) on the way in."""
    from sqlalchemy import select

    from filmguide.store.schema import films, search_docs
    from filmguide.store.search.index import guide_text

    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    monkeypatch.setattr(importer, "BULK_FROM", 2)
    store.load_catalog(importer.load_catalog_file(None))  # the catalog fills Leaving Las Vegas in
    _seed_variants(tmp_path, 4)
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())  # states no year: the catalog fills it
    for path in sorted(ARTICLES.iterdir()):
        (tmp_path / path.name).write_bytes(path.read_bytes())

    report = importer.import_paths(store, [tmp_path], workers=workers)

    assert report.imported >= 8 and not report.failures
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(films.c.slug, search_docs.c.title, search_docs.c.names, search_docs.c.body).join(
                films, films.c.id == search_docs.c.film_id
            )
        ).all()
    indexed = {slug: (title, names, body) for slug, title, names, body in rows}
    guided = {g.slug for g in store.list_guides()}
    assert guided <= set(indexed)
    seed = store.get_guide("leaving-las-vegas")
    assert seed is not None and seed.year == 1995  # filled in, so its text was derived again
    for slug in guided:
        guide = store.get_guide(slug)
        assert guide is not None
        assert indexed[slug] == guide_text(guide), slug


def test_a_bulk_import_indexes_in_batches_while_it_saves(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index follows the saves every INDEX_EVERY guides (so its work overlaps the parsing),
    not only at the end; at the end every guide is indexed."""
    from sqlalchemy import func, select

    from filmguide.store.schema import search_docs

    monkeypatch.setattr(importer, "BULK_FROM", 2)
    monkeypatch.setattr(importer, "INDEX_EVERY", 3)
    monkeypatch.setattr(importer, "WRITE_BATCH", 1)  # each save committed before the next is counted
    _seed_variants(tmp_path, 10)

    def indexed() -> int:
        with store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(search_docs)).scalar_one())

    seen: list[int] = []
    save = store.save_guide

    def save_and_count(*args: object, **kwargs: object) -> object:
        seen.append(indexed())
        return save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "save_guide", save_and_count)
    report = importer.import_paths(store, [tmp_path], workers=1)

    assert report.imported == 10 and not report.failures
    assert seen == [0, 0, 0, 3, 3, 3, 6, 6, 6, 9]  # a pass after every third save
    assert indexed() == 10


def test_a_guide_the_store_cannot_keep_fails_alone_on_every_back_end(store: Store, tmp_path: Path) -> None:
    """A cast name whose slug outgrows the column (PostgreSQL would refuse the row) fails with a
    reason naming the file; the other articles are imported."""
    good = tmp_path / "good.txt"
    good.write_bytes(SEED.read_bytes())
    long_name = "Nicolas " + "Cage" * 80
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED.read_text(encoding="utf-8").replace("Nicolas Cage", long_name), encoding="utf-8")

    report = importer.import_paths(store, [good, bad])

    assert report.imported == 1 and len(report.failures) == 1
    assert str(bad) in report.failures[0] and "too long" in report.failures[0]
    assert [g.slug for g in store.list_guides()] == ["leaving-las-vegas"]


def test_a_bulk_import_checkpoints_sqlite_rarely_and_leaves_the_log_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a bulk import the write-ahead log is copied back every 16,384 pages rather than
    every 1,000 (each copy syncs the database file); afterwards writes are back at SQLite's
    interval and the log has been copied into the database in full."""
    from filmguide.store import connection

    store = Store.open(str(tmp_path / "site.db"))
    monkeypatch.setattr(importer, "BULK_FROM", 2)
    seen: list[int] = []
    save = store.save_guide

    def save_and_look(*args: object, **kwargs: object) -> object:
        with store._writing() as conn:  # the writer's connection, as save_guide gets it
            seen.append(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())
        return save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "save_guide", save_and_look)
    report = importer.import_paths(store, [ARTICLES], workers=1)
    assert report.imported == 6 and not report.failures
    assert seen and set(seen) == {connection.BULK_WAL_CHECKPOINT_PAGES}
    with store._writing() as conn:
        assert (
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == connection.WAL_CHECKPOINT_PAGES
        )
        conn.rollback()
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        busy, log_pages, copied = raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and log_pages == copied
    assert len(store.list_guides()) == 6
    store.close()


def test_the_parse_pool_gives_results_in_order_with_few_chunks_in_flight() -> None:
    """A slow early chunk holds the results back, never reorders them; no more than
    workers * IN_FLIGHT_PER_WORKER chunks are handed out ahead of the writer."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from filmguide.importer import pool

    lock = threading.Lock()
    started: list[int] = []

    def work(chunk: list[int]) -> list[int]:
        with lock:
            started.append(chunk[0])
        if chunk[0] == 0:
            time.sleep(0.2)
        return [n * 10 for n in chunk]

    taken = []
    with ThreadPoolExecutor(2) as executor:
        for value in pool.in_order(executor, work, range(40), chunk=2, workers=2):
            if not taken:
                with lock:
                    assert len(started) <= 2 * pool.IN_FLIGHT_PER_WORKER
            taken.append(value)
    assert taken == [n * 10 for n in range(40)]
