"""Revisions and the trash: the earlier versions of every guide, and deleted guides kept.

A guide's current version lives in ``guides`` (``version``, ``source``, ``updated_at``, ``change``).
When it changes or is deleted, that row is copied into ``guide_revisions`` in one
``INSERT … SELECT`` (the writer never reads the old document back for it), numbered by its
version. A first save writes no revision: a bulk import of new guides pays nothing. A deleted
guide is its last revision plus a row of ``trash``.

Each function works inside the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, String, bindparam, cast, delete, func, insert, literal, select

from filmguide.store.compiled import CompiledStatement
from filmguide.store.schema import films, guide_revisions, guides, trash


class GuideLoss(ValueError):
    """A write that would lose much of a guide, refused: nothing was written."""

    def __init__(self, slug: str, lost: str) -> None:
        self.slug = slug
        self.lost = lost
        super().__init__(f"the guide '{slug}' would lose {lost}")


class StaleWrite(ValueError):
    """A write made against a version of the guide that is no longer current (If-Match)."""

    def __init__(self, slug: str, current: str | None) -> None:
        self.slug = slug
        self.current = current
        super().__init__(
            f"the guide '{slug}' changed since that version was read"
            if current is not None
            else f"there is no guide '{slug}' to match"
        )


class RevisionError(LookupError):
    """A revision or trashed guide that is not there: one line, for the user."""


@dataclass(frozen=True, slots=True)
class Revision:
    """One version of a guide: its number, when and by what it was made, how it differed."""

    slug: str
    revision: int
    created_at: datetime
    source: str | None
    summary: str | None
    content_hash: str
    current: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "revision": self.revision,
            "created_at": self.created_at.isoformat(),
            "source": self.source,
            "summary": self.summary or "created",
            "content_hash": self.content_hash,
            "current": self.current,
        }


@dataclass(frozen=True, slots=True)
class Trashed:
    """A guide in the trash."""

    slug: str
    title: str
    year: int | None
    revision: int
    deleted_at: datetime
    source: str | None


_archive = CompiledStatement(
    insert(guide_revisions).from_select(
        ["slug", "revision", "document", "content_hash", "source", "summary", "created_at"],
        select(
            cast(bindparam("slug", type_=String), String(200)),
            guides.c.version,
            guides.c.document,
            guides.c.content_hash,
            guides.c.source,
            guides.c.change,
            guides.c.updated_at,
        ).where(guides.c.id == bindparam("guide_id")),
    )
)


def archive(conn: Connection, guide_id: int, slug: str) -> None:
    """Keep the guide's current version as a revision, before it is replaced or deleted."""
    _archive.execute(conn, {"guide_id": guide_id, "slug": slug})


_last_revision = CompiledStatement(
    select(func.max(guide_revisions.c.revision)).where(guide_revisions.c.slug == bindparam("slug"))
)
_untrash = CompiledStatement(delete(trash).where(trash.c.slug == bindparam("slug")))


def next_version(conn: Connection, slug: str) -> int:
    """The version a new guide at ``slug`` starts at: 1, or one past a deleted guide's revisions
    (and that guide leaves the trash: the slug holds a guide again)."""
    last = _last_revision.execute(conn, {"slug": slug})[0][0]
    if last is None:
        return 1
    _untrash.execute(conn, {"slug": slug})
    return int(last) + 1


def to_trash(conn: Connection, slug: str, guide_id: int, *, source: str | None, now: datetime) -> None:
    """Archive the guide and list it in the trash (before its row goes)."""
    archive(conn, guide_id, slug)
    row = conn.execute(
        select(films.c.title, films.c.year, guides.c.version)
        .join_from(guides, films)
        .where(guides.c.id == guide_id)
    ).one()
    conn.execute(delete(trash).where(trash.c.slug == slug))
    conn.execute(
        insert(trash).values(
            slug=slug, title=row[0], year=row[1], revision=row[2], deleted_at=now, source=source
        )
    )


