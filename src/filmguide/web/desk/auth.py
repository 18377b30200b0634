"""Who is at the desk: sessions from cookies, sign-in with its throttle, CSRF checks, roles.

Every desk response says ``Cache-Control: no-store`` and ``X-Robots-Tag: noindex, nofollow``
(:func:`private`): nothing of the desk is kept by a cache or shown by a search engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from filmguide import accounts
from filmguide.store.desk import DeskStore
from filmguide.store.users import User
from filmguide.web.desk import csrf, sessions

#: Wrong passwords counted over this window, per account name and per client.
THROTTLE_WINDOW = timedelta(minutes=5)
#: Wrong passwords allowed in the window: the next try (the 10th) answers 429, right or wrong.
THROTTLE_LIMIT = 9

PRIVATE_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}


def private(response: Response) -> Response:
    """Mark a desk response: never stored, never indexed."""
    response.headers.update(PRIVATE_HEADERS)
    return response


@dataclass(frozen=True, slots=True)
class Signed:
    """A signed-in request: the account, and its session's hash (what its CSRF token is bound to)."""

    user: User
    session_hash: str


class Throttled(Exception):
    """Too many wrong passwords lately, for the account or from the client."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__("too many wrong passwords: wait a few minutes")


class Auth:
    """Sessions, sign-in and CSRF over the desk's tables, with keys from the server's secret."""

    def __init__(self, desk: DeskStore, secret: bytes) -> None:
        self.desk = desk
        self.session_key = sessions.derive_key(secret, "session")
        self.csrf_key = sessions.derive_key(secret, "csrf")
        self.client_key = sessions.derive_key(secret, "client")

    # --- sessions ---------------------------------------------------------------------------

    async def signed(self, request: Request) -> Signed | None:
        token = sessions.token_from_cookie(self.session_key, request.cookies.get(sessions.COOKIE))
        if token is None:
            return None
        digest = sessions.token_hash(token)
        user = await run_in_threadpool(self.desk.session_user, digest)
        return Signed(user, digest) if user is not None else None

    async def sign_in(self, user: User) -> str:
        """Open a session for ``user``; returns the cookie's value."""
        token = sessions.new_token()
        await run_in_threadpool(
            self.desk.open_session, user.id, sessions.token_hash(token), sessions.expiry()
        )
        return sessions.cookie_value(self.session_key, token)

    async def sign_out(self, signed: Signed) -> None:
        await run_in_threadpool(self.desk.close_session, signed.session_hash)

    # --- sign-in ----------------------------------------------------------------------------

    def client(self, request: Request) -> str:
        """The client a wrong password is counted against: a keyed hash of its address."""
        address = request.client.host if request.client else ""
        return sessions.sign(self.client_key, address)[:32]

    async def check_password(self, request: Request, name: str, password: str) -> User | None:
        """The account, if the password is its own; ``None`` for a wrong name or password (the two
        take the same time). Raises :class:`Throttled` when the account or the client has had
        :data:`THROTTLE_LIMIT` wrong passwords in :data:`THROTTLE_WINDOW`: then even the right
        password is not tried, so guessing on gains nothing."""
        client = self.client(request)
        now = datetime.now(UTC)
        by_account, by_client, oldest = await run_in_threadpool(
            self.desk.failures, name, client, now - THROTTLE_WINDOW
        )
        if max(by_account, by_client) >= THROTTLE_LIMIT:
            lifts = (oldest or now) + THROTTLE_WINDOW
            raise Throttled(max(1, math.ceil((lifts - now).total_seconds())))
        found = await run_in_threadpool(self.desk.user, name)
        stored = found[1] if found is not None else accounts.DUMMY_HASH
        right = await run_in_threadpool(accounts.verify_password, stored, password)
        if found is None or not right:
            await run_in_threadpool(self.desk.record_failure, name, client)
            return None
        user, password_hash = found
        await run_in_threadpool(self.desk.forget_failures, name)
        if accounts.needs_rehash(password_hash):
            await run_in_threadpool(self.desk.rehash, user.id, accounts.hash_password(password))
        return user

    # --- CSRF -------------------------------------------------------------------------------

    def login_token(self) -> str:
        return csrf.login_token(self.csrf_key)

    def session_token(self, signed: Signed) -> str:
        return csrf.session_token(self.csrf_key, signed.session_hash)

    def login_post_ok(self, request: Request, token: str) -> bool:
        return csrf.same_origin(request) and csrf.valid_login_token(self.csrf_key, token)

    def post_ok(self, request: Request, signed: Signed, token: str | None) -> bool:
        """Whether a signed-in post carries its session's token (field or header) and no
        foreign origin."""
        token = token or request.headers.get(csrf.HEADER, "")
        return csrf.same_origin(request) and csrf.valid_session_token(
            self.csrf_key, signed.session_hash, token
        )
