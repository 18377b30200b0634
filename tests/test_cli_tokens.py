"""API tokens: ``filmguide token create|list|revoke`` and the store under them, on both back ends.

The token is shown once (the last line of ``create``), only its SHA-256 is stored, a revoked
token stops verifying at once, and ``last_used_at`` is written at most once a minute.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from filmguide.store import Store
from filmguide.store.schema import api_tokens
from filmguide.store.tokens import TokenError
from tests.helpers import run, run_process


def create(db_url: str, name: str) -> tuple[int, str, str]:
    return run("token", "create", "--name", name, db=db_url)


def test_create_prints_the_token_last_and_stores_only_its_hash(store: Store, db_url: str) -> None:
    code, out, err = create(db_url, "ci-bot")
    assert code == 0, err
    lines = out.strip().splitlines()
    token = lines[-1]
    assert len(token) >= 40 and " " not in token
    assert "shown this once" in out and "ci-bot" in lines[0]

    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(select(api_tokens))]
    assert len(rows) == 1
    assert rows[0]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(rows, default=str)  # the token itself is nowhere
    assert store.verify_token(token) == "ci-bot"
    assert store.verify_token(token + "x") is None


def test_two_tokens_differ_and_each_verifies_as_its_own_name(store: Store, db_url: str) -> None:
    first = create(db_url, "one")[1].splitlines()[-1]
    second = create(db_url, "two")[1].splitlines()[-1]
    assert first != second
    assert store.verify_token(first) == "one"
    assert store.verify_token(second) == "two"


def test_a_taken_name_is_refused_in_one_line_even_after_revoking(store: Store, db_url: str) -> None:
    assert create(db_url, "editor")[0] == 0
    code, out, err = create(db_url, "editor")
    assert code == 1 and out == ""
    assert err.strip() == "error: a token named 'editor' exists already (names stay taken after revoking)"
    assert run("token", "revoke", "editor", db=db_url)[0] == 0
    assert create(db_url, "editor")[0] == 1
    assert len(store.tokens()) == 1


@pytest.mark.parametrize("name", ["", "-x", "has space", "x" * 101, "émile"])
def test_a_bad_name_is_refused(store: Store, db_url: str, name: str) -> None:
    code, _, err = create(db_url, name)
    assert code == 1
    assert err.startswith("error: a token name is 1 to 100 letters") and err.count("\n") == 1
    assert store.tokens() == []


def test_list_shows_names_dates_and_state_never_the_token(store: Store, db_url: str) -> None:
    token = create(db_url, "alpha")[1].splitlines()[-1]
    create(db_url, "beta")
    assert store.verify_token(token) == "alpha"
    run("token", "revoke", "beta", db=db_url)

    code, out, _ = run("token", "list", db=db_url)
    assert code == 0
    alpha, beta = out.strip().splitlines()
    assert (
        alpha.startswith("alpha\tcreated ") and alpha.endswith("\tactive") and "last used never" not in alpha
    )
    assert beta.startswith("beta\t") and "last used never" in beta and "\trevoked 20" in beta
    assert token not in out and hashlib.sha256(token.encode()).hexdigest() not in out

    listed = json.loads(run("token", "list", "--json", db=db_url)[1])
    assert [t["name"] for t in listed] == ["alpha", "beta"]
    assert listed[0]["active"] is True and listed[0]["revoked_at"] is None
    assert listed[0]["last_used_at"] is not None
    assert listed[1]["active"] is False and listed[1]["revoked_at"] is not None
    assert set(listed[0]) == {"name", "created_at", "last_used_at", "revoked_at", "active"}


def test_list_of_no_tokens_says_how_to_make_one(store: Store, db_url: str) -> None:
    code, out, err = run("token", "list", db=db_url)
    assert code == 0 and out == ""
    assert "filmguide token create --name NAME" in err


def test_revoke_stops_the_token_at_once_and_keeps_the_row(store: Store, db_url: str) -> None:
    token = create(db_url, "gone")[1].splitlines()[-1]
    assert store.verify_token(token) == "gone"
    code, out, _ = run("token", "revoke", "gone", db=db_url)
    assert code == 0 and out.startswith("revoked token 'gone'")
    assert store.verify_token(token) is None
    (info,) = store.tokens()
    assert info.name == "gone" and info.revoked_at is not None and not info.active
    first = info.revoked_at
    assert run("token", "revoke", "gone", db=db_url)[0] == 0  # again: harmless, first date kept
    assert store.tokens()[0].revoked_at == first


def test_revoking_an_unknown_name_is_one_line_and_exit_1(store: Store, db_url: str) -> None:
    result = run_process("token", "revoke", "nobody", "--db", db_url)
    assert result.returncode == 1
    assert result.stderr == "error: no token named 'nobody'\n"
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_last_used_is_written_at_most_once_a_minute(store: Store) -> None:
    token = store.create_token("busy")
    assert store.tokens()[0].last_used_at is None
    assert store.verify_token(token) == "busy"
    first = store.tokens()[0].last_used_at
    assert first is not None

    def set_last_used(moment: datetime) -> None:
        with store.engine.begin() as conn:
            conn.execute(update(api_tokens).values(last_used_at=moment))

    recent = datetime.now(UTC) - timedelta(seconds=30)
    set_last_used(recent)
    assert store.verify_token(token) == "busy"
    assert abs(store.tokens()[0].last_used_at - recent) < timedelta(milliseconds=1)  # type: ignore[operator]

    old = datetime.now(UTC) - timedelta(minutes=2)
    set_last_used(old)
    assert store.verify_token(token) == "busy"
    assert store.tokens()[0].last_used_at > old + timedelta(minutes=1)  # type: ignore[operator]


def test_the_store_refuses_bad_and_taken_names(store: Store) -> None:
    store.create_token("a")
    with pytest.raises(TokenError, match="exists already"):
        store.create_token("a")
    with pytest.raises(TokenError, match="a token name is"):
        store.create_token("a b")
    assert store.revoke_token("nobody") is None
    assert store.verify_token("") is None
    assert store.verify_token("x" * 1000) is None
