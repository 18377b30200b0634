"""Honest counts, in-process over the ASGI interface, on both back ends: views are counted by the
page's beacon (never by its GET), once per reader per film per UTC day and at most the address's
cap (an IPv6 /64 counting as one address), crawlers not at all; shares the same, and rate-limited;
readers and addresses are salted daily hashes; repeats are caught again when batches are written
(so two workers cannot both count one reader, nor pass one address's cap); old events roll up into
daily counts; the rankings are read at most once an interval.

The clock is injected (:class:`Clock`), so days pass without waiting.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from filmguide import importer
from filmguide.config import Settings
from filmguide.store import Store
from filmguide.store.schema import event_days, events
from filmguide.web.app import SHARE_PER_MINUTE, Site, create_app
from filmguide.web.clients import Clients, RateLimit, client_hash, daily_salt, is_crawler, network_of
from filmguide.web.events import Rankings
from tests.helpers import FIREFOX, event_counts, site_client

SECRET = b"a test secret"
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
VIEW = "/films/midnight-cowboy/view"
SHARE = "/films/midnight-cowboy/share"
ADDRESS = "203.0.113.7"


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


def serve(
    store: Store,
    clock: Clock,
    *,
    shares_per_minute: int = SHARE_PER_MINUTE,
    address: str = ADDRESS,
    settings: Settings | None = None,
) -> TestClient:
    app = create_app(
        store, secret=SECRET, clock=clock, shares_per_minute=shares_per_minute, settings=settings
    )
    return site_client(app, address=address)


@pytest.fixture
def client_app(site_store: Store, clock: Clock) -> Starlette:
    """The demo site on the test's clock."""
    return create_app(site_store, secret=SECRET, clock=clock, shares_per_minute=SHARE_PER_MINUTE)


@pytest.fixture
def client_address() -> str:
    return ADDRESS


def site_of(client: TestClient) -> Site:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    return site


def flushed(client: TestClient, store: Store, kind: str) -> dict[str, int]:
    site = site_of(client)
    site.events.flush()
    site.rankings.forget()
    return event_counts(store, kind)


def beacon(client: TestClient, agent: str = FIREFOX, path: str = VIEW) -> None:
    answer = client.post(path, headers={"user-agent": agent})
    assert answer.status_code == 204 and answer.content == b""
    assert answer.headers["cache-control"] == "no-store"


# --- views ----------------------------------------------------------------------------------------


def test_one_readers_hundred_beacons_count_once(client: TestClient, site_store: Store) -> None:
    for _ in range(100):
        beacon(client)
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 1}
    assert client.get("/trending.json").json() == [
        {"slug": "midnight-cowboy", "title": "Midnight Cowboy", "views": 1}
    ]


def test_the_pages_get_counts_nothing(client: TestClient, site_store: Store) -> None:
    for agent in (FIREFOX, SAFARI):
        for path in (FILM, FILM + ".json", FILM + "?spoilers=0"):
            assert client.get(path, headers={"user-agent": agent}).status_code == 200
    assert flushed(client, site_store, "view") == {}


def test_the_no_script_image_counts_like_the_beacon(client: TestClient, site_store: Store) -> None:
    for _ in range(3):
        answer = client.get(VIEW + ".gif", headers={"user-agent": FIREFOX})
        assert answer.status_code == 200 and answer.headers["content-type"] == "image/gif"
        assert answer.content.startswith(b"GIF89a") and answer.headers["cache-control"] == "no-store"
    beacon(client)  # the same reader by script: still one view
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 1}


def test_the_stored_client_and_source_are_hashes_and_no_address_is_kept(
    client: TestClient, site_store: Store
) -> None:
    beacon(client)
    site_of(client).events.flush()
    with site_store.engine.connect() as conn:
        rows = [row._asdict() for row in conn.execute(select(events))]
    assert len(rows) == 1
    stored = rows[0]
    assert re.fullmatch(r"[0-9a-f]{32}", stored["client"]) and re.fullmatch(r"[0-9a-f]{32}", stored["source"])
    assert stored["client"] != stored["source"]
    assert not any(ADDRESS in str(value) or "Firefox" in str(value) for value in stored.values())


def test_two_readers_behind_one_address_count_separately(client: TestClient, site_store: Store) -> None:
    for agent in (FIREFOX, SAFARI, FIREFOX, SAFARI):
        beacon(client, agent)
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 2}


def test_a_flush_waits_for_the_write_in_progress(site_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A flush that finds the buffer empty while the interval's flush still writes returns only
    once that write is in: a test (or a shutdown) that flushes then reads sees every event. It
    had returned at once, and a CI run read no views."""
    import threading

    from filmguide.web.events import EventBuffer

    buffer = EventBuffer(site_store)
    buffer.add("midnight-cowboy", "view")
    writing, release = threading.Event(), threading.Event()
    record = site_store.record_events

    def slow(*args: object) -> int:
        writing.set()
        release.wait(10)
        return record(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(site_store, "record_events", slow)
    first = threading.Thread(target=buffer.flush)
    first.start()
    assert writing.wait(10)
    seen: list[dict[str, int]] = []
    second = threading.Thread(target=lambda: (buffer.flush(), seen.append(event_counts(site_store, "view"))))
    second.start()
    second.join(1.0)  # unblocked, it would have read the counts by now
    release.set()
    first.join(10)
    second.join(10)
    assert seen == [{"midnight-cowboy": 1}]


def test_one_address_varying_its_user_agent_counts_at_most_its_cap(
    client: TestClient, site_store: Store
) -> None:
    """The outside check: 300 user agents from one address count at most 5 views (the cap is 3)."""
    for n in range(300):
        beacon(client, f"{FIREFOX} build/{n}")
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 3}
    beacon(client, SAFARI, "/films/the-wrestler/view")  # the cap is per film
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 3, "the-wrestler": 1}


def test_an_ipv6_slash_64_is_one_address(site_store: Store, clock: Clock) -> None:
    settings = Settings(views_per_address=2)
    for host in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2::77"):  # one /64
        with serve(site_store, clock, address=host, settings=settings) as client:
            for n in range(3):
                beacon(client, f"{FIREFOX} {host} {n}")
    assert event_counts(site_store, "view") == {"midnight-cowboy": 2}
    with serve(site_store, clock, address="2001:db8:1:3::1", settings=settings) as client:  # the next /64
        beacon(client)
    assert event_counts(site_store, "view") == {"midnight-cowboy": 3}
    assert network_of("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert network_of("::ffff:203.0.113.7") == "203.0.113.7" == network_of("203.0.113.7")


@pytest.mark.parametrize("agent", CRAWLERS, ids=lambda agent: agent.split("/")[0][:24] or "empty")
def test_crawlers_and_scripts_are_not_counted(client: TestClient, site_store: Store, agent: str) -> None:
    for _ in range(3):
        beacon(client, agent)
        assert client.get(VIEW + ".gif", headers={"user-agent": agent}).status_code == 200
    shared = client.post(SHARE, json={"channel": "x"}, headers={"user-agent": agent})
    assert shared.status_code == 200 and shared.json()["recorded"] is False
    assert flushed(client, site_store, "view") == {}
    assert event_counts(site_store, "share") == {}


def test_a_view_counts_again_the_next_utc_day(client: TestClient, site_store: Store, clock: Clock) -> None:
    beacon(client)
    clock.advance(hours=11, minutes=59)  # 23:59, the same day
    beacon(client)
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 1}
    clock.advance(minutes=2)  # 00:01, the next day: a new client, and a new day for the address
    beacon(client)
    assert flushed(client, site_store, "view") == {"midnight-cowboy": 2}


def test_a_beacon_from_another_sites_page_is_refused(site_store: Store, clock: Clock) -> None:
    settings = Settings(beacon_origins=frozenset({"https://static.example.org"}))
    with serve(site_store, clock, settings=settings) as client:
        headers = {"user-agent": FIREFOX}
        foreign = client.post(VIEW, headers={**headers, "origin": "https://evil.example"})
        assert foreign.status_code == 403 and "access-control-allow-origin" not in foreign.headers
        image = client.get(VIEW + ".gif", headers={**headers, "referer": "https://evil.example/page"})
        assert image.status_code == 403
        assert client.post(VIEW, headers={**headers, "origin": "null"}).status_code == 403
        own = client.post(VIEW, headers={**headers, "origin": "http://films.test"})
        assert own.status_code == 204 and "access-control-allow-origin" not in own.headers
        assert flushed(client, site_store, "view") == {"midnight-cowboy": 1}
        listed = client.post(VIEW, headers={"user-agent": SAFARI, "origin": "https://static.example.org"})
        assert listed.status_code == 204
        assert listed.headers["access-control-allow-origin"] == "https://static.example.org"
        assert listed.headers["vary"] == "Origin"
        assert flushed(client, site_store, "view") == {"midnight-cowboy": 2}
        preflight = client.options(VIEW, headers={"origin": "https://static.example.org"})
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == "https://static.example.org"
        assert client.options(VIEW, headers={"origin": "https://evil.example"}).status_code == 403


def test_a_beacon_for_no_film_is_404(client: TestClient, site_store: Store) -> None:
    assert client.post("/films/no-such-film/view", headers={"user-agent": FIREFOX}).status_code == 404
    assert flushed(client, site_store, "view") == {}


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
        beacon(client)
        clock.advance(minutes=2)
        beacon(client)
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
        assert answers[0].headers["cache-control"] == "no-store"
        assert flushed(client, site_store, "share") == {"midnight-cowboy": 1}
        assert client.get("/most-shared.json").json()[0]["shares"] == 1
        clock.advance(days=1)  # a new UTC day: the same reader's share counts again
        assert client.post(SHARE, json={"channel": "x"}, headers={"user-agent": FIREFOX}).status_code == 201
    assert event_counts(site_store, "share") == {"midnight-cowboy": 2}


def test_thirteen_shares_from_one_script_stop_at_the_cap(site_store: Store, clock: Clock) -> None:
    """The outside check: 13 shares, each with a new user agent, from one address."""
    with serve(site_store, clock, shares_per_minute=1000) as client:
        answers = [
            client.post(SHARE, json={"channel": "x"}, headers={"user-agent": f"{FIREFOX} run/{n}"})
            for n in range(13)
        ]
        assert [a.json()["recorded"] for a in answers] == [True] * 3 + [False] * 10
        assert flushed(client, site_store, "share") == {"midnight-cowboy": 3}
        assert client.get("/most-shared.json").json()[0]["shares"] == 3


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
            beacon(client)
            shared = client.post(SHARE, json={"channel": "x"}, headers={"user-agent": FIREFOX})
            assert shared.status_code in (200, 201)
        # Each worker counted the reader once in memory ...
        assert site_of(first).events.pending + site_of(second).events.pending <= 4
        clock.advance(minutes=10)
        beacon(second, path="/films/the-wrestler/view")
        site_of(first).events.flush()
        site_of(second).events.flush()
    # ... and the database once in all.
    assert event_counts(site_store, "view") == {"midnight-cowboy": 1, "the-wrestler": 1}
    assert event_counts(site_store, "share") == {"midnight-cowboy": 1}


def test_two_workers_hold_one_addresses_cap_together(site_store: Store, clock: Clock) -> None:
    with serve(site_store, clock) as first, serve(site_store, clock) as second:
        for n in range(10):
            beacon(first, f"{FIREFOX} a/{n}")
            beacon(second, f"{FIREFOX} b/{n}")
        site_of(first).events.flush()
        site_of(second).events.flush()
    assert event_counts(site_store, "view") == {"midnight-cowboy": 3}


def test_the_store_skips_a_clients_repeats_and_a_sources_events_past_its_cap(site_store: Store) -> None:
    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    slug, reader, place = "midnight-cowboy", "0123456789abcdef0123456789abcdef", "a" * 32
    assert site_store.record_events([(slug, "view", None, noon, reader, place)]) == 1
    batch = [
        (slug, "view", None, noon - timedelta(hours=11), reader, place),  # 01:00, the same day
        (slug, "view", None, noon + timedelta(hours=11), reader, place),  # 23:00, the same day
        (slug, "view", None, noon, "f" * 32, place),  # another reader, the same address: 2 of 3
        (slug, "view", None, noon, "e" * 32, place),  # 3 of 3
        (slug, "view", None, noon, "d" * 32, place),  # past the cap
        (slug, "view", None, noon, "c" * 32, "b" * 32),  # another address
        (slug, "view", None, noon + timedelta(hours=13), reader, place),  # 01:00 the next day
        (slug, "view", None, noon, None, None),  # no client (older tools): always written
        ("no-such-film", "view", None, noon, reader, place),
        (slug, "share", "x", noon, reader, place),
        (slug, "share", "copy", noon + timedelta(hours=11), reader, place),  # the same day
    ]
    assert site_store.record_events(batch) == 6
    assert site_store.record_events([(slug, "share", "x", noon + timedelta(hours=13), reader, place)]) == 1
    assert event_counts(site_store, "view") == {slug: 6}
    assert event_counts(site_store, "share") == {slug: 2}
    # A cap of 1 a day: the address's second reader is refused.
    assert site_store.record_events([(slug, "share", "x", noon, "9" * 32, place)], {"share": 1}) == 0


def test_old_events_roll_up_into_daily_counts(site_store: Store) -> None:
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    slug = "midnight-cowboy"
    old = [
        (slug, "view", None, now - timedelta(days=days, hours=hour), None)
        for days in (9, 9, 30)
        for hour in (0, 1)
    ]
    recent = [(slug, "view", None, now - timedelta(days=days), None) for days in (0, 1, 7)]
    assert (
        site_store.record_events([*old, *recent, (slug, "share", "x", now - timedelta(days=20), None)]) == 10
    )
    before = site_store.daily_counts(slug, "view")
    top_before = site_store.top_films("view", now=now)
    assert site_store.roll_up_events(now) == 7
    assert event_counts(site_store, "view") == {slug: 3}  # the window's events stay
    assert site_store.daily_counts(slug, "view") == before  # nothing lost: folded by day
    assert site_store.daily_counts(slug, "share") == {(now - timedelta(days=20)).date(): 1}
    assert site_store.top_films("view", now=now) == top_before
    with site_store.engine.connect() as conn:
        assert sorted(row.count for row in conn.execute(select(event_days))) == [1, 2, 4]
    assert site_store.roll_up_events(now) == 0  # again: nothing left to fold, nothing counted twice
    assert site_store.record_events([(slug, "view", None, now - timedelta(days=30), None)]) == 1
    assert site_store.roll_up_events(now) == 1  # a late event joins its day's count
    assert site_store.daily_counts(slug, "view")[(now - timedelta(days=30)).date()] == 3


def test_the_rankings_are_read_once_an_interval(site_store: Store) -> None:
    moment = [100.0]
    rankings = Rankings(site_store, 5.0, clock=lambda: moment[0])
    noon = datetime.now(UTC)
    assert rankings.top("view", 5) == []
    site_store.record_events([("midnight-cowboy", "view", None, noon, None)])
    moment[0] += 4.9
    assert rankings.top("view", 5) == [] and rankings.reads == 1  # served from memory
    moment[0] += 0.2
    assert [c.slug for c in rankings.top("view", 5)] == ["midnight-cowboy"] and rankings.reads == 2
    assert rankings.top("share", 5) == [] and rankings.reads == 3  # each list on its own


def test_crawler_detection_reads_the_maintained_list() -> None:
    assert all(is_crawler(agent) for agent in CRAWLERS)
    assert not is_crawler(FIREFOX) and not is_crawler(SAFARI)
    assert is_crawler("   ")
    assert not is_crawler("x" * 100_000)  # a huge user agent is cut, not matched for ever
