"""What changed between two versions of a guide: a one-line summary, what would be lost, a diff.

Works on guides as their stored JSON (dicts), so the import's writer compares the stored document
with the new one without building models. A field's *size* is what a reader would miss: a list's
items, an object's non-empty parts, a text's paragraphs.

A change *loses much* (and a write is refused without ``force``, see docs/operations.md) when a
section that held something is emptied, a list falls to less than half its items, or the guide's
text falls to less than half its characters.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from filmguide.model import SECTION_ORDER

#: The fields compared, in the order a summary names them (the slug is the film's, not content).
FIELDS: tuple[str, ...] = ("title", "year", "directors", *SECTION_ORDER, "section_notes")
#: Fields whose size is a count of items (``cast 6 → 1``).
LIST_FIELDS: frozenset[str] = frozenset(
    {
        "directors",
        "summary",
        "cast",
        "awards",
        "behind_the_scenes",
        "key_scenes",
        "quotes",
        "easter_eggs",
        "trivia",
        "director_films",
        "recommendations",
        "extra_sections",
    }
)
#: A list or text must keep more than this share of itself, or the change loses much.
KEEP_SHARE = 0.5
#: The longest summary kept, in characters.
MAX_SUMMARY = 300


def load(document: str | bytes) -> dict[str, Any]:
    """A stored document as a dict (``{}`` for one that is not a JSON object)."""
    found = orjson.loads(document)
    return found if isinstance(found, dict) else {}


def size(value: Any) -> int:
    """How much a field holds: items of a list, non-empty parts of an object, 1 for a scalar."""
    if value is None or value == "" or value == [] or value == {}:
        return 0
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        return sum(1 for part in value.values() if size(part))
    return 1


def text_length(value: Any) -> int:
    """Characters of text in a value, every string counted."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(text_length(item) for item in value)
    if isinstance(value, dict):
        return sum(text_length(item) for item in value.values())
    return 0


def _text(guide: Mapping[str, Any]) -> int:
    return sum(text_length(guide.get(name)) for name in FIELDS)


@dataclass(frozen=True, slots=True)
class Change:
    """How ``new`` differs from ``old``: the summary's parts and what would be lost."""

    parts: tuple[str, ...]
    losses: tuple[str, ...]

    @property
    def summary(self) -> str:
        """One line: fields added or removed, list counts before and after, other fields changed."""
        line = "; ".join(self.parts) or "no change in content"
        return line if len(line) <= MAX_SUMMARY else line[: MAX_SUMMARY - 3] + "..."

    @property
    def loses_much(self) -> bool:
        return bool(self.losses)

    def loss_line(self) -> str:
        """What would be lost, in one line: lists falling, sections emptied, the text shrinking."""
        emptied = [loss.removeprefix(_EMPTIED) for loss in self.losses if loss.startswith(_EMPTIED)]
        text = [loss for loss in self.losses if loss.startswith("text ")]
        counts = [loss for loss in self.losses if not loss.startswith((_EMPTIED, "text "))]
        groups = [", ".join(counts)] if counts else []
        if emptied:
            groups.append("emptied " + ", ".join(emptied))
        return "; ".join(groups + text)


_EMPTIED = "emptied:"


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> Change:
    """The change from ``old`` to ``new`` (both a guide's JSON as dicts)."""
    added: list[str] = []
    removed: list[str] = []
    counts: list[str] = []
    edited: list[str] = []
    losses: list[str] = []
    for name in FIELDS:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        had, has = size(before), size(after)
        if had and not has:
            removed.append(name)
            losses.append(f"{name} {had} → 0" if name in LIST_FIELDS else f"{_EMPTIED}{name}")
        elif has and not had:
            added.append(name)
        elif name in LIST_FIELDS and had != has:
            counts.append(f"{name} {had} → {has}")
            if has < had * KEEP_SHARE:
                losses.append(f"{name} {had} → {has}")
        else:
            edited.append(name)
    text_before, text_after = _text(old), _text(new)
    if text_before and text_after < text_before * KEEP_SHARE:
        losses.append(f"text {text_before:,} → {text_after:,} characters")
    parts = [*counts]
    if added:
        parts.append("added " + ", ".join(added))
    if removed:
        parts.append("removed " + ", ".join(removed))
    if edited:
        parts.append("changed " + ", ".join(edited))
    return Change(tuple(parts), tuple(losses))


# --- a readable diff ------------------------------------------------------------------------------


def _lines(value: Any) -> list[str]:
    """A field as lines a reader can compare: one per item or paragraph."""
    if value is None:
        return []
    if isinstance(value, list):
        return [item if isinstance(item, str) else _compact(item) for item in value]
    if isinstance(value, dict):
        lines: list[str] = []
        for key, part in value.items():
            if size(part):
                lines += [
                    f"{key}: {line}"
                    for line in (_lines(part) if isinstance(part, list) else [_compact(part)])
                ]
        return lines
    return [_compact(value)]


def _compact(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_compact(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return " / ".join(_compact(item) for item in value)
    return orjson.dumps(value).decode()


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    """A field-level diff: each changed field's name with its size before and after, then its
    removed (``-``) and added (``+``) lines."""
    for name in FIELDS:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        yield f"{name} ({size(before)} → {size(after)})"
        for line in difflib.ndiff(_lines(before), _lines(after)):
            if line[:1] in "-+":
                yield f"  {line}"
