"""The ``filmguide`` command: a thin click layer, every command calling the modules below it.

Errors the user can fix (a bad article, a missing guide, an unreachable database) end as one line
on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click
import orjson

from filmguide import __version__, config, importer
from filmguide.article import ArticleError, parse_path, write_markdown
from filmguide.config import database_url
from filmguide.model import Guide
from filmguide.store import Store
from filmguide.wordpress import export_kind

F = TypeVar("F", bound=Callable[..., Any])


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


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def open_store(db: str | None, *, similar: bool = True) -> Iterator[Store]:
    """Open (and migrate) the store, turning any database failure into one line.

    A database just created receives the open catalog first, and (unless ``similar`` is false:
    the caller computes them itself) the similar-film lists.
    """
    from sqlalchemy.exc import SQLAlchemyError

    if db is None:
        root = click.get_current_context(silent=True)
        db = root.find_root().obj if root is not None else None
    try:
        url = database_url(db)
    except ValueError as error:
        _fail(str(error))
    try:
        store = Store.open(url)
    except SQLAlchemyError as error:
        _fail(f"cannot open the database: {_first_line(error)}")
    try:
        importer.bootstrap(store, similar=similar)
        yield store
    except SQLAlchemyError as error:
        _fail(f"database error: {_first_line(error)}")
    finally:
        store.close()


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _print_json(value: Any) -> None:
    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def _print_guide(guide: Guide, fmt: str) -> None:
    if fmt == "markdown":
        click.echo(write_markdown(guide), nl=False)
    else:
        _print_json(guide.to_json_dict())


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


FORMAT = click.Choice(["json", "markdown"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="filmguide")
@db_option
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """filmguide: turn film articles into structured guides, keep them, and serve them.

    --db may stand before the command or after it.
    """
    ctx.obj = db


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--title", help="The film's title, when the first sentence does not give it.")
@click.option("--format", "fmt", type=FORMAT, default="json", show_default=True)
def parse(path: Path, title: str | None, fmt: str) -> None:
    """Print the guide read from one article (.txt, .html or .md), touching no database."""
    if path.is_file() and export_kind(path) is not None:
        _fail(f"{path}: a WordPress export, holding many posts: bring it in with 'filmguide import'")
    try:
        guide = parse_path(path, title=title, warn=_warn)
    except ArticleError as error:
        _fail(str(error))
    _print_guide(guide, fmt)


@cli.command("import")
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

    Each article is one transaction; importing a film again updates its guide, keeping the
    version it replaces (filmguide history SLUG). An update that would lose much of a guide is
    refused, naming what would be lost, unless --force. The summary line counts the files
    imported with warnings, each listed on stderr with its file ("no cast section", "title not
    in the catalog"). Exits non-zero if any article failed.
    """
    from filmguide.store.guides import WritePolicy

    if title is not None and (len(paths) != 1 or paths[0].is_dir()):
        _fail("--title names one film: give exactly one article file with it")
    with open_store(db, similar=False) as store:
        report = importer.import_paths(
            store,
            paths,
            warn=_warn,
            progress=True,
            policy=WritePolicy(force=force),
            title=title,
            review=True,
        )
        _refresh_after(store, report)
    _report(report)


def _refresh_after(store: Store, report: importer.ImportReport) -> None:
    """Similar lists again, once for the whole run, when a guide changed (or the store is new)."""
    if report.imported or report.updated or store.migrated:
        importer.refresh_similar(store)


def _report(report: importer.ImportReport) -> None:
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


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")
@db_option
def list_(as_json: bool, db: str | None) -> None:
    """List the guides: slug, title, year."""
    with open_store(db) as store:
        guides = store.list_guides()
    if as_json:
        _print_json([{"slug": g.slug, "title": g.title, "year": g.year} for g in guides])
        return
    for g in guides:
        click.echo(f"{g.slug}\t{g.title}\t{g.year if g.year is not None else ''}")


