"""Shared fixtures of the article reader's tests: the seed, and a WordPress page built from it.

The seed lives outside the project (``shared/seeds/`` beside the clone) and is never copied in:
the HTML form below is built from its lines at run time.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "leaving-las-vegas.txt"

#: The section headings of ``guide-schema.md``: these become <h2>, other heading lines <h3>.
SECTION_HEADINGS = {
    "Detailed Summary",
    "Movie Ending",
    "Are There Post-Credits Scenes?",
    "Type of Movie",
    "Cast",
    "Film Music and Composer",
    "Filming Locations",
    "Awards and Nominations",
    "Behind the Scenes Insights",
    "Inspirations and References",
    "Alternate Endings and Deleted Scenes",
    "Book Adaptations and Differences",
    "Memorable Scenes and Quotes",
    "Easter Eggs and Hidden Details",
    "Trivia",
    "Why Watch?",
    "Director’s Other Movies",
    "Recommended Films for Fans",
}

#: Link titles of the widget blocks and the sidebar; none may reach a guide.
WIDGET_LINKS = [
    ("/ten-tearjerkers-that-ruined-our-weekend/", "Ten Tearjerkers That Ruined Our Weekend"),
    ("/is-fight-club-still-misunderstood/", "Is Fight Club Still Misunderstood?"),
    ("/every-a24-horror-film-ranked/", "Every A24 Horror Film, Ranked"),
    ("/the-sopranos-finale-one-more-time/", "The Sopranos Finale, One More Time"),
]
SIDEBAR_LINKS = [
    ("/the-pianist-ending-explained/", "The Pianist Ending Explained in Full"),
    ("/best-war-films-of-the-nineties/", "Best War Films of the Nineties"),
]

#: Words of the page around the article, in the seed's widgets and the built page's chrome.
PAGE_CHROME = [
    "Table of Contents",
    "Toggle",
    "KEEP UP WITH THE TREND",
    "MOST SHARED",
    "⇢",
    *(title for _, title in WIDGET_LINKS + SIDEBAR_LINKS),
    "FilmFlux",
    "Movies explained, scene by scene",
    "Movies Explained",
    "Reviews & Recaps",
    "Contact Us",
    "Related Posts",
    "Subscribe to our newsletter",
    "All rights reserved",
    "Privacy Policy",
    "Posted on",
    "Posted in",
    "ez-toc",
    "ezTOC",
    "smooth_scroll",
    "schema.org",
    "font-weight",
]


def seed_lines() -> list[str]:
    assert SEED.is_file(), f"the seed is expected at {SEED} (shared/ beside the clone)"
    return SEED.read_text(encoding="utf-8").splitlines()


def _esc(text: str) -> str:
    """Escape as WordPress does: ``&amp;`` and numeric entities for typographic quotes."""
    text = html.escape(text, quote=False)
    for char, entity in (("’", "&#8217;"), ("‘", "&#8216;"), ("“", "&#8220;"), ("”", "&#8221;")):
        text = text.replace(char, entity)
    return text.replace("—", "&#8212;").replace("⇢", "&#8674;")


def _anchor(heading: str) -> str:
    return re.sub(r"\W+", "_", heading).strip("_")


def _is_heading(line: str) -> bool:
    """The builder's own notion of a heading line in the seed's template."""
    if line in SECTION_HEADINGS:
        return True
    return (
        not line.startswith("- ")
        and len(line) < 80
        and not line.rstrip().endswith((".", "!", "?", "”", '"', ":", ";", ","))
    )


def _links(links: list[tuple[str, str]]) -> str:
    return "".join(f'<li><a href="{href}">{_esc(title)}</a></li>\n' for href, title in links)


def _widget(title: str, number: int) -> str:
    """Alternate the two shapes of inline widget: a block group, and a bare title + link list."""
    if number % 2 == 0:
        return (
            '<div class="wp-block-group widget-trending">\n'
            f'<p class="widget-title">{_esc(title)}</p>\n'
            f'<ul class="wp-block-latest-posts">\n{_links(WIDGET_LINKS[:2])}</ul>\n</div>\n'
        )
    return f"<p>{_esc(title)}</p>\n<ul>\n{_links(WIDGET_LINKS[2:])}</ul>\n"


def _toc(headings: list[tuple[int, str]]) -> str:
    items = "".join(
        f'<li class="ez-toc-page-1 ez-toc-heading-level-{level}"><a class="ez-toc-link" '
        f'href="#{_anchor(text)}" title="{_esc(text)}">{_esc(text)}</a></li>\n'
        for level, text in headings
    )
    return (
        '<div id="ez-toc-container" class="ez-toc-v2_0_61 counter-hierarchy ez-toc-counter '
        'ez-toc-grey ez-toc-container-direction">\n'
        '<div class="ez-toc-title-container">\n<p class="ez-toc-title">Table of Contents</p>\n'
        '<span class="ez-toc-title-toggle"><a href="#" class="ez-toc-pull-right ez-toc-btn '
        'ez-toc-btn-xs ez-toc-btn-default ez-toc-toggle" aria-label="Toggle Table of Content">'
        '<span class="ez-toc-js-icon-con">Toggle</span></a></span></div>\n'
        f'<nav><ul class="ez-toc-list ez-toc-list-level-1">\n{items}</ul></nav></div>\n'
    )


def build_wordpress_page(lines: list[str]) -> str:
    """A WordPress page of the seed's kind of site holding ``lines`` as its article."""
    cleaned = [line.removeprefix("Toggle") for line in lines]
    headings = [
        (2 if line in SECTION_HEADINGS else 3, line)
        for index, line in enumerate(cleaned)
        if index > 0 and line != "Table of Contents" and not line.startswith("⇢") and _is_heading(line)
    ]
    body: list[str] = []
    in_list = False
    widgets = 0
    for index, (raw, line) in enumerate(zip(lines, cleaned, strict=True)):
        if in_list and not line.startswith("- "):
            body.append("</ul>\n")
            in_list = False
        if not line.strip():
            continue
        if line == "Table of Contents":
            body.append(_toc(headings))
        elif line.startswith("⇢"):
            body.append(_widget(line, widgets))
            widgets += 1
        elif line.startswith("- "):
            if not in_list:
                body.append("<ul>\n")
                in_list = True
            body.append(f"<li>{_esc(line[2:])}</li>\n")
        elif index > 0 and _is_heading(line):
            tag = "h2" if line in SECTION_HEADINGS else "h3"
            body.append(
                f'<{tag}><span class="ez-toc-section" id="{_anchor(line)}"></span>{_esc(line)}'
                f'<span class="ez-toc-section-end"></span></{tag}>\n'
            )
        else:
            assert raw == line, raw
            body.append(f"<p>{_esc(line)}</p>\n")
    if in_list:
        body.append("</ul>\n")
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Movie Explained &#8211; FilmFlux</title>
<style id="ez-toc-inline-css">#ez-toc-container{{background:#f9f9f9}} .ez-toc-title{{font-weight:700}}</style>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Article"}}</script>
</head>
<body class="post-template-default single single-post">
<header id="masthead" class="site-header">
<div class="site-branding"><a href="/" rel="home" class="site-title">FilmFlux</a>
<p class="site-description">Movies explained, scene by scene</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">Home</a></li>
<li><a href="/category/explained/">Movies Explained</a></li>
<li><a href="/category/reviews/">Reviews &amp; Recaps</a></li>
<li><a href="/contact/">Contact Us</a></li>
</ul></nav>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
<article id="post-1995" class="post type-post status-publish">
<header class="entry-header">
<div class="entry-meta">Posted on <time>May 5, 2024</time> by FilmFlux Staff</div></header>
<div class="entry-content">
{"".join(body)}</div>
<footer class="entry-footer">Posted in <a href="/category/explained/">Movies Explained</a></footer>
</article>
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search"><input type="search"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Related Posts</h2>
<ul>
{_links(SIDEBAR_LINKS)}</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="site-info">&copy; 2024 FilmFlux Media. All rights reserved.
<a href="/privacy-policy/">Privacy Policy</a></div>
<p>Subscribe to our newsletter for weekly explainers.</p>
</footer>
<script>var ezTOC = {{"smooth_scroll":"1","scroll_offset":"30"}};</script>
</body>
</html>
"""


@pytest.fixture
def seed_path() -> Path:
    seed_lines()
    return SEED


@pytest.fixture
def seed_html_path(tmp_path: Path) -> Path:
    """The seed as the WordPress page it came from, built from its lines for this test run."""
    page = build_wordpress_page(seed_lines())
    # the builder itself must have produced the chrome the reader has to drop
    for chrome in ("ez-toc-container", "widget-trending", "<aside", "<footer", "<nav", "<script"):
        assert chrome in page
    assert page.count("<h2>") >= 15
    assert "&#8217;" in page
    path = tmp_path / "leaving-las-vegas.html"
    path.write_text(page, encoding="utf-8")
    return path
