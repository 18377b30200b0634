"""The data of every page: one function per page, whose result is both the JSON twin and what the
HTML template renders, so a program and a reader always get the same facts.

Nothing here builds SQL (the store does) or markup (the templates do).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from filmguide.article.headings import CANONICAL
from filmguide.model import Guide
from filmguide.slugs import slugify_title
from filmguide.spoilers import Spoilers, find_spoilers, without_spoilers
from filmguide.store import Store
from filmguide.store.events import WINDOW

Data = dict[str, Any]

#: Sections in page order, with the heading the page gives each.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", CANONICAL["summary"]),
    ("ending", "Ending Explained"),
    ("post_credits", "Post-Credits Scenes"),
    ("film_type", CANONICAL["film_type"]),
    ("cast", CANONICAL["cast"]),
    ("music", "Music and Composer"),
    ("locations", CANONICAL["locations"]),
    ("awards", CANONICAL["awards"]),
    ("behind_the_scenes", "Behind the Scenes"),
    ("inspirations", CANONICAL["inspirations"]),
    ("alternate_endings", CANONICAL["alternate_endings"]),
    ("adaptation", "Adaptation and Differences"),
    ("key_scenes", CANONICAL["key_scenes"]),
    ("quotes", CANONICAL["quotes"]),
    ("easter_eggs", CANONICAL["easter_eggs"]),
    ("trivia", CANONICAL["trivia"]),
    ("why_watch", CANONICAL["why_watch"]),
    ("director_films", CANONICAL["director_films"]),
    ("recommendations", "What to Watch Next"),
)


@dataclass(frozen=True)
class PageOptions:
    """What a request asks of a page: ``spoilers=False`` leaves every spoiler out."""

    spoilers: bool = True


def person_ref(name: str) -> Data:
    """A person as pages link them: by the slug the store gives them."""
    return {"name": name, "slug": slugify_title(name), "url": f"/people/{slugify_title(name)}"}


def film_url(slug: str) -> str:
    return f"/films/{slug}"


#: The end of a first sentence: ., ! or ? (optionally closed by a quote) before a space.
_SENTENCE_END = re.compile(r"[.!?][”’\"')]?(?=\s)")


def first_sentence(text: str | None, length: int = 160) -> str | None:
    """A paragraph's first sentence, clipped to ``length`` characters: a teaser or a one-line answer."""
    if not text:
        return None
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    if match:
        text = text[: match.end()]
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"


def _present(guide: Guide, key: str) -> bool:
    value = getattr(guide, key)
    return value is not None and value != []


def _toc(guide: Guide, spoilers: Spoilers) -> list[Data]:
    """The table of contents: every section present, summary sub-headings nested."""
    entries: list[Data] = []
    for key, title in SECTIONS:
        if not _present(guide, key):
            continue
        entry: Data = {
            "id": key.replace("_", "-"),
            "title": title,
            "spoiler": _section_is_spoiler(key, spoilers),
        }
        if key == "summary":
            entry["children"] = [
                {"id": f"summary-{i + 1}", "title": part.heading, "spoiler": i in spoilers.summary}
                for i, part in enumerate(guide.summary)
                if part.heading
            ]
        entries.append(entry)
    for i, extra in enumerate(guide.extra_sections):
        entries.append({"id": f"more-{i + 1}", "title": extra.heading, "spoiler": False})
    return entries


def _section_is_spoiler(key: str, spoilers: Spoilers) -> bool:
    return key in ("ending", "alternate_endings") and bool(getattr(spoilers, key))


def _quick_answers(guide: Guide) -> Data:
    """What a reader wants in five seconds: post-credits, type, source, composer, places."""
    source = guide.adaptation.source if guide.adaptation else None
    type_text = guide.film_type.text if guide.film_type else []
    return {
        "post_credits": guide.post_credits.has_scenes if guide.post_credits else None,
        "genres": guide.film_type.genres if guide.film_type else [],
        "film_type": guide.film_type.text[0] if guide.film_type and guide.film_type.text else None,
        "based_on": source.model_dump() if source else None,
        "based_on_author": person_ref(source.author) if source and source.author else None,
        "composers": [person_ref(n) for n in guide.music.composers] if guide.music else [],
        "places": guide.locations.places if guide.locations else [],
        "starring": [person_ref(c.actor) for c in guide.cast[:3]],
        # Presentational: the type in one sentence, for the quick-answers box.
        "type_line": first_sentence(type_text[0]) if type_text else None,
    }


def _music_people(guide: Guide) -> Data:
    """The music section's people, linked like every other person on the page."""
    if guide.music is None:
        return {"composers": [], "featured_artists": []}
    return {
        "composers": [person_ref(n) for n in guide.music.composers],
        "featured_artists": [person_ref(n) for n in guide.music.featured_artists],
    }


