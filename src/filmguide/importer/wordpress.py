"""A WordPress export saved into the store: its published posts as guides, with their aliases.

The export is read as a stream and its posts are parsed by worker processes a chunk at a time,
with only a few chunks in flight, so a 200 MB export of 10,000 posts imports in the memory of a
handful of posts; the one writer saves each guide and its old addresses whole (a savepoint each,
:data:`~filmguide.importer.WRITE_BATCH` posts a transaction), as an import of article files does
(:mod:`filmguide.importer`), and the search index follows in batches.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from filmguide.analyses import GuideParts
from filmguide.article.errors import ArticleError
from filmguide.importer.ahead import text_and_parts
from filmguide.importer.pool import batched, can_fork, fewer_collections, in_order, parse_pool
from filmguide.model import Guide
from filmguide.store.films import title_key
from filmguide.store.guides import DEFAULT_POLICY, WritePolicy
from filmguide.store.revisions import GuideLoss
from filmguide.store.search.index import SearchText
from filmguide.store.values import check_guide, guide_json
from filmguide.wordpress import ExportKind, Post, post_aliases, post_guide, read_posts, skip_reason
from filmguide.wordpress.vocabulary import GUIDE_POST_TYPE

if TYPE_CHECKING:
    from filmguide.importer import ImportReport
    from filmguide.store import Store

#: (the post's label, its aliases, the guide's JSON or None, error, search text): what parsing one
#: post gives the writer.
#: (label, aliases, guide JSON, error, search text, analyses made ahead: see importer._parse).
ParsedPost = tuple[str, list[str], str | None, str | None, SearchText | None, GuideParts | None]
#: How the summary line counts a post about a film an earlier post of the export gave a guide.
SAME_FILM = "posts about a film already imported"


def parse_post(post: Post, source: str) -> ParsedPost:
    """One published post to the guide's JSON (checked as a save would check it) and its aliases."""
    aliases, label = post_aliases(post), post.label()
    try:
        guide = post_guide(post, source=source)
    except ArticleError as error:
        return label, aliases, None, str(error), None, None
    document = guide_json(guide)
    problem = check_guide(guide, document)
    if problem is not None or document is None:
        return (
            label,
            aliases,
            None,
            f"{source}: {label}: {problem or 'cannot be written as JSON'}",
            None,
            None,
        )
    return label, aliases, document, None, *text_and_parts(guide, document)


def _parse_chunk(chunk: list[Post], source: str) -> list[ParsedPost]:
    return [parse_post(post, source) for post in chunk]


def _published(
    posts: Iterable[Post], report: ImportReport, source: str, warn: Callable[[str], None] | None
) -> Iterator[Post]:
    """The posts that become guides; the others are counted, and an unpublished post is named."""
    for post in posts:
        reason = skip_reason(post)
        if reason is None:
            yield post
            continue
        report.skipped[reason] = report.skipped.get(reason, 0) + 1
        if post.post_type == GUIDE_POST_TYPE and warn is not None:
            warn(f"{source}: {post.label()}: not published ({post.status}), skipped")


