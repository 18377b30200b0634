"""Themes and content notes: the vocabulary, the false-positive rules and spoiler-free evidence."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmguide.article import parse_path
from filmguide.model import FilmRef, FilmType, Guide, Quote, SummarySection
from filmguide.spoilers import find_spoilers, without_spoilers
from filmguide.themes import (
    CONTENT_NOTES,
    MIN_THEME_SCORE,
    THEMES,
    ContentNote,
    Theme,
    analyse,
    find_content_notes,
    find_themes,
    vocabulary_markdown,
)
from filmguide.themes.matching import TitleMask
from filmguide.themes.vocabulary import GIVES_AWAY
from tests.conftest import SEED

DEMO = Path(__file__).resolve().parents[1] / "src" / "filmguide" / "demo"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "themes.md"


def make(**fields: Any) -> Guide:
    return Guide(title="Test Film", **fields)


def story(*sentences: str, **fields: Any) -> Guide:
    """A guide whose one-part (so spoiler-free) summary is these sentences."""
    return make(summary=[SummarySection(heading=None, paragraphs=[" ".join(sentences)])], **fields)


def theme_slugs(guide: Guide, **kwargs: Any) -> list[str]:
    return [t.slug for t in find_themes(guide, **kwargs)]


def notes(guide: Guide) -> dict[str, ContentNote]:
    return {n.slug: n for n in find_content_notes(guide)}


# --- The vocabulary ---------------------------------------------------------------------------

THEME_EXAMPLES = {
    "addiction": "A film about addiction.",
    "grief": "A story of grief after a child’s death.",
    "love": "A film about love.",
    "marriage": "A portrait of a marriage.",
    "loneliness": "A study of loneliness.",
    "friendship": "A film about friendship.",
    "family": "A film about a family.",
    "crime": "A film about crime on the waterfront.",
    "redemption": "A story of redemption.",
    "self-destruction": "A study of self-destruction.",
    "ambition": "A film about ambition.",
    "fame": "A film about fame.",
    "identity": "A film about identity.",
    "class": "A film about poverty.",
    "war": "A film about war.",
    "faith": "A film about faith.",
    "revenge": "A story of revenge.",
    "coming-of-age": "A coming-of-age story.",
    "obsession": "A film about obsession.",
    "mental-illness": "A film about mental illness.",
    "betrayal": "A story of betrayal.",
    "survival": "A story of survival.",
    "mortality": "A film about mortality.",
    "aging": "A film about ageing.",
    "freedom": "A film about freedom.",
    "dreams": "A film about hopes that fade.",
    "corruption": "A film about corruption.",
}

NOTE_EXAMPLES = {
    "alcoholism": "He is an alcoholic who drinks from morning to night.",
    "drug-use": "She starts taking heroin.",
    "suicide": "He talks about suicide.",
    "sexual-violence": "She was raped at a party.",
    "violence": "A violent fight leaves him bleeding.",
    "self-harm": "She cuts herself in secret.",
    "sex-work": "She works as a prostitute.",
    "domestic-abuse": "She escapes her abusive husband.",
    "child-abuse": "He was abused as a child.",
    "animal-harm": "The family dog is shot by a neighbour.",
}


def test_the_vocabulary_has_about_25_themes_and_the_requested_notes() -> None:
    assert 25 <= len(THEMES) <= 30
    assert len({t.slug for t in THEMES}) == len(THEMES)
    assert set(THEME_EXAMPLES) == {t.slug for t in THEMES}
    assert {"alcoholism", "drug-use", "suicide", "sexual-violence", "violence"} <= {
        n.slug for n in CONTENT_NOTES
    }
    assert set(NOTE_EXAMPLES) == {n.slug for n in CONTENT_NOTES}


@pytest.mark.parametrize("slug", sorted(THEME_EXAMPLES))
def test_each_theme_is_found_from_its_cue(slug: str) -> None:
    found = find_themes(make(intro=[THEME_EXAMPLES[slug]]))
    assert slug in [t.slug for t in found]
    theme = next(t for t in found if t.slug == slug)
    assert theme.score >= MIN_THEME_SCORE
    assert theme.evidence[0].field == "intro" and theme.evidence[0].sentence == THEME_EXAMPLES[slug]


@pytest.mark.parametrize("slug", sorted(NOTE_EXAMPLES))
def test_each_content_note_is_found_with_its_sentence(slug: str) -> None:
    found = notes(story("They meet in the city.", NOTE_EXAMPLES[slug]))
    assert slug in found
    note = found[slug]
    assert note.evidence[0].model_dump() == {"field": "summary", "sentence": NOTE_EXAMPLES[slug]}
    assert not note.evidence_hidden
    assert note.note == next(n.note for n in CONTENT_NOTES if n.slug == slug)


def test_inflected_forms_and_phrases_count() -> None:
    assert "addiction" in theme_slugs(make(intro=["Both of them are addicted to gambling."]))
    assert "love" in theme_slugs(make(intro=["They fall in love in Paris."]))
    assert "suicide" in notes(story("She took her own life."))
    assert "suicide" in notes(story("He means to drink himself to death."))
    assert "sex-work" in notes(story("Marion sleeps with her psychiatrist to get money."))


# --- False positives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He does not use drugs.",
        "She doesn’t use heroin.",  # curly apostrophe
        "She doesn't use heroin.",
        "He never touched drugs in his life.",
        "He lives a drug-free life.",
        "It is a story without drugs; there are no pills, no heroin.",
    ],
)
def test_negated_drug_use_is_not_a_note(text: str) -> None:
    assert "drug-use" not in notes(story(text))


@pytest.mark.parametrize(
    "text",
    [
        "There is no violence in the film.",
        "It is a gentle comedy, free of violence.",
        "It does not include any violence.",
        "Their trip is violence-free.",
    ],
)
def test_negated_violence_is_not_a_note(text: str) -> None:
    assert "violence" not in notes(story(text))


def test_negation_stops_at_the_clause_and_double_negatives_affirm() -> None:
    assert "drug-use" in notes(story("He does not know that his son uses heroin."))
    assert "drug-use" in notes(story("She is not surprised that heroin is everywhere."))
    assert "drug-use" in notes(story("She never stops taking heroin."))
    assert "violence" in notes(story("The film is not only violent but cruel."))
    assert "alcoholism" in notes(story("He is drunk, but not violent."))
    assert "violence" not in notes(story("He is drunk, but not violent."))
    # the negator is too far from the cue to govern it
    assert "alcoholism" in notes(story("Kirsten must never ask him to stop being an alcoholic."))


@pytest.mark.parametrize(
    "text",
    [
        "The boat is caught in a violent storm.",
        "The film was shot on location in Reno.",
        "Shooting took place in Reno over six weeks.",
        "Most of it was shot in black and white.",
        "He dies of a heart attack.",
        "The editing is a sensory assault.",
        "A doctor warns that wrestling could kill him.",
        "She escorts her mother home.",
        "He cuts himself off from his friends.",
        "The staple guns come out.",
    ],
)
def test_other_senses_are_not_violence_or_other_notes(text: str) -> None:
    assert notes(story(text)) == {}


def test_a_drink_of_water_a_drugstore_and_a_pill_box_are_not_notes() -> None:
    guide = story(
        "She asks for a drink of water.",
        "He drinks coffee at the drugstore.",
        "She keeps a pill box by the bed.",
        "He opens a pillbox of old letters.",
    )
    assert notes(guide) == {}
    assert "addiction" not in theme_slugs(guide)


def test_weak_cues_need_company_but_strong_ones_do_not() -> None:
    assert "alcoholism" not in notes(story("They share a bottle of wine at dinner."))
    assert "alcoholism" in notes(story("They share a bottle of wine at dinner.", "He drinks every night."))
    assert "alcoholism" in notes(story("He arrives drunk."))


def test_film_titles_are_not_cues() -> None:
    text = ("Its story recalls Days of Wine and Roses.", "Days of Wine and Roses came out in 1962.")
    titled = story(*text, recommendations=[FilmRef(title="Days of Wine and Roses", year=1962)])
    assert "alcoholism" not in notes(titled)
    # the same sentences without knowing the title: "wine" in two sentences is a note
    assert "alcoholism" in notes(story(*text))
    # a quoted Title Case title is masked even when the guide does not list it
    quoted = story("It recalls “Days of Wine and Roses”.", "Critics compared it to “Days of Wine”.")
    assert notes(quoted) == {}
    # the guide's own title too
    own = Guide(title="Cocaine Bear Blues", intro=["Cocaine Bear Blues is a gentle comedy."])
    assert "drug-use" not in notes(own)


def test_word_boundaries_and_case() -> None:
    assert "war" not in theme_slugs(make(intro=["The award went to the warden of Warsaw."]))
    assert "drug-use" in notes(story("HEROIN takes over his life."))
    assert "love" not in theme_slugs(make(intro=["One of the best-loved comedies, and well-loved still."]))
    assert "redemption" not in theme_slugs(make(intro=["It refuses the usual recovery story."]))
    assert "mental-illness" not in theme_slugs(make(intro=["A drama set in the Great Depression."]))


# --- Spoilers ------------------------------------------------------------------------------------


def test_a_note_supported_only_by_the_ending_is_reported_with_its_evidence_hidden() -> None:
    guide = story("He moves to a small town.", ending=["In the end he kills himself in the motel."])
    note = notes(guide)["suicide"]
    assert note.evidence == [] and note.evidence_hidden
    assert note.note == "Deals with suicide or a character’s wish to die."
    assert "motel" not in note.note


def test_final_act_key_scene_and_quote_about_the_end_are_never_evidence() -> None:
    guide = make(
        summary=[
            SummarySection(heading="Early Days", paragraphs=["She opens a bakery."]),
            SummarySection(heading="Later", paragraphs=["She is raped by her employer."]),
        ],
        key_scenes=["The final scene, where he shoots her."],
        quotes=[Quote(speaker="Ann", context="at the end", text="I was raped and nobody cared.")],
    )
    found = notes(guide)
    assert found["sexual-violence"].evidence_hidden and found["sexual-violence"].evidence == []
    assert found["violence"].evidence_hidden


def test_evidence_mixes_never_include_spoiler_sentences() -> None:
    guide = story("He starts drinking heavily and is often drunk.", ending=["He dies drunk in a ditch."])
    note = notes(guide)["alcoholism"]
    assert [e.field for e in note.evidence] == ["summary"]
    assert not note.evidence_hidden


def test_themes_from_spoiler_text_only_need_include_spoilers() -> None:
    guide = make(intro=["A quiet film."], ending=["The film is about revenge.", "It ends in revenge."])
    assert "revenge" not in theme_slugs(guide)
    found = find_themes(guide, include_spoilers=True)
    revenge = next(t for t in found if t.slug == "revenge")
    assert revenge.evidence == []


def test_a_sentence_giving_away_a_fate_in_an_ungated_field_is_not_evidence() -> None:
    guide = make(
        intro=["A film about loneliness."],
        adaptation=None,
        trivia=["The novel ends with the hero’s death and his loneliness."],
    )
    theme = next(t for t in find_themes(guide) if t.slug == "loneliness")
    assert [e.field for e in theme.evidence] == ["intro"]


def test_real_world_facts_are_not_content_notes() -> None:
    guide = make(
        intro=["A comedy about two friends."],
        behind_the_scenes=["The author died by suicide before filming.", "The star was a heroin addict."],
        trivia=["The lead actor was arrested for assault."],
        inspirations=["It recalls other films about alcoholism and violence."],
    )
    assert notes(guide) == {}


# --- Ranking -------------------------------------------------------------------------------------


def test_themes_rank_by_weighted_sentences_and_fields() -> None:
    guide = make(
        intro=["A film about grief."],
        film_type=FilmType(text=["A drama of grief and memory."]),
        why_watch=["For its honesty about grief."],
        summary=[SummarySection(paragraphs=["She loves him. They are in love."])],
        trivia=["The director once wrote a poem about revenge."],
    )
    found = find_themes(guide)
    assert [t.slug for t in found][:2] == ["grief", "love"]
    # grief: three main-field sentences (1.0 each) + 0.25 for each of two further fields
    assert (found[0].score, found[1].score) == (3.5, 1.5)
    assert len(found[0].evidence) == 3
    assert {e.field for e in found[0].evidence} == {"intro", "film_type", "why_watch"}
    # a single trivia mention is below the threshold
    assert "revenge" not in [t.slug for t in found]
    assert "revenge" in theme_slugs(guide, min_score=0.1)


def test_a_weak_cue_alone_is_not_a_theme_and_the_limit_applies() -> None:
    assert theme_slugs(story("He lives alone.")) == []
    many = make(intro=[" ".join(THEME_EXAMPLES.values())])
    assert len(find_themes(many)) == 8
    assert len(find_themes(many, limit=3)) == 3


def test_json_shapes() -> None:
    result = analyse(story("He is an alcoholic.", intro=["A film about addiction."]))
    theme = result.themes[0]
    assert isinstance(theme, Theme)
    assert set(theme.model_dump()) == {"name", "slug", "score", "evidence"}
    assert theme.model_dump()["evidence"][0] == {"field": "intro", "sentence": "A film about addiction."}
    note = result.content_notes[0]
    assert set(note.model_dump()) == {"name", "slug", "note", "evidence", "evidence_hidden"}


# --- The seed and the demo guides -------------------------------------------------------------


def _assert_evidence_is_spoiler_free(guide: Guide, found: list[ContentNote]) -> None:
    """Every evidence sentence is in the guide with its spoilers removed, in a content field."""
    safe = without_spoilers(guide, find_spoilers(guide))
    texts = {
        "intro": " ".join(safe.intro or []),
        "summary": " ".join(p for s in safe.summary for p in [s.heading or "", *s.paragraphs]),
        "film_type": " ".join(safe.film_type.text if safe.film_type else []),
        "key_scenes": " ".join(safe.key_scenes),
        "quotes": " ".join(q.text for q in safe.quotes),
        "easter_eggs": " ".join(safe.easter_eggs),
        "why_watch": " ".join(safe.why_watch or []),
    }
    for note in found:
        for ev in note.evidence:
            sentence = ev.sentence.split(": “", 1)[1][:-1] if ev.field == "quotes" else ev.sentence
            assert sentence in texts[ev.field], (note.slug, ev)


def test_the_seed() -> None:
    guide = parse_path(SEED)
    result = analyse(guide)
    slugs = [t.slug for t in result.themes]
    assert slugs[0] == "addiction"
    assert {"addiction", "love", "loneliness", "self-destruction"} <= set(slugs)
    found = {n.slug: n for n in result.content_notes}
    assert set(found) == {"alcoholism", "suicide", "violence", "sex-work"}
    assert found["alcoholism"].note == "Depicts heavy, sustained alcoholism."
    # the author's real suicide (behind the scenes) is not the evidence: Ben's plan is
    assert all(e.field in {"summary", "quotes"} for e in found["suicide"].evidence)
    assert any("drinking himself to death" in e.sentence for e in found["suicide"].evidence)
    # "violent during blackouts" is in the final act (a spoiler); the casino outburst is not
    assert [e.model_dump() for e in found["violence"].evidence] == [
        {"field": "key_scenes", "sentence": "The violent outburst at the casino."}
    ]
    assert any("call girl" in e.sentence for e in found["sex-work"].evidence)
    for note in result.content_notes:
        assert not note.evidence_hidden
    _assert_evidence_is_spoiler_free(guide, result.content_notes)
    spoilers = find_spoilers(guide)
    final_act = " ".join(guide.summary[i].paragraphs[0] for i in spoilers.summary)
    for note in result.content_notes:
        for ev in note.evidence:
            assert ev.sentence not in final_act


DEMOS = {
    "requiem-for-a-dream": ({"addiction", "dreams"}, {"drug-use", "violence", "sex-work"}, set()),
    "days-of-wine-and-roses": ({"addiction", "love", "marriage"}, {"alcoholism"}, set()),
    "leaving-las-vegas": (
        {"addiction", "love", "loneliness", "self-destruction"},
        {"alcoholism", "suicide", "violence", "sex-work"},
        set(),
    ),
    "midnight-cowboy": ({"friendship", "loneliness", "class"}, {"sex-work"}, {"violence"}),
    "the-wrestler": ({"fame", "loneliness", "aging"}, {"violence", "sex-work"}, {"drug-use"}),
    "blue-valentine": ({"love", "marriage", "family"}, {"alcoholism"}, {"violence"}),
}


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_demo_guides(name: str) -> None:
    themes, with_evidence, hidden = DEMOS[name]
    guide = parse_path(DEMO / f"{name}.md")
    result = analyse(guide)
    assert themes <= {t.slug for t in result.themes}
    found = {n.slug: n for n in result.content_notes}
    assert with_evidence | hidden <= set(found)
    assert all(found[s].evidence and not found[s].evidence_hidden for s in with_evidence)
    assert all(found[s].evidence == [] and found[s].evidence_hidden for s in hidden)
    _assert_evidence_is_spoiler_free(guide, result.content_notes)


def test_demo_guides_without_the_subject_do_not_get_its_note() -> None:
    assert "alcoholism" not in notes(parse_path(DEMO / "requiem-for-a-dream.md"))
    assert "drug-use" not in notes(parse_path(DEMO / "days-of-wine-and-roses.md"))
    assert "addiction" not in theme_slugs(parse_path(DEMO / "blue-valentine.md"))
    assert "suicide" not in notes(parse_path(DEMO / "the-wrestler.md"))


def test_docs_list_the_vocabulary_and_the_wording() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert docs.endswith(vocabulary_markdown()), "docs/themes.md is stale: regenerate its vocabulary"
    for theme in THEMES:
        assert f"`{theme.slug}`" in docs
    for note in CONTENT_NOTES:
        assert f"`{note.slug}`" in docs
        assert note.note in docs and note.heavy_note in docs


@pytest.mark.parametrize(
    "text", ["The ENDING", "she dies.", "Kills", "a fated man", "survived", "the end", "nothing"]
)
def test_gives_away_matches_as_without_its_lookahead(text: str) -> None:
    """GIVES_AWAY's first-letter lookahead is for speed only: the matches are those without it."""
    plain = re.compile(GIVES_AWAY.pattern.replace("(?=[defklmst])", ""), re.IGNORECASE).search(text)
    found = GIVES_AWAY.search(text)
    assert (found and found.span()) == (plain and plain.span())


