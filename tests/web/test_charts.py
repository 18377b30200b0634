"""The film page's charts (filmguide.web.charts): well-formed SVG, bars proportional to the values,
a text alternative, and missing values said rather than drawn."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from filmguide.web import charts

SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    """The chart's <svg>, parsed as XML (so it must be well-formed)."""
    figure = ET.fromstring(str(markup))
    assert figure.tag == "figure"
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    return svg


def _bars(svg: ET.Element) -> dict[str, float]:
    return {
        rect.attrib["class"].split("bar-")[1]: float(rect.attrib["width"])
        for rect in svg.iter(f"{SVG}rect")
        if "bar" in rect.attrib["class"].split()
    }


def test_money_bars_are_proportional_to_the_figures_and_the_largest_is_full_width() -> None:
    chart = charts.money_chart("Leaving Las Vegas", 4_000_000, 31_983_777, 49_800_000)
    assert chart is not None
    bars = _bars(_svg(charts.render(chart)))
    assert bars["worldwide_gross"] == charts.WIDTH
    assert bars["budget"] / bars["worldwide_gross"] == pytest.approx(4_000_000 / 49_800_000, rel=1e-3)
    assert bars["us_gross"] / bars["budget"] == pytest.approx(31_983_777 / 4_000_000, rel=1e-3)


def test_the_svg_is_named_and_described_for_assistive_technology() -> None:
    chart = charts.money_chart("Leaving Las Vegas", 4_000_000, 31_983_777, 49_800_000)
    assert chart is not None
    svg = _svg(charts.render(chart))
    assert svg.attrib["role"] == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.attrib["aria-labelledby"] == title.attrib["id"]
    assert svg.attrib["aria-describedby"] == desc.attrib["id"]
    text = desc.text or ""
    assert "Budget: $4.0 million" in text and "US gross: $32.0 million" in text
    assert "Worldwide gross: $49.8 million" in text and "12.4 times the budget" in text
    assert "style" not in charts.render(chart)  # colours come from CSS classes (a strict CSP later)


def test_ratings_share_one_scale_imdb_times_ten() -> None:
    chart = charts.ratings_chart("Leaving Las Vegas", 7.6, 89)
    assert chart is not None
    svg = _svg(charts.render(chart))
    bars = _bars(svg)
    assert bars["imdb"] == pytest.approx(charts.WIDTH * 0.76)
    assert bars["rotten_tomatoes"] == pytest.approx(charts.WIDTH * 0.89)
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and "IMDb: 7.6/10 (76 of 100)" in (desc.text or "")
    assert "Rotten Tomatoes: 89%" in (desc.text or "")


def test_one_missing_figure_gives_a_partial_chart_that_says_what_is_missing() -> None:
    chart = charts.money_chart("X", 4_000_000, None, 10_000_000)
    assert chart is not None
    markup = str(charts.render(chart))
    assert set(_bars(_svg(markup))) == {"budget", "worldwide_gross"}
    assert "Not in the catalog: US gross." in markup
    assert "Not known: US gross." in chart.description

    ratings = charts.ratings_chart("X", None, 55)
    assert ratings is not None
    assert set(_bars(_svg(charts.render(ratings)))) == {"rotten_tomatoes"}
    assert "IMDb rating" in str(charts.render(ratings))


@pytest.mark.parametrize(
    ("budget", "us", "world"), [(None, None, None), (4_000_000, None, None), (None, None, 5)]
)
def test_no_money_chart_without_two_figures_to_compare(
    budget: int | None, us: int | None, world: int | None
) -> None:
    assert charts.money_chart("X", budget, us, world) is None


def test_no_ratings_chart_without_a_rating_and_no_charts_without_facts() -> None:
    assert charts.ratings_chart("X", None, None) is None
    assert charts.film_charts(None, "X") == []
    assert charts.film_charts({"budget": None, "imdb_rating": None}, "X") == []
    assert len(charts.film_charts({"budget": 1, "us_gross": 2, "imdb_rating": 7.0}, "X")) == 2


def test_the_title_is_escaped() -> None:
    chart = charts.money_chart('<script>"x"</script>&', 1, 2, 3)
    assert chart is not None
    markup = str(charts.render(chart))
    assert "<script>" not in markup
    _svg(markup)  # still well-formed
