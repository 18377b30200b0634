"""A bulk import's batches of saves, on both back ends: one transaction whose saves are each whole
(a refused save is undone alone), committed together, and undone together by an error."""

from __future__ import annotations

import pytest

from filmguide.store import Store
from filmguide.store.revisions import GuideLoss
from tests.store.conftest import count, make_guide


def _films(store: Store) -> set[str]:
    """The slugs of the films with a guide, read through a connection of its own (what the site sees)."""
    return {summary.slug for summary in store.list_guides()}


def test_a_batch_commits_its_saves_together_and_a_refused_save_is_undone_alone(store: Store) -> None:
    store.save_guide(make_guide())
    before = store.get_guide("leaving-las-vegas")
    with store.write_batch():
        store.save_guide(make_guide("Con Air", 1997, cast=[("Nicolas Cage", "Cameron Poe")]))
        assert _films(store) == {"leaving-las-vegas"}  # nothing shows before the batch commits
        with pytest.raises(GuideLoss):  # loses most of the cast and every award
            store.save_guide(make_guide(cast=[("Nicolas Cage", "Ben")], awards=[]))
        # Its people first met in this batch: forgotten with the refused save, found again here.
        store.save_guide(
            make_guide("Face/Off", 1997, cast=[("Nicolas Cage", "Castor Troy"), ("Joan Allen", "Eve")])
        )
    assert _films(store) == {"leaving-las-vegas", "con-air", "face-off"}
    assert store.get_guide("leaving-las-vegas") == before  # the refused save changed nothing
    assert count(store, "people", slug="nicolas-cage") == 1
    cage = store.person("nicolas-cage")
    assert cage is not None and {c.film_slug for c in store.person_credits("nicolas-cage")} == {
        "leaving-las-vegas",
        "con-air",
        "face-off",
    }


def test_an_error_leaving_a_batch_undoes_all_of_it(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write_batch():
        store.save_guide(make_guide("Con Air", 1997, cast=[("Steve Buscemi", "Garland Greene")]))
        store.save_guide(make_guide("Fargo", 1996, cast=[("Steve Buscemi", "Carl Showalter")]))
        raise RuntimeError("the disk went away")
    assert _films(store) == set()
    assert count(store, "people", slug="steve-buscemi") == 0
    # The ids the batch made are not remembered: saving again makes the person anew.
    store.save_guide(make_guide("Fargo", 1996, cast=[("Steve Buscemi", "Carl Showalter")]))
    assert count(store, "people", slug="steve-buscemi") == 1
    assert [c.film_slug for c in store.person_credits("steve-buscemi")] == ["fargo"]


def test_a_batch_inside_a_batch_is_the_outer_one(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write_batch():
        with store.write_batch():
            store.save_guide(make_guide("Con Air", 1997))
        assert _films(store) == set()  # the inner block's end committed nothing
        raise RuntimeError("undo")
    assert _films(store) == set()


def test_the_people_a_failed_save_made_are_forgotten_with_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that fails after making its people is undone alone; a later save of the batch that
    names them makes them again rather than crediting the ids undone with it."""
    from filmguide.store import guides

    replace_refs = guides.replace_refs

    def fail_for_con_air(conn: object, film_id: int, guide: object, *, fresh: bool) -> None:
        if getattr(guide, "title", None) == "Con Air":
            raise ValueError("a fault after the people were made")
        replace_refs(conn, film_id, guide, fresh=fresh)  # type: ignore[arg-type]

    monkeypatch.setattr(guides, "replace_refs", fail_for_con_air)
    with store.write_batch():
        with pytest.raises(ValueError):
            store.save_guide(make_guide("Con Air", 1997, cast=[("Steve Buscemi", "Garland Greene")]))
        store.save_guide(make_guide("Fargo", 1996, cast=[("Steve Buscemi", "Carl Showalter")]))
    assert _films(store) == {"fargo"}
    assert [(c.film_slug, c.character) for c in store.person_credits("steve-buscemi")] == [
        ("fargo", "Carl Showalter")
    ]


def test_another_threads_write_is_no_part_of_a_batch(store: Store) -> None:
    """A batch is its own thread's: a write from another thread waits for it as for any write,
    and stands when the batch is undone."""
    import threading

    saved: list[object] = []
    other = threading.Thread(target=lambda: saved.append(store.save_guide(make_guide("Fargo", 1996))))
    with pytest.raises(RuntimeError), store.write_batch():
        store.save_guide(make_guide("Con Air", 1997))
        other.start()
        other.join(0.5)  # it waits for the batch's lock; it must not write through the batch
        raise RuntimeError("undo the batch")
    other.join(20)
    assert len(saved) == 1
    assert _films(store) == {"fargo"}
