"""The catalog of films and the similar films computed from it: ``catalog load``, ``recommend
rebuild``."""

from __future__ import annotations

from pathlib import Path

import click

from filmguide.cli.common import db_option, fail, first_line, open_store


@click.group()
def catalog() -> None:
    """The open catalog of films (3,200 films, packaged with filmguide)."""


@catalog.command("load")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def catalog_load(path: Path | None, db: str | None) -> None:
    """Load the catalog again (idempotently; guides are never touched), then recompute the
    similar films.

    PATH: a derived catalog (.json.gz) or the raw movies.json, cleaned by the documented rules;
    the packaged catalog when omitted.
    """
    from filmguide import importer

    try:
        films = importer.load_catalog_file(path)
    except (OSError, ValueError) as error:
        fail(f"cannot read the catalog: {first_line(error)}")
    with open_store(db, similar=False) as store:
        report = store.load_catalog(films)
        importer.refresh_similar(store)
    click.echo(report.summary())


@click.group()
def recommend() -> None:
    """Similar films: computed ahead of time and stored."""


@recommend.command("rebuild")
@db_option
def recommend_rebuild(db: str | None) -> None:
    """Compute every film's similar films again (catalog, guides, curated lists, co-reading)."""
    from filmguide import importer

    with open_store(db, similar=False) as store:
        count = importer.refresh_similar(store)
    click.echo(f"similar films: {count} lists")


COMMANDS = (catalog, recommend)
