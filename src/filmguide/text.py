"""Prose rules every module shares: sentences, loose comparison, and "Title (1995)".

Each rule lives here once. The fact checks, the themes, the pages and the title linker all split
sentences, fold text and read a year after a title; when they each had their own version, a
sentence that the fact check saw whole was two sentences to the theme finder ("Dr. No").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# --- sentences ----------------------------------------------------------------------------------

#: A sentence ends at ., !, ? or … (closing quotes and brackets may follow) before a space and a
#: capital, a digit or "$" (a decimal point, "4.5", never ends one).
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9$])")
#: Words after which a full stop does not end the sentence ("Mr. Figgis", "Selby Jr. wrote").
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "jr", "sr", "st", "vs", "no", "vol", "approx", "mt", "lt", "col", "gen"}
    | {"e.g", "i.e", "etc"}
)


def _ends_in_abbreviation(piece: str) -> bool:
    words = piece.rsplit(None, 1)
    if not words:
        return False
    last = words[-1].lower().strip('("“‘[')
    return last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def has_full_stop(text: str) -> bool:
    """Whether a full stop and a space inside ``text`` end a sentence there: one after an
    abbreviation ("Guardians of the Galaxy Vol. 3", "Dr. Strangelove") or an initial does not."""
    at = text.find(". ")
    while at != -1:
        if not _ends_in_abbreviation(text[:at]):
            return True
        at = text.find(". ", at + 2)
    return False


_SPLIT: ContextVar[dict[str, list[str]] | None] = ContextVar("split_sentences", default=None)


@contextmanager
def one_split() -> Iterator[None]:
    """Within the block, a paragraph is split into sentences once however often it is read.

    The themes and the fact checks of one guide read the same paragraphs one after the other,
    and the split is a third of what the themes cost. The memory lasts for the block only (one
    guide's analyses), so it holds no more than one guide's text.
    """
    token = _SPLIT.set({})
    try:
        yield
    finally:
        _SPLIT.reset(token)


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph; abbreviations such as "Mr." and initials do not end one."""
    split = _SPLIT.get()
    if split is None:
        return _sentences(paragraph)
    found = split.get(paragraph)
    if found is None:
        found = split[paragraph] = _sentences(paragraph)
    return list(found)


def _sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for found in _SENTENCE_END.finditer(paragraph):
        if _ends_in_abbreviation(paragraph[start : found.start()]):
            continue
        out.append(paragraph[start : found.end()].strip())
        start = found.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


# --- loose comparison ---------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Text as loose comparison sees it: accents dropped, case folded, apostrophes joined to their
    word ("Schindler's" → ``schindlers``), other punctuation to single spaces.

    Cached: names and titles are folded again and again.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", bare.translate(_APOSTROPHES)).split())


# --- "Title (1995)" -----------------------------------------------------------------------------

_YEAR_SUFFIX = re.compile(r"^(?P<title>.*\S)\s*[(\[](?P<year>1[89]\d\d|20\d\d)[)\]]\s*$")


def split_title_year(title: str) -> tuple[str, int | None]:
    """``"Leaving Las Vegas (1995)"`` → ``("Leaving Las Vegas", 1995)``; a title without a year in
    brackets at its end comes back stripped, with ``None``."""
    found = _YEAR_SUFFIX.match(title)
    if found is None:
        return title.strip(), None
    return found["title"].strip(), int(found["year"])
