"""Page chrome: the words a web page puts around an article, which no guide field may keep.

The schema names them: the table of contents and its ``Toggle`` button, and widget blocks such as
``⇢ KEEP UP WITH THE TREND`` (a title, and in HTML the list of links to other posts under it).
"""

from __future__ import annotations

import re

#: Titles of widget blocks seen on this kind of site; matched on whole, case-folded lines.
WIDGET_TITLES = frozenset(
    {
        "keep up with the trend",
        "most shared right now",
        "trending now",
        "trending",
        "most popular",
        "popular posts",
        "related posts",
        "you may also like",
        "you might also like",
        "read also",
        "read more",
        "recent posts",
        "share this",
        "share this article",
    }
)

_LONGEST_TITLE = 80
_WIDGET_MARK = re.compile(r"^\s*[⇢→➜➤»]")
_TOGGLE = re.compile(r"^Toggle(?=[A-Z0-9\"“‘']|$)")
_TOC_TITLE = re.compile(r"^(table of contents|contents|in this article)$", re.IGNORECASE)


def is_widget_title(text: str) -> bool:
    """A widget's title line: an arrow-led line, or a known widget heading."""
    stripped = text.strip()
    if len(stripped) > _LONGEST_TITLE:
        return False
    if _WIDGET_MARK.match(stripped):
        return True
    return stripped.casefold().rstrip(":") in WIDGET_TITLES


def is_toc_title(text: str) -> bool:
    return len(text) < 40 and bool(_TOC_TITLE.match(text.strip()))


def strip_toggle(text: str) -> str:
    """Remove the table of contents' ``Toggle`` label, which the seed glues to the next heading."""
    if not text.startswith("Toggle"):
        return text
    return _TOGGLE.sub("", text, count=1).strip()
