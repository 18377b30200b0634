"""The matching rules: the cue table, tokens, negation, masked titles, and the guide's sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from filmguide.model import Guide, Prose
from filmguide.spoilers import Spoilers
from filmguide.text import sentences
from filmguide.themes.cues import Concept, Strength
from filmguide.themes.vocabulary import (
    CLAUSE_WORDS,
    CONTENT_NOTES,
    DOUBLE_NEGATIVE,
    GIVES_AWAY,
    MACROS,
    MINOR_WORDS,
    NEGATION_WINDOW,
    NEGATORS,
    NOT_NEGATING_NEXT,
    QUOTED,
    THEMES,
    UNGATED_FIELDS,
)

# ---------------------------------------------------------------------------------------------
# Compiling the cue table


@dataclass(frozen=True)
class _Compiled:
    concept: int
    kind: Literal["theme", "note"]
    strength: Strength
    rest: tuple[frozenset[str] | None, ...]
    unless_next: tuple[tuple[str, ...], ...]
    unless_prev: tuple[tuple[str, ...], ...]
    next_firsts: frozenset[str] = frozenset()
    """The first words of ``unless_next``: the word after a match must be one for them to apply."""
    prev_lasts: frozenset[str] = frozenset()
    """The last words of ``unless_prev``: the word before a match must be one for them to apply."""


def _expand_word(word: str) -> tuple[str, ...]:
    if word.startswith("{") and word.endswith("}"):
        return MACROS[word[1:-1]]
    out: list[str] = []
    for alt in word.split("|"):
        stem, plus, suffixes = alt.partition("+")
        out.append(stem)
        if plus:
            out += [stem + s for s in suffixes.split(",")]
    return tuple(out)


def _expand_spec(spec: str) -> Iterator[tuple[frozenset[str] | None, ...]]:
    """Every token pattern a spec stands for: ``|`` between phrases, ``?`` optional tokens."""
    for phrase in _split_phrases(spec):
        patterns: list[tuple[frozenset[str] | None, ...]] = [()]
        for raw in phrase.split():
            optional = raw.endswith("?")
            tok = raw.rstrip("?")
            slot: frozenset[str] | None = None if tok == "*" else frozenset(_expand_word(tok))
            patterns = [(*p, slot) for p in patterns] + (patterns if optional else [])
        yield from (p for p in patterns if p)


def _split_phrases(spec: str) -> list[str]:
    """``"a b|c d"`` is two phrases but ``"drink+s,ing|drank"`` is one word with alternatives.

    A ``|`` separates phrases when either side has a space; within a single word it separates
    alternative words.
    """
    parts = spec.split("|")
    phrases: list[str] = []
    for part in parts:
        if phrases and " " not in part and " " not in phrases[-1]:
            phrases[-1] += "|" + part
        else:
            phrases.append(part)
    return phrases


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    for item in items:
        words = item.split()
        if len(words) == 1 and words[0].startswith("{"):
            out += [(w,) for w in _expand_word(words[0])]
        else:
            out.append(tuple(words))
    return tuple(out)


def _build() -> dict[str, list[_Compiled]]:
    table: dict[str, list[_Compiled]] = {}
    groups: tuple[tuple[Literal["theme", "note"], tuple[Concept, ...]], ...] = (
        ("theme", THEMES),
        ("note", CONTENT_NOTES),
    )
    for kind, concepts in groups:
        for index, concept in enumerate(concepts):
            for cue in concept.cues:
                for pattern in _expand_spec(cue.spec):
                    first, rest = pattern[0], pattern[1:]
                    if first is None:
                        raise ValueError(f"a cue may not start with a wildcard: {cue.spec!r}")
                    unless_next, unless_prev = _phrases(cue.unless_next), _phrases(cue.unless_prev)
                    if () in unless_next or () in unless_prev:
                        raise ValueError(f"an empty phrase in unless_next or unless_prev: {cue.spec!r}")
                    compiled = _Compiled(
                        index,
                        kind,
                        cue.strength,
                        rest,
                        unless_next,
                        unless_prev,
                        frozenset(p[0] for p in unless_next),
                        frozenset(p[-1] for p in unless_prev),
                    )
                    for word in first:
                        table.setdefault(word, []).append(compiled)
    return table


TABLE = _build()
#: The words a cue can start with: a sentence with none of them has no hits (one set test).
_FIRST_WORDS = frozenset(TABLE)

# ---------------------------------------------------------------------------------------------
# Sentences and tokens

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[,;:.!?()\[\]\u2014\u2013\u201c\u201d\"…]|(?<=\s)-(?=\s)")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def _straight_apostrophes(text: str) -> str:
    """``text.translate(_APOSTROPHES)``, done as four C-level replaces (translate with a mapping
    looks every character up in Python's dict protocol, a large share of a sentence's cost)."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("`", "'")


def _is_title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w']*", text)
    if not words or not words[0][0].isupper():
        return False
    return all(w[0].isupper() for w in words if w.lower() not in MINOR_WORDS)


def mask(sentence: str, titles: TitleMask | None) -> str:
    """The sentence with film and song titles replaced, so a title's words are never cues."""
    text = _straight_apostrophes(sentence)
    if titles is not None:
        text = titles.sub(" TITLE ", text)
    if '"' not in text and "\u201c" not in text:  # no quotation opens: nothing QUOTED can match
        return text
    return QUOTED.sub(lambda m: " TITLE " if _is_title_case(m.group(1)) else m.group(0), text)


def _is_word_char(text: str, at: int) -> bool:
    """Whether ``text[at]`` is what ``\\w`` matches (a letter, digit or underscore); False off the ends."""
    if at < 0 or at >= len(text):
        return False
    char = text[at]
    return char.isalnum() or char == "_"


class TitleMask:
    """The guide's titles found as whole words, as the alternation ``(?<!\\w)(?:A|B)(?!\\w)`` of
    them, longest first, would find them; without compiling one.

    Each guide names its own titles, so a compiled pattern served one guide only, and compiling it
    cost more than the whole theme scan (about 2 ms a guide). Most sentences name no title, which
    one substring test per title settles.
    """

    __slots__ = ("titles",)

    def __init__(self, titles: list[str]) -> None:
        self.titles = titles
        """Longest first: at one position, the longest title wins, as in the alternation."""

    def _next(self, text: str, pos: int) -> tuple[int, str] | None:
        """The leftmost whole-word title from ``pos`` on (longest at a tie), and where it starts."""
        best: tuple[int, str] | None = None
        for title in self.titles:
            at = text.find(title, pos)
            while at != -1 and (_is_word_char(text, at - 1) or _is_word_char(text, at + len(title))):
                at = text.find(title, at + 1)
            if at != -1 and (best is None or at < best[0]):
                best = (at, title)
        return best

    def sub(self, replacement: str, text: str) -> str:
        """``text`` with each title found replaced by ``replacement``."""
        if not any(title in text for title in self.titles):
            return text
        parts: list[str] = []
        pos = 0
        while (found := self._next(text, pos)) is not None:
            at, title = found
            parts += (text[pos:at], replacement)
            pos = at + len(title)
        parts.append(text[pos:])
        return "".join(parts)


def title_pattern(guide: Guide) -> TitleMask | None:
    """Titles the guide names (its own, its recommendations, the director's films, its source).

    Only titles of two words or more are masked wherever they appear (case-sensitively); a
    one-word title ("Crash") is masked only in quotation marks, like any quoted Title Case text.
    """
    titles = {
        guide.title,
        *(f.title for f in guide.recommendations),
        *(f.title for f in guide.director_films),
    }
    if guide.adaptation and guide.adaptation.source and guide.adaptation.source.title:
        titles.add(guide.adaptation.source.title)
    usable = sorted(
        {_straight_apostrophes(t).strip() for t in titles if len(t.split()) >= 2}, key=len, reverse=True
    )
    return TitleMask(usable) if usable else None


def titles_named(titles: TitleMask | None, sentences: list[Sentence]) -> TitleMask | None:
    """The mask of those of ``titles`` that ``sentences`` name at all (each title searched in
    their text once): a guide names a dozen titles, and most of its sentences none of them, so
    each sentence is then searched for a few titles, or for none."""
    if titles is None:
        return None
    text = _straight_apostrophes("\n".join(sentence.text for sentence in sentences))
    found = [title for title in titles.titles if title in text]
    return TitleMask(found) if found else None


@dataclass
class Sentence:
    field: str
    text: str
    spoiler: bool
    order: int


def read_sentences(guide: Guide, spoilers: Spoilers, prose: Sequence[Prose] | None = None) -> list[Sentence]:
    """The guide's sentences, each with its field and spoiler mark; ``prose``: the guide's
    ``prose(spoilers)`` where the caller has walked it already (the fact checks read it too)."""
    out: list[Sentence] = []
    for paragraph in guide.prose(spoilers) if prose is None else prose:
        if paragraph.field == "quotes":
            q = guide.quotes[paragraph.index]
            speaker = f"{q.speaker} ({q.context})" if q.context else q.speaker
            out.append(Sentence("quotes", f"{speaker}: “{q.text}”", paragraph.spoiler, len(out)))
            continue
        for sentence in sentences(paragraph.text):
            gives_away = paragraph.field in UNGATED_FIELDS and GIVES_AWAY.search(sentence) is not None
            out.append(Sentence(paragraph.field, sentence, paragraph.spoiler or gives_away, len(out)))
    return out


def _negated(tokens: Sequence[str], start: int, end: int) -> bool:
    """Whether a negator governs the cue at ``tokens[start:end]`` ("does not use drugs")."""
    if end < len(tokens) and tokens[end] == "free":  # "drug-free", "violence free"
        return True
    for seen, j in enumerate(range(start - 1, -1, -1), start=1):
        tok = tokens[j]
        if not tok[0].isalnum() or tok in CLAUSE_WORDS:
            return False
        following = tokens[j + 1] if j + 1 < len(tokens) else ""
        if tok in NEGATORS or tok.endswith("n't") or (tok == "free" and following == "of"):
            if following in NOT_NEGATING_NEXT:
                return False
            return not any(t in DOUBLE_NEGATIVE for t in tokens[j + 1 : start])
        if seen >= NEGATION_WINDOW:
            return False
    return False


def _may_negate(tokens: list[str], low: str) -> bool:
    """False when :func:`_negated` is False for every cue of the sentence: it has no "free", no
    negator and no "n't" (a token ending in "n't" leaves "n't" in the lowered text ``low``).
    Set tests in C, once per sentence, instead of a walk back from every cue."""
    return "free" in tokens or not NEGATORS.isdisjoint(tokens) or "n't" in low


def _followed_by(tokens: Sequence[str], end: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(tokens[end : end + len(p)]) == p for p in phrases)


def _preceded_by(tokens: Sequence[str], start: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(start >= len(p) and tuple(tokens[start - len(p) : start]) == p for p in phrases)


@dataclass
class Hits:
    """Per sentence: the strongest strength found for each concept of each kind."""

    theme: dict[int, Strength] = field(default_factory=dict)
    note: dict[int, Strength] = field(default_factory=dict)


def _rest_matches(rest: tuple[frozenset[str] | None, ...], tokens: Sequence[str], after: int) -> bool:
    """Whether the tokens from ``after`` on fill a cue's further slots (``None`` is any one word)."""
    for slot, word in zip(rest, tokens[after : after + len(rest)], strict=True):
        if (slot is None and not word[0].isalnum()) or (slot is not None and word not in slot):
            return False
    return True


def scan(text: str) -> Hits:
    """The sentence's hits. Only the tokens a cue can start with are looked at further (found by
    one comprehension over the tokens), and only multi-word cues compare their further slots."""
    low = text.lower()
    tokens: list[str] = _TOKEN.findall(low)
    hits = Hits()
    count = len(tokens)
    negatable: bool | None = None  # worked out at the first cue that needs it
    for i in [i for i, tok in enumerate(tokens) if tok in _FIRST_WORDS]:
        for cue in TABLE[tokens[i]]:
            rest = cue.rest
            end = i + 1 + len(rest)
            if rest:
                # Most multi-word cues fail on their second word: test it before the rest.
                if end > count or (rest[0] is not None and tokens[i + 1] not in rest[0]):
                    continue
                if not _rest_matches(rest, tokens, i + 1):
                    continue
            # The phrases are compared only when the neighbouring word could start (end) one.
            if end < count and tokens[end] in cue.next_firsts and _followed_by(tokens, end, cue.unless_next):
                continue
            if i and tokens[i - 1] in cue.prev_lasts and _preceded_by(tokens, i, cue.unless_prev):
                continue
            if negatable is None:
                negatable = _may_negate(tokens, low)
            if negatable and _negated(tokens, i, end):
                continue
            found = hits.theme if cue.kind == "theme" else hits.note
            if found.get(cue.concept) != "strong":
                found[cue.concept] = cue.strength
    return hits
