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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict

from filmguide.catalog import CatalogFilm
from filmguide.model import Guide
from filmguide.text import fold, sentences

Verdict = Literal["supported", "contradicted", "unverifiable"]
Qualifier = Literal["exact", "about", "over", "just_over", "nearly", "under"]

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


# ---------------------------------------------------------------------------------------------
# Text helpers


def _contains(haystack_folded: str, needle_folded: str) -> bool:
    return bool(needle_folded) and f" {needle_folded} " in f" {haystack_folded} "


_QUALIFIERS: dict[str, Qualifier] = {
    "just over": "just_over",
    "just above": "just_over",
    "slightly over": "just_over",
    "slightly above": "just_over",
    "slightly more than": "just_over",
    "a little over": "just_over",
    "a little more than": "just_over",
    "just more than": "just_over",
    "just under": "nearly",
    "just below": "nearly",
    "just shy of": "nearly",
    "slightly under": "nearly",
    "slightly less than": "nearly",
    "a little under": "nearly",
    "a little less than": "nearly",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "not quite": "nearly",
    "well over": "over",
    "well above": "over",
    "over": "over",
    "more than": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "at least": "over",
    "north of": "over",
    "under": "under",
    "less than": "under",
    "below": "under",
    "up to": "under",
    "at most": "under",
    "no more than": "under",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "in the region of": "about",
    "just": "exact",
    "only": "exact",
    "a mere": "exact",
    "mere": "exact",
    "exactly": "exact",
    "precisely": "exact",
}
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=len, reverse=True))


def _qualifier(text: str | None) -> Qualifier:
    if not text:
        return "exact"
    return _QUALIFIERS[" ".join(text.lower().split())]


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


def _unit(digits: str, scale: int) -> Fraction:
    """The unit of the last stated digit: "4.5" million → 100,000; "350,000" → 10,000."""
    digits = digits.replace(",", "")
    if "." in digits:
        decimals = digits.split(".", 1)[1]
        return Fraction(scale, 10 ** len(decimals))
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Fraction(scale * 10**zeros)


# ---------------------------------------------------------------------------------------------
# Money

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mil": 1_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}
_MONEY = re.compile(
    rf"(?:(?:US\s?\$|USD\s?|\$)\s?(?P<num>{_NUMBER})"
    r"(?:\s*(?P<word>million|billion|thousand)\b|(?P<abbr>mm|mln|mn|bn|m|b|k)(?![\w$]))?"
    rf"|(?P<num2>{_NUMBER})(?:\s*(?P<word2>million|billion|thousand))?\s+(?:US\s+|American\s+)?dollars\b)",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to|or)\s*(?:US\s?)?\$?\s?\d", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
