"""The open catalog: each cleaning rule on crafted rows, then on the real ``movies.json``, and the
packaged file against a fresh derivation (so the committed file and report cannot drift)."""

from __future__ import annotations

import gzip
import json
import re
import runpy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from filmguide import catalog
from filmguide.catalog import (
    CENTURY_CUTOFF,
    RULES,
    CatalogFilm,
    CleanResult,
    catalog_bytes,
    clean,
    load_catalog,
)
from filmguide.catalog_report import render_report

ROOT = Path(__file__).resolve().parents[1]
MOVIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "movies.json"
PACKAGED = ROOT / "src" / "filmguide" / "data" / "catalog.json.gz"
REPORT = ROOT / "docs" / "catalog.md"
SCRIPT = ROOT / "scripts" / "derive_catalog.py"

SOURCE_KEYS = (
    "Title",
    "US Gross",
    "Worldwide Gross",
    "US DVD Sales",
    "Production Budget",
    "Release Date",
    "MPAA Rating",
    "Running Time min",
    "Distributor",
    "Source",
    "Major Genre",
    "Creative Type",
    "Director",
    "Rotten Tomatoes Rating",
    "IMDB Rating",
    "IMDB Votes",
)


def row(title: Any = "A Film", date_: str | None = "Jan 05 1999", /, **values: Any) -> dict[str, Any]:
    """A source row as ``movies.json`` has them: every key, ``null`` unless given."""
    out: dict[str, Any] = dict.fromkeys(SOURCE_KEYS)
    out["Title"] = title
    out["Release Date"] = date_
    for key, value in values.items():
        out[key.replace("_", " ")] = value
    return out


def one(*rows: dict[str, Any]) -> CatalogFilm:
    result = clean(rows)
    assert len(result.films) == 1
    return result.films[0]


def by_title(result: CleanResult, title: str) -> list[CatalogFilm]:
    return [f for f in result.films if f.title == title]


# -- crafted rows, rule by rule ----------------------------------------------------------------


def test_wrong_century_moves_back_100_years_after_the_cutoff_only() -> None:
    result = clean(
        [
            row("The Best Years of Our Lives", "Nov 21 2046"),
            row("Announced", CENTURY_CUTOFF.strftime("%b %d %Y")),
            row("Just Past", "Jan 01 2012"),
            row("Leap", "Feb 29 2000"),
        ]
    )
    films = {f.title: f for f in result.films}
    assert films["The Best Years of Our Lives"].year == 1946
    assert films["The Best Years of Our Lives"].release_date == date(1946, 11, 21)
    assert films["Announced"].release_date == CENTURY_CUTOFF
    assert films["Just Past"].release_date == date(1912, 1, 1)
    assert films["Leap"].release_date == date(2000, 2, 29)
    assert result.rows_by_rule()["wrong_century"] == 2


def test_wrong_century_keeps_a_29_february_in_its_month() -> None:
    assert catalog.back_a_century(date(2100, 2, 28)) == date(2000, 2, 28)
    assert catalog.back_a_century(date(2000, 2, 29)) == date(1900, 2, 28)


def test_epoch_date_is_a_missing_date() -> None:
    film = one(row("Drei", "Dec 31 1969"))
    assert film.release_date is None
    assert film.year is None
    assert one(row("Patton", "Jan 01 1970")).year == 1970


def test_unreadable_date_becomes_none() -> None:
    result = clean([row("Soon", "sometime in 1999")])
    assert result.films[0].release_date is None and result.films[0].year is None
    assert result.rows_by_rule()["release_date_unreadable"] == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Barbarians, The", "The Barbarians"),
        ("Charge of the Light Brigade, The", "The Charge of the Light Brigade"),
        ("Boot, Das", "Das Boot"),
        ("Couloirs du temps: Les visiteurs 2, Les", "Les Couloirs du temps: Les visiteurs 2"),
        ("Man Called Horse, A", "A Man Called Horse"),
        ("American Werewolf in London, An", "An American Werewolf in London"),
        ("Vita è bella, La", "La Vita è bella"),
        ("Hello, Dolly", "Hello, Dolly"),
        ("I, Robot", "I, Robot"),
        ("Gone, Baby, Gone", "Gone, Baby, Gone"),
        ("Anything, Then", "Anything, Then"),
    ],
)
def test_trailing_article_goes_back_to_the_front(raw: str, expected: str) -> None:
    result = clean([row(raw)])
    assert result.films[0].title == expected
    assert result.rows_by_rule()["trailing_article"] == (raw != expected)


@pytest.mark.parametrize("number", [1776, 9, 21, 300, 2012, 1941, 54])
def test_numeric_title_becomes_text(number: int) -> None:
    film = one(row(number))
    assert film.title == str(number)
    assert film.slug == str(number)


