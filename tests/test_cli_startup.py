"""The command line starts without what its commands need: ``import filmguide.cli`` and
``filmguide --help`` load no database library, reader or web module; each command loads its own
when it runs (the times are in bench/bench_cli.py, docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from filmguide import __version__
from filmguide.cli.desk import ROLES
from filmguide.store.schema import USER_ROLES

HEAVY = ("sqlalchemy", "alembic", "filmguide.importer", "filmguide.web", "selectolax", "lxml", "bs4")
#: What reading guides (``list``, ``show``) leaves to the commands that need it: fuzzy matching,
#: the analyses' rules, similar films, the catalog reader, the search's queries, the rate limits,
#: dump and check, migrations, and PostgreSQL's dialect and driver.
NOT_FOR_READING = (
    "rapidfuzz",
    "filmguide.themes",
    "filmguide.factcheck",
    "filmguide.recommend",
    "filmguide.catalog",
    "filmguide.store.search.sqlite",
    "filmguide.store.search.postgres",
    "filmguide.store.search.budget",
    "filmguide.store.limits",
    "filmguide.store.dump",
    "filmguide.store.check",
    "alembic",
    "psycopg",
    "sqlalchemy.dialects.postgresql",
)


def _loaded_after(code: str, modules: tuple[str, ...] = HEAVY) -> list[str]:
    """Those of ``modules`` (and their submodules) a fresh interpreter holds after running ``code``."""
    below = tuple(f"{name}." for name in modules)
    names = f"sorted(m for m in sys.modules if m in {modules!r} or m.startswith({below!r}))"
    probe = f"{code}\nimport json, sys\nprint(json.dumps({names}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    found: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_importing_the_cli_loads_no_heavy_module() -> None:
    assert _loaded_after("import filmguide.cli") == []


def test_help_and_version_load_no_heavy_module() -> None:
    for args in (["--help"], ["--version"], ["serve", "--help"], ["db", "--help"]):
        run = f"from filmguide.cli import cli\ncli.main({args!r}, standalone_mode=False)"
        assert _loaded_after(run) == [], args


def test_the_roles_offered_are_the_stores() -> None:
    assert ROLES == USER_ROLES


def test_the_head_read_from_the_files_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    from filmguide.store import alembic_config, head_revision

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_listing_guides_loads_no_migration_tool_reader_or_web(tmp_path: Path) -> None:
    from filmguide.store import Store

    database = tmp_path / "films.db"
    Store.open(f"sqlite:///{database}").close()  # created and migrated here: the command only opens it
    run = (
        f"from filmguide.cli import cli\ncli.main(['list', '--db', {str(database)!r}], standalone_mode=False)"
    )
    found = _loaded_after(run)
    assert not [name for name in found if name.startswith(("alembic", "filmguide.importer", "filmguide.web"))]
    assert "sqlalchemy" in found  # the probe sees what the command loaded


def test_listing_guides_reads_no_guide(tmp_path: Path) -> None:
    """``list`` reads slugs, titles and years: neither the guide model (pydantic) nor what only
    a save needs (slugs, the comparison of versions)."""
    from filmguide.store import Store

    database = tmp_path / "films.db"
    Store.open(f"sqlite:///{database}").close()
    run = (
        f"from filmguide.cli import cli\ncli.main(['list', '--db', {str(database)!r}], standalone_mode=False)"
    )
    only_for_guides = ("pydantic", "filmguide.model", "slugify", "filmguide.changes", "filmguide.spoilers")
    assert _loaded_after(run, only_for_guides) == []


def test_parsing_an_article_opens_no_database_library() -> None:
    article = Path(__file__).parent / "fixtures" / "articles" / "amelie.html"
    run = f"from filmguide.cli import cli\ncli.main(['parse', {str(article)!r}], standalone_mode=False)"
    found = _loaded_after(run)
    assert not [name for name in found if name.startswith(("sqlalchemy", "alembic", "filmguide.web"))]
    assert "selectolax" in found  # the probe sees what the command loaded
    # Nor what only ``import`` needs: the importer, the store, WordPress exports, fuzzy matching.
    only_import = ("filmguide.importer", "filmguide.store", "filmguide.wordpress", "rapidfuzz")
    assert _loaded_after(run, only_import) == []


def test_listing_and_showing_guides_load_only_what_reading_needs(tmp_path: Path) -> None:
    from filmguide.article import parse_path
    from filmguide.store import Store

    database = tmp_path / "films.db"
    with Store.open(f"sqlite:///{database}") as store:  # created and migrated here, holding a guide
        slug = store.save_guide(
            parse_path(Path(__file__).parent / "fixtures" / "articles" / "amelie.html")
        ).slug
    for args in (["list"], ["show", slug], ["show", slug, "--format", "markdown"]):
        command = [*args, "--db", str(database)]
        run = f"from filmguide.cli import cli\ncli.main({command!r}, standalone_mode=False)"
        assert _loaded_after(run, NOT_FOR_READING) == [], args  # (a failed command fails the probe)


def test_showing_a_guide_as_json_builds_no_guide(tmp_path: Path) -> None:
    """``show`` (JSON, the default) prints the stored document, which the model wrote: neither
    pydantic nor the model is loaded (``--format markdown`` writes from the model, and loads it)."""
    from filmguide.model import Guide
    from filmguide.store import Store

    database = tmp_path / "films.db"
    with Store.open(f"sqlite:///{database}") as store:
        slug = store.save_guide(Guide(title="Heat", year=1995)).slug
    for args, model_loaded in (([], False), (["--format", "markdown"], True)):
        command = ["show", slug, *args, "--db", str(database)]
        run = f"from filmguide.cli import cli\ncli.main({command!r}, standalone_mode=False)"
        found = _loaded_after(run, ("pydantic", "filmguide.model"))
        assert ("filmguide.model" in found and "pydantic" in found) is model_loaded, args
        assert bool(found) is model_loaded, args


def _exit_of(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """The command run by ``main()`` with an exit handler and a thread of its own still working."""
    code = (
        "import atexit, sys, threading, time\n"
        "from filmguide.cli import main\n"
        "atexit.register(lambda: print('exit handler ran'))\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread finished'))).start()\n"
        f"sys.argv = ['filmguide', *{arguments!r}]\n"
        "main()\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_the_exit_skips_only_the_teardown() -> None:
    """main() leaves without the interpreter's teardown, yet as an exit would: the output flushed
    (a pipe holds it all), other threads waited for, exit handlers run, the status kept."""
    done = _exit_of(["--version"])
    assert done.returncode == 0
    version = f"filmguide, version {__version__}"
    assert done.stdout.splitlines() == [version, "thread finished", "exit handler ran"]

    failed = _exit_of(["show", "no-such-film", "--db", ":memory:"])
    assert failed.returncode == 1
    assert "error: no guide with slug 'no-such-film'" in failed.stderr
    assert failed.stdout.splitlines() == ["thread finished", "exit handler ran"]
