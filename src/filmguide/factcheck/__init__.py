"""Fact checks: the claims a guide makes that a catalog figure can test, and what the catalog says.

:func:`check_guide` reads every prose section of a guide (not the quotes, which are characters
speaking, nor the lists of other films) sentence by sentence, and finds

- money: "$4 million", "about $4.5 million", "over $32 million", "$350,000", "$1.2 billion", "$4m",
  "4 million dollars", each tied to the budget or to a gross by the words around it, and a gross to
  the US or the worldwide figure when the sentence says which;
- years: "released in 1995", "the 1995 film", "Leaving Las Vegas (1995)";
- directors: "directed by Mike Figgis", "Mike Figgis's Leaving Las Vegas", "Figgis's film";
- running times: "runs 112 minutes", "a 2-hour film", "1 hour 52 minutes", "its 112-minute cut";

and the guide's own ``year`` and ``directors`` fields. Each claim becomes a :class:`FactCheck` with
a verdict. The tolerances are the constants below, described in ``docs/factcheck.md``. A catalog
value that is missing (or no catalog film at all) gives ``unverifiable``; no value is ever guessed.
Everything here is a pure function of the guide and the catalog film.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from filmguide.catalog import CatalogFilm
from filmguide.factcheck.claims import director_claims, money_claims, runtime_claims, year_claims
from filmguide.factcheck.figures import Figure
from filmguide.factcheck.patterns import HAS_YEAR, HOURS_MINUTES, RUNTIME_WORDS
from filmguide.factcheck.verdicts import (
    FactCheck,
    Verdict,
    and_list,
    check_directors,
    check_figure,
    check_year,
    same_person,
)
from filmguide.model import Guide, Prose, Spoilers
from filmguide.text import fold, sentences

#: Prose a claim is not read from: a quote is a character speaking.
_NOT_CLAIMS = frozenset({"quotes"})


def check_guide(guide: Guide, film: CatalogFilm | None) -> list[FactCheck]:
    """Every claim of ``guide`` a catalog figure can test, checked against ``film`` (the guide's
    catalog film, ``None`` when none matches): in the order the guide makes them, each once."""
    return check_guide_and_safe(guide, film, None)[0]


class _Checks:
    """The checks of one reading of the guide, each claim once, and what its text stated."""

    def __init__(self) -> None:
        self.checks: list[FactCheck] = []
        self.seen: set[tuple[str, str, str]] = set()
        self.stated_years: set[int] = set()
        self.stated_directors: set[str] = set()

    def add(self, check: FactCheck, key_field: str) -> None:
        key = (check.claim, key_field, str(check.stated))
        if key not in self.seen:
            self.seen.add(key)
            self.checks.append(check)

    def own_fields(self, guide: Guide, film: CatalogFilm | None) -> list[FactCheck]:
        """The guide's own year and directors, unless the text already stated the same; the checks."""
        if guide.year is not None and guide.year not in self.stated_years:
            self.add(check_year(f"The guide gives the year {guide.year}.", guide.year, film), "year")
        if guide.directors and not all(fold(n) in self.stated_directors for n in guide.directors):
            plural = "s" if len(guide.directors) > 1 else ""
            claim = f"The guide names the director{plural}: {and_list(guide.directors)}."
            self.add(check_directors(claim, guide.directors, film), "directors")
        return self.checks


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of the guide a catalog figure can test, as its sentence states it: what
    :func:`read_claims` finds from the guide alone, ahead of the verdict on a catalog film."""

    sentence: str
    key_field: str
    """``year``, ``directors``, ``running_time_min`` or the money fields joined by ``/``."""
    stated: Figure | int | tuple[str, ...]
    fields: tuple[str, ...] = ()
    """The catalog fields a figure is tested against."""
    spoiler: bool = False
    """Read from spoiler text: it counts for the whole guide only."""


def read_claims(guide: Guide, spoilers: Spoilers | None, prose: Sequence[Prose] | None = None) -> list[Claim]:
    """Every claim of the guide, in the order it makes them (repeats included).

    A pure function of the guide, so an import's parse workers read them, and the one writer
    judges them against the catalog film (:func:`judge`), which only it can look up. ``prose``:
    the guide's ``prose(spoilers)`` where the caller has walked it already.
    """
    title = guide.title
    found: list[Claim] = []
    first_intro = True
    for paragraph in guide.prose(spoilers) if prose is None else prose:
        if paragraph.heading or paragraph.field in _NOT_CLAIMS:
            continue
        section = paragraph.field
        for index, sentence in enumerate(sentences(paragraph.text)):
            first = first_intro and section == "intro" and index == 0
            found += _sentence_claims(sentence, title, first, paragraph.spoiler)
        if section == "intro":
            first_intro = False
    return found


def _sentence_claims(sentence: str, title: str, first: bool, spoiler: bool) -> Iterator[Claim]:
    """The claims of one sentence."""
    low = sentence.lower()
    if "$" in sentence or "dollar" in low:
        for fields, figure in money_claims(sentence, title):
            yield Claim(sentence, "/".join(fields), figure, fields, spoiler)
    if HAS_YEAR.search(sentence):
        for year in year_claims(sentence, title, first):
            yield Claim(sentence, "year", year, (), spoiler)
    if "directed" in low or "helmed" in low or "’" in sentence or "'" in sentence:
        for names in director_claims(sentence, title):
            yield Claim(sentence, "directors", tuple(names), (), spoiler)
    if RUNTIME_WORDS.search(low) or HOURS_MINUTES.search(sentence):
        for figure in runtime_claims(sentence, title):
            yield Claim(sentence, "running_time_min", figure, ("running_time_min",), spoiler)


def _verdict(claim: Claim, film: CatalogFilm | None) -> FactCheck:
    stated = claim.stated
    if isinstance(stated, Figure):
        return check_figure(claim.sentence, claim.fields, stated, film)
    if isinstance(stated, int):
        return check_year(claim.sentence, stated, film)
    return check_directors(claim.sentence, list(stated), film)


def judge(
    claims: list[Claim], guide: Guide, film: CatalogFilm | None
) -> tuple[list[FactCheck], list[FactCheck]]:
    """The checks of the claims against ``film``: those of the whole guide, and those of the
    guide without its spoiler text; each claim once, then the guide's own year and directors."""
    full, safe = _Checks(), _Checks()
    for claim in claims:
        check = _verdict(claim, film)
        for reading in (full,) if claim.spoiler else (full, safe):
            if claim.key_field == "year" and isinstance(claim.stated, int):
                reading.stated_years.add(claim.stated)
            elif claim.key_field == "directors" and isinstance(claim.stated, tuple):
                reading.stated_directors.update(fold(n) for n in claim.stated)
            reading.add(check, claim.key_field)
    return full.own_fields(guide, film), safe.own_fields(guide, film)


def check_guide_and_safe(
    guide: Guide, film: CatalogFilm | None, spoilers: Spoilers | None
) -> tuple[list[FactCheck], list[FactCheck]]:
    """:func:`check_guide` of the guide, and of the guide without the parts ``spoilers`` marks
    (:func:`filmguide.spoilers.without_spoilers`), in one reading: a claim's check depends on its
    sentence alone, so each sentence is read once, and its checks count for the second list
    unless it is spoiler text. Without ``spoilers`` the second list is of no use (the ending and
    alternate endings are left out of it)."""
    return judge(read_claims(guide, spoilers), guide, film)


__all__ = [
    "Claim",
    "FactCheck",
    "Verdict",
    "check_guide",
    "check_guide_and_safe",
    "judge",
    "read_claims",
    "same_person",
]
