"""What a page's boxes leave in a copy of it as text, their markup gone: a poll's question over
its answers, a review box's scores, the author's box at the article's end.

In HTML each is found by its class (``wp-polls``, ``review-wrapper``, ``saboxplugin-wrap``:
:data:`~filmguide.article.phrases.CHROME_CLASS_PARTS`); copied as text, only its lines' shapes
tell it. The text reader (:func:`filmguide.article.text._lines`) asks these about a line only
where its cheap test allows (a digit first, a "%" in it, a byline read).
"""

from __future__ import annotations

import re

from filmguide.article.blocks import fold_line
from filmguide.article.phrases import ACTOR_COLUMNS, CHARACTER_COLUMNS

#: A review box's score on a line of its own: "9", "9.5", "87%", "4/5".
_SCORE = re.compile(r"\d{1,3}(?:\.\d)?(?:%|\s*/\s*(?:5|10|100))?")
#: A review box's criterion over its score ("Story", "Visuals", "Overall Score"): a short label.
_SCORE_LABEL = re.compile(r"[A-Za-z][\w'’&-]*(?:\s+[\w'’&-]+){0,2}")
#: The one or two words a review box gives its total ("Masterpiece", "Must Watch").
_VERDICT = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?!?")
#: A poll's answer with its share: "No, he is human (27%, 190 Votes)".
_POLL_ANSWER = re.compile(r"\(\d{1,3}(?:\.\d+)?%,?\s*[\d,]+\s+votes?\)$", re.IGNORECASE)
#: The poll's question above its first answer is a question, and short.
_POLL_QUESTION = 160
#: "by Dana Reyes March 3, 2024 · 8 min read": the byline's name.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s"
_BYLINE_AUTHOR = re.compile(rf"^(?i:by)\s+([A-Z][\w.'’-]+(?:\s+(?!{_MONTH})[A-Z][\w.'’-]+){{1,3}})")
#: How the author's box goes on under the name: the name's first word, or a pronoun.
_BIO_OPENINGS = ("He ", "She ", "They ", "A ", "An ")


def is_score(line: str) -> bool:
    """A bare score on a line of its own ("9.5"), as a review box's rows copy."""
    return line[0].isdigit() and _SCORE.fullmatch(line) is not None


def is_score_row(raw_lines: list[str], number: int) -> bool:
    """Whether the score on line ``number`` (1-based) of ``raw_lines`` is a review box's row:
    one of two or more label-and-score pairs in a run ("Story", "9", "Visuals", "10"). A lone
    number under a heading (a list's "1") is none."""
    label = raw_lines[number - 2].strip() if number >= 2 else ""
    if not label or _SCORE_LABEL.fullmatch(label) is None:
        return False
    return _score_at(raw_lines, number - 3) or _score_at(raw_lines, number + 1)


def _score_at(raw_lines: list[str], index: int) -> bool:
    line = raw_lines[index].strip() if 0 <= index < len(raw_lines) else ""
    return bool(line) and is_score(line)


def is_verdict(line: str) -> bool:
    """The word or two under a review box's last score ("Masterpiece"); the next row's label, if
    it is one, goes with its score (:func:`is_score_row`)."""
    return len(line) <= 30 and _VERDICT.fullmatch(line) is not None


def is_poll_answer(line: str) -> bool:
    return "%" in line and _POLL_ANSWER.search(line) is not None


def is_poll_question(line: str) -> bool:
    """The question a poll's first answer stands under ("Do you think Deckard is a replicant?")."""
    return len(line) <= _POLL_QUESTION and line.endswith("?")


def byline_author(line: str) -> str | None:
    """The writer's name a byline gives ("by Dana Reyes March 3, 2024"), or None."""
    found = _BYLINE_AUTHOR.match(line)
    return found[1] if found else None


def is_author_bio(line: str, author: str | None) -> bool:
    """Under the author's name standing alone (the box at the article's end), the bio that goes on
    about them: it opens with their first name or a pronoun ("Dana writes about science fiction …")."""
    return author is not None and line.startswith((author.split()[0] + " ", *_BIO_OPENINGS))


def cast_columns(cells: list[str]) -> tuple[int, int] | None:
    """A copied table's header row that names an actor's column and a character's ("Actor<TAB>
    Character", "Character<TAB>Played by<TAB>Notes"): the two columns' places, as the HTML
    reader reads a cast table's header; None for any other row."""
    names = [fold_line(cell) for cell in cells]
    actor = next((i for i, name in enumerate(names) if name in ACTOR_COLUMNS), None)
    character = next((i for i, name in enumerate(names) if name in CHARACTER_COLUMNS), None)
    return None if actor is None or character is None else (actor, character)


def actor_first(cells: list[str], columns: tuple[int, int]) -> list[str]:
    """A copied cast table's row as a cast entry reads: the actor, the character, then the other
    cells (a note about the part)."""
    actor, character = columns
    if len(cells) <= max(actor, character):
        return cells
    return [cells[actor], cells[character], *(c for i, c in enumerate(cells) if i not in columns)]
