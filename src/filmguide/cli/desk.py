"""Commands of the writers' desk: accounts (``user …``) and a new guide's skeleton (``new``).

docs/desk.md tells the writers' side, docs/security.md the sessions and CSRF.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from filmguide.cli.common import (
    JSON_OPTION,
    db_option,
    fail,
    minute,
    name_and_db,
    open_store,
    print_objects,
)

#: The roles an account may have: ``store.schema.USER_ROLES``, written out so that the command
#: line starts without loading the store (a test holds the two equal).
ROLES = ("editor", "admin")
ROLE = click.Choice(ROLES)
#: How ``user create`` and ``user set-password`` take the password from a script.
PASSWORD_STDIN = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)


@click.group()
def user() -> None:
    """Accounts of the writers' desk (/desk): editors write and publish; admins also manage
    accounts and API tokens. Passwords are kept as argon2 hashes only."""


def _read_password(from_stdin: bool) -> str:
    """The new password: the first line of stdin with --password-stdin, else asked twice."""
    from filmguide.accounts import PasswordError, check_password

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        return check_password(password)
    except PasswordError as error:
        fail(str(error))


@user.command("create")
@click.argument("name")
@click.option("--role", type=ROLE, required=True, help="editor: drafts and publishing; admin: also accounts.")
@PASSWORD_STDIN
@db_option
def user_create(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create an account (the password is prompted for unless --password-stdin)."""
    from filmguide.accounts import hash_password
    from filmguide.store.desk import DeskStore
    from filmguide.store.users import UserError, check_name

    try:
        check_name(name)
    except UserError as error:
        fail(str(error))
    password = _read_password(password_stdin)
    with open_store(db) as store:
        try:
            DeskStore(store).create_user(name, role, hash_password(password))
        except UserError as error:
            fail(str(error))
    click.echo(f"created {role} '{name}'")


@user.command("list")
@JSON_OPTION
@db_option
def user_list(as_json: bool, db: str | None) -> None:
    """List the accounts: name, role, created (never a password or its hash)."""
    from filmguide.store.desk import DeskStore

    with open_store(db) as store:
        users = DeskStore(store).users()
    if as_json:
        print_objects(users, "name", "role", "created_at")
        return
    if not users:
        click.echo("no accounts (create one with: filmguide user create NAME --role editor)", err=True)
    for u in users:
        click.echo(f"{u.name}\t{u.role}\tcreated {minute(u.created_at)}")


@user.command("set-password")
@PASSWORD_STDIN
@name_and_db
def user_set_password(name: str, password_stdin: bool, db: str | None) -> None:
    """Change an account's password; every browser signed in with it is signed out."""
    from filmguide.accounts import hash_password
    from filmguide.store.desk import DeskStore

    password = _read_password(password_stdin)
    with open_store(db) as store:
        if not DeskStore(store).set_password(name, hash_password(password)):
            fail(f"no user named '{name}'")
    click.echo(f"changed the password of '{name}'; its sessions are signed out")


@user.command("delete")
@name_and_db
def user_delete(name: str, db: str | None) -> None:
    """Delete an account and sign it out everywhere (its drafts stay)."""
    from filmguide.store.desk import DeskStore

    with open_store(db) as store:
        if not DeskStore(store).delete_user(name):
            fail(f"no user named '{name}'")
    click.echo(f"deleted user '{name}'")


@click.command("new")
@click.argument("title")
@click.option(
    "--year", type=click.IntRange(1870, 2100), default=None, help="The film's year, to tell remakes apart."
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the skeleton to this file (refused if it exists) instead of printing it.",
)
@db_option
def new(title: str, year: int | None, output: Path | None, db: str | None) -> None:
    """Start a guide: a Markdown skeleton with the template's sections, the catalog's facts, the
    director's other films and the recommendations (a film outside the catalog: the headings)."""
    from filmguide.web.desk.skeleton import film_skeleton

    if not title.strip():
        fail("the title is empty")
    with open_store(db) as store:
        text = film_skeleton(store, title.strip(), year)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        fail(f"{output}: exists already; give another file")
    try:
        _write_new(output, text)
    except OSError as error:
        fail(f"{output}: cannot write: {error.strerror or error}")
    click.echo(f"wrote {output}", err=True)


def _write_new(path: Path, text: str) -> None:
    """Write the file whole or not at all (a temporary file renamed into place)."""
    import tempfile  # (shutil, random and the compressors: not for every command's start)

    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=".filmguide-new-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


COMMANDS = (user, new)
