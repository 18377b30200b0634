"""What an HTML page states around its article: its titles, whether it lists several posts, and
the facts of a wiki-style infobox.

Read from the document's structure (meta tags, ``body`` classes, ``article`` elements, infobox
rows) before any chrome is removed: the listing check needs the "Read more" links that the
chrome pass deletes, and the infobox is removed as chrome once its facts are read.
"""

from __future__ import annotations

import functools

from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmguide.article.blocks import PageFacts, clean_text
from filmguide.article.chrome_words import END_MATTER_HEADINGS
from filmguide.article.furniture import heads_a_section
from filmguide.article.headings import match_heading
from filmguide.article.infobox import listed_names, names, row_facts
from filmguide.article.phrases import ASIDE_CLASSES, ASIDE_TAGS, LISTING_BODY_CLASSES, READ_MORE_TEXTS


def _text(node: LexborNode) -> str:
    return clean_text(node.text(deep=True, separator=" ", strip=False))


def meta_facts(tree: LexborHTMLParser) -> PageFacts:
    """``og:title`` (or ``twitter:title``), ``og:site_name`` and ``<title>``, in one pass over the
    head's ``meta`` tags."""
    metas: dict[str, str] = {}
    head = tree.head
    for node in head.css("meta") if head is not None else []:
        attributes = node.attributes
        key = attributes.get("property") or attributes.get("name")
        content = attributes.get("content")
        if key and content and key not in metas:
            metas[key] = clean_text(content)
    title = tree.css_first("title")
    return PageFacts(
        meta_title=metas.get("og:title") or metas.get("twitter:title") or None,
        site_name=metas.get("og:site_name") or metas.get("application-name") or None,
        title_tag=_text(title) if title is not None else None,
    )


#: A teaser's linked title: a link in its heading, or (Ghost, Squarespace) its heading in a link.
_TEASER_TITLES = "h1 a, h2 a, h3 a, .entry-title a, a h1, a h2, a h3"


