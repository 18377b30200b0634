"""The editor's reading of a draft: the guide it makes, the reader's warnings with their lines, the
film page it would have (the preview), and the difference between two texts.

The preview is the real film page: :func:`filmguide.web.pages.film_page` on the draft's guide,
rendered by the site's own templates, with the same spoiler gates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from filmguide.article import ArticleError, parse_text, write_markdown
from filmguide.article.headings import match_heading
from filmguide.model import Guide
from filmguide.slugs import is_slug
from filmguide.store import Store
from filmguide.web import pages
from filmguide.web.render import Renderer

#: A Markdown heading of level 2 or 3, as the format uses them.
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")
#: Lines of context around each change in a diff.
DIFF_CONTEXT = 3
#: Longest Markdown a draft may hold (the article reader's own limit is larger; a guide is far smaller).
MAX_MARKDOWN = 1_000_000


def slug_ok(slug: str) -> bool:
    """Whether ``slug`` can name a film the editor opens (the routes and the edits both ask)."""
    return len(slug) <= 200 and is_slug(slug)


def edit_url(slug: str, **query: str) -> str:
    return f"/desk/edit/{quote(slug)}" + (f"?{urlencode(query)}" if query else "")


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the reader says about the text: the line it is about (when one is), and what."""

    line: int | None
    message: str
    error: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    guide: Guide | None
    warnings: list[Warning]


def read_draft(markdown: str, slug: str) -> Reading:
    """The guide the draft makes (``None`` when it makes none) and the warnings, by line."""
    warnings = _heading_warnings(markdown)
    try:
        guide = parse_text(markdown, fmt="markdown", name="draft")
    except ArticleError as error:
        warnings.insert(0, Warning(error.line, error.message, error=True))
        return Reading(None, warnings)
    guide = guide.model_copy(update={"slug": slug})
    return Reading(guide, warnings)


def _heading_warnings(markdown: str) -> list[Warning]:
    """Headings the reader does not know: they are kept, as sections of their own, but the page
    shows them after the template's sections."""
    found: list[Warning] = []
    fenced = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match is None:
            continue
        text = match.group(2)
        if match_heading(text) is None and len(match.group(1)) == 2:
            found.append(
                Warning(
                    number, f"“{text}” is not one of the template’s headings: it stays a section of its own"
                )
            )
    return found


def guide_markdown(store: Store, slug: str) -> str | None:
    """The published guide at ``slug`` as Markdown, or ``None``."""
    guide = store.get_guide(slug)
    return write_markdown(guide) if guide is not None else None


def revision_markdown(store: Store, slug: str, revision: int) -> str | None:
    guide = store.revision(slug, revision)
    return write_markdown(guide) if guide is not None else None


def preview_html(store: Store, renderer: Renderer, slug: str, guide: Guide, base_url: str) -> str:
    """The film page the guide would have, as the site renders it (spoilers gated as there)."""
    data = pages.film_page(store, slug, pages.PageOptions(spoilers=True), preview=guide)
    assert data is not None
    return renderer.render("film.html", data, base_url=base_url, path=f"/films/{slug}", json_path="")


def diff_lines(before: str, after: str, *, before_name: str, after_name: str) -> list[str]:
    """A unified diff of two texts, line by line (empty when they are the same)."""
    return list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            fromfile=before_name,
            tofile=after_name,
            n=DIFF_CONTEXT,
            lineterm="",
        )
    )
