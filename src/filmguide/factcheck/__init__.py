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

from collections.abc import Iterator

from filmguide.catalog import CatalogFilm
from filmguide.factcheck.claims import director_claims, money_claims, runtime_claims, year_claims
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
from filmguide.model import Guide, Spoilers
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


def check_guide_and_safe(
    guide: Guide, film: CatalogFilm | None, spoilers: Spoilers | None
) -> tuple[list[FactCheck], list[FactCheck]]:
    """:func:`check_guide` of the guide, and of the guide without the parts ``spoilers`` marks
    (:func:`filmguide.spoilers.without_spoilers`), in one reading: a claim's check depends on its
    sentence alone, so each sentence is read once, and its checks count for the second list
    unless it is spoiler text. Without ``spoilers`` the second list is of no use (the ending and
    alternate endings are left out of it)."""
    title = guide.title
    full, safe = _Checks(), _Checks()
    first_intro = True
    for paragraph in guide.prose(spoilers):
        if paragraph.heading or paragraph.field in _NOT_CLAIMS:
            continue
        section = paragraph.field
        readings = (full,) if paragraph.spoiler else (full, safe)
        for index, sentence in enumerate(sentences(paragraph.text)):
            first = first_intro and section == "intro" and index == 0
            for check, key_field, stated in _sentence_checks(sentence, title, first, film):
                for reading in readings:
                    if key_field == "year" and isinstance(stated, int):
                        reading.stated_years.add(stated)
                    elif key_field == "directors" and isinstance(stated, list):
                        reading.stated_directors.update(fold(n) for n in stated)
                    reading.add(check, key_field)
        if section == "intro":
            first_intro = False
    return full.own_fields(guide, film), safe.own_fields(guide, film)


def _sentence_checks(
    sentence: str, title: str, first: bool, film: CatalogFilm | None
) -> Iterator[tuple[FactCheck, str, int | list[str] | None]]:
    """The checks of one sentence's claims: (check, its key field, the year or names stated)."""
    low = sentence.lower()
    if "$" in sentence or "dollar" in low:
        for fields, figure in money_claims(sentence, title):
            yield check_figure(sentence, fields, figure, film), "/".join(fields), None
    if HAS_YEAR.search(sentence):
        for year in year_claims(sentence, title, first):
            yield check_year(sentence, year, film), "year", year
    if "directed" in low or "helmed" in low or "’" in sentence or "'" in sentence:
        for names in director_claims(sentence, title):
            yield check_directors(sentence, names, film), "directors", names
    if RUNTIME_WORDS.search(low) or HOURS_MINUTES.search(sentence):
        for figure in runtime_claims(sentence, title):
            yield check_figure(sentence, ("running_time_min",), figure, film), "running_time_min", None


__all__ = ["FactCheck", "Verdict", "check_guide", "check_guide_and_safe", "same_person"]
