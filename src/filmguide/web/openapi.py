"""The OpenAPI 3.1 description served at ``/api/openapi.json``: the write API and the public JSON
endpoints (film, person, search, browse, home, trending, most shared, share), with response
schemas precise enough to check real responses against (``tests/web/test_openapi.py`` runs
schemathesis over it).

Every schema is a model's own JSON Schema: the guide's (:func:`filmguide.model.guide_json_schema`,
the same as ``docs/guide.schema.json``), fact checks, themes and content notes, the pages'
(:mod:`filmguide.web.page_models`, the very models the twins are dumps of) and the API's answers
(:mod:`filmguide.web.api_models`). Objects list the keys they always have as ``required`` and
stay open to new keys: twins gain keys, they never lose one. This module writes the paths.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel
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
from filmguide.web.api_models import API_MODELS
from filmguide.web.page_models import PAGE_MODELS
from filmguide.web.pages import SORTS
from filmguide.web.render import json_bytes

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
EMPTY: Schema = {"const": ""}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def schemas() -> dict[str, Schema]:
    """``components/schemas``: every model's JSON Schema, references pointing into it."""
    models: tuple[type[BaseModel], ...] = (Guide, FactCheck, Theme, ContentNote, *PAGE_MODELS, *API_MODELS)
    _, top = models_json_schema([(m, "validation") for m in models], ref_template=ref("{model}")["$ref"])
    return dict(top["$defs"])


def json_content(schema: Schema) -> Schema:
    return {"application/json": {"schema": schema}}


def response(description: str, schema: Schema | str | None = None, **headers: Schema) -> Schema:
    """A response: its description, its JSON body (a schema, or a component's name), its headers."""
    found: Schema = {"description": description}
    if schema is not None:
        found["content"] = json_content(ref(schema) if isinstance(schema, str) else schema)
    if headers:
        found["headers"] = {name: {"required": True, "schema": value} for name, value in headers.items()}
    return found


def op(summary: str, op_id: str, responses: dict[str, Schema], tag: str = "pages", **more: Any) -> Schema:
    """An operation; ``more``: its description, parameters, request body, security."""
    return {"summary": summary, "operationId": op_id, "tags": [tag], **more, "responses": responses}


# The responses and paths are tables, one response a line: formatted one argument a line, they
# would take three times the lines.
# fmt: off
RETRY: Schema = {"Retry-After": STR}
NOT_FOUND = response("No such page (with the closest titles).", "NotFound")
NO_FILM = {"description": "No such film.",
           "content": {"application/json": {"schema": ref("NotFound")}, "text/html": {"schema": STR}}}
TOO_MANY = response("Too many shares from this client: try again after `Retry-After` seconds.", "Error",
                    **RETRY)
#: A write refused because the address failed authentication too often this minute.
AUTH_THROTTLED = response("Too many failed authentications from this address: try again after `Retry-After` "
                          "seconds.", "Error", **RETRY)
#: The database cannot be written for now (locked, read-only, full): nothing was written.
UNAVAILABLE = response("The database cannot be written just now: try again after `Retry-After` seconds.",
                       "Error", **RETRY)
UNAUTHORIZED = response("No valid token.", "Error", **{"WWW-Authenticate": STR})
TOO_LARGE = response("The body is larger than the server's limit.", "Error")


def slug_param(name: str = "slug", example: str = "leaving-las-vegas", **more: str) -> Schema:
    examples = {"first": {"value": example}, **{key: {"value": value} for key, value in more.items()}}
    schema = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_SLUG}
    return {"name": name, "in": "path", "required": True, "schema": schema, "examples": examples}


def query_param(name: str, description: str, schema: Schema | None = None) -> Schema:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or STR}


def write_body() -> Schema:
    content: Schema = json_content(ref("Guide"))
    for media in ARTICLE_TYPES:
        content[media] = {"schema": {"type": "string", "minLength": 1}}
    return {"required": True, "content": content, "description": (
        "A guide as JSON (the schema of `docs/guide.schema.json`), or an article: plain text, WordPress "
        "HTML or our Markdown, told apart by `Content-Type`. "
        f"At most {DEFAULT_MAX_BODY} bytes unless the server says otherwise.")}


