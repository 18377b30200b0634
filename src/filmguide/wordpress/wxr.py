"""WordPress eXtended RSS (WXR 1.0–1.2), the file "Tools → Export" writes, read as a stream.

Read the way WordPress's own importer reads it (``wordpress-importer``'s parsers): the ``wp``
namespace may be any ``http://wordpress.org/export/1.x/``; ``wp:wxr_version`` must be a number;
``dc:creator`` is the author's login, named by the channel's ``wp:author`` entries; terms are the
``<category domain="category|post_tag">`` of each item. Like that importer, a file with a
``DOCTYPE`` is refused: no DTD, hence no entity expansion (billion laughs) and no external
entity is ever read.

A DTD can stand only in the prolog, before the root element, and entities can be declared only
in a DTD. So the prolog is read first (:func:`_prolog`): a ``<!DOCTYPE`` there is refused, and a
file whose prolog holds none is parsed by the standard library's C-accelerated expat tree
builder, where no entity can be declared and an undeclared one is an error. Only a prolog that
cannot be read as bytes (UTF-16, or longer than :data:`_PROLOG_LIMIT`) goes through defusedxml,
whose pure-Python handlers refuse a DTD as it is met but read a file three times slower.

The file is parsed incrementally and each item is cleared and dropped once read, so a 200 MB
export takes the memory of one post at a time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import IO, Literal
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import iterparse

from filmguide.article.errors import ArticleError
from filmguide.wordpress.posts import Post

_WP = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/$")
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_VERSION = re.compile(r"^\d+\.\d+$")
#: A moment WordPress writes for "never" (a draft's GMT date).
_NO_DATE = "0000-00-00 00:00:00"
#: Bytes read at a time.
_CHUNK = 1 << 16
#: A prolog (XML declaration, comments, processing instructions) longer than this is left to defusedxml.
_PROLOG_LIMIT = 1 << 20
_UTF8_BOM = b"\xef\xbb\xbf"
_EVENTS: tuple[Literal["start"], Literal["end"]] = ("start", "end")
Events = Iterator[tuple[str, Element]]


def _prolog(head: bytes) -> Literal["root", "dtd", "unknown"]:
    """What follows the prolog of a document beginning with ``head``: its root element, a DTD
    (``<!DOCTYPE``, or any other ``<!`` declaration), or ``unknown`` when ``head`` ends first or
    is not in an ASCII-compatible encoding."""
    at = len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0
    if b"\x00" in head[:4] or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "unknown"  # UTF-16 or UTF-32: the byte patterns below do not hold
    while True:
        while at < len(head) and head[at] in b" \t\r\n":
            at += 1
        for opening, closing in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if head.startswith(opening, at):
                end = head.find(closing, at + len(opening))
                if end < 0:
                    return "unknown"
                at = end + len(closing)
                break
        else:
            if at >= len(head):
                return "unknown"
            return "dtd" if head.startswith(b"<!", at) else "root"


def _events(handle: IO[bytes]) -> Events:
    """The file's start and end events, by the fastest parser that is safe for it (see above)."""
    head = handle.read(_CHUNK)
    found = _prolog(head)
    while found == "unknown" and len(head) < _PROLOG_LIMIT and (more := handle.read(_CHUNK)):
        head += more
        found = _prolog(head)
    if found == "dtd":
        raise DTDForbidden("", "", "")
    if found == "unknown":
        handle.seek(0)
        yield from iterparse(handle, events=_EVENTS, forbid_dtd=True)
        return
    parser: XMLPullParser[Element] = XMLPullParser(events=_EVENTS)
    chunk = head
    while chunk:
        parser.feed(chunk)
        yield from parser.read_events()  # type: ignore[misc]
        chunk = handle.read(_CHUNK)
    parser.close()
    yield from parser.read_events()  # type: ignore[misc]


