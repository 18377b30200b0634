"""Aliases: a guide's old addresses, each answered with a 301 to the film's page.

An imported WordPress post keeps its permalink's path and ``/?p=<id>`` here (docs/wordpress.md).
Paths are stored in the one form :func:`alias_key` gives, and looked up in it.
An alias is only ever added or moved to another film, never dropped by a save: a re-import keeps
every old address working. It goes with its film.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from filmguide.store.compiled import CompiledStatement
from filmguide.store.schema import aliases, films
from filmguide.store.search.index import bump

#: The statements of :func:`add_aliases`, which an export's import runs for every post: compiled
#: once and run by the driver (store/compiled.py), one path at a time (a post has two or three).
_owner_of_path = CompiledStatement(
    select(films.c.slug).join_from(aliases, films).where(aliases.c.path == bindparam("path"))
)
_film_id_of_slug = CompiledStatement(select(films.c.id).where(films.c.slug == bindparam("slug")))
_insert_alias = CompiledStatement(
    insert(aliases).values(path=bindparam("path"), film_id=bindparam("film_id"), created_at=bindparam("now"))
)
_move_alias = CompiledStatement(
    update(aliases).where(aliases.c.path == bindparam("path")).values(film_id=bindparam("film_id"))
)


def add_aliases(
    conn: Connection, slug: str, paths: Iterable[str], *, now: datetime, bump_version: bool = True
) -> int:
    """Point each path at the film ``slug``; returns how many were new or moved from another film.

    Only lookups when every path already names the film (a re-import). The change counter moves
    (page caches must see the twin's new aliases) unless ``bump_version`` is false: the caller's
    save of the guide in the same transaction moves it, or its bulk indexing will.
    """
    wanted = list(dict.fromkeys(paths))
    if not wanted:
        return 0
    held = {}
    for path in wanted:
        rows = _owner_of_path.execute(conn, {"path": path})
        if rows:
            held[path] = str(rows[0][0])
    new = [path for path in wanted if path not in held]
    moved = [path for path in wanted if path in held and held[path] != slug]
    if not new and not moved:
        return 0
    found = _film_id_of_slug.execute(conn, {"slug": slug})
    if not found:
        return 0
    film_id = found[0][0]
    for path in new:
        _insert_alias.execute(conn, {"path": path, "film_id": film_id, "now": now})
    for path in moved:
        _move_alias.execute(conn, {"path": path, "film_id": film_id})
    if bump_version:
        bump(conn)
    return len(new) + len(moved)


def alias_target(conn: Connection, path: str) -> str | None:
    """The slug of the film an old address stands for, or ``None``."""
    query = select(films.c.slug).join_from(aliases, films).where(aliases.c.path == path)
    slug: str | None = conn.scalar(query)
    return slug


#: Compiled once and run by the driver: a film page reads it on every render.
_select_aliases_of = CompiledStatement(
    select(aliases.c.path)
    .join_from(aliases, films)
    .where(films.c.slug == bindparam("slug"))
    .order_by(aliases.c.path)
)


def aliases_of(conn: Connection, slug: str) -> list[str]:
    """The film's old addresses, in path order."""
    return [path for (path,) in _select_aliases_of.execute(conn, {"slug": slug})]


def all_aliases(conn: Connection) -> list[tuple[str, str]]:
    """Every (old path, film slug), in path order: what an export writes as redirects."""
    query = select(aliases.c.path, films.c.slug).join_from(aliases, films).order_by(aliases.c.path)
    return [(str(path), str(slug)) for path, slug in conn.execute(query)]
