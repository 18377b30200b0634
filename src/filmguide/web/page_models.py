"""The shape of every page's data: one model per page kind, and the parts they share.

:mod:`filmguide.web.pages` builds them; the JSON twin is the model's dump (:func:`page_dict`,
written by :func:`filmguide.web.render.json_bytes`), the templates render that same dump, and
``/api/openapi.json`` describes each from its JSON Schema (:mod:`filmguide.web.openapi`).
Fields are declared in the order the twins have always listed their keys (the export's bytes
depend on it); keys are added, never renamed (``shared/guide-schema.md``).

Every key is required: a twin always has it, ``null`` or ``[]`` when there is nothing to say.
Unknown keys are refused when a page is built, so a key a page forgets to declare fails its
tests rather than vanish from the twin; the published schemas stay open to keys added later.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from filmguide.factcheck import FactCheck
from filmguide.model import Guide, Source
from filmguide.themes import ContentNote, Theme


def _open(schema: dict[str, Any]) -> None:
    """Clients may meet keys added after they were written: the schema does not forbid them."""
    schema.pop("additionalProperties", None)


class PageModel(BaseModel):
    """Base of the page models: strict about keys when built, open in the published schema."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_open)


class PersonRef(PageModel):
    """A person, linked to their page."""

    # Frozen: filmguide.web.pages.person_ref hands the same one to every page naming the person.
    model_config = ConfigDict(frozen=True)

    name: str
    slug: str
    url: str


class FilmSummary(PageModel):
    slug: str
    title: str
    year: int | None
    url: str


class FilmLink(PageModel):
    """A film a guide names (director's films, recommendations), linked when it is stored."""

    title: str
    year: int | None
    note: str | None
    slug: str | None
    url: str | None


class Similar(PageModel):
    slug: str
    title: str
    year: int | None
    score: float | None
    reasons: list[str]
    url: str


class Facts(PageModel):
    """A catalog film's facts: raw values (dollars, minutes, ISO dates), ``null`` where unknown."""

    title: str
    year: int | None
    release_date: Annotated[str | None, Field(json_schema_extra={"format": "date"})]
    directors: list[PersonRef]
    genre: str | None
    creative_type: str | None
    source: str | None
    mpaa_rating: str | None
    running_time_min: int | None
    distributor: str | None
    budget: int | None
    us_gross: int | None
    worldwide_gross: int | None
    imdb_rating: float | None
    imdb_votes: int | None
    rotten_tomatoes: int | None


class TocEntry(PageModel):
    id: str
    title: str
    spoiler: bool


class TocSummary(PageModel):
    """The summary's entry: its sub-headings nested."""

    id: str
    title: str
    spoiler: bool
    children: list[TocEntry]


class AwardItem(PageModel):
    category: str
    nominee: PersonRef | None


class AwardBody(PageModel):
    body: str
    won: list[AwardItem]
    nominated: list[AwardItem]


class CastEntry(PageModel):
    actor: PersonRef
    character: str | None


class QuickAnswers(PageModel):
    """What a reader wants in five seconds: post-credits, type, source, composer, places."""

    post_credits: bool | None
    genres: list[str]
    film_type: str | None
    based_on: Source | None
    based_on_author: PersonRef | None
    composers: list[PersonRef]
    places: list[str]
    starring: list[PersonRef]
    type_line: str | None


class MusicPeople(PageModel):
    composers: list[PersonRef]
    featured_artists: list[PersonRef]


class FilmPage(PageModel):
    """``/films/{slug}`` of a film with a guide."""

    kind: Literal["film"]
    slug: str
    url: str
    title: str
    year: int | None
    directors: list[PersonRef]
    spoilers_included: bool
    spoilers: list[str]
    quick: QuickAnswers
    toc: list[TocSummary | TocEntry]
    cast: list[CastEntry]
    awards_by_body: list[AwardBody]
    awards_won: int
    director_films: list[FilmLink]
    recommendations: list[FilmLink]
    guide: Guide
    music_people: MusicPeople
    awards_nominated: int
    spoilers_left_out: int
    has_guide: Literal[True]
    facts: Facts | None
    similar: list[Similar]
    fact_checks: list[FactCheck]
    #: Indexes into fact_checks of the claims that come from spoiler text (gated on the page).
    fact_checks_spoilers: list[int]
    themes: list[Theme]
    content_notes: list[ContentNote]
    #: Old addresses that answer 301 here (an imported WordPress post's permalink, /?p=ID).
    aliases: list[str]


class CatalogFilmPage(PageModel):
    """``/films/{slug}`` of a catalog film with no guide."""

    kind: Literal["catalog_film"]
    slug: str
    url: str
    title: str
    year: int | None
    directors: list[PersonRef]
    has_guide: Literal[False]
    note: str
    facts: Facts
    similar: list[Similar]
    fact_checks: list[FactCheck]
    themes: list[Theme]
    content_notes: list[ContentNote]


class PersonRole(PageModel):
    role: str
    label: str
    character: str | None


