"""The walk over an article's blocks: which section each heading opens, and where each block
of text goes (a field of the template, the intro, the summary's parts, an extra section).

:func:`filmguide.article.sections.build_guide` walks the blocks once with a :class:`Walker` and
reads the guide's fields from what it collected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from filmguide.article import cast, items, shapes
from filmguide.article.blocks import Block, BlockKind
from filmguide.article.headings import director_in_heading, match_heading
from filmguide.article.meanings import LIST_NUMBER
from filmguide.model import ExtraSection, SummarySection

TEXT_FIELDS = ("ending", "inspirations", "alternate_endings", "why_watch")
#: Sections whose deeper headings are their own parts ("What happens to Jerry?" under "Fargo Ending
#: Explained"): each leads its first paragraph, which stays in the section (and behind its spoiler
#: gate), rather than opening an extra section.
_SUBHEADED = frozenset({*TEXT_FIELDS, "post_credits"})


@dataclass
class Collected:
    """Blocks gathered per field while walking the article."""

    intro: list[Block] = field(default_factory=list)
    fields: dict[str, list[Block]] = field(default_factory=dict)
    summary: list[SummarySection] = field(default_factory=list)
    extras: list[ExtraSection] = field(default_factory=list)
    memorable: list[Block] = field(default_factory=list)
    heading_directors: list[str] = field(default_factory=list)
    credits_headings: list[str] = field(default_factory=list)
    """The headings of the post-credits section (a heading may answer its question)."""


#: A line of a section's run of short lines (a film's title, an actor's name, a place) is no
#: longer than this.
_SECTION_LINE = 60
#: A run of at least this many such lines is the section's (one alone heads a box: a newsletter's
#: title); the cast's, of cards, two at least (an actor's line over a part's, twice).
_FEWEST_LINES = 2
_LINES_FOR = {"cast": 4, "recommendations": 1, "director_films": 1}
#: The sections such a run may stand in, and those whose lines are a list's entries (the cast's
#: cards are read in pairs from its lines: sections.build_guide, cast.cast_pairs).
_LISTED = frozenset({"recommendations", "director_films", "awards", "quotes"})
_LINED = _LISTED | {"cast", "music", "locations", "film_type", "trivia", "easter_eggs", "behind_the_scenes"}


def _run_length(blocks: list[Block], start: int) -> int:
    """How many lines from ``start`` on are short lines that the text reader took for headings
    for their shortness but that head nothing (each followed by another heading), none a
    section's heading nor a cast entry of its own ("Get Out", "Us", "Nope"; "Michael B.
    Jordan", "Smoke and Stack")."""
    end = start
    while end + 1 < len(blocks):
        block = blocks[end]
        if (
            block.level is not None
            or len(block.text) > _SECTION_LINE
            or blocks[end + 1].kind != "heading"
            or match_heading(block.text) is not None
            or any(sep in block.text for sep in cast.CAST_SECTION_SEPARATORS)
        ):
            break
        end += 1
    return end - start


