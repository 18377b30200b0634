"""Input that is not an article: refused with one clear ArticleError line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmguide.article import ArticleError, parse_path, parse_text
from filmguide.model import Guide

PNG_LIKE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def refused(path: Path) -> ArticleError:
    """Read ``path`` expecting a refusal; its message is one line that names the file."""
    with pytest.raises(ArticleError) as info:
        parse_path(path)
    check_message(info.value, path)
    return info.value


def check_message(error: ArticleError, path: Path) -> None:
    message = str(error)
    assert isinstance(error, ValueError)
    assert message.strip()
    assert "\n" not in message and "\r" not in message, repr(message)
    assert str(path) in message or path.name in message, message
    assert len(message) < 1000, f"message too long: {len(message)} characters"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    refused(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t \r\n   \n", encoding="utf-8")
    refused(path)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".md"])
def test_binary_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"picture{suffix}"
    path.write_bytes(PNG_LIKE + bytes(range(256)) * 8)
    refused(path)


CP1252_ARTICLE = """Jean-Pierre Jeunet’s Amélie is a whimsical fable about a shy café waitress in Paris.
Detailed Summary
Amélie Poulain grows up lonely and decides, as an adult, to fix the lives of the people around her.
Cast
- Audrey Tautou as Amélie Poulain
- Mathieu Kassovitz as Nino Quincampoix
Why Watch?
Because it is a gentle film that makes everyday life in Montmartre feel like a fairy tale.
"""


def test_cp1252_text_is_read_with_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "amelie-cp1252.txt"
    data = CP1252_ARTICLE.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path.write_bytes(data)
    guide = parse_path(path)
    assert guide.title == "Amélie"
    assert guide.directors == ["Jean-Pierre Jeunet"]
    assert guide.intro == [
        "Jean-Pierre Jeunet’s Amélie is a whimsical fable about a shy café waitress in Paris."
    ]
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Audrey Tautou", "Amélie Poulain"),
        ("Mathieu Kassovitz", "Nino Quincampoix"),
    ]
    assert guide.why_watch is not None
    assert "Montmartre" in guide.why_watch[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_windows_unicode_text_is_read_by_its_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """Notepad's "Unicode" (UTF-16 with its mark) had been refused as a binary file (its NULs)."""
    import codecs

    marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    path = tmp_path / f"amelie-{encoding}.txt"
    path.write_bytes(marks.get(encoding, b"") + CP1252_ARTICLE.encode(encoding))
    guide = parse_path(path)
    assert guide.title == "Amélie"
    assert [c.actor for c in guide.cast] == ["Audrey Tautou", "Mathieu Kassovitz"]


def test_a_byte_order_mark_over_other_bytes_is_one_line(tmp_path: Path) -> None:
    import codecs

    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Amélie".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    error = refused(path)
    assert "UTF-16" in str(error)


def test_no_recognisable_section(tmp_path: Path) -> None:
    path = tmp_path / "shopping-list.txt"
    path.write_text(
        "Buy milk, eggs and bread on the way home.\n"
        "Call the plumber about the kitchen sink before Friday.\n"
        "The meeting moved to Thursday afternoon.\n",
        encoding="utf-8",
    )
    refused(path)


FIVE_MB = 5 * 1024 * 1024
HUGE_LINES = {
    # one line of words, the whole file without a newline
    "words": "Detailed Summary " + "word " * (FIVE_MB // 5),
    # one token with no space at all
    "token": "x" * FIVE_MB,
    # a real article head, then a summary paragraph of 5 MB that never ends
    "paragraph": "Mike Figgis’s Leaving Las Vegas is a film about two lost people.\n"
    "Detailed Summary\n" + "Ben drinks, and Sera stays, and " * (FIVE_MB // 32),
    # a cast list whose one item is 5 MB long (an item reader's regular expressions)
    "item": "Mike Figgis’s Leaving Las Vegas is a film about two lost people.\nCast\n- "
    + "Nicolas Cage as " * (FIVE_MB // 16),
}


@pytest.mark.parametrize("shape", sorted(HUGE_LINES))
def test_huge_line_without_newline_returns(tmp_path: Path, shape: str) -> None:
    """Five megabytes on one line: a guide or a clean refusal, and the call comes back (what it
    costs: bench/bench_refusals.py)."""
    path = tmp_path / f"one-line-{shape}.txt"
    path.write_text(HUGE_LINES[shape], encoding="utf-8")
    assert path.stat().st_size >= FIVE_MB
    try:
        result: Guide | ArticleError = parse_path(path)
    except ArticleError as error:
        check_message(error, path)
        result = error
    assert isinstance(result, Guide | ArticleError)


def test_missing_path(tmp_path: Path) -> None:
    refused(tmp_path / "no-such-article.txt")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    refused(folder)


def test_a_nul_byte_deep_in_the_file_is_refused_with_its_line(tmp_path: Path) -> None:
    """No store keeps a NUL in text (PostgreSQL refuses it): found anywhere, not only at the top."""
    path = tmp_path / "late-nul.txt"
    text = CP1252_ARTICLE.replace("’", "'").replace("é", "e") * 200
    lines = text.count("\n")
    path.write_bytes(text.encode("utf-8") + b"One more line with a \x00 in it.\n")
    error = refused(path)
    assert f":{lines + 1}:" in str(error) and "NUL" in str(error)


@pytest.mark.parametrize(
    ("front", "wanted"),
    [
        ("title: Heat\nyear: a: b\n", ":3:"),  # the line of the problem, counted in the file
        ("title: Heat\nyear: [1995\n", ":3:"),  # found at the end: the last line, not the "---"
        ("title: He\x07at\n", ":1:"),  # a control character, which YAML refuses
        ("title: He\ud800at\n", "not text"),  # a lone surrogate, which libyaml cannot take
    ],
)
def test_bad_front_matter_is_one_line_naming_the_file(front: str, wanted: str) -> None:
    """The front matter is read by libyaml where PyYAML has it: its errors still come back as
    one ArticleError line, never as a UnicodeEncodeError or YAML's own exception."""
    with pytest.raises(ArticleError) as info:
        parse_text(f"---\n{front}---\n\n## Cast\n\n- Al Pacino as Vincent Hanna\n", name="heat.md")
    check_message(info.value, Path("heat.md"))
    assert "front matter" in str(info.value) and wanted in str(info.value), str(info.value)
