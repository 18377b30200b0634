"""Reading claims out of a sentence: money tied to the budget or a gross, years, directors,
running times, each about this film and not another."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from filmguide.factcheck.figures import Figure, qualifier_of, unit_of
from filmguide.factcheck.patterns import (
    AUXILIARIES,
    DIRECTED,
    DUR_PARSE,
    FILM_WORD,
    GROSS_FIELDS,
    HOURS_WORDS,
    KIND_HEAD,
    KIND_TAIL,
    LINK_WORDS,
    MONEY,
    NAME_SPLIT,
    NAME_STOPWORDS,
    NOT_TOTAL,
    POSSESSIVE,
    POSSESSIVE_FILM,
    QUAL_BEFORE,
    QUAL_REACH,
    RANGE_AFTER,
    RANGE_BEFORE,
    REFERS,
    RELEASED,
    RUNTIME,
    SCALES,
    SCOPE,
    SEPARATOR,
    TAIL_SCOPE_REACH,
    YEAR_FILM,
    YEAR_PAREN,
)
from filmguide.text import fold


def contains_words(haystack_folded: str, needle_folded: str) -> bool:
    return bool(needle_folded) and f" {needle_folded} " in f" {haystack_folded} "


@dataclass(frozen=True, slots=True)
class _Found:
    """A money figure in a sentence: where it starts (its qualifier included) and ends."""

    start: int
    end: int
    figure: Figure


def _find_money(sentence: str) -> list[_Found]:
    out: list[_Found] = []
    for found in MONEY.finditer(sentence):
        start = found.start()
        qual = QUAL_BEFORE.search(sentence, max(0, start - QUAL_REACH), start)
        if qual is not None:
            start = qual.start()
        digits = found.group("num") or found.group("num2")
        word = found.group("word") or found.group("abbr") or found.group("word2")
        scale = SCALES[word.lower()] if word else 1
        value = Fraction(digits.replace(",", "")) * scale
        text = " ".join(sentence[start : found.end()].split())
        figure = Figure(round(value), unit_of(digits, scale), qualifier_of(qual and qual.group(0)), text)
        out.append(_Found(start, found.end(), figure))
    return out


def _last_separator_end(text: str) -> int:
    end = 0
    for sep in SEPARATOR.finditer(text):
        end = sep.end()
    return end


def money_claims(sentence: str, title: str) -> Iterator[tuple[tuple[str, ...], Figure]]:
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
            sep = SEPARATOR.search(between)
            head = between[sep.end() :] if sep else between
        after = sentence[end : found[i + 1].start if i + 1 < len(found) else len(sentence)]
        sep = SEPARATOR.search(after)
        tail = after[: sep.start()] if sep else after
        if skip_next or RANGE_BEFORE.search(head) or RANGE_AFTER.match(after):
            skip_next = bool(RANGE_AFTER.match(after))
            previous_kind = None
            continue
        if NOT_TOTAL.search(head) or NOT_TOTAL.search(tail):
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
        scope = _scope(tail[:TAIL_SCOPE_REACH]) or _scope(clause_head, last=True)
        yield GROSS_FIELDS[scope], figure


def _kind(head: str, tail: str, title: str) -> str | None:
    last: re.Match[str] | None = None
    for last in KIND_HEAD.finditer(head):  # noqa: B007 - the last one is wanted
        pass
    if last is not None:
        if last.group("gross") and re.match(r"mad", last.group(0), re.IGNORECASE):
            # "made $X": a gross only when the film is what made it.
            clause = head[_last_separator_end(head[: last.start()]) : last.start()]
            if not _refers_to_film(clause, title):
                return None
        return "budget" if last.group("budget") else "gross"
    found = KIND_TAIL.search(tail)
    if found:
        return "budget" if found.group("budget") else "gross"
    return None


def _scope(text: str, *, last: bool = False) -> str | None:
    matches = list(SCOPE.finditer(text))
    if not matches:
        return None
    chosen = matches[-1] if last else matches[0]
    return chosen.lastgroup


def _only_link_words(head: str) -> bool:
    bare = SCOPE.sub(" ", head)
    words = re.findall(r"[\w’']+", bare.lower())
    return all(w in LINK_WORDS for w in words)


def _refers_to_film(text: str, title: str) -> bool:
    return bool(REFERS.search(text)) or contains_words(fold(text), fold(title))


def _about_this_film(sentence: str, start: int, title: str) -> bool:
    """Whether the phrase at ``start`` is said of the guide's film: its clause names the film
    ("The film was released in 1995") or the sentence opens with it ("Directed by X, the film...")."""
    prefix = sentence[:start]
    clause = prefix[_last_separator_end(prefix) :]
    if set(clause.lower().split()) - AUXILIARIES:
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


def year_claims(sentence: str, title: str, first: bool) -> Iterator[int]:
    for found in RELEASED.finditer(sentence):
        if _about_this_film(sentence, found.start(), title):
            yield int(found.group("year"))
    for found in YEAR_FILM.finditer(sentence):
        if _names_title_next(found.group("rest"), title) is not False:
            yield int(found.group("year"))
    folded_title = fold(title)
    for found in YEAR_PAREN.finditer(sentence):
        before = fold(sentence[: found.start()])
        if first or (folded_title and before.endswith(folded_title)):
            yield int(found.group("year"))


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0].lower() in NAME_STOPWORDS:
        words.pop(0)
    return " ".join(words) or None


def director_claims(sentence: str, title: str) -> Iterator[list[str]]:
    folded_title = fold(title)
    for found in DIRECTED.finditer(sentence):
        if not _about_this_film(sentence, found.start(), title):
            continue
        names = [n for part in NAME_SPLIT.split(found.group("names")) if (n := _clean_name(part))]
        names = [n for n in names if fold(n) != folded_title]
        if names:
            yield names
    if not (POSSESSIVE_FILM.search(sentence) or title.casefold() in sentence.casefold()):
        return
    for found in POSSESSIVE.finditer(sentence):
        name = _clean_name(found.group("name"))
        if not name or contains_words(fold(name), folded_title) or contains_words(folded_title, fold(name)):
            continue
        rest = found.group("rest")
        film_word = FILM_WORD.match(rest)
        if film_word:
            if _names_title_next(film_word.group("after"), title) is False:
                continue
        elif not (folded_title and fold(rest[: len(title) + 2]).startswith(folded_title)):
            continue
        yield [name]


def _duration(text: str) -> tuple[int, Fraction] | None:
    found = DUR_PARSE.fullmatch(text.strip())
    if found is None:
        return None
    if found.group("m"):
        return int(found.group("m")), Fraction(1)
    if found.group("h2"):
        return int(found.group("h2")) * 60 + int(found.group("m2")), Fraction(1)
    raw = found.group("h").lower()
    hours = Fraction(HOURS_WORDS[raw]) if raw in HOURS_WORDS else Fraction(raw)
    unit = Fraction(60, 10 ** len(raw.split(".", 1)[1])) if "." in raw else Fraction(60)
    if found.group("half"):
        hours += Fraction(1, 2)
        unit = Fraction(30)
    minutes = hours * 60
    if found.group("hm"):
        minutes += int(found.group("hm"))
        unit = Fraction(1)
    return round(minutes), unit


def runtime_claims(sentence: str, title: str) -> Iterator[Figure]:
    for found in RUNTIME.finditer(sentence):
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
        yield Figure(minutes, unit, qualifier_of(qual), " ".join(text.split()))
