"""The data of every page: one function per page, whose result (a model of
:mod:`filmguide.web.page_models`) is both the JSON twin and what the HTML template renders, so a
program and a reader always get the same facts.

Nothing here builds SQL (the store does) or markup (the templates do).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from filmguide import search as site_search
from filmguide.analyses import current as current_analyses
from filmguide.article.headings import CANONICAL
from filmguide.catalog import CatalogFilm
from filmguide.model import Guide
from filmguide.slugs import slugify_title
from filmguide.spoilers import Spoilers, without_spoilers
from filmguide.store import Store
from filmguide.store.events import WINDOW, Count
from filmguide.store.films import StoredRef
from filmguide.text import sentences
from filmguide.web.page_models import (
    AwardBody,
    AwardItem,
    BrowseFilm,
    BrowseFilters,
    BrowseForm,
    BrowsePage,
    CatalogFilmPage,
    Facts,
    FilmLink,
    FilmPage,
    HomePage,
    MostShared,
    MostSharedEntry,
    MusicPeople,
    NewestFilm,
    PersonFilm,
    PersonPage,
    PersonRef,
    PersonRole,
    QuickAnswers,
    SearchPage,
    SharedFilm,
    Similar,
    SortChoice,
    TocEntry,
    TocSummary,
    Trending,
    TrendingEntry,
    TrendingFilm,
)

Data = dict[str, Any]
#: People whose links :func:`person_ref` keeps (some 300 bytes each).
PEOPLE_KEPT = 8192

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


@functools.lru_cache(maxsize=PEOPLE_KEPT)
def person_ref(name: str) -> PersonRef:
    """A person as pages link them: by the slug the store gives them. Kept: a film page names some
    fifty people, and finding each one's slug again was a tenth of the page's data."""
    slug = slugify_title(name)
    return PersonRef(name=name, slug=slug, url=f"/people/{slug}")


def film_url(slug: str) -> str:
    return f"/films/{slug}"


def first_sentence(text: str | None, length: int = 160) -> str | None:
    """A paragraph's first sentence, clipped to ``length`` characters: a teaser or a one-line answer."""
    if not text:
        return None
    text = next(iter(sentences(" ".join(text.split()))), "")
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"


def _present(guide: Guide, key: str) -> bool:
    value = getattr(guide, key)
    return value is not None and value != []


def _toc(guide: Guide, spoilers: Spoilers) -> list[TocSummary | TocEntry]:
    """The table of contents: every section present, summary sub-headings nested."""
    entries: list[TocSummary | TocEntry] = []
    for key, title in SECTIONS:
        if not _present(guide, key):
            continue
        entry_id, spoiler = key.replace("_", "-"), _section_is_spoiler(key, spoilers)
        if key != "summary":
            entries.append(TocEntry(id=entry_id, title=title, spoiler=spoiler))
            continue
        children = [
            TocEntry(id=f"summary-{i + 1}", title=part.heading, spoiler=i in spoilers.summary)
            for i, part in enumerate(guide.summary)
            if part.heading
        ]
        entries.append(TocSummary(id=entry_id, title=title, spoiler=spoiler, children=children))
    for i, extra in enumerate(guide.extra_sections):
        entries.append(TocEntry(id=f"more-{i + 1}", title=extra.heading, spoiler=False))
    return entries


def _section_is_spoiler(key: str, spoilers: Spoilers) -> bool:
    return key in ("ending", "alternate_endings") and bool(getattr(spoilers, key))


def _quick_answers(guide: Guide) -> QuickAnswers:
    """What a reader wants in five seconds: post-credits, type, source, composer, places."""
    source = guide.adaptation.source if guide.adaptation else None
    type_text = guide.film_type.text if guide.film_type else []
    return QuickAnswers(
        post_credits=guide.post_credits.has_scenes if guide.post_credits else None,
        genres=guide.film_type.genres if guide.film_type else [],
        film_type=guide.film_type.text[0] if guide.film_type and guide.film_type.text else None,
        based_on=source,
        based_on_author=person_ref(source.author) if source and source.author else None,
        composers=[person_ref(n) for n in guide.music.composers] if guide.music else [],
        places=guide.locations.places if guide.locations else [],
        starring=[person_ref(c.actor) for c in guide.cast[:3]],
        # Presentational: the type in one sentence, for the quick-answers box.
        type_line=first_sentence(type_text[0]) if type_text else None,
    )


