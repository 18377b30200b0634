"""Each guide's analyses, kept beside it (``guide_analyses``; :mod:`filmguide.analyses`).

They are written in the transaction that saves the guide (:func:`write`, from
:func:`filmguide.store.guides.save_guide`: imports, the API, the desk's publish, a restored
revision), their fact checks made again when a catalog load changes the guide's film
(:func:`refresh_checks`), and filled for guides that have none or stale ones (:func:`fill`) after
a dump is loaded and by ``filmguide db check --repair``. A row is current when it was made by the
rules of :data:`~filmguide.analyses.ANALYSIS_VERSION` from the guide's document as it is (its
``content_hash``); :func:`read` returns no other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, delete, insert, or_, select

from filmguide.analyses import ANALYSIS_VERSION, GuideAnalyses, GuideParts, analyse_guide
from filmguide.store import catalog as catalog_queries
from filmguide.store.compiled import CompiledStatement
from filmguide.store.schema import films, guide_analyses, guides

if TYPE_CHECKING:
    from filmguide.catalog import CatalogFilm
    from filmguide.model import Guide

#: Guides analysed per query when many are (a fill, a catalog load).
BATCH = 200

_delete = CompiledStatement(delete(guide_analyses).where(guide_analyses.c.guide_id == bindparam("guide_id")))
_insert = CompiledStatement(
    insert(guide_analyses).values(
        guide_id=bindparam("guide_id"),
        version=bindparam("version"),
        content_hash=bindparam("content_hash"),
        document=bindparam("document"),
    )
)


def keep(conn: Connection, guide_id: int, content_hash: str, analyses: GuideAnalyses) -> None:
    """Keep ``analyses`` as those of the guide ``guide_id`` whose document hashes to ``content_hash``."""
    _delete.execute(conn, {"guide_id": guide_id})
    _insert.execute(
        conn,
        {
            "guide_id": guide_id,
            "version": ANALYSIS_VERSION,
            "content_hash": content_hash,
            "document": analyses.to_json(),
        },
    )


def write(
    conn: Connection,
    guide_id: int,
    guide: Guide,
    content_hash: str,
    *,
    slug: str,
    in_catalog: bool,
    parts: GuideParts | None = None,
) -> None:
    """Analyse a guide just saved and keep the result; ``in_catalog``: whether its film is the
    catalog's (the fact checks read its facts, as the film row now holds them). ``parts``: its
    spoilers, themes and content notes made ahead (an import's parse worker), known to fit it."""
    film = catalog_queries.catalog_film(conn, slug) if in_catalog else None
    keep(conn, guide_id, content_hash, analyse_guide(guide, film, parts))


#: A guide's analyses row that is current: made by these rules from its document as it is.
_current = (
    (guide_analyses.c.guide_id == guides.c.id)
    & (guide_analyses.c.version == ANALYSIS_VERSION)
    & (guide_analyses.c.content_hash == guides.c.content_hash)
)
_select_current = CompiledStatement(
    select(guides.c.document, guide_analyses.c.document, films.c.in_catalog)
    .join_from(films, guides)
    .join(guide_analyses, _current, isouter=True)
    .where(films.c.slug == bindparam("slug"))
)


@dataclass(frozen=True, slots=True)
class AnalysedGuide:
    """A film's guide with what its page needs to show its analyses, read together."""

    guide: Guide
    """The stored guide, its ``slug`` set."""
    analyses: GuideAnalyses | None
    """Its current analyses; ``None`` when they are stale or missing."""
    catalog_film: CatalogFilm | None
    """The catalog's facts about the film, ``None`` for a film known from its guide alone."""


def read(conn: Connection, slug: str) -> AnalysedGuide | None:
    """The film's guide, its current analyses and its catalog film; ``None`` when it has no guide."""
    row = _select_current.execute(conn, {"slug": slug})
    if not row:
        return None
    document, analyses, in_catalog = row[0]
    from filmguide.model import Guide

    guide = Guide.model_validate_json(document)
    if guide.slug != slug:
        guide.slug = slug
    film = catalog_queries.catalog_film(conn, slug) if in_catalog else None
    return AnalysedGuide(guide, GuideAnalyses.from_json(analyses) if analyses is not None else None, film)


_select_stale = (
    select(guides.c.id, guides.c.content_hash, guides.c.document, films.c.slug, films.c.in_catalog)
    .join_from(guides, films)
    .join(guide_analyses, guide_analyses.c.guide_id == guides.c.id, isouter=True)
    .where(
        or_(
            guide_analyses.c.guide_id.is_(None),
            guide_analyses.c.version != ANALYSIS_VERSION,
            guide_analyses.c.content_hash != guides.c.content_hash,
        )
    )
    .order_by(guides.c.id)
)


def fill(conn: Connection) -> int:
    """Analyse every guide that has no current analyses; returns how many were."""
    done = 0
    after = 0
    while True:
        rows = conn.execute(_select_stale.where(guides.c.id > after).limit(BATCH)).all()
        for guide_id, digest, document, slug, in_catalog in rows:
            guide = _guide(document, slug)
            if guide is None:
                continue
            write(conn, guide_id, guide, digest, slug=slug, in_catalog=bool(in_catalog))
            done += 1
        if len(rows) < BATCH:
            return done
        after = rows[-1][0]


_select_of_films = (
    select(guides.c.id, guides.c.content_hash, guides.c.document, films.c.slug, guide_analyses.c.document)
    .join_from(guides, films)
    .join(guide_analyses, _current, isouter=True)
    .where(guides.c.film_id.in_(bindparam("film_ids", expanding=True)))
)


def refresh_checks(conn: Connection, film_ids: Iterable[int]) -> int:
    """Make the fact checks of the guides of these films again (a catalog load changed their
    facts); returns how many guides were checked. Themes and spoilers stay: they are the guide's."""
    ids = sorted(set(film_ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        rows = conn.execute(_select_of_films, {"film_ids": ids[start : start + BATCH]}).all()
        for guide_id, digest, document, slug, kept in rows:
            guide = _guide(document, slug)
            if guide is None:
                continue
            film = catalog_queries.catalog_film(conn, slug)
            analyses = _refreshed(GuideAnalyses.from_json(kept) if kept else None, guide, film)
            keep(conn, guide_id, digest, analyses)
            done += 1
    return done


def _guide(document: str, slug: str) -> Guide | None:
    """The stored guide, ``None`` when its document is not one (``db check`` reports it; its page
    cannot be shown either)."""
    from pydantic import ValidationError

    from filmguide.model import Guide

    try:
        guide = Guide.model_validate_json(document)
    except ValidationError:
        return None
    guide.slug = slug
    return guide


def _refreshed(kept: GuideAnalyses | None, guide: Guide, film: CatalogFilm | None) -> GuideAnalyses:
    """``kept`` with its fact checks made again, or every analysis when there is nothing to keep."""
    return kept.with_checks(guide, film) if kept is not None else analyse_guide(guide, film)
