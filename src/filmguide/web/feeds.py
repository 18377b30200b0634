"""Machine-read files: the sitemap, the Atom feed of newest guides, robots.txt.

The XML is written by hand (it is small and fixed in shape) through :func:`xml_text` and
:func:`xml_attr`, which are the only way article text gets into it: they escape markup and drop the
characters XML 1.0 cannot hold, so a hostile title still gives a well-formed document whose text
reads back as written. ``docs/web.md`` describes both files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, datetime

from filmguide.store import Store
from filmguide.store.catalog import MAX_PER_PAGE, FilmRow
from filmguide.web.seo import SITE_NAME, absolute_url, clip

FEED_SIZE = 30
#: URLs in one sitemap file: the sitemaps.org protocol's limit.
SITEMAP_LIMIT = 50_000
SUMMARY_LENGTH = 300
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
#: An empty feed's ``updated``: a fixed moment, so the empty feed's bytes (and ETag) never change.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

#: Characters outside XML 1.0's ``Char`` production (C0 controls but tab, CR and LF; lone
#: surrogates; U+FFFE and U+FFFF): no escape can put them in a document, so they are dropped.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` as XML character data: ``&``, ``<`` and ``>`` escaped (``>`` so that ``]]>``
    cannot appear), characters XML cannot carry dropped."""
    value = _NOT_XML_CHAR.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(value: str) -> str:
    """``value`` inside a double-quoted XML attribute: as text, plus ``"``; tab, CR and LF as
    character references, since a parser would turn them into spaces."""
    value = xml_text(value).replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def w3c_datetime(moment: datetime) -> str:
    """A moment as RFC 3339 / W3C Datetime in UTC, to the second (what Atom and sitemaps read)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _document(lines: list[str]) -> bytes:
    return ("\n".join(['<?xml version="1.0" encoding="UTF-8"?>', *lines]) + "\n").encode("utf-8")


#: A site path (``/films/x``) as a machine-read file writes it: on the base URL by default (the
#: static export gives its own, writing its clean URLs).
Link = Callable[[str], str]


def _on_base(base_url: str, link: Link | None) -> Link:
    return link or functools.partial(absolute_url, base_url)


def sitemap_urls(store: Store, base_url: str, link: Link | None = None) -> list[tuple[str, datetime | None]]:
    """Every page worth indexing, each once: the home page, every film page (guides with
    ``lastmod``, then catalog films without a guide), every person.

    Catalog films are listed: their pages say ``index,follow`` and are pages of their own (facts,
    figures, charts, similar films), so a search engine should find them, not only through the
    browse pages. Search results are left out (robots.txt disallows them, the pages say noindex),
    and so are the browse pages, which only lead to the pages listed here.
    """
    at = _on_base(base_url, link)
    guides = store.list_guides()
    guided = {g.slug for g in guides}
    newest = max((g.updated_at for g in guides), default=None)
    urls: list[tuple[str, datetime | None]] = [(at("/"), newest)]
    urls += [(at(f"/films/{g.slug}"), g.updated_at) for g in guides]
    catalog = sorted(row.slug for row in every_film(store) if row.slug not in guided)
    urls += [(at(f"/films/{slug}"), None) for slug in catalog]
    urls += [(at(f"/people/{p.slug}"), None) for p in store.people()]
    return urls


def every_film(store: Store) -> list[FilmRow]:
    """Every film with a page: the unfiltered browse listing by title, a large page at a time
    (the sitemap lists them; the static export renders its browse pages from them)."""
    rows: list[FilmRow] = []
    page = 1
    while True:
        part = store.browse(page=page, per_page=MAX_PER_PAGE)
        rows += part.films
        if page >= part.pages:
            return rows
        page += 1


def sitemap_files(
    store: Store, base_url: str, limit: int | None = None, link: Link | None = None
) -> dict[str, bytes]:
    """The sitemap's files by path: ``sitemap.xml`` holding every URL of :func:`sitemap_urls`
    while they are at most ``limit`` (the protocol's 50,000); past that, ``sitemap.xml`` is a
    sitemap index naming ``sitemap-1.xml``, ``sitemap-2.xml``… each of at most ``limit`` URLs."""
    at = _on_base(base_url, link)
    urls = sitemap_urls(store, base_url, at)
    limit = limit or SITEMAP_LIMIT
    if len(urls) <= limit:
        return {"sitemap.xml": _urlset(urls)}
    parts = {
        f"sitemap-{n + 1}.xml": _urlset(urls[start : start + limit])
        for n, start in enumerate(range(0, len(urls), limit))
    }
    lines = [f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for name in parts:
        lines.append(f"  <sitemap><loc>{xml_text(at('/' + name))}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return {"sitemap.xml": _document(lines), **parts}


def sitemap_xml(store: Store, base_url: str) -> bytes:
    """``/sitemap.xml``: the sitemap, or the sitemap index past 50,000 URLs (:func:`sitemap_files`)."""
    return sitemap_files(store, base_url)["sitemap.xml"]


def _urlset(urls: list[tuple[str, datetime | None]]) -> bytes:
    lines = [f'<urlset xmlns="{SITEMAP_NS}">']
    for url, lastmod in urls:
        modified = f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{xml_text(url)}</loc>{modified}</url>")
    lines.append("</urlset>")
    return _document(lines)


def _entry(store: Store, at: Link, slug: str, title: str, year: int | None, updated: datetime) -> list[str]:
    """One guide as an Atom entry: its id is the film page's canonical URL, which never changes
    for a guide (its slug is kept across edits) as long as the site's public URL does not."""
    url = at(f"/films/{slug}")
    label = f"{title} ({year})" if year else title
    guide = store.get_guide(slug)
    intro = guide.intro if guide and guide.intro else []
    summary = clip(intro[0], SUMMARY_LENGTH) if intro else f"{label}: the film explained."
    genres = guide.film_type.genres if guide and guide.film_type else []
    return [
        "  <entry>",
        f"    <id>{xml_text(url)}</id>",
        f"    <title>{xml_text(label)}</title>",
        f"    <updated>{w3c_datetime(updated)}</updated>",
        f'    <link rel="alternate" type="text/html" href="{xml_attr(url)}"/>',
        *(f'    <category term="{xml_attr(genre)}"/>' for genre in genres),
        f"    <summary>{xml_text(summary)}</summary>",
        "  </entry>",
    ]


def atom_feed(store: Store, base_url: str, link: Link | None = None) -> bytes:
    """The newest guides, newest first, as an Atom feed (RFC 4287).

    The feed's ``updated`` is its newest entry's, so the bytes change only when a guide does.
    """
    guides = store.newest_guides(FEED_SIZE)
    updated = max((g.updated_at for g in guides), default=EPOCH)
    at = _on_base(base_url, link)
    self_url = at("/feed.xml")
    lines = [
        f'<feed xmlns="{ATOM_NS}">',
        f"  <id>{xml_text(self_url)}</id>",
        f"  <title>{xml_text(SITE_NAME)}: newest guides</title>",
        "  <subtitle>Films explained: what happens, who is in it, and what to watch next.</subtitle>",
        f"  <updated>{w3c_datetime(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{xml_attr(self_url)}"/>',
        f'  <link rel="alternate" type="text/html" href="{xml_attr(at("/"))}"/>',
        f"  <author><name>{xml_text(SITE_NAME)}</name></author>",
        f"  <generator>{xml_text(SITE_NAME)}</generator>",
    ]
    for g in guides:
        lines += _entry(store, at, g.slug, g.title, g.year, g.updated_at)
    lines.append("</feed>")
    return _document(lines)


def robots_txt(base_url: str) -> str:
    """Everything may be crawled but search results (endless, and copies of other pages) and the
    writers' desk (private; its pages also say ``noindex``)."""
    sitemap = absolute_url(base_url, "/sitemap.xml")
    return f"User-agent: *\nDisallow: /search\nDisallow: /desk\nAllow: /\nSitemap: {sitemap}\n"
