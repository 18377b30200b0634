"""The work a film adapts, as an article states it: "based on the novella Story of Your Life by
Ted Chiang", "John O’Brien’s 1990 novel", "the novel of the same name by …"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from filmguide.article.fact_words import NOT_NAMES
from filmguide.article.names import NAME, PROSE_LIMIT
from filmguide.article.names import POSSESSIVE as _POSSESSIVE
from filmguide.article.names import POSSESSIVE_END as _POSSESSIVE_END
from filmguide.article.names import UPPER as _UPPER
from filmguide.article.phrases import Worded, pattern
from filmguide.model import Source
from filmguide.text import sentences

_KINDS = (
    r"graphic novel|short story|novella|novel|memoir|stage play|play|comic book|comic|book|"
    r"biography|article|musical|poem|story|teleplay"
)
#: A work's title written without quotation marks: Title Case words, with the small words a title
#: keeps lower-case between them ("Story of Your Life"), ending on a capitalised word.
_BARE_TITLE = (
    rf"[{_UPPER}][\w'’-]*(?:\s+(?:(?:of|the|a|an|and|in|on|to|for|with|at|from|or)\s+)*"
    rf"[{_UPPER}0-9][\w'’-]*){{0,8}}"
)
_TITLE = rf"(?P<title>[“\"][^”\"]+[”\"]|{_BARE_TITLE})"
#: The adapted work's shapes, each with the words (case-sensitive) one of which a window of text
#: must hold for it to match.
_SOURCE_PATTERNS: list[Worded] = [
    (
        ("based on", "adapted from", "adaptation of"),
        rf"\b(?:based on|adapted from|adaptation of)\s+(?P<title>[{_UPPER}][^,.;:()]{{1,80}}?),\s+"
        rf"(?:the|a|an)\s+(?:(?P<year>1[5-9]\d\d|20\d\d)\s+)?(?:[^\W\d][\w-]*\s+){{0,2}}?(?P<kind>{_KINDS})"
        rf"\s+by\s+(?P<author>{NAME})",
    ),
    (
        ("’", "'"),
        rf"(?P<author>{NAME}){_POSSESSIVE}\s+(?:(?P<year>1[5-9]\d\d|20\d\d)\s+)?(?:[^\W\d][\w-]*\s+){{0,2}}?"
        rf"(?P<kind>{_KINDS})\b(?:\s+{_TITLE})?",
    ),
    (
        ("by",),
        rf"(?:\b(?P<year>1[5-9]\d\d|20\d\d)\s+(?:[^\W\d][\w-]*\s+){{0,2}}?|\b)(?P<kind>{_KINDS})"
        rf"(?:\s+{_TITLE})?(?P<same>\s+of the same (?:name|title))?"
        rf"(?:\s*\((?P<year2>1[5-9]\d\d|20\d\d)\))?\s+by\s+(?P<author>{NAME})",
    ),
]
_SOURCE_CUES = re.compile(r"\b(?:based on|adapt\w*|adapted from|inspired by|source)\b", re.IGNORECASE)


def _source_kind(kind: str) -> str:
    return {"comic book": "comic", "stage play": "play"}.get(kind, kind)


_KIND_WORD = re.compile(rf"\b(?:{_KINDS})\b")
_WINDOW_BEFORE, _WINDOW_AFTER = 160, 200


def _windows(text: str) -> Iterator[str]:
    """Stretches of ``text`` around each word naming a kind of work: the source patterns only
    ever match there, and scanning a window is far cheaper than scanning every capital letter."""
    last_end = -1
    for found in _KIND_WORD.finditer(text):
        start = max(found.start() - _WINDOW_BEFORE, last_end + 1, 0)
        end = found.end() + _WINDOW_AFTER
        if start < end:
            # Start the window on a word boundary so a name is never read from its middle.
            while 0 < start < found.start() and text[start - 1].isalnum():
                start += 1
            yield text[start:end]
        last_end = found.end()


def adapted_source(primary: list[str], others: list[str], *, film_title: str | None) -> Source | None:
    """The work the film adapts, from the adaptation section first and other prose after.

    The first mention found names the kind and author; a later mention of the same author may
    add the year ("John O’Brien’s 1990 novel"). A title is only given when the text states it.
    """
    texts = [p[:PROSE_LIMIT] for p in primary]
    texts += [p[:PROSE_LIMIT] for p in others if "novel" in p or _SOURCE_CUES.search(p[:PROSE_LIMIT])]
    source: Source | None = None
    for window in (w for text in texts for w in _windows(text)):
        for words, source_pattern in _SOURCE_PATTERNS:
            if not any(map(window.__contains__, words)):
                continue
            for match in pattern(source_pattern).finditer(window):
                source = _merge_source(source, match, film_title)
    return source


#: Words by which a sentence says the film adapts a work (not "inspired by", not "X's story of …").
_ADAPTS = re.compile(r"\b(?:based on|adapted from|adaptation of|adapts|adapting)\b", re.IGNORECASE)


def stated_source(paragraphs: list[str], *, film_title: str | None) -> Source | None:
    """The adapted work, as an article with no adaptation section states it in its other prose.

    Only sentences that say so in words ("based on …", "adapted from …") are read: without a
    section about the adaptation, "Nolan's story of a thief" is the film's story, not a source.
    """
    stating = [
        sentence
        for paragraph in paragraphs
        if _ADAPTS.search(paragraph[:PROSE_LIMIT])
        for sentence in sentences(paragraph[:PROSE_LIMIT])
        if _ADAPTS.search(sentence)
    ]
    return adapted_source(stating, [], film_title=film_title) if stating else None


def _merge_source(source: Source | None, match: re.Match[str], film_title: str | None) -> Source | None:
    author = _POSSESSIVE_END.sub("", match.group("author")).strip()
    if author.split()[0] in NOT_NAMES:
        return source
    groups = match.groupdict()
    year_text = groups.get("year") or groups.get("year2")
    year = int(year_text) if year_text else None
    title = groups.get("title")
    title = title.strip('“”"') if title else (film_title if groups.get("same") else None)
    if source is None:
        return Source(kind=_source_kind(match.group("kind")), title=title, author=author, year=year)
    if source.author == author:
        return source.model_copy(update={"year": source.year or year, "title": source.title or title})
    return source