@cli.command()
@click.argument("slug")
@click.option("--format", "fmt", type=FORMAT, default="json", show_default=True)
@db_option
def show(slug: str, fmt: str, db: str | None) -> None:
    """Print one stored guide."""
    with open_store(db) as store:
        guide = store.get_guide(slug)
    if guide is None:
        _fail(f"no guide with slug '{slug}'")
    else:
        _print_guide(guide, fmt)


@cli.command()
@click.argument("slug")
@db_option
def delete(slug: str, db: str | None) -> None:
    """Move one guide to the trash (filmguide restore SLUG brings it back; trash empty removes it)."""
    with open_store(db) as store:
        deleted = store.delete_guide(slug, source="cli")
    if not deleted:
        _fail(f"no guide with slug '{slug}'")
    click.echo(f"moved {slug} to the trash (filmguide restore {slug} brings it back)")


@cli.group()
def demo() -> None:
    """The demo guides bundled with filmguide."""


@demo.command("load")
@db_option
def demo_load(db: str | None) -> None:
    """Import the bundled demo guides (again, harmlessly: unchanged guides stay as they are, and a
    guide that did not come from the demo is never replaced: the film is skipped, and said so)."""
    from filmguide.store.guides import WritePolicy

    with open_store(db, similar=False) as store:
        report = importer.import_paths(
            store, [importer.DEMO_DIR], warn=_warn, progress=False, policy=WritePolicy(demo=True)
        )
        _refresh_after(store, report)
    _report(report)


@cli.group()
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
    try:
        films = importer.load_catalog_file(path)
    except (OSError, ValueError) as error:
        _fail(f"cannot read the catalog: {_first_line(error)}")
    with open_store(db, similar=False) as store:
        report = store.load_catalog(films)
        importer.refresh_similar(store)
    click.echo(report.summary())


@cli.group()
def recommend() -> None:
    """Similar films: computed ahead of time and stored."""


@recommend.command("rebuild")
@db_option
def recommend_rebuild(db: str | None) -> None:
    """Compute every film's similar films again (catalog, guides, curated lists, co-reading)."""
    with open_store(db, similar=False) as store:
        count = importer.refresh_similar(store)
    click.echo(f"similar films: {count} lists")


@cli.group()
def token() -> None:
    """API tokens: who may write guides over HTTP (POST/PUT/DELETE /api/guides).

    A token is shown once, when created, and stored only as its SHA-256 hash.
    """


@token.command("create")
@click.option("--name", required=True, help="What to call it (letters, digits, '.', '_', '-').")
@db_option
def token_create(name: str, db: str | None) -> None:
    """Create a token; it is printed as the last line, and never shown again."""
    from filmguide.store.tokens import TokenError

    with open_store(db) as store:
        try:
            secret = store.create_token(name)
        except TokenError as error:
            _fail(str(error))
    click.echo(f"created token '{name}'; it is shown this once and stored only as a hash: copy it now.")
    click.echo(secret)


@token.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")
@db_option
def token_list(as_json: bool, db: str | None) -> None:
    """List the tokens: name, created, last used, revoked (never the tokens themselves)."""
    with open_store(db) as store:
        tokens = store.tokens()
    if as_json:
        _print_json(
            [
                {
                    "name": t.name,
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                    "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
                    "active": t.active,
                }
                for t in tokens
            ]
        )
        return
    if not tokens:
        click.echo("no tokens (create one with: filmguide token create --name NAME)", err=True)
    for t in tokens:
        used = _minute(t.last_used_at) if t.last_used_at else "never"
        state = f"revoked {_minute(t.revoked_at)}" if t.revoked_at else "active"
        click.echo(f"{t.name}\tcreated {_minute(t.created_at)}\tlast used {used}\t{state}")