def write_responses(*, put: bool) -> dict[str, Schema]:
    conflict = " Or the guide's title links it to another film (named in `slug`)." if put else ""
    return {
        "200": response("The guide was updated (or was already so: `changed` is false).", "Saved",
                        Location=STR),
        "201": response("The guide was created.", "Saved", Location=STR),
        "400": response("The body is not JSON.", "Error"),
        "401": response("No token, a malformed header, or a token unknown or revoked.", "Error",
                        **{"WWW-Authenticate": STR}),
        "413": TOO_LARGE,
        "415": response(f"The Content-Type is none of: {ACCEPTED}.", "Error"),
        "422": response("The article cannot be read (the reader's one-line message), or the JSON is not a "
                        "guide.", "ValidationError"),
        "429": AUTH_THROTTLED,
        "503": UNAVAILABLE,
        "409": response("Refused: the write would lose much of the guide (`lost` says what: a section "
                        "emptied, a list or the text more than halved); nothing was written. Send it again "
                        "with `?force=true` or `If-Match` with the guide's current `ETag`." + conflict,
                        {"oneOf": [ref("Refused"), ref("Conflict")]} if put else "Refused"),
        "412": response("`If-Match` names a version of the guide that is not the current one (the current "
                        "`ETag` is sent when there is a guide).", "Error"),
    }


WRITE_PARAMS = [
    query_param("force", "`true`: replace the guide even where much would be lost.",
                {"enum": ["true", "false", "1", "0"]}),
    {"name": "If-Match", "in": "header", "required": False, "schema": STR,
     "description": "The `ETag` of the guide this write replaces (`*`: any): stale gets 412; current lets a "
     "write through that would lose much."},
]
AUTH: list[dict[str, list[str]]] = [{"bearerAuth": []}]
REVISION_PARAM: Schema = {"name": "n", "in": "path", "required": True,
                          "schema": {"type": "integer", "minimum": 1},
                          "description": "The version's number (see the revisions list)."}


def api_paths() -> dict[str, Schema]:
    """The token API: guides, their versions, and this description."""
    title = query_param("title", "The film's title, when an article's first sentence does not give it.")
    write = {"security": AUTH, "parameters": [title, *WRITE_PARAMS], "requestBody": write_body()}
    one, version = [slug_param()], [slug_param(), REVISION_PARAM]
    revisions = array({**ref("Revision"), "required": ["revision", "api_url"]})
    return {
        "/api/guides": {
            "get": op("Every guide", "listGuides", {
                "200": response("The guides, by title.", array(ref("GuideListItem")))}, "api"),
            "post": op("Create or update a guide", "postGuide", write_responses(put=False), "api", **write,
                       description="The film is found as `filmguide import` finds it (title, year, "
                       "directors)."),
        },
        "/api/guides/{slug}": {
            "parameters": one,
            "get": op("One guide", "getGuide", {
                "200": response("The guide, with its `ETag` (for `If-Match`).", "Guide", ETag=STR),
                "404": response("No guide has this slug.", "Error")}, "api"),
            "put": op("Create or replace the guide at this slug", "putGuide", write_responses(put=True),
                      "api", **write),
            "delete": op("Delete a guide", "deleteGuide", {
                "204": {"description": "Moved to the trash (its revisions restore it)."},
                "401": UNAUTHORIZED,
                "404": response("No guide has this slug.", "Error"),
                "429": AUTH_THROTTLED,
                "503": UNAVAILABLE}, "api", security=AUTH),
        },
        "/api/guides/{slug}/revisions": {
            "parameters": one,
            "get": op("A guide's versions, newest first", "listRevisions", {
                "200": response("Every version kept, the current one first (`current`); a trashed guide "
                                "has kept versions only.", revisions),
                "404": response("No guide or history has this slug.", "Error")}, "api"),
        },
        "/api/guides/{slug}/revisions/{n}": {
            "parameters": version,
            "get": op("One version of a guide", "getRevision", {
                "200": response("The version's record, and the guide as it was (`guide`).", "RevisionGuide"),
                "404": response("No such version.", "Error")}, "api"),
        },
        "/api/guides/{slug}/revisions/{n}/restore": {
            "parameters": version,
            "post": op("Make a version current again (as a new version)", "restoreRevision", {
                "200": response("Restored (or already current: `changed` is false).", "Saved", Location=STR),
                "201": response("A trashed guide restored.", "Saved", Location=STR),
                "401": UNAUTHORIZED,
                "404": response("No such version.", "Error"),
                "409": response("The version's title now links to another film.", "Conflict")},
                "api", description="A guide in the trash comes back whole.", security=AUTH),
        },
        "/api/openapi.json": {
            "get": op("This description", "openapi", {"200": response("OpenAPI 3.1.", {
                "type": "object", "required": ["openapi", "paths"]})}, "api"),
        },
    }


