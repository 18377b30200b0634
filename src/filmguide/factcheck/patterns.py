"""The words and patterns a claim is read by, as data: qualifiers, money, years, names, running
times. Tuning what the fact check recognises is editing this module; :mod:`.claims` holds the rules."""

from __future__ import annotations

import re
from typing import Literal

Qualifier = Literal["exact", "about", "over", "just_over", "nearly", "under"]

QUALIFIERS: dict[str, Qualifier] = {
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
QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# Money

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALES = {
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
MONEY = re.compile(
    rf"(?:(?:US\s?\$|USD\s?|\$)\s?(?P<num>{NUMBER})"
    r"(?:\s*(?P<word>million|billion|thousand)\b|(?P<abbr>mm|mln|mn|bn|m|b|k)(?![\w$]))?"
    rf"|(?P<num2>{NUMBER})(?:\s*(?P<word2>million|billion|thousand))?\s+(?:US\s+|American\s+)?dollars\b)",
    re.IGNORECASE,
)
RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to|or)\s*(?:US\s?)?\$?\s?\d", re.IGNORECASE)
RANGE_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
#: Between two figures, the first separator ends the first figure's clause.
SEPARATOR = re.compile(
    r"[,;:()—–]|\s-\s|\b(?:and|but|yet|while|whereas|against|with|versus|vs\.?|compared\s+(?:to|with)|than)\b",
    re.IGNORECASE,
)
#: Money that is not the budget or a total gross: skip the figure rather than misread it.
NOT_TOTAL = re.compile(
    r"\b(?:opening|weekend|debut(?:ed|ing)?|first\s+(?:week|day|month)|dvd|video|rentals?|home\s+media"
    r"|streaming|salary|paid|paycheck|fee|wage|for\s+(?:the|his|her|their)\s+role|per\b|a\s+(?:day|week|ticket)"
    r"|adjusted|inflation|today['’]s\s+(?:money|dollars)|re-?release|marketing|advertising|prints\s+and"
    r"|sold\s+for|bought|rights|award|prize|auction)",
    re.IGNORECASE,
)
KIND_HEAD = re.compile(
    r"(?P<budget>\bbudget(?:ed|s)?\b|\bcost(?:s|ing)?\b|\bprice\s+tag\b|\bfinanc(?:ed|ing)\b"
    r"|\b(?:made|shot|produced|filmed|completed)\b[^$,;.]{0,40}?\b(?:for|on)\s+(?:an?\s+)?$)"
    r"|(?P<gross>\bgross(?:ed|es|ing)?\b|\bearn(?:ed|s|ing|ings)?\b|\b(?:took|taking|takes|take)\s+in\b"
    r"|\bbox[\s-]office\b|\b(?:brought|bringing|raked|raking|pulled|pulling|reeled)\s+in\b"
    r"|\breceipts\b|\bticket\s+sales\b|\btakings\b|\brevenues?\b|\bhaul(?:ed)?\b|\bcollected\b"
    r"|\b(?:made|making)\s*$)",
    re.IGNORECASE,
)
KIND_TAIL = re.compile(
    r"(?P<budget>^\s*(?:production\s+)?(?:budget|film|movie|production|picture|feature)\b)"
    r"|(?P<gross>\b(?:at|in)\s+(?:the\s+)?(?:worldwide\s+|global\s+|domestic\s+|US\s+|U\.S\.\s+)?box[\s-]office\b"
    r"|\bin\s+(?:ticket\s+sales|receipts|revenues?|grosses)\b|^\s*(?:worldwide\s+|domestic\s+)?gross\b)",
    re.IGNORECASE,
)
SCOPE = re.compile(
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
LINK_WORDS = frozenset(
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
TAIL_SCOPE_REACH = 30

GROSS_FIELDS: dict[str | None, tuple[str, ...]] = {
    "us": ("us_gross",),
    "world": ("worldwide_gross",),
    "foreign": ("international_gross",),
    "international": ("international_gross", "worldwide_gross"),
    None: ("us_gross", "worldwide_gross"),
}


#: The qualifier just before a figure ("over $32 million"); looked for only where a figure is.
QUAL_BEFORE = re.compile(rf"\b(?:{QUAL})\s+$", re.IGNORECASE)
QUAL_REACH = 24

# ---------------------------------------------------------------------------------------------
# Years, directors, running times

YEAR = r"(?:18[89]\d|19\d\d|20\d\d)"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
RELEASED = re.compile(
    r"\b(?:released|premiered|debuted|came\s+out|opened|hit\s+(?:theaters|theatres|cinemas|screens))"
    rf"\s+(?:in\s+|on\s+)?(?:(?:the\s+)?(?:early|late|mid-?|spring|summer|autumn|fall|winter)\s*(?:of\s+)?)?"
    rf"(?:{MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?|\d{{1,2}}\s+{MONTH}\s+)?(?P<year>{YEAR})\b"
)
YEAR_FILM = re.compile(
    rf"(?:\b(?:the|this|a|his|her|their|its)|[’']s?)\s+(?P<year>{YEAR})\s+"
    r"(?:film|movie|feature|drama|picture|release|classic|adaptation)\b(?P<rest>.{0,80})",
    re.IGNORECASE,
)
YEAR_PAREN = re.compile(rf"\((?P<year>{YEAR})\)")

UPPER = "A-ZÀ-ÖØ-Þ"
NAME_WORD = rf"(?:[{UPPER}]\.|[{UPPER}][\w\-]*(?:[’'][{UPPER}][\w\-]*)?)"
PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|le|la|du|dos|bin|el|al)"
NAME = rf"{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)*{NAME_WORD}){{0,3}}"
DIRECTED = re.compile(
    rf"\b(?:[Dd]irected|[Hh]elmed|[Dd]irected\s+and\s+written|[Ww]ritten\s+and\s+directed)\s+by\s+"
    rf"(?P<names>{NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){NAME})*)"
)
POSSESSIVE = re.compile(rf"(?P<name>{NAME})(?:’s|'s|’|')\s+(?P<rest>.{{0,80}})")
POSSESSIVE_FILM = re.compile(
    rf"[’']s?\s+(?:{YEAR}\s+)?(?:film|movie|feature|drama|picture|masterpiece|adaptation)\b", re.IGNORECASE
)
FILM_WORD = re.compile(
    rf"^(?:{YEAR}\s+)?(?:film|movie|feature|drama|picture|masterpiece|adaptation)\b(?P<after>.*)",
    re.IGNORECASE,
)
#: Capitalised words that may open a sentence before a name: "In Mike Figgis's film".
NAME_STOPWORDS = frozenset(
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
NAME_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
REFERS = re.compile(r"\b(?:film|movie|it|picture|feature)\b", re.IGNORECASE)

HOURS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "a": 1, "an": 1}
DUR = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|an?)(?:[\s-]+and[\s-]+a[\s-]+half)?[\s-]*(?:hours?|hrs?\.?)"
    r"(?:,?[\s-]*(?:and[\s-]+)?\d{1,2}[\s-]*(?:minutes?|mins?\.?))?(?!\w)"
    r"|\d{1,2}h\s?\d{1,2}m(?:in)?\b|\d{2,3}[\s-]*(?:minutes?|mins?\.?)(?!\w)"
)
DUR_PARSE = re.compile(
    r"(?P<h>\d+(?:\.\d+)?|one|two|three|four|an?)(?P<half>[\s-]+and[\s-]+a[\s-]+half)?[\s-]*(?:hours?|hrs?\.?)"
    r"(?:,?[\s-]*(?:and[\s-]+)?(?P<hm>\d{1,2})[\s-]*(?:minutes?|mins?\.?))?"
    r"|(?P<h2>\d{1,2})h\s?(?P<m2>\d{1,2})m(?:in)?|(?P<m>\d{2,3})[\s-]*(?:minutes?|mins?\.?)",
    re.IGNORECASE,
)
RUNTIME = re.compile(
    rf"\b(?:(?:runs|ran|running|run)\s+(?:for\s+|at\s+|just\s+)?"
    rf"|(?:running\s+time|runtime|run\s+time|length)\s+(?:is\s+|was\s+|of\s+)?"
    rf"|clocks?\s+in\s+at\s+|clocking\s+in\s+at\s+|lasts?\s+|lasting\s+|^at\s+)"
    rf"(?:(?P<qual>{QUAL})\s+)?(?P<dur>{DUR})"
    rf"|(?:\b(?P<qual2>{QUAL})\s+)?(?P<dur2>{DUR})[\s-]+long\b"
    rf"|\b(?:an?|its|the|this)\s+(?:(?P<qual3>{QUAL})\s+)?(?P<dur3>{DUR})[\s-]+"
    r"(?:film|movie|feature|running\s+time|runtime|cut|epic|drama|picture)\b",
    re.IGNORECASE,
)


