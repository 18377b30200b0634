"""What a guide puts in the search index, and keeping the index in step with the store.

One row of ``search_docs`` per guided film holds its searchable text in three fields
(:func:`guide_text`): the title, the names it credits, and the body (the guide's prose as
:meth:`~filmguide.model.Guide.prose` walks it, then its other words). Each back end indexes that
table with its own full text (migrations 0002, 0005, 0013); the store writes it in the transaction
of every save, delete and catalog load, and moves the change counter (``search_state.version``)
that page caches and the fuzzy matcher's cache key on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select, update

from filmguide.store.compiled import CompiledStatement
from filmguide.store.people import guide_credits
from filmguide.store.schema import films, guides, search_docs, search_state

if TYPE_CHECKING:
    from filmguide.model import Guide

#: Characters of each field indexed and read for a snippet: a guide's text past this is not
#: searched (articles are 5 to 30 KB; this bounds the work a pathological one can ask for).
MAX_FIELD = 64 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(value: str) -> str:
    """Text without control characters (the snippet marks among them) or lone surrogates."""
    return _CONTROL.sub(" ", value)


#: Parts of the guide's JSON already indexed as the title or as names.
_NOT_BODY_TOP = ("title", "year", "slug", "directors")
_NOT_BODY_IN = {"cast": ("actor",), "music": ("composers", "featured_artists"), "awards": ("nominee",)}


def _add_strings(values: Iterable[Any], out: list[str], skip: set[str]) -> None:
    """Every non-blank string among ``values`` and inside them but those in ``skip``, depth first,
    spaces collapsed, appended to ``out``. A plain recursion into one list that handles strings in
    the loop, not in a call each: nested generators, then a call per value, were a tenth of a parse
    worker's time."""
    for value in values:
        kind = type(value)
        if kind is str:
            if value and value not in skip and not value.isspace():
                out.append(" ".join(value.split()))
        elif kind is dict:
            _add_strings(value.values(), out, skip)
        elif kind is list:
            _add_strings(value, out, skip)


def guide_text(guide: Guide, prose: Sequence[str] | None = None) -> tuple[str, str, str]:
    """The guide's (title, names, body) as indexed: names and paragraphs one a line.

    The body is the guide's prose as :meth:`Guide.prose` walks it (the walk the fact checks, the
    themes and the recommendations read), in the order the guide presents it; then its other
    words (characters, places, genres, awards, quotes' speakers, the films it points to), so a
    search for them still finds the film. The title and the credited names have fields of their
    own, which rank higher, and are left out of the body. ``prose``: the texts of
    ``guide.prose()`` where the caller has walked it already (the parse workers walk it once for
    this and the analyses: :func:`filmguide.importer.text_and_parts`)."""
    names = list(dict.fromkeys(c.name.strip() for c in guide_credits(guide) if c.name.strip()))
    if prose is None:
        prose = [paragraph.text for paragraph in guide.prose()]
    lines = [text for paragraph in prose if (text := " ".join(paragraph.split()))]
    _add_strings(_without_title_and_names(guide).values(), lines, set(prose))
    body = "\n".join(lines)
    return clean(guide.title), clean(_cut("\n".join(names))), clean(_cut(body))


def _without_title_and_names(guide: Guide) -> dict[str, Any]:
    """The guide's JSON without what the title and names fields index."""
    data = guide.model_dump(mode="json")
    for key in _NOT_BODY_TOP:
        data.pop(key, None)
    for section, keys in _NOT_BODY_IN.items():
        parts = data.get(section)
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict):
                for key in keys:
                    part.pop(key, None)
    return data


