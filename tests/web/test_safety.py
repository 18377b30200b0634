"""Everything from an article is text: hostile articles, built here at run time, are read by the
article reader, saved, and served; no markup from them may reach a page unescaped, whether in
HTML text, attributes, the JSON-LD block, the JSON twin, the feed or the sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pytest
from markupsafe import Markup, escape
from selectolax.lexbor import LexborHTMLParser

from filmguide.article import parse_text
from filmguide.model import Guide, Quote
from filmguide.slugs import slugify_title
from filmguide.store import Store
from filmguide.web.seo import script_json
from filmguide.web.snippets import escaped
from tests.web.conftest import WebClient, html_tree, ld_blocks, ld_json, meta

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(1)</script>"
JS_URL = "javascript:alert(1)"
TEMPLATE = "{{ 7*7 }}"
#: Raw markup that must never appear in a page's bytes outside the text it belongs to.
RAW_MARKUP = ("<script>alert", "<img src=x", "</script><script>", "onerror=alert(1)>", "<b> and", "<now>")

HOSTILE_ARTICLE = f"""---
title: 'Evil {SCRIPT} Film {ATTR}'
year: 2001
directors:
- 'Dr {CLOSE}'
genres: ['Horror {SCRIPT}']
composers: ['Composer {ATTR}']
---

Intro {SCRIPT} and {ATTR} and {CLOSE} and {JS_URL} and {TEMPLATE} and &lt;b&gt; and line\u2028sep.

## Detailed Summary

### Part {SCRIPT}

Paragraph {ATTR} [a link]({JS_URL}).

## Movie Ending

The end {CLOSE}.

## Type of Movie

A horror film {SCRIPT}.

## Cast

- Actor {SCRIPT} as Character {ATTR}
- Plain Actor as Villain {CLOSE}

## Film Music and Composer

Music {ATTR}.

## Awards and Nominations

- Academy {SCRIPT} for Best {ATTR}: Actor {SCRIPT} (won)
- Guild {ATTR} for Best {TEMPLATE} (nominated)

## Memorable Scenes and Quotes

### Iconic Quotes

- Villain (context {TEMPLATE}): “Say {CLOSE} &lt;now&gt;”

## Recommended Films for Fans

- Other {SCRIPT} (1999) — note {ATTR}
- Evil {SCRIPT} Film {ATTR} (2001) — itself, so the reference links

## Heading {SCRIPT} {ATTR}

Extra paragraph {CLOSE} {TEMPLATE}.

