"""Desk sessions: signed cookies that the server can revoke.

A session is 32 random bytes (``secrets.token_urlsafe``). The cookie holds ``TOKEN.SIGNATURE``,
the signature an HMAC-SHA256 of the token under a key derived from the server's secret
(``FILMGUIDE_SECRET``): a cookie that was not issued here is refused without a database read.
The database keeps only the token's SHA-256 (``desk_sessions``), with its account and expiry, so
signing out, changing a password or deleting the account revokes the session at once; a stolen
database holds no usable cookie.

The cookie is ``HttpOnly`` (no script reads it), ``SameSite=Lax`` (no cross-site post carries it),
``Path=/desk`` (public pages never receive it, so they cannot vary by it), and ``Secure`` when the
request came over HTTPS (directly, or through a trusted proxy's ``X-Forwarded-Proto``).

A second cookie, ``filmguide_desk=1`` (``Path=/``, no secret in it), only hints to the public
pages' small script that asking ``/desk/whoami`` is worth a request; it grants nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response

#: The session cookie, and the hint cookie the public pages' script looks for.
COOKIE = "filmguide_session"
HINT_COOKIE = "filmguide_desk"
#: Where the session cookie is sent: the desk only.
COOKIE_PATH = "/desk"
#: How long a session lasts from sign-in (it is not extended by use).
LIFETIME = timedelta(hours=12)
#: Characters of the signature kept in the cookie (of the base64 of 32 bytes).
SIGNATURE_CHARS = 43


def derive_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose (sessions, CSRF) from the server's secret: one secret, many keys,
    none usable for another purpose."""
    return hmac.new(secret, f"filmguide desk {purpose}".encode(), hashlib.sha256).digest()


def sign(key: bytes, value: str) -> str:
    digest = hmac.new(key, value.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:SIGNATURE_CHARS]


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a session token: the only form the database holds."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def cookie_value(key: bytes, token: str) -> str:
    return f"{token}.{sign(key, token)}"


def token_from_cookie(key: bytes, value: str | None) -> str | None:
    """The session token a cookie carries, if its signature is ours."""
    if not value or len(value) > 200 or "." not in value:
        return None
    token, _, signature = value.rpartition(".")
    if not token or not hmac.compare_digest(signature, sign(key, token)):
        return None
    return token


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def expiry(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) + LIFETIME


def set_cookies(response: Response, request: Request, value: str) -> None:
    """The session cookie, and the hint for public pages."""
    secure = is_https(request)
    seconds = int(LIFETIME.total_seconds())
    response.set_cookie(
        COOKIE, value, max_age=seconds, path=COOKIE_PATH, secure=secure, httponly=True, samesite="lax"
    )
    response.set_cookie(
        HINT_COOKIE, "1", max_age=seconds, path="/", secure=secure, httponly=False, samesite="lax"
    )


def clear_cookies(response: Response, request: Request) -> None:
    secure = is_https(request)
    response.delete_cookie(COOKIE, path=COOKIE_PATH, secure=secure, httponly=True, samesite="lax")
    response.delete_cookie(HINT_COOKIE, path="/", secure=secure, httponly=False, samesite="lax")
