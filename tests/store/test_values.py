"""What the store can keep: the checks every back end applies before a save.

The check first looks at the guide's JSON as a whole and walks it value by value only when that
look finds something; these tests put each problem deep in a guide, where only the walk can name it.
"""

from __future__ import annotations

import pytest

from filmguide.model import FilmRef, Guide, Quote
from filmguide.store.values import INT_RANGE, check_guide


def _refs(year: int) -> list[FilmRef]:
    return [FilmRef(title="One", year=1990), FilmRef(title="Two"), FilmRef(title="Three", year=year)]


@pytest.mark.parametrize(
    ("guide", "wanted"),
    [
        (Guide(title="Heat", trivia=["fine", "a \x00 here"]), "trivia[1] holds a NUL character"),
        (
            Guide(
                title="Heat",
                quotes=[Quote(speaker="Neil", text="ok"), Quote(speaker="Vincent", text="x\ud800")],
            ),
            "quotes[1].text holds a lone surrogate, not text",
        ),
        (
            Guide(title="Heat", recommendations=_refs(INT_RANGE[1] + 1)),
            "recommendations[2].year is out of range",
        ),
        (
            Guide(title="Heat", director_films=_refs(INT_RANGE[0] - 1)),
            "director_films[2].year is out of range",
        ),
        (
            Guide(title="Heat", section_notes={"cast": ["a\x00b"]}),
            "section_notes.cast[0] holds a NUL character",
        ),
    ],
)
def test_a_value_no_store_keeps_is_named_where_it_is(guide: Guide, wanted: str) -> None:
    assert check_guide(guide) == wanted


@pytest.mark.parametrize(
    "guide",
    [
        Guide(
            title="Heat", year=1995, recommendations=_refs(INT_RANGE[1]), director_films=_refs(INT_RANGE[0])
        ),
        # A long number in text and a written-out backslash-u0000 are text, not problems.
        Guide(title="Heat", trivia=["It grossed 1870000000 yen.", "The script has \\u0000 in it."]),
    ],
)
def test_values_a_store_keeps_pass(guide: Guide) -> None:
    assert check_guide(guide) is None