def current_state(conn: Connection, slug: str) -> tuple[int, str] | None:
    """(version, content hash) of the film's current guide, or ``None``."""
    row = conn.execute(
        select(guides.c.version, guides.c.content_hash).join_from(guides, films).where(films.c.slug == slug)
    ).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def history(conn: Connection, slug: str) -> list[Revision]:
    """Every version of the guide, newest first: the current one (if it is not deleted), then
    the revisions kept."""
    found: list[Revision] = []
    current = conn.execute(
        select(guides.c.version, guides.c.updated_at, guides.c.source, guides.c.change, guides.c.content_hash)
        .join_from(guides, films)
        .where(films.c.slug == slug)
    ).first()
    if current is not None:
        found.append(Revision(slug, current[0], current[1], current[2], current[3], current[4], current=True))
    query = (
        select(
            guide_revisions.c.revision,
            guide_revisions.c.created_at,
            guide_revisions.c.source,
            guide_revisions.c.summary,
            guide_revisions.c.content_hash,
        )
        .where(guide_revisions.c.slug == slug)
        .order_by(guide_revisions.c.revision.desc())
    )
    found += [Revision(slug, *row) for row in conn.execute(query)]
    return found


def document(conn: Connection, slug: str, revision: int) -> str | None:
    """The stored JSON of one version of a guide (current or kept), or ``None``."""
    kept = conn.scalar(
        select(guide_revisions.c.document).where(
            guide_revisions.c.slug == slug, guide_revisions.c.revision == revision
        )
    )
    if kept is not None:
        return str(kept)
    current = conn.scalar(
        select(guides.c.document)
        .join_from(guides, films)
        .where(films.c.slug == slug, guides.c.version == revision)
    )
    return str(current) if current is not None else None


def trashed(conn: Connection, slug: str | None = None) -> list[Trashed]:
    """The guides in the trash (or the one at ``slug``), most recently deleted first."""
    query = select(
        trash.c.slug, trash.c.title, trash.c.year, trash.c.revision, trash.c.deleted_at, trash.c.source
    )
    if slug is not None:
        query = query.where(trash.c.slug == slug)
    return [Trashed(*row) for row in conn.execute(query.order_by(trash.c.deleted_at.desc(), trash.c.slug))]


def empty_trash(conn: Connection, before: datetime | None) -> list[str]:
    """Remove guides from the trash for good, with their revisions (all, or those deleted before
    ``before``); returns their slugs."""
    query = select(trash.c.slug)
    if before is not None:
        query = query.where(trash.c.deleted_at < before)
    slugs = [str(slug) for slug in conn.scalars(query)]
    for start in range(0, len(slugs), 500):
        batch = slugs[start : start + 500]
        conn.execute(delete(guide_revisions).where(guide_revisions.c.slug.in_(batch)))
        conn.execute(delete(trash).where(trash.c.slug.in_(batch)))
    return slugs


def prune(conn: Connection, *, keep: int, before: datetime | None) -> int:
    """Delete kept revisions beyond the newest ``keep`` of each guide that are also older than
    ``before`` (when given). A trashed guide's own revision is never pruned. Returns how many."""
    ranked = select(
        guide_revisions.c.id,
        guide_revisions.c.slug,
        guide_revisions.c.revision,
        guide_revisions.c.created_at,
        func.row_number()
        .over(partition_by=guide_revisions.c.slug, order_by=guide_revisions.c.revision.desc())
        .label("rank"),
    ).subquery()
    query = select(ranked.c.id).where(ranked.c.rank > keep)
    if before is not None:
        query = query.where(ranked.c.created_at < before)
    query = query.where(
        ~select(literal(1))
        .where(trash.c.slug == ranked.c.slug, trash.c.revision == ranked.c.revision)
        .exists()
    )
    ids = list(conn.scalars(query))
    for start in range(0, len(ids), 500):
        conn.execute(delete(guide_revisions).where(guide_revisions.c.id.in_(ids[start : start + 500])))
    return len(ids)
