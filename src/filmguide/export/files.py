"""Writing the export's files: only what changed, atomically, and removing what an earlier
export wrote that no longer belongs (the export keeps a manifest, :data:`MANIFEST`, and never
deletes a file it did not write)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: The list of files the last export wrote, in the export's root (never served: see docs/deploy.md).
MANIFEST = ".filmguide-export"


class ExportError(Exception):
    """A problem the user can fix (the folder is a file, cannot be written, a bad URL): one line."""


def write_if_changed(root: Path, relative: str, body: bytes) -> bool:
    """Write ``body`` at ``root/relative`` unless the file already holds exactly these bytes.

    Atomic: the bytes go to a temporary file in the same folder, then ``os.replace``, so a reader
    (nginx) sees the old file or the new one, never half of one. Returns whether it wrote.
    """
    target = root / relative
    try:
        if target.stat().st_size == len(body) and target.read_bytes() == body:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(body)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def prepare_folder(root: Path) -> Path:
    """The export folder, created if missing; :class:`ExportError` when it cannot be one."""
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root} exists and is not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".filmguide-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ExportError(f"cannot write to {root}: {error.strerror or error}") from error
    return root


def previous_files(root: Path) -> list[str]:
    """What the last export here wrote (its manifest); paths that would leave the folder are dropped."""
    try:
        listed = (root / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    return [p for p in listed if p and not p.startswith("/") and ".." not in p.split("/")]


def remove_stale(root: Path, stale: Iterable[str]) -> int:
    """Remove files an earlier export wrote and this one did not, and the folders they leave empty."""
    removed = 0
    for relative in sorted(stale):
        target = root / relative
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        folder = target.parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return removed
