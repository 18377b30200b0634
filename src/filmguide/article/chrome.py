"""Page chrome: the words a web page puts around an article, which no guide field may keep.

The schema names them: the table of contents and its ``Toggle`` button, and widget blocks such as
``⇢ KEEP UP WITH THE TREND`` (a title, and in HTML the list of links to other posts under it).
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from filmguide.article.blocks import fold_line, lowers_plainly
from filmguide.article.chrome_words import (
    ARTICLE_END_PATTERN,
    ARTICLE_ENDS,
    CHROME_FIRST_WORDS,
    CHROME_FLOATING,
    CHROME_LINES,
    CHROME_PATTERNS,
    CREDIT_NAMES,
    JUMP_TITLES,
    LETTER_SIGN_OFF,
    LETTER_SIGNATURE,
    LINK_BLOCK_TITLES,
    PICTURE_CREDITS,
    TOC_TITLES,
    WIKI_MARKS,
)

#: Titles of widget blocks seen on this kind of site; matched on whole, case-folded lines.
WIDGET_TITLES = frozenset(
    {
        "keep up with the trend",
        "most shared right now",
        "trending now",
        "trending",
        "most popular",
        "popular posts",
        "related posts",
        "you may also like",
        "you might also like",
        "read also",
        "read more",
        "recent posts",
        "share this",
        "share this article",
    }
)

_LONGEST_TITLE = 80
_WIDGET_MARK = re.compile(r"^\s*[⇢→➜➤»]")
_TOGGLE = re.compile(r"^Toggle(?=[A-Z0-9\"“‘']|$)")
#: A table of contents' title is shorter than this.
_TOC_WIDTH = 40
_TOC_TITLE = re.compile(rf"^(?:{'|'.join(TOC_TITLES + JUMP_TITLES)})\s*:?$", re.IGNORECASE)
_JUMP_TITLE = re.compile(rf"^(?:{'|'.join(JUMP_TITLES)})\s*:?$", re.IGNORECASE)


def is_widget_title(text: str) -> bool:
    """A widget's title line: an arrow-led line, or a known widget heading."""
    stripped = text.strip()
    if len(stripped) > _LONGEST_TITLE:
        return False
    if _WIDGET_MARK.match(stripped):
        return True
    return stripped.casefold().rstrip(":") in WIDGET_TITLES


#: The lengths a table of contents' title can have: a case-insensitive match takes one character
#: of the line for each of the pattern's, so any other length is told apart without the pattern.
_TOC_LENGTHS = frozenset(len(title) + colon for title in TOC_TITLES + JUMP_TITLES for colon in (0, 1, 2))


def is_toc_title(text: str) -> bool:
    """A table of contents' title line. Asked of every line an article keeps, so a length test
    (:data:`_TOC_LENGTHS`) comes before the pattern."""
    if len(text) >= _TOC_WIDTH:
        return False
    stripped = text.strip()
    return len(stripped) in _TOC_LENGTHS and bool(_TOC_TITLE.match(stripped))


def is_jump_title(text: str) -> bool:
    """The title of a short list of links to the article's sections ("Jump to:", "On this page"),
    whose entries name the sections shorter than their headings do ("Cast" for "Zodiac Cast")."""
    return is_toc_title(text) and _JUMP_TITLE.match(text.strip()) is not None


def strip_toggle(text: str) -> str:
    """Remove the table of contents' ``Toggle`` label, which the seed glues to the next heading."""
    if not text.startswith("Toggle"):
        return text
    return _TOGGLE.sub("", text, count=1).strip()


#: A heading's permalink mark, as blogs and site generators set one before or after its words
#: ("#", "¶", "§", "🔗"); "#1" is a number, and stays.
_PERMALINK_MARKS = "#¶§🔗⚓"
_PERMALINK = re.compile(r"^(?:[#¶§🔗⚓]\s*)+(?!\d)|\s*(?:[#¶§🔗⚓]\s*)+$")


def heading_text(text: str) -> str:
    """A heading's words, without a table of contents' "Toggle" glued to it or a permalink's mark
    ("#Is There a Post-Credits Scene?", "The Ending Explained¶")."""
    text = strip_toggle(text)
    if text and (text[0] in _PERMALINK_MARKS or text[-1] in _PERMALINK_MARKS):
        return _PERMALINK.sub("", text)
    return text