class _Writer:
    """The one writer: saves each parsed post's guide and aliases, counts, and indexes in batches."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        source: str,
        warn: Callable[[str], None] | None,
        policy: WritePolicy = DEFAULT_POLICY,
    ) -> None:
        self.store, self.report, self.source, self.warn = store, report, source, warn
        self.policy = policy
        self.texts: dict[str, SearchText] = {}
        #: (title key, year) → (slug, post label) of each film saved from this export.
        self.films: dict[tuple[str, int | None], tuple[str, str]] = {}
        self.saved = 0

    def save(self, parsed: ParsedPost) -> None:
        from filmguide.importer import INDEX_EVERY

        label, aliases, document, error, text, parts = parsed
        if document is None:
            self.report.failures.append(error or f"{self.source}: {label}: not read")
            return
        guide = Guide.model_validate_json(document)
        film = (title_key(guide.title), guide.year)
        aliases = self.claim(aliases, film, label)
        if film in self.films:
            self.same_film(self.films[film], label, aliases)
            return
        try:
            result = self.store.save_guide(
                guide,
                source=self.source,
                index=False,
                written=document,
                aliases=aliases,
                parts=parts,
                policy=self.policy,
            )
        except GuideLoss as loss:  # as an article file's: the post fails, the import goes on
            from filmguide.importer import refusal

            self.report.failures.append(refusal(f"{self.source}: {label}", loss))
            return
        self.films[film] = (result.slug, label)
        if result.created:
            self.report.imported += 1
        elif result.changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        if result.changed:
            self.saved += 1
            if text is not None and not result.filled:
                self.texts[result.slug] = text
        if len(self.texts) >= INDEX_EVERY:
            self.store.index_pending(texts=self.texts)
            self.texts.clear()

    def claim(self, aliases: list[str], film: tuple[str, int | None], label: str) -> list[str]:
        """The post's old addresses that no earlier post of this import claimed for another film.

        Moving such an address to each claimant in turn would leave it with the last, and every
        import of the same files would move it again (and count both guides updated).
        """
        kept: list[str] = []
        for path in aliases:
            if self.report.addresses.setdefault(path, film) == film:
                kept.append(path)
            elif self.warn is not None:
                self.warn(
                    f"{self.source}: {label}: its old address {path} already leads to another "
                    "post's film in this import; it stays there"
                )
        return kept

    def same_film(self, first: tuple[str, str], label: str, aliases: list[str]) -> None:
        """A later post about a film an earlier post of the export gave its guide: the first post
        keeps the guide, the later one's old addresses lead to it, and its text is named, not saved.

        Saving each in turn would leave the last post's guide, and importing the export again would
        then rewrite the film twice: the first post winning is what keeps a re-import unchanged.
        """
        slug, first_label = first
        self.store.add_aliases(slug, aliases)
        self.report.skipped[SAME_FILM] = self.report.skipped.get(SAME_FILM, 0) + 1
        if self.warn is not None:
            self.warn(
                f"{self.source}: {label}: the same film as {first_label} (/films/{slug}): its addresses "
                "lead there, its text is not imported"
            )

    def finish(self) -> None:
        """Index what the batches have not (an import cut short indexes the rest next time)."""
        if self.saved:
            self.store.index_pending(texts=self.texts)


def import_export(
    store: Store,
    path: Path,
    kind: ExportKind,
    report: ImportReport,
    *,
    warn: Callable[[str], None] | None = None,
    progress: bool = False,
    workers: int = 1,
    policy: WritePolicy = DEFAULT_POLICY,
) -> None:
    """Import every published post of one export into ``report``; a file that cannot be read as
    an export is one failure line, and what was saved before a fault in the file stays saved."""
    from filmguide.importer import PARSE_CHUNK, WRITE_BATCH

    source = str(path)
    writer = _Writer(store, report, source, warn, policy)
    store.index_pending()  # what an import killed midway left out of the index
    parallel = workers > 1 and can_fork()
    with (
        fewer_collections(),
        parse_pool(workers) if parallel else nullcontext() as pool,
        Progress(
            TextColumn("importing posts"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not (progress and sys.stderr.isatty()),  # a bar for a person, no blank lines in a pipe
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("import", total=path.stat().st_size if kind == "wxr" else None)
        read = read_posts(path, kind, on_progress=lambda at: bar.update(task, completed=at))
        posts = _published(read, report, source, warn)
        try:
            with store.bulk_writes():
                if pool is None:
                    parsed: Iterable[ParsedPost] = (parse_post(post, source) for post in posts)
                else:
                    work = partial(_parse_chunk, source=source)
                    parsed = in_order(pool, work, posts, chunk=PARSE_CHUNK, workers=workers)
                for batch in batched(parsed, WRITE_BATCH):
                    with store.write_batch():
                        for each in batch:
                            writer.save(each)
        except ArticleError as error:
            report.failures.append(str(error))
        finally:
            writer.finish()
