"""What the export renders: its jobs (a film, a person, a browse page, the site-wide files), each
giving its files' paths and bytes. Every page is the page the server renders: the same
:mod:`filmguide.web.pages` data, the same templates through the same
:class:`~filmguide.web.render.Renderer`, the same JSON twin bytes; only the templates' ``url``
differs (:class:`filmguide.export.links.PageUrls`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from filmguide import search as site_search
from filmguide.export.links import SEARCH_INDEX, Links
from filmguide.export.snapshot import Snapshot
from filmguide.redirects import REDIRECTS_MAP, nginx_map, redirect_folder, redirect_page
from filmguide.web import cards, feeds, pages
from filmguide.web.page_models import PageData
from filmguide.web.render import Renderer, json_bytes
from filmguide.web.seo import absolute_url
from filmguide.web.site import SHARE_TARGETS, STATIC, share_link

#: First path segments the export's own files use: an alias there gets no redirect page.
_OWN_TOP = frozenset(
    {"films", "people", "static", "search", "index.html", "index.json", "404.html", "films.json", "feed.xml"}
    | {"sitemap.xml", "robots.txt", SEARCH_INDEX}
)

Job = tuple[str, str]
Files = list[tuple[str, bytes]]


@dataclass
class Exporter:
    """What every worker needs: the snapshot, the renderer set up for the export, the links."""

    snapshot: Snapshot
    root: Path
    links: Links
    api_base: str | None
    browse_pages: int
    renderer: Renderer = field(init=False)

    def __post_init__(self) -> None:
        self.renderer = Renderer()
        self.renderer.env.globals["static_site"] = {
            "api": self.api_base or "",
            "share_href": self._share_href,
            "share_template": SHARE_TARGETS.__getitem__,
        }

    def _share_href(self, channel: str, slug: str) -> str:
        """A plain link to the network's share page, carrying the page's public address."""
        return share_link(channel, self.links.page_url(f"/films/{slug}")) or ""

    def jobs(self) -> list[Job]:
        """Every job, in a fixed order: the few site-wide files, browse pages, films, people."""
        found: list[Job] = [
            ("site", name) for name in ("home", "search", "404", "feeds", "search-index", "redirects")
        ]
        found += [("static", path.name) for path in sorted(STATIC.iterdir()) if path.is_file()]
        found += [("browse", str(n)) for n in range(1, self.browse_pages + 1)]
        found += [("film", slug) for slug in self.snapshot.film_slugs()]
        found += [("person", slug) for slug in self.snapshot.person_slugs()]
        return found

    def render(self, job: Job) -> Files:
        kind, name = job
        if kind == "film":
            return self._film(name)
        if kind == "person":
            return self._person(name)
        if kind == "browse":
            return self._browse(int(name))
        if kind == "static":
            return [(f"static/{name}", (STATIC / name).read_bytes())]
        return self._site(name)

    def _page(self, template: str, data: PageData, path: str, json_path: str, out: str) -> tuple[str, bytes]:
        """One HTML page, rendered as the server renders it, its links written in the export's form
        (relative to ``out``'s folder; from the root on the 404 page, served at any depth)."""
        page_dir = None if out == "404.html" else out.removesuffix("index.html")
        text = self.renderer.render(
            template,
            data,
            base_url=self.links.base_url or "",
            path=path,
            json_path=json_path,
            url=self.links.for_page(page_dir),
        )
        return out, text.encode()

    def _film(self, slug: str) -> Files:
        data: PageData | None = pages.film_page(self.snapshot, slug, pages.PageOptions())
        template = "film.html"
        if data is None:
            data, template = pages.catalog_film_page(self.snapshot, slug), "catalog_film.html"
        if data is None:
            return []
        site = f"/films/{slug}"
        files = [
            self._page(template, data, site, f"{site}.json", f"films/{slug}/index.html"),
            (f"films/{slug}.json", json_bytes(data)),
            *self._card(data),
        ]
        if template == "film.html":
            free = pages.film_page(self.snapshot, slug, pages.PageOptions(spoilers=False))
            assert free is not None
            out = f"films/{slug}/no-spoilers/index.html"
            files.append(self._page(template, free, site, f"{site}.json?spoilers=0", out))
            files.append((f"films/{slug}/no-spoilers.json", json_bytes(free)))
        return files

    def _card(self, data: PageData) -> Files:
        """The page's share card, at the path its ``og:image`` names. The file name holds the
        card's version (a hash of what it shows), so a card an earlier export wrote is this very
        picture: it is read back rather than drawn again."""
        card = cards.card_for_page(data)
        if card is None:
            return []
        relative = card.path.lstrip("/")
        try:
            body = (self.root / relative).read_bytes()
        except FileNotFoundError:
            body = card.png()
        return [(relative, body)]

    def _person(self, slug: str) -> Files:
        data = pages.person_page(self.snapshot, slug)
        if data is None:
            return []
        site = f"/people/{slug}"
        return [
            self._page("person.html", data, site, f"{site}.json", f"people/{slug}/index.html"),
            (f"people/{slug}.json", json_bytes(data)),
            *self._card(data),
        ]

    def _browse(self, number: int) -> Files:
        data = pages.browse_page(self.snapshot, {"page": str(number)} if number > 1 else {})
        json_path = "/films.json" + (f"?page={number}" if number > 1 else "")
        folder = "films/" if number == 1 else f"films/page/{number}/"
        twin = "films.json" if number == 1 else f"films/page/{number}.json"
        return [
            self._page("browse.html", data, "/films", json_path, folder + "index.html"),
            (twin, json_bytes(data)),
        ]

    def _site(self, name: str) -> Files:
        if name == "home":
            data: PageData = pages.home_page(self.snapshot)
            return [
                self._page("home.html", data, "/", "/index.json", "index.html"),
                ("index.json", json_bytes(data)),
                *self._card(data),
            ]
        if name == "search":
            data = site_search.search_page(self.snapshot, "")
            return [self._page("search.html", data, "/search", f"/{SEARCH_INDEX}", "search/index.html")]
        if name == "404":
            data = {"kind": "not_found", "error": "not found", "path": "", "suggestions": []}
            return [self._page("404.html", data, "/404.html", "", "404.html")]
        if name == "search-index":
            return [(SEARCH_INDEX, self.snapshot.search_index())]
        if name == "redirects":
            return self._redirects()
        return self._feeds()

    def _feeds(self) -> Files:
        """The sitemap and the feed with the export's URLs (absolute with a base URL, else from
        the root): an entry's id is its page's canonical URL, as on the site, and the export's
        canonical URL of a film is ``films/{slug}/``."""
        base = self.links.base_url or ""

        def link(path: str) -> str:
            return self.links.link(absolute_url(base, path), None)

        return [
            *feeds.sitemap_files(self.snapshot, base, link=link).items(),
            ("feed.xml", feeds.atom_feed(self.snapshot, base, link)),
            ("robots.txt", feeds.robots_txt(base).encode()),
        ]

    def _redirects(self) -> Files:
        """Old addresses (aliases): the nginx ``map`` file, always written (an empty map when there
        are none, so the documented configuration always loads), and a redirect page at each old
        path that is a safe folder name outside the export's own."""
        moved: list[tuple[str, str]] = []
        files: Files = []
        for path, slug in self.snapshot.all_aliases():
            target = self.links.page_url(f"/films/{slug}")
            moved.append((path, target))
            folder = redirect_folder(path, reserved=_OWN_TOP)
            if folder is not None:
                files.append((f"{folder}/index.html", redirect_page(target)))
        files.append((REDIRECTS_MAP, nginx_map(moved)))
        return files
