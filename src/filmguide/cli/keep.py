"""Commands that keep guides from being lost: history, diff, restore, the trash, backups, repair.

docs/operations.md ("Nothing lost") tells the whole story.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from filmguide.cli.common import db_option, fail, open_store, print_json, print_objects
from filmguide.cli.database import db_group

if TYPE_CHECKING:
    from filmguide.store import Store
    from filmguide.store.revisions import Revision

DAYS = click.IntRange(0)


def _ago(days: int | None) -> datetime | None:
    return None if days is None else datetime.now(UTC) - timedelta(days=days)


def _minute(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _source(revision: Revision) -> str:
    """What made a version, as a reader says it: the file and its content hash, a token, the CLI."""
    source = revision.source or "unknown"
    if source.startswith("api:"):
        shown = f"API token '{source.removeprefix('api:')}'"
    elif source == "cli":
        shown = "CLI"
    else:
        shown = source
    return f"{shown} (sha256 {revision.content_hash[:12]})"


@click.command()
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects, newest first.")
@db_option
def history(slug: str, as_json: bool, db: str | None) -> None:
    """List a guide's versions, newest first: number, when, what made it, what changed.

    The current version is marked with *; a guide in the trash has only kept versions.
    """
    with open_store(db) as store:
        found = store.history(slug)
        trashed = store.trash(slug)
    if not found:
        fail(f"no guide or history with slug '{slug}'")
    if as_json:
        print_json([revision.to_json() for revision in found])
        return
    if trashed:
        gone = trashed[0]
        click.echo(f"in the trash since {_minute(gone.deleted_at)} (filmguide restore {slug} brings it back)")
    for revision in found:
        mark = "*" if revision.current else " "
        click.echo(
            f"{mark}{revision.revision:>4}  {_minute(revision.created_at)}  {_source(revision)}  "
            f"{revision.summary or 'created'}"
        )


def _version(store: Store, slug: str, number: int) -> dict[str, object]:
    guide = store.revision(slug, number)
    if guide is None:
        fail(f"the guide '{slug}' has no revision {number} (see: filmguide history {slug})")
    return guide.to_json_dict()


@click.command()
@click.argument("slug")
@click.argument("revisions", nargs=-1, type=click.IntRange(1))
@db_option
def diff(slug: str, revisions: tuple[int, ...], db: str | None) -> None:
    """Show what changed in a guide, field by field: the previous version against the current one,
    REV against the current one, or REV against REV."""
    if len(revisions) > 2:
        fail("give at most two revisions")
    with open_store(db) as store:
        found = store.history(slug)
        if not found:
            fail(f"no guide or history with slug '{slug}'")
        newest = found[0].revision
        if len(revisions) == 2:
            old, new = revisions
        elif len(revisions) == 1:
            old, new = revisions[0], newest
        else:
            if len(found) < 2:
                fail(f"the guide '{slug}' has one version only")
            old, new = found[1].revision, newest
        before, after = _version(store, slug, old), _version(store, slug, new)
    click.echo(f"--- {slug} revision {old}")
    click.echo(f"+++ {slug} revision {new}")
    from filmguide import changes

    lines = list(changes.diff(before, after))
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo("(no difference)")


@click.command()
@click.argument("slug")
@click.option("--revision", type=click.IntRange(1), help="The version to make current again (see history).")
@db_option
def restore(slug: str, revision: int | None, db: str | None) -> None:
    """Bring a guide back: from the trash whole (no --revision), or an earlier version made current
    again. Either way the restore is a new version; nothing is overwritten."""
    from filmguide import importer
    from filmguide.store.database import SlugConflict
    from filmguide.store.revisions import RevisionError

    with open_store(db, similar=False) as store:
        try:
            number, result = store.restore(slug, revision)
        except (RevisionError, SlugConflict) as error:
            fail(str(error))
            return
        if result.changed:
            importer.refresh_similar(store)
        version = store.guide_state(slug)
    if not result.changed:
        click.echo(f"{slug}: revision {number} is the current version already")
        return
    click.echo(f"restored {slug} from revision {number} as revision {version[0] if version else '?'}")


@click.group()
def trash() -> None:
    """Deleted guides: kept until the trash is emptied (filmguide restore SLUG brings one back)."""


@trash.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@db_option
def trash_list(as_json: bool, db: str | None) -> None:
    """List the guides in the trash, most recently deleted first."""
    with open_store(db) as store:
        found = store.trash()
    if as_json:
        print_objects(found, "slug", "title", "year", "revision", "deleted_at", "source")
        return
    if not found:
        click.echo("the trash is empty", err=True)
    for t in found:
        year = f" ({t.year})" if t.year is not None else ""
        click.echo(f"{t.slug}\t{t.title}{year}\tdeleted {_minute(t.deleted_at)} by {t.source or 'unknown'}")


@trash.command("empty")
@click.option(
    "--older-than", "days", type=DAYS, metavar="DAYS", help="Only guides deleted more than DAYS ago."
)
@db_option
def trash_empty(days: int | None, db: str | None) -> None:
    """Remove guides from the trash for good, with every revision they had."""
    with open_store(db) as store:
        gone = store.empty_trash(_ago(days))
    click.echo(f"removed {len(gone)} guide(s) from the trash for good")


@db_group.command("prune-revisions")
@click.option("--keep", type=click.IntRange(0), required=True, help="Revisions kept per guide, newest first.")
@click.option(
    "--older-than", "days", type=DAYS, metavar="DAYS", help="Only revisions made more than DAYS ago."
)
@db_option
def db_prune_revisions(keep: int, days: int | None, db: str | None) -> None:
    """Delete old revisions: beyond each guide's newest KEEP, and older than DAYS when given.

    Current guides and trashed guides are never touched. By default every revision is kept.
    """
    with open_store(db) as store:
        count = store.prune_revisions(keep=keep, before=_ago(days))
    click.echo(f"pruned {count} revision(s)")


@db_group.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def db_backup(file: Path, db: str | None) -> None:
    """Write a consistent backup of the database to FILE while the site serves and imports run.

    SQLite: a copy of the database file (SQLite's online backup API), openable with --db FILE.
    PostgreSQL: a dump (see db dump). FILE is written beside its name and renamed when whole.
    """
    from filmguide.store.backup import BackupError, backup

    with open_store(db) as store:
        try:
            report = backup(store, file)
        except BackupError as error:
            fail(str(error))
            return
    click.echo(report)


@db_group.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def db_restore(file: Path, db: str | None) -> None:
    """Replace the database's whole content with a backup made by `db backup` (or a `db dump`).

    A SQLite backup restores into SQLite or PostgreSQL, and so does a dump; the schema is brought
    up to date and the search index rebuilt.
    """
    from filmguide.store.backup import BackupError, restore_backup

    with open_store(db, similar=False) as store:
        try:
            report = restore_backup(store, file)
        except BackupError as error:
            fail(str(error))
            return
    click.echo(report)


COMMANDS = (history, diff, restore, trash)