#: Between two figures, the first separator ends the first figure's clause.
_SEPARATOR = re.compile(
    r"[,;:()—–]|\s-\s|\b(?:and|but|yet|while|whereas|against|with|versus|vs\.?|compared\s+(?:to|with)|than)\b",
    re.IGNORECASE,
)
#: Money that is not the budget or a total gross: skip the figure rather than misread it.
_NOT_TOTAL = re.compile(
    r"\b(?:opening|weekend|debut(?:ed|ing)?|first\s+(?:week|day|month)|dvd|video|rentals?|home\s+media"
    r"|streaming|salary|paid|paycheck|fee|wage|for\s+(?:the|his|her|their)\s+role|per\b|a\s+(?:day|week|ticket)"
    r"|adjusted|inflation|today['’]s\s+(?:money|dollars)|re-?release|marketing|advertising|prints\s+and"
    r"|sold\s+for|bought|rights|award|prize|auction)",
    re.IGNORECASE,
)
_KIND_HEAD = re.compile(
    r"(?P<budget>\bbudget(?:ed|s)?\b|\bcost(?:s|ing)?\b|\bprice\s+tag\b|\bfinanc(?:ed|ing)\b"
    r"|\b(?:made|shot|produced|filmed|completed)\b[^$,;.]{0,40}?\b(?:for|on)\s+(?:an?\s+)?$)"
    r"|(?P<gross>\bgross(?:ed|es|ing)?\b|\bearn(?:ed|s|ing|ings)?\b|\b(?:took|taking|takes|take)\s+in\b"
    r"|\bbox[\s-]office\b|\b(?:brought|bringing|raked|raking|pulled|pulling|reeled)\s+in\b"
    r"|\breceipts\b|\bticket\s+sales\b|\btakings\b|\brevenues?\b|\bhaul(?:ed)?\b|\bcollected\b"
    r"|\b(?:made|making)\s*$)",
    re.IGNORECASE,
)
_KIND_TAIL = re.compile(
    r"(?P<budget>^\s*(?:production\s+)?(?:budget|film|movie|production|picture|feature)\b)"
    r"|(?P<gross>\b(?:at|in)\s+(?:the\s+)?(?:worldwide\s+|global\s+|domestic\s+|US\s+|U\.S\.\s+)?box[\s-]office\b"
    r"|\bin\s+(?:ticket\s+sales|receipts|revenues?|grosses)\b|^\s*(?:worldwide\s+|domestic\s+)?gross\b)",
    re.IGNORECASE,
)
_SCOPE = re.compile(
    r"(?P<foreign>(?i:\boverseas\b|\babroad\b|\bforeign\b|\boutside\s+(?:of\s+)?(?:the\s+)?)"
    r"(?:US\b|U\.S\.(?:A\.)?|USA\b|(?i:united\s+states\b|north\s+america\b|america\b))?)"
    r"|(?P<international>(?i:\binternational(?:ly)?\b))"
    r"|(?P<world>(?i:\bworld[\s-]?wide\b|\bglobal(?:ly)?\b|\b(?:around|across|throughout)\s+the\s+(?:world|globe)\b"
    r"|\bworld\s+box\b|\binternational\s+total\b))"
    r"|(?P<us>\bUS\b|\bU\.S\.(?:A\.)?|\bUSA\b|(?i:\bunited\s+states\b|\bdomestic(?:ally)?\b"
    r"|\bnorth\s+americ(?:a|an)\b|\bstateside\b|\bamerican\s+(?:box|theaters|theatres|cinemas)\b))"
)
#: Words that may stand between two figures when the second takes the first one's field
#: ("grossed $32 million in the US and $49.8 million worldwide").
_LINK_WORDS = frozenset(
    [
        "and",
        "but",
        "yet",
        "while",
        "whereas",
        "then",
        "with",
        "plus",
        "another",
        "a",
        "an",
        "the",
        "its",
        "it",
        "of",
        "in",
        "to",
        "up",
        "by",
        "from",
        "over",
        "some",
        "further",
        "additional",
        "total",
        "more",
    ]
)
#: How far into the words after a figure a US/worldwide word still belongs to it.
_TAIL_SCOPE_REACH = 30

_GROSS_FIELDS: dict[str | None, tuple[str, ...]] = {
    "us": ("us_gross",),
    "world": ("worldwide_gross",),
    "foreign": ("international_gross",),
    "international": ("international_gross", "worldwide_gross"),
    None: ("us_gross", "worldwide_gross"),
}


#: The qualifier just before a figure ("over $32 million"); looked for only where a figure is.
_QUAL_BEFORE = re.compile(rf"\b(?:{_QUAL})\s+$", re.IGNORECASE)
_QUAL_REACH = 24


@dataclass(frozen=True, slots=True)
class _Found:
    """A money figure in a sentence: where it starts (its qualifier included) and ends."""

    start: int
    end: int
    figure: Figure


def _find_money(sentence: str) -> list[_Found]:
    out: list[_Found] = []
    for found in _MONEY.finditer(sentence):
        start = found.start()
        qual = _QUAL_BEFORE.search(sentence, max(0, start - _QUAL_REACH), start)
        if qual is not None:
            start = qual.start()
        digits = found.group("num") or found.group("num2")
        word = found.group("word") or found.group("abbr") or found.group("word2")
        scale = _SCALES[word.lower()] if word else 1
        value = Fraction(digits.replace(",", "")) * scale
        text = " ".join(sentence[start : found.end()].split())
        figure = Figure(round(value), _unit(digits, scale), _qualifier(qual and qual.group(0)), text)
        out.append(_Found(start, found.end(), figure))
    return out


