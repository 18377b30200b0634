"""An import's analyses made ahead by its parse workers (spoilers, themes, content notes) are
those a plain save makes, on both back ends; parts that were not made from the guide as saved, or
by other rules, are not used."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from filmguide import analyses, importer, themes
from filmguide.analyses import ANALYSIS_VERSION, document_hash, guide_parts
from filmguide.article import parse_path
from filmguide.catalog import CatalogFilm
from filmguide.factcheck import check_guide, check_guide_and_safe
from filmguide.spoilers import find_spoilers, without_spoilers
from filmguide.store import Store
from filmguide.store.values import guide_json
from tests.conftest import ARTICLES, SEED
from tests.helpers import analyses_made_now as made_now
from tests.helpers import stored_analyses as stored

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "wordpress"

#: Themes no rule makes: stored, they show the parts given were used.
MADE_AHEAD = [{"name": "Made ahead", "slug": "made-ahead", "score": 9.0, "evidence": []}]


@pytest.fixture
def writer_analyses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often this process (the writer) ran the themes analysis."""
    counted: Counter[str] = Counter()
    real = themes.analyse

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted["analyse"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(themes, "analyse", counting)
    return counted


def _folder(tmp_path: Path) -> Path:
    """The fixture articles, and the seed article (it states no year: the catalog fills it)."""
    for path in sorted(ARTICLES.iterdir()):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    return tmp_path


def test_an_import_keeps_the_analyses_a_plain_save_makes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer_analyses: Counter[str]
) -> None:
    """Parsed by workers, each guide's stored analyses are those of the guide as saved, the one the
    catalog completed (year) included; the writer made no themes (the parts read no year)."""
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    store.load_catalog(importer.load_catalog_file(None))

    report = importer.import_paths(store, [_folder(tmp_path)], workers=2)

    assert report.imported >= 2 and not report.failures
    made_by_writer = writer_analyses["analyse"]
    guided = [g.slug for g in store.list_guides()]
    seed = store.get_guide("leaving-las-vegas")
    assert seed is not None and seed.year == 1995  # filled in by the catalog on the way in
    for slug in guided:
        assert stored(store, slug) == made_now(store, slug), slug
    assert made_by_writer == 0


def test_a_wordpress_import_keeps_the_analyses_a_plain_save_makes(
    store: Store, writer_analyses: Counter[str]
) -> None:
    """The posts of the exports, parsed by workers, get the analyses a plain save makes."""
    exports = [EXPORTS / "block-editor.xml", EXPORTS / "classic-editor.xml", EXPORTS / "rest-posts.json"]

    report = importer.import_paths(store, exports, workers=2)

    assert report.imported >= 2 and not report.failures
    assert writer_analyses["analyse"] == 0  # every post's parts came from a worker
    for summary in store.list_guides():
        assert stored(store, summary.slug) == made_now(store, summary.slug), summary.slug


@pytest.mark.parametrize(
    "path", [SEED, *sorted(ARTICLES.iterdir()), *sorted(importer.DEMO_DIR.glob("*-*.md"))]
)
def test_one_reading_checks_the_guide_and_its_spoiler_free_form_as_two_did(path: Path) -> None:
    """check_guide_and_safe reads each sentence once: its two lists are check_guide's of the
    guide and of the guide without its spoilers, against a catalog film and against none."""
    guide = parse_path(path)
    marks = find_spoilers(guide)
    catalog = CatalogFilm(
        slug="x",
        title=guide.title,
        year=1995,
        directors=["Mike Figgis"],
        budget=3_600_000,
        running_time_min=112,
        us_gross=32_000_000,
    )
    for film in (None, catalog):
        expected = (check_guide(guide, film), check_guide(without_spoilers(guide, marks), film))
        assert check_guide_and_safe(guide, film, marks) == expected


def _save_with(store: Store, change: Callable[[analyses.GuideParts, str], analyses.GuideParts]) -> str:
    """Save the seed article's guide with its parts, made ahead and changed by ``change``."""
    guide = parse_path(SEED)
    document = guide_json(guide)
    assert document is not None
    parts = change(dataclasses.replace(guide_parts(guide, document), themes=MADE_AHEAD), document)
    return store.save_guide(guide, written=document, parts=parts).slug


def test_parts_made_from_this_guide_by_these_rules_are_used(store: Store) -> None:
    slug = _save_with(store, lambda parts, _document: parts)

    assert stored(store, slug).themes == MADE_AHEAD


@pytest.mark.parametrize(
    "change",
    [
        lambda parts, document: dataclasses.replace(parts, source=document_hash(document + " ")),
        lambda parts, _document: dataclasses.replace(parts, version=ANALYSIS_VERSION + 1),
        lambda parts, _document: dataclasses.replace(parts, source=""),
    ],
    ids=["another document", "other rules", "named by no document"],
)
def test_parts_made_from_another_guide_or_by_other_rules_are_not_used(
    store: Store, change: Callable[[analyses.GuideParts, str], analyses.GuideParts]
) -> None:
    slug = _save_with(store, change)

    assert stored(store, slug).themes != MADE_AHEAD
    assert stored(store, slug) == made_now(store, slug)
