"""The one definition of a film guide, as ``shared/guide-schema.md`` describes it.

Every reader (plain text, WordPress HTML, our Markdown) produces a :class:`Guide`, the store keeps
its JSON, and the web pages and the API render it. Field names are the schema's JSON keys; fields
may be added, never renamed. A section the article lacks is ``None`` (text and objects) or ``[]``
(lists).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Paragraphs = list[str]


class Part(BaseModel):
    """Base for every part of a guide: unknown keys are refused so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")


class SummarySection(Part):
    """One stretch of the detailed summary, under its sub-heading (``None`` before the first)."""

    heading: str | None = None
    paragraphs: Paragraphs = Field(default_factory=list)


class PostCredits(Part):
    """Whether scenes follow the credits: ``has_scenes`` is ``None`` when the answer says neither."""

    has_scenes: bool | None = None
    text: Paragraphs = Field(default_factory=list)


class FilmType(Part):
    text: Paragraphs = Field(default_factory=list)
    genres: list[str] = Field(default_factory=list)


class CastMember(Part):
    actor: str
    character: str | None = None


class Music(Part):
    text: Paragraphs = Field(default_factory=list)
    composers: list[str] = Field(default_factory=list)
    featured_artists: list[str] = Field(default_factory=list)


class Locations(Part):
    text: Paragraphs = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)


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
    text: Paragraphs = Field(default_factory=list)
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
    paragraphs: Paragraphs = Field(default_factory=list)
    items: list[str] = Field(default_factory=list)


class Origin(Part):
    """Extension: where a guide was first published, for a guide imported from a WordPress site.

    ``published`` is the post's date in ISO 8601 (``Z`` where the export gives it in UTC); the
    author is the display name; categories and tags as the site named them.
    """

    published: str | None = None
    author: str | None = None
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class Guide(Part):
    """One film, explained section by section."""

    title: str
    year: int | None = None
    directors: list[str] = Field(default_factory=list)
    slug: str | None = None
    intro: Paragraphs | None = None
    summary: list[SummarySection] = Field(default_factory=list)
    ending: Paragraphs | None = None
    post_credits: PostCredits | None = None
    film_type: FilmType | None = None
    cast: list[CastMember] = Field(default_factory=list)
    music: Music | None = None
    locations: Locations | None = None
    awards: list[Award] = Field(default_factory=list)
    behind_the_scenes: list[str] = Field(default_factory=list)
    inspirations: Paragraphs | None = None
    alternate_endings: Paragraphs | None = None
    adaptation: Adaptation | None = None
    key_scenes: list[str] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    easter_eggs: list[str] = Field(default_factory=list)
    trivia: list[str] = Field(default_factory=list)
    why_watch: Paragraphs | None = None
    director_films: list[FilmRef] = Field(default_factory=list)
    recommendations: list[FilmRef] = Field(default_factory=list)
    extra_sections: list[ExtraSection] = Field(default_factory=list)
    section_notes: dict[str, Paragraphs] = Field(default_factory=dict)
    """Extension: paragraphs (and lines the item readers could not read) found inside a list
    section such as ``cast`` or ``awards``, keyed by that section, so nothing is lost."""
    origin: Origin | None = None
    """Extension: the post a guide was imported from (date, author, categories, tags)."""

    def to_json_dict(self) -> dict[str, Any]:
        """The schema's JSON form: every key present, absent sections as ``null`` or ``[]``."""
        return self.model_dump(mode="json")


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
