"""What the store can keep, the same on every back end.

PostgreSQL refuses what SQLite takes without a word (a NUL character in text, an integer over 32
bits, a slug longer than its column), so a guide is checked before it is saved, wherever it
comes from (the API, an import): one clear message instead of a database error, and the same
answer on both back ends.
"""

from __future__ import annotations

import re
from typing import Any, Final

from pydantic_core import PydanticSerializationError

from filmguide.model import Guide
from filmguide.slugs import is_slug, slugify_title

#: The longest slug the store keeps (films and people alike).
MAX_SLUG: Final = 200

#: Integers the store keeps are 32-bit.
INT_RANGE: Final = (-(2**31), 2**31 - 1)

#: The largest guide the store keeps, as JSON: ten times the longest article we know (the demo
#: guides are 10 to 15 KB). Every read of a guide (pages, search, similar films) costs in
#: proportion, so a larger one is refused at write time rather than paid for at each read.
MAX_GUIDE_BYTES: Final = 128 * 1024


def check_guide(guide: Guide, document: str | None = None) -> str | None:
    """What the store could not keep, the same on every back end: an empty title, a name or
    title whose slug is over :data:`MAX_SLUG` characters, text with NUL characters or lone
    surrogates, integers over 32 bits, a guide over :data:`MAX_GUIDE_BYTES`. ``None`` when the
    guide is fine.

    ``document`` is the guide's JSON (``model_dump_json``) where the caller has made it already:
    an import hands it to the writer, and one serialisation serves both."""
    if not guide.title.strip():
        return "the guide's title is empty"
    if guide.slug is not None and (not is_slug(guide.slug) or len(guide.slug) > MAX_SLUG):
        return f"the slug '{guide.slug[:MAX_SLUG]}' is not a slug (lowercase words joined by '-')"
    for label, name in _names(guide):
        if len(slugify_title(name)) > MAX_SLUG:
            return f"{label} is too long: '{name[:60]}…'"
    if document is None:
        document = guide_json(guide)
    if document is not None and len(document) > MAX_GUIDE_BYTES:
        size = len(document.encode("utf-8", "surrogatepass")) // 1024
        return f"the guide is {size} KB, over the {MAX_GUIDE_BYTES // 1024} KB a guide may hold"
    if _plainly_fine(guide, document):
        return None
    return _check_values(guide.to_json_dict(), "")


def guide_json(guide: Guide) -> str | None:
    """The guide's JSON, or ``None`` when it cannot be written (a lone surrogate in some text)."""
    try:
        return guide.model_dump_json()
    except PydanticSerializationError:
        return None


#: Ten digits in a row: where an integer over 32 bits would show in the JSON (or a long number
#: written in some text, which only sends the guide down the slow walk). Spelt out digit by digit:
#: ``\d{10}`` tries the repeat at every character and took five times as long over a guide.
_LONG_NUMBER = re.compile("[0-9]" * 10)


def _plainly_fine(guide: Guide, document: str | None) -> bool:
    """A cheap first look over the guide's JSON, which the serialiser writes at C speed: no NUL
    escape, no lone surrogate (serialising fails) and no 10-digit run means no value can fail.
    Anything else is walked value by value, which also names where the problem is. The walk
    alone took a tenth of an import's parse time."""
    if document is None:
        document = guide_json(guide)
    return document is not None and "\\u0000" not in document and _LONG_NUMBER.search(document) is None


def _names(guide: Guide) -> list[tuple[str, str]]:
    """Every title and name the store turns into a slug or a title key."""
    names = [("the title", guide.title)]
    names += [("a director's name", n) for n in guide.directors]
    names += [("an actor's name", c.actor) for c in guide.cast]
    if guide.music is not None:
        names += [("a composer's name", n) for n in guide.music.composers]
        names += [("an artist's name", n) for n in guide.music.featured_artists]
    names += [("a nominee's name", a.nominee) for a in guide.awards if a.nominee]
    names += [("a film's title", r.title) for r in [*guide.director_films, *guide.recommendations]]
    return names


def _check_values(value: Any, where: str) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return f"{where or 'a text'} holds a NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{where or 'a text'} holds a lone surrogate, not text"
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int):
        if not INT_RANGE[0] <= value <= INT_RANGE[1]:
            return f"{where or 'a number'} is out of range"
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _check_values(item, f"{where}.{key}" if where else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _check_values(item, f"{where}[{i}]")
            if found:
                return found
    return None
