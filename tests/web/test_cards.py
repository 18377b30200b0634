"""Share cards: every film, person and home page names a 1200×630 PNG in ``og:image`` (and the
film's JSON-LD ``image``), served at a URL that holds the card's version and written by the export.
The pictures themselves are read back with Pillow; what they look like is checked by eye (see
docs/web.md), what can be measured is measured here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from filmguide.config import Settings
from filmguide.export import export_site
from filmguide.store import Store
from filmguide.web import cardimage, cards
from filmguide.web.app import create_app
from tests.web.conftest import WebClient, html_tree, ld_json, meta

BASE = "http://testserver"
FILM = "/films/the-wrestler"
PAGES = ("/", FILM, "/films/leaving-las-vegas", "/people/mickey-rourke", "/people/nicolas-cage")
MAX_BYTES = 200 * 1024


def _png(body: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(body))
    image.load()
    return image


# --- the pages name their cards ---------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_names_its_card_a_1200x630_png_under_200kb(web: WebClient, path: str) -> None:
    tree = html_tree(web.get(path))
    image_url = meta(tree, "og:image")
    assert image_url.startswith(BASE + "/") and image_url.endswith(".png")
    assert meta(tree, "twitter:card") == "summary_large_image"
    assert meta(tree, "twitter:image") == image_url
    assert (meta(tree, "og:image:width"), meta(tree, "og:image:height")) == ("1200", "630")
    assert meta(tree, "og:image:type") == "image/png"
    assert meta(tree, "og:image:alt").endswith("filmguide")
    response = web.get(image_url.removeprefix(BASE), follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert "immutable" in response.headers["cache-control"]
    assert len(response.content) <= MAX_BYTES
    picture = _png(response.content)
    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    # Drawn, not blank: the text leaves many shades on the ground.
    assert len(picture.convert("RGB").getcolors(4096) or []) > 8


def test_a_film_card_says_title_year_director_and_why_watch(web: WebClient) -> None:
    data = web.get(FILM + ".json").json()
    alt = meta(html_tree(web.get(FILM)), "og:image:alt")
    assert alt.startswith("The Wrestler · 2008 · Directed by Darren Aronofsky · ")
    first_words = " ".join(data["guide"]["why_watch"][0].split()[:4])
    assert first_words in alt


def test_the_movie_json_ld_image_is_the_card(web: WebClient) -> None:
    tree = html_tree(web.get(FILM))
    assert ld_json(tree)["image"] == meta(tree, "og:image")


def test_the_spoiler_free_page_shares_the_same_card(web: WebClient) -> None:
    full = meta(html_tree(web.get(FILM)), "og:image")
    assert meta(html_tree(web.get(FILM + "?spoilers=0")), "og:image") == full


def test_a_guide_edit_gives_a_new_card_url_and_the_old_one_redirects(
    web: WebClient, demo_store: Store
) -> None:
    old = meta(html_tree(web.get(FILM)), "og:image").removeprefix(BASE)
    guide = demo_store.get_guide("the-wrestler")
    assert guide is not None
    demo_store.save_guide(guide.model_copy(update={"why_watch": ["A new reason to watch it."]}))
    new = meta(html_tree(web.get(FILM)), "og:image").removeprefix(BASE)
    assert new != old and new.startswith(FILM + "/card-")
    moved = web.get(old, follow_redirects=False)
    assert moved.status_code == 302 and moved.headers["location"] == new
    assert "A new reason to watch it." in meta(html_tree(web.get(FILM)), "og:image:alt")


def test_a_card_answers_304_to_its_etag_and_404_for_no_such_film(web: WebClient) -> None:
    url = meta(html_tree(web.get(FILM)), "og:image").removeprefix(BASE)
    first = web.get(url)
    again = web.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
    assert web.get("/films/no-such-film/card-0123456789ab.png").status_code == 404
    assert web.get("/people/no-such-person/card-0123456789ab.png").status_code == 404


def test_the_worker_keeps_drawn_cards_within_its_byte_bound(demo_store: Store) -> None:
    app = create_app(demo_store)
    site = app.state.site
    site.cards = cards.CardCache(max_bytes=40_000)
    client = WebClient(app)
    for path in PAGES:
        url = meta(html_tree(client.get(path)), "og:image").removeprefix(BASE)
        assert client.get(url).status_code == 200
        assert site.cards.size <= 40_000
    assert 1 <= len(site.cards) < len(PAGES)


# --- the picture ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("foreground", "background"), cardimage.TEXT_ON_GROUND)
def test_every_text_colour_meets_wcag_aa_on_the_ground(foreground: str, background: str) -> None:
    assert cardimage.contrast(foreground, background) >= 4.5


def test_contrast_is_the_wcag_formula() -> None:
    assert cardimage.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert cardimage.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_a_long_title_wraps_within_the_card_and_a_too_long_one_is_clipped() -> None:
    width = cardimage.WIDTH - 2 * cardimage.MARGIN
    long = "The Assassination of Jesse James by the Coward Robert Ford"
    plan = cardimage.layout(long, "2007 · Directed by Andrew Dominik", "A western. " * 3)
    assert 2 <= len(plan.title) <= cardimage.TITLE_LINES and " ".join(plan.title) == long
    assert all(cardimage.measure(line, plan.title_size, True) <= width for line in plan.title)
    endless = "Supercalifragilistic " * 40
    plan = cardimage.layout(endless, "", "Why " * 200)
    assert len(plan.title) == cardimage.TITLE_LINES and plan.title[-1].endswith(cardimage.ELLIPSIS)
    assert plan.height() <= cardimage.CONTENT_BOTTOM - cardimage.CONTENT_TOP
    unbroken = "A" * 300  # no space to cut at: cut inside the word
    plan = cardimage.layout(unbroken, "", "")
    assert all(cardimage.measure(line, plan.title_size, True) <= width for line in plan.title)


@pytest.mark.parametrize(
    "title",
    [
        "Брат 2",
        "Ο Θίασος",
        "Amélie",
        "Léon: The Professional",
        "千と千尋の神隠し",
        "ואלס עם באשיר",
    ],
)
def test_every_character_of_a_non_latin_title_is_drawn_by_a_font_that_has_it(title: str) -> None:
    """Noto Sans (from PyPI) draws Latin, Greek and Cyrillic; Hebrew, Chinese and Japanese fall
    back to the Debian fonts .ci/run installs (DejaVu Sans, Droid Sans Fallback). Korean needs
    fonts-noto-cjk or fonts-nanum (docs/deploy.md)."""
    for bold in (True, False):
        for text, face in cardimage.runs(title, bold):
            assert all(ord(c) in face.chars or c.isspace() for c in text), (text, face.path)
    assert _png(cards.film_card("x", title, 2001, [], None, [], guided=True).png()).size == (1200, 630)


def test_latin_greek_and_cyrillic_need_no_system_font() -> None:
    primary = cardimage.faces(True)[0]
    assert "fontpkg_noto_sans" in primary.path
    assert all(ord(c) in primary.chars for c in "Amélie Брат Θίασος Œuvre ß")


def test_a_card_without_director_year_or_reason_still_names_the_film() -> None:
    card = cards.film_card("x", "Untitled", None, [], None, [], guided=False)
    assert (card.byline, card.line) == ("", "")
    assert card.alt == "Untitled · filmguide"
    assert len(card.png()) <= MAX_BYTES


def test_the_version_follows_what_is_drawn() -> None:
    one = cards.film_card("x", "Heat", 1995, ["Michael Mann"], None, ["Action"], guided=False)
    same = cards.film_card("x", "Heat", 1995, ["Michael Mann"], None, ["Action"], guided=False)
    other = cards.film_card("x", "Heat", 1995, ["Michael Mann"], None, ["Crime"], guided=False)
    assert one.version == same.version != other.version
    assert one.path == f"/films/x/card-{one.version}.png"
    assert one.png() == same.png()  # the same card, the same bytes: exports stay byte-stable


def test_card_cache_drops_the_least_recently_used_past_its_bytes() -> None:
    cache = cards.CardCache(max_bytes=10)
    cache.put("a", b"1234")
    cache.put("b", b"1234")
    assert cache.get("a") == b"1234"  # a is now the most recent
    cache.put("c", b"1234")
    assert cache.get("b") is None and cache.get("a") and cache.get("c") and cache.size == 8
    cache.put("huge", b"x" * 11)
    assert cache.get("huge") is None and cache.size == 8


# --- the export --------------------------------------------------------------------------------------


def test_the_export_writes_each_card_where_og_image_points_and_reuses_it(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = "https://films.example.org"
    export_site(demo_store, tmp_path, base_url=base, workers=1)
    for page in ("index.html", "films/the-wrestler/index.html", "people/mickey-rourke/index.html"):
        tree = LexborHTMLParser((tmp_path / page).read_text())
        url = meta(tree, "og:image")
        assert url.startswith(base + "/")
        card = tmp_path / url.removeprefix(base + "/")
        assert _png(card.read_bytes()).size == (1200, 630)
    free = LexborHTMLParser((tmp_path / "films/the-wrestler/no-spoilers/index.html").read_text())
    assert meta(free, "og:image") == meta(
        LexborHTMLParser((tmp_path / "films/the-wrestler/index.html").read_text()), "og:image"
    )

    def no_drawing(self: cards.Card) -> bytes:
        raise AssertionError(f"{self.path} drawn again")

    monkeypatch.setattr(cards.Card, "png", no_drawing)
    report = export_site(demo_store, tmp_path, base_url=base, workers=1)
    assert report.written == 0 and report.removed == 0


def test_fonts_the_settings_name_are_tried_first(demo_store: Store, tmp_path: Path) -> None:
    primary = cardimage.faces(False)[0].path
    extra = tmp_path / "extra.ttf"  # a font file of its own: a copy of Noto Sans
    extra.write_bytes(Path(primary).read_bytes())
    try:
        create_app(demo_store, settings=Settings(card_fonts=(str(extra),)))
        assert [face.path for face in cardimage.faces(False)[:2]] == [primary, str(extra)]
    finally:
        cardimage.use_fonts(())
    assert str(extra) not in [face.path for face in cardimage.faces(False)]
