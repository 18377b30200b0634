"""API tokens: ``token create``, ``token list``, ``token revoke``."""

from __future__ import annotations

import click

from filmguide.cli.common import JSON_OPTION, db_option, fail, minute, name_and_db, open_store, print_objects


@click.group()
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
            fail(str(error))
    click.echo(f"created token '{name}'; it is shown this once and stored only as a hash: copy it now.")
    click.echo(secret)


@token.command("list")
@JSON_OPTION
@db_option
def token_list(as_json: bool, db: str | None) -> None:
    """List the tokens: name, created, last used, revoked (never the tokens themselves)."""
    with open_store(db) as store:
        tokens = store.tokens()
    if as_json:
        print_objects(tokens, "name", "created_at", "last_used_at", "revoked_at", "active")
        return
    if not tokens:
        click.echo("no tokens (create one with: filmguide token create --name NAME)", err=True)
    for t in tokens:
        used = minute(t.last_used_at) if t.last_used_at else "never"
        state = f"revoked {minute(t.revoked_at)}" if t.revoked_at else "active"
        click.echo(f"{t.name}\tcreated {minute(t.created_at)}\tlast used {used}\t{state}")


@token.command("revoke")
@name_and_db
def token_revoke(name: str, db: str | None) -> None:
    """Revoke a token at once; its name stays taken."""
    with open_store(db) as store:
        revoked = store.revoke_token(name)
    if revoked is None:
        fail(f"no token named '{name}'")
    else:
        click.echo(f"revoked token '{name}' ({minute(revoked.revoked_at or revoked.created_at)})")


COMMANDS = (token,)
