"""A claim against the catalog's figure: supported, contradicted or unverifiable, and the note
that says why."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict

from filmguide.catalog import CatalogFilm
from filmguide.factcheck.figures import RUNTIME_MIN_TOLERANCE, Figure, band
from filmguide.factcheck.patterns import LABELS, NO_FILM
from filmguide.text import fold

Verdict = Literal["supported", "contradicted", "unverifiable"]


class FactCheck(BaseModel):
    """One claim of a guide, checked against one catalog field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: str
    """The sentence the claim came from (or a sentence naming the guide field it came from)."""
    field: str
    """The catalog field: ``budget``, ``us_gross``, ``worldwide_gross``, ``international_gross``
    (worldwide less US, derived), ``year``, ``directors`` or ``running_time_min``."""
    stated: int | str
    """What the text states: dollars, a year, minutes, or names."""
    catalog: int | str | None
    """The catalog's value of ``field``, ``None`` when it has none."""
    verdict: Verdict
    note: str


def _verdict(
    claim: str, field: str, stated: int | str, catalog: int | str | None, verdict: Verdict, note: str
) -> FactCheck:
    """A :class:`FactCheck`: the claim, the field it tests, both values, the verdict and why."""
    return FactCheck(claim=claim, field=field, stated=stated, catalog=catalog, verdict=verdict, note=note)


def _unverifiable(claim: str, field: str, stated: int | str, note: str) -> FactCheck:
    """A claim the catalog can neither confirm nor refute: it has no value to test it against."""
    return _verdict(claim, field, stated, None, "unverifiable", note)


def _money(value: int | Fraction) -> str:
    return f"${round(value):,}"


def _minutes(value: int | Fraction) -> str:
    return f"{round(value):,} minutes"


def _range(low: Fraction, high: Fraction, *, money: bool) -> str:
    if money:
        return f"{_money(low)}–{_money(high)}"
    return f"{round(low)}–{_minutes(high)}"


def _field_value(film: CatalogFilm, field: str) -> int | None:
    if field == "international_gross":
        if film.worldwide_gross is None or film.us_gross is None or film.worldwide_gross < film.us_gross:
            return None
        return film.worldwide_gross - film.us_gross
    value = getattr(film, field)
    return value if isinstance(value, int) else None


def check_figure(claim: str, fields: Sequence[str], figure: Figure, film: CatalogFilm | None) -> FactCheck:
    money = fields[0] != "running_time_min"
    fmt = _money if money else _minutes
    low, high = band(figure, 0 if money else RUNTIME_MIN_TOLERANCE)
    allowed = f"the {_range(low, high, money=money)} that “{figure.text}” allows"
    if film is None:
        return _unverifiable(claim, fields[0], figure.value, NO_FILM)
    values = {f: _field_value(film, f) for f in fields}
    known = {f: v for f, v in values.items() if v is not None}
    holding = [f for f, v in known.items() if low <= v <= high]
    if len(fields) == 1:
        field = fields[0]
        value = values[field]
        label = LABELS[field]
        if value is None:
            note = f"The catalog has no {label} for this film."
            if field == "international_gross":
                note = (
                    "The catalog lacks the US or the worldwide gross, so the gross outside the US is unknown."
                )
            return FactCheck(
                claim=claim, field=field, stated=figure.value, catalog=None, verdict="unverifiable", note=note
            )
        where = "within" if holding else "outside"
        derived = (
            f" (its worldwide gross {_money(film.worldwide_gross or 0)} less its US gross "
            f"{_money(film.us_gross or 0)})"
            if field == "international_gross"
            else ""
        )
        return _verdict(
            claim,
            field,
            figure.value,
            value,
            "supported" if holding else "contradicted",
            f"The catalog records a {label} of {fmt(value)}{derived}, {where} {allowed}.",
        )
    # A gross the sentence does not pin down: every reading is checked.
    first, second = fields[0], fields[1]
    listing = (
        f"the catalog's {LABELS[first]} is {fmt(known[first])}"
        if first in known
        else f"the catalog has no {LABELS[first]}"
    ) + (
        f" and its {LABELS[second]} {fmt(known[second])}" if second in known else f" and no {LABELS[second]}"
    )
    stated_part = f"Stated {figure.text} (allowing {_range(low, high, money=money)}); {listing}"
    if holding:
        field = holding[0]
        which = "both support it" if len(holding) == len(fields) else f"the {LABELS[field]} supports it"
        return _verdict(
            claim,
            field,
            figure.value,
            values[field],
            "supported",
            f"{stated_part}: {which}.",
        )
    if not known:
        names = " or ".join(LABELS[f] for f in fields)
        return _unverifiable(claim, fields[0], figure.value, f"The catalog has no {names} for this film.")
    field = next(f for f in fields if f in known)
    if len(known) < len(fields):
        return _verdict(
            claim,
            field,
            figure.value,
            values[field],
            "unverifiable",
            f"{stated_part}: the {LABELS[field]} does not support it, and the other gross, "
            "which the sentence may mean, is unknown.",
        )
    return _verdict(
        claim,
        field,
        figure.value,
        values[field],
        "contradicted",
        f"{stated_part}: neither supports it.",
    )


def check_year(claim: str, year: int, film: CatalogFilm | None) -> FactCheck:
    if film is None:
        return FactCheck(
            claim=claim, field="year", stated=year, catalog=None, verdict="unverifiable", note=NO_FILM
        )
    if film.year is None:
        return _unverifiable(claim, "year", year, "The catalog has no year for this film.")
    day = film.release_date
    if year != film.year and day is not None and (day.month, day.day) == (12, 31) and year == film.year + 1:
        # docs/catalog.md: a 31 December date is often a year-only date shifted a year early.
        return _verdict(
            claim,
            "year",
            year,
            film.year,
            "unverifiable",
            f"The catalog dates the film 31 December {film.year}, a date its source often gives "
            f"a year early, so it can neither confirm nor refute {year}.",
        )
    if year == film.year:
        return _verdict(
            claim,
            "year",
            year,
            film.year,
            "supported",
            f"The catalog dates the film to {film.year}.",
        )
    return _verdict(
        claim,
        "year",
        year,
        film.year,
        "contradicted",
        f"The catalog dates the film to {film.year}, not {year}.",
    )


def same_person(stated: str, credited: str) -> bool:
    """Whether two names are one person: equal when folded, or the same first and last names, or
    a surname alone ("Figgis") that is the credited name's last."""
    a, b = fold(stated).split(), fold(credited).split()
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1:
        return a[0] == b[-1]
    return a[0] == b[0] and a[-1] == b[-1]


def and_list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def check_directors(claim: str, names: Sequence[str], film: CatalogFilm | None) -> FactCheck:
    stated = and_list(names)
    if film is None:
        return FactCheck(
            claim=claim, field="directors", stated=stated, catalog=None, verdict="unverifiable", note=NO_FILM
        )
    if not film.directors:
        return _unverifiable(claim, "directors", stated, "The catalog names no director for this film.")
    credited = and_list(film.directors)
    wrong = [n for n in names if not any(same_person(n, d) for d in film.directors)]
    if wrong:
        return _verdict(
            claim,
            "directors",
            stated,
            credited,
            "contradicted",
            f"The catalog credits {credited}, not {and_list(wrong)}.",
        )
    return _verdict(
        claim,
        "directors",
        stated,
        credited,
        "supported",
        f"The catalog credits {credited}.",
    )
