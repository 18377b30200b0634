"""Articles in the shapes real film sites use, read field by field, with nothing lost.

The fixtures in ``tests/fixtures/shapes/`` are short articles of our own in the layouts of news
sites (bylines, reading time, related links), WordPress themes (Astra, GeneratePress, Newspaper,
Jannah, Kadence: share bars, widgets, post navigation, comments), wikis (infobox tables, edit
links, references), a Fandom wiki, post-credits and ending explainers, cast and trivia pages,
question-heading listicles, and listing pages that must be refused. ``shapes_expected.json``
holds each one's expected guide, written from the article, never from the reader's output:
paragraphs by their opening words, cast exactly, the post-credits answer, the extra sections'
headings, and the page chrome that no field may hold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from filmguide.article import ArticleError, parse_path, write_markdown
from filmguide.factcheck import sentences
from filmguide.model import Guide

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).with_name("shapes_expected.json")).read_text(encoding="utf-8")
)
NAMES = sorted(EXPECTED)
ACCEPTED = [n for n in NAMES if "error" not in EXPECTED[n]]
REFUSED = [n for n in NAMES if "error" in EXPECTED[n]]


def test_every_fixture_has_an_expectation_and_the_corpus_is_broad() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == NAMES
    assert len(NAMES) >= 30
    assert {Path(n).suffix for n in NAMES} == {".txt", ".html", ".md"}
    assert len(REFUSED) >= 4


def read(name: str) -> Guide:
    return parse_path(FIXTURES / name)


def openings(paragraphs: list[str] | None, expected: list[str] | None, what: str) -> None:
    if expected is None:
        return
    assert paragraphs is not None, f"{what}: missing"
    assert len(paragraphs) == len(expected), f"{what}: {paragraphs!r}"
    for paragraph, start in zip(paragraphs, expected, strict=True):
        assert paragraph.startswith(start), f"{what}: {paragraph!r} should start {start!r}"


@pytest.mark.parametrize("name", ACCEPTED)
def test_fields(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert guide.title == exp["title"]
    assert guide.year == exp.get("year")
    if "directors" in exp:
        assert guide.directors == exp["directors"]
    openings(guide.intro, exp.get("intro"), "intro")
    openings(guide.ending, exp.get("ending"), "ending")
    openings(guide.why_watch, exp.get("why_watch"), "why_watch")
    if "summary" in exp:
        openings([p for s in guide.summary for p in s.paragraphs], exp["summary"], "summary")
    assert [(c.actor, c.character) for c in guide.cast] == [tuple(c) for c in exp.get("cast", [])]
    assert len(guide.trivia) == exp.get("trivia", 0)
    assert [s.heading for s in guide.extra_sections] == exp.get("extras", [])


@pytest.mark.parametrize(
    ("name", "points"),
    [
        ("jaws-trivia.txt", ["The shark barely worked", "The famous line was improvised"]),
        ("the-matrix-trivia.html", ["The Green Code Came From a Cookbook", "The Cast Trained for Months"]),
    ],
)
def test_a_listicles_numbered_headings_lead_their_facts(name: str, points: list[str]) -> None:
    """Each numbered heading ("1. The shark barely worked") is its fact's point: it leads the
    fact's text, its number gone, rather than being lost."""
    trivia = read(name).trivia
    for fact, point in zip(trivia, points, strict=False):
        assert fact.startswith(f"{point}: ")
    assert not any(fact[0].isdigit() for fact in trivia)


