"""Configuration: command options, then ``FILMGUIDE_*`` environment variables, then defaults."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

#: The environment variable naming the database: a file path or a URL.
DB_ENV = "FILMGUIDE_DB"
#: The file name of the default SQLite database, in the user's data folder.
DEFAULT_DB_NAME = "filmguide.db"

_SQLITE_SCHEMES = frozenset({"sqlite", "sqlite+pysqlite"})
_POSTGRES_SCHEMES = frozenset({"postgresql", "postgresql+psycopg"})
# "word:" at the start: a URL scheme (two letters at least, so a Windows drive "C:" is a path).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def database_url(option: str | None) -> str:
    """The database to use: the ``--db`` option, else ``FILMGUIDE_DB``, else the default file.

    The default is ``filmguide.db`` in ``platformdirs.user_data_dir("filmguide")`` (the folder is
    created). See :func:`normalize_database_url` for the forms accepted.
    """
    value = option if option else os.environ.get(DB_ENV) or None
    if value is None:
        folder = Path(platformdirs.user_data_dir("filmguide"))
        folder.mkdir(parents=True, exist_ok=True)
        value = str(folder / DEFAULT_DB_NAME)
    return normalize_database_url(value)


def normalize_database_url(value: str) -> str:
    """A database given as a bare path, ``sqlite:///…`` or ``postgresql://…``, as a URL.

    A bare path becomes ``sqlite:///`` and its absolute path (``~`` expanded). URLs are returned
    as given. Raises :class:`ValueError` for anything else.
    """
    text = value.strip()
    if not text:
        raise ValueError("the database is empty: give a file path, sqlite:///PATH or postgresql://…")
    if "://" not in text and not _SCHEME.match(text):
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise ValueError(f"not a database URL: {value!r} ({exc})") from None
    if url.drivername in _SQLITE_SCHEMES:
        if url.host or url.username or url.port:
            raise ValueError(f"a SQLite URL has no host: {value!r} (write sqlite:///PATH)")
        return text
    if url.drivername in _POSTGRES_SCHEMES:
        if not url.database:
            raise ValueError(f"the PostgreSQL URL names no database: {value!r}")
        return text
    raise ValueError(
        f"unsupported database {value!r}: give a file path, sqlite:///PATH or "
        "postgresql://user@host:port/database"
    )
