"""Honest counts, in-process over the ASGI interface, on both back ends: a reader's views count once
per film per half hour and shares once per UTC day, crawlers not at all, the share endpoint is
rate-limited, readers are salted daily hashes, and repeats are caught again when batches are
written (so two workers cannot both count one reader).

The clock is injected (:class:`Clock`), so windows and days pass without waiting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.store import Store
from filmguide.store.schema import events, films
from filmguide.web.app import SHARE_PER_MINUTE, Site, create_app
from filmguide.web.clients import Clients, RateLimit, client_hash, daily_salt, is_crawler

SECRET = b"a test secret"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
    "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "WhatsApp/2.23.20.0",
    "TelegramBot (like TwitterBot)",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.32.3",
    "",
]
FILM = "/films/midnight-cowboy"
SHARE = "/films/midnight-cowboy/share"


class Clock:
    """A clock the test moves by hand (seconds since the epoch)."""

    def __init__(self, moment: datetime) -> None:
        self.now = moment.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta).total_seconds()


@pytest.fixture
def clock() -> Clock:
    # Noon today (UTC): the trending window (7 days back from now) holds every event.
    return Clock(datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0))


@pytest.fixture
def site_store(store: Store) -> Store:
    report = importer.import_paths(store, [importer.DEMO_DIR])
    assert not report.failures
    return store


def serve(store: Store, clock: Clock, *, shares_per_minute: int = SHARE_PER_MINUTE) -> TestClient:
    app = create_app(store, secret=SECRET, clock=clock, shares_per_minute=shares_per_minute)
    return TestClient(app, base_url="http://films.test")


@pytest.fixture
def client(site_store: Store, clock: Clock) -> Iterator[TestClient]:
    with serve(site_store, clock) as test_client:
        yield test_client


def site_of(client: TestClient) -> Site:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    return site


def counts(store: Store, kind: str) -> dict[str, int]:
    """Stored events of ``kind`` by film slug (straight from the table: no window, no guide join)."""
    query = (
        select(films.c.slug, func.count(events.c.id))
        .join_from(events, films, events.c.film_id == films.c.id)
        .where(events.c.kind == kind)
        .group_by(films.c.slug)
    )
    with store.engine.connect() as conn:
        return {slug: int(n) for slug, n in conn.execute(query)}


def flushed(client: TestClient, store: Store, kind: str) -> dict[str, int]:
    site_of(client).events.flush()
    return counts(store, kind)


# --- views ----------------------------------------------------------------------------------------


def test_one_readers_hundred_views_count_once(client: TestClient, site_store: Store) -> None:
    for _ in range(100):
        assert client.get(FILM, headers={"user-agent": FIREFOX}).status_code == 200
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 1}
    assert client.get("/trending.json").json() == [
        {"slug": "midnight-cowboy", "title": "Midnight Cowboy", "views": 1}
    ]


def test_the_stored_client_is_a_hash_and_no_address_is_kept(client: TestClient, site_store: Store) -> None:
    client.get(FILM, headers={"user-agent": FIREFOX})
    site_of(client).events.flush()
    with site_store.engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(select(events))]
    assert len(rows) == 1
    stored = rows[0]
    (client_id,) = [value for value in stored if isinstance(value, str) and len(value) == 32]
    assert re.fullmatch(r"[0-9a-f]{32}", client_id)
    # The in-process client's address is "testclient": it appears in no column.
    assert not any("testclient" in str(value) or "Firefox" in str(value) for value in stored)


def test_different_readers_count_separately_and_twins_not_at_all(
    client: TestClient, site_store: Store
) -> None:
    for agent in (FIREFOX, SAFARI, FIREFOX, SAFARI):
        client.get(FILM, headers={"user-agent": agent})
        client.get(FILM + ".json", headers={"user-agent": agent})
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 2}


@pytest.mark.parametrize("agent", CRAWLERS, ids=lambda agent: agent.split("/")[0][:24] or "empty")
def test_crawlers_and_scripts_are_not_counted(client: TestClient, site_store: Store, agent: str) -> None:
    for _ in range(3):
        assert client.get(FILM, headers={"user-agent": agent}).status_code == 200
    shared = client.post(SHARE, json={"channel": "x"}, headers={"user-agent": agent})
    assert shared.status_code == 200 and shared.json()["recorded"] is False
    assert flushed(client, site_store, "view") == {}
    assert counts(site_store, "share") == {}


def test_a_view_counts_again_after_half_an_hour(client: TestClient, site_store: Store, clock: Clock) -> None:
    headers = {"user-agent": FIREFOX}
    client.get(FILM, headers=headers)
    clock.advance(minutes=29)
    client.get(FILM, headers=headers)
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 1}
    clock.advance(minutes=2)  # 31 minutes after the counted view
    client.get(FILM, headers=headers)
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 2}


def test_clients_rotate_at_utc_midnight(site_store: Store) -> None:
    clock = Clock(datetime.now(UTC).replace(hour=23, minute=50, second=0, microsecond=0))
    clients = Clients(SECRET)
    before = clients.reader("203.0.113.7", FIREFOX, clock())
    clock.advance(minutes=9)  # 23:59, the same day
    assert clients.reader("203.0.113.7", FIREFOX, clock()) == before
    clock.advance(minutes=2)  # 00:01, the next day
    after = clients.reader("203.0.113.7", FIREFOX, clock())
    assert before is not None and after is not None and after != before
    assert re.fullmatch(r"[0-9a-f]{32}", after)
    day = int(clock() // 86_400)
    assert after == client_hash(daily_salt(SECRET, day), "203.0.113.7", FIREFOX)
    # Another secret (another site) never gives the same client.
    assert Clients(b"another secret").reader("203.0.113.7", FIREFOX, clock()) != after

    # Through the site: the same reader at 23:59 and 00:01 is two clients, so two views.
    clock = Clock(datetime.now(UTC).replace(hour=23, minute=59, second=0, microsecond=0))
    with serve(site_store, clock) as client:
        client.get(FILM, headers={"user-agent": FIREFOX})
        clock.advance(minutes=2)
        client.get(FILM, headers={"user-agent": FIREFOX})
    with site_store.engine.connect() as conn:
        stored = set(conn.scalars(select(events.c.client).where(events.c.kind == "view")))
    assert len(stored) == 2


# --- shares -------------------------------------------------------------------------------------


def test_two_hundred_shares_count_once(site_store: Store, clock: Clock) -> None:
    with serve(site_store, clock, shares_per_minute=1000) as client:
        answers = [
            client.post(SHARE, json={"channel": "copy"}, headers={"user-agent": FIREFOX}) for _ in range(200)
        ]
        assert [a.status_code for a in answers] == [201] + [200] * 199
        assert answers[0].json() == {"slug": "midnight-cowboy", "channel": "copy", "recorded": True}
        assert answers[1].json() == {"slug": "midnight-cowboy", "channel": "copy", "recorded": False}
        assert flushed(client, site_store, "share") == {"midnight-cowboy": 1}
        assert client.get("/most-shared.json").json()[0]["shares"] == 1
        clock.advance(days=1)  # a new UTC day: the same reader's share counts again
        assert client.post(SHARE, json={"channel": "x"}, headers={"user-agent": FIREFOX}).status_code == 201
    assert counts(site_store, "share") == {"midnight-cowboy": 2}


def test_the_share_endpoint_answers_429_with_retry_after(client: TestClient, clock: Clock) -> None:
    headers = {"user-agent": FIREFOX}
    statuses = [client.post(SHARE, json={"channel": "x"}, headers=headers).status_code for _ in range(10)]
    assert statuses == [201] + [200] * 9
    limited = client.post(SHARE, json={"channel": "x"}, headers=headers)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "6"  # 10 a minute: a token every 6 seconds
    assert limited.json()["retry_after"] == 6
    # An unknown film is limited too (no database read for a flooding client).
    assert client.post("/films/no-such-film/share", json={"channel": "x"}, headers=headers).status_code == 429
    # Another reader is not limited.
    assert client.post(SHARE, json={"channel": "x"}, headers={"user-agent": SAFARI}).status_code == 201
    clock.advance(seconds=6)
    assert client.post(SHARE, json={"channel": "x"}, headers=headers).status_code == 200
    assert client.post(SHARE, json={"channel": "x"}, headers=headers).status_code == 429


def test_a_share_of_an_unknown_film_is_404_and_not_counted(client: TestClient, site_store: Store) -> None:
    answer = client.post("/films/no-such-film/share", json={"channel": "x"}, headers={"user-agent": FIREFOX})
    assert answer.status_code == 404
    assert flushed(client, site_store, "share") == {}


def test_rate_limit_refills_at_its_rate() -> None:
    limit = RateLimit(rate=1.0, burst=2)
    assert limit.take("a", 100.0) == 0 and limit.take("a", 100.0) == 0
    assert limit.take("a", 100.0) == pytest.approx(1.0)
    assert limit.take("a", 100.5) == pytest.approx(0.5)
    assert limit.take("a", 101.0) == 0
    assert limit.take("b", 101.0) == 0


# --- the database check at flush time (two workers, one reader) ---------------------------------


def test_two_workers_count_one_reader_once(site_store: Store, clock: Clock) -> None:
    """Two sites over one database stand for two workers: each counts the reader in memory, and
    the write of the second batch finds the first one's events."""
    with serve(site_store, clock) as first, serve(site_store, clock) as second:
        for client in (first, second, first, second):
            client.get(FILM, headers={"user-agent": FIREFOX})
            shared = client.post(SHARE, json={"channel": "x"}, headers={"user-agent": FIREFOX})
            assert shared.status_code in (200, 201)
        # Each worker counted the reader once in memory ...
        assert site_of(first).events.pending + site_of(second).events.pending <= 4
        clock.advance(minutes=10)
        second.get("/films/the-wrestler", headers={"user-agent": FIREFOX})
        site_of(first).events.flush()
        site_of(second).events.flush()
    # ... and the database once in all.
    assert counts(site_store, "view") == {"midnight-cowboy": 1, "the-wrestler": 1}
    assert counts(site_store, "share") == {"midnight-cowboy": 1}


