"""Fixtures of the website's tests: the demo guides in a real store (SQLite and PostgreSQL, through
the ``store`` fixture of ``tests/conftest.py``) and an in-process HTTP client over the ASGI
interface, plus helpers to read a page's head and expand its JSON-LD with pyld, offline.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from pyld import jsonld
from selectolax.lexbor import LexborHTMLParser
from starlette.applications import Starlette
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from filmguide import importer
from filmguide.store import Store
from filmguide.web.app import create_app
from tests.helpers import Api, site_client

SCHEMA = "https://schema.org/"
#: A minimal local stand-in for the schema.org context: every term is a schema.org IRI. (There is
#: no network in the tests, and the real context maps the same terms to the same IRIs.)
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}


class WebClient:
    """A synchronous face over ``httpx.AsyncClient`` with the ASGI transport: each request runs
    the app in-process, with no server, so tests read like plain function calls.

    The request runs on its own event loop in a worker thread: another test's tool (Playwright's
    sync API, say) may leave a loop running in the main thread, where ``asyncio.run`` refuses.
    """

    def __init__(self, app: Starlette, base_url: str = "http://testserver") -> None:
        self.app = app
        self.base_url = base_url

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, self._get(path, **kwargs)).result()

    async def _get(self, path: str, **kwargs: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url=self.base_url) as client:
            return await client.get(path, **kwargs)


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The test's store (each back end in turn) holding the bundled demo guides."""
    report = importer.import_paths(store, [importer.DEMO_DIR])
    assert not report.failures and report.imported >= 6
    return store


@pytest.fixture
def web(demo_store: Store) -> WebClient:
    """The site over the demo guides, its base URL taken from each request."""
    return WebClient(create_app(demo_store))


@pytest.fixture
def client_app(demo_store: Store) -> ASGIApp:
    """The app behind :func:`client`: the site over the demo guides. A module overrides this
    fixture to serve another store or other settings."""
    return create_app(demo_store)


@pytest.fixture
def client_address() -> str:
    """The address :func:`client`'s requests come from; a module overrides it to name one."""
    return "testclient"


@pytest.fixture
def client(client_app: ASGIApp, client_address: str) -> Iterator[TestClient]:
    """Starlette's test client over :func:`client_app` at ``http://films.test``, its lifespan
    (background writers) running."""
    with site_client(client_app, address=client_address) as test_client:
        yield test_client


@pytest.fixture
def api(demo_store: Store) -> Iterator[Api]:
    """The site over the demo guides, its similar lists refreshed with no delay after a write,
    and a token named ``editor``: the write API's tests."""
    token = demo_store.create_token("editor")
    app = create_app(demo_store)
    app.state.api.refresher.debounce = 0.0
    with site_client(app) as client:
        yield Api(client, demo_store, token)


# --- reading a page's head ---------------------------------------------------------------------


def html_tree(response: httpx.Response) -> LexborHTMLParser:
    assert response.headers["content-type"].startswith("text/html")
    return LexborHTMLParser(response.text)


def meta(tree: LexborHTMLParser, key: str) -> str:
    """The ``content`` of the one ``<meta>`` whose ``name`` or ``property`` is ``key``."""
    found = tree.css(f'meta[name="{key}"], meta[property="{key}"]')
    assert len(found) == 1, f"{len(found)} <meta> for {key}"
    return found[0].attributes.get("content") or ""


def canonical(tree: LexborHTMLParser) -> str:
    links = tree.css('link[rel="canonical"]')
    assert len(links) == 1
    return links[0].attributes.get("href") or ""


def ld_blocks(tree: LexborHTMLParser) -> list[str]:
    """The raw text of every ``<script type="application/ld+json">``."""
    return [node.text(deep=True) for node in tree.css('script[type="application/ld+json"]')]


def ld_json(tree: LexborHTMLParser) -> dict[str, Any]:
    """The page's one JSON-LD block, parsed as JSON."""
    blocks = ld_blocks(tree)
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    value = json.loads(blocks[0])
    assert isinstance(value, dict)
    return value


def schema_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's ``documentLoader``: the local schema.org context, and nothing else (no network)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}
    raise AssertionError(f"the JSON-LD loads a document other than schema.org: {url}")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """``document`` expanded by pyld: fails on JSON-LD that is not valid, and gives every term
    as its full IRI, so assertions say exactly what a consumer reads."""
    expanded: list[dict[str, Any]] = jsonld.expand(document, {"documentLoader": schema_loader})
    return expanded


def flatten(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``document`` flattened by pyld: every node by its id (blank nodes ``_:b0``…), with
    ``@reverse`` turned into forward links, as a triple store would hold them."""
    flat = jsonld.flatten(document, None, {"documentLoader": schema_loader})
    return {node["@id"]: node for node in flat}


def iri(term: str) -> str:
    return SCHEMA + term


def values(node: dict[str, Any], term: str) -> list[Any]:
    """The plain values (``@value``) of ``term`` on an expanded node."""
    return [v["@value"] for v in node.get(iri(term), []) if "@value" in v]


def links(node: dict[str, Any], term: str) -> list[Any]:
    """The node references or embedded nodes of ``term`` on an expanded node."""
    return [v for v in node.get(iri(term), []) if "@value" not in v]
