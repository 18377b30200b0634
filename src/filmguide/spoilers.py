"""Which parts of a guide give the ending away, so pages can gate them and hide them on request.

Spoilers are the ending, the alternate endings, the summary's final act, any key scene or quote
about the end, and a post-credits answer that tells a character's fate. Everything else (cast,
music, awards, what the film is based on, whether there is a post-credits scene) is safe to read
before watching.
"""

from __future__ import annotations

import re

from filmguide.model import Guide, Spoilers

__all__ = ["Spoilers", "about_the_end", "find_spoilers", "without_spoilers"]

#: Words that mark a summary part, a key scene or a quote's context as being about the end.
_ABOUT_THE_END = re.compile(
    r"\b(?:final|finale|ending|ends|end|climax|conclusion|last|dies|death|dead|deaths|killed|"
    r"epilogue|resolution|aftermath|fate)\b",
    re.IGNORECASE,
)


#: Stronger cues for text that is not about the end by nature (the post-credits answer): only
#: what it reveals of a fate counts, not the words "end" or "ending", which every answer uses.
_REVEALS_A_FATE = re.compile(
    r"\b(?:death|dies|died|dead|killed|kills|suicide|murdered|survives?|survived|fate|"
    r"final monologue|final scene|last scene)\b",
    re.IGNORECASE,
)


def about_the_end(text: str | None) -> bool:
    return bool(text and _ABOUT_THE_END.search(text))


def find_spoilers(guide: Guide) -> Spoilers:
    """Mark the parts of ``guide`` that reveal the ending.

    The summary's final act is its last part when the summary has several, plus any part whose
    heading speaks of the end ("The Final Act: …", "Ending", "Aftermath").
    """
    parts = guide.summary
    final_parts = {i for i, part in enumerate(parts) if about_the_end(part.heading)}
    if len(parts) > 1:
        final_parts.add(len(parts) - 1)
    return Spoilers(
        ending=guide.ending is not None,
        alternate_endings=guide.alternate_endings is not None,
        post_credits=guide.post_credits is not None
        and any(_REVEALS_A_FATE.search(p) for p in guide.post_credits.text),
        summary=frozenset(final_parts),
        key_scenes=frozenset(i for i, scene in enumerate(guide.key_scenes) if about_the_end(scene)),
        quotes=frozenset(i for i, q in enumerate(guide.quotes) if about_the_end(q.context)),
    )


def without_spoilers(guide: Guide, spoilers: Spoilers) -> Guide:
    """The guide with every spoiler part removed: what ``?spoilers=0`` serves.

    A post-credits answer that gives a fate away keeps its yes or no and loses its text.
    """
    post_credits = guide.post_credits
    if spoilers.post_credits and post_credits is not None:
        post_credits = post_credits.model_copy(update={"text": []})
    return guide.model_copy(
        update={
            "post_credits": post_credits,
            "ending": None,
            "alternate_endings": None,
            "summary": [p for i, p in enumerate(guide.summary) if i not in spoilers.summary],
            "key_scenes": [s for i, s in enumerate(guide.key_scenes) if i not in spoilers.key_scenes],
            "quotes": [q for i, q in enumerate(guide.quotes) if i not in spoilers.quotes],
        }
    )
