"""The OpenAPI 3.1 description served at ``/api/openapi.json``: the write API and the public JSON
endpoints (film, person, search, browse, home, trending, most shared, share), with response
schemas precise enough to check real responses against (``tests/web/test_openapi.py`` runs
schemathesis over it).

The guide's schema is the model's own (:func:`filmguide.model.guide_json_schema`, the same as
``docs/guide.schema.json``), as are fact checks, themes and content notes; the pages' shapes are
written out here from :mod:`filmguide.web.pages`. Objects list the keys they always have as
``required`` and stay open to new keys: twins gain keys, they never lose one.
"""

from __future__ import annotations

import functools
from typing import Any

import orjson
from pydantic.json_schema import models_json_schema
from starlette.requests import Request
from starlette.responses import Response

from filmguide import __version__
from filmguide.config import DEFAULT_MAX_BODY
from filmguide.factcheck import FactCheck
from filmguide.model import Guide
from filmguide.store.values import MAX_SLUG
from filmguide.themes import ContentNote, Theme
from filmguide.web.api import ACCEPTED, ARTICLE_TYPES
from filmguide.web.pages import SORTS

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
NUM: Schema = {"type": "number"}
BOOL: Schema = {"type": "boolean"}
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None) -> Schema:
    """An object with these keys always present (and ``optional`` ones sometimes)."""
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


def const(value: str) -> Schema:
    return {"type": "string", "const": value}


# --- the pages' shapes ---------------------------------------------------------------------------

FILM_SUMMARY = {"slug": STR, "title": STR, "year": nullable(INT), "url": STR}

