"""Pages a shared cache can keep, and who may send view beacons.

**Public pages.** Every page and JSON twin is the same for every reader: nothing in one depends on
a cookie or on who asks (the spoiler-free switch lives in the URL, ``?spoilers=0``, or in the
browser's storage), and views are counted by the page's beacon rather than by its GET. So a
successful ``GET`` of a page may be kept by the browser and by nginx or a CDN in front:
:class:`PublicCaching` gives such responses ``Cache-Control: public, max-age=…, s-maxage=…,
stale-while-revalidate=…`` (:class:`filmguide.config.Settings`) in place of the ``no-cache``
the views set. The ETag stays, so a reader or a cache holding a copy revalidates for a ``304``.
The film fast path (:mod:`filmguide.web.fastpath`), which answers before this middleware, builds
its responses with the same value.

Left as they are: errors (a 404 for a film not written yet must not outlive its writing), the API,
``/healthz``, any answer that set its own policy (the no-script beacon image says ``no-store``),
and every other method (the beacon and share ``POST`` answers say ``no-store``).

**Beacon origins.** A browser names the page that sends a beacon in ``Origin`` (a ``POST``) or
``Referer`` (the no-script image's ``GET``). :func:`beacon_origin` accepts the site's own origin,
the static export's origins the operator lists (``FILMGUIDE_BEACON_ORIGINS``), and requests that
name no page at all (a privacy extension strips them; the address cap still holds); not ``null``
(a sandboxed frame or a local file). Another site
cannot make its visitors' browsers count views here.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths whose successful GET stays private to the one reader (or is never stored).
PRIVATE_PREFIXES = ("/api/", "/healthz")


def is_public(scope: Scope) -> bool:
    """Whether a request asks for a public page: a ``GET`` or ``HEAD`` outside the API."""
    path: str = scope["path"]
    return scope["method"] in ("GET", "HEAD") and not path.startswith(PRIVATE_PREFIXES)


class PublicCaching:
    """Sends ``cache_control`` on the ``200`` and ``304`` answers to public page requests."""

    def __init__(self, app: ASGIApp, *, cache_control: str) -> None:
        self.app = app
        self.value = cache_control.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_public(scope):
            await self.app(scope, receive, send)
            return

        async def send_public(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                given = message.get("headers", [])
                control = [v for n, v in given if n.lower() == b"cache-control"]
                cookie = any(n.lower() == b"set-cookie" for n, _ in given)  # never share a cookie
                if control in ([], [b"no-cache"]) and not cookie:
                    headers = [(n, v) for n, v in given if n.lower() != b"cache-control"]
                    headers.append((b"cache-control", self.value))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_public)


def origin_of(url: str) -> str | None:
    """``https://films.example.org`` from any URL on it; ``None`` when it names no origin."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def beacon_origin(headers: dict[str, str], own: str, allowed: Collection[str]) -> tuple[bool, str | None]:
    """(whether a beacon from this page may count, the origin to allow in CORS headers or ``None``).

    ``headers``: the request's ``origin`` and ``referer``; ``own``: the site's origin (its base
    URL, else the request's scheme and host).
    """
    raw = headers.get("origin") or headers.get("referer") or ""
    if not raw:
        return True, None
    origin = origin_of(raw)
    if origin is None:
        return False, None
    if origin == own.lower():
        return True, None
    if origin in allowed:
        return True, origin
    return False, None
