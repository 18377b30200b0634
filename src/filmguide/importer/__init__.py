"""Bulk import: files and folders of articles into the store, each article saved whole.

An editor drops fifty articles in a folder and gets fifty guides or fifty one-line reasons why not;
one bad file never stops or half-writes the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from filmguide.analyses import GuideParts
from filmguide.article import SUFFIXES, ArticleError, parse_path, titles
from filmguide.importer.ahead import text_and_parts
from filmguide.importer.pool import (
    batched,
    can_fork,
    default_workers,
    fewer_collections,
    in_order,
    parse_pool,
)
from filmguide.model import Guide
from filmguide.progress import progress_bar
from filmguide.store import CatalogReport, SaveResult, Store
from filmguide.store.guides import DEFAULT_POLICY, WritePolicy
from filmguide.store.revisions import GuideLoss
from filmguide.store.search.index import SearchText, guide_text
from filmguide.store.values import check_guide, guide_json
from filmguide.wordpress import EXPORT_SUFFIXES, ExportKind, export_kind

if TYPE_CHECKING:
    from filmguide.catalog import CatalogFilm

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo"  # src/filmguide/demo


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    """Posts of a WordPress export that are not guides, by kind ("pages", "drafts", ...)."""
    kept: list[str] = field(default_factory=list)
    """Slugs whose guide a demo import left alone (it did not come from the demo)."""
    warnings: list[str] = field(default_factory=list)
    """Each a file and what to review in its guide ("no cast section")."""
    warned: int = 0
    """How many imported files have warnings."""
    addresses: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    """The old addresses this import's posts claimed, each with the film it leads to (title key,
    year): a later post claiming one (two sites' exports each have a ``/?p=5``) leaves it where
    the first put it, so that importing the same files again changes nothing."""

    def summary(self) -> str:
        """The one summary line the CLI prints; "with warnings N" only when some file has any."""
        line = (
            f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, "
            f"failed {len(self.failures)}"
        )
        if self.skipped:
            kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.skipped.items()))
            line += f", skipped {sum(self.skipped.values())} ({kinds})"
        if self.warned:
            line += f", with warnings {self.warned}"
        return line


def review_warnings(guide: Guide) -> list[str]:
    """What an editor should look at in a guide read from another site's article."""
    found = []
    if not titles.in_catalog(guide.title, guide.year):
        found.append("title not in the catalog")
    if not guide.cast:
        found.append("no cast section")
    if guide.post_credits is not None and guide.post_credits.has_scenes is None:
        found.append("post-credits answer unclear")
    return found


def _is_article_name(path: Path) -> bool:
    """An article by its name: a known suffix, and not a folder's README or a hidden file."""
    name = path.name
    return (
        (path.suffix.casefold() in SUFFIXES or path.suffix.casefold() in EXPORT_SUFFIXES)
        and not name.startswith(".")
        and not name.casefold().startswith("readme.")
    )


def article_files(paths: Iterable[Path]) -> Iterator[Path | ArticleError]:
    """Every article under ``paths``: folders are walked recursively, in a stable order.

    A path that does not exist is yielded as an error rather than raised, so it is reported
    beside the other failures.
    """
    for path in paths:
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and _is_article_name(p)]
            yield from sorted(found)
        elif path.is_file():
            yield path
        else:
            yield ArticleError("no such file or folder", path=path)


#: From this many files on, the search index is brought up to date in batches, not per article.
BULK_FROM = 50
#: A bulk import indexes the guides it saved every this many, while the parse workers go on: the
#: index's work overlaps the parsing instead of following it, at a handful of transactions.
INDEX_EVERY = 250
#: Files a parse worker takes at a time: few enough that the writer starts early and both workers
#: finish together, enough that handing them over costs little.
PARSE_CHUNK = 16
#: Guides a bulk import saves in one transaction, each in a savepoint of its own
#: (:meth:`~filmguide.store.Store.write_batch`): a commit a guide had been a tenth of its save. A
#: killed import loses at most the batch it was writing, which importing again saves.
WRITE_BATCH = 16
#: Below this many files, parsing in this process beats starting worker processes.
PARALLEL_FROM = 200
#: (path, guide, error, warnings, search text, analyses made ahead): what parsing a file gives the
#: writer. From a parse worker the guide comes as its JSON (see _parse_chunk), with its
#: spoilers, themes and content notes (see _parse).
Parsed = tuple[Path, Guide | str | None, str | None, list[str], SearchText | None, GuideParts | None]


