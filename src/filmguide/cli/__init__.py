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

import atexit
import os
import sys
import threading
from typing import NoReturn

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


def main() -> NoReturn:
    """Entry point: run the command, never letting an unexpected error print a traceback."""
    _leave(_run())


def _run() -> int | str | None:
    """Run the command line; its exit status (or message, as ``sys.exit`` takes one)."""
    try:
        result = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except SystemExit as stop:
        return stop.code
    except BrokenPipeError:
        return 1
    except Exception as error:  # the last guard: one line, never a traceback
        click.echo(f"error: unexpected {type(error).__name__}: {error}", err=True)
        return 1
    return result if isinstance(result, int) else 0  # an int: click's exit code (--version)


def _leave(code: int | str | None) -> NoReturn:
    """Exit with ``code`` as ``sys.exit`` would, less the interpreter's own teardown.

    Freeing every module and object one by one at exit took about 55 ms of a ``list`` or ``show``
    (a sixth of the whole command), for memory the system takes back at once. All else an exit
    does still happens, in its order: other threads are waited for, the exit handlers run
    (logging, temporary folders, process pools) and the output is flushed.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that went away (a closed pipe): nothing more can be said
        status = status or 1
    os._exit(status)