def _last_separator_end(text: str) -> int:
    end = 0
    for sep in _SEPARATOR.finditer(text):
        end = sep.end()
    return end


def _money_claims(sentence: str, title: str) -> Iterator[tuple[tuple[str, ...], Figure]]:
    """Each money figure of the sentence tied to a field, with the fields it may mean."""
    found = _find_money(sentence)
    previous_kind: str | None = None
    skip_next = False
    for i, match in enumerate(found):
        start, end = match.start, match.end
        if i == 0:
            head = sentence[:start]
        else:
            between = sentence[found[i - 1].end : start]
            sep = _SEPARATOR.search(between)
            head = between[sep.end() :] if sep else between
        after = sentence[end : found[i + 1].start if i + 1 < len(found) else len(sentence)]
        sep = _SEPARATOR.search(after)
        tail = after[: sep.start()] if sep else after
        if skip_next or _RANGE_BEFORE.search(head) or _RANGE_AFTER.match(after):
            skip_next = bool(_RANGE_AFTER.match(after))
            previous_kind = None
            continue
        if _NOT_TOTAL.search(head) or _NOT_TOTAL.search(tail):
            previous_kind = None
            continue
        kind = _kind(head, tail, title)
        if kind is None and previous_kind is not None and _only_link_words(head):
            kind = previous_kind
        previous_kind = kind
        if kind is None:
            continue
        figure = match.figure
        if kind == "budget":
            yield ("budget",), figure
            continue
        clause_head = head[_last_separator_end(head) :]
        scope = _scope(tail[:_TAIL_SCOPE_REACH]) or _scope(clause_head, last=True)
        yield _GROSS_FIELDS[scope], figure


def _kind(head: str, tail: str, title: str) -> str | None:
    last: re.Match[str] | None = None
    for last in _KIND_HEAD.finditer(head):  # noqa: B007 - the last one is wanted
        pass
    if last is not None:
        if last.group("gross") and re.match(r"mad", last.group(0), re.IGNORECASE):
            # "made $X": a gross only when the film is what made it.
            clause = head[_last_separator_end(head[: last.start()]) : last.start()]
            if not _refers_to_film(clause, title):
                return None
        return "budget" if last.group("budget") else "gross"
    found = _KIND_TAIL.search(tail)
    if found:
        return "budget" if found.group("budget") else "gross"
    return None


def _scope(text: str, *, last: bool = False) -> str | None:
    matches = list(_SCOPE.finditer(text))
    if not matches:
        return None
    chosen = matches[-1] if last else matches[0]
    return chosen.lastgroup


def _only_link_words(head: str) -> bool:
    bare = _SCOPE.sub(" ", head)
    words = re.findall(r"[\w’']+", bare.lower())
    return all(w in _LINK_WORDS for w in words)


# ---------------------------------------------------------------------------------------------
# Years, directors, running times

