"""Reading an article file: bytes to text, the form told apart, blocks to a guide.

Bad input never escapes as a traceback: every refusal is an :class:`ArticleError` naming the file
(and the line where one applies).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from filmguide.article import shapes
from filmguide.article.blocks import Block
from filmguide.article.errors import ArticleError
from filmguide.article.html import html_page
from filmguide.article.linked_data import THIN_PAGE, linked_article
from filmguide.article.markdown import hints_from, markdown_blocks, split_front_matter
from filmguide.article.sections import Hints, build_guide
from filmguide.article.text import text_page
from filmguide.article.titles import read_headline
from filmguide.model import Guide

Format = Literal["text", "html", "markdown"]
Warn = Callable[[str], None]

#: Larger files are refused: no article of this kind comes near it, and reading one must stay fast.
MAX_BYTES = 8 * 1024 * 1024
SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}


#: Bytes that do not occur in text (C0 controls but tab, newline, form feed and carriage return).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


#: The byte-order marks of UTF-32 and UTF-16 (UTF-32's first: it starts with UTF-16's little-endian one).
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _from_wide(data: bytes, name: str) -> bytes:
    """A text saved as UTF-16 or UTF-32 with its byte-order mark (Notepad's "Unicode", Word's
    "Unicode Text"), as UTF-8: what the checks for binary files and the readers then take."""
    encoding = "utf-32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16"
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"text marked as {encoding.upper()} does not decode at byte {error.start}", path=name
        ) from None


def decode(data: bytes, *, name: str, warn: Warn | None = None) -> str:
    """UTF-8 (UTF-16 and UTF-32 with a byte-order mark too), or cp1252 with a warning; refuse
    empty, binary and oversized files."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB", path=name)
    if not data.strip():
        raise ArticleError("file is empty", path=name)
    if data.startswith(_WIDE_BOMS):  # Windows' "Unicode" text: UTF-16 (or UTF-32) with its mark
        data = _from_wide(data, name)
    head = data[:8192]
    if b"\x00" in data:  # anywhere: no store keeps a NUL in text
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ArticleError("binary file (NUL byte), not an article", path=name, line=line)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) // 20:
        raise ArticleError("binary file (control characters), not an article", path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ArticleError("text is neither UTF-8 nor cp1252", path=name, line=line) from None
        if warn is not None:
            warn(f"{name}:{line}: not UTF-8; read as cp1252")
        return text


#: Markdown's headings ("## What Happens at the End?"): two in a .txt file make it Markdown.
_ATX_HEADINGS = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
#: How much of a file is looked at to tell its form.
_SNIFFED = 20_000


#: A blank line between two blocks, as Markdown writes them.
_BLANK_LINE = re.compile(r"\S[ \t]*\r?\n[ \t]*\r?\n[ \t]*\S")


def _has_markdown_headings(text: str) -> bool:
    """Whether two lines or more of ``text``'s start are Markdown headings (a cheap test, with no
    copy of the text, settles most)."""
    if text.find("\n#", 0, _SNIFFED) == -1 and not text.startswith("#"):
        return False
    return len(_ATX_HEADINGS.findall(text, 0, _SNIFFED)) >= 2


def sniff(text: str, name: str) -> Format:
    """The form, by file suffix first, then by the first characters."""
    suffix = Path(name).suffix.casefold()
    if suffix in SUFFIXES:
        found = SUFFIXES[suffix]
        # Markdown saved as .txt (a writing app's export): its "## " headings say so, where its
        # blocks stand apart as Markdown sets them; a copy of a page that kept the marks of its
        # headings sets none apart, and reads as the text it is (text.py drops the marks)
        if found == "text" and _has_markdown_headings(text) and _BLANK_LINE.search(text) is not None:
            return "markdown"
        return found
    start = text.lstrip()[:200].casefold()
    if start.startswith(("<!doctype html", "<html", "<article", "<body", "<div", "<h2")):
        return "html"
    if start.startswith("---") and "title:" in text[:2000]:
        return "markdown"
    return "text"


def parse_text(
    text: str, *, fmt: Format | None = None, name: str = "<article>", title: str | None = None
) -> Guide:
    """A guide from an article's text; ``title`` overrides the inferred title."""
    fmt = fmt or sniff(text, name)
    hints = Hints()
    if fmt == "markdown":
        data, body, first_line = split_front_matter(text, name=name)
        hints = hints_from(data, name=name)
        generated = bool(hints.title) and read_headline(hints.title) is not None
        # Markdown filmguide writes (front matter naming the film) holds no page chrome; another
        # site's may (a notes app's copy of a page, a site generator's post): only there is each
        # block asked whether it is chrome, which costs a sixth of a Markdown article's parse.
        # (filmguide's front matter names the film: one without a title is a notes app's)
        foreign = not data or generated or "title" not in data
        blocks, hints.page_title = markdown_blocks(body, first_line=first_line, chrome=foreign)
        if foreign:  # a site generator's "[TOC]" list of links (filmguide writes none)
            blocks = shapes.drop_contents_list(blocks)
        hints.page.headline = hints.page_title
        if generated:
            # A site generator's front matter (Hugo, Jekyll) titles the article, not the film:
            # "The Ending of 'Tenet' Explained" is read as a headline is.
            hints.page.headline = hints.page_title = hints.title
            hints.title = None
    elif fmt == "html":
        blocks, hints.page = html_page(text)
        if _thin(blocks) and (linked := linked_article(text)) is not None:
            blocks = _text_blocks(linked, hints, name)  # a page its script renders: its linked data
        else:
            blocks = shapes.drop_end_matter(blocks)
            hints.page_title = hints.page.headline or hints.page.title_tag
            shapes.refuse_listing(hints.page.entries, name=name)
    else:
        blocks = _text_blocks(text, hints, name)
    if title is not None:
        title = title.strip()
        if not title:
            raise ArticleError("the given title is empty", path=name)
        hints.title = title
    return build_guide(blocks, hints, name=name, strict_levels=fmt == "markdown")


def _text_blocks(text: str, hints: Hints, name: str) -> list[Block]:
    """A text's blocks, its page facts into ``hints``; a listing is refused."""
    blocks, read_more = text_page(text, hints.page)
    blocks = shapes.drop_contents_list(shapes.drop_trailing_headings(shapes.drop_end_matter(blocks)))
    listed = shapes.listing_in_text(blocks, read_more)  # the first teaser's title may pass for a headline
    blocks = shapes.split_headline(blocks, hints.page)
    hints.page_title = hints.page.headline
    shapes.refuse_listing(listed, name=name)
    return blocks


def _thin(blocks: list[Block]) -> bool:
    """Whether a page's blocks hold next to no text (a page its script renders)."""
    return sum(len(block.text) for block in blocks) < THIN_PAGE


def parse_bytes(
    data: bytes,
    *,
    name: str = "<article>",
    fmt: Format | None = None,
    title: str | None = None,
    warn: Warn | None = None,
) -> Guide:
    return parse_text(decode(data, name=name, warn=warn), fmt=fmt, name=name, title=title)


def parse_path(path: Path | str, *, title: str | None = None, warn: Warn | None = None) -> Guide:
    """Read one article file; the form is told by its suffix (``.txt``, ``.html``, ``.md``)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError("no such file", path=path) from None
    except IsADirectoryError:
        raise ArticleError("is a folder, not an article file", path=path) from None
    except OSError as error:
        raise ArticleError(f"cannot read: {error.strerror or error}", path=path) from None
    return parse_bytes(data, name=str(path), title=title, warn=warn)
