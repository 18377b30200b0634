"""``filmguide db check``: what a healthy database must hold, checked and counted.

Each check counts what it finds wrong (0 when all is well); a few count something worth knowing
that is not a fault (``info``). The checks only read: SQLite's FTS5 ``integrity-check`` command is
written as an INSERT, so it runs in a transaction of its own that is rolled back.

- SQLite: ``PRAGMA integrity_check`` (the file's pages and indexes) and ``PRAGMA
  foreign_key_check``; FTS5's ``integrity-check`` of ``search_fts`` and ``search_people_fts``
  against their content tables.
- Both back ends: rows pointing to a film or person that does not exist (the foreign keys say
  they cannot, but SQLite enforces them only per connection, and a restore or a hand edit can
  bypass them); guides whose document does not read as a guide or whose ``content_hash`` is not
  its SHA-256; the search index against the films it must cover (every guided or catalog film
  exactly once, nothing else, each entry the text its guide or catalog film gives); the change
  counter's row; on PostgreSQL, search indexes left invalid.
- People with no credit are not faults: deleting a guide keeps its people (the site lists only
  people with credits), so they are counted as ``info``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Table, exists, func, select, text
from sqlalchemy.exc import DBAPIError

from filmguide.model import Guide
from filmguide.redirects import alias_key
from filmguide.store.guides import content_hash
from filmguide.store.schema import (
    aliases,
    credits,
    events,
    film_refs,
    films,
    guide_revisions,
    guides,
    people,
    search_docs,
    search_state,
    similar,
    trash,
)
from filmguide.store.search.index import clean, guide_text


@dataclass(frozen=True, slots=True)
class Finding:
    """One check: what was counted, how many, and whether a non-zero count is a fault."""

    label: str
    count: int
    fault: bool = True
    detail: str = ""

    @property
    def problem(self) -> bool:
        return self.fault and self.count > 0

    def line(self) -> str:
        status = "PROBLEM" if self.problem else ("info" if not self.fault else "ok")
        detail = f" ({self.detail})" if self.detail and self.count else ""
        return f"{status:<8}{self.label}: {self.count}{detail}"


def check(engine: Engine) -> list[Finding]:
    """Run every check on the database; nothing is changed."""
    findings: list[Finding] = []
    with engine.connect() as conn, conn.begin():
        if conn.dialect.name == "sqlite":
            findings += sqlite_file(conn)
        findings += list(orphans(conn))
        findings += guide_documents(conn)
        findings += kept_versions(conn)
        findings += search_index(conn)
        findings.append(uncredited_people(conn))
        findings += alias_paths(conn)
    if engine.dialect.name == "sqlite":
        findings += fts5_integrity(engine)
    else:
        findings.append(invalid_pg_indexes(engine))
    return findings


# --- SQLite's own checks ------------------------------------------------------------------------


def sqlite_file(conn: Connection) -> list[Finding]:
    """``integrity_check`` (its rows are "ok" or one message per fault) and ``foreign_key_check``."""
    messages = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    faults = [m for m in messages if m != "ok"]
    foreign = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
    tables = sorted({str(row[0]) for row in foreign})
    return [
        Finding("sqlite integrity_check faults", len(faults), detail=faults[0] if faults else ""),
        Finding("sqlite foreign_key_check rows", len(foreign), detail="in " + ", ".join(tables)),
    ]


_WORD = re.compile(r"[^\W_]")
_CONTENT = re.compile(r"content\s*=\s*'([^']*)'", re.IGNORECASE)


def fts5_tables(conn: Connection) -> list[tuple[str, str]]:
    """Every FTS5 table with its content table (``""``: contentless, over ``search_docs``)."""
    query = text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND sql LIKE 'CREATE VIRTUAL TABLE%' AND lower(sql) LIKE '%using fts5%' ORDER BY name"
    )
    found = []
    for name, sql in conn.execute(query):
        content = _CONTENT.search(str(sql))
        found.append((str(name), content.group(1) if content else str(name)))
    return found


def fts5_integrity(engine: Engine) -> list[Finding]:
    """FTS5's ``integrity-check`` of every FTS5 table, in a transaction rolled back (the command
    is an INSERT). Against its content table (rank 1) for an external-content table; a contentless
    one (which cannot be read back) has its distinct rowids, listed by ``fts5vocab``, counted
    against ``search_docs``."""
    found = []
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            tables = fts5_tables(conn)
        finally:
            transaction.rollback()
    for table, content in tables:
        with engine.connect() as conn:
            transaction = conn.begin()
            try:
                found.append(_fts5_check(conn, table, content))
            finally:
                transaction.rollback()
    return found


def _fts5_check(conn: Connection, table: str, content: str) -> Finding:
    against = content or "search_docs"
    label = f"FTS5 {table} disagreeing with {against}"
    try:
        conn.exec_driver_sql(
            f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', {1 if content else 0})"
        )
    except DBAPIError as error:
        return Finding(label, 1, detail=str(error.orig).strip().splitlines()[0])
    if content:
        return Finding(label, 0)
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE temp.check_vocab USING fts5vocab(main, {table}, instance)")
    indexed = int(conn.exec_driver_sql("SELECT count(DISTINCT doc) FROM temp.check_vocab").scalar() or 0)
    # A title of punctuation alone gives FTS5 no word, hence no entry.
    rows = sum(1 for (title,) in conn.execute(select(search_docs.c.title)) if _WORD.search(title))
    return Finding(label, abs(indexed - rows), detail=f"{indexed} entries for {rows} rows")


# --- rows pointing nowhere ----------------------------------------------------------------------


def _count_missing(conn: Connection, child: Table, column: str, parent: Table, key: str) -> int:
    """Rows of ``child`` whose ``column`` is set but names no ``parent`` row by ``key``."""
    query = (
        select(func.count())
        .select_from(child)
        .where(
            child.c[column].is_not(None),
            ~exists().where(parent.c[key] == child.c[column]),
        )
    )
    return int(conn.scalar(query) or 0)


#: (child table, column, parent table, parent column): what each reference must find.
REFERENCES: tuple[tuple[Table, str, Table, str], ...] = (
    (guides, "film_id", films, "id"),
    (aliases, "film_id", films, "id"),
    (credits, "film_id", films, "id"),
    (credits, "person_id", people, "id"),
    (film_refs, "film_id", films, "id"),
    (film_refs, "target_slug", films, "slug"),
    (events, "film_id", films, "id"),
    (similar, "film_id", films, "id"),
    (search_docs, "film_id", films, "id"),
)


def orphans(conn: Connection) -> Iterator[Finding]:
    for child, column, parent, key in REFERENCES:
        count = _count_missing(conn, child, column, parent, key)
        yield Finding(f"{child.name}.{column} naming no {parent.name}.{key}", count)


def uncredited_people(conn: Connection) -> Finding:
    query = (
        select(func.count()).select_from(people).where(~exists().where(credits.c.person_id == people.c.id))
    )
    return Finding(
        "people without credits (kept when a guide goes; not listed)",
        int(conn.scalar(query) or 0),
        fault=False,
    )


def alias_paths(conn: Connection) -> list[Finding]:
    """Aliases (old addresses) counted, and those not in the stored form: no request finds them."""
    paths = list(conn.scalars(select(aliases.c.path)))
    odd = [path for path in paths if alias_key(path) != path]
    return [
        Finding("aliases (old addresses answered with 301)", len(paths), fault=False),
        Finding("aliases not in the stored form", len(odd), detail=odd[0] if odd else ""),
    ]


# --- guides -------------------------------------------------------------------------------------


def guide_documents(conn: Connection) -> list[Finding]:
    """Guides whose document is not a guide, and guides whose hash is not their document's."""
    unreadable: list[int] = []
    hashes = 0
    for guide_id, document, digest in conn.execute(
        select(guides.c.id, guides.c.document, guides.c.content_hash).order_by(guides.c.id)
    ):
        try:
            Guide.model_validate_json(document)
        except ValidationError:
            unreadable.append(guide_id)
        if content_hash(document) != digest:
            hashes += 1
    return [
        Finding("guides whose document is not a valid guide", len(unreadable), detail=_ids(unreadable)),
        Finding("guides whose content_hash does not match", hashes),
    ]


