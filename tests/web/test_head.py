"""Every page's head: title, description, canonical URL, OpenGraph and Twitter cards, and the
schema.org JSON-LD, expanded and flattened with pyld (offline, against a local schema.org context)
so the assertions read what a consumer of the graph reads."""

from __future__ import annotations

from typing import Any

import pytest

from filmguide.store import Store
from filmguide.web import seo
from filmguide.web.app import app_from_environment, create_app
from tests.web.conftest import (
    WebClient,
    canonical,
    expand,
    flatten,
    html_tree,
    iri,
    ld_blocks,
    ld_json,
    links,
    meta,
    values,
)

BASE = "http://testserver"
FILM = "/films/leaving-las-vegas"


def _of_type(graph: dict[str, dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [node for node in graph.values() if iri(kind) in node.get("@type", [])]


def _name(graph: dict[str, dict[str, Any]], ref: dict[str, Any]) -> str:
    (name,) = values(graph[ref["@id"]], "name")
    assert isinstance(name, str)
    return name


# --- the tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "og_type"),
    [("/", "website"), (FILM, "video.movie"), ("/people/nicolas-cage", "profile")],
)
def test_every_page_has_title_description_canonical_og_and_twitter(
    web: WebClient, path: str, og_type: str
) -> None:
    tree = html_tree(web.get(path))
    title = tree.css_first("title")
    assert title is not None and "filmguide" in title.text()
    description = meta(tree, "description")
    assert 20 <= len(description) <= seo.DESCRIPTION_LENGTH
    assert canonical(tree) == BASE + path
    assert meta(tree, "og:type") == og_type
    assert meta(tree, "og:url") == BASE + path
    assert meta(tree, "og:title") == title.text()
    assert meta(tree, "og:description") == description
    assert meta(tree, "og:site_name") == "filmguide"
    assert meta(tree, "twitter:card") == "summary_large_image"
    assert meta(tree, "twitter:image") == meta(tree, "og:image")
    assert meta(tree, "twitter:title") == title.text()
    assert meta(tree, "twitter:description") == description
    assert meta(tree, "robots") == "index,follow"


def test_film_head_names_the_film_and_describes_it_with_its_intro(web: WebClient) -> None:
    data = web.get(FILM + ".json").json()
    tree = html_tree(web.get(FILM))
    title = tree.css_first("title")
    assert title is not None and title.text().startswith("Leaving Las Vegas (1995)")
    assert meta(tree, "description") == seo.clip(data["guide"]["intro"][0])


def test_spoiler_free_page_is_canonically_the_film_page(web: WebClient) -> None:
    tree = html_tree(web.get(FILM + "?spoilers=0"))
    assert canonical(tree) == BASE + FILM
    assert meta(tree, "og:url") == BASE + FILM


@pytest.mark.parametrize("path", ["/search?q=vegas", "/films/no-such-film"])
def test_search_and_not_found_are_not_indexed_and_carry_no_jsonld(web: WebClient, path: str) -> None:
    tree = html_tree(web.get(path))
    assert meta(tree, "robots") == "noindex"
    assert ld_blocks(tree) == []
    assert tree.css_first("title") is not None


# --- base URL ------------------------------------------------------------------------------------


def test_the_public_base_url_wins_over_the_request(demo_store: Store) -> None:
    web = WebClient(create_app(demo_store, base_url="https://films.example.org/"))
    tree = html_tree(web.get(FILM))
    assert canonical(tree) == "https://films.example.org" + FILM
    assert meta(tree, "og:url") == "https://films.example.org" + FILM
    movie = ld_json(tree)
    assert movie["url"] == "https://films.example.org" + FILM
    assert all(d["url"].startswith("https://films.example.org/people/") for d in movie["director"])


def test_filmguide_base_url_sets_the_public_url(
    demo_store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILMGUIDE_DB", db_url)
    monkeypatch.setenv("FILMGUIDE_BASE_URL", "https://guide.example.net")
    app = app_from_environment()
    try:
        web = WebClient(app, base_url="http://guide.example.net")
        assert canonical(html_tree(web.get("/"))) == "https://guide.example.net/"
        assert "Sitemap: https://guide.example.net/sitemap.xml" in web.get("/robots.txt").text
        # Any other Host is refused, as Django's ALLOWED_HOSTS does.
        assert WebClient(app, base_url="http://127.0.0.1:8000").get("/").status_code == 400
    finally:
        app.app.state.site.store.close()


def test_without_a_base_url_the_request_names_the_site(demo_store: Store) -> None:
    web = WebClient(create_app(demo_store), base_url="http://localhost:8123")
    assert canonical(html_tree(web.get(FILM))) == "http://localhost:8123" + FILM


# --- JSON-LD: the film ---------------------------------------------------------------------------


def test_film_jsonld_is_a_valid_movie_with_its_people_music_awards_and_quotes(web: WebClient) -> None:
    data = web.get(FILM + ".json").json()
    document = ld_json(html_tree(web.get(FILM)))
    assert document["@context"] == "https://schema.org"

    (movie,) = expand(document)
    assert movie["@type"] == [iri("Movie")]
    assert movie["@id"] == BASE + FILM + "#film"
    assert values(movie, "name") == ["Leaving Las Vegas"]
    assert values(movie, "dateCreated") == ["1995"]
    assert values(movie, "url") == [BASE + FILM]
    assert set(values(movie, "genre")) == {"Romance", "Drama", "Tragedy"}

    graph = flatten(document)
    movie = graph[BASE + FILM + "#film"]
    assert [_name(graph, d) for d in links(movie, "director")] == ["Mike Figgis"]
    assert graph[links(movie, "director")[0]["@id"]]["@type"] == [iri("Person")]
    assert [_name(graph, p) for p in links(movie, "musicBy")] == ["Mike Figgis"]

    characters: dict[str, str] = {}
    for ref in links(movie, "actor"):
        role = graph[ref["@id"]]
        assert role["@type"] == [iri("PerformanceRole")]
        (person,) = links(role, "actor")
        assert graph[person["@id"]]["@type"] == [iri("Person")]
        (character,) = values(role, "characterName")
        characters[_name(graph, person)] = character
    assert characters == {c["actor"]["name"]: c["character"] for c in data["cast"]}
    assert characters["Nicolas Cage"] == "Ben Sanderson"
    assert characters["Elisabeth Shue"] == "Sera"

    awards = values(movie, "award")
    assert "Academy Awards: Best Actor (Nicolas Cage)" in awards
    won = [a for a in data["guide"]["awards"] if a["result"] == "won"]
    assert len(awards) == len(won)

    quotations = [graph[ref["@id"]] for ref in links(movie, "hasPart")]
    assert quotations and all(q["@type"] == [iri("Quotation")] for q in quotations)
    spoken = []
    for quotation in quotations:
        (speaker,) = links(quotation, "spokenByCharacter")
        assert graph[speaker["@id"]]["@type"] == [iri("Person")]
        (text,) = values(quotation, "text")
        spoken.append((_name(graph, speaker), text))
        assert links(quotation, "isPartOf") == [{"@id": BASE + FILM + "#film"}]
    assert spoken == [(q["speaker"], q["text"]) for q in data["guide"]["quotes"]]
    assert ("Ben", "I came here to drink myself to death.") in spoken

    (book,) = [graph[ref["@id"]] for ref in links(movie, "isBasedOn")]
    assert book["@type"] == [iri("Book")]


def test_every_demo_film_has_one_valid_movie_matching_its_twin(web: WebClient, demo_store: Store) -> None:
    for guide in demo_store.list_guides():
        path = f"/films/{guide.slug}"
        data = web.get(path + ".json").json()
        document = ld_json(html_tree(web.get(path)))
        graph = flatten(document)
        (movie,) = _of_type(graph, "Movie")
        assert values(movie, "name") == [data["title"]]
        assert len(links(movie, "actor")) == len(data["cast"])
        assert len(links(movie, "director")) == len(data["directors"])
        assert len(links(movie, "hasPart")) == len(data["guide"]["quotes"])
        assert len(_of_type(graph, "Quotation")) == len(data["guide"]["quotes"])


def test_an_actor_without_a_character_is_the_person_itself() -> None:
    member = {"actor": {"name": "Ann Example", "url": "/people/ann-example"}, "character": None}
    assert seo._actor(member, BASE) == {
        "@type": "Person",
        "@id": BASE + "/people/ann-example#person",
        "name": "Ann Example",
        "url": BASE + "/people/ann-example",
    }


def test_spoiler_free_jsonld_follows_the_spoiler_free_page(web: WebClient) -> None:
    full = web.get(FILM + ".json").json()
    safe = web.get(FILM + ".json?spoilers=0").json()
    movie = ld_json(html_tree(web.get(FILM + "?spoilers=0")))
    assert len(movie.get("hasPart", [])) == len(safe["guide"]["quotes"]) <= len(full["guide"]["quotes"])


# --- JSON-LD: the person and the site ----------------------------------------------------------


def test_person_jsonld_is_a_person_with_the_films_and_characters(web: WebClient) -> None:
    document = ld_json(html_tree(web.get("/people/nicolas-cage")))
    (person,) = expand(document)
    assert person["@type"] == [iri("Person")]
    assert values(person, "name") == ["Nicolas Cage"]

    graph = flatten(document)
    me = BASE + "/people/nicolas-cage#person"
    (movie,) = _of_type(graph, "Movie")
    assert values(movie, "name") == ["Leaving Las Vegas"]
    (role_ref,) = links(movie, "actor")
    role = graph[role_ref["@id"]]
    assert links(role, "actor") == [{"@id": me}]
    assert values(role, "characterName") == ["Ben Sanderson"]


def test_person_jsonld_joins_the_film_graph_by_node_ids(web: WebClient) -> None:
    """A director and composer: the person page's Movie is the film page's Movie (same ``@id``),
    linked through ``director`` and ``musicBy`` to the same Person."""
    graph = flatten(ld_json(html_tree(web.get("/people/mike-figgis"))))
    me = {"@id": BASE + "/people/mike-figgis#person"}
    movie = graph[BASE + FILM + "#film"]
    assert me in links(movie, "director")
    assert me in links(movie, "musicBy")
    film_graph = flatten(ld_json(html_tree(web.get(FILM))))
    assert me in links(film_graph[BASE + FILM + "#film"], "director")


def test_every_person_page_names_every_film_of_its_twin(web: WebClient, demo_store: Store) -> None:
    for person in demo_store.people():
        path = f"/people/{person.slug}"
        data = web.get(path + ".json").json()
        graph = flatten(ld_json(html_tree(web.get(path))))
        films = {values(m, "name")[0] for m in _of_type(graph, "Movie")}
        assert films == {f["title"] for f in data["films"]}, path


def test_home_jsonld_is_a_website_with_a_search_action(web: WebClient) -> None:
    (site,) = expand(ld_json(html_tree(web.get("/"))))
    assert site["@type"] == [iri("WebSite")]
    assert values(site, "url") == [BASE + "/"]
    (action,) = links(site, "potentialAction")
    assert action["@type"] == [iri("SearchAction")]
    (target,) = links(action, "target")
    assert values(target, "urlTemplate") == [BASE + "/search?q={search_term_string}"]
    assert values(action, "query-input") == ["required name=search_term_string"]


# --- helpers -------------------------------------------------------------------------------------


def test_clip_cuts_at_a_word_and_collapses_whitespace() -> None:
    assert seo.clip("a  b\n c") == "a b c"
    clipped = seo.clip("word " * 100)
    assert len(clipped) <= seo.DESCRIPTION_LENGTH and clipped.endswith("word…")
    assert seo.clip("x" * 500, 10) == "x" * 9 + "…"


def test_absolute_url_percent_encodes_the_path() -> None:
    assert seo.absolute_url("https://a.example/", "/films/x") == "https://a.example/films/x"
    assert seo.absolute_url("https://a.example", "") == "https://a.example/"
    assert (
        seo.absolute_url("https://a.example", '/films/"><b> é')
        == "https://a.example/films/%22%3E%3Cb%3E%20%C3%A9"
    )