- item {ATTR}
"""


@dataclass(frozen=True)
class Hostile:
    slug: str
    guide: Guide


def hostile_guide() -> Guide:
    """The hostile article as the reader reads it, plus what the reader refuses today (a speaker
    with markup, a literal ``&lt;``, U+2028) in case a future reader lets it through."""
    guide = parse_text(HOSTILE_ARTICLE, fmt="markdown", name="hostile.md")
    assert SCRIPT in guide.title and guide.cast and guide.quotes and guide.awards and guide.extra_sections
    assert guide.film_type and guide.film_type.genres and guide.music and guide.music.composers
    extra = Quote(
        speaker=f"Speaker {ATTR}", context=f"ctx {CLOSE}", text=f"Literal &lt; entity\u2028{SCRIPT}"
    )
    return guide.model_copy(update={"quotes": [*guide.quotes, extra]})


@pytest.fixture
def hostile(demo_store: Store) -> Hostile:
    guide = hostile_guide()
    result = demo_store.save_guide(guide, source="hostile.md")
    return Hostile(result.slug, guide)


# --- what a safe page looks like -------------------------------------------------------------------


def _outside_ld(html: str) -> str:
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.DOTALL)


def assert_safe_page(response: httpx.Response) -> LexborHTMLParser:
    """No markup from an article in the page: only the site's own scripts, no event handler
    attributes, no ``javascript:`` URL, no raw payload in the bytes, and a JSON-LD block (if
    any) with no ``<`` that parses as JSON."""
    assert response.status_code in (200, 400, 404), response.status_code
    html = response.text
    tree = html_tree(response)
    for script in tree.css("script"):
        kind = script.attributes.get("type")
        src = script.attributes.get("src") or ""
        own = src.startswith(("/static/site.js", "/static/desk-link.js"))  # the desk's: docs/desk.md
        assert kind == "application/ld+json" or own, script.html
        if src:
            assert not script.text(deep=True).strip()
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), node.html
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (
                    node.html
                )
    assert tree.css("img") == [] or all(img.attributes.get("src") != "x" for img in tree.css("img"))
    assert tree.css("iframe, object, embed, base") == []
    outside = _outside_ld(html)
    for raw in RAW_MARKUP:
        assert raw not in outside, raw
    for block in ld_blocks(tree):
        assert "<" not in block and ">" not in block
        json.loads(block)
    title = tree.css_first("title")
    assert title is None or "49" not in title.text()  # {{ 7*7 }} is never evaluated
    return tree


# --- the film page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?spoilers=0"])
def test_film_page_shows_every_hostile_string_as_text(web: WebClient, hostile: Hostile, query: str) -> None:
    tree = assert_safe_page(web.get(f"/films/{hostile.slug}{query}"))
    g = hostile.guide
    text = tree.body.text(deep=True) if tree.body else ""
    h1 = tree.css_first("h1")
    assert h1 is not None and g.title in h1.text()
    for value in (
        g.directors[0],
        g.cast[0].actor,
        g.cast[0].character,
        g.cast[1].character,
        g.awards[0].body,
        g.recommendations[0].title,
        g.extra_sections[0].heading,
        g.extra_sections[0].paragraphs[0],
        g.summary[0].heading,
        TEMPLATE,
    ):
        assert value and value in text, value
    assert "&lt;" in text  # the literal entity of the extra quote, shown as written


def test_film_head_attributes_carry_the_title_as_text(web: WebClient, hostile: Hostile) -> None:
    tree = assert_safe_page(web.get(f"/films/{hostile.slug}"))
    title = tree.css_first("title")
    assert title is not None and title.text().startswith(hostile.guide.title + " (2001)")
    for key in ("og:title", "twitter:title"):
        assert meta(tree, key) == title.text()
    for key in ("description", "og:description", "twitter:description"):
        assert SCRIPT in meta(tree, key)
    assert hostile.slug in meta(tree, "og:url") and "<" not in meta(tree, "og:url")


def test_jsonld_block_has_no_markup_and_carries_the_original_text(web: WebClient, hostile: Hostile) -> None:
    response = web.get(f"/films/{hostile.slug}")
    tree = assert_safe_page(response)
    g = hostile.guide
    (raw,) = ld_blocks(tree)
    assert "</script" not in raw.lower() and "<" not in raw
    movie = ld_json(tree)
    assert movie["name"] == g.title
    assert [d["name"] for d in movie["director"]] == g.directors
    characters = [role.get("characterName") for role in movie["actor"]]
    assert characters == [c.character for c in g.cast]
    assert [a["actor"]["name"] for a in movie["actor"]] == [c.actor for c in g.cast]
    assert movie["genre"] == ["Horror " + SCRIPT]
    assert movie["award"] == [f"{g.awards[0].body}: {g.awards[0].category} ({g.awards[0].nominee})"]
    spoken = [(q["spokenByCharacter"]["name"], q["text"]) for q in movie["hasPart"]]
    assert spoken == [(q.speaker, q.text) for q in g.quotes]
    # The block is the whole JSON: the HTML parser ended the script where the site meant it to.
    assert response.text.count('<script type="application/ld+json">') == 1


def test_script_json_escapes_everything_that_could_end_a_script() -> None:
    value = {"a": f"{CLOSE} <!-- & \u2028 \u2029 {ATTR}"}
    text = str(script_json(value))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


@pytest.mark.parametrize(
    "value",
    [SCRIPT, ATTR, CLOSE, 'Tom & Jerry\'s "cat"', "", "plain", Markup("<em>kept</em>"), 1995, -3, None],
)
def test_templates_escape_every_value_as_markupsafe_does(value: object) -> None:
    """What a template writes for ``{{ value }}`` (:func:`escaped`) is MarkupSafe's escaping."""
    assert escaped(value) == str(escape(value))


