"""Film pages (and searches) answered from memory: finished responses, with no database and no
framework on the way.

A film page is read far more often than it is written. Once the site has rendered one, its bytes,
their gzip form, the ETag and every header are kept here, stamped with the data version they were
rendered at. A later ``GET`` of the same URL is answered straight from the ASGI scope, before
Starlette's routing, as long as the stamp is current. The stamp is current when:

- no write has happened in this process since (the store counts its content writes), and
- no other process has written since the last check of the database's data version: each worker
  polls it every :data:`POLL_SECONDS` (a one-row read), so another worker's or an import's write
  reaches every page within that time.

Anything else (a miss, a stale entry, an unusual request) falls through to the full view, which
renders, fills this cache and serves. Search pages are kept the same way, by their query string:
under load most readers ask the same few things, and while an import writes (a new data version
many times a second) the readers of one query share each answer rather than queue for their own.

Misses of one URL are filled once: while the first renders, the others wait for it and are then
answered from memory. Otherwise a burst of readers arriving at a cold or just-changed page would
each render it, in as many threads, and all wait seconds.
"""

from __future__ import annotations

import asyncio
import gzip
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from starlette.types import Scope, Send

from filmguide.web.render import etag_of

#: How often each worker reads the database's data version.
POLL_SECONDS = 0.5
#: Bytes of responses kept per worker (each film page is a few tens of KB, and its gzip form
#: a quarter of that); ``serve --cache-mb`` gives half its budget here.
MAX_BYTES = 16 * 1024 * 1024
#: What an entry costs beyond its bodies: the key, the header lists, the objects.
ENTRY_OVERHEAD = 1024
#: Query strings that name a cacheable variant of a film page; any other goes the full way.
QUERIES = frozenset({b"", b"spoilers=0"})
#: Search pages kept too, by their query string up to this length.
SEARCH_PATHS = frozenset({"/search", "/search.json"})
SEARCH_QUERY_MAX = 200
#: Bodies smaller than this are not worth compressing.
GZIP_MIN = 512

Headers = list[tuple[bytes, bytes]]
#: The request headers the fast path reads: (Host, Accept-Encoding, If-None-Match), ``b""`` for
#: one not sent. (A page's GET counts no view: its beacon does, so the User-Agent is not read.)
Head = tuple[bytes, bytes, bytes]
#: (scheme, Host, path, query): the Host and scheme as :class:`~filmguide.web.hosts.HostGuard`
#: settled them, so one per allowed host and scheme at most.
Key = tuple[str, bytes, bytes, bytes]


@dataclass(frozen=True, slots=True)
class Stamp:
    """When a response was rendered: the database's data version and this process's write count."""

    version: int
    writes: int


@dataclass(frozen=True, slots=True)
class Cached:
    """A finished response, plain and gzipped (views are counted by the page's beacon, not here)."""

    stamp: Stamp
    etag: bytes
    headers: Headers
    body: bytes
    gzip_headers: Headers
    gzip_body: bytes | None
    not_modified_headers: Headers

    @property
    def cost(self) -> int:
        """The bytes this entry holds, roughly: its bodies and a fixed allowance for the rest."""
        return len(self.body) + len(self.gzip_body or b"") + ENTRY_OVERHEAD


def response_headers(
    media_type: str,
    etag: bytes,
    length: int,
    extra: Iterable[tuple[bytes, bytes]],
    *,
    gzipped: bool,
    cache_control: bytes = b"no-cache",
) -> Headers:
    """The headers of a cached response; the same as the full view sends."""
    headers = [
        (b"content-type", media_type.encode()),
        (b"content-length", str(length).encode()),
        (b"etag", etag),
        (b"cache-control", cache_control),
        (b"vary", b"Accept-Encoding"),
    ]
    if gzipped:
        headers.append((b"content-encoding", b"gzip"))
    headers.extend(extra)
    return headers


def build(
    stamp: Stamp,
    body: bytes,
    media_type: str,
    *,
    cache_control: str = "no-cache",
    extra: Iterable[tuple[bytes, bytes]] = (),
) -> Cached:
    """A cacheable response for ``body``; compressed once here rather than on every request.

    ``mtime=0`` keeps the gzip bytes (and so their length) the same for the same body.
    """
    extra = list(extra)
    etag = etag_of(body).encode()
    control = cache_control.encode()
    packed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN else None
    headers = response_headers(media_type, etag, len(body), extra, gzipped=False, cache_control=control)
    packed_headers = headers
    if packed is not None:
        packed_headers = response_headers(
            media_type, etag, len(packed), extra, gzipped=True, cache_control=control
        )
    not_modified = [(b"etag", etag), (b"cache-control", control), (b"vary", b"Accept-Encoding"), *extra]
    return Cached(stamp, etag, headers, body, packed_headers, packed, not_modified)


