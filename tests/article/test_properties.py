"""Property-based tests of the article reader: whatever the input, a guide or a clean ArticleError.

Mutated, truncated and shuffled copies of the seed, random text, random bytes and random HTML.
Where a mutated article still reads, its Markdown must read back to the same guide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmguide.article import ArticleError, parse_bytes, parse_text, write_markdown
from filmguide.model import Guide

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "leaving-las-vegas.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_or_refuse(read: object) -> Guide | None:
    """Run a reader; an ArticleError is an allowed answer and must be one line naming the input."""
    assert callable(read)
    try:
        guide = read()
    except ArticleError as error:
        message = str(error)
        assert message and "\n" not in message
        assert error.path is not None
        return None
    assert isinstance(guide, Guide)
    assert guide.title.strip()
    return guide


def _assert_round_trip(guide: Guide) -> None:
    assert parse_text(write_markdown(guide), fmt="markdown") == guide


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """The seed with lines dropped, duplicated, swapped, truncated or garbled."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "garble", "insert"]))
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif action == "garble":
            lines[index] = draw(st.text(max_size=80))
        else:
            lines.insert(index, draw(st.sampled_from(["- ", "Cast", "⇢ TRENDING", "Toggle", "?", "-"])))
    return "\n".join(lines)


@SETTINGS
@given(mutated_seed())
def test_mutated_seed_reads_or_refuses_and_round_trips(text: str) -> None:
    guide = _read_or_refuse(lambda: parse_text(text, name="mutated.txt"))
    if guide is not None:
        _assert_round_trip(guide)


@SETTINGS
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=60))
def test_shuffled_seed_lines_read_or_refuse(lines: list[str]) -> None:
    guide = _read_or_refuse(lambda: parse_text("\n".join(lines), name="shuffled.txt"))
    if guide is not None:
        _assert_round_trip(guide)


@pytest.mark.parametrize(
    "picks",
    [
        [0, 3, 16, 3, 0, 3, 0],  # a heading repeated, empty the first time: no contents list in our Markdown
        [0, 30, 0, 20, 21, 20, 1],  # "Cast" over a cast entry, twice: no infobox copied label over value
    ],
)
def test_seed_lines_that_once_failed_to_round_trip(picks: list[int]) -> None:
    """Examples the property tests found: the seed's lines by index (its words stay in the seed)."""
    guide = _read_or_refuse(lambda: parse_text("\n".join(SEED_LINES[i] for i in picks), name="picked.txt"))
    assert guide is not None
    _assert_round_trip(guide)


@SETTINGS
@given(st.integers(0, len("\n".join(SEED_LINES))))
def test_truncated_seed_reads_or_refuses(cut: int) -> None:
    text = "\n".join(SEED_LINES)[:cut]
    _read_or_refuse(lambda: parse_bytes(text.encode(), name="truncated.txt"))


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text_reads_or_refuses(text: str) -> None:
    _read_or_refuse(lambda: parse_text(text, fmt="text", name="random.txt"))


@SETTINGS
@given(st.text(max_size=2000))
def test_random_markdown_reads_or_refuses(text: str) -> None:
    _read_or_refuse(lambda: parse_text("---\n" + text, fmt="markdown", name="random.md"))


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_read_or_refuse(data: bytes) -> None:
    _read_or_refuse(lambda: parse_bytes(data, name="random.bin"))


_TAGS = ["p", "h2", "h3", "ul", "li", "div", "span", "aside", "nav", "script", "em", "a", "table", "tr", "td"]


@st.composite
def random_html(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested, sometimes unclosed, elements mixing section headings, chrome and noise."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 3))
        if choice == 0 or depth >= 3:
            parts.append(
                draw(st.sampled_from(["Cast", "Trivia", "- x as y", "Table of Contents", "&amp;", "<"]))
            )
            parts.append(draw(st.text(max_size=40)))
        else:
            tag = draw(st.sampled_from(_TAGS))
            closed = draw(st.booleans())
            inner = draw(random_html(depth + 1))
            parts.append(f"<{tag} class='{draw(st.sampled_from(['entry-content', 'widget', 'x']))}'>{inner}")
            if closed:
                parts.append(f"</{tag}>")
    return "".join(parts)


@SETTINGS
@given(random_html())
def test_random_html_reads_or_refuses(html: str) -> None:
    guide = _read_or_refuse(
        lambda: parse_text(f"<html><body>{html}</body></html>", fmt="html", name="r.html")
    )
    if guide is not None:
        _assert_round_trip(guide)


@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_seed_split_by_widget_lines_everywhere_reads_the_same(cut: int) -> None:
    """A widget line between any two lines of the seed changes nothing (chrome appears anywhere)."""
    plain = parse_text("\n".join(SEED_LINES), name="seed.txt")
    lines: list[str] = []
    for number, line in enumerate(SEED_LINES):
        lines.append(line)
        if number % 4 == cut:
            lines.append("⇢ MOST SHARED RIGHT NOW")
    assert parse_text("\n".join(lines), name="seed.txt") == plain


def test_a_heading_with_nothing_under_it_is_no_section_and_the_guide_round_trips() -> None:
    """Found by the shuffled-lines property: a guide whose only section was an empty heading was
    accepted, and its Markdown (the heading left out) refused."""
    text = (
        "Leaving Las Vegas (1995)\nCast\n- Nicolas Cage as Ben Sanderson\nThe Quiet After\n"
        "Trivia\n- Cage spent weeks in Las Vegas before the shoot.\n"
    )
    guide = parse_text(text, name="empty-heading.txt")
    assert [s.heading for s in guide.extra_sections] == []
    _assert_round_trip(guide)