PAGE_SCHEMAS: dict[str, Schema] = {
    "Error": obj({"error": STR}),
    "PersonRef": obj({"name": STR, "slug": STR, "url": STR}),
    "FilmLink": obj(
        {
            "title": STR,
            "year": nullable(INT),
            "note": nullable(STR),
            "slug": nullable(STR),
            "url": nullable(STR),
        }
    ),
    "Similar": obj(
        {
            "slug": STR,
            "title": STR,
            "year": nullable(INT),
            "score": nullable(NUM),
            "reasons": array(STR),
            "url": STR,
        }
    ),
    "Facts": obj(
        {
            "title": STR,
            "year": nullable(INT),
            "release_date": nullable({"type": "string", "format": "date"}),
            "directors": array(ref("PersonRef")),
            "genre": nullable(STR),
            "creative_type": nullable(STR),
            "source": nullable(STR),
            "mpaa_rating": nullable(STR),
            "running_time_min": nullable(INT),
            "distributor": nullable(STR),
            "budget": nullable(INT),
            "us_gross": nullable(INT),
            "worldwide_gross": nullable(INT),
            "imdb_rating": nullable(NUM),
            "imdb_votes": nullable(INT),
            "rotten_tomatoes": nullable(INT),
        }
    ),
    "TocEntry": obj(
        {"id": STR, "title": STR, "spoiler": BOOL},
        {"children": array(obj({"id": STR, "title": STR, "spoiler": BOOL}))},
    ),
    "AwardItem": obj({"category": STR, "nominee": nullable(ref("PersonRef"))}),
    "FilmPage": obj(
        {
            "kind": const("film"),
            "slug": STR,
            "url": STR,
            "title": STR,
            "year": nullable(INT),
            "directors": array(ref("PersonRef")),
            "spoilers_included": BOOL,
            "spoilers": array(STR),
            "quick": obj(
                {
                    "post_credits": nullable(BOOL),
                    "genres": array(STR),
                    "film_type": nullable(STR),
                    "based_on": nullable(ref("Source")),
                    "based_on_author": nullable(ref("PersonRef")),
                    "composers": array(ref("PersonRef")),
                    "places": array(STR),
                    "starring": array(ref("PersonRef")),
                    "type_line": nullable(STR),
                }
            ),
            "toc": array(ref("TocEntry")),
            "cast": array(obj({"actor": ref("PersonRef"), "character": nullable(STR)})),
            "awards_by_body": array(
                obj({"body": STR, "won": array(ref("AwardItem")), "nominated": array(ref("AwardItem"))})
            ),
            "awards_won": INT,
            "awards_nominated": INT,
            "director_films": array(ref("FilmLink")),
            "recommendations": array(ref("FilmLink")),
            "guide": ref("Guide"),
            "music_people": obj(
                {"composers": array(ref("PersonRef")), "featured_artists": array(ref("PersonRef"))}
            ),
            "spoilers_left_out": INT,
            "has_guide": {"type": "boolean", "const": True},
            "facts": nullable(ref("Facts")),
            "similar": array(ref("Similar")),
            "fact_checks": array(ref("FactCheck")),
            "fact_checks_spoilers": array(INT),
            "themes": array(ref("Theme")),
            "content_notes": array(ref("ContentNote")),
            # Old addresses that answer 301 here (an imported WordPress post's permalink, /?p=ID).
            "aliases": array(STR),
        }
    ),
    "CatalogFilmPage": obj(
        {
            "kind": const("catalog_film"),
            "slug": STR,
            "url": STR,
            "title": STR,
            "year": nullable(INT),
            "directors": array(ref("PersonRef")),
            "has_guide": {"type": "boolean", "const": False},
            "note": STR,
            "facts": ref("Facts"),
            "similar": array(ref("Similar")),
            "fact_checks": array(ref("FactCheck")),
            "themes": array(ref("Theme")),
            "content_notes": array(ref("ContentNote")),
        }
    ),
    "PersonPage": obj(
        {
            "kind": const("person"),
            "slug": STR,
            "name": STR,
            "url": STR,
            "films": array(
                obj(
                    {
                        **FILM_SUMMARY,
                        "roles": array(obj({"role": STR, "label": STR, "character": nullable(STR)})),
                    }
                )
            ),
        }
    ),
    "Snippet": array(obj({"text": STR, "match": BOOL})),
    "SearchResult": {
        "oneOf": [
            obj(
                {
                    "kind": const("film"),
                    "slug": STR,
                    "url": STR,
                    "title": STR,
                    "year": nullable(INT),
                    "score": NUM,
                    "snippet": ref("Snippet"),
                }
            ),
            obj(
                {
                    "kind": const("person"),
                    "slug": STR,
                    "url": STR,
                    "name": STR,
                    "score": NUM,
                    "snippet": ref("Snippet"),
                }
            ),
        ]
    },
    "SearchPage": obj(
        {"kind": const("search"), "query": STR, "results": array(ref("SearchResult")), "fuzzy": BOOL}
    ),
    "SearchError": obj(
        {"kind": const("search"), "query": STR, "error": STR, "results": {"type": "array", "maxItems": 0}}
    ),
    "BrowsePage": obj(
        {
            "kind": const("browse"),
            "filters": obj(
                {"genre": nullable(STR), "year": nullable(INT), "director": nullable(STR), "sort": STR}
            ),
            "total": INT,
            "page": INT,
            "pages": INT,
            "per_page": INT,
            "films": array(
                obj(
                    {
                        **FILM_SUMMARY,
                        "directors": array(ref("PersonRef")),
                        "genre": nullable(STR),
                        "imdb_rating": nullable(NUM),
                        "has_guide": BOOL,
                    }
                )
            ),
            "prev": nullable(STR),
            "next": nullable(STR),
            "genres": array(STR),
            "sorts": array(obj({"value": STR, "label": STR})),
        }
    ),
    "BrowseError": obj({"kind": const("browse"), "error": STR}),
    "HomePage": obj(
        {
            "kind": const("home"),
            "newest": array(
                obj(
                    {
                        **FILM_SUMMARY,
                        "directors": array(ref("PersonRef")),
                        "genres": array(STR),
                        "teaser": nullable(STR),
                    }
                )
            ),
            "trending": array(obj({**FILM_SUMMARY, "views": INT})),
            "most_shared": array(obj({**FILM_SUMMARY, "shares": INT})),
            "window_days": INT,
        }
    ),
    "Trending": array(obj({"slug": STR, "title": STR, "views": INT})),
    "MostShared": array(obj({"slug": STR, "title": STR, "shares": INT})),
    "NotFound": obj(
        {
            "kind": const("not_found"),
            "error": STR,
            "path": STR,
            "suggestions": array(obj({"slug": STR, "title": STR, "url": STR})),
        }
    ),
    "ShareRequest": obj({"channel": {"type": "string", "minLength": 1}}),
    "Shared": obj({"slug": STR, "channel": STR, "recorded": BOOL}),
    "Saved": obj(
        {
            "slug": STR,
            "url": STR,
            "api_url": STR,
            "created": BOOL,
            "changed": BOOL,
            "version": INT,
            "warnings": array(STR),
        }
    ),
    "GuideListItem": obj({"slug": STR, "title": STR, "year": nullable(INT), "url": STR, "api_url": STR}),
    "ValidationError": obj({"error": STR}, {"details": array(obj({"loc": STR, "message": STR}))}),
    "Conflict": obj({"error": STR, "slug": STR}),
    "Refused": obj({"error": STR, "slug": STR, "lost": STR}),
    "Revision": obj(
        {
            "revision": INT,
            "created_at": STR,
            "source": nullable(STR),
            "summary": STR,
            "content_hash": STR,
            "current": BOOL,
        }
    ),
}


