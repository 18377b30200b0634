"""Where the article stands on an HTML page, and which of its elements stand for headings.

Read before the walk (:mod:`.html`): the element that holds the article (a theme's content
element, a body split around ads, else the smallest element holding most of the page's
paragraphs), and the headings a page writes otherwise than as ``h2``–``h6`` (by ARIA role, by
class, an FAQ's questions, an accordion's summary), rewritten as the ``h`` elements they stand
for, so that the walk reads every page's headings alike.
"""

from __future__ import annotations

import re
from html import escape

from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmguide.article.blocks import HEADING_LEVELS
from filmguide.article.cast import read_cast
from filmguide.article.furniture import node_text
from filmguide.article.phrases import CONTENT_ROOTS, FAQ_QUESTION_CLASS_PARTS, SPLIT_BODY_ROOTS

#: The elements the HTML walk reads as blocks of their own (the others run inline).
BLOCK_TAGS = frozenset(
    {
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
        "header",  # a section's own, holding its heading (furniture.heads_a_section)
        "hgroup",
        "details",
        "summary",
        "center",
        *HEADING_LEVELS,
    }
)

_FAQ_QUESTIONS = ", ".join(f"[class*={part}]" for part in FAQ_QUESTION_CLASS_PARTS)
_QUESTION_LEVEL = 3


def may_hold_questions(html: str) -> bool:
    """Whether the page may hold an FAQ block or an accordion (see :func:`questions_as_headings`)."""
    return "<summary" in html or any(part in html for part in FAQ_QUESTION_CLASS_PARTS)


def questions_as_headings(root: LexborNode) -> None:
    """An FAQ block's questions, and an accordion's question (``<details><summary>…?``), become
    ``h3`` headings: each heads its answer, as on the page ("Is there a post-credits scene in X?"
    over "No, …"), and is read by its meaning like any heading."""
    found = [node for node in root.css(_FAQ_QUESTIONS) if node.tag not in HEADING_LEVELS]
    found += [node for node in root.css("details > summary") if node_text(node).endswith("?")]
    for node in found:
        text = node_text(node)
        if not text or node.parent is None:
            continue
        _replace_with_heading(node, _QUESTION_LEVEL, text)


def role_headings(root: LexborNode) -> None:
    """Elements that say they are headings (``<div role="heading" aria-level="2">``, as pages
    built with scripts write them) become the ``h`` element of their level (2 when none is
    given), so the headline and the sections are read from them as from any heading."""
    for node in root.css('[role="heading"]'):
        level = node.attributes.get("aria-level") or "2"
        text = node_text(node)
        if node.tag in HEADING_LEVELS or not text or not level.isdigit() or not 1 <= int(level) <= 6:
            continue
        _replace_with_heading(node, int(level), text)


#: A class token that names a heading ("subhead", "article-subhead", "section-title", "h2").
_HEADING_CLASS = re.compile(
    r"^(?:[\w-]*[-_])?(?:sub-?head|sub-?heading|section-(?:heading|title|header)|heading|h[23])$"
)
#: The block editor's classes of large type ("has-large-font-size", "has-x-large-font-size").
_LARGE_TYPE_CLASS = re.compile(r"\bhas-(?:large|x-large|xx-large|huge|larger)-font-size\b")
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?P<size>\d+(?:\.\d+)?)\s*(?P<unit>px|pt|r?em)\b", re.IGNORECASE)
#: The smallest font size, by unit, that sets a paragraph apart as a heading.
_LARGE_TYPE = {"px": 20.0, "pt": 15.0, "em": 1.25, "rem": 1.25}
#: Elements a page may write its headings as, when it writes them by class.
_CLASS_HEADING_TAGS = frozenset({"div", "p", "span"})
#: A heading written by class holds at most this many characters.
_LONGEST_CLASS_HEADING = 100


def class_headings(root: LexborNode) -> None:
    """Headings written as elements whose class names them (``<div class="subhead">What happens
    at the end?</div>``), or as paragraphs set in large type (the block editor's
    ``<p class="has-large-font-size">``, a ``style="font-size:28px"``), in a page that writes no
    ``h2``–``h6`` of its own: each an ``h3``. Two at least, and short, as a section's heading is
    (one alone may be the headline's standfirst)."""
    if root.css_first("h2, h3, h4, h5, h6") is not None:
        return
    found = [
        node
        for node in root.css("div[class], p[class], span[class], p[style]")
        if node.tag in _CLASS_HEADING_TAGS
        and (_named_heading(node.attributes.get("class")) or _large_type(node.attributes))
        and not any(child.tag in BLOCK_TAGS for child in node.iter())
    ]
    headings = [
        (node, text)
        for node in found
        if (text := node_text(node))
        and len(text) <= _LONGEST_CLASS_HEADING
        and not text.endswith((".", ",", ";"))
    ]
    if len(headings) < 2:
        return
    for node, text in headings:
        _replace_with_heading(node, 3, text)


def _named_heading(classes: str | None) -> bool:
    return classes is not None and any(_HEADING_CLASS.match(token) for token in classes.casefold().split())