def _minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@token.command("revoke")
@click.argument("name")
@db_option
def token_revoke(name: str, db: str | None) -> None:
    """Revoke a token at once; its name stays taken."""
    with open_store(db) as store:
        revoked = store.revoke_token(name)
    if revoked is None:
        _fail(f"no token named '{name}'")
    else:
        click.echo(f"revoked token '{name}' ({_minute(revoked.revoked_at or revoked.created_at)})")


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="FILMGUIDE_HOST",
    help="Address to listen on ($FILMGUIDE_HOST).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    envvar="FILMGUIDE_PORT",
    help="Port to listen on ($FILMGUIDE_PORT); a port another server holds is an error.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    envvar="FILMGUIDE_WORKERS",
    help="Worker processes sharing the database ($FILMGUIDE_WORKERS).",
)
@click.option(
    "--base-url",
    envvar=config.BASE_URL_ENV,
    default=None,
    metavar="URL",
    help="The site's public URL: canonical links, feeds and redirects use it, and other Host "
    "headers get 400 ($FILMGUIDE_BASE_URL).",
)
@click.option(
    "--allowed-hosts",
    envvar=config.ALLOWED_HOSTS_ENV,
    default="",
    metavar="HOSTS",
    help="More Host names answered, comma-separated ('.example.org' with its subdomains); "
    "without them or a base URL, only localhost ($FILMGUIDE_ALLOWED_HOSTS).",
)
@click.option(
    "--trusted-proxies",
    envvar=config.TRUSTED_PROXIES_ENV,
    default=config.DEFAULT_TRUSTED_PROXIES,
    show_default=True,
    metavar="ADDRESSES",
    help="Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, comma-separated "
    "($FILMGUIDE_TRUSTED_PROXIES).",
)
@click.option("--no-demo", is_flag=True, help="Do not load the demo guides into a new, empty database.")
@click.option(
    "--max-body",
    default=config.DEFAULT_MAX_BODY,
    show_default=True,
    type=click.IntRange(1),
    envvar=config.MAX_BODY_ENV,
    metavar="BYTES",
    help="Larger request bodies get 413, before they are read ($FILMGUIDE_MAX_BODY).",
)
@click.option(
    "--max-connections",
    default=config.DEFAULT_MAX_CONNECTIONS,
    show_default=True,
    type=click.IntRange(16, 65536),
    envvar=config.MAX_CONNECTIONS_ENV,
    help="Connections each worker holds open; more wait in the backlog ($FILMGUIDE_MAX_CONNECTIONS).",
)
@click.option(
    "--header-timeout",
    default=config.DEFAULT_HEADER_TIMEOUT,
    show_default=True,
    type=click.IntRange(1, 60),
    envvar=config.HEADER_TIMEOUT_ENV,
    metavar="SECONDS",
    help="Time a client has to send a request's headers, and to start its next request on a "
    "kept-alive connection ($FILMGUIDE_HEADER_TIMEOUT).",
)
@click.option(
    "--cache-mb",
    default=config.DEFAULT_CACHE_MB,
    show_default=True,
    type=click.IntRange(1, 4096),
    envvar=config.CACHE_MB_ENV,
    help="Megabytes of rendered pages and searches each worker keeps ($FILMGUIDE_CACHE_MB).",
)
@click.option(
    "--auth-failures",
    default=config.DEFAULT_AUTH_FAILURES,
    show_default=True,
    type=click.IntRange(1),
    envvar=config.AUTH_FAILURES_ENV,
    help="Failed API authentications an address may make a minute before 429 ($FILMGUIDE_AUTH_FAILURES).",
)
@click.option(
    "--hsts",
    is_flag=True,
    envvar=config.HSTS_ENV,
    help="Send Strict-Transport-Security: only when the site is reached over HTTPS ($FILMGUIDE_HSTS=1).",
)
@db_option
def serve(
    host: str,
    port: int,
    workers: int,
    base_url: str | None,
    allowed_hosts: str,
    trusted_proxies: str,
    no_demo: bool,
    max_body: int,
    max_connections: int,
    header_timeout: int,
    cache_mb: int,
    auth_failures: int,
    hsts: bool,
    db: str | None,
) -> None:
    """Serve the website and its JSON twins (granian, an HTTP server written in Rust, with uvloop).

    A new, empty database first receives the open catalog and the bundled demo guides. Limits
    against hostile traffic and their settings: docs/security.md.
    """
    import dataclasses
    import os
    import secrets

    from filmguide.web import life

    try:
        # The options, then the FILMGUIDE_* variables of the other settings: a bad value is one
        # line, before any worker starts.
        settings = config.Settings.from_environment(
            host=host,
            port=port,
            workers=workers,
            max_connections=max_connections,
            header_timeout=header_timeout,
            base_url=config.check_base_url(base_url) if base_url else None,
            allowed_hosts=config.parse_hosts(allowed_hosts),
            trusted_proxies=trusted_proxies,
            max_body=max_body,
            hsts=hsts,
            cache_mb=cache_mb,
            auth_failures=auth_failures,
        )
        life.check_port_free(host, port)
    except (ValueError, life.PortBusy) as error:
        _fail(str(error))
    with open_store(db, similar=False) as store:
        url = store.url_with_password
        if store.migrated and not no_demo and not store.list_guides():
            report = importer.import_paths(store, [importer.DEMO_DIR], warn=_warn)
            click.echo(f"new database: demo guides {report.summary()}", err=True)
        if store.migrated:
            importer.refresh_similar(store)
        store.index_pending()  # guides an import killed midway left out of search
    settings = dataclasses.replace(
        settings,
        database=url,
        # Every worker hashes readers with the same daily salt (docs/web.md, "Counting").
        secret=settings.secret or secrets.token_hex(32),
        parent_pid=os.getpid(),
    )
    if settings.base_url is None:
        click.echo(
            f"warning: no --base-url: answering only Host {', '.join(settings.hosts)}; "
            "give the public URL (or --allowed-hosts) to serve a site (docs/security.md)",
            err=True,
        )
    # Each connection is a file descriptor; the default soft limit (often 1,024) would refuse
    # connections long before --max-connections does.
    life.raise_open_files(max_connections * workers + 256)
    click.echo(f"serving http://{host}:{port}/ with {workers} worker(s)", err=True)
    life.run(settings)


