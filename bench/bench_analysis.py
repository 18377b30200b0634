"""The analyses a film page shows: fact checks, themes and content notes, spoilers, per guide;
and what a film page costs to render now that they are stored (issue #19 item 6).

Timing moved here from the unit suite, where a per-check time limit failed on a loaded machine
while telling nothing about the code. Reference, same run, same articles: reading the article
(``parse_path``), the step every guide has already paid for when it is analysed.

The render: the demo's six film pages (catalog loaded), HTML and ``.json`` twin, rendered as a
page-cache miss renders them (``pages.film_page``, then the template or ``orjson``), with the
analyses read from the store; the reference, same run, same store, is the render as it was before
they were stored: the analyses made during the render (the store's read handing back no stored
analyses, so :func:`filmguide.analyses.current` makes them, as ``film_page`` used to).
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import before19
from bench.bench_recommend import demo_paths
from bench.common import SEED, cpu_timed, median_of, timed
from filmguide import importer
from filmguide.article import parse_path
from filmguide.catalog import CatalogFilm, load_catalog
from filmguide.factcheck import check_guide
from filmguide.model import Guide
from filmguide.spoilers import find_spoilers
from filmguide.store import Store
from filmguide.store import analyses as analysis_queries
from filmguide.text import fold
from filmguide.themes import analyse
from filmguide.web import pages
from filmguide.web.render import Renderer, json_bytes

RUNS = 5
ROUNDS = 20
#: Renders of each page per run.
RENDER_ROUNDS = 10
#: Retitled copies of each article saved per run.
SAVE_COPIES = 10
Row = tuple[str, float, str, float]


def _corpus() -> list[tuple[object, Guide, CatalogFilm | None]]:
    catalog = {fold(f.title): f for f in load_catalog()}
    paths = [*demo_paths(), *([SEED] if SEED.exists() else [])]
    return [(path, guide := parse_path(path), catalog.get(fold(guide.title))) for path in paths]


def _per_guide(corpus: list[tuple[object, Guide, CatalogFilm | None]], step: Callable[..., object]) -> float:
    """Median seconds per guide for ``step`` over the corpus."""

    def once() -> float:
        return timed(lambda: [step(path, guide, film) for _ in range(ROUNDS) for path, guide, film in corpus])

    median, _ = median_of(RUNS, once)
    return median / (ROUNDS * len(corpus))


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, ms per guide, reference, its ms)."""
    corpus = _corpus()
    reference = _per_guide(corpus, lambda path, guide, film: parse_path(path))
    steps: list[tuple[str, Callable[..., object]]] = [
        ("fact checks (check_guide)", lambda path, guide, film: check_guide(guide, film)),
        ("themes and content notes (analyse)", lambda path, guide, film: analyse(guide)),
        ("spoilers (find_spoilers)", lambda path, guide, film: find_spoilers(guide)),
    ]
    rows = [
        (what, _per_guide(corpus, step) * 1000, "parse the article", reference * 1000) for what, step in steps
    ]
    lines = [
        "## Analyses per guide (fact checks, themes, spoilers)",
        "",
        f"{len(corpus)} articles (the demo guides and the seed), {ROUNDS} rounds, median of {RUNS} runs.",
        "",
        "| what | ms per guide | reference | reference ms | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    lines += [f"| {w} | {v:.2f} | {r} | {rv:.2f} | {v / rv:.2f} |" for w, v, r, rv in rows]
    render_lines, render_rows = render_section()
    save_lines, save_rows = save_section(corpus)
    return "\n".join([*lines, "", *render_lines, "", *save_lines]), rows + render_rows + save_rows


def _save_ms(guides: list[Guide], *, analysed: bool) -> float:
    """Median milliseconds per save of these (new) guides into a new SQLite store."""

    def once() -> float:
        with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "b.db")) as store:
            real = analysis_queries.write
            if not analysed:
                analysis_queries.write = lambda *args, **kwargs: None
            try:
                return timed(lambda: [store.save_guide(guide) for guide in guides])
            finally:
                analysis_queries.write = real

    median, _ = median_of(RUNS, once)
    return median / len(guides) * 1000


def save_section(corpus: list[tuple[object, Guide, CatalogFilm | None]]) -> tuple[list[str], list[Row]]:
    """What analysing at write time adds to a guide's save (the import's writer pays it)."""
    guides = [
        guide.model_copy(update={"title": f"{guide.title} {i}", "slug": None})
        for i in range(SAVE_COPIES)
        for _, guide, _ in corpus
    ]
    with_analyses = _save_ms(guides, analysed=True)
    without = _save_ms(guides, analysed=False)
    row = ("save a new guide, analyses made and stored", with_analyses, "the same save, no analyses", without)
    lines = [
        "### What the analyses add to a save",
        "",
        f"{len(guides)} new guides (the articles above, retitled) saved one transaction each into a new "
        f"SQLite store, median of {RUNS} runs; the reference, same run, leaves the analyses out. A "
        "save from the API or the desk pays all of it; in an import, the parse workers make the "
        "spoilers, themes, content notes and claims, and the single writer only judges the claims.",
        "",
        "| what | ms per guide | reference | reference ms | ratio |",
        "|---|---:|---|---:|---:|",
        f"| {row[0]} | {row[1]:.2f} | {row[2]} | {row[3]:.2f} | {row[1] / row[3]:.2f} |",
    ]
    return lines, [row]


