"""The seed article, read field by field, as plain text and as the WordPress page built from it.

The expectations come from ``shared/guide-schema.md`` and a reading of the seed; the same
assertions run on both forms.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filmguide.article import parse_path, parse_text, write_markdown
from filmguide.model import Guide

from .conftest import PAGE_CHROME

AA = "Academy Awards"
GG = "Golden Globe Awards"
ISA = "Independent Spirit Awards"


@pytest.fixture(params=["text", "html"])
def seed_guide(request: pytest.FixtureRequest) -> Guide:
    fixture = "seed_path" if request.param == "text" else "seed_html_path"
    path: Path = request.getfixturevalue(fixture)
    return parse_path(path)


def test_title_directors_year(seed_guide: Guide) -> None:
    assert seed_guide.title == "Leaving Las Vegas"
    assert seed_guide.directors == ["Mike Figgis"]
    assert seed_guide.year is None


def test_intro(seed_guide: Guide) -> None:
    assert seed_guide.intro is not None
    assert len(seed_guide.intro) == 1
    assert seed_guide.intro[0].startswith("Mike Figgis’s Leaving Las Vegas is")


def test_summary(seed_guide: Guide) -> None:
    assert [part.heading for part in seed_guide.summary] == [
        "Ben Sanderson’s Collapse",
        "Sera, the Escort with Depth",
        "Attempting Stability",
    ]
    assert [len(part.paragraphs) for part in seed_guide.summary] == [1, 2, 2]


def test_ending(seed_guide: Guide) -> None:
    assert seed_guide.ending is not None
    assert len(seed_guide.ending) == 4


def test_post_credits(seed_guide: Guide) -> None:
    assert seed_guide.post_credits is not None
    assert seed_guide.post_credits.has_scenes is False
    assert len(seed_guide.post_credits.text) == 1
    assert seed_guide.post_credits.text[0].startswith("No,")


def test_film_type(seed_guide: Guide) -> None:
    assert seed_guide.film_type is not None
    assert len(seed_guide.film_type.text) == 1
    assert {"Drama", "Romance"} <= set(seed_guide.film_type.genres)


def test_cast(seed_guide: Guide) -> None:
    assert [(c.actor, c.character) for c in seed_guide.cast] == [
        ("Nicolas Cage", "Ben Sanderson"),
        ("Elisabeth Shue", "Sera"),
        ("Julian Sands", "Yuri"),
        ("Richard Lewis", "Peter"),
        ("Valeria Golino", "Terri"),
        ("Steven Weber", "Marc Nussbaum"),
    ]


def test_music(seed_guide: Guide) -> None:
    assert seed_guide.music is not None
    assert len(seed_guide.music.text) == 2
    assert seed_guide.music.composers == ["Mike Figgis"]
    assert {"Sting", "Don Henley"} <= set(seed_guide.music.featured_artists)


def test_locations(seed_guide: Guide) -> None:
    assert seed_guide.locations is not None
    assert len(seed_guide.locations.text) == 2
    assert {"Las Vegas", "Fremont Street"} <= set(seed_guide.locations.places)


def test_awards(seed_guide: Guide) -> None:
    records = [(a.body, a.category, a.nominee, a.result) for a in seed_guide.awards]
    assert records == [
        (AA, "Best Actor", "Nicolas Cage", "won"),
        (AA, "Best Actress", "Elisabeth Shue", "nominated"),
        (AA, "Best Director", "Mike Figgis", "nominated"),
        (AA, "Best Adapted Screenplay", "Mike Figgis", "nominated"),
        (GG, "Best Actor", None, "nominated"),
        (GG, "Best Actress", None, "nominated"),
        (ISA, "Best Feature", None, "won"),
        (ISA, "Best Actor", None, "won"),
        (ISA, "Best Actress", None, "won"),
    ]
    assert len(records) == 9
    assert sum(a.result == "won" for a in seed_guide.awards) == 4
    assert {a.body for a in seed_guide.awards} == {AA, GG, ISA}


def test_item_sections(seed_guide: Guide) -> None:
    assert len(seed_guide.behind_the_scenes) == 5
    assert len(seed_guide.key_scenes) == 4
    assert len(seed_guide.easter_eggs) == 3
    assert len(seed_guide.trivia) == 5
    for item in [
        *seed_guide.behind_the_scenes,
        *seed_guide.key_scenes,
        *seed_guide.easter_eggs,
        *seed_guide.trivia,
    ]:
        assert not item.startswith(("- ", "-", " ")), item
        assert "\n" not in item


def test_prose_sections(seed_guide: Guide) -> None:
    assert seed_guide.inspirations is not None
    assert len(seed_guide.inspirations) == 2
    assert seed_guide.alternate_endings is not None
    assert len(seed_guide.alternate_endings) == 1
    assert seed_guide.why_watch is not None
    assert len(seed_guide.why_watch) == 1
    assert seed_guide.extra_sections == []
    assert seed_guide.section_notes == {}


def test_adaptation(seed_guide: Guide) -> None:
    assert seed_guide.adaptation is not None
    assert len(seed_guide.adaptation.text) == 1
    source = seed_guide.adaptation.source
    assert source is not None
    assert source.kind == "novel"
    assert source.author == "John O’Brien"
    assert source.year == 1990


def test_quotes(seed_guide: Guide) -> None:
    quotes = seed_guide.quotes
    assert [q.speaker for q in quotes] == ["Ben", "Sera", "Ben", "Sera"]
    assert [q.context for q in quotes] == [None, None, None, "final monologue"]
    for quote in quotes:
        assert quote.text
        assert quote.text[0] not in "“\"'‘", quote.text
        assert quote.text[-1] not in "”\"'’", quote.text
    assert quotes[3].text.startswith("I accepted him.")
    assert quotes[3].text.endswith("because of it.")


def test_film_references(seed_guide: Guide) -> None:
    assert [(f.title, f.year) for f in seed_guide.director_films] == [
        ("Internal Affairs", 1990),
        ("One Night Stand", 1997),
        ("The Loss of Sexual Innocence", 1999),
        ("Timecode", 2000),
    ]
    assert [(f.title, f.year) for f in seed_guide.recommendations] == [
        ("Requiem for a Dream", 2000),
        ("Blue Valentine", 2010),
        ("The Wrestler", 2008),
        ("Days of Wine and Roses", 1962),
        ("Midnight Cowboy", 1969),
        ("Clean and Sober", 1988),
    ]


def test_no_chrome_anywhere(seed_guide: Guide) -> None:
    dumped = json.dumps(seed_guide.to_json_dict(), ensure_ascii=False)
    assert [word for word in PAGE_CHROME if word in dumped] == []


def test_markdown_round_trip(seed_guide: Guide) -> None:
    again = parse_text(write_markdown(seed_guide), fmt="markdown", name="seed.md")
    assert again == seed_guide


def test_html_form_gives_the_same_guide(seed_path: Path, seed_html_path: Path) -> None:
    text, page = parse_path(seed_path), parse_path(seed_html_path)
    assert page.to_json_dict() == text.to_json_dict()


def test_title_override(seed_path: Path) -> None:
    guide = parse_path(seed_path, title="Something")
    assert guide.title == "Something"
    plain = parse_path(seed_path)
    # nothing but the title (and what the reader ties to it: the director) changes
    assert guide.model_copy(update={"title": plain.title, "directors": plain.directors}) == plain


def test_title_override_keeps_the_director(seed_path: Path) -> None:
    """The first sentence still names its director when the title is given another name."""
    assert parse_path(seed_path, title="Something").directors == ["Mike Figgis"]


def test_title_override_html(seed_html_path: Path) -> None:
    assert parse_path(seed_html_path, title="Something").title == "Something"
