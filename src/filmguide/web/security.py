"""Two pure ASGI middlewares: security headers on every response, and a limit on request bodies.

**Headers.** :func:`security_headers` is the one list: a Content-Security-Policy that allows
scripts, styles, images and fonts from the site itself only (no ``unsafe-inline``: the templates
hold no inline script, style or event handler; the JSON-LD ``<script type="application/ld+json">``
is a data block, which CSP does not treat as script), framing by nobody, a strict referrer
policy, no MIME sniffing, no powerful browser features, and HSTS only when the operator says
the site is served over TLS (``--hsts``). The function is cheap (cached), so a response built
outside the middleware (the film fast path) can carry the same list.

**Body limit.** A request whose ``Content-Length`` is over the limit gets ``413`` before one
byte of its body is read; a body without a length (chunked) is counted as the app reads it from
``receive``, and ``413`` is answered the moment it passes the limit. Nothing is buffered here,
and the connection is closed after a 413, so the rest of a large body is never read.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

import orjson
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from filmguide.config import DEFAULT_MAX_BODY
from filmguide.web.site import SHARE_ORIGINS

CONTENT_SECURITY_POLICY: Final = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        # The share form (without script) redirects to the networks' share pages after recording
        # a share: ``form-action`` also governs those redirects.
        "form-action 'self' " + " ".join(SHARE_ORIGINS),
    ]
)
#: Browser features the site never uses, turned off for it and anything it might embed. The Web
#: Share API and the clipboard stay allowed: the share buttons use them.
PERMISSIONS_POLICY: Final = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
#: One year; subdomains are left to the operator (they may not all have TLS).
HSTS: Final = "max-age=31536000"


@functools.cache
def security_headers(hsts: bool = False) -> list[tuple[bytes, bytes]]:
    """The headers every response carries, as ASGI header pairs (lower-case names).

    Cached: callers get the same list each time and must not change it.
    """
    headers = [
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
        (b"permissions-policy", PERMISSIONS_POLICY.encode()),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    if hsts:
        headers.append((b"strict-transport-security", HSTS.encode()))
    return headers


def with_security_headers(response: Response, hsts: bool = False) -> Response:
    """``response`` with :func:`security_headers` added (unless it has them): for responses sent
    outside :class:`SecurityHeaders`, such as the 500 page Starlette's outermost layer sends."""
    if b"content-security-policy" not in (name for name, _ in response.raw_headers):
        response.raw_headers.extend(security_headers(hsts))
    return response


class SecurityHeaders:
    """Adds :func:`security_headers` to every HTTP response that does not carry them already."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.headers = security_headers(hsts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.extend(self.headers)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a body passes the limit; :class:`BodyLimit` answers 413.

    Not a ``ValueError``: code that reads a body and catches bad input must not swallow it.
    """


class BodyLimit:
    """Refuses request bodies over ``max_body`` bytes with 413, without buffering them."""

    def __init__(self, app: ASGIApp, *, max_body: int = DEFAULT_MAX_BODY) -> None:
        if max_body < 1:
            raise ValueError(f"the body limit must be at least 1 byte, not {max_body}")
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length, chunked = _body_headers(scope)
        if length == -1:
            await refuse(send, 400, "the Content-Length header is not a number")
            return
        if length is not None and length > self.max_body:
            await refuse(send, 413, self._message())
            return
        if length is None and not chunked:  # no body at all (most GETs): nothing to count
            await self.app(scope, receive, send)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if started:  # the app answered before reading all of the body; nothing more to say
                return
            await refuse(send, 413, self._message())

    def _message(self) -> str:
        return f"the request body is larger than {self.max_body} bytes"


def _body_headers(scope: Scope) -> tuple[int | None, bool]:
    """(the declared body length: ``None`` without one, ``-1`` when it is not a number; whether
    a ``Transfer-Encoding`` announces a body of unknown length)."""
    length: int | None = None
    chunked = False
    for name, value in scope["headers"]:
        if name == b"content-length":
            text = value.strip()
            length = int(text) if text.isdigit() and len(text) <= 18 else -1
        elif name == b"transfer-encoding":
            chunked = True
    return length, chunked


async def refuse(send: Send, status: int, message: str, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    """A short JSON error, with ``headers`` beside its own, and the connection closed (so an
    unread body is never read). The body limit here and the host and header guard answer so."""
    body = orjson.dumps({"error": message})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