class _Reference:
    """Makes ``store`` hand back its guides without their stored analyses while :attr:`on`: pages
    then make them while rendering, as before analyses were stored (the reference)."""

    def __init__(self, store: Store) -> None:
        self.on = False
        read = Store.film_page_reads

        def film_page_reads(slug: str) -> object:
            found = read(store, slug)
            if found is None or not self.on:
                return found
            return dataclasses.replace(found, analysed=dataclasses.replace(found.analysed, analyses=None))

        store.film_page_reads = film_page_reads  # type: ignore[method-assign,assignment]


def _render(
    store: Store, slugs: list[str], kind: str, renderer: Renderer, rounds: int = RENDER_ROUNDS
) -> float:
    """CPU seconds for ``rounds`` page-cache-miss renders of each of these film pages. The
    renderer is the site's, made once: its templates were compiled by its first render (some
    50 ms, which a page-cache miss on the live site never pays)."""
    options = pages.PageOptions()

    def render() -> None:
        for _ in range(rounds):
            for slug in slugs:
                data = pages.film_page(store, slug, options)
                assert data is not None
                if kind == "json":
                    json_bytes(data)
                else:
                    path = f"/films/{slug}"
                    renderer.render("film.html", data, base_url="", path=path, json_path=path + ".json")

    return cpu_timed(render)


def render_section() -> tuple[list[str], list[Row]]:
    """The film page's render with stored analyses against the render that made them: each run
    measures both in turn, so that a load that comes and goes weighs on both alike. Then today's
    code against the code before issue 19 (:mod:`bench.before19`)."""
    times: dict[tuple[str, bool], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "bench.db")) as store:
        importer.bootstrap(store, similar=False)
        importer.import_paths(store, [importer.DEMO_DIR])
        slugs = [guide.slug for guide in store.list_guides()]
        reference = _Reference(store)
        renderer = Renderer()
        _render(store, slugs, "html", renderer, rounds=1)  # its templates compiled, as on the site
        for _ in range(RUNS):
            for kind in ("html", "json"):
                for made in (False, True):
                    reference.on = made
                    times.setdefault((kind, made), []).append(_render(store, slugs, kind, renderer))
        before_lines, before_rows = _before_19(Path(folder))
    per_page = {
        key: statistics.median(values) / (RENDER_ROUNDS * len(slugs)) * 1000 for key, values in times.items()
    }
    rows: list[Row] = [
        (f"{what}, analyses stored", per_page[kind, False], "analyses made at render", per_page[kind, True])
        for kind, what in (("html", "film page (HTML)"), ("json", "film page's `.json` twin"))
    ]
    lines = [
        "### A film page's render with the analyses stored (issue #19 item 6)",
        "",
        f"The demo's {len(slugs)} film pages on SQLite, catalog loaded, rendered as a page-cache miss "
        f"renders them (page data, then template or JSON) with the site's one renderer, its templates "
        f"compiled (as the site's are after its first page), {RENDER_ROUNDS} rounds, median of {RUNS} "
        "runs, in CPU time; the reference, same runs and store (each run measures both in turn), makes the "
        "analyses during the render, as every render did before they were stored. The second "
        "table's reference, same run, is the code from before issue 19 "
        f"(`{before19.BEFORE_19}`): both codes in child processes of their own, each with the same "
        f"demo guides and catalog in its own SQLite store, taking turns round by round, median of "
        f"{before19.ROUNDS} rounds of {before19.RENDERS} renders of each page in CPU time "
        "(bench/before19.py). Target: half of the reference or less.",
        "",
        "| what | ms per page (CPU) | reference | reference ms (CPU) | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    lines += [f"| {w} | {v:.2f} | {r} | {rv:.2f} | {v / rv:.2f} |" for w, v, r, rv in rows]
    return [*lines, "", *before_lines], rows + before_rows


def _before_19(work: Path) -> tuple[list[str], list[Row]]:
    """Today's film page render against the code before issue 19's, or a line saying why it could
    not be measured (a clone without that commit): the rest of the bench still runs."""
    try:
        now, before, _ = before19.compare(work)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        return [f"The code before issue 19 (`{before19.BEFORE_19}`) could not be measured: {error}."], []
    reference = f"the code before issue 19 (`{before19.BEFORE_19}`)"
    row = ("film page (HTML), today's code", now, reference, before)
    return [
        "| what | ms per page (CPU) | reference | reference ms (CPU) | ratio |",
        "|---|---:|---|---:|---:|",
        f"| {row[0]} | {now:.2f} | {row[2]} | {before:.2f} | {now / before:.2f} |",
    ], [row]


if __name__ == "__main__":
    print(run()[0])
