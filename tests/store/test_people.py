"""People and credits: everyone a guide names, merged by the slug of their name."""

from __future__ import annotations

from filmguide.store import PersonCredit, Store
from filmguide.store.guides import WritePolicy
from tests.store.conftest import count, make_guide, rows


def test_every_role_becomes_a_credit_in_order(store: Store) -> None:
    store.save_guide(make_guide())

    credits = [(c.role, c.position, c.name, c.character) for c in store.credits("leaving-las-vegas")]

    assert sorted(credits) == sorted(
        [
            ("director", 0, "Mike Figgis", None),
            ("actor", 0, "Nicolas Cage", "Ben Sanderson"),
            ("actor", 1, "Elisabeth Shue", "Sera"),
            ("actor", 2, "Julian Sands", "Yuri"),
            ("composer", 0, "Mike Figgis", None),
            ("featured_artist", 0, "Sting", None),
            ("nominee", 0, "Nicolas Cage", None),
            ("nominee", 1, "Elisabeth Shue", None),
        ]
    )
    # Mike Figgis directs and composes, Cage and Shue act and are nominated: one person each.
    assert count(store, "people") == 5
    assert all(
        isinstance(c, PersonCredit) and c.film_slug == "leaving-las-vegas"
        for c in store.credits("leaving-las-vegas")
    )


def test_people_are_merged_across_guides_by_slug(store: Store) -> None:
    store.save_guide(make_guide())
    store.save_guide(
        make_guide(
            "Con Air",
            1997,
            directors=["Simon West"],
            cast=[("NICOLAS CAGE", "Cameron Poe"), ("John Malkovich", "Cyrus")],
            composers=["Mark Mancina"],
            featured=[],
            awards=[],
        )
    )
    # A fresh store has no cached ids: it must find the people already stored.
    reopened = Store.open(store.engine.url.render_as_string(hide_password=False))
    try:
        reopened.save_guide(
            make_guide("Face/Off", 1997, directors=["John Woo"], cast=[("Nicolás Cage", "Castor")])
        )
    finally:
        reopened.close()

    assert count(store, "people", slug="nicolas-cage") == 1
    assert rows(store, "people", "name", order_by="id")[1] == ("Nicolas Cage",)  # first spelling kept
    person_id = rows(store, "people", "id", "slug", order_by="id")[1][0]
    assert count(store, "credits", person_id=person_id, role="actor") == 3
    assert {c.film_slug for c in store.credits("face-off")} == {"face-off"}
    slugs = [slug for (slug,) in rows(store, "people", "slug")]
    assert len(slugs) == len(set(slugs))


def test_an_update_replaces_the_credits(store: Store) -> None:
    store.save_guide(make_guide())
    # Forced: the cast and awards shrink this much only when the editor means it.
    store.save_guide(
        make_guide(cast=[("Elisabeth Shue", "Sera")], awards=[], trivia=["recast"]),
        policy=WritePolicy(force=True),
    )

    actors = [(c.position, c.name) for c in store.credits("leaving-las-vegas") if c.role == "actor"]
    assert actors == [(0, "Elisabeth Shue")]
    assert [c for c in store.credits("leaving-las-vegas") if c.role == "nominee"] == []
    assert count(store, "credits") == 4  # director, actor, composer, featured artist


def test_a_nominee_less_award_and_blank_names_make_no_person(store: Store) -> None:
    store.save_guide(
        make_guide(
            directors=["  "],
            cast=[("—", None)],
            composers=[],
            featured=[],
            awards=[("Academy Awards", "Best Picture", None, "won")],
        )
    )
    assert count(store, "people") == 0
    assert count(store, "credits") == 0


def test_people_cache_survives_a_deleted_guide(store: Store) -> None:
    store.save_guide(make_guide())
    store.delete_guide("leaving-las-vegas")
    store.save_guide(make_guide("Con Air", 1997, cast=[("Nicolas Cage", "Cameron Poe")]))

    assert count(store, "people", slug="nicolas-cage") == 1
    assert [c.name for c in store.credits("con-air") if c.role == "actor"] == ["Nicolas Cage"]


def test_the_author_of_the_source_is_a_credit_also_after_upgrading(store: Store) -> None:
    """Migration 0006 gives guides stored before it their author credits (and search names)."""
    from alembic import command

    from filmguide.article import parse_path
    from filmguide.store import alembic_config
    from tests.conftest import SEED

    store.save_guide(parse_path(SEED))
    assert ("author", "John O’Brien") in {(c.role, c.name) for c in store.credits("leaving-las-vegas")}
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    assert "author" not in {c.role for c in store.credits("leaving-las-vegas")}
    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert ("author", "John O’Brien") in {(c.role, c.name) for c in store.credits("leaving-las-vegas")}
    assert [f.film_slug for f in store.person_credits("john-obrien")] == ["leaving-las-vegas"]
    assert store.search("brien").films[0].slug == "leaving-las-vegas"


def test_a_person_and_their_credits_read_together(store: Store) -> None:
    """The person page's one read gives what the two separate reads give, and nothing for a
    slug no one has."""
    from filmguide.article import parse_path
    from tests.conftest import SEED

    store.save_guide(parse_path(SEED))
    found = store.person_with_credits("nicolas-cage")
    assert found is not None
    person, credits = found
    assert person == store.person("nicolas-cage")
    assert person.name == "Nicolas Cage"
    assert credits == store.person_credits("nicolas-cage")
    assert {(c.film_slug, c.role) for c in credits} >= {("leaving-las-vegas", "actor")}
    assert store.person_with_credits("no-such-person") is None
