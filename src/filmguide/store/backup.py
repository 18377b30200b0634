"""Online backups: a consistent copy of the database while the site serves and imports run.

- SQLite: SQLite's online backup API copies the database in one step, inside one read
  transaction: in WAL mode the site's readers and an import's writer carry on, and the copy is
  the database as of one commit. The result is a SQLite file, openable as it is (``--db FILE``).
- PostgreSQL: a dump (:mod:`filmguide.store.dump`) read in one REPEATABLE READ transaction.

Either way the backup is written beside its name and renamed over it when whole, so a failed
backup never leaves half a file under the name. A restore takes either kind into either back end:
a SQLite backup is copied aside, opened (and migrated) as a store, and dumped; the dump is loaded
in one transaction that replaces every row and rebuilds the search index.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from filmguide.store.database import Store
from filmguide.store.dump import DumpError

#: The first 16 bytes of every SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup that cannot be written or restored: one line, for the user."""


@contextmanager
def _beside(target: Path) -> Iterator[Path]:
    """A file to write beside ``target``, renamed over it when the block ends without error."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        yield partial
        partial.replace(target)
    except OSError as error:
        raise BackupError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        partial.unlink(missing_ok=True)


def backup(store: Store, target: Path) -> str:
    """Write a consistent backup of ``store`` to ``target``; returns the line to print."""
    with _beside(target) as partial:
        if store.dialect == "sqlite":
            _sqlite_backup(store, partial)
            guides, kind = _sqlite_guides(partial), "SQLite database"
        else:
            with partial.open("wb", buffering=1 << 20) as out:
                report = store.dump(out)
            guides, kind = report.rows.get("guides", 0), "filmguide dump"
    size = target.stat().st_size
    return f"backed up {guides} guides to {target} ({kind}, {size:,} bytes)"


def _sqlite_backup(store: Store, partial: Path) -> None:
    """Copy the database with SQLite's backup API, all pages in one step (one read transaction:
    a step-by-step copy would start again after every write an import commits meanwhile)."""
    with store.engine.connect() as conn:
        source = conn.connection.driver_connection
        assert isinstance(source, sqlite3.Connection)
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination, pages=-1)
        finally:
            destination.close()


def _sqlite_guides(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM guides").fetchone()[0])


def restore_backup(store: Store, source: Path) -> str:
    """Replace every row of ``store`` with the backup's (a SQLite backup or a dump); returns the
    line to print. Raises :class:`BackupError` for a file that is neither."""
    try:
        with source.open("rb") as stream:
            head = stream.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        if head == SQLITE_MAGIC:
            with tempfile.TemporaryDirectory(prefix="filmguide-restore-") as folder:
                dump = Path(folder) / "backup.jsonl"
                _dump_sqlite_copy(source, Path(folder) / "backup.db", dump)
                with dump.open("rb") as lines:
                    report = store.load(lines, str(source), replace=True)
        else:
            with source.open("rb") as lines:
                report = store.load(lines, str(source), replace=True)
    except DumpError as error:
        raise BackupError(f"{error} (not a backup made by filmguide db backup?)") from None
    return f"restored {report.rows.get('guides', 0)} guides from {source}: {report.summary(str(source))}"


def _dump_sqlite_copy(source: Path, copy: Path, dump: Path) -> None:
    """Dump a copy of a SQLite backup (the backup itself is never migrated or written)."""
    shutil.copyfile(source, copy)
    try:
        with Store.open(str(copy)) as backup_store, dump.open("wb") as out:
            backup_store.dump(out)
    except SQLAlchemyError as error:
        raise BackupError(
            f"{source}: not a filmguide database ({str(getattr(error, 'orig', error)).strip()})"
        ) from None