def stray_revisions() -> Any:
    """Revisions whose slug has neither a current guide nor a trash entry: history of nothing."""
    has_guide = exists().where(films.c.slug == guide_revisions.c.slug, guides.c.film_id == films.c.id)
    in_trash = exists().where(trash.c.slug == guide_revisions.c.slug)
    return ~has_guide & ~in_trash


def empty_trash_entries() -> Any:
    """Trash entries whose revision (the deleted guide itself) is missing."""
    return ~exists().where(
        guide_revisions.c.slug == trash.c.slug, guide_revisions.c.revision == trash.c.revision
    )


def kept_versions(conn: Connection) -> list[Finding]:
    """Revisions pointing nowhere, and trash entries whose guide is not kept."""
    stray = int(conn.scalar(select(func.count()).select_from(guide_revisions).where(stray_revisions())) or 0)
    hollow = int(conn.scalar(select(func.count()).select_from(trash).where(empty_trash_entries())) or 0)
    return [
        Finding("guide_revisions of no guide and no trash entry", stray),
        Finding("trash entries whose revision is missing", hollow),
    ]


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:5])
    return f"ids {shown}{', ...' if len(ids) > 5 else ''}"


# --- the search index ---------------------------------------------------------------------------


def _expected_entries(conn: Connection) -> dict[int, Callable[[], tuple[str, str, str] | None]]:
    """Each film the index must hold → how to compute its entry (``None``: cannot tell)."""
    expected: dict[int, Callable[[], tuple[str, str, str] | None]] = {}
    catalog_query = select(films.c.id, films.c.title, films.c.directors).where(films.c.in_catalog.is_(True))
    for film_id, title, directors in conn.execute(catalog_query):
        expected[film_id] = _catalog_entry(str(title), directors)
    for film_id, document in conn.execute(select(guides.c.film_id, guides.c.document)):
        expected[film_id] = _guide_entry(document)
    return expected


