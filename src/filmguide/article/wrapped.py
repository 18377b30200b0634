"""Hard-wrapped texts (an email's, a plain-text editor's, a newsletter's archive): their lines
joined back into the paragraphs their writer wrote, before the text reader reads them."""

from __future__ import annotations

from filmguide.article.blocks import CLOSING_MARKS, ITEM_LINE, SENTENCE_END_MARKS
from filmguide.article.headings import match_heading

#: A hard-wrapped text (an email's, a plain-text editor's, a newsletter's archive) breaks its lines
#: at a width no wider than this; a few lines may stand out past it (a link, a table's row).
_WRAP_WIDTH = 100
_LONG_LINES_SHARE = 0.05
#: A text is read as wrapped when at least this many of its lines, and this share of them, were
#: broken at its width (most of them inside a sentence): copied from a web page, a paragraph is
#: one line however long.
_WRAPPED_LINES = 3
_WRAPPED_SHARE = 0.2


def unwrapped(lines: list[str]) -> list[str]:
    """A hard-wrapped text's lines with each paragraph on its first line and the lines joined to it
    left empty (every line keeps its number for messages); any other text's lines as they are.

    A line was broken at the width when the next line's first word would not have fitted on it,
    as a wrapping editor breaks lines: a short line (a heading, a list's item, a paragraph's last
    line) ends where its writer ended it, and a bullet or a known section's heading always
    starts a line of its own. A sentence that runs on to a line starting in lower case is joined
    too, once the text is known to be wrapped."""
    # A copied web page, whose paragraphs are long lines, is told at C speed.
    if sum(map(_WRAP_WIDTH.__lt__, map(len, lines))) > len(lines) * _LONG_LINES_SHARE:
        return lines
    kept = [line.rstrip() for line in lines]
    lengths = [len(line) for line in kept if line]
    if not lengths or sum(n > _WRAP_WIDTH for n in lengths) > len(lengths) * _LONG_LINES_SHARE:
        return lines
    width = max(n for n in lengths if n <= _WRAP_WIDTH)
    joins = [
        index
        for index in range(len(kept) - 1)
        if kept[index] and kept[index + 1] and _broken_at_width(kept[index], kept[index + 1], width)
    ]
    # Most breaks of a wrapped paragraph fall inside a sentence, before a word in lower case; a
    # list of facts a line each, its lines as wide as the widest, starts each with a capital.
    running_on = sum(kept[index + 1].lstrip()[:1].islower() for index in joins)
    if (
        running_on < _WRAPPED_LINES
        or running_on * 2 < len(joins)
        or len(joins) < len(lengths) * _WRAPPED_SHARE
    ):
        return lines
    # In a wrapped text, a sentence running on to a line that starts in lower case was broken too
    # (by a writer's own hand, short of the width): "… in the" over "final shot."
    joins = sorted(
        {
            *joins,
            *(
                index
                for index in range(len(kept) - 1)
                if kept[index]
                and kept[index + 1].lstrip()[:1].islower()
                and not kept[index].endswith(CLOSING_MARKS)
            ),
        }
    )
    for index in reversed(joins):  # from the end, so each joined line takes in what follows it
        first, rest = kept[index], kept[index + 1].strip()
        kept[index] = first + rest if first.endswith("-") and first[-2:-1].isalpha() else f"{first} {rest}"
        kept[index + 1] = ""
    return kept


def _broken_at_width(line: str, following: str, width: int) -> bool:
    """Whether ``line`` ends where a wrapping editor broke it: the next line's first word would
    have made it wider than the text's width, and the next line starts no item nor section. A
    line that ends a sentence where the next begins one is left to end there: in a list of facts
    a line each, a long one would otherwise take in the next; in a wrapped paragraph, the cost is
    a paragraph read as two."""
    rest = following.strip()
    return (
        len(line) + 1 + len(rest.split(maxsplit=1)[0]) > width
        and not (line.endswith(SENTENCE_END_MARKS) and rest[:1].isupper())
        and ITEM_LINE.match(rest) is None
        and match_heading(rest) is None
    )
