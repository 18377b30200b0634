"""WordPress article pages to blocks, with a real HTML parser (selectolax's Lexbor engine).

Only the article's own content survives: the site header and navigation, sidebars, footer,
scripts, the Easy Table of Contents block and every widget block (its title and the list of links
to other posts under it) are removed before the content is walked.
"""

from __future__ import annotations

import functools
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmguide.article.blocks import HEADING_LEVELS, LIST_TAGS, Block, PageFacts, clean_text, fold_line
from filmguide.article.chrome import clean_line_kind, is_toc_title, is_widget_title, strip_toggle
from filmguide.article.page import infobox_facts, listing_entries, meta_facts
from filmguide.article.phrases import (
    CHROME_CLASS_PARTS,
    CHROME_CLASSES,
    CHROME_ID_PARTS,
    CHROME_IDS,
    CHROME_ROLES,
    CHROME_TAGS,
    CONTENT_ROOTS,
    KEY_POINTS_CLASS_PARTS,
    KEY_POINTS_LABELS,
)

_CHROME_TAG_SELECTOR = ", ".join(sorted(CHROME_TAGS))
#: Elements that may be chrome by an attribute: tested in Python with one expression, which is
#: far cheaper than a hundred ``[class*=…]`` selectors (each a substring test on every node).
_ATTRIBUTED = "[class], [id], [role], [aria-hidden], [hidden]"
_CLASS_PARTS = re.compile("|".join(re.escape(part) for part in CHROME_CLASS_PARTS))
#: A widget title is at most 80 characters once cleaned (is_widget_title); an element with more
#: than this many characters of raw text (indentation and line breaks included) is never one.
_LONGEST_RAW_TITLE = 1000
_BLOCKS = {
    "p",
    "div",
    "section",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "article",
    "main",
    "details",
    "summary",
    "center",
    *HEADING_LEVELS,
}


#: The cleaned text of each raw text of the page being read (see :func:`_cleaned`).
_CLEANED: dict[str, str] = {}


def _cleaned(raw: str) -> str:
    """``clean_text(raw)``, remembered for the page being read: the widget pass cleans each
    paragraph's raw text to test it as a widget title, and the walk cleans the same text again to
    keep it. :func:`html_page` empties the memory before and after each page (a pure function:
    a page read in another thread meanwhile finds only right answers)."""
    found = _CLEANED.get(raw)
    if found is None:
        found = _CLEANED[raw] = clean_text(raw)
    return found


def _text(node: LexborNode) -> str:
    return _cleaned(node.text(deep=True, separator="", strip=False))


def page_title(tree: LexborHTMLParser) -> str | None:
    """The post's ``h1`` (or ``<title>``), a last resort when the first sentence names no title."""
    for selector in ("article h1", ".entry-title", "h1", "title"):
        node = tree.css_first(selector)
        if node is not None and _text(node):
            return _text(node)
    return None


def _only_links(node: LexborNode) -> bool:
    """A list whose every item is just a link: how widgets list other posts."""
    entries = node.css("li")
    if not entries:
        return False
    for entry in entries:
        links = " ".join(_text(a) for a in entry.css("a"))
        if not links or clean_text(links) != _text(entry):
            return False
    return True


def _remove_widget_blocks(root: LexborNode) -> None:
    """Drop inline widget titles (``⇢ MOST SHARED RIGHT NOW``) and the link lists after them."""
    for node in list(root.css("p, h2, h3, h4, h5, h6, div, span, strong")):
        if node.parent is None:
            continue
        raw = node.text(deep=True, separator="", strip=False)
        if len(raw) > _LONGEST_RAW_TITLE:  # the article's own containers: cleaning them cost most
            continue
        if not is_widget_title(_cleaned(raw)):  # which refuses titles over 80 characters
            continue
        sibling = node.next
        node.decompose()
        while sibling is not None:
            following = sibling.next
            if sibling.tag == "-text" and not _text(sibling):
                sibling = following
                continue
            if sibling.tag in LIST_TAGS | {"div"} and _only_links(sibling):
                sibling.decompose()
                sibling = following
                continue
            break


