"""The Content-Security-Policy in Chromium: home, film, search and person pages load with no
violation (the JSON-LD block is data, not script), the share form without script may still send
the reader on to a network's share page, and a planted inline style or handler is reported, so
the check cannot pass vacuously. Unlike the other browser tests, these contexts keep the CSP on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from tests.browser.conftest import FILM, TIMEOUT_MS, WIDTHS, Site, screenshot

PAGES = {
    "home": "/",
    "film": f"/films/{FILM}",
    "search": "/search?q=vegas",
    "person": "/people/nicolas-cage",
}
#: Records every violation the page reports, from before any of the page's own script runs.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""


@dataclass
class Strict:
    """Browser contexts with the site's CSP enforced; console messages about it are kept."""

    browser: Browser
    site: Site
    contexts: list[BrowserContext] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def new(self, width: int = 1280, *, javascript: bool = True) -> Page:
        context = self.browser.new_context(
            base_url=self.site.url,
            viewport=WIDTHS[width],  # type: ignore[arg-type]
            java_script_enabled=javascript,
            reduced_motion="reduce",
        )
        self.contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        own = re.compile("^" + re.escape(self.site.url) + "(/|$)")
        context.route(lambda url: own.match(url) is None, lambda route: route.abort())
        if javascript:
            context.add_init_script(LISTEN)
        page = context.new_page()
        page.on("console", self._console)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    @staticmethod
    def violations(page: Page) -> list[str]:
        found: list[str] = page.evaluate("window.__csp")
        return found


@pytest.fixture
def strict(browser: Browser, site: Site) -> Iterator[Strict]:
    opened = Strict(browser, site)
    try:
        yield opened
    finally:
        for context in opened.contexts:
            context.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_load_without_csp_violations(strict: Strict, name: str, width: int) -> None:
    page = strict.new(width)
    response = page.goto(PAGES[name])
    assert response is not None and response.status == 200
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    page.wait_for_load_state("load")
    # The page's script ran under the policy (it reveals the spoiler switch on film pages).
    assert page.evaluate("document.readyState") == "complete"
    screenshot(page, f"csp-{name}-{width}")
    assert strict.violations(page) == []
    assert strict.console == []


def test_the_film_pages_script_runs_under_the_policy(strict: Strict) -> None:
    page = strict.new()
    page.goto(PAGES["film"])
    button = page.locator("#spoiler-free")
    expect(button).to_be_visible()  # hidden until site.js shows it
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert strict.violations(page) == [] and strict.console == []


def test_a_planted_inline_style_and_handler_are_reported(strict: Strict) -> None:
    """Guards the tests above against passing vacuously."""
    page = strict.new()
    page.goto("/")
    page.evaluate(
        "() => { const p = document.createElement('p'); p.setAttribute('style', 'color: red');"
        " document.body.append(p);"
        " document.body.insertAdjacentHTML('beforeend', '<img src=\"/static/none.png\" onerror=\"1\">'); }"
    )
    page.wait_for_function("window.__csp.length >= 2")
    found = " ".join(strict.violations(page))
    assert "style-src" in found and "script-src" in found


def test_the_share_form_without_script_may_leave_for_the_network(strict: Strict) -> None:
    """``form-action`` also governs the redirect after the post: the share pages are allowed."""
    page = strict.new(javascript=False)
    page.goto(PAGES["film"])
    leaving = "https://x.com/"
    with page.context.expect_event("request", lambda request: request.url.startswith(leaving)) as sent:
        page.locator('form[action$="/share?to=1"] button[data-share="x"]').click()
    assert sent.value.url.startswith("https://x.com/intent/post?url=")
    assert strict.console == []
