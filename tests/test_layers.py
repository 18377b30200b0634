"""The package's layers as docs/architecture.md draws them: imports run one way (cli, export, web,
importer, store, the readers and analyses, the model) and no two modules or packages import each
other. The contracts are ``[tool.importlinter]`` in pyproject.toml, checked by import-linter; the
known exceptions are listed there, and one that is gone must leave the list too."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_layers_run_one_way_and_nothing_imports_in_a_circle(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "2 kept, 0 broken" in report
