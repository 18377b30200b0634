"""How bench/bench_before19.py judges today's figure against the code before issue 19's: a rate
is worse when lower, a time when higher, and only past the tolerance (no timing here)."""

from __future__ import annotations

from bench.bench_before19 import Measured, ratio_cell, slower_rows


def test_a_time_is_worse_when_higher_past_the_tolerance() -> None:
    assert ratio_cell(1.10, 1.0, higher_is_better=False) == "**1.10 slower**"
    assert ratio_cell(1.04, 1.0, higher_is_better=False) == "1.04"
    assert ratio_cell(0.50, 1.0, higher_is_better=False) == "0.50"


def test_a_rate_is_worse_when_lower_past_the_tolerance() -> None:
    assert ratio_cell(90.0, 100.0, higher_is_better=True) == "**0.90 slower**"
    assert ratio_cell(96.0, 100.0, higher_is_better=True) == "0.96"
    assert ratio_cell(150.0, 100.0, higher_is_better=True) == "1.50"


def test_only_the_rows_worse_past_the_tolerance_are_named_with_how_much() -> None:
    rows = [
        ("export (CPU)", 4.0, False),
        ("list (CPU)", 0.3, False),
        ("film page (requests/s)", 0.8, True),
        ("search page (requests/s)", 0.97, True),
        ("film page (p99)", 1.05, False),
    ]
    assert slower_rows(rows) == ["export (CPU) (300% worse)", "film page (requests/s) (20% worse)"]


def test_each_figure_is_the_median_of_its_rounds_per_code() -> None:
    row = Measured("film page")
    for rate in (10.0, 30.0, 20.0):
        row.add("now", rate=rate, p99=rate / 10)
    row.add("before", rate=5.0, p99=1.0)
    assert row.median("rate", "now") == 20.0
    assert row.median("p99", "now") == 2.0
    assert row.median("rate", "before") == 5.0


def test_the_spread_pairs_each_round_of_today_with_the_same_round_before() -> None:
    row = Measured("list")
    for now, before in ((1.0, 2.0), (3.0, 2.0), (2.0, 2.0)):
        row.add("now", cpu=now)
        row.add("before", cpu=before)
    assert row.spread("cpu") == "0.50–1.50"
