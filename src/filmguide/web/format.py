"""How the site writes figures: money, counts, running times, dates and ratings, in one place.

The page data (the JSON twin) keeps raw values (dollars as integers, minutes, ISO dates); the
templates format them with these functions, registered as Jinja2 filters by
:class:`filmguide.web.render.Renderer` (``money``, ``money_short``, ``runtime``, ``long_date``,
``number``, ``imdb``, ``rt``), and lists of names (``join_names``).
"""

from __future__ import annotations

from datetime import date

#: Shown where a figure is unknown.
UNKNOWN = "not known"


def join_names(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def number(value: int | None) -> str:
    """``1234567`` → ``"1,234,567"``."""
    return UNKNOWN if value is None else f"{value:,}"


def money(value: int | None) -> str:
    """Whole dollars, in full: ``4000000`` → ``"$4,000,000"``."""
    return UNKNOWN if value is None else f"${value:,}"


def money_short(value: int | None) -> str:
    """Dollars rounded for reading: ``"$4.0 million"``, ``"$1.2 billion"``, ``"$350,000"``.

    Below a million the full figure is shown; above, one decimal of millions or billions.
    """
    if value is None:
        return UNKNOWN
    if abs(value) >= 1_000_000_000:
        return f"${value / 1_000_000_000:.1f} billion"
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:.1f} million"
    return f"${value:,}"


def runtime(minutes: int | None) -> str:
    """``112`` → ``"1 h 52 min"``, ``90`` → ``"1 h 30 min"``, ``45`` → ``"45 min"``, ``120`` → ``"2 h"``."""
    if minutes is None:
        return UNKNOWN
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def long_date(value: date | str | None) -> str:
    """``1995-10-27`` (a date or its ISO text) → ``"Oct 27, 1995"``."""
    if value is None or value == "":
        return UNKNOWN
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return f"{day:%b} {day.day}, {day.year}"


def imdb(value: float | None) -> str:
    """``7.5`` → ``"7.5/10"``."""
    return UNKNOWN if value is None else f"{value:.1f}/10"


def rt(value: int | None) -> str:
    """``90`` → ``"90%"`` (Rotten Tomatoes: the share of positive reviews)."""
    return UNKNOWN if value is None else f"{value}%"


FILTERS = {
    "money": money,
    "money_short": money_short,
    "runtime": runtime,
    "long_date": long_date,
    "number": number,
    "imdb": imdb,
    "rt": rt,
}
