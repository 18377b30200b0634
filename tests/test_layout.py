"""The tests' own layout: no test module imports another (shared helpers live in
``tests/helpers.py``, fixtures in the ``conftest.py`` files), so a test module can be moved,
renamed or run alone without breaking others."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def is_test_module(name: str) -> bool:
    """``tests.test_cli``, ``tests.web.test_api``: a dotted name whose last part is a test module."""
    parts = name.split(".")
    return parts[0] == "tests" and any(part.startswith("test_") for part in parts[1:])


def imported_modules(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """Every module an ``import`` or ``from … import`` in ``package`` names (at any depth: inside
    functions too), with its line; ``from tests.web import test_api`` names
    ``tests.web.test_api``, and relative imports are resolved against ``package``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def test_no_test_module_imports_another() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("test_*.py")):
        if "node_modules" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = ".".join(path.parent.relative_to(TESTS.parent).parts)
        for line, name in imported_modules(tree, package):
            if is_test_module(name):
                offenders.append(f"{path.relative_to(TESTS.parent)}:{line} imports {name}")
    assert offenders == [], "move what is shared to tests/helpers.py or a conftest fixture:\n" + "\n".join(
        offenders
    )


def test_the_check_sees_each_way_of_importing_a_test_module() -> None:
    source = (
        "from tests.test_cli import run\n"
        "import tests.web.test_api\n"
        "def f():\n    from tests.web import test_workers\n"
        "from . import test_export\n"
        "from .conftest import html_tree\n"
        "from tests.helpers import run\n"
        "from tests.web.conftest import WebClient\n"
    )
    names = [name for _, name in imported_modules(ast.parse(source), "tests.web")]
    flagged = [name for name in names if is_test_module(name)]
    assert sorted(flagged) == [
        "tests.test_cli",
        "tests.test_cli.run",
        "tests.web.test_api",
        "tests.web.test_export",
        "tests.web.test_workers",
    ]
