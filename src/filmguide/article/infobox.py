"""A wiki-style infobox's rows and what they tell of the film: its director, year and stars.

One reading for both forms a page reaches us in: an HTML table (:mod:`.page` finds its rows) and
the same table copied as text, a row a line, its label and value apart by a tab or a colon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from filmguide.article.blocks import PageFacts, clean_text, fold_line
from filmguide.article.phrases import INFOBOX_DIRECTOR, INFOBOX_OTHER, INFOBOX_RELEASE, INFOBOX_STARRING

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_CITATION = re.compile(r"\[\d+\]")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\n)\s*")
#: A name in a row is shorter than this; a longer part is a note ("(uncredited) …").
_LONGEST_NAME = 60
#: A text row: a label of a few words, a tab (or several), its value; or, as a wiki's infobox is
#: often copied or retyped, the label and a colon ("Directed by: Zach Cregger").
_TEXT_ROW = re.compile(r"^\s*(?P<label>[^\t]{2,40}?)\s*\t+\s*(?P<value>\S.*)$")
_COLON_ROW = re.compile(r"^\s*(?P<label>[^\t:]{2,40}?):\s+(?P<value>\S.{0,200})$")
#: Every label an infobox row of a film may have.
_LABELS = frozenset([*INFOBOX_DIRECTOR, *INFOBOX_RELEASE, *INFOBOX_STARRING]) | INFOBOX_OTHER


def names(text: str) -> list[str]:
    """The names in a row's value, split at commas, semicolons, "and" and line breaks."""
    return listed_names(clean_text(part) for part in _NAME_SPLIT.split(text))


def listed_names(items: Iterable[str]) -> list[str]:
    """The names of a value whose markup lists them, without citation marks ("[3]")."""
    return [_CITATION.sub("", item).strip() for item in items if item and len(item) < _LONGEST_NAME]


def row_facts(label: str, text: str, facts: PageFacts, listed: Callable[[], list[str]] | None = None) -> None:
    """What one row ("directed by" | "Lana Wachowski, Lilly Wachowski") tells of the film, into
    ``facts`` where it is not known yet. ``label`` is case-folded; ``listed``: the value's names
    where its markup lists them (HTML list items), else they are split from ``text``."""
    if label in INFOBOX_DIRECTOR and not facts.directors:
        facts.directors = listed() if listed is not None else names(text)
    elif label in INFOBOX_RELEASE and facts.year is None:
        found = _YEAR.search(text)
        facts.year = int(found.group(1)) if found else None
    elif label in INFOBOX_STARRING and not facts.starring:
        facts.starring = listed() if listed is not None else names(text)


def text_row(raw: str) -> tuple[str, str] | None:
    """A line of an infobox copied as text: (its label, case-folded, and its value), or None."""
    found = _TEXT_ROW.match(raw) if "\t" in raw else _COLON_ROW.match(raw)
    if found is None:
        return None
    label = fold_line(found.group("label"))
    return (label, clean_text(found.group("value"))) if label in _LABELS else None
