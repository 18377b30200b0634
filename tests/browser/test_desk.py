"""The writers' desk in Chromium: sign in, start a guide from a catalog film's page, watch the
preview follow the text, publish, restore, CSRF refused, wrong passwords throttled, drafts kept
from readers; axe-clean and phone-sized; the forms work without script. Screenshots of the desk
go to ``artifacts/screenshots/`` and ``docs/images/`` (docs/desk.md shows them)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import delete

from filmguide import importer
from filmguide.accounts import hash_password
from filmguide.catalog import load_catalog
from filmguide.store import Store
from filmguide.store.desk import DeskStore
from filmguide.store.schema import login_failures
from filmguide.web.app import create_app
from tests.browser.conftest import (
    ROOT,
    Pages,
    Site,
    describe_violations,
    run_axe,
    screenshot,
    served_in_thread,
)

PASSWORD = "a long enough password"
FILM = "the-dark-knight"
OTHER = "inception"
IMAGES = ROOT / "docs" / "images"


@pytest.fixture(scope="module")
def desk_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('desk-site') / 'site.db'}")
    importer.import_paths(store, [importer.DEMO_DIR])
    store.load_catalog([f for f in load_catalog() if f.slug in {FILM, OTHER, "batman-begins", "memento"}])
    desk = DeskStore(store)
    desk.create_user("ann", "editor", hash_password(PASSWORD))
    desk.create_user("victim", "editor", hash_password(PASSWORD))
    desk.create_user("root", "admin", hash_password(PASSWORD))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def desk_site(desk_store: Store) -> Iterator[Site]:
    """The site with the desk, a few catalog films and two accounts, on a free loopback port."""
    with served_in_thread(create_app(desk_store, secret=b"k" * 32)) as served:
        yield served


@pytest.fixture
def desk(browser: Browser, desk_site: Site) -> Iterator[Pages]:
    opened = Pages(browser, desk_site)
    try:
        yield opened
    finally:
        opened.close()


def sign_in(page: Page, user: str = "ann") -> None:
    page.goto("/desk")
    expect(page).to_have_url(re.compile(r"/desk/login"))
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")  # the keyboard signs in
    expect(page.get_by_role("heading", name="Drafts and guides")).to_be_visible()


def assert_axe_clean(page: Page, what: str) -> None:
    serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe-core on {what}:\n" + describe_violations(serious)


def keep_screenshot(page: Page, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(screenshot(page, name), IMAGES / f"{name}.png")


def test_sign_in_start_from_the_catalog_preview_publish_and_restore(desk: Pages, desk_store: Store) -> None:
    page = desk.new(1280)
    sign_in(page)
    # "Write a guide" appears on the catalog film's page for a signed-in writer only.
    page.goto(f"/films/{FILM}")
    page.get_by_role("link", name="Write a guide").click()
    expect(page).to_have_url(re.compile(rf"/desk/edit/{FILM}$"))
    text = page.get_by_label("The guide, in filmguide’s Markdown")
    expect(text).to_have_value(re.compile(r"year: 2008[\s\S]*Christopher Nolan[\s\S]*## Detailed Summary"))
    preview = page.frame_locator("#preview")
    expect(preview.get_by_role("heading", name=re.compile("The Dark Knight"), level=1)).to_be_visible()
    # Typing changes the preview (the real film page) and the warnings.
    value = text.input_value()
    text.fill(
        value.replace("## Detailed Summary\n", "## Detailed Summary\n\nA clown burns a pile of money.\n", 1)
    )
    expect(preview.get_by_text("A clown burns a pile of money.")).to_be_visible()
    text.fill(text.input_value() + "\n## Gotham Notes\n\nMore.\n")
    expect(page.locator("#warnings")).to_contain_text("“Gotham Notes” is not one of the template’s headings")
    assert_axe_clean(page, "the editor")
    keep_screenshot(page, "desk-editor-1280")
    # Publish: the public page shows it.
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Published")
    public = desk.new(1280)
    public.goto(f"/films/{FILM}")
    expect(public.get_by_text("A clown burns a pile of money.")).to_be_visible()
    # A second version, then restore the first from the history.
    page.get_by_label("The guide, in filmguide’s Markdown").fill(
        page.get_by_label("The guide, in filmguide’s Markdown")
        .input_value()
        .replace("pile of money", "hospital")
    )
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Published")
    public.reload()
    expect(public.get_by_text("A clown burns a hospital.")).to_be_visible()
    page.goto(f"/desk/history/{FILM}")
    page.get_by_role("link", name="Changes in version 2").click()
    expect(page.locator(".desk-diff")).to_contain_text("+A clown burns a hospital.")
    assert_axe_clean(page, "the history")
    page.get_by_role("button", name="Restore version 1").click()
    expect(page.get_by_role("status")).to_contain_text("Restored revision 1")
    public.reload()
    expect(public.get_by_text("A clown burns a pile of money.")).to_be_visible()
    assert not desk.errors, desk.errors
    assert not desk.outside, desk.outside


def test_a_form_without_its_csrf_token_is_refused(desk: Pages) -> None:
    page = desk.new(1280)
    sign_in(page)
    page.evaluate("() => document.querySelectorAll('input[name=csrf]').forEach(e => e.remove())")
    page.get_by_label("Film title").fill("Heat")
    with page.expect_response(lambda r: r.url.endswith("/desk/new")) as answer:
        page.get_by_role("button", name="Write a guide").click()
    assert answer.value.status == 403
    expect(page.get_by_role("alert")).to_contain_text("security token")


def test_wrong_passwords_are_throttled(desk: Pages, desk_store: Store) -> None:
    page = desk.new(1280)
    statuses = []
    try:
        page.goto("/desk/login")
        for attempt in range(10):
            page.get_by_label("User name").fill("victim")
            page.get_by_label("Password").fill(f"wrong password {attempt}")
            with page.expect_response(lambda r: r.request.method == "POST") as answer:
                page.get_by_role("button", name="Sign in").click()
            statuses.append(answer.value.status)
            expect(page.locator("#login-error")).to_be_visible()
        assert statuses == [401] * 9 + [429]
        expect(page.locator("#login-error")).to_contain_text("Too many wrong passwords")
    finally:  # every test here signs in from 127.0.0.1: let the others in again
        with desk_store.engine.begin() as conn:
            conn.execute(delete(login_failures))


def test_a_draft_is_invisible_to_readers(desk: Pages, desk_site: Site) -> None:
    page = desk.new(1280)
    sign_in(page)
    page.goto(f"/desk/edit/{OTHER}")
    text = page.get_by_label("The guide, in filmguide’s Markdown")
    text.fill(text.input_value().replace("## Trivia\n", "## Trivia\n\n- Zyxwvut dreams in layers.\n", 1))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#notice")).to_contain_text("Draft saved")
    reader = desk.new(1280).request
    for path in (f"/films/{OTHER}", f"/films/{OTHER}.json", "/sitemap.xml", "/feed.xml", "/search?q=zyxwvut"):
        assert "Zyxwvut" not in reader.get(desk_site.url + path).text(), path
    assert reader.get(desk_site.url + "/search.json?q=zyxwvut").json()["results"] == []
    assert "/desk" not in reader.get(desk_site.url + "/sitemap.xml").text()


def test_the_forms_work_without_script(desk: Pages) -> None:
    page = desk.new(1280, javascript=False)
    sign_in(page)
    page.get_by_label("Film title").fill("A Film Nobody Made")
    page.get_by_role("button", name="Write a guide").click()
    text = page.get_by_label("The guide, in filmguide’s Markdown")
    expect(text).to_have_value(re.compile(r"^---\ntitle: A Film Nobody Made"))
    text.fill(text.input_value().replace("## Trivia\n", "## Trivia\n\n- Made without script.\n", 1))
    page.get_by_role("button", name="Preview").click()
    expect(page.frame_locator("#preview").get_by_text("Made without script.")).to_be_visible()
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#notice")).to_contain_text("Draft saved")
    expect(page.get_by_label("The guide, in filmguide’s Markdown")).to_have_value(
        re.compile("Made without script.")
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_the_desk_is_axe_clean_and_fits_the_screen(desk: Pages, width: int) -> None:
    page = desk.new(width)
    page.goto("/desk/login")
    assert_axe_clean(page, f"sign-in at {width} px")
    keep_screenshot(page, f"desk-login-{width}")
    sign_in(page)
    assert_axe_clean(page, f"the desk's home at {width} px")
    keep_screenshot(page, f"desk-home-{width}")
    page.goto(f"/desk/edit/{FILM}")
    expect(page.frame_locator("#preview").locator("h1")).to_be_visible()
    assert_axe_clean(page, f"the editor at {width} px")
    if width == 375:
        keep_screenshot(page, "desk-editor-375")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the editor scrolls sideways at {width} px: {widths}"


def test_the_admin_page_is_axe_clean_and_creates_a_token(desk: Pages) -> None:
    page = desk.new(375)
    sign_in(page, "root")
    page.get_by_role("link", name="Accounts").click()
    page.get_by_label("New token’s name").fill("ci-bot")
    page.get_by_role("button", name="Create a token").click()
    expect(page.get_by_role("textbox", name="Token", exact=True)).to_have_value(
        re.compile(r"^[A-Za-z0-9_-]{40,}$")
    )
    assert_axe_clean(page, "the accounts page at 375 px")
    keep_screenshot(page, "desk-users-375")
