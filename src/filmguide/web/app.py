"""The website: routes, and the one view per page that serves both ``/path`` and ``/path.json``.

Pages are rendered from :mod:`filmguide.web.pages` data by Jinja2 templates; a film page's bytes
are cached per guide version, so a write (a new version) is what invalidates them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable
from functools import partial
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
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from filmguide import search as site_search
from filmguide.config import (
    DEFAULT_AUTH_FAILURES,
    DEFAULT_CACHE_MB,
    DEFAULT_MAX_BODY,
    Settings,
    child_environment,
    database_url,
)
from filmguide.store import Store
from filmguide.store.engine import DRIVER_ERRORS
from filmguide.store.search.budget import BUDGET, Budget, SearchStopped
from filmguide.web import cardimage, cards, fastpath, feeds, pages
from filmguide.web.api import GuideApi
from filmguide.web.caching import PublicCaching, beacon_origin
from filmguide.web.card_route import card_answer
from filmguide.web.clients import (
    Clients,
    Clock,
    SharedLimit,
    retry_after,
    secret_or_random,
    utc_now,
)
from filmguide.web.desk import desk_routes
from filmguide.web.errors import UNAVAILABLE_RETRY, ErrorPages
from filmguide.web.events import EventBuffer, Rankings
from filmguide.web.hosts import HostGuard, SiteApp
from filmguide.web.openapi import serve as serve_openapi
from filmguide.web.page_models import BrowseError, PageData, SearchError, SearchPage
from filmguide.web.refresh import SimilarRefresher
from filmguide.web.render import PageCache, Renderer, etag_response, json_bytes, query_key
from filmguide.web.security import BodyLimit, SecurityHeaders, security_headers, with_security_headers
from filmguide.web.site import STATIC, share_link
from filmguide.web.twins import HTML, JSON, Twins, is_twin

log = logging.getLogger("filmguide.web")

#: Share channels the buttons offer; anything else is recorded as "other".
SHARE_CHANNELS = frozenset({"copy", "native", "x", "bluesky", "facebook", "email", "other"})
#: Share requests a client may make: a burst of this many, refilled at this many a minute.
SHARE_PER_MINUTE = 10
#: The no-script view beacon's answer: a transparent 1×1 GIF.
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)
#: Beacon and share answers are about one reader's request: never stored by any cache.
NO_STORE = {"Cache-Control": "no-store"}
#: Seconds a health check's write probe is trusted for (a burst of checks probes once).
HEALTH_SECONDS = 1.0
#: Seconds a search may take before it is stopped (a search over the demo takes milliseconds,
#: over 100,000 films a few tens of them: docs/search.md).
SEARCH_SECONDS = 2.0
#: How often a running search looks whether its reader is still there.
DISCONNECT_POLL = 0.1
#: Seconds the similar-films rebuild after an API write may take (about 3 s with the catalog).
REBUILD_TIMEOUT = 600


def _split_json(name: str) -> tuple[str, bool]:
    """``leaving-las-vegas.json`` → (``leaving-las-vegas``, True)."""
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def _options(request: Request) -> pages.PageOptions:
    return pages.PageOptions(spoilers=request.query_params.get("spoilers", "1") not in ("0", "false", "no"))


def _json(data: Any, request: Request, status: int = 200) -> Response:
    return etag_response(request, json_bytes(data), JSON, status=status)


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
        settings: Settings | None = None,
        cache_mb: int = DEFAULT_CACHE_MB,
    ) -> None:
        self.store = store
        self.base_url = base_url.rstrip("/") if base_url else None
        self.settings = settings or Settings()
        self.renderer = Renderer()
        self.twins = Twins(self.renderer, self.base)
        self.errors = ErrorPages(store, self.twins)
        # Half the budget for rendered bytes, half for the fast path's finished responses.
        self.cache = PageCache(cache_mb * 1024 * 1024 // 2)
        self.cards = cards.CardCache()
        self.events = EventBuffer(store, self.settings)
        self.rankings = Rankings(store, self.settings.ranking_seconds)
        self.clock = clock
        #: The server's secret: readers' daily hashes, and the desk's session and CSRF keys.
        self.secret = secret if secret is not None else secret_or_random(self.settings.secret)
        self.clients = Clients(self.secret)
        self.share_limit = SharedLimit(store, "share", shares_per_minute / 60, shares_per_minute)
        self.data_version = 0
        self.fast = fastpath.FastPath(self.stamp, max_bytes=cache_mb * 1024 * 1024 // 2)
        self._health: tuple[float, bool] = (float("-inf"), True)
        #: Headers every response carries (security headers); the fast path sends them itself.
        self.response_headers: list[tuple[bytes, bytes]] = security_headers(False)

    def base(self, request: Request) -> str:
        return self.base_url or str(request.base_url).rstrip("/")

    def keep(self, request: Request, stamp: fastpath.Stamp, body: bytes, media: str) -> None:
        """Hand a finished 200 response to the fast path, if its URL is one it keeps."""
        path, query = request.url.path, request.url.query.encode()
        if self.fast.cacheable(path, query):
            control = self.settings.cache_control
            ready = fastpath.build(stamp, body, media, cache_control=control, extra=self.response_headers)
            host = request.headers.get("host", "").encode("latin-1")
            self.fast.put(self.fast.key(request.scope["scheme"], host, path, query), ready)

    # --- views ---------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        post_id = request.query_params.get("p", "")
        if post_id.isdigit() and request.url.path == "/":  # a WordPress post's plain address
            moved = await self.errors.moved(f"/?p={post_id}")
            if moved is not None:
                return moved
        data = await run_in_threadpool(pages.home_page, self.store, self.rankings.top)
        return self.twins.answer(request, data, "home.html", json_path="/index.json")

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
        media = JSON if as_json else HTML
        stamp = fastpath.Stamp(data_version, writes)
        self.keep(request, stamp, cached, media)
        return etag_response(request, cached, media)

    def _render_film(self, slug: str, options: pages.PageOptions, as_json: bool, base: str) -> bytes | None:
        """The page's bytes, or ``None`` when there is no such film."""
        data: PageData | None = pages.film_page(self.store, slug, options)
        template, guided = "film.html", True
        if data is None:
            data, template, guided = pages.catalog_film_page(self.store, slug), "catalog_film.html", False
        if data is None:
            return None
        spoiler_free = guided and not options.spoilers
        json_path = f"/films/{slug}.json" + ("?spoilers=0" if spoiler_free else "")
        path = f"/films/{slug}"
        return self.twins.body(data, template, as_json=as_json, base=base, path=path, json_path=json_path)[0]

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

    async def view(self, request: Request) -> Response:
        """The view beacon: ``POST /films/{slug}/view`` (site.js, ``navigator.sendBeacon``) or
        ``GET /films/{slug}/view.gif`` (the no-script image). 204 (or the pixel) whether or not
        it counted, so a client learns nothing; 403 from a page of another site; 404 for no film.

        Counted at most once per reader per film per UTC day, and at most the address's cap
        (:mod:`filmguide.web.events`); never for a crawler or a script."""
        slug = request.path_params["slug"]
        allowed, cors = self.beacon_allowed(request)
        headers = {**NO_STORE, **({"Access-Control-Allow-Origin": cors, "Vary": "Origin"} if cors else {})}
        if not allowed:
            return Response(status_code=403, headers=headers)
        now = self.clock()
        address = request.client.host if request.client else None
        reader = self.clients.reader(address, request.headers.get("user-agent", ""), now)
        if reader is not None:
            if not await run_in_threadpool(self.store.has_film, slug):
                raise HTTPException(404)
            self.events.view(slug, reader, self.clients.source(address, now), now)
        if request.method == "GET":
            return Response(PIXEL, media_type="image/gif", headers=headers)
        return Response(status_code=204, headers=headers)

    async def view_preflight(self, request: Request) -> Response:
        """CORS preflight of the beacon, for a browser that sends one: allowed origins only."""
        allowed, cors = self.beacon_allowed(request)
        if not allowed or cors is None:
            return Response(status_code=403 if not allowed else 204, headers=NO_STORE)
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": cors,
                "Access-Control-Allow-Methods": "POST",
                "Access-Control-Max-Age": "86400",
                "Vary": "Origin",
                **NO_STORE,
            },
        )

    def beacon_allowed(self, request: Request) -> tuple[bool, str | None]:
        """(whether the page sending this beacon may count, the origin to allow in CORS)."""
        own = self.base_url or f"{request.url.scheme}://{request.url.netloc}"
        wanted = {name: request.headers.get(name, "") for name in ("origin", "referer")}
        return beacon_origin(wanted, own, self.settings.beacon_origins)

    async def browse(self, request: Request) -> Response:
        """``/films``: the catalog, filtered and paged, cached per data version; 400 with a
        message for a parameter that cannot be used."""
        as_json = is_twin(request)
        data_version = await run_in_threadpool(self.store.data_version)
        key = ("browse", data_version, query_key(request.url.query), as_json, self.base(request))
        cached = self.cache.get(key)
        if cached is None:
            params = dict(request.query_params)
            try:
                _single_values(request)
                data = await run_in_threadpool(pages.browse_page, self.store, params)
            except pages.BadQuery as error:
                problem: PageData = BrowseError(kind="browse", error=str(error))
                if not as_json:
                    genres = await run_in_threadpool(self.store.genres)
                    problem = pages.browse_error(params, str(error), genres)
                return self.twins.answer(request, problem, "browse.html", json_path="/films.json", status=400)
            body, _ = self.twins.for_request(request, data, "browse.html", json_path=_browse_json(request))
            cached = self.cache.put(key, body)
        return etag_response(request, cached, JSON if as_json else HTML)

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
        client = self.clients.client(address, user_agent, now)
        wait = await run_in_threadpool(self.share_limit.take, client, now)  # the database decides
        if wait > 0:
            return _too_many(wait)
        if not await run_in_threadpool(self.store.has_film, slug):
            raise HTTPException(404)
        reader = self.clients.reader(address, user_agent, now)
        source = self.clients.source(address, now)
        recorded = reader is not None and self.events.share(slug, reader, source, channel, now)
        target = request.query_params.get("to")
        if target and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return RedirectResponse(_share_target(self.base(request), slug, channel), status_code=303)
        status = 201 if recorded else 200  # 200: not counted (a repeat today, the address's cap, a bot)
        answer = _json({"slug": slug, "channel": channel, "recorded": recorded}, request, status)
        answer.headers.update(NO_STORE)
        return answer

    async def person(self, request: Request) -> Response:
        slug, _ = _split_json(request.path_params["name"])
        data = await run_in_threadpool(pages.person_page, self.store, slug)
        if data is None:
            raise HTTPException(404)
        return self.twins.answer(request, data, "person.html", json_path=f"/people/{slug}.json")

    async def search(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        writes = self.store.content_writes
        data_version = await run_in_threadpool(self.store.data_version)
        self.data_version = data_version
        try:
            data = await self._bounded_search(request, query)
        except site_search.QueryError as error:
            problem = SearchError(kind="search", query=query[:200], error=str(error), results=[])
            return self.twins.answer(request, problem, "search.html", json_path="/search.json", status=400)
        except SearchStopped:
            message = "the search took too long and was stopped: try fewer or other words"
            stopped = SearchError(kind="search", query=query[:200], error=message, results=[])
            answer = self.twins.answer(request, stopped, "search.html", json_path="/search.json", status=503)
            answer.headers.update({"Retry-After": str(UNAVAILABLE_RETRY), "Cache-Control": "no-store"})
            return answer
        body, media = self.twins.for_request(request, data, "search.html", json_path="/search.json")
        self.keep(request, fastpath.Stamp(data_version, writes), body, media)
        return etag_response(request, body, media)

    async def _bounded_search(self, request: Request, query: str) -> SearchPage:
        """The search's data, found within :data:`SEARCH_SECONDS`; a reader who leaves stops it
        (the store checks the budget as its statements run: :mod:`filmguide.store.search.budget`)."""
        budget = Budget.of(SEARCH_SECONDS)
        token = BUDGET.set(budget)  # the thread the search runs in gets a copy of this context
        try:
            work = asyncio.ensure_future(run_in_threadpool(pages.search_page, self.store, query))
        finally:
            BUDGET.reset(token)
        try:
            while True:
                done, _ = await asyncio.wait({work}, timeout=DISCONNECT_POLL)
                if done:
                    return work.result()
                if await request.is_disconnected():
                    budget.cancelled.set()
        except BaseException:
            budget.cancelled.set()  # this request is cancelled: its search stops too
            raise

    async def trending(self, request: Request) -> Response:
        """``/trending.json`` and ``/most-shared.json``, from the rankings kept in memory."""
        kind = "view" if request.url.path == "/trending.json" else "share"
        return _json(await run_in_threadpool(pages.trending, self.rankings.top, kind), request)

    async def sitemap(self, request: Request) -> Response:
        """``/sitemap.xml`` and, past 50,000 URLs, the ``/sitemap-N.xml`` its index names."""
        files = await run_in_threadpool(feeds.sitemap_files, self.store, self.base(request))
        body = files.get(request.url.path.lstrip("/"))
        if body is None:
            raise HTTPException(404)
        return etag_response(request, body, "application/xml")

    async def feed(self, request: Request) -> Response:
        body = await run_in_threadpool(feeds.atom_feed, self.store, self.base(request))
        return etag_response(request, body, "application/atom+xml")

    async def robots(self, request: Request) -> Response:
        return PlainTextResponse(feeds.robots_txt(self.base(request)))

    async def healthz(self, request: Request) -> Response:
        """``ok``, or ``degraded`` with 503 while the database cannot be written (read-only,
        locked past a moment, gone) or this worker's last write of events failed."""
        now = asyncio.get_running_loop().time()
        checked, writable = self._health
        if now - checked > HEALTH_SECONDS:
            writable = await run_in_threadpool(self.store.writable)
            self._health = (now, writable)
        if writable and not self.events.failed:
            return PlainTextResponse("ok")
        headers = {"Retry-After": str(UNAVAILABLE_RETRY), "Cache-Control": "no-store"}
        return PlainTextResponse("degraded: the database cannot be written", 503, headers=headers)


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
    body = json_bytes({"error": "too many shares: try again later", "retry_after": int(seconds)})
    return Response(body, status_code=429, media_type=JSON, headers={"Retry-After": seconds})


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


def _share_target(base: str, slug: str, channel: str) -> str:
    """Where a share button without script sends the reader once the share is recorded."""
    return share_link(channel, f"{base}/films/{slug}") or f"/films/{slug}"


def create_app(
    store: Store,
    *,
    base_url: str | None = None,
    own_store: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
    hsts: bool = False,
    settings: Settings | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
    auth_failures: int = DEFAULT_AUTH_FAILURES,
    refresh: Callable[[], object] | None = None,
    **counting: Any,
) -> Starlette:
    """The site over ``store``; ``own_store`` closes it when the app shuts down. ``counting``:
    :class:`Site`'s ``secret``, ``clock``, ``shares_per_minute`` and ``cache_mb`` (tests set
    them). ``max_body``: larger request bodies get 413; ``hsts``: send Strict-Transport-Security;
    ``settings``: caching, counting, the secret and the card fonts (:class:`Settings`; the
    other arguments are its hosts and limits, given apart so that a test sets one alone);
    ``allowed_hosts``: the Host names answered (``None``: any; :mod:`filmguide.web.hosts`);
    ``auth_failures``: failed API authentications an address may make a minute before 429;
    ``refresh``: how similar films are recomputed after an API write (default: in this process)."""
    settings = settings or Settings()
    cardimage.use_fonts(settings.card_fonts)
    site = Site(store, base_url=base_url, settings=settings, **counting)
    site.response_headers = security_headers(hsts)
    refresher = SimilarRefresher(refresh) if refresh is not None else None
    api = GuideApi(store, site.base, refresher, auth_failures=auth_failures, clock=site.clock)

    async def card_view(request: Request) -> Response:
        return await card_answer(store, site.cards, request)  # the site's cache as it is then

    async def server_error(request: Request, exc: Exception) -> Response:
        # Sent by Starlette's outermost layer, outside SecurityHeaders: the headers are added here.
        return with_security_headers(await site.errors.server_error(request, exc), hsts)

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
        Route("/films/{slug}/card-{version}.png", card_view),
        Route("/people/{slug}/card-{version}.png", card_view),
        Route("/card-{version}.png", card_view),
        Route("/films/{slug}/view", site.view, methods=["POST"]),
        Route("/films/{slug}/view", site.view_preflight, methods=["OPTIONS"]),
        Route("/films/{slug}/view.gif", site.view, methods=["GET"]),
        Route("/films/{name}", site.film),
        Route("/people/{name}", site.person),
        Route("/search", site.search),
        Route("/search.json", site.search),
        Route("/trending.json", site.trending),
        Route("/most-shared.json", site.trending),
        Route("/sitemap.xml", site.sitemap),
        Route("/sitemap-{number:int}.xml", site.sitemap),
        Route("/feed.xml", site.feed),
        Route("/robots.txt", site.robots),
        *api.routes(),
        Route("/api/openapi.json", serve_openapi),
        *desk_routes(store, site.renderer, site.secret, site.base),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = SiteApp(
        site.fast,
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders, hsts=hsts),
            Middleware(PublicCaching, cache_control=settings.cache_control),
            Middleware(BodyLimit, max_body=max_body),
            Middleware(GZipMiddleware, minimum_size=512),
        ],
        exception_handlers={
            404: site.errors.not_found,
            410: site.errors.gone,
            500: server_error,
            **dict.fromkeys(DRIVER_ERRORS, site.errors.unavailable),
            Exception: server_error,
        },
        lifespan=lifespan,
        guard=HostGuard(None, hosts=allowed_hosts, base_url=site.base_url, hsts=hsts),
    )
    app.state.site = site
    app.state.api = api
    return app


