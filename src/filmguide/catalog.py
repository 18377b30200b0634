"""The open catalog: ``movies.json`` cleaned by named rules, shipped in the package, loaded fast.

``movies.json`` (``vega-datasets`` 3.2.1) is a teaching set with known flaws and intentional errors.
:func:`clean` turns its rows into typed :class:`CatalogFilm` records by *rules*, each named in
:data:`RULES`; every value a rule changes or drops, and every row it rejects, is logged, so the
data-quality report (``docs/catalog.md``) is written from the log rather than by hand. A rule may
move a value to where it belongs or set it to ``None``; it never invents one.

:func:`~filmguide.catalog_report.derive` writes the packaged file (``data/catalog.json.gz``:
sorted JSON, gzip with no timestamp, so the same input gives the same bytes) and the report;
:func:`load_catalog` reads the packaged file back.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from filmguide.slugs import FALLBACK_SLUG, slug_candidates, slugify_title
from filmguide.text import split_title_year

#: The credit the source asks for, carried in the packaged file and its README.
CREDIT = (
    "Derived from data/movies.json of the npm package vega-datasets 3.2.1 "
    "(https://github.com/vega/vega-datasets; repository code under the BSD-3-Clause licence). "
    "Its metadata describes it as a teaching set that contains known data quality issues and "
    "intentional errors; filmguide cleans it by the rules listed in docs/catalog.md."
)
SOURCE_NAME = "vega-datasets 3.2.1, data/movies.json"

#: Release dates after this day were read into the wrong century and move back 100 years.
#: The data was collected around September 2010 (the latest release with a recorded US gross is
#: 17 Sep 2010); it lists releases announced up to 23 Dec 2011, then nothing until "Feb 08 2015"
#: (The Birth of a Nation, 1915). "More than a year after the collection" is therefore any date
#: after the end of 2011; any cut-off in 2012-2014 gives the same result on this data.
CENTURY_CUTOFF = date(2011, 12, 31)

#: "Dec 31 1969" is the Unix epoch (1970-01-01 00:00 UTC) shown in an American time zone: the
#: value a missing date takes when stored as a timestamp.
EPOCH_DATE = date(1969, 12, 31)

#: Leading articles a title may have had moved to its end ("Barbarians, The").
ARTICLES = ("The", "A", "An", "La", "Le", "Les", "L'", "Il", "El", "Los", "Las", "Die", "Das", "Der")

#: The ratings the MPAA gives, and "Not Rated"; any other label is not a rating.
MPAA_RATINGS = frozenset({"G", "PG", "PG-13", "R", "NC-17", "X", "M", "GP", "Not Rated"})

RELEASE_DATE_FORMAT = "%b %d %Y"

# ---------------------------------------------------------------------------------------------
# The model


class CatalogFilm(BaseModel):
    """One film of the open catalog; whatever the source does not give is ``None`` (or ``[]``)."""

    # Built when first used: the article reader imports this module for the titles alone.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    slug: str
    title: str
    year: int | None = None
    release_date: date | None = None
    directors: list[str] = Field(default_factory=list)
    genre: str | None = None
    creative_type: str | None = None
    source: str | None = None
    mpaa_rating: str | None = None
    running_time_min: int | None = None
    distributor: str | None = None
    budget: int | None = None
    us_gross: int | None = None
    worldwide_gross: int | None = None
    us_dvd_sales: int | None = None
    imdb_rating: float | None = None
    imdb_votes: int | None = None
    rotten_tomatoes: int | None = None


class CatalogFile(BaseModel):
    """The packaged file: the credit, where the films come from, and the films."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    credit: str
    source: str
    source_sha256: str | None = None
    rows_in: int
    films: list[CatalogFilm]


