"""Helpers shared by test modules (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

import html
import re

from markupsafe import escape

from filmguide.export import Links

_HTML_LINK = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
_OG_URL = re.compile(r'(<meta property="og:url" content=")([^"]*)(")')


def relink_html(text: str, links: Links, page_dir: str | None) -> str:
    """A page as the server rendered it, its site links (``href``, ``src``, ``action``,
    ``og:url``) rewritten by pattern into the export's form: an oracle independent of the
    templates' ``url``, to compare an exported page with the server's."""

    def swap(match: re.Match[str], folder: str | None) -> str:
        new = links.href(html.unescape(match.group(2)), folder)
        written = match.group(2) if new is None else str(escape(new))
        return match.group(1) + written + match.group(3)

    text = _HTML_LINK.sub(lambda match: swap(match, page_dir), text)
    return _OG_URL.sub(lambda match: swap(match, None), text, count=1)