class Walker:
    """Walks the blocks once, remembering which section each block belongs to."""

    def __init__(self, *, strict_levels: bool, kind: str | None = None) -> None:
        self.strict_levels = strict_levels
        self.kind = kind
        self.out = Collected()
        self.current: str = "intro"
        self.level: int | None = None
        self.recognised = 0
        self.run_end = 0
        """Where the run of a section's short lines the walker stands in ends."""
        self.lead: str | None = None
        """A sub-heading of the section, to lead its next paragraph."""

    def heading(self, block: Block) -> None:
        key = match_heading(block.text)
        if key is None and (self._cast_heading(block) or self._film_heading(block)):
            return
        deeper = block.level is not None and self.level is not None and block.level > self.level
        if deeper and self.current in _SUBHEADED and key in (None, self.current):
            self.lead = block.text
            return
        self.lead = None
        # Inside the summary an unknown heading is a sub-heading, whatever level a page gave it;
        # only our own Markdown, whose levels are exact, may end the summary with one.
        loose = key is None and not (self.strict_levels and not deeper)
        if self.current == "summary" and (deeper or loose):
            self.out.summary.append(SummarySection(heading=block.text, paragraphs=[]))
            return
        if key == "director_films":
            name = director_in_heading(block.text)
            if name:
                self.out.heading_directors.append(name)
        if key is None:
            # a listicle's position ("1. Did Sandra kill Samuel?") is no part of the section's name
            self.out.extras.append(
                ExtraSection(heading=LIST_NUMBER.sub("", block.text, count=1) or block.text)
            )
            self.current, self.level = "extra", block.level
            return
        self.recognised += 1
        if key == "post_credits":
            self.out.credits_headings.append(block.text)
        keeps_level = key in ("key_scenes", "quotes") and self.current in (
            "memorable",
            "key_scenes",
            "quotes",
        )
        if not keeps_level:
            self.level = block.level
        self.current = key
        self.out.fields.setdefault(key, [])

    def section_line(self, blocks: list[Block], index: int) -> bool:
        """Whether the heading ``blocks[index]`` is a line of the section rather than a heading:
        one of a run of short lines that head nothing (:func:`_run_length`), inside a section of
        the template, the run long enough for it ("Get Out", "Us", "Nope" under "Movies Like
        Sinners"; a grid of cast cards, an actor's line over the part's, in pairs). The run is
        measured at its first line only, where the walker stands in such a section."""
        if self.current not in _LINED:
            return False
        if index >= self.run_end:
            run = _run_length(blocks, index)
            if run < _LINES_FOR.get(self.current, _FEWEST_LINES):
                return False
            self.run_end = index + run
        block = blocks[index]
        kind: BlockKind = "item" if self.current in _LISTED else "paragraph"
        self.out.fields[self.current].append(Block(kind, block.text, line=block.line))
        return True

    def _cast_heading(self, block: Block) -> bool:
        """ "Leonardo DiCaprio as Dom Cobb" (or "… – Dom Cobb", "…: Dom Cobb") as a heading, in a
        cast section or on a cast page: an entry of the cast, its paragraphs the cast's notes."""
        if self.current != "cast" and self.kind != "cast":
            return False
        text = _entry_heading(block.text)
        separators = cast.CAST_SECTION_SEPARATORS if self.current == "cast" else cast.HEADING_CAST_SEPARATORS
        if not any(sep in text for sep in separators) or cast.read_cast(text) is None:
            return False
        if self.current != "cast":
            self.recognised += 1
            self.current, self.level = "cast", block.level
        self.out.fields.setdefault("cast", []).append(Block("item", text, level=block.level))
        return True

    def _film_heading(self, block: Block) -> bool:
        """ "Heat (1995)" heading a paragraph inside the recommendations or the director's films
        (a "What to watch next" list written as sub-headings): an entry of that list, its
        paragraphs the list's notes."""
        if (
            self.current not in ("recommendations", "director_films")
            or items.film_heading(block.text) is None
        ):
            return False
        self.out.fields.setdefault(self.current, []).append(Block("item", block.text, level=block.level))
        return True

    def content(self, block: Block) -> None:
        if self.current == "intro":
            self.out.intro.append(block)
        elif self.current == "summary":
            if not self.out.summary:
                self.out.summary.append(SummarySection(heading=None, paragraphs=[]))
            self.out.summary[-1].paragraphs.append(block.text)
        elif self.current == "extra":
            extra = self.out.extras[-1]
            (extra.items if block.kind == "item" else extra.paragraphs).append(block.text)
        elif self.current == "memorable":
            self.out.memorable.append(block)
        else:
            if self.lead is not None:
                text, self.lead = shapes.led_by(self.lead, block.text), None
                block = Block(block.kind, text, level=block.level, line=block.line)
            self.out.fields[self.current].append(block)


#: What may stand before a heading's words: a listicle's number, an emoji, a bullet.
_HEADING_LEAD = re.compile(r"^(?:#?\d{1,2}[.):]\s+|[^\w“\"'‘(]+)")


def _entry_heading(text: str) -> str:
    """A heading as the cast entry it may be: without a listicle's number or an emoji before it
    ("1. Timothée Chalamet as Paul Atreides", "🎬 Zendaya as Chani") or a colon after it, and, in
    capitals, in title case ("ZENDAYA AS CHANI")."""
    text = _HEADING_LEAD.sub("", text, count=1).rstrip(":").strip()
    if text.isupper():
        text = text.title()
    return text.replace(" As ", " as ")
