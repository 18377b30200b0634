"""What the live site and the static export both read: the web folder and the share targets."""

from __future__ import annotations

from pathlib import Path
from typing import Final
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
