"""CSRF: every state-changing request to the desk carries a token the server made.

Two kinds of token, both an HMAC under a key derived from the server's secret:

- **signed in**: ``HMAC(key, "session:" + SHA-256 of the session token)``: bound to the session,
  so a token seen by someone else is useless to them, and it dies with the session;
- **sign-in form** (there is no session yet): ``ISSUED.NONCE.HMAC(key, "login:ISSUED.NONCE")``,
  good for :data:`LOGIN_TOKEN_LIFETIME`.

A form sends it as the hidden field ``csrf``; a script (autosave, preview) as the header
``X-CSRF-Token``. On top of the token, a request whose ``Origin`` (or, without one, ``Referer``)
names another site is refused: browsers send it on every cross-site post.
"""

from __future__ import annotations

import hmac
import secrets
import time
from urllib.parse import urlsplit

from starlette.requests import Request

from filmguide.web.desk.sessions import sign

FIELD = "csrf"
HEADER = "x-csrf-token"
#: How long a sign-in form may stay open before posting it needs a fresh one.
LOGIN_TOKEN_LIFETIME = 2 * 3600


def session_token(key: bytes, session_hash: str) -> str:
    return sign(key, "session:" + session_hash)


def login_token(key: bytes, now: float | None = None) -> str:
    issued = str(int(now if now is not None else time.time()))
    nonce = secrets.token_urlsafe(12)
    return f"{issued}.{nonce}.{sign(key, f'login:{issued}.{nonce}')}"


def valid_login_token(key: bytes, token: str, now: float | None = None) -> bool:
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(token) > 200:
        return False
    issued, nonce, signature = parts
    age = (now if now is not None else time.time()) - int(issued)
    return 0 <= age <= LOGIN_TOKEN_LIFETIME and hmac.compare_digest(
        signature, sign(key, f"login:{issued}.{nonce}")
    )


def valid_session_token(key: bytes, session_hash: str, token: str) -> bool:
    return bool(token) and hmac.compare_digest(token, session_token(key, session_hash))


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site (``Origin``, else
    ``Referer``); True when it says nothing (a script, curl) or names this site."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin != "null"
    parts = urlsplit(origin)
    host = request.headers.get("host", "")
    return parts.netloc == host
