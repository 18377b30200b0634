"""A WordPress site moved in whole: its export (WXR) or REST API posts become guides, and every
post's old addresses are kept as aliases that answer 301 (docs/wordpress.md).

``wxr`` and ``rest`` read the two forms into :class:`~filmguide.wordpress.posts.Post`;
``content`` turns a post's content (block or classic editor, shortcodes) into the HTML the
article reader reads; ``titles`` reads the film from the post title; ``posts`` decides which
posts become guides and lists their aliases. :mod:`filmguide.importer` saves them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from filmguide.article.errors import ArticleError
from filmguide.article.read import SUFFIXES
from filmguide.redirects import alias_key
from filmguide.wordpress.posts import Post, post_aliases, post_guide, skip_reason

ExportKind = Literal["wxr", "rest"]
#: Suffixes a folder's walk picks up as possible exports (besides the articles' own).
EXPORT_SUFFIXES = frozenset({".xml", ".json"})
_HEAD = 4096
_BOM = b"\xef\xbb\xbf"


def export_kind(path: Path) -> ExportKind | None:
    """Whether the file is a WordPress export, told by its first bytes, not its name.

    An article's own suffixes (``.txt``, ``.html``, ``.md``) keep their meaning: only other files
    are looked into. XML that is not an HTML page is read as WXR (which refuses it if it is not
    one); a JSON array or object as REST API posts.
    """
    if path.suffix.casefold() in SUFFIXES:
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None
    head = head.removeprefix(_BOM).lstrip()
    if head.startswith((b"<?xml", b"<rss", b"<!DOCTYPE", b"<!doctype", b"<!--")):
        return None if b"<html" in head.lower() else "wxr"
    if head.startswith((b"[", b"{")):
        return "rest"
    return None


def read_posts(
    path: Path, kind: ExportKind, *, on_progress: Callable[[int], None] | None = None
) -> Iterator[Post]:
    """Every post of the export, streamed (WXR) or from one REST page; :class:`ArticleError` when
    the file cannot be read as what it looks like."""
    from filmguide.wordpress.rest import read_rest
    from filmguide.wordpress.wxr import read_wxr

    try:
        if kind == "rest":
            yield from read_rest(path.read_bytes(), str(path))
            return
        with path.open("rb") as handle:
            yield from read_wxr(handle, str(path), on_progress=on_progress)
    except OSError as error:
        raise ArticleError(f"cannot read: {error.strerror or error}", path=path) from None


__all__ = [
    "EXPORT_SUFFIXES",
    "ExportKind",
    "Post",
    "alias_key",
    "export_kind",
    "post_aliases",
    "post_guide",
    "read_posts",
    "skip_reason",
]