# ---------------------------------------------------------------------------------------------
# Rules and their log


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: Literal["change", "reject"]
    description: str


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("title_missing", "reject", "A row with no title (null or blank) is rejected: no film to name."),
        Rule(
            "numeric_text",
            "change",
            'A title (or other text) stored as a number becomes its text: `1776` → `"1776"`.',
        ),
        Rule(
            "mojibake",
            "change",
            "Text whose Windows-1252 bytes were read as Mac Roman is read back "
            "(`LÈon` → `Léon`, `2Ω` → `2½`). Only applied when every non-ASCII character is one "
            "that misreading produces, so correctly accented text is left alone.",
        ),
        Rule(
            "whitespace",
            "change",
            "Text is NFC-normalised, stripped, control and zero-width characters removed, and runs "
            "of spaces collapsed to one. Blank text becomes `None`.",
        ),
        Rule(
            "trailing_article",
            "change",
            "A leading article moved to the end goes back to the front: `Barbarians, The` → "
            f"`The Barbarians`. Articles: {', '.join(ARTICLES)}.",
        ),
        Rule(
            "release_date_unreadable",
            "change",
            f"A release date not in the form `Oct 27 1995` ({RELEASE_DATE_FORMAT}) becomes `None`.",
        ),
        Rule(
            "release_date_epoch",
            "change",
            "`Dec 31 1969` is the Unix epoch shown in an American time zone, the value a missing date "
            "takes: the release date and year become `None`. 7 of the 8 are films of 2006-2010 "
            "or never released; The Molly Maguires (1970) loses its year too, since no rule can "
            "tell it apart.",
        ),
        Rule(
            "wrong_century",
            "change",
            f"A release date after {CENTURY_CUTOFF.isoformat()} (more than a year after the data "
            "was collected, around September 2010) was read into the wrong century and moves back "
            "100 years: `Oct 27 2046` → `1946-10-27`.",
        ),
        Rule(
            "title_year_suffix",
            "change",
            "A title ending in its own year in brackets loses it (`King Kong (1933)` → `King Kong`): "
            "the year is a field, and films sharing a title are told apart by slug.",
        ),
        Rule(
            "zero_gross",
            "change",
            "A US or worldwide gross of exactly 0 means not recorded (films that played in cinemas, "
            "like 12 Angry Men, and films not yet released): it becomes `None`.",
        ),
        Rule(
            "not_a_number",
            "change",
            "A figure that is not a number (or a count that is not whole) becomes `None`.",
        ),
        Rule(
            "out_of_range",
            "change",
            "A value outside its range becomes `None`: IMDb rating outside 0–10, Rotten Tomatoes "
            "outside 0–100, negative money, a budget or running time ≤ 0, negative votes.",
        ),
        Rule(
            "mpaa_unknown",
            "change",
            "An MPAA rating that is not one the MPAA gives (nor `Not Rated`) becomes `None`: "
            "`Open` on L.I.E. and Requiem for a Dream.",
        ),
        Rule(
            "duplicate_row",
            "reject",
            "Rows with the same title (compared by slug) and the same release date are one film: "
            "the row with the most values is kept (the first on a tie), the others rejected.",
        ),
        Rule(
            "imdb_shared",
            "change",
            "The same IMDb rating and vote count on several films (remakes sharing a title, "
            "sequels with similar titles) were joined by title in the source and belong to one of "
            "them at most, which the data cannot tell: the IMDb rating and votes of all of them "
            "become `None`.",
        ),
        Rule(
            "slug_by_year",
            "change",
            "Films whose titles give the same slug keep them all; in release order, the first takes "
            "the title's slug and a later one `-YEAR` (then `-2`, `-3`…), as guides do.",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Change:
    """One value a rule changed (``field`` ``None`` for a whole-row rejection)."""

    rule: str
    row: int
    title: str | None
    field: str | None
    before: Any
    after: Any


@dataclass(slots=True)
class CleanResult:
    """The films, and the log of every change and rejection, by rule."""

    rows_in: int
    films: list[CatalogFilm]
    changes: list[Change] = field(default_factory=list)
    rejected: list[Change] = field(default_factory=list)

    def rows_by_rule(self) -> dict[str, int]:
        """How many rows each rule changed or rejected (every rule present, 0 when none)."""
        rows: dict[str, set[int]] = {name: set() for name in RULES}
        for entry in itertools.chain(self.changes, self.rejected):
            rows[entry.rule].add(entry.row)
        return {name: len(found) for name, found in rows.items()}

    def values_by_rule(self) -> dict[str, int]:
        """How many values each rule changed (a row may have several)."""
        counts = Counter(entry.rule for entry in self.changes)
        return {name: counts.get(name, 0) for name in RULES}

    def log(self, rule: str) -> list[Change]:
        return [e for e in itertools.chain(self.changes, self.rejected) if e.rule == rule]


# ---------------------------------------------------------------------------------------------
# Field-level rules

#: Source key → film field, for text fields.
TEXT_FIELDS = {
    "Title": "title",
    "Director": "directors",
    "Major Genre": "genre",
    "Creative Type": "creative_type",
    "Source": "source",
    "MPAA Rating": "mpaa_rating",
    "Distributor": "distributor",
}
#: Source key → (film field, lowest allowed, highest allowed, whole number?, lowest excluded?).
NUMBER_FIELDS: dict[str, tuple[str, float | None, float | None, bool, bool]] = {
    "Production Budget": ("budget", 0, None, True, True),
    "US Gross": ("us_gross", 0, None, True, False),
    "Worldwide Gross": ("worldwide_gross", 0, None, True, False),
    "US DVD Sales": ("us_dvd_sales", 0, None, True, False),
    "Running Time min": ("running_time_min", 0, None, True, True),
    "IMDB Rating": ("imdb_rating", 0, 10, False, False),
    "IMDB Votes": ("imdb_votes", 0, None, True, False),
    "Rotten Tomatoes Rating": ("rotten_tomatoes", 0, 100, True, False),
}

_CP1252_BYTES = bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
#: Characters the cp1252-read-as-Mac-Roman misreading produces from accented lowercase letters
#: and common punctuation (é → È, ù → ˘, … → Ö, ½ → Ω): their presence marks the misreading.
#: Lowercase letters are left out of the marks (cp1252 "š" reads as Mac Roman "ö"), so a title
#: correctly spelt with accented lowercase letters is never "repaired".
_MOJIBAKE_MARKS = frozenset(
    mark
    for b in _CP1252_BYTES
    if ((ch := bytes([b]).decode("cp1252")).islower() or ch in "…½¼¾’‘“”–—")
    and not (mark := bytes([b]).decode("mac_roman")).islower()
)
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def repair_mojibake(text: str) -> str:
    """``text`` read back as Windows-1252 when it shows the Mac Roman misreading, else unchanged."""
    odd = {ch for ch in text if not ch.isascii()}
    if not odd or not odd <= _MOJIBAKE_MARKS:
        return text
    try:
        return text.encode("mac_roman").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def tidy_space(text: str) -> str:
    """NFC, no control or zero-width characters, single spaces, stripped."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub(" ", text).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def front_article(title: str) -> str:
    """``"Barbarians, The"`` → ``"The Barbarians"``; other titles unchanged."""
    head, sep, tail = title.rpartition(", ")
    if sep and head and tail in ARTICLES:
        return f"{tail}{head}" if tail.endswith("'") else f"{tail} {head}"
    return title


def parse_release_date(text: str) -> date:
    return datetime.strptime(text.strip(), RELEASE_DATE_FORMAT).date()


def back_a_century(day: date) -> date:
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February of a year that is not leap a century earlier
        return day.replace(year=day.year - 100, day=28)


# ---------------------------------------------------------------------------------------------
# Slugs


def free_slug(title: str, year: int | None, taken: set[str]) -> str:
    base = slugify_title(title) or FALLBACK_SLUG
    return next(slug for slug in slug_candidates(base, year) if slug not in taken)


# ---------------------------------------------------------------------------------------------
# Cleaning


class _Row:
    """One source row being cleaned: its values by film field, and its part of the log."""

    def __init__(self, index: int, log: list[Change]) -> None:
        self.index = index
        self.values: dict[str, Any] = {}
        self._log = log

    @property
    def title(self) -> str | None:
        title = self.values.get("title")
        return title if isinstance(title, str) else None

    def change(self, rule: str, name: str, before: Any, after: Any) -> None:
        self._log.append(Change(rule, self.index, self.title, name, before, after))
        self.values[name] = after


def _clean_text(row: _Row, name: str, raw: Any) -> None:
    row.values[name] = raw
    if raw is None:
        return
    if not isinstance(raw, str):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            row.change("not_a_number", name, raw, None)  # neither text nor a number: unreadable
            return
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        row.change("numeric_text", name, raw, text)
    value: str = row.values[name]
    repaired = repair_mojibake(value)
    if repaired != value:
        row.change("mojibake", name, value, repaired)
    tidy = tidy_space(repaired)
    if tidy != repaired:
        row.change("whitespace", name, repaired, tidy or None)


def _clean_number(row: _Row, key: str, raw: Any) -> None:
    name, low, high, whole, low_exclusive = NUMBER_FIELDS[key]
    row.values[name] = raw
    if raw is None:
        return
    if isinstance(raw, bool) or not isinstance(raw, int | float) or (whole and raw != int(raw)):
        row.change("not_a_number", name, raw, None)
        return
    value: int | float = int(raw) if whole else float(raw)
    row.values[name] = value
    if name in ("us_gross", "worldwide_gross") and value == 0:
        row.change("zero_gross", name, raw, None)
        return
    too_low = low is not None and (value <= low if low_exclusive else value < low)
    if too_low or (high is not None and value > high):
        row.change("out_of_range", name, raw, None)


def _clean_date(row: _Row, raw: Any) -> None:
    row.values["release_date"] = None
    row.values["year"] = None
    if raw is None:
        return
    try:
        day = parse_release_date(raw)
    except (TypeError, ValueError, AttributeError):
        row.change("release_date_unreadable", "release_date", raw, None)
        return
    row.values["release_date"] = day
    row.values["year"] = day.year
    if day == EPOCH_DATE:
        row.change("release_date_epoch", "release_date", raw, None)
        row.change("release_date_epoch", "year", day.year, None)
    elif day > CENTURY_CUTOFF:
        earlier = back_a_century(day)
        row.change("wrong_century", "release_date", raw, earlier)
        row.change("wrong_century", "year", day.year, earlier.year)


def _clean_row(index: int, raw: Mapping[str, Any], log: list[Change], rejected: list[Change]) -> _Row | None:
    row = _Row(index, log)
    for key, name in TEXT_FIELDS.items():
        _clean_text(row, name, raw.get(key))
    title = row.title
    if not title:
        rejected.append(Change("title_missing", index, None, None, raw.get("Title"), "no title"))
        return None
    moved = front_article(title)
    if moved != title:
        row.change("trailing_article", "title", title, moved)
    _clean_date(row, raw.get("Release Date"))
    bare, title_year = split_title_year(row.values["title"])
    if title_year is not None and title_year == row.values["year"]:
        row.change("title_year_suffix", "title", row.values["title"], bare)
    for key in NUMBER_FIELDS:
        _clean_number(row, key, raw.get(key))
    rating = row.values["mpaa_rating"]
    if rating is not None and rating not in MPAA_RATINGS:
        row.change("mpaa_unknown", "mpaa_rating", rating, None)
    director = row.values.pop("directors")
    row.values["directors"] = [director] if director else []
    return row


def _completeness(row: _Row) -> int:
    return sum(value not in (None, []) for value in row.values.values())


def _drop_duplicates(rows: list[_Row], rejected: list[Change]) -> list[_Row]:
    groups: dict[tuple[str, date], list[_Row]] = {}
    for row in rows:
        day = row.values["release_date"]
        if day is not None:
            groups.setdefault((slugify_title(row.values["title"]), day), []).append(row)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) > 1:
            keep = max(group, key=lambda r: (_completeness(r), -r.index))
            for row in group:
                if row is not keep:
                    dropped.add(row.index)
                    rejected.append(
                        Change("duplicate_row", row.index, row.title, None, None, f"row {keep.index} kept")
                    )
    return [row for row in rows if row.index not in dropped]


def _unshare_imdb(rows: list[_Row]) -> None:
    by_figures: dict[tuple[float, int], list[_Row]] = {}
    for row in rows:
        rating, votes = row.values["imdb_rating"], row.values["imdb_votes"]
        if rating is not None and votes is not None:
            by_figures.setdefault((rating, votes), []).append(row)
    for group in by_figures.values():
        if len(group) > 1:
            for row in group:
                row.change("imdb_shared", "imdb_rating", row.values["imdb_rating"], None)
                row.change("imdb_shared", "imdb_votes", row.values["imdb_votes"], None)


def _release_order(row: _Row) -> tuple[bool, date, int]:
    day: date | None = row.values["release_date"]
    year: int | None = row.values["year"]
    if day is None and year is not None:
        day = date(year, 1, 1)
    return (day is None, day or date.min, row.index)


def clean(rows: Sequence[Mapping[str, Any]]) -> CleanResult:
    """Clean source rows (``movies.json``'s objects) into films, logging every rule applied."""
    changes: list[Change] = []
    rejected: list[Change] = []
    cleaned = [
        row
        for index, raw in enumerate(rows)
        if (row := _clean_row(index, raw, changes, rejected)) is not None
    ]
    cleaned = _drop_duplicates(cleaned, rejected)
    _unshare_imdb(cleaned)
    gone = {entry.row for entry in rejected}
    changes = [entry for entry in changes if entry.row not in gone]
    taken: set[str] = set()
    films: list[CatalogFilm] = []
    for row in sorted(cleaned, key=_release_order):
        title, year = row.values["title"], row.values["year"]
        slug = free_slug(title, year, taken)
        taken.add(slug)
        base = slugify_title(title) or FALLBACK_SLUG
        if slug != base:
            changes.append(Change("slug_by_year", row.index, title, "slug", base, slug))
        films.append(CatalogFilm(slug=slug, **row.values))
    films.sort(key=lambda film: film.slug)
    changes.sort(key=lambda c: (c.row, list(RULES).index(c.rule)))
    rejected.sort(key=lambda c: c.row)
    return CleanResult(rows_in=len(rows), films=films, changes=changes, rejected=rejected)


# ---------------------------------------------------------------------------------------------
# The packaged file

PACKAGED = "data/catalog.json.gz"


def catalog_bytes(result: CleanResult, *, source_sha256: str | None = None) -> bytes:
    """The packaged file's bytes: sorted compact JSON, gzip without a timestamp (deterministic).

    A film's missing values (``None``, no directors) are left out of the file, their defaults on
    loading: the file is smaller and loads about twice as fast.
    """
    document = CatalogFile(
        credit=CREDIT,
        source=SOURCE_NAME,
        source_sha256=source_sha256,
        rows_in=result.rows_in,
        films=result.films,
    ).model_dump(mode="json", exclude_defaults=True)
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8") + b"\n", compresslevel=9, mtime=0)


def read_catalog_file(data: bytes) -> CatalogFile:
    return CatalogFile.model_validate_json(gzip.decompress(data))


def load_catalog(path: Path | str | None = None) -> list[CatalogFilm]:
    """The films of a derived catalog file; by default the one shipped in the package."""
    if path is None:
        data = importlib.resources.files("filmguide").joinpath(PACKAGED).read_bytes()
    else:
        data = Path(path).read_bytes()
    return read_catalog_file(data).films


def _packaged_rows() -> list[dict[str, Any]]:
    """The packaged catalog's films as plain rows, read without building the models: the article
    reader checks titles (and directors) against them, and validating 3,200 films would cost it
    ten times more (orjson: a ``filmguide parse`` waits for this reading, twice as long with the
    json module)."""
    import orjson

    data = importlib.resources.files("filmguide").joinpath(PACKAGED).read_bytes()
    films: list[dict[str, Any]] = orjson.loads(gzip.decompress(data))["films"]
    return films


def packaged_titles() -> list[tuple[str, int | None]]:
    """The packaged catalog's (title, year) pairs."""
    return [(str(film["title"]), film.get("year")) for film in _packaged_rows()]


def packaged_directors() -> frozenset[str]:
    """The packaged catalog's directors' names, case-folded: a headline that names a film by its
    director ("Michael Mann's Heat: The Ending Explained") is told from a title that holds a
    possessive of its own ("Ferris Bueller's Day Off")."""
    rows = _packaged_rows()
    return frozenset(str(name).casefold() for film in rows for name in film.get("directors") or [])


def read_source(path: Path) -> tuple[list[dict[str, Any]], str]:
    """The rows of ``movies.json`` and the SHA-256 of its bytes."""
    data = path.read_bytes()
    rows = json.loads(data)
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a JSON list of rows")
    return rows, hashlib.sha256(data).hexdigest()
