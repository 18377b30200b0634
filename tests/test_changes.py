"""What counts as a change and as a loss between two versions of a guide (filmguide.changes)."""

from __future__ import annotations

from typing import Any

from filmguide.changes import compare, diff

CAST = [{"actor": f"Actor {n}", "character": f"Role {n}"} for n in range(6)]


def guide(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "A Film",
        "year": 1990,
        "directors": ["Ann Maker"],
        "intro": ["An opening."],
    }
    return {**base, **fields}


def test_a_list_halved_is_kept_and_more_than_halved_is_a_loss() -> None:
    old = guide(cast=CAST, ending=["It ends."])
    half = compare(old, guide(cast=CAST[:3], ending=["It ends."]))
    assert not half.loses_much and half.summary == "cast 6 → 3"
    less = compare(old, guide(cast=CAST[:2], ending=["It ends."]))
    assert less.loses_much and less.loss_line() == "cast 6 → 2"


def test_an_emptied_section_and_shrunk_text_are_losses_named_in_one_line() -> None:
    long = ["A long paragraph of the ending that goes on for a while. " * 4]
    change = compare(guide(ending=long, trivia=["One.", "Two."]), guide(trivia=["One.", "Two."]))
    assert change.loses_much
    assert change.loss_line().startswith("emptied ending; text ")
    assert change.summary == "removed ending"
    grown = compare(guide(), guide(ending=["It ends."], trivia=["One."]))
    assert not grown.loses_much and grown.summary == "added ending, trivia"


def test_summaries_of_edits() -> None:
    assert compare(guide(), guide(title="Another Film")).summary == "changed title"
    assert compare(guide(), guide()).summary == "no change in content"


def test_the_diff_names_each_changed_field_with_its_lines() -> None:
    lines = list(diff(guide(cast=CAST[:2]), guide(cast=[CAST[0]], year=1991)))
    assert lines == [
        "year (1 → 1)",
        "  - 1990",
        "  + 1991",
        "cast (2 → 1)",
        "  - actor: Actor 1; character: Role 1",
    ]
