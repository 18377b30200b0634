"""The static export: the whole site as files, for nginx or a CDN (``filmguide export DIR``).

Every page is the page the server renders: the same :mod:`filmguide.web.pages` data, the same
templates through the same :class:`~filmguide.web.render.Renderer`, the same JSON twin bytes. Only
the links change, after rendering, to the export's clean URLs (``/films/{slug}`` becomes
``films/{slug}/``, served from ``films/{slug}/index.html``), relative or based on ``--base-url``.
A directory URL with its trailing slash is what every static host serves from ``index.html``, so
relative links resolve the same under nginx, a CDN or ``python -m http.server``.

Deterministic: nothing depends on the clock (the trending lists are counted up to the newest event
in the database), orders are sorted, so the same database gives the same bytes. Incremental: a
file is written only when its bytes differ from what is on disk (atomically: a temporary file,
then ``os.replace``), and files an earlier export wrote that no longer belong are removed (the
export keeps a manifest, :data:`MANIFEST`, and never deletes a file it did not write).

The data is read in a few bulk queries into a :class:`Snapshot`; the pages are rendered by forked
worker processes (as :mod:`filmguide.importer` parses), each writing its own files.
"""

from __future__ import annotations

import gc
import html
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import orjson
from markupsafe import escape
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from filmguide import search as site_search
from filmguide.catalog import CatalogFilm
from filmguide.model import Guide
from filmguide.redirects import REDIRECTS_MAP, nginx_map, redirect_folder, redirect_page
from filmguide.store import Store
from filmguide.store.catalog import MAX_PER_PAGE, Browse, FilmRow
from filmguide.store.events import Count
from filmguide.store.films import StoredRef
from filmguide.store.people import FilmCredit, Person
from filmguide.web import cards, feeds, pages
from filmguide.web.app import HERE as WEB_DIR
from filmguide.web.app import SHARE_TARGETS
from filmguide.web.page_models import PageData
from filmguide.web.render import Renderer, json_bytes

#: The list of files the last export wrote, in the export's root (never served: see docs/deploy.md).
MANIFEST = ".filmguide-export"
#: The compact search index the export's search page reads.
SEARCH_INDEX = "search-index.json"
#: Below this many jobs, rendering here beats forking workers.
PARALLEL_FROM = 64
#: Jobs handed to a worker at a time.
CHUNK = 24
#: First path segments the export's own files use: an alias there gets no redirect page.
_OWN_TOP = frozenset(
    {"films", "people", "static", "search", "index.html", "index.json", "404.html", "films.json", "feed.xml"}
    | {"sitemap.xml", "robots.txt", SEARCH_INDEX}
)
#: The clock of a database with no events: any fixed moment gives empty trending lists.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Job = tuple[str, str]
Files = list[tuple[str, bytes]]


class ExportError(Exception):
    """A problem the user can fix (the folder is a file, cannot be written, a bad URL): one line."""


# --- the report -----------------------------------------------------------------------------------


@dataclass
class ExportReport:
    """What a run did: pages (HTML pages), files (every file, twins and assets included), and how
    many files were written, left as they were, and removed."""

    pages: int = 0
    files: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    written_paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"exported {self.pages:,} pages ({self.files:,} files): {self.written:,} written, "
            f"{self.unchanged:,} unchanged, {self.removed:,} removed"
        )


# --- links -------------------------------------------------------------------------------------------

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
    #: Attribute text already rewritten, by (text, depth of the page's folder): a site has a few
    #: thousand distinct links, each on many pages.
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

    def attribute(self, text: str, page_dir: str | None) -> str:
        """An escaped attribute value as the export writes it (the same text when unchanged)."""
        key = (text, -1 if page_dir is None else page_dir.count("/"))  # only the depth matters
        done = self._done.get(key)
        if done is None:
            new = self.href(html.unescape(text), page_dir)
            done = self._done[key] = text if new is None else str(escape(new))
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


_HTML_LINK = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
_OG_URL = re.compile(r'(<meta property="og:url" content=")([^"]*)(")')
_XML_LINK = re.compile(r'(<loc>|<id>|\shref=")([^<"]*)(</loc>|</id>|")')


