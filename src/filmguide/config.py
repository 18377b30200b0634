"""Configuration: command options, then ``FILMGUIDE_*`` environment variables, then defaults.

With ``cli.py`` (where click reads the options' variables), the one module that reads the
environment. Light to import: the CLI loads it before knowing which command runs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
        import platformdirs  # here: the commands that open no database start without it

        folder = Path(platformdirs.user_data_dir("filmguide"))
        folder.mkdir(parents=True, exist_ok=True)
        value = str(folder / DEFAULT_DB_NAME)
    return normalize_database_url(value)


def normalize_database_url(value: str) -> str:
    """A database given as a bare path, ``sqlite:///…`` or ``postgresql://…``, as a URL.

    A bare path becomes ``sqlite:///`` and its absolute path (``~`` expanded). URLs are returned
    as given. Raises :class:`ValueError` for anything else.
    """
    from sqlalchemy.engine import make_url  # here: ``filmguide --help`` starts without SQLAlchemy
    from sqlalchemy.exc import ArgumentError

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


# --- the website: one settings object --------------------------------------------------------------
#
# ``filmguide serve`` makes one :class:`Settings` from its options (click reads their variables)
# and these ``FILMGUIDE_*`` variables, checks it before any worker starts, and hands it to each
# worker whole, as the argument of the worker's factory (granian pickles it into the process it
# spawns): a worker reads no environment. The figures and what each limit defends against are in
# docs/security.md; caching and counting in docs/web.md.

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
#: The secret readers' daily hashes and the desk's session keys are made from.
SECRET_ENV = "FILMGUIDE_SECRET"
#: More fallback fonts for share cards, tried first: paths separated by ``os.pathsep``.
CARD_FONTS_ENV = "FILMGUIDE_CARD_FONTS"

BASE_URL_ENV = "FILMGUIDE_BASE_URL"
ALLOWED_HOSTS_ENV = "FILMGUIDE_ALLOWED_HOSTS"
TRUSTED_PROXIES_ENV = "FILMGUIDE_TRUSTED_PROXIES"
MAX_BODY_ENV = "FILMGUIDE_MAX_BODY"
HSTS_ENV = "FILMGUIDE_HSTS"
CACHE_MB_ENV = "FILMGUIDE_CACHE_MB"
MAX_CONNECTIONS_ENV = "FILMGUIDE_MAX_CONNECTIONS"
HEADER_TIMEOUT_ENV = "FILMGUIDE_HEADER_TIMEOUT"
AUTH_FAILURES_ENV = "FILMGUIDE_AUTH_FAILURES"

#: Request bodies larger than this are refused with 413.
DEFAULT_MAX_BODY = 2 * 1024 * 1024
#: Megabytes of rendered pages and searches one worker keeps (two caches share it): with the
#: worker's own 110 MB, under the 150 MB a worker may take (docs/security.md).
DEFAULT_CACHE_MB = 32
#: Connections one worker holds open at once (granian's ``backpressure``): an idle connection
#: costs a few KB, and more wait in the kernel's backlog until one closes.
DEFAULT_MAX_CONNECTIONS = 4096
#: Seconds a client has to send a request's headers, and to start the next request on a kept-alive
#: connection (hyper's ``header_read_timeout``, which granian sets).
DEFAULT_HEADER_TIMEOUT = 5
#: Failed API authentications one address may make a minute before 429.
DEFAULT_AUTH_FAILURES = 30
#: Who may set ``X-Forwarded-For`` and ``X-Forwarded-Proto``: nginx on the same machine.
DEFAULT_TRUSTED_PROXIES = "127.0.0.1"
#: One header (name and value) and all of them together may be this long; over it, 431. nginx's
#: ``large_client_header_buffers 4 8k``.
MAX_HEADER_BYTES = 8 * 1024
MAX_HEADERS_BYTES = 32 * 1024
#: The hosts a server without a base URL or ``--allowed-hosts`` answers: this machine only, as
#: Django does with an empty ``ALLOWED_HOSTS`` in debug.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")
_FLAGS = {"": False, "0": False, "false": False, "no": False, "off": False}
_FLAGS |= {"1": True, "true": True, "yes": True, "on": True}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``filmguide serve`` and its workers are told; defaults in docs/web.md."""

    # Where and how many: serve's own options, used by the parent process alone.
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    header_timeout: int = DEFAULT_HEADER_TIMEOUT
    # The database (a URL), the secret, and the serving process the workers end with.
    database: str | None = field(default=None, repr=False)
    secret: str = field(default="", repr=False)
    parent_pid: int | None = None
    # Hosts, proxies and limits against hostile traffic (docs/security.md).
    base_url: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    trusted_proxies: str = DEFAULT_TRUSTED_PROXIES
    max_body: int = DEFAULT_MAX_BODY
    hsts: bool = False
    cache_mb: int = DEFAULT_CACHE_MB
    auth_failures: int = DEFAULT_AUTH_FAILURES
    # Caching and counting (docs/web.md).
    max_age: int = 60
    s_maxage: int = 60
    stale_while_revalidate: int = 30
    views_per_address: int = 3
    shares_per_address: int = 3
    ranking_seconds: float = 5.0
    beacon_origins: frozenset[str] = frozenset()
    # Share cards: fonts tried before the packaged fallbacks.
    card_fonts: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None, **given: Any) -> Settings:
        """The settings ``given`` (serve's options), the others from their ``FILMGUIDE_*``
        variables, else the defaults; :class:`ValueError` naming the variable whose value cannot
        be used. Only the variables of settings not given are read."""
        env = os.environ if environ is None else environ
        read = {name: reader(env) for name, reader in _READERS.items() if name not in given}
        return cls(**{name: value for name, value in read.items() if value is not None}, **given)

    @property
    def hosts(self) -> tuple[str, ...]:
        """The Host names answered: the base URL's, the allowed ones, else this machine's."""
        hosts = list(self.allowed_hosts)
        if self.base_url:
            hosts.insert(0, host_of(self.base_url))
        return tuple(dict.fromkeys(hosts)) or LOCAL_HOSTS

    @property
    def cache_control(self) -> str:
        """The ``Cache-Control`` value of a public page."""
        return (
            f"public, max-age={self.max_age}, s-maxage={self.s_maxage}, "
            f"stale-while-revalidate={self.stale_while_revalidate}"
        )


