"""One answer for ``/x`` and ``/x.json``: a page's data (a model of
:mod:`filmguide.web.page_models`) as its HTML page, or as its JSON twin.

Every page view and error page answers through :class:`Twins`, so the HTML and the JSON of a page
come from the same data, and every twin is written by the one encoder
(:func:`filmguide.web.render.json_bytes`): the site's answers and the export's files are the same
bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from filmguide.web.page_models import PageData
from filmguide.web.render import Renderer, etag_response, json_bytes

JSON = "application/json"
HTML = "text/html; charset=utf-8"


def is_twin(request: Request) -> bool:
    """``/x.json`` rather than ``/x``: the page's data, not its HTML."""
    return request.url.path.endswith(".json")


def wants_json(request: Request) -> bool:
    """A twin, the API, or a client that asks for JSON: errors answer in JSON."""
    path = request.url.path
    return (
        is_twin(request)
        or path.startswith("/api/")
        or "application/json" in request.headers.get("accept", "")
    )


class Twins:
    """Pages rendered by ``renderer``, on the base URL ``base`` gives for a request."""

    def __init__(self, renderer: Renderer, base: Callable[[Request], str]) -> None:
        self.renderer = renderer
        self.base = base

    def body(
        self, data: PageData, template: str, *, as_json: bool, base: str, path: str, json_path: str
    ) -> tuple[bytes, str]:
        """A page's bytes and media type: its data as JSON, else its HTML (whose head links the
        twin at ``json_path``)."""
        if as_json:
            return json_bytes(data), JSON
        html = self.renderer.render(template, data, base_url=base, path=path, json_path=json_path)
        return html.encode(), HTML

    def for_request(
        self, request: Request, data: PageData, template: str, *, json_path: str, as_json: bool | None = None
    ) -> tuple[bytes, str]:
        """:meth:`body` for this request: its base URL and path; JSON when it asks for the twin
        (``as_json``: decided otherwise, as error pages do)."""
        as_json = is_twin(request) if as_json is None else as_json
        base, path = self.base(request), request.url.path
        return self.body(data, template, as_json=as_json, base=base, path=path, json_path=json_path)

    def answer(
        self,
        request: Request,
        data: PageData,
        template: str,
        *,
        json_path: str,
        status: int = 200,
        as_json: bool | None = None,
    ) -> Response:
        """The response (with its ETag) of :meth:`for_request`."""
        body, media = self.for_request(request, data, template, json_path=json_path, as_json=as_json)
        return etag_response(request, body, media, status=status)