def _large_type(attributes: dict[str, str | None]) -> bool:
    """A paragraph set in large type: the block editor's size class, or a style's font size of
    20px (15pt, 1.25em) or more."""
    if _LARGE_TYPE_CLASS.search(attributes.get("class") or ""):
        return True
    found = _FONT_SIZE.search(attributes.get("style") or "")
    return found is not None and float(found["size"]) >= _LARGE_TYPE[found["unit"].casefold()]


def _replace_with_heading(node: LexborNode, level: int, text: str) -> None:
    """Put an ``h`` element of ``level`` holding ``text`` where ``node`` stands."""
    replace_with(node, f"<h{level}>{escape(text)}</h{level}>", f"h{level}")


def replace_with(node: LexborNode, markup: str, tag: str) -> None:
    """Put the element ``markup`` makes (its ``tag``) where ``node`` stands: how the readers
    rewrite a page's markup into what a web page would have written (a heading by class as an
    ``h3``, a word processor's title paragraph as an ``h1``)."""
    made = LexborHTMLParser(markup).css_first(tag)
    if made is not None:
        node.replace_with(made)


def content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The first of CONTENT_ROOTS the page has: a theme's content element, else ``article`` or
    ``main``, else ``body`` (narrowed by :func:`densest` once its chrome is gone)."""
    for selector in CONTENT_ROOTS:
        root = tree.css_first(selector)
        if root is not None:
            return _whole_body(tree, selector, root) if selector in SPLIT_BODY_ROOTS else root
    return None


def _whole_body(tree: LexborHTMLParser, selector: str, first: LexborNode) -> LexborNode:
    """The element holding every part of an article body that a news site splits around its ads
    (``<div class="article-body">`` … an ad … ``<div class="article-body">``): their parent, when
    the parts stand side by side. The first part alone had lost the rest of the article."""
    parent = first.parent
    if parent is None:
        return first
    parts = tree.css(selector)
    if len(parts) > 1 and all(
        part.parent is not None and part.parent.mem_id == parent.mem_id for part in parts
    ):
        return parent
    return first


#: The share of a page's paragraph text the article's element holds at least (see densest).
_ARTICLE_SHARE = 0.8
_SECTION_HEADINGS = "h2, h3, h4, h5, h6"  # an h1 is the headline, no section's


def densest(body: LexborNode) -> LexborNode:
    """The smallest element holding most of the page's paragraph text: the article, on a page
    whose markup names no content element (a newsletter's or a site builder's), so that the
    site's bars and boxes around it are no text of its. A wrapper holding the same paragraphs
    and more headings is taken instead: the headings stand beside the paragraphs' element."""
    totals: dict[int, int] = {}
    found: dict[int, tuple[LexborNode, int]] = {}
    whole = 0
    for paragraph in body.css("p"):
        size = len(node_text(paragraph))
        whole += size
        chain: list[LexborNode] = []
        node = paragraph.parent
        while node is not None and node.tag != "html":
            chain.append(node)
            if node.mem_id == body.mem_id:
                break
            node = node.parent
        for depth, ancestor in enumerate(reversed(chain)):
            totals[ancestor.mem_id] = totals.get(ancestor.mem_id, 0) + size
            found[ancestor.mem_id] = (ancestor, depth)
    if not whole:
        return body
    held = [
        (totals[key], -depth, node)
        for key, (node, depth) in found.items()
        if totals[key] >= _ARTICLE_SHARE * whole
    ]
    _, _, best = min(held, key=lambda entry: entry[:2])
    while (parent := best.parent) is not None and best.mem_id != body.mem_id:
        if totals.get(parent.mem_id) != totals[best.mem_id]:
            break
        if len(parent.css(_SECTION_HEADINGS)) <= len(best.css(_SECTION_HEADINGS)):
            break
        best = parent
    return best


#: A grid of cast cards holds at least this many pictures, each captioned with its actor and part.
_FEWEST_CARDS = 2
#: A card's caption is no longer than this: a name and a part, no sentence.
_LONGEST_CARD = 90


def cast_card_captions(root: LexborNode) -> None:
    """A grid of cast cards, each a picture captioned "Guy Pearce as Leonard Shelby", as the list
    of its captions: a caption is chrome, and the cast was lost with them. One captioned picture
    alone is a still's caption ("Samuel L. Jackson as Nick Fury in Iron Man"), and stays chrome."""
    grids: dict[int, tuple[LexborNode, list[tuple[LexborNode, str]]]] = {}
    for figure in root.css("figure"):
        caption = figure.css_first("figcaption")
        parent = figure.parent
        if caption is None or parent is None:
            continue
        text = node_text(caption)
        if len(text) > _LONGEST_CARD or text.endswith((".", "!", "?")):
            continue
        member = read_cast(text)
        if member is None or member.character is None:
            continue
        grids.setdefault(parent.mem_id, (parent, []))[1].append((figure, text))
    for _parent, cards in grids.values():
        if len(cards) < _FEWEST_CARDS:
            continue
        items = "".join(f"<li>{escape(text)}</li>" for _, text in cards)
        for figure, _ in cards[1:]:
            figure.decompose()
        replace_with(cards[0][0], f"<ul>{items}</ul>", "ul")
