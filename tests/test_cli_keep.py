"""The "nothing lost" commands end to end, as the issue's outside check runs them, on SQLite and
PostgreSQL: a cut-off re-import refused until --force, history, diff, restore --revision, delete
to the trash and back, trash empty, prune-revisions, demo load leaving a user's guide alone, and
db check --repair after each kind of damage."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, update

from filmguide import importer
from filmguide.store import Store
from filmguide.store.schema import credits, film_refs, films, guide_revisions, guides, search_docs, trash
from tests.conftest import SEED
from tests.helpers import run, unchecked


@pytest.fixture
def db(db_url: str) -> str:
    Store.open(db_url).close()  # migrated: the CLI loads no catalog into it
    return db_url


def cut_copy(folder: Path) -> Path:
    """The seed cut after 2,000 characters with one cast line added, under the seed's name."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")[:2000]
    path = folder / SEED.name
    path.write_text(text + "\nCast\n- Nicolas Cage as Ben Sanderson\n", encoding="utf-8")
    return path


def counts(db: str) -> tuple[int, int]:
    code, out, err = run("show", "leaving-las-vegas", db=db)
    assert code == 0, err
    guide = json.loads(out)
    return len(guide["cast"]), len(guide["awards"])


def test_the_outside_check_refuse_force_history_restore(db: str, tmp_path: Path) -> None:
    assert run("import", str(SEED), db=db)[0] == 0
    before = run("show", "leaving-las-vegas", db=db)[1]
    cut = cut_copy(tmp_path / "cut")

    code, out, err = run("import", str(cut), db=db)
    assert code == 1
    [line] = [line for line in err.splitlines() if line.startswith("failed:")]
    assert "refused" in line and "cast 6 → 1" in line and "awards 9 → 0" in line and "--force" in line
    assert out.strip() == "imported 0, updated 0, unchanged 0, failed 1"
    assert run("show", "leaving-las-vegas", db=db)[1] == before

    code, out, err = run("import", "--force", str(cut), db=db)
    assert code == 0, err
    assert out.strip() == "imported 0, updated 1, unchanged 0, failed 0"
    assert counts(db) == (1, 0)

    code, out, _ = run("history", "leaving-las-vegas", "--json", db=db)
    history = json.loads(out)
    assert code == 0 and [h["revision"] for h in history] == [2, 1]
    assert all({"revision", "created_at", "source", "summary"} <= h.keys() for h in history)
    assert history[0]["source"] == str(cut) and "cast 6 → 1" in history[0]["summary"]
    assert history[1]["source"] == str(SEED) and history[1]["summary"] == "created"

    code, out, _ = run("diff", "leaving-las-vegas", db=db)
    assert code == 0
    assert "cast (6 → 1)" in out and "  - Ben Sanderson" not in out
    assert "  - actor: Julian Sands; character: Yuri" in out

    code, out, err = run("restore", "leaving-las-vegas", "--revision", "1", db=db)
    assert code == 0, err
    assert out.strip() == "restored leaving-las-vegas from revision 1 as revision 3"
    assert counts(db) == (6, 9)
    assert run("show", "leaving-las-vegas", db=db)[1] == before

    code, _, err = run("restore", "leaving-las-vegas", "--revision", "7", db=db)
    assert (
        code == 1
        and err.strip()
        == "error: the guide 'leaving-las-vegas' has no revision 7 (see: filmguide history leaving-las-vegas)"
    )
    code, _, err = run("history", "no-such-film", db=db)
    assert code == 1 and "no guide or history" in err


def test_delete_goes_to_the_trash_and_restore_brings_it_back(db: str) -> None:
    assert run("import", str(SEED), db=db)[0] == 0
    code, out, _ = run("delete", "leaving-las-vegas", db=db)
    assert code == 0 and out.startswith("moved leaving-las-vegas to the trash")
    assert json.loads(run("list", "--json", db=db)[1]) == []
    assert run("show", "leaving-las-vegas", db=db)[0] == 1
    code, out, _ = run("trash", "list", "--json", db=db)
    [entry] = json.loads(out)
    assert entry["slug"] == "leaving-las-vegas" and entry["source"] == "cli" and entry["revision"] == 1

    code, out, err = run("restore", "leaving-las-vegas", db=db)
    assert code == 0, err
    assert counts(db) == (6, 9)
    assert json.loads(run("trash", "list", "--json", db=db)[1]) == []

    run("delete", "leaving-las-vegas", db=db)
    code, out, _ = run("trash", "empty", "--older-than", "30", db=db)
    assert out.strip() == "removed 0 guide(s) from the trash for good"
    code, out, _ = run("trash", "empty", db=db)
    assert out.strip() == "removed 1 guide(s) from the trash for good"
    assert run("restore", "leaving-las-vegas", db=db)[0] == 1
    assert run("history", "leaving-las-vegas", db=db)[0] == 1


