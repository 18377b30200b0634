"""The machine-read files: ``/sitemap.xml``, ``/feed.xml`` (Atom, RFC 4287) and ``/robots.txt``,
parsed with ElementTree and checked for structure, order and stable ids."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from filmguide.model import Guide
from filmguide.store import Store
from filmguide.web import feeds
from filmguide.web.seo import clip
from tests.web.conftest import WebClient

BASE = "http://testserver"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
A = "{http://www.w3.org/2005/Atom}"


def _date(text: str | None) -> datetime:
    assert text is not None and text.endswith("Z"), text
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _to_second(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _feed(web: WebClient) -> ET.Element:
    response = web.get("/feed.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def _one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(A + tag)
    assert len(found) == 1, f"{len(found)} <{tag}>"
    return found[0]


# --- sitemap ---------------------------------------------------------------------------------------


def test_sitemap_lists_home_every_guide_with_lastmod_and_every_person(
    web: WebClient, demo_store: Store
) -> None:
    response = web.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == SM + "urlset"
    entries = root.findall(SM + "url")
    assert all(e.find(SM + "loc") is not None for e in entries)
    locs = [e.findtext(SM + "loc") for e in entries]
    assert len(locs) == len(set(locs))

    guides = demo_store.list_guides()
    people = demo_store.people()
    assert locs[0] == BASE + "/"
    assert set(locs) == {BASE + "/"} | {f"{BASE}/films/{g.slug}" for g in guides} | {
        f"{BASE}/people/{p.slug}" for p in people
    }
    lastmod = {e.findtext(SM + "loc"): e.findtext(SM + "lastmod") for e in entries}
    for guide in guides:
        assert _date(lastmod[f"{BASE}/films/{guide.slug}"]) == _to_second(guide.updated_at)
    assert _date(lastmod[BASE + "/"]) == max(_to_second(g.updated_at) for g in guides)


def test_an_empty_site_has_a_sitemap_with_only_the_home_page(store: Store) -> None:
    root = ET.fromstring(feeds.sitemap_xml(store, BASE))
    assert [e.findtext(SM + "loc") for e in root] == [BASE + "/"]


# --- Atom feed --------------------------------------------------------------------------------------


def test_feed_is_atom_with_the_required_elements(web: WebClient, demo_store: Store) -> None:
    feed = _feed(web)
    assert feed.tag == A + "feed"
    assert _one(feed, "id").text == BASE + "/feed.xml"
    assert _one(feed, "title").text == "filmguide: newest guides"
    assert _one(_one(feed, "author"), "name").text == "filmguide"
    self_links = [link for link in feed.findall(A + "link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [BASE + "/feed.xml"]

    entries = feed.findall(A + "entry")
    assert len(entries) == len(demo_store.list_guides())
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert (_one(entry, tag).text or "").strip(), tag
        (link,) = [x for x in entry.findall(A + "link") if x.get("rel", "alternate") == "alternate"]
        assert link.get("href") == _one(entry, "id").text
        assert link.get("type") == "text/html"
    ids = [_one(e, "id").text for e in entries]
    assert len(set(ids)) == len(ids)
    updated = _date(_one(feed, "updated").text)
    assert updated == max(_date(_one(e, "updated").text) for e in entries)


def test_feed_lists_the_newest_guides_first(web: WebClient, demo_store: Store) -> None:
    newest = demo_store.newest_guides(feeds.FEED_SIZE)
    order = [_one(e, "id").text for e in _feed(web).findall(A + "entry")]
    assert order == [f"{BASE}/films/{g.slug}" for g in newest]

    demo_store.save_guide(Guide(title="A Newer Film", year=2024, intro=["Fresh from the press."]))
    entries = _feed(web).findall(A + "entry")
    first = entries[0]
    assert _one(first, "title").text == "A Newer Film (2024)"
    assert _one(first, "id").text == BASE + "/films/a-newer-film"
    assert _one(first, "summary").text == "Fresh from the press."
    assert [_one(e, "id").text for e in entries[1:]] == order


def test_entry_carries_title_summary_and_genres_of_the_guide(web: WebClient, demo_store: Store) -> None:
    guide = demo_store.get_guide("leaving-las-vegas")
    assert guide is not None and guide.intro and guide.film_type
    (entry,) = [
        e for e in _feed(web).findall(A + "entry") if _one(e, "id").text == BASE + "/films/leaving-las-vegas"
    ]
    assert _one(entry, "title").text == "Leaving Las Vegas (1995)"
    assert _one(entry, "summary").text == clip(guide.intro[0], feeds.SUMMARY_LENGTH)
    assert [c.get("term") for c in entry.findall(A + "category")] == guide.film_type.genres


def test_entry_ids_are_stable_across_requests_and_edits(web: WebClient, demo_store: Store) -> None:
    def entries() -> dict[str, str]:
        return {
            _one(e, "title").text or "": _one(e, "id").text or "" for e in _feed(web).findall(A + "entry")
        }

    before = entries()
    assert entries() == before
    guide = demo_store.get_guide("the-wrestler")
    assert guide is not None
    assert demo_store.save_guide(guide.model_copy(update={"intro": ["Rewritten intro."]})).changed
    assert entries() == before


def test_an_empty_feed_is_still_valid_and_fixed(store: Store) -> None:
    body = feeds.atom_feed(store, BASE)
    feed = ET.fromstring(body)
    assert feed.findall(A + "entry") == []
    assert _one(feed, "updated").text == "1970-01-01T00:00:00Z"
    assert feeds.atom_feed(store, BASE) == body


def test_the_public_base_url_names_feed_and_sitemap(demo_store: Store) -> None:
    from filmguide.web.app import create_app

    web = WebClient(create_app(demo_store, base_url="https://films.example.org"))
    feed = _feed(web)
    assert _one(feed, "id").text == "https://films.example.org/feed.xml"
    assert all(
        (_one(e, "id").text or "").startswith("https://films.example.org/films/")
        for e in feed.findall(A + "entry")
    )
    sitemap = ET.fromstring(web.get("/sitemap.xml").content)
    assert all((e.findtext(SM + "loc") or "").startswith("https://films.example.org/") for e in sitemap)


# --- robots.txt -------------------------------------------------------------------------------------


def test_robots_points_to_the_sitemap_and_keeps_search_out(web: WebClient) -> None:
    response = web.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /search" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines


# --- XML escaping -----------------------------------------------------------------------------------


def test_xml_text_and_attr_round_trip_through_a_parser() -> None:
    nasty = "a & b < c > d \"e\" 'f' ]]> <![CDATA[x]]> &lt; \t tab\nline\u2028sep 🎬"
    element = ET.fromstring(f'<x a="{feeds.xml_attr(nasty)}">{feeds.xml_text(nasty)}</x>')
    assert element.text == nasty
    assert element.get("a") == nasty


def test_characters_xml_cannot_hold_are_dropped() -> None:
    text = "bell\x07 escape\x1b null\x00 nonchar\ufffe ok"
    element = ET.fromstring(f'<x a="{feeds.xml_attr(text)}">{feeds.xml_text(text)}</x>')
    assert element.text == "bell escape null nonchar ok"
    assert element.get("a") == "bell escape null nonchar ok"


def test_a_title_with_control_characters_still_gives_a_well_formed_feed(
    web: WebClient, demo_store: Store
) -> None:
    demo_store.save_guide(Guide(title="Bell\x07 Film", year=2030, intro=["Ring\x1b."]))
    titles = [_one(e, "title").text for e in _feed(web).findall(A + "entry")]
    assert "Bell Film (2030)" in titles
    ET.fromstring(web.get("/sitemap.xml").content)