def _awards_by_body(guide: Guide) -> list[Data]:
    bodies: OrderedDict[str, Data] = OrderedDict()
    for award in guide.awards:
        body = bodies.setdefault(award.body, {"body": award.body, "won": [], "nominated": []})
        item = {
            "category": award.category,
            "nominee": person_ref(award.nominee) if award.nominee else None,
        }
        body[award.result].append(item)
    return list(bodies.values())


def _film_links(store: Store, slug: str, guide: Guide) -> dict[str, list[Data]]:
    """Director's films and recommendations, linked to film pages where the film is stored."""
    stored = {(r.kind, r.position): r.target_slug for r in store.film_refs(slug)}
    out: dict[str, list[Data]] = {}
    for key, kind in (("director_films", "director_film"), ("recommendations", "recommendation")):
        out[key] = []
        for i, ref in enumerate(getattr(guide, key)):
            target = stored.get((kind, i))
            out[key].append(
                {
                    "title": ref.title,
                    "year": ref.year,
                    "note": ref.note,
                    "slug": target,
                    "url": film_url(target) if target else None,
                }
            )
    return out


def film_page(store: Store, slug: str, options: PageOptions) -> Data | None:
    """The film page; ``None`` when no guide has this slug."""
    guide = store.get_guide(slug)
    if guide is None:
        return None
    spoilers = found = find_spoilers(guide)
    shown = guide if options.spoilers else without_spoilers(guide, spoilers)
    if not options.spoilers:
        spoilers = Spoilers()
    links = _film_links(store, slug, guide)
    return {
        "kind": "film",
        "slug": slug,
        "url": film_url(slug),
        "title": guide.title,
        "year": guide.year,
        "directors": [person_ref(n) for n in guide.directors],
        "spoilers_included": options.spoilers,
        "spoilers": spoilers.labels(),
        "quick": _quick_answers(guide),
        "toc": _toc(shown, spoilers),
        "cast": [{"actor": person_ref(c.actor), "character": c.character} for c in shown.cast],
        "awards_by_body": _awards_by_body(shown),
        "awards_won": sum(1 for a in shown.awards if a.result == "won"),
        "director_films": links["director_films"],
        "recommendations": links["recommendations"],
        "guide": shown.to_json_dict(),
        # Presentational: linked music people, awards tally, how many spoiler parts ?spoilers=0 left out.
        "music_people": _music_people(shown),
        "awards_nominated": sum(1 for a in shown.awards if a.result == "nominated"),
        "spoilers_left_out": 0 if options.spoilers else len(found.labels()),
    }


def home_page(store: Store) -> Data:
    return {
        "kind": "home",
        "newest": [_newest(store, g.slug, g.title, g.year) for g in store.newest_guides(12)],
        "trending": [
            {**_summary(c.slug, c.title, c.year), "views": c.count} for c in store.top_films("view", limit=5)
        ],
        "most_shared": [
            {**_summary(c.slug, c.title, c.year), "shares": c.count}
            for c in store.top_films("share", limit=5)
        ],
        "window_days": WINDOW.days,
    }


def _newest(store: Store, slug: str, title: str, year: int | None) -> Data:
    """A newest-guides entry: the summary plus directors, genres and a one-sentence teaser."""
    entry = _summary(slug, title, year)
    guide = store.get_guide(slug)
    entry["directors"] = [person_ref(n) for n in guide.directors] if guide else []
    entry["genres"] = guide.film_type.genres if guide and guide.film_type else []
    entry["teaser"] = first_sentence(guide.intro[0], 200) if guide and guide.intro else None
    return entry


def _summary(slug: str, title: str, year: int | None) -> Data:
    return {"slug": slug, "title": title, "year": year, "url": film_url(slug)}


def trending(store: Store, kind: str, limit: int = 20) -> list[Data]:
    """``/trending.json`` (views) and ``/most-shared.json`` (shares), highest first."""
    field = "views" if kind == "view" else "shares"
    return [{"slug": c.slug, "title": c.title, field: c.count} for c in store.top_films(kind, limit=limit)]


_ROLE_LABELS = {
    "director": "Director",
    "actor": "Actor",
    "composer": "Composer",
    "featured_artist": "Featured artist",
    "nominee": "Award nominee",
}


def person_page(store: Store, slug: str) -> Data | None:
    person = store.person(slug)
    if person is None:
        return None
    films: OrderedDict[str, Data] = OrderedDict()
    for credit in store.person_credits(slug):
        film = films.setdefault(
            credit.film_slug,
            {**_summary(credit.film_slug, credit.film_title, credit.film_year), "roles": []},
        )
        role = {
            "role": credit.role,
            "label": _ROLE_LABELS.get(credit.role, credit.role),
            "character": credit.character,
        }
        if role not in film["roles"]:
            film["roles"].append(role)
    return {
        "kind": "person",
        "slug": person.slug,
        "name": person.name,
        "url": f"/people/{person.slug}",
        "films": list(films.values()),
    }
