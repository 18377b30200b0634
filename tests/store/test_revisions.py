"""Nothing lost, in the store, on both back ends: every change keeps the version it replaces,
writes that would lose much are refused, deletes go to a trash that gives guides back whole,
the trash and the revisions are pruned only when asked, and dumps carry all of it."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, update

from filmguide import importer
from filmguide.article import parse_path
from filmguide.model import CastMember, Guide
from filmguide.store import Store, alembic_config, create_store_engine
from filmguide.store.guides import WritePolicy
from filmguide.store.revisions import GuideLoss, RevisionError, StaleWrite
from filmguide.store.schema import credits, films, guide_revisions, guides, trash
from tests.conftest import SEED


@pytest.fixture
def seed() -> Guide:
    return parse_path(SEED)


def cut(guide: Guide) -> Guide:
    """The seed as a cut-off copy would give it: one cast member, nothing after."""
    return Guide(
        title=guide.title,
        year=guide.year,
        directors=guide.directors,
        intro=guide.intro,
        cast=[CastMember(actor="Nicolas Cage", character="Ben Sanderson")],
    )


def document(store: Store, slug: str) -> str:
    with store.engine.connect() as conn:
        return str(
            conn.scalar(select(guides.c.document).join_from(guides, films).where(films.c.slug == slug))
        )


def credit_count(store: Store, slug: str) -> int:
    with store.engine.connect() as conn:
        query = select(func.count()).select_from(credits).join(films).where(films.c.slug == slug)
        return int(conn.scalar(query) or 0)


def test_a_change_keeps_the_version_it_replaces_with_when_what_and_a_summary(
    store: Store, seed: Guide
) -> None:
    store.save_guide(seed, source="articles/llv.txt")
    first = document(store, "leaving-las-vegas")
    more = seed.model_copy(update={"trivia": [*seed.trivia, "A sixth fact of our own."]})
    assert store.save_guide(more, source="api:editor").changed

    history = store.history("leaving-las-vegas")
    assert [(r.revision, r.current) for r in history] == [(2, True), (1, False)]
    assert history[0].source == "api:editor"
    assert history[0].summary == f"trivia {len(seed.trivia)} → {len(seed.trivia) + 1}"
    assert history[1].source == "articles/llv.txt" and history[1].summary is None  # created
    assert history[0].created_at >= history[1].created_at
    kept = store.revision("leaving-las-vegas", 1)
    assert kept is not None and kept.model_dump_json() == first
    assert store.revision("leaving-las-vegas", 3) is None

    # Saving the same guide again changes nothing and keeps nothing more.
    assert not store.save_guide(more, source="api:editor").changed
    assert len(store.history("leaving-las-vegas")) == 2


def test_a_write_that_would_lose_much_is_refused_and_goes_through_when_forced(
    store: Store, seed: Guide
) -> None:
    store.save_guide(seed)
    before = document(store, "leaving-las-vegas")
    with pytest.raises(GuideLoss) as refused:
        store.save_guide(cut(seed))
    assert refused.value.slug == "leaving-las-vegas"
    assert f"cast {len(seed.cast)} → 1" in refused.value.lost
    assert f"awards {len(seed.awards)} → 0" in refused.value.lost
    assert "\n" not in str(refused.value)
    assert document(store, "leaving-las-vegas") == before  # untouched
    assert credit_count(store, "leaving-las-vegas") > 1
    assert len(store.history("leaving-las-vegas")) == 1

    result = store.save_guide(cut(seed), policy=WritePolicy(force=True))
    assert result.changed
    restored_from, again = store.restore("leaving-las-vegas", 1)
    assert restored_from == 1 and again.changed
    back = store.get_guide("leaving-las-vegas")
    assert back is not None and len(back.cast) == len(seed.cast) == 6 and len(back.awards) == 9
    history = store.history("leaving-las-vegas")
    assert [r.revision for r in history] == [3, 2, 1]
    assert history[0].summary is not None and history[0].summary.startswith("restored revision 1: cast 1 → 6")


def test_if_match_names_the_version_replaced(store: Store, seed: Guide) -> None:
    store.save_guide(seed)
    state = store.guide_state("leaving-las-vegas")
    assert state is not None and state[0] == 1
    with pytest.raises(StaleWrite):
        store.save_guide_at("leaving-las-vegas", cut(seed), policy=WritePolicy(expect="0" * 64))
    # The current hash: the writer has seen what it replaces, losses included.
    assert store.save_guide_at("leaving-las-vegas", cut(seed), policy=WritePolicy(expect=state[1])).changed
    with pytest.raises(StaleWrite):  # now stale
        store.save_guide_at("leaving-las-vegas", seed, policy=WritePolicy(expect=state[1]))


def test_delete_moves_to_the_trash_and_restore_brings_the_guide_back_whole(store: Store, seed: Guide) -> None:
    store.save_guide(seed)
    whole, people = document(store, "leaving-las-vegas"), credit_count(store, "leaving-las-vegas")
    assert store.search("Sera").films

    assert store.delete_guide("leaving-las-vegas", source="api:editor")
    assert store.get_guide("leaving-las-vegas") is None
    assert store.list_guides() == []
    assert not store.search("Sera").films
    [gone] = store.trash()
    assert (gone.slug, gone.title, gone.year, gone.revision, gone.source) == (
        "leaving-las-vegas",
        "Leaving Las Vegas",
        seed.year,
        1,
        "api:editor",
    )
    assert [r.current for r in store.history("leaving-las-vegas")] == [False]

    revision, result = store.restore("leaving-las-vegas")
    assert revision == 1 and result.created
    assert document(store, "leaving-las-vegas") == whole
    assert credit_count(store, "leaving-las-vegas") == people
    assert store.search("Sera").films
    assert store.trash() == []
    history = store.history("leaving-las-vegas")
    assert [r.revision for r in history] == [2, 1]
    assert history[0].summary == "restored from the trash (revision 1)"
    with pytest.raises(RevisionError):
        store.restore("leaving-las-vegas")  # not in the trash any more
    with pytest.raises(RevisionError):
        store.restore("leaving-las-vegas", 9)


def test_the_trash_is_emptied_and_revisions_pruned_only_as_asked(store: Store, seed: Guide) -> None:
    store.save_guide(seed)
    for n in range(4):
        store.save_guide(seed.model_copy(update={"trivia": [*seed.trivia, f"Fact {n}."]}))
    other = seed.model_copy(update={"title": "Barfly", "year": 1987, "slug": None})
    store.save_guide(other)
    store.delete_guide("barfly")
    assert [r.revision for r in store.history("leaving-las-vegas")] == [5, 4, 3, 2, 1]

    # Old enough? None is: nothing goes.
    assert store.prune_revisions(keep=1, before=datetime.now(UTC) - timedelta(days=30)) == 0
    assert store.prune_revisions(keep=2) == 2  # revisions 2 and 1; the trashed guide's stays
    assert [r.revision for r in store.history("leaving-las-vegas")] == [5, 4, 3]
    assert [r.revision for r in store.history("barfly")] == [1]

    assert store.empty_trash(datetime.now(UTC) - timedelta(days=1)) == []
    with store.engine.begin() as conn:
        conn.execute(update(trash).values(deleted_at=datetime.now(UTC) - timedelta(days=40)))
    assert store.empty_trash(datetime.now(UTC) - timedelta(days=30)) == ["barfly"]
    assert store.history("barfly") == [] and store.trash() == []
    with pytest.raises(RevisionError):
        store.restore("barfly")


def test_demo_content_never_replaces_a_guide_that_did_not_come_from_the_demo(store: Store) -> None:
    mine = importer.DEMO_DIR / "leaving-las-vegas.md"
    own = parse_path(mine).model_copy(update={"trivia": ["Written by the site's own editor."]})
    store.save_guide(own, source="api:editor")
    report = importer.import_paths(store, [importer.DEMO_DIR], policy=WritePolicy(demo=True))
    assert report.kept == ["leaving-las-vegas"] and not report.failures
    kept = store.get_guide("leaving-las-vegas")
    assert kept is not None and kept.trivia == ["Written by the site's own editor."]
    # Demo guides themselves are updated by the demo as before.
    assert report.imported == 5


def test_dump_and_load_carry_revisions_and_the_trash(store: Store, seed: Guide, tmp_path: object) -> None:
    store.save_guide(seed)
    store.save_guide(seed.model_copy(update={"trivia": ["Only one fact."]}), policy=WritePolicy(force=True))
    store.delete_guide("leaving-las-vegas")
    out = io.BytesIO()
    report = store.dump(out)
    assert report.rows["guide_revisions"] == 2 and report.rows["trash"] == 1
    with store.engine.begin() as conn:
        conn.execute(guide_revisions.delete())
        conn.execute(trash.delete())
    store.load(io.BytesIO(out.getvalue()), "dump", replace=True)
    assert [t.slug for t in store.trash()] == ["leaving-las-vegas"]
    assert [r.revision for r in store.history("leaving-las-vegas")] == [2, 1]
    store.restore("leaving-las-vegas")
    back = store.get_guide("leaving-las-vegas")
    assert back is not None and back.trivia == ["Only one fact."]


def test_migration_0009_gives_an_existing_database_revisions(empty_db_url: str, seed: Guide) -> None:
    """A guide saved, the database taken back to 0007 (the tables and column go, the guide stays),
    then opened again: migrated, the guide has its current version only, and its next change
    keeps the old one."""
    with Store.open(empty_db_url) as store:
        store.save_guide(seed, source="old.txt")
        with store.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0007")
    engine = create_store_engine(empty_db_url)
    try:
        with engine.connect() as conn:
            assert not {"guide_revisions", "trash"} & set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    with Store.open(empty_db_url) as store:
        assert store.migrated
        assert [(r.revision, r.current, r.source) for r in store.history("leaving-las-vegas")] == [
            (1, True, "old.txt")
        ]
        store.save_guide(seed.model_copy(update={"trivia": [*seed.trivia, "One more."]}))
        assert [r.revision for r in store.history("leaving-las-vegas")] == [2, 1]
        assert store.revision("leaving-las-vegas", 1) is not None
