"""The export's links: a site URL (``/films/x?spoilers=0#end``) as the export's clean URL
(``films/x/no-spoilers/#end``, served from ``films/x/no-spoilers/index.html``), relative to the
page, from the root, or absolute on ``--base-url``.

The templates write every site link through ``url`` (:mod:`filmguide.web.site`); the export gives
them a :class:`PageUrls` for the page being rendered, so a page comes out of the renderer with its
links already in the export's form. A directory URL with its trailing slash is what every static
host serves from ``index.html``, so relative links resolve the same under nginx, a CDN or
``python -m http.server``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

#: The compact search index the export's search page reads.
SEARCH_INDEX = "search-index.json"

_FILM = re.compile(r"/films/([^/]+)")
_PERSON = re.compile(r"/people/([^/]+)")
_ASSETS = ("/feed.xml", "/sitemap.xml", "/robots.txt", "/" + SEARCH_INDEX)
_SITEMAP_PART = re.compile(r"/sitemap-[0-9]+\.xml")


def export_path(url: str) -> str | None:
    """A site URL (``/films/x?spoilers=0#end``) as the export's path, from its root and without a
    leading slash (``films/x/no-spoilers/#end``); ``None`` for what the export does not hold
    (a filtered browse page, the share endpoint): such a link is left as it is."""
    parts = urlsplit(url)
    path, query = parts.path, parse_qs(parts.query)
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    spoiler_free = query.get("spoilers") == ["0"]
    target: str | None = None
    if path == "/":
        target = ""
    elif path == "/index.json":
        target = "index.json"
    elif path in ("/films", "/films.json"):
        target = _browse_path(query, as_json=path.endswith(".json"))
    elif (film := _FILM.fullmatch(path)) is not None:
        name = film.group(1)
        if name.endswith(".json"):
            target = f"films/{name[:-5]}/no-spoilers.json" if spoiler_free else f"films/{name}"
        else:
            target = f"films/{name}/no-spoilers/" if spoiler_free else f"films/{name}/"
    elif (person := _PERSON.fullmatch(path)) is not None:
        name = person.group(1)
        target = f"people/{name}" if name.endswith(".json") else f"people/{name}/"
    elif path == "/search":
        target = "search/" + (f"?{parts.query}" if parts.query else "")
    elif path in _ASSETS or path.startswith("/static/") or _SITEMAP_PART.fullmatch(path):
        target = path[1:] + (f"?{parts.query}" if parts.query else "")
    return None if target is None else target + fragment


def _browse_path(query: dict[str, list[str]], *, as_json: bool) -> str | None:
    """``/films?page=N`` → ``films/page/N/``; a filter or another sort is not exported."""
    if any(key not in ("page", "sort") for key in query) or query.get("sort", ["title"]) != ["title"]:
        return None
    page = query.get("page", ["1"])[0]
    if not page.isdigit() or int(page) < 1:
        return None
    if int(page) == 1:
        return "films.json" if as_json else "films/"
    return f"films/page/{int(page)}.json" if as_json else f"films/page/{int(page)}/"


@dataclass(frozen=True)
class Links:
    """How the export writes a link: relative to the page (the default), from the site's root
    (for the 404 page, served at any depth), or absolute on ``base_url`` when one is given."""

    base_url: str | None = None
    #: Links already written, by (link, depth of the page's folder): a site has a few thousand
    #: distinct links, each on many pages.
    _done: dict[tuple[str, int], str] = field(default_factory=dict, compare=False, repr=False)

    def href(self, url: str, page_dir: str | None) -> str | None:
        """``url`` as the page in ``page_dir`` (``films/x/``; ``None``: a page served at any
        address) links it, or ``None`` to leave it unchanged."""
        site = self._site_url(url)
        target = export_path(site) if site is not None else None
        if target is None:
            return None
        if self.base_url:
            return f"{self.base_url}/{target}"
        if page_dir is None:
            return f"/{target}"
        return ("../" * page_dir.count("/") + target) or "./"

    def link(self, url: str, page_dir: str | None) -> str:
        """:meth:`href`, or ``url`` itself when the export does not hold it (remembered)."""
        key = (url, -1 if page_dir is None else page_dir.count("/"))  # only the depth matters
        done = self._done.get(key)
        if done is None:
            done = self._done[key] = self.href(url, page_dir) or url
        return done

    def _site_url(self, url: str) -> str | None:
        if url.startswith("/") and not url.startswith("//"):
            return url
        if self.base_url and (url == self.base_url or url.startswith(self.base_url + "/")):
            return url[len(self.base_url) :] or "/"
        return None

    def page_url(self, site_path: str) -> str:
        """A page's own address as a share link carries it: absolute with a base URL, else from
        the root (the page's script puts in the address the browser sees)."""
        target = export_path(site_path) or ""
        return f"{self.base_url}/{target}" if self.base_url else f"/{target}"

    def for_page(self, page_dir: str | None) -> PageUrls:
        """The templates' ``url`` for the page in ``page_dir`` (``None``: the 404 page)."""
        return PageUrls(self, page_dir)


@dataclass(frozen=True, slots=True)
class PageUrls:
    """The templates' ``url`` (:class:`filmguide.web.site.Urls`) on one exported page."""

    links: Links
    page_dir: str | None

    def __call__(self, link: str) -> str:
        return self.links.link(link, self.page_dir)

    def absolute(self, path: str) -> str:
        """As any link: the export's links are absolute only with a base URL."""
        return self.links.link((self.links.base_url or "") + path, self.page_dir)

    def public(self, link: str) -> str:
        """Absolute on the base URL, else from the root: never relative to the page."""
        return self.links.link(link, None)
