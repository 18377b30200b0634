"""``filmguide db check --repair``: put right what :mod:`filmguide.store.check` finds.

One write transaction repairs the rows: references pointing nowhere (rows deleted, or a film
reference's target set to NULL as its foreign key would), guides whose hash is not their document's
(hash recomputed), guides whose document is not a guide (the newest kept revision that is one
becomes current again), revisions of nothing and trash entries without their guide (deleted),
guides without current analyses (analysed), and the search index with its change counter (rebuilt
from the guides and the catalog). Then, outside it: SQLite's FTS5 tables rebuilt and ``REINDEX``
when the file's indexes are faulty; PostgreSQL's invalid indexes rebuilt. Each repair returns a
line saying what it did; none when all was well.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, exists, insert, select, update

from filmguide.model import Guide
from filmguide.store import analyses as analysis_queries
from filmguide.store import catalog as catalog_queries
from filmguide.store import check as checks
from filmguide.store.engine import WRITE
from filmguide.store.guides import content_hash
from filmguide.store.schema import guide_revisions, guides, search_state, trash
from filmguide.store.search import index as search_index


def repair(engine: Engine) -> list[str]:
    """Repair every fault the checks report; returns one line per repair made."""
    done: list[str] = []
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            done += _orphans(conn)
            done += _documents(conn)
            done += _kept_versions(conn)
            done += _analyses(conn)
            done += _search(conn)
    if engine.dialect.name == "sqlite":
        done += _sqlite_file(engine)
    else:
        done += _pg_indexes(engine)
    return done


def _orphans(conn: Connection) -> Iterator[str]:
    for child, column, parent, key in checks.REFERENCES:
        pointing_nowhere = child.c[column].is_not(None) & ~exists().where(parent.c[key] == child.c[column])
        if child.c[column].nullable:
            count = conn.execute(update(child).where(pointing_nowhere).values({column: None})).rowcount
            action = f"set to NULL in {count} row(s)"
        else:
            count = conn.execute(delete(child).where(pointing_nowhere)).rowcount
            action = f"{count} row(s) deleted"
        if count:
            yield f"{child.name}.{column} naming no {parent.name}.{key}: {action}"


def _documents(conn: Connection) -> Iterator[str]:
    rows = list(
        conn.execute(select(guides.c.id, guides.c.document, guides.c.content_hash).order_by(guides.c.id))
    )
    for guide_id, document, digest in rows:
        try:
            Guide.model_validate_json(document)
        except ValidationError:
            yield _revive(conn, guide_id)
            continue
        if content_hash(document) != digest:
            conn.execute(
                update(guides).where(guides.c.id == guide_id).values(content_hash=content_hash(document))
            )
            yield f"guide {guide_id}: content_hash recomputed from its document"


def _revive(conn: Connection, guide_id: int) -> str:
    """A guide whose document is not a guide takes its newest kept revision that is one."""
    from filmguide.store.schema import films

    slug = conn.scalar(select(films.c.slug).join_from(guides, films).where(guides.c.id == guide_id))
    kept = conn.execute(
        select(guide_revisions.c.revision, guide_revisions.c.document)
        .where(guide_revisions.c.slug == slug)
        .order_by(guide_revisions.c.revision.desc())
    )
    for revision, document in kept:
        try:
            Guide.model_validate_json(document)
        except ValidationError:
            continue
        conn.execute(
            update(guides)
            .where(guides.c.id == guide_id)
            .values(
                document=document,
                content_hash=content_hash(document),
                version=guides.c.version + 1,
                change=f"repaired: revision {revision} made current (the document was not a guide)",
            )
        )
        return f"guide '{slug}': its document was not a guide; revision {revision} made current"
    return f"guide '{slug}': its document is not a guide and no revision is: left as it is"


def _kept_versions(conn: Connection) -> Iterator[str]:
    count = conn.execute(delete(guide_revisions).where(checks.stray_revisions())).rowcount
    if count:
        yield f"guide_revisions of no guide and no trash entry: {count} deleted"
    count = conn.execute(delete(trash).where(checks.empty_trash_entries())).rowcount
    if count:
        yield f"trash entries whose revision is missing: {count} deleted"


def _analyses(conn: Connection) -> Iterator[str]:
    count = analysis_queries.fill(conn)
    if count:
        yield f"guides without current analyses (spoilers, themes, fact checks): {count} analysed"


def _search(conn: Connection) -> Iterator[str]:
    if not conn.scalar(select(exists().where(search_state.c.id == 1))):
        conn.execute(insert(search_state).values(id=1, version=1))
        yield "missing change counter: row 1 of search_state added"
    faults = sum(finding.count for finding in checks.search_index(conn) if finding.problem)
    if faults:
        count = search_index.rebuild(conn) + catalog_queries.index_all(conn)
        yield f"search index: rebuilt ({faults} fault(s); {count} entries)"


def _sqlite_file(engine: Engine) -> list[str]:
    done: list[str] = []
    with engine.connect() as conn:
        faulty = [f for f in checks.sqlite_file(conn) if f.problem]
        conn.rollback()
    if faulty:
        with engine.connect() as conn:
            conn.exec_driver_sql("REINDEX")
            conn.commit()
        done.append("sqlite indexes: REINDEX")
    for finding in checks.fts5_integrity(engine):
        if not finding.problem:
            continue
        table = finding.label.split()[1]
        with engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        done.append(f"FTS5 {table}: rebuilt")
    return done


def _pg_indexes(engine: Engine) -> list[str]:
    finding = checks.invalid_pg_indexes(engine)
    if not finding.problem:
        return []
    with engine.connect() as conn:
        for name in finding.detail.split(", "):
            conn.exec_driver_sql(f'REINDEX INDEX "{name}"')
        conn.commit()
    return [f"PostgreSQL invalid indexes rebuilt: {finding.detail}"]
