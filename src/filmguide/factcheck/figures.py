"""Stated figures and the range of catalog values that bears each out (the tolerances)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from filmguide.factcheck.patterns import QUALIFIERS, Qualifier

# ---------------------------------------------------------------------------------------------
# Tolerances (docs/factcheck.md explains each)

#: "about", "around", "roughly", "approximately", "some", "an estimated": within ±10%.
ABOUT_TOLERANCE = Fraction(1, 10)
#: A bare figure (or "just", "only", "exactly") holds within half a unit of its last stated digit
#: ("$4.5 million": ±$50,000; "$32 million": ±$500,000), but never looser than "about".
EXACT_MAX_TOLERANCE = ABOUT_TOLERANCE
#: "over", "more than", "above", "upwards of", "at least": the catalog is at least the figure, and
#: less than twice it; stating half the real figure or less is not a fair "over".
OVER_MAX_RATIO = Fraction(2)
#: "just over", "slightly more than": at least the figure and at most 10% above it.
JUST_OVER_MAX_RATIO = 1 + ABOUT_TOLERANCE
#: "nearly", "almost", "close to", "just under": at most the figure and at least 90% of it.
NEARLY_MIN_RATIO = 1 - ABOUT_TOLERANCE
#: "under", "less than", "below", "up to", "at most": at most the figure, with no floor.
#: Every bound is inclusive: catalog figures are themselves rounded reports ($4,000,000).
#: A running time holds within this many minutes at least, whatever its qualifier allows.
RUNTIME_MIN_TOLERANCE = 3


def qualifier_of(text: str | None) -> Qualifier:
    if not text:
        return "exact"
    return QUALIFIERS[" ".join(text.lower().split())]


# ---------------------------------------------------------------------------------------------
# Figures and their bands


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated figure: its value, the unit of its last stated digit, its qualifier, its words."""

    value: int
    unit: Fraction
    qualifier: Qualifier
    text: str


def band(figure: Figure, min_tolerance: int = 0) -> tuple[Fraction, Fraction]:
    """The inclusive range of catalog values that bear the figure out."""
    s = Fraction(figure.value)
    floor = Fraction(min_tolerance)
    if figure.qualifier == "exact":
        t = max(min(figure.unit / 2, s * EXACT_MAX_TOLERANCE), floor)
        return s - t, s + t
    if figure.qualifier == "about":
        t = max(s * ABOUT_TOLERANCE, floor)
        return s - t, s + t
    if figure.qualifier == "over":
        return s, s * OVER_MAX_RATIO
    if figure.qualifier == "just_over":
        return s, s * JUST_OVER_MAX_RATIO
    if figure.qualifier == "nearly":
        return s * NEARLY_MIN_RATIO, s
    return Fraction(0), s


def unit_of(digits: str, scale: int) -> Fraction:
    """The unit of the last stated digit: "4.5" million → 100,000; "350,000" → 10,000."""
    digits = digits.replace(",", "")
    if "." in digits:
        decimals = digits.split(".", 1)[1]
        return Fraction(scale, 10 ** len(decimals))
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Fraction(scale * 10**zeros)
