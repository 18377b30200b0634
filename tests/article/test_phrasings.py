"""How film sites phrase what the reader looks for: post-credits headings, composers, the cast in
sentences. Each case is a phrasing seen on real sites, written here in our own words."""

from __future__ import annotations

import pytest

from filmguide.article.facts import cast_in_prose, composers
from filmguide.article.headings import match_heading


@pytest.mark.parametrize(
    "heading",
    [
        "How many end-credits scenes are in Thor: Ragnarok?",
        "How Many Post-Credit Scenes Are There?",
        "Is there a scene after the credits of Thor?",
        "Are there any stingers in Thor: Ragnarok?",
        "Is there a credits scene in Thor?",
        "Should you stay after the credits?",
        "Do I need to stay after the credits of Thor?",
        "Thor: Ragnarok End Credits",
    ],
)
def test_post_credits_headings(heading: str) -> None:
    assert match_heading(heading) == "post_credits"


@pytest.mark.parametrize(
    "heading", ["Opening Credits", "Is there a scene in the opening credits?", "Credits"]
)
def test_other_credits_are_not_the_post_credits(heading: str) -> None:
    assert match_heading(heading) != "post_credits"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mark Mothersbaugh wrote the synth-heavy score, and a rock anthem plays over both fights.",
        "Mark Mothersbaugh provides the playful score.",
        "Mark Mothersbaugh's spine-tingling score hums under every scene.",
    ],
)
def test_composers_in_the_ways_sites_credit_them(sentence: str) -> None:
    assert composers([sentence]) == ["Mark Mothersbaugh"]


def test_the_cast_in_a_sentence() -> None:
    text = (
        "Then Chris Hemsworth returns as Thor, with Tom Hiddleston as Loki, Cate Blanchett as Hela "
        "and Jeff Goldblum as the Grandmaster. The film was marketed as a comedy."
    )
    assert [(c.actor, c.character) for c in cast_in_prose([text])] == [
        ("Chris Hemsworth", "Thor"),
        ("Tom Hiddleston", "Loki"),
        ("Cate Blanchett", "Hela"),
        ("Jeff Goldblum", "the Grandmaster"),
    ]


def test_no_cast_where_as_does_not_follow_a_name() -> None:
    assert (
        cast_in_prose(["Known as a comedy, it plays as a thriller; In the end Amy Adams plays a linguist."])
        == []
    )