def relink_html(text: str, links: Links, page_dir: str | None) -> str:
    """Every site link of a rendered page (``href``, ``src``, ``action``, ``og:url``) in the
    export's form. Attributes are read and written escaped, as the templates wrote them."""

    def swap(match: re.Match[str]) -> str:
        return match.group(1) + links.attribute(match.group(2), page_dir) + match.group(3)

    def swap_absolute(match: re.Match[str]) -> str:
        return match.group(1) + links.attribute(match.group(2), None) + match.group(3)

    return _OG_URL.sub(swap_absolute, _HTML_LINK.sub(swap, text), count=1)


def relink_xml(body: bytes, links: Links) -> bytes:
    """The sitemap's ``<loc>``, the feed's ``href`` and ``<id>`` in the export's form (absolute
    with a base URL, else from the root): an entry's id is its page's canonical URL, as on the
    site, and the export's canonical URL of a film is ``films/{slug}/``."""

    def swap(match: re.Match[str]) -> str:
        new = links.href(html.unescape(match.group(2)), None)
        if new is None:
            return match.group(0)
        return f"{match.group(1)}{feeds.xml_attr(new)}{match.group(3)}"

    return _XML_LINK.sub(swap, body.decode("utf-8")).encode("utf-8")


# --- the data, read in bulk ---------------------------------------------------------------------


