"""Recommendations that say why: for every film, similar films with a score and reasons.

Pure computation, no database: the inputs are the films (:class:`FilmRecord`, from the catalog or
from a guide alone), the guides keyed by their film's slug, the guides' curated lists (already
matched to slugs by the caller: the store links them, :mod:`filmguide.store.linking`), the
guides' themes, and co-reading counts from recorded views once there are any. The output for each
film is a ranked list of :class:`Similar`.

This runs ahead of time (when a guide or the catalog changes) and its output is stored: the web
server only reads stored lists. numpy, scipy and scikit-learn are therefore imported inside the
functions that compute, never when this module is imported, so a serve worker that imports
:class:`Similar` does not load them.

How it scores (weights in :data:`DEFAULT_WEIGHTS`, explained in ``docs/recommend.md``): each
signal gives a value in [0, 1] for a pair of films; the score is their weighted sum divided by
the sum of all weights, so it lies in [0, 1]. The facts are compared as whole matrices (one row
block at a time) and the top *k* taken per row; reasons are written only for the films kept.
"""

from __future__ import annotations

from filmguide.recommend.index import SimilarityIndex, build_index, guide_text, similar_all, themes_of
from filmguide.recommend.quality import HitRate, hit_rate
from filmguide.recommend.records import (
    DEFAULT_WEIGHTS,
    FilmRecord,
    Similar,
    Weights,
    catalog_genre,
    catalog_source,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "FilmRecord",
    "HitRate",
    "Similar",
    "SimilarityIndex",
    "Weights",
    "build_index",
    "catalog_genre",
    "catalog_source",
    "guide_text",
    "hit_rate",
    "similar_all",
    "themes_of",
]
