"""The writers' desk over HTTP, on SQLite and PostgreSQL: sign-in, CSRF, the throttle, sessions,
drafts kept from readers, publishing, two writers at one guide, unpublishing, history."""

from __future__ import annotations

import functools
import html
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from filmguide.accounts import hash_password
from filmguide.catalog import CatalogFilm, load_catalog
from filmguide.store import Store
from filmguide.store.desk import DeskStore
from filmguide.web.app import create_app
from tests.helpers import site_client

PASSWORD = "a long enough password"
FILM = "the-dark-knight"  # a catalog film with no guide


#: The catalog films the tests load (the whole catalog per test would be slow).
CATALOG = {FILM, "batman-begins", "inception", "memento"}


@functools.cache
def _catalog() -> list[CatalogFilm]:
    return [film for film in load_catalog() if film.slug in CATALOG]


@pytest.fixture
def desk_store(demo_store: Store) -> Store:
    demo_store.load_catalog(_catalog())
    desk = DeskStore(demo_store)
    desk.create_user("ann", "editor", hash_password(PASSWORD))
    desk.create_user("root", "admin", hash_password(PASSWORD))
    return demo_store


def _client(store: Store, base_url: str = "http://films.test") -> TestClient:
    return site_client(create_app(store, secret=b"s" * 32), base_url)


@pytest.fixture
def client_app(desk_store: Store) -> Starlette:
    return create_app(desk_store, secret=b"s" * 32)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field in the page"
    return found.group(1)


