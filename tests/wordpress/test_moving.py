"""A WordPress site moved in: exports imported into a real store (SQLite and PostgreSQL), old
addresses answering 301, drafts kept off the site, a re-import changing nothing, and the aliases
carried by dump, load and check."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from filmguide import importer
from filmguide.export import export_site
from filmguide.importer import pool
from filmguide.importer import wordpress as moving
from filmguide.redirects import REDIRECTS_MAP, redirect_folder
from filmguide.store import Store
from filmguide.store.guides import WritePolicy
from filmguide.store.schema import aliases, films
from filmguide.web.app import create_app
from tests.conftest import ARTICLES
from tests.web.conftest import WebClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress"
BLOCK = FIXTURES / "block-editor.xml"
CLASSIC = FIXTURES / "classic-editor.xml"
REST = FIXTURES / "rest-posts.json"
BOMB = FIXTURES / "billion-laughs.xml"
REQUIEM = ["/2021/03/requiem-for-a-dream-explained", "/?p=101", "/requiem-for-a-dream-explained"]


def test_an_export_imports_its_published_posts_and_counts_the_rest(store: Store) -> None:
    warnings: list[str] = []
    report = importer.import_paths(store, [BLOCK], warn=warnings.append)
    assert (report.imported, report.updated, report.unchanged, report.failures) == (3, 0, 0, [])
    assert report.skipped == {"drafts": 1, "pages": 1, "attachments": 1, "menu items": 1, "revisions": 1}
    assert report.summary() == (
        "imported 3, updated 0, unchanged 0, failed 0, "
        "skipped 5 (attachments 1, drafts 1, menu items 1, pages 1, revisions 1)"
    )
    assert warnings == [f"{BLOCK}: post 104 “Nope (2022) Ending Explained”: not published (draft), skipped"]
    assert [g.slug for g in store.list_guides()] == ["arrival", "gravity", "requiem-for-a-dream"]
    assert store.aliases("requiem-for-a-dream") == REQUIEM
    stored = store.get_guide("requiem-for-a-dream")
    assert stored is not None and stored.origin is not None and stored.origin.author == "Marta Kowal"


def test_importing_the_same_export_again_changes_nothing(store: Store) -> None:
    first = importer.import_paths(store, [BLOCK, CLASSIC, REST])
    assert (first.imported, first.updated) == (7, 0)
    versions = {g.slug: store.guide_version(g.slug) for g in store.list_guides()}
    version = store.data_version()
    again = importer.import_paths(store, [BLOCK, CLASSIC, REST])
    assert (again.imported, again.updated, again.unchanged, again.failures) == (0, 0, 7, [])
    assert {g.slug: store.guide_version(g.slug) for g in store.list_guides()} == versions
    assert store.data_version() == version


def test_aliases_survive_a_re_import_and_an_edit_of_the_guide(store: Store) -> None:
    importer.import_paths(store, [BLOCK])
    guide = store.get_guide("requiem-for-a-dream")
    assert guide is not None
    store.save_guide(guide.model_copy(update={"trivia": ["An edited line."]}))  # the desk, say
    assert store.aliases("requiem-for-a-dream") == REQUIEM
    report = importer.import_paths(store, [BLOCK])
    assert report.updated == 1  # the post puts back what the edit changed
    assert store.aliases("requiem-for-a-dream") == REQUIEM


def test_a_new_old_address_counts_as_an_update(store: Store) -> None:
    importer.import_paths(store, [BLOCK])
    guide = store.get_guide("gravity")
    assert guide is not None
    result = store.save_guide(guide, aliases=["/gravity-2013"])
    assert result.changed and not result.created
    assert store.alias_target("/gravity-2013") == "gravity"
    assert not store.save_guide(guide, aliases=["/gravity-2013"]).changed


def test_old_addresses_answer_301_and_drafts_never_reach_the_site(store: Store) -> None:
    importer.import_paths(store, [BLOCK, REST])
    web = WebClient(create_app(store))
    for old in (
        "/2021/03/requiem-for-a-dream-explained/",
        "/2021/03/requiem-for-a-dream-explained",
        "/requiem-for-a-dream-explained/",
        "/?p=101",
    ):
        answer = web.get(old, follow_redirects=False)
        assert answer.status_code == 301, old
        assert answer.headers["location"] == "/films/requiem-for-a-dream", old
    assert web.get("/reviews/the-ending-of-vertigo-explained/", follow_redirects=False).headers[
        "location"
    ] == ("/films/vertigo")
    twin = web.get("/films/requiem-for-a-dream.json").json()
    assert twin["aliases"] == REQUIEM
    assert twin["guide"]["origin"]["categories"] == ["Endings Explained"]
    # The draft (post 104, "Nope"): no page, no redirect, not in the sitemap, the feed or the search.
    assert web.get("/?p=104", follow_redirects=False).status_code == 200  # the home page
    assert web.get("/films/nope").status_code == 404
    for path in ("/sitemap.xml", "/feed.xml", "/search?q=nope", "/search.json?q=ranch"):
        body = web.get(path).text
        assert "Nope" not in body and "never be published" not in body, path
    # The page and the attachment have no guide and no alias.
    assert web.get("/about/", follow_redirects=False).status_code == 404


def test_an_entity_bomb_is_one_failure_and_writes_nothing(store: Store) -> None:
    report = importer.import_paths(store, [BOMB])
    assert report.failures == [f"{BOMB}: refused: the XML declares a DTD or entities (DTDForbidden)"]
    assert store.list_guides() == []


def test_a_named_xml_file_that_is_no_export_is_one_line(store: Store, tmp_path: Path) -> None:
    odd = tmp_path / "notes.json"
    odd.write_text("just words")
    report = importer.import_paths(store, [odd])
    assert report.failures == [f"{odd}: not a WordPress export (WXR) or REST API posts file"]


def _many_posts(count: int) -> str:
    items = "".join(
        f"<item><title>Film Number {n} ({1950 + n % 60}) Movie Explained</title>"
        f"<link>https://old.example/{n}/film-{n}/</link><wp:post_id>{n}</wp:post_id>"
        f"<wp:post_name>film-{n}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        f"<content:encoded><![CDATA[Film {n} follows a person.\n\n<h2>Ending Explained</h2>\nIt ends, {n}.]]>"
        "</content:encoded></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_workers_save_every_post_in_order(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(importer, "PARSE_CHUNK", 3)
    monkeypatch.setattr(pool, "IN_FLIGHT_PER_WORKER", 1)
    export = tmp_path / "many.xml"
    export.write_text(_many_posts(40))
    report = importer.import_paths(store, [export], workers=workers)
    assert (report.imported, report.failures) == (40, [])
    assert store.alias_target("/7/film-7") == "film-number-7"
    assert store.alias_target("/?p=39") == "film-number-39"
    assert len(store.search("ends", limit=50).films) == 40  # the search index caught up with them


@pytest.mark.parametrize("workers", [1, 2])
def test_the_posts_before_a_fault_in_the_file_are_imported(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Saved in batches, parsed ahead by workers: what was read before the fault is saved all the
    same, and the fault is one failure line."""
    monkeypatch.setattr(importer, "PARSE_CHUNK", 4)
    text = _many_posts(40)
    cut = text[: text.index("<item><title>Film Number 30 ")] + "<item><title>Film Number 30</channel></rss>"
    export = tmp_path / "cut.xml"
    export.write_text(cut)
    report = importer.import_paths(store, [export], workers=workers)
    assert report.imported == 30
    [line] = report.failures
    assert "not well-formed XML" in line and str(export) in line
    assert store.get_guide("film-number-29") is not None and store.get_guide("film-number-30") is None