class FastPath:
    """Finished film responses by URL, least recently used dropped first, at most
    ``max_bytes`` of them (:attr:`Cached.cost`).

    ``current`` gives the stamp a response must carry to be served.
    """

    def __init__(self, current: Callable[[], Stamp], *, max_bytes: int = MAX_BYTES) -> None:
        self.current = current
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Key, Cached] = OrderedDict()
        self._filling: dict[Key, asyncio.Event] = {}
        self.hits = 0
        self.fills = 0

    @staticmethod
    def key(scheme: str, host: bytes, path: str, query: bytes) -> Key:
        return (scheme, host, path.encode(), query)

    @staticmethod
    def cacheable(path: str, query: bytes) -> bool:
        """Whether a ``GET`` of ``path?query`` may be kept: a film page and its twin in their
        plain and spoiler-free forms, and a search (a few popular queries make most of them)."""
        if path.startswith("/films/"):
            return query in QUERIES and "/" not in path[7:]  # not /films/{slug}/view.gif
        return path in SEARCH_PATHS and len(query) <= SEARCH_QUERY_MAX

    def put(self, key: Key, cached: Cached) -> None:
        """Keep a response (not one over a quarter of the budget), dropping the oldest to fit."""
        if cached.cost > self.max_bytes // 4:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.cost
        self._entries[key] = cached
        self.bytes += cached.cost
        while self.bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= dropped.cost

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    async def answer(
        self, scope: Scope, send: Send, full: Callable[[], Awaitable[None]], head: Head | None = None
    ) -> None:
        """Answer from memory, or by ``full`` (the framework's way), one fill per URL at a time.
        ``head``: the headers the fast path reads, when the caller has read them already."""
        key = await self.serve(scope, send, head)
        if key is None:
            return
        if key is UNCACHEABLE:
            await full()
            return
        pending = self._filling.get(key)
        if pending is not None:
            await pending.wait()
            if await self.serve(scope, send, head) is None:
                return
            await full()  # the first fill did not cache (an error, a 404): each goes its own way
            return
        self._filling[key] = done = asyncio.Event()
        self.fills += 1
        try:
            await full()
        finally:
            del self._filling[key]
            done.set()

    async def serve(self, scope: Scope, send: Send, head: Head | None = None) -> Key | None:
        """Answer the request from memory if a current response is kept: ``None`` if it did, or
        the key to fill (:data:`UNCACHEABLE` for a request that is never kept)."""
        query: bytes = scope["query_string"]
        path: str = scope["path"]
        if scope["method"] != "GET" or not self.cacheable(path, query):
            return UNCACHEABLE
        if head is None:
            sent, encoding, if_none_match, _ = scan_head(scope["headers"])
            host = sent or b""
        else:
            host, encoding, if_none_match = head
        key = (scope["scheme"], host, path.encode(), query)
        cached = self._entries.get(key)
        if cached is None or cached.stamp != self.current():
            return key
        self.hits += 1
        if if_none_match and cached.etag in if_none_match:
            await send({"type": "http.response.start", "status": 304, "headers": cached.not_modified_headers})
            await send({"type": "http.response.body", "body": b""})
            return None
        if cached.gzip_body is not None and b"gzip" in encoding:
            headers, body = cached.gzip_headers, cached.gzip_body
        else:
            headers, body = cached.headers, cached.body
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return None


def scan_head(headers: Headers) -> tuple[bytes | None, bytes, bytes, int]:
    """One pass over a request's headers: its Host (``None`` when not sent), Accept-Encoding and
    If-None-Match (``b""`` when not sent), and the values' total length. The host guard's pass on
    every request (:meth:`filmguide.web.hosts.HostGuard.check`), and the fast path's when no
    guard ran before it."""
    total = 0
    encoding = if_none_match = b""
    host: bytes | None = None
    for name, value in headers:
        total += len(value)
        if name == b"host":
            host = value
        elif name == b"accept-encoding":
            encoding = value
        elif name == b"if-none-match":
            if_none_match = value
    return host, encoding, if_none_match, total


#: What :meth:`FastPath.serve` returns for a request the fast path never keeps.
UNCACHEABLE: Key = ("", b"", b"", b"")
