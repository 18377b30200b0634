"""Home, film and search pages in Chromium: axe-core finds nothing serious, in light and dark, wide and
narrow; the layout fits a phone; nothing is loaded from outside the site. Full-page screenshots of each
are saved to ``artifacts/screenshots/`` and axe-core's full findings to ``artifacts/axe/``.
"""

from __future__ import annotations

import json
from typing import Literal

import pytest

from tests.browser.conftest import FILM, ROOT, Pages, describe_violations, run_axe, screenshot

PAGES = {"home": "/", "film": f"/films/{FILM}", "search": "/search?q=vegas"}
AXE_REPORTS = ROOT / "artifacts" / "axe"
SERIOUS = ("serious", "critical")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violations(
    pages: Pages, name: str, width: int, scheme: Literal["light", "dark"]
) -> None:
    page = pages.new(width)
    page.emulate_media(color_scheme=scheme)
    response = page.goto(PAGES[name])
    assert response is not None and response.status == 200
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is (scheme == "dark")
    screenshot(page, f"{name}-{width}-{scheme}")

    violations = run_axe(page)
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{name}-{width}-{scheme}.json").write_text(json.dumps(violations, indent=2))
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, (
        f"axe-core: serious or critical violations on {PAGES[name]} at {width} px, {scheme}:\n"
        + describe_violations(serious)
    )
    assert not pages.errors, f"script errors on {PAGES[name]}: {pages.errors}"
    assert not pages.outside, f"{PAGES[name]} tried to load from outside the site: {pages.outside}"


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_a_phone_without_sideways_scrolling(pages: Pages, name: str) -> None:
    page = pages.new(375)
    page.goto(PAGES[name])
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth})"
    )
    assert widths["page"] <= widths["viewport"], f"{PAGES[name]} at 375 px scrolls sideways: {widths}"


def test_the_axe_harness_reports_a_planted_violation(pages: Pages) -> None:
    """Guards the check above against passing vacuously: an image without alt text is reported."""
    page = pages.new(1280)
    page.goto("/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = '/static/none.png';"
        " document.querySelector('main').append(img); }"
    )
    found = {(v["id"], v["impact"]) for v in run_axe(page)}
    assert ("image-alt", "critical") in found, found
