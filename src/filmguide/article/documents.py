"""Pages a word processor wrote (a Google Docs or Word document saved as a web page): what their
markup means in the terms the HTML reader knows.

A writer's draft often reaches the site this way. Such a page writes its headline as a paragraph
styled "title" (``<p class="title">``, ``<p class=MsoTitle>``), and Google Docs writes bold as a
class whose style sets the weight (``<span class="c4">`` with ``.c4{font-weight:700}``), never as
``<strong>``. Word writes a bulleted list as paragraphs, each opening with the bullet's character
set apart by hard spaces. Each becomes what a web page would have written: an ``h1``, a
``<strong>``, a list's item.
"""

from __future__ import annotations

import re
from html import escape

from selectolax.lexbor import LexborHTMLParser

from filmguide.article.furniture import node_text
from filmguide.article.structure import replace_with

#: Where a page without a ``<body>`` tag may state its style sheet.
_HEAD = 8192
#: A paragraph styled as the document's title (Google Docs, Word).
TITLE_PARAGRAPHS = "p.title, p.MsoTitle"
#: A class rule of a page's style sheet that sets bold: ``.c4{font-weight:700}``, ``.c1,.c9{…}``.
_BOLD_RULE = re.compile(r"([^{}]+)\{[^}]*font-weight:\s*(?:bold|[6-9]00)\b[^}]*\}", re.IGNORECASE)
_CLASS_SELECTOR = re.compile(r"^\.([\w-]+)$")
#: Word's list paragraph opens with its bullet's character or its number, then hard spaces (one
#: space once the text is cleaned): "· Sam Rockwell as Sam Bell", "2. …".
_WORD_BULLET = re.compile(r"^(?:[·•o§▪\-–]|\d{1,2}[.)])\s+")
#: Word's list paragraphs, by the class its "List Paragraph" style gives them.
_WORD_LIST_ITEMS = ", ".join(
    f"p.MsoListParagraph{part}" for part in ("", "CxSpFirst", "CxSpMiddle", "CxSpLast")
)


def may_be_document(html: str) -> bool:
    """Whether the page may be a word processor's: its head's style sheet styles Word's paragraphs
    (``p.MsoNormal``) or Google Docs' title (``.title{…}``). Only the head is searched: three
    searches of a whole page had cost a hundredth of its reading."""
    body = html.find("<body")
    head = html[:body] if body != -1 else html[:_HEAD]
    return "MsoNormal" in head or ".title{" in head


def as_web_page(tree: LexborHTMLParser) -> None:
    """Rewrite a word processor's page in the markup a web page uses (see the module's text)."""
    title = tree.css_first(TITLE_PARAGRAPHS)
    if title is not None and (text := node_text(title)):
        replace_with(title, f"<h1>{escape(text)}</h1>", "h1")
    bold = _bold_classes(tree)
    if bold:
        for span in tree.css("span[class]"):
            classes = (span.attributes.get("class") or "").split()
            if not bold.isdisjoint(classes) and (text := node_text(span)):
                replace_with(span, f"<strong>{escape(text)}</strong>", "strong")
    items = tree.css(_WORD_LIST_ITEMS)
    for item in items:
        text = node_text(item)
        found = _WORD_BULLET.match(text)
        replace_with(item, f"<ul><li>{escape(text[found.end() :] if found else text)}</li></ul>", "ul")


def _bold_classes(tree: LexborHTMLParser) -> frozenset[str]:
    """The classes the page's style sheets make bold."""
    names: set[str] = set()
    for style in tree.css("style"):
        for rule in _BOLD_RULE.finditer(style.text() or ""):
            for selector in rule.group(1).split(","):
                found = _CLASS_SELECTOR.match(selector.strip())
                if found:
                    names.add(found.group(1))
    return frozenset(names)
