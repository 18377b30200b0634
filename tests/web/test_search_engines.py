"""What search engines and feed readers read: browse pages canonical to themselves, catalog films
in the sitemap (a sitemap index past its limit), the export's feed ids equal to its canonical URLs,
and catalog descriptions that use a genre as an adjective."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from filmguide.export import export_site
from filmguide.store import Store
from filmguide.web import feeds, seo
from filmguide.web.app import create_app
from tests.helpers import CATALOG_ONLY, fill
from tests.web.conftest import WebClient, canonical, html_tree, meta

BASE = "http://testserver"
PUBLIC = "https://films.example.org"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(store: Store) -> WebClient:
    """The demo guides, part of the catalog (three browse pages) and similar lists."""
    return WebClient(create_app(fill(store)))


def test_each_browse_page_is_canonical_to_itself(site: WebClient) -> None:
    assert canonical(html_tree(site.get("/films"))) == BASE + "/films"
    for path in ("/films?page=2", "/films?page=3", "/films?genre=Drama", "/films?sort=year&page=2"):
        tree = html_tree(site.get(path))
        assert canonical(tree) == BASE + path, path
        assert meta(tree, "og:url") == BASE + path
        assert meta(tree, "robots") == "index,follow"


def test_the_exports_browse_pages_are_canonical_to_themselves(store: Store, tmp_path: Path) -> None:
    export_site(fill(store), tmp_path, base_url=PUBLIC, workers=1)
    for folder in ("films/", "films/page/2/", "films/page/3/"):
        tree = LexborHTMLParser((tmp_path / folder / "index.html").read_text())
        assert canonical(tree) == f"{PUBLIC}/{folder}"


def _locs(body: bytes) -> list[str]:
    return [loc.text or "" for loc in ET.fromstring(body).iter(SM + "loc")]


def test_the_sitemap_lists_every_film_page_once_catalog_films_included(site: WebClient, store: Store) -> None:
    locs = _locs(site.get("/sitemap.xml").content)
    assert len(locs) == len(set(locs))
    films = {loc for loc in locs if loc.startswith(BASE + "/films/")}
    listed = store.browse(per_page=200)
    assert listed.total > 100 and len(films) == listed.total
    assert f"{BASE}/films/{CATALOG_ONLY}" in films and f"{BASE}/films/leaving-las-vegas" in films
    catalog_page = html_tree(site.get(f"/films/{CATALOG_ONLY}"))
    assert meta(catalog_page, "robots") == "index,follow"
    assert site.get("/sitemap-1.xml").status_code == 404  # one file holds them all


def test_past_its_limit_the_sitemap_is_an_index_of_parts(
    site: WebClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = _locs(feeds.sitemap_files(store, BASE)["sitemap.xml"])
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 50)
    index = ET.fromstring(site.get("/sitemap.xml").content)
    assert index.tag == SM + "sitemapindex"
    parts = [loc.text or "" for loc in index.iter(SM + "loc")]
    assert parts == [f"{BASE}/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) == -(-len(every) // 50)
    listed: list[str] = []
    for part in parts:
        body = site.get(part.removeprefix(BASE)).content
        assert ET.fromstring(body).tag == SM + "urlset"
        listed += _locs(body)
        assert len(_locs(body)) <= 50
    assert listed == every
    assert site.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404


def test_the_exports_sitemap_index_and_parts(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 50)
    export_site(fill(store), tmp_path, base_url=PUBLIC, workers=1)
    index = ET.fromstring((tmp_path / "sitemap.xml").read_bytes())
    parts = [loc.text or "" for loc in index.iter(SM + "loc")]
    assert parts and all((tmp_path / p.removeprefix(PUBLIC + "/")).is_file() for p in parts)
    first = _locs((tmp_path / "sitemap-1.xml").read_bytes())
    assert first[0] == PUBLIC + "/" and all(loc.startswith(PUBLIC + "/") for loc in first)


def test_the_exports_feed_ids_are_its_canonical_urls(store: Store, tmp_path: Path) -> None:
    export_site(fill(store), tmp_path, base_url=PUBLIC, workers=1)
    feed = ET.fromstring((tmp_path / "feed.xml").read_bytes())
    entries = feed.findall(ATOM + "entry")
    assert entries
    for entry in entries:
        entry_id = entry.findtext(ATOM + "id") or ""
        assert entry_id.endswith("/")
        page = tmp_path / entry_id.removeprefix(PUBLIC + "/") / "index.html"
        assert canonical(LexborHTMLParser(page.read_text())) == entry_id
        (link,) = entry.findall(ATOM + "link")
        assert link.get("href") == entry_id
    assert feed.findtext(ATOM + "id") == PUBLIC + "/feed.xml"


def test_a_catalog_description_uses_the_genre_as_an_adjective(site: WebClient) -> None:
    tree = html_tree(site.get(f"/films/{CATALOG_ONLY}"))
    description = meta(tree, "description")
    assert description.startswith(
        "Fear and Loathing in Las Vegas is a 1998 comedy film directed by Terry Gilliam"
    )


@pytest.mark.parametrize(
    ("genre", "year", "expected"),
    [
        ("Action", 2008, "X is a 2008 action film directed by A and B"),
        ("Action", None, "X is an action film directed by A and B"),
        ("Horror", None, "X is a horror film directed by A and B"),
        (None, 1885, "X is an 1885 film directed by A and B"),
        (None, None, "X is a film directed by A and B"),
        ("Thriller/Suspense", 1995, "X is a 1995 thriller/suspense film directed by A and B"),
    ],
)
def test_catalog_descriptions_read_as_sentences(genre: str | None, year: int | None, expected: str) -> None:
    data = {
        "kind": "catalog_film",
        "title": "X",
        "facts": {"genre": genre, "year": year},
        "directors": [{"name": "A"}, {"name": "B"}],
    }
    assert seo._description(data).startswith(expected + ": ")
