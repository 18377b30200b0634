"""Desk accounts, their sessions, and the record of wrong passwords (migration 0012).

Only hashes are kept: an account's argon2 hash (made by :mod:`filmguide.accounts`), a session's
SHA-256. Deleting an account or changing its password deletes its sessions, so every browser
signed in with it is signed out at its next request.

Each function works inside the caller's transaction (:class:`filmguide.store.desk.DeskStore`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from filmguide.store.schema import USER_ROLES, desk_sessions, login_failures, users
from filmguide.store.tokens import NAME


class UserError(ValueError):
    """An account that cannot be created or changed: the CLI prints this one line."""


@dataclass(frozen=True, slots=True)
class User:
    """An account as the desk and ``user list`` see it (never its hash)."""

    id: int
    name: str
    role: str
    created_at: datetime

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def check_name(name: str) -> str:
    """The name, if it is one: the same rule as API token names (letters, digits, ``.``, ``_``,
    ``-``, 1 to 100, starting with a letter or digit)."""
    if not NAME.match(name):
        raise UserError(
            f"a user name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or "
            f"digit; not {name[:40]!r}"
        )
    return name


def check_role(role: str) -> str:
    if role not in USER_ROLES:
        raise UserError(f"a role is one of {', '.join(USER_ROLES)}; not {role[:40]!r}")
    return role


_columns = select(users.c.id, users.c.name, users.c.role, users.c.created_at)


def create(conn: Connection, name: str, role: str, password_hash: str, now: datetime) -> User:
    check_name(name)
    check_role(role)
    if conn.scalar(select(users.c.id).where(users.c.name == name)) is not None:
        raise UserError(f"a user named '{name}' exists already")
    conn.execute(
        insert(users).values(
            name=name, role=role, password_hash=password_hash, created_at=now, password_changed_at=now
        )
    )
    found = find(conn, name)
    assert found is not None
    return found[0]


def list_users(conn: Connection) -> list[User]:
    """Every account, by name."""
    return [User(*row) for row in conn.execute(_columns.order_by(users.c.name))]


def find(conn: Connection, name: str) -> tuple[User, str] | None:
    """The account named ``name`` and its password hash, if any."""
    row = conn.execute(
        select(*_columns.selected_columns, users.c.password_hash).where(users.c.name == name)
    ).first()
    return (User(*row[:4]), str(row[4])) if row is not None else None


def set_password(conn: Connection, name: str, password_hash: str, now: datetime) -> bool:
    """Change the account's password and sign it out everywhere; False if there is no such account."""
    found = find(conn, name)
    if found is None:
        return False
    conn.execute(
        update(users)
        .where(users.c.id == found[0].id)
        .values(password_hash=password_hash, password_changed_at=now)
    )
    conn.execute(delete(desk_sessions).where(desk_sessions.c.user_id == found[0].id))
    return True


def rehash(conn: Connection, user_id: int, password_hash: str) -> None:
    """Keep a fresh hash of the same password (the hasher's parameters grew since it was made)."""
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def delete_user(conn: Connection, name: str) -> bool:
    """Delete the account and its sessions; False if there is no such account."""
    found = find(conn, name)
    if found is None:
        return False
    conn.execute(delete(desk_sessions).where(desk_sessions.c.user_id == found[0].id))
    conn.execute(delete(users).where(users.c.id == found[0].id))
    return True


# --- sessions -----------------------------------------------------------------------------------


def open_session(conn: Connection, user_id: int, token_hash: str, now: datetime, expires: datetime) -> None:
    conn.execute(delete(desk_sessions).where(desk_sessions.c.expires_at < now))  # the old ones go
    conn.execute(
        insert(desk_sessions).values(
            token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires
        )
    )


def session_user(conn: Connection, token_hash: str, now: datetime) -> User | None:
    """The account of a live session, if the session is one."""
    row = conn.execute(
        _columns.join_from(desk_sessions, users).where(
            desk_sessions.c.token_hash == token_hash, desk_sessions.c.expires_at > now
        )
    ).first()
    return User(*row) if row is not None else None


def close_session(conn: Connection, token_hash: str) -> None:
    conn.execute(delete(desk_sessions).where(desk_sessions.c.token_hash == token_hash))


def session_count(conn: Connection, user_id: int) -> int:
    return int(conn.scalar(select(func.count()).where(desk_sessions.c.user_id == user_id)) or 0)


# --- wrong passwords ----------------------------------------------------------------------------


def record_failure(conn: Connection, account: str, client: str, now: datetime) -> None:
    conn.execute(insert(login_failures).values(account=account[:100], client=client, created_at=now))


def failures(conn: Connection, account: str, client: str, since: datetime) -> tuple[int, int]:
    """Wrong passwords since ``since``: (for this account name, from this client); older rows go."""
    conn.execute(delete(login_failures).where(login_failures.c.created_at < since))
    by_account = conn.scalar(
        select(func.count()).where(
            login_failures.c.account == account[:100], login_failures.c.created_at >= since
        )
    )
    by_client = conn.scalar(
        select(func.count()).where(login_failures.c.client == client, login_failures.c.created_at >= since)
    )
    return int(by_account or 0), int(by_client or 0)


def oldest_failure(conn: Connection, account: str, client: str, since: datetime) -> datetime | None:
    """When the oldest counted failure happened (the throttle lifts a window after it)."""
    found = conn.scalar(
        select(func.min(login_failures.c.created_at)).where(
            login_failures.c.created_at >= since,
            (login_failures.c.account == account[:100]) | (login_failures.c.client == client),
        )
    )
    return found if isinstance(found, datetime) else None


def forget_failures(conn: Connection, account: str) -> None:
    """A right password: the account's count starts again (the client's stays)."""
    conn.execute(delete(login_failures).where(login_failures.c.account == account[:100]))