def _catalog_entry(title: str, directors: str | None) -> Callable[[], tuple[str, str, str] | None]:
    def entry() -> tuple[str, str, str] | None:
        try:
            names = [str(name) for name in json.loads(directors or "[]")]
        except (ValueError, TypeError):
            return None
        return clean(title), clean("\n".join(names)), ""

    return entry


def _guide_entry(document: str) -> Callable[[], tuple[str, str, str] | None]:
    def entry() -> tuple[str, str, str] | None:
        try:
            return guide_text(Guide.model_validate_json(document))
        except ValidationError:
            return None  # counted by guide_documents

    return entry


def search_index(conn: Connection) -> list[Finding]:
    """The index against the films it covers: missing, extra, and stale entries; its counter."""
    expected = _expected_entries(conn)
    stored = {
        film_id: (title, names, body)
        for film_id, title, names, body in conn.execute(
            select(search_docs.c.film_id, search_docs.c.title, search_docs.c.names, search_docs.c.body)
        )
    }
    missing = [film_id for film_id in expected if film_id not in stored]
    extra = [film_id for film_id in stored if film_id not in expected]
    stale = 0
    for film_id, entry in expected.items():
        if film_id in stored:
            wanted = entry()
            if wanted is not None and wanted != stored[film_id]:
                stale += 1
    states = int(
        conn.scalar(select(func.count()).select_from(search_state).where(search_state.c.id == 1)) or 0
    )
    return [
        Finding("guided or catalog films missing from the search index", len(missing), detail=_ids(missing)),
        Finding(
            "search index entries of films with no guide or catalog entry", len(extra), detail=_ids(extra)
        ),
        Finding("search index entries out of date with their film", stale),
        Finding("missing change counter (search_state row 1)", 1 - min(states, 1)),
    ]


def invalid_pg_indexes(engine: Engine) -> Finding:
    """PostgreSQL indexes marked invalid (a failed build), which queries silently stop using."""
    query = text(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)"
    )
    with engine.connect() as conn:
        names = [str(row[0]) for row in conn.execute(query)]
    return Finding("PostgreSQL indexes left invalid", len(names), detail=", ".join(names))
