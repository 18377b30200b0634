"""Share cards: what each film, person and home page's picture says, where it is served, and a
cache of the drawn PNGs bounded in bytes. The drawing is :mod:`filmguide.web.cardimage`.

A card's URL carries its version, a hash of everything drawn on it (and of :data:`DESIGN`): it
changes exactly when the picture does, so the PNG can be cached for a year by anyone (a network's
preview cache, a CDN, the export's files), and one guide's edit leaves every other card's URL as
it was. ``store.data_version()`` would not do: it moves with any write, so every card's URL would
change with each edit.

Pages and the card route compute the card from the same facts: a page from its data
(:func:`card_for_page`), the route from the store (:func:`card_from_store`); both go through the
same builders, and the tests fetch every page's ``og:image``.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson

from filmguide.catalog import CatalogFilm
from filmguide.model import Guide
from filmguide.store import Store
from filmguide.web import cardimage, pages
from filmguide.web.format import join_names
from filmguide.web.page_models import PageData, page_dict

#: Part of every card's version: change it when the drawing changes, so every URL changes too.
DESIGN = "1"
SITE_NAME = "filmguide"
WIDTH, HEIGHT = cardimage.WIDTH, cardimage.HEIGHT
#: A share line: the first sentence of "Why Watch?", at most this many characters.
LINE_LENGTH = 150
#: Directors named on a film's card; more read "and others".
MOST_DIRECTORS = 3
#: Films named on a person's card.
PERSON_FILMS = 3
#: The drawn PNGs kept in memory, at most this many bytes (about 2,000 cards of 16 KB).
CACHE_BYTES = 32 * 1024 * 1024

#: A card's URL names one picture for ever: anyone may keep it a year.
CACHE_CONTROL = "public, max-age=31536000, immutable"

Data = dict[str, Any]


@dataclass(frozen=True)
class Card:
    """What one card shows; ``kind`` is ``film``, ``person`` or ``home``."""

    kind: str
    slug: str
    kicker: str
    title: str
    byline: str
    line: str
    footer: str

    def drawn(self) -> dict[str, str]:
        """What the picture shows, as :func:`cardimage.draw_card` takes it: the version hashes
        and the drawing reads this one mapping, so nothing is drawn that the URL does not name."""
        return {
            "site_name": SITE_NAME,
            "kicker": self.kicker,
            "title": self.title,
            "byline": self.byline,
            "line": self.line,
            "footer": self.footer,
        }

    @property
    def version(self) -> str:
        drawn = [DESIGN, *self.drawn().values()]
        return hashlib.blake2b(orjson.dumps(drawn), digest_size=6).hexdigest()

    @property
    def path(self) -> str:
        """The card's URL path: ``/films/{slug}/card-{version}.png`` (people likewise), the home
        page's ``/card-{version}.png``; in the export, the file at the same path."""
        name = f"card-{self.version}.png"
        if self.kind == "home":
            return f"/{name}"
        folder = "films" if self.kind == "film" else "people"
        return f"/{folder}/{self.slug}/{name}"

    @property
    def alt(self) -> str:
        """The picture in words (``og:image:alt``)."""
        return " · ".join(part for part in (self.title, self.byline, self.line) if part) + f" · {SITE_NAME}"

    def png(self) -> bytes:
        return cardimage.draw_card(**self.drawn())

    def head(self) -> Data:
        """What a page's head needs: the path, the size, the text alternative."""
        return {"path": self.path, "width": WIDTH, "height": HEIGHT, "alt": self.alt, "type": "image/png"}


#: The control characters (all below U+00A0) that are not whitespace: one pattern, as a page's
#: head builds its card's text on every render, and a test per character cost a tenth of a millisecond.
_CONTROLS = re.compile(
    "["
    + "".join(
        re.escape(c) for c in map(chr, range(0xA0)) if unicodedata.category(c) == "Cc" and not c.isspace()
    )
    + "]"
)


def _plain(text: str | None) -> str:
    """One line of drawable text: whitespace collapsed, control characters dropped."""
    return " ".join(_CONTROLS.sub("", text or "").split())


# --- the builders ----------------------------------------------------------------------------------


