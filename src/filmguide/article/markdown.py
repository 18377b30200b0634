"""filmguide's own Markdown (``docs/markdown-format.md``) to blocks and hints.

Parsed by cmark (cmarkgfm: the CommonMark reference parser, in C), whose HTML, with each block's
source line on it, is walked with Lexbor. Inline Markdown (emphasis, links, escapes, entities)
reads as its plain words; HTML written in the Markdown is text, as written (see _as_text).
markdown-it-py, which read it before, took 2.3 ms of a Markdown article's parse; cmark and the
walk take 0.7.
"""

from __future__ import annotations

import datetime
import re
from itertools import pairwise
from typing import Any, Literal

import cmarkgfm
from cmarkgfm.cmark import Options
from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmguide.article.blocks import HEADING_LEVELS, LIST_TAGS, Block, clean_text, listed_lines
from filmguide.article.chrome import clean_line_kind
from filmguide.article.errors import ArticleError
from filmguide.article.html import table_blocks
from filmguide.article.sections import Hints
from filmguide.article.titles import read_headline

#: Each block's source lines on it (``data-sourcepos``).
_CMARK_OPTIONS = Options.CMARK_OPT_SOURCEPOS
#: What keeps its "<" (a backslash escape, an autolink to a URL or an e-mail address, a link
#: destination in angle brackets), or else a bare "<" (see _as_text).
_ESCAPE_OR_ANGLE = re.compile(
    r"\\."
    r"|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*>"
    r"|\]\(<[^\n<>]*>"
    r"|<",
    re.DOTALL,
)
_SOURCE_KEYS = {"kind", "title", "author", "year"}
_ORIGIN_KEYS = {"published", "author", "categories", "tags"}


def split_front_matter(text: str, *, name: str) -> tuple[dict[str, Any], str, int]:
    """The YAML front matter, the body, and the line the body starts on."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ArticleError("front matter: no closing '---' line", path=name, line=1)
    # PyYAML loads here, for an article with front matter: parsing a .txt or .html one (and the
    # command line's start) does without it. libyaml's loader where PyYAML was built with it
    # (its wheels are): the front matter read about ten times faster than by the pure-Python
    # loader, which was a fifth of a Markdown article's parse.
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # libyaml marks a problem found at the end of the text (an unclosed "[") on the closing
        # "---" line: the file's line is the front matter's last line at most.
        line = min(mark.line + 2, end) if mark is not None else 1
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ArticleError(f"front matter: {problem}", path=name, line=line) from None
    except UnicodeEncodeError:  # libyaml takes UTF-8 bytes: a lone surrogate cannot become one
        raise ArticleError("front matter: holds a character that is not text", path=name, line=1) from None
    if not isinstance(data, dict):
        raise ArticleError("front matter: expected 'key: value' lines", path=name, line=2)
    return data, "\n".join(lines[end + 1 :]), end + 2


def _str_list(data: dict[str, Any], key: str, name: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v) for v in value]
    raise ArticleError(f"front matter: '{key}' must be a list of names", path=name)


def hints_from(data: dict[str, Any], *, name: str) -> Hints:
    """Check the front matter's fields and turn them into hints for the section reader."""
    title, year, slug = data.get("title"), data.get("year"), data.get("slug")
    if title is not None and not isinstance(title, str | int):
        raise ArticleError("front matter: 'title' must be text", path=name)
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ArticleError("front matter: 'year' must be a whole number", path=name)
    if slug is not None and not isinstance(slug, str):
        raise ArticleError("front matter: 'slug' must be text", path=name)
    post_credits = data.get("post_credits")
    if post_credits is not None and not isinstance(post_credits, bool):
        raise ArticleError("front matter: 'post_credits' must be true, false or null", path=name)
    source = data.get("source")
    if source is not None and (
        not isinstance(source, dict) or not set(source) <= _SOURCE_KEYS or not source.get("kind")
    ):
        raise ArticleError(
            "front matter: 'source' must have 'kind' and may have title, author, year", path=name
        )
    origin = data.get("origin")
    if origin is not None and (not isinstance(origin, dict) or not set(origin) <= _ORIGIN_KEYS):
        raise ArticleError("front matter: 'origin' may have published, author, categories, tags", path=name)
    return Hints(
        origin=_origin(origin, name) if origin is not None else _site_origin(data),
        title=str(title) if title is not None else None,
        year=year,
        slug=slug,
        directors=_str_list(data, "directors", name),
        genres=_str_list(data, "genres", name),
        composers=_str_list(data, "composers", name),
        featured_artists=_str_list(data, "featured_artists", name),
        places=_str_list(data, "places", name),
        post_credits=post_credits,
        source=source,
        given={k for k in ("post_credits", "source", "year") if k in data},
    )


