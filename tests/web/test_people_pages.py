"""Every name on a film page links to a person page that exists: cast, composers, and the author
of the work the film is based on."""

from __future__ import annotations

from tests.web.conftest import WebClient


def test_every_person_a_film_page_links_to_has_a_page(web: WebClient) -> None:
    quick = web.get("/films/leaving-las-vegas.json").json()["quick"]
    people = [quick["based_on_author"], *quick["starring"], *quick["composers"]]
    assert quick["based_on_author"] is not None
    for person in people:
        page = web.get(person["url"] + ".json")
        assert page.status_code == 200, person["url"]
        assert page.json()["name"] == person["name"]


def test_the_author_page_says_what_they_wrote(web: WebClient) -> None:
    author = web.get("/films/leaving-las-vegas.json").json()["quick"]["based_on_author"]
    page = web.get(author["url"] + ".json").json()
    roles = {(film["slug"], role["label"]) for film in page["films"] for role in film["roles"]}
    assert ("leaving-las-vegas", "Author of the source") in roles
    html = web.get(author["url"]).text
    assert "Author of the source" in html and "Leaving Las Vegas" in html
