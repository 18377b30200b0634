"""Ranking rules that need no database: how well a title fits a query, and fuzzy matching of
titles and names (rapidfuzz), so that typos still find their film.

Pure functions over strings: the store's search (:mod:`filmguide.store.search`) feeds them the
titles and names it reads and maps the scores back to its hits; both back ends share them, so
both rank alike. The tiers of the search page: :mod:`filmguide.search`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# rapidfuzz loads with the first fuzzy match, not with this module: every store imports the
# search's cache (which holds :class:`Labels`), and ``filmguide list`` or ``show`` matches nothing.

#: Text given to the fuzzy matcher is cut to this many characters.
MAX_FUZZY = 100
#: Words of titles and names at least this long are matched on their own too ("Figis" → "figgis").
FUZZY_WORD = 4
#: Fuzzy scores (0–1) kept: at least the cut-off, and within ``FUZZY_SPREAD`` of the best.
FUZZY_SPREAD = 0.15
_RAPIDFUZZ_CUTOFF = {False: 0.75, True: 0.6}
#: Words of the query matched against the vocabulary, the longest first.
_FUZZY_QUERY_WORDS = 6
#: Fuzzy score (0–100) a word of the vocabulary needs to bring the titles and names holding it.
_WORD_CUTOFF = 70
#: Titles and names compared in full at most (those holding close words of most query words).
_FUZZY_POOL = 1000
#: Labels holding close words of every word of the query that are enough to compare only them.
_FUZZY_ENOUGH = 20


def title_score(key: str, film_key: str) -> float:
    """How much of the title the query covers, ``c`` from 0 to 1, as a score ``c / (1 - c)``."""
    covered = min(0.99, max(0.01, len(key.replace("-", "")) / max(1, len(film_key.replace("-", "")))))
    return covered / (1 - covered)


@dataclass(frozen=True, slots=True)
class Labels:
    """Titles and names prepared for :func:`closest` (built once per index version)."""

    choices: list[list[str]]  # for each label, itself and its longer words, processed for rapidfuzz
    vocabulary: list[str]  # every word of the labels, once
    owners: list[list[int]]  # for each word of the vocabulary, the labels holding it
    lengths: list[int]  # for each label, its processed length

    @classmethod
    def of(cls, labels: Sequence[str]) -> Labels:
        from rapidfuzz import utils

        choices: list[list[str]] = []
        by_word: dict[str, list[int]] = {}
        for index, label in enumerate(labels):
            processed = utils.default_process(label)
            words = processed.split()
            long = [w for w in words if len(w) >= FUZZY_WORD]
            choices.append(list(dict.fromkeys([processed, *long])))
            for word in dict.fromkeys(words):
                by_word.setdefault(word, []).append(index)
        lengths = [len(choice[0]) for choice in choices]
        return cls(choices, list(by_word), list(by_word.values()), lengths)


def closest(labels: Labels, wanted: str, limit: int, *, loose: bool = False) -> dict[int, float]:
    """The best similarity (0–1) of each label close to ``wanted`` (words already folded), by
    the label's index.

    rapidfuzz's ``fuzz.ratio`` (normalised Indel similarity) with each label and its words of
    four letters or more, so one misspelt word of a name finds its person. Comparing the query
    with 100,000 titles and their words took 80 to 170 ms; so first each word of the query is
    compared with the vocabulary of the labels (words once each), and only the labels holding a
    close word are compared in full. Kept: at least 0.75 (``loose``: 0.6).
    """
    from rapidfuzz import fuzz, process, utils

    wanted = utils.default_process(wanted[:MAX_FUZZY])
    words = sorted(dict.fromkeys(w for w in wanted.split() if len(w) >= 3), key=len, reverse=True)
    common = max(50, len(labels.choices) // 20)
    found: list[set[int]] = []  # for each word of the query, the labels holding a word close to it
    for word in (words or wanted.split())[:_FUZZY_QUERY_WORDS]:
        holders: set[int] = set()
        for _choice, _score, index in process.extract(
            word,
            labels.vocabulary,
            scorer=fuzz.ratio,
            processor=None,
            limit=40,
            score_cutoff=_WORD_CUTOFF,
        ):
            if len(labels.owners[index]) <= common:  # "the": no help in telling titles apart
                holders.update(labels.owners[index])
        if holders:
            found.append(holders)
    owners = _pool(labels, found, len(wanted))
    strings = [choice for owner in owners for choice in labels.choices[owner]]
    string_owner = [owner for owner in owners for _ in labels.choices[owner]]
    best: dict[int, float] = {}
    for _choice, score, index in process.extract(
        wanted,
        strings,
        scorer=fuzz.ratio,
        processor=None,
        limit=limit * 6,
        score_cutoff=_RAPIDFUZZ_CUTOFF[loose] * 100,
    ):
        owner = string_owner[index]
        best[owner] = max(best.get(owner, 0.0), score / 100)
    return best


def _pool(labels: Labels, found: list[set[int]], length: int) -> list[int]:
    """At most :data:`_FUZZY_POOL` labels to compare in full: those holding close words of every
    word of the query if there are enough, else of two of them, else of any; labels about as long
    as the query first (the ratio needs lengths alike). Set operations only: counting the words
    each label holds took 3 to 4 ms at 100,000 films."""
    if not found:
        return []
    pool = set.intersection(*found)
    if len(pool) < _FUZZY_ENOUGH and len(found) > 2:
        pool = set().union(*(a & b for i, a in enumerate(found) for b in found[i + 1 :]))
    if len(pool) < _FUZZY_ENOUGH:
        pool = set().union(*found)
    if len(pool) <= _FUZZY_POOL:
        return sorted(pool)
    lengths = labels.lengths
    return sorted(pool, key=lambda owner: (abs(lengths[owner] - length), owner))[:_FUZZY_POOL]
