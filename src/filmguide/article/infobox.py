"""A wiki-style infobox's rows and what they tell of the film: its director, year and stars.

One reading for both forms a page reaches us in: an HTML table (:mod:`.page` finds its rows) and
the same table copied as text, a row a line, its label and value apart by a tab or a colon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from filmguide.article.blocks import PageFacts, clean_text, fold_line
from filmguide.article.headings import is_known_heading
from filmguide.article.phrases import INFOBOX_DIRECTOR, INFOBOX_OTHER, INFOBOX_RELEASE, INFOBOX_STARRING
from filmguide.text import has_full_stop

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


#: A label line of an infobox copied a row over two lines is at most this long.
_LONGEST_LABEL = 24
#: ... and its value line at most this long.
_LONGEST_VALUE = 120
#: Rows stacked so ("Director" over "Robert Zemeckis") are an infobox from this many on.
_FEWEST_STACKED = 2


def stacked_rows(lines: list[str]) -> dict[int, tuple[str, str]]:
    """An infobox copied as text with each row's label over its value ("Release Date" /
    "December 22, 2000" / "Director" / "Robert Zemeckis", as a news site's film card copies):
    by the index of each label line, its row (the label case-folded, the value). Only a run of
    two rows or more counts, each of another label: a lone "Cast" over a line is the cast
    section's heading, and a value is no list item nor a section's heading."""
    rows: dict[int, tuple[str, str]] = {}
    # asked of every text: the label lines are found in one comprehension, no call a line
    labels = {
        at: label
        for at, line in enumerate(lines)
        if len(line) <= _LONGEST_LABEL and (label := line.strip().rstrip(":").casefold()) in _LABELS
    }
    if len(labels) < _FEWEST_STACKED:
        return rows
    for at in sorted(labels):
        if at in rows:
            continue
        run: list[tuple[int, str, str]] = []
        while at in labels and at + 1 < len(lines) and _stacked_value(lines[at + 1]):
            run.append((at, labels[at], clean_text(lines[at + 1])))
            at += 2
        if len(run) >= _FEWEST_STACKED and len({label for _, label, _ in run}) == len(run):
            rows.update((index, (label, value)) for index, label, value in run)
    return rows


def _stacked_value(line: str) -> bool:
    value = line.strip()
    return (
        0 < len(value) <= _LONGEST_VALUE
        and value[0].isalnum()  # a list's bullet, a symbol: no infobox value
        and not value.endswith(("!", "?", ":"))
        and not is_known_heading(value)
        and not has_full_stop(value)
        and fold_line(value) not in _LABELS
    )


def text_row(raw: str) -> tuple[str, str] | None:
    """A line of an infobox copied as text: (its label, case-folded, and its value), or None."""
    found = _TEXT_ROW.match(raw) if "\t" in raw else _COLON_ROW.match(raw)
    if found is None:
        return None
    label = fold_line(found.group("label"))
    return (label, clean_text(found.group("value"))) if label in _LABELS else None