_YEAR = r"(?:18[89]\d|19\d\d|20\d\d)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_RELEASED = re.compile(
    r"\b(?:released|premiered|debuted|came\s+out|opened|hit\s+(?:theaters|theatres|cinemas|screens))"
    rf"\s+(?:in\s+|on\s+)?(?:(?:the\s+)?(?:early|late|mid-?|spring|summer|autumn|fall|winter)\s*(?:of\s+)?)?"
    rf"(?:{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?|\d{{1,2}}\s+{_MONTH}\s+)?(?P<year>{_YEAR})\b"
)
_YEAR_FILM = re.compile(
    rf"(?:\b(?:the|this|a|his|her|their|its)|[’']s?)\s+(?P<year>{_YEAR})\s+"
    r"(?:film|movie|feature|drama|picture|release|classic|adaptation)\b(?P<rest>.{0,80})",
    re.IGNORECASE,
)
_YEAR_PAREN = re.compile(rf"\((?P<year>{_YEAR})\)")

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"(?:[{_UPPER}]\.|[{_UPPER}][\w\-]*(?:[’'][{_UPPER}][\w\-]*)?)"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|le|la|du|dos|bin|el|al)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
_DIRECTED = re.compile(
    rf"\b(?:[Dd]irected|[Hh]elmed|[Dd]irected\s+and\s+written|[Ww]ritten\s+and\s+directed)\s+by\s+"
    rf"(?P<names>{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*)"
)
_POSSESSIVE = re.compile(rf"(?P<name>{_NAME})(?:’s|'s|’|')\s+(?P<rest>.{{0,80}})")
_POSSESSIVE_FILM = re.compile(
    rf"[’']s?\s+(?:{_YEAR}\s+)?(?:film|movie|feature|drama|picture|masterpiece|adaptation)\b", re.IGNORECASE
)
_FILM_WORD = re.compile(
    rf"^(?:{_YEAR}\s+)?(?:film|movie|feature|drama|picture|masterpiece|adaptation)\b(?P<after>.*)",
    re.IGNORECASE,
)
#: Capitalised words that may open a sentence before a name: "In Mike Figgis's film".
_NAME_STOPWORDS = frozenset(
    [
        "in",
        "the",
        "a",
        "an",
        "with",
        "for",
        "by",
        "as",
        "at",
        "on",
        "and",
        "but",
        "although",
        "though",
        "while",
        "when",
        "after",
        "before",
        "unlike",
        "like",
        "of",
        "from",
        "to",
        "this",
        "that",
        "it",
        "its",
        "director",
        "filmmaker",
        "writer-director",
    ]
)
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_REFERS = re.compile(r"\b(?:film|movie|it|picture|feature)\b", re.IGNORECASE)

_HOURS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "a": 1, "an": 1}
_DUR = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|an?)(?:[\s-]+and[\s-]+a[\s-]+half)?[\s-]*(?:hours?|hrs?\.?)"
    r"(?:,?[\s-]*(?:and[\s-]+)?\d{1,2}[\s-]*(?:minutes?|mins?\.?))?(?!\w)"
    r"|\d{1,2}h\s?\d{1,2}m(?:in)?\b|\d{2,3}[\s-]*(?:minutes?|mins?\.?)(?!\w)"
)
_DUR_PARSE = re.compile(
    r"(?P<h>\d+(?:\.\d+)?|one|two|three|four|an?)(?P<half>[\s-]+and[\s-]+a[\s-]+half)?[\s-]*(?:hours?|hrs?\.?)"
    r"(?:,?[\s-]*(?:and[\s-]+)?(?P<hm>\d{1,2})[\s-]*(?:minutes?|mins?\.?))?"
    r"|(?P<h2>\d{1,2})h\s?(?P<m2>\d{1,2})m(?:in)?|(?P<m>\d{2,3})[\s-]*(?:minutes?|mins?\.?)",
    re.IGNORECASE,
)
_RUNTIME = re.compile(
    rf"\b(?:(?:runs|ran|running|run)\s+(?:for\s+|at\s+|just\s+)?"
    rf"|(?:running\s+time|runtime|run\s+time|length)\s+(?:is\s+|was\s+|of\s+)?"
    rf"|clocks?\s+in\s+at\s+|clocking\s+in\s+at\s+|lasts?\s+|lasting\s+|^at\s+)"
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<dur>{_DUR})"
    rf"|(?:\b(?P<qual2>{_QUAL})\s+)?(?P<dur2>{_DUR})[\s-]+long\b"
    rf"|\b(?:an?|its|the|this)\s+(?:(?P<qual3>{_QUAL})\s+)?(?P<dur3>{_DUR})[\s-]+"
    r"(?:film|movie|feature|running\s+time|runtime|cut|epic|drama|picture)\b",
    re.IGNORECASE,
)


#: A clause of only these words ("... and was directed by X") shares the sentence's subject.
_AUXILIARIES = frozenset(("was", "is", "were", "are", "been", "has", "had", "have", "being", "also", "later"))


def _refers_to_film(text: str, title: str) -> bool:
    return bool(_REFERS.search(text)) or _contains(fold(text), fold(title))


