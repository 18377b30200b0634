"""Hugo building the same site: the reference the export target was set against.

The issue's target for ``filmguide export`` is "about twice what Hugo does on pages of the same size
here". So the bench builds, beside each export and into the same place (tmpfs or the disk), a Hugo
site made from that export: one content file per HTML page, in the same folders, holding the page's
``<main>`` as raw HTML, wrapped by a layout that is the rest of the same page (head, header, footer),
with a JSON twin per page, as the export writes. Hugo's output is then the same number of pages
and files of about the same sizes; its work per page is less than ours (it renders the Markdown
and one template, with no database, links or facts to compute), which makes the reference strict.

Debian's ``hugo`` package provides the binary; without it the reference is left out of the table.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

HUGO = shutil.which("hugo")

_CONFIG = {
    "baseURL": "http://localhost/",
    "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"],
    "outputs": {"page": ["HTML", "JSON"], "section": ["HTML", "JSON"], "home": ["HTML", "JSON"]},
    "markup": {"goldmark": {"renderer": {"unsafe": True}}},
    "uglyURLs": False,
}
_JSON_LAYOUT = '{{ dict "title" .Title "path" .RelPermalink "content" .Plain | jsonify }}\n'


def available() -> bool:
    return HUGO is not None


def make_site(export_root: Path, site: Path) -> int:
    """A Hugo site with one content file per HTML page of ``export_root``; returns the pages."""
    pages = sorted(export_root.rglob("index.html"))
    head, _, tail = _split(pages[0].read_text(encoding="utf-8"))
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    frame = f"{head}{_MAIN}{{{{ .Content }}}}</main>{tail}"
    for kind in ("single", "list"):
        (layouts / f"{kind}.html").write_text(frame, encoding="utf-8")
        (layouts / f"{kind}.json").write_text(_JSON_LAYOUT, encoding="utf-8")
    (site / "config.json").write_text(json.dumps(_CONFIG), encoding="utf-8")
    content = site / "content"
    for page in pages:
        folder = page.parent.relative_to(export_root)
        main = _split(page.read_text(encoding="utf-8"))[1]
        # Folders that hold other pages are sections (_index.md); the others are pages.
        has_children = any(p.is_dir() for p in page.parent.iterdir())
        if folder == Path("."):
            target = content / "_index.md"
        elif has_children:
            target = content / folder / "_index.md"
        else:
            target = content / folder.parent / f"{folder.name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        title = json.dumps(folder.name or "home")
        target.write_text(f"---\ntitle: {title}\n---\n\n{main.strip()}\n", encoding="utf-8")
    return len(pages)


#: How every page of ours opens its main content (templates/base.html).
_MAIN = '<main id="main" tabindex="-1">'


def _split(page: str) -> tuple[str, str, str]:
    """A page as (what comes before its main content, the main content, what comes after)."""
    head, _, rest = page.partition(_MAIN)
    main, _, tail = rest.partition("</main>")
    return head, main, tail


def build(site: Path, destination: Path) -> int:
    """Build the site into ``destination`` (a new folder); returns the HTML pages written."""
    assert HUGO is not None
    subprocess.run(
        [HUGO, "--quiet", "--source", str(site), "--destination", str(destination)],
        check=True,
        capture_output=True,
    )
    return sum(1 for _ in destination.rglob("index.html"))
