"""A page whose article is only in its linked data: a site that renders with script, saved as
its server sent it, holds an empty ``<div id="__next">`` and, in its ``application/ld+json``
block, the article (schema.org's ``articleBody``: the text with its markup gone, a paragraph or a
heading a line). The reader takes that text, the ``headline`` above it, as a copied page's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser

#: A page's own text below this length (its paragraphs' characters) leaves its article unread.
THIN_PAGE = 200
#: A linked article's body shorter than this is a summary, not the article.
_SHORTEST_BODY = 400
_ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "Report", "ReviewNewsArticle", "AnalysisNewsArticle"}
)


def linked_article(html: str) -> str | None:
    """The article the page's linked data holds (its headline, a blank line, its body), where a
    script block gives one whole; None for any other page."""
    if "articleBody" not in html:  # a substring test settles most pages
        return None
    tree = LexborHTMLParser(html)
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = orjson.loads(script.text(deep=True))
        except orjson.JSONDecodeError:
            continue
        for thing in _things(data):
            body = thing.get("articleBody")
            if isinstance(body, str) and len(body) >= _SHORTEST_BODY and _is_article(thing):
                headline = thing.get("headline")
                lines = body.replace("\r\n", "\n").strip()
                return f"{headline.strip()}\n\n{lines}" if isinstance(headline, str) else lines
    return None


def _things(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of the linked data: the top one, a list's, a ``@graph``'s."""
    if isinstance(data, list):
        for item in data:
            yield from _things(item)
    elif isinstance(data, dict):
        yield data
        yield from _things(data.get("@graph"))


def _is_article(thing: dict[str, Any]) -> bool:
    kinds = thing.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(name, str) and name in _ARTICLE_TYPES for name in names)