def page_paths() -> dict[str, Schema]:
    """The JSON twins of the site's pages, and the share and view counters."""
    year = {"anyOf": [{"type": "integer", "minimum": 1870, "maximum": 2100}, EMPTY]}
    browse = [
        query_param("genre", "One of the catalog's genres (`genres` in the answer)."),
        query_param("year", "A year; empty (a blank form field) means any.", year),
        query_param("director", "A director's name or person slug.", {"type": "string", "maxLength": 200}),
        query_param("sort", "The order; empty means by title.", {"type": "string", "enum": [*SORTS, ""]}),
        query_param("page", "From 1; past the last page is 400; empty means 1.",
                    {"anyOf": [{"type": "integer", "minimum": 1}, EMPTY]}),
    ]
    films = [slug_param(example="leaving-las-vegas", catalog="fear-and-loathing-in-las-vegas")]
    film = {"oneOf": [ref("FilmPage"), ref("CatalogFilmPage")]}
    spoilers = query_param("spoilers", "`0`, `false` or `no` leaves every spoiler out.")
    return {
        "/index.json": {"get": op("The home page's data", "home", {
            "200": response("Newest guides, trending, most shared.", "HomePage")})},
        "/films.json": {"get": op("Browse the catalog", "browse", {
            "200": response("A page of films.", "BrowsePage"),
            "400": response("A parameter that cannot be used.", "BrowseError")}, parameters=browse)},
        "/films/{slug}.json": {"parameters": films, "get": op(
            "A film: its guide, or the catalog's page of it", "film", {
                "200": response("The film page's data.", film),
                "404": NOT_FOUND}, parameters=[spoilers])},
        "/films/{slug}/share": {"parameters": [slug_param()], "post": op("Record a share", "share", {
            "200": response("Received, not counted: this reader's share of the film today is counted "
                            "already, the address has reached its daily cap, or the sender is a crawler.",
                            "Shared"),
            "201": response("Counted (`recorded` is true).", "Shared"),
            "400": response("No channel.", "Error"),
            "404": NO_FILM,
            "413": TOO_LARGE,
            "429": TOO_MANY}, requestBody={"required": True, "content": json_content(ref("ShareRequest"))})},
        "/films/{slug}/view": {"parameters": [slug_param()], "post": op(
            "Count a view (the page's beacon)", "view", {
                "204": {"description": "Received (counted or not: the answer does not say)."},
                "403": {"description": "Sent from a page of a site not on the beacon allow-list."},
                "404": NO_FILM},
            description="Sent by the film page's script with navigator.sendBeacon; the page's GET counts "
            "nothing. Counted once per reader per film per UTC day, at most the address's daily cap, "
            "never for a crawler (docs/web.md, Counting).")},
        "/people/{slug}.json": {"parameters": [slug_param(example="nicolas-cage")], "get": op(
            "A person's films and roles", "person", {
                "200": response("The person page's data.", "PersonPage"), "404": NOT_FOUND})},
        "/search.json": {"get": op("Search films and people", "search", {
            "200": response("Ranked results with snippets.", "SearchPage"),
            "400": response("A query that cannot be used (too long).", "SearchError"),
            "503": response("The search took longer than its budget and was stopped.", "SearchError",
                            **RETRY)},
            parameters=[query_param("q", "Any text; over 3,000 characters is 400.")])},
        "/trending.json": {"get": op("Most viewed films, last 7 days", "trending", {
            "200": response("Highest first.", "Trending")})},
        "/most-shared.json": {"get": op("Most shared films, last 7 days", "mostShared", {
            "200": response("Highest first.", "MostShared")})},
    }
def openapi() -> Schema:
    """The whole description, as a dict."""
    info = {"title": "filmguide", "version": __version__, "description": (
        "Film guides over HTTP: the public JSON twins of the site's pages, and the write API "
        "(`/api/guides`) for holders of a token (`filmguide token create`). See docs/api.md.")}
    bearer = {"type": "http", "scheme": "bearer",
              "description": "A token from `filmguide token create`, stored by the server as a hash."}
    return {"openapi": "3.1.0", "info": info, "paths": {**api_paths(), **page_paths()},
            "components": {"schemas": schemas(), "securitySchemes": {"bearerAuth": bearer}}}
# fmt: on


@functools.cache
def openapi_bytes() -> bytes:
    """The description as served: built once per process."""
    return json_bytes(openapi())


async def serve(request: Request) -> Response:
    """``GET /api/openapi.json``."""
    return Response(openapi_bytes(), media_type="application/json")