def model_schemas() -> dict[str, Schema]:
    """The models' own JSON Schemas (Guide and its parts, fact checks, themes, content notes),
    their references pointing into ``components/schemas``."""
    _, top = models_json_schema(
        [(model, "validation") for model in (Guide, FactCheck, Theme, ContentNote)],
        ref_template="#/components/schemas/{model}",
    )
    defs: dict[str, Schema] = top["$defs"]
    return defs


# --- operations ----------------------------------------------------------------------------------


def json_content(schema: Schema) -> Schema:
    return {"application/json": {"schema": schema}}


def response(description: str, schema: Schema | None = None, **headers: Schema) -> Schema:
    found: Schema = {"description": description}
    if schema is not None:
        found["content"] = json_content(schema)
    if headers:
        found["headers"] = {name: {"required": True, "schema": value} for name, value in headers.items()}
    return found


NOT_FOUND = response("No such page (with the closest titles).", ref("NotFound"))
TOO_MANY = response(
    "Too many shares from this client: try again after `Retry-After` seconds.",
    ref("Error"),
    **{"Retry-After": STR},
)
#: A write refused because the address failed authentication too often this minute.
AUTH_THROTTLED = response(
    "Too many failed authentications from this address: try again after `Retry-After` seconds.",
    ref("Error"),
    **{"Retry-After": STR},
)
#: The database cannot be written for now (locked, read-only, full): nothing was written.
UNAVAILABLE = response(
    "The database cannot be written just now: try again after `Retry-After` seconds.",
    ref("Error"),
    **{"Retry-After": STR},
)


def slug_param(name: str = "slug", example: str = "leaving-las-vegas", **more: str) -> Schema:
    examples = {"first": {"value": example}, **{key: {"value": value} for key, value in more.items()}}
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_SLUG},
        "examples": examples,
    }


def query_param(name: str, description: str, schema: Schema | None = None) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or STR,
    }


def write_body() -> Schema:
    content: Schema = json_content(ref("Guide"))
    for media in ARTICLE_TYPES:
        content[media] = {"schema": {"type": "string", "minLength": 1}}
    return {
        "required": True,
        "description": (
            "A guide as JSON (the schema of `docs/guide.schema.json`), or an article: plain text, "
            "WordPress HTML or our Markdown, told apart by `Content-Type`. "
            f"At most {DEFAULT_MAX_BODY} bytes unless the server says otherwise."
        ),
        "content": content,
    }