class Snapshot(Store):
    """The store with the reads a film or person page makes answered from memory, loaded in a few
    bulk queries; everything else goes to the database as usual.

    Forked render workers inherit it and need no query for those pages (after a fork each worker
    drops the inherited connections: ``engine.dispose(close=False)``).
    """

    def __init__(self, store: Store) -> None:
        super().__init__(store.engine)
        self._guides: dict[str, Guide] = store.guides()
        self._catalog: dict[str, CatalogFilm] = {film.slug: film for film in store.catalog_films()}
        self._similar = store.similar_lists()
        self._refs: dict[str, list[StoredRef]] = {
            slug: store.film_refs(slug) for slug in sorted(self._guides)
        }
        self._persons: dict[str, Person] = {person.slug: person for person in store.people()}
        self._credits = store.credits_by_person()
        self.clock = store.latest_event() or EPOCH
        """The trending lists' "now": the newest event, so the clock never changes a page."""
        self._genres = store.genres()
        self._listing = _whole_listing(store)
        self._aliases = store.all_aliases()
        self._aliases_of: dict[str, list[str]] = {}
        for path, slug in self._aliases:
            self._aliases_of.setdefault(slug, []).append(path)

    def aliases(self, slug: str) -> list[str]:
        return list(self._aliases_of.get(slug, []))

    def all_aliases(self) -> list[tuple[str, str]]:
        return list(self._aliases)

    def genres(self) -> list[str]:
        return list(self._genres)

    def browse(
        self,
        *,
        genre: str | None = None,
        year: int | None = None,
        director: str | None = None,
        sort: str = "title",
        page: int = 1,
        per_page: int = 48,
    ) -> Browse:
        """The unfiltered listing by title (the export's browse pages) from memory; any other
        query from the database."""
        if genre or year is not None or director or sort != "title" or not 1 <= per_page <= MAX_PER_PAGE:
            return super().browse(
                genre=genre, year=year, director=director, sort=sort, page=page, per_page=per_page
            )
        page = max(1, page)
        total = len(self._listing)
        rows = self._listing[(page - 1) * per_page : page * per_page]
        return Browse(
            films=rows, total=total, page=page, pages=max(1, -(-total // per_page)), per_page=per_page
        )

    def get_guide(self, slug: str) -> Guide | None:
        guide = self._guides.get(slug)
        return guide.model_copy(deep=True) if guide is not None else None

    def film_refs(self, slug: str) -> list[StoredRef]:
        return list(self._refs.get(slug, []))

    def catalog_film(self, slug: str) -> CatalogFilm | None:
        return self._catalog.get(slug)

    def similar(self, slug: str) -> list[dict[str, Any]]:
        return [dict(item) for item in self._similar.get(slug, [])]

    def person(self, slug: str) -> Person | None:
        return self._persons.get(slug)

    def person_credits(self, slug: str) -> list[FilmCredit]:
        return list(self._credits.get(slug, []))

    def top_films(self, kind: str, *, limit: int = 10, now: datetime | None = None) -> list[Count]:
        return super().top_films(kind, limit=limit, now=now or self.clock)

    def film_slugs(self) -> list[str]:
        """Every film with a page: each guide and each catalog film, sorted."""
        return sorted(set(self._guides) | set(self._catalog))

    def guide_slugs(self) -> list[str]:
        return sorted(self._guides)

    def person_slugs(self) -> list[str]:
        return sorted(self._persons)

    def search_index(self) -> bytes:
        """The search page's index: ``films`` as ``[slug, title, year, has guide (0/1)]`` and
        ``people`` as ``[slug, name]``, by title and name; small enough to fetch once."""
        films: list[list[Any]] = []
        for slug in self.film_slugs():
            guide = self._guides.get(slug)
            film = self._catalog.get(slug)
            title = guide.title if guide is not None else film.title if film is not None else slug
            year = guide.year if guide is not None else film.year if film is not None else None
            films.append([slug, title, year, 1 if guide is not None else 0])
        films.sort(key=lambda row: (str(row[1]).casefold(), row[0]))
        people = [
            [p.slug, p.name]
            for p in sorted(self._persons.values(), key=lambda p: (p.name.casefold(), p.slug))
        ]
        return orjson.dumps({"films": films, "people": people})


def _whole_listing(store: Store) -> list[FilmRow]:
    """Every listed film by title, as the browse pages list them, in a few large pages."""
    rows: list[FilmRow] = []
    page = 1
    while True:
        part = store.browse(page=page, per_page=MAX_PER_PAGE)
        rows += part.films
        if page >= part.pages:
            return rows
        page += 1


# --- rendering one job -----------------------------------------------------------------------------


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
        self.renderer.env.auto_reload = False  # templates do not change during a run: no stat() per page
        self.renderer.env.globals["static_site"] = {
            "api": self.api_base or "",
            "share_href": self._share_href,
            "share_template": SHARE_TARGETS.__getitem__,
        }

    def _share_href(self, channel: str, slug: str) -> str:
        url = self.links.page_url(f"/films/{slug}")
        return SHARE_TARGETS[channel].format(url=quote(url, safe=""))

    def jobs(self) -> list[Job]:
        """Every job, in a fixed order: the few site-wide files, browse pages, films, people."""
        found: list[Job] = [
            ("site", name) for name in ("home", "search", "404", "feeds", "search-index", "redirects")
        ]
        found += [("static", path.name) for path in sorted((WEB_DIR / "static").iterdir()) if path.is_file()]
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
            return [(f"static/{name}", (WEB_DIR / "static" / name).read_bytes())]
        return self._site(name)

    def _page(self, template: str, data: PageData, path: str, json_path: str, out: str) -> tuple[str, bytes]:
        """One HTML page, rendered as the server renders it, its links then in the export's form."""
        text = self.renderer.render(
            template, data, base_url=self.links.base_url or "", path=path, json_path=json_path
        )
        page_dir = None if out == "404.html" else out.removesuffix("index.html")
        return out, relink_html(text, self.links, page_dir).encode()

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
        base = self.links.base_url or ""
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
        return [
            *(
                (name, relink_xml(body, self.links))
                for name, body in feeds.sitemap_files(self.snapshot, base).items()
            ),
            ("feed.xml", relink_xml(feeds.atom_feed(self.snapshot, base), self.links)),
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


# --- writing ---------------------------------------------------------------------------------------


def write_if_changed(root: Path, relative: str, body: bytes) -> bool:
    """Write ``body`` at ``root/relative`` unless the file already holds exactly these bytes.

    Atomic: the bytes go to a temporary file in the same folder, then ``os.replace``, so a reader
    (nginx) sees the old file or the new one, never half of one. Returns whether it wrote.
    """
    target = root / relative
    try:
        if target.stat().st_size == len(body) and target.read_bytes() == body:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(body)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


#: The exporter of this process: set before the workers fork, so they inherit it.
_CURRENT: Exporter | None = None


def _worker_start() -> None:
    """In a new worker: leave the parent's database connections alone, open its own when needed."""
    if _CURRENT is not None:
        _CURRENT.snapshot.engine.dispose(close=False)


def _run_chunk(chunk: list[Job]) -> tuple[list[str], list[str], int]:
    """Render and write a few jobs: (every file's path, the paths written, HTML pages)."""
    assert _CURRENT is not None
    paths: list[str] = []
    written: list[str] = []
    html_pages = 0
    for job in chunk:
        for relative, body in _CURRENT.render(job):
            paths.append(relative)
            html_pages += relative.endswith(".html")
            if write_if_changed(_CURRENT.root, relative, body):
                written.append(relative)
    return paths, written, html_pages


@contextmanager
def _chunks_done(
    chunks: list[list[Job]], workers: int
) -> Iterator[Iterable[tuple[list[str], list[str], int]]]:
    """Each chunk's result, in order: from forked workers, or here for a small site or one worker."""
    if (
        workers <= 1
        or len(chunks) * CHUNK < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield (_run_chunk(chunk) for chunk in chunks)
        return
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the snapshot stays out of the workers' collections: fewer copied pages after fork
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start) as pool:
            yield pool.map(_run_chunk, chunks)
    finally:
        gc.unfreeze()


# --- the folder ------------------------------------------------------------------------------------


def prepare_folder(root: Path) -> Path:
    """The export folder, created if missing; :class:`ExportError` when it cannot be one."""
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root} exists and is not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".filmguide-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ExportError(f"cannot write to {root}: {error.strerror or error}") from error
    return root


def _previous_files(root: Path) -> list[str]:
    """What the last export here wrote (its manifest); paths that would leave the folder are dropped."""
    try:
        listed = (root / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    return [p for p in listed if p and not p.startswith("/") and ".." not in p.split("/")]


def _remove_stale(root: Path, stale: Iterable[str]) -> int:
    """Remove files an earlier export wrote and this one did not, and the folders they leave empty."""
    removed = 0
    for relative in sorted(stale):
        target = root / relative
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        folder = target.parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return removed


def _check_url(value: str | None, option: str) -> str | None:
    if value is None or value == "":
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ExportError(f"{option} must be an http(s) URL such as https://films.example.org, not {value!r}")
    return value.rstrip("/")


# --- the export ------------------------------------------------------------------------------------


def export_site(
    store: Store,
    directory: Path,
    *,
    base_url: str | None = None,
    api_base: str | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> ExportReport:
    """Write the whole site into ``directory``; see the module's description."""
    global _CURRENT
    base = _check_url(base_url, "--base-url")
    api = _check_url(api_base, "--api-base")
    root = prepare_folder(directory)
    snapshot = Snapshot(store)
    browse_pages = max(store.browse(page=1, per_page=pages.PER_PAGE).pages, 1)
    exporter = Exporter(snapshot, root, Links(base), api, browse_pages)
    jobs = exporter.jobs()
    _warm(exporter, jobs)
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    workers = workers if workers is not None else default_workers()
    report = ExportReport()
    produced: list[str] = []
    _CURRENT = exporter
    try:
        with _chunks_done(chunks, workers) as results, _progress(progress, len(jobs)) as advance:
            for chunk, (paths, written, html_pages) in zip(chunks, results, strict=True):
                produced += paths
                report.written_paths += written
                report.pages += html_pages
                advance(len(chunk))
    finally:
        _CURRENT = None
    report.files = len(produced)
    report.written = len(report.written_paths)
    report.unchanged = report.files - report.written
    report.removed = _remove_stale(root, set(_previous_files(root)) - set(produced))
    write_if_changed(root, MANIFEST, "".join(f"{p}\n" for p in sorted(produced)).encode())
    report.written_paths.sort()
    return report


def _warm(exporter: Exporter, jobs: list[Job]) -> None:
    """Render one job of each kind here, so the templates are compiled once, before the
    workers fork, rather than once in each worker."""
    seen: set[str] = set()
    for kind, name in jobs:
        if kind not in seen:
            seen.add(kind)
            exporter.render((kind, name))


def default_workers() -> int:
    """One render worker per core."""
    return os.cpu_count() or 1


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    console = Console(stderr=True)
    enabled = show and console.is_terminal
    with Progress(
        TextColumn("exporting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
        transient=True,
    ) as bar:
        task = bar.add_task("export", total=total)
        yield lambda n: bar.advance(task, n)
