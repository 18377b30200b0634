"""Headers and limits: every response carries the security headers (HSTS only when asked), pages
hold no inline script, style or handler for the CSP to forbid, and request bodies over the limit
get 413 from a real server (``filmguide serve``: granian, as in production) while they are being
sent, never after being read whole."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser
from sqlalchemy import text
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.config import DEFAULT_MAX_BODY, Settings
from filmguide.store import Store
from filmguide.web import life
from filmguide.web.app import create_app
from filmguide.web.security import CONTENT_SECURITY_POLICY, security_headers
from tests.helpers import served

MB = 1024 * 1024
ARTICLE = (
    b"---\ntitle: Small Film\nyear: 2001\n---\n\nSmall Film (2001) is small.\n\n## Cast\n\n- A Person as B\n"
)


def assert_secured(response: httpx.Response, *, hsts: bool = False) -> None:
    headers = response.headers
    csp = headers["content-security-policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]
    assert ("strict-transport-security" in headers) is hsts
    assert len(headers.get_list("content-security-policy")) == 1


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/films/leaving-las-vegas", 200),
        ("GET", "/films/leaving-las-vegas.json", 200),
        ("GET", "/search?q=vegas", 200),
        ("GET", "/films/no-such-film", 404),
        ("GET", "/static/site.css", 200),
        ("GET", "/api/openapi.json", 200),
        ("POST", "/api/guides", 401),
        ("GET", "/healthz", 200),
    ],
)
def test_every_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert_secured(response)


def test_a_304_carries_them_too(client: TestClient) -> None:
    first = client.get("/")
    again = client.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert_secured(again)


def test_a_film_page_kept_in_memory_carries_them_too(client: TestClient) -> None:
    """The second request is answered by the fast path, before the middleware."""
    for path in ("/films/leaving-las-vegas", "/films/leaving-las-vegas.json"):
        first = client.get(path)
        again = client.get(path)
        unchanged = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 200 and unchanged.status_code == 304
        for response in (first, again, unchanged):
            assert_secured(response)


def test_hsts_only_when_configured(store: Store) -> None:
    importer.import_paths(store, [importer.DEMO_DIR])
    with TestClient(create_app(store, hsts=True)) as secure:
        responses = [secure.get("/healthz"), secure.get("/films/leaving-las-vegas")]
        responses.append(secure.get("/films/leaving-las-vegas"))
    for response in responses:
        assert_secured(response, hsts=True)
        assert response.headers["strict-transport-security"] == "max-age=31536000"


def test_security_headers_is_cheap_and_shared() -> None:
    """The film fast path adds the same list to its responses: one cached list per setting."""
    assert security_headers(False) is security_headers(False)
    names = [name for name, _ in security_headers(True)]
    assert b"strict-transport-security" in names
    assert b"strict-transport-security" not in [name for name, _ in security_headers(False)]
    assert all(
        isinstance(n, bytes) and n == n.lower() and isinstance(v, bytes) for n, v in security_headers(True)
    )


@pytest.mark.parametrize(
    "path", ["/", "/films/leaving-las-vegas", "/search?q=vegas", "/people/nicolas-cage", "/films", "/nope"]
)
def test_pages_hold_nothing_inline_for_the_csp_to_forbid(client: TestClient, path: str) -> None:
    response = client.get(path)
    tree = LexborHTMLParser(response.text)
    scripts = tree.css("script")
    assert scripts, "the page loads its script"
    for script in scripts:
        attrs = script.attributes
        if attrs.get("type") == "application/ld+json":  # a data block: CSP does not run it
            continue
        assert attrs.get("src"), f"inline script on {path}: {script.html[:80]}"
        assert (attrs.get("src") or "").startswith("/static/")
    assert not tree.css("style"), f"<style> on {path}"
    for node in tree.css("*"):
        for name in node.attributes:
            assert name != "style", f"style attribute on {path}: {node.html[:80]}"
            assert not name.startswith("on"), f"event handler on {path}: {node.html[:80]}"
        for name in ("href", "src", "action"):
            assert not (node.attributes.get(name) or "").startswith("javascript:")


def test_the_templates_hold_no_inline_script_or_style() -> None:
    templates = Path(__file__).resolve().parents[2] / "src" / "filmguide" / "web" / "templates"
    for template in templates.glob("*.html"):
        source = template.read_text()
        assert " style=" not in source and "<style" not in source, template.name
        for line in source.splitlines():
            if "<script" in line:
                assert 'type="application/ld+json"' in line or " src=" in line, f"{template.name}: {line}"


def test_an_error_page_shows_no_stack_trace(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'broken.db'}")
    try:
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE guides"))
        with TestClient(create_app(store), raise_server_exceptions=False) as broken:
            page = broken.get("/films/leaving-las-vegas")
            twin = broken.get("/films/leaving-las-vegas.json")
    finally:
        store.close()
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert twin.status_code == 500 and twin.json() == {"kind": "error", "error": "internal error"}
    for response in (page, twin):
        assert_secured(response)
        for leak in ("Traceback", "OperationalError", "no such table", 'File "'):
            assert leak not in response.text


def test_settings_come_from_the_environment() -> None:
    read = Settings.from_environment
    assert read({}) == Settings()
    assert read({}).max_body == DEFAULT_MAX_BODY and not read({}).hsts
    both = read({"FILMGUIDE_MAX_BODY": "1000", "FILMGUIDE_HSTS": "1"})
    assert (both.max_body, both.hsts) == (1000, True)
    assert not read({"FILMGUIDE_HSTS": "0"}).hsts
    with pytest.raises(ValueError, match="FILMGUIDE_MAX_BODY must be a whole number"):
        read({"FILMGUIDE_MAX_BODY": "2MB"})
    with pytest.raises(ValueError, match="FILMGUIDE_HSTS must be 1 or 0"):
        read({"FILMGUIDE_HSTS": "maybe"})
    with pytest.raises(ValueError, match="FILMGUIDE_BASE_URL must be an http"):
        read({"FILMGUIDE_BASE_URL": "films.example.org"})


def test_settings_reach_the_workers_unchanged() -> None:
    settings = Settings(
        base_url="https://films.example.org",
        allowed_hosts=("www.films.example.org",),
        trusted_proxies="10.0.0.1",
        max_body=5000,
        hsts=True,
        cache_mb=16,
        auth_failures=12,
        database="postgresql://films:pw@db.example.org/films",
        secret="s3cret",
        parent_pid=4242,
        beacon_origins=frozenset({"https://static.example.org"}),
        card_fonts=("/fonts/a.ttf",),
    )
    # What granian hands each worker: the loader, pickled into the process it spawns.
    loader = pickle.loads(pickle.dumps(partial(life.worker_app, settings)))
    assert loader.func is life.worker_app and loader.args == (settings,)
    assert settings.hosts == ("films.example.org", "www.films.example.org")
    assert Settings().hosts == ("localhost", "127.0.0.1", "[::1]")
    assert Settings(base_url="http://127.0.0.1:8000").hosts == ("127.0.0.1",)
    assert Settings(base_url="http://[::1]:8000").hosts == ("[::1]",)
    # Neither the database's password nor the secret is shown when the settings are printed.
    assert "pw" not in repr(settings) and "s3cret" not in repr(settings)


def test_a_worker_builds_its_app_from_the_settings_alone(
    demo_store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read, these would fail the worker or send it to another database: it reads none of them.
    monkeypatch.setenv("FILMGUIDE_BASE_URL", "not a url")
    monkeypatch.setenv("FILMGUIDE_DB", "/nonexistent/other.db")
    app = life.worker_app(Settings(database=db_url, base_url="https://films.example.org", hsts=True))
    try:
        with TestClient(app, base_url="https://films.example.org") as web:  # type: ignore[arg-type]
            robots = web.get("/robots.txt")
            assert robots.status_code == 200
            assert "Sitemap: https://films.example.org/sitemap.xml" in robots.text
            assert "strict-transport-security" in robots.headers
            assert web.get("/films/leaving-las-vegas").status_code == 200  # the demo store's guide
    finally:
        app.app.state.site.store.close()


def test_options_given_win_and_their_variables_are_not_read() -> None:
    env = {"FILMGUIDE_BASE_URL": "not a url", "FILMGUIDE_MAX_BODY": "9", "FILMGUIDE_SECRET": "k"}
    settings = Settings.from_environment(env, base_url=None, max_body=100)
    assert (settings.base_url, settings.max_body, settings.secret) == (None, 100, "k")
    fonts = Settings.from_environment({"FILMGUIDE_CARD_FONTS": f"/a.ttf{os.pathsep}{os.pathsep}/b.otf"})
    assert fonts.card_fonts == ("/a.ttf", "/b.otf")


# --- the body limit, against a real server --------------------------------------------------------


@pytest.fixture
def site(store: Store, db_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The site served for real, by ``filmguide serve`` (granian, as in production); and a valid
    token."""
    importer.import_paths(store, [importer.DEMO_DIR])
    token = store.create_token("editor")
    with served(db_url, tmp_path, workers=1) as server:
        yield server.url, token


