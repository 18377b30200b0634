"""The share rate limit holds across workers and instances: two sites (two processes' stores on one
database, one secret) spend one bucket per client, kept in the database, on both back ends. The
clock is injected, so the buckets refill only when the test says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.store import Store
from filmguide.store.schema import rate_limits
from filmguide.web.app import SHARE_PER_MINUTE, create_app
from filmguide.web.clients import PRUNE_SECONDS

SECRET = b"one secret for every instance"
SHARE = "/films/midnight-cowboy/share"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
#: Shares each client sends, all at one moment.
K = 25


class Clock:
    """A clock standing still until the test moves it."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0).timestamp()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sites(store: Store, db_url: str) -> Iterator[tuple[list[TestClient], Clock]]:
    """Two sites as two instances would be: each with a store of its own on the one database."""
    assert not importer.import_paths(store, [importer.DEMO_DIR]).failures
    other = Store.open(db_url)
    clock = Clock()
    clients = [
        TestClient(create_app(each, secret=SECRET, clock=clock), base_url="http://films.test")
        for each in (store, other)
    ]
    try:
        with clients[0], clients[1]:
            yield clients, clock
    finally:
        other.close()


def share(client: TestClient, agent: str) -> int:
    return client.post(SHARE, json={"channel": "x"}, headers={"user-agent": agent}).status_code


def test_k_shares_through_two_instances_meet_as_many_429s_as_through_one(
    sites: tuple[list[TestClient], Clock],
) -> None:
    (one, two), clock = sites
    alone = [share(one, f"{FIREFOX} alone") for _ in range(K)]
    spread = [share((one, two)[n % 2], f"{FIREFOX} spread") for n in range(K)]
    assert alone.count(429) == K - SHARE_PER_MINUTE
    assert spread.count(429) == alone.count(429)  # per process, it would have been 5
    assert spread[:SHARE_PER_MINUTE].count(429) == 0 and set(spread[SHARE_PER_MINUTE:]) == {429}
    # Six seconds on, one token more, taken by whichever instance is asked first.
    clock.now += 6
    assert [share(two, f"{FIREFOX} spread"), share(one, f"{FIREFOX} spread")] == [200, 429]


def test_a_flooding_client_is_refused_without_a_write(
    sites: tuple[list[TestClient], Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    (one, _), _ = sites
    store: Store = one.app.state.site.store  # type: ignore[attr-defined]
    calls: list[str] = []
    take = store.take_token

    def counted(*args: object, **kwargs: object) -> object:
        calls.append("take")
        return take(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "take_token", counted)
    codes = [share(one, FIREFOX) for _ in range(100)]
    assert codes.count(429) == 100 - SHARE_PER_MINUTE
    # The database is asked until its answer says the bucket is empty; the 90 refused after that
    # are refused by this process's copy of the bucket.
    assert len(calls) == SHARE_PER_MINUTE


def test_when_the_database_fails_each_process_limits_alone(
    sites: tuple[list[TestClient], Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    (one, _), _ = sites
    store: Store = one.app.state.site.store  # type: ignore[attr-defined]

    def failing(*_args: object, **_kwargs: object) -> object:
        raise OperationalError("INSERT INTO rate_limits", {}, Exception("database is locked"))

    monkeypatch.setattr(store, "take_token", failing)
    codes = [share(one, FIREFOX) for _ in range(K)]
    assert codes.count(429) == K - SHARE_PER_MINUTE and codes[0] == 201


def test_buckets_that_refilled_are_deleted_as_the_site_goes(
    sites: tuple[list[TestClient], Clock], store: Store
) -> None:
    (one, two), clock = sites
    for n in range(3):
        assert share(one, f"{FIREFOX} reader {n}") in (200, 201)
    assert rows(store) == 3
    clock.now += 59  # not yet full again (10 tokens take 60 s), and not yet time to prune
    assert share(two, f"{FIREFOX} reader 3") in (200, 201)
    assert rows(store) == 4
    clock.now += PRUNE_SECONDS  # the first take past the interval deletes the full buckets first
    assert share(two, f"{FIREFOX} reader 4") in (200, 201)
    assert rows(store) == 1


def rows(store: Store) -> int:
    """The buckets in the database."""
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(rate_limits)) or 0)
