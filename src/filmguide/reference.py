"""The CLI reference (``docs/cli.md``) and the guide's JSON Schema (``docs/guide.schema.json``),
rendered from the code itself so the documentation cannot drift: a test compares them.

``python -m filmguide.reference`` rewrites both files.
"""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from filmguide.cli import cli
from filmguide.model import guide_json_schema


def _commands(group: click.Group, prefix: list[str]) -> list[tuple[list[str], click.Command]]:
    found: list[tuple[list[str], click.Command]] = [(prefix, group)]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += _commands(command, [*prefix, name])
        elif command is not None:
            found.append(([*prefix, name], command))
    return found


def cli_reference() -> str:
    """Every command's ``--help``, in Markdown."""
    parts = [
        "# filmguide command reference",
        "",
        "Generated from the commands' own `--help` by `python -m filmguide.reference`; "
        "a test fails when it is out of date.",
    ]
    for path, command in _commands(cli, []):
        name = " ".join(["filmguide", *path])
        parent: click.Context | None = None
        for depth, part in enumerate(["filmguide", *path]):
            parent = click.Context(
                command if depth == len(path) else cli,
                info_name=part,
                parent=parent,
                terminal_width=88,
                max_content_width=88,
                help_option_names=["-h", "--help"],
            )
        assert parent is not None
        parts += ["", f"## `{name}`", "", "```text", command.get_help(parent).rstrip(), "```"]
    return "\n".join(parts) + "\n"


def schema_json() -> str:
    return (
        orjson.dumps(guide_json_schema(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"
    )


def write_all(docs: Path) -> None:
    (docs / "cli.md").write_text(cli_reference(), encoding="utf-8")
    (docs / "guide.schema.json").write_text(schema_json(), encoding="utf-8")


if __name__ == "__main__":
    write_all(Path(__file__).resolve().parents[2] / "docs")
