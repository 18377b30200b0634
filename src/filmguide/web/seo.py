"""What every page's head says about it: title, description, canonical URL, OpenGraph and Twitter
cards, and schema.org JSON-LD (``Movie`` on a film page, ``Person`` on a person page, ``WebSite``
with a ``SearchAction`` on the home page).

Everything here is plain data built from plain text: the template escapes it for HTML text and
attributes, and the JSON-LD is serialised by :func:`script_json` so that no article can close the
``<script>`` element it sits in. The mapping is documented in ``docs/web.md``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import orjson
from markupsafe import Markup

from filmguide.web import cards, pages
from filmguide.web.format import join_names

SITE_NAME = "filmguide"
SITE_DESCRIPTION = "Film guides: what happens, who is in it, what it is based on and what to watch next."
DESCRIPTION_LENGTH = 160
SCHEMA_ORG = "https://schema.org"
#: Pages a search engine should not index: their content is a copy of other pages, or nothing.
NOINDEX = frozenset({"not_found", "error", "search"})

Data = dict[str, Any]


# --- escaping and URLs -----------------------------------------------------------------------


def script_json(value: Any) -> Markup:
    """JSON that is safe between ``<script type="application/ld+json">`` and ``</script>``.

    The HTML parser ends a script at the first ``</script`` whatever the JSON means, and ``<!--``
    changes how it looks for that end; so every ``<``, ``>`` and ``&`` is written as a ``\\u``
    escape (still the same JSON string), and the block holds no ``<`` at all. U+2028 and U+2029
    are escaped too, so the block also stays valid if a script ever reads it as JavaScript.
    """
    text = orjson.dumps(value).decode()
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(text)


def absolute_url(base_url: str, path: str) -> str:
    """``base_url`` + ``path``, the path percent-encoded so the result is a URL whatever the
    request held (a 404's path is whatever a visitor typed)."""
    path = path or "/"
    return base_url.rstrip("/") + quote(path, safe="/-._~!$&'()*+,;=:@")


def clip(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Whitespace collapsed, cut at a word boundary: descriptions are shown in one line."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _year(year: int | None) -> str:
    return f" ({year})" if year else ""


# --- title and description -------------------------------------------------------------------


def _title(data: Data) -> str:
    kind = data.get("kind")
    if kind == "film":
        return (
            f"{data['title']}{_year(data.get('year'))} explained: ending, cast, music and more | {SITE_NAME}"
        )
    if kind == "catalog_film":
        return (
            f"{data['title']}{_year(data.get('year'))}: box office, ratings and similar films | {SITE_NAME}"
        )
    if kind == "person":
        return f"{data['name']}: films and roles | {SITE_NAME}"
    if kind == "browse":
        return f"Browse films{_browse_title(data)} | {SITE_NAME}"
    if kind == "search":
        query = clip(data.get("query") or "", 60)
        return f"Search{': ' + query if query else ''} | {SITE_NAME}"
    if kind == "not_found":
        return f"Not found | {SITE_NAME}"
    if kind == "error":
        return f"Something went wrong | {SITE_NAME}"
    return f"{SITE_NAME}: films explained, without spoilers unless you ask"


def _description(data: Data) -> str:
    kind = data.get("kind")
    if kind == "film":
        intro = data["guide"].get("intro") or []
        if intro:
            return clip(intro[0])
        return clip(
            f"{data['title']}{_year(data.get('year'))}: summary, cast, music, awards and what to watch next."
        )
    if kind == "catalog_film":
        return clip(_catalog_description(data))
    if kind == "browse":
        return clip(
            f"Every film in the {SITE_NAME} catalog{_browse_title(data)}: year, directors, genre, "
            "ratings, and which have a guide."
        )
    if kind == "person":
        films = ", ".join(f"{f['title']}{_year(f.get('year'))}" for f in data["films"])
        return clip(
            f"{data['name']} on {SITE_NAME}: {films}." if films else f"{data['name']} on {SITE_NAME}."
        )
    return SITE_DESCRIPTION


def _browse_title(data: Data) -> str:
    filters = data.get("filters") or {}
    parts = [str(filters[k]) for k in ("genre", "year", "director") if filters.get(k)]
    page = f", page {data['page']} of {data['pages']}" if data.get("pages", 1) > 1 else ""
    return (": " + ", ".join(parts) if parts else "") + page


def _catalog_description(data: Data) -> str:
    """A catalog film in one sentence: its genre, year and directors."""
    facts = data["facts"]
    genre = facts.get("genre")
    # A genre is an adjective here ("an action film"), never the noun ("an action").
    what = f"{genre.lower()} film" if genre else "film"
    described = f"{facts['year']} {what}" if facts.get("year") else what
    sentence = f"{data['title']} is {indefinite(described)} {described}"
    directors = [p["name"] for p in data["directors"]]
    if directors:
        sentence += " directed by " + join_names(directors)
    return sentence + ": budget, box office, ratings and similar films."


def indefinite(phrase: str) -> str:
    """``a`` or ``an`` before ``phrase`` as it is said: "an action film", "a 1995 film", "an 1885
    film", "an 8 mm film". Years and numbers are read aloud: 8, 11, 18 and 80–89 start with a vowel
    sound."""
    word = phrase.split(" ", 1)[0]
    if word.isdigit():
        sound_of_vowel = word[0] == "8" or (len(word) in (2, 4) and word[:2] in ("11", "18"))
        return "an" if sound_of_vowel else "a"
    return "an" if word[:1].lower() in "aeio" else "a"


# --- the head ----------------------------------------------------------------------------------


def _with_query(base_url: str, target: str) -> str:
    """``target`` (a path with its query, such as ``/films.json?page=2``) on ``base_url``: the path
    percent-encoded, the query kept as it is (encoding its ``?`` would name another path)."""
    path, mark, query = target.partition("?")
    return absolute_url(base_url, path) + mark + query


def head(data: Data, *, base_url: str, path: str, json_path: str) -> Data:
    """The head's data for one page; the base template turns it into tags.

    ``base_url`` is the site's public URL (``FILMGUIDE_BASE_URL``, else the request's), so the
    canonical URL and ``og:url`` name the page as readers should link it.
    """
    kind = data.get("kind")
    canonical = _canonical(data, base_url, path)
    title = _title(data)
    description = _description(data)
    og_type = {"film": "video.movie", "catalog_film": "video.movie", "person": "profile"}.get(
        str(kind), "website"
    )
    og = {
        "og:type": og_type,
        "og:title": title,
        "og:description": description,
        "og:url": canonical,
        "og:site_name": SITE_NAME,
    }
    twitter = {"twitter:card": "summary", "twitter:title": title, "twitter:description": description}
    card = cards.card_for_page(data)
    if card is not None:
        image = absolute_url(base_url, card.path)
        og |= {
            "og:image": image,
            "og:image:type": "image/png",
            "og:image:width": str(cards.WIDTH),
            "og:image:height": str(cards.HEIGHT),
            "og:image:alt": card.alt,
        }
        twitter |= {
            "twitter:card": "summary_large_image",
            "twitter:image": image,
            "twitter:image:alt": card.alt,
        }
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "json": _with_query(base_url, json_path) if json_path else None,
        "og": og,
        "twitter": twitter,
        "jsonld": jsonld(data, base_url),
        "robots": "noindex" if kind in NOINDEX else "index,follow",
    }


def _canonical(data: Data, base_url: str, path: str) -> str:
    """The page's path on the public URL, without its query (``?spoilers=0`` is the same page);
    but a page of ``/films`` is its own page (``/films?page=2`` lists other films than page 1),
    so its filters, sort and page stay, in the order the page writes its own links."""
    if data.get("kind") == "browse" and not data.get("error"):
        return _with_query(base_url, pages.browse_url(data["filters"], data["page"]))
    return absolute_url(base_url, path)


def card_url(data: Data, base_url: str) -> str | None:
    """The absolute URL of the page's share card, if it has one (``og:image``, JSON-LD ``image``)."""
    card = cards.card_for_page(data)
    return absolute_url(base_url, card.path) if card is not None else None


def jsonld(data: Data, base_url: str) -> Data | None:
    """The page's schema.org JSON-LD, or ``None`` for pages that describe nothing."""
    kind = data.get("kind")
    if kind == "film":
        return movie_jsonld(data, base_url)
    if kind == "catalog_film":
        return catalog_movie_jsonld(data, base_url)
    if kind == "person":
        return person_jsonld(data, base_url)
    if kind == "home":
        return website_jsonld(base_url)
    return None


# --- JSON-LD -----------------------------------------------------------------------------------


def _film_id(base_url: str, url: str) -> str:
    """Node ids (``…#film``, ``…#person``) let the film and person pages' graphs join up."""
    return absolute_url(base_url, url) + "#film"


def _person(person: Data, base_url: str) -> Data:
    url = absolute_url(base_url, person["url"])
    return {"@type": "Person", "@id": url + "#person", "name": person["name"], "url": url}


def _actor(member: Data, base_url: str) -> Data:
    """An actor: a ``PerformanceRole`` carrying ``characterName`` when the character is known
    (schema.org's role pattern), else the ``Person`` itself."""
    person = _person(member["actor"], base_url)
    if not member.get("character"):
        return person
    return {"@type": "PerformanceRole", "actor": person, "characterName": member["character"]}


def _awards(guide: Data) -> list[str]:
    """schema.org ``award`` is "an award won": nominations are left out."""
    return [
        f"{a['body']}: {a['category']}" + (f" ({a['nominee']})" if a.get("nominee") else "")
        for a in guide.get("awards") or []
        if a["result"] == "won"
    ]


def _quotation(quote: Data, movie_id: str) -> Data:
    """A line from the film: a ``Quotation`` spoken by a character, part of the movie."""
    node: Data = {
        "@type": "Quotation",
        "text": quote["text"],
        "spokenByCharacter": {"@type": "Person", "name": quote["speaker"]},
        "isPartOf": {"@id": movie_id},
    }
    if quote.get("context"):
        node["description"] = quote["context"]
    return node


def _based_on(guide: Data) -> Data | None:
    """The adapted work (``isBasedOn``): a ``Book`` for a novel or book, else a ``CreativeWork``."""
    source = (guide.get("adaptation") or {}).get("source")
    if not source or not source.get("title"):
        return None
    kind = str(source.get("kind") or "").casefold()
    node: Data = {"@type": "Book" if kind in ("novel", "book", "novella", "memoir") else "CreativeWork"}
    node["name"] = source["title"]
    if source.get("author"):
        node["author"] = {"@type": "Person", "name": source["author"]}
    if source.get("year"):
        node["dateCreated"] = str(source["year"])
    return node


def movie_jsonld(data: Data, base_url: str) -> Data:
    """schema.org ``Movie`` for a film page, from the same data the page shows (so a spoiler-free
    page's JSON-LD is spoiler-free too).

    Quotes attach as ``hasPart`` (each ``Quotation`` also says ``isPartOf`` the movie): schema.org
    has no "quotation" property, and a line spoken in the film is part of the work, whereas
    ``citation`` means a work the movie cites.
    """
    guide = data["guide"]
    movie_id = _film_id(base_url, data["url"])
    movie: Data = {
        "@context": SCHEMA_ORG,
        "@type": "Movie",
        "@id": movie_id,
        "name": data["title"],
        "url": absolute_url(base_url, data["url"]),
        "image": card_url(data, base_url),
    }
    if data.get("year"):
        movie["dateCreated"] = str(data["year"])
    if guide.get("intro"):
        movie["description"] = clip(guide["intro"][0], 300)
    if data["directors"]:
        movie["director"] = [_person(p, base_url) for p in data["directors"]]
    if data["cast"]:
        movie["actor"] = [_actor(c, base_url) for c in data["cast"]]
    if data["quick"]["composers"]:
        movie["musicBy"] = [_person(p, base_url) for p in data["quick"]["composers"]]
    if data["quick"]["genres"]:
        movie["genre"] = list(data["quick"]["genres"])
    awards = _awards(guide)
    if awards:
        movie["award"] = awards
    based_on = _based_on(guide)
    if based_on:
        movie["isBasedOn"] = based_on
    if guide.get("quotes"):
        movie["hasPart"] = [_quotation(q, movie_id) for q in guide["quotes"]]
    return movie


def catalog_movie_jsonld(data: Data, base_url: str) -> Data:
    """schema.org ``Movie`` for a catalog film without a guide: name, url, ``dateCreated``
    (the year), ``director``, ``genre``, ``duration`` (ISO 8601, ``PT112M``) and the description.

    No ``aggregateRating``: its IMDb and Rotten Tomatoes figures are other sites' ratings, and
    schema.org's ``AggregateRating`` on a page is read as the rating *this* site's users gave
    (search engines reject third-party ratings there), so they are left out of the graph.
    """
    facts = data["facts"]
    movie: Data = {
        "@context": SCHEMA_ORG,
        "@type": "Movie",
        "@id": _film_id(base_url, data["url"]),
        "name": data["title"],
        "url": absolute_url(base_url, data["url"]),
        "image": card_url(data, base_url),
        "description": clip(_catalog_description(data), 300),
    }
    if data.get("year"):
        movie["dateCreated"] = str(data["year"])
    if data["directors"]:
        movie["director"] = [_person(p, base_url) for p in data["directors"]]
    if facts.get("genre"):
        movie["genre"] = facts["genre"]
    if facts.get("running_time_min"):
        movie["duration"] = f"PT{int(facts['running_time_min'])}M"
    return movie


#: A person's role in a film → the ``Movie`` property that points at them. A featured artist (a
#: song in the film) is a ``contributor``; a nominee only when that is their one role there.
_ROLE_PROPERTY = {
    "director": "director",
    "actor": "actor",
    "composer": "musicBy",
    "featured_artist": "contributor",
}


def person_jsonld(data: Data, base_url: str) -> Data:
    """schema.org ``Person`` for a person page, with the films they appear in.

    The films hang off the person through ``@reverse`` (a ``Movie`` whose ``director``, ``actor``,
    ``musicBy`` or ``contributor`` is this person), since schema.org has no Person → Movie
    property. A role with a character keeps schema.org's role pattern the other way round: the
    person is the ``actor`` of a ``PerformanceRole`` (with ``characterName``) that is the
    ``actor`` of the movie.
    """
    me = _person(data, base_url)
    reverse: dict[str, list[Data]] = {}
    for film in data["films"]:
        movie: Data = {
            "@type": "Movie",
            "@id": _film_id(base_url, film["url"]),
            "name": film["title"],
            "url": absolute_url(base_url, film["url"]),
        }
        if film.get("year"):
            movie["dateCreated"] = str(film["year"])
        roles = film["roles"]
        properties = [r for r in roles if r["role"] in _ROLE_PROPERTY] or [{"role": "featured_artist"}]
        for role in properties:
            prop = _ROLE_PROPERTY[role["role"]]
            if prop == "actor" and role.get("character"):
                node = {
                    "@type": "PerformanceRole",
                    "characterName": role["character"],
                    "@reverse": {"actor": movie},
                }
                reverse.setdefault("actor", []).append(node)
            else:
                reverse.setdefault(prop, []).append(movie)
    return {"@context": SCHEMA_ORG, **me, **({"@reverse": reverse} if reverse else {})}


def website_jsonld(base_url: str) -> Data:
    """schema.org ``WebSite`` with a ``SearchAction``: how a search engine offers the site's search."""
    home = absolute_url(base_url, "/")
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "@id": home + "#website",
        "name": SITE_NAME,
        "url": home,
        "description": SITE_DESCRIPTION,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(base_url, "/search") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