def _split(tag: str) -> tuple[str, str]:
    """``{namespace}local`` → (namespace, local)."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _wp(element: Element, local: str) -> str:
    """The text of the item's ``wp:<local>`` child (any WXR version's namespace), or ``""``."""
    return _wp_fields(element).get(local, "")


def _wp_fields(element: Element) -> dict[str, str]:
    """The text of each of the element's ``wp:`` children (any WXR version's namespace), by local
    name, the first of a name winning: one walk of the children, however many fields are read."""
    fields: dict[str, str] = {}
    for child in element:
        namespace, name = _split(child.tag)
        if name not in fields and _WP.match(namespace):
            fields[name] = (child.text or "").strip()
    return fields


def _child(element: Element, namespace: str, local: str) -> str:
    child = element.find(f"{{{namespace}}}{local}")
    return (child.text or "") if child is not None else ""


def _date(wp: dict[str, str]) -> str | None:
    """The post's date in ISO 8601: UTC (``Z``) where the export gives it, else the site's time."""
    gmt, local = wp.get("post_date_gmt", ""), wp.get("post_date", "")
    if gmt and gmt != _NO_DATE:
        return gmt.replace(" ", "T") + "Z"
    if local and local != _NO_DATE:
        return local.replace(" ", "T")
    return None


def _post(item: Element, authors: dict[str, str]) -> Post:
    categories: list[str] = []
    tags: list[str] = []
    for term in item.findall("category"):
        # WordPress keeps a term's name escaped ("Movies &amp; TV") and exports it in CDATA as is
        name = html.unescape((term.text or "").strip())
        domain = term.get("domain", "category")
        if name and domain == "category" and name not in categories:
            categories.append(name)
        elif name and domain == "post_tag" and name not in tags:
            tags.append(name)
    login = _child(item, _DC, "creator").strip()
    wp = _wp_fields(item)
    post_id = wp.get("post_id", "")
    return Post(
        title=(item.findtext("title") or "").strip(),
        content=_child(item, _CONTENT, "encoded"),
        post_type=wp.get("post_type") or "post",
        status=wp.get("status") or "publish",
        post_id=int(post_id) if post_id.isdigit() else None,
        slug=wp.get("post_name") or None,
        link=(item.findtext("link") or "").strip() or None,
        published=_date(wp),
        author=authors.get(login, login) or None,
        categories=categories,
        tags=tags,
        protected=bool(wp.get("post_password")),
    )


def read_wxr(
    handle: IO[bytes], name: str, *, on_progress: Callable[[int], None] | None = None
) -> Iterator[Post]:
    """Every item of the export, in file order; :class:`ArticleError` (one line) when the file is
    not a WXR export, is not well-formed XML, or declares a DTD.

    ``on_progress`` is told the file position after each item (for a progress bar).
    """
    authors: dict[str, str] = {}
    version: str | None = None
    channel: Element | None = None
    depth = 0
    try:
        for event, element in _events(handle):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise ArticleError(
                        f"not a WordPress export (the root is <{element.tag}>, not <rss>)", path=name
                    )
                if depth == 2 and element.tag == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            namespace, local = _split(element.tag)
            if local == "wxr_version" and _WP.match(namespace):
                version = (element.text or "").strip()
                if not _VERSION.match(version):
                    raise ArticleError(f"not a WordPress export (WXR version {version!r})", path=name)
            elif local == "author" and _WP.match(namespace):
                login = _wp(element, "author_login")
                authors[login] = html.unescape(_wp(element, "author_display_name")) or login
            elif element.tag == "item":
                if version is None:
                    raise ArticleError(
                        "not a WordPress export (no wp:wxr_version before the first item)", path=name
                    )
                yield _post(element, authors)
                if on_progress is not None:
                    on_progress(handle.tell())
            element.clear()
            channel.remove(element)
    except DefusedXmlException as error:
        raise ArticleError(
            f"refused: the XML declares a DTD or entities ({type(error).__name__})", path=name
        ) from None
    except ValueError as error:  # expat refuses a declared multi-byte encoding other than UTF-16
        raise ArticleError(f"cannot read its encoding ({error})", path=name) from None
    except ParseError as error:
        line = error.position[0] if error.position else None
        raise ArticleError(
            f"not well-formed XML ({str(error).split(':')[0]})", path=name, line=line
        ) from None
    if version is None:
        raise ArticleError("not a WordPress export (no wp:wxr_version in an <rss> channel)", path=name)