@pytest.mark.parametrize("name", ACCEPTED)
def test_post_credits_answer(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    if "has_scenes" not in exp:
        assert guide.post_credits is None
        return
    assert guide.post_credits is not None
    assert guide.post_credits.has_scenes is exp["has_scenes"]
    openings(guide.post_credits.text, exp.get("post_credits"), "post_credits")


@pytest.mark.parametrize(
    "name", [n for n in ACCEPTED if "places" in EXPECTED[n] or "composers" in EXPECTED[n]]
)
def test_places_and_composers(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    places = guide.locations.places if guide.locations else []
    for place in exp.get("places", []):
        assert any(place in p for p in places), (place, places)
    composers = guide.music.composers if guide.music else []
    assert set(exp.get("composers", [])) <= set(composers)


@pytest.mark.parametrize("name", REFUSED)
def test_refused_in_one_line(name: str) -> None:
    with pytest.raises(ArticleError) as caught:
        read(name)
    message = str(caught.value)
    assert "\n" not in message
    assert name in message
    assert EXPECTED[name]["error"] in message


def _haystack(guide: Guide) -> str:
    """Every string of the guide, and its Markdown (where a cast line reads "Actor as Character")."""
    strings: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(guide.to_json_dict())
    return "\n".join(strings) + "\n" + write_markdown(guide)


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


@pytest.mark.parametrize("name", ACCEPTED)
def test_no_chrome_in_any_field(name: str) -> None:
    haystack = _haystack(read(name))
    for chrome in EXPECTED[name]["chrome"]:
        assert chrome not in haystack, f"{chrome!r} reached the guide"


def _body_lines(path: Path) -> list[str]:
    """The article's prose as the page holds it: every line (text) or every <p>/<li> (HTML) of at
    least eight words that ends a sentence. Headings, names and link lines are shorter."""
    if path.suffix == ".html" and (linked := _linked_body(path)) is not None:
        texts = linked.splitlines()  # a page its script renders: the article is its linked data's
    elif path.suffix == ".html":
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        if tree.css_first("p") is not None:  # a break inside a paragraph is a space between words
            for br in tree.css("p br, li br"):
                br.replace_with(" ")
        texts = [node.text(deep=True, separator="") for node in tree.css("p, li")]
        # a word processor's numbered list writes its numbers into the paragraph ("1.  Clint …")
        texts = [re.sub(r"^\s*\d{1,2}[.)]\s+", "", text) for text in texts]
        if tree.css_first("p") is None and tree.body is not None:  # no <p>: its lines between <br>s
            for br in tree.body.css("br"):
                br.replace_with("\n")
            texts = tree.body.text(deep=True, separator="\n").splitlines()
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
        while lines and not lines[0].endswith("."):  # the headline (its film is the title), and any
            lines = lines[1:]  # masthead above it (the site's name, its menu)
        # a question on a line of its own is a heading ("Who Voices the Toys in Toy Story 3?")
        texts = [re.sub(r"^[-•]\s+", "", line) for line in lines if not line.endswith("?")]
        if path.suffix == ".md":  # a quotation's mark and emphasis are Markdown's, not the words'
            texts = [re.sub(r"^>\s*", "", t).replace("**", "").replace("*", "") for t in texts]
            # a notes app's marks: wiki links, footnote references, highlights, callouts' types
            texts = [re.sub(r"\[\[|\]\]|\[\^\d+\]:?|==|^\[![\w-]+\][+-]?\s*", "", t) for t in texts]
    lines = [" ".join(t.split()) for t in texts]
    return [t for t in lines if len(t.split()) >= 8 and t.endswith((".", "!", "?", "”", '"', ")"))]


def _linked_body(path: Path) -> str | None:
    """The ``articleBody`` of a page with no paragraph of its own (a page its script renders)."""
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    if tree.css_first("body p") is not None:
        return None
    for script in tree.css('script[type="application/ld+json"]'):
        data = json.loads(script.text())
        for thing in [data, *data.get("@graph", [])]:
            if isinstance(thing.get("articleBody"), str):
                return str(thing["articleBody"])
    return None


@pytest.mark.parametrize("name", ACCEPTED)
def test_nothing_lost(name: str) -> None:
    """Every sentence of the article's body (its chrome removed) is in the guide."""
    haystack = _fold(_haystack(read(name)))
    chrome = EXPECTED[name]["chrome"]
    body = [line for line in _body_lines(FIXTURES / name) if not any(c in line for c in chrome)]
    assert body, "the fixture has body lines"
    for line in body:
        for sentence in sentences(re.sub(r"\[(?:\d+|citation needed|edit)\]", "", line)):
            assert _fold(sentence) in haystack, f"lost: {sentence!r}"


def test_a_copied_table_of_contents_is_no_section() -> None:
    """The lines closing a run of headings, each heading a section further on, are a table of
    contents: dropped. A lone repeated heading, or a run whose lines head nothing later, stays."""
    from filmguide.article.blocks import Block
    from filmguide.article.shapes import drop_contents_list

    def heading(text: str) -> Block:
        return Block("heading", text)

    body = [
        Block("paragraph", "Barbie (2023) is a comedy."),
        heading("The Ending"),
        Block("paragraph", "She"),
    ]
    body += [heading("Barbie Cast"), Block("item", "Margot Robbie as Barbie")]
    contents = [heading("Headline"), heading("The ending"), Block("item", "Barbie cast")]
    assert drop_contents_list(contents + body) == [contents[0], *body]
    lone = [heading("The Ending"), *body]
    assert drop_contents_list(lone) == lone
    unrelated = [heading("Summary"), heading("Part One"), *body]
    assert drop_contents_list(unrelated) == unrelated


def test_linked_film_titles_among_an_articles_own_headings_are_no_listing() -> None:
    """A grid whose headings are links to other posts is a listing (see the fixtures); an
    article whose recommendations are a few linked titles, beside its own headings, is not:
    each "Title (Year)" sub-heading is a recommendation, its paragraph the list's note."""
    from filmguide.article import parse_text

    linked = "".join(
        f'<h3><a href="/films/{t.lower()}">{t} (1995)</a></h3><p>Another {t}.</p>'
        for t in ("Heat", "Casino", "Seven")
    )
    page = (
        "<article><h1>Leaving Las Vegas Ending Explained</h1><div class='entry-content'>"
        "<p>Leaving Las Vegas (1995) is Mike Figgis's drama.</p>"
        "<h2>Cast</h2><ul><li>Nicolas Cage as Ben</li></ul>"
        "<h2>What Happens at the End?</h2><p>Ben dies in the motel.</p><h2>What to Watch Next</h2>"
        f"{linked}</div></article>"
    )
    guide = parse_text(page, fmt="html")
    assert [(f.title, f.year) for f in guide.recommendations] == [
        ("Heat", 1995),
        ("Casino", 1995),
        ("Seven", 1995),
    ]
    assert guide.section_notes["recommendations"] == ["Another Heat.", "Another Casino.", "Another Seven."]
    assert guide.extra_sections == []
