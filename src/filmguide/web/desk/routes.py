"""The desk's pages: sign-in, the list of drafts and guides, the editor, history, accounts.

Every page works without script: forms post and the page is rendered again (303 after a change).
Script adds the live preview and autosave (``/static/desk.js``), through the two JSON routes
``/desk/preview/{slug}`` and ``/desk/autosave/{slug}``, which take the CSRF token as a header.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from filmguide.slugs import slugify_title
from filmguide.store import Store
from filmguide.store.desk import DeskStore
from filmguide.web.desk import sessions
from filmguide.web.desk.admin import Admin
from filmguide.web.desk.auth import Auth, Signed, Throttled, private
from filmguide.web.desk.editor import MAX_MARKDOWN
from filmguide.web.desk.edits import Edits
from filmguide.web.render import Renderer, json_bytes

View = Callable[[Request], Awaitable[Response]]


class Desk:
    """The desk's routes over the site's store and renderer."""

    def __init__(
        self, store: Store, renderer: Renderer, secret: bytes, base: Callable[[Request], str]
    ) -> None:
        self.store = store
        self.desk = DeskStore(store)
        self.auth = Auth(self.desk, secret)
        self.renderer = renderer
        self.base = base
        self.edits = Edits(self)
        self.admin = Admin(self)

    # --- helpers ----------------------------------------------------------------------------

    def render(self, template: str, status: int = 200, **context: Any) -> Response:
        html = self.renderer.env.get_template(f"desk/{template}").render(**context)
        return private(Response(html, status_code=status, media_type="text/html; charset=utf-8"))

    def page(self, signed: Signed, template: str, status: int = 200, **context: Any) -> Response:
        """A signed-in page: the account and its CSRF token are in every one."""
        return self.render(
            template, status, user=signed.user, csrf=self.auth.session_token(signed), **context
        )

    def forbidden(self, message: str) -> Response:
        return self.render("error.html", 403, title="Refused", message=message, user=None)

    def see(self, url: str) -> Response:
        return private(RedirectResponse(url, status_code=303))

    def json(self, data: Any, status: int = 200) -> Response:
        return private(Response(json_bytes(data), status_code=status, media_type="application/json"))

    def signed_in(
        self, view: Callable[[Request, Signed], Awaitable[Response]], *, admin: bool = False
    ) -> View:
        """A view for signed-in accounts only: others are sent to sign in (303), a post without
        its CSRF token is refused (403), and so is an editor on an admin's page."""

        async def guarded(request: Request) -> Response:
            signed = await self.auth.signed(request)
            if signed is None:
                if request.method != "GET":
                    return self.forbidden("You are not signed in (or your session ended): sign in again.")
                return self.see("/desk/login?" + urlencode({"next": request.url.path}))
            if request.method == "POST":
                form = await _form(request)
                token = form.get("csrf") if form is not None else None
                if not self.auth.post_ok(request, signed, token if isinstance(token, str) else None):
                    return self.forbidden(
                        "The form’s security token is missing or out of date: reload the page."
                    )
                request.state.form = form
            if admin and not signed.user.admin:
                return self.forbidden("Only an admin may manage accounts and API tokens.")
            return await view(request, signed)

        return guarded

    # --- sign-in ----------------------------------------------------------------------------

    async def login_form(self, request: Request) -> Response:
        if await self.auth.signed(request) is not None:
            return self.see(_next(request.query_params.get("next")))
        return self.login_page(request.query_params.get("next"))

    def login_page(
        self, next_url: str | None, *, status: int = 200, error: str | None = None, name: str = ""
    ) -> Response:
        return self.render(
            "login.html",
            status,
            user=None,
            csrf=self.auth.login_token(),
            next=_next(next_url),
            error=error,
            name=name,
        )

    async def login(self, request: Request) -> Response:
        form = await _form(request)
        if form is None:
            return self.forbidden("Send the sign-in form.")
        token, name, password = (_text(form, key) for key in ("csrf", "user", "password"))
        next_url = _text(form, "next")
        if not self.auth.login_post_ok(request, token):
            return self.forbidden(
                "The sign-in form’s security token is missing or out of date: reload the page."
            )
        try:
            user = await self.auth.check_password(request, name.strip(), password)
        except Throttled as throttled:
            response = self.login_page(
                next_url, status=429, error=str(throttled).capitalize() + ".", name=name
            )
            response.headers["Retry-After"] = str(throttled.retry_after)
            return response
        if user is None:
            return self.login_page(next_url, status=401, error="Wrong user name or password.", name=name)
        response = self.see(_next(next_url))
        sessions.set_cookies(response, request, await self.auth.sign_in(user))
        return response

    async def logout(self, request: Request, signed: Signed) -> Response:
        await self.auth.sign_out(signed)
        response = self.see("/desk/login?signed_out=1")
        sessions.clear_cookies(response, request)
        return response

    async def missing(self, request: Request) -> Response:
        """No such desk page (or not by this method): 404, with the desk's private headers."""
        return self.render(
            "error.html", 404, title="Not found", message="The desk has no such page.", user=None
        )

    async def whoami(self, request: Request) -> Response:
        """For the public pages' script: whether the reader may write guides (no secret in it)."""
        signed = await self.auth.signed(request)
        if signed is None:
            return self.json({"signed_in": False})
        return self.json({"signed_in": True, "name": signed.user.name, "role": signed.user.role})

    # --- the desk's home ---------------------------------------------------------------------

    async def home(self, request: Request, signed: Signed) -> Response:
        drafts = await run_in_threadpool(self.desk.drafts)
        guides = await run_in_threadpool(self.store.list_guides)
        trash = await run_in_threadpool(self.store.trash)
        return self.page(
            signed,
            "home.html",
            drafts=drafts,
            guides=guides,
            trash=trash,
            done=request.query_params.get("done"),
        )

    async def start(self, request: Request, signed: Signed) -> Response:
        """ "New guide": to the editor of the catalog film of that title, or of a new slug."""
        from filmguide.web.desk.skeleton import find_catalog_film

        form: FormData = request.state.form
        title = _text(form, "title").strip()[:300]
        if not slugify_title(title):
            return self.see("/desk?done=no-title")
        film = await run_in_threadpool(find_catalog_film, self.store, title, None)
        if film is not None:
            return self.see(f"/desk/edit/{film.slug}")
        return self.see(f"/desk/edit/{slugify_title(title)}?" + urlencode({"title": title}))

    def routes(self) -> list[Route]:
        edits = self.edits
        return [  # an admin's page is checked after the CSRF token: a forged post learns nothing
            Route("/desk", self.signed_in(self.home)),
            Route("/desk/", self.signed_in(self.home)),
            Route("/desk/login", self.login_form, methods=["GET"]),
            Route("/desk/login", self.login, methods=["POST"]),
            Route("/desk/logout", self.signed_in(self.logout), methods=["POST"]),
            Route("/desk/whoami", self.whoami),
            Route("/desk/new", self.signed_in(self.start), methods=["POST"]),
            Route("/desk/users", self.signed_in(self.admin.show, admin=True), methods=["GET"]),
            Route("/desk/users", self.signed_in(self.admin.act, admin=True), methods=["POST"]),
            Route("/desk/edit/{slug}", self.signed_in(edits.editor), methods=["GET"]),
            Route("/desk/edit/{slug}", self.signed_in(edits.submit), methods=["POST"]),
            Route("/desk/preview/{slug}", self.signed_in(edits.preview), methods=["POST"]),
            Route("/desk/autosave/{slug}", self.signed_in(edits.autosave), methods=["POST"]),
            Route("/desk/history/{slug}", self.signed_in(edits.history), methods=["GET"]),
            Route("/desk/history/{slug}/restore", self.signed_in(edits.restore), methods=["POST"]),
            # Last: any other /desk address (or method) is answered here, privately too.
            Route(
                "/desk/{rest:path}", self.missing, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
            ),
        ]


async def _form(request: Request) -> FormData | None:
    """The posted form, or ``None`` when the body is not one (JSON posts carry no form)."""
    kind = request.headers.get("content-type", "")
    if not kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    try:
        return await request.form(max_files=0, max_fields=50, max_part_size=MAX_MARKDOWN + 1024)
    except Exception:  # a malformed body is no form
        return None


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _next(url: str | None) -> str:
    """Where to go after signing in: a desk path only (never another site)."""
    if url and url.startswith("/desk") and "//" not in url and "\\" not in url:
        return url
    return "/desk"
