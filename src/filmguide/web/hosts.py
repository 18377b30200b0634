"""The first thing every request meets: header limits, and the Host header checked and settled.

**Header limits.** One header over :data:`~filmguide.config.MAX_HEADER_BYTES` (8 KB, name and
value) or all of them over :data:`~filmguide.config.MAX_HEADERS_BYTES` (32 KB) get 431, as
nginx's ``large_client_header_buffers 4 8k`` does. granian (hyper) stops reading a request head
larger than its buffer, which ``serve`` sets to the same 32 KB, with its own 431; this layer holds
the per-header limit, and the total for servers run another way.

**Trusted hosts.** A Host that is not one of the site's gets 400, as Django's ``ALLOWED_HOSTS``
and Starlette's ``TrustedHostMiddleware`` do: the port is ignored, ``.example.org`` stands for
the name and its subdomains, ``*.example.org`` for its subdomains, ``*`` for any. A host the site
answers (and ``/healthz``, whatever the Host: probes name the server by address) is then
*settled* in the scope, so that everything after this layer (canonical links,
feeds, the sitemap, redirects, the page caches' keys) sees one value per site:

- with a base URL, the Host and the scheme are the base URL's, whatever the request said (and
  whatever ``X-Forwarded-Proto`` a trusted proxy set);
- without one, the Host keeps its name, and its port only when it is the port the server
  listens on: a cached page exists once per allowed name and scheme, not once per port a
  client can type.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

from filmguide.config import MAX_HEADER_BYTES, MAX_HEADERS_BYTES
from filmguide.web.fastpath import FastPath, Head, scan_head
from filmguide.web.security import refuse, security_headers

#: A refusal: (status, one line).
Problem = tuple[int, str]


class Refused(Exception):
    """A request :class:`HostGuard` does not answer, and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem[1])
        self.problem = problem


ONE_TOO_LARGE: Problem = (431, f"a request header is over {MAX_HEADER_BYTES} bytes")
ALL_TOO_LARGE: Problem = (431, f"the request headers are over {MAX_HEADERS_BYTES} bytes")
NOT_OURS: Problem = (400, "this server does not answer for that Host")
#: Bytes of header names assumed before they are counted (a browser sends ten or so, of about
#: fifteen bytes each).
NAME_ALLOWANCE = 1024
#: Answered whatever the Host: load balancers and systemd probe it by address.
HEALTH_PATH = "/healthz"
#: Host headers whose verdict is remembered (answered ones only; the map is emptied when full).
SETTLED_CACHE = 256


def split_host(host: str) -> tuple[str, str]:
    """``example.org:8000`` → (``example.org``, ``8000``); ``[::1]:80`` → (``[::1]``, ``80``)."""
    if host.startswith("["):
        name, _, rest = host.partition("]")
        return name + "]", rest.removeprefix(":")
    name, _, port = host.partition(":")
    return name, port


def host_allowed(name: str, patterns: Sequence[str]) -> bool:
    """Whether the host name (no port, lower case) is one of ``patterns``."""
    for pattern in patterns:
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith(".") and (name == pattern[1:] or name.endswith(pattern)):
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class HostGuard:
    """Header limits (431), trusted hosts (400) and the settled Host and scheme (module doc).

    ``hosts=None`` answers any Host (the in-process tests' ``testserver``); ``serve`` always
    gives a list.
    """

    def __init__(
        self,
        app: ASGIApp | None,
        *,
        hosts: Sequence[str] | None,
        base_url: str | None = None,
        hsts: bool = False,
    ) -> None:
        self.app = app
        self.hosts = tuple(h.casefold() for h in hosts) if hosts is not None else None
        self.base_scheme: str | None = None
        self.base_host: bytes | None = None
        if base_url:
            parts = urlsplit(base_url)
            self.base_scheme, self.base_host = parts.scheme, parts.netloc.encode("latin-1")
        self.headers = security_headers(hsts)
        self._settled: dict[bytes | None, bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "a HostGuard without an app only admits (SiteApp calls it)"
        if scope["type"] == "http":
            try:
                self.read(scope)
            except Refused as refused:
                await self.refuse(send, refused.problem)
                return
        await self.app(scope, receive, send)

    def read(self, scope: Scope) -> Head:
        """Check an HTTP request's headers, settle its Host and scheme in ``scope``, and return
        the headers the fast path reads (:data:`~filmguide.web.fastpath.Head`), or raise
        :class:`Refused`. On every request, so written for speed: this is the request's one pass
        over its headers (the fast path reads the values gathered here), and each Host's verdict
        is remembered (:data:`SETTLED_CACHE` of them)."""
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        host, encoding, if_none_match, total = scan_head(headers)
        # The values' lengths alone are added up (a length a header costs the hot path); names
        # count too once the values come near a limit, and the whole head is bounded by the
        # server's 32 KB buffer anyway (names and all).
        if total > MAX_HEADER_BYTES - NAME_ALLOWANCE:
            sizes = [len(name) + len(value) for name, value in headers]
            if max(sizes) > MAX_HEADER_BYTES:
                raise Refused(ONE_TOO_LARGE)
            if sum(sizes) > MAX_HEADERS_BYTES:
                raise Refused(ALL_TOO_LARGE)
        settled = self._settled.get(host)
        if settled is None:
            allowed, settled = self._settle(host, scope)
            if not allowed:
                if scope["path"] == HEALTH_PATH:  # it names no URL: a probe by address is answered
                    return host or b"", encoding, if_none_match
                raise Refused(NOT_OURS)
            if len(self._settled) >= SETTLED_CACHE:
                self._settled.clear()
            self._settled[host] = settled
        if settled is not host and settled != host:
            rewritten = [(n, v) for n, v in headers if n != b"host"]
            if settled:
                rewritten.append((b"host", settled))
            scope["headers"] = rewritten
        if self.base_scheme is not None:
            scope["scheme"] = self.base_scheme
        return settled, encoding, if_none_match

    def _settle(self, host: bytes | None, scope: Scope) -> tuple[bool, bytes]:
        """(whether this server answers the request's Host, the Host the rest of the app sees;
        empty for none)."""
        if host is None:  # HTTP/1.0 without a Host: only a server that names its own answers
            return self.hosts is None or self.base_host is not None, self.base_host or b""
        text = host.decode("latin-1").strip().casefold()
        name, port = split_host(text)
        if self.hosts is not None and not host_allowed(name, self.hosts):
            return False, b""
        if self.base_host is not None:
            return True, self.base_host
        server = scope.get("server")
        if port and not (server and str(server[1]) == port):
            return True, name.encode("latin-1")
        settled = text.encode("latin-1")
        return True, host if settled == host else settled

    async def refuse(self, send: Send, problem: Problem) -> None:
        """Answer a refused request: its status and one line, and the connection closed."""
        status, message = problem
        await refuse(send, status, message, self.headers)


class SiteApp(Starlette):
    """The Starlette app, with film pages kept in memory answered before routing (the fast path)."""

    def __init__(self, fast: FastPath, *, guard: HostGuard, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fast = fast
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            head = self.guard.read(scope)
        except Refused as refused:
            await self.guard.refuse(send, refused.problem)
            return
        await self.fast.answer(scope, send, lambda: super(SiteApp, self).__call__(scope, receive, send), head)