def test_films_sharing_a_title_are_all_kept_and_told_apart_by_year() -> None:
    result = clean(
        [
            row("King Kong", "Dec 14 2005", Director="Peter Jackson"),
            row("King Kong", "Dec 17 1976", Director="John Guillermin"),
            row("King Kong (1933)", "Apr 07 2033"),
            row("King Kong", "Jun 01 2005"),
        ]
    )
    slugs = {(f.year, f.release_date): f.slug for f in result.films}
    assert slugs == {
        (1933, date(1933, 4, 7)): "king-kong",
        (1976, date(1976, 12, 17)): "king-kong-1976",
        (2005, date(2005, 6, 1)): "king-kong-2005",
        (2005, date(2005, 12, 14)): "king-kong-2005-2",
    }
    assert all(f.title == "King Kong" for f in result.films)
    assert result.rows_by_rule()["slug_by_year"] == 3


def test_slug_rule_is_the_one_the_store_uses_for_guides() -> None:
    from filmguide.slugs import slug_candidates
    from filmguide.store import films as store_films

    assert store_films.slug_candidates is slug_candidates  # one rule, not two copies
    ours = slug_candidates("king-kong", 2005)
    assert [next(ours) for _ in range(4)] == [
        "king-kong",
        "king-kong-2005",
        "king-kong-2005-2",
        "king-kong-2005-3",
    ]
    unknown = slug_candidates("crash", None)
    assert [next(unknown) for _ in range(3)] == ["crash", "crash-2", "crash-3"]


def test_a_title_with_no_letters_gets_the_fallback_slug() -> None:
    assert one(row("???")).slug == "film"


def test_null_director_and_genre_stay_none() -> None:
    film = one(row("Nobody", Director=None, **{"Major Genre": None, "Creative Type": None}))
    assert film.directors == []
    assert film.genre is None and film.creative_type is None
    named = one(row("Somebody", Director="Mike Figgis", **{"Major Genre": "Drama"}))
    assert named.directors == ["Mike Figgis"] and named.genre == "Drama"


def test_out_of_range_values_become_none_and_bounds_are_kept() -> None:
    result = clean(
        [
            row(
                "Bad",
                **{
                    "IMDB Rating": 11.5,
                    "Rotten Tomatoes Rating": 101,
                    "Production Budget": -5,
                    "US DVD Sales": -1,
                    "Running Time min": 0,
                    "IMDB Votes": -3,
                },
            ),
            row("Edge", **{"IMDB Rating": 10, "Rotten Tomatoes Rating": 0, "Running Time min": 1}),
        ]
    )
    bad, edge = by_title(result, "Bad")[0], by_title(result, "Edge")[0]
    for name in ("imdb_rating", "rotten_tomatoes", "budget", "us_dvd_sales", "running_time_min"):
        assert getattr(bad, name) is None, name
    assert bad.imdb_votes is None
    assert (edge.imdb_rating, edge.rotten_tomatoes, edge.running_time_min) == (10.0, 0, 1)
    assert result.rows_by_rule()["out_of_range"] == 1
    assert result.values_by_rule()["out_of_range"] == 6


def test_a_figure_that_is_not_a_number_becomes_none() -> None:
    film = one(row("Text", **{"US Gross": "lots", "IMDB Votes": 12.5, "Production Budget": True}))
    assert film.us_gross is None and film.imdb_votes is None and film.budget is None


def test_zero_gross_is_not_recorded() -> None:
    film = one(row("12 Angry Men", **{"US Gross": 0, "Worldwide Gross": 0, "US DVD Sales": 5}))
    assert film.us_gross is None and film.worldwide_gross is None
    assert film.us_dvd_sales == 5
    assert one(row("Real", **{"US Gross": 1, "Worldwide Gross": 2})).worldwide_gross == 2


def test_unknown_mpaa_label_becomes_none() -> None:
    assert one(row("Requiem", **{"MPAA Rating": "Open"})).mpaa_rating is None
    assert one(row("Rated", **{"MPAA Rating": "PG-13"})).mpaa_rating == "PG-13"


def test_duplicate_rows_keep_the_fullest_and_report_the_rest() -> None:
    result = clean(
        [
            row("Twin", "Mar 01 2001"),
            row("twin ", "Mar 01 2001", Director="Someone"),
            row("Twin", "Mar 01 2002"),
        ]
    )
    assert sorted((f.year, f.directors) for f in result.films) == [(2001, ["Someone"]), (2002, [])]
    assert [(e.rule, e.row) for e in result.rejected] == [("duplicate_row", 0)]
    assert result.rows_by_rule()["duplicate_row"] == 1


