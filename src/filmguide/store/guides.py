"""Guides: saving a guide (film, document, people, credits, references) and reading it back.

Each function works inside the caller's transaction; :class:`~filmguide.store.Store` opens one
per call, so a save is written whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

import orjson
from sqlalchemy import Connection, Text, bindparam, delete, exists, func, insert, select, update

from filmguide.analyses import GuideParts
from filmguide.guide_keys import in_current_form
from filmguide.store import analyses as analysis_queries
from filmguide.store import catalog as catalog_queries
from filmguide.store import revisions
from filmguide.store.compiled import CompiledStatement
from filmguide.store.films import (
    insert_film,
    link_refs,
    new_slug,
    replace_refs,
    title_key,
    update_film,
)
from filmguide.store.linking import CatalogTitles, find_film
from filmguide.store.people import PersonIds, replace_credits
from filmguide.store.schema import credits, event_days, events, film_refs, films, guides
from filmguide.store.search.index import index_guide, unindex_film

if TYPE_CHECKING:
    from filmguide.model import Guide


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did: the film's slug, whether the guide is new, whether anything changed."""

    slug: str
    created: bool
    changed: bool
    filled: bool = field(default=False, compare=False)
    """Whether the catalog completed the guide (year, directors): the stored guide differs from
    the one given, so text derived from the given one (search text) must be derived again."""
    kept: bool = field(default=False, compare=False)
    """Whether a guide that did not come from the demo was kept from the demo's (see
    :class:`WritePolicy`); nothing was written."""


@dataclass(frozen=True, slots=True)
class WritePolicy:
    """How a save treats the guide it would replace (docs/operations.md, "Nothing lost")."""

    force: bool = False
    """Replace it even when much would be lost (a section emptied, a list or the text more than
    halved); without it such a save raises :class:`~filmguide.store.revisions.GuideLoss`."""
    demo: bool = False
    """The guide is bundled demo content: it never replaces a guide that did not come from the demo."""
    revisions: bool = True
    """Keep the replaced version as a revision, and guard against losses. Off only for the
    benchmark's reference (bench/bench_revisions.py)."""
    note: str | None = None
    """What made the change, put before its summary (``restored revision 3``)."""
    expect: str | None = None
    """The content hash the guide replaced must have (an API ``If-Match``): else the save raises
    :class:`~filmguide.store.revisions.StaleWrite`. A write that names the version it replaces
    is meant, losses included."""


#: The policy of an ordinary save: revisions kept, losses refused.
DEFAULT_POLICY = WritePolicy()


@dataclass(frozen=True, slots=True)
class GuideSummary:
    """One line of the list of guides."""

    slug: str
    title: str
    year: int | None
    updated_at: datetime


#: How a guide's JSON states that it gives no slug. The slug follows the title, year and directors
#: (no nested object before it), and a quote inside a string is written ``\"``, so the first
#: occurrence is the guide's own.
_NO_SLUG = ',"slug":null,'


def guide_document(guide: Guide, slug: str, written: str | None = None) -> str:
    """The JSON kept for a guide: the guide as given, with the film's slug.

    ``written`` is ``guide.model_dump_json()`` made earlier (by an import's parse worker): used as
    it is, or with the film's slug put in place of the null one, it spares the writer writing the
    guide again, which was a twelfth of its save.
    """
    if written is not None:
        if guide.slug == slug:
            return written
        if guide.slug is None and _NO_SLUG in written:
            return written.replace(_NO_SLUG, f',"slug":{json.dumps(slug)},', 1)
    if guide.slug != slug:
        guide = guide.model_copy(update={"slug": slug})
    return guide.model_dump_json()


