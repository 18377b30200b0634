"""The import command on other sites' articles: --title for one file, warnings counted and listed
with their files, listing pages refused in one line, and nothing on stdout but the summary."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import run

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def test_import_title_names_the_film_of_one_file(db_url: str) -> None:
    article = SHAPES / "untitled-ending.txt"
    code, out, err = run("import", str(article), db=db_url)
    assert code == 1
    assert out.splitlines() == ["imported 0, updated 0, unchanged 0, failed 1"]
    assert "cannot tell which film" in err and "--title" in err

    code, out, err = run("import", str(article), "--title", "The Others", db=db_url)
    assert code == 0, err
    assert out.splitlines() == ["imported 1, updated 0, unchanged 0, failed 0, with warnings 1"]
    assert f"warning: {article}: no cast section" in err.splitlines()
    code, shown, _ = run("show", "the-others", db=db_url)
    assert code == 0 and '"title": "The Others"' in shown


def test_import_title_refuses_a_folder_or_several_files(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'g.db'}"
    for paths in ([str(SHAPES)], [str(SHAPES / "moon-ending.html"), str(SHAPES / "signs-ending.txt")]):
        code, out, err = run("import", *paths, "--title", "Moon", db=db)
        assert code == 1
        assert out == ""
        assert err == "error: --title names one film: give exactly one article file with it\n"


def test_summary_counts_warnings_and_lists_each_with_its_file(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("the-departed-cast.txt", "up-credits.html", "ending-explained-listing.txt"):
        shutil.copy(SHAPES / name, folder / name)
    code, out, err = run("import", str(folder), db=db_url)
    assert code == 1
    # stdout is the summary line alone: no blank line, no progress bar
    assert out == "imported 2, updated 0, unchanged 0, failed 1, with warnings 1\n"
    lines = err.splitlines()
    assert [line for line in lines if line.startswith("warning: ")] == [
        f"warning: {folder / 'up-credits.html'}: no cast section"
    ]
    failed = [line for line in lines if line.startswith("failed: ")]
    assert len(failed) == 1
    assert "ending-explained-listing.txt" in failed[0] and "a listing of several articles" in failed[0]


def test_parse_refuses_a_listing_page_in_one_line() -> None:
    code, out, err = run("parse", str(SHAPES / "ending-explained-archive.html"))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert "a listing of several articles (5 entries)" in err
