"""Fact checks: every verdict on crafted guides and crafted catalog films, the tolerance of each
qualifier at its edges, and the seed against the real catalog."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from filmguide.article import parse_path
from filmguide.catalog import CatalogFilm, load_catalog
from filmguide.factcheck import FactCheck, check_guide
from filmguide.factcheck.patterns import HAS_YEAR, YEAR
from filmguide.model import Guide, SummarySection

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "leaving-las-vegas.txt"


def film(**values: Any) -> CatalogFilm:
    base: dict[str, Any] = {"slug": "a-film", "title": "A Film"}
    return CatalogFilm(**(base | values))


def checks(*trivia: str, catalog: CatalogFilm | None, **guide: Any) -> list[FactCheck]:
    return check_guide(Guide(title=guide.pop("title", "A Film"), trivia=list(trivia), **guide), catalog)


def only(*trivia: str, catalog: CatalogFilm | None, **guide: Any) -> FactCheck:
    found = checks(*trivia, catalog=catalog, **guide)
    assert len(found) == 1, found
    return found[0]


def verdict(sentence: str, catalog: CatalogFilm | None) -> str:
    return only(sentence, catalog=catalog).verdict


# --- budget, and the tolerance of each qualifier at its edges -----------------------------------


@pytest.mark.parametrize(
    ("sentence", "budget", "expected"),
    [
        # A bare figure: half a unit of its last digit, never looser than ±10%.
        ("The budget was $4.5 million.", 4_550_000, "supported"),
        ("The budget was $4.5 million.", 4_449_999, "contradicted"),
        ("The budget was $4.5 million.", 4_550_001, "contradicted"),
        ("The budget was $32 million.", 32_500_000, "supported"),
        ("The budget was $32 million.", 32_500_001, "contradicted"),
        ("The budget was just $4 million.", 4_400_000, "supported"),
        ("The budget was just $4 million.", 4_400_001, "contradicted"),
        ("The budget was only $4 million.", 3_599_999, "contradicted"),
        ("The budget was $350,000.", 355_000, "supported"),
        ("The budget was $350,000.", 355_001, "contradicted"),
        ("It cost $31,983,777.", 31_983_777, "supported"),
        ("It cost $31,983,777.", 31_983_778, "contradicted"),
        # "about": ±10%.
        ("The budget was about $4.5 million.", 4_950_000, "supported"),
        ("The budget was about $4.5 million.", 4_950_001, "contradicted"),
        ("The budget was around $4.5 million.", 4_050_000, "supported"),
        ("The budget was roughly $4.5 million.", 4_049_999, "contradicted"),
        ("The budget was approximately $10 million.", 9_000_000, "supported"),
        ("The film cost some $10 million.", 11_000_001, "contradicted"),
        # "over": at least the figure, under twice it.
        ("The budget was over $10 million.", 10_000_000, "supported"),
        ("The budget was over $10 million.", 9_999_999, "contradicted"),
        ("The budget was more than $10 million.", 20_000_000, "supported"),
        ("The budget was upwards of $10 million.", 20_000_001, "contradicted"),
        ("The budget was just over $10 million.", 11_000_000, "supported"),
        ("The budget was just over $10 million.", 11_000_001, "contradicted"),
        # "nearly": at most the figure, at least 90% of it.
        ("The budget was nearly $50 million.", 45_000_000, "supported"),
        ("The budget was almost $50 million.", 44_999_999, "contradicted"),
        ("The budget was close to $50 million.", 50_000_000, "supported"),
        ("The budget was just under $50 million.", 50_000_001, "contradicted"),
        # "under": at most the figure, no floor.
        ("It was made for under $10 million.", 10_000_000, "supported"),
        ("It was made for under $10 million.", 218, "supported"),
        ("It was made for less than $10 million.", 10_000_001, "contradicted"),
    ],
)
def test_budget_qualifiers_at_the_edges(sentence: str, budget: int, expected: str) -> None:
    check = only(sentence, catalog=film(budget=budget))
    assert check.field == "budget"
    assert check.catalog == budget
    assert check.verdict == expected


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("The budget was $4 million.", 4_000_000),
        ("The budget was $4m.", 4_000_000),
        ("The budget was $4M.", 4_000_000),
        ("The budget was 4 million dollars.", 4_000_000),
        ("The film was shot for $4 million.", 4_000_000),
        ("It was made for just $4 million.", 4_000_000),
        ("Figgis made it on a $4 million budget.", 4_000_000),
        ("It had a budget of $1.2 billion.", 1_200_000_000),
        ("It had a budget of $1.2bn.", 1_200_000_000),
        ("It cost $350k.", 350_000),
        ("It cost US$350,000.", 350_000),
    ],
)
def test_money_shapes(sentence: str, stated: int) -> None:
    check = only(sentence, catalog=film(budget=stated))
    assert (check.field, check.stated, check.verdict) == ("budget", stated, "supported")


def test_the_note_gives_the_catalog_figure_and_the_band() -> None:
    check = only("The budget was just $4 million.", catalog=film(budget=4_000_000))
    assert check.note.startswith("The catalog records a budget of $4,000,000")
    assert "$3,600,000–$4,400,000" in check.note
    wrong = only("The budget was just $4 million.", catalog=film(budget=6_000_000))
    assert "$6,000,000" in wrong.note and "outside" in wrong.note


# --- grosses ------------------------------------------------------------------------------------

GROSSES = film(budget=4_000_000, us_gross=31_983_777, worldwide_gross=49_800_000)


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        ("It grossed over $31 million in the United States.", "us_gross", "supported"),
        ("It grossed over $32 million in the United States.", "us_gross", "contradicted"),
        ("It grossed $32 million domestically.", "us_gross", "supported"),
        ("Its domestic gross was $32 million.", "us_gross", "supported"),
        ("It took in $32 million in North America.", "us_gross", "supported"),
        ("The US box office came to $32 million.", "us_gross", "supported"),
        ("It earned $49.8 million worldwide.", "worldwide_gross", "supported"),
        ("It earned $49.9 million worldwide.", "worldwide_gross", "contradicted"),
        ("It grossed nearly $50 million around the world.", "worldwide_gross", "supported"),
        ("Its worldwide gross was about $60 million.", "worldwide_gross", "contradicted"),
        ("It grossed $17.8 million overseas.", "international_gross", "supported"),
        ("It grossed $25 million abroad.", "international_gross", "contradicted"),
    ],
)
def test_gross_scopes(sentence: str, field: str, expected: str) -> None:
    check = only(sentence, catalog=GROSSES)
    assert (check.field, check.verdict) == (field, expected)


def test_international_gross_is_worldwide_less_us() -> None:
    check = only("It grossed $17.8 million overseas.", catalog=GROSSES)
    assert check.catalog == 49_800_000 - 31_983_777
    assert "$49,800,000" in check.note and "$31,983,777" in check.note


def test_internationally_is_read_both_ways() -> None:
    # "internationally" may mean outside the US or worldwide: both are checked.
    foreign = only("It grossed $17.8 million internationally.", catalog=GROSSES)
    assert (foreign.field, foreign.verdict) == ("international_gross", "supported")
    world = only("It grossed $49.8 million internationally.", catalog=GROSSES)
    assert (world.field, world.verdict) == ("worldwide_gross", "supported")


def test_an_unspecified_gross_is_checked_against_both_and_the_note_says_which() -> None:
    us = only("The film grossed $32 million.", catalog=GROSSES)
    assert (us.field, us.catalog, us.verdict) == ("us_gross", 31_983_777, "supported")
    assert "the US gross supports it" in us.note
    world = only("It made $49.8 million at the box office.", catalog=GROSSES)
    assert (world.field, world.verdict) == ("worldwide_gross", "supported")
    assert "the worldwide gross supports it" in world.note
    both = only("The film grossed over $30 million.", catalog=GROSSES)
    assert both.verdict == "supported" and "both support it" in both.note
    neither = only("The film grossed about $40 million.", catalog=GROSSES)
    assert neither.verdict == "contradicted"
    assert "$31,983,777" in neither.note and "$49,800,000" in neither.note
    assert "neither supports it" in neither.note


def test_an_unspecified_gross_with_one_figure_missing() -> None:
    us_only = film(us_gross=31_983_777)
    assert only("The film grossed $32 million.", catalog=us_only).verdict == "supported"
    # The known gross refutes it, but the sentence may mean the unknown one.
    unsure = only("The film grossed $50 million.", catalog=us_only)
    assert (unsure.verdict, unsure.field) == ("unverifiable", "us_gross")
    none = only("The film grossed $50 million.", catalog=film())
    assert (none.verdict, none.catalog) == ("unverifiable", None)


def test_budget_and_gross_in_one_sentence() -> None:
    found = checks("It earned $32 million against a $4 million budget.", catalog=GROSSES)
    assert [(c.field, c.stated, c.verdict) for c in found] == [
        ("us_gross", 32_000_000, "supported"),
        ("budget", 4_000_000, "supported"),
    ]


def test_a_second_figure_takes_the_first_ones_field() -> None:
    found = checks("It grossed $32 million in the US and $49.8 million worldwide.", catalog=GROSSES)
    assert [(c.field, c.verdict) for c in found] == [
        ("us_gross", "supported"),
        ("worldwide_gross", "supported"),
    ]
    found = checks(
        "It had a worldwide gross of $49.8 million and a US gross of $40 million.", catalog=GROSSES
    )
    assert [(c.field, c.verdict) for c in found] == [
        ("worldwide_gross", "supported"),
        ("us_gross", "contradicted"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The film was shot in only 28 days.",
        "The script was only 96 pages, yet the emotional weight made the film feel far longer.",
        "Cage was paid $240,000 for the role.",
        "It grossed $5 million in its opening weekend.",
        "The budget was somewhere between $4 million and $5 million.",
        "The budget was $4–5 million.",
        "He bet $500 at the casino.",
        "Nicolas Cage won the Best Actor Oscar on his first nomination.",
    ],
)
def test_figures_that_are_not_catalog_claims_are_ignored(sentence: str) -> None:
    assert checks(sentence, catalog=GROSSES) == []


def test_missing_catalog_value_is_unverifiable() -> None:
    check = only("The budget was $4 million.", catalog=film(us_gross=1))
    assert (check.verdict, check.catalog) == ("unverifiable", None)
    assert "no budget" in check.note
    check = only("It grossed $17.8 million overseas.", catalog=film(worldwide_gross=49_800_000))
    assert check.verdict == "unverifiable"


# --- years --------------------------------------------------------------------------------------

YEARS = film(title="Leaving Las Vegas", year=1995, release_date=date(1995, 10, 27))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The film was released in 1995.", "supported"),
        ("The film was released in October 1995.", "supported"),
        ("It was released in 1996.", "contradicted"),
        ("Leaving Las Vegas premiered on October 27, 1995.", "supported"),
        ("Figgis’s 1995 film remains hard to watch.", "supported"),
        ("The 1996 film Leaving Las Vegas won an Oscar.", "contradicted"),
        ("It echoes Leaving Las Vegas (1995) in tone.", "supported"),
        ("It is often compared to Leaving Las Vegas (1994).", "contradicted"),
    ],
)
def test_years(sentence: str, expected: str) -> None:
    found = checks(sentence, catalog=YEARS, title="Leaving Las Vegas")
    assert [(c.field, c.verdict) for c in found if c.field == "year"] == [("year", expected)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The primary inspiration is John O’Brien’s 1990 novel.",
        "It echoes the 1962 film Days of Wine and Roses.",
        "The novel came out in 1990, five years before.",
        "Midnight Cowboy (1969) explores the same ground.",
        "Days of Wine and Roses was released in 1962.",
    ],
)
def test_years_of_other_works_are_ignored(sentence: str) -> None:
    assert checks(sentence, catalog=YEARS, title="Leaving Las Vegas") == []


def test_a_year_in_brackets_in_the_first_sentence() -> None:
    found = check_guide(
        Guide(title="Leaving Las Vegas", intro=["Mike Figgis’s drama (1995) is devastating. Later (1996)."]),
        YEARS,
    )
    assert [(c.field, c.stated, c.verdict) for c in found if c.field == "year"] == [
        ("year", 1995, "supported")
    ]


def test_the_guides_year_field_and_the_31_december_flaw() -> None:
    assert only(catalog=YEARS, year=1995).verdict == "supported"
    assert only(catalog=YEARS, year=1994).verdict == "contradicted"
    casablanca = film(year=1941, release_date=date(1941, 12, 31))
    shifted = only(catalog=casablanca, year=1942)
    assert shifted.verdict == "unverifiable" and "31 December" in shifted.note
    assert only(catalog=casablanca, year=1943).verdict == "contradicted"
    assert only(catalog=film(), year=1995).verdict == "unverifiable"


# --- directors ----------------------------------------------------------------------------------

FIGGIS = film(title="Leaving Las Vegas", directors=["Mike Figgis"])


@pytest.mark.parametrize(
    ("sentence", "stated", "expected"),
    [
        ("The film was directed by Mike Figgis.", "Mike Figgis", "supported"),
        ("Directed by Mike Figgis, the film is raw.", "Mike Figgis", "supported"),
        ("Leaving Las Vegas is raw and was directed by Mike Figgis.", "Mike Figgis", "supported"),
        ("The film was directed by Mike Leigh.", "Mike Leigh", "contradicted"),
        ("Mike Figgis’s Leaving Las Vegas is raw.", "Mike Figgis", "supported"),
        ("Figgis’s film is raw.", "Figgis", "supported"),
        ("In Mike Leigh's film, nothing is tidy.", "Mike Leigh", "contradicted"),
    ],
)
def test_directors_in_the_text(sentence: str, stated: str, expected: str) -> None:
    found = checks(sentence, catalog=FIGGIS, title="Leaving Las Vegas")
    assert [(c.field, c.stated, c.verdict) for c in found] == [("directors", stated, expected)]


def test_director_names_are_compared_folded() -> None:
    amelie = film(title="Amélie", directors=["Jean-Pierre Jeunet"])
    check = only("The film was directed by Jean-Pierre Jeunét.", catalog=amelie, title="Amélie")
    assert check.verdict == "supported"
    almodovar = film(title="Volver", directors=["Pedro Almodovar"])
    assert only(catalog=almodovar, title="Volver", directors=["Pedro Almodóvar"]).verdict == "supported"
    assert only(catalog=almodovar, title="Volver", directors=["pedro almodovar"]).verdict == "supported"


def test_directors_of_other_films_are_ignored() -> None:
    sentence = "Days of Wine and Roses, directed by Blake Edwards, is a touchstone."
    assert checks(sentence, catalog=FIGGIS, title="Leaving Las Vegas") == []
    assert checks("Figgis’s film Timecode came later.", catalog=FIGGIS, title="Leaving Las Vegas") == []


def test_the_guides_directors_field() -> None:
    assert only(catalog=FIGGIS, directors=["Mike Figgis"]).verdict == "supported"
    wrong = only(catalog=FIGGIS, directors=["Mike Leigh"])
    assert (wrong.verdict, wrong.catalog) == ("contradicted", "Mike Figgis")
    assert "not Mike Leigh" in wrong.note
    assert only(catalog=film(), directors=["Mike Figgis"]).verdict == "unverifiable"


def test_the_field_is_not_checked_twice_when_the_text_states_it() -> None:
    found = check_guide(
        Guide(
            title="Leaving Las Vegas",
            directors=["Mike Figgis"],
            intro=["Mike Figgis’s Leaving Las Vegas is raw."],
        ),
        FIGGIS,
    )
    assert [c.field for c in found] == ["directors"]


# --- running times ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "minutes", "runtime", "expected"),
    [
        ("The film runs 112 minutes.", 112, 115, "supported"),
        ("The film runs 112 minutes.", 112, 116, "contradicted"),
        ("Its running time is 112 minutes.", 112, 109, "supported"),
        ("It lasts 1 hour 52 minutes.", 112, 108, "contradicted"),
        ("It is a 102-minute film.", 102, 102, "supported"),
        ("It is a 2-hour film.", 120, 108, "supported"),
        ("It is a two-hour film.", 120, 107, "contradicted"),
        ("It runs about 100 minutes.", 100, 110, "supported"),
        ("It runs about 100 minutes.", 100, 111, "contradicted"),
        ("The film is over two hours long.", 120, 119, "contradicted"),
        ("It clocks in at two and a half hours.", 150, 165, "supported"),
        ("It runs an hour and 52 minutes.", 112, 112, "supported"),
    ],
)
def test_running_times(sentence: str, minutes: int, runtime: int, expected: str) -> None:
    check = only(sentence, catalog=film(running_time_min=runtime))
    assert (check.field, check.stated, check.verdict) == ("running_time_min", minutes, expected)


def test_minutes_that_are_not_the_running_time_are_ignored() -> None:
    assert checks("The first 20 minutes are the hardest to watch.", catalog=film(running_time_min=112)) == []
    assert checks("A 10-minute sequence shows Ben drinking.", catalog=film(running_time_min=112)) == []


def test_missing_running_time_is_unverifiable() -> None:
    check = only("The film runs 112 minutes.", catalog=film())
    assert (check.verdict, check.catalog) == ("unverifiable", None)


# --- no film, every section, deduplication, sentences, speed ------------------------------------


def test_without_a_catalog_film_every_claim_is_unverifiable() -> None:
    found = checks(
        "The budget was $4 million and it grossed $32 million in the US.",
        "The film was released in 1995 and runs 112 minutes.",
        catalog=None,
        directors=["Mike Figgis"],
    )
    assert {c.field for c in found} == {"budget", "us_gross", "year", "running_time_min", "directors"}
    assert all(c.verdict == "unverifiable" and c.catalog is None for c in found)
    assert all("No catalog film" in c.note for c in found)


def test_every_prose_section_is_read_and_identical_claims_are_kept_once() -> None:
    sentence = "The budget was $4 million."
    guide = Guide(
        title="A Film",
        intro=[sentence],
        summary=[SummarySection(paragraphs=["It grossed $32 million in the US."])],
        why_watch=["It earned $49.8 million worldwide."],
        behind_the_scenes=[sentence],
        trivia=[sentence],
    )
    found = check_guide(guide, GROSSES)
    assert [c.field for c in found] == ["budget", "us_gross", "worldwide_gross"]
    assert all(c.verdict == "supported" for c in found)


# --- the seed against the real catalog ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_checks() -> list[FactCheck]:
    guide = parse_path(SEED)
    matches = [f for f in load_catalog() if f.title == "Leaving Las Vegas"]
    assert len(matches) == 1
    return check_guide(guide, matches[0])


def test_the_seeds_budget_is_supported_by_the_catalog(seed_checks: list[FactCheck]) -> None:
    budget = [c for c in seed_checks if c.field == "budget"]
    assert len(budget) == 1
    assert budget[0].claim == "The budget was just $4 million, yet the film grossed over $32 million."
    assert (budget[0].stated, budget[0].catalog, budget[0].verdict) == (4_000_000, 4_000_000, "supported")
    assert "$4,000,000" in budget[0].note


def test_the_seeds_gross_is_checked_against_both(seed_checks: list[FactCheck]) -> None:
    gross = [c for c in seed_checks if c.field in {"us_gross", "worldwide_gross"}]
    assert len(gross) == 1
    check = gross[0]
    assert check.stated == 32_000_000
    # The US gross ($31,983,777) falls short of "over $32 million"; the worldwide one holds it.
    assert (check.field, check.catalog, check.verdict) == ("worldwide_gross", 49_800_000, "supported")
    assert "$31,983,777" in check.note and "the worldwide gross supports it" in check.note


def test_the_seeds_other_claims(seed_checks: list[FactCheck]) -> None:
    assert [
        (c.field, c.verdict) for c in seed_checks if c.field not in {"budget", "us_gross", "worldwide_gross"}
    ] == [("directors", "supported")]


@pytest.mark.parametrize(
    "text",
    [
        "in 1888",
        "2899",
        "1066",
        "1799 and 1999",
        "x1999",
        "1999x",
        "_2001",
        "12000",
        "21999",
        "(2024).",
        "١٩٩٩",
        "20١٩",
    ],
)
def test_has_year_finds_what_the_plain_year_pattern_finds(text: str) -> None:
    """HAS_YEAR is written for speed; it must match exactly where ``\\b{YEAR}\\b`` does."""
    plain = re.compile(rf"\b{YEAR}\b").search(text)
    found = HAS_YEAR.search(text)
    assert (found and found.span()) == (plain and plain.span())
