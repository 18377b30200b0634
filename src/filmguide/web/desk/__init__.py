"""The writers' desk (``/desk``): accounts, sessions and CSRF, the editor with its live preview,
drafts, publishing and history. docs/desk.md for writers; docs/security.md for sessions and CSRF.

:func:`desk_routes` gives the site its routes; nothing else of the site depends on this package.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.routing import Route

from filmguide.store import Store
from filmguide.web.desk.routes import Desk
from filmguide.web.render import Renderer


def desk_routes(
    store: Store, renderer: Renderer, secret: bytes, base: Callable[[Request], str]
) -> list[Route]:
    return Desk(store, renderer, secret, base).routes()


__all__ = ["Desk", "desk_routes"]
