"""A web page printed to PDF and copied back out as text: what the printing added to each page.

A browser prints a header and a footer on every page: Chromium the date and time with the page's
``<title>`` above, the address and "2/5" below; Firefox the title, the address, "2 of 5" and the
date, each on a line of its own once copied. Left in, they cut paragraphs in two at every page
break and read as headings; the header's title is the page's ``<title>``, which names the film
where the wrapped headline no longer does.
"""

from __future__ import annotations

import re

from filmguide.article.blocks import PageFacts

#: A printed page's footer, the mark that a text is a printed copy: "https://site/post/ 2/5",
#: "Page 2 of 5", "2 of 5".
_FOOTER = re.compile(
    r"^[ \t]*(?:https?://\S+[ \t]+\d{1,3}/\d{1,3}|(?:page[ \t]+)?\d{1,3}[ \t]+of[ \t]+\d{1,3})[ \t\r]*$",
    re.IGNORECASE | re.MULTILINE,
)
#: Chromium's header: "12/6/26, 9:15 PM The Shining Ending Explained | Reel Notes" (the title
#: may be missing); Firefox's date, "12/6/26, 9:15 PM", on a line of its own.
_HEADER = re.compile(
    r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?P<title>.+))?$"
)
_ADDRESS = re.compile(r"^https?://\S+$")
#: A line printed at the top of every page (Firefox's title) is repeated at least this often.
_REPEATS = 2


#: How much of a text's end holds its last page's footer, if it was printed.
_LAST_FOOTER = 400


def is_printed(text: str) -> bool:
    """Whether the text is a printed copy: its last page's footer stands on a line of its own near
    its end. Only the end is searched: a search of every line cost a third of a million
    instructions an article."""
    return _FOOTER.search(text, max(0, len(text) - _LAST_FOOTER)) is not None


def without_print_marks(lines: list[str], page: PageFacts) -> list[str]:
    """The lines without the printed pages' headers and footers, so that a paragraph cut by a
    page break is one again; the header's title becomes ``page.title_tag``."""
    stripped = [line.strip() for line in lines]
    counts: dict[str, int] = {}
    for line in stripped:
        if line:
            counts[line] = counts.get(line, 0) + 1
    first = next((line for line in stripped if line), "")
    if counts.get(first, 0) >= _REPEATS and not _HEADER.match(first):
        page.title_tag = first  # Firefox's header: the title, at the top of every page
    kept: list[str] = []
    for raw, line in zip(lines, stripped, strict=True):
        if _FOOTER.match(line) or _ADDRESS.match(line):
            continue
        header = _HEADER.match(line)
        if header is not None:
            if header["title"] and page.title_tag is None:
                page.title_tag = header["title"].strip()
            continue
        if counts.get(line, 0) >= _REPEATS and line == page.title_tag:
            continue  # Firefox's title, printed at the top of every page
        kept.append(raw)
    return kept