class Body:
    """A request body of ``total`` bytes sent in 64 KB chunks; counts what the client gave."""

    def __init__(self, total: int, fill: bytes = b"a") -> None:
        self.total = total
        self.fill = fill
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        chunk = 64 * 1024
        while self.sent < self.total:
            size = min(chunk, self.total - self.sent)
            self.sent += size
            yield self.fill * size

    @property
    def exhausted(self) -> bool:
        return self.sent >= self.total


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_30_mb_body_gets_413_before_it_is_all_sent(site: tuple[str, str], declared: bool) -> None:
    url, token = site
    body = Body(30 * MB)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/plain"}
    if declared:
        headers["Content-Length"] = str(body.total)  # else httpx sends the generator chunked
    response = httpx.post(f"{url}/api/guides", content=iter(body), headers=headers, timeout=60)
    assert response.status_code == 413
    assert response.json() == {"error": f"the request body is larger than {DEFAULT_MAX_BODY} bytes"}
    assert response.headers["connection"] == "close"
    assert_secured(response)
    assert not body.exhausted, f"the client sent all {body.sent} bytes: the server read the whole body"
    # The server is still well, and wrote nothing.
    assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200


def test_the_share_endpoint_is_limited_too(site: tuple[str, str]) -> None:
    url, _ = site
    body = Body(30 * MB, b" ")
    response = httpx.post(
        f"{url}/films/leaving-las-vegas/share",
        content=iter(body),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413
    assert not body.exhausted


def test_a_body_at_the_limit_passes_and_one_byte_more_does_not(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    token = store.create_token("editor")
    limit = len(ARTICLE) + 10
    exact = ARTICLE + b"\n" * 10
    with served(db_url, tmp_path, workers=1, args=("--max-body", str(limit))) as server:
        url = server.url
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/markdown"}
        ok = httpx.post(f"{url}/api/guides", content=exact, headers=headers, timeout=30)
        over = httpx.post(f"{url}/api/guides", content=exact + b"\n", headers=headers, timeout=30)
        streamed = httpx.post(f"{url}/api/guides", content=iter([exact, b"\n"]), headers=headers, timeout=30)
    assert ok.status_code == 201, ok.text
    assert over.status_code == 413 and over.json()["error"].endswith(f"larger than {limit} bytes")
    assert streamed.status_code == 413
    assert [g.title for g in store.list_guides()] == ["Small Film"]
