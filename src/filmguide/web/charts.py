"""Small server-rendered SVG charts of the figures a film page compares: budget against US and
worldwide gross, and the IMDb and Rotten Tomatoes ratings on one 0–100 scale.

A chart is first a :class:`Chart` (plain data: bars with their values and lengths, and the
figures that are missing), then markup from :func:`render`: a ``<figure>`` holding an inline
``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>`` (every value in words,
the text alternative), and a visible line naming any figure the catalog lacks.

No inline style: bars and text carry classes (``bar-budget``, ``chart-label``…) that ``site.css``
colours for light and dark schemes, and text is ``currentColor``. Every value is a number we
format ourselves; the one piece of outside text (the film's title, in the title and description)
is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from filmguide.web import format as fmt

#: Geometry, in SVG user units (the chart scales to the width of its container).
WIDTH = 320
ROW = 44
TOP = 4
BAR_HEIGHT = 14
LABEL_BASELINE = 14
BAR_OFFSET = 20


@dataclass(frozen=True)
class Bar:
    key: str
    """``budget``, ``us_gross``, ``worldwide_gross``, ``imdb`` or ``rotten_tomatoes``: the CSS class."""
    label: str
    value: float
    """The value on the chart's scale (dollars; ratings on 0–100)."""
    text: str
    """The value as the page writes it: ``$4.0 million``, ``7.5/10``, ``90%``."""
    length: float
    """The bar's length in user units: ``value / scale * WIDTH``."""


@dataclass(frozen=True)
class Chart:
    id: str
    kind: str
    title: str
    description: str
    bars: list[Bar]
    missing: list[str] = field(default_factory=list)
    """Labels of the figures the catalog does not have, said in text under the chart."""
    scale: float = 100.0

    @property
    def height(self) -> int:
        return TOP + ROW * len(self.bars)


def _bars(items: list[tuple[str, str, float, str]], scale: float) -> list[Bar]:
    return [
        Bar(
            key=key,
            label=label,
            value=value,
            text=text,
            length=round(value / scale * WIDTH, 2) if scale else 0,
        )
        for key, label, value, text in items
    ]


def _sentence_list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def money_chart(
    title: str,
    budget: int | None,
    us_gross: int | None,
    worldwide_gross: int | None,
    *,
    id: str = "chart-money",
) -> Chart | None:
    """Budget, US gross and worldwide gross as bars on one dollar scale (the largest is full width).

    ``None`` unless at least two of the three are known: one figure alone compares with nothing.
    """
    known = [
        (key, label, value)
        for key, label, value in (
            ("budget", "Budget", budget),
            ("us_gross", "US gross", us_gross),
            ("worldwide_gross", "Worldwide gross", worldwide_gross),
        )
        if value is not None and value >= 0
    ]
    missing = [
        label
        for label, value in (("budget", budget), ("US gross", us_gross), ("worldwide gross", worldwide_gross))
        if value is None
    ]
    if len(known) < 2:
        return None
    scale = float(max(value for _, _, value in known))
    bars = _bars([(k, label, float(v), fmt.money_short(v)) for k, label, v in known], scale)
    parts = [f"{bar.label}: {bar.text}" for bar in bars]
    description = "; ".join(parts) + "."
    if budget and worldwide_gross is not None:
        description += f" The worldwide gross is {worldwide_gross / budget:.1f} times the budget."
    elif budget and us_gross is not None:
        description += f" The US gross is {us_gross / budget:.1f} times the budget."
    return _chart(id, "money", f"Budget and box office of {title}", description, bars, missing, scale)


def ratings_chart(
    title: str, imdb: float | None, rotten_tomatoes: int | None, *, id: str = "chart-ratings"
) -> Chart | None:
    """IMDb (out of 10, drawn ×10) and Rotten Tomatoes (out of 100) on one 0–100 scale.

    ``None`` when neither is known; one alone is still drawn against the full scale.
    """
    items: list[tuple[str, str, float, str]] = []
    missing: list[str] = []
    if imdb is not None:
        items.append(("imdb", "IMDb", round(imdb * 10, 2), fmt.imdb(imdb)))
    else:
        missing.append("IMDb rating")
    if rotten_tomatoes is not None:
        items.append(("rotten_tomatoes", "Rotten Tomatoes", float(rotten_tomatoes), fmt.rt(rotten_tomatoes)))
    else:
        missing.append("Rotten Tomatoes score")
    if not items:
        return None
    bars = _bars(items, 100.0)
    description = (
        "; ".join(f"{bar.label}: {bar.text} ({bar.value:g} of 100)" for bar in bars)
        + ". Both drawn on a scale of 0 to 100."
    )
    return _chart(id, "ratings", f"Ratings of {title}", description, bars, missing, 100.0)


def _chart(
    id: str, kind: str, title: str, description: str, bars: list[Bar], missing: list[str], scale: float
) -> Chart:
    """The chart, its description ending with what is not known (said in text, never drawn)."""
    if missing:
        description += f" Not known: {_sentence_list(missing)}."
    return Chart(
        id=id, kind=kind, title=title, description=description, bars=bars, missing=missing, scale=scale
    )


def render(chart: Chart) -> Markup:
    """The chart as a ``<figure>`` with its inline SVG; every text escaped."""
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    rows: list[str] = []
    for i, bar in enumerate(chart.bars):
        y = TOP + i * ROW
        track = (
            f'<rect class="chart-track" x="0" y="{y + BAR_OFFSET}" '
            f'width="{WIDTH}" height="{BAR_HEIGHT}" rx="2"/>'
            if chart.kind == "ratings"
            else ""
        )
        rows.append(
            f'<g class="chart-row" data-key="{escape(bar.key)}" data-value="{bar.value:g}">'
            f'<text class="chart-label" x="0" y="{y + LABEL_BASELINE}">{escape(bar.label)}</text>'
            f'<text class="chart-value" x="{WIDTH}" y="{y + LABEL_BASELINE}" text-anchor="end">'
            f"{escape(bar.text)}</text>"
            f"{track}"
            f'<rect class="bar bar-{escape(bar.key)}" x="0" y="{y + BAR_OFFSET}" '
            f'width="{bar.length:g}" height="{BAR_HEIGHT}" rx="2"/>'
            "</g>"
        )
    svg = (
        f'<svg class="chart-svg" role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" '
        f'viewBox="0 0 {WIDTH} {chart.height}" width="{WIDTH}" height="{chart.height}" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="{title_id}">{escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>' + "".join(rows) + "</svg>"
    )
    caption = {
        "money": "Budget and box office, in US dollars",
        "ratings": "Ratings on a common scale of 0 to 100 (IMDb × 10)",
    }[chart.kind]
    missing = (
        f'<p class="chart-missing">Not in the catalog: {escape(_sentence_list(chart.missing))}.</p>'
        if chart.missing
        else ""
    )
    return Markup(
        f'<figure class="chart chart-{chart.kind}" id="{chart.id}">'
        f'<figcaption class="chart-caption">{caption}</figcaption>{svg}{missing}</figure>'
    )


def film_charts(facts: dict[str, object] | None, title: str) -> list[Markup]:
    """The charts of a film page from its ``facts`` (the catalog figures), in page order."""
    if not facts:
        return []

    def _int(key: str) -> int | None:
        value = facts.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    imdb_value = facts.get("imdb_rating")
    charts = [
        money_chart(title, _int("budget"), _int("us_gross"), _int("worldwide_gross")),
        ratings_chart(
            title,
            float(imdb_value) if isinstance(imdb_value, int | float) else None,
            _int("rotten_tomatoes"),
        ),
    ]
    return [render(chart) for chart in charts if chart is not None]