def write_responses(*, put: bool) -> dict[str, Schema]:
    saved = ref("Saved")
    found: dict[str, Schema] = {
        "200": response(
            "The guide was updated (or was already so: `changed` is false).", saved, Location=STR
        ),
        "201": response("The guide was created.", saved, Location=STR),
        "400": response("The body is not JSON.", ref("Error")),
        "401": response(
            "No token, a malformed header, or a token unknown or revoked.",
            ref("Error"),
            **{"WWW-Authenticate": STR},
        ),
        "413": response("The body is larger than the server's limit.", ref("Error")),
        "415": response(f"The Content-Type is none of: {ACCEPTED}.", ref("Error")),
        "422": response(
            "The article cannot be read (the reader's one-line message), or the JSON is not a guide.",
            ref("ValidationError"),
        ),
        "429": AUTH_THROTTLED,
        "503": UNAVAILABLE,
    }
    found["409"] = response(
        "Refused: the write would lose much of the guide (`lost` says what: a section emptied, a "
        "list or the text more than halved); nothing was written. Send it again with `?force=true` "
        "or `If-Match` with the guide's current `ETag`."
        + (" Or the guide's title links it to another film (named in `slug`)." if put else ""),
        {"oneOf": [ref("Refused"), ref("Conflict")]} if put else ref("Refused"),
    )
    found["412"] = response(
        "`If-Match` names a version of the guide that is not the current one (the current `ETag` "
        "is sent when there is a guide).",
        ref("Error"),
    )
    return found


WRITE_PARAMS = [
    query_param(
        "force",
        "`true`: replace the guide even where much would be lost.",
        {"enum": ["true", "false", "1", "0"]},
    ),
    {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "description": "The `ETag` of the guide this write replaces (`*`: any): stale gets 412; "
        "current lets a write through that would lose much.",
        "schema": STR,
    },
]


AUTH: list[dict[str, list[str]]] = [{"bearerAuth": []}]
REVISION_PARAM: Schema = {
    "name": "n",
    "in": "path",
    "required": True,
    "description": "The version's number (see the revisions list).",
    "schema": {"type": "integer", "minimum": 1},
}


