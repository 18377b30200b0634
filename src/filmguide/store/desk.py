"""The desk's part of the store: accounts, sessions, the sign-in throttle, and drafts.

Kept beside :class:`~filmguide.store.Store` rather than in it: these tables are the desk's alone,
and none of their writes touches what the site serves (no data version moves, no page cache is
emptied). Guides themselves are published through :class:`~filmguide.store.Store`, so a publish
is an ordinary save: a new revision, the search index and the caches updated.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Unpack

from sqlalchemy import Connection

from filmguide.store import drafts as draft_queries
from filmguide.store import users as user_queries
from filmguide.store.database import Store
from filmguide.store.drafts import Draft, DraftSave
from filmguide.store.users import User


def utc_now() -> datetime:
    return datetime.now(UTC)


class DeskStore:
    """The desk's tables over an open :class:`Store` (which owns the connections)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.store.engine.begin() as conn:
            yield conn

    # --- accounts ---------------------------------------------------------------------------

    def create_user(self, name: str, role: str, password_hash: str) -> User:
        with self._transaction() as conn:
            return user_queries.create(conn, name, role, password_hash, utc_now())

    def users(self) -> list[User]:
        with self._transaction() as conn:
            return user_queries.list_users(conn)

    def user(self, name: str) -> tuple[User, str] | None:
        """The account and its password hash."""
        with self._transaction() as conn:
            return user_queries.find(conn, name)

    def set_password(self, name: str, password_hash: str) -> bool:
        with self._transaction() as conn:
            return user_queries.set_password(conn, name, password_hash, utc_now())

    def rehash(self, user_id: int, password_hash: str) -> None:
        with self._transaction() as conn:
            user_queries.rehash(conn, user_id, password_hash)

    def delete_user(self, name: str) -> bool:
        with self._transaction() as conn:
            return user_queries.delete_user(conn, name)

    # --- sessions ---------------------------------------------------------------------------

    def open_session(self, user_id: int, token_hash: str, expires: datetime) -> None:
        with self._transaction() as conn:
            user_queries.open_session(conn, user_id, token_hash, utc_now(), expires)

    def session_user(self, token_hash: str) -> User | None:
        with self._transaction() as conn:
            return user_queries.session_user(conn, token_hash, utc_now())

    def close_session(self, token_hash: str) -> None:
        with self._transaction() as conn:
            user_queries.close_session(conn, token_hash)

    # --- the sign-in throttle -----------------------------------------------------------------

    def record_failure(self, account: str, client: str) -> None:
        with self._transaction() as conn:
            user_queries.record_failure(conn, account, client, utc_now())

    def failures(self, account: str, client: str, since: datetime) -> tuple[int, int, datetime | None]:
        """(wrong passwords for the account, from the client, the oldest of them) since ``since``."""
        with self._transaction() as conn:
            by_account, by_client = user_queries.failures(conn, account, client, since)
            oldest = (
                user_queries.oldest_failure(conn, account, client, since) if by_account or by_client else None
            )
            return by_account, by_client, oldest

    def forget_failures(self, account: str) -> None:
        with self._transaction() as conn:
            user_queries.forget_failures(conn, account)

    # --- drafts -----------------------------------------------------------------------------

    def draft(self, slug: str) -> Draft | None:
        with self._transaction() as conn:
            return draft_queries.get(conn, slug)

    def drafts(self) -> list[Draft]:
        with self._transaction() as conn:
            return draft_queries.list_drafts(conn)

    def save_draft(self, slug: str, **draft: Unpack[DraftSave]) -> Draft:
        """Save the draft; raises :class:`~filmguide.store.drafts.StaleDraft` when ``expect`` is
        not the draft's current version."""
        with self._transaction() as conn:
            return draft_queries.save(conn, slug, now=utc_now(), **draft)

    def discard_draft(self, slug: str) -> bool:
        with self._transaction() as conn:
            return draft_queries.discard(conn, slug)
