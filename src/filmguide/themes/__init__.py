"""Themes and content notes: what a guide's film is about, and what a cautious viewer should know.

:func:`find_themes` ranks the themes of a fixed vocabulary (:data:`THEMES`) by how strongly the
guide's text supports them; :func:`find_content_notes` reports the content notes of
:data:`CONTENT_NOTES` (alcoholism, drug use, suicide, sexual violence, violence, …), each worded
without spoilers and shown with the sentences that support it, taken from spoiler-free text only.

Both read the guide's sentences word by word and look up cue words and phrases (with their
inflected forms) in one table built at import; a cue does not count when it is negated
("does not use drugs", "no violence", "drug-free"), when it is used in another sense ("shot on
location", "a drink of water", "heart attack", "a violent storm"), or when it is part of a film or
song title ("Days of Wine and Roses"). ``docs/themes.md`` documents the vocabulary and the rules.
Pure functions: no database, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from filmguide.model import Guide, Prose, Spoilers
from filmguide.spoilers import find_spoilers
from filmguide.themes.cues import Concept, Cue
from filmguide.themes.matching import Hits, Sentence, mask, read_sentences, scan, title_pattern, titles_named
from filmguide.themes.vocabulary import (
    CONTENT_NOTES,
    FIELD_BONUS,
    FIELD_WEIGHTS,
    HEAVY_SENTENCES,
    HEAVY_STRONG,
    MACROS,
    MAX_EVIDENCE,
    MAX_THEMES,
    MIN_THEME_SCORE,
    NOTE_FIELDS,
    NOTE_WEAK_SENTENCES,
    THEMES,
    WEAK_FACTOR,
)

# ---------------------------------------------------------------------------------------------
# Public models


class Evidence(BaseModel):
    """One sentence of the guide that supports a theme or a content note, and where it stands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    """The guide field the sentence comes from: ``intro``, ``summary``, ``key_scenes``, …"""
    sentence: str


