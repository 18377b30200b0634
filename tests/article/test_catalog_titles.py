"""The article reader's check of titles against the open catalog, which slugs a catalog title only
when an article names one with the same letters (filmguide.article.titles): the same answers as
slugging every title."""

from __future__ import annotations

from filmguide.article.titles import in_catalog, slug_letters
from filmguide.catalog import packaged_titles
from filmguide.slugs import slugify_title


def test_the_letters_of_every_catalog_title_are_those_of_its_slug() -> None:
    for title, _ in packaged_titles():
        letters = slug_letters(title)
        assert letters is None or letters == slugify_title(title).replace("-", ""), title


def test_titles_in_the_catalog_are_found_as_by_their_slugs() -> None:
    years: dict[str, set[int | None]] = {}
    for title, year in packaged_titles():
        years.setdefault(slugify_title(title), set()).add(year)
    for title, year in packaged_titles():
        assert in_catalog(title)
        assert in_catalog(title.upper(), year)
        if year is not None:
            stated = years[slugify_title(title)]
            expected = None in stated or any(y is not None and abs(y - (year + 5)) <= 1 for y in stated)
            assert in_catalog(title, year + 5) == expected, title


def test_titles_not_in_the_catalog_are_not_found() -> None:
    for title in ("Leaving Las Vegas Again", "No Such Film Whatsoever", "???", "Amélie Tautou"):
        assert in_catalog(title) == (slugify_title(title) in {slugify_title(t) for t, _ in packaged_titles()})