_LONGEST_CHROME = 300


def _scoped(pattern: str) -> str:
    """A pattern whose leading ``(?i)`` becomes a scoped group, so patterns can be joined."""
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})"


#: Anchored patterns joined: one ``match`` tries each at the line's start only.
_ANCHORED = re.compile("|".join(_scoped(p) for p in CHROME_PATTERNS))
#: Floating patterns (credits in parentheses, cookie and newsletter boxes), each searched only
#: when the line holds a word it needs: one search of all of them at every position of a long
#: line was the reader's dearest step.
_FLOATING = tuple((words, re.compile(pattern)) for words, pattern in CHROME_FLOATING)
#: A line holding none of these tries no floating pattern.
_FLOATING_CUES = tuple(sorted({word for words, _ in CHROME_FLOATING for word in words} - {"("}))
#: No whole-line chrome entry or block title is longer than this (checked before folding a line).
_LONGEST_ENTRY = 60
#: Anchored chrome (bylines, dates, reading time) is shorter than this, unless it is a labelled
#: line ("RELATED: …") whose colon stands within the first characters.
_LONGEST_BYLINE = 160
_LABEL_WIDTH = 24
#: Bullets of a list item, looked past to the item's first word.
_BULLETS = frozenset("-–—•*▪◦·")
#: A letter's signature is a name or two.
_LONGEST_SIGNATURE = 40


LineKind = Literal["end", "links", "chrome"]


def line_kind(text: str) -> LineKind | None:
    """What page furniture a line is, folding it once: ``end`` (the comments follow: "Leave a
    Reply", "12 Comments"), ``links`` (the title of a block of links to other posts: "You May
    Also Like"), ``chrome`` (a byline, a date, reading time, a share bar, "RELATED:", "Read
    more", "Advertisement", an image credit, a newsletter or cookie box, comment-form text, post
    navigation; vocabularies in :mod:`filmguide.article.phrases`), or None for the article's own.

    Arrow-led widget titles are chrome, never ``links``: copied as text, the seed's kind of site
    leaves them alone between two lines of the article (even inside a list), their links gone.
    """
    return clean_line_kind(text.strip())


def clean_line_kind(line: str) -> LineKind | None:
    """:func:`line_kind` of a line already cleaned (``blocks.clean_text``: no outer spaces), as
    the readers call it on every line and block."""
    size = len(line)
    if size <= _LONGEST_ENTRY:
        return _short_line_kind(line) if size else None
    return None if size > _LONGEST_CHROME else _long_line_kind(line, size)


def is_link_block_title(line: str) -> bool:
    """The title of a block of links to other posts ("READ NEXT", "You May Also Like"): a short
    line, cleaned, that :func:`clean_line_kind` calls ``links`` (a cached lookup)."""
    return 0 < len(line) <= _LONGEST_ENTRY and _short_line_kind(line) == "links"


@functools.lru_cache(maxsize=8192)
def _short_line_kind(stripped: str) -> LineKind | None:
    """:func:`line_kind` of a short line. Cached: short lines (headings, share bars, bylines,
    a site's widget titles) recur from one article of a site to the next."""
    folded = fold_line(stripped)
    if folded in ARTICLE_ENDS or ARTICLE_END_PATTERN.match(folded):
        return "end"
    arrow = _WIDGET_MARK.match(stripped) is not None
    if folded in LINK_BLOCK_TITLES and not arrow:
        return "links"
    if arrow or folded in CHROME_LINES or folded.rstrip(":") in WIDGET_TITLES or _chrome_bar(folded):
        return "chrome"
    return _long_line_kind(stripped, len(stripped))


_BAR_SEPARATORS = re.compile(r"\s*[:|·•/,]\s*|\s{2,}")


def _chrome_bar(folded: str) -> bool:
    """A bar of furniture words copied as one line ("Share this: Facebook | X | Email", "Home
    Reviews  Lists", "Facebook Twitter Pinterest"): two parts or more, each a whole chrome line."""
    parts = [part for part in _BAR_SEPARATORS.split(folded) if part]
    if len(parts) == 1:  # "Facebook Twitter Pinterest": buttons copied a space apart
        first, _, rest = folded.partition(" ")
        if not rest or first not in CHROME_LINES:  # the first word settles most lines
            return False
        return _buttons(folded.split())
    return len(parts) >= 2 and all(part in CHROME_LINES for part in parts)