def test_two_exports_sharing_an_old_address_import_again_unchanged(store: Store, tmp_path: Path) -> None:
    """Two sites' exports both have a post 3: its ``/?p=3`` stays with the first post that
    claimed it, and importing both again changes nothing (it moved back and forth before)."""
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    first.write_text(_many_posts(4))
    second.write_text(
        _many_posts(4).replace("Film Number", "Other Film").replace("old.example", "other.example")
    )
    warnings: list[str] = []
    report = importer.import_paths(store, [first, second], warn=warnings.append)
    assert (report.imported, report.failures) == (8, [])
    assert store.alias_target("/?p=3") == "film-number-3"
    assert store.alias_target("/3/film-3") == "film-number-3"  # the same path on both sites
    assert (
        f"{second}: post 3 “Other Film 3 (1953) Movie Explained”: its old address /?p=3 already leads "
        in ("\n".join(warnings))
    )
    version = store.data_version()
    again = importer.import_paths(store, [first, second])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 8)
    assert store.data_version() == version


def test_dump_and_load_carry_aliases_and_check_knows_them(store: Store, tmp_path: Path) -> None:
    importer.import_paths(store, [BLOCK])
    out = io.BytesIO()
    store.dump(out)
    other = Store.open(f"sqlite:///{tmp_path / 'moved.db'}")
    try:
        other.load(io.BytesIO(out.getvalue()), "site.jsonl")
        assert other.all_aliases() == store.all_aliases()
        assert other.alias_target("/?p=102") == "arrival"
        findings = {f.label: f for f in other.check()}
        assert findings["aliases (old addresses answered with 301)"].count == 9
        assert not findings["aliases not in the stored form"].problem
        with other.engine.begin() as conn:
            film_id = conn.scalar(select(films.c.id).where(films.c.slug == "arrival"))
            conn.execute(
                insert(aliases).values(path="/trailing/", film_id=film_id, created_at=datetime.now(UTC))
            )
        findings = {f.label: f for f in other.check()}
        assert findings["aliases not in the stored form"].problem
        assert findings["aliases not in the stored form"].detail == "/trailing/"
    finally:
        other.close()


