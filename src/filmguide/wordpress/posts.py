"""One WordPress post, as an export or the REST API gives it, and the guide it becomes.

Both readers (:mod:`~filmguide.wordpress.wxr`, :mod:`~filmguide.wordpress.rest`) produce
:class:`Post`; this module decides which posts become guides, turns a post's content into the
HTML the article reader already reads, and lists the post's old addresses (its aliases).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from filmguide.article.errors import ArticleError
from filmguide.article.html import html_blocks
from filmguide.article.sections import Hints, build_guide
from filmguide.model import Guide
from filmguide.redirects import alias_key
from filmguide.wordpress.content import post_html
from filmguide.wordpress.titles import film_from_post_title
from filmguide.wordpress.vocabulary import (
    GUIDE_POST_TYPE,
    PROTECTED_NAME,
    PUBLISHED,
    SKIPPED_NAMES,
)


@dataclass(slots=True)
class Post:
    """What a post holds that a guide keeps, in either reader's terms."""

    title: str
    content: str
    post_type: str = GUIDE_POST_TYPE
    status: str = PUBLISHED
    post_id: int | None = None
    slug: str | None = None
    link: str | None = None
    published: str | None = None
    author: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    protected: bool = False

    def label(self) -> str:
        """How a message names the post: its id and title."""
        number = f"post {self.post_id}" if self.post_id is not None else "post"
        return f"{number} “{self.title}”" if self.title else number


def skip_reason(post: Post) -> str | None:
    """Why a post does not become a guide, as the summary line counts it (``None``: it does).

    Only published, public posts of the type ``post`` become guides. Drafts, pending, private,
    scheduled and password-protected posts are skipped rather than imported unpublished: the
    site has no unpublished guides, and a skipped post cannot leak into a page, the sitemap, the
    feed or the search.
    """
    if post.post_type != GUIDE_POST_TYPE:
        return _skipped("post_type", post.post_type)
    if post.status != PUBLISHED:
        return _skipped("status", post.status)
    if post.protected:
        return PROTECTED_NAME
    return None


def _skipped(attribute: str, word: str) -> str:
    """How the summary names the posts skipped for the ``word`` in their ``attribute`` (post type,
    status): the vocabulary's name, else "WORD posts"."""
    return SKIPPED_NAMES[attribute].get(word, f"{word} posts")


def post_guide(post: Post, *, source: str) -> Guide:
    """The guide a published post gives; :class:`ArticleError` names the file and the post.

    The film's title and year come from the post title where it names the film ("Requiem for a
    Dream (2000) Movie Explained: …"); otherwise the article's first sentence decides, and the
    post title is the last resort.
    """
    where = f"{source}: {post.label()}"
    if not post.content.strip():
        raise ArticleError("the post has no content", path=where)
    blocks, _ = html_blocks(post_html(post.content, post.title))
    film = film_from_post_title(post.title)
    hints = Hints(
        title=film.title if film else None,
        year=film.year if film else None,
        page_title=post.title or None,
        origin={
            "published": post.published,
            "author": post.author,
            "categories": post.categories,
            "tags": post.tags,
        },
    )
    return build_guide(blocks, hints, name=where, strict_levels=False)


def post_aliases(post: Post) -> list[str]:
    """The post's old addresses: its permalink's path, ``/<post_name>`` and ``/?p=<id>``."""
    found: list[str] = []
    if post.link:
        parts = urlsplit(post.link.strip())
        if parts.path.strip("/") and not parts.query:  # "/?p=12" (plain permalinks) is added below
            found.append(alias_key(parts.path))
    if post.slug:
        found.append(alias_key(post.slug))
    if post.post_id is not None:
        found.append(f"/?p={post.post_id}")
    return list(dict.fromkeys(found))
