"""The website: routes, and the one view per page that serves both ``/path`` and ``/path.json``.

Pages are rendered from :mod:`filmguide.web.pages` data by Jinja2 templates; a film page's bytes
are cached per guide version, so a write (a new version) is what invalidates them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
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
from starlette.types import Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from filmguide import search as site_search
from filmguide.config import database_url
from filmguide.store import Store
from filmguide.web import fastpath, feeds, pages
from filmguide.web.api import GuideApi
from filmguide.web.clients import Clients, Clock, RateLimit, retry_after, secret_from_environment, utc_now
from filmguide.web.desk import desk_routes
from filmguide.web.events import EventBuffer
from filmguide.web.openapi import serve as serve_openapi
from filmguide.web.render import PageCache, Renderer, etag_response, json_bytes
from filmguide.web.security import (
    DEFAULT_MAX_BODY,
    BodyLimit,
    SecurityHeaders,
    security_headers,
    settings_from_environment,
    with_security_headers,
)

log = logging.getLogger("filmguide.web")

HERE = Path(__file__).resolve().parent
#: Share channels the buttons offer; anything else is recorded as "other".
SHARE_CHANNELS = frozenset({"copy", "native", "x", "bluesky", "facebook", "email", "other"})
#: Share requests a client may make: a burst of this many, refilled at this many a minute.
SHARE_PER_MINUTE = 10


def _split_json(name: str) -> tuple[str, bool]:
    """``leaving-las-vegas.json`` → (``leaving-las-vegas``, True)."""
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def _options(request: Request) -> pages.PageOptions:
    return pages.PageOptions(spoilers=request.query_params.get("spoilers", "1") not in ("0", "false", "no"))


def _json(data: Any, request: Request, status: int = 200) -> Response:
    return etag_response(request, json_bytes(data), "application/json", status=status)


class Site:
    """The routes' shared state: the store, the renderer, the page cache."""

    def __init__(
        self,
        store: Store,
        *,
        base_url: str | None = None,
        secret: bytes | None = None,
        clock: Clock = utc_now,
        shares_per_minute: int = SHARE_PER_MINUTE,
    ) -> None:
        self.store = store
        self.base_url = base_url.rstrip("/") if base_url else None
        self.renderer = Renderer()
        self.cache = PageCache()
        self.events = EventBuffer(store)
        self.clock = clock
        #: The server's secret: readers' daily hashes, and the desk's session and CSRF keys.
        self.secret = secret if secret is not None else secret_from_environment()
        self.clients = Clients(self.secret)
        self.share_limit = RateLimit(shares_per_minute / 60, shares_per_minute)
        self.data_version = 0
        self.fast = fastpath.FastPath(self.stamp, self.count_view)
        #: Headers every response carries (security headers); the fast path sends them itself.
        self.response_headers: list[tuple[bytes, bytes]] = security_headers(False)

    def base(self, request: Request) -> str:
        return self.base_url or str(request.base_url).rstrip("/")

    async def page(
        self, request: Request, template: str, data: dict[str, Any], *, json_path: str, status: int = 200
    ) -> Response:
        body = self.html(request, template, data, json_path=json_path)
        return etag_response(request, body, "text/html; charset=utf-8", status=status)

    def html(self, request: Request, template: str, data: dict[str, Any], *, json_path: str) -> bytes:
        """A page's HTML bytes for this request (its base URL and path)."""
        return self.renderer.render(
            template, data, base_url=self.base(request), path=request.url.path, json_path=json_path
        ).encode()

    def keep(
        self, request: Request, stamp: fastpath.Stamp, body: bytes, media: str, *, view_of: str | None
    ) -> None:
        """Hand a finished 200 response to the fast path, if its URL is one it keeps."""
        path, query = request.url.path, request.url.query.encode()
        if self.fast.cacheable(path, query):
            ready = fastpath.build(stamp, body, media, view_of=view_of, extra=self.response_headers)
            host = request.headers.get("host", "").encode("latin-1")
            self.fast.put(self.fast.key(host, path, query), ready)

    # --- views ---------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        await run_in_threadpool(self.events.flush)  # this worker's own views count at once
        data = await run_in_threadpool(pages.home_page, self.store)
        if request.url.path.endswith(".json"):
            return _json(data, request)
        return await self.page(request, "home.html", data, json_path="/index.json")

    async def film(self, request: Request) -> Response:
        """A film page: the guide when there is one, else the catalog film's page.

        Rendered bytes are cached per data version (a guide's page shows catalog facts and similar
        films too, which change with the catalog); a current copy is then answered by
        :mod:`filmguide.web.fastpath` without reaching this view.
        """
        slug, as_json = _split_json(request.path_params["name"])
        options = _options(request)
        writes = self.store.content_writes
        data_version = await run_in_threadpool(self.store.data_version)
        self.data_version = data_version  # the newest reading; a reload may move it either way
        base = self.base(request)
        key = ("film", slug, data_version, options.spoilers, as_json, base)
        cached = self.cache.get(key)
        if cached is None:
            body = await run_in_threadpool(self._render_film, slug, options, as_json, base)
            if body is None:
                # A guide in the trash is gone, not missing (docs/operations.md, "Trash").
                raise HTTPException(410 if await run_in_threadpool(self.store.trash, slug) else 404)
            cached = self.cache.put(key, body)
        media = "application/json" if as_json else "text/html; charset=utf-8"
        stamp = fastpath.Stamp(data_version, writes)
        self.keep(request, stamp, cached, media, view_of=None if as_json else slug)
        if not as_json:
            client = request.client.host if request.client else None
            self.count_view(slug, client, request.headers.get("user-agent", ""))
        return etag_response(request, cached, media)

    def _render_film(self, slug: str, options: pages.PageOptions, as_json: bool, base: str) -> bytes | None:
        """The page's bytes, or ``None`` when there is no such film."""
        data = pages.film_page(self.store, slug, options)
        template, guided = "film.html", True
        if data is None:
            data, template, guided = pages.catalog_film_page(self.store, slug), "catalog_film.html", False
        if data is None:
            return None
        if as_json:
            return orjson.dumps(data)
        spoiler_free = guided and not options.spoilers
        json_path = f"/films/{slug}.json" + ("?spoilers=0" if spoiler_free else "")
        return self.renderer.render(
            template, data, base_url=base, path=f"/films/{slug}", json_path=json_path
        ).encode()

    def stamp(self) -> fastpath.Stamp:
        """What a response kept by the fast path must carry to be served now."""
        return fastpath.Stamp(self.data_version, self.store.content_writes)

    async def watch_data_version(self) -> None:
        """Read the database's data version every :data:`fastpath.POLL_SECONDS`, so that writes by
        other processes (workers, imports) reach this worker's cached pages."""
        while True:
            await asyncio.sleep(fastpath.POLL_SECONDS)
            try:
                self.data_version = await run_in_threadpool(self.store.data_version)
            except Exception:
                log.exception("could not read the data version; keeping %d", self.data_version)

    def count_view(self, slug: str, address: str | None, user_agent: str) -> None:
        """Count a reader's view of a film page: once per client per film per 30 minutes, never
        for a crawler. O(1) and in memory (dict lookups, a list append); the buffer is written
        in batches (:mod:`filmguide.web.events`)."""
        now = self.clock()
        client = self.clients.reader(address, user_agent, now)
        if client is not None:
            self.events.view(slug, client, now)

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
                _single_values(request)
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
        """Count a share: rate-limited per client (429), once per client per film per UTC day
        (200 ``recorded: false`` for a repeat or a crawler), buffered like views."""
        slug = request.path_params["slug"]
        channel = await _share_channel(request)
        if channel is None:
            return _json({"error": 'send JSON {"channel": "..."} or a form field \'channel\''}, request, 400)
        now = self.clock()
        address = request.client.host if request.client else None
        user_agent = request.headers.get("user-agent", "")
        wait = self.share_limit.take(self.clients.client(address, user_agent, now), now)
        if wait > 0:
            return _too_many(wait)
        if not await run_in_threadpool(self.store.has_film, slug):
            raise HTTPException(404)
        reader = self.clients.reader(address, user_agent, now)
        recorded = reader is not None and self.events.share(slug, reader, channel, now)
        target = request.query_params.get("to")
        if target and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return RedirectResponse(_share_target(self.base(request), slug, channel), status_code=303)
        status = 201 if recorded else 200  # 200: this client's share of the film today is counted already
        return _json({"slug": slug, "channel": channel, "recorded": recorded}, request, status)

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
        writes = self.store.content_writes
        data_version = await run_in_threadpool(self.store.data_version)
        self.data_version = data_version
        try:
            data = await run_in_threadpool(site_search.search_page, self.store, query)
        except site_search.QueryError as error:
            data = {"kind": "search", "query": query[:200], "error": str(error), "results": []}
            if as_json:
                return _json(data, request, 400)
            return await self.page(request, "search.html", data, json_path="/search.json", status=400)
        if as_json:
            body, media = json_bytes(data), "application/json"
        else:
            body = self.html(request, "search.html", data, json_path="/search.json")
            media = "text/html; charset=utf-8"
        self.keep(request, fastpath.Stamp(data_version, writes), body, media, view_of=None)
        return etag_response(request, body, media)

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
        if _wants_json(request):
            return _json(data, request, 404)
        return await self.page(request, "404.html", data, json_path="", status=404)

    async def gone(self, request: Request, exc: Exception) -> Response:
        """410: the page's guide was deleted (it is in the trash, and may come back)."""
        data = {"kind": "gone", "error": "gone", "path": request.url.path}
        if _wants_json(request):
            return _json(data, request, 410)
        return await self.page(request, "404.html", data, json_path="", status=410)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        data = {"kind": "error", "error": "internal error"}
        if _wants_json(request):
            return Response(orjson.dumps(data), status_code=500, media_type="application/json")
        html = self.renderer.render("500.html", data, base_url=self.base(request), path="", json_path="")
        return Response(html, status_code=500, media_type="text/html; charset=utf-8")


