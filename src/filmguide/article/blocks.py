"""The common form of every article: a flat run of headings, paragraphs and list items.

Each input form (plain text, HTML, Markdown) is reduced to blocks, and one section reader turns
blocks into a guide; that is how the three forms land in the same guide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(slots=True, unsafe_hash=True)
class Block:
    """One unit of an article. Never changed once made (a block is replaced, never edited), but
    not ``frozen``: a frozen dataclass sets each field through ``object.__setattr__``, which made
    building the blocks twice as dear, dozens of them an article.

    ``level`` is the heading depth where the input states it (HTML ``h2``/``h3``, Markdown
    ``##``/``###``) and ``None`` for plain text, whose headings are inferred from short lines.
    ``line`` points back into the source for error messages, where the form has lines.
    """

    kind: BlockKind
    text: str
    level: int | None = None
    line: int | None = None


#: HTML's heading tags and their levels, and its list tags: how the HTML reader and the Markdown
#: reader (which walks cmark's HTML) tell headings and lists apart.
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LIST_TAGS = frozenset({"ul", "ol"})

#: A list item as a line of text writes it: a bullet or a number before its words ("- Heat",
#: "• Heat", "2. Heat"); the readers of plain text and of wrapped text tell items by it.
ITEM_LINE = re.compile(r"^(?:[-•*–—▪◦·]\s+|\d{1,2}[.)]\s+)(?P<text>\S.*)$")
#: The bullets an item (:data:`ITEM_LINE`) starts with, when not a number.
ITEM_BULLETS = frozenset("-•*–—▪◦·")
#: What a line that closes a sentence or a clause ends with: no heading ends so.
CLOSING_MARKS = (".", "!", "?", ":", ";", "…", ",", "”", '"', "’", "'", "»", ")")
#: What a line that ends a sentence ends with.
SENTENCE_END_MARKS = (".", "!", "?", "…", ".”", '."', "!”", "?”")

_SPACES = re.compile(r"\s+")
#: Invisible characters (zero-width, soft hyphen, BOM, replacement) vanish; control characters
#: (C0, DEL, C1) read as spaces: no field of a guide holds one.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffd]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: Either of the two: one search per line finds whether there is anything to remove.
_ODD = re.compile(f"{_INVISIBLE.pattern[:-1]}{_CONTROLS.pattern[1:]}")


def clean_text(text: str) -> str:
    """Normalise one block's text: NFC, no invisible or control characters, single spaces.

    Curly and straight quotes are kept as written (names like Enrico “Ratso” Rizzo depend on it).
    Each step is skipped when a cheap check finds nothing to do: this runs on every line.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):  # ASCII is NFC
        text = unicodedata.normalize("NFC", text)
    if _ODD.search(text):
        text = _CONTROLS.sub(" ", _INVISIBLE.sub("", text))
    return " ".join(text.split())


def needs_cleaning(text: str) -> bool:
    """Whether :func:`clean_text` may do more than fold spaces on some line of ``text``.

    Checked once for a whole file, so its lines skip the per-line checks: a line break is a
    character no normalisation composes with, so the lines of an NFC text are NFC, and a text
    with no invisible or control character has none on any line.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        return True
    return _ODD.search(text) is not None


def fold_line(text: str) -> str:
    """A short line as the vocabularies (:mod:`.chrome_words`, :mod:`.phrases`) compare it:
    case-folded, without closing ``:``, dots or arrows."""
    return text.strip().casefold().rstrip(":»›→ .…").strip()


#: Letters a case-insensitive pattern matches to an ASCII letter that lower() does not give as
#: one: "İ" and "ı" (i), "ſ" (s). (The Kelvin sign lowers to "k".)
_UNLOWERED = re.compile("[\u0130\u0131\u017f]")


def lowers_plainly(text: str) -> bool:
    """Whether ``text.lower()`` holds every ASCII word a case-insensitive pattern could match in
    ``text`` (so a pattern whose words it lacks need not run)."""
    return text.isascii() or _UNLOWERED.search(text) is None


def lowered_for_words(text: str) -> str | None:
    """``text.lower()`` when :func:`lowers_plainly`, else None."""
    return text.lower() if lowers_plainly(text) else None


@dataclass
class PageFacts:
    """What a page states around its article: where titles are read from, and what refuses it.

    ``headline`` is the ``h1`` (or, in plain text, a first line shaped as a headline);
    ``meta_title`` the ``og:title``; ``title_tag`` the ``<title>`` and ``site_name`` the site's name
    it carries. ``entries`` counts the posts of a page that lists several (an archive, a blog
    index), and an infobox (wiki-style pages) gives ``directors``, ``year`` and ``starring``.
    """

    headline: str | None = None
    meta_title: str | None = None
    title_tag: str | None = None
    site_name: str | None = None
    infobox_title: str | None = None
    entries: int = 0
    directors: list[str] = field(default_factory=list)
    year: int | None = None
    starring: list[str] = field(default_factory=list)
    dateline: int | None = None
    """In plain text, the line of the page's first date or byline ("2 days ago", "By Jane Doe"):
    a headline in no known shape stands just above it."""


#: Lines broken apart (``<br>``, a Markdown note's single newline) no longer than this are a list
#: written line by line (a cast, awards).
LONGEST_BROKEN_LINE = 100


def listed_lines(lines: list[str]) -> bool:
    """Whether a paragraph's lines, broken apart by its writer, are a list written a line an
    entry ("Emily Blunt as Kate Macer" over "Benicio del Toro as …"): two or more, each short, each
    starting anew (a line that goes on with a small letter continues a sentence)."""
    return (
        len(lines) > 1
        and all(len(line) <= LONGEST_BROKEN_LINE for line in lines)
        and not any(line[:1].islower() for line in lines[1:])
    )
