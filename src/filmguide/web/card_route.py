"""The share cards' route: ``/films/{slug}/card-{version}.png``, ``/people/{slug}/card-…`` and
``/card-{version}.png`` (the home page's), drawn by :mod:`filmguide.web.cards`."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from filmguide.store import Store
from filmguide.web import cards
from filmguide.web.render import if_none_match


async def card_answer(store: Store, cache: cards.CardCache, request: Request) -> Response:
    """A share card's PNG (:mod:`filmguide.web.cards`), cached for a year: its URL changes
    whenever the picture would. An older version's URL redirects to the current one."""
    path = request.url.path
    kind = "home" if path.startswith("/card-") else "film" if path.startswith("/films/") else "person"
    card = await run_in_threadpool(cards.card_from_store, store, kind, request.path_params.get("slug", ""))
    if card is None:
        raise HTTPException(404)
    if card.version != request.path_params["version"]:
        return RedirectResponse(card.path, status_code=302, headers={"Cache-Control": "no-cache"})
    headers = {"Cache-Control": cards.CACHE_CONTROL, "ETag": f'"{card.version}"'}
    if f'"{card.version}"' in if_none_match(request):
        return Response(status_code=304, headers=headers)
    body = await run_in_threadpool(cache.png, card)
    return Response(body, media_type="image/png", headers=headers)
