"""The templates' most-called small pieces, written in Python: a Jinja macro call costs more than
the markup it writes, and a film page calls these some hundred times (a paragraph list per section,
a person's link per cast member). Each writes exactly what its macro wrote (``_macros.html`` keeps
the ones that take a body or read ``static_site``).

``url`` is here too: the link builder of the page being rendered, held in a context variable so
that renders in threads or tasks at once each see their own, and an environment global, so that
the macro modules are imported without context, once, rather than again on every render."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from markupsafe import Markup, escape

from filmguide.web.site import SiteUrls, Urls

try:  # MarkupSafe's own escaping of text, the C function its escape() wraps.
    from markupsafe import _escape_inner as _escape_text  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a MarkupSafe without it: its escape() is the same text

    def _escape_text(text: str, /) -> str:
        return str(escape(text))


#: Outside a render, the live site's builder (frozen: no render can change it).
_SITE_URLS = SiteUrls()
_PAGE_URLS: ContextVar[Urls] = ContextVar("page_urls", default=_SITE_URLS)


@contextmanager
def page_urls(urls: Urls) -> Iterator[None]:
    """Within the block, ``url`` in the templates is ``urls``."""
    token = _PAGE_URLS.set(urls)
    try:
        yield
    finally:
        _PAGE_URLS.reset(token)


class CurrentUrls:
    """``url`` in every template: the builder of the page being rendered (:func:`page_urls`)."""

    def __call__(self, link: str) -> str:
        return _PAGE_URLS.get()(link)

    def absolute(self, path: str) -> str:
        return _PAGE_URLS.get().absolute(path)

    def public(self, link: str) -> str:
        return _PAGE_URLS.get().public(link)


def escaped(value: object) -> str:
    """``value`` as :func:`markupsafe.escape` writes it (markup as it is, anything else escaped),
    as a plain ``str``: what a template's ``{{ … }}`` writes (the templates' compiled code calls
    it, see :class:`filmguide.web.render.PageCodeGenerator`). A film page writes some five hundred
    values, and ``escape`` wrapping each in a new ``Markup`` cost more than the escaping."""
    kind = type(value)
    if kind is str:
        return _escape_text(value)  # type: ignore[arg-type]
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is int:
        return str(value)
    return str(escape(value))


def paras(items: Iterable[object] | None) -> Markup:
    """Each item a ``<p>``, one a line."""
    return Markup("".join(f"<p>{escaped(p)}</p>\n" for p in items or []))


def person_link(ref: dict[str, Any]) -> Markup:
    """A person's name, linked to their page when they have one."""
    name = escape(ref["name"])
    if not ref["slug"]:
        return name
    return Markup(f'<a href="{escape(_PAGE_URLS.get()(ref["url"]))}">{name}</a>')


def people_links(refs: list[dict[str, Any]]) -> Markup:
    """People's names, linked: "A, B and C"."""
    links = [person_link(ref) for ref in refs]
    if len(links) < 2:
        return Markup("").join(links)
    return Markup(", ").join(links[:-1]) + Markup(" and ") + links[-1]


def count(n: object, one: str, many: str) -> Markup:
    """``n`` and the noun in its number: "1 win", "3 wins"."""
    return Markup(f"{escape(n)} {escape(one if n == 1 else many)}")


def film_ref(item: dict[str, Any]) -> Markup:
    """A film named in a list: its title, linked when it has a page, its year and note."""
    title = escape(item["title"])
    if item["url"]:
        named = f'<a href="{escape(_PAGE_URLS.get()(item["url"]))}">{title}</a>'
    else:
        named = f'<span class="film-title">{title}</span>'
    year = f' <span class="year">({escape(item["year"])})</span>' if item["year"] else ""
    note = f'<span class="note">: {escape(item["note"])}</span>' if item["note"] else ""
    return Markup(f'<span class="film-ref">{named}{year}{note}</span>')


#: The globals this module gives the templates.
GLOBALS: dict[str, Any] = {
    "url": CurrentUrls(),
    "paras": paras,
    "person_link": person_link,
    "people_links": people_links,
    "count": count,
    "film_ref": film_ref,
}
