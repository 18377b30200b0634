"""The shared prose rules: sentences, folding and "Title (1995)"."""

from __future__ import annotations

import pytest

from filmguide import text
from filmguide.text import fold, has_full_stop, one_split, sentences, split_title_year


def test_sentences_keep_decimals_and_abbreviations() -> None:
    text = "It cost $4.5 million. Mr. Figgis shot it in 28 days! Was it worth it? Yes."
    assert sentences(text) == [
        "It cost $4.5 million.",
        "Mr. Figgis shot it in 28 days!",
        "Was it worth it?",
        "Yes.",
    ]


@pytest.mark.parametrize(
    ("heading", "stops"),
    [
        ("Guardians of the Galaxy Vol. 3's Mid-Credits Scene", False),
        ("Does Dr. Strangelove Have a Post-Credits Scene?", False),
        ("Why J. K. Simmons Shouts", False),
        ("It ends. Then it ends again", True),
        ("Cast. Crew", True),
    ],
)
def test_a_full_stop_after_an_abbreviation_ends_no_sentence(heading: str, stops: bool) -> None:
    """The test a heading passes to be no sentence: "Vol. 3" and "Dr. Strangelove" hold none."""
    assert has_full_stop(heading) is stops


def test_sentences_keep_abbreviations_and_initials() -> None:
    assert sentences("Hubert Selby Jr. wrote it. Dr. No was next! Was it? Yes.") == [
        "Hubert Selby Jr. wrote it.",
        "Dr. No was next!",
        "Was it?",
        "Yes.",
    ]
    assert sentences("It stars J. K. Simmons. He is great…  And loud.") == [
        "It stars J. K. Simmons.",
        "He is great…",
        "And loud.",
    ]


def test_a_sentence_ends_only_before_a_new_one() -> None:
    assert sentences("See e.g. the diner scene. it goes on") == ["See e.g. the diner scene. it goes on"]
    assert sentences("“Stop.” (He leaves.) Then") == ["“Stop.”", "(He leaves.)", "Then"]
    assert sentences("   ") == []


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Amélie", "amelie"),
        ("Schindler’s List", "schindlers list"),
        ("Schindler's  List!", "schindlers list"),
        ("WALL·E", "wall e"),
        ("Straße", "strasse"),
        ("千と千尋の神隠し", "千と千尋の神隠し"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_split_title_year() -> None:
    assert split_title_year("Leaving Las Vegas (1995)") == ("Leaving Las Vegas", 1995)
    assert split_title_year("Blade Runner [1982] ") == ("Blade Runner", 1982)
    assert split_title_year("2046") == ("2046", None)
    assert split_title_year("  Heat ") == ("Heat", None)
    assert split_title_year("Brazil (1785 BC)") == ("Brazil (1785 BC)", None)


def test_one_split_splits_a_paragraph_once_within_its_block_only(monkeypatch: pytest.MonkeyPatch) -> None:
    splits: list[str] = []
    real = text._sentences
    monkeypatch.setattr(text, "_sentences", lambda paragraph: splits.append(paragraph) or real(paragraph))
    paragraph = "Ben drinks. Sera stays."
    with one_split():
        first = sentences(paragraph)
        first.append("changed by its caller")
        assert sentences(paragraph) == ["Ben drinks.", "Sera stays."]
    assert splits == [paragraph]
    assert sentences(paragraph) == ["Ben drinks.", "Sera stays."]
    assert splits == [paragraph, paragraph]  # nothing is remembered past the block
