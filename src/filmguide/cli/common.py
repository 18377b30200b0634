"""What every command shares: ``--db``, opening the store, failing in one line, printing JSON.

Light on purpose: ``filmguide --help`` imports every command module, so each loads what its
command needs (the store, the readers, the web) only when that command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from filmguide.importer import ImportReport
    from filmguide.model import Guide
    from filmguide.store import Store

F = TypeVar("F", bound=Callable[..., Any])

FORMAT = click.Choice(["json", "markdown"])
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")


def db_option(command: F) -> F:
    """``--db``, shared by every command that opens the database."""
    return click.option(
        "--db",
        "db",
        metavar="PATH|URL",
        default=None,
        help="Database: a SQLite file path or a postgresql:// URL "
        "(default: $FILMGUIDE_DB, else filmguide.db in the user data folder).",
    )(command)


def name_and_db(command: F) -> F:
    """``NAME`` and ``--db``: the stack of a command acting on one named row (an account, a token).

    Written above it, a command's own options are listed before ``--db``, as in every command.
    """
    return click.argument("name")(db_option(command))


def fail(message: str, code: int = 1) -> NoReturn:
    """One ``error:`` line on stderr and the exit: what the user can fix, never a traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


@contextmanager
def open_store(db: str | None, *, similar: bool = True) -> Iterator[Store]:
    """Open (and migrate) the store, turning any database failure into one line.

    A database just created receives the open catalog first, and (unless ``similar`` is false:
    the caller computes them itself) the similar-film lists.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from filmguide.config import database_url
    from filmguide.store import Store

    if db is None:
        root = click.get_current_context(silent=True)
        db = root.find_root().obj if root is not None else None
    try:
        url = database_url(db)
    except ValueError as error:
        fail(str(error))
    try:
        store = Store.open(url)
    except SQLAlchemyError as error:
        fail(f"cannot open the database: {first_line(error)}")
    try:
        if store.migrated:  # only a new database needs the catalog: the importer loads it
            from filmguide import importer

            importer.bootstrap(store, similar=similar)
        yield store
    except SQLAlchemyError as error:
        fail(f"database error: {first_line(error)}")
    finally:
        store.close()


def first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def print_json(value: Any) -> None:
    import orjson

    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def print_objects(items: Iterable[object], *names: str) -> None:
    """A JSON list of objects, each with the attributes ``names`` (moments in ISO 8601)."""
    print_json([{name: _plain(getattr(item, name)) for name in names} for item in items])


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def print_guide(guide: Guide, fmt: str) -> None:
    if fmt == "markdown":
        from filmguide.article import write_markdown

        click.echo(write_markdown(guide), nl=False)
    else:
        print_json(guide.to_json_dict())


def minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def refresh_after(store: Store, report: ImportReport) -> None:
    """Similar lists again, once for the whole run, when a guide changed (or the store is new)."""
    from filmguide import importer

    if report.imported or report.updated or store.migrated:
        importer.refresh_similar(store)


def print_report(report: ImportReport) -> None:
    """One line per failure on stderr, the summary line, and a non-zero exit if any failed."""
    for failure in report.failures:
        click.echo(f"failed: {failure}", err=True)
    for slug in report.kept:
        click.echo(
            f"skipped: {slug}: its guide did not come from the demo, so the demo leaves it alone", err=True
        )
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)