def _buttons(words: list[str]) -> bool:
    """Whether words copied a space apart are two buttons or more, each a word or two of a
    chrome line ("facebook x linkedin copy link email")."""
    count = at = 0
    while at < len(words):
        if words[at] in CHROME_LINES:
            at += 1
        elif at + 1 < len(words) and f"{words[at]} {words[at + 1]}" in CHROME_LINES:
            at += 2
        else:
            return False
        count += 1
    return count >= 2


def _long_line_kind(stripped: str, size: int) -> LineKind | None:
    """The patterns of :func:`line_kind`: anchored ones (bylines, dates, labels), then floating
    ones (credits, newsletters, cookies, reading time)."""
    # A long line with no label ("RELATED:") at its start is prose: bylines and dates are short.
    long_line = size > _LONGEST_BYLINE and ":" not in stripped[:_LABEL_WIDTH]
    if not long_line and _may_be_anchored(stripped) and _ANCHORED.match(stripped):
        return "chrome"
    if (stripped[-1] not in _SENTENCE_END or stripped.endswith("Bros.")) and _picture_credit(stripped):
        return "chrome"
    lowered = stripped.lower()
    for cue in _FLOATING_CUES:  # a loop, not any(map(…)): half the cost on every line that holds none
        if cue in lowered:
            break
    else:
        return None
    # Only a line holding a cue asks whether ``lowered`` holds every word a pattern may match.
    plain = lowers_plainly(stripped)
    for words, pattern in _FLOATING:
        if plain and not any(map(lowered.__contains__, words)):
            continue
        if pattern.search(stripped):
            return "chrome"
    return None


_SENTENCE_END = frozenset(".!?…;,:\"”’'")
#: The last word of each of CREDIT_NAMES ("tv+" of "apple tv+").
_CREDIT_WORDS = frozenset(name.split()[-1] for name in CREDIT_NAMES)
_PICTURE_CREDITS = tuple(re.compile(pattern) for pattern in PICTURE_CREDITS)


def _picture_credit(line: str) -> bool:
    """A caption whose picture's credit closes it, with no label ("… Van Orton. PolyGram Filmed
    Entertainment", "… in Zodiac (Paramount Pictures)"): its last words settle most lines."""
    last = line[-40:].lower().replace(")", " ").split()[-3:]
    if not any(word.rstrip(".") in _CREDIT_WORDS for word in last):
        return False
    return any(pattern.match(line) for pattern in _PICTURE_CREDITS)


def is_chrome_line(text: str) -> bool:
    """Any page furniture on a line of its own (see :func:`line_kind`)."""
    return line_kind(text) is not None


def _may_be_anchored(line: str) -> bool:
    """Whether an anchored chrome pattern could match: the line starts with a digit, a symbol or
    one of their first words (a set lookup, not two dozen patterns tried)."""
    bare = line.lstrip("-–—•*▪◦· ") if line[0] in _BULLETS else line
    if not bare or not bare[0].isalpha():
        return True
    first = bare.split(None, 1)[0].casefold().rstrip(":,.;|»")
    return first in CHROME_FIRST_WORDS


_SIGN_OFF = re.compile(LETTER_SIGN_OFF)


def is_sign_off(line: str) -> bool:
    """A letter's sign-off ("See you next week,"): the line under it may be its signature."""
    return line.endswith((",", "!")) and _SIGN_OFF.match(line) is not None


def is_signature(line: str) -> bool:
    """The name under a sign-off ("Nora", "— Nora"), where one stands just above."""
    return len(line) <= _LONGEST_SIGNATURE and LETTER_SIGNATURE.match(line) is not None


def without_signature(lines: list[str]) -> list[str]:
    """A paragraph's lines without the signature under its sign-off ("See you next week,<br>Nora")."""
    return [
        line for i, line in enumerate(lines) if not (i and is_sign_off(lines[i - 1]) and is_signature(line))
    ]


def strip_wiki_marks(text: str) -> str:
    """A copied wiki line without its "[1]", "[citation needed]" and "[edit]" marks."""
    return WIKI_MARKS.sub("", text) if "[" in text else text