def _cut(value: str, limit: int = MAX_FIELD) -> str:
    """``value`` cut to at most ``limit`` characters, at a word's end when there is one."""
    if len(value) <= limit:
        return value
    end = value.rfind(" ", 0, limit + 1)
    return value[: end if end > limit // 2 else limit]


def index_guide(conn: Connection, film_id: int, guide: Guide) -> None:
    """Put (or put again) the film's guide in the index, inside the caller's transaction."""
    _put(conn, film_id, guide_text(guide))
    bump(conn)


def _put(conn: Connection, film_id: int, entry: tuple[str, str, str]) -> None:
    """The film's entry, (title, names, body), in place of the one it had."""
    title, names, body = entry
    conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    conn.execute(insert(search_docs), {"film_id": film_id, "title": title, "names": names, "body": body})


def reindex_changed(conn: Connection) -> int:
    """Index again every guided film whose entry the rules of :func:`guide_text` now make
    otherwise (an upgrade that changed them: see :func:`filmguide.store.migrate.migrate`);
    returns how many. Entries still as the rules make them are not rewritten."""
    from filmguide.model import Guide

    stored = {
        film_id: (title, names, body)
        for film_id, title, names, body in conn.execute(
            select(search_docs.c.film_id, search_docs.c.title, search_docs.c.names, search_docs.c.body)
        )
    }
    changed = 0
    for film_id, document in conn.execute(select(guides.c.film_id, guides.c.document)).all():
        entry = guide_text(Guide.model_validate_json(document))
        if stored.get(film_id) != entry:
            _put(conn, film_id, entry)
            changed += 1
    if changed:
        bump(conn)
    return changed


#: A guide's text as indexed: (title, names, body).
SearchText = tuple[str, str, str]


def index_pending(
    conn: Connection, *, limit: int | None = None, texts: Mapping[str, SearchText] | None = None
) -> int:
    """Index every guided film missing from the index (left out by a bulk import, even one that
    was killed midway); returns how many were indexed.

    ``texts``: the text of guides by film slug, already derived by :func:`guide_text` (the
    importer's parse workers do it, off the writer's critical path); any other guide is read
    back from its stored document.
    """
    from filmguide.model import Guide

    query = (
        select(guides.c.film_id, films.c.slug, guides.c.document)
        .join(films, films.c.id == guides.c.film_id)
        .where(~select(search_docs.c.film_id).where(search_docs.c.film_id == guides.c.film_id).exists())
        .order_by(guides.c.film_id)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query))
    if not rows:
        return 0
    docs = []
    for film_id, slug, document in rows:
        known = texts.get(slug) if texts is not None else None
        title, names, body = known or guide_text(Guide.model_validate_json(document))
        docs.append({"film_id": film_id, "title": title, "names": names, "body": body})
    conn.execute(insert(search_docs), docs)
    bump(conn)
    return len(rows)


def unindex_film(conn: Connection, film_id: int, *, keep: bool = False, changed: bool = True) -> None:
    """Take the film out of the index (its guide is gone); ``keep``: its entry was just rewritten.

    ``changed=False`` leaves the change counter to whoever indexes the film again: a bulk import
    saves many guides, then indexes them and moves the counter once, so page caches are not
    emptied after every article while the site serves.
    """
    if not keep:
        conn.execute(delete(search_docs).where(search_docs.c.film_id == film_id))
    if changed:
        bump(conn)


#: Set on a connection whose transaction moved the change counter.
CHANGED = "filmguide.changed"


_bump = CompiledStatement(
    update(search_state).where(search_state.c.id == 1).values(version=search_state.c.version + 1)
)


def bump(conn: Connection) -> None:
    """Move the change counter: the search index changed, and with it the data (every write does)."""
    _bump.execute(conn)
    conn.info[CHANGED] = True  # the store counts the commit as a content write (page caches)


def rebuild(conn: Connection) -> int:
    """Index every stored guide again (after a bulk load that bypassed saves); returns how many."""
    from filmguide.model import Guide

    conn.execute(delete(search_docs))
    rows = []
    for film_id, document in conn.execute(select(guides.c.film_id, guides.c.document)):
        title, names, body = guide_text(Guide.model_validate_json(document))
        rows.append({"film_id": film_id, "title": title, "names": names, "body": body})
    if rows:
        conn.execute(insert(search_docs), rows)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO search_people_fts(search_people_fts) VALUES ('rebuild')")
    bump(conn)
    return len(rows)