def rebuild_similar_apart(database: str) -> None:
    """Similar films recomputed by ``filmguide recommend rebuild`` in a process of its own: the
    run ranks every film against every other and took a worker from 110 to 250 MB, which a
    long-lived process never gives back. ``database``: the worker's, a URL (given in the child's
    environment, so that a password stays off the command line)."""
    import subprocess
    import sys

    try:
        done = subprocess.run(
            [sys.executable, "-m", "filmguide", "recommend", "rebuild"],
            capture_output=True,
            text=True,
            timeout=REBUILD_TIMEOUT,
            check=False,
            env=child_environment(database),
        )
    except subprocess.TimeoutExpired:
        log.error("recomputing similar films took over %d s and was stopped", REBUILD_TIMEOUT)
        return
    if done.returncode != 0:
        log.error("recomputing similar films failed: %s", (done.stderr.strip() or "no message")[-500:])


def app_for(settings: Settings) -> ProxyHeadersMiddleware:
    """The app ``filmguide serve`` runs in each worker, from the settings ``serve`` made: the
    database, the hosts and limits, caching and counting, the secret.

    A proxy in front (nginx, docs/deploy.md) names the reader in ``X-Forwarded-For`` and the
    scheme in ``X-Forwarded-Proto``: both are believed from the addresses in
    ``settings.trusted_proxies`` (``$FILMGUIDE_TRUSTED_PROXIES``, default 127.0.0.1) and no
    others, so a reader cannot pose as many readers, nor as an https reader."""
    database = database_url(settings.database)
    store = Store.open(database)
    app = create_app(
        store,
        base_url=settings.base_url,
        own_store=True,
        max_body=settings.max_body,
        hsts=settings.hsts,
        allowed_hosts=settings.hosts,
        auth_failures=settings.auth_failures,
        cache_mb=settings.cache_mb,
        refresh=partial(rebuild_similar_apart, database),
        settings=settings,
    )
    return ProxyHeadersMiddleware(app, trusted_hosts=settings.trusted_proxies)  # type: ignore[arg-type]  # ASGI 3 either way


def app_from_environment() -> ProxyHeadersMiddleware:
    """:func:`app_for` the settings in the ``FILMGUIDE_*`` variables (tests and benchmarks build
    a worker's app this way; ``serve`` hands its workers the settings it made)."""
    return app_for(Settings.from_environment())
