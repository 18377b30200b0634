"""The OpenAPI description at ``/api/openapi.json``: every documented path is routed, every API
route is documented, the guide's schema is the model's own, and a short schemathesis run (its
command line, against ``filmguide serve`` on a free port, with a real token) finds no 5xx
and no response that breaks the description, on both back ends."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.routing import Match

from filmguide import importer
from filmguide.catalog import load_catalog
from filmguide.store import Store
from filmguide.web.app import create_app
from filmguide.web.openapi import openapi
from tests.helpers import served

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("get", "put", "post", "delete", "patch")
#: Catalog films the description's examples name, beside the first few of the catalog.
EXAMPLE_FILMS = ("fear-and-loathing-in-las-vegas", "leaving-las-vegas", "requiem-for-a-dream")
#: What the run checks: no server error, and every status, content type, header and body as described;
#: writes without a token must be refused (ignored_auth), and so must schema-violating requests.
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "ignored_auth",
        "allow_header_conformance",
    ]
)


def operations(description: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for path, item in description["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method.upper()


def example_path(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "leaving-las-vegas", path)


def test_every_documented_operation_is_routed(store: Store) -> None:
    app = create_app(store)
    for path, method in operations(openapi()):
        scope = {"type": "http", "path": example_path(path), "method": method, "root_path": ""}
        matches = [route.matches(scope)[0] for route in app.router.routes]
        assert Match.FULL in matches, f"{method} {path} is documented but not routed"


def test_every_api_route_is_documented(store: Store) -> None:
    documented = set(operations(openapi()))
    app = create_app(store)
    for route in app.router.routes:
        path = getattr(route, "path", "")
        if not path.startswith("/api/"):
            continue
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                assert (path, method) in documented, f"{method} {path} is routed but not documented"


def test_the_guide_schema_is_the_one_in_the_docs() -> None:
    docs = json.loads((ROOT / "docs" / "guide.schema.json").read_text())
    relocated = json.loads(json.dumps(docs).replace('"#/$defs/', '"#/components/schemas/'))
    schemas = openapi()["components"]["schemas"]
    definitions = relocated.pop("$defs")
    assert schemas["Guide"] == relocated
    for name, schema in definitions.items():
        assert schemas[name] == schema, name


def test_every_reference_resolves() -> None:
    description = openapi()
    names = set(description["components"]["schemas"])
    found = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(description)))
    assert found and found <= names, found - names


def test_the_description_is_served(store: Store) -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(store)) as client:
        response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    served_description = response.json()
    assert served_description["openapi"] == "3.1.0"
    assert served_description == json.loads(json.dumps(openapi()))


@pytest.fixture
def site_store(store: Store) -> Store:
    """Demo guides, a slice of the catalog (with the films the examples name) and similar lists:
    every kind of page the description covers has real data behind it."""
    films = load_catalog(None)
    store.load_catalog([f for f in films if f.slug in EXAMPLE_FILMS] + films[:30])
    importer.import_paths(store, [importer.DEMO_DIR])
    importer.refresh_similar(store)
    return store


def test_schemathesis_finds_no_server_error_and_no_undocumented_response(
    site_store: Store, backend: str, tmp_path: Path
) -> None:
    """The coverage phase (boundary and schema-violating values for every parameter and body
    field, some 1,500 requests) runs on SQLite only; fuzzing, examples and stateful sequences
    (create, read, replace, delete) on both back ends: the run stays well under a minute."""
    phases = "examples,coverage,fuzzing,stateful" if backend == "sqlite" else "examples,fuzzing,stateful"
    token = site_store.create_token("schemathesis")
    junit = tmp_path / "junit.xml"
    with served(site_store.url_with_password, tmp_path, workers=1) as server:
        url = server.url
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                f"{url}/api/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                CHECKS,
                "--phases",
                phases,
                "--max-examples",
                "10",
                "--request-timeout",
                "20",
                "--generation-database",
                "none",
                # One seed, so CI runs the same cases every time (a failure replays exactly);
                # change it to explore other cases.
                "--seed",
                "20261125",
                "--no-color",
                "--report",
                "junit",
                "--report-junit-path",
                str(junit),
            ],
            capture_output=True,
            text=True,
            timeout=240,
            cwd=tmp_path,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "Selected: 17/17" in output and "Tested: 17" in output, output[-3000:]
    assert re.search(r"\d+ generated, (\d+) passed", output), output[-3000:]
    assert junit.exists() and "<failure" not in junit.read_text()