def _in_aside(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in ASIDE_TAGS and not heads_a_section(parent):  # a card's own header is no aside
            return True
        attributes = parent.attributes
        names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".casefold()
        if any(word in names for word in ASIDE_CLASSES):
            return True
        parent = parent.parent
    return False


def _reads_more(link: LexborNode) -> bool:
    """A teaser's link to its article: by its class, or by its words ("Read more »"). Runs on
    every link of a page: two substring tests, no generator."""
    classes = link.attributes.get("class") or ""
    if "more-link" in classes or "read-more" in classes:
        return True
    return link.text(deep=False, strip=True)[:40].casefold().startswith(READ_MORE_TEXTS)


def _read_more_links(tree: LexborHTMLParser) -> int:
    """How many teasers' "Read more" links a page has, outside sidebars: those leading where a
    linked title leads too (a listing links each post twice); where no title is linked, all of
    them, unless the page's own headings name sections of a guide ("What Happens at the End?",
    "Cast"): an article may set a bare "Read more" link to another post between its sections."""
    links = [node for node in tree.css("a") if _reads_more(node) and not _in_aside(node)]
    if len(links) < 2:
        return len(links)
    titled = {link.attributes.get("href") for link in tree.css(_TEASER_TITLES)}
    teasers = [link for link in links if link.attributes.get("href") in titled]
    if teasers:
        return len(teasers)
    own = any(match_heading(_text(h)) for h in tree.css("h2, h3, h4") if not _in_aside(h))
    return 0 if own else len(links)


#: A grid of teasers has at least this many headings that are links to other pages ...
_LINKED_TITLES_FROM = 3
#: ... and they are more than this share of the page's section headings (an article's own
#: headings are not links; a few linked film titles in its recommendations are outnumbered).
_LINKED_TITLES_SHARE = 2 / 3


def _linked_titles(tree: LexborHTMLParser) -> int:
    """How many posts a grid of teasers lists by headings that are each a link to another page
    ("<h2><a href="/talk-to-me-ending">Talk to Me Ending Explained</a></h2>" and its excerpt, or
    a card whose link holds its heading: "<a href="/heat"><h3>Heat Ending Explained</h3></a>"),
    outside sidebars; 0 unless they make most of the page's headings."""
    if len(tree.css("h2 a[href], h3 a[href], a[href] h2, a[href] h3")) < _LINKED_TITLES_FROM:
        return 0  # most pages: their headings are no links
    headings = [h for h in tree.css("h2, h3") if not _in_aside(h)]
    linked = {href for heading in headings if (href := _heading_link(heading))}
    if len(linked) < _LINKED_TITLES_FROM or len(linked) <= _LINKED_TITLES_SHARE * len(headings):
        return 0
    return len(linked)


def _heading_link(heading: LexborNode) -> str | None:
    """Where a heading that is a link leads: its own link holding all its words, or the link
    holding it (a card's), never a link within the page."""
    link = heading.css_first("a[href]")
    if link is None or _text(link) != _text(heading):
        link = heading.parent
        while link is not None and link.tag != "a" and link.tag not in ("body", "article", "main"):
            link = link.parent
        if link is None or link.tag != "a":
            return None
    href = link.attributes.get("href") or ""
    return None if not href or href.startswith("#") else href


#: The article a page is, beside any teasers to other posts: the element holding its ``h1`` (or
#: its body), with this many paragraphs of prose at least (a teaser's excerpt is one) ...
_MAIN_PARAGRAPHS = 2
#: ... of this many words each.
_PROSE_WORDS = 8
_MAIN_BODIES = ".entry-content, .post-content, .article-body, .article-content, [itemprop=articleBody]"


def _has_main_article(tree: LexborHTMLParser) -> bool:
    """Whether the page is one article with teasers beside it ("More Stories", a grid of other
    posts under it): the ``article`` holding its ``h1``, or its body element, holds paragraphs
    of prose. A listing's ``h1`` (a category's name) heads no such element, and each teaser's
    excerpt is one paragraph."""
    found = []
    headline = tree.css_first("h1")
    node = headline.parent if headline is not None else None
    while node is not None and node.tag not in ("article", "body", "html"):
        node = node.parent
    if node is not None and node.tag == "article":
        found.append(node)
    body = tree.css_first(_MAIN_BODIES)
    if body is not None and not _in_aside(body):
        found.append(body)
    return any(_prose_paragraphs(element) >= _MAIN_PARAGRAPHS for element in found)


def _prose_paragraphs(element: LexborNode) -> int:
    """How many paragraphs of prose ``element`` holds, counted up to :data:`_MAIN_PARAGRAPHS`;
    where it writes too few ``<p>``, its innermost ``<div>``s count too (a builder that writes
    each paragraph as one)."""
    found = 0
    for selector in ("p", "div"):
        for paragraph in element.css(selector):
            if selector == "div" and any(child.tag in _INNER_BLOCKS for child in paragraph.iter()):
                continue
            found += len(_text(paragraph).split()) >= _PROSE_WORDS
            if found >= _MAIN_PARAGRAPHS:
                return found
    return found


#: What an innermost ``<div>`` (a paragraph written as one) holds none of.
_INNER_BLOCKS = frozenset({"div", "p", "ul", "ol", "table", "section", "article", "h1", "h2", "h3", "h4"})


def listing_entries(tree: LexborHTMLParser) -> int:
    """How many posts a page lists (0 for a single post): ``article`` teasers with linked titles,
    "Read more" links, or a grid of linked headings, outside sidebars and related-post blocks."""
    body = tree.body
    if body is None:
        return 0
    classes = set((body.attributes.get("class") or "").casefold().split())
    teasers = [
        node
        for node in tree.css("article")
        if node.css_first(_TEASER_TITLES) is not None and not _in_aside(node)
    ]
    read_more = _read_more_links(tree)
    count = max(len(teasers), read_more, _linked_titles(tree))
    listing_page = bool(classes & set(LISTING_BODY_CLASSES)) and "single" not in classes
    if (count >= 2 or (listing_page and count >= 1)) and not _has_main_article(tree):
        return count
    return 0


def _label_value(root: LexborNode) -> list[tuple[str, LexborNode]]:
    """The (label, value) rows of a wiki infobox table or a Fandom portable infobox."""
    rows: list[tuple[str, LexborNode]] = []
    for box in root.css("table.infobox, table[class*=infobox]"):
        for row in box.css("tr"):
            label, value = row.css_first("th"), row.css_first("td")
            if label is not None and value is not None:
                rows.append((_text(label).casefold(), value))
    for item in root.css(".portable-infobox .pi-data, [class*=portable-infobox] .pi-item"):
        label, value = item.css_first(".pi-data-label"), item.css_first(".pi-data-value")
        if label is not None and value is not None:
            rows.append((_text(label).casefold(), value))
    return rows


def _names(value: LexborNode) -> list[str]:
    """The names in an infobox cell: one per list item, else as the text of the cell gives them."""
    items = [_text(li) for li in value.css("li")]
    return listed_names(items) if items else names(value.text(deep=True, separator="\n", strip=False))


def infobox_facts(root: LexborNode, facts: PageFacts) -> None:
    """Director, year and stars from a wiki-style infobox, and the film's name from its caption."""
    box = root.css_first("table.infobox, table[class*=infobox], .portable-infobox")
    if box is None:
        return
    caption = box.css_first("caption, .infobox-above, th.summary, .pi-title")
    if caption is not None and _text(caption):
        facts.infobox_title = _text(caption)
    for label, value in _label_value(root):
        row_facts(label, _text(value), facts, functools.partial(_names, value))


@functools.lru_cache(maxsize=4096)
def is_end_matter(heading: str) -> bool:
    """A heading whose section is the page's end matter ("References", "Leave a Reply"). Cached:
    asked of every heading of every article, and a site's headings recur from page to page."""
    return heading.strip().casefold().rstrip(":?").strip() in END_MATTER_HEADINGS
