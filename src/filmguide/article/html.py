"""WordPress article pages to blocks, with a real HTML parser (selectolax's Lexbor engine).

Only the article's own content survives: the site header and navigation, sidebars, footer,
scripts, the Easy Table of Contents block and every widget block (its title and the list of links
to other posts under it) are removed before the content is walked.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmguide.article.blocks import (
    HEADING_LEVELS,
    LIST_TAGS,
    Block,
    PageFacts,
    clean_text,
    fold_line,
    listed_lines,
)
from filmguide.article.chrome import (
    clean_line_kind,
    heading_text,
    is_toc_title,
    without_signature,
)
from filmguide.article.documents import as_web_page, may_be_document
from filmguide.article.furniture import (
    CLEANED,
    cleaned,
    drop_contents_lists,
    drop_repeated_pull_quotes,
    node_text,
    remove_author_boxes,
    remove_chrome,
    remove_signup_boxes,
    remove_widget_blocks,
)
from filmguide.article.headings import CANONICAL, match_heading
from filmguide.article.page import infobox_facts, listing_entries, meta_facts
from filmguide.article.phrases import (
    ACTOR_COLUMNS,
    CHARACTER_COLUMNS,
    KEY_POINTS_CLASS_PARTS,
    KEY_POINTS_LABELS,
)
from filmguide.article.structure import (
    BLOCK_TAGS,
    cast_card_captions,
    class_headings,
    content_root,
    densest,
    may_hold_questions,
    questions_as_headings,
    role_headings,
)
from filmguide.text import has_full_stop


def page_title(tree: LexborHTMLParser) -> str | None:
    """The post's ``h1`` (or ``<title>``), a last resort when the first sentence names no title."""
    for selector in ("article h1", ".entry-title", "h1", "title"):
        node = tree.css_first(selector)
        if node is not None and (text := heading_text(node_text(node))):
            return text
    return None