def _about_this_film(sentence: str, start: int, title: str) -> bool:
    """Whether the phrase at ``start`` is said of the guide's film: its clause names the film
    ("The film was released in 1995") or the sentence opens with it ("Directed by X, the film...")."""
    prefix = sentence[:start]
    clause = prefix[_last_separator_end(prefix) :]
    if set(clause.lower().split()) - _AUXILIARIES:
        return _refers_to_film(clause, title)
    if prefix.strip():
        return _refers_to_film(prefix, title)
    return _refers_to_film(sentence, title)


def _names_title_next(rest: str, title: str) -> bool | None:
    """After "the 1995 film": ``True`` if the guide's title follows, ``False`` if another
    capitalised title does, ``None`` if no title follows."""
    rest = rest.lstrip(" ,:")
    if not rest or not rest[0].isupper():
        return None
    folded_title = fold(title)
    return fold(rest[: len(title) + 2]).startswith(folded_title) and bool(folded_title)


def _year_claims(sentence: str, title: str, first: bool) -> Iterator[int]:
    for found in _RELEASED.finditer(sentence):
        if _about_this_film(sentence, found.start(), title):
            yield int(found.group("year"))
    for found in _YEAR_FILM.finditer(sentence):
        if _names_title_next(found.group("rest"), title) is not False:
            yield int(found.group("year"))
    folded_title = fold(title)
    for found in _YEAR_PAREN.finditer(sentence):
        before = fold(sentence[: found.start()])
        if first or (folded_title and before.endswith(folded_title)):
            yield int(found.group("year"))


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0].lower() in _NAME_STOPWORDS:
        words.pop(0)
    return " ".join(words) or None


def _director_claims(sentence: str, title: str) -> Iterator[list[str]]:
    folded_title = fold(title)
    for found in _DIRECTED.finditer(sentence):
        if not _about_this_film(sentence, found.start(), title):
            continue
        names = [n for part in _NAME_SPLIT.split(found.group("names")) if (n := _clean_name(part))]
        names = [n for n in names if fold(n) != folded_title]
        if names:
            yield names
    if not (_POSSESSIVE_FILM.search(sentence) or title.casefold() in sentence.casefold()):
        return
    for found in _POSSESSIVE.finditer(sentence):
        name = _clean_name(found.group("name"))
        if not name or _contains(fold(name), folded_title) or _contains(folded_title, fold(name)):
            continue
        rest = found.group("rest")
        film_word = _FILM_WORD.match(rest)
        if film_word:
            if _names_title_next(film_word.group("after"), title) is False:
                continue
        elif not (folded_title and fold(rest[: len(title) + 2]).startswith(folded_title)):
            continue
        yield [name]


def _duration(text: str) -> tuple[int, Fraction] | None:
    found = _DUR_PARSE.fullmatch(text.strip())
    if found is None:
        return None
    if found.group("m"):
        return int(found.group("m")), Fraction(1)
    if found.group("h2"):
        return int(found.group("h2")) * 60 + int(found.group("m2")), Fraction(1)
    raw = found.group("h").lower()
    hours = Fraction(_HOURS_WORDS[raw]) if raw in _HOURS_WORDS else Fraction(raw)
    unit = Fraction(60, 10 ** len(raw.split(".", 1)[1])) if "." in raw else Fraction(60)
    if found.group("half"):
        hours += Fraction(1, 2)
        unit = Fraction(30)
    minutes = hours * 60
    if found.group("hm"):
        minutes += int(found.group("hm"))
        unit = Fraction(1)
    return round(minutes), unit


def _runtime_claims(sentence: str, title: str) -> Iterator[Figure]:
    for found in _RUNTIME.finditer(sentence):
        dur = found.group("dur") or found.group("dur2") or found.group("dur3")
        qual = found.group("qual") or found.group("qual2") or found.group("qual3")
        parsed = _duration(dur)
        if parsed is None:
            continue
        if found.group("dur3"):
            rest = sentence[found.end() :]
            if _names_title_next(rest, title) is False:
                continue
        minutes, unit = parsed
        text = f"{qual} {dur}" if qual else dur
        yield Figure(minutes, unit, _qualifier(qual), " ".join(text.split()))