def paths() -> dict[str, Schema]:
    title_param = query_param("title", "The film's title, when an article's first sentence does not give it.")
    return {
        "/api/guides": {
            "get": {
                "summary": "Every guide",
                "operationId": "listGuides",
                "tags": ["api"],
                "responses": {"200": response("The guides, by title.", array(ref("GuideListItem")))},
            },
            "post": {
                "summary": "Create or update a guide",
                "description": "The film is found as `filmguide import` finds it (title, year, directors).",
                "operationId": "postGuide",
                "tags": ["api"],
                "security": AUTH,
                "parameters": [title_param, *WRITE_PARAMS],
                "requestBody": write_body(),
                "responses": write_responses(put=False),
            },
        },
        "/api/guides/{slug}": {
            "parameters": [slug_param()],
            "get": {
                "summary": "One guide",
                "operationId": "getGuide",
                "tags": ["api"],
                "responses": {
                    "200": response("The guide, with its `ETag` (for `If-Match`).", ref("Guide"), ETag=STR),
                    "404": response("No guide has this slug.", ref("Error")),
                },
            },
            "put": {
                "summary": "Create or replace the guide at this slug",
                "operationId": "putGuide",
                "tags": ["api"],
                "security": AUTH,
                "parameters": [title_param, *WRITE_PARAMS],
                "requestBody": write_body(),
                "responses": write_responses(put=True),
            },
            "delete": {
                "summary": "Delete a guide",
                "operationId": "deleteGuide",
                "tags": ["api"],
                "security": AUTH,
                "responses": {
                    "204": {"description": "Moved to the trash (its revisions restore it)."},
                    "401": response("No valid token.", ref("Error"), **{"WWW-Authenticate": STR}),
                    "404": response("No guide has this slug.", ref("Error")),
                    "429": AUTH_THROTTLED,
                    "503": UNAVAILABLE,
                },
            },
        },
        "/api/guides/{slug}/revisions": {
            "parameters": [slug_param()],
            "get": {
                "summary": "A guide's versions, newest first",
                "operationId": "listRevisions",
                "tags": ["api"],
                "responses": {
                    "200": response(
                        "Every version kept, the current one first (`current`); a trashed guide has "
                        "kept versions only.",
                        array({**ref("Revision"), "required": ["revision", "api_url"]}),
                    ),
                    "404": response("No guide or history has this slug.", ref("Error")),
                },
            },
        },
        "/api/guides/{slug}/revisions/{n}": {
            "parameters": [slug_param(), REVISION_PARAM],
            "get": {
                "summary": "One version of a guide",
                "operationId": "getRevision",
                "tags": ["api"],
                "responses": {
                    "200": response(
                        "The version's record, and the guide as it was (`guide`).",
                        {"allOf": [ref("Revision"), obj({"guide": ref("Guide")})]},
                    ),
                    "404": response("No such version.", ref("Error")),
                },
            },
        },
        "/api/guides/{slug}/revisions/{n}/restore": {
            "parameters": [slug_param(), REVISION_PARAM],
            "post": {
                "summary": "Make a version current again (as a new version)",
                "description": "A guide in the trash comes back whole.",
                "operationId": "restoreRevision",
                "tags": ["api"],
                "security": AUTH,
                "responses": {
                    "200": response(
                        "Restored (or already current: `changed` is false).", ref("Saved"), Location=STR
                    ),
                    "201": response("A trashed guide restored.", ref("Saved"), Location=STR),
                    "401": response("No valid token.", ref("Error"), **{"WWW-Authenticate": STR}),
                    "404": response("No such version.", ref("Error")),
                    "409": response("The version's title now links to another film.", ref("Conflict")),
                },
            },
        },
        "/api/openapi.json": {
            "get": {
                "summary": "This description",
                "operationId": "openapi",
                "tags": ["api"],
                "responses": {
                    "200": response("OpenAPI 3.1.", {"type": "object", "required": ["openapi", "paths"]})
                },
            }
        },
        "/index.json": {
            "get": {
                "summary": "The home page's data",
                "operationId": "home",
                "tags": ["pages"],
                "responses": {"200": response("Newest guides, trending, most shared.", ref("HomePage"))},
            }
        },
        "/films.json": {
            "get": {
                "summary": "Browse the catalog",
                "operationId": "browse",
                "tags": ["pages"],
                "parameters": [
                    query_param("genre", "One of the catalog's genres (`genres` in the answer)."),
                    query_param(
                        "year",
                        "A year; empty (a blank form field) means any.",
                        {"anyOf": [{"type": "integer", "minimum": 1870, "maximum": 2100}, {"const": ""}]},
                    ),
                    query_param(
                        "director", "A director's name or person slug.", {"type": "string", "maxLength": 200}
                    ),
                    query_param(
                        "sort", "The order; empty means by title.", {"type": "string", "enum": [*SORTS, ""]}
                    ),
                    query_param(
                        "page",
                        "From 1; past the last page is 400; empty means 1.",
                        {"anyOf": [{"type": "integer", "minimum": 1}, {"const": ""}]},
                    ),
                ],
                "responses": {
                    "200": response("A page of films.", ref("BrowsePage")),
                    "400": response("A parameter that cannot be used.", ref("BrowseError")),
                },
            }
        },
        "/films/{slug}.json": {
            "parameters": [slug_param(example="leaving-las-vegas", catalog="fear-and-loathing-in-las-vegas")],
            "get": {
                "summary": "A film: its guide, or the catalog's page of it",
                "operationId": "film",
                "tags": ["pages"],
                "parameters": [query_param("spoilers", "`0`, `false` or `no` leaves every spoiler out.")],
                "responses": {
                    "200": response(
                        "The film page's data.", {"oneOf": [ref("FilmPage"), ref("CatalogFilmPage")]}
                    ),
                    "404": NOT_FOUND,
                },
            },
        },
        "/films/{slug}/share": {
            "parameters": [slug_param()],
            "post": {
                "summary": "Record a share",
                "operationId": "share",
                "tags": ["pages"],
                "requestBody": {"required": True, "content": json_content(ref("ShareRequest"))},
                "responses": {
                    "200": response(
                        "Received, not counted: this reader's share of the film today is counted "
                        "already, the address has reached its daily cap, or the sender is a crawler.",
                        ref("Shared"),
                    ),
                    "201": response("Counted (`recorded` is true).", ref("Shared")),
                    "400": response("No channel.", ref("Error")),
                    "404": {
                        "description": "No such film.",
                        "content": {
                            "application/json": {"schema": ref("NotFound")},
                            "text/html": {"schema": STR},
                        },
                    },
                    "413": response("The body is larger than the server's limit.", ref("Error")),
                    "429": TOO_MANY,
                },
            },
        },
        "/films/{slug}/view": {
            "parameters": [slug_param()],
            "post": {
                "summary": "Count a view (the page's beacon)",
                "description": (
                    "Sent by the film page's script with navigator.sendBeacon; the page's GET counts "
                    "nothing. Counted once per reader per film per UTC day, at most the address's "
                    "daily cap, never for a crawler (docs/web.md, Counting)."
                ),
                "operationId": "view",
                "tags": ["pages"],
                "responses": {
                    "204": {"description": "Received (counted or not: the answer does not say)."},
                    "403": {"description": "Sent from a page of a site not on the beacon allow-list."},
                    "404": {
                        "description": "No such film.",
                        "content": {
                            "application/json": {"schema": ref("NotFound")},
                            "text/html": {"schema": STR},
                        },
                    },
                },
            },
        },
        "/people/{slug}.json": {
            "parameters": [slug_param(example="nicolas-cage")],
            "get": {
                "summary": "A person's films and roles",
                "operationId": "person",
                "tags": ["pages"],
                "responses": {
                    "200": response("The person page's data.", ref("PersonPage")),
                    "404": NOT_FOUND,
                },
            },
        },
        "/search.json": {
            "get": {
                "summary": "Search films and people",
                "operationId": "search",
                "tags": ["pages"],
                "parameters": [query_param("q", "Any text; over 3,000 characters is 400.")],
                "responses": {
                    "200": response("Ranked results with snippets.", ref("SearchPage")),
                    "400": response("A query that cannot be used (too long).", ref("SearchError")),
                    "503": response(
                        "The search took longer than its budget and was stopped.",
                        ref("SearchError"),
                        **{"Retry-After": STR},
                    ),
                },
            }
        },
        "/trending.json": {
            "get": {
                "summary": "Most viewed films, last 7 days",
                "operationId": "trending",
                "tags": ["pages"],
                "responses": {"200": response("Highest first.", ref("Trending"))},
            }
        },
        "/most-shared.json": {
            "get": {
                "summary": "Most shared films, last 7 days",
                "operationId": "mostShared",
                "tags": ["pages"],
                "responses": {"200": response("Highest first.", ref("MostShared"))},
            }
        },
    }


def openapi() -> Schema:
    """The whole description, as a dict."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "filmguide",
            "version": __version__,
            "description": (
                "Film guides over HTTP: the public JSON twins of the site's pages, and the write API "
                "(`/api/guides`) for holders of a token (`filmguide token create`). See docs/api.md."
            ),
        },
        "paths": paths(),
        "components": {
            "schemas": {**model_schemas(), **PAGE_SCHEMAS},
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `filmguide token create`, stored by the server as a hash.",
                }
            },
        },
    }


@functools.cache
def openapi_bytes() -> bytes:
    """The description as served: built once per process."""
    return orjson.dumps(openapi())


async def serve(request: Request) -> Response:
    """``GET /api/openapi.json``."""
    return Response(openapi_bytes(), media_type="application/json")