def test_json_twin_is_json_with_the_text_as_written(web: WebClient, hostile: Hostile) -> None:
    response = web.get(f"/films/{hostile.slug}.json")
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["title"] == hostile.guide.title
    assert data["guide"]["quotes"][-1]["text"] == hostile.guide.quotes[-1].text


# --- the other pages --------------------------------------------------------------------------------


def test_person_pages_of_hostile_names_are_safe(web: WebClient, hostile: Hostile) -> None:
    g = hostile.guide
    names = [
        g.directors[0],
        g.cast[0].actor,
        g.music.composers[0] if g.music else "?",
        g.awards[0].nominee or "",
    ]
    for name in filter(None, names):
        response = web.get(f"/people/{slugify_title(name)}")
        assert response.status_code == 200, name
        tree = assert_safe_page(response)
        h1 = tree.css_first("h1")
        assert h1 is not None and name in h1.text()
        person = ld_json(tree)
        assert person["name"] == name
        assert meta(tree, "og:title").startswith(name)
    actor = html_tree(web.get(f"/people/{slugify_title(g.cast[0].actor)}"))
    assert g.cast[0].character and g.cast[0].character in (actor.body.text() if actor.body else "")
    assert g.title in (actor.body.text() if actor.body else "")


def test_home_page_lists_the_hostile_title_as_text(web: WebClient, hostile: Hostile) -> None:
    tree = assert_safe_page(web.get("/"))
    assert hostile.guide.title in [a.text() for a in tree.css("a")] or hostile.guide.title in (
        tree.body.text() if tree.body else ""
    )


@pytest.mark.parametrize("query", ["Evil Film", "alert onerror", SCRIPT, ATTR, CLOSE, TEMPLATE, JS_URL])
def test_search_pages_are_safe(web: WebClient, hostile: Hostile, query: str) -> None:
    response = web.get("/search", params={"q": query})
    tree = assert_safe_page(response)
    box = tree.css_first('input[name="q"]')
    assert box is not None and box.attributes.get("value") == query
    assert meta(tree, "robots") == "noindex"
    twin = web.get("/search.json", params={"q": query})
    assert twin.headers["content-type"] == "application/json"
    twin.json()


def test_search_finds_the_hostile_film_and_shows_its_title_as_text(web: WebClient, hostile: Hostile) -> None:
    tree = assert_safe_page(web.get("/search", params={"q": "Evil Film"}))
    assert hostile.guide.title in (tree.body.text() if tree.body else "")


def test_not_found_page_reflects_nothing_as_markup(web: WebClient, hostile: Hostile) -> None:
    for wanted in (SCRIPT, ATTR, "Evil script Film"):
        response = web.get("/films/" + quote(wanted, safe=""))
        assert response.status_code == 404
        tree = assert_safe_page(response)
        assert "<" not in canonical_of(tree)


def canonical_of(tree: LexborHTMLParser) -> str:
    link = tree.css_first('link[rel="canonical"]')
    return (link.attributes.get("href") or "") if link else ""


# --- feed and sitemap -------------------------------------------------------------------------------


def test_feed_is_well_formed_and_the_hostile_text_round_trips(web: WebClient, hostile: Hostile) -> None:
    body = web.get("/feed.xml").content
    for raw in RAW_MARKUP:
        assert raw.encode() not in body
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(body)
    entries = {e.findtext(atom + "id"): e for e in feed.findall(atom + "entry")}
    entry = entries[f"http://testserver/films/{hostile.slug}"]
    assert entry.findtext(atom + "title") == hostile.guide.title + " (2001)"
    summary = entry.findtext(atom + "summary") or ""
    assert SCRIPT in summary and ATTR in summary
    assert [c.get("term") for c in entry.findall(atom + "category")] == ["Horror " + SCRIPT]


def test_sitemap_is_well_formed_and_lists_the_hostile_pages(web: WebClient, hostile: Hostile) -> None:
    body = web.get("/sitemap.xml").content
    assert b"<script" not in body
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {e.findtext(sm + "loc") for e in ET.fromstring(body)}
    assert f"http://testserver/films/{hostile.slug}" in locs
    assert f"http://testserver/people/{slugify_title(hostile.guide.cast[0].actor)}" in locs
