"""Bulk import: folders walked, one transaction per article, parsing spread over processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmguide import importer
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


def test_reimporting_fixtures_changes_nothing(store: Store) -> None:
    first = importer.import_paths(store, [ARTICLES])
    second = importer.import_paths(store, [ARTICLES])
    assert first.imported == 6 and not first.failures
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 7)
