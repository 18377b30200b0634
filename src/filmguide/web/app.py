"""The website: routes, and the one view per page that serves both ``/path`` and ``/path.json``.

Pages are rendered from :mod:`filmguide.web.pages` data by Jinja2 templates; a film page's bytes
are cached per guide version, so a write (a new version) is what invalidates them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from filmguide import search as site_search
from filmguide.config import database_url
from filmguide.store import Store
from filmguide.web import feeds, pages
from filmguide.web.events import EventBuffer
from filmguide.web.render import PageCache, Renderer, etag_response

log = logging.getLogger("filmguide.web")

HERE = Path(__file__).resolve().parent
#: Share channels the buttons offer; anything else is recorded as "other".
SHARE_CHANNELS = frozenset({"copy", "native", "x", "bluesky", "facebook", "email", "other"})


def _split_json(name: str) -> tuple[str, bool]:
    """``leaving-las-vegas.json`` → (``leaving-las-vegas``, True)."""
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def _options(request: Request) -> pages.PageOptions:
    return pages.PageOptions(spoilers=request.query_params.get("spoilers", "1") not in ("0", "false", "no"))


def _json(data: Any, request: Request, status: int = 200) -> Response:
    body = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    return etag_response(request, body, "application/json", status=status)


class Site:
    """The routes' shared state: the store, the renderer, the page cache."""

    def __init__(self, store: Store, *, base_url: str | None = None) -> None:
        self.store = store
        self.base_url = base_url.rstrip("/") if base_url else None
        self.renderer = Renderer()
        self.cache = PageCache()
        self.events = EventBuffer(store)

    def base(self, request: Request) -> str:
        return self.base_url or str(request.base_url).rstrip("/")

    async def page(
        self, request: Request, template: str, data: dict[str, Any], *, json_path: str, status: int = 200
    ) -> Response:
        html = self.renderer.render(
            template, data, base_url=self.base(request), path=request.url.path, json_path=json_path
        )
        return etag_response(request, html.encode(), "text/html; charset=utf-8", status=status)

    # --- views ---------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        await run_in_threadpool(self.events.flush)  # this worker's own views count at once
        data = await run_in_threadpool(pages.home_page, self.store)
        if request.url.path.endswith(".json"):
            return _json(data, request)
        return await self.page(request, "home.html", data, json_path="/index.json")

    async def film(self, request: Request) -> Response:
        """A film page: the guide when there is one, else the catalog film's page.

        A guide page is cached per guide version and data version (its catalog facts and similar
        films change with the catalog); a catalog-only page per data version.
        """
        slug, as_json = _split_json(request.path_params["name"])
        options = _options(request)
        version, data_version = await run_in_threadpool(self._versions, slug)
        base = self.base(request)
        if version is not None:
            key: tuple[Any, ...] = ("guide", slug, version, data_version, options.spoilers, as_json, base)
        else:
            key = ("catalog", slug, data_version, as_json, base)
        cached = self.cache.get(key)
        if cached is None:
            if version is not None:
                data = await run_in_threadpool(pages.film_page, self.store, slug, options)
                template = "film.html"
            else:
                data = await run_in_threadpool(pages.catalog_film_page, self.store, slug)
                template = "catalog_film.html"
            if data is None:
                raise HTTPException(404)
            if as_json:
                body = orjson.dumps(data)
            else:
                spoiler_free = version is not None and not options.spoilers
                json_path = f"/films/{slug}.json" + ("?spoilers=0" if spoiler_free else "")
                body = self.renderer.render(
                    template, data, base_url=base, path=f"/films/{slug}", json_path=json_path
                ).encode()
            cached = self.cache.put(key, body)
        if not as_json:
            client = request.client.host if request.client else None
            self.count_view(slug, client, request.headers.get("user-agent", ""))
        media = "application/json" if as_json else "text/html; charset=utf-8"
        return etag_response(request, cached, media)

    def count_view(self, slug: str, address: str | None, user_agent: str) -> None:
        """Count a reader's view of a film page; never waits for the database."""
        self.events.add(slug, "view")

    def _versions(self, slug: str) -> tuple[int | None, int]:
        return self.store.guide_version(slug), self.store.data_version()

    async def browse(self, request: Request) -> Response:
        """``/films``: the catalog, filtered and paged, cached per data version; 400 with a
        message for a parameter that cannot be used."""
        as_json = request.url.path.endswith(".json")
        base = self.base(request)
        data_version = await run_in_threadpool(self.store.data_version)
        key = ("browse", data_version, request.url.query, as_json, base)
        media = "application/json" if as_json else "text/html; charset=utf-8"
        cached = self.cache.get(key)
        if cached is None:
            params = dict(request.query_params)
            try:
                data = await run_in_threadpool(pages.browse_page, self.store, params)
            except pages.BadQuery as error:
                if as_json:
                    return _json({"kind": "browse", "error": str(error)}, request, 400)
                genres = await run_in_threadpool(self.store.genres)
                data = pages.browse_error(params, str(error), genres)
                return await self.page(request, "browse.html", data, json_path="/films.json", status=400)
            if as_json:
                body = orjson.dumps(data)
            else:
                body = self.renderer.render(
                    "browse.html", data, base_url=base, path="/films", json_path=_browse_json(request)
                ).encode()
            cached = self.cache.put(key, body)
        return etag_response(request, cached, media)

    async def share(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        channel = await _share_channel(request)
        if channel is None:
            return _json({"error": 'send JSON {"channel": "..."} or a form field \'channel\''}, request, 400)
        recorded = await run_in_threadpool(self.store.record_event, slug, "share", channel)
        if not recorded:
            raise HTTPException(404)
        target = request.query_params.get("to")
        if target and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return RedirectResponse(_share_target(self.base(request), slug, channel), status_code=303)
        return _json({"slug": slug, "channel": channel, "recorded": True}, request, 201)

    async def person(self, request: Request) -> Response:
        slug, as_json = _split_json(request.path_params["name"])
        data = await run_in_threadpool(pages.person_page, self.store, slug)
        if data is None:
            raise HTTPException(404)
        if as_json:
            return _json(data, request)
        return await self.page(request, "person.html", data, json_path=f"/people/{slug}.json")

    async def search(self, request: Request) -> Response:
        as_json = request.url.path.endswith(".json")
        query = request.query_params.get("q", "")
        try:
            data = await run_in_threadpool(site_search.search_page, self.store, query)
        except site_search.QueryError as error:
            data = {"kind": "search", "query": query[:200], "error": str(error), "results": []}
            if as_json:
                return _json(data, request, 400)
            return await self.page(request, "search.html", data, json_path="/search.json", status=400)
        if as_json:
            return _json(data, request)
        return await self.page(request, "search.html", data, json_path="/search.json")

    async def trending(self, request: Request) -> Response:
        kind = "view" if request.url.path == "/trending.json" else "share"
        await run_in_threadpool(self.events.flush)
        return _json(await run_in_threadpool(pages.trending, self.store, kind), request)

    async def sitemap(self, request: Request) -> Response:
        body = await run_in_threadpool(feeds.sitemap_xml, self.store, self.base(request))
        return etag_response(request, body, "application/xml")

    async def feed(self, request: Request) -> Response:
        body = await run_in_threadpool(feeds.atom_feed, self.store, self.base(request))
        return etag_response(request, body, "application/atom+xml")

    async def robots(self, request: Request) -> Response:
        return PlainTextResponse(feeds.robots_txt(self.base(request)))

    async def healthz(self, request: Request) -> Response:
        return PlainTextResponse("ok")

    # --- errors --------------------------------------------------------------------------------

    async def not_found(self, request: Request, exc: Exception) -> Response:
        path = request.url.path
        wanted = path.rsplit("/", 1)[-1].removesuffix(".json").replace("-", " ")
        suggestions = await run_in_threadpool(site_search.closest_titles, self.store, wanted)
        data = {"kind": "not_found", "error": "not found", "path": path, "suggestions": suggestions}
        if path.endswith(".json") or "application/json" in request.headers.get("accept", ""):
            return _json(data, request, 404)
        return await self.page(request, "404.html", data, json_path="", status=404)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        data = {"kind": "error", "error": "internal error"}
        if request.url.path.endswith(".json"):
            return Response(orjson.dumps(data), status_code=500, media_type="application/json")
        html = self.renderer.render("500.html", data, base_url=self.base(request), path="", json_path="")
        return Response(html, status_code=500, media_type="text/html; charset=utf-8")


async def _share_channel(request: Request) -> str | None:
    content_type = request.headers.get("content-type", "")
    channel: Any = None
    try:
        if content_type.startswith("application/json"):
            payload = orjson.loads(await request.body())
            channel = payload.get("channel") if isinstance(payload, dict) else None
        else:
            form = await request.form()
            channel = form.get("channel")
    except (orjson.JSONDecodeError, ValueError, KeyError):
        return None
    if not isinstance(channel, str) or not channel.strip():
        return None
    channel = channel.strip().casefold()
    return channel if channel in SHARE_CHANNELS else "other"


def _browse_json(request: Request) -> str:
    query = request.url.query
    return "/films.json" + (f"?{query}" if query else "")


def _share_target(base: str, slug: str, channel: str) -> str:
    """Where a share button without script sends the reader once the share is recorded."""
    from urllib.parse import quote

    url = quote(f"{base}/films/{slug}", safe="")
    return {
        "x": f"https://x.com/intent/post?url={url}",
        "bluesky": f"https://bsky.app/intent/compose?text={url}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={url}",
        "email": f"mailto:?body={url}",
    }.get(channel, f"/films/{slug}")


def create_app(store: Store, *, base_url: str | None = None, own_store: bool = False) -> Starlette:
    """The site over ``store``; ``own_store`` closes it when the app shuts down."""
    site = Site(store, base_url=base_url)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        site.events.start()
        try:
            yield
        finally:
            await site.events.stop()  # SIGTERM: uvicorn shuts down gracefully, nothing is lost
            if own_store:
                store.close()

    routes: list[Route | Mount] = [
        Route("/", site.home),
        Route("/index.json", site.home),
        Route("/healthz", site.healthz),
        Route("/films", site.browse),
        Route("/films.json", site.browse),
        Route("/films/{slug}/share", site.share, methods=["POST"]),
        Route("/films/{name}", site.film),
        Route("/people/{name}", site.person),
        Route("/search", site.search),
        Route("/search.json", site.search),
        Route("/trending.json", site.trending),
        Route("/most-shared.json", site.trending),
        Route("/sitemap.xml", site.sitemap),
        Route("/feed.xml", site.feed),
        Route("/robots.txt", site.robots),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GZipMiddleware, minimum_size=512)],
        exception_handlers={404: site.not_found, 500: site.server_error, Exception: site.server_error},
        lifespan=lifespan,
    )
    app.state.site = site
    return app


def app_from_environment() -> Starlette:
    """The app ``filmguide serve`` runs in each worker: the database from ``FILMGUIDE_DB``."""
    import os

    store = Store.open(database_url(None))
    return create_app(store, base_url=os.environ.get("FILMGUIDE_BASE_URL") or None, own_store=True)