def _parse(path: Path, *, as_json: bool = False, title: str | None = None) -> Parsed:
    """Parse one file, in a worker process or here.

    The guide's search text is derived here too: in a large import this runs in the parse
    workers, and every millisecond taken off the single writer is throughput. ``as_json`` gives
    the guide as its JSON, which the check has written anyway (see _parse_chunk), and its
    analyses that need no database (:class:`~filmguide.analyses.GuideParts`, 4 of the 7 ms a
    save spent on analyses): the writer then makes only the fact checks.
    """
    warnings: list[str] = []
    try:
        guide = parse_path(path, warn=warnings.append, title=title)
    except ArticleError as error:
        return path, None, str(error), warnings, None, None
    document = guide_json(guide)
    problem = check_guide(guide, document)  # what PostgreSQL would refuse, refused on every back end
    if problem is not None or document is None:
        return path, None, f"{path}: {problem or 'cannot be written as JSON'}", warnings, None, None
    if not as_json:
        return path, guide, None, warnings, guide_text(guide), None
    return path, document, None, warnings, *text_and_parts(guide, document)


def _parse_chunk(paths: list[Path]) -> list[Parsed]:
    """:func:`_parse` in a worker process: the guide crosses to the writer as JSON text.

    Pickling the model and unpickling it in the writer took 0.27 ms an article, and the writer's
    share of it came off the one process that cannot run in parallel; the JSON is already
    written by the check, and pydantic reads it back in a quarter of the unpickling time.
    """
    return [_parse(path, as_json=True) for path in paths]


@contextmanager
def _parsed(files: list[Path], workers: int, title: str | None = None) -> Iterator[Iterator[Parsed]]:
    """The files parsed in order: by worker processes for a large batch, else in this process.

    Writing stays in this process, one transaction per article; only parsing, which needs no
    database, runs in parallel, so both cores are busy on a large import.
    """
    serial = title is not None or workers <= 1 or len(files) < PARALLEL_FROM
    if serial or not can_fork():
        yield (_parse(path, title=title) for path in files)
        return
    with parse_pool(workers) as pool:
        yield in_order(pool, _parse_chunk, files, chunk=PARSE_CHUNK, workers=workers)


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    warn: Callable[[str], None] | None = None,
    progress: bool = False,
    workers: int | None = None,
    policy: WritePolicy = DEFAULT_POLICY,
    title: str | None = None,
    review: bool = False,
) -> ImportReport:
    """Import every article found; a progress bar shows (on stderr, in a terminal) when a folder
    is among the paths.

    ``policy``: whether a change that loses much goes through (``force``), whether the articles
    are the bundled demo's (``demo``); a refused article is a failure naming what it would lose.
    ``title`` names the film of a single article (as ``parse --title``); ``review`` collects
    :func:`review_warnings` for each file imported.
    """
    paths = list(paths)
    report = ImportReport()
    files: list[Path] = []
    exports: list[tuple[Path, ExportKind]] = []
    for item in article_files(paths):
        if isinstance(item, ArticleError):
            report.failures.append(str(item))
        elif kind := export_kind(item):
            exports.append((item, kind))
        elif item.suffix.casefold() in EXPORT_SUFFIXES:
            if item in paths:  # named: say why not; met in a folder: any other XML or JSON file
                report.failures.append(f"{item}: not a WordPress export (WXR) or REST API posts file")
        else:
            files.append(item)
    console = Console(stderr=True)
    show_bar = progress and console.is_terminal and any(p.is_dir() for p in paths) and len(files) > 1
    workers = workers if workers is not None else default_workers()
    # A large batch indexes its guides every INDEX_EVERY saves and once at the end (far cheaper
    # than indexing each guide in its own transaction); the pass also repairs an import killed
    # midway, so it runs first as well.
    bulk = len(files) >= BULK_FROM
    store.index_pending()  # what an import killed midway left out of the index
    with (
        fewer_collections() if bulk else nullcontext(),
        store.bulk_writes() if bulk else nullcontext(),
        _parsed(files, workers, title) as results,
        progress_bar("importing", console, enabled=show_bar) as bar,
    ):
        task = bar.add_task("import", total=len(files))
        writer = _FileWriter(store, report, warn=warn, policy=policy, review=review, bulk=bulk)
        for batch in batched(results, WRITE_BATCH if bulk else 1):
            with store.write_batch() if bulk else nullcontext():
                for parsed in batch:
                    writer.save(parsed)
                    bar.advance(task)
        writer.finish()
    for path, kind in exports:  # each a stream of posts: see filmguide.importer.wordpress
        from filmguide.importer.wordpress import import_export

        import_export(store, path, kind, report, warn=warn, progress=progress, workers=workers, policy=policy)
    return report