def test_null_or_blank_title_is_rejected_and_reported() -> None:
    result = clean([row(None), row("   "), row("Kept")])
    assert [f.title for f in result.films] == ["Kept"]
    assert [(e.rule, e.row) for e in result.rejected] == [("title_missing", 0), ("title_missing", 1)]
    assert all(e.row == 2 for e in result.changes)


def test_whitespace_and_odd_characters_in_titles() -> None:
    assert one(row("  Halloween:  The\u200bCurse\tof  Michael Myers \n")).title == (
        "Halloween: The Curse of Michael Myers"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("LÈon", "Léon"),
        ("DÈj‡ Vu", "Déjà Vu"),
        ("The Naked Gun 2Ω: The Smell of Fear", "The Naked Gun 2½: The Smell of Fear"),
        ("I Love You Ö Don't Touch Me!", "I Love You … Don't Touch Me!"),
        ("Amélie", "Amélie"),
        ("Schöne Tage", "Schöne Tage"),
        ("Alien³", "Alien³"),
        ("Ri¢hie Ri¢h", "Ri¢hie Ri¢h"),
    ],
)
def test_mojibake_is_read_back_and_correct_text_left_alone(raw: str, expected: str) -> None:
    assert one(row(raw)).title == expected


def test_title_year_suffix_only_when_it_is_the_films_year() -> None:
    assert one(row("Lolita (1962)", "Jan 01 1962")).title == "Lolita"
    assert one(row("Metropolis (1927)", "Jan 25 2002")).title == "Metropolis (1927)"


def test_imdb_figures_shared_by_several_films_are_dropped() -> None:
    result = clean(
        [
            row("The Fog", "Feb 01 1980", **{"IMDB Rating": 3.3, "IMDB Votes": 15760}),
            row("The Fog", "Oct 14 2005", **{"IMDB Rating": 3.3, "IMDB Votes": 15760}),
            row("Alone", "Oct 14 2005", **{"IMDB Rating": 3.3, "IMDB Votes": 15761}),
        ]
    )
    assert [(f.title, f.imdb_rating, f.imdb_votes) for f in result.films] == [
        ("Alone", 3.3, 15761),
        ("The Fog", None, None),
        ("The Fog", None, None),
    ]


def test_nothing_is_invented_from_a_bare_row() -> None:
    film = one(row("Only a Title", None))
    assert film.model_dump(exclude={"slug", "title"}) == {
        name: ([] if name == "directors" else None)
        for name in CatalogFilm.model_fields
        if name not in ("slug", "title")
    }


def test_every_rule_is_described_and_reported() -> None:
    result = clean([row("X")])
    report = render_report(result)
    for name, rule in RULES.items():
        assert rule.description
        assert f"### `{name}`" in report


# -- the real file -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(MOVIES.read_text(encoding="utf-8"))
    return rows


@pytest.fixture(scope="module")
def real(source_rows: list[dict[str, Any]]) -> CleanResult:
    return clean(source_rows)


def test_real_totals(real: CleanResult) -> None:
    assert real.rows_in == 3201
    assert len(real.films) == 3200
    assert [e.rule for e in real.rejected] == ["title_missing"]