def _wants_json(request: Request) -> bool:
    """A twin, the API, or a client that asks for JSON: errors answer in JSON."""
    path = request.url.path
    return (
        path.endswith(".json")
        or path.startswith("/api/")
        or "application/json" in request.headers.get("accept", "")
    )


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


def _too_many(wait: float) -> Response:
    """429 with ``Retry-After``: the client has spent its share requests for now."""
    seconds = retry_after(wait)
    body = orjson.dumps({"error": "too many shares: try again later", "retry_after": int(seconds)})
    return Response(body, status_code=429, media_type="application/json", headers={"Retry-After": seconds})


def _single_values(request: Request) -> None:
    """A filter given twice (``?page=2&page=x``) is a question with two answers: refuse it rather
    than silently keep one."""
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name in seen:
            raise pages.BadQuery(f"'{name}' is given more than once")
        seen.add(name)


def _browse_json(request: Request) -> str:
    query = request.url.query
    return "/films.json" + (f"?{query}" if query else "")


#: Each network's share page, ``{url}`` standing for the page's percent-encoded URL (also the
#: static export's plain share links).
SHARE_TARGETS = {
    "x": "https://x.com/intent/post?url={url}",
    "bluesky": "https://bsky.app/intent/compose?text={url}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "email": "mailto:?body={url}",
}


