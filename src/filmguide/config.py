"""Configuration: command options, then ``FILMGUIDE_*`` environment variables, then defaults."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
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


# --- the website's caching and counting ------------------------------------------------------------

#: ``Cache-Control`` of public pages: seconds a browser keeps a page (``max-age``), a shared cache
#: such as nginx or a CDN keeps it (``s-maxage``: a guide edit shows within it), and a shared cache
#: may serve it stale while it fetches a fresh copy (``stale-while-revalidate``).
MAX_AGE_ENV = "FILMGUIDE_MAX_AGE"
S_MAXAGE_ENV = "FILMGUIDE_S_MAXAGE"
STALE_ENV = "FILMGUIDE_STALE_WHILE_REVALIDATE"
#: Views (and shares) of one film counted per address (an IPv6 /64) per UTC day.
VIEWS_PER_ADDRESS_ENV = "FILMGUIDE_VIEWS_PER_ADDRESS"
SHARES_PER_ADDRESS_ENV = "FILMGUIDE_SHARES_PER_ADDRESS"
#: Seconds trending and most shared are kept in memory before they are counted again.
RANKING_SECONDS_ENV = "FILMGUIDE_RANKING_SECONDS"
#: Other origins (a static export's site) whose pages may send view beacons: comma-separated.
BEACON_ORIGINS_ENV = "FILMGUIDE_BEACON_ORIGINS"

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """What ``filmguide serve`` caches and counts; defaults documented in docs/web.md."""

    max_age: int = 60
    s_maxage: int = 60
    stale_while_revalidate: int = 30
    views_per_address: int = 3
    shares_per_address: int = 3
    ranking_seconds: float = 5.0
    beacon_origins: frozenset[str] = frozenset()

    @property
    def cache_control(self) -> str:
        """The ``Cache-Control`` value of a public page."""
        return (
            f"public, max-age={self.max_age}, s-maxage={self.s_maxage}, "
            f"stale-while-revalidate={self.stale_while_revalidate}"
        )


def web_settings(environ: Mapping[str, str] | None = None) -> WebSettings:
    """The website's settings from ``FILMGUIDE_*`` variables, else the defaults; raises
    :class:`ValueError` naming the variable whose value cannot be used."""
    env = os.environ if environ is None else environ
    default = WebSettings()

    def whole(name: str, fallback: int, low: int) -> int:
        text = env.get(name, "").strip()
        if not text:
            return fallback
        if not text.isdigit() or int(text) < low or len(text) > 9:
            raise ValueError(f"{name} must be a whole number from {low}, not {text!r}")
        return int(text)

    origins = set()
    for part in env.get(BEACON_ORIGINS_ENV, "").split(","):
        origin = part.strip().rstrip("/")
        if not origin:
            continue
        if not _ORIGIN.match(origin):
            raise ValueError(f"{BEACON_ORIGINS_ENV}: {origin!r} is not an origin (write https://host[:port])")
        origins.add(origin.lower())
    return WebSettings(
        max_age=whole(MAX_AGE_ENV, default.max_age, 0),
        s_maxage=whole(S_MAXAGE_ENV, default.s_maxage, 0),
        stale_while_revalidate=whole(STALE_ENV, default.stale_while_revalidate, 0),
        views_per_address=whole(VIEWS_PER_ADDRESS_ENV, default.views_per_address, 1),
        shares_per_address=whole(SHARES_PER_ADDRESS_ENV, default.shares_per_address, 1),
        ranking_seconds=whole(RANKING_SECONDS_ENV, int(default.ranking_seconds), 0),
        beacon_origins=frozenset(origins),
    )
