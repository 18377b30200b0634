"""The catalog from the command line: a new database holds it from the start, ``catalog load``
reloads it without touching guides, and the similar lists are computed and stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from filmguide.store import Store
from tests.conftest import ARTICLES, SEED, SHARED
from tests.helpers import run

MOVIES_JSON = SHARED / "data" / "movies.json"


def test_a_new_database_holds_the_catalog_and_its_similar_films(empty_db_url: str) -> None:
    code, out, err = run("list", "--json", db=empty_db_url)
    assert (code, out.strip(), err) == (0, "[]", "")  # no guides, and nothing said about it

    with Store.open(empty_db_url) as store:
        assert store.catalog_size() == 3200
        assert store.list_guides() == []
        row = store.film_row("midnight-cowboy")
        assert row is not None and row.year == 1969 and not row.has_guide
        similar = store.similar("midnight-cowboy")
        assert len(similar) >= 5 and "midnight-cowboy" not in [s["slug"] for s in similar]
        assert all(s["reasons"] for s in similar)
        version = store.data_version()

    # Opening it again loads nothing more.
    assert run("list", db=empty_db_url)[0] == 0
    with Store.open(empty_db_url) as store:
        assert store.data_version() == version


def test_import_links_to_the_catalog_and_catalog_load_leaves_guides_alone(
    empty_db_url: str, tmp_path: Path
) -> None:
    code, out, err = run("import", str(SEED), db=empty_db_url)
    assert code == 0, err
    assert out.strip() == "imported 1, updated 0, unchanged 0, failed 0"
    with Store.open(empty_db_url) as store:
        guide = store.get_guide("leaving-las-vegas")
        assert guide is not None and guide.year == 1995
        # The guide's curated films come first in its film's similar list.
        similar = [s["slug"] for s in store.similar("leaving-las-vegas")]
        assert similar[:2] == ["requiem-for-a-dream", "the-wrestler"]
        version = store.guide_version("leaving-las-vegas")

    code, out, err = run("catalog", "load", db=empty_db_url)
    assert (code, out.strip()) == (0, "catalog: inserted 0, updated 0, unchanged 3200"), err
    code, out, err = run("catalog", "load", str(MOVIES_JSON), db=empty_db_url)
    assert (code, out.strip()) == (0, "catalog: inserted 0, updated 0, unchanged 3200"), err
    with Store.open(empty_db_url) as store:
        assert store.get_guide("leaving-las-vegas") == guide
        assert store.guide_version("leaving-las-vegas") == version
        assert len(store.list_guides()) == 1

    code, _, err = run("catalog", "load", str(tmp_path / "missing.json"), db=empty_db_url)
    assert code != 0 and "missing.json" in err


def test_recommend_rebuild_reads_views_read_together(db_url: str) -> None:
    assert run("import", str(SEED), str(ARTICLES / "casablanca.txt"), db=db_url)[0] == 0
    # Within one half hour of the clock (the co-reading proxy), and one a day later.
    slot = datetime.now(UTC).replace(minute=5, second=0, microsecond=0) - timedelta(hours=2)
    with Store.open(db_url) as store:
        written = store.record_events(
            [
                ("leaving-las-vegas", "view", None, slot),
                ("casablanca", "view", None, slot + timedelta(minutes=10)),
                ("casablanca", "view", None, slot + timedelta(days=1)),
                ("no-such-film", "view", None, slot),
            ]
        )
        assert written == 3
        assert store.co_reads() == {
            "leaving-las-vegas": {"casablanca": 1},
            "casablanca": {"leaving-las-vegas": 1},
        }
    code, out, err = run("recommend", "rebuild", db=db_url)
    assert code == 0, err
    assert out.startswith("similar films: ")
    with Store.open(db_url) as store:
        similar = {s["slug"]: s["reasons"] for s in store.similar("leaving-las-vegas")}
    assert "Readers of this guide also read it" in similar["casablanca"]
