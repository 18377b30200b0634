"""Rendering: the Jinja2 environment, the page cache, and responses with ETags.

Everything from an article is text: templates autoescape, and the JSON-LD block goes through
:func:`filmguide.web.seo.script_json`, so no article can close the script element it sits in.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, FileSystemLoader, StrictUndefined, nodes, select_autoescape
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from markupsafe import Markup, escape
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from filmguide import __version__
from filmguide.web import charts, seo, snippets
from filmguide.web.format import FILTERS, join_names
from filmguide.web.page_models import PageData, page_dict
from filmguide.web.site import SiteUrls, Urls

TEMPLATES = Path(__file__).resolve().parent / "templates"


def year_suffix(year: int | None) -> str:
    return f" ({year})" if year else ""


def _dump(value: object) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_bytes(data: Any) -> bytes:
    """A JSON twin's bytes, the one encoder of every JSON answer: the site's answers and the
    export's files are the same bytes. Page models are written as their dump."""
    return orjson.dumps(data, default=_dump, option=orjson.OPT_NON_STR_KEYS)


def fact_row(label: str, value: object, known: bool = True) -> Markup:
    """One ``<dt>``/``<dd>`` row of a film's facts, dimmed when the value is not known."""
    attribute = ' class="unknown"' if not known else ""
    return Markup(f"<div{attribute}><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>\n")


class PageCodeGenerator(CodeGenerator):
    """Jinja's compiler, with each ``{{ … }}`` written through :func:`filmguide.web.snippets.escaped`
    rather than ``markupsafe.escape``: the same text, without a ``Markup`` made for each value
    (the compiled module's ``escape``, which only its output expressions call, is rebound)."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        super().visit_Template(node, frame)
        self.writeline("from filmguide.web.snippets import escaped as escape")


class PageContext(Context):
    """Jinja's context, calling the globals of :data:`PLAIN_CALLS` straight: a film page makes
    some 120 calls from its templates, and Jinja's own way of calling (does the callable, or its
    ``__call__``, want the context, the environment?) cost more than most of the calls."""

    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if id(obj) in PLAIN_CALLS:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return obj(*args, **kwargs)
        return super().call(obj, *args, **kwargs)


class PageEnvironment(Environment):
    """Jinja reading ``page.title`` from a dict without raising first: Jinja tries the attribute,
    and only on its AttributeError the key; a film page reads some 800 keys, and those raises were
    a tenth of its rendering. A key wins only where it exists; otherwise Jinja's own order holds
    (a dict's methods, ``.get`` and ``.items``, stay reachable)."""

    code_generator_class = PageCodeGenerator
    context_class = PageContext

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


#: The templates' global functions (none wants Jinja's context or environment).
GLOBAL_CALLS: dict[str, Any] = {"film_charts": charts.film_charts, "fact": fact_row, **snippets.GLOBALS}
#: What :class:`PageContext` calls straight, by identity (a template may call an object that cannot
#: be hashed; these live as long as their modules, so no other object takes their ids).
PLAIN_CALLS = frozenset(id(call) for call in GLOBAL_CALLS.values())


class Renderer:
    def __init__(self, *, auto_reload: bool = False) -> None:
        """``auto_reload``: check each template's file for changes on every render (a ``stat()``
        per template a page uses), for editing templates while a server runs; the package's
        templates do not change under a running site or export, so by default they are not."""
        self.env = PageEnvironment(
            loader=FileSystemLoader(TEMPLATES),
            auto_reload=auto_reload,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["script_json"] = seo.script_json
        self.env.filters["year"] = year_suffix
        self.env.filters["join_names"] = join_names
        self.env.filters.update(FILTERS)
        self.env.globals["version"] = __version__
        self.env.globals.update(GLOBAL_CALLS)
        # The static export's settings (filmguide.export sets them); the site has none.
        self.env.globals["static_site"] = None

    def render(
        self,
        template: str,
        data: PageData,
        *,
        base_url: str,
        path: str,
        json_path: str,
        url: Urls | None = None,
    ) -> str:
        """The page; its templates write every site link through ``url`` (:mod:`filmguide.web.site`:
        the live site's links unless the static export gives its own)."""
        data = page_dict(data)
        head = seo.head(data, base_url=base_url, path=path, json_path=json_path)
        with snippets.page_urls(url or SiteUrls(base_url)):
            return self.env.get_template(template).render(page=data, head=head, base_url=base_url, path=path)


#: What an entry costs beyond its body: the key, the dict slot, the bytes object's header.
ENTRY_OVERHEAD = 256


class PageCache:
    """Rendered bytes by key (slug, version, options…), least recently used dropped first, at
    most ``max_bytes`` of them (bodies plus :data:`ENTRY_OVERHEAD` each).

    The guide's version is part of the key, so a write makes the old entry unreachable. Keys hold
    no raw request text longer than a slug: a query string is kept as its hash
    (:func:`query_key`).
    """

    def __init__(self, max_bytes: int = 16 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> bytes | None:
        body = self._entries.get(key)
        if body is not None:
            self._entries.move_to_end(key)
        return body

    def put(self, key: tuple[Any, ...], body: bytes) -> bytes:
        """Keep ``body`` (unless it alone is over a quarter of the budget) and return it."""
        cost = len(body) + ENTRY_OVERHEAD
        if cost > self.max_bytes // 4:
            return body
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old) + ENTRY_OVERHEAD
        self._entries[key] = body
        self.bytes += cost
        while self.bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= len(dropped) + ENTRY_OVERHEAD
        return body

    def __len__(self) -> int:
        return len(self._entries)


def query_key(query: str) -> bytes:
    """A query string as a cache key: 16 bytes, whatever its length."""
    return hashlib.blake2b(query.encode("utf-8", "surrogateescape"), digest_size=16).digest()


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def etag_response(request: Request, body: bytes, media_type: str, *, status: int = 200) -> Response:
    """The body with its ETag, or 304 when the client already has it."""
    tag = etag_of(body)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if status == 200 and tag in if_none_match(request):
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type=media_type, headers=headers)


def if_none_match(request: Request) -> set[str]:
    """The entity tags an ``If-None-Match`` header names, weak or strong alike."""
    header = request.headers.get("if-none-match", "")
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