def _textarea(page: str) -> str:
    found = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)
    assert found
    return html.unescape(found.group(1))


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" id="{name}" value="([^"]*)"', page)
    assert found
    return found.group(1)


def sign_in(c: TestClient, user: str = "ann") -> None:
    token = _csrf(c.get("/desk/login").text)
    answer = c.post(
        "/desk/login", data={"user": user, "password": PASSWORD, "csrf": token}, follow_redirects=False
    )
    assert answer.status_code == 303


def test_the_outside_check(client: TestClient) -> None:
    first = client.get("/desk", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].startswith("/desk/login")
    form = client.get(first.headers["location"]).text
    assert 'name="user"' in form and 'name="password"' in form
    assert re.search(r'<input type="hidden" name="csrf" value="[^"]+">', form)
    bare = client.post("/desk/login", data={"user": "ann", "password": PASSWORD}, follow_redirects=False)
    assert bare.status_code == 403
    right = client.post(
        "/desk/login", data={"user": "ann", "password": PASSWORD, "csrf": _csrf(form)}, follow_redirects=False
    )
    assert right.status_code == 303
    cookie = next(h for h in right.headers.get_list("set-cookie") if h.startswith("filmguide_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/desk" in cookie
    assert "Secure" not in cookie  # plain HTTP here
    assert client.get("/desk").status_code == 200


def test_twelve_wrong_passwords_end_in_429_even_for_the_right_one(client: TestClient) -> None:
    token = _csrf(client.get("/desk/login").text)
    codes = [
        client.post("/desk/login", data={"user": "ann", "password": f"wrong {i}", "csrf": token}).status_code
        for i in range(12)
    ]
    assert codes == [401] * 9 + [429] * 3
    right = client.post("/desk/login", data={"user": "ann", "password": PASSWORD, "csrf": token})
    assert right.status_code == 429 and int(right.headers["retry-after"]) > 0


def test_the_throttle_counts_per_client_across_account_names(client: TestClient) -> None:
    token = _csrf(client.get("/desk/login").text)
    codes = [
        client.post(
            "/desk/login", data={"user": f"nobody{i}", "password": "wrong", "csrf": token}
        ).status_code
        for i in range(10)
    ]
    assert codes[-1] == 429 and codes[:9] == [401] * 9


def test_a_post_from_another_site_is_refused_even_with_a_token(client: TestClient) -> None:
    token = _csrf(client.get("/desk/login").text)
    answer = client.post(
        "/desk/login",
        data={"user": "ann", "password": PASSWORD, "csrf": token},
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 403


def test_signed_in_forms_need_their_session_token(client: TestClient) -> None:
    sign_in(client)
    assert client.post("/desk/new", data={"title": "Heat"}).status_code == 403
    assert client.post("/desk/new", data={"title": "Heat", "csrf": "forged"}).status_code == 403
    assert client.post(f"/desk/autosave/{FILM}", json={"markdown": "x"}).status_code == 403
    token = _csrf(client.get("/desk").text)
    answer = client.post("/desk/new", data={"title": "Heat", "csrf": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/desk/edit/heat")


def test_every_desk_response_is_private(client: TestClient) -> None:
    answers = [
        client.get("/desk", follow_redirects=False),
        client.get("/desk/login"),
        client.get("/desk/whoami"),
    ]
    sign_in(client)
    answers += [client.get("/desk"), client.get(f"/desk/edit/{FILM}"), client.get("/desk/whoami")]
    for answer in answers:
        assert answer.headers["cache-control"] == "no-store", answer.url
        assert "noindex" in answer.headers["x-robots-tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in answers[1].text
    assert "Disallow: /desk" in client.get("/robots.txt").text
    assert "/desk" not in client.get("/sitemap.xml").text


def test_sign_out_and_account_deletion_revoke_the_session(desk_store: Store, client: TestClient) -> None:
    sign_in(client)
    stolen = client.cookies.get("filmguide_session")
    token = _csrf(client.get("/desk").text)
    assert client.post("/desk/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    with _client(desk_store) as other:
        other.cookies.set("filmguide_session", stolen or "", path="/desk")
        assert other.get("/desk", follow_redirects=False).status_code == 303
        sign_in(other)
        assert other.get("/desk").status_code == 200
        DeskStore(desk_store).delete_user("ann")
        assert other.get("/desk", follow_redirects=False).status_code == 303
        assert other.get("/desk/whoami").json() == {"signed_in": False}


def test_a_forged_cookie_is_refused(client: TestClient) -> None:
    client.cookies.set("filmguide_session", "abc.def", path="/desk")
    assert client.get("/desk", follow_redirects=False).status_code == 303


def test_the_secure_flag_behind_https(desk_store: Store) -> None:
    with _client(desk_store, "https://films.test") as c:
        token = _csrf(c.get("/desk/login").text)
        answer = c.post(
            "/desk/login", data={"user": "ann", "password": PASSWORD, "csrf": token}, follow_redirects=False
        )
        assert all("Secure" in h for h in answer.headers.get_list("set-cookie"))


def test_only_an_admin_sees_accounts(desk_store: Store, client: TestClient) -> None:
    sign_in(client)
    assert client.get("/desk/users").status_code == 403
    with _client(desk_store) as admin:
        sign_in(admin, "root")
        page = admin.get("/desk/users")
        assert page.status_code == 200 and "ann" in page.text


def _save(c: TestClient, page: str, markdown: str, action: str = "save") -> tuple[int, str]:
    data = {
        "csrf": _csrf(page),
        "markdown": markdown,
        "draft_version": _hidden(page, "draft_version"),
        "base_revision": _hidden(page, "base_revision"),
        "action": action,
    }
    answer = c.post(f"/desk/edit/{FILM}", data=data, follow_redirects=False)
    return answer.status_code, answer.text


def _reader_sees(c: TestClient, words: str) -> list[str]:
    """Where a reader finds ``words``: the page, its JSON twin, search, the sitemap, the feed."""
    found = []
    for path in (f"/films/{FILM}", f"/films/{FILM}.json", "/search?q=batarang", "/search.json?q=batarang"):
        if words in c.get(path).text:
            found.append(path)
    # A catalog film is in the sitemap with or without a guide; a guide adds its <lastmod>.
    sitemap = c.get("/sitemap.xml").text
    if re.search(rf"/films/{re.escape(FILM)}</loc>\s*<lastmod>", sitemap):
        found.append("sitemap")
    if FILM in c.get("/feed.xml").text:
        found.append("feed")
    return found


def test_a_draft_is_invisible_until_published(client: TestClient) -> None:
    sign_in(client)
    page = client.get(f"/desk/edit/{FILM}").text
    skeleton = _textarea(page)
    assert "2008" in skeleton and "Christopher Nolan" in skeleton and "## Detailed Summary" in skeleton
    text = skeleton.replace("## Detailed Summary\n", "## Detailed Summary\n\nThe batarang flies far.\n")
    assert _save(client, page, text)[0] == 303
    assert _reader_sees(client, "batarang flies") == []
    page = client.get(f"/desk/edit/{FILM}").text
    assert "The batarang flies far." in _textarea(page)
    assert _save(client, page, _textarea(page), "publish")[0] == 303
    assert set(_reader_sees(client, "batarang flies")) >= {
        f"/films/{FILM}",
        f"/films/{FILM}.json",
        "sitemap",
        "feed",
    }


def test_two_writers_the_second_save_is_refused_with_a_diff(desk_store: Store, client: TestClient) -> None:
    sign_in(client)
    mine = client.get(f"/desk/edit/{FILM}").text
    with _client(desk_store) as other:
        sign_in(other, "root")
        theirs = other.get(f"/desk/edit/{FILM}").text
        assert _save(other, theirs, _textarea(theirs) + "\n## Trivia\n\n- Their fact.\n")[0] == 303
    status, answer = _save(client, mine, _textarea(mine) + "\n- My fact.\n")
    assert status == 409 and "changed since you opened it" in answer
    assert "Their fact." in answer and "My fact." in _textarea(answer)
    assert _save(client, answer, _textarea(answer))[0] == 303  # saved again, knowingly


def test_unpublish_trashes_the_guide_and_keeps_a_draft(client: TestClient) -> None:
    sign_in(client)
    slug = "leaving-las-vegas"
    page = client.get(f"/desk/edit/{slug}").text
    assert _hidden(page, "base_revision") == "1"
    data = {
        "csrf": _csrf(page),
        "markdown": _textarea(page),
        "draft_version": "",
        "base_revision": "1",
        "action": "unpublish",
    }
    assert client.post(f"/desk/edit/{slug}", data=data, follow_redirects=False).status_code == 303
    assert client.get(f"/films/{slug}").status_code == 410
    again = client.get(f"/desk/edit/{slug}").text
    assert "Leaving Las Vegas" in _textarea(again) and _hidden(again, "base_revision") == ""


def test_history_diff_and_restore(client: TestClient) -> None:
    sign_in(client)
    slug = "leaving-las-vegas"
    page = client.get(f"/desk/edit/{slug}").text
    changed = _textarea(page).replace("## Trivia", "## Trivia\n\n- A new line of trivia.", 1)
    data = {
        "csrf": _csrf(page),
        "markdown": changed,
        "draft_version": "",
        "base_revision": "1",
        "action": "publish",
    }
    assert client.post(f"/desk/edit/{slug}", data=data, follow_redirects=False).status_code == 303
    assert "A new line of trivia." in client.get(f"/films/{slug}").text
    history = client.get(f"/desk/history/{slug}?diff=2").text
    assert "+- A new line of trivia." in html.unescape(history)
    restore = {"csrf": _csrf(history), "revision": "1"}
    assert (
        client.post(f"/desk/history/{slug}/restore", data=restore, follow_redirects=False).status_code == 303
    )
    assert "A new line of trivia." not in client.get(f"/films/{slug}").text
    assert "restored revision 1" in client.get(f"/desk/history/{slug}").text


def test_preview_and_warnings_by_line(client: TestClient) -> None:
    sign_in(client)
    token = _csrf(client.get("/desk").text)
    text = (
        "---\ntitle: The Dark Knight\nyear: 2008\n---\n\nAn intro about a bat.\n\n"
        "## Gotham Notes\n\nSomething.\n\n## Trivia\n\n- A fact.\n"
    )
    answer = client.post(f"/desk/preview/{FILM}", json={"markdown": text}, headers={"X-CSRF-Token": token})
    data = answer.json()
    assert answer.status_code == 200 and "An intro about a bat." in data["html"]
    assert {"line": 8, "message": data["warnings"][0]["message"], "error": False} == data["warnings"][0]
    broken = client.post(
        f"/desk/preview/{FILM}", json={"markdown": "---\ntitle: [\n---\n"}, headers={"X-CSRF-Token": token}
    )
    assert broken.json()["html"] is None and broken.json()["warnings"][0]["error"] is True


def test_autosave_saves_the_draft_and_refuses_a_stale_one(client: TestClient) -> None:
    sign_in(client)
    token = _csrf(client.get("/desk").text)
    headers = {"X-CSRF-Token": token}
    first = client.post(
        f"/desk/autosave/{FILM}", json={"markdown": "---\ntitle: The Dark Knight\n---\n"}, headers=headers
    )
    assert first.json() == {"draft_version": 1}
    stale = client.post(
        f"/desk/autosave/{FILM}", json={"markdown": "other", "draft_version": None}, headers=headers
    )
    assert stale.status_code == 409 and stale.json()["error"] == "changed since you opened it"


def test_an_admin_manages_accounts_and_tokens_in_the_desk(desk_store: Store) -> None:
    with _client(desk_store) as admin:
        sign_in(admin, "root")
        token = _csrf(admin.get("/desk/users").text)

        def act(**form: str) -> tuple[int, str]:
            answer = admin.post("/desk/users", data={"csrf": token, **form})
            return answer.status_code, answer.text

        assert act(action="create-user", name="cy", role="editor", password=PASSWORD)[0] == 200
        assert [u.name for u in DeskStore(desk_store).users()] == ["ann", "cy", "root"]
        status, page = act(action="create-user", name="dee", role="editor", password="short")
        assert status == 422 and "A password is at least 10 characters." in page
        status, page = act(action="create-token", name="ci")
        shown = re.search(r'id="new-token" type="text" readonly value="([^"]+)"', page)
        assert status == 200 and shown and desk_store.verify_token(shown.group(1)) == "ci"
        assert (
            act(action="revoke-token", name="ci")[0] == 200
            and desk_store.verify_token(shown.group(1)) is None
        )
        assert act(action="delete-user", name="root")[0] == 422  # not oneself
        assert act(action="delete-user", name="cy")[0] == 200
        assert [u.name for u in DeskStore(desk_store).users()] == ["ann", "root"]
        assert admin.post("/desk/users", data={"action": "delete-user", "name": "ann"}).status_code == 403
    with _client(desk_store) as editor:
        sign_in(editor)
        token = _csrf(editor.get("/desk").text)
        answer = editor.post("/desk/users", data={"csrf": token, "action": "delete-user", "name": "root"})
        assert answer.status_code == 403 and len(DeskStore(desk_store).users()) == 2
