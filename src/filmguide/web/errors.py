"""The site's error answers: 404 with the closest titles (or 301 for an old address), 410 for a
guide in the trash, 503 while the database cannot be written, 500. Each in JSON for a twin, the
API or a client asking for JSON, else as a page (:mod:`filmguide.web.twins`)."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from filmguide import search as site_search
from filmguide.redirects import alias_key
from filmguide.store import Store
from filmguide.store.engine import unavailable
from filmguide.web.page_models import Gone, NotFound, ServerError
from filmguide.web.render import json_bytes
from filmguide.web.twins import JSON, Twins, wants_json

log = logging.getLogger("filmguide.web")

#: Seconds a client is told to wait (``Retry-After``) while the database cannot be written.
UNAVAILABLE_RETRY = 5


class ErrorPages:
    """The error handlers of the site over ``store``, rendered by ``twins``."""

    def __init__(self, store: Store, twins: Twins) -> None:
        self.store = store
        self.twins = twins

    async def moved(self, old: str) -> Response | None:
        """301 to the film page an old address (an alias) stands for, or ``None``."""
        slug = await run_in_threadpool(self.store.alias_target, alias_key(old))
        if slug is None:
            return None
        return RedirectResponse(f"/films/{slug}", status_code=301)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        path = request.url.path
        if request.method in ("GET", "HEAD"):
            moved = await self.moved(path)
            if moved is not None:
                return moved
        wanted = path.rsplit("/", 1)[-1].removesuffix(".json").replace("-", " ")
        suggestions = await run_in_threadpool(site_search.closest_titles, self.store, wanted)
        data = NotFound(kind="not_found", error="not found", path=path, suggestions=suggestions)
        return self.twins.answer(
            request, data, "404.html", json_path="", status=404, as_json=wants_json(request)
        )

    async def unavailable(self, request: Request, exc: Exception) -> Response:
        """503 with Retry-After for a database that is locked, read-only or gone for now; any
        other database error is a bug (500)."""
        if not unavailable(exc):
            raise exc
        log.warning("database unavailable serving %s: %s", request.url.path, str(exc).splitlines()[0])
        message = "the database is busy or cannot be written just now: try again shortly"
        headers = {"Retry-After": str(UNAVAILABLE_RETRY), "Cache-Control": "no-store"}
        if wants_json(request):
            return Response(json_bytes({"error": message}), 503, headers, media_type=JSON)
        return PlainTextResponse(message, 503, headers=headers)

    async def gone(self, request: Request, exc: Exception) -> Response:
        """410: the page's guide was deleted (it is in the trash, and may come back)."""
        data = Gone(kind="gone", error="gone", path=request.url.path)
        return self.twins.answer(
            request, data, "404.html", json_path="", status=410, as_json=wants_json(request)
        )

    async def server_error(self, request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        data = ServerError(kind="error", error="internal error")
        base, as_json = self.twins.base(request), wants_json(request)
        body, media = self.twins.body(data, "500.html", as_json=as_json, base=base, path="", json_path="")
        return Response(body, status_code=500, media_type=media)
