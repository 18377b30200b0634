"""Machine-read files: the sitemap, the Atom feed of newest guides, robots.txt."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from filmguide.store import Store

FEED_SIZE = 30


def sitemap_xml(store: Store, base_url: str) -> bytes:
    urls = [f"{base_url}/"]
    urls += [f"{base_url}/films/{g.slug}" for g in store.list_guides()]
    urls += [f"{base_url}/people/{p.slug}" for p in store.people()]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [f"  <url><loc>{escape(u)}</loc></url>" for u in urls]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def atom_feed(store: Store, base_url: str) -> bytes:
    """Newest guides first, in Atom."""
    guides = store.newest_guides(FEED_SIZE)
    updated = max((g.updated_at for g in guides), default=datetime.now(UTC))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>filmguide: newest guides</title>",
        f'  <link href="{escape(base_url)}/feed.xml" rel="self"/>',
        f'  <link href="{escape(base_url)}/"/>',
        f"  <id>{escape(base_url)}/</id>",
        f"  <updated>{updated.isoformat()}</updated>",
    ]
    for g in guides:
        url = f"{base_url}/films/{g.slug}"
        year = f" ({g.year})" if g.year else ""
        lines += [
            "  <entry>",
            f"    <title>{escape(g.title + year)}</title>",
            f'    <link href="{escape(url)}"/>',
            f"    <id>{escape(url)}</id>",
            f"    <updated>{g.updated_at.isoformat()}</updated>",
            f"    <summary>{escape(g.title + year)}: the film explained.</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode()


def robots_txt(base_url: str) -> str:
    return f"User-agent: *\nDisallow: /search\nAllow: /\nSitemap: {base_url}/sitemap.xml\n"
