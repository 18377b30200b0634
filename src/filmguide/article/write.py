"""A guide to filmguide's Markdown, such that reading it back gives the same guide."""

from __future__ import annotations

import re
from typing import Any, Protocol

from filmguide.article import cast, items
from filmguide.article.headings import CANONICAL
from filmguide.model import Guide

_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(#|>|[-+=])")
#: "1." or "2)" opening a line would start an ordered list: escape the punctuation, not the digit
#: (CommonMark escapes only punctuation, so a backslash before a digit would stay as text).
_ORDERED = re.compile(r"^(\d+)([.)])")


class _Texted(Protocol):
    """A section of the guide made of paragraphs alone (post-credits, film type, music…)."""

    @property
    def text(self) -> list[str]: ...


def escape(text: str) -> str:
    """Escape what CommonMark would read as markup, so text stays text."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def _front_matter(guide: Guide) -> str:
    import yaml  # only writing Markdown needs it, not the parse the package is imported for

    data: dict[str, Any] = {"title": guide.title, "year": guide.year}
    if guide.slug:
        data["slug"] = guide.slug
    data["directors"] = guide.directors
    if guide.film_type is not None:
        data["genres"] = guide.film_type.genres
    if guide.music is not None:
        data["composers"] = guide.music.composers
        data["featured_artists"] = guide.music.featured_artists
    if guide.locations is not None:
        data["places"] = guide.locations.places
    if guide.adaptation is not None:
        data["source"] = guide.adaptation.source.model_dump() if guide.adaptation.source else None
    if guide.post_credits is not None:
        data["post_credits"] = guide.post_credits.has_scenes
    if guide.origin is not None:
        data["origin"] = guide.origin.model_dump()
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


class _Out:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def heading(self, text: str, level: int = 2) -> None:
        self.parts.append(f"{'#' * level} {escape(text)}")

    def paragraphs(self, texts: list[str]) -> None:
        self.parts.extend(escape(t) for t in texts)

    def items(self, texts: list[str]) -> None:
        if texts:
            self.parts.append("\n".join(f"- {escape(t)}" for t in texts))

    def section(
        self,
        key: str,
        texts: list[str] | None,
        notes: list[str] | None = None,
        item_texts: list[str] | None = None,
    ) -> None:
        self.heading(CANONICAL[key])
        self.paragraphs(notes or [])
        self.paragraphs(texts or [])
        self.items(item_texts or [])

    def texted(self, key: str, section: _Texted | None) -> None:
        """A section made of paragraphs, when the guide has it."""
        if section is not None:
            self.section(key, section.text)


def write_markdown(guide: Guide) -> str:
    """The guide as Markdown; every section present in the guide gets its canonical heading."""
    out = _Out()
    notes = guide.section_notes
    out.paragraphs(guide.intro or [])
    if guide.summary:
        out.heading(CANONICAL["summary"])
        for part in guide.summary:
            if part.heading is not None:
                out.heading(part.heading, level=3)
            out.paragraphs(part.paragraphs)
    for key in ("ending",):
        if guide.ending is not None:
            out.section(key, guide.ending)
    out.texted("post_credits", guide.post_credits)
    out.texted("film_type", guide.film_type)
    if guide.cast or "cast" in notes:
        out.section("cast", None, notes.get("cast"), [cast.write_cast(c) for c in guide.cast])
    out.texted("music", guide.music)
    out.texted("locations", guide.locations)
    if guide.awards or "awards" in notes:
        out.section("awards", None, notes.get("awards"), [items.write_award(a) for a in guide.awards])
    if guide.behind_the_scenes:
        out.section("behind_the_scenes", None, None, guide.behind_the_scenes)
    for key in ("inspirations", "alternate_endings"):
        value = getattr(guide, key)
        if value is not None:
            out.section(key, value)
    out.texted("adaptation", guide.adaptation)
    if guide.key_scenes or guide.quotes or "quotes" in notes:
        out.heading(CANONICAL["memorable"])
        if guide.key_scenes:
            out.heading(CANONICAL["key_scenes"], level=3)
            out.items(guide.key_scenes)
        if guide.quotes or "quotes" in notes:
            out.heading(CANONICAL["quotes"], level=3)
            out.paragraphs(notes.get("quotes", []))
            out.items([items.write_quote(q) for q in guide.quotes])
    for key in ("easter_eggs", "trivia"):
        if getattr(guide, key):
            out.section(key, None, None, getattr(guide, key))
    if guide.why_watch is not None:
        out.section("why_watch", guide.why_watch)
    for key in ("director_films", "recommendations"):
        films = getattr(guide, key)
        if films or key in notes:
            out.section(key, None, notes.get(key), [items.write_film(f) for f in films])
    for extra in guide.extra_sections:
        out.heading(extra.heading)
        out.paragraphs(extra.paragraphs)
        out.items(extra.items)
    return _front_matter(guide) + "\n" + "\n\n".join(out.parts) + "\n"
