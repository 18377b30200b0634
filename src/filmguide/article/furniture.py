"""An HTML page's furniture, found and removed before its article is walked: elements that are
chrome by their tag, class, id, role or hiding (share bars, related posts, ads, widgets, embedded
posts), widget titles with the links after them, and pull quotes that repeat the article.

Also the cleaned text of a node, which both this pass and the walk (:mod:`.html`) read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborNode

from filmguide.article.blocks import HEADING_LEVELS, LIST_TAGS, clean_text, fold_line
from filmguide.article.chrome import is_link_block_title, is_widget_title
from filmguide.article.chrome_words import LINK_BLOCK_HEADINGS
from filmguide.article.phrases import (
    BUILDER_CHROME_WIDGETS,
    BUILDER_CLASS_PREFIXES,
    CHROME_CLASS_PARTS,
    CHROME_CLASSES,
    CHROME_ID_PARTS,
    CHROME_IDS,
    CHROME_ROLES,
    CHROME_TAGS,
    HIDDEN_TEXT_CLASS_PARTS,
    HIDDEN_TEXT_ROLES,
    POST_CLASS_PREFIXES,
)

_CHROME_TAG_SELECTOR = ", ".join(sorted(CHROME_TAGS))
#: Elements that may be chrome by an attribute: tested in Python with one expression, which is
#: far cheaper than a hundred ``[class*=…]`` selectors (each a substring test on every node).
_ATTRIBUTED = "[class], [id], [role], [aria-hidden], [hidden], [data-hook], [data-component]"
_CLASS_PARTS = re.compile("|".join(re.escape(part) for part in CHROME_CLASS_PARTS))
#: A widget title is at most 80 characters once cleaned (is_widget_title); an element with more
#: than this many characters of raw text (indentation and line breaks included) is never one.
_LONGEST_RAW_TITLE = 1000
#: A chrome element longer than this (as raw text) titles no block of links.
_LONGEST_LINK_TITLE = 80


#: The cleaned text of each raw text of the page being read (see :func:`cleaned`).
CLEANED: dict[str, str] = {}


def cleaned(raw: str) -> str:
    """``clean_text(raw)``, remembered for the page being read: the widget pass cleans each
    paragraph's raw text to test it as a widget title, and the walk cleans the same text again to
    keep it. :func:`filmguide.article.html.html_page` empties the memory before and after each
    page (a pure function: a page read in another thread meanwhile finds only right answers)."""
    found = CLEANED.get(raw)
    if found is None:
        found = CLEANED[raw] = clean_text(raw)
    return found


def node_text(node: LexborNode) -> str:
    return cleaned(node.text(deep=True, separator="", strip=False))


def _only_links(node: LexborNode) -> bool:
    """A list whose every item is just a link, or links with nothing else between them (a row of
    cards on a page built with hashed class names): how widgets list other posts."""
    if node.tag == "a":  # a link standing by itself after the block's title
        return bool(node_text(node))
    entries = node.css("li")
    if not entries:
        text = "".join(node_text(node).split())
        return bool(text) and text == "".join("".join(node_text(a) for a in node.css("a")).split())
    for entry in entries:
        links = " ".join(node_text(a) for a in entry.css("a"))
        if not links or clean_text(links) != node_text(entry):
            return False
    return True


#: What may follow a widget's title with its links: a list, a box, or the links themselves.
_LINK_ROWS = LIST_TAGS | {"div", "a", "nav"}


def _names_no_section(node: LexborNode, text: str) -> bool:
    """Whether ``node`` is no heading, or a heading that no article's own list of films is under
    ("Related Topics" is never one; "Recommended" or "More Like This" may be)."""
    return node.tag not in HEADING_LEVELS or fold_line(text) in LINK_BLOCK_HEADINGS


def remove_widget_blocks(root: LexborNode) -> None:
    """Drop inline widget titles (``⇢ MOST SHARED RIGHT NOW``) and the link lists after them."""
    for node in list(root.css("p, h2, h3, h4, h5, h6, div, span, strong")):
        if node.parent is None:
            continue
        raw = node.text(deep=True, separator="", strip=False)
        if len(raw) > _LONGEST_RAW_TITLE:  # the article's own containers: cleaning them cost most
            continue
        text = cleaned(raw)
        # A widget's title (which refuses titles over 80 characters), or a line naming a block of
        # links ("READ NEXT", a heading "Related Topics"); a heading that names a section of the
        # article's own ("Recommended") is never the latter.
        if not (is_widget_title(text) or (is_link_block_title(text) and _names_no_section(node, text))):
            continue
        _drop_with_links_after(node)


def remove_chrome(root: LexborNode) -> None:
    """Drop the chrome elements under ``root`` (:func:`chrome_nodes`). One that titles a block
    of links (``<span class="related-story-header">Related Story</span>``) takes the links that
    follow it along: left alone, they would read as a line of the article."""
    for node in chrome_nodes(root):
        if node.parent is None:
            continue
        first = node.child  # a title holds its words alone; a container is never one
        if first is not None and first.tag == "-text" and first.next is None:
            raw = first.text(deep=False, strip=False)
            if len(raw) <= _LONGEST_LINK_TITLE and is_link_block_title(cleaned(raw)):
                _drop_with_links_after(node)
                continue
        node.decompose()


#: A sign-up box's own words (its title, its pitch, its small print) are fewer than this; an
#: element holding more is the article's, and the box stops below it.
_LONGEST_SIGNUP_BOX = 400
#: Beside its form, a sign-up box holds a few short elements (a title, a pitch, the small print).
_BOX_PARTS = 4
_LONGEST_BOX_PART = 160


def _holds_a_box_only(parent: LexborNode, box: LexborNode) -> bool:
    """Whether ``parent`` holds ``box`` and only a sign-up box's other parts: a few short elements,
    none a section's heading, and few words in all."""
    others = [child for child in parent.iter() if child.mem_id != box.mem_id]
    if len(others) > _BOX_PARTS or any(child.tag in ("h1", "h2") for child in others):
        return False
    if any(len(child.text(deep=True, strip=True)) > _LONGEST_BOX_PART for child in others):
        return False
    return len(parent.text(deep=True, separator=" ", strip=True)) <= _LONGEST_SIGNUP_BOX