# ---------------------------------------------------------------------------------------------
# Checking

_LABELS = {
    "budget": "budget",
    "us_gross": "US gross",
    "worldwide_gross": "worldwide gross",
    "international_gross": "gross outside the US (worldwide less US)",
    "running_time_min": "running time",
}
_NO_FILM = "No catalog film matches this guide, so the claim cannot be checked."
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b")
_RUNTIME_HINTS = ("hour", "minute", " min", "hrs", "hr.")
_HOURS_MINUTES = re.compile(r"\dh\s?\d")


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


def _check_figure(claim: str, fields: Sequence[str], figure: Figure, film: CatalogFilm | None) -> FactCheck:
    money = fields[0] != "running_time_min"
    fmt = _money if money else _minutes
    low, high = band(figure, 0 if money else RUNTIME_MIN_TOLERANCE)
    allowed = f"the {_range(low, high, money=money)} that “{figure.text}” allows"
    if film is None:
        return FactCheck(
            claim=claim,
            field=fields[0],
            stated=figure.value,
            catalog=None,
            verdict="unverifiable",
            note=_NO_FILM,
        )
    values = {f: _field_value(film, f) for f in fields}
    known = {f: v for f, v in values.items() if v is not None}
    holding = [f for f, v in known.items() if low <= v <= high]
    if len(fields) == 1:
        field = fields[0]
        value = values[field]
        label = _LABELS[field]
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
        return FactCheck(
            claim=claim,
            field=field,
            stated=figure.value,
            catalog=value,
            verdict="supported" if holding else "contradicted",
            note=f"The catalog records a {label} of {fmt(value)}{derived}, {where} {allowed}.",
        )
    # A gross the sentence does not pin down: every reading is checked.
    first, second = fields[0], fields[1]
    listing = (
        f"the catalog's {_LABELS[first]} is {fmt(known[first])}"
        if first in known
        else f"the catalog has no {_LABELS[first]}"
    ) + (
        f" and its {_LABELS[second]} {fmt(known[second])}"
        if second in known
        else f" and no {_LABELS[second]}"
    )
    stated_part = f"Stated {figure.text} (allowing {_range(low, high, money=money)}); {listing}"
    if holding:
        field = holding[0]
        which = "both support it" if len(holding) == len(fields) else f"the {_LABELS[field]} supports it"
        return FactCheck(
            claim=claim,
            field=field,
            stated=figure.value,
            catalog=values[field],
            verdict="supported",
            note=f"{stated_part}: {which}.",
        )
    if not known:
        names = " or ".join(_LABELS[f] for f in fields)
        return FactCheck(
            claim=claim,
            field=fields[0],
            stated=figure.value,
            catalog=None,
            verdict="unverifiable",
            note=f"The catalog has no {names} for this film.",
        )
    field = next(f for f in fields if f in known)
    if len(known) < len(fields):
        return FactCheck(
            claim=claim,
            field=field,
            stated=figure.value,
            catalog=values[field],
            verdict="unverifiable",
            note=f"{stated_part}: the {_LABELS[field]} does not support it, and the other gross, "
            "which the sentence may mean, is unknown.",
        )
    return FactCheck(
        claim=claim,
        field=field,
        stated=figure.value,
        catalog=values[field],
        verdict="contradicted",
        note=f"{stated_part}: neither supports it.",
    )


