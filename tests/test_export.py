"""``filmguide export``: the site as static files, on both back ends.

The store is the test's real store (SQLite, PostgreSQL) with the demo guides, a slice of the open
catalog and their similar lists; the server they are compared with is the real app over the same
store, in-process (``tests/web/conftest.py``'s ``WebClient``).
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser
from starlette.testclient import TestClient

from filmguide.export import (
    MANIFEST,
    SEARCH_INDEX,
    ExportReport,
    Links,
    export_path,
    export_site,
)
from filmguide.store import Store
from filmguide.web.app import create_app
from filmguide.web.site import HERE
from tests.helpers import CATALOG_ONLY, GUIDE, fill, relink_html, run, run_process
from tests.web.conftest import WebClient

#: A demo guide whose film is not in the catalog: deleting the guide deletes its pages.
GUIDE_ONLY = "blue-valentine"
BASE = "https://films.example.org"
API = "https://api.films.example.org"


@pytest.fixture
def site_store(store: Store) -> Store:
    """The test's store with the demo guides, part of the catalog, and similar lists."""
    return fill(store)


def export(store: Store, folder: Path, **options: str | None) -> ExportReport:
    return export_site(store, folder, workers=1, **options)  # type: ignore[arg-type]


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def server_get(store: Store, path: str, base_url: str | None = None) -> httpx.Response:
    response = WebClient(create_app(store, base_url=base_url)).get(path)
    return response


def server_page(store: Store, path: str) -> str:
    """The server's page with no public URL set: its links from the root, as the export renders."""
    return server_get(store, path).text.replace("http://testserver/", "/")


def without_share_box(html: str) -> str:
    """The page without what differs by the server that counts (the share box, the view beacon)."""
    html = re.sub(r'<div class="visually-hidden" data-view-beacon=.*?</div>\n?', "", html, flags=re.S)
    return re.sub(r'<section class="share-box".*?</section>', "", html, flags=re.S)


# --- what is written ----------------------------------------------------------------------------