def test_prune_revisions_keeps_the_newest(db: str, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / SEED.name
    for n in range(4):
        path.write_text(text.replace("emaciated", f"emaciated ({n})", 1), encoding="utf-8")
        assert run("import", str(path), db=db)[0] == 0
    assert len(json.loads(run("history", "leaving-las-vegas", "--json", db=db)[1])) == 4
    code, out, _ = run("db", "prune-revisions", "--keep", "1", "--older-than", "1", db=db)
    assert out.strip() == "pruned 0 revision(s)"
    code, out, _ = run("db", "prune-revisions", "--keep", "1", db=db)
    assert code == 0 and out.strip() == "pruned 2 revision(s)"
    assert [h["revision"] for h in json.loads(run("history", "leaving-las-vegas", "--json", db=db)[1])] == [
        4,
        3,
    ]


def test_demo_load_skips_a_guide_that_did_not_come_from_the_demo(db: str) -> None:
    assert run("import", str(SEED), db=db)[0] == 0
    before = run("show", "leaving-las-vegas", db=db)[1]
    code, out, err = run("demo", "load", db=db)
    assert code == 0, err
    assert "skipped: leaving-las-vegas: its guide did not come from the demo" in err
    assert out.strip() == "imported 5, updated 0, unchanged 0, failed 0"
    assert run("show", "leaving-las-vegas", db=db)[1] == before


def damage(store: Store) -> None:
    """One of each kind of fault db check reports."""
    with unchecked(store) as conn:
        film_id = conn.scalar(select(films.c.id).where(films.c.slug == "midnight-cowboy"))
        # a stale search entry, and one of a film that has none
        conn.execute(update(search_docs).where(search_docs.c.film_id == film_id).values(body="nothing"))
        wrestler = conn.scalar(select(films.c.id).where(films.c.slug == "the-wrestler"))
        conn.execute(delete(search_docs).where(search_docs.c.film_id == wrestler))
        # a hash that is not the document's
        conn.execute(update(guides).where(guides.c.film_id == film_id).values(content_hash="0" * 64))
        # orphan rows: credits and references of a film that does not exist
        conn.execute(insert(credits).values(film_id=999_999, role="actor", position=0, person_id=1))
        conn.execute(
            insert(film_refs).values(
                film_id=999_999, kind="recommendation", position=0, title="Nowhere", title_key="nowhere"
            )
        )
        # revisions pointing nowhere, and a trash entry whose guide is not kept
        conn.execute(
            insert(guide_revisions).values(
                slug="never-was", revision=1, document="{}", content_hash="0" * 64, created_at=_now()
            )
        )
        conn.execute(insert(trash).values(slug="gone-for-good", title="Gone", revision=3, deleted_at=_now()))


def _now() -> datetime:
    return datetime.now(UTC)


def test_db_check_repair_fixes_every_kind_of_damage_in_one_run(db: str) -> None:
    with Store.open(db) as store:
        assert not importer.import_paths(store, [importer.DEMO_DIR]).failures
        store.delete_guide("blue-valentine")
        damage(store)
    code, out, _ = run("db", "check", db=db)
    assert code == 1
    problems = {
        line.split(":")[0].removeprefix("PROBLEM").strip()
        for line in out.splitlines()
        if line.startswith("PROBLEM")
    }
    assert problems >= {
        "credits.film_id naming no films.id",
        "film_refs.film_id naming no films.id",
        "guides whose content_hash does not match",
        "guide_revisions of no guide and no trash entry",
        "trash entries whose revision is missing",
        "guided or catalog films missing from the search index",
        "search index entries out of date with their film",
    }

    code, out, err = run("db", "check", "--repair", db=db)
    assert code == 0, out + err
    assert out.strip().endswith("0 problem(s) in " + out.strip().rsplit(" in ", 1)[1])
    repaired = [line for line in out.splitlines() if line.startswith("repaired ")]
    assert len(repaired) >= 6
    code, out, _ = run("db", "check", db=db)
    assert code == 0 and "PROBLEM" not in out
    # The trashed guide survived the repair, and comes back.
    assert run("restore", "blue-valentine", db=db)[0] == 0