#: Elements a sign-up box never is: the page, or the article (a short one holds its form too).
_BOX_LIMITS = frozenset({"html", "body", "main", "article"})
#: The inputs a newsletter's form asks for an address with.
_EMAIL_INPUT = 'input[type="email"], input[name*="email" i], input[placeholder*="email" i]'


def remove_signup_boxes(root: LexborNode) -> None:
    """Drop each newsletter box: the largest element around a form that asks for an email address
    and holds only a few words besides ("The Cutaway Brief", "The week's best film writing, in
    your inbox"). Sites whose classes say nothing ("css-1q2w3e") leave its title and pitch behind
    otherwise, read as a section of the article."""
    for field in list(root.css(_EMAIL_INPUT)):
        form = field.parent
        if form is None or form.parent is None:  # in a box dropped already
            continue
        box = _grown(form, root, _holds_a_box_only)  # up to where the article's text stands beside it
        if box is not root and box.tag not in _BOX_LIMITS:
            box.decompose()


#: A link to the writer's page, as a byline makes one: by its relation or its address.
_AUTHOR_LINKS = (
    'a[rel~="author"], a[href*="/author/"], a[href*="/authors/"], a[href*="/staff/"], '
    'a[href*="/contributor/"], a[href*="/contributors/"], a[href*="/writer/"], a[href*="/writers/"]'
)
#: A byline's box (the name, the paper, a date) holds fewer characters than this.
_LONGEST_BYLINE_BOX = 100
#: Where a byline never stands: a list's item or a table's cell (a cast list may link its names).
_NOT_BYLINES = frozenset({"li", "ul", "ol", "table", "tr", "td", "th", "dl", "dd", "dt"})


