"""The write API: guides created, replaced and deleted over HTTP by holders of an API token.

=====================================  ===========================================================
``POST /api/guides``                   an article or a guide; created (201) or updated (200),
                                       the film found as ``filmguide import`` finds it
``PUT /api/guides/{slug}``             the same, at that slug or not at all (409 when the guide's
                                       title links it to another film)
``DELETE /api/guides/{slug}``          204, the guide moved to the trash; 404 when the film has none
``GET /api/guides``, ``/{slug}``       the guides, a guide (public, like the pages; a guide with
                                       its ``ETag``)
``GET …/{slug}/revisions``, ``/{n}``   a guide's versions, newest first; one version (public)
``POST …/{slug}/revisions/{n}/restore`` version ``n`` made current again, as a new version
``GET /api/openapi.json``              the OpenAPI description (:mod:`filmguide.web.openapi`)
=====================================  ===========================================================

A write that would lose much of a guide (a section emptied, a list or the text more than halved)
is refused with 409 naming what would be lost, unless ``?force=true`` or ``If-Match`` with the
guide's current ``ETag``; ``PUT`` with a stale ``If-Match`` gets 412. Every change keeps the
version it replaces (:mod:`filmguide.store.revisions`).

Writes need ``Authorization: Bearer TOKEN`` (``filmguide token create``); the token is checked
before the body is read. Every error is JSON ``{"error": "one line"}``. A write goes through
:meth:`~filmguide.store.Store.save_guide` (one transaction) and then asks the
:class:`~filmguide.web.refresh.SimilarRefresher` to recompute the similar films in the background.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy.exc import DataError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from filmguide import importer
from filmguide.article import ArticleError, parse_bytes
from filmguide.article.read import Format
from filmguide.config import DEFAULT_AUTH_FAILURES
from filmguide.model import Guide
from filmguide.slugs import is_slug
from filmguide.store import SaveResult, Store
from filmguide.store.database import SlugConflict
from filmguide.store.guides import WritePolicy
from filmguide.store.revisions import GuideLoss, RevisionError, StaleWrite
from filmguide.store.values import MAX_SLUG, check_guide
from filmguide.web.clients import Clock, RateLimit, retry_after, utc_now
from filmguide.web.refresh import SimilarRefresher
from filmguide.web.render import json_bytes

#: ``Content-Type`` of an article body → the reader's form.
ARTICLE_TYPES: Final[dict[str, Format]] = {
    "text/plain": "text",
    "text/html": "html",
    "text/markdown": "markdown",
}
JSON_TYPE: Final = "application/json"
ACCEPTED: Final = ", ".join([JSON_TYPE, *ARTICLE_TYPES])
REALM: Final = 'Bearer realm="filmguide"'


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json_bytes(data), status_code=status, media_type=JSON_TYPE, headers=headers)


def error(message: str, status: int, headers: dict[str, str] | None = None, **extra: Any) -> Response:
    """The API's one error shape: ``{"error": "one line", ...}``."""
    return json_response({"error": message, **extra}, status, headers)


def unauthorized(message: str, code: str | None) -> Response:
    """401 with the RFC 6750 challenge (an ``error`` code once a token was offered)."""
    challenge = REALM if code is None else f'{REALM}, error="{code}"'
    return error(message, 401, {"WWW-Authenticate": challenge})