@dataclass
class _FileWriter:
    """The one writer of an import of article files: saves each parsed file, counts it, and in a
    large batch (``bulk``) indexes the saved guides every :data:`INDEX_EVERY` and at the end."""

    store: Store
    report: ImportReport
    warn: Callable[[str], None] | None
    policy: WritePolicy
    review: bool
    bulk: bool
    texts: dict[str, SearchText] = field(default_factory=dict)
    indexed: int = 0
    """Saved guides (new or changed) that the last index pass covered."""

    def save(self, parsed: Parsed) -> None:
        path, guide, error, warnings, text, parts = parsed
        for message in warnings:
            if self.warn is not None:
                self.warn(message)
        if guide is None:
            self.report.failures.append(error or f"{path}: not read")
            return
        if isinstance(guide, str):  # a parse worker's JSON (see _parse_chunk)
            written, model = guide, Guide.model_validate_json(guide)
        else:
            written, model = None, guide
        report = self.report
        result = _save(
            self.store,
            path,
            model,
            report,
            index=not self.bulk,
            written=written,
            policy=self.policy,
            parts=parts,
        )
        if self.review and result is not None:
            notes = review_warnings(model)
            report.warnings += [f"{path}: {note}" for note in notes]
            report.warned += bool(notes)
        if result is not None and self.bulk and text is not None and result.changed and not result.filled:
            self.texts[result.slug] = text
        if self.bulk and report.imported + report.updated >= self.indexed + INDEX_EVERY:
            self.store.index_pending(texts=self.texts)
            self.indexed = report.imported + report.updated
            self.texts.clear()

    def finish(self) -> None:
        if self.bulk:
            self.store.index_pending(texts=self.texts)


def refusal(where: str, loss: GuideLoss) -> str:
    """The failure line of an article or post whose save was refused for what it would lose."""
    return f"{where}: refused: {loss}; import --force to replace it"


def _save(
    store: Store,
    path: Path,
    guide: Guide,
    report: ImportReport,
    *,
    index: bool,
    written: str | None = None,
    policy: WritePolicy = DEFAULT_POLICY,
    parts: GuideParts | None = None,
) -> SaveResult | None:
    try:
        result = store.save_guide(
            guide, source=str(path), index=index, written=written, policy=policy, parts=parts
        )
    except GuideLoss as loss:
        report.failures.append(refusal(str(path), loss))
        return None
    if result.kept:
        report.kept.append(result.slug)
    elif result.created:
        report.imported += 1
    elif result.changed:
        report.updated += 1
    else:
        report.unchanged += 1
    return result


# --- the catalog and the similar-film lists ------------------------------------------------------


def refresh_similar(store: Store, *, k: int = 10) -> int:
    """Compute every film's similar films (:mod:`filmguide.recommend`) and store them; returns
    how many films have a list.

    Inputs from the store: the catalog films, every guide (guide-only films join as films of
    their own), the guides' curated recommendations as linked by the store (``film_refs``), and
    co-reading from recorded views (films viewed in the same half hour; see
    :mod:`filmguide.store.similar`). Runs once after a bulk change, never per article.
    """
    from filmguide.recommend import FilmRecord, similar_all

    films = [FilmRecord.from_catalog(film) for film in store.catalog_films()]
    lists = similar_all(
        films,
        store.guides(),
        curated=store.curated(),
        co_reads=store.co_reads() or None,
        k=k,
    )
    store.save_similar(lists)
    return len(lists)


def load_catalog_file(path: Path | None) -> list[CatalogFilm]:
    """The films of a catalog file: the packaged one (``None``), a derived ``.json.gz``, or the
    raw ``movies.json``, cleaned by :func:`filmguide.catalog.clean`."""
    from filmguide.catalog import clean, load_catalog, read_source

    if path is None or path.name.endswith(".gz"):
        return load_catalog(path)
    rows, _digest = read_source(path)
    return list(clean(rows).films)


def bootstrap(store: Store, *, similar: bool = True) -> CatalogReport | None:
    """A store just migrated that holds no catalog film (a new database, or one upgraded from
    before the catalog) receives the catalog and, unless ``similar`` is false (the caller
    computes them after more loading), its similar lists."""
    if not store.migrated or store.catalog_size():
        return None
    report = store.load_catalog(load_catalog_file(None))
    if similar:
        refresh_similar(store)
    return report
