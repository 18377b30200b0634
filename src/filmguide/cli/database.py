"""Operating the database: ``db migrate``, ``status``, ``dump``, ``load``, ``check``. The commands
that keep guides from being lost (``db backup``, ``restore``, ``prune-revisions``) are in
:mod:`filmguide.cli.keep`, on the same group."""

from __future__ import annotations

import sys

import click

from filmguide.cli.common import db_option, fail, open_store


@click.group("db")
def db_group() -> None:
    """Operate the database."""


@db_group.command("migrate")
@db_option
def db_migrate(db: str | None) -> None:
    """Bring the database schema up to date (opening it does the same)."""
    with open_store(db) as store:
        current, head = store.migration_status()
    click.echo(f"schema at {current} (head {head})")


@db_group.command("status")
@db_option
def db_status(db: str | None) -> None:
    """Show the database URL and its schema revision."""
    with open_store(db) as store:
        current, head = store.migration_status()
        count = len(store.list_guides())
        url = store.url
    click.echo(f"database: {url}")
    click.echo(f"schema: {current} (head {head}){'' if current == head else ' OUT OF DATE'}")
    click.echo(f"guides: {count}")


DUMP_FILE = click.Path(dir_okay=False, allow_dash=True)


@db_group.command("dump")
@click.argument("file", type=DUMP_FILE)
@db_option
def db_dump(file: str, db: str | None) -> None:
    """Write the whole database to FILE (- for standard output) as portable JSON Lines.

    Guides, the catalog, people, events and API token hashes: everything but the search index,
    which a load rebuilds. See docs/operations.md for the format.
    """
    from filmguide.store.dump import DumpError, output

    with open_store(db) as store:
        try:
            with output(file) as stream:
                report = store.dump(stream)
        except DumpError as error:
            fail(str(error))
        except OSError as error:
            fail(f"cannot write {file}: {error.strerror or error}")
    click.echo(report.summary("standard output" if file == "-" else file), err=file == "-")


@db_group.command("load")
@click.argument("file", type=DUMP_FILE)
@click.option("--replace", is_flag=True, help="Replace the guides, events and tokens the database holds.")
@db_option
def db_load(file: str, replace: bool, db: str | None) -> None:
    """Load a dump made by `db dump` (FILE, or - for standard input), replacing every row.

    One transaction: a bad line rolls everything back. The bundled catalog of a new database is
    replaced silently; guides, events or tokens only with --replace. The search index is rebuilt.
    """
    from filmguide.store.dump import DumpError, source

    with open_store(db, similar=False) as store:
        try:
            with source(file) as lines:
                report = store.load(lines, file, replace=replace)
        except DumpError as error:
            fail(str(error))
        except OSError as error:
            fail(f"cannot read {file}: {error.strerror or error}")
    click.echo(report.summary(file))


@db_group.command("check")
@click.option("--repair", is_flag=True, help="Repair what the checks find, then check again.")
@db_option
def db_check(repair: bool, db: str | None) -> None:
    """Check the database's integrity, one line per check with a count; exit 1 on any problem.

    Foreign keys and orphan rows, guide documents and their hashes, revisions and trash entries
    pointing nowhere, the search index against its films (SQLite: also integrity_check and
    FTS5's integrity-check). Changes nothing, unless --repair: then one line per repair, and the
    checks run again.
    """
    with open_store(db) as store:
        if repair:
            from filmguide.store.repair import repair as repair_all

            for line in repair_all(store.engine):
                click.echo(f"repaired {line}")
        findings = store.check()
    for finding in findings:
        click.echo(finding.line())
    problems = [f for f in findings if f.problem]
    click.echo(f"{len(problems)} problem(s) in {len(findings)} checks")
    if problems:
        sys.exit(1)
