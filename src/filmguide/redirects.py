"""Old addresses (aliases): the one form they are kept in, and as a static site serves them: an
nginx ``map`` file and redirect pages.

:mod:`filmguide.export` writes both (docs/deploy.md, docs/wordpress.md): the map answers every old
path and ``/?p=<id>`` with a 301 under the documented nginx configuration; the pages, a meta
refresh and a canonical link each, serve hosts without nginx.
"""

from __future__ import annotations

import html
from urllib.parse import unquote

#: The nginx ``map`` of old addresses to film pages; a dotfile, so never served.
REDIRECTS_MAP = ".filmguide-redirects.map"


def alias_key(path: str) -> str:
    """The one form an old address is stored and looked up in: percent-encoding undone, no
    trailing slash (``/2019/05/nope-explained/`` and ``/2019/05/nope-explained`` are one).
    A query is kept as written (``/?p=12``)."""
    path, mark, query = path.partition("?")
    path = unquote(path)
    if not path.startswith("/"):
        path = "/" + path
    return (path.rstrip("/") or "/") + mark + query


def redirect_folder(path: str, *, reserved: frozenset[str]) -> str | None:
    """The export folder that serves an old path (``/2021/03/x`` → ``2021/03/x``), or ``None``
    when it has a query (``/?p=12``: the map alone answers it), would leave the export's folder,
    names a dotfile, or starts with a ``reserved`` name (where the export's own files stand)."""
    if "?" in path or "\\" in path or "\x00" in path:
        return None
    parts = path.strip("/").split("/")
    if not parts or parts[0] in reserved or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    return "/".join(parts)


def redirect_page(target: str) -> bytes:
    """A page that sends the reader (and a search engine: a canonical link) to ``target``."""
    url = html.escape(target, quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
        f'<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}">'
        '<meta name="robots" content="noindex"></head>\n'
        f'<body><p>This page has moved to <a href="{url}">{url}</a>.</p></body></html>\n'
    ).encode()


def _nginx_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_map(moved: list[tuple[str, str]]) -> bytes:
    """Two nginx ``map`` blocks (http level): ``$filmguide_moved`` by path, with and without its
    trailing slash, and ``$filmguide_moved_post`` by ``?p=``; each gives the film page to send a
    301 to (docs/deploy.md)."""
    paths = ["map $uri $filmguide_moved {", '    default "";']
    posts = ["map $arg_p $filmguide_moved_post {", '    default "";']
    for path, target in moved:
        if path.startswith("/?p="):
            posts.append(f"    {_nginx_string(path[4:])} {_nginx_string(target)};")
        elif "?" not in path and path != "/":
            paths.append(f"    {_nginx_string(path)} {_nginx_string(target)};")
            paths.append(f"    {_nginx_string(path + '/')} {_nginx_string(target)};")
    head = "# Written by filmguide export: imported posts' old addresses (docs/wordpress.md).\n"
    return (head + "\n".join([*paths, "}", *posts, "}"]) + "\n").encode()
