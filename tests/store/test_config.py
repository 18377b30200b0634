"""Where the database is: the ``--db`` option, then ``FILMGUIDE_DB``, then the user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from filmguide import config
from filmguide.config import database_url


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "filmguide"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda appname=None, *a, **k: str(folder))
    monkeypatch.delenv("FILMGUIDE_DB", raising=False)
    return folder


def test_the_default_is_a_file_in_the_user_data_folder(data_dir: Path) -> None:
    url = database_url(None)

    assert url == f"sqlite:///{data_dir / 'filmguide.db'}"
    assert data_dir.is_dir()  # created


def test_the_environment_variable_comes_before_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILMGUIDE_DB", "postgresql://postgres@127.0.0.1:5432/films")
    assert database_url(None) == "postgresql://postgres@127.0.0.1:5432/films"


def test_the_option_comes_before_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FILMGUIDE_DB", "postgresql://postgres@127.0.0.1:5432/films")
    assert database_url(str(tmp_path / "mine.db")) == f"sqlite:///{tmp_path / 'mine.db'}"


def test_an_empty_environment_variable_is_unset(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.setenv("FILMGUIDE_DB", "")
    assert database_url(None) == f"sqlite:///{data_dir / 'filmguide.db'}"


def test_a_bare_path_becomes_an_absolute_sqlite_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_url("guides.db") == f"sqlite:///{tmp_path / 'guides.db'}"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert database_url("~/x.db") == f"sqlite:///{tmp_path / 'x.db'}"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///relative.db",
        "sqlite:////absolute/path.db",
        "postgresql://postgres@127.0.0.1:5432/filmguide",
        "postgresql+psycopg://user:secret@db.example:6543/films",
    ],
)
def test_urls_are_kept(url: str) -> None:
    assert database_url(url) == url


@pytest.mark.parametrize(
    "value",
    [
        "mysql://root@localhost/films",
        "http://example.com/db",
        "sqlite:films.db",
        "postgresql://host-only",
        "  ",
    ],
)
def test_anything_else_is_refused(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError):
        config.normalize_database_url(value)
    monkeypatch.setenv("FILMGUIDE_DB", value)
    if value.strip():
        with pytest.raises(ValueError):
            database_url(None)