#: A clause of only these words ("... and was directed by X") shares the sentence's subject.
AUXILIARIES = frozenset(("was", "is", "were", "are", "been", "has", "had", "have", "being", "also", "later"))

# ---------------------------------------------------------------------------------------------
# Checking

LABELS = {
    "budget": "budget",
    "us_gross": "US gross",
    "worldwide_gross": "worldwide gross",
    "international_gross": "gross outside the US (worldwide less US)",
    "running_time_min": "running time",
}
NO_FILM = "No catalog film matches this guide, so the claim cannot be checked."
#: Whether a sentence names a year (:data:`YEAR` between word boundaries). Written to start on the
#: year's first digit, with the boundary in a lookbehind, so that the engine skips to a "1" or "2"
#: instead of trying the alternatives at every word boundary: the same matches, a third of the time.
HAS_YEAR = re.compile(r"[12](?<=\b[12])(?:(?<=1)(?:8[89]|9\d)|(?<=2)0\d)\d\b")
RUNTIME_HINTS = ("hour", "minute", " min", "hrs", "hr.")
#: Any of :data:`RUNTIME_HINTS` in a lowercased sentence: one search instead of five substring tests
#: in a generator, which a save paid for every sentence.
RUNTIME_WORDS = re.compile("|".join(re.escape(word) for word in RUNTIME_HINTS))
HOURS_MINUTES = re.compile(r"\dh\s?\d")
