"""What the live site and the static export both read: the web folder, the share targets, and the
URL builder the templates write every site link through.

The templates never hard-code how a link is written: they call ``url(path)`` with the site path
(``/films/x``, ``/feed.xml``, a page's ``url`` from :mod:`filmguide.web.pages`). On the live site
(:class:`SiteUrls`) a site path is its own link; the static export gives the templates its own
builder (:class:`filmguide.export.links.PageUrls`), which writes ``films/x/`` relative to the page
or absolute on ``--base-url``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol
from urllib.parse import quote, urlsplit

#: The web package's folder: templates and static assets.
HERE: Final = Path(__file__).resolve().parent
#: The assets served at ``/static`` (and copied by the export into ``static/``).
STATIC: Final = HERE / "static"

#: Each network's share page, ``{url}`` standing for the page's percent-encoded URL: where the
#: share form (without script) sends the reader once the share is recorded, and the static
#: export's plain share links.
SHARE_TARGETS: Final = {
    "x": "https://x.com/intent/post?url={url}",
    "bluesky": "https://bsky.app/intent/compose?text={url}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "email": "mailto:?body={url}",
}


def _origin(target: str) -> str:
    """A share target's origin as a Content-Security-Policy source (``mailto:`` for a scheme alone)."""
    parts = urlsplit(target)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else f"{parts.scheme}:"


#: The share targets' origins: ``form-action`` must allow the redirects to them.
SHARE_ORIGINS: Final = tuple(dict.fromkeys(_origin(target) for target in SHARE_TARGETS.values()))


def share_link(channel: str, page_url: str) -> str | None:
    """The network's share page for ``page_url``, or ``None`` for a channel with none."""
    target = SHARE_TARGETS.get(channel)
    return target.format(url=quote(page_url, safe="")) if target is not None else None


class Urls(Protocol):
    """What the templates call to write a site link (``url``)."""

    def __call__(self, link: str) -> str:
        """``link`` (a site path, or a URL on the base URL) as this page writes it."""

    def absolute(self, path: str) -> str:
        """A site path where the live site writes it on the base URL (the feed's ``alternate``)."""

    def public(self, link: str) -> str:
        """A page's address as it is shared (``og:url``): never relative to the page."""


@dataclass(frozen=True, slots=True)
class SiteUrls:
    """The live site's links: a site path is its own link; ``absolute`` puts it on ``base_url``."""

    base_url: str = ""

    def __call__(self, link: str) -> str:
        return link

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def public(self, link: str) -> str:
        return link