def test_a_second_post_about_one_film_leads_to_the_first_ones_guide(store: Store, tmp_path: Path) -> None:
    export = tmp_path / "two.xml"
    export.write_text(
        _many_posts(2)
        .replace("Film Number 1 (1951)", "Film Number 0 (1950)")
        .replace("It ends, 1.", "It ends another way.")
    )
    warnings: list[str] = []
    report = importer.import_paths(store, [export], warn=warnings.append)
    assert (report.imported, report.skipped) == (1, {moving.SAME_FILM: 1})
    assert warnings == [
        f"{export}: post 1 “Film Number 0 (1950) Movie Explained”: the same film as post 0 “Film Number 0 "
        "(1950) Movie Explained” (/films/film-number-0): its addresses lead there, its text is not imported"
    ]
    assert (
        store.alias_target("/1/film-1") == "film-number-0" and store.alias_target("/?p=1") == "film-number-0"
    )
    guide = store.get_guide("film-number-0")
    assert guide is not None and guide.ending == ["It ends, 0."]
    again = importer.import_paths(store, [export])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)


def test_the_export_writes_redirect_pages_and_the_nginx_map(store: Store, tmp_path: Path) -> None:
    importer.import_paths(store, [BLOCK])
    guide = store.get_guide("arrival")
    assert guide is not None
    store.save_guide(guide, aliases=["/films/old-arrival", "/../../escape", '/odd"quote'])
    export_site(store, tmp_path / "site", workers=1)
    site = tmp_path / "site"
    page = (site / "2021/03/requiem-for-a-dream-explained/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=/films/requiem-for-a-dream/"' in page
    assert '<link rel="canonical" href="/films/requiem-for-a-dream/">' in page
    assert not (site / "films/old-arrival").exists()  # the export's own folder: the map alone
    assert not (tmp_path / "escape").exists() and not (site / "escape").exists()
    moved = (site / REDIRECTS_MAP).read_text(encoding="utf-8")
    assert '    "/2021/05/arrival-ending/" "/films/arrival/";\n' in moved
    assert '    "102" "/films/arrival/";\n' in moved
    assert '    "/odd\\"quote" "/films/arrival/";\n' in moved
    twin = (site / "films/arrival.json").read_bytes()
    assert b'"aliases":["/../../escape","/2021/05/arrival-ending","/?p=102"' in twin


def test_redirect_folders_stay_inside_the_export() -> None:
    reserved = frozenset({"films"})
    assert redirect_folder("/2021/03/x", reserved=reserved) == "2021/03/x"
    for path in ("/?p=3", "/films/x", "/a/../b", "/.hidden/x", "/a\\b", "/"):
        assert redirect_folder(path, reserved=reserved) is None, path


def test_a_post_that_would_lose_much_of_a_guide_fails_alone_unless_forced(store: Store) -> None:
    """A post about a film whose guide it would cut short is refused as an article file is: one
    failure line naming the loss, the other posts imported; ``--force`` replaces the guide."""
    importer.import_paths(store, [ARTICLES / "requiem-for-a-dream.txt"])
    full = store.get_guide("requiem-for-a-dream")
    assert full is not None

    report = importer.import_paths(store, [BLOCK])
    assert report.imported == 2 and len(report.failures) == 1
    [line] = report.failures
    assert "Requiem for a Dream" in line and "refused: the guide 'requiem-for-a-dream' would lose" in line
    assert line.endswith("import --force to replace it") and "\n" not in line
    assert store.get_guide("requiem-for-a-dream") == full  # untouched

    forced = importer.import_paths(store, [BLOCK], policy=WritePolicy(force=True))
    assert (forced.updated, forced.failures) == (1, [])
    replaced = store.get_guide("requiem-for-a-dream")
    assert replaced is not None and len(replaced.awards) < len(full.awards)
    assert len(store.history("requiem-for-a-dream")) == 2  # the full guide is kept as a revision