def content_hash(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


_update_source = (
    update(guides)
    .where(guides.c.id == bindparam("b_guide_id"))
    .values(source=bindparam("b_source", type_=Text))
)
_update_guide = (
    update(guides)
    .where(guides.c.id == bindparam("b_guide_id"))
    .values(
        version=guides.c.version + 1,
        source=func.coalesce(bindparam("b_source", type_=Text), guides.c.source),
    )
)
_GUIDE_COLUMNS = (
    "film_id",
    "document",
    "version",
    "source",
    "content_hash",
    "created_at",
    "updated_at",
    "change",
)
_insert_guide_row = CompiledStatement(
    insert(guides).values({c: bindparam(c) for c in _GUIDE_COLUMNS}).returning(guides.c.id)
)


def save_guide(
    conn: Connection,
    guide: Guide,
    *,
    source: str | None,
    people: PersonIds,
    now: datetime,
    catalog: CatalogTitles | None = None,
    index: bool = True,
    written: str | None = None,
    policy: WritePolicy = DEFAULT_POLICY,
    parts: GuideParts | None = None,
) -> SaveResult:
    """Create or update the guide's film, guide, people, credits and references.

    The film is found by :func:`filmguide.store.linking.find_film` (the catalog's film, by title,
    year and director, fuzzy when needed). Its year and directors complete a guide whose article
    did not state them, and the stored document carries them.

    ``index=False`` (bulk imports) leaves the film out of the search index instead of indexing
    it: :func:`filmguide.store.search.index.index_pending` adds it later, many in one transaction.
    ``written``: the guide's JSON as given (see :func:`guide_document`).
    ``parts``: the guide's spoilers, themes and content notes made ahead from ``written`` (an
    import's parse worker); used only when they fit it (:meth:`GuideParts.fits`), else made here;
    they still fit when the catalog completes the guide's year or directors.
    ``policy``: how the guide it replaces is treated (kept as a revision, guarded, see
    :class:`WritePolicy`); a refused save raises :class:`~filmguide.store.revisions.GuideLoss`.
    """
    film = find_film(conn, guide.title, guide.year, guide.directors, guide.slug, catalog)
    # Before the catalog completes the guide: the parts read neither its year nor its directors
    # (see GuideParts), so those made from the guide as given fit the completed one too.
    parts = _fitting(parts, written)
    if policy.expect is not None and (film is None or film.content_hash != policy.expect):
        raise revisions.StaleWrite(
            film.slug if film else guide.slug or guide.title, film.content_hash if film else None
        )
    if film is not None:
        filled: dict[str, object] = {}
        if guide.year is None and film.year is not None:
            filled["year"] = film.year
        if film.in_catalog and not guide.directors:
            known = json.loads(film.directors or "[]")
            if isinstance(known, list) and known:
                filled["directors"] = [str(name) for name in known]
        if filled:
            guide = guide.model_copy(update=filled)
            written = None  # no longer the guide's JSON
    was_filled = film is not None and bool(filled)
    key = title_key(guide.title)
    directors = json.dumps(guide.directors, ensure_ascii=False)

    if film is None:
        slug = new_slug(conn, guide.title, guide.year, guide.slug)
        document = guide_document(guide, slug, written)
        film_id = insert_film(conn, slug=slug, guide=guide, key=key, directors=directors, now=now)
        version = revisions.next_version(conn, slug) if policy.revisions else 1
        guide_id = _insert_guide(conn, film_id, document, source, now, version, policy.note)
        replace_credits(conn, film_id, guide, people, fresh=True)
        replace_refs(conn, film_id, guide, fresh=True)
        link_refs(conn, slug=slug, key=key, year=guide.year)
        _index(conn, film_id, guide, index, fresh=True)
        analysis_queries.write(
            conn, guide_id, guide, content_hash(document), slug=slug, in_catalog=False, parts=parts
        )
        return SaveResult(slug, created=True, changed=True, filled=was_filled)

    slug = film.slug
    document = guide_document(guide, slug, written)
    digest = content_hash(document)
    if film.guide_id is not None and digest == film.content_hash:
        if source is not None and source != film.source:
            conn.execute(_update_source, {"b_guide_id": film.guide_id, "b_source": source})
        return SaveResult(slug, created=False, changed=False)
    if film.guide_id is not None and policy.demo and not from_demo(film.source):
        return SaveResult(slug, created=False, changed=False, kept=True)
    change = policy.note
    if film.guide_id is not None and policy.revisions:
        change = _keep_previous(conn, film.guide_id, slug, document, policy)

    update_film(conn, film, guide=guide, key=key, directors=directors, now=now)
    if film.guide_id is None:
        version = revisions.next_version(conn, slug) if policy.revisions else 1
        guide_id = _insert_guide(conn, film.id, document, source, now, version, change)
    else:
        guide_id = film.guide_id
        conn.execute(
            _update_guide,
            {
                "b_guide_id": film.guide_id,
                "document": document,
                "content_hash": digest,
                "updated_at": now,
                "b_source": source,
                "change": change,
            },
        )
    replace_credits(conn, film.id, guide, people, fresh=False)
    replace_refs(conn, film.id, guide, fresh=False)
    _index(conn, film.id, guide, index)
    # After update_film: the catalog film the fact checks read has the guide's year and directors.
    analysis_queries.write(conn, guide_id, guide, digest, slug=slug, in_catalog=film.in_catalog, parts=parts)
    return SaveResult(slug, created=film.guide_id is None, changed=True, filled=was_filled)


def _fitting(parts: GuideParts | None, written: str | None) -> GuideParts | None:
    """``parts`` when they were made from ``written``, the JSON of the guide as it was given, by
    the current rules; else ``None`` (made again)."""
    if parts is None or written is None or not parts.fits(written):
        return None
    return parts


def _index(conn: Connection, film_id: int, guide: Guide, index: bool, *, fresh: bool = False) -> None:
    """Index the guide now, or leave it to :func:`~filmguide.store.search.index.index_pending`: a new
    film has no entry to take out, an existing one loses its stale entry meanwhile."""
    if index:
        index_guide(conn, film_id, guide)
    else:
        # keep: a new film has no entry to take out. The change counter moves when the film is
        # indexed again (index_pending), once for the whole bulk import.
        unindex_film(conn, film_id, keep=fresh, changed=False)


_select_document_by_id = CompiledStatement(
    select(guides.c.document).where(guides.c.id == bindparam("guide_id"))
)


def _keep_previous(conn: Connection, guide_id: int, slug: str, document: str, policy: WritePolicy) -> str:
    """Compare the stored guide with the new document, refuse the change if it loses much (unless
    forced), keep the stored version as a revision; returns the change's one-line summary.

    Only a guide that actually changes comes here: a first save or an unchanged one costs nothing
    (nor does the import of the comparison, and the guide model it loads, for a store that reads).
    """
    from filmguide import changes

    old = _select_document_by_id.execute(conn, {"guide_id": guide_id})[0][0]
    change = changes.compare(changes.load(old), changes.load(document))
    if change.loses_much and not policy.force and policy.expect is None:
        raise revisions.GuideLoss(slug, change.loss_line())
    revisions.archive(conn, guide_id, slug)
    return change.summary if policy.note is None else f"{policy.note}: {change.summary}"


def from_demo(source: str | None) -> bool:
    """Whether a guide's source is a file of the bundled demo (``…/filmguide/demo/NAME``)."""
    if source is None:
        return False
    folder = PurePath(source).parent
    return folder.name == "demo" and folder.parent.name == "filmguide"


def _insert_guide(
    conn: Connection,
    film_id: int,
    document: str,
    source: str | None,
    now: datetime,
    version: int = 1,
    change: str | None = None,
) -> int:
    """Insert the guide's row; returns its id."""
    rows = _insert_guide_row.execute(
        conn,
        {
            "film_id": film_id,
            "document": document,
            "version": version,
            "source": source,
            "content_hash": content_hash(document),
            "created_at": now,
            "updated_at": now,
            "change": change,
        },
    )
    return int(rows[0][0])


_select_document = select(guides.c.document).join_from(guides, films).where(films.c.slug == bindparam("slug"))


def get_guide(conn: Connection, slug: str) -> Guide | None:
    """The stored guide of the film with this slug (its ``slug`` set), or ``None``."""
    document = conn.scalar(_select_document, {"slug": slug})
    return None if document is None else _guide_of(document, slug)


def _guide_of(document: str, slug: str) -> Guide:
    from filmguide.model import Guide

    guide = Guide.model_validate_json(document)
    if guide.slug != slug:
        guide.slug = slug
    return guide


def guide_json(conn: Connection, slug: str) -> dict[str, Any] | None:
    """:func:`get_guide`'s ``to_json_dict()``, or ``None``, most often without building the guide.

    A document in the current model's form (:func:`~filmguide.guide_keys.in_current_form`) is
    that JSON already, but for the slug: it is read as it is, sparing a command the import of
    pydantic and the guide's validator. Any other (one written before a field was added, or not
    a guide at all) goes through the model, as :func:`get_guide` reads it.
    """
    document = conn.scalar(_select_document, {"slug": slug})
    if document is None:
        return None
    try:
        value = orjson.loads(document)
    except orjson.JSONDecodeError:
        value = None
    if in_current_form(value):
        value["slug"] = slug
        return cast(dict[str, Any], value)
    return _guide_of(document, slug).to_json_dict()


def guide_version(conn: Connection, slug: str) -> int | None:
    """The version of the film's guide: 1 when created, one more on every change."""
    query = select(guides.c.version).join_from(guides, films).where(films.c.slug == slug)
    version: int | None = conn.scalar(query)
    return version


def list_guides(conn: Connection) -> list[GuideSummary]:
    """Every guide, by title (letter case, accents and punctuation ignored), then slug."""
    query = select(films.c.slug, films.c.title, films.c.year, guides.c.updated_at, films.c.title_key)
    rows = list(conn.execute(query.join_from(films, guides)))
    rows.sort(key=lambda row: (row[4], row[1], row[0]))
    return [GuideSummary(slug, title, year, updated) for slug, title, year, updated, _ in rows]


def newest_guides(conn: Connection, limit: int) -> list[GuideSummary]:
    """The guides created most recently (then updated), newest first."""
    query = (
        select(films.c.slug, films.c.title, films.c.year, guides.c.updated_at)
        .join_from(films, guides)
        .order_by(guides.c.created_at.desc(), guides.c.updated_at.desc(), films.c.slug)
        .limit(limit)
    )
    return [GuideSummary(*row) for row in conn.execute(query)]


def delete_guide(
    conn: Connection, slug: str, people: PersonIds, *, source: str | None = None, now: datetime | None = None
) -> bool:
    """Move the film's guide to the trash (its last revision, see :mod:`filmguide.store.revisions`),
    then remove it with its credits and references, and the film unless it has events or is the
    catalog's. ``source``: who deleted it.

    Returns whether there was a guide to remove.
    """
    query = select(films.c.id, guides.c.id).join_from(films, guides).where(films.c.slug == slug)
    row = conn.execute(query).first()
    if row is None:
        return False
    film_id, guide_id = row
    revisions.to_trash(conn, slug, guide_id, source=source, now=now or datetime.now(UTC))
    if catalog_queries.is_catalog_film(conn, film_id):
        # The catalog's film stays, with the catalog's credits and index entry again.
        conn.execute(delete(credits).where(credits.c.film_id == film_id))
        conn.execute(delete(film_refs).where(film_refs.c.film_id == film_id))
        conn.execute(delete(guides).where(guides.c.id == guide_id))
        catalog_queries.restore(conn, film_id, people)
        unindex_film(conn, film_id, keep=True)
        return True
    has_events = conn.scalar(select(exists().where(events.c.film_id == film_id))) or conn.scalar(
        select(exists().where(event_days.c.film_id == film_id))
    )
    if has_events:
        conn.execute(delete(credits).where(credits.c.film_id == film_id))
        conn.execute(delete(film_refs).where(film_refs.c.film_id == film_id))
        conn.execute(delete(guides).where(guides.c.id == guide_id))
        unindex_film(conn, film_id)
    else:
        # ON DELETE CASCADE takes the guide, credits and references; references from other
        # guides that pointed here are set to NULL.
        conn.execute(delete(films).where(films.c.id == film_id))
        unindex_film(conn, film_id)  # the cascade took the row; this moves the index's counter
    return True
