"""Snippets: where a film's text holds the words of a query, those words marked.

Cut in Python from the text each back end reads back (up to
:data:`~filmguide.store.search.index.MAX_FIELD` a field), so both give the same snippets: FTS5's
``snippet()`` costs time in the square of a field's matches (a word repeated 13,000 times:
4.5 s), PostgreSQL's ``ts_headline`` took 10 to 20 ms a search; this is a walk of the words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from filmguide.store.search.query import WORD
from filmguide.text import fold

#: Marks around matched words in the snippets the queries return (never in indexed text).
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
#: Words in a snippet.
SNIPPET_WORDS = 24
#: Words shown before the first matched word in a snippet.
SNIPPET_LEAD = 4


def _pick_snippet(body: str | None, names: str | None, title: str) -> str:
    for candidate in (body, names):
        if candidate and MARK_START in candidate:
            return candidate
    return title


def snippet_of(text: str | None, terms: Sequence[str]) -> str:
    """:data:`SNIPPET_WORDS` words of ``text`` from a little before its first word of the query,
    those words marked (adjacent ones as one mark), with an ellipsis where text is left out;
    ``""`` when no word of the query is in it."""
    if not text:
        return ""
    wanted = {fold(t) for t in terms}
    last = fold(terms[-1]) if terms else ""
    prefix = last if len(last) >= 2 else None
    words = WORD.finditer(text)
    ends: list[int] = []  # where each word read so far ends
    first = -1
    for found in words:
        ends.append(found.end())
        word = fold(found.group(0))
        if word in wanted or (prefix is not None and word.startswith(prefix)):
            first = len(ends) - 1
            break
    if first < 0:
        return ""
    begin = max(0, first - SNIPPET_LEAD)
    # From just after the word before the window: the marks and signs before its first word stay.
    start = ends[begin - 1] if begin else 0
    end = len(text)
    for n, found in enumerate(words, start=first + 1):
        if n >= begin + SNIPPET_WORDS:
            end = found.start()
            break
    marked = mark_title(" ".join(text[start:end].split()), terms)
    marked = re.sub(f"{MARK_END}(\\s+){MARK_START}", r"\1", marked)
    return (ELLIPSIS if start else "") + marked + (ELLIPSIS if end < len(text) else "")


def snippet_text(body: str | None, names: str | None, terms: Sequence[str], title: str) -> str:
    """The snippet of the body, else of the names, else the title (as FTS5's were picked)."""
    return _pick_snippet(snippet_of(body, terms), snippet_of(names, terms), title)


def mark_title(title: str, terms: Sequence[str]) -> str:
    """The title with marks around the words of the query (the last may be a word's start)."""
    wanted = [fold(t) for t in terms]
    prefix = wanted[-1] if wanted and len(wanted[-1]) >= 2 else None

    def mark(found: re.Match[str]) -> str:
        word = fold(found.group(0))
        if word in wanted or (prefix is not None and word.startswith(prefix)):
            return f"{MARK_START}{found.group(0)}{MARK_END}"
        return found.group(0)

    return WORD.sub(mark, title)
