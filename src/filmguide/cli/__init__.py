"""The ``filmguide`` command: a thin click layer, every command calling the modules below it.

Errors the user can fix (a bad article, a missing guide, an unreachable database) end as one line
on stderr and a non-zero exit, never a traceback.

The commands live in modules named for what they hold (:mod:`~filmguide.cli.guides`,
:mod:`~filmguide.cli.site`, :mod:`~filmguide.cli.database`, :mod:`~filmguide.cli.keep`…). Each
imports what its command needs when that command runs, so ``filmguide --version`` and
``--help`` load click and little else, and ``list`` or ``show`` no reader, importer or web
(``bench/bench_cli.py``; ``tests/test_cli_startup.py`` holds it).
"""

from __future__ import annotations

import sys

import click

from filmguide import __version__
from filmguide.cli import catalog, database, desk, guides, keep, site, tokens
from filmguide.cli.common import db_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="filmguide")
@db_option
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """filmguide: turn film articles into structured guides, keep them, and serve them.

    --db may stand before the command or after it.
    """
    ctx.obj = db


for _module in (guides, catalog, tokens, site, keep, desk):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
cli.add_command(database.db_group)


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