def remove_author_boxes(root: LexborNode) -> None:
    """Drop each byline that links to its writer's page, with what its box holds besides (the
    writer's paper, "Film Wire"): a site whose classes name no byline ("gnt_ar_by") leaves the
    name as a line of the intro otherwise. The box is the largest element around the link whose
    text stays short; one in a list or a table is left alone."""
    for link in list(root.css(_AUTHOR_LINKS)):
        if link.parent is None:
            continue
        box = _grown(link, root, _holds_a_byline_only)
        if box.tag not in _NOT_BYLINES and not any(a.tag in _NOT_BYLINES for a in _ancestors(box, root)):
            box.decompose()


def _holds_a_byline_only(parent: LexborNode, _box: LexborNode) -> bool:
    """Whether ``parent`` is still a byline's box: short, and no list's or table's part."""
    return parent.tag not in _NOT_BYLINES and len(parent.text(deep=True, strip=True)) <= _LONGEST_BYLINE_BOX


def _grown(box: LexborNode, root: LexborNode, fits: Callable[[LexborNode, LexborNode], bool]) -> LexborNode:
    """The largest element around ``box`` (``box`` at least) that each step out ``fits`` (the
    parent, and the box so far), below ``root`` and never the page nor the article itself."""
    while (parent := box.parent) is not None and parent is not root and parent.tag not in _BOX_LIMITS:
        if not fits(parent, box):
            break
        box = parent
    return box


def _ancestors(node: LexborNode, root: LexborNode) -> Iterator[LexborNode]:
    """The elements around ``node`` up to ``root`` (not included)."""
    parent = node.parent
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parent


def drop_contents_lists(root: LexborNode) -> None:
    """Drop a table of contents written by hand: a list whose every item is one link to a place
    in the page itself ("<li><a href="#ending">The Ending</a></li>"), which repeats the
    headings below it and had been read as lines of the intro."""
    if root.css_first('li a[href^="#"]') is None:  # one query settles most pages
        return
    outer = [
        listing for listing in root.css("ul, ol") if listing.parent is None or listing.parent.tag != "li"
    ]
    for listing in outer:  # a nested list goes with the list it stands in
        first = listing.css_first("li")
        if first is None or not _in_page_link(first):  # a list of anything else: settled at once
            continue
        items = [child for child in listing.iter() if child.tag == "li"]
        if len(items) >= _FEWEST_CONTENTS and all(_in_page_link(item) for item in items):
            listing.decompose()


#: A table of contents lists at least this many sections.
_FEWEST_CONTENTS = 2


def _in_page_link(item: LexborNode) -> bool:
    """Whether a list item is one link to a place in the page, and nothing else (a nested list
    of such links may follow it)."""
    link = item.css_first("a")
    if link is None or not (link.attributes.get("href") or "").startswith("#"):
        return False
    own = "".join(
        part.text(deep=True) for part in item.iter(include_text=True) if part.tag not in ("ul", "ol")
    )
    return " ".join(own.split()) == " ".join(link.text(deep=True).split())


def _drop_with_links_after(node: LexborNode) -> None:
    """Drop a block's title and the rows of links that follow it. A title wrapped alone in an
    element of its own (``<header><h2>Related Topics</h2></header><ul>…``) goes with its wrapper,
    whose next elements are the links."""
    while (parent := node.parent) is not None and parent.tag in _TITLE_WRAPPERS and _alone_in(node, parent):
        node = parent
    sibling = node.next
    node.decompose()
    while sibling is not None:
        following = sibling.next
        if sibling.tag == "-text" and not node_text(sibling):
            sibling = following
            continue
        if sibling.tag in _LINK_ROWS and _only_links(sibling):
            sibling.decompose()
            sibling = following
            continue
        break


#: Elements that may wrap a block's title alone.
_TITLE_WRAPPERS = frozenset({"header", "hgroup", "div", "span", "strong", "b"})


def _alone_in(node: LexborNode, parent: LexborNode) -> bool:
    """Whether ``node`` is all ``parent`` holds, but blank text."""
    return all(
        child.mem_id == node.mem_id or (child.tag == "-text" and not (child.text() or "").strip())
        for child in parent.iter(include_text=True)
    )