def test_export_writes_every_page_with_clean_urls(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = export(site_store, out)
    files = files_of(out)
    expected = [
        "index.html", "index.json", "404.html", "robots.txt", "sitemap.xml", "feed.xml",
        f"films/{GUIDE}/index.html", f"films/{GUIDE}.json",
        f"films/{GUIDE}/no-spoilers/index.html", f"films/{GUIDE}/no-spoilers.json",
        f"films/{CATALOG_ONLY}/index.html", f"films/{CATALOG_ONLY}.json",
        "people/nicolas-cage/index.html", "people/nicolas-cage.json",
        "films/index.html", "films.json", "films/page/2/index.html", "films/page/2.json",
        "films/page/3/index.html", "search/index.html", SEARCH_INDEX,
        "static/site.css", "static/site.js", "static/search.js",
    ]  # fmt: skip
    assert [name for name in expected if name not in files] == []
    # Every film the store knows has its page and twin, every person theirs.
    film_pages = {name.split("/")[1] for name in files if re.fullmatch(r"films/[^/]+/index\.html", name)}
    assert film_pages == {row.slug for row in site_store.browse(per_page=200).films}
    person_pages = {name.split("/")[1] for name in files if re.fullmatch(r"people/[^/]+/index\.html", name)}
    assert person_pages == {p.slug for p in site_store.people()}
    assert "films/page/4/index.html" not in files  # 3 pages of 48
    # The report counts what is on disk; the manifest lists it.
    assert report.pages == sum(name.endswith(".html") for name in files)
    assert report.files == len(files) == report.written and report.unchanged == report.removed == 0
    assert (out / MANIFEST).read_text().splitlines() == sorted(files)
    count = f"{len(files):,}"
    assert (
        report.summary()
        == f"exported {report.pages:,} pages ({count} files): {count} written, 0 unchanged, 0 removed"
    )
    assert json.loads(files[f"films/{CATALOG_ONLY}.json"])["kind"] == "catalog_film"
    assert json.loads(files["films/page/2.json"])["page"] == 2


def test_a_film_page_and_its_twin_are_what_the_server_gives(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(site_store, out)
    for slug, share in ((GUIDE, True), (CATALOG_ONLY, False)):
        # The twin: the very bytes the server sends.
        assert (out / f"films/{slug}.json").read_bytes() == server_get(
            site_store, f"/films/{slug}.json"
        ).content
        # The page: the server's, its links in the export's form; a guide's share buttons are links.
        served = relink_html(server_page(site_store, f"/films/{slug}"), Links(), f"films/{slug}/")
        exported = (out / f"films/{slug}/index.html").read_text()
        assert ('class="share-box"' in exported) is share
        assert without_share_box(exported) == without_share_box(served)
    free = server_get(site_store, f"/films/{GUIDE}.json?spoilers=0").content
    assert (out / f"films/{GUIDE}/no-spoilers.json").read_bytes() == free
    person = server_get(site_store, "/people/nicolas-cage.json").content
    assert (out / "people/nicolas-cage.json").read_bytes() == person


def test_links_are_relative_and_lead_to_exported_files(site_store: Store, tmp_path: Path) -> None:
    """Every site link of every page resolves, as a browser resolves it, to a file of the export,
    or to a path the server does not have either (such as a person with no credits)."""
    out = tmp_path / "site"
    export(site_store, out)
    missing: set[str] = set()
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue
        address = "http://static.test/" + page.relative_to(out).as_posix().removesuffix("index.html")
        for link in re.findall(r'\s(?:href|src|action)="([^"]*)"', page.read_text()):
            if link.startswith(("#", "https://", "mailto:")):
                continue
            assert not link.startswith(("/", "http:")), f"{page}: {link} is not relative"
            path = unquote(urlsplit(urljoin(address, link.replace("&amp;", "&"))).path)
            target = out / path.lstrip("/")
            if not (target / "index.html" if path.endswith("/") else target).is_file():
                missing.add(path)
    for path in sorted(missing):
        site_path = path.rstrip("/")
        assert server_get(site_store, site_path).status_code == 404, f"{path} is linked but not exported"


def test_with_a_base_url_links_are_absolute_on_it(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(site_store, out, base_url=BASE + "/")
    page = LexborHTMLParser((out / f"films/{GUIDE}/index.html").read_text())
    canonical = page.css_first('link[rel="canonical"]')
    assert canonical is not None and canonical.attributes["href"] == f"{BASE}/films/{GUIDE}/"
    og = page.css_first('meta[property="og:url"]')
    assert og is not None and og.attributes["content"] == f"{BASE}/films/{GUIDE}/"
    hrefs = [a.attributes.get("href") or "" for a in page.css("a[href]")]
    site_links = [h for h in hrefs if not h.startswith(("#", "mailto:")) and "://" + "films." in h]
    assert site_links and all(h.startswith(BASE + "/") for h in site_links)
    assert f"{BASE}/people/nicolas-cage/" in hrefs
    # The share links carry the page's public address, ready without script.
    x = page.css_first('.share a.share-link[href^="https://x.com/"]')
    assert x is not None and unquote(x.attributes["href"] or "").endswith(f"url={BASE}/films/{GUIDE}/")
    # The same page as the server renders it on that public URL, modulo the link form.
    served = relink_html(server_get(site_store, f"/films/{GUIDE}", base_url=BASE).text, Links(BASE), "")
    assert without_share_box(page.html or "") == without_share_box(LexborHTMLParser(served).html or "")
    sitemap = (out / "sitemap.xml").read_text()
    assert f"<loc>{BASE}/films/{GUIDE}/</loc>" in sitemap and "<loc>/" not in sitemap
    feed = (out / "feed.xml").read_text()
    assert f'href="{BASE}/films/{GUIDE}/"' in feed and f"<id>{BASE}/films/{GUIDE}/</id>" in feed
    assert f"Sitemap: {BASE}/sitemap.xml" in (out / "robots.txt").read_text()


def test_export_paths_of_site_urls() -> None:
    assert export_path("/") == ""
    assert export_path("/films/x") == "films/x/"
    assert export_path("/films/x.json") == "films/x.json"
    assert export_path("/films/x?spoilers=0#ending") == "films/x/no-spoilers/#ending"
    assert export_path("/films/x.json?spoilers=0") == "films/x/no-spoilers.json"
    assert export_path("/films?page=2") == "films/page/2/"
    assert export_path("/films.json?page=1") == "films.json"
    assert export_path("/films?genre=Drama") is None  # a filtered page is not exported
    assert export_path("/films/x/share?to=1") is None
    assert export_path("/people/y") == "people/y/"
    assert export_path("/search?q=vegas") == "search/?q=vegas"
    assert export_path("/static/site.css?v=1") == "static/site.css?v=1"
    assert export_path("/trending.json") is None
    assert Links().href("/films/x", "films/y/") == "../../films/x/"
    assert Links().href("/", "") == "./"
    assert Links().href("/films/x", None) == "/films/x/"
    assert Links(BASE).href(BASE + "/films/x", "films/y/") == f"{BASE}/films/x/"
    assert Links().href("https://elsewhere.example/films/x", "") is None


def test_the_templates_url_builder_writes_the_export_links() -> None:
    urls = Links().for_page("films/y/")
    assert urls("/films/x") == "../../films/x/"
    assert urls("/films/x?spoilers=0") == "../../films/x/no-spoilers/"
    assert urls("/films?genre=Drama") == "/films?genre=Drama"  # not exported: left as it is
    assert urls("#cast") == "#cast"
    assert urls.public("/films/x") == "/films/x/"  # og:url: never relative to the page
    assert urls.absolute("/feed.xml") == "../../feed.xml"
    assert Links().for_page(None)("/static/site.css?v=1") == "/static/site.css?v=1"  # the 404 page
    on_base = Links(BASE).for_page("films/y/")
    assert on_base.absolute("/feed.xml") == f"{BASE}/feed.xml"
    assert on_base(f"{BASE}/films/x") == on_base("/films/x") == f"{BASE}/films/x/"
    assert on_base("https://api.example.org/films") == "https://api.example.org/films"


def test_every_template_link_goes_through_the_url_builder() -> None:
    """A site path written as it stands would be a broken link in the export: every ``href``,
    ``src`` and ``action`` of the site's templates calls ``url`` (fragments, and the share links to
    the networks, aside)."""
    templates = sorted((HERE / "templates").glob("*.html"))
    assert templates
    for template in templates:
        for value in re.findall(r'\s(?:href|src|action)="([^"]*)"', template.read_text()):
            allowed = ("#", "{{ url(", "{{ url.", "{{ static_site.share_href(")
            assert value.startswith(allowed), f"{template.name}: {value}"


# --- determinism and increments -------------------------------------------------------------------


def test_the_same_database_gives_the_same_bytes(site_store: Store, tmp_path: Path) -> None:
    site_store.record_event(GUIDE, "view")  # trending lists count up to the newest event, not "now"
    first = export(site_store, tmp_path / "one")
    assert export_site(site_store, tmp_path / "two", workers=2).files == first.files
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    again = export(site_store, tmp_path / "one")
    assert (again.written, again.unchanged, again.removed) == (0, first.files, 0)
    assert "Leaving Las Vegas" in (tmp_path / "one" / "index.html").read_text().split('id="trending"')[1]


def _saved_a_day_earlier(store: Store, slug: str) -> None:
    """Move the guide's last save back a day, so a save now changes the dates the sitemap and feed
    show (to the second) whatever the clock: without it, an import and a save in the same second
    left both files as they were."""
    from sqlalchemy import select, update

    from filmguide.store.schema import films, guides

    with store.engine.begin() as conn:
        film_id = conn.execute(select(films.c.id).where(films.c.slug == slug)).scalar_one()
        when = conn.execute(select(guides.c.updated_at).where(guides.c.film_id == film_id)).scalar_one()
        earlier = when - timedelta(days=1)
        conn.execute(update(guides).where(guides.c.film_id == film_id).values(updated_at=earlier))


def test_changing_one_guide_rewrites_exactly_the_files_that_show_it(
    site_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    _saved_a_day_earlier(site_store, GUIDE)  # dates are written to the second: the save must move them
    first = export(site_store, out)
    guide = site_store.get_guide(GUIDE)
    assert guide is not None and guide.trivia
    guide.trivia = [*guide.trivia, "An added line of trivia, for the test."]
    site_store.save_guide(guide)
    report = export(site_store, out)
    # The guide's pages and twins; the sitemap and feed, whose dates move with the guide.
    assert report.written_paths == sorted(
        [
            f"films/{GUIDE}/index.html",
            f"films/{GUIDE}.json",
            f"films/{GUIDE}/no-spoilers/index.html",
            f"films/{GUIDE}/no-spoilers.json",
            "feed.xml",
            "sitemap.xml",
        ]
    )
    assert (report.written, report.unchanged, report.removed) == (6, first.files - 6, 0)
    assert report.summary().endswith(f": 6 written, {first.files - 6:,} unchanged, 0 removed")
    assert "An added line of trivia" in (out / f"films/{GUIDE}/index.html").read_text()


def test_a_deleted_guide_takes_its_files_with_it(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "mine.txt").write_text("not the export's")  # never touched
    export(site_store, out)
    assert (out / f"films/{GUIDE_ONLY}/index.html").is_file()
    assert site_store.delete_guide(GUIDE_ONLY) and site_store.delete_guide(GUIDE)
    report = export(site_store, out)
    gone = [
        f"films/{GUIDE_ONLY}/index.html",
        f"films/{GUIDE_ONLY}.json",
        f"films/{GUIDE_ONLY}/no-spoilers/index.html",
        f"films/{GUIDE_ONLY}/no-spoilers.json",
        f"films/{GUIDE}/no-spoilers/index.html",
        f"films/{GUIDE}/no-spoilers.json",
    ]
    assert [name for name in gone if (out / name).exists()] == []
    assert not (out / f"films/{GUIDE_ONLY}").exists()  # its emptied folder too
    assert report.removed >= len(gone)
    assert report.files == len(files_of(out)) - 1  # all but the foreign file
    # A film of the catalog keeps its page, now the catalog's.
    assert json.loads((out / f"films/{GUIDE}.json").read_text())["kind"] == "catalog_film"
    assert (out / "notes" / "mine.txt").read_text() == "not the export's"
    assert f"films/{GUIDE_ONLY}/index.html" not in (out / MANIFEST).read_text().splitlines()


# --- search, share, browse ------------------------------------------------------------------------


def test_the_search_index_is_compact_and_complete(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(site_store, out)
    raw = (out / SEARCH_INDEX).read_bytes()
    index = json.loads(raw)
    assert set(index) == {"films", "people"}
    assert [GUIDE, "Leaving Las Vegas", 1995, 1] in index["films"]
    catalog_row = next(row for row in index["films"] if row[0] == CATALOG_ONLY)
    assert catalog_row[3] == 0 and catalog_row[2] == 1998
    assert ["nicolas-cage", "Nicolas Cage"] in index["people"]
    titles = [row[1].casefold() for row in index["films"]]
    assert titles == sorted(titles)
    assert len({row[0] for row in index["films"]}) == len(index["films"]) == site_store.film_count()
    assert len(raw) < 80 * (len(index["films"]) + len(index["people"]))  # a short row each
    page = (out / "search/index.html").read_text()
    assert '<script src="../static/search.js?v=' in page
    assert '<link rel="alternate" type="application/json" href="../search-index.json">' in page


def test_share_buttons_are_plain_links_without_an_api(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(site_store, out)
    page = LexborHTMLParser((out / f"films/{GUIDE}/index.html").read_text())
    share = page.css_first(".share")
    assert share is not None and share.attributes.get("data-share-api") == ""
    assert share.css("form") == []
    links = {a.text(): a.attributes.get("href") or "" for a in share.css("a.share-link")}
    assert set(links) == {"X", "Bluesky", "Facebook", "Email"}
    assert links["Email"].startswith("mailto:?body=") and links["X"].startswith(
        "https://x.com/intent/post?url="
    )
    browse = (out / "films/index.html").read_text()
    assert 'class="browse-form"' not in browse  # no server to filter with
    assert page.css("[data-view-beacon]") == [] and "view.gif" not in page.html  # nothing to count with


def test_with_an_api_base_the_share_forms_post_to_a_running_server(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(site_store, out, api_base=API)
    page = LexborHTMLParser((out / f"films/{GUIDE}/index.html").read_text())
    share = page.css_first(".share")
    assert share is not None and share.attributes.get("data-share-api") == API
    forms = share.css("form")
    assert [f.attributes.get("action") for f in forms] == [f"{API}/films/{GUIDE}/share?to=1"] * 4
    assert all(f.attributes.get("method") == "post" for f in forms)
    browse = LexborHTMLParser((out / "films/index.html").read_text()).css_first("form.browse-form")
    assert browse is not None and browse.attributes.get("action") == f"{API}/films"
    beacon = page.css_first("[data-view-beacon]")  # the view beacon goes to the server too
    assert beacon is not None and beacon.attributes.get("data-view-beacon") == f"{API}/films/{GUIDE}/view"
    assert f'src="{API}/films/{GUIDE}/view.gif"' in (out / f"films/{GUIDE}/index.html").read_text()
    # Posted to the server as a browser posts the form: recorded, then sent on to the network.
    form = forms[0]
    channel = form.css_first('input[name="channel"]')
    assert channel is not None
    fields = {"channel": channel.attributes.get("value") or ""}
    action = urlsplit(form.attributes.get("action") or "")
    before = {c.slug: c.count for c in site_store.top_films("share")}
    # The server's lifespan runs, so its buffered events are written when it stops.
    with TestClient(create_app(site_store, base_url=BASE), base_url=API) as server:
        response = server.post(f"{action.path}?{action.query}", data=fields, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("https://x.com/intent/post?url=")
    after = {c.slug: c.count for c in site_store.top_films("share")}
    assert after.get(GUIDE, 0) == before.get(GUIDE, 0) + 1


# --- the command ------------------------------------------------------------------------------------


def test_the_command_exports_and_reports(site_store: Store, db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, stdout, _ = run("export", str(out), "--workers", "2", db=db_url)
    assert code == 0
    match = re.fullmatch(
        r"exported ([\d,]+) pages \(([\d,]+) files\): \2 written, 0 unchanged, 0 removed\n", stdout
    )
    assert match is not None, stdout
    assert (out / f"films/{GUIDE}/index.html").is_file()
    code, stdout, _ = run("export", str(out), db=db_url)
    assert code == 0 and stdout.endswith(f"0 written, {match.group(2)} unchanged, 0 removed\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("file", "exists and is not a folder"),
        ("under-a-file", "cannot write to"),
        ("base-url", "--base-url must be an http(s) URL"),
    ],
)
def test_a_bad_folder_or_url_is_one_line_and_a_non_zero_exit(
    site_store: Store, db_url: str, tmp_path: Path, make: str, message: str
) -> None:
    target = tmp_path / "taken"
    target.write_text("a file")
    args = ["export", str(target)]
    if make == "under-a-file":
        args = ["export", str(target / "site")]
    elif make == "base-url":
        args = ["export", str(tmp_path / "site"), "--base-url", "ftp://films.example.org"]
    result = run_process(*args, "--db", db_url)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_an_unwritable_folder_is_one_line(site_store: Store, db_url: str) -> None:
    """``/sys`` (sysfs) takes no new files, whoever asks: a folder no one may write to, even root."""
    result = run_process("export", "/sys", "--db", db_url)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot write to /sys: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