class Theme(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    slug: str
    score: float
    """Weighted count of the distinct sentences that support the theme, plus a bonus for each
    further field that supports it (see ``docs/themes.md``)."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Up to three supporting sentences, strongest first, never from spoiler text."""


class ContentNote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    slug: str
    note: str
    """A fixed, generic and spoiler-free sentence: never derived from the guide's text."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Up to three supporting sentences from spoiler-free text only."""
    evidence_hidden: bool = False
    """True when every supporting sentence is a spoiler: the note stands, its evidence is withheld."""


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Analysis:
    """Themes and content notes of one guide, computed together (the spoilers are found once)."""

    themes: list[Theme]
    content_notes: list[ContentNote]


def _scanned(
    guide: Guide, spoilers: Spoilers | None = None, prose: Sequence[Prose] | None = None
) -> list[tuple[Sentence, Hits]]:
    if spoilers is None:
        spoilers = find_spoilers(guide)
    titles = title_pattern(guide)
    sentences = read_sentences(guide, spoilers, prose)
    titles = titles_named(titles, sentences)  # the titles its sentences name at all
    return [(s, scan(mask(s.text, titles))) for s in sentences]


def _evidence(items: list[tuple[float, Sentence]]) -> list[Evidence]:
    ranked = sorted(items, key=lambda it: (-it[0], it[1].order))
    return [Evidence(field=s.field, sentence=s.text) for _, s in ranked[:MAX_EVIDENCE]]


def _themes(
    scanned: list[tuple[Sentence, Hits]], *, include_spoilers: bool, limit: int, min_score: float
) -> list[Theme]:
    support: dict[int, list[tuple[float, Sentence]]] = {}
    for sentence, hits in scanned:
        if sentence.spoiler and not include_spoilers:
            continue
        for concept, strength in hits.theme.items():
            weight = FIELD_WEIGHTS.get(sentence.field, 0.25) * (1.0 if strength == "strong" else WEAK_FACTOR)
            support.setdefault(concept, []).append((weight, sentence))
    themes: list[Theme] = []
    for concept, items in support.items():
        fields = {s.field for _, s in items}
        score = round(sum(w for w, _ in items) + FIELD_BONUS * (len(fields) - 1), 2)
        if score < min_score:
            continue
        definition = THEMES[concept]
        shown = [(w, s) for w, s in items if not s.spoiler]
        themes.append(
            Theme(name=definition.name, slug=definition.slug, score=score, evidence=_evidence(shown))
        )
    themes.sort(key=lambda t: (-t.score, t.slug))
    return themes[:limit]


def _notes(scanned: list[tuple[Sentence, Hits]]) -> list[ContentNote]:
    support: dict[int, list[tuple[float, Sentence]]] = {}
    for sentence, hits in scanned:
        if sentence.field not in NOTE_FIELDS:
            continue
        for concept, strength in hits.note.items():
            support.setdefault(concept, []).append((1.0 if strength == "strong" else WEAK_FACTOR, sentence))
    notes: list[ContentNote] = []
    for concept, definition in enumerate(CONTENT_NOTES):
        items = support.get(concept, [])
        strong_hit = any(w == 1.0 for w, _ in items)
        if not strong_hit and len(items) < NOTE_WEAK_SENTENCES:
            continue
        shown = [(w, s) for w, s in items if not s.spoiler]
        heavy = len(items) >= HEAVY_SENTENCES and sum(w == 1.0 for w, _ in items) >= HEAVY_STRONG
        wording = definition.heavy_note if heavy else definition.note
        notes.append(
            ContentNote(
                name=definition.name,
                slug=definition.slug,
                note=wording,
                evidence=_evidence(shown),
                evidence_hidden=not shown,
            )
        )
    return notes


def find_themes(
    guide: Guide,
    *,
    include_spoilers: bool = False,
    limit: int = MAX_THEMES,
    min_score: float = MIN_THEME_SCORE,
) -> list[Theme]:
    """The guide's themes, strongest first.

    By default only spoiler-free text counts, so a theme never gives the ending away;
    ``include_spoilers=True`` lets spoiler text add to the scores (evidence stays spoiler-free).
    """
    return _themes(_scanned(guide), include_spoilers=include_spoilers, limit=limit, min_score=min_score)


def find_content_notes(guide: Guide) -> list[ContentNote]:
    """The content notes the film's text supports, in the order of :data:`CONTENT_NOTES`.

    Every field that shows the film's content counts, spoilers included (a viewer needs the
    warning either way), but the evidence comes only from spoiler-free text; a note whose only
    support is a spoiler is still reported, with ``evidence == []`` and ``evidence_hidden``.
    """
    return _notes(_scanned(guide))


def analyse(guide: Guide, spoilers: Spoilers | None = None, prose: Sequence[Prose] | None = None) -> Analysis:
    """Both at once, reading the guide a single time. ``spoilers``: the guide's, found already;
    ``prose``: its ``prose(spoilers)`` walked already (:func:`filmguide.analyses.guide_parts`
    finds and walks them once for the themes and the fact checks)."""
    scanned = _scanned(guide, spoilers, prose)
    return Analysis(
        themes=_themes(scanned, include_spoilers=False, limit=MAX_THEMES, min_score=MIN_THEME_SCORE),
        content_notes=_notes(scanned),
    )


def _render_cue(cue: Cue) -> str:
    out = "`" + cue.spec.replace("|", "\\|") + "`"
    if cue.unless_prev:
        out += " (not after " + ", ".join(f"“{w}”" for w in cue.unless_prev) + ")"
    if cue.unless_next:
        out += " (not before " + ", ".join(f"“{w}”" for w in cue.unless_next) + ")"
    return out


def _cue_columns(cues: Sequence[Cue]) -> tuple[str, str]:
    """A theme's or note's strong cues and weak cues, each column's cues joined by "; "."""
    strong = "; ".join(_render_cue(c) for c in cues if c.strength == "strong")
    weak = "; ".join(_render_cue(c) for c in cues if c.strength == "weak")
    return strong, weak


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A titled Markdown table, as lines."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def vocabulary_markdown() -> str:
    """The vocabulary as Markdown tables: the generated part of ``docs/themes.md``."""
    themes = [(f"`{t.slug}`", t.name, *_cue_columns(t.cues)) for t in THEMES]
    notes = [
        (
            f"`{n.slug}`",
            n.name,
            n.note,
            n.heavy_note if n.heavy_note != n.note else "(same)",
            *_cue_columns(n.cues),
        )
        for n in CONTENT_NOTES
    ]
    lines = _table(f"Themes ({len(THEMES)})", ("Slug", "Name", "Strong cues", "Weak cues"), themes)
    header = ("Slug", "Name", "Wording", "Wording when sustained", "Strong cues", "Weak cues")
    lines += ["", *_table(f"Content notes ({len(CONTENT_NOTES)})", header, notes)]
    macros = ", ".join(f"`{{{k}}}` = {' / '.join(v)}" for k, v in MACROS.items())
    lines += ["", f"Macros: {macros}.", ""]
    return "\n".join(lines)


__all__ = [
    "CONTENT_NOTES",
    "THEMES",
    "Analysis",
    "Concept",
    "ContentNote",
    "Cue",
    "Evidence",
    "Theme",
    "analyse",
    "find_content_notes",
    "find_themes",
    "vocabulary_markdown",
]