def _music_people(guide: Guide) -> MusicPeople:
    """The music section's people, linked like every other person on the page."""
    if guide.music is None:
        return MusicPeople(composers=[], featured_artists=[])
    return MusicPeople(
        composers=[person_ref(n) for n in guide.music.composers],
        featured_artists=[person_ref(n) for n in guide.music.featured_artists],
    )


def _awards_by_body(guide: Guide) -> list[AwardBody]:
    bodies: OrderedDict[str, AwardBody] = OrderedDict()
    for award in guide.awards:
        body = bodies.setdefault(award.body, AwardBody(body=award.body, won=[], nominated=[]))
        nominee = person_ref(award.nominee) if award.nominee else None
        getattr(body, award.result).append(AwardItem(category=award.category, nominee=nominee))
    return list(bodies.values())


def _film_links(refs: list[StoredRef], guide: Guide) -> dict[str, list[FilmLink]]:
    """Director's films and recommendations, linked to film pages where ``refs`` (the stored
    guide's links; none for a guide not saved yet, whose lists they do not describe) name a film."""
    stored = {(r.kind, r.position): r.target_slug for r in refs}
    out: dict[str, list[FilmLink]] = {}
    for key, kind in (("director_films", "director_film"), ("recommendations", "recommendation")):
        out[key] = []
        for i, ref in enumerate(getattr(guide, key)):
            target = stored.get((kind, i))
            url = film_url(target) if target else None
            out[key].append(FilmLink(title=ref.title, year=ref.year, note=ref.note, slug=target, url=url))
    return out


def film_page(store: Store, slug: str, options: PageOptions, preview: Guide | None = None) -> FilmPage | None:
    """The film page; ``None`` when no guide has this slug. ``preview``: the page this guide
    would have at ``slug`` (the desk's preview), instead of the stored one's."""
    # The analyses are the stored ones (made when the guide was saved); a preview's are made now.
    reads = store.film_page_reads(slug) if preview is None else None
    kept = reads.analysed if reads is not None else None
    guide = preview if preview is not None else kept.guide if kept is not None else None
    if guide is None:
        return None
    catalog_film = kept.catalog_film if kept is not None else store.catalog_film(slug)
    analysis = current_analyses(kept.analyses if kept is not None else None, guide, catalog_film)
    spoilers = found = analysis.spoilers
    shown = guide if options.spoilers else without_spoilers(guide, spoilers)
    if not options.spoilers:
        spoilers = Spoilers()
    links = _film_links(reads.refs if reads is not None else [], guide)
    checks, gated = analysis.fact_checks(options.spoilers)
    page = {
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
        "guide": shown,
        # Presentational: linked music people, awards tally, how many spoiler parts ?spoilers=0 left out.
        "music_people": _music_people(shown),
        "awards_nominated": sum(1 for a in shown.awards if a.result == "nominated"),
        "spoilers_left_out": 0 if options.spoilers else len(found.labels()),
        # Added with the catalog: its facts, similar films, fact checks, themes, content notes.
        "has_guide": True,
        "facts": catalog_facts(catalog_film) if catalog_film else None,
        "similar": _similar(reads.similar if reads is not None else store.similar(slug), slug),
        "fact_checks": checks,
        # Indexes into fact_checks of the claims that come from spoiler text (gated on the page).
        "fact_checks_spoilers": gated,
        "themes": analysis.themes,
        "content_notes": analysis.content_notes,
        # Added with WordPress imports: the old addresses that answer 301 to this page.
        "aliases": reads.aliases if reads is not None else store.aliases(slug),
    }
    return FilmPage.model_validate(page)


def catalog_facts(film: CatalogFilm) -> Facts:
    """A catalog film's facts as the JSON gives them: raw values (dollars, minutes, ISO dates),
    ``null`` where the catalog has none; the page formats them (:mod:`filmguide.web.format`)."""
    given = {name: getattr(film, name) for name in _CATALOG_FACTS}
    release = film.release_date.isoformat() if film.release_date else None
    return Facts(**given, release_date=release, directors=[person_ref(n) for n in film.directors])


#: The facts a page gives as the catalog has them (the release date and directors are written out).
_CATALOG_FACTS = [name for name in Facts.model_fields if name not in ("release_date", "directors")]


def similar_films(store: Store, slug: str) -> list[Similar]:
    """The precomputed similar films, best first, never the film itself, each with its URL."""
    return _similar(store.similar(slug), slug)


