"""Reading the list items of a guide: quotes, film references and awards (the cast's entries are
:mod:`.cast`'s).

Each reader returns ``None`` for a line it does not understand; the section reader then keeps the
line in ``section_notes`` so that nothing of the article is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from filmguide.article.meanings import LIST_NUMBER
from filmguide.model import Award, FilmRef, Quote

# --- quotes -------------------------------------------------------------------------------------

OPEN_QUOTES = "“\"‘'«„"
CLOSE_QUOTES = "”\"’'»“"
_QUOTE_WITH_SPEAKER = re.compile(
    r"^(?P<speaker>[^:“\"«(]{1,60}?)\s*(?:\((?P<context>[^()]{1,120})\))?\s*:\s*(?P<text>.+)$"
)
_QUOTE_WITH_ATTRIBUTION = re.compile(
    r"^(?P<text>[“\"«„].+[”\"»“])\s*[—–-]+\s*(?P<speaker>[^()]{1,60}?)"
    r"\s*(?:\((?P<context>[^()]{1,120})\))?$"
)


def _unquote(text: str) -> str:
    """Drop one pair of surrounding quotation marks, keeping any inside the quote."""
    text = text.strip()
    if len(text) >= 2 and text[0] in OPEN_QUOTES and text[-1] in CLOSE_QUOTES:
        return text[1:-1].strip()
    return text


def read_quote(line: str) -> Quote | None:
    """``Sera (final monologue): “I accepted him...”`` or ``“…” — Sera``."""
    found = _QUOTE_WITH_SPEAKER.match(line) or _QUOTE_WITH_ATTRIBUTION.match(line)
    if not found:
        return None
    text = _unquote(found.group("text"))
    speaker = found.group("speaker").strip()
    if not text or not speaker:
        return None
    context = found.group("context")
    return Quote(speaker=speaker, context=context.strip() if context else None, text=text)


def looks_like_quote(line: str) -> bool:
    """A line under "Memorable Scenes and Quotes" that is a quote rather than a scene."""
    quote = read_quote(line)
    return quote is not None and line.rstrip()[-1:] in CLOSE_QUOTES


def quote_line(line: str) -> Quote | None:
    """A quote written as a paragraph ("Quint: “Y'know the thing about a shark …”"): only a line
    that ends on its quotation mark, so "Brody: the character everyone remembers." is none."""
    return read_quote(line) if looks_like_quote(line) else None


def write_quote(quote: Quote) -> str:
    context = f" ({quote.context})" if quote.context else ""
    return f"{quote.speaker}{context}: “{quote.text}”"


# --- film references ----------------------------------------------------------------------------

_FILM_WITH_YEAR = re.compile(
    r"^(?P<title>.+?)\s*\((?P<year>1[89]\d\d|20\d\d)\)(?:\s*(?:[:—–]|\s-)\s*(?P<note>.+))?$"
)
_FILM_WITH_NOTE = re.compile(r"^(?P<title>.+?)\s+[—–]\s+(?P<note>.+)$")


def film_heading(text: str) -> FilmRef | None:
    """A sub-heading that names one film by its title and year ("Heat (1995)", "2. Thief (1981)"),
    as a list of films written as headings gives each; None for any other heading."""
    found = _FILM_WITH_YEAR.match(LIST_NUMBER.sub("", text))
    return read_film(found.group(0)) if found is not None and not found.group("note") else None


def read_film(line: str) -> FilmRef | None:
    """``Timecode (2000)`` → Timecode, 2000; words after the year or a spaced dash are its note."""
    found = _FILM_WITH_YEAR.match(line)
    if found:
        note = found.group("note")
        return FilmRef(
            title=found.group("title").strip(),
            year=int(found.group("year")),
            note=note.strip() if note else None,
        )
    found = _FILM_WITH_NOTE.match(line)
    if found:
        return FilmRef(title=found.group("title").strip(), note=found.group("note").strip())
    if 0 < len(line) <= 150:
        return FilmRef(title=line.strip())
    return None


def write_film(film: FilmRef) -> str:
    year = f" ({film.year})" if film.year is not None else ""
    note = f" — {film.note}" if film.note else ""
    return f"{film.title}{year}{note}"


# --- awards -------------------------------------------------------------------------------------

_BODY_NAMES: dict[str, str] = {
    "academy award": "Academy Awards",
    "academy awards": "Academy Awards",
    "oscar": "Academy Awards",
    "oscars": "Academy Awards",
    "the academy awards": "Academy Awards",
    "the oscars": "Academy Awards",
    "golden globe": "Golden Globe Awards",
    "golden globes": "Golden Globe Awards",
    "golden globe award": "Golden Globe Awards",
    "golden globe awards": "Golden Globe Awards",
    "independent spirit award": "Independent Spirit Awards",
    "independent spirit awards": "Independent Spirit Awards",
    "bafta": "BAFTA Awards",
    "baftas": "BAFTA Awards",
    "bafta award": "BAFTA Awards",
    "bafta awards": "BAFTA Awards",
    "bafta film award": "BAFTA Awards",
    "bafta film awards": "BAFTA Awards",
    "british academy film award": "BAFTA Awards",
    "british academy film awards": "BAFTA Awards",
    "sag award": "Screen Actors Guild Awards",
    "sag awards": "Screen Actors Guild Awards",
    "screen actors guild award": "Screen Actors Guild Awards",
    "screen actors guild awards": "Screen Actors Guild Awards",
    "critics' choice award": "Critics’ Choice Awards",
    "critics’ choice award": "Critics’ Choice Awards",
    "critics' choice awards": "Critics’ Choice Awards",
    "critics’ choice awards": "Critics’ Choice Awards",
    "cannes": "Cannes Film Festival",
    "cannes film festival": "Cannes Film Festival",
    "venice": "Venice Film Festival",
    "venice film festival": "Venice Film Festival",
    "berlin": "Berlin International Film Festival",
    "berlinale": "Berlin International Film Festival",
    "césar": "César Awards",
    "césar award": "César Awards",
    "césar awards": "César Awards",
    "cesar awards": "César Awards",
    "emmy": "Emmy Awards",
    "emmy award": "Emmy Awards",
    "emmy awards": "Emmy Awards",
}


def canonical_body(name: str) -> str:
    """Canonical, plural body names: "Academy Award" and "Oscar" are both "Academy Awards"."""
    name = name.strip().strip(":").strip()
    known = _BODY_NAMES.get(name.casefold())
    if known:
        return known
    if name.endswith(" Award"):
        return name + "s"
    return name


#: Words that, after "and" or a comma, are a category of their own sharing the first one's
#: prefix ("Best Actor and Actress" → Best Actor, Best Actress), unlike "Makeup and Hairstyling".
_ROLE_WORDS = {
    "actor",
    "actress",
    "supporting actor",
    "supporting actress",
    "director",
    "picture",
    "film",
    "feature",
    "first feature",
    "screenplay",
    "original screenplay",
    "adapted screenplay",
    "cinematography",
    "editing",
    "film editing",
    "score",
    "original score",
    "song",
    "original song",
    "documentary",
    "foreign language film",
    "international feature",
    "animated feature",
    "ensemble",
    "cast",
    "male lead",
    "female lead",
    "supporting male",
    "supporting female",
    "production design",
    "costume design",
    "sound",
    "visual effects",
}
_RESULT_WORDS = {
    "won": "won",
    "win": "won",
    "wins": "won",
    "winner": "won",
    "winning": "won",
    "nominated": "nominated",
    "nomination": "nominated",
    "nominations": "nominated",
    "nominee": "nominated",
}
_RESULT_SUFFIX = re.compile(
    r"^(?P<rest>.+?)\s*\((?P<result>won|win|winner|nominated|nominee|nomination)\)$", re.IGNORECASE
)
_RESULT_PREFIX = re.compile(
    r"^(?P<result>won|wins|winner of|nominated for|nomination for|nominated)\s+"
    r"(?:for\s+|the\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_BODY_FOR = re.compile(r"^(?P<body>[^:]+?)\s+for\s+(?P<rest>.+)$")
_PARENTHESISED_NOMINEE = re.compile(r"^(?P<category>.+?)\s*\((?P<nominee>[^()]+)\)$")


_CATEGORY_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
#: A category's prefix ("Best "), shared by the bare roles after it.
_CATEGORY_PREFIX = re.compile(r"^(Best|Outstanding|Most)\s+")


def _split_categories(text: str) -> list[str]:
    """Split "Best Feature, Best Actor, and Best Actress"; share the prefix where the role is bare."""
    parts = [p.strip() for p in _CATEGORY_SPLIT.split(text) if p.strip()]
    if len(parts) <= 1:
        return [text.strip()]
    prefix_match = _CATEGORY_PREFIX.match(parts[0])
    prefix = prefix_match.group(0) if prefix_match else ""
    merged: list[str] = []
    for part in parts:
        if merged and not _CATEGORY_PREFIX.match(part):
            if prefix and part.casefold() in _ROLE_WORDS:
                merged.append(prefix + part)
                continue
            merged[-1] = f"{merged[-1]} and {part}"
            continue
        merged.append(part)
    return merged


def _category_and_nominee(text: str) -> tuple[str, str | None]:
    category, colon, nominee = text.partition(":")
    if colon and nominee.strip():
        return category.strip(), nominee.strip()
    found = _PARENTHESISED_NOMINEE.match(text)
    if found and found.group("nominee").casefold() not in _RESULT_WORDS:
        return found.group("category").strip(), found.group("nominee").strip()
    return text.strip(), None


def _records(body: str, text: str, result: str, *, split: bool) -> list[Award]:
    category_text, nominee = _category_and_nominee(text)
    categories = _split_categories(category_text) if split else [category_text]
    return [
        Award(body=body, category=c, nominee=nominee, result="won" if result == "won" else "nominated")
        for c in categories
        if c
    ]


def read_award_line(line: str, previous_body: str | None) -> list[Award] | None:
    """All award records on one line, or None if the line is in no known shape.

    ``previous_body`` is the body of the line before, for lines that lean on it
    ("Nominated for Best Actress: Elisabeth Shue" after an Academy Award line).
    """
    line = line.strip().rstrip(".;")
    # Shape: "Academy Award for Best Actor: Nicolas Cage (won)", "Academy Award for Best Picture (won)".
    suffix = _RESULT_SUFFIX.match(line)
    if suffix:
        result = _RESULT_WORDS[suffix.group("result").casefold()]
        rest = suffix.group("rest")
        body_for = _BODY_FOR.match(rest)
        if body_for and not _RESULT_PREFIX.match(rest):
            return _records(
                canonical_body(body_for.group("body")), body_for.group("rest"), result, split=False
            )
        prefixed = _RESULT_PREFIX.match(rest)
        if prefixed is None and previous_body:
            return _records(previous_body, rest, result, split=False)
    # Shape: "Nominated for Best Actress: Elisabeth Shue", leaning on the line before.
    prefixed = _RESULT_PREFIX.match(line)
    if prefixed and previous_body:
        return _records(
            previous_body, prefixed.group("rest"), _RESULT_WORDS[_first_word(prefixed)], split=True
        )
    # Shape: a table's row, "Academy Awards – Best Supporting Actor – J. K. Simmons – Won" (the
    # HTML reader joins a row's cells so), the nominee's cell may be empty or a dash.
    if " – " in line and (row := _award_row(line)) is not None:
        return [row]
    # Shape: "Golden Globe: Nominated for Best Actor and Actress", "Independent Spirit Awards: Won …".
    body, colon, rest = line.partition(":")
    if colon:
        prefixed = _RESULT_PREFIX.match(rest.strip())
        if prefixed:
            return _records(
                canonical_body(body), prefixed.group("rest"), _RESULT_WORDS[_first_word(prefixed)], split=True
            )
    return None


def _award_row(line: str) -> Award | None:
    """An awards table's row as the HTML reader joins its cells: body, category, nominee (may be
    blank or a dash) and result, or body, category and result; None for any other line."""
    cells = [cell.strip() for cell in line.split(" – ")]
    result = _RESULT_WORDS.get(cells[-1].casefold())
    if result is None or len(cells) not in (3, 4) or not all(cells[:2]):
        return None
    nominee = cells[2] if len(cells) == 4 and cells[2].strip("—–- ") else None
    return Award(
        body=canonical_body(cells[0]),
        category=cells[1],
        nominee=nominee,
        result="won" if result == "won" else "nominated",
    )


def _first_word(found: re.Match[str]) -> str:
    return found.group("result").split()[0].casefold()


def read_awards(lines: Iterable[str]) -> tuple[list[Award], list[str]]:
    """Award records from the section's lines, and the lines that could not be read."""
    awards: list[Award] = []
    unread: list[str] = []
    body: str | None = None
    for line in lines:
        records = read_award_line(line, body)
        if records:
            awards.extend(records)
            body = records[-1].body
        else:
            unread.append(line)
    return awards, unread


def write_award(award: Award) -> str:
    nominee = f": {award.nominee}" if award.nominee else ""
    return f"{award.body} for {award.category}{nominee} ({award.result})"
