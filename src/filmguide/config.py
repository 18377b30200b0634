"""Configuration: command options, then ``FILMGUIDE_*`` environment variables, then defaults."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

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


# --- serving ----------------------------------------------------------------------------------
#
# ``filmguide serve`` reads its options (each also a ``FILMGUIDE_*`` variable, through click) and
# hands them to its worker processes in the environment; each worker reads them back here, with
# :meth:`ServeSettings.from_environment`. The figures and what each one defends against are in
# docs/security.md.

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

_FLAGS = {"": False, "0": False, "false": False, "no": False, "off": False}
_FLAGS |= {"1": True, "true": True, "yes": True, "on": True}


@dataclass(frozen=True)
class ServeSettings:
    """Everything a worker of ``filmguide serve`` is told by its parent."""

    base_url: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    trusted_proxies: str = DEFAULT_TRUSTED_PROXIES
    max_body: int = DEFAULT_MAX_BODY
    hsts: bool = False
    cache_mb: int = DEFAULT_CACHE_MB
    auth_failures: int = DEFAULT_AUTH_FAILURES

    @property
    def hosts(self) -> tuple[str, ...]:
        """The Host names answered: the base URL's, the allowed ones, else this machine's."""
        hosts = list(self.allowed_hosts)
        if self.base_url:
            hosts.insert(0, host_of(self.base_url))
        return tuple(dict.fromkeys(hosts)) or LOCAL_HOSTS

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ServeSettings:
        """The settings in ``FILMGUIDE_*`` variables; :class:`ValueError` naming the variable
        for a value that cannot be used."""
        env = os.environ if environ is None else environ
        base_url = env.get(BASE_URL_ENV, "").strip() or None
        if base_url is not None:
            base_url = check_base_url(base_url, BASE_URL_ENV)
        return cls(
            base_url=base_url,
            allowed_hosts=parse_hosts(env.get(ALLOWED_HOSTS_ENV, ""), ALLOWED_HOSTS_ENV),
            trusted_proxies=env.get(TRUSTED_PROXIES_ENV, "").strip()
            or env.get("FORWARDED_ALLOW_IPS", "").strip()
            or DEFAULT_TRUSTED_PROXIES,
            max_body=_whole(env, MAX_BODY_ENV, DEFAULT_MAX_BODY),
            hsts=_flag(env, HSTS_ENV),
            cache_mb=_whole(env, CACHE_MB_ENV, DEFAULT_CACHE_MB),
            auth_failures=_whole(env, AUTH_FAILURES_ENV, DEFAULT_AUTH_FAILURES),
        )

    def environment(self) -> dict[str, str]:
        """The variables that give these settings to a worker."""
        return {
            BASE_URL_ENV: self.base_url or "",
            ALLOWED_HOSTS_ENV: ",".join(self.allowed_hosts),
            TRUSTED_PROXIES_ENV: self.trusted_proxies,
            MAX_BODY_ENV: str(self.max_body),
            HSTS_ENV: "1" if self.hsts else "0",
            CACHE_MB_ENV: str(self.cache_mb),
            AUTH_FAILURES_ENV: str(self.auth_failures),
        }


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


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a whole number from 1, not {text!r}")
    return int(text)


def _flag(env: Mapping[str, str], name: str) -> bool:
    text = env.get(name, "").strip().casefold()
    if text not in _FLAGS:
        raise ValueError(f"{name} must be 1 or 0, not {text!r}")
    return _FLAGS[text]
