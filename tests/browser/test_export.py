"""The static export in Chromium, served by a plain static file server (Python's ``http.server``,
no filmguide code) that enforces a Content Security Policy without ``'unsafe-inline'``: the export's
search script finds films in the browser, a film page opens from its results, spoiler gates open
without script, and nothing breaks the policy or reaches outside the server.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from filmguide.export import export_site
from filmguide.store import Store
from tests.browser.conftest import TIMEOUT_MS, WIDTHS, screenshot
from tests.helpers import fill

#: What a careful static host would send: scripts and styles from the site only, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files as they are, with the policy header; quiet."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An export of the demo guides and part of the catalog (SQLite), served on a free port."""
    folder = tmp_path_factory.mktemp("export")
    store = Store.open(f"sqlite:///{folder / 'site.db'}")
    try:
        fill(store)
        export_site(store, folder / "site", workers=1)
    finally:
        store.close()
    handler = functools.partial(_Handler, directory=str(folder / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="static-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class Visit:
    """A browser context on the static site that records script errors, policy violations and
    any request to somewhere else (aborted)."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.browser = browser
        self.url = url
        self.contexts: list[BrowserContext] = []
        self.errors: list[str] = []
        self.outside: list[str] = []

    def new(self, width: int = 1280, *, javascript: bool = True) -> Page:
        context = self.browser.new_context(
            base_url=self.url,
            viewport=WIDTHS[width],
            java_script_enabled=javascript,  # type: ignore[arg-type]
        )
        self.contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        own = re.compile("^" + re.escape(self.url) + "(/|$)")

        def block(route: Any) -> None:
            self.outside.append(route.request.url)
            route.abort()

        context.route(lambda url: own.match(url) is None, block)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(Exception):
                context.close()


@pytest.fixture
def visit(browser: Browser, static_site: str) -> Iterator[Visit]:
    opened = Visit(browser, static_site)
    try:
        yield opened
    finally:
        opened.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_export_searches_in_the_browser_and_opens_a_film(visit: Visit, width: int) -> None:
    page = visit.new(width)
    response = page.goto("/")
    assert response is not None and response.status == 200
    assert response.headers["content-security-policy"] == CSP
    page.fill("#q", "vegas")
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search/\?q=vegas$"))
    results = page.locator("ol.results li.hit a")
    expect(results.first).to_be_visible()
    titles = results.all_inner_texts()
    assert titles[0] == "Leaving Las Vegas", titles  # the guide first
    assert "Fear and Loathing in Las Vegas" in titles
    expect(page.locator(".search-page .lede")).to_have_text(f"{len(titles)} results")
    screenshot(page, f"export-search-{width}")

    results.first.click()
    page.wait_for_url(re.compile(r"/films/leaving-las-vegas/$"))
    expect(page.locator("h1")).to_contain_text("Leaving Las Vegas")
    expect(page.locator("link[rel=stylesheet]")).to_have_count(1)
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "no style sheet"
    # The share links now carry this page's address (the script fills it in).
    x = page.locator('.share a.share-link[href^="https://x.com/"]')
    expect(x).to_have_attribute(
        "href", re.compile(re.escape("127.0.0.1") + r".*films%2Fleaving-las-vegas%2F$")
    )
    screenshot(page, f"export-film-{width}")
    assert not visit.errors, f"script errors or policy violations: {visit.errors}"
    assert not visit.outside, f"requests outside the site: {visit.outside}"


def test_a_search_with_no_match_says_so(visit: Visit) -> None:
    page = visit.new()
    page.goto("/search/?q=zzzqqq")
    expect(page.locator(".search-page .empty")).to_contain_text("Nothing matches")
    expect(page.locator(".search-page .lede")).to_have_text("0 results")
    assert not visit.errors


def test_export_pages_work_without_script(visit: Visit) -> None:
    page = visit.new(javascript=False)
    page.goto("/films/leaving-las-vegas/")
    gate = page.locator('details.spoiler[data-spoiler="ending"]')
    content = gate.locator(":scope > :not(summary)").first
    expect(content).to_be_hidden()
    gate.locator(":scope > summary").click()
    expect(content).to_be_visible()
    page.locator("a", has_text="Read the spoiler-free version").click()
    page.wait_for_url(re.compile(r"/films/leaving-las-vegas/no-spoilers/$"))
    expect(page.locator(".spoiler-omitted")).to_be_visible()
    page.goto("/films/")
    page.locator('a[rel="next"]').click()
    page.wait_for_url(re.compile(r"/films/page/2/$"))
    expect(page.locator(".page-of")).to_have_text(re.compile(r"Page 2 of \d+"))
    assert not visit.outside


def test_the_404_page_links_from_the_root(visit: Visit) -> None:
    """A static host answers any missing path with 404.html, so its links start at the root."""
    page = visit.new()
    page.goto("/404.html")
    expect(page.locator("h1")).to_have_text("Page not found")
    hrefs = page.locator("link[rel=stylesheet]").get_attribute("href")
    assert hrefs is not None and hrefs.startswith("/static/site.css")
