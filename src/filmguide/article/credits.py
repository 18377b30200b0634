"""The post-credits answer: whether an article says the film has a scene in or after its
credits, read from its post-credits section (:func:`has_scenes`), from a sentence elsewhere that
states it (:func:`stated_scenes`), or from a heading that takes the scene for granted. The
phrasings are data in :mod:`filmguide.article.meanings`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from filmguide.article.headings import match_heading, normalize_heading
from filmguide.article.meanings import (
    CREDITS_BUT_A_SCENE,
    CREDITS_CONCESSION,
    CREDITS_NO,
    CREDITS_SCENE_EACH,
    CREDITS_SCENE_HEADINGS,
    CREDITS_SCENE_NAMED,
    CREDITS_STATED_YES,
    CREDITS_TOPIC,
    CREDITS_YES,
)
from filmguide.article.names import PROSE_LIMIT
from filmguide.article.phrases import pattern
from filmguide.text import sentences

#: The answer's first word, past a regret or a hedge ("Sadly, no.", "Unfortunately not.").
_ANSWER_WORD = re.compile(
    r"^\W*(?:(?:the\s+)?(?:(?:short|quick|simple)\s+)?answer\s*(?::|is)\s*)?"
    r"(?:(?:sadly|unfortunately|alas|well|happily|thankfully|luckily|fortunately|technically|actually|"
    r"surprisingly|oddly)\W+)?(\w+)",
    re.IGNORECASE,
)
_YES = {"yes", "yep", "yup", "yeah", "indeed", "absolutely", "definitely", "certainly"}
_NO = {"no", "nope", "nah", "none"}
#: Words that answer only on their own, before a stop or a comma: "Nothing.", "Two, actually."
#: ("Nothing happens after …" and "One of the best …" are read by their sentences).
_ALONE_NO = {"nothing"}
_ALONE_YES = {"one", "two", "three", "four", "five"}
_ALONE = re.compile(r"\s*[.!,:;—–]")
#: A question opening the answer's paragraph, and the space after it.
_LEADING_QUESTION = re.compile(r"^\s*[^.!?]{3,200}\?\s+(?=\S)")
#: "None of the sequels has one": "none" is an answer only on its own.
_NONE_OF = re.compile(r"\s+of\b", re.IGNORECASE)
#: "Absolutely not.": a yes word that "not" turns.
_TURNED = re.compile(r"\W+not\b", re.IGNORECASE)
#: "Yes and no.": the first word answers nothing; the sentences after it do.
_BOTH = re.compile(r"\W+(?:and|or)\s+(?:yes|no)\b", re.IGNORECASE)


def has_scenes(paragraphs: list[str]) -> bool | None:
    """Whether the section says there are scenes in or after the credits.

    The answer's first word decides where it is "Yes" or "No"; otherwise the first sentence
    about the credits that says either ("there isn't one", "nothing after the credits", "stay
    until the very end", "has two mid-credits scenes"; phrases in :mod:`.meanings`), else None.
    A sentence that says both answers by what it says first ("There is one mid-credits scene
    and no end-credits scene" has a scene; "There's no post-credits scene, but stick around for
    the bloopers" has none).
    """
    if not paragraphs:
        return None
    # The question the answer follows in its paragraph ("Is there a post-credits scene? No, …",
    # as a bold question leading its paragraph reads): the answer opens after it.
    if asked := _LEADING_QUESTION.match(paragraphs[0]):
        paragraphs = [paragraphs[0][asked.end() :], *paragraphs[1:]]
    first = _ANSWER_WORD.match(paragraphs[0])
    if first:
        word = first.group(1).casefold()
        answers = word in _YES or word in _NO
        if word == "none" and _NONE_OF.match(paragraphs[0], first.end()):
            answers = False
        if answers and not _BOTH.match(paragraphs[0], first.end()):
            return word in _YES and not _TURNED.match(paragraphs[0], first.end())
        if (word in _ALONE_NO or word in _ALONE_YES) and _ALONE.match(paragraphs[0], first.end()):
            return word in _ALONE_YES
    said = (s for p in paragraphs[:8] for s in sentences(p[:PROSE_LIMIT]))
    for n, sentence in enumerate(said):
        # The section's first sentence answers its heading's question ("There isn't one.").
        if n and not CREDITS_TOPIC.search(sentence) and "scene" not in sentence.casefold():
            continue
        if (answer := _answer(sentence, CREDITS_YES)) is not None:
            return answer
    return None


def _answer(sentence: str, yes: tuple[str, ...]) -> bool | None:
    """What a sentence answers, by what it says first: a no (CREDITS_NO) or one of ``yes``;
    None when it says neither."""
    conceded = pattern(CREDITS_CONCESSION, re.IGNORECASE).match(sentence)
    if conceded and (answer := _answer(sentence[conceded.end() :], yes)) is not None:
        return answer
    no_at, yes_at = _first_said(CREDITS_NO, sentence), _first_said(yes, sentence)
    if no_at is None and yes_at is None:
        return None
    if no_at is not None and (yes_at is None or no_at < yes_at):
        return pattern(CREDITS_BUT_A_SCENE, re.IGNORECASE).search(sentence, no_at) is not None
    return True


def stated_scenes(paragraphs: Iterable[str]) -> bool | None:
    """Whether an article with no post-credits section says anyway if the film has a scene in
    or after its credits ("Short answer: No. There is no post-credits scene." closing its
    ending): the first sentence that names such a scene and states yes or no (CREDITS_NO,
    CREDITS_STATED_YES), else None. A description of a scene says nothing here: it may be
    another film's. A paragraph that opens with the post-credits question and answers it ("Is
    there a post-credits scene? No, there isn't one.") says so too."""
    for paragraph in paragraphs:
        folded = paragraph.casefold()  # the patterns ignore case: so does this cheap test
        if "credit" not in folded and "stinger" not in folded:
            continue
        asked = _LEADING_QUESTION.match(paragraph)
        if (
            asked
            and match_heading(paragraph[: asked.end()].strip()) == "post_credits"
            and (answer := has_scenes([paragraph])) is not None
        ):
            return answer
        for sentence in sentences(paragraph[:PROSE_LIMIT]):
            if (
                not sentence.rstrip().endswith("?")  # "Does X Have a Post-Credits Scene?" asks
                and CREDITS_SCENE_NAMED.search(sentence)
                and (answer := _answer(sentence, CREDITS_STATED_YES)) is not None
            ):
                return answer
    return None


def heading_grants_scene(headings: list[str]) -> bool:
    """Whether a post-credits heading takes the scene for granted ("What Happens in the
    Post-Credits Scene?"), so that the section under it says yes by describing it; so do two
    sections or more each headed by its scene ("Mid-credits scene", "Post-credits scene")."""
    folded = [normalize_heading(h) for h in headings]
    if len(folded) > 1 and all(CREDITS_SCENE_EACH.match(h) for h in folded):
        return True
    return any(CREDITS_SCENE_HEADINGS.match(h) for h in folded)


def _first_said(patterns: tuple[str, ...], sentence: str) -> int | None:
    """Where the first of ``patterns`` matches in ``sentence``, or None."""
    found = [m.start() for p in patterns if (m := pattern(p, re.IGNORECASE).search(sentence))]
    return min(found) if found else None
