"""Commands over guides one at a time or by the folder: parse, import, list, show, delete, and the
bundled demo."""

from __future__ import annotations

from pathlib import Path

import click

from filmguide.cli.common import (
    FORMAT,
    JSON_OPTION,
    db_option,
    fail,
    open_store,
    print_guide,
    print_json,
    print_objects,
    print_report,
    refresh_after,
    warn,
)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--title", help="The film's title, when the first sentence does not give it.")
@click.option("--format", "fmt", type=FORMAT, default="json", show_default=True)
def parse(path: Path, title: str | None, fmt: str) -> None:
    """Print the guide read from one article (.txt, .html or .md), touching no database."""
    from filmguide.article import SUFFIXES, ArticleError, parse_path

    if path.is_file() and path.suffix.casefold() not in SUFFIXES:  # an article is never an export
        from filmguide.wordpress import export_kind  # (which loads the store, for old addresses)

        if export_kind(path) is not None:
            fail(f"{path}: a WordPress export, holding many posts: bring it in with 'filmguide import'")
    try:
        guide = parse_path(path, title=title, warn=warn)
    except ArticleError as error:
        fail(str(error))
    print_guide(guide, fmt)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--title", help="The film's title, for a single article whose headline does not give it.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace guides even where much would be lost (a section emptied, a list or the text "
    "more than halved); the version replaced is kept as a revision either way.",
)
@db_option
def import_(paths: tuple[Path, ...], title: str | None, force: bool, db: str | None) -> None:
    """Import articles, files or whole folders (*.txt, *.html, *.md, recursively).

    A WordPress export (WXR, from Tools > Export) or a saved REST API page of posts
    (/wp-json/wp/v2/posts) is told by its content: its published posts become guides, their old
    addresses answer 301, and drafts, pages, attachments, menu items and revisions are skipped
    and counted (docs/wordpress.md).

    Each article is saved whole (a large import commits 16 at a time, each still whole);
    importing a film again updates its guide, keeping the
    version it replaces (filmguide history SLUG). An update that would lose much of a guide is
    refused, naming what would be lost, unless --force. The summary line counts the files
    imported with warnings, each listed on stderr with its file ("no cast section", "title not
    in the catalog"). Exits non-zero if any article failed.
    """
    from filmguide import importer
    from filmguide.store.guides import WritePolicy

    if title is not None and (len(paths) != 1 or paths[0].is_dir()):
        fail("--title names one film: give exactly one article file with it")
    with open_store(db, similar=False) as store:
        report = importer.import_paths(
            store,
            paths,
            warn=warn,
            progress=True,
            policy=WritePolicy(force=force),
            title=title,
            review=True,
        )
        refresh_after(store, report)
    print_report(report)


@click.command("list")
@JSON_OPTION
@db_option
def list_(as_json: bool, db: str | None) -> None:
    """List the guides: slug, title, year."""
    with open_store(db) as store:
        guides = store.list_guides()
    if as_json:
        print_objects(guides, "slug", "title", "year")
        return
    for g in guides:
        click.echo(f"{g.slug}\t{g.title}\t{g.year if g.year is not None else ''}")


@click.command()
@click.argument("slug")
@click.option("--format", "fmt", type=FORMAT, default="json", show_default=True)
@db_option
def show(slug: str, fmt: str, db: str | None) -> None:
    """Print one stored guide."""
    with open_store(db) as store:
        found = store.guide_json(slug) if fmt == "json" else store.get_guide(slug)
    if found is None:
        fail(f"no guide with slug '{slug}'")
    if isinstance(found, dict):  # the JSON, as print_guide would print it, read without the model
        print_json(found)
    else:
        print_guide(found, fmt)


@click.command()
@click.argument("slug")
@db_option
def delete(slug: str, db: str | None) -> None:
    """Move one guide to the trash (filmguide restore SLUG brings it back; trash empty removes it)."""
    with open_store(db) as store:
        deleted = store.delete_guide(slug, source="cli")
    if not deleted:
        fail(f"no guide with slug '{slug}'")
    click.echo(f"moved {slug} to the trash (filmguide restore {slug} brings it back)")


@click.group()
def demo() -> None:
    """The demo guides bundled with filmguide."""


@demo.command("load")
@db_option
def demo_load(db: str | None) -> None:
    """Import the bundled demo guides (again, harmlessly: unchanged guides stay as they are, and a
    guide that did not come from the demo is never replaced: the film is skipped, and said so)."""
    from filmguide import importer
    from filmguide.store.guides import WritePolicy

    with open_store(db, similar=False) as store:
        report = importer.import_paths(
            store, [importer.DEMO_DIR], warn=warn, progress=False, policy=WritePolicy(demo=True)
        )
        refresh_after(store, report)
    print_report(report)


COMMANDS = (parse, import_, list_, show, delete, demo)