def check_base_url(value: str, name: str = "--base-url") -> str:
    """``value`` without its trailing slash, if it is an http(s) URL with a host and no query."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"{name} must be an http(s) URL such as https://films.example.org, not {value!r}")
    return value.strip().rstrip("/")


def host_of(url: str) -> str:
    """The host name a URL is reached by, without its port, as allowed hosts are written
    (``films.example.org``, ``127.0.0.1``, ``[::1]``)."""
    name = urlsplit(url).hostname or ""
    return f"[{name}]" if ":" in name else name


def parse_hosts(value: str, name: str = "--allowed-hosts") -> tuple[str, ...]:
    """A comma-separated list of host names (``example.org``, ``.example.org`` for it and its
    subdomains, ``*`` for any), lower-cased."""
    hosts = tuple(part.strip().casefold() for part in value.split(",") if part.strip())
    for host in hosts:
        if any(char in host for char in "/ @?#"):
            raise ValueError(f"{name}: {host!r} is not a host name (give names like films.example.org)")
    return hosts


def parse_origins(value: str, name: str = BEACON_ORIGINS_ENV) -> frozenset[str]:
    """Comma-separated origins (``https://host[:port]``), lower-cased, trailing slash dropped."""
    origins = set()
    for part in value.split(","):
        origin = part.strip().rstrip("/")
        if not origin:
            continue
        if not _ORIGIN.match(origin):
            raise ValueError(f"{name}: {origin!r} is not an origin (write https://host[:port])")
        origins.add(origin.lower())
    return frozenset(origins)


def card_fonts(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The share cards' extra fonts alone (``$FILMGUIDE_CARD_FONTS``), for the export."""
    return _READERS["card_fonts"](os.environ if environ is None else environ) or ()


def child_environment(database: str) -> dict[str, str]:
    """This process's environment with ``FILMGUIDE_DB`` naming ``database``: for a ``filmguide``
    command a worker runs as a child process (a URL's password stays off the command line)."""
    return {**os.environ, DB_ENV: database}


# --- reading the variables: each reader gives None when its variable is unset ---------------------

Reader = Callable[[Mapping[str, str]], Any]


def _whole(name: str, low: int) -> Reader:
    def read(env: Mapping[str, str]) -> int | None:
        text = env.get(name, "").strip()
        if not text:
            return None
        if not text.isdigit() or int(text) < low or len(text) > 9:
            raise ValueError(f"{name} must be a whole number from {low}, not {text!r}")
        return int(text)

    return read


def _checked(name: str, check: Callable[[str, str], object]) -> Reader:
    """The variable's value (stripped) through ``check(value, name)``, when it is set."""
    return lambda env: check(text, name) if (text := env.get(name, "").strip()) else None


def _flag(name: str) -> Reader:
    def read(env: Mapping[str, str]) -> bool:
        text = env.get(name, "").strip().casefold()
        if text not in _FLAGS:
            raise ValueError(f"{name} must be 1 or 0, not {text!r}")
        return _FLAGS[text]

    return read


def _proxies(env: Mapping[str, str]) -> str | None:
    return env.get(TRUSTED_PROXIES_ENV, "").strip() or env.get("FORWARDED_ALLOW_IPS", "").strip() or None


_READERS: dict[str, Reader] = {
    "database": lambda env: env.get(DB_ENV) or None,
    "secret": lambda env: env.get(SECRET_ENV) or None,
    "base_url": _checked(BASE_URL_ENV, check_base_url),
    "allowed_hosts": _checked(ALLOWED_HOSTS_ENV, parse_hosts),
    "trusted_proxies": _proxies,
    "max_body": _whole(MAX_BODY_ENV, 1),
    "hsts": _flag(HSTS_ENV),
    "cache_mb": _whole(CACHE_MB_ENV, 1),
    "auth_failures": _whole(AUTH_FAILURES_ENV, 1),
    "max_age": _whole(MAX_AGE_ENV, 0),
    "s_maxage": _whole(S_MAXAGE_ENV, 0),
    "stale_while_revalidate": _whole(STALE_ENV, 0),
    "views_per_address": _whole(VIEWS_PER_ADDRESS_ENV, 1),
    "shares_per_address": _whole(SHARES_PER_ADDRESS_ENV, 1),
    "ranking_seconds": _whole(RANKING_SECONDS_ENV, 0),
    "beacon_origins": _checked(BEACON_ORIGINS_ENV, parse_origins),
    "card_fonts": lambda env: tuple(p for p in env.get(CARD_FONTS_ENV, "").split(os.pathsep) if p) or None,
}
