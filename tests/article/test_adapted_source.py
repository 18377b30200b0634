"""The adapted work read from how film writing names it: quoted or bare titles, before "by" or after
the author's possessive, with its year and kind."""

from __future__ import annotations

import pytest

from filmguide.article import parse_text
from filmguide.article.sources import adapted_source
from filmguide.model import Source


@pytest.mark.parametrize(
    ("sentence", "kind", "title", "author", "year"),
    [
        (
            "Arrival is based on the novella Story of Your Life by Ted Chiang.",
            "novella",
            "Story of Your Life",
            "Ted Chiang",
            None,
        ),
        (
            "The film is based on the 1990 novel Leaving Las Vegas by John O'Brien.",
            "novel",
            "Leaving Las Vegas",
            "John O'Brien",
            1990,
        ),
        (
            "It was adapted from Stephen King's novella Rita Hayworth and Shawshank Redemption.",
            "novella",
            "Rita Hayworth and Shawshank Redemption",
            "Stephen King",
            None,
        ),
        (
            "Chuck Palahniuk's novel Fight Club was a cult hit before the film.",
            "novel",
            "Fight Club",
            "Chuck Palahniuk",
            None,
        ),
        (
            'Based on the book "Wild" by Cheryl Strayed, the film follows a hiker.',
            "book",
            "Wild",
            "Cheryl Strayed",
            None,
        ),
        (
            "It is an adaptation of the novel by John O'Brien, who died before filming.",
            "novel",
            None,
            "John O'Brien",
            None,
        ),
        (
            "The movie adapts Chuck Palahniuk's 1996 novel of the same name.",
            "novel",
            None,
            "Chuck Palahniuk",
            1996,
        ),
    ],
)
def test_the_source_is_read_with_a_bare_or_quoted_title(
    sentence: str, kind: str, title: str | None, author: str, year: int | None
) -> None:
    source = adapted_source([sentence], [], film_title="The Film")
    assert source is not None
    assert (source.kind, source.title, source.author, source.year) == (kind, title, author, year)


def test_a_bare_title_ends_on_a_capitalised_word() -> None:
    """Small words join a title's words but never end it ("… and its ending" is not the title)."""
    source = adapted_source(
        ["Cormac McCarthy's novel The Road and its ending stay with you."], [], film_title="X"
    )
    assert source is not None and source.title == "The Road"


def _article(intro: str) -> str:
    return (
        "<article><h1>Arrival Ending Explained</h1><div class='entry-content'>"
        f"<p>{intro}</p><h2>What Happens at the End of Arrival?</h2>"
        "<p>Louise sees that the daughter in her visions is her future, and chooses it anyway.</p>"
        "</div></article>"
    )


def test_an_article_with_no_adaptation_section_still_says_what_the_film_is_based_on() -> None:
    guide = parse_text(
        _article("Arrival is based on the novella Story of Your Life by Ted Chiang."), fmt="html"
    )
    assert guide.adaptation is not None and guide.adaptation.text == []
    assert guide.adaptation.source == Source(kind="novella", title="Story of Your Life", author="Ted Chiang")
    assert guide.intro == [
        "Arrival is based on the novella Story of Your Life by Ted Chiang."
    ]  # left in place


def test_without_the_words_of_an_adaptation_a_possessive_story_is_no_source() -> None:
    guide = parse_text(
        _article("Denis Villeneuve's story of first contact was inspired by his love of language."),
        fmt="html",
    )
    assert guide.adaptation is None