def test_real_counts_match_the_report(real: CleanResult) -> None:
    report = REPORT.read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\w+)` \| \w+ \| (\d+) \|", report, flags=re.MULTILINE))
    assert {name: int(n) for name, n in table.items()} == real.rows_by_rule()
    assert f"| Rows in | {real.rows_in:,} |" in report
    assert f"| Films out | {len(real.films):,} |" in report
    # The counts found by looking at the data (docs/catalog.md says what each one is).
    expected = {
        "title_missing": 1,
        "numeric_text": 9,
        "mojibake": 18,
        "whitespace": 2,
        "trailing_article": 6,
        "release_date_epoch": 8,
        "wrong_century": 22,
        "title_year_suffix": 3,
        "zero_gross": 66,
        "mpaa_unknown": 2,
        "duplicate_row": 0,
        "imdb_shared": 72,
        "slug_by_year": 26,
        "out_of_range": 0,
    }
    assert {name: real.rows_by_rule()[name] for name in expected} == expected


def test_real_cutoff_sits_in_the_gap_of_the_source_dates(source_rows: list[dict[str, Any]]) -> None:
    years = sorted({catalog.parse_release_date(r["Release Date"]).year for r in source_rows})
    assert max(y for y in years if y <= CENTURY_CUTOFF.year) == 2011
    assert min(y for y in years if y > CENTURY_CUTOFF.year) == 2015
    assert not [y for y in years if 2011 < y < 2015]


def test_real_no_year_after_the_cutoff_and_moved_films_are_old(real: CleanResult) -> None:
    assert max(f.year for f in real.films if f.year is not None) <= CENTURY_CUTOFF.year
    moved = [e.after for e in real.log("wrong_century") if e.field == "year"]
    assert len(moved) == 22 and all(1900 < year < 1950 for year in moved)
    assert {f.year for f in real.films if f.title == "Ben-Hur"} == {1925, 1959}
    best = by_title(real, "The Best Years of Our Lives")
    assert [(f.year, f.directors) for f in best] == [(1946, ["William Wyler"])]


def test_real_no_trailing_article_or_stray_space(real: CleanResult) -> None:
    for film in real.films:
        assert not film.title.endswith(", The"), film.title
        assert not re.search(r", (?:A|An|Les|Das)$", film.title), film.title
        assert film.title == catalog.tidy_space(film.title)
        assert not (set(film.title) & catalog._MOJIBAKE_MARKS), film.title


def test_real_slugs_unique_and_remakes_kept(real: CleanResult) -> None:
    slugs = [f.slug for f in real.films]
    assert len(slugs) == len(set(slugs))
    kongs = sorted((f.year, f.slug) for f in real.films if f.title == "King Kong")
    assert kongs == [(1933, "king-kong"), (1976, "king-kong-1976"), (2005, "king-kong-2005")]
    titles = {f.title for f in real.films}
    assert {"1776", "300", "9", "2046", "The Barbarians", "Das Boot", "Léon"} <= titles


def test_real_leaving_las_vegas(real: CleanResult) -> None:
    [film] = by_title(real, "Leaving Las Vegas")
    assert film.slug == "leaving-las-vegas"
    assert film.year == 1995 and film.release_date == date(1995, 10, 27)
    assert film.directors == ["Mike Figgis"]
    assert film.budget == 4_000_000
    assert film.us_gross == 31_983_777
    assert film.worldwide_gross == 49_800_000


def test_real_never_invents_a_value(source_rows: list[dict[str, Any]], real: CleanResult) -> None:
    """No field has more values out than the source had in, and every text value came from it."""
    pairs = dict(catalog.TEXT_FIELDS)
    pairs.update({k: v[0] for k, v in catalog.NUMBER_FIELDS.items()})
    for key, name in pairs.items():
        given = sum(r[key] is not None for r in source_rows)
        kept = sum(getattr(f, name) not in (None, []) for f in real.films)
        assert kept <= given, name
    directors = {r["Director"] for r in source_rows}
    assert all(d in directors for f in real.films for d in f.directors)
    budgets = {r["Production Budget"] for r in source_rows}
    assert all(f.budget in budgets for f in real.films)


# -- the packaged file and the script -----------------------------------------------------------


def test_packaged_file_equals_a_fresh_derivation(real: CleanResult) -> None:
    digest = catalog.read_source(MOVIES)[1]
    fresh = catalog_bytes(real, source_sha256=digest)
    assert gzip.decompress(PACKAGED.read_bytes()) == gzip.decompress(fresh), (
        "src/filmguide/data/catalog.json.gz is stale: run scripts/derive_catalog.py"
    )
    assert REPORT.read_text(encoding="utf-8") == render_report(real, source_sha256=digest), (
        "docs/catalog.md is stale: run scripts/derive_catalog.py"
    )


def test_packaged_file_carries_the_credit() -> None:
    document = json.loads(gzip.decompress(PACKAGED.read_bytes()))
    assert "vega-datasets 3.2.1" in document["credit"]
    assert "BSD-3-Clause" in document["credit"]
    assert "intentional errors" in document["credit"]
    readme = (ROOT / "src" / "filmguide" / "data" / "README.md").read_text(encoding="utf-8")
    assert "vega-datasets" in readme and "BSD-3-Clause" in readme


def test_loading_the_packaged_file_gives_the_same_films(real: CleanResult) -> None:
    assert load_catalog() == real.films
    assert load_catalog(PACKAGED) == real.films


def test_script_output_is_deterministic(tmp_path: Path) -> None:
    script = runpy.run_path(str(SCRIPT))
    outputs = []
    for n in (1, 2):
        out, report = tmp_path / f"c{n}.json.gz", tmp_path / f"r{n}.md"
        assert script["main"](["--source", str(MOVIES), "--out", str(out), "--report", str(report)]) == 0
        outputs.append((out.read_bytes(), report.read_bytes()))
    assert outputs[0] == outputs[1]
    assert gzip.decompress(outputs[0][0]) == gzip.decompress(PACKAGED.read_bytes())
    assert outputs[0][1] == REPORT.read_bytes()
