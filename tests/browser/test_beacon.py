"""The view beacon in Chromium: a film page sends one ``POST /films/{slug}/view`` per view (by
``navigator.sendBeacon``), the page's GET counts nothing, a reload by the same reader is not a
second view, another reader is, and without script the no-script image counts instead.

Every browser context reaches the test server from 127.0.0.1, so all are one address, capped at
three views of a film a day: these tests use a film no other browser test opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Page, Request

from tests.browser.conftest import Pages, Site, screenshot

SLUG = "days-of-wine-and-roses"
FILM_PATH = f"/films/{SLUG}"
#: Seconds to wait for a view to reach /trending.json: the worker writes its buffer every second
#: and reads the rankings afresh every five.
COUNTED_WITHIN = 30.0


def views(site: Site) -> int:
    return next((row["views"] for row in site.get_json("/trending.json") if row["slug"] == SLUG), 0)


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` until it holds (the server's effects arrive later than the browser's)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.25)


def is_beacon(request: Request) -> bool:
    return request.url.endswith(f"{FILM_PATH}/view") and request.method == "POST"


def open_counting_beacons(page: Page) -> list[Request]:
    """Open the film page; returns the (growing) list of view beacons the page sends."""
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request) if "/view" in request.url else None)
    with page.expect_request(is_beacon) as beacon:
        response = page.goto(FILM_PATH)
    assert response is not None and response.status == 200
    answer = beacon.value.response()
    assert answer is not None and answer.status == 204
    page.wait_for_load_state("networkidle")
    return sent


def test_the_beacon_fires_once_per_view_and_is_counted(pages: Pages, site: Site) -> None:
    before = views(site)
    reader = pages.new(1280)
    sent = open_counting_beacons(reader)
    assert [request.url for request in sent] == [site.url + FILM_PATH + "/view"]  # once, and no image
    wait_until(lambda: views(site) == before + 1, COUNTED_WITHIN, "the first reader's view counted")
    screenshot(reader, "beacon-film-1280")
    box = reader.locator("[data-view-beacon]").bounding_box()  # nothing a reader sees
    assert box is not None and box["width"] <= 1 and box["height"] <= 1

    with reader.expect_request(is_beacon):  # the same reader again: a beacon, not a second view
        reader.reload()
    reader.wait_for_load_state("networkidle")
    assert len(sent) == 2

    other = pages.new(375)
    assert len(open_counting_beacons(other)) == 1
    screenshot(other, "beacon-film-375")
    # The other reader's view arrives after the first reader's repeat: once it is counted, the
    # repeat has been seen too, and was not counted.
    wait_until(lambda: views(site) >= before + 2, COUNTED_WITHIN, "the second reader's view counted")
    assert views(site) == before + 2
    assert not pages.errors, pages.errors


def test_without_script_the_image_counts_the_view(pages: Pages, site: Site) -> None:
    before = views(site)
    page = pages.new(1280, javascript=False)
    with page.expect_request(lambda request: request.url.endswith(f"{FILM_PATH}/view.gif")) as image:
        response = page.goto(FILM_PATH)
    assert response is not None and response.status == 200
    answer = image.value.response()
    assert answer is not None and answer.status == 200 and answer.headers["content-type"] == "image/gif"
    wait_until(lambda: views(site) == before + 1, COUNTED_WITHIN, "the no-script view counted")