class PersonFilm(PageModel):
    slug: str
    title: str
    year: int | None
    url: str
    roles: list[PersonRole]


class PersonPage(PageModel):
    """``/people/{slug}``: a person's films, each with their roles in it."""

    kind: Literal["person"]
    slug: str
    name: str
    url: str
    films: list[PersonFilm]


class SnippetPart(PageModel):
    text: str
    match: bool


class Snippet(RootModel[list[SnippetPart]]):
    """Where the words were found: text, the matched words marked."""


class FilmResult(PageModel):
    kind: Literal["film"]
    slug: str
    url: str
    title: str
    year: int | None
    score: float
    snippet: Snippet


class PersonResult(PageModel):
    kind: Literal["person"]
    slug: str
    url: str
    name: str
    score: float
    snippet: Snippet


class SearchResult(RootModel[Annotated[FilmResult | PersonResult, Field(discriminator="kind")]]):
    """A film or a person, told apart by ``kind``."""


class SearchPage(PageModel):
    """``/search?q=``: ranked results with snippets; ``fuzzy`` when the closest titles joined."""

    kind: Literal["search"]
    query: str
    results: list[SearchResult]
    fuzzy: bool


class SearchError(PageModel):
    """A search that could not run (400: the query; 503: stopped), and why."""

    kind: Literal["search"]
    query: str
    error: str
    results: Annotated[list[FilmResult], Field(max_length=0)]


class BrowseFilters(PageModel):
    genre: str | None
    year: int | None
    director: str | None
    sort: str


class BrowseFilm(PageModel):
    slug: str
    title: str
    year: int | None
    directors: list[PersonRef]
    genre: str | None
    imdb_rating: float | None
    has_guide: bool
    url: str


class SortChoice(PageModel):
    value: str
    label: str


class BrowsePage(PageModel):
    """``/films``: catalog films filtered, sorted, a page at a time."""

    kind: Literal["browse"]
    filters: BrowseFilters
    total: int
    page: int
    pages: int
    per_page: int
    films: list[BrowseFilm]
    prev: str | None
    next: str | None
    genres: list[str]
    sorts: list[SortChoice]


class BrowseError(PageModel):
    """``/films.json`` with a parameter that cannot be used (400)."""

    kind: Literal["browse"]
    error: str


class BrowseForm(BrowsePage):
    """The 400 page of ``/films``: the message, and the form again with what was asked (as typed:
    the filters are the text given)."""

    filters: dict[str, str]  # type: ignore[assignment]  # the text asked, not yet a filter
    error: str


class NewestFilm(PageModel):
    slug: str
    title: str
    year: int | None
    url: str
    directors: list[PersonRef]
    genres: list[str]
    teaser: str | None


class TrendingFilm(PageModel):
    slug: str
    title: str
    year: int | None
    url: str
    views: int


class SharedFilm(PageModel):
    slug: str
    title: str
    year: int | None
    url: str
    shares: int


class HomePage(PageModel):
    """``/``: the newest guides, and the most viewed and shared films of the window."""

    kind: Literal["home"]
    newest: list[NewestFilm]
    trending: list[TrendingFilm]
    most_shared: list[SharedFilm]
    window_days: int


class TrendingEntry(PageModel):
    """An entry of ``/trending.json``."""

    slug: str
    title: str
    views: int


class MostSharedEntry(PageModel):
    """An entry of ``/most-shared.json``."""

    slug: str
    title: str
    shares: int


class Trending(RootModel[list[TrendingEntry]]):
    """``/trending.json``: the most viewed films, highest first."""


class MostShared(RootModel[list[MostSharedEntry]]):
    """``/most-shared.json``: the most shared films, highest first."""


class Suggestion(PageModel):
    slug: str
    title: str
    url: str


class NotFound(PageModel):
    """404 (and, with ``kind`` "gone", 410): the closest titles to what was asked."""

    kind: Literal["not_found"]
    error: str
    path: str
    suggestions: list[Suggestion]


class Gone(PageModel):
    """410: the page's guide is in the trash (it may come back)."""

    kind: Literal["gone"]
    error: str
    path: str


class ServerError(PageModel):
    kind: Literal["error"]
    error: str


#: The models whose schemas ``/api/openapi.json`` publishes (their parts come along).
PAGE_MODELS: tuple[type[BaseModel], ...] = (
    FilmPage,
    CatalogFilmPage,
    PersonPage,
    SearchPage,
    SearchError,
    BrowsePage,
    BrowseError,
    HomePage,
    Trending,
    MostShared,
    NotFound,
)


#: What a page is rendered from: a page model, or for the few pages with no twin (the desk's)
#: a dict of the same kind.
PageData = BaseModel | dict[str, Any]


def page_dict(data: PageData) -> dict[str, Any]:
    """What a template reads as ``page``: the model's dump, the very data of the JSON twin."""
    return data.model_dump(mode="json") if isinstance(data, BaseModel) else data