@functools.lru_cache(maxsize=4096)
def _chrome_classes(classes: str) -> bool:
    """Whether an element's ``class`` (as written; case-folded here) makes it chrome. Cached: a
    page repeats its class lists, and a site its theme's, from one element and one article to
    the next, so the folding is cached with the answer."""
    classes = classes.casefold()
    tokens = classes.split()
    if any(token.startswith(POST_CLASS_PREFIXES) for token in tokens):
        # WordPress names a post's tags and categories in its classes ("tag-social-media",
        # "category-trending"): words of the post's own, never what the element is.
        tokens = [token for token in tokens if not token.startswith(POST_CLASS_PREFIXES)]
        classes = " ".join(tokens)
    if any(token.startswith(BUILDER_CLASS_PREFIXES) for token in tokens):
        return any(_builder_chrome(token) for token in tokens)
    return bool(_CLASS_PARTS.search(classes)) or not CHROME_CLASSES.isdisjoint(tokens)


_BUILDER_PARTS = re.compile("|".join(re.escape(part) for part in CHROME_CLASS_PARTS if part != "widget"))
_BUILDER_NAME = re.compile(r"^(?:elementor-|so-|siteorigin-)?(?:widget[-_]?)?(?:sow-)?")


def _builder_chrome(token: str) -> bool:
    """Whether a page builder's class names chrome: one of its chrome widgets (a posts grid, the
    post's meta, a menu) by name, or any chrome part but "widget" ("share-buttons")."""
    name = _BUILDER_NAME.sub("", token, count=1)
    return name in BUILDER_CHROME_WIDGETS or name in CHROME_CLASSES or bool(_BUILDER_PARTS.search(name))


def heads_a_section(node: LexborNode) -> bool:
    """A ``header`` that holds a section's heading (``<section><header><h2>The Ending</h2>``, as
    some publishing systems write each section): the article's, never the page's header, which
    holds the site's name, its menu or the headline's ``h1``."""
    return (
        node.tag == "header"
        and node.css_first("h2, h3, h4, h5, h6") is not None
        and node.css_first("h1, nav, form") is None
    )


def chrome_nodes(root: LexborNode) -> list[LexborNode]:
    """The elements under ``root`` that are page chrome (see phrases.CHROME_TAGS and the rest).
    Runs on every element with an attribute: an absent one is neither read twice nor folded."""
    found = [node for node in root.css(_CHROME_TAG_SELECTOR) if not heads_a_section(node)]
    for node in root.css(_ATTRIBUTED):
        attributes = node.attributes
        classes = attributes.get("class")
        # Wix names its parts so ("post-footer"), news sites' component systems so ("byline-block")
        if hook := attributes.get("data-hook") or attributes.get("data-component"):
            classes = f"{classes or ''} {hook}"
        element_id = attributes.get("id")
        role = attributes.get("role")
        if element_id:
            element_id = element_id.casefold()
        if (
            (classes and _chrome_classes(classes))
            or (element_id and (element_id in CHROME_IDS or any(p in element_id for p in CHROME_ID_PARTS)))
            or (role and role.casefold() in CHROME_ROLES)
            or (
                (attributes.get("aria-hidden") == "true" or "hidden" in attributes)
                and not _hides_text(role, classes)
            )
        ):
            found.append(node)
    return found


def _hides_text(role: str | None, classes: str | None) -> bool:
    """Whether a hidden element holds the article's text behind a click (a tab, an accordion, a
    spoiler tag), by its role or its class: it is read, as the reader who clicks reads it."""
    if role and role.casefold() in HIDDEN_TEXT_ROLES:
        return True
    folded = (classes or "").casefold()
    return any(part in folded for part in HIDDEN_TEXT_CLASS_PARTS)


_PULL_QUOTES = "[class*=pullquote], [class*=pull-quote]"


def drop_repeated_pull_quotes(root: LexborNode) -> None:
    """A pull quote that repeats the article's own words (a line set large between paragraphs)
    goes: read, it would say them twice. One with words of its own stays."""
    for quote in root.css(_PULL_QUOTES):
        words = node_text(quote.css_first("p") or quote)  # node_text is cleaned text already
        if words and node_text(root).count(words) > node_text(quote).count(words):
            quote.decompose()
