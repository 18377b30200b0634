"""Grouped writes (``Store.bulk_writes``): a bulk import's saves share transactions, each save
whole in a savepoint of its own, on both back ends."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from filmguide.importer.pool import in_order
from filmguide.store import Store
from filmguide.store import connection as connections
from filmguide.store.revisions import GuideLoss
from tests.helpers import assert_whole, guide_count
from tests.store.conftest import make_guide


def _guide(n: int) -> object:
    return make_guide(f"Grouped Film {n}", 1990 + n, directors=["Ann Director"])


def test_grouped_writes_are_seen_by_others_only_when_their_group_commits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connections, "GROUP_WRITES", 3)
    monkeypatch.setattr(connections, "GROUP_SECONDS", 3600.0)
    seen = []
    with store.bulk_writes():
        for n in range(7):
            store.save_guide(_guide(n))  # type: ignore[arg-type]
            seen.append(guide_count(store))  # another connection's view
        # A read through the store sees every write before it: it commits the group first.
        assert store.guide_version("grouped-film-6") == 1
        assert guide_count(store) == 7
    assert seen == [0, 0, 3, 3, 3, 6, 6]
    assert guide_count(store) == 7
    assert store.content_writes == 7
    assert_whole(store)


def test_a_refused_write_in_a_group_rolls_back_alone(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that fails inside a group takes back only its own changes (its savepoint): the saves
    before and after it in the same transaction are kept whole."""
    monkeypatch.setattr(connections, "GROUP_SECONDS", 3600.0)
    full = make_guide("Grouped Film", 2001, directors=["Ann Director"], trivia=["One.", "Two.", "Three."])
    store.save_guide(full)
    smaller = full.model_copy(update={"cast": full.cast[:1], "awards": [], "trivia": []})
    with store.bulk_writes():
        store.save_guide(_guide(1))  # type: ignore[arg-type]
        with pytest.raises(GuideLoss):
            store.save_guide(smaller)
        store.save_guide(_guide(2))  # type: ignore[arg-type]
    assert guide_count(store) == 3
    kept = store.get_guide("grouped-film")
    assert kept is not None and len(kept.cast) == len(full.cast) and kept.trivia == full.trivia
    assert_whole(store)


def test_an_error_that_stops_the_import_keeps_what_was_saved(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connections, "GROUP_SECONDS", 3600.0)
    with pytest.raises(RuntimeError), store.bulk_writes():
        store.save_guide(_guide(1))  # type: ignore[arg-type]
        store.save_guide(_guide(2))  # type: ignore[arg-type]
        raise RuntimeError("the export's file broke off")
    assert guide_count(store) == 2
    assert_whole(store)


def test_a_database_error_in_a_group_keeps_the_writes_before_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connections, "GROUP_SECONDS", 3600.0)

    def duplicate(conn: Connection) -> None:
        conn.execute(text("INSERT INTO search_state (id, version) VALUES (1, 0)"))  # id 1 exists

    with pytest.raises(IntegrityError), store.bulk_writes():
        store.save_guide(_guide(1))  # type: ignore[arg-type]
        store._write(duplicate)
    assert guide_count(store) == 1
    assert store.guide_version("grouped-film-1") == 1
    store.save_guide(_guide(2))  # type: ignore[arg-type]  # the store goes on writing
    assert guide_count(store) == 2


def test_in_order_tells_the_writer_before_it_waits() -> None:
    """The writer hears it is about to wait (so it commits its group) only when a chunk is not
    parsed yet, and gets every result in order."""
    gate = threading.Event()
    waits: list[int] = []

    def work(chunk: list[int]) -> list[int]:
        if chunk[0] == 4:
            gate.wait(5)
        return [n * 10 for n in chunk]

    def on_wait() -> None:
        waits.append(1)
        gate.set()

    with ThreadPoolExecutor(2) as pool:
        results = list(in_order(pool, work, range(8), chunk=2, workers=2, on_wait=on_wait))
    assert results == [n * 10 for n in range(8)]
    assert len(waits) >= 1 and gate.is_set()
