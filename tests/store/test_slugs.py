"""Slugs of titles and names."""

from __future__ import annotations

import pytest

from filmguide.slugs import slugify_title


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Amélie", "amelie"),
        ("Leaving Las Vegas", "leaving-las-vegas"),
        ("  The Good, the Bad & the Ugly ", "the-good-the-bad-and-the-ugly"),
        ("Schindler’s List", "schindlers-list"),
        ("Schindler's List", "schindlers-list"),
        ("WALL·E", "wall-e"),
        ("Crash!", "crash"),
        ("Nicolás Cage", "nicolas-cage"),
        ("1917", "1917"),
        ("...", ""),
    ],
)
def test_slugify_title(title: str, slug: str) -> None:
    assert slugify_title(title) == slug