def _emit(node: LexborNode, blocks: list[Block], inline: list[str]) -> None:
    """Walk ``node``'s children, flushing runs of inline content as paragraphs."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag in _BOLD and (heading := _bold_line(child, inline)) is not None:
            _flush(blocks, inline)
            blocks.append(Block("heading", heading, level=_BOLD_HEADING_LEVEL))
            continue
        if tag == "-text" or tag not in BLOCK_TAGS:
            inline.append(child.text(deep=True, separator="", strip=False))
            continue
        _flush(blocks, inline)
        if tag in HEADING_LEVELS:
            text = heading_text(node_text(child))
            if text and not is_toc_title(text) and clean_line_kind(text) is None:
                blocks.append(Block("heading", text, level=HEADING_LEVELS[tag]))
        elif tag == "p" and (heading := _bold_heading(child)) is not None:
            blocks.append(Block("heading", heading, level=_BOLD_HEADING_LEVEL))
        elif tag == "p" and (asked := _bold_question(child)) is not None:
            # the question heads the section, and stays in the paragraph: it is the article's text
            blocks.append(Block("heading", asked[0], level=_BOLD_HEADING_LEVEL))
            _add(blocks, "paragraph", f"{asked[0]} {asked[1]}")
        elif tag == "p" and (labelled := _bold_label(child)) is not None:
            # "Cast:" heads the section; the label is no words of it
            blocks.append(Block("heading", labelled[0], level=_BOLD_HEADING_LEVEL))
            _add(blocks, "paragraph", labelled[1])
        elif tag == "p":  # its text taken once, as both branches read it
            raw = child.text(deep=True, separator="", strip=False)
            if _BREAK in raw and any(part.tag in _BOLD for part in child.iter()):
                _emit(child, blocks, [])  # "<b>Cast</b><br>…": its bold lines may be headings
            elif _BREAK in raw:
                _add_broken(blocks, raw)
            else:
                _add(blocks, "paragraph", cleaned(raw))
        elif tag == "dl" and (pairs := _term_pairs(child)):
            for pair in pairs:  # "Leonardo DiCaprio" over "Ernest Burkhart": a cast as terms
                _add_row(blocks, pair, None)
        elif tag in {"figcaption", "pre", "dt", "dd", "summary"}:
            _add(blocks, "paragraph", node_text(child))
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
            _add_table_row(blocks, child)
        elif tag == "table" and _CAST_TABLE in child.attributes:
            blocks.append(Block("heading", CANONICAL["cast"], level=_CAST_TABLE_LEVEL))
            _emit(child, blocks, [])
        elif tag != "hr":
            _emit(child, blocks, [])
    _flush(blocks, inline)


#: A term or its description longer than this is prose (a glossary, an FAQ), not an entry's part.
_LONGEST_TERM = 80


def _term_pairs(terms: LexborNode) -> list[list[str]]:
    """A description list of short terms, each with one short description ("Lily Gladstone" /
    "Mollie Burkhart"), as its pairs: the rows a cast or a facts list is; empty for any other
    (an FAQ's answers, a glossary), which is read as its paragraphs."""
    parts = terms.css("dt, dd")
    if not parts or len(parts) % 2:
        return []
    pairs: list[list[str]] = []
    for term, description in zip(parts[::2], parts[1::2], strict=True):
        texts = [node_text(term), node_text(description)]
        if term.tag != "dt" or description.tag != "dd" or not all(texts):
            return []
        if any(len(t) > _LONGEST_TERM or (t.endswith((".", "!", "?")) and len(t.split()) > 3) for t in texts):
            return []
        pairs.append(texts)
    return pairs


#: The level of the heading a cast table stands under when the page gives it none: a section's.
_CAST_TABLE_LEVEL = 2

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
    if not following.lstrip(" \t\n").startswith(_BREAK) and (following.strip() or parent.tag == "p"):
        return None  # a bold run that ends its element (a <div> of its own) is a line of its own too
    return _heading_text(node_text(bold))


#: Containers whose text flows in lines (a page with no ``<p>``, or a ``<p>`` broken into lines
#: by ``<br>``, its bold lines headings of their own); a bold label in a table cell or
#: a list item is that cell's or item's, never a heading of the article.
_FLOWING = frozenset(["div", "section", "article", "main", "body", "center", "p"])


def _heading_text(text: str) -> str | None:
    """A bold line's text as a heading: short, not a sentence's end, not chrome."""
    if not text or len(text) > _LONGEST_BOLD_HEADING or text.endswith((".", ",", ";")):
        return None
    return text if not is_toc_title(text) and clean_line_kind(text) is None else None


def _bold_heading(paragraph: LexborNode) -> str | None:
    """The heading a paragraph holding one bold run and nothing else stands for, or None; the
    run may sit in a styling wrapper of its own (``<span style="font-size: 24px"><b>Cast</b></span>``,
    as a page builder or a pasted document writes it)."""
    parts = _significant(paragraph)
    while len(parts) == 1 and parts[0].tag in _STYLING:
        parts = _significant(parts[0])
    if len(parts) != 1 or parts[0].tag not in {"strong", "b"}:
        return None
    return _heading_text(node_text(parts[0]))


#: Inline elements that only style what they hold.
_STYLING = frozenset(["span", "font", "u", "em", "i", "big"])


def _significant(node: LexborNode) -> list[LexborNode]:
    """``node``'s children but whitespace."""
    return [c for c in node.iter(include_text=True) if c.tag != "-text" or (c.text() or "").strip()]


def _bold_question(paragraph: LexborNode) -> tuple[str, str] | None:
    """A paragraph led by a bold question and its answer ("<strong>Is there a post-credits scene
    in X?</strong> No, …"), as an FAQ written in paragraphs asks each: the question, to head the
    section, and the answer; None for any other paragraph."""
    first = _bold_lead(paragraph)
    if first is None:
        return None
    question = node_text(first)
    if not question.endswith("?") or _heading_text(question) is None:
        return None
    answer = _after_lead(paragraph, first)
    return (question, answer) if answer else None


def _bold_lead(paragraph: LexborNode) -> LexborNode | None:
    """The bold run a paragraph opens with, if it opens with one."""
    first = paragraph.child  # most paragraphs open with text: settled without a walk
    if first is not None and first.tag == "-text" and not (first.text() or "").strip():
        first = first.next
    return first if first is not None and first.tag in _BOLD else None


def _after_lead(paragraph: LexborNode, lead: LexborNode) -> str:
    """The paragraph's cleaned text after the bold run it opens with ("" for none)."""
    raw, bold = (
        paragraph.text(deep=True, separator="", strip=False),
        lead.text(deep=True, separator="", strip=False),
    )
    return clean_text(raw[raw.index(bold) + len(bold) :]) if bold in raw else ""


def _bold_label(paragraph: LexborNode) -> tuple[str, str] | None:
    """A paragraph led by a bold label naming a section, then its text on the same line
    ("<strong>Cast:</strong> Jake Gyllenhaal as Robert Graysmith, …"): the section's heading and
    its text; None for any other paragraph ("<strong>Note:</strong> …" names no section)."""
    first = _bold_lead(paragraph)
    if first is None:
        return None
    label = node_text(first)
    if not label.endswith(":") or match_heading(label[:-1]) is None:
        return None
    text = _after_lead(paragraph, first)
    return (label[:-1].strip(), text) if text else None


def _add_broken_lines(blocks: list[Block], raw: str) -> None:
    """A paragraph with line breaks (``<br>``, the classic editor's single newline): short lines
    that each start anew are a list written line by line ("Emily Blunt as Kate Macer<br>Benicio
    del Toro as …"), each an item; otherwise the lines are one paragraph, a space where each break
    was (never glued)."""
    lines = without_signature([line for line in (clean_text(part) for part in raw.split(_BREAK)) if line])
    if listed_lines(lines):
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
    speaker, _, context = node_text(cite).lstrip("—–- ").strip().partition(", ")  # "Brody, in the finale"
    cite.decompose()
    said = node_text(blockquote)
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
    _add_broken(blocks, text)


def _add_broken(blocks: list[Block], text: str) -> None:
    """Text with line breaks (a run of a page without ``<p>``, or a ``<p>`` holding several
    paragraphs kept apart by ``<br><br>``): one paragraph for each stretch between blank breaks,
    each read by :func:`_add_broken_lines` where single breaks remain in it."""
    for part in _BLANK_BREAKS.split(text):
        if _BREAK in part:
            _add_broken_lines(blocks, part)
        else:
            _add(blocks, "paragraph", clean_text(part))


#: Two breaks or more in a row, blank space between: where a paragraph ends in a page without ``<p>``.
_BLANK_BREAKS = re.compile(rf"\s*{_BREAK}\s*(?:{_BREAK}\s*)+")


def html_blocks(html: str) -> tuple[list[Block], str | None]:
    """The article's blocks, and the page's title as a fallback."""
    blocks, facts = html_page(html)
    return blocks, facts.headline or facts.title_tag


def html_page(html: str) -> tuple[list[Block], PageFacts]:
    """The article's blocks, and what the page states around it (titles, listing, infobox)."""
    CLEANED.clear()
    try:
        return _read_page(html)
    finally:
        CLEANED.clear()


def _read_page(html: str) -> tuple[list[Block], PageFacts]:
    tree = LexborHTMLParser(html)
    if may_be_document(html):  # a word processor's page: its title paragraph, its bold classes
        as_web_page(tree)
    if "heading" in html and tree.body is not None:  # a substring test settles most pages
        role_headings(tree.body)
    facts = meta_facts(tree)
    facts.headline = page_title(tree)
    facts.entries = listing_entries(tree)
    root = content_root(tree)
    if root is None:
        return [], facts
    # a class naming a heading holds one ("subhead", "section-title"); so does large type's
    if "head" in html or "title" in html or "font-size" in html:
        class_headings(root)
    infobox_facts(root, facts)
    if "<figcaption" in html:  # a grid of cast cards, each a captioned picture
        cast_card_captions(root)
    if "email" in html:  # a newsletter's form, whose box no class may name
        remove_signup_boxes(root)
    if "author" in html or "/staff/" in html or "/writer" in html or "/contributor" in html:
        remove_author_boxes(root)
    remove_chrome(root)
    if root.tag == "body":  # no element names the article: the one holding its paragraphs
        root = densest(root)
    remove_widget_blocks(root)
    if 'href="#' in html:  # a table of contents written by hand: links to the page's own places
        drop_contents_lists(root)
    # Two passes most pages need not make: a substring test of the page settles it.
    if may_hold_questions(html):
        questions_as_headings(root)
    if "<table" in html:
        _mark_cast_rows(root)
    if "pullquote" in html or "pull-quote" in html:
        drop_repeated_pull_quotes(root)
    for br in root.css("br"):  # a break is a space in any text, and splits a paragraph's lines
        br.replace_with(_BREAK)
    blocks: list[Block] = []
    _emit(root, blocks, [])
    return _without_headline(blocks, facts.headline), facts


#: The mark of a cast table's row: which cells are the actor and the character ("0 1"; see below).
_CAST_COLUMNS = "data-filmguide-cast-columns"
#: Marks a table whose header names an actor's column and a character's: the cast, wherever it
#: stands (a table under "The Ending" with no heading of its own is still the cast).
_CAST_TABLE = "data-filmguide-cast-table"


def _mark_cast_rows(root: LexborNode) -> None:
    """Mark the rows of a cast table whose header names an actor's column and a character's
    ("Character | Played by", "Actor | Character | Notes"): the walk reads each row actor first,
    then character, as a cast entry reads, and the row's other cells as a note of their own."""
    for table in [root] if root.tag == "table" else root.css("table"):
        header = table.css_first("tr")
        if header is None:
            continue
        names = [fold_line(node_text(cell)) for cell in header.iter() if cell.tag in {"td", "th"}]
        actor = next((i for i, name in enumerate(names) if name in ACTOR_COLUMNS), None)
        character = next((i for i, name in enumerate(names) if name in CHARACTER_COLUMNS), None)
        if actor is None or character is None:
            continue
        table.attrs[_CAST_TABLE] = ""
        if (actor, character) == (0, 1) and len(names) == 2:
            continue  # a plain "Actor | Character" table reads as it stands
        for row in table.css("tr"):
            if row.mem_id != header.mem_id:
                row.attrs[_CAST_COLUMNS] = f"{actor} {character}"


def _add_table_row(blocks: list[Block], row: LexborNode) -> None:
    """A table row's entry (see :func:`_add_row`); a header row ("Actor | Character") names the
    columns and says nothing."""
    cells = [c for c in row.iter() if c.tag in {"td", "th"}]
    if len(cells) > 1 and all(c.tag == "th" for c in cells):
        return
    _add_row(blocks, [node_text(c) for c in cells], row.attributes.get(_CAST_COLUMNS))


def table_blocks(table: LexborNode) -> list[Block]:
    """A table's rows as entries, read as a page's table is: for Markdown's tables, which are
    the same rows once written as HTML."""
    _mark_cast_rows(table)
    blocks: list[Block] = []
    for row in table.css("tr"):
        _add_table_row(blocks, row)
    return blocks


def _add_row(blocks: list[Block], texts: list[str], columns: str | None) -> None:
    """A table row as an entry, its cells joined ("Cillian Murphy – J. Robert Oppenheimer");
    in a cast table (``columns``, see :func:`_mark_cast_rows`) the actor's and character's cells
    make the entry and the others follow it as a paragraph ("Won the Oscar for this role")."""
    actor, character = (int(i) for i in columns.split()) if columns is not None else (len(texts), 0)
    if max(actor, character) >= len(texts):  # no cast table, or a row shorter than its header
        _add(blocks, "item", " – ".join(t for t in texts if t))
        return
    _add(blocks, "item", " – ".join(t for t in (texts[actor], texts[character]) if t))
    rest = [t for i, t in enumerate(texts) if i not in (actor, character) and t]
    if rest:
        _add(blocks, "paragraph", " – ".join(rest))


def _without_headline(blocks: list[Block], headline: str | None) -> list[Block]:
    """The blocks without the headline's ``h1``. Another ``h1`` in the article is a section's
    heading (Medium and some page builders head every section with one), read as an ``h2``."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            if block.text == headline or not kept:
                # a section's label or the breadcrumbs above the headline ("ENTERTAINMENT")
                kept = [b for b in kept if not _labels_the_page(b)]
                continue
            block = Block("heading", block.text, level=2)
        kept.append(block)
    return kept


#: A label over the headline (a section's name, breadcrumbs) has at most this many words.
_LABEL_WORDS = 5


def _labels_the_page(block: Block) -> bool:
    """Whether a block above the headline is a label of the page, no sentence of the article."""
    return (
        block.kind == "paragraph"
        and len(block.text.split()) <= _LABEL_WORDS
        and not has_full_stop(block.text)
    )
