"""Nothing lost over HTTP, on both back ends: a guide's ETag, If-Match (412 when stale), writes
that would lose much refused with 409 naming what (and let through by ``force`` or the current
ETag), the revisions endpoints and their restore, DELETE to the trash with the page answering 410
(or the catalog's page for a catalog film)."""

from __future__ import annotations

from datetime import date

from filmguide.catalog import CatalogFilm
from filmguide.store import Store
from tests.conftest import SEED
from tests.helpers import Api

SLUG = "leaving-las-vegas"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def cut_text() -> str:
    return seed_text()[:2000] + "\nCast\n- Nicolas Cage as Ben Sanderson\n"


def put(api: Api, body: str, **headers: str) -> tuple[int, dict[str, object], dict[str, str]]:
    response = api.client.put(
        f"/api/guides/{SLUG}", content=body, headers={**api.auth("text/plain"), **headers}
    )
    return response.status_code, response.json(), dict(response.headers)


def test_lossy_writes_are_refused_unless_forced_or_matched(api: Api) -> None:
    assert put(api, seed_text())[0] == 200  # the demo's guide, replaced by the seed's
    response = api.client.get(f"/api/guides/{SLUG}")
    etag = response.headers["etag"]
    assert etag.startswith('"') and len(etag) == 66
    before = response.json()

    status, body, _ = put(api, cut_text())
    assert status == 409
    assert "cast 6 → 1" in str(body["lost"]) and "awards 9 → 0" in str(body["lost"])
    assert str(body["error"]).startswith(f"refused: the guide '{SLUG}' would lose")
    assert api.client.get(f"/api/guides/{SLUG}").json() == before

    status, body, headers = put(api, cut_text(), **{"If-Match": '"' + "0" * 64 + '"'})
    assert status == 412 and headers["etag"] == etag
    assert api.client.get(f"/api/guides/{SLUG}").json() == before

    status, body, _ = put(api, cut_text(), **{"If-Match": etag})
    assert status == 200 and body["changed"] is True
    assert len(api.client.get(f"/api/guides/{SLUG}").json()["cast"]) == 1

    status, body, _ = put(api, seed_text())  # growing back loses nothing
    assert status == 200
    response = api.client.post("/api/guides?force=true", content=cut_text(), headers=api.auth("text/plain"))
    assert response.status_code == 200 and response.json()["changed"] is True


def test_revisions_are_listed_read_and_restored(api: Api) -> None:
    assert put(api, seed_text())[0] == 200
    assert put(api, cut_text(), **{"If-Match": "*"})[0] == 200

    response = api.client.get(f"/api/guides/{SLUG}/revisions")
    assert response.status_code == 200
    listed = response.json()
    assert [r["revision"] for r in listed] == [3, 2, 1]
    assert listed[0]["current"] is True and listed[0]["source"] == "api:editor"
    assert "cast 6 → 1" in listed[0]["summary"]
    assert listed[1]["api_url"] == f"http://films.test/api/guides/{SLUG}/revisions/2"

    one = api.client.get(f"/api/guides/{SLUG}/revisions/2").json()
    assert one["revision"] == 2 and len(one["guide"]["cast"]) == 6 and len(one["guide"]["awards"]) == 9
    assert api.client.get(f"/api/guides/{SLUG}/revisions/9").status_code == 404
    assert api.client.get("/api/guides/no-such-film/revisions").status_code == 404

    assert api.client.post(f"/api/guides/{SLUG}/revisions/2/restore").status_code == 401
    response = api.client.post(f"/api/guides/{SLUG}/revisions/2/restore", headers=api.auth())
    assert response.status_code == 200 and response.json()["version"] == 4
    guide = api.client.get(f"/api/guides/{SLUG}").json()
    assert (len(guide["cast"]), len(guide["awards"])) == (6, 9)
    assert (
        api.client.get(f"/api/guides/{SLUG}/revisions").json()[0]["summary"].startswith("restored revision 2")
    )


def test_a_deleted_guide_leaves_its_page_410_and_comes_back(api: Api) -> None:
    page = api.client.get(f"/films/{SLUG}")
    assert page.status_code == 200 and "Nicolas Cage" in page.text
    assert api.client.delete(f"/api/guides/{SLUG}", headers=api.auth()).status_code == 204

    gone = api.client.get(f"/films/{SLUG}")
    assert gone.status_code == 410 and "Nicolas Cage" not in gone.text
    assert "This guide was removed" in gone.text
    assert api.client.get(f"/films/{SLUG}.json").status_code == 410
    assert SLUG not in api.client.get("/sitemap.xml").text
    assert SLUG not in api.client.get("/feed.xml").text
    assert SLUG not in {g["slug"] for g in api.client.get("/api/guides").json()}
    assert SLUG not in api.client.get("/search.json", params={"q": "Nicolas Cage"}).text
    [entry] = api.store.trash()
    assert entry.source == "api:editor"

    response = api.client.post(f"/api/guides/{SLUG}/revisions/{entry.revision}/restore", headers=api.auth())
    assert response.status_code == 201
    back = api.client.get(f"/films/{SLUG}")
    assert back.status_code == 200 and "Nicolas Cage" in back.text


def test_a_deleted_guide_of_a_catalog_film_leaves_the_catalog_page(api: Api, store: Store) -> None:
    film = CatalogFilm(
        slug=SLUG,
        title="Leaving Las Vegas",
        year=1995,
        release_date=date(1995, 10, 27),
        directors=["Mike Figgis"],
        genre="Drama",
    )
    store.load_catalog([film])
    assert api.client.delete(f"/api/guides/{SLUG}", headers=api.auth()).status_code == 204
    page = api.client.get(f"/films/{SLUG}")
    assert page.status_code == 200
    assert "Leaving Las Vegas" in page.text and "Nicolas Cage" not in page.text
