"""Desk passwords: argon2id hashes (argon2-cffi), and the rule a new password must meet.

The hasher's parameters are argon2-cffi's defaults (RFC 9106's low-memory profile: 64 MiB,
3 passes); a hash made with older parameters verifies and is replaced on the next sign-in.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

#: Shorter passwords are refused: a throttled sign-in still should not be the only defence.
MIN_PASSWORD = 10
#: Longer ones too: hashing a megabyte on request is a way to tie up the server.
MAX_PASSWORD = 1024

_hasher = PasswordHasher()


class PasswordError(ValueError):
    """A password that cannot be used: one line, for the user."""


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise PasswordError(f"a password is at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise PasswordError(f"a password is at most {MAX_PASSWORD} characters")
    return password


def hash_password(password: str) -> str:
    return _hasher.hash(check_password(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the one hashed; never raises for a wrong or too long password."""
    if len(password) > MAX_PASSWORD:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


#: A hash of no one's password: verified against when the account does not exist, so that a
#: wrong name takes as long as a wrong password (no timing tells which names exist).
DUMMY_HASH = _hasher.hash("not anyone's password at all")