def _share_target(base: str, slug: str, channel: str) -> str:
    """Where a share button without script sends the reader once the share is recorded."""
    from urllib.parse import quote

    target = SHARE_TARGETS.get(channel)
    return target.format(url=quote(f"{base}/films/{slug}", safe="")) if target else f"/films/{slug}"


def create_app(
    store: Store,
    *,
    base_url: str | None = None,
    own_store: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
    hsts: bool = False,
    **counting: Any,
) -> Starlette:
    """The site over ``store``; ``own_store`` closes it when the app shuts down. ``counting``:
    :class:`Site`'s ``secret``, ``clock`` and ``shares_per_minute`` (tests set them).
    ``max_body``: larger request bodies get 413; ``hsts``: send Strict-Transport-Security."""
    site = Site(store, base_url=base_url, **counting)
    site.response_headers = security_headers(hsts)
    api = GuideApi(store, site.base)

    async def server_error(request: Request, exc: Exception) -> Response:
        # Sent by Starlette's outermost layer, outside SecurityHeaders: the headers are added here.
        return with_security_headers(await site.server_error(request, exc), hsts)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        site.events.start()
        watcher = asyncio.get_running_loop().create_task(site.watch_data_version())
        # What the worker loaded to start (templates, the store, caches) stays for its life:
        # out of the collector's sight, full collections stay short and latency tails with them.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher  # a poll running in its thread ends before the store closes
            await site.events.stop()  # SIGTERM: the server shuts down gracefully, nothing is lost
            await run_in_threadpool(api.refresher.close)  # a pending refresh of similar films runs
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
        *api.routes(),
        Route("/api/openapi.json", serve_openapi),
        *desk_routes(store, site.renderer, site.secret, site.base),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = SiteApp(
        site,
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders, hsts=hsts),
            Middleware(BodyLimit, max_body=max_body),
            Middleware(GZipMiddleware, minimum_size=512),
        ],
        exception_handlers={404: site.not_found, 410: site.gone, 500: server_error, Exception: server_error},
        lifespan=lifespan,
    )
    app.state.site = site
    app.state.api = api
    return app


class SiteApp(Starlette):
    """The Starlette app, with film pages kept in memory answered before routing (the fast path)."""

    def __init__(self, site: Site, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fast = site.fast

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        await self.fast.answer(scope, send, lambda: super(SiteApp, self).__call__(scope, receive, send))


def app_from_environment() -> ProxyHeadersMiddleware:
    """The app ``filmguide serve`` runs in each worker: the database from ``FILMGUIDE_DB``.

    A proxy in front (nginx, docs/deploy.md) names the reader in ``X-Forwarded-For``: it is
    believed from the addresses in ``$FORWARDED_ALLOW_IPS`` (default 127.0.0.1) and no others,
    so a reader cannot pose as many readers to be counted many times."""
    import os

    max_body, hsts = settings_from_environment()
    store = Store.open(database_url(None))
    app = create_app(
        store,
        base_url=os.environ.get("FILMGUIDE_BASE_URL") or None,
        own_store=True,
        max_body=max_body,
        hsts=hsts,
    )
    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    return ProxyHeadersMiddleware(app, trusted_hosts=trusted)  # type: ignore[arg-type]  # ASGI 3 either way
