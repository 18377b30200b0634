"""Which parts of a guide give the ending away."""

from __future__ import annotations

from filmguide.article import parse_path
from filmguide.model import Guide, PostCredits, Quote, SummarySection
from filmguide.spoilers import about_the_end, find_spoilers, without_spoilers
from tests.conftest import SEED


def test_the_seed_gates_its_ending_final_act_last_scene_and_final_monologue() -> None:
    guide = parse_path(SEED)
    spoilers = find_spoilers(guide)

    assert spoilers.ending and spoilers.alternate_endings
    assert spoilers.summary == {2}  # "Attempting Stability", the last of three parts
    assert [guide.key_scenes[i] for i in spoilers.key_scenes] == [
        "The final scene in the motel where Ben dies."
    ]
    assert [guide.quotes[i].context for i in spoilers.quotes] == ["final monologue"]
    assert spoilers.post_credits  # "The movie ends definitively with Ben’s death …"
    assert spoilers.labels() == [
        "ending",
        "alternate_endings",
        "post_credits",
        "summary:2",
        "key_scenes:3",
        "quotes:3",
    ]


def test_without_spoilers_keeps_everything_else() -> None:
    guide = parse_path(SEED)
    safe = without_spoilers(guide, find_spoilers(guide))

    assert safe.ending is None and safe.alternate_endings is None
    assert [p.heading for p in safe.summary] == ["Ben Sanderson’s Collapse", "Sera, the Escort with Depth"]
    assert len(safe.key_scenes) == 3 and len(safe.quotes) == 3
    assert safe.cast == guide.cast and safe.awards == guide.awards
    assert safe.post_credits is not None and safe.post_credits.has_scenes is False
    assert safe.post_credits.text == []
    assert find_spoilers(safe).labels() == ["summary:1"]  # what is left has its own last part


def test_a_summary_part_about_the_end_is_gated_wherever_it_stands() -> None:
    guide = Guide(
        title="T",
        summary=[
            SummarySection(heading="The Final Act: Home", paragraphs=["a"]),
            SummarySection(heading="Epilogue Notes", paragraphs=["b"]),
        ],
        quotes=[Quote(speaker="A", context="opening line", text="Hello.")],
    )
    spoilers = find_spoilers(guide)
    assert spoilers.summary == {0, 1}
    assert spoilers.quotes == frozenset()
    assert not spoilers.ending


def test_a_post_credits_answer_is_gated_only_when_it_tells_a_fate() -> None:
    plain = Guide(title="T", post_credits=PostCredits(has_scenes=False, text=["No, the film simply ends."]))
    telling = Guide(title="T", post_credits=PostCredits(has_scenes=True, text=["Yes: Rick survives."]))
    assert not find_spoilers(plain).post_credits
    assert find_spoilers(telling).post_credits


def test_a_single_summary_part_is_not_a_final_act() -> None:
    guide = Guide(title="T", summary=[SummarySection(heading="The Story", paragraphs=["a"])])
    assert find_spoilers(guide).summary == frozenset()


def test_words_about_the_end_are_whole_words() -> None:
    assert about_the_end("The final scene")
    assert about_the_end("Ben dies")
    assert not about_the_end("A friend lends him money")  # "end" inside a word
    assert not about_the_end("The opening credits")
    assert not about_the_end(None)
