"""The admin's page (``/desk/users``): accounts and API tokens, listed, created, removed.

The same rules as the command line (``filmguide user …``, ``filmguide token …``): a refused name or
password is said in one line on the page; a new API token is shown once, on the page that made it.
An admin cannot delete their own account here (the command line can), so the desk always keeps one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from filmguide.accounts import PasswordError, hash_password
from filmguide.store.tokens import TokenError
from filmguide.store.users import UserError
from filmguide.web.desk.auth import Signed

if TYPE_CHECKING:
    from filmguide.web.desk.routes import Desk


def _field(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


class Admin:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    async def page(
        self,
        request: Request,
        signed: Signed,
        *,
        status: int = 200,
        error: str | None = None,
        notice: str | None = None,
        token: str | None = None,
    ) -> Response:
        accounts = await run_in_threadpool(self.desk.desk.users)
        tokens = await run_in_threadpool(self.desk.store.tokens)
        return self.desk.page(
            signed,
            "users.html",
            status,
            accounts=accounts,
            tokens=tokens,
            error=error,
            notice=notice,
            new_token=token,
        )

    async def show(self, request: Request, signed: Signed) -> Response:
        return await self.page(request, signed)

    async def act(self, request: Request, signed: Signed) -> Response:
        """The page's forms: ``action`` is create-user, delete-user, create-token or revoke-token."""
        form: FormData = request.state.form
        action, name = _field(form, "action"), _field(form, "name").strip()
        try:
            if action == "create-user":
                password_hash = await run_in_threadpool(hash_password, _field(form, "password"))
                await run_in_threadpool(self.desk.desk.create_user, name, _field(form, "role"), password_hash)
                return await self.page(request, signed, notice=f"Created the account '{name}'.")
            if action == "delete-user":
                if name == signed.user.name:
                    raise UserError("you cannot delete your own account here")
                if not await run_in_threadpool(self.desk.desk.delete_user, name):
                    raise UserError(f"no user named '{name}'")
                return await self.page(
                    request, signed, notice=f"Deleted the account '{name}'; it is signed out."
                )
            if action == "create-token":
                token = await run_in_threadpool(self.desk.store.create_token, name)
                return await self.page(
                    request, signed, notice=f"Created the API token '{name}'.", token=token
                )
            if action == "revoke-token":
                if await run_in_threadpool(self.desk.store.revoke_token, name) is None:
                    raise TokenError(f"no token named '{name}'")
                return await self.page(request, signed, notice=f"Revoked the API token '{name}'.")
        except (UserError, PasswordError, TokenError) as error:
            return await self.page(request, signed, status=422, error=_sentence(str(error)))
        return await self.page(request, signed, status=400, error="Unknown action.")


def _sentence(message: str) -> str:
    """``a role is one of …`` → ``A role is one of ….`` (names inside keep their case)."""
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
