"""Drafts: guides being written in the desk, kept apart from ``guides`` (migration 0012).

A draft is one row per film slug: its Markdown, who saved it last, the guide version it was
started from (``base_revision``) and its own ``version``, moved by every save. Nothing public reads
this table, so a draft cannot reach a page, the JSON twins, the sitemap, the feed or search.

Saves are guarded the way the API's writes are (``If-Match``): the caller names the draft version
it read, and a save against an older one raises :class:`StaleDraft` with what is there now.

Each function works inside the caller's transaction (:class:`filmguide.store.desk.DeskStore`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict, Unpack

from sqlalchemy import Connection, delete, insert, select, update

from filmguide.store.schema import drafts


@dataclass(frozen=True, slots=True)
class Draft:
    slug: str
    title: str
    markdown: str
    author: str | None
    base_revision: int | None
    version: int
    updated_at: datetime


class StaleDraft(ValueError):
    """A save made against a draft version that is no longer the current one."""

    def __init__(self, current: Draft | None) -> None:
        self.current = current
        super().__init__("the draft changed since you opened it")


_columns = select(
    drafts.c.slug,
    drafts.c.title,
    drafts.c.markdown,
    drafts.c.author,
    drafts.c.base_revision,
    drafts.c.version,
    drafts.c.updated_at,
)


def get(conn: Connection, slug: str) -> Draft | None:
    row = conn.execute(_columns.where(drafts.c.slug == slug)).first()
    return Draft(*row) if row is not None else None


def list_drafts(conn: Connection) -> list[Draft]:
    """Every draft, most recently saved first."""
    return [Draft(*row) for row in conn.execute(_columns.order_by(drafts.c.updated_at.desc(), drafts.c.slug))]


class DraftSave(TypedDict):
    """What a writer saves as a draft: its text, who wrote it, the guide revision it started
    from, and ``expect``: the draft version the writer opened (``None``: they opened none, so
    there must be none)."""

    title: str
    markdown: str
    author: str | None
    base_revision: int | None
    expect: int | None


def save(conn: Connection, slug: str, *, now: datetime, **draft: Unpack[DraftSave]) -> Draft:
    """Create or replace the draft at ``slug``; :class:`StaleDraft` when ``draft["expect"]`` is
    not its current version."""
    current = get(conn, slug)
    if (current.version if current else None) != draft["expect"]:
        raise StaleDraft(current)
    values = {
        "title": draft["title"],
        "markdown": draft["markdown"],
        "author": draft["author"],
        "base_revision": draft["base_revision"],
        "updated_at": now,
    }
    if current is None:
        conn.execute(insert(drafts).values(slug=slug, version=1, created_at=now, **values))
    else:
        conn.execute(
            update(drafts)
            .where(drafts.c.slug == slug, drafts.c.version == current.version)
            .values(version=current.version + 1, **values)
        )
    saved = get(conn, slug)
    assert saved is not None
    return saved


def discard(conn: Connection, slug: str) -> bool:
    """Delete the draft (it was published, or thrown away); False if there was none."""
    return conn.execute(delete(drafts).where(drafts.c.slug == slug)).rowcount > 0
