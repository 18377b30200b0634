"""The package's layers as docs/architecture.md draws them: imports run one way (cli, export, web,
importer, store, the readers and analyses, the model) and no two modules or packages import each
other. The contracts are ``[tool.importlinter]`` in pyproject.toml, checked by import-linter; the
known exceptions are listed there, and one that is gone must leave the list too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
#: import-linter's command, run in a process of its own: in this one, its logging set-up
#: (``dictConfig``) would disable every logger made before it, and later tests read those logs.
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def test_the_layers_run_one_way_and_nothing_imports_in_a_circle() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--config", str(PYPROJECT), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout
