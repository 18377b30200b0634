"""Rate limits in the database (``store/limits.py``), on both back ends: a token bucket that every
process on the database spends from, answering as the in-memory bucket does."""

from __future__ import annotations

import random
import threading

import pytest

from filmguide.store import Store
from filmguide.web.clients import RateLimit
from tests.store.conftest import count, rows

CLIENT = "0123456789abcdef0123456789abcdef"


def test_a_bucket_lets_the_burst_through_then_one_per_refill(store: Store) -> None:
    answers = [store.take_token("share", CLIENT, 1000.0, rate=0.5, burst=3) for _ in range(5)]
    assert [a.allowed for a in answers] == [True, True, True, False, False]
    assert answers[3].tokens == pytest.approx(0.0)
    assert not store.take_token("share", CLIENT, 1001.0, rate=0.5, burst=3).allowed  # half a token
    assert store.take_token("share", CLIENT, 1002.0, rate=0.5, burst=3).allowed  # a whole one
    assert not store.take_token("share", CLIENT, 1002.5, rate=0.5, burst=3).allowed
    # Another client, or another limit, has a bucket of its own.
    assert store.take_token("share", "another", 1002.5, rate=0.5, burst=3).allowed
    assert store.take_token("login", CLIENT, 1002.5, rate=0.5, burst=3).allowed
    assert count(store, "rate_limits") == 3


def test_the_database_answers_as_the_bucket_in_memory(store: Store) -> None:
    """The same requests at the same moments: the same verdicts and tokens as ``RateLimit``."""
    local = RateLimit(10 / 60, 10)
    moments = sorted(random.Random(14).uniform(0, 120) for _ in range(60))
    for now in moments:
        wait = local.take(CLIENT, now)
        taken = store.take_token("share", CLIENT, now, rate=10 / 60, burst=10)
        assert taken.allowed == (wait == 0), now
        if not taken.allowed:
            assert (1 - taken.tokens) / (10 / 60) == pytest.approx(wait)


def test_an_earlier_clock_refills_nothing(store: Store) -> None:
    for _ in range(2):
        assert store.take_token("share", CLIENT, 500.0, rate=1.0, burst=2).allowed
    # Another instance whose clock is two seconds behind: no tokens from the "past".
    assert not store.take_token("share", CLIENT, 498.0, rate=1.0, burst=2).allowed
    assert rows(store, "rate_limits", "at") == [(500.0,)]
    assert store.take_token("share", CLIENT, 501.0, rate=1.0, burst=2).allowed


def test_two_stores_at_once_spend_one_bucket(db_url: str) -> None:
    """Two processes' stores (two engines), eight threads each hammering one client's bucket at
    the same moment: exactly ``burst`` requests get through in all."""
    stores = [Store.open(db_url), Store.open(db_url)]
    allowed: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def send(store: Store) -> None:
        start.wait()
        for _ in range(5):
            taken = store.take_token("share", CLIENT, 2000.0, rate=0.01, burst=7)
            with lock:
                allowed.append(taken.allowed)

    try:
        threads = [threading.Thread(target=send, args=(stores[n % 2],)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(allowed) == 40
        assert allowed.count(True) == 7
    finally:
        for store in stores:
            store.close()


def test_full_buckets_are_pruned_and_others_kept(store: Store) -> None:
    store.take_token("share", "old", 100.0, rate=1.0, burst=10)
    store.take_token("share", "recent", 195.0, rate=1.0, burst=10)
    store.take_token("login", "old", 100.0, rate=1.0, burst=10)
    store.take_token("share", "now", 200.0, rate=1.0, burst=10, prune_before=190.0)
    assert sorted(rows(store, "rate_limits", "name", "client")) == [
        ("login", "old"),
        ("share", "now"),
        ("share", "recent"),
    ]


def test_a_limit_needs_a_rate_and_a_burst(store: Store) -> None:
    with pytest.raises(ValueError, match="positive rate"):
        store.take_token("share", CLIENT, 1.0, rate=0.0, burst=3)