def _emit(node: LexborNode, blocks: list[Block], inline: list[str]) -> None:
    """Walk ``node``'s children, flushing runs of inline content as paragraphs."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag in _BOLD and (heading := _bold_line(child, inline)) is not None:
            _flush(blocks, inline)
            blocks.append(Block("heading", heading, level=_BOLD_HEADING_LEVEL))
            continue
        if tag == "-text" or tag not in _BLOCKS:
            inline.append(child.text(deep=True, separator="", strip=False))
            continue
        _flush(blocks, inline)
        if tag in HEADING_LEVELS:
            text = strip_toggle(_text(child))
            if text and not is_toc_title(text) and clean_line_kind(text) is None:
                blocks.append(Block("heading", text, level=HEADING_LEVELS[tag]))
        elif tag == "p" and (heading := _bold_heading(child)) is not None:
            blocks.append(Block("heading", heading, level=_BOLD_HEADING_LEVEL))
        elif tag == "p":  # its text taken once, as both branches read it
            raw = child.text(deep=True, separator="", strip=False)
            if _BREAK in raw:
                _add_broken_lines(blocks, raw)
            else:
                _add(blocks, "paragraph", _cleaned(raw))
        elif tag in {"figcaption", "pre", "dt", "dd", "summary"}:
            _add(blocks, "paragraph", _text(child))
        elif tag == "li":
            own: list[str] = []
            nested: list[LexborNode] = []
            for part in child.iter(include_text=True):
                if part.tag in LIST_TAGS:
                    nested.append(part)
                else:
                    own.append(part.text(deep=True, separator="", strip=False))
            _add(blocks, "item", clean_text("".join(own)))
            for sub in nested:
                _emit(sub, blocks, [])
        elif tag == "blockquote" and (quoted := _attributed_quote(child)) is not None:
            _add(blocks, "item", quoted)
        elif tag in _BOXES and _is_key_points(child):
            blocks += _key_points(child)
        elif tag == "tr":
            cells = [c for c in child.iter() if c.tag in {"td", "th"}]
            if len(cells) > 1 and all(c.tag == "th" for c in cells):
                continue  # a header row ("Actor | Character") names the columns, says nothing
            texts = [_text(c) for c in cells]
            _add(blocks, "item", " – ".join(t for t in texts if t))
        elif tag != "hr":
            _emit(child, blocks, [])
    _flush(blocks, inline)


#: Elements that may be a box of key points.
_BOXES = frozenset(["div", "section", "details"])


def _is_key_points(box: LexborNode) -> bool:
    classes = (box.attributes.get("class") or "").casefold()
    return any(part in classes for part in KEY_POINTS_CLASS_PARTS)


def _key_points(box: LexborNode) -> list[Block]:
    """A key-points box's points, as they stand: its label ("Summary", "Key Takeaways"), a
    heading or a line of its own, is no section of the article."""
    inner: list[Block] = []
    _emit(box, inner, [])
    return [b for b in inner if b.kind != "heading" and fold_line(b.text) not in KEY_POINTS_LABELS]


#: The level of a paragraph that is all bold ("<p><strong>What Happens at the End?</strong></p>"),
#: the classic editor's heading: a section's, under the article's own ``h2`` headings.
_BOLD_HEADING_LEVEL = 3
#: A bold paragraph longer than this is emphasis, not a heading.
_LONGEST_BOLD_HEADING = 100
#: What a ``<br>`` becomes in the text: whitespace to ``clean_text`` (a space), and the mark that
#: splits a paragraph's lines (the line separator, which a page's own text does not hold).
_BREAK = "\u2028"
#: Lines split by ``<br>`` no longer than this are a list written line by line (a cast, awards).
_LONGEST_BROKEN_LINE = 100


_BOLD = frozenset(["b", "strong"])


def _bold_line(bold: LexborNode, inline: list[str]) -> str | None:
    """A bold run that is a line of its own between ``<br>`` breaks, in a page with no ``<p>``
    ("…<br><br><b>Is There a Post-Credits Scene?</b><br>No. …"): the heading it stands for."""
    parent = bold.parent
    if parent is None or parent.tag not in _FLOWING:
        return None
    before = "".join(inline).rstrip(" \t\n")
    if before and not before.endswith(_BREAK):
        return None
    after = bold.next
    following = after.text(deep=True, separator="", strip=False) if after is not None else ""
    if not following.lstrip(" \t\n").startswith(_BREAK):
        return None
    return _heading_text(_text(bold))


#: Containers whose text flows in lines (a page with no ``<p>``); a bold label in a table cell or
#: a list item is that cell's or item's, never a heading of the article.
_FLOWING = frozenset(["div", "section", "article", "main", "body", "center"])


def _heading_text(text: str) -> str | None:
    """A bold line's text as a heading: short, not a sentence's end, not chrome."""
    if not text or len(text) > _LONGEST_BOLD_HEADING or text.endswith((".", ",", ";")):
        return None
    return text if not is_toc_title(text) and clean_line_kind(text) is None else None


def _bold_heading(paragraph: LexborNode) -> str | None:
    """The heading a paragraph holding one bold run and nothing else stands for, or None."""
    parts = [c for c in paragraph.iter(include_text=True) if c.tag != "-text" or (c.text() or "").strip()]
    if len(parts) != 1 or parts[0].tag not in {"strong", "b"}:
        return None
    return _heading_text(_text(parts[0]))


def _add_broken_lines(blocks: list[Block], raw: str) -> None:
    """A paragraph with line breaks (``<br>``, the classic editor's single newline): short lines
    that each start anew are a list written line by line ("Emily Blunt as Kate Macer<br>Benicio
    del Toro as …"), each an item; otherwise the lines are one paragraph, a space where each break
    was (never glued)."""
    lines = [line for line in (clean_text(part) for part in raw.split(_BREAK)) if line]
    listed = all(len(line) <= _LONGEST_BROKEN_LINE for line in lines) and not any(
        line[0].islower()
        for line in lines[1:]  # a line that goes on with a small letter continues
    )
    if len(lines) > 1 and listed:
        for line in lines:
            _add(blocks, "item", line)
    else:
        _add(blocks, "paragraph", clean_text(" ".join(lines)))


def _attributed_quote(blockquote: LexborNode) -> str | None:
    """A quotation with its speaker in a ``cite`` ("“You're gonna need a bigger boat.”" cited to
    Martin Brody) as one line, "“…” — Speaker", the shape a quote list's item is read in; None
    for a blockquote without one."""
    cite = blockquote.css_first("cite")
    if cite is None:
        return None
    speaker, _, context = _text(cite).lstrip("—–- ").strip().partition(", ")  # "Brody, in the finale"
    cite.decompose()
    said = _text(blockquote)
    if not said or not speaker:
        return None
    return f"{said} — {speaker} ({context})" if context else f"{said} — {speaker}"


def _add(blocks: list[Block], kind: str, text: str) -> None:
    """Add a block of cleaned text (``clean_text``'s) unless it is chrome, widget titles included."""
    if text and not is_toc_title(text) and clean_line_kind(text) is None:
        blocks.append(Block("item" if kind == "item" else "paragraph", text))


def _flush(blocks: list[Block], inline: list[str]) -> None:
    """A run of inline content as a paragraph; a run broken by blank lines of ``<br>`` (a page
    with no ``<p>``, paragraphs kept apart by ``<br><br>``) as one paragraph each, and a run
    broken by single ``<br>`` as :func:`_add_broken_lines` reads one."""
    if not inline:
        return
    text = "".join(inline)
    inline.clear()
    if _BREAK not in text:
        _add(blocks, "paragraph", clean_text(text))
        return
    for part in _BLANK_BREAKS.split(text):
        if _BREAK in part:
            _add_broken_lines(blocks, part)
        else:
            _add(blocks, "paragraph", clean_text(part))


#: Two breaks or more in a row, blank space between: where a paragraph ends in a page without ``<p>``.
_BLANK_BREAKS = re.compile(rf"\s*{_BREAK}\s*(?:{_BREAK}\s*)+")


@functools.lru_cache(maxsize=4096)
def _chrome_classes(classes: str) -> bool:
    """Whether an element's ``class`` (as written; case-folded here) makes it chrome. Cached: a
    page repeats its class lists, and a site its theme's, from one element and one article to
    the next, so the folding is cached with the answer."""
    classes = classes.casefold()
    return bool(_CLASS_PARTS.search(classes)) or not CHROME_CLASSES.isdisjoint(classes.split())


def _chrome_nodes(root: LexborNode) -> list[LexborNode]:
    """The elements under ``root`` that are page chrome (see phrases.CHROME_TAGS and the rest).
    Runs on every element with an attribute: an absent one is neither read twice nor folded."""
    found = list(root.css(_CHROME_TAG_SELECTOR))
    for node in root.css(_ATTRIBUTED):
        attributes = node.attributes
        classes = attributes.get("class")
        element_id = attributes.get("id")
        role = attributes.get("role")
        if element_id:
            element_id = element_id.casefold()
        if (
            (classes and _chrome_classes(classes))
            or (element_id and (element_id in CHROME_IDS or any(p in element_id for p in CHROME_ID_PARTS)))
            or (role and role.casefold() in CHROME_ROLES)
            or attributes.get("aria-hidden") == "true"
            or "hidden" in attributes
        ):
            found.append(node)
    return found


def html_blocks(html: str) -> tuple[list[Block], str | None]:
    """The article's blocks, and the page's title as a fallback."""
    blocks, facts = html_page(html)
    return blocks, facts.headline or facts.title_tag


def html_page(html: str) -> tuple[list[Block], PageFacts]:
    """The article's blocks, and what the page states around it (titles, listing, infobox)."""
    _CLEANED.clear()
    try:
        return _read_page(html)
    finally:
        _CLEANED.clear()


def _read_page(html: str) -> tuple[list[Block], PageFacts]:
    tree = LexborHTMLParser(html)
    facts = meta_facts(tree)
    facts.headline = page_title(tree)
    facts.entries = listing_entries(tree)
    root = None
    for selector in CONTENT_ROOTS:
        root = tree.css_first(selector)
        if root is not None:
            break
    if root is None:
        return [], facts
    infobox_facts(root, facts)
    for node in _chrome_nodes(root):
        if node.parent is not None:
            node.decompose()
    _remove_widget_blocks(root)
    for br in root.css("br"):  # a break is a space in any text, and splits a paragraph's lines
        br.replace_with(_BREAK)
    blocks: list[Block] = []
    _emit(root, blocks, [])
    return [b for b in blocks if not (b.kind == "heading" and b.level == 1)], facts
