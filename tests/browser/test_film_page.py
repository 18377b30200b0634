"""What a reader does on a film page, in Chromium at 1280 and 375 px: the table of contents, spoiler
gates, the spoiler-free switch, search with a typo from the header, sharing; and the same gates with
script turned off.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import FILM, Pages, Site

WIDTHS = pytest.mark.parametrize("width", [1280, 375])
FILM_PATH = f"/films/{FILM}"
SPOILER_NAME = re.compile(r"^(ending|alternate_endings|(summary|key_scenes|quotes):\d+)$")


def open_film(
    pages: Pages, width: int, *, javascript: bool = True, permissions: list[str] | None = None
) -> Page:
    page = pages.new(width, javascript=javascript, permissions=permissions)
    response = page.goto(FILM_PATH)
    assert response is not None and response.status == 200
    return page


def is_open(page: Page, selector: str) -> bool:
    value: bool = page.locator(selector).evaluate("details => details.open")
    return value


def assert_no_script_errors(pages: Pages) -> None:
    assert not pages.errors, f"uncaught script errors: {pages.errors}"


@WIDTHS
def test_film_page_shows_its_title_and_quick_answers(pages: Pages, width: int) -> None:
    page = open_film(pages, width)
    expect(page.locator("h1")).to_contain_text("Leaving Las Vegas")
    expect(page.locator('section.quick[aria-label="Quick answers"]')).to_be_visible()
    assert_no_script_errors(pages)


@WIDTHS
def test_table_of_contents_toggles_and_the_page_remembers_it(pages: Pages, width: int) -> None:
    page = open_film(pages, width)
    expect(
        page.locator('nav.toc[aria-labelledby="toc-title"] > details#toc > summary#toc-title')
    ).to_have_count(1)
    links = page.locator("details#toc ol a")
    expect(links.first).to_be_visible()
    targets = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(targets) >= 5, targets
    for target in targets:
        assert target.startswith("#"), target
        assert page.locator(f'[id="{target[1:]}"]').count() == 1, f"no element with id {target}"
    assert is_open(page, "details#toc"), "the table of contents starts open"

    # A link takes the reader to its section.
    links.last.click()
    expect(page).to_have_url(re.compile(re.escape(targets[-1]) + "$"))
    expect(page.locator(f'[id="{targets[-1][1:]}"]')).to_be_in_viewport()

    # Closed, and still closed after a reload.
    page.locator("#toc-title").click()
    expect(links.first).to_be_hidden()
    # The toggle event, which stores the choice, is a task queued after the change: wait for it.
    page.wait_for_function("localStorage.getItem('filmguide.toc') === 'closed'")
    page.reload()
    expect(links.first).to_be_hidden()
    assert not is_open(page, "details#toc"), "the table of contents opened again after a reload"

    # Opened again, and still open after a reload.
    page.locator("#toc-title").click()
    expect(links.first).to_be_visible()
    page.wait_for_function("localStorage.getItem('filmguide.toc') === 'open'")
    page.reload()
    expect(links.first).to_be_visible()
    assert is_open(page, "details#toc")
    assert_no_script_errors(pages)


@WIDTHS
def test_a_spoiler_gate_opens_to_show_the_ending(pages: Pages, width: int) -> None:
    page = open_film(pages, width)
    gates = page.locator("details.spoiler")
    names = gates.evaluate_all("gates => gates.map(g => [g.dataset.spoiler, g.open])")
    assert names, "no spoiler gates on the film page"
    for name, opened in names:
        assert name is not None and SPOILER_NAME.match(name), f"unexpected data-spoiler={name!r}"
        assert not opened, f"the spoiler gate {name} starts open"

    gate = page.locator('details.spoiler[data-spoiler="ending"]')
    expect(gate).to_have_count(1)
    content = gate.locator(":scope > :not(summary)").first
    expect(content).to_be_hidden()
    gate.locator(":scope > summary").click()
    expect(content).to_be_visible()
    assert is_open(page, 'details.spoiler[data-spoiler="ending"]')
    assert content.inner_text().strip(), "the opened ending is empty"
    assert_no_script_errors(pages)


@WIDTHS
def test_spoiler_free_hides_every_spoiler_and_is_remembered(pages: Pages, width: int) -> None:
    page = open_film(pages, width)
    switch = page.locator("button#spoiler-free")
    expect(switch).to_be_visible()  # the script unhides it
    expect(switch).to_have_attribute("aria-pressed", "false")
    spoilers = page.locator(".spoiler")
    count = spoilers.count()
    assert count >= 1
    expect(spoilers.first).to_be_visible()

    def expect_all_hidden() -> None:
        for index in range(count):
            expect(spoilers.nth(index)).to_be_hidden()

    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect_all_hidden()
    assert page.evaluate("localStorage.getItem('filmguide.spoilerFree')") is not None

    page.reload()
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect_all_hidden()

    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    for index in range(count):
        expect(spoilers.nth(index)).to_be_visible()
    assert_no_script_errors(pages)


@WIDTHS
def test_search_from_the_header_forgives_a_typo(pages: Pages, width: int) -> None:
    page = pages.new(width)
    page.goto("/")
    box = page.locator('header form[role="search"][action="/search"] input#q[name="q"]')
    expect(box).to_be_visible()
    box.fill("leavng las vegas")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=leavng(\+|%20)las(\+|%20)vegas$"))
    film_links = page.locator('main a[href*="/films/"]')
    expect(film_links.first).to_be_visible()
    assert (film_links.first.get_attribute("href") or "").endswith(FILM_PATH), (
        "the first result is not Leaving Las Vegas: "
        + str(film_links.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    )
    expect(page.locator("input#q")).to_have_value("leavng las vegas")
    assert_no_script_errors(pages)


def shares_of(site: Site, slug: str) -> int:
    counts: list[dict[str, Any]] = site.get_json("/most-shared.json")
    return next((int(row["shares"]) for row in counts if row["slug"] == slug), 0)


@WIDTHS
def test_copy_share_copies_the_link_and_is_counted(pages: Pages, site: Site, width: int) -> None:
    before = shares_of(site, FILM)
    page = open_film(pages, width, permissions=["clipboard-read", "clipboard-write"])
    posts: list[Request] = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" and "/share" in r.url else None)

    page.locator('.share button[type="button"][data-share="copy"]').click()
    expect(page.locator("[aria-live]").filter(has_text=re.compile(r"cop", re.IGNORECASE))).to_have_count(1)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(r"https?://\S+" + re.escape(FILM_PATH) + "/?", copied), f"copied {copied!r}"

    deadline = time.monotonic() + 5
    while shares_of(site, FILM) < before + 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert shares_of(site, FILM) == before + 1, "/most-shared.json did not count the share"
    assert len(posts) == 1, [p.url for p in posts]
    assert posts[0].url.endswith(f"{FILM_PATH}/share")
    assert json.loads(posts[0].post_data or "null") == {"channel": "copy"}
    assert_no_script_errors(pages)


@WIDTHS
def test_without_javascript_the_contents_and_spoiler_gates_still_toggle(pages: Pages, width: int) -> None:
    page = open_film(pages, width, javascript=False)
    links = page.locator("details#toc ol a")
    expect(links.first).to_be_visible()
    page.locator("#toc-title").click()
    expect(links.first).to_be_hidden()
    page.locator("#toc-title").click()
    expect(links.first).to_be_visible()

    gate = page.locator('details.spoiler[data-spoiler="ending"]')
    content = gate.locator(":scope > :not(summary)").first
    expect(content).to_be_hidden()
    gate.locator(":scope > summary").click()
    expect(content).to_be_visible()


@WIDTHS
def test_without_javascript_the_spoiler_free_link_leaves_the_ending_out(pages: Pages, width: int) -> None:
    page = open_film(pages, width, javascript=False)
    expect(page.locator("button#spoiler-free")).to_be_hidden()
    ending = page.locator('details.spoiler[data-spoiler="ending"] > :not(summary)').first.text_content() or ""
    assert len(ending.strip()) > 20

    link = page.locator('a[href*="spoilers=0"]')
    expect(link.first).to_be_visible()
    link.first.click()
    page.wait_for_url(re.compile(r"[?&]spoilers=0"))
    expect(page.locator('[data-spoiler="ending"]')).to_have_count(0)
    expect(page.locator(".spoiler")).to_have_count(0)
    assert ending.strip()[:60] not in (page.locator("body").text_content() or "")
