"""The one definition of a film guide, as ``shared/guide-schema.md`` describes it.

Every reader (plain text, WordPress HTML, our Markdown) produces a :class:`Guide`, the store keeps
its JSON, and the web pages and the API render it. Field names are the schema's JSON keys; fields
may be added, never renamed. A section the article lacks is ``None`` (text and objects) or ``[]``
(lists).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Paragraphs = list[str]


# The empty defaults of list and dict fields are made by these Python functions, not by the
# builtins ``list`` and ``dict``: pydantic reads each factory's signature when it builds a model,
# and a builtin's signature is parsed from its text by the tokenizer (compiling its patterns on
# first use), a third of the time ``filmguide show`` spent building the guide's validator. The
# values, the JSON Schema and every guide are the same.


def _no_items() -> list[Any]:
    """A new empty list: the default of every list field."""
    return []


def _no_notes() -> dict[str, Any]:
    """A new empty dict: the default of ``section_notes``."""
    return {}


class Part(BaseModel):
    """Base for every part of a guide: unknown keys are refused so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class SummarySection(Part):
    """One stretch of the detailed summary, under its sub-heading (``None`` before the first)."""

    heading: str | None = None
    paragraphs: Paragraphs = Field(default_factory=_no_items)


class PostCredits(Part):
    """Whether scenes follow the credits: ``has_scenes`` is ``None`` when the answer says neither."""

    has_scenes: bool | None = None
    text: Paragraphs = Field(default_factory=_no_items)


class FilmType(Part):
    text: Paragraphs = Field(default_factory=_no_items)
    genres: list[str] = Field(default_factory=_no_items)


class CastMember(Part):
    actor: str
    character: str | None = None


class Music(Part):
    text: Paragraphs = Field(default_factory=_no_items)
    composers: list[str] = Field(default_factory=_no_items)
    featured_artists: list[str] = Field(default_factory=_no_items)


class Locations(Part):
    text: Paragraphs = Field(default_factory=_no_items)
    places: list[str] = Field(default_factory=_no_items)


class Award(Part):
    body: str
    category: str
    nominee: str | None = None
    result: Literal["won", "nominated"]


class Source(Part):
    """The work a film adapts; any part the article does not state stays ``None``."""

    kind: str
    title: str | None = None
    author: str | None = None
    year: int | None = None


class Adaptation(Part):
    text: Paragraphs = Field(default_factory=_no_items)
    source: Source | None = None


class Quote(Part):
    speaker: str
    context: str | None = None
    text: str


class FilmRef(Part):
    """A film the guide points to. ``note`` (an extension) keeps any words written after the year."""

    title: str
    year: int | None = None
    note: str | None = None


class ExtraSection(Part):
    """A section under a heading the schema does not name: kept so nothing of the article is lost."""

    heading: str
    paragraphs: Paragraphs = Field(default_factory=_no_items)
    items: list[str] = Field(default_factory=_no_items)


@dataclass(frozen=True)
class Spoilers:
    """The spoiler parts of one guide, by field and by index within list fields (found by
    :func:`filmguide.spoilers.find_spoilers`)."""

    ending: bool = False
    alternate_endings: bool = False
    post_credits: bool = False
    summary: frozenset[int] = field(default_factory=frozenset)
    key_scenes: frozenset[int] = field(default_factory=frozenset)
    quotes: frozenset[int] = field(default_factory=frozenset)

    def labels(self) -> list[str]:
        """``["ending", "summary:2", …]``: what the JSON twin lists as spoilers."""
        out = [name for name in ("ending", "alternate_endings", "post_credits") if getattr(self, name)]
        for name in ("summary", "key_scenes", "quotes"):
            out += [f"{name}:{i}" for i in sorted(getattr(self, name))]
        return out


@dataclass(frozen=True, slots=True)
class Prose:
    """One paragraph of a guide's prose, with where it stands."""

    field: str
    """The schema key it belongs to (``"section_notes"`` for notes kept inside a list section)."""
    index: int
    """The part's index within a list field (summary part, key scene, quote, extra section)."""
    text: str
    spoiler: bool
    """Whether it gives the ending away: the ending and alternate endings always; summary parts,
    key scenes, quotes and the post-credits answer as the ``spoilers`` given say."""
    heading: bool = False
    """A summary part's sub-heading rather than a paragraph."""


def _paragraphs(name: str, texts: Iterable[str], spoiler: bool = False, index: int = 0) -> Iterator[Prose]:
    for text in texts:
        yield Prose(name, index, text, spoiler)


class Origin(Part):
    """Extension: where a guide was first published, for a guide imported from a WordPress site.

    ``published`` is the post's date in ISO 8601 (``Z`` where the export gives it in UTC); the
    author is the display name; categories and tags as the site named them.
    """

    published: str | None = None
    author: str | None = None
    categories: list[str] = Field(default_factory=_no_items)
    tags: list[str] = Field(default_factory=_no_items)


