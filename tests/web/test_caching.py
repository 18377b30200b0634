"""Pages a shared cache can keep: every public page and twin says ``Cache-Control: public`` with
the configured ages and an ETag, answers 304 to a matching ``If-None-Match`` (from the fast path
and from the views alike), depends on no cookie, and sets none; the API, errors and the beacon are
never public. And the settings' one home, :meth:`filmguide.config.Settings.from_environment`."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from filmguide.config import Settings
from filmguide.store import Store
from filmguide.web.app import create_app
from tests.helpers import FIREFOX

SETTINGS = Settings(max_age=30, s_maxage=120, stale_while_revalidate=15)
PUBLIC = "public, max-age=30, s-maxage=120, stale-while-revalidate=15"
PAGES = [
    "/",
    "/index.json",
    "/films/midnight-cowboy",
    "/films/midnight-cowboy.json",
    "/films/midnight-cowboy?spoilers=0",
    "/films",
    "/films.json?page=1",
    "/people/jon-voight",
    "/search?q=cowboy",
    "/search.json?q=cowboy",
    "/trending.json",
    "/most-shared.json",
    "/sitemap.xml",
    "/feed.xml",
]


@pytest.fixture
def client_app(demo_store: Store) -> Starlette:
    """The demo site with the caching settings above."""
    return create_app(demo_store, secret=b"s", settings=SETTINGS)


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_are_kept_by_any_cache_and_revalidate(client: TestClient, path: str) -> None:
    for _ in range(2):  # the first answer is the view's, the second the fast path's where it keeps one
        answer = client.get(path, headers={"user-agent": FIREFOX})
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == PUBLIC
        assert "set-cookie" not in answer.headers
        tag = answer.headers["etag"]
        again = client.get(path, headers={"user-agent": FIREFOX, "if-none-match": tag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["cache-control"] == PUBLIC and again.headers["etag"] == tag


@pytest.mark.parametrize(
    "path", ["/", "/films/midnight-cowboy", "/films/midnight-cowboy.json", "/search?q=vegas"]
)
def test_no_page_depends_on_a_cookie(client: TestClient, path: str) -> None:
    plain = client.get(path)
    with_cookie = client.get(path, headers={"cookie": "spoilers=0; session=abc"})
    assert plain.content == with_cookie.content and plain.headers["etag"] == with_cookie.headers["etag"]


def test_the_api_errors_and_the_beacon_are_never_public(client: TestClient) -> None:
    assert "public" not in client.get("/api/guides").headers.get("cache-control", "")
    assert "public" not in client.get("/healthz").headers.get("cache-control", "")
    missing = client.get("/films/no-such-film")
    assert missing.status_code == 404 and missing.headers["cache-control"] == "no-cache"
    assert client.post("/films/midnight-cowboy/view").headers["cache-control"] == "no-store"
    assert client.get("/films/midnight-cowboy/view.gif").headers["cache-control"] == "no-store"


def test_the_defaults_and_the_environment() -> None:
    assert Settings().cache_control == "public, max-age=60, s-maxage=60, stale-while-revalidate=30"
    found = Settings.from_environment(
        {
            "FILMGUIDE_MAX_AGE": "0",
            "FILMGUIDE_S_MAXAGE": "300",
            "FILMGUIDE_STALE_WHILE_REVALIDATE": "600",
            "FILMGUIDE_VIEWS_PER_ADDRESS": "5",
            "FILMGUIDE_SHARES_PER_ADDRESS": "2",
            "FILMGUIDE_RANKING_SECONDS": "10",
            "FILMGUIDE_BEACON_ORIGINS": "https://Films.example.org/, http://127.0.0.1:8080",
        }
    )
    assert found.cache_control == "public, max-age=0, s-maxage=300, stale-while-revalidate=600"
    assert (found.views_per_address, found.shares_per_address, found.ranking_seconds) == (5, 2, 10)
    assert found.beacon_origins == {"https://films.example.org", "http://127.0.0.1:8080"}
    assert Settings.from_environment({}) == Settings()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FILMGUIDE_S_MAXAGE", "-1", "FILMGUIDE_S_MAXAGE must be a whole number from 0, not '-1'"),
        ("FILMGUIDE_VIEWS_PER_ADDRESS", "0", "FILMGUIDE_VIEWS_PER_ADDRESS must be a whole number from 1"),
        ("FILMGUIDE_BEACON_ORIGINS", "films.example.org", "is not an origin"),
        ("FILMGUIDE_BEACON_ORIGINS", "https://films.example.org/path", "is not an origin"),
    ],
)
def test_a_bad_setting_names_its_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        Settings.from_environment({name: value})


def test_serve_refuses_a_bad_setting_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from filmguide.cli import cli

    monkeypatch.setenv("FILMGUIDE_S_MAXAGE", "soon")
    result = CliRunner().invoke(cli, ["serve", "--db", "/nonexistent/never-opened.db"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: FILMGUIDE_S_MAXAGE must be a whole number from 0, not 'soon'"
