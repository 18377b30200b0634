"""Saving, reading, listing and deleting guides, on every back end."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import orjson
import pytest
from sqlalchemy import text

from filmguide.model import Guide
from filmguide.store import GuideSummary, SaveResult, Store
from filmguide.store import compiled as compiled_module
from filmguide.store.guides import WritePolicy
from tests.store.conftest import count, make_guide, rows


def test_a_new_guide_is_created_and_read_back(store: Store, guide: Guide) -> None:
    result = store.save_guide(guide, source="seeds/leaving-las-vegas.txt")

    assert result == SaveResult(slug="leaving-las-vegas", created=True, changed=True)
    stored = store.get_guide("leaving-las-vegas")
    assert stored is not None
    assert stored.slug == "leaving-las-vegas"
    assert stored == guide.model_copy(update={"slug": "leaving-las-vegas"})
    assert store.guide_version("leaving-las-vegas") == 1
    assert rows(store, "guides", "source") == [("seeds/leaving-las-vegas.txt",)]
    assert rows(store, "films", "slug", "title", "year", "directors") == [
        ("leaving-las-vegas", "Leaving Las Vegas", 1995, '["Mike Figgis"]')
    ]


def test_saving_the_same_document_again_changes_nothing(store: Store, guide: Guide) -> None:
    store.save_guide(guide)
    before = store.list_guides()

    again = store.save_guide(guide)
    with_slug = store.save_guide(guide.model_copy(update={"slug": "leaving-las-vegas"}))

    assert again == SaveResult(slug="leaving-las-vegas", created=False, changed=False)
    assert with_slug == again
    assert store.guide_version("leaving-las-vegas") == 1
    assert store.list_guides() == before  # updated_at untouched
    assert count(store, "films") == 1
    assert count(store, "guides") == 1


def test_the_same_document_from_another_file_records_the_new_source(store: Store, guide: Guide) -> None:
    store.save_guide(guide, source="articles/first.txt")

    again = store.save_guide(guide, source="articles/moved/first.txt")

    assert again.changed is False
    assert store.guide_version("leaving-las-vegas") == 1
    assert rows(store, "guides", "source") == [("articles/moved/first.txt",)]


def test_an_update_replaces_the_document_and_counts_versions(store: Store) -> None:
    store.save_guide(make_guide(trivia=["one"]))
    first_updated = store.list_guides()[0].updated_at

    second = store.save_guide(make_guide(trivia=["two"]), source="again.md")
    third = store.save_guide(make_guide(trivia=["three"]))

    assert second == SaveResult(slug="leaving-las-vegas", created=False, changed=True)
    assert third.changed and not third.created
    assert store.guide_version("leaving-las-vegas") == 3
    stored = store.get_guide("leaving-las-vegas")
    assert stored is not None and stored.trivia == ["three"]
    assert count(store, "films") == 1
    assert count(store, "guides") == 1
    assert store.list_guides()[0].updated_at > first_updated
    # A save without a source keeps the one recorded.
    assert rows(store, "guides", "source") == [("again.md",)]


def test_get_guide_of_an_unknown_slug_is_none(store: Store) -> None:
    assert store.get_guide("nothing-here") is None
    assert store.guide_version("nothing-here") is None


def test_a_different_film_with_the_same_title_gets_the_year(store: Store) -> None:
    first = store.save_guide(make_guide("Crash", 1996, directors=["David Cronenberg"]))
    second = store.save_guide(make_guide("Crash", 2004, directors=["Paul Haggis"]))
    again = store.save_guide(make_guide("Crash", 2004, directors=["Paul Haggis"], trivia=["new"]))

    assert first.slug == "crash"
    assert second == SaveResult(slug="crash-2004", created=True, changed=True)
    assert again == SaveResult(slug="crash-2004", created=False, changed=True)
    assert count(store, "films") == 2
    old = store.get_guide("crash")
    assert old is not None and old.year == 1996 and old.directors == ["David Cronenberg"]


def test_numbers_follow_when_the_year_slug_is_taken_or_the_year_unknown(store: Store) -> None:
    # Other films hold "crash" and "crash-2004" through their front matter.
    store.save_guide(make_guide("Some Other Film", 1990, slug="crash"))
    store.save_guide(make_guide("Yet Another Film", 1991, slug="crash-2004"))

    assert store.save_guide(make_guide("Crash", 2004)).slug == "crash-2004-2"
    assert store.save_guide(make_guide("Crash!", 2004, trivia=["x"])).slug == "crash-2004-2"
    assert store.save_guide(make_guide("Crash", 1996)).slug == "crash-1996"
    assert store.save_guide(make_guide("Upstream", None, slug="upstream")).slug == "upstream"
    assert store.save_guide(make_guide("Sideways", None, slug="sideways")).slug == "sideways"
    assert store.save_guide(make_guide("Other Sideways Film", 2001, slug="sideways-2")).slug == "sideways-2"
    # A different film, year unknown: same title key but a clash with a film of another title.
    store.save_guide(make_guide("Film Named Otherwise", 1980, slug="vertigo"))
    assert store.save_guide(make_guide("Vertigo", None)).slug == "vertigo-2"
    assert count(store, "films") == 9


def test_accents_case_and_punctuation_are_the_same_title(store: Store) -> None:
    created = store.save_guide(make_guide("Amélie", 2001))
    same = store.save_guide(make_guide("AMELIE!", 2001, trivia=["other"]))

    assert created.slug == "amelie"
    assert same == SaveResult(slug="amelie", created=False, changed=True)
    assert count(store, "films") == 1
    assert [g.title for g in store.list_guides()] == ["AMELIE!"]


def test_an_unknown_year_is_the_same_film_and_a_known_year_is_kept(store: Store) -> None:
    assert store.save_guide(make_guide("Vertigo", None)).created
    dated = store.save_guide(make_guide("Vertigo", 1958, trivia=["dated"]))
    undated_again = store.save_guide(make_guide("Vertigo", None, trivia=["undated"]))

    assert dated == SaveResult(slug="vertigo", created=False, changed=True)
    assert undated_again == SaveResult(slug="vertigo", created=False, changed=True)
    assert count(store, "films") == 1
    assert store.list_guides()[0].year == 1958
    assert store.guide_version("vertigo") == 3


def test_an_unknown_year_prefers_the_given_slug_among_candidates(store: Store) -> None:
    store.save_guide(make_guide("Crash", 1996))
    store.save_guide(make_guide("Crash", 2004))

    result = store.save_guide(make_guide("Crash", None, slug="crash-2004", trivia=["picked"]))

    assert result == SaveResult(slug="crash-2004", created=False, changed=True)
    assert count(store, "films") == 2


def test_a_given_slug_is_used_when_free_and_then_stays(store: Store) -> None:
    created = store.save_guide(make_guide(slug="Vegas, Leaving!"))
    renamed = store.save_guide(make_guide(slug="another-slug", trivia=["changed"]))
    retitled = store.save_guide(make_guide("Leaving Las Vegas.", trivia=["retitled"]))

    assert created.slug == "vegas-leaving"
    assert renamed.slug == "vegas-leaving"
    assert retitled.slug == "vegas-leaving"
    assert count(store, "films") == 1
    assert store.get_guide("another-slug") is None
    stored = store.get_guide("vegas-leaving")
    assert stored is not None and stored.slug == "vegas-leaving"


def test_a_given_slug_taken_by_another_film_is_not_used(store: Store) -> None:
    store.save_guide(make_guide("Barfly", 1987))

    result = store.save_guide(make_guide("Leaving Las Vegas", 1995, slug="barfly"))

    assert result == SaveResult(slug="leaving-las-vegas", created=True, changed=True)
    barfly = store.get_guide("barfly")
    assert barfly is not None and barfly.title == "Barfly"


def test_list_is_ordered_by_title_ignoring_case_and_accents(store: Store) -> None:
    for title, year in [
        ("zodiac", 2007),
        ("Éclair", None),
        ("Brazil", 1985),
        ("alien", 1979),
        ("Aliens", 1986),
    ]:
        store.save_guide(make_guide(title, year))

    listed = store.list_guides()

    assert [g.title for g in listed] == ["alien", "Aliens", "Brazil", "Éclair", "zodiac"]
    assert [g.slug for g in listed] == ["alien", "aliens", "brazil", "eclair", "zodiac"]
    assert isinstance(listed[0], GuideSummary)
    assert listed[0].year == 1979 and listed[3].year is None
    assert all(
        g.updated_at.tzinfo is not None and g.updated_at.utcoffset() == UTC.utcoffset(None) for g in listed
    )


def test_delete_removes_guide_film_credits_and_refs(store: Store) -> None:
    store.save_guide(make_guide())
    store.save_guide(
        make_guide("Barfly", 1987, recommendations=[("Leaving Las Vegas", 1995)], director_films=[])
    )
    film_id = rows(store, "films", "id", "slug", order_by="id")[0][0]
    assert count(store, "credits", film_id=film_id) == 8
    assert count(store, "film_refs", film_id=film_id) == 5
    assert count(store, "film_refs", target_slug="leaving-las-vegas") == 1

    assert store.delete_guide("leaving-las-vegas") is True

    assert store.get_guide("leaving-las-vegas") is None
    assert [g.slug for g in store.list_guides()] == ["barfly"]
    assert count(store, "films", slug="leaving-las-vegas") == 0
    assert count(store, "credits", film_id=film_id) == 0
    assert count(store, "film_refs", film_id=film_id) == 0
    assert count(store, "guides") == 1
    # Barfly's reference to the deleted film stays, pointing nowhere now.
    assert rows(store, "film_refs", "title", "target_slug") == [("Leaving Las Vegas", None)]
    assert count(store, "people", slug="nicolas-cage") == 1  # people are kept
    assert store.delete_guide("leaving-las-vegas") is False
    assert store.delete_guide("never-was") is False

    again = store.save_guide(make_guide())
    assert again == SaveResult(slug="leaving-las-vegas", created=True, changed=True)
    # Numbered after the deleted guide's kept revision 1, and out of the trash.
    assert store.guide_version("leaving-las-vegas") == 2
    assert store.trash() == []
    assert count(store, "film_refs", target_slug="leaving-las-vegas") == 1  # Barfly's points again


def test_references_point_at_stored_films_whichever_is_saved_first(store: Store) -> None:
    store.save_guide(make_guide("Barfly", 1987, recommendations=[], director_films=[]))
    store.save_guide(make_guide(recommendations=[("Barfly", 1987), ("Shame", None)], director_films=[]))
    store.save_guide(make_guide("Shame", 2011, recommendations=[], director_films=[]))
    store.save_guide(make_guide("Barfly", 2030, recommendations=[], director_films=[]))

    targets = rows(store, "film_refs", "title", "target_slug", order_by="position")
    assert targets == [("Barfly", "barfly"), ("Shame", "shame")]


def test_a_failure_mid_save_writes_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    # Film references are written last: film, guide, people and credits are already written.
    monkeypatch.setattr(compiled_module.CompiledInsert, "executemany", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_guide(make_guide(cast=[("Brand New Person", None)], director_films=[]))
    for table in ("films", "guides", "people", "credits", "film_refs"):
        assert count(store, table) == 0, table
    monkeypatch.undo()

    # The people the failed save inserted are not remembered: saving again works.
    assert store.save_guide(make_guide(cast=[("Brand New Person", None)])).created
    assert count(store, "people", slug="brand-new-person") == 1


def test_a_failed_update_keeps_the_previous_guide(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_guide(make_guide(trivia=["kept"]))
    credits_before = rows(store, "credits", "role", "position", "person_id", order_by="position")

    calls = 0
    original = compiled_module.CompiledInsert.executemany

    def fail_second(self: compiled_module.CompiledInsert, *args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # credits written, references fail
            raise RuntimeError("boom")
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(compiled_module.CompiledInsert, "executemany", fail_second)
    with pytest.raises(RuntimeError, match="boom"):
        # Forced: the cast falling 3 → 1 would be refused before anything is written.
        store.save_guide(
            make_guide(trivia=["lost"], cast=[("Someone Else", None)]), policy=WritePolicy(force=True)
        )
    monkeypatch.undo()
    assert [r.revision for r in store.history("leaving-las-vegas")] == [1]  # no revision of a failed save

    stored = store.get_guide("leaving-las-vegas")
    assert stored is not None and stored.trivia == ["kept"]
    assert store.guide_version("leaving-las-vegas") == 1
    assert rows(store, "credits", "role", "position", "person_id", order_by="position") == credits_before
    assert count(store, "people", slug="someone-else") == 0


@pytest.mark.parametrize("given_slug", [None, "leaving-las-vegas", "another-slug"])
@pytest.mark.parametrize("slug", ["leaving-las-vegas", "leaving-las-vegas-1995"])
def test_the_document_from_a_worker_json_is_the_one_the_writer_would_write(
    guide: Guide, given_slug: str | None, slug: str
) -> None:
    """An import's writer keeps the JSON its parse worker wrote, with the film's slug put in: it
    must be, byte for byte, what writing the guide again would give (the content hash compares it)."""
    from filmguide.store.guides import guide_document

    given = guide.model_copy(update={"slug": given_slug, "title": 'A "slug":null, title'})
    written = given.model_dump_json()

    assert guide_document(given, slug, written) == guide_document(given, slug)
    assert Guide.model_validate_json(guide_document(given, slug, written)).slug == slug


def test_an_import_stores_the_same_documents_with_or_without_parse_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filmguide import importer
    from tests.conftest import ARTICLES, SEED

    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    (tmp_path / "articles").mkdir()
    for path in [SEED, *ARTICLES.iterdir()]:
        (tmp_path / "articles" / path.name).write_bytes(path.read_bytes())
    stored = {}
    for n in (1, 2):
        store = Store.open(str(tmp_path / f"{n}.db"))
        try:
            importer.import_paths(store, [tmp_path / "articles"], workers=n)
            stored[n] = rows(store, "guides", "document", "content_hash")
        finally:
            store.close()

    assert len(stored[1]) == 7  # the two Requiem for a Dream articles are one film
    assert sorted(stored[2]) == sorted(stored[1])


def test_guide_json_is_the_guides_json_with_the_films_slug(store: Store, guide: Guide) -> None:
    store.save_guide(guide.model_copy(update={"slug": None}))
    stored = store.get_guide("leaving-las-vegas")

    assert stored is not None
    assert store.guide_json("leaving-las-vegas") == stored.to_json_dict()
    assert list(store.guide_json("leaving-las-vegas") or {}) == list(stored.to_json_dict())
    assert store.guide_json("nothing-here") is None


def test_guide_json_of_a_document_older_than_a_field_is_the_models(store: Store, guide: Guide) -> None:
    """A document kept before ``origin`` was added, and one naming another slug: read through the
    model, which adds the missing key and puts the film's slug."""
    store.save_guide(guide)
    with store.engine.begin() as conn:
        document = orjson.loads(conn.execute(text("SELECT document FROM guides")).scalar_one())
        del document["origin"]
        document["slug"] = "somewhere-else"
        conn.execute(text("UPDATE guides SET document = :d"), {"d": orjson.dumps(document).decode()})

    found = store.guide_json("leaving-las-vegas")

    assert found is not None
    assert found["origin"] is None
    assert found["slug"] == "leaving-las-vegas"
    assert list(found) == list(Guide.model_fields)