def _similar(items: list[dict[str, Any]], slug: str) -> list[Similar]:
    """A film's stored similar list (:meth:`Store.similar`) as its page gives it."""
    return [
        Similar(
            slug=item["slug"],
            title=item["title"],
            year=item.get("year"),
            score=item.get("score"),
            reasons=list(item.get("reasons") or []),
            url=film_url(item["slug"]),
        )
        for item in items
        if item["slug"] != slug
    ]


def catalog_film_page(store: Store, slug: str) -> CatalogFilmPage | None:
    """The page of a catalog film with no guide; ``None`` when the catalog has no such film."""
    film = store.catalog_film(slug)
    if film is None:
        return None
    return CatalogFilmPage(
        kind="catalog_film",
        slug=slug,
        url=film_url(slug),
        title=film.title,
        year=film.year,
        directors=[person_ref(n) for n in film.directors],
        has_guide=False,
        note="There is no guide to this film yet: these are the catalog's facts and figures.",
        facts=catalog_facts(film),
        similar=similar_films(store, slug),
        fact_checks=[],
        themes=[],
        content_notes=[],
    )


# --- browse ------------------------------------------------------------------------------------

#: ``sort`` values of ``/films`` and what the form calls them.
SORTS: dict[str, str] = {
    "title": "Title (A–Z)",
    "year": "Year (oldest first)",
    "-year": "Year (newest first)",
    "rating": "IMDb rating (highest first)",
    "gross": "Worldwide gross (highest first)",
}
PER_PAGE = 48
YEAR_RANGE = (1870, 2100)
MAX_TEXT = 200


class BadQuery(ValueError):
    """A browse parameter that cannot be used: the page answers 400 with this message."""


def _browse_params(params: Mapping[str, str]) -> Data:
    genre = (params.get("genre") or "").strip() or None
    director = " ".join((params.get("director") or "").split()) or None
    sort = (params.get("sort") or "").strip() or "title"
    year_text = (params.get("year") or "").strip()
    page_text = (params.get("page") or "").strip()
    if director is not None and len(director) > MAX_TEXT:
        raise BadQuery(f"The director's name is too long (at most {MAX_TEXT} characters).")
    if genre is not None and len(genre) > MAX_TEXT:
        raise BadQuery("There is no such genre.")
    year: int | None = None
    if year_text:
        if not year_text.isascii() or not year_text.isdigit() or len(year_text) > 4:
            raise BadQuery(f"The year must be a number such as 1995, not “{year_text[:20]}”.")
        year = int(year_text)
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            raise BadQuery(f"The year must be between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}.")
    page = 1
    if page_text:
        if not page_text.isascii() or not page_text.isdigit() or len(page_text) > 6 or int(page_text) < 1:
            raise BadQuery(f"The page must be a whole number from 1, not “{page_text[:20]}”.")
        page = int(page_text)
    if sort not in SORTS:
        raise BadQuery(f"Sort by one of: {', '.join(SORTS)}; not “{sort[:20]}”.")
    return {"genre": genre, "year": year, "director": director, "sort": sort, "page": page}


def browse_url(filters: Data, page: int, *, json: bool = False) -> str:
    """A page of ``/films`` with these filters (defaults left out), as its links and canonical name it."""
    query = {
        k: str(v) for k, v in filters.items() if v not in (None, "") and not (k == "sort" and v == "title")
    }
    if page > 1:
        query["page"] = str(page)
    path = "/films.json" if json else "/films"
    return path + ("?" + urlencode(query) if query else "")


def browse_page(store: Store, params: Mapping[str, str]) -> BrowsePage:
    """``/films``: catalog films filtered by genre, year and director, sorted, a page at a time.

    Raises :class:`BadQuery` for a parameter that cannot be used (the view answers 400).
    """
    wanted = _browse_params(params)
    genres = store.genres()
    if wanted["genre"] is not None and wanted["genre"] not in genres:
        raise BadQuery(f"There is no genre “{wanted['genre'][:40]}”. Choose one from the list.")
    filters = {k: wanted[k] for k in ("genre", "year", "director", "sort")}
    try:
        result = store.browse(
            genre=wanted["genre"],
            year=wanted["year"],
            director=wanted["director"],
            sort=wanted["sort"],
            page=wanted["page"],
            per_page=PER_PAGE,
        )
    except ValueError as error:
        raise BadQuery(str(error) or "These filters cannot be used.") from error
    pages = max(result.pages, 1)
    if wanted["page"] > pages:
        raise BadQuery(f"There is no page {wanted['page']}: the last page is {pages}.")
    return BrowsePage(
        kind="browse",
        filters=BrowseFilters(**filters),
        total=result.total,
        page=result.page,
        pages=pages,
        per_page=result.per_page,
        films=[
            BrowseFilm(
                slug=row.slug,
                title=row.title,
                year=row.year,
                directors=[person_ref(n) for n in row.directors],
                genre=row.genre,
                imdb_rating=row.imdb_rating,
                has_guide=row.has_guide,
                url=film_url(row.slug),
            )
            for row in result.films
        ],
        prev=browse_url(filters, result.page - 1) if result.page > 1 else None,
        next=browse_url(filters, result.page + 1) if result.page < pages else None,
        genres=genres,
        sorts=_sorts(),
    )


