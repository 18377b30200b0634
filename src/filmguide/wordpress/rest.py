"""Posts saved from the WordPress REST API (``/wp-json/wp/v2/posts``, one page a file).

A page is a JSON array of posts, each with ``title.rendered``, ``content.rendered``, ``slug``,
``link``, ``date`` (and ``id``, ``type``, ``status``, ``date_gmt`` where present). With
``?_embed`` the author's name and the terms' names come along under ``_embedded``; without it
they are only ids, and the guide keeps none.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import orjson

from filmguide.article.errors import ArticleError
from filmguide.wordpress.posts import Post

#: A REST page file larger than this is not one (the API gives 100 posts a page at most).
MAX_BYTES = 256 * 1024 * 1024


def _rendered(post: dict[str, Any], key: str, index: int, name: str) -> str:
    value = post.get(key)
    if isinstance(value, dict):
        value = value.get("rendered")
    if not isinstance(value, str):
        raise ArticleError(f"not WordPress REST API posts: post {index} has no {key}.rendered", path=name)
    return value


def _embedded(post: dict[str, Any]) -> tuple[str | None, list[str], list[str]]:
    """The author's display name and the categories' and tags' names, where ``_embed`` gave them."""
    embedded = post.get("_embedded")
    if not isinstance(embedded, dict):
        return None, [], []
    author = None
    authors = embedded.get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        found = authors[0].get("name")
        author = html.unescape(found) if isinstance(found, str) else None
    categories: list[str] = []
    tags: list[str] = []
    for group in embedded.get("wp:term") or []:
        for term in group if isinstance(group, list) else []:
            if not isinstance(term, dict) or not isinstance(term.get("name"), str):
                continue
            named = html.unescape(term["name"])
            if term.get("taxonomy") == "category":
                categories.append(named)
            elif term.get("taxonomy") == "post_tag":
                tags.append(named)
    return author, categories, tags


def _date(post: dict[str, Any]) -> str | None:
    gmt, local = post.get("date_gmt"), post.get("date")
    if isinstance(gmt, str) and gmt:
        return gmt + "Z"
    return local if isinstance(local, str) and local else None


def read_rest(data: bytes, name: str) -> Iterator[Post]:
    """Every post of a saved REST API page; :class:`ArticleError` when the file is not one."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB", path=name)
    try:
        found = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise ArticleError(f"not valid JSON ({error})", path=name) from None
    if isinstance(found, dict):
        found = [found]  # one post (``/wp-json/wp/v2/posts/123``)
    if not isinstance(found, list):
        raise ArticleError("not WordPress REST API posts (expected an array of posts)", path=name)
    for index, post in enumerate(found, 1):
        if not isinstance(post, dict):
            raise ArticleError(f"not WordPress REST API posts: item {index} is not an object", path=name)
        title = html.unescape(_rendered(post, "title", index, name))
        content = _rendered(post, "content", index, name)
        post_id = post.get("id")
        slug, link = post.get("slug"), post.get("link")
        author, categories, tags = _embedded(post)
        content_field = post.get("content")
        protected = isinstance(content_field, dict) and content_field.get("protected") is True
        yield Post(
            title=" ".join(title.split()),
            content=content,
            post_type=str(post.get("type") or "post"),
            status=str(post.get("status") or "publish"),
            post_id=post_id if isinstance(post_id, int) and not isinstance(post_id, bool) else None,
            slug=slug if isinstance(slug, str) and slug else None,
            link=link if isinstance(link, str) and link else None,
            published=_date(post),
            author=author,
            categories=categories,
            tags=tags,
            protected=protected,
        )