class Guide(Part):
    """One film, explained section by section."""

    title: str
    year: int | None = None
    directors: list[str] = Field(default_factory=_no_items)
    slug: str | None = None
    intro: Paragraphs | None = None
    summary: list[SummarySection] = Field(default_factory=_no_items)
    ending: Paragraphs | None = None
    post_credits: PostCredits | None = None
    film_type: FilmType | None = None
    cast: list[CastMember] = Field(default_factory=_no_items)
    music: Music | None = None
    locations: Locations | None = None
    awards: list[Award] = Field(default_factory=_no_items)
    behind_the_scenes: list[str] = Field(default_factory=_no_items)
    inspirations: Paragraphs | None = None
    alternate_endings: Paragraphs | None = None
    adaptation: Adaptation | None = None
    key_scenes: list[str] = Field(default_factory=_no_items)
    quotes: list[Quote] = Field(default_factory=_no_items)
    easter_eggs: list[str] = Field(default_factory=_no_items)
    trivia: list[str] = Field(default_factory=_no_items)
    why_watch: Paragraphs | None = None
    director_films: list[FilmRef] = Field(default_factory=_no_items)
    recommendations: list[FilmRef] = Field(default_factory=_no_items)
    extra_sections: list[ExtraSection] = Field(default_factory=_no_items)
    section_notes: dict[str, Paragraphs] = Field(default_factory=_no_notes)
    """Extension: paragraphs (and lines the item readers could not read) found inside a list
    section such as ``cast`` or ``awards``, keyed by that section, so nothing is lost."""
    origin: Origin | None = None
    """Extension: the post a guide was imported from (date, author, categories, tags)."""

    def to_json_dict(self) -> dict[str, Any]:
        """The schema's JSON form: every key present, absent sections as ``null`` or ``[]``."""
        return self.model_dump(mode="json")

    def prose(self, spoilers: Spoilers | None = None) -> Iterator[Prose]:
        """Every paragraph of written prose, in the order the guide presents it.

        The one walk over the guide's text: the fact checks, the themes, the recommendations'
        text and the search index all read it, so a new field is taught to one place. Lists of
        names and films (cast, awards, the film lists) are not prose; a quote is, under
        ``quotes``. Without ``spoilers``, only the ending and alternate endings are marked.
        """
        marks = spoilers or Spoilers()
        yield from _paragraphs("intro", self.intro or [])
        for i, part in enumerate(self.summary):
            gated = i in marks.summary
            if part.heading:
                yield Prose("summary", i, part.heading, gated, heading=True)
            yield from _paragraphs("summary", part.paragraphs, gated, i)
        yield from _paragraphs("ending", self.ending or [], True)
        if self.post_credits is not None:
            yield from _paragraphs("post_credits", self.post_credits.text, marks.post_credits)
        for name in ("film_type", "music", "locations"):
            part_with_text = getattr(self, name)
            if part_with_text is not None:
                yield from _paragraphs(name, part_with_text.text)
        yield from _paragraphs("behind_the_scenes", self.behind_the_scenes)
        yield from _paragraphs("inspirations", self.inspirations or [])
        yield from _paragraphs("alternate_endings", self.alternate_endings or [], True)
        if self.adaptation is not None:
            yield from _paragraphs("adaptation", self.adaptation.text)
        for i, scene in enumerate(self.key_scenes):
            yield Prose("key_scenes", i, scene, i in marks.key_scenes)
        for i, quote in enumerate(self.quotes):
            yield Prose("quotes", i, quote.text, i in marks.quotes)
        for name in ("easter_eggs", "trivia", "why_watch"):
            yield from _paragraphs(name, getattr(self, name) or [])
        for i, extra in enumerate(self.extra_sections):
            yield from _paragraphs("extra_sections", [*extra.paragraphs, *extra.items], index=i)
        for i, notes in enumerate(self.section_notes.values()):
            yield from _paragraphs("section_notes", notes, index=i)


#: Sections in the order an article presents them; the writer and the pages follow it.
SECTION_ORDER: tuple[str, ...] = (
    "intro",
    "summary",
    "ending",
    "post_credits",
    "film_type",
    "cast",
    "music",
    "locations",
    "awards",
    "behind_the_scenes",
    "inspirations",
    "alternate_endings",
    "adaptation",
    "key_scenes",
    "quotes",
    "easter_eggs",
    "trivia",
    "why_watch",
    "director_films",
    "recommendations",
    "extra_sections",
)


def guide_json_schema() -> dict[str, Any]:
    """The JSON Schema of a guide, exported to ``docs/guide.schema.json``."""
    return Guide.model_json_schema()