def _sorts() -> list[SortChoice]:
    return [SortChoice(value=value, label=label) for value, label in SORTS.items()]


def browse_error(params: Mapping[str, str], message: str, genres: list[str]) -> BrowseForm:
    """The 400 page of ``/films``: the message, and the form again (with what was asked)."""
    return BrowseForm(
        kind="browse",
        error=message,
        filters={k: (params.get(k) or "")[:MAX_TEXT] for k in ("genre", "year", "director", "sort")},
        total=0,
        page=1,
        pages=1,
        per_page=PER_PAGE,
        films=[],
        prev=None,
        next=None,
        genres=genres,
        sorts=_sorts(),
    )


#: Films by number of views (``"view"``) or shares (``"share"``), the first ``limit``: the store's
#: query, or the site's rankings kept in memory (:class:`filmguide.web.events.Rankings`).
Top = Callable[[str, int], list[Count]]


def home_page(store: Store, top: Top | None = None) -> HomePage:
    ranked: Top = top or (lambda kind, limit: store.top_films(kind, limit=limit))
    return HomePage(
        kind="home",
        newest=[_newest(store, g.slug, g.title, g.year) for g in store.newest_guides(12)],
        trending=[
            TrendingFilm(**_summary(c.slug, c.title, c.year), views=c.count) for c in ranked("view", 5)
        ],
        most_shared=[
            SharedFilm(**_summary(c.slug, c.title, c.year), shares=c.count) for c in ranked("share", 5)
        ],
        window_days=WINDOW.days,
    )


def _newest(store: Store, slug: str, title: str, year: int | None) -> NewestFilm:
    """A newest-guides entry: the summary plus directors, genres and a one-sentence teaser."""
    guide = store.get_guide(slug)
    return NewestFilm(
        **_summary(slug, title, year),
        directors=[person_ref(n) for n in guide.directors] if guide else [],
        genres=guide.film_type.genres if guide and guide.film_type else [],
        teaser=first_sentence(guide.intro[0], 200) if guide and guide.intro else None,
    )


def _summary(slug: str, title: str, year: int | None) -> Data:
    return {"slug": slug, "title": title, "year": year, "url": film_url(slug)}


def trending(top: Top, kind: str, limit: int = 20) -> Trending | MostShared:
    """``/trending.json`` (views) and ``/most-shared.json`` (shares), highest first."""
    if kind == "view":
        return Trending([TrendingEntry(slug=c.slug, title=c.title, views=c.count) for c in top(kind, limit)])
    return MostShared([MostSharedEntry(slug=c.slug, title=c.title, shares=c.count) for c in top(kind, limit)])


_ROLE_LABELS = {
    "director": "Director",
    "actor": "Actor",
    "composer": "Composer",
    "featured_artist": "Featured artist",
    "nominee": "Award nominee",
    "author": "Author of the source",
}


def person_page(store: Store, slug: str) -> PersonPage | None:
    found = store.person_with_credits(slug)
    if found is None:
        return None
    person, person_credits = found
    films: OrderedDict[str, PersonFilm] = OrderedDict()
    for credit in person_credits:
        film = films.setdefault(
            credit.film_slug,
            PersonFilm(**_summary(credit.film_slug, credit.film_title, credit.film_year), roles=[]),
        )
        label = _ROLE_LABELS.get(credit.role, credit.role)
        role = PersonRole(role=credit.role, label=label, character=credit.character)
        if role not in film.roles:
            film.roles.append(role)
    return PersonPage(
        kind="person",
        slug=person.slug,
        name=person.name,
        url=f"/people/{person.slug}",
        films=list(films.values()),
    )


def search_page(store: Store, query: str) -> SearchPage:
    """``/search?q=``: :func:`filmguide.search.search_page`'s results, as the twin gives them.
    Raises :class:`filmguide.search.QueryError` for a query that cannot be used."""
    return SearchPage.model_validate(site_search.search_page(store, query))