def _origin(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The front matter's ``origin`` (where the guide was first published), checked."""
    for key in ("published", "author"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            # YAML reads an unquoted date as a date: the writer quotes it, a hand may not.
            raise ArticleError(f"front matter: 'origin.{key}' must be text (quote it)", path=name)
    return {
        "published": data.get("published"),
        "author": data.get("author"),
        "categories": _str_list(data, "categories", name) or [],
        "tags": _str_list(data, "tags", name) or [],
    }


def _names(value: Any) -> list[str]:
    """A site generator's list of names (or one name) as text; anything else is no names."""
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if isinstance(v, str | int) and str(v).strip()]


def _site_origin(data: dict[str, Any]) -> dict[str, Any] | None:
    """Where an article from a site generator (Hugo, Jekyll, Eleventy) was published, from its
    own front matter keys (``date``, ``author``, ``categories``, ``tags``), when it has no
    ``origin``. Their values are that site's, so what does not fit is left out, never refused."""
    date, authors = data.get("date"), _names(data.get("author"))
    published = date if isinstance(date, str) else None
    if isinstance(date, datetime.date):  # YAML reads an unquoted date as one
        published = date.isoformat()
    origin = {
        "published": published,
        "author": ", ".join(authors) or None,
        "categories": _names(data.get("categories")),
        "tags": _names(data.get("tags")),
    }
    return origin if any(origin.values()) else None


#: The blocks cmark writes: each ends a run of inline words. Everything else (emphasis, links,
#: code, images) is inline.
_BLOCKS = frozenset({"p", "li", "blockquote", "pre", "hr", "table", "section", *LIST_TAGS, *HEADING_LEVELS})
#: Where the footnotes of another site's Markdown stand (``[^1]: …``, cmark's footnotes extension):
#: under a heading of their own, so that the last section does not take them in.
NOTES_HEADING = "Notes"
#: A notes app's marks that are no words of the article (Obsidian, Logseq, Foam): a wiki link's
#: brackets ("[[Inception]]", "[[Inception|the film]]" reads "the film"), a callout's type
#: ("> [!info] Quick facts"), a highlight's "==", tags ending a line ("… the credits. #explainer").
_NOTES_APP_MARKS = (
    (re.compile(r"\[\[([^\[\]|\n]{1,200})\|([^\[\]\n]{1,200})\]\]"), r"\2"),
    (re.compile(r"\[\[([^\[\]|\n]{1,200})\]\]"), r"\1"),
    (re.compile(r"^([ \t]*(?:>[ \t]*)+)\[![\w-]+\][+-]?[ \t]*", re.MULTILINE), r"\1"),
    (re.compile(r"==([^=\n]{1,300})=="), r"\1"),
    (re.compile(r"(?:[ \t]+#[A-Za-z][\w/-]*)+[ \t]*$", re.MULTILINE), ""),
)
_CODE = frozenset({"code", "pre"})


def _without_app_marks(body: str) -> str:
    """``body`` without a notes app's marks (:data:`_NOTES_APP_MARKS`); lines stay where they are."""
    if "[" not in body and "==" not in body and "#" not in body:
        return body
    for found, kept in _NOTES_APP_MARKS:
        body = found.sub(kept, body)
    return body


def _as_text(body: str) -> str:
    """The body with every bare "<" written as ``&lt;``: HTML in filmguide's Markdown is text.

    The writer escapes "<", so this only concerns Markdown written by hand; there, markdown-it-py
    (the reader before) kept raw HTML as its literal text, and pages show it escaped. cmark can
    only drop raw HTML or pass it through, so it never sees any. Inside code, where entities stay
    as written, the walk turns ``&lt;`` back (see :func:`_text`).
    """
    if "<" not in body:
        return body
    return _ESCAPE_OR_ANGLE.sub(lambda found: "&lt;" if found.group() == "<" else found.group(), body)


#: Bullets typed as characters, which Markdown does not read as a list's ("• Guy Pearce as …").
_BULLET_MARKS = "•·▪◦‣ "


class _Walk:
    """Blocks out of cmark's HTML: headings, paragraphs, and list items (each paragraph of an
    item, and a tight item's own words, is one item), each with its line in the file."""

    def __init__(self, first_line: int, chrome: bool) -> None:
        self.first_line = first_line
        self.chrome = chrome
        self.blocks: list[Block] = []
        self.page_title: str | None = None

    def children(self, node: LexborNode, *, in_list: bool) -> None:
        """Walk ``node``'s children: blocks by kind, runs of inline words as one paragraph (or
        item, in a list), placed at the line of ``node``."""
        run: list[str] = []
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag not in _BLOCKS:
                run.append(_text(child))
                continue
            self.flush(run, node, in_list=in_list)
            self.block(child, tag, in_list=in_list)
        self.flush(run, node, in_list=in_list)

    def _headline(self, text: str) -> bool:
        """Whether a heading below ``#`` opens another site's Markdown as its headline would ("##
        Heat Ending Explained" before any of the article's text, the page's ``#`` title lost in
        the copy; only the site's masthead above it): it names a film the way a headline does,
        where no section's heading would."""
        return (
            self.chrome
            and self.page_title is None
            and all(_masthead(block) for block in self.blocks)
            and read_headline(text) is not None
        )

    def block(self, node: LexborNode, tag: str, *, in_list: bool) -> None:
        level = HEADING_LEVELS.get(tag)
        if level is not None:
            text = _words(node)
            if level == 1 or self._headline(text):
                self.page_title = self.page_title or text
            elif text:
                self.blocks.append(Block("heading", text, level=level, line=self.line(node)))
        elif tag == "p":
            if not (self.chrome and _properties(node)):
                self.paragraph(node, in_list=in_list)
        elif tag == "pre":  # code, fenced or indented: kept as a paragraph, as written
            self.add("paragraph", _words(node), node)
        elif tag == "table":  # a table of a site generator's Markdown ("| Actor | Role |"): its rows
            for row in table_blocks(node):
                self.add("item" if row.kind == "item" else "paragraph", row.text, node)
        elif tag == "section":  # the footnotes (cmark writes no other section): each note an item
            self.blocks.append(Block("heading", NOTES_HEADING, level=2, line=None))
            self.children(node, in_list=True)
        elif tag != "hr":
            self.children(node, in_list=in_list or tag in LIST_TAGS)

    def paragraph(self, node: LexborNode, *, in_list: bool) -> None:
        """A paragraph; in another site's or app's Markdown, one whose short lines each start anew
        and end no sentence is a list written a line an entry (a notes app shows each line on its
        own: "Harrison Ford as Rick Deckard" over "Rutger Hauer as …"), each line an item."""
        if self.chrome and not in_list:
            lines = [line for line in (clean_text(part) for part in _text(node).split("\n")) if line]
            # a paragraph wrapped by its writer's editor goes on in sentences: no line of a list ends one
            if listed_lines(lines) and not any(line.endswith(".") for line in lines):
                for line in lines:
                    self.add("item", line.lstrip(_BULLET_MARKS), node)  # "• Guy Pearce as …"
                return
        self.add("item" if in_list else "paragraph", _words(node), node)

    def flush(self, run: list[str], parent: LexborNode, *, in_list: bool) -> None:
        if run:
            self.add("item" if in_list else "paragraph", clean_text("".join(run)), parent)
            run.clear()

    def add(self, kind: Literal["item", "paragraph"], text: str, node: LexborNode) -> None:
        # Markdown from another site carries its chrome too ("*Photo: A24*", "Share this post: …")
        if text and not (self.chrome and clean_line_kind(text) is not None):
            self.blocks.append(Block(kind, text, line=self.line(node)))

    def line(self, node: LexborNode) -> int | None:
        """The file's line of a block (cmark counts from the body's first line); a tight list
        item's own words take the item's line. Every block cmark writes carries its position."""
        position = node.attributes.get("data-sourcepos")
        return int(position.split(":", 1)[0]) - 1 + self.first_line if position else None


#: A line of a notes app's page properties, exported above the text: "Created: March 3, 2024",
#: "Tags: explained, nolan", "Status: Published".
_PROPERTY = re.compile(r"^[A-Z][\w ]{1,24}:\s+\S.{0,120}$")


def _properties(paragraph: LexborNode) -> bool:
    """Whether a paragraph of another site's Markdown is a block of page properties, two lines or
    more each "Name: value" (a notes app's export): no words of the article."""
    lines = [line.strip() for line in paragraph.text(deep=True, separator="", strip=True).split("\n")]
    return len(lines) > 1 and all(_PROPERTY.match(line) for line in lines)


def _words(node: LexborNode) -> str:
    return clean_text(_text(node))


def _text(node: LexborNode) -> str:
    """The words in a node. Inside code, ``&lt;`` is turned back into the "<" it was written as
    (see :func:`_as_text`). An ``&lt;`` typed in code reads as "<" too (markdown-it-py kept it
    as typed)."""
    text: str = node.text(deep=True, separator="", strip=False)
    if node.tag in _CODE:
        return text.replace("&lt;", "<")
    if node.tag == "-text" or "&lt;" not in text or node.css_first("code") is None:
        return text
    return "".join(_text(child) for child in node.iter(include_text=True))


#: A Markdown text of this many lines or more with no blank line between any two was copied a
#: block a line (a page's copy, a chat's paste), not written as Markdown, which joins its lines.
_LINES_APART = 3


def _lines_apart(body: str) -> str:
    """Each line of ``body`` a block of its own (a blank line after each), but a table's rows."""
    lines = body.split("\n")
    out = [lines[0]]
    for above, line in pairwise(lines):
        if not (above.lstrip().startswith("|") and line.lstrip().startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def markdown_blocks(body: str, *, first_line: int = 1, chrome: bool = True) -> tuple[list[Block], str | None]:
    """Blocks of the body, and the text of a ``#`` heading if there is one (a title fallback);
    ``chrome``: whether lines of page chrome may stand in it, to be left out (another site's)."""
    if chrome:  # another site's or app's Markdown: its notes app's marks, its footnotes
        body = _without_app_marks(body)
        if "\n\n" not in body.strip() and body.count("\n") >= _LINES_APART:
            body = _lines_apart(body)
    options = _CMARK_OPTIONS | (Options.CMARK_OPT_FOOTNOTES if chrome else 0)
    html = cmarkgfm.markdown_to_html_with_extensions(_as_text(body), options, extensions=["table"])
    tree = LexborHTMLParser(html)
    if chrome and "footnote" in html:  # a reference's number and a note's way back are no words
        for mark in tree.css("sup.footnote-ref, a.footnote-backref"):
            mark.decompose()
    walk = _Walk(first_line, chrome)
    if tree.body is not None:
        walk.children(tree.body, in_list=False)
    blocks = walk.blocks
    if chrome and walk.page_title is None and blocks and _headline_line(blocks[0]):
        return blocks[1:], blocks[0].text  # the headline, its "#" lost in the copy
    return blocks, walk.page_title


#: A masthead's line (the site's name, its menu, a byline) is shorter than this.
_MASTHEAD_LINE = 60


def _masthead(block: Block) -> bool:
    """Whether a block above a headline may be the site's masthead: a short line, no sentence."""
    return block.kind == "paragraph" and len(block.text) < _MASTHEAD_LINE and not block.text.endswith(".")


def _headline_line(block: Block) -> bool:
    """Whether another site's Markdown opens with its headline as a line of text: no sentence,
    and a film named the way a headline names one ("Heat Ending Explained")."""
    return (
        block.kind == "paragraph"
        and not block.text.endswith((".", "!", "?", ":"))
        and read_headline(block.text) is not None
    )