def _check_year(claim: str, year: int, film: CatalogFilm | None) -> FactCheck:
    if film is None:
        return FactCheck(
            claim=claim, field="year", stated=year, catalog=None, verdict="unverifiable", note=_NO_FILM
        )
    if film.year is None:
        return FactCheck(
            claim=claim,
            field="year",
            stated=year,
            catalog=None,
            verdict="unverifiable",
            note="The catalog has no year for this film.",
        )
    day = film.release_date
    if year != film.year and day is not None and (day.month, day.day) == (12, 31) and year == film.year + 1:
        # docs/catalog.md: a 31 December date is often a year-only date shifted a year early.
        return FactCheck(
            claim=claim,
            field="year",
            stated=year,
            catalog=film.year,
            verdict="unverifiable",
            note=f"The catalog dates the film 31 December {film.year}, a date its source often gives "
            f"a year early, so it can neither confirm nor refute {year}.",
        )
    if year == film.year:
        return FactCheck(
            claim=claim,
            field="year",
            stated=year,
            catalog=film.year,
            verdict="supported",
            note=f"The catalog dates the film to {film.year}.",
        )
    return FactCheck(
        claim=claim,
        field="year",
        stated=year,
        catalog=film.year,
        verdict="contradicted",
        note=f"The catalog dates the film to {film.year}, not {year}.",
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


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _check_directors(claim: str, names: Sequence[str], film: CatalogFilm | None) -> FactCheck:
    stated = _and(names)
    if film is None:
        return FactCheck(
            claim=claim, field="directors", stated=stated, catalog=None, verdict="unverifiable", note=_NO_FILM
        )
    if not film.directors:
        return FactCheck(
            claim=claim,
            field="directors",
            stated=stated,
            catalog=None,
            verdict="unverifiable",
            note="The catalog names no director for this film.",
        )
    credited = _and(film.directors)
    wrong = [n for n in names if not any(same_person(n, d) for d in film.directors)]
    if wrong:
        return FactCheck(
            claim=claim,
            field="directors",
            stated=stated,
            catalog=credited,
            verdict="contradicted",
            note=f"The catalog credits {credited}, not {_and(wrong)}.",
        )
    return FactCheck(
        claim=claim,
        field="directors",
        stated=stated,
        catalog=credited,
        verdict="supported",
        note=f"The catalog credits {credited}.",
    )


#: Prose a claim is not read from: a quote is a character speaking.
_NOT_CLAIMS = frozenset({"quotes"})


def check_guide(guide: Guide, film: CatalogFilm | None) -> list[FactCheck]:
    """Every claim of ``guide`` a catalog figure can test, checked against ``film`` (the guide's
    catalog film, ``None`` when none matches): in the order the guide makes them, each once."""
    title = guide.title
    checks: list[FactCheck] = []
    seen: set[tuple[str, str, str]] = set()
    stated_years: set[int] = set()
    stated_directors: set[str] = set()

    def add(check: FactCheck, key_field: str) -> None:
        key = (check.claim, key_field, str(check.stated))
        if key not in seen:
            seen.add(key)
            checks.append(check)

    first_intro = True
    for paragraph in guide.prose():
        if paragraph.heading or paragraph.field in _NOT_CLAIMS:
            continue
        section = paragraph.field
        for index, sentence in enumerate(sentences(paragraph.text)):
            first = first_intro and section == "intro" and index == 0
            low = sentence.lower()
            if "$" in sentence or "dollar" in low:
                for fields, figure in _money_claims(sentence, title):
                    add(_check_figure(sentence, fields, figure, film), "/".join(fields))
            if _HAS_YEAR.search(sentence):
                for year in _year_claims(sentence, title, first):
                    stated_years.add(year)
                    add(_check_year(sentence, year, film), "year")
            if "directed" in low or "helmed" in low or "’" in sentence or "'" in sentence:
                for names in _director_claims(sentence, title):
                    stated_directors.update(fold(n) for n in names)
                    add(_check_directors(sentence, names, film), "directors")
            if any(word in low for word in _RUNTIME_HINTS) or _HOURS_MINUTES.search(sentence):
                for figure in _runtime_claims(sentence, title):
                    add(_check_figure(sentence, ("running_time_min",), figure, film), "running_time_min")
        if section == "intro":
            first_intro = False
    # The guide's own fields, unless the text already stated the same.
    if guide.year is not None and guide.year not in stated_years:
        add(_check_year(f"The guide gives the year {guide.year}.", guide.year, film), "year")
    if guide.directors and not all(fold(n) in stated_directors for n in guide.directors):
        claim = (
            f"The guide names the director{'s' if len(guide.directors) > 1 else ''}: {_and(guide.directors)}."
        )
        add(_check_directors(claim, guide.directors, film), "directors")
    return checks