class GuideApi:
    """The API's views over one store; ``base`` gives the site's public URL for a request."""

    def __init__(
        self,
        store: Store,
        base: Callable[[Request], str],
        refresher: SimilarRefresher | None = None,
        *,
        auth_failures: int = DEFAULT_AUTH_FAILURES,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.base = base
        self.refresher = refresher or SimilarRefresher(functools.partial(importer.refresh_similar, store))
        store.on_close(self.refresher.close)  # a pending refresh runs before the store's connections close
        #: Failed authentications per address: ``auth_failures`` at once, as many again a minute.
        self.failures = RateLimit(auth_failures / 60, auth_failures)
        self.clock = clock

    def routes(self) -> list[Route]:
        # One route per path, so that a 405 names every method the path takes in ``Allow``.
        return [
            Route("/api/guides", self.guides, methods=["GET", "POST"]),
            Route("/api/guides/{slug}", self.guide, methods=["GET", "PUT", "DELETE"]),
            Route("/api/guides/{slug}/revisions", self.revisions, methods=["GET"]),
            Route("/api/guides/{slug}/revisions/{n}", self.revision, methods=["GET"]),
            Route("/api/guides/{slug}/revisions/{n}/restore", self.restore, methods=["POST"]),
        ]

    async def guides(self, request: Request) -> Response:
        if request.method == "POST":
            return await self.post(request)
        return await self.list_guides(request)

    async def guide(self, request: Request) -> Response:
        if request.method == "PUT":
            return await self.put(request)
        if request.method == "DELETE":
            return await self.delete(request)
        return await self.get(request)

    # --- views -------------------------------------------------------------------------------

    async def list_guides(self, request: Request) -> Response:
        guides = await run_in_threadpool(self.store.list_guides)
        base = self.base(request)
        return json_response(
            [{"slug": g.slug, "title": g.title, "year": g.year, **self._urls(base, g.slug)} for g in guides]
        )

    async def get(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        guide = await run_in_threadpool(self.store.get_guide, slug)
        state = await run_in_threadpool(self.store.guide_state, slug)
        if guide is None or state is None:
            return error(f"no guide with slug '{slug[:MAX_SLUG]}'", 404)
        return json_response(guide.to_json_dict(), headers={"ETag": etag(state[1])})

    async def post(self, request: Request) -> Response:
        """Create or update the guide the body holds; 201 when it is new."""
        token = await self._authorize(request)
        if isinstance(token, Response):
            return token
        read = await self._read_guide(request)
        if isinstance(read, Response):
            return read
        guide, warnings = read
        policy = _policy(request)
        if isinstance(policy, Response):
            return policy
        save = functools.partial(self.store.save_guide, guide, source=f"api:{token}", policy=policy)
        return await self._save(request, save, warnings)

    async def put(self, request: Request) -> Response:
        """Create or replace the guide of the film ``slug``; 409 when its title is another film's."""
        slug = request.path_params["slug"]
        token = await self._authorize(request)
        if isinstance(token, Response):
            return token
        if not is_slug(slug) or len(slug) > MAX_SLUG:
            return error(f"'{slug[:MAX_SLUG]}' is not a slug (lowercase words joined by '-')", 422)
        read = await self._read_guide(request)
        if isinstance(read, Response):
            return read
        guide, warnings = read
        if guide.slug is not None and guide.slug != slug:
            return error(f"the body's slug '{guide.slug[:MAX_SLUG]}' is not the URL's '{slug}'", 422)
        policy = _policy(request)
        if isinstance(policy, Response):
            return policy
        save = functools.partial(self.store.save_guide_at, slug, guide, source=f"api:{token}", policy=policy)
        return await self._save(request, save, warnings)

    async def delete(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        token = await self._authorize(request)
        if isinstance(token, Response):
            return token
        deleted = await run_in_threadpool(
            functools.partial(self.store.delete_guide, slug, source=f"api:{token}")
        )
        if not deleted:
            return error(f"no guide with slug '{slug[:MAX_SLUG]}'", 404)
        self.refresher.schedule()
        return Response(status_code=204)

    async def revisions(self, request: Request) -> Response:
        """A guide's versions, newest first (the current one marked ``current``)."""
        slug = request.path_params["slug"]
        found = await run_in_threadpool(self.store.history, slug)
        if not found:
            return error(f"no guide or history with slug '{slug[:MAX_SLUG]}'", 404)
        base = self.base(request)
        return json_response(
            [{**r.to_json(), "api_url": f"{base}/api/guides/{slug}/revisions/{r.revision}"} for r in found]
        )

    async def revision(self, request: Request) -> Response:
        """One version of a guide: its record and the guide as it was."""
        slug, number = request.path_params["slug"], _number(request.path_params["n"])
        if number is None:
            return error(f"'{request.path_params['n'][:20]}' is not a revision number", 404)
        found = await run_in_threadpool(self.store.history, slug)
        record = next((r for r in found if r.revision == number), None)
        guide = await run_in_threadpool(self.store.revision, slug, number) if record else None
        if record is None or guide is None:
            return error(f"the guide '{slug[:MAX_SLUG]}' has no revision {number}", 404)
        return json_response({**record.to_json(), "guide": guide.to_json_dict()})

    async def restore(self, request: Request) -> Response:
        """Make version ``n`` current again, as a new version (a trashed guide comes back)."""
        slug, number = request.path_params["slug"], _number(request.path_params["n"])
        token = await self._authorize(request)
        if isinstance(token, Response):
            return token
        if number is None:
            return error(f"'{request.path_params['n'][:20]}' is not a revision number", 404)
        try:
            _, result = await run_in_threadpool(
                functools.partial(self.store.restore, slug, number, source=f"api:{token}")
            )
        except RevisionError as missing:
            return error(str(missing), 404)
        except SlugConflict as conflict:
            return error(str(conflict), 409, slug=conflict.found)
        return await self._saved(request, result, [])

    # --- parts -------------------------------------------------------------------------------

    async def _authorize(self, request: Request) -> str | Response:
        """The name of the request's valid token, or the 401 (429 once the address has failed
        too often this minute: token guessing) to answer."""
        address = request.client.host if request.client else ""
        now = self.clock()
        wait = self.failures.wait(address, now)
        if wait > 0:
            seconds = retry_after(wait)
            return error("too many failed authentications: try again later", 429, {"Retry-After": seconds})
        found = await self._check_token(request)
        if isinstance(found, Response):
            self.failures.take(address, now)
        return found

    async def _check_token(self, request: Request) -> str | Response:
        """The name of the request's valid token, or the 401 to answer."""
        header = request.headers.get("authorization")
        if header is None:
            return unauthorized("this needs an API token: send 'Authorization: Bearer TOKEN'", None)
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.casefold() != "bearer" or not token:
            return unauthorized("the Authorization header is not 'Bearer TOKEN'", "invalid_request")
        name = await run_in_threadpool(self.store.verify_token, token)
        if name is None:
            return unauthorized("the token is not valid (unknown or revoked)", "invalid_token")
        return name

    async def _read_guide(self, request: Request) -> tuple[Guide, list[str]] | Response:
        """The guide the body holds (and the reader's warnings), or the error to answer."""
        media = request.headers.get("content-type", "").split(";", 1)[0].strip().casefold()
        if media != JSON_TYPE and media not in ARTICLE_TYPES:
            shown = f"'{media[:100]}'" if media else "no Content-Type"
            return error(f"send one of {ACCEPTED}, not {shown}", 415)
        body = await request.body()
        title = request.query_params.get("title")
        warnings: list[str] = []
        try:
            if media == JSON_TYPE:
                guide = await run_in_threadpool(_parse_json, body)
            else:
                guide = await run_in_threadpool(
                    _parse_article, body, ARTICLE_TYPES[media], title, warnings.append
                )
        except ArticleError as problem:
            return error(str(problem), 422)
        except ValidationError as problem:
            return validation_error(problem)
        message = check_guide(guide)
        if message is not None:
            return error(message, 422)
        return guide, warnings

    async def _save(self, request: Request, save: Callable[[], SaveResult], warnings: list[str]) -> Response:
        """Run a write (POST's or PUT's) off the event loop and answer it, or the reason the
        store refused it (only PUT's can name another film's slug)."""
        try:
            result = await run_in_threadpool(save)
        except StaleWrite as stale:
            return _stale(request, stale)
        except GuideLoss as loss:
            return _refused(loss)
        except SlugConflict as conflict:
            return error(str(conflict), 409, slug=conflict.found)
        except DataError:
            return error("a value of the guide does not fit the database", 422)
        return await self._saved(request, result, warnings)

    async def _saved(self, request: Request, result: SaveResult, warnings: list[str]) -> Response:
        if result.changed:
            self.refresher.schedule()
        version = await run_in_threadpool(self.store.guide_version, result.slug)
        urls = self._urls(self.base(request), result.slug)
        data = {
            "slug": result.slug,
            **urls,
            "created": result.created,
            "changed": result.changed,
            "version": version,
            "warnings": warnings,
        }
        return json_response(data, 201 if result.created else 200, {"Location": urls["api_url"]})

    @staticmethod
    def _urls(base: str, slug: str) -> dict[str, str]:
        return {"url": f"{base}/films/{slug}", "api_url": f"{base}/api/guides/{slug}"}


def etag(digest: str) -> str:
    """A guide's ETag: its stored document's SHA-256, quoted."""
    return f'"{digest}"'


def if_match(header: str | None) -> str | None:
    """The content hash an ``If-Match`` header names (the first, if it lists several), ``"*"``,
    or ``None`` without the header."""
    if header is None:
        return None
    first = header.split(",", 1)[0].strip().removeprefix("W/")
    return first.strip('"') or None


def _number(text: str) -> int | None:
    """A revision number from the path: digits only, 1 or more (and small enough for the database)."""
    if not text.isascii() or not text.isdigit() or len(text) > 9 or int(text) < 1:
        return None
    return int(text)


#: The values ``?force=`` takes.
FORCE_VALUES: Final = {"true": True, "1": True, "false": False, "0": False}


def _policy(request: Request) -> WritePolicy | Response:
    """``?force=true`` or ``If-Match: *`` force a write; ``If-Match: "HASH"`` names the version
    it replaces (stale: 412; current: it goes through, losses included). 422 for a ``force``
    that is not one of :data:`FORCE_VALUES`, or given twice."""
    given = request.query_params.getlist("force")
    if len(given) > 1 or (given and given[0] not in FORCE_VALUES):
        return error("force is true or false, given once", 422)
    match = if_match(request.headers.get("if-match"))
    force = (bool(given) and FORCE_VALUES[given[0]]) or match == "*"
    return WritePolicy(force=force, expect=match if match != "*" else None)


def _stale(request: Request, stale: StaleWrite) -> Response:
    """412: the If-Match names a version that is not the current one."""
    headers = {"ETag": etag(stale.current)} if stale.current else None
    return error(f"{stale}: read it again (GET {request.url.path})", 412, headers)


def _refused(loss: GuideLoss) -> Response:
    """409: the write would lose much; the guide is untouched."""
    return error(
        f"refused: {loss}; send it again with ?force=true or If-Match: the guide's ETag",
        409,
        slug=loss.slug,
        lost=loss.lost,
    )


def _parse_article(data: bytes, fmt: Format, title: str | None, warn: Callable[[str], None]) -> Guide:
    return parse_bytes(data, name="body", fmt=fmt, title=title, warn=warn)


def validation_error(problem: ValidationError) -> Response:
    """400 for a body that is not JSON, 422 for JSON that is not a guide; the first problem in
    one line, every problem in ``details``."""
    errors = problem.errors(include_url=False, include_input=False)
    if errors and errors[0]["type"] == "json_invalid":
        return error(f"the body is not JSON: {errors[0]['msg']}", 400)
    details = [{"loc": _loc(e["loc"]), "message": e["msg"]} for e in errors]
    first = details[0] if details else {"loc": "", "message": "not a guide"}
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    where = f"{first['loc']}: " if first["loc"] else ""
    return error(f"the body is not a guide: {where}{first['message']}{more}", 422, details=details)


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _parse_json(body: bytes) -> Guide:
    """Strict: ``false`` is no year and ``"1995"`` is no number, as the schema says."""
    return Guide.model_validate_json(body, strict=True)
