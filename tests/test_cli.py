"""The ``filmguide`` command, end to end: in-process with click's runner, and as a real process
where what matters is what a user sees (one error line, no traceback, the exit code)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, SEED
from tests.helpers import run, run_process

SCHEMA_KEYS = {
    "title", "year", "directors", "intro", "summary", "ending", "post_credits", "film_type", "cast",
    "music", "locations", "awards", "behind_the_scenes", "inspirations", "alternate_endings",
    "adaptation", "key_scenes", "quotes", "easter_eggs", "trivia", "why_watch", "director_films",
    "recommendations", "extra_sections",
}  # fmt: skip


def test_parse_prints_the_schema_keys_as_json() -> None:
    code, out, _ = run("parse", str(SEED))
    guide = json.loads(out)
    assert code == 0
    assert set(guide) >= SCHEMA_KEYS
    assert guide["title"] == "Leaving Las Vegas"
    assert guide["post_credits"]["has_scenes"] is False


def test_parse_writes_markdown_that_parses_back_to_the_same_guide(tmp_path: Path) -> None:
    code, markdown, _ = run("parse", str(SEED), "--format", "markdown")
    assert code == 0
    assert markdown.startswith("---\ntitle: Leaving Las Vegas\n")
    path = tmp_path / "guide.md"
    path.write_text(markdown, encoding="utf-8")
    assert json.loads(run("parse", str(path))[1]) == json.loads(run("parse", str(SEED))[1])


def test_parse_title_override() -> None:
    code, out, _ = run("parse", str(SEED), "--title", "Leaving Las Vegas (Director’s Cut)")
    assert code == 0
    assert json.loads(out)["title"] == "Leaving Las Vegas (Director’s Cut)"


def test_import_a_folder_then_list_show_and_delete(db_url: str) -> None:
    code, out, err = run("import", str(ARTICLES), db=db_url)
    assert code == 0, err
    # requiem-for-a-dream.txt and .html are the same article: the second changes nothing.
    # Amélie and Blue Valentine are not in the open catalog: imported, with a warning each.
    assert out.splitlines() == ["imported 6, updated 0, unchanged 1, failed 0, with warnings 2"]
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert [w.rsplit(": ", 1)[1] for w in warnings] == ["title not in the catalog"] * 2
    assert {Path(w.split(": ")[1]).name for w in warnings} == {"amelie.html", "blue-valentine.md"}

    listed = json.loads(run("list", "--json", db=db_url)[1])
    slugs = [g["slug"] for g in listed]
    assert slugs == sorted(slugs, key=lambda s: s.replace("-", " "))
    assert {"slug": "casablanca", "title": "Casablanca", "year": 1942} in listed
    assert len(listed) == 6

    code, out, _ = run("show", "midnight-cowboy", db=db_url)
    assert code == 0
    assert json.loads(out)["cast"][1] == {"actor": "Dustin Hoffman", "character": "Enrico “Ratso” Rizzo"}

    assert run("delete", "casablanca", db=db_url)[0] == 0
    assert run("show", "casablanca", db=db_url)[0] == 1
    assert len(json.loads(run("list", "--json", db=db_url)[1])) == 5


def test_importing_again_updates_and_never_duplicates(db_url: str, tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("import", str(article), db=db_url)[1].strip() == "imported 1, updated 0, unchanged 0, failed 0"
    assert run("import", str(article), db=db_url)[1].strip() == "imported 0, updated 0, unchanged 1, failed 0"

    article.write_text(SEED.read_text(encoding="utf-8") + "\nTrivia\n- One more fact.\n", encoding="utf-8")
    assert run("import", str(article), db=db_url)[1].strip() == "imported 0, updated 1, unchanged 0, failed 0"
    listed = json.loads(run("list", "--json", db=db_url)[1])
    assert [g["slug"] for g in listed] == ["leaving-las-vegas"]
    shown = json.loads(run("show", "leaving-las-vegas", db=db_url)[1])
    assert shown["trivia"][-1] == "One more fact."


def test_a_bad_file_in_a_folder_fails_alone(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("Just a line of text.\nAnd another one.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder\n", encoding="utf-8")

    code, out, err = run("import", str(tmp_path), db=db_url)

    assert code == 1
    assert out.strip().splitlines()[-1] == "imported 1, updated 0, unchanged 0, failed 2"
    failures = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 2
    assert any("empty.txt" in f and "empty" in f for f in failures)
    assert any("notes.txt" in f and "no recognised section heading" in f for f in failures)
    assert [g["slug"] for g in json.loads(run("list", "--json", db=db_url)[1])] == ["leaving-las-vegas"]


def test_show_and_delete_of_an_unknown_slug_fail_with_one_line(db_url: str) -> None:
    for command in ("show", "delete"):
        code, out, err = run(command, "no-such-film", db=db_url)
        assert code == 1
        assert out == ""
        assert err.strip() == "error: no guide with slug 'no-such-film'"


def test_db_option_before_the_command_and_environment_variable(tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert run("--db", str(first), "import", str(SEED))[0] == 0
    assert json.loads(run("--db", str(first), "list", "--json")[1])[0]["slug"] == "leaving-las-vegas"

    result = run_process("list", "--json", env={"FILMGUIDE_DB": str(second)})
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert second.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"A" * (5 * 1024 * 1024), "no recognised section heading"),
        (b"Just some words.\nNo headings at all.\n", "no recognised section heading"),
    ],
    ids=["empty", "binary", "5MB-line", "no-sections"],
)
def test_bad_input_is_one_line_naming_the_file_and_nothing_is_written(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(content)
    database = tmp_path / "guides.db"

    result = run_process("import", str(article), "--db", str(database))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(article) in lines[0] and expected in lines[0]
    assert result.stdout.strip() == "imported 0, updated 0, unchanged 0, failed 1"
    listed = run_process("list", "--json", "--db", str(database))
    assert json.loads(listed.stdout) == []


def test_missing_path_and_bad_database_url_are_one_line_errors(tmp_path: Path) -> None:
    missing = run_process("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"error: {tmp_path / 'nope.txt'}: no such file"

    bad_url = run_process("list", "--db", "mysql://localhost/films")
    assert bad_url.returncode == 1
    assert "Traceback" not in bad_url.stderr
    assert bad_url.stderr.strip().startswith("error: unsupported database 'mysql://localhost/films'")


def test_an_unreachable_postgresql_is_one_line(tmp_path: Path) -> None:
    result = run_process("list", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: cannot open the database:")


def test_cp1252_text_is_read_with_a_warning(tmp_path: Path) -> None:
    article = tmp_path / "amelie.txt"
    text = SEED.read_text(encoding="utf-8").replace("Leaving Las Vegas", "Amélie").replace("⇢", "")
    article.write_bytes(text.encode("cp1252"))

    result = run_process("parse", str(article))

    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Amélie"
    assert result.stderr.strip() == f"warning: {article}:1: not UTF-8; read as cp1252"


def test_demo_load_is_idempotent(db_url: str) -> None:
    first = run("demo", "load", db=db_url)
    second = run("demo", "load", db=db_url)
    assert first[0] == 0 and second[0] == 0
    assert first[1].strip() == "imported 6, updated 0, unchanged 0, failed 0"
    assert second[1].strip() == "imported 0, updated 0, unchanged 6, failed 0"


def test_db_migrate_and_status_on_either_back_end(db_url: str) -> None:
    from filmguide.store import head_revision

    head = head_revision()
    assert run("import", str(SEED), db=db_url)[0] == 0
    assert run("db", "migrate", db=db_url) == (0, f"schema at {head} (head {head})\n", "")
    code, out, err = run("db", "status", db=db_url)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"database: {db_url}", f"schema: {head} (head {head})", "guides: 1"]


def test_db_option_and_environment_variable_name_either_back_end(db_url: str) -> None:
    assert run("--db", db_url, "import", str(SEED))[0] == 0
    result = run_process("list", "--json", env={"FILMGUIDE_DB": db_url})
    assert result.returncode == 0, result.stderr
    assert [g["slug"] for g in json.loads(result.stdout)] == ["leaving-las-vegas"]
