"""The documentation cannot drift from the code: generated references match, and every command
and setting a user can reach is documented."""

from __future__ import annotations

import re
from pathlib import Path

from filmguide.reference import cli_reference, schema_json

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_up_to_date() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is stale: run `python -m filmguide.reference`"
    )


def test_guide_json_schema_is_up_to_date() -> None:
    assert (ROOT / "docs" / "guide.schema.json").read_text(encoding="utf-8") == schema_json(), (
        "docs/guide.schema.json is stale: run `python -m filmguide.reference`"
    )


def test_every_schema_key_of_the_contract_is_in_the_model() -> None:
    contract = (ROOT.parent / "shared" / "guide-schema.md").read_text(encoding="utf-8")
    keys = set(re.findall(r"^\| `(\w+)` \|", contract, flags=re.MULTILINE))
    assert len(keys) == 24
    properties = set(__import__("json").loads(schema_json())["properties"])
    assert keys <= properties


def test_readme_opens_with_the_two_commands_and_they_exist_in_the_makefile() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, flags=re.MULTILINE)
    assert re.search(r"^test:", makefile, flags=re.MULTILINE)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake test\n" in ci


def test_every_environment_variable_read_by_the_code_is_documented() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    names = set(re.findall(r"FILMGUIDE_[A-Z_]+", sources))
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")
    )
    assert names, "the code reads no FILMGUIDE_ variable?"
    assert {n for n in names if n not in docs} == set()
