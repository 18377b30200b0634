"""Helpers shared by test modules, one definition each: no test module imports another.

Fixtures live in the ``conftest.py`` files; what a test calls or reads (running the CLI, a real
``filmguide serve``, an in-process client, a filled store, hostile inputs) lives here.
``tests/test_layout.py`` keeps it so.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from bench.common import retitled_copies
from click.testing import CliRunner
from markupsafe import escape
from sqlalchemy import Connection, create_engine, func, select, text
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from filmguide import importer
from filmguide.analyses import GuideAnalyses, analyse_guide
from filmguide.catalog import load_catalog
from filmguide.export import Links
from filmguide.model import Guide
from filmguide.slugs import slugify_title
from filmguide.store import Store
from filmguide.store.people import guide_credits
from filmguide.store.schema import credits, events, films, guides
from tests.conftest import ARTICLES, free_port

ROOT = Path(__file__).resolve().parents[1]


#: A reader's browser, and a crawler, as they name themselves.
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"


GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def run(*args: str, db: str | None = None, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process, with ``stdin`` on its standard input; returns (exit code, stdout,
    stderr). (The CLI is imported here, not by every test that imports this module.)"""
    from filmguide.cli import cli

    runner = CliRunner()
    full = [*args, "--db", db] if db is not None else list(args)
    result = runner.invoke(cli, full, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``filmguide`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-c", "from filmguide.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def start_import(db_url: str, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    """``filmguide import FOLDER`` in a session of its own (so its parse workers can be killed too)."""
    command = [sys.executable, "-m", "filmguide", "import", str(folder), "--db", db_url]
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def site_client(app: ASGIApp, base_url: str = "http://films.test", address: str = "testclient") -> TestClient:
    """Starlette's test client over ``app``, as a reader at ``address`` reaching ``base_url``.
    Use it as a context manager to run the app's lifespan (its background writers)."""
    return TestClient(app, base_url=base_url, client=(address, 50000))


@dataclass
class Api:
    """A test client over the site, and a valid token's headers."""

    client: TestClient
    store: Store
    token: str

    def auth(self, content_type: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if content_type:
            headers["Content-Type"] = content_type
        return headers

    def post(self, body: bytes | str, content_type: str) -> httpx.Response:
        return self.client.post("/api/guides", content=body, headers=self.auth(content_type))


#: Seconds a server gets to start, and to stop after SIGTERM.
START_TIMEOUT = 60.0


STOP_TIMEOUT = 60.0


class ServedSite:
    """A ``filmguide serve`` subprocess (granian, as in production); its standard error goes to a
    file (read it with :meth:`log`), so a chatty server never blocks on a full pipe."""

    def __init__(
        self,
        db_url: str,
        work: Path,
        *,
        workers: int = 2,
        args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        """Start it; ``env`` adds to the environment (``FILMGUIDE_SECRET`` is not passed on
        unless given there: serve makes one)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = work / f"serve-{self.port}.log"
        env = {**{k: v for k, v in os.environ.items() if k != "FILMGUIDE_SECRET"}, **(env or {})}
        command = [sys.executable, "-m", "filmguide", "serve", "--no-demo", "--db", db_url]
        command += ["--port", str(self.port), "--workers", str(workers), *args]
        with self.log_path.open("wb") as log:
            # A session of its own: if the test must kill it, its workers go too (killed alone,
            # the main process would leave them serving, orphaned).
            self.process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, body: Any = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request on a connection of its own: (status, headers, body)."""
        return send(
            http.client.HTTPConnection("127.0.0.1", self.port, timeout=30), method, path, headers, body
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited with {self.process.returncode}:\n{self.log()}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"serve did not answer within {START_TIMEOUT} s:\n{self.log()}")

    def terminate(self) -> int:
        """SIGTERM, as an init system stops a service; waits for the exit and returns its code."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=STOP_TIMEOUT)

    def kill(self) -> None:
        """SIGKILL to the server and its workers (its process group), whatever state it is in."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def served(db_url: str, work: Path, *, workers: int = 2, args: tuple[str, ...] = ()) -> Iterator[ServedSite]:
    """``filmguide serve`` on ``db_url``, ready to answer, killed (workers too) after the block."""
    site = ServedSite(db_url, work, workers=workers, args=args)
    try:
        site.wait_ready()
        yield site
    finally:
        site.kill()


def event_counts(store: Store, kind: str) -> dict[str, int]:
    """Stored events of ``kind`` by film slug (straight from the table: no window, no guide join)."""
    query = (
        select(films.c.slug, func.count(events.c.id))
        .join_from(events, films, events.c.film_id == films.c.id)
        .where(events.c.kind == kind)
        .group_by(films.c.slug)
    )
    with store.engine.connect() as conn:
        return {slug: int(n) for slug, n in conn.execute(query)}


def guide_count(store: Store) -> int:
    """Rows in the guides table."""
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(guides)) or 0)


def assert_whole(store: Store) -> int:
    """Every stored guide is whole: its document parses, its film row is there with its title, its
    credits are exactly those the guide names, and no film or credit is left without a guide.
    Returns how many guides there are."""
    with store.engine.connect() as conn:
        rows = list(
            conn.execute(
                select(guides.c.film_id, guides.c.document, films.c.title).join(
                    films, films.c.id == guides.c.film_id
                )
            )
        )
        stored_credits: dict[int, int] = {
            film: int(n)
            for film, n in conn.execute(select(credits.c.film_id, func.count()).group_by(credits.c.film_id))
        }
        film_total = int(conn.scalar(select(func.count()).select_from(films)) or 0)
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert list(conn.exec_driver_sql("PRAGMA foreign_key_check")) == []
    assert guide_count(store) == len(rows), "a guide without its film"
    assert film_total == len(rows), "a film left without its guide"
    for film_id, document, title in rows:
        guide = Guide.model_validate_json(document)
        assert guide.title == title
        expected = sum(1 for credit in guide_credits(guide) if slugify_title(credit.name))
        assert stored_credits.pop(film_id, 0) == expected, f"{title}: credits do not match the guide"
    assert stored_credits == {}, "credits of a film with no guide"
    return len(rows)


@contextmanager
def unchecked(store: Store) -> Iterator[Connection]:
    """A transaction whose writes skip the foreign keys: on SQLite a plain engine (SQLite enforces
    them only when a connection asks, as the store's do), on PostgreSQL session_replication_role
    = replica (the triggers behind the foreign keys do not fire)."""
    if store.dialect == "sqlite":
        plain = create_engine(store.engine.url)
        try:
            with plain.begin() as conn:
                yield conn
        finally:
            plain.dispose()
    else:
        with store.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            yield conn


#: A demo guide whose film is in the catalog, and a catalog film with no guide.
GUIDE = "leaving-las-vegas"


CATALOG_ONLY = "fear-and-loathing-in-las-vegas"


#: Catalog films :func:`fill` adds beyond the demo films and the "vegas" films: enough for three
#: browse pages (48 films a page).
EXTRA_FILMS = 110


def fill(store: Store) -> Store:
    """The demo guides, part of the catalog, and their similar lists (the export, deploy, search
    engine and browser tests)."""
    catalog = load_catalog()
    wanted = {GUIDE, CATALOG_ONLY, "midnight-cowboy", "requiem-for-a-dream", "the-wrestler"}
    films = [f for f in catalog if f.slug in wanted or "vegas" in f.slug] + sorted(
        (f for f in catalog if f.slug not in wanted), key=lambda f: f.slug
    )[:EXTRA_FILMS]
    store.load_catalog(films)
    report = importer.import_paths(store, [importer.DEMO_DIR])
    assert not report.failures
    importer.refresh_similar(store)
    return store


def make_articles(folder: Path, count: int) -> list[Path]:
    """``count`` different articles: the fixtures (text, HTML, Markdown), each film retitled
    ``Title N`` so that every article is a film of its own."""
    return retitled_copies(sorted(ARTICLES.iterdir()), folder, count)


NGINX = Path("/usr/sbin/nginx")


DEPLOY = ROOT / "docs" / "deploy.md"


MIME_TYPES = Path("/etc/nginx/mime.types")


#: Search queries that must never raise anything but QueryError, on either back end.
HOSTILE = [
    '"',
    "'",
    'say "hello',
    "it's",
    "''''",
    '""""',
    "vegas AND OR NOT NEAR",
    "NEAR(vegas las, 2)",
    "vegas*",
    "*",
    "^vegas",
    "title:vegas",
    "{title}: vegas",
    "(vegas",
    "vegas)",
    "-vegas",
    "- - -",
    "vegas & las | !sera <-> ben",
    "'; DROP TABLE guides; --",
    '"; DELETE FROM films; --',
    "1' OR '1'='1",
    "\\",
    "%_%",
    "x" * 3000,
    "vegas " * 500,
    " ".join(f"w{i}" for i in range(600)),
    "🎬🍿 vegas 🎰",
    "🎬",
    "\x00",
    "veg\x00as",
    "\x01\x02\x03 vegas \x1f\x7f",
    "\ud800 vegas",
    "!!!???...",
    "…—–",
    "",
    "   ",
    "Ελληνικά 日本語 العربية",
    "ñ",
    "a",
]


class Nginx:
    """The real nginx, run in the foreground from a folder of its own with ``http_block`` (the
    lines of its ``http`` block: upstreams, servers) and the folder's temporary paths."""

    def __init__(self, folder: Path, http_block: str, *, access_log: str = "off") -> None:
        if not NGINX.exists():
            pytest.fail(
                f"{NGINX} is missing: install nginx (`apt-get install nginx`, as .ci/run does)", pytrace=False
            )
        self.folder = folder
        (folder / "temp").mkdir(exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private folder
        (folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            "events { worker_connections 256; }\n"
            f"http {{\n  include {MIME_TYPES};\n  access_log {access_log};\n"
            + "".join(
                f"  {kind}_temp_path {folder}/temp;\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + http_block
            + "}\n"
        )
        self.process = subprocess.Popen(
            [str(NGINX), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, answers: Callable[[], bool], timeout: float = 20.0) -> None:
        """Wait until ``answers()`` says nginx serves (it may raise ``OSError`` meanwhile)."""
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(OSError):
                if answers():
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self.process.stdout.read().decode() if self.process.stdout else ""
                log = self.folder / "error.log"
                pytest.fail(
                    f"nginx did not start: {output} {log.read_text() if log.exists() else ''}", pytrace=False
                )
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def wait_until(check: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"after {timeout:.0f} s: {what}"
        time.sleep(0.1)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def request(
    port: int, method: str, path: str, *, source: str = "127.0.0.1", agent: str = FIREFOX, body: Any = None
) -> Answer:
    """One request to 127.0.0.1:``port`` (nginx) from the loopback address ``source`` (Linux routes
    all of 127/8 to the loopback: each reader can have an address of its own), on a connection of
    its own; ``body`` is sent as JSON."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    return Answer(*send(conn, method, path, {"User-Agent": agent}, body))


def send(
    conn: http.client.HTTPConnection, method: str, path: str, headers: dict[str, str] | None, body: Any
) -> tuple[int, dict[str, str], bytes]:
    """One request on ``conn``, closed after it (``Connection: close``, so every request gets a
    connection of its own and the kernel spreads them over the workers); ``body`` is sent as
    JSON. Returns (status, headers, body)."""
    try:
        sent = {"Connection": "close", **(headers or {})}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        conn.request(method, path, body=payload, headers=sent)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


_HTML_LINK = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')


_OG_URL = re.compile(r'(<meta property="og:url" content=")([^"]*)(")')


def relink_html(text: str, links: Links, page_dir: str | None) -> str:
    """A page as the server rendered it, its site links (``href``, ``src``, ``action``,
    ``og:url``) rewritten by pattern into the export's form: an oracle independent of the
    templates' ``url``, to compare an exported page with the server's."""

    def swap(match: re.Match[str], folder: str | None) -> str:
        new = links.href(html.unescape(match.group(2)), folder)
        written = match.group(2) if new is None else str(escape(new))
        return match.group(1) + written + match.group(3)

    text = _HTML_LINK.sub(lambda match: swap(match, page_dir), text)
    return _OG_URL.sub(lambda match: swap(match, None), text, count=1)


def stored_analyses(store: Store, slug: str) -> GuideAnalyses:
    """The film's current stored analyses (failing when it has none)."""
    found = store.analysed_guide(slug)
    assert found is not None and found.analyses is not None, f"no current analyses for {slug}"
    return found.analyses


def analyses_made_now(store: Store, slug: str) -> GuideAnalyses:
    """The analyses of the film's stored guide made now, against its catalog film as it is."""
    guide = store.get_guide(slug)
    assert guide is not None
    return analyse_guide(guide, store.catalog_film(slug))
