"""The kinds a theme vocabulary is written in: cues, their strength, and concepts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Strength = Literal["strong", "weak"]


@dataclass(frozen=True)
class Cue:
    """One cue: a word or phrase with its forms, and the contexts in which it means something else.

    The spec is space-separated tokens. A token is ``a|b|c`` (any of these words), ``stem+s,ed,ing``
    (the stem and the stem with each suffix), ``{macro}`` (see :data:`MACROS`), ``*`` (any one
    word) and may end with ``?`` (optional). ``unless_next`` and ``unless_prev`` are phrases that,
    directly after or before the match, give the cue another sense.
    """

    spec: str
    strength: Strength = "strong"
    unless_next: tuple[str, ...] = ()
    unless_prev: tuple[str, ...] = ()


def weak(spec: str, *, unless_next: Sequence[str] = (), unless_prev: Sequence[str] = ()) -> Cue:
    """A cue that needs company: half a mention for a theme, one of two sentences for a note."""
    return Cue(spec, "weak", tuple(unless_next), tuple(unless_prev))


def strong(spec: str, *, unless_next: Sequence[str] = (), unless_prev: Sequence[str] = ()) -> Cue:
    return Cue(spec, "strong", tuple(unless_next), tuple(unless_prev))


CueLike = str | Cue


@dataclass(frozen=True)
class Concept:
    """A theme or a content note: its name, slug, cues and (for notes) its fixed wording."""

    slug: str
    name: str
    cues: tuple[Cue, ...]
    note: str = ""
    heavy_note: str = ""
    """Notes only: the wording used when at least three sentences support the note."""

    def cue_specs(self, strength: Strength) -> list[str]:
        return [c.spec for c in self.cues if c.strength == strength]


def concept(slug: str, name: str, cues: Iterable[CueLike], note: str = "", heavy_note: str = "") -> Concept:
    return Concept(
        slug, name, tuple(c if isinstance(c, Cue) else Cue(c) for c in cues), note, heavy_note or note
    )
