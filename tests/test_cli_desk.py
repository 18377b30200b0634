"""The desk's commands on both back ends: ``user create|list|set-password|delete`` and ``new``;
the store's accounts, sessions, throttle records and drafts under them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from filmguide.accounts import hash_password, verify_password
from filmguide.article import parse_text
from filmguide.article.headings import CANONICAL
from filmguide.catalog import load_catalog
from filmguide.store import Store
from filmguide.store.desk import DeskStore
from filmguide.store.drafts import StaleDraft
from filmguide.store.schema import users
from filmguide.store.users import UserError
from tests.helpers import run

PASSWORD = "a long enough password"


def test_user_create_from_stdin_keeps_only_an_argon2_hash(store: Store, db_url: str) -> None:
    code, out, err = run(
        "user", "create", "ann", "--role", "editor", "--password-stdin", db=db_url, stdin=PASSWORD + "\n"
    )
    assert code == 0, err
    assert out.strip() == "created editor 'ann'"
    with store.engine.connect() as conn:
        stored = str(conn.scalar(select(users.c.password_hash)))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert verify_password(stored, PASSWORD) and not verify_password(stored, PASSWORD + "x")
    code, out, _ = run("user", "list", "--json", db=db_url)
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("ann", "editor")]


def test_user_create_prompts_twice_without_stdin(store: Store, db_url: str) -> None:
    code, _, err = run(
        "user", "create", "bo", "--role", "admin", db=db_url, stdin=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert code == 0, err
    assert [u.role for u in DeskStore(store).users()] == ["admin"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ("user", "create", "ann", "--role", "editor", "--password-stdin"),
            "short\n",
            "at least 10 characters",
        ),
        (
            ("user", "create", "bad name!", "--role", "editor", "--password-stdin"),
            PASSWORD + "\n",
            "a user name is",
        ),
        (("user", "set-password", "nobody", "--password-stdin"), PASSWORD + "\n", "no user named 'nobody'"),
        (("user", "delete", "nobody"), "", "no user named 'nobody'"),
    ],
)
def test_bad_user_commands_fail_in_one_line(
    db_url: str, args: tuple[str, ...], stdin: str, message: str
) -> None:
    code, out, err = run(*args, db=db_url, stdin=stdin)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


def test_a_taken_name_and_a_bad_role_are_refused(store: Store, db_url: str) -> None:
    desk = DeskStore(store)
    desk.create_user("ann", "editor", hash_password(PASSWORD))
    with pytest.raises(UserError, match="exists already"):
        desk.create_user("ann", "admin", hash_password(PASSWORD))
    with pytest.raises(UserError, match="a role is one of"):
        desk.create_user("cy", "owner", hash_password(PASSWORD))
    code, _, err = run(
        "user", "create", "ann", "--role", "admin", "--password-stdin", db=db_url, stdin=PASSWORD + "\n"
    )
    assert code == 1 and "exists already" in err


def test_set_password_and_delete_revoke_sessions(store: Store, db_url: str) -> None:
    desk = DeskStore(store)
    user = desk.create_user("ann", "editor", hash_password(PASSWORD))
    later = datetime.now(UTC) + timedelta(hours=1)
    desk.open_session(user.id, "a" * 64, later)
    assert desk.session_user("a" * 64) == user
    assert (
        run("user", "set-password", "ann", "--password-stdin", db=db_url, stdin="another long password\n")[0]
        == 0
    )
    assert desk.session_user("a" * 64) is None
    found = desk.user("ann")
    assert found is not None and verify_password(found[1], "another long password")
    desk.open_session(user.id, "b" * 64, later)
    assert run("user", "delete", "ann", db=db_url)[0] == 0
    assert desk.session_user("b" * 64) is None and desk.users() == []


def test_an_expired_session_is_no_session(store: Store) -> None:
    desk = DeskStore(store)
    user = desk.create_user("ann", "editor", hash_password(PASSWORD))
    desk.open_session(user.id, "c" * 64, datetime.now(UTC) - timedelta(seconds=1))
    assert desk.session_user("c" * 64) is None


def test_failures_count_per_account_and_client_within_the_window(store: Store) -> None:
    desk = DeskStore(store)
    for client in ("one", "one", "two"):
        desk.record_failure("ann", client)
    since = datetime.now(UTC) - timedelta(minutes=5)
    by_account, by_client, oldest = desk.failures("ann", "one", since)
    assert (by_account, by_client) == (3, 2) and oldest is not None
    assert desk.failures("bo", "two", since)[:2] == (0, 1)
    assert desk.failures("ann", "one", datetime.now(UTC) + timedelta(seconds=1))[:2] == (0, 0)
    desk.forget_failures("ann")
    assert desk.failures("ann", "three", since)[:2] == (0, 0)


def test_drafts_are_guarded_by_their_version(store: Store) -> None:
    desk = DeskStore(store)
    first = desk.save_draft(
        "heat", title="Heat", markdown="one", author="ann", base_revision=None, expect=None
    )
    assert first.version == 1
    with pytest.raises(StaleDraft) as stale:
        desk.save_draft("heat", title="Heat", markdown="two", author="bo", base_revision=None, expect=None)
    assert stale.value.current is not None and stale.value.current.markdown == "one"
    second = desk.save_draft("heat", title="Heat", markdown="two", author="bo", base_revision=None, expect=1)
    assert (second.version, second.author, desk.draft("heat")) == (2, "bo", second)
    assert [d.slug for d in desk.drafts()] == ["heat"]
    assert desk.discard_draft("heat") and desk.draft("heat") is None and not desk.discard_draft("heat")


def test_new_prints_the_template_with_the_catalog_facts(store: Store, db_url: str) -> None:
    wanted = {"the-dark-knight", "batman-begins", "inception", "memento"}
    store.load_catalog([film for film in load_catalog() if film.slug in wanted])
    store.save_similar({})
    code, out, err = run("new", "The Dark Knight", db=db_url)
    assert code == 0, err
    headings = [line.lstrip("#").strip() for line in out.splitlines() if line.startswith("#")]
    assert headings == list(CANONICAL.values())
    assert "year: 2008" in out and "- Christopher Nolan" in out
    assert "runs 152 minutes" in out and "budget of $185.0 million" in out and "rated PG-13" in out
    director_films = out.split("## Director’s Other Movies")[1].split("##")[0]
    assert "- Memento (2001)" in director_films and "- Inception (2010)" in director_films
    assert "The Dark Knight" not in director_films
    guide = parse_text(out, fmt="markdown", name="skeleton")  # the skeleton reads back as a guide
    assert (guide.title, guide.year, guide.directors) == ("The Dark Knight", 2008, ["Christopher Nolan"])


def test_new_outside_the_catalog_is_the_bare_skeleton(tmp_path: Path, db_url: str) -> None:
    target = tmp_path / "heat.md"
    code, out, err = run("new", "A Film Nobody Made", "--year", "2031", "-o", str(target), db=db_url)
    assert code == 0 and out == "" and "wrote" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: A Film Nobody Made\nyear: 2031\n---")
    assert "\n- " not in text  # no facts, no lists: the headings alone
    code, _, err = run("new", "A Film Nobody Made", "-o", str(target), db=db_url)
    assert code == 1 and "exists already" in err and target.read_text(encoding="utf-8") == text


def test_dump_and_load_carry_accounts_and_drafts_and_refuse_to_overwrite_them(
    store: Store, tmp_path: Path
) -> None:
    import io

    from filmguide.store.dump import DumpError

    desk = DeskStore(store)
    desk.create_user("ann", "editor", hash_password(PASSWORD))
    desk.save_draft("heat", title="Heat", markdown="text", author="ann", base_revision=None, expect=None)
    out = io.BytesIO()
    store.dump(out)
    with Store.open(f"sqlite:///{tmp_path / 'copy.db'}") as copy:
        copy.load(io.BytesIO(out.getvalue()), "dump")
        copied = DeskStore(copy)
        found = copied.user("ann")
        assert found is not None and verify_password(found[1], PASSWORD)
        draft = copied.draft("heat")
        assert draft is not None and (draft.markdown, draft.author) == ("text", "ann")
        with pytest.raises(DumpError, match="replace"):
            copy.load(io.BytesIO(out.getvalue()), "dump")
