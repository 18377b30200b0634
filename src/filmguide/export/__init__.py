"""The static export: the whole site as files, for nginx or a CDN (``filmguide export DIR``).

Every page is the page the server renders: the same :mod:`filmguide.web.pages` data, the same
templates through the same :class:`~filmguide.web.render.Renderer`, the same JSON twin bytes. Only
the links differ: the templates write each through the ``url`` the export gives them, in the
export's clean URLs (``/films/{slug}`` becomes ``films/{slug}/``, served from
``films/{slug}/index.html``), relative or based on ``--base-url`` (:mod:`.links`).

Deterministic: nothing depends on the clock (the trending lists are counted up to the newest event
in the database), orders are sorted, so the same database gives the same bytes. Incremental: a
file is written only when its bytes differ from what is on disk (atomically: a temporary file,
then ``os.replace``), and files an earlier export wrote that no longer belong are removed (the
export keeps a manifest, :data:`MANIFEST`, and never deletes a file it did not write).

The data is read in a few bulk queries into a :class:`~.snapshot.Snapshot`; the jobs
(:mod:`.jobs`) are rendered by forked worker processes (:mod:`.workers`), each writing its own
files (:mod:`.files`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from filmguide.export.files import (
    MANIFEST,
    ExportError,
    prepare_folder,
    previous_files,
    remove_stale,
    write_if_changed,
)
from filmguide.export.jobs import Exporter
from filmguide.export.links import SEARCH_INDEX, Links, PageUrls, export_path
from filmguide.export.snapshot import Snapshot
from filmguide.export.workers import default_workers, run_jobs
from filmguide.store import Store
from filmguide.web import pages

__all__ = [
    "MANIFEST",
    "SEARCH_INDEX",
    "ExportError",
    "ExportReport",
    "Links",
    "PageUrls",
    "Snapshot",
    "default_workers",
    "export_path",
    "export_site",
    "write_if_changed",
]


@dataclass
class ExportReport:
    """What a run did: pages (HTML pages), files (every file, twins and assets included), and how
    many files were written, left as they were, and removed."""

    pages: int = 0
    files: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    written_paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"exported {self.pages:,} pages ({self.files:,} files): {self.written:,} written, "
            f"{self.unchanged:,} unchanged, {self.removed:,} removed"
        )


def _check_url(value: str | None, option: str) -> str | None:
    if value is None or value == "":
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ExportError(f"{option} must be an http(s) URL such as https://films.example.org, not {value!r}")
    return value.rstrip("/")


def export_site(
    store: Store,
    directory: Path,
    *,
    base_url: str | None = None,
    api_base: str | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> ExportReport:
    """Write the whole site into ``directory``; see the module's description."""
    base = _check_url(base_url, "--base-url")
    api = _check_url(api_base, "--api-base")
    root = prepare_folder(directory)
    snapshot = Snapshot(store)
    browse_pages = max(store.browse(page=1, per_page=pages.PER_PAGE).pages, 1)
    exporter = Exporter(snapshot, root, Links(base), api, browse_pages)
    done = run_jobs(
        exporter, exporter.jobs(), workers if workers is not None else default_workers(), progress=progress
    )
    report = ExportReport(pages=done.pages, files=len(done.paths), written_paths=sorted(done.written))
    report.written = len(report.written_paths)
    report.unchanged = report.files - report.written
    report.removed = remove_stale(root, set(previous_files(root)) - set(done.paths))
    write_if_changed(root, MANIFEST, "".join(f"{p}\n" for p in sorted(done.paths)).encode())
    return report
