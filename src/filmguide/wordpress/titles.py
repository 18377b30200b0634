"""The film a post is about, from the post's title: WordPress film sites name it there.

"Requiem for a Dream (2000) Movie Explained: Ending, Cast and Trivia" is *Requiem for a Dream*,
2000. The shapes a headline takes are read in one place for every article, a saved page's ``h1``
and a post's title alike (:func:`filmguide.article.titles.read_headline`). A post title in no
known shape names no film here, and the article's own first sentence decides.
"""

from __future__ import annotations

from filmguide.article.blocks import clean_text
from filmguide.article.titles import Headline, read_headline


def film_from_post_title(post_title: str) -> Headline | None:
    """The film named by a post title, with its year where the title states one, else ``None``."""
    return read_headline(clean_text(post_title))