def test_the_store_skips_a_clients_repeats_on_either_side_of_the_window(site_store: Store) -> None:
    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    slug, reader = "midnight-cowboy", "0123456789abcdef0123456789abcdef"
    assert site_store.record_events([(slug, "view", None, noon, reader)]) == 1
    batch = [
        (slug, "view", None, noon - timedelta(minutes=20), reader),  # within 30 minutes before
        (slug, "view", None, noon + timedelta(minutes=29), reader),  # within 30 minutes after
        (slug, "view", None, noon + timedelta(minutes=31), "f" * 32),  # another reader
        (slug, "view", None, noon + timedelta(minutes=45), reader),  # 45 minutes after: counts
        (slug, "view", None, noon + timedelta(minutes=50), reader),  # 5 after that one: repeat
        (slug, "view", None, noon, None),  # no client (older tools): always written
        ("no-such-film", "view", None, noon, reader),
        (slug, "share", "x", noon, reader),
        (slug, "share", "copy", noon + timedelta(hours=11), reader),  # 23:00, the same day
    ]
    assert site_store.record_events(batch) == 4
    assert site_store.record_events([(slug, "share", "x", noon + timedelta(hours=13), reader)]) == 1
    assert counts(site_store, "view") == {slug: 4}
    assert counts(site_store, "share") == {slug: 2}


def test_crawler_detection_reads_the_maintained_list() -> None:
    assert all(is_crawler(agent) for agent in CRAWLERS)
    assert not is_crawler(FIREFOX) and not is_crawler(SAFARI)
    assert is_crawler("   ")
    assert not is_crawler("x" * 100_000)  # a huge user agent is cut, not matched for ever
