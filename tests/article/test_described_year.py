"""The film's year where the first sentence describes the title with it, and only there."""

from __future__ import annotations

import pytest

from filmguide.article import parse_text


def _year(first_paragraph: str) -> int | None:
    html = (
        "<article><h1>Arrival Ending Explained</h1><div class='entry-content'>"
        f"<p>{first_paragraph}</p><h2>What Happens at the End of Arrival?</h2>"
        "<p>Louise chooses the future her visions show her.</p></div></article>"
    )
    return parse_text(html, fmt="html").year


@pytest.mark.parametrize(
    "first",
    [
        "Denis Villeneuve's 2016 science fiction drama Arrival follows a linguist.",
        "The 2016 sci-fi film Arrival follows a linguist.",
        "In Denis Villeneuve's Arrival (2016), a linguist talks to visitors.",
        "Released in 2016, Arrival follows a linguist.",
        "Arrival is a 2016 science fiction film about a linguist.",
        "Arrival is the 2016 drama in which a linguist talks to visitors.",
        "Arrival, Denis Villeneuve's 2016 puzzle, follows a linguist.",
        "Arrival, the 2016 drama, follows a linguist.",
        "Arrival is Paramount's 2016 drama about a linguist.",
    ],
)
def test_a_year_describing_the_title_is_the_films(first: str) -> None:
    assert _year(first) == 2016


@pytest.mark.parametrize(
    "first",
    [
        "In 2016, Arrival surprised everyone.",  # a year apart from the title
        "Arrival, Louise's story, moved audiences in 2016.",  # an apposition without the year
        "Arrival follows a linguist, and in 2016 it surprised everyone.",
        "Arrivals of 2016 films were many, and this one follows a linguist.",  # not the title as a word
        "Arrival follows a linguist. The 2016 film Arrival is remembered.",  # not the first sentence
    ],
)
def test_a_year_standing_apart_from_the_title_is_not_read(first: str) -> None:
    assert _year(first) is None


def test_directed_by_in_the_first_sentence_names_the_director() -> None:
    html = (
        "<article><h1>Arrival Cast</h1><div class='entry-content'>"
        "<p>Arrival is a 2016 science fiction film directed by Denis Villeneuve about a linguist.</p>"
        "<h2>Cast</h2><ul><li>Amy Adams as Louise Banks</li></ul></div></article>"
    )
    assert parse_text(html, fmt="html").directors == ["Denis Villeneuve"]


def test_a_director_set_after_the_title_with_the_year() -> None:
    """ "Arrival, Denis Villeneuve's 2016 puzzle, …" names the director; an owner without the
    film's year ("Arrival, Louise's story, …") names no one."""
    html = (
        "<article><h1>Arrival Ending Explained</h1><div class='entry-content'><p>{}</p>"
        "<h2>What Happens at the End of Arrival?</h2><p>Louise chooses the future.</p></div></article>"
    )
    owned = parse_text(html.format("Arrival, Denis Villeneuve's 2016 drama, follows her."), fmt="html")
    assert owned.directors == ["Denis Villeneuve"]
    story = parse_text(html.format("Arrival, Louise Banks's story, follows a linguist."), fmt="html")
    assert story.directors == []
