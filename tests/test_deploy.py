"""``docs/deploy.md``'s nginx configuration for the static export, run by the real nginx against a
real export: clean URLs, the redirect to a folder's address, types, gzip, caching and security
headers, the 404 page, the manifest kept private.

The configuration is read from the page itself (its first ``nginx`` block), with only ``listen``
and ``root`` changed, so the documented configuration is the tested one. nginx must be installed
(``.ci/run`` installs it): without it the test fails, it is never skipped.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from filmguide.export import MANIFEST, export_site
from filmguide.store import Store
from tests.conftest import free_port
from tests.helpers import DEPLOY, MIME_TYPES, NGINX, fill


def documented_static_config() -> str:
    """The first ```nginx block of docs/deploy.md: the export's server block."""
    found = re.search(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    assert found is not None, "docs/deploy.md has no nginx block"
    config = found.group(1)
    assert "listen 80;" in config and "root /srv/filmguide/site;" in config
    return config


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, *, gzip_ok: bool = False) -> Response:
    """One GET with no redirect followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with opener.open(request, timeout=10) as answer:
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx serving an export of the demo guides and part of the catalog (SQLite), from the
    documented configuration; yields its base URL."""
    if not NGINX.exists():
        pytest.fail(
            f"{NGINX} is missing: install nginx (`apt-get install nginx`, as .ci/run does)", pytrace=False
        )
    folder = tmp_path_factory.mktemp("nginx")
    store = Store.open(f"sqlite:///{folder / 'site.db'}")
    try:
        fill(store)
        guide = store.get_guide("leaving-las-vegas")
        assert guide is not None  # an imported WordPress post's old addresses (docs/wordpress.md)
        store.save_guide(guide, aliases=["/2019/05/leaving-las-vegas-explained", "/?p=42"])
        export_site(store, folder / "site", workers=1)
    finally:
        store.close()
    port = free_port()
    server = documented_static_config().replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/filmguide/site", str(folder / "site"))  # the root and the map file
    (folder / "temp").mkdir()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private folder
    (folder / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n  include {MIME_TYPES};\n  default_type application/octet-stream;\n"
        f"  access_log off;\n"
        + "".join(
            f"  {kind}_temp_path {folder}/temp;\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + server
        + "}\n"
    )
    process = subprocess.Popen(
        [str(NGINX), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                fetch(url + "/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
                    pytest.fail(f"nginx did not start: {output} {log}", pytrace=False)
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_clean_urls_serve_the_pages_and_their_twins(nginx_site: str) -> None:
    page = fetch(nginx_site + "/films/leaving-las-vegas/")
    assert page.status == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert b"<title>Leaving Las Vegas (1995) explained" in page.body
    twin = fetch(nginx_site + "/films/leaving-las-vegas.json")
    assert twin.status == 200 and twin.headers["content-type"].startswith("application/json")
    assert b'"kind":"film"' in twin.body
    for path in (
        "/",
        "/films/",
        "/films/page/2/",
        "/people/nicolas-cage/",
        "/search/?q=vegas",
        "/films/leaving-las-vegas/no-spoilers/",
    ):
        assert fetch(nginx_site + path).status == 200, path


def test_the_servers_address_form_redirects_to_the_folder(nginx_site: str) -> None:
    answer = fetch(nginx_site + "/films/leaving-las-vegas")
    assert answer.status == 301 and answer.headers["location"] == "/films/leaving-las-vegas/"


def test_old_post_addresses_answer_301_to_the_film_page(nginx_site: str) -> None:
    for path in ("/2019/05/leaving-las-vegas-explained", "/2019/05/leaving-las-vegas-explained/", "/?p=42"):
        answer = fetch(nginx_site + path)
        assert answer.status == 301, path
        assert answer.headers["location"] == "/films/leaving-las-vegas/", path
    assert fetch(nginx_site + "/?p=43").status == 200  # no such post: the home page
    assert fetch(nginx_site + "/2019/05/another-post/").status == 404
    assert fetch(nginx_site + "/.filmguide-redirects.map").status == 404


def test_types_compression_caching_and_security_headers(nginx_site: str) -> None:
    assert fetch(nginx_site + "/feed.xml").headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert fetch(nginx_site + "/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8"
    assert (
        fetch(nginx_site + "/search-index.json").headers["content-type"] == "application/json; charset=utf-8"
    )
    packed = fetch(nginx_site + "/films/leaving-las-vegas/", gzip_ok=True)
    assert packed.headers["content-encoding"] == "gzip"
    assert gzip.decompress(packed.body) == fetch(nginx_site + "/films/leaving-las-vegas/").body
    assert packed.headers["cache-control"] == "max-age=300" and packed.headers["etag"]
    assert fetch(nginx_site + "/static/site.css").headers["cache-control"] == "max-age=86400"
    policy = packed.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert packed.headers["x-content-type-options"] == "nosniff"


def test_missing_paths_get_the_exports_404_page_and_the_manifest_stays_private(nginx_site: str) -> None:
    for path in ("/nope", "/films/nope/", "/" + MANIFEST, "/404.html"):
        answer = fetch(nginx_site + path)
        assert answer.status == 404, path
        assert b"<h1>Page not found</h1>" in answer.body and b'href="/static/site.css' in answer.body
        assert "content-security-policy" in answer.headers


def test_share_cards_are_served_as_png_and_kept_a_year(nginx_site: str) -> None:
    page = fetch(nginx_site + "/films/leaving-las-vegas/").body.decode()
    found = re.search(r'<meta property="og:image" content="([^"]+)"', page)
    assert found is not None and found.group(1).startswith("/films/leaving-las-vegas/card-")
    card = fetch(nginx_site + found.group(1))
    assert card.status == 200 and card.headers["content-type"] == "image/png"
    assert card.body.startswith(b"\x89PNG") and len(card.body) <= 200 * 1024
    assert card.headers["cache-control"] == "max-age=31536000"
    assert card.headers["x-content-type-options"] == "nosniff"


def test_the_documented_reverse_proxy_with_its_limits_is_valid_nginx(tmp_path: Path) -> None:
    """The second ```nginx block (nginx in front of ``filmguide serve``, with ``limit_conn`` and
    ``limit_req``) as nginx itself reads it: ``nginx -t`` accepts it, and the limits are there."""
    blocks = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 2, "docs/deploy.md has no reverse-proxy nginx block"
    proxy = blocks[1]
    for directive in ("limit_conn_zone", "limit_req_zone", "limit_conn perip", "limit_req zone="):
        assert directive in proxy, directive
    assert "listen 80;" in proxy
    proxy = proxy.replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    (tmp_path / "logs").mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'logs' / 'error.log'};\nevents {{}}\n"
        f"http {{\naccess_log off;\n{proxy}\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr
