"""Real-browser fixtures: the site served by uvicorn on a free loopback port, and Debian's Chromium.

The server runs the real ASGI stack (uvicorn with httptools and uvloop) in a background thread over a
temporary SQLite database loaded with the demo guides. The browser is ``/usr/bin/chromium`` (Debian's
package, never a downloaded build), launched by Playwright with a fresh temporary profile; each test
gets its own context (viewport, colour scheme, script on or off), which is closed afterwards.

Server, Playwright and browser are started once for this package (``scope="package"``) and stopped
as soon as its last test ends: Playwright's sync API leaves its event loop set as the main thread's
running loop while it is open, which would break ``asyncio.run`` in the tests collected after these.

If Chromium or axe-core is missing, the tests fail with a message saying how to install it: they are
never skipped.

Every context lets the browser reach the test server only: any other request is aborted and recorded
(``Pages.outside``), so no test sends traffic off the machine.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from starlette.types import ASGIApp

from filmguide import importer
from filmguide.store import Store
from filmguide.web.app import create_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

#: Viewports the tests run at: a wide screen and a phone.
WIDTHS = {1280: {"width": 1280, "height": 800}, 375: {"width": 375, "height": 812}}
#: Each browser context is a reader of its own, with a desktop Chrome's user agent: headless
#: Chromium's own ("HeadlessChrome") is an automated client, whose views and shares the site
#: does not count (docs/web.md, Counting).
_READERS = itertools.count(1)
FILM = "leaving-las-vegas"
TIMEOUT_MS = 10_000


@dataclass
class Site:
    """The running server: its base URL and a way to read its JSON endpoints."""

    url: str

    def get_json(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())


def _wait_until_healthy(url: str, thread: threading.Thread, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    problem = "no answer"
    while time.monotonic() < deadline:
        if not thread.is_alive():
            pytest.fail(
                "the test server (uvicorn) stopped while starting; see the captured log", pytrace=False
            )
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
                problem = f"HTTP {response.status}"
        except OSError as error:
            problem = str(error)
        time.sleep(0.05)
    pytest.fail(
        f"the test server did not answer {url}/healthz within {seconds:.0f} s: {problem}", pytrace=False
    )


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The site over a temporary SQLite database with the demo guides, served on 127.0.0.1:<free port>."""
    database = tmp_path_factory.mktemp("browser-site") / "site.db"
    store = Store.open(f"sqlite:///{database}")
    importer.import_paths(store, [importer.DEMO_DIR])
    try:
        with served_in_thread(create_app(store)) as served:
            yield served
    finally:
        store.close()


@contextlib.contextmanager
def served_in_thread(app: ASGIApp) -> Iterator[Site]:
    """``app`` served by uvicorn in a thread on 127.0.0.1:<free port>, ready to answer."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))  # a free port, held from here on: no race with other programs
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, name="uvicorn", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, thread)
        yield Site(url)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        listener.close()


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, one for the whole session (Playwright gives it a fresh profile)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium and never a downloaded "
            "browser. Install it with `apt-get install chromium` (as .ci/run does).",
            pytrace=False,
        )
    launched = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=60_000
    )
    try:
        yield launched
    finally:
        launched.close()


@dataclass
class Pages:
    """Opens browser contexts against the test site; closes them when the test ends.

    ``errors`` collects uncaught script errors; ``outside`` the requests the site tried to make to
    anywhere but the test server (they are aborted).
    """

    browser: Browser
    site: Site
    contexts: list[BrowserContext] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def new(
        self,
        width: int = 1280,
        *,
        javascript: bool = True,
        color_scheme: str = "light",
        permissions: list[str] | None = None,
    ) -> Page:
        context = self.browser.new_context(
            base_url=self.site.url,
            viewport=WIDTHS[width],  # type: ignore[arg-type]
            java_script_enabled=javascript,
            color_scheme=color_scheme,  # type: ignore[arg-type]
            bypass_csp=True,  # axe-core is injected as an inline script
            reduced_motion="reduce",
            user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/131.0.{next(_READERS)}.0 Safari/537.36",
        )
        self.contexts.append(context)
        if permissions:
            context.grant_permissions(permissions, origin=self.site.url)
        context.set_default_timeout(TIMEOUT_MS)
        own = re.compile("^" + re.escape(self.site.url) + "(/|$)")

        def block_outside(route: Any) -> None:
            self.outside.append(route.request.url)
            route.abort()

        context.route(lambda url: own.match(url) is None, block_outside)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(Exception):
                context.close()


@pytest.fixture
def pages(browser: Browser, site: Site) -> Iterator[Pages]:
    opened = Pages(browser, site)
    try:
        yield opened
    finally:
        opened.close()


def inject_axe(page: Page) -> None:
    if not AXE.exists():
        pytest.fail(
            f"{AXE} is missing: run `npm ci` in {HERE} (axe-core comes from the npm registry, pinned in "
            "package.json / package-lock.json).",
            pytrace=False,
        )
    page.add_script_tag(path=str(AXE))


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]

_AXE_RUN = """async (tags) => {
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                              summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))
  }));
}"""


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands (tags wcag2a, wcag2aa, wcag21aa, best-practice)."""
    inject_axe(page)
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_TAGS)
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}  {node['html']}")
            if node["summary"]:
                lines.append(f"      {node['summary'][:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    return target