def film_card(
    slug: str,
    title: str,
    year: int | None,
    directors: list[str],
    why_watch: list[str] | None,
    genres: list[str],
    *,
    guided: bool,
) -> Card:
    """A film's card: title, year and directors, the first sentence of "Why Watch?" (else the
    genres), and what the page offers."""
    named = directors[:MOST_DIRECTORS]
    directed = join_names(named) if len(directors) <= MOST_DIRECTORS else ", ".join(named) + " and others"
    byline = " · ".join(
        part for part in (str(year) if year else "", f"Directed by {directed}" if directors else "") if part
    )
    line = pages.first_sentence(why_watch[0], LINE_LENGTH) if why_watch else None
    return Card(
        kind="film",
        slug=slug,
        kicker="Film guide" if guided else "Film",
        title=_plain(title),
        byline=_plain(byline),
        line=_plain(line or " · ".join(genres)),
        footer=(
            "What happens, the ending explained, cast, music and what to watch next"
            if guided
            else "Box office, ratings and similar films"
        ),
    )


def person_card(slug: str, name: str, films: list[Data]) -> Card:
    """A person's card: their name, their roles, a few of their films."""
    roles: list[str] = []
    for film in films:
        for role in film["roles"]:
            if role["label"] not in roles:
                roles.append(role["label"])
    named = [f"{f['title']} ({f['year']})" if f.get("year") else f["title"] for f in films[:PERSON_FILMS]]
    more = len(films) - len(named)
    line = join_names([*named, f"{more} more"] if more > 0 else named)
    return Card(
        kind="person",
        slug=slug,
        kicker="Person",
        title=_plain(name),
        byline=" · ".join(roles),
        line=_plain(line),
        footer="Films and roles",
    )


def home_card(newest: list[str]) -> Card:
    """The home page's card: the site's promise and its newest guides."""
    return Card(
        kind="home",
        slug="",
        kicker="",
        title="Films explained, without spoilers unless you ask",
        byline="",
        line=_plain("Newest guides: " + join_names(newest[:PERSON_FILMS])) if newest else "",
        footer="Plots, endings, cast, music, and what to watch next",
    )


def _genres(guide: Guide | None, film: CatalogFilm | None) -> list[str]:
    if guide is not None and guide.film_type and guide.film_type.genres:
        return list(guide.film_type.genres)
    return [film.genre] if film is not None and film.genre else []


# --- from a page's data, and from the store ------------------------------------------------------


def card_for_page(page: PageData) -> Card | None:
    """The card of the page whose data this is; ``None`` for pages without one."""
    data = page_dict(page)
    kind = data.get("kind")
    if kind == "film":
        facts = data.get("facts") or {}
        genres = data["quick"]["genres"] or ([facts["genre"]] if facts.get("genre") else [])
        return film_card(
            data["slug"],
            data["title"],
            data.get("year"),
            [p["name"] for p in data["directors"]],
            data["guide"].get("why_watch"),
            list(genres),
            guided=True,
        )
    if kind == "catalog_film":
        genre = data["facts"].get("genre")
        return film_card(
            data["slug"],
            data["title"],
            data.get("year"),
            [p["name"] for p in data["directors"]],
            None,
            [genre] if genre else [],
            guided=False,
        )
    if kind == "person":
        return person_card(data["slug"], data["name"], data["films"])
    if kind == "home":
        return home_card([entry["title"] for entry in data["newest"]])
    return None


def card_from_store(store: Store, kind: str, slug: str) -> Card | None:
    """The current card of a film, person or the home page (``slug`` ignored), read from the
    store; ``None`` when there is no such page."""
    if kind == "film":
        guide, film = store.get_guide(slug), store.catalog_film(slug)
        if guide is not None:
            return film_card(
                slug,
                guide.title,
                guide.year,
                guide.directors,
                guide.why_watch,
                _genres(guide, film),
                guided=True,
            )
        if film is not None:
            return film_card(
                slug, film.title, film.year, film.directors, None, _genres(None, film), guided=False
            )
        return None
    if kind == "person":
        data = pages.person_page(store, slug)
        return person_card(data.slug, data.name, page_dict(data)["films"]) if data is not None else None
    if kind == "home":
        return home_card([g.title for g in store.newest_guides(PERSON_FILMS)])
    return None


# --- the cache ---------------------------------------------------------------------------------------


class CardCache:
    """Drawn PNGs by card path (which holds the version), least recently used dropped first, at
    most ``max_bytes`` in all. Shared by the worker's threads."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            self.size -= len(old) if old is not None else 0
            if len(body) > self.max_bytes:
                return
            self._entries[key] = body
            self.size += len(body)
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped)

    def __len__(self) -> int:
        return len(self._entries)

    def png(self, card: Card) -> bytes:
        """The card's PNG, drawn on a miss."""
        body = self.get(card.path)
        if body is None:
            body = card.png()
            self.put(card.path, body)
        return body