def _alternation(titles: list[str]) -> re.Pattern[str]:
    """The compiled pattern TitleMask stands in for: whole-word titles, longest first."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in titles) + r")(?!\w)")


_TITLE_WORDS = ["Las", "Vegas", "Leaving", "Las Vegas", "Blue", "Valentine", "é", "_x", "A"]


@given(
    titles=st.lists(
        st.lists(st.sampled_from(_TITLE_WORDS), min_size=2, max_size=3).map(" ".join),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    text=st.lists(st.sampled_from([*_TITLE_WORDS, " ", ",", "'s", "x", "é"]), max_size=24).map("".join),
)
def test_the_title_mask_finds_what_the_whole_word_alternation_finds(titles: list[str], text: str) -> None:
    titles = sorted(titles, key=len, reverse=True)
    assert TitleMask(titles).sub(" TITLE ", text) == _alternation(titles).sub(" TITLE ", text)


def test_the_title_mask_prefers_the_longest_title_and_whole_words() -> None:
    mask = TitleMask(["Leaving Las Vegas", "Las Vegas"])
    assert mask.sub("T", "Leaving Las Vegas, then Las Vegas again") == "T, then T again"
    assert mask.sub("T", "Las Vegasx and Las Vegas_ stay") == "Las Vegasx and Las Vegas_ stay"
    at_one_place = TitleMask(["Las Vegas Nights", "Las Vegas"])
    assert at_one_place.sub("T", "Las Vegas Nights, Las Vegas Nightsx") == "T, T Nightsx"