@cli.command("export")
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--base-url",
    envvar="FILMGUIDE_BASE_URL",
    default=None,
    metavar="URL",
    help="The site's public URL: links, canonical URLs, sitemap and feed absolute on it "
    "($FILMGUIDE_BASE_URL; default: relative links).",
)
@click.option(
    "--api-base",
    default=None,
    metavar="URL",
    help="A running `filmguide serve` the share buttons (and browse filters) post to.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Render processes (default: one per core).",
)
@db_option
def export(
    directory: Path, base_url: str | None, api_base: str | None, workers: int | None, db: str | None
) -> None:
    """Write the whole site as static files into DIR, for nginx or a CDN (docs/deploy.md).

    Clean URLs (films/SLUG/index.html beside films/SLUG.json), people, browse pages, search (a
    compact index searched in the browser), sitemap, feed and assets. The same database gives the
    same bytes; a second run rewrites only files whose bytes changed and removes those that no
    longer belong.
    """
    from filmguide.export import ExportError, export_site
    from filmguide.web import cardimage

    cardimage.use_fonts(config.card_fonts())  # before the render processes fork
    with open_store(db) as store:
        try:
            report = export_site(
                store, directory, base_url=base_url, api_base=api_base, workers=workers, progress=True
            )
        except (ExportError, OSError) as error:
            _fail(str(error) if isinstance(error, ExportError) else f"cannot export to {directory}: {error}")
    click.echo(report.summary())


@cli.group("db")
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
            _fail(str(error))
        except OSError as error:
            _fail(f"cannot write {file}: {error.strerror or error}")
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
            _fail(str(error))
        except OSError as error:
            _fail(f"cannot read {file}: {error.strerror or error}")
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


def main() -> None:
    """Entry point: run the command, never letting an unexpected error print a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:  # the last guard: one line, never a traceback
        click.echo(f"error: unexpected {type(error).__name__}: {error}", err=True)
        sys.exit(1)


# The commands that keep guides from being lost, and the writers' desk's (accounts, new guides),
# register themselves on the groups above.
from filmguide import cli_desk, cli_keep  # noqa: E402, F401
