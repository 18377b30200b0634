"""``filmguide import`` and ``parse`` given a WordPress export, through the command line."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress"


def test_import_prints_one_summary_line_and_names_the_draft(tmp_path: Path) -> None:
    db = str(tmp_path / "site.db")
    code, out, err = run("import", str(FIXTURES / "block-editor.xml"), db=db)
    assert code == 0
    assert out == (
        "imported 3, updated 0, unchanged 0, failed 0, "
        "skipped 5 (attachments 1, drafts 1, menu items 1, pages 1, revisions 1)\n"
    )
    assert "post 104 “Nope (2022) Ending Explained”: not published (draft), skipped" in err
    code, out, _ = run("import", str(FIXTURES / "block-editor.xml"), db=db)
    assert code == 0 and out.startswith("imported 0, updated 0, unchanged 3, failed 0")


def test_an_entity_bomb_fails_the_command_in_one_line(tmp_path: Path) -> None:
    bomb = FIXTURES / "billion-laughs.xml"
    code, out, err = run("import", str(bomb), db=str(tmp_path / "site.db"))
    assert code == 1
    assert err.splitlines() == [f"failed: {bomb}: refused: the XML declares a DTD or entities (DTDForbidden)"]
    assert out == "imported 0, updated 0, unchanged 0, failed 1\n"


def test_parse_points_an_export_to_import() -> None:
    export = FIXTURES / "rest-posts.json"
    code, out, err = run("parse", str(export))
    assert code == 1 and out == ""
    assert "a WordPress export, holding many posts: bring it in with 'filmguide import'" in err
