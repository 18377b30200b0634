"""The search index on both back ends: kept in step with saves and deletes, ranked, with marked
snippets, safe with any query, and built for guides stored before it existed."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import delete, func, inspect, select

from filmguide import search
from filmguide.catalog import CatalogFilm
from filmguide.slugs import slugify_title
from filmguide.store import Store, alembic_config, head_revision
from filmguide.store.engine import WRITE
from filmguide.store.events import film_id
from filmguide.store.guides import WritePolicy
from filmguide.store.schema import films, search_docs, search_state
from filmguide.store.search import query as search_query
from filmguide.store.search.index import guide_text
from filmguide.store.search.postgres import tsquery_text
from filmguide.store.search.query import query_terms
from filmguide.store.search.snippets import MARK_END, MARK_START, mark_title
from filmguide.store.search.sqlite import fts5_match
from tests.helpers import HOSTILE
from tests.store.conftest import make_guide


def _slugs(hits: list[object]) -> list[str]:
    return [hit.slug for hit in hits]  # type: ignore[attr-defined]


def test_a_saved_guide_is_found_by_its_title_names_and_text(store: Store) -> None:
    store.save_guide(make_guide(trivia=["The crew shot in Tucson on 16mm."]))
    assert _slugs(store.search("leaving las vegas").films) == ["leaving-las-vegas"]
    assert _slugs(store.search("Julian Sands").films) == ["leaving-las-vegas"]
    assert _slugs(store.search("tucson").films) == ["leaving-las-vegas"]
    assert _slugs(store.search("TUCS").films) == ["leaving-las-vegas"]  # the last word as a prefix
    assert _slugs(store.search("Ben Sanderson").films) == ["leaving-las-vegas"]  # a character
    assert _slugs(store.search("Barfly").films) == ["leaving-las-vegas"]  # a recommendation
    assert _slugs(store.search("tucson zeppelin").films) == []  # every word must be there
    assert store.search("Julian Sands").people[0].slug == "julian-sands"


def test_an_updated_guide_is_indexed_again(store: Store) -> None:
    store.save_guide(make_guide(trivia=["A zeppelin flies over the Strip."]))
    assert _slugs(store.search("zeppelin").films) == ["leaving-las-vegas"]
    recast = make_guide(trivia=["A walrus waddles down the Strip."], cast=[("Ada Lovelace", None)])
    store.save_guide(recast, policy=WritePolicy(force=True))  # the cast falls 3 → 1: meant
    assert store.search("zeppelin").films == []
    assert _slugs(store.search("walrus").films) == ["leaving-las-vegas"]
    assert store.search("Julian Sands").films == []
    assert _slugs(store.search("lovelace").films) == ["leaving-las-vegas"]
    assert _index_rows(store) == 1


def test_a_deleted_guide_leaves_the_index(store: Store) -> None:
    store.save_guide(make_guide(trivia=["A zeppelin."]))
    store.save_guide(
        make_guide("Barfly", 1987, cast=[("Mickey Rourke", "Henry")], trivia=["A zeppelin too."])
    )
    assert sorted(_slugs(store.search("zeppelin").films)) == ["barfly", "leaving-las-vegas"]
    assert [h.slug for h in store.search_fuzzy("leavng las vegas")][:1] == ["leaving-las-vegas"]

    assert store.delete_guide("leaving-las-vegas")
    assert _slugs(store.search("zeppelin").films) == ["barfly"]
    assert store.search("leaving").films == []
    assert "leaving-las-vegas" not in [h.slug for h in store.search_fuzzy("leavng las vegas")]
    # Nobody is credited any more in the deleted film: its people are no longer found alone.
    assert store.search("Julian Sands").people == []


def test_a_guide_deleted_while_its_film_stays_leaves_the_index(store: Store) -> None:
    store.save_guide(make_guide(trivia=["A zeppelin."]))
    assert store.record_event("leaving-las-vegas", "view")
    assert store.delete_guide("leaving-las-vegas")
    assert store.search("zeppelin").films == []
    assert store.search("leaving").films == []
    assert store.search_fuzzy("leaving las vegas") == []
    assert _index_rows(store) == 0


def test_deleting_a_film_in_the_database_cascades_to_the_index(store: Store) -> None:
    store.save_guide(make_guide(trivia=["A zeppelin."]))
    with store.engine.begin() as conn:
        conn.execute(delete(films))
    assert _index_rows(store) == 0
    assert store.search("zeppelin").films == []


def test_every_change_moves_the_index_counter(store: Store) -> None:
    before = _counter(store)
    store.save_guide(make_guide())
    after_save = _counter(store)
    store.save_guide(make_guide())  # unchanged: nothing to index
    assert _counter(store) == after_save > before
    store.delete_guide("leaving-las-vegas")
    assert _counter(store) > after_save


def test_a_failed_save_leaves_the_index_as_it_was(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_guide(make_guide(trivia=["A zeppelin."]))
    from filmguide.store import guides

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(guides, "replace_refs", fail)
    with pytest.raises(RuntimeError):
        store.save_guide(make_guide(trivia=["A walrus."]))
    assert _slugs(store.search("zeppelin").films) == ["leaving-las-vegas"]
    assert store.search("walrus").films == []


def test_a_title_hit_ranks_above_a_mention_in_the_text(store: Store) -> None:
    store.save_guide(
        make_guide("Barfly", 1987, trivia=["Often paired with The Walrus, and the walrus of it."])
    )
    store.save_guide(make_guide("The Walrus", 2001, trivia=["Shot in Oslo."]))
    store.save_guide(make_guide("Shame", 2011, cast=[("Walrus Jones", "Brandon")]))
    films_found = _slugs(store.search("walrus").films)
    assert films_found[0] == "the-walrus"
    assert set(films_found) == {"the-walrus", "barfly", "shame"}
    assert films_found.index("shame") < films_found.index("barfly")  # names above text

    page = search.search_page(store, "walrus")
    assert [(r["kind"], r["slug"]) for r in page["results"]] == [
        ("film", "the-walrus"),
        ("person", "walrus-jones"),
        ("film", "shame"),
        ("film", "barfly"),
    ]
    scores = [r["score"] for r in page["results"]]
    assert scores == sorted(scores, reverse=True)
    assert page["fuzzy"] is False


def test_exact_and_prefix_titles_come_first(store: Store) -> None:
    store.save_guide(make_guide("Vegas Vacation", 1997))
    store.save_guide(make_guide("Vegas", 2008))
    store.save_guide(make_guide("Leaving Las Vegas", 1995))
    page = search.search_page(store, "vegas")
    assert [r["slug"] for r in page["results"] if r["kind"] == "film"] == [
        "vegas",
        "vegas-vacation",
        "leaving-las-vegas",
    ]


def test_snippets_mark_the_matched_words(store: Store) -> None:
    store.save_guide(make_guide(trivia=["The crew shot the desert scenes near Tucson, on 16mm film."]))
    (hit,) = store.search("tucson").films
    assert f"{MARK_START}Tucson{MARK_END}" in hit.snippet

    (result,) = search.search_page(store, "tucson")["results"]
    assert {"text": "Tucson", "match": True} in result["snippet"]
    assert "".join(s["text"] for s in result["snippet"]).count("desert") == 1
    assert all(MARK_START not in s["text"] and MARK_END not in s["text"] for s in result["snippet"])


def test_article_markup_and_control_characters_stay_text_in_snippets(store: Store) -> None:
    hostile = 'A <script>alert("x")</script> walrus \x02 <b>bold</b> \x03 &amp; end.'
    store.save_guide(make_guide(trivia=[hostile]))
    (result,) = search.search_page(store, "walrus")["results"]
    text = "".join(s["text"] for s in result["snippet"])
    assert "<script>" in text  # kept as text: the template escapes it
    assert [s["text"] for s in result["snippet"] if s["match"]] == ["walrus"]


def test_people_are_found_by_name(store: Store) -> None:
    store.save_guide(make_guide())
    hits = store.search("nicolas cage").people
    assert [(h.slug, h.label) for h in hits] == [("nicolas-cage", "Nicolas Cage")]
    assert MARK_START in hits[0].snippet
    page = search.search_page(store, "Nicolas Cage")
    assert page["results"][0] == {
        "kind": "person",
        "slug": "nicolas-cage",
        "url": "/people/nicolas-cage",
        "name": "Nicolas Cage",
        "score": page["results"][0]["score"],
        "snippet": [{"text": "Nicolas Cage", "match": True}],
    }


def test_accents_and_case_are_folded(store: Store) -> None:
    store.save_guide(
        make_guide("Amélie", 2001, directors=["Jean-Pierre Jeunet"], trivia=["Café des Deux Moulins."])
    )
    assert _slugs(store.search("amelie").films) == ["amelie"]
    assert _slugs(store.search("AMÉLIE").films) == ["amelie"]
    assert _slugs(store.search("cafe moulins").films) == ["amelie"]
    assert search.search_page(store, "amelie")["results"][0]["slug"] == "amelie"


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer_or_refuse(store: Store, query: str) -> None:
    store.save_guide(make_guide(trivia=["Ben and Sera, in Las Vegas: a NEAR miss, AND more."]))
    store.search(query)
    store.search_fuzzy(query)
    search.closest_titles(store, query)
    try:
        page = search.search_page(store, query)
    except search.QueryError:
        assert len(query) > search.MAX_QUERY
        return
    assert page["kind"] == "search"
    for result in page["results"]:
        assert result["kind"] in ("film", "person")
    # Nothing was dropped or deleted on the way.
    assert [g.slug for g in store.list_guides()] == ["leaving-las-vegas"]


def test_operators_are_searched_as_words(store: Store) -> None:
    store.save_guide(make_guide(trivia=["Ben and Sera, in Las Vegas: a near miss."]))
    store.save_guide(make_guide("Barfly", 1987, trivia=["Nothing here."]))
    assert _slugs(store.search("NEAR miss").films) == ["leaving-las-vegas"]
    assert _slugs(store.search('"ben" AND (sera)').films) == ["leaving-las-vegas"]
    assert store.search("vegas NOT").films == []  # "not" is a word no guide holds


def test_match_expressions_are_quoted() -> None:
    assert query_terms('Say "NEAR" (x) -y* 🎬 é\x00') == ["say", "near", "x", "y", "é"]
    assert fts5_match(["say", "near"]) == '"say" "near"*'
    assert fts5_match(["say"], column="title") == '{title} : ("say"*)'
    assert fts5_match(["a"]) == '"a"'  # one letter is no prefix: too many words start with it
    assert tsquery_text(["it", "vegas"]) == "'it' & 'vegas':*"
    assert tsquery_text(["vegas"], weight="A") == "'vegas':*A"
    assert len(query_terms(" ".join(f"w{i}" for i in range(100)))) == 16
    assert query_terms("x" * 3000) == ["x" * 64]


def test_the_body_is_the_guides_prose_then_its_other_words() -> None:
    # The prose as Guide.prose() walks it (the walk fact checks, themes and recommendations read),
    # in the guide's order; then the words that are not prose; the title and credits stand apart.
    guide = make_guide(trivia=["The crew   shot in Tucson."])
    title, names, body = guide_text(guide)
    prose = [" ".join(paragraph.text.split()) for paragraph in guide.prose()]
    lines = body.split("\n")
    assert lines[: len(prose)] == prose
    assert "The crew shot in Tucson." in prose
    assert {"Ben Sanderson", "Best Actor", "Barfly"} <= set(lines[len(prose) :])
    assert (title, names.split("\n")[0]) == ("Leaving Las Vegas", "Mike Figgis")
    assert "Julian Sands" in names.split("\n")
    assert "Julian Sands" not in lines


def test_the_migration_indexes_guides_stored_before_it(empty_db_url: str) -> None:
    with Store.open(empty_db_url) as store:
        store.save_guide(make_guide(trivia=["A zeppelin."]))
        store.save_guide(make_guide("Barfly", 1987, cast=[("Mickey Rourke", "Henry")]))
        with store.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                command.downgrade(alembic_config(conn), "0001")
        with store.engine.connect() as conn:
            assert not any(name.startswith("search_") for name in inspect(conn).get_table_names())
            assert store.migration_status() == ("0001", head_revision())

    with Store.open(empty_db_url) as store:  # at 0001 with two guides: migrated to head
        assert store.migrated is True
        assert store.migration_status() == (head_revision(), head_revision())
        assert _slugs(store.search("zeppelin").films) == ["leaving-las-vegas"]
        assert _slugs(store.search("rourke").films) == ["barfly"]
        assert [h.slug for h in store.search("rourke").people] == ["mickey-rourke"]
        assert store.search_fuzzy("barfyl")[0].slug == "barfly"
        assert _index_rows(store) == 2


def test_the_index_can_be_rebuilt(store: Store) -> None:
    store.save_guide(make_guide(trivia=["A zeppelin."]))
    with store.engine.begin() as conn:
        conn.execute(delete(search_docs))
    assert store.search("zeppelin").films == []
    assert store.rebuild_search_index() == 1
    assert _slugs(store.search("zeppelin").films) == ["leaving-las-vegas"]
    assert _slugs(store.search("julian").films) == ["leaving-las-vegas"]


def test_the_fuzzy_matcher_finds_typos_and_follows_changes(store: Store) -> None:
    store.save_guide(make_guide())
    assert [(h.kind, h.slug) for h in store.search_fuzzy("Figis")][:1] == [("person", "mike-figgis")]
    assert store.search_fuzzy("leavng las vegas")[0].slug == "leaving-las-vegas"
    assert store.search_fuzzy("zzzz qqqq") == []
    assert store.search_fuzzy("") == []
    store.save_guide(make_guide("Requiem for a Dream", 2000, directors=["Darren Aronofsky"]))
    assert store.search_fuzzy("requiem for a dram")[0].slug == "requiem-for-a-dream"
    assert all(h.kind == "film" for h in store.search_fuzzy("aronofsky", people=False))
    assert [h.slug for h in store.search_fuzzy("aronofksy")] == ["darren-aronofsky"]


def _index_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(search_docs)) or 0)


def _counter(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(search_state.c.version)) or 0)


def test_film_ids_match_the_index(store: Store) -> None:
    store.save_guide(make_guide())
    with store.engine.connect() as conn:
        wanted = film_id(conn, "leaving-las-vegas")
        assert conn.scalar(select(search_docs.c.film_id)) == wanted


# --- at scale: many titles, common words, bounded text ranking ----------------------------------


def _catalog(titles: list[tuple[str, int, list[str]]]) -> list[CatalogFilm]:
    return [CatalogFilm(slug=f"{slugify_title(t)}-{y}", title=t, year=y, directors=d) for t, y, d in titles]


def test_exact_and_starting_titles_lead_among_many_that_hold_the_word(store: Store) -> None:
    # More titles hold "night" than one title query fetches: those that start with it still lead.
    many = [(f"A Long Night in Town {n}", 1950 + n % 50, ["Ann Other"]) for n in range(150)]
    store.load_catalog(
        _catalog([*many, ("Night Train", 1999, []), ("Night", 2001, []), ("Nightwatch", 1994, [])])
    )
    page = search.search_page(store, "night")
    slugs = [r["slug"] for r in page["results"]]
    assert slugs[:3] == ["night-2001", "night-train-1999", "nightwatch-1994"]
    assert len(slugs) == search.LIMIT and page["fuzzy"] is False
    assert all("night" in r["title"].lower() for r in page["results"])
    scores = [r["score"] for r in page["results"]]
    assert scores == sorted(scores, reverse=True)
    # While typing: the start of a word finds the titles starting so, shortest first.
    assert [r["slug"] for r in search.search_page(store, "nig")["results"][:2]] == [
        "night-2001",
        "night-train-1999",
    ]


def test_title_hits_mark_the_words_of_the_title(store: Store) -> None:
    store.load_catalog(_catalog([("Amélie of Montmartre", 2001, ["Jean-Pierre Jeunet"])]))
    (hit,) = store.search("amelie montm").films
    assert hit.snippet == f"{MARK_START}Amélie{MARK_END} of {MARK_START}Montmartre{MARK_END}"
    assert mark_title("The Godfather Part II", ["godfa"]) == f"The {MARK_START}Godfather{MARK_END} Part II"
    assert mark_title("Ça", ["ca"]) == f"{MARK_START}Ça{MARK_END}"


def test_text_too_common_to_rank_still_finds_films_with_snippets(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More films mention the word than are ranked: the newest come, each with its snippet.
    monkeypatch.setattr(search_query, "RANK_CAP", 3)
    for n in range(6):
        store.save_guide(
            make_guide(f"Film {n}", 2000 + n, trivia=[f"A zeppelin crosses the sky in reel {n}."])
        )
    page = search.search_page(store, "zeppelin")
    assert sorted(r["slug"] for r in page["results"]) == sorted(f"film-{n}" for n in range(6))
    for result in page["results"]:
        assert {"text": "zeppelin", "match": True} in result["snippet"]


def test_typos_are_forgiven_among_thousands_of_titles(store: Store) -> None:
    words = [
        "silent",
        "river",
        "golden",
        "shadow",
        "harbor",
        "letter",
        "crimson",
        "garden",
        "mirror",
        "storm",
    ]
    names = ["Anna Barlow", "Ben Castellano", "Carla Dunmore", "David Eriksen", "Elena Fairbanks"]
    films = [
        (f"The {words[n % 10].title()} {words[n // 10 % 10].title()} {n}", 1930 + n % 90, [names[n % 5]])
        for n in range(3000)
    ]
    store.load_catalog(_catalog(films))
    store.save_guide(make_guide())
    page = search.search_page(store, "leavng las vegas")
    assert page["fuzzy"] is True and page["results"][0]["slug"] == "leaving-las-vegas"
    page = search.search_page(store, "Figis")
    assert (page["results"][0]["kind"], page["results"][0]["slug"]) == ("person", "mike-figgis")
    page = search.search_page(store, "Carla Dunmoore")
    assert (page["results"][0]["kind"], page["results"][0]["slug"]) == ("person", "carla-dunmore")
    assert search.search_page(store, "qzxvbk")["results"] == []


def test_upgrading_to_0016_indexes_guided_films_by_the_prose_rule(empty_db_url: str) -> None:
    """Entries made by the earlier body rule are made again by the migration, not left for a
    repair: ``db check`` finds none out of date after the upgrade."""
    from filmguide import importer
    from filmguide.store.check import search_index

    with Store.open(empty_db_url) as store:
        importer.import_paths(store, [importer.DEMO_DIR])
        with store.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                conn.execute(search_docs.update().values(body="words in the order of an older rule"))
                command.downgrade(alembic_config(conn), "0015")
            assert next(f for f in search_index(conn) if "out of date" in f.label).count == 6
    with Store.open(empty_db_url) as store:
        assert store.migrated
        with store.engine.connect() as conn:
            assert all(finding.count == 0 for finding in search_index(conn))
            guide = store.get_guide("leaving-las-vegas")
            assert guide is not None
            query = select(search_docs.c.body).join(films, films.c.id == search_docs.c.film_id)
            body = conn.scalar(query.where(films.c.slug == "leaving-las-vegas"))
            assert body == guide_text(guide)[2]
