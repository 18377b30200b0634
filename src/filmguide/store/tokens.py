"""API tokens: who may write guides over the HTTP API (``POST``/``PUT``/``DELETE /api/guides``).

A token is 32 random bytes (``secrets.token_urlsafe``), shown once when created and stored only
as its SHA-256 (hex). A request's token is hashed and looked up by that hash: the database
compares hashes, never the secret, so nothing about the stored tokens leaks through timing, and
a stolen database gives no usable token. Revoking keeps the row (its name, dates) and marks
``revoked_at``; a revoked token no longer verifies, and its name stays taken, so a log that
names it is never ambiguous.

Each function works inside the caller's transaction; :class:`~filmguide.store.Store` opens one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from filmguide.store.schema import api_tokens

#: Bytes of randomness in a token (43 characters once encoded).
TOKEN_BYTES = 32
#: ``last_used_at`` is written at most this often per token: a busy client costs no write per request.
LAST_USED_EVERY = timedelta(minutes=1)
#: A token's name: what ``token revoke NAME`` and the logs call it.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class TokenError(ValueError):
    """A token that cannot be created or revoked: the CLI prints this one line."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """One token as ``token list`` shows it; the token itself is never kept."""

    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class Verified:
    """A token that verified: its id and name, and whether ``last_used_at`` is due an update."""

    id: int
    name: str
    touch: bool


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a token: the only form the database holds."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """The name, if it is one: 1 to 100 letters, digits, ``.``, ``_``, ``-``, starting with a
    letter or digit (so it never reads as an option on the command line)."""
    if not NAME.match(name):
        raise TokenError(
            f"a token name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter "
            f"or digit; not {name[:40]!r}"
        )
    return name


def create(conn: Connection, name: str, now: datetime) -> str:
    """Create a token named ``name`` and return it (the only time it is seen)."""
    check_name(name)
    if conn.scalar(select(api_tokens.c.id).where(api_tokens.c.name == name)) is not None:
        raise TokenError(f"a token named '{name}' exists already (names stay taken after revoking)")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    conn.execute(insert(api_tokens).values(name=name, token_hash=token_hash(token), created_at=now))
    return token


_select_info = select(
    api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.last_used_at, api_tokens.c.revoked_at
)


def list_tokens(conn: Connection) -> list[TokenInfo]:
    """Every token, oldest first."""
    query = _select_info.order_by(api_tokens.c.created_at, api_tokens.c.id)
    return [TokenInfo(*row) for row in conn.execute(query)]


def revoke(conn: Connection, name: str, now: datetime) -> TokenInfo | None:
    """Revoke the token named ``name`` (at once: the next request with it gets 401); returns the
    token as it now stands, ``None`` if no token has this name. Revoking twice keeps the first date."""
    conn.execute(
        update(api_tokens)
        .where(api_tokens.c.name == name, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return find(conn, name)


def find(conn: Connection, name: str) -> TokenInfo | None:
    """The token named ``name``, if any."""
    row = conn.execute(_select_info.where(api_tokens.c.name == name)).first()
    return TokenInfo(*row) if row is not None else None


def verify(conn: Connection, token: str, now: datetime) -> Verified | None:
    """The active token ``token`` is, if any. Looked up by hash; the stored hash is compared
    again in constant time, so a lookup that matched by some collation quirk cannot pass."""
    if not token or len(token) > 256:
        return None
    digest = token_hash(token)
    row = conn.execute(
        select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.token_hash, api_tokens.c.last_used_at).where(
            api_tokens.c.token_hash == digest, api_tokens.c.revoked_at.is_(None)
        )
    ).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    touch = row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY
    return Verified(row.id, row.name, touch)


def touch(conn: Connection, token_id: int, now: datetime) -> None:
    """Record that the token was used now (called at most once a minute per token)."""
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))
