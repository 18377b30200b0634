"""Analyses at write time (issue #19 item 6): a guide's spoilers, themes, content notes and fact
checks are made when it is saved, kept beside it, made again when the catalog changes its film,
carried by dump and load, and only read by its film page; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from alembic import command

from filmguide import factcheck, importer, spoilers, themes
from filmguide.catalog import CatalogFilm
from filmguide.store import Store, alembic_config
from filmguide.store.engine import WRITE
from filmguide.store.guides import WritePolicy
from filmguide.store.repair import repair
from filmguide.web import pages
from filmguide.web.app import create_app
from filmguide.web.page_models import FilmPage, page_dict
from tests.helpers import analyses_made_now as made_now
from tests.helpers import stored_analyses as stored
from tests.store.conftest import count, make_guide
from tests.web.conftest import WebClient

#: Where each analysis's entry point is bound: its own module and every module that binds it at
#: import (filmguide.analyses imports the spoiler finder, the themes and the fact checks when first
#: needed, so it reads them from their modules).
ENTRY_POINTS: tuple[tuple[Any, str], ...] = (
    (spoilers, "find_spoilers"),
    (themes, "find_spoilers"),
    (themes, "analyse"),
    (factcheck, "check_guide"),
    (factcheck, "check_guide_and_safe"),
    (factcheck, "read_claims"),
    (factcheck, "judge"),
)

BUDGET = "The film was made on a budget of $4 million."


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each analysis ran (by name) from here on."""
    counted: Counter[str] = Counter()

    def spy(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def counting(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return real(*args, **kwargs)

        return counting

    for module, name in ENTRY_POINTS:
        monkeypatch.setattr(module, name, spy(name, getattr(module, name)))
    return counted


def twin(page: FilmPage | None) -> dict[str, Any] | None:
    """The page as its JSON twin gives it."""
    return None if page is None else page_dict(page)


def film(slug: str, title: str, year: int, **facts: Any) -> CatalogFilm:
    return CatalogFilm(slug=slug, title=title, year=year, directors=["Mike Figgis"], **facts)


def test_a_film_page_and_its_twin_only_read_the_stored_analyses(store: Store, calls: Counter[str]) -> None:
    importer.import_paths(store, [importer.DEMO_DIR])
    web = WebClient(create_app(store))
    calls.clear()
    for slug in ("leaving-las-vegas", "requiem-for-a-dream"):
        for path in (f"/films/{slug}", f"/films/{slug}.json", f"/films/{slug}?spoilers=0"):
            assert web.get(path).status_code == 200, path
        data = web.get(f"/films/{slug}.json?spoilers=0").json()
        assert data["themes"] and data["fact_checks"]  # there was something to show
    assert calls == Counter()
    # The desk's preview (an unsaved guide) still makes them: the spies do count.
    guide = store.get_guide("leaving-las-vegas")
    assert guide is not None
    pages.film_page(store, "leaving-las-vegas", pages.PageOptions(), preview=guide)
    # The guide and its safe form, from one reading of its claims.
    assert calls["analyse"] == 1 and calls["read_claims"] == 1 and calls["judge"] == 1


def test_the_page_shows_what_the_analyses_made_now_would(store: Store) -> None:
    importer.import_paths(store, [importer.DEMO_DIR])
    store.load_catalog([film("leaving-las-vegas", "Leaving Las Vegas", 1995, budget=3_600_000)])
    for summary in store.list_guides():
        assert stored(store, summary.slug) == made_now(store, summary.slug)
        guide = store.get_guide(summary.slug)
        for options in (pages.PageOptions(spoilers=True), pages.PageOptions(spoilers=False)):
            page = twin(pages.film_page(store, summary.slug, options))
            preview = twin(pages.film_page(store, summary.slug, options, preview=guide))
            assert page is not None and preview is not None
            for key in ("spoilers", "toc", "fact_checks", "fact_checks_spoilers", "themes", "content_notes"):
                assert page[key] == preview[key], (summary.slug, key)


def test_a_catalog_load_checks_the_facts_of_its_guides_again(store: Store, calls: Counter[str]) -> None:
    store.load_catalog([film("leaving-las-vegas", "Leaving Las Vegas", 1995, budget=4_000_000)])
    saved = store.save_guide(make_guide(trivia=[BUDGET]))
    verdicts = {c["field"]: c["verdict"] for c in stored(store, saved.slug).checks}
    assert verdicts["budget"] == "supported"

    store.load_catalog([film("leaving-las-vegas", "Leaving Las Vegas", 1995, budget=9_000_000)])
    verdicts = {c["field"]: c["verdict"] for c in stored(store, saved.slug).checks}
    assert verdicts["budget"] == "contradicted"
    assert stored(store, saved.slug) == made_now(store, saved.slug)
    calls.clear()
    page = twin(pages.film_page(store, saved.slug, pages.PageOptions()))
    assert (
        page is not None
        and {c["field"]: c["verdict"] for c in page["fact_checks"]}["budget"] == "contradicted"
    )
    assert calls == Counter()


def test_a_catalog_changed_behind_the_store_is_checked_at_render(store: Store) -> None:
    store.load_catalog([film("leaving-las-vegas", "Leaving Las Vegas", 1995, budget=4_000_000)])
    saved = store.save_guide(make_guide(trivia=[BUDGET]))
    with store.engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("UPDATE films SET budget = 9000000 WHERE slug = 'leaving-las-vegas'")
    page = twin(pages.film_page(store, saved.slug, pages.PageOptions()))
    assert page is not None
    assert {c["field"]: c["verdict"] for c in page["fact_checks"]}["budget"] == "contradicted"


def test_every_save_and_a_restored_revision_carry_their_own_analyses(store: Store) -> None:
    def claims(slug: str) -> list[str]:
        return [c["claim"] for c in stored(store, slug).checks]

    first = store.save_guide(make_guide(trivia=[BUDGET]))
    assert BUDGET in claims(first.slug)
    store.save_guide(make_guide(trivia=["Shot on 16mm."]), policy=WritePolicy(force=True))
    assert BUDGET not in claims(first.slug)
    assert stored(store, first.slug) == made_now(store, first.slug)
    store.restore(first.slug, 1)
    assert BUDGET in claims(first.slug)
    assert stored(store, first.slug) == made_now(store, first.slug)
    store.delete_guide(first.slug)
    assert count(store, "guide_analyses") == 0


def test_dump_and_load_carry_the_analyses_and_fill_what_a_dump_lacks(store: Store) -> None:
    importer.import_paths(store, [importer.DEMO_DIR])
    out = io.BytesIO()
    store.dump(out)
    whole = out.getvalue()
    assert whole.count(b'{"table":"guide_analyses"') == count(store, "guides") == 6
    before = {s.slug: stored(store, s.slug) for s in store.list_guides()}

    store.load([line + b"\n" for line in whole.splitlines()], "whole.jsonl", replace=True)
    assert {s.slug: stored(store, s.slug) for s in store.list_guides()} == before

    # A dump made before the analyses were kept: the load makes them.
    lines = whole.splitlines()
    header = orjson.loads(lines[0])
    del header["tables"]["guide_analyses"]
    end = orjson.loads(lines[-1])
    del end["end"]["guide_analyses"]
    older = [orjson.dumps(header)]
    older += [line for line in lines[1:-1] if not line.startswith(b'{"table":"guide_analyses"')]
    older.append(orjson.dumps(end))
    report = store.load([line + b"\n" for line in older], "older.jsonl", replace=True)
    assert report.analysed == 6 and "guide_analyses" not in report.rows
    assert {s.slug: stored(store, s.slug) for s in store.list_guides()} == before


def test_upgrading_to_0015_analyses_the_guides_there_are(empty_db_url: str) -> None:
    with Store.open(empty_db_url) as store:
        importer.import_paths(store, [importer.DEMO_DIR])
        before = {s.slug: stored(store, s.slug) for s in store.list_guides()}
        with store.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                command.downgrade(alembic_config(conn), "0013")
    with Store.open(empty_db_url) as store:
        assert store.migrated
        assert {s.slug: stored(store, s.slug) for s in store.list_guides()} == before


def test_repair_analyses_guides_whose_analyses_are_missing(store: Store) -> None:
    saved = store.save_guide(make_guide())
    with store.engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("DELETE FROM guide_analyses")
    found = store.analysed_guide(saved.slug)
    assert found is not None and found.analyses is None
    page = twin(pages.film_page(store, saved.slug, pages.PageOptions()))  # made at render meanwhile
    assert page is not None and page["fact_checks"]
    assert any("1 analysed" in line for line in repair(store.engine))
    assert stored(store, saved.slug) == made_now(store, saved.slug)
