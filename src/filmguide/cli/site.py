"""The site: ``serve`` runs it (granian, :mod:`filmguide.web.life`), ``export`` writes it as files.

``serve`` makes the one :class:`~filmguide.config.Settings` from its options and the other
``FILMGUIDE_*`` variables, and its workers receive that object, whole.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from filmguide import config
from filmguide.cli.common import F, db_option, fail, open_store, warn


def _number(
    flag: str, env: str, default: int, low: int, high: int | None, text: str, **more: Any
) -> Callable[[F], F]:
    """A whole-number option of ``serve``, read from ``$env`` too, its default and range shown."""
    kind = click.IntRange(low, high)
    return click.option(flag, default=default, show_default=True, type=kind, envvar=env, help=text, **more)


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="FILMGUIDE_HOST",
    help="Address to listen on ($FILMGUIDE_HOST).",
)
@_number(
    "--port",
    "FILMGUIDE_PORT",
    8000,
    1,
    65535,
    "Port to listen on ($FILMGUIDE_PORT); a port another server holds is an error.",
)
@_number(
    "--workers", "FILMGUIDE_WORKERS", 1, 1, 64, "Worker processes sharing the database ($FILMGUIDE_WORKERS)."
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
@_number(
    "--max-body",
    config.MAX_BODY_ENV,
    config.DEFAULT_MAX_BODY,
    1,
    None,
    "Larger request bodies get 413, before they are read ($FILMGUIDE_MAX_BODY).",
    metavar="BYTES",
)
@_number(
    "--max-connections",
    config.MAX_CONNECTIONS_ENV,
    config.DEFAULT_MAX_CONNECTIONS,
    16,
    65536,
    "Connections each worker holds open; more wait in the backlog ($FILMGUIDE_MAX_CONNECTIONS).",
)
@_number(
    "--header-timeout",
    config.HEADER_TIMEOUT_ENV,
    config.DEFAULT_HEADER_TIMEOUT,
    1,
    60,
    "Time a client has to send a request's headers, and to start its next request on a "
    "kept-alive connection ($FILMGUIDE_HEADER_TIMEOUT).",
    metavar="SECONDS",
)
@_number(
    "--cache-mb",
    config.CACHE_MB_ENV,
    config.DEFAULT_CACHE_MB,
    1,
    4096,
    "Megabytes of rendered pages and searches each worker keeps ($FILMGUIDE_CACHE_MB).",
)
@_number(
    "--auth-failures",
    config.AUTH_FAILURES_ENV,
    config.DEFAULT_AUTH_FAILURES,
    1,
    None,
    "Failed API authentications an address may make a minute before 429 ($FILMGUIDE_AUTH_FAILURES).",
)
@click.option(
    "--hsts",
    is_flag=True,
    envvar=config.HSTS_ENV,
    help="Send Strict-Transport-Security: only when the site is reached over HTTPS ($FILMGUIDE_HSTS=1).",
)
@db_option
def serve(base_url: str | None, allowed_hosts: str, no_demo: bool, db: str | None, **options: Any) -> None:
    """Serve the website and its JSON twins (granian, an HTTP server written in Rust, with uvloop).

    A new, empty database first receives the open catalog and the bundled demo guides. Limits
    against hostile traffic and their settings: docs/security.md.
    """
    import dataclasses
    import os
    import secrets

    from filmguide import importer
    from filmguide.web import life

    try:
        # The options (named as the settings are), then the FILMGUIDE_* variables of the other
        # settings: a bad value is one line, before any worker starts.
        settings = config.Settings.from_environment(
            base_url=config.check_base_url(base_url) if base_url else None,
            allowed_hosts=config.parse_hosts(allowed_hosts),
            **options,
        )
        life.check_port_free(settings.host, settings.port)
    except (ValueError, life.PortBusy) as error:
        fail(str(error))
    with open_store(db, similar=False) as store:
        url = store.url_with_password
        if store.migrated and not no_demo and not store.list_guides():
            report = importer.import_paths(store, [importer.DEMO_DIR], warn=warn)
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
    life.raise_open_files(settings.max_connections * settings.workers + 256)
    click.echo(f"serving http://{settings.host}:{settings.port}/ with {settings.workers} worker(s)", err=True)
    life.run(settings)


@click.command("export")
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
            fail(str(error) if isinstance(error, ExportError) else f"cannot export to {directory}: {error}")
    click.echo(report.summary())


COMMANDS = (serve, export)
