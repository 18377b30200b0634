"""Recommendations: hit rate at 10 against the guides' curated lists, and the time to compute all.

Ground truth: each guide's curated "Recommended Films" that exist in the catalog, linked by the
store as the site links them (``store.linking`` and the film references). For every article (the
demo guides, the fixtures and the seed) the index is built over the catalog with that article as
the film's guide, beside the other demo guides (those on other films), and the film's top 10 is
computed *without* the curated input (``use_curated=False``).

References, measured in the same run on the same films:
- hit rate: "same genre, highest IMDb rating" (what a catalog page could show with no model), and
  a random list (its expected hit rate, 10 / (films - 1));
- time: that baseline ranked for every film with numpy (the cheapest recommender there is).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.common import FIXTURES, ROOT, SEED, median_of, timed
from filmguide.article import parse_path
from filmguide.catalog import load_catalog
from filmguide.model import Guide
from filmguide.recommend import FilmRecord, SimilarityIndex, build_index
from filmguide.store import Store

K = 10
RUNS = 3
DEMO = ROOT / "src" / "filmguide" / "demo"


def demo_paths() -> list[Path]:
    return sorted(p for p in DEMO.glob("*.md") if p.name != "README.md")


def articles() -> list[Path]:
    return [*demo_paths(), *sorted(FIXTURES.iterdir()), *([SEED] if SEED.exists() else [])]


class Site:
    """A store holding the bundled catalog, copied fresh for each article: guides are linked to
    their films, and their recommendations to films, by the store (``store.linking``), as the
    site links them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "catalog.db"
        store = Store.open(str(self.template))
        try:
            store.load_catalog(load_catalog())
        finally:
            store.close()
        self.demo_slugs = {path: self.with_guides([path])[1][path] for path in demo_paths()}

    def with_guides(self, paths: Sequence[Path]) -> tuple[Store, dict[Path, str]]:
        """A new copy of the catalog with these articles saved in order; their films' slugs."""
        copy = self.folder / f"site-{len(list(self.folder.iterdir()))}.db"
        shutil.copyfile(self.template, copy)
        store = Store.open(str(copy))
        return store, {path: store.save_guide(parse_path(path)).slug for path in paths}

    def linked(self, article: Path) -> tuple[list[FilmRecord], dict[str, Guide], dict[str, list[str]], str]:
        """The article as its film's guide, beside the demo guides of other films: the films,
        the guides, the curated lists, and the article's film slug."""
        store, slugs = self.with_guides([article])
        try:
            for path, slug in self.demo_slugs.items():
                if slug != slugs[article]:
                    store.save_guide(parse_path(path))
            films = [FilmRecord.from_catalog(f) for f in store.catalog_films()]
            return films, store.guides(), store.curated(), slugs[article]
        finally:
            store.close()


def baseline(films: Sequence[FilmRecord], slug: str, k: int = K) -> list[str]:
    """Same genre, highest IMDb rating first (ties by slug); other films after, the same way."""
    me = next(f for f in films if f.slug == slug)

    def key(film: FilmRecord) -> tuple[bool, float, str]:
        same = me.genre is not None and film.genre == me.genre
        return (not same, -(film.imdb_rating or 0.0), film.slug)

    return [f.slug for f in sorted((f for f in films if f.slug != slug), key=key)[:k]]


def _baseline_all(index: SimilarityIndex) -> dict[int, list[int]]:
    """The baseline's top K for every film (same genre by IMDb rating; the same sort, vectorised)."""
    import numpy as np

    imdb = np.nan_to_num(index.imdb, nan=0.0)
    order = np.lexsort((index.order, -imdb, index.genre))  # by genre, then rating, then slug
    heads = {int(g): order[index.genre[order] == g][: K + 1].tolist() for g in np.unique(index.genre)}
    return {i: [j for j in heads[int(g)] if j != i][:K] for i, g in enumerate(index.genre.tolist())}


def evaluate(site: Site) -> tuple[list[tuple[str, str, int, int, int]], int]:
    """Per article: (article, film slug, targets, hits, baseline hits); and the number of films."""
    rows: list[tuple[str, str, int, int, int]] = []
    n = 0
    for path in articles():
        catalog, guides, curated, slug = site.linked(path)
        truth = [t for t in curated.get(slug, []) if t != slug]
        n = len(catalog)
        if not truth:
            rows.append((path.name, slug, 0, 0, 0))
            continue
        index = build_index(catalog, guides, curated=curated)
        n = len(index.films)
        top = {s.slug for s in index.similar(slug, k=K, use_curated=False)}
        base = set(baseline(index.films, slug))
        rows.append((path.name, slug, len(truth), len(top & set(truth)), len(base & set(truth))))
    return rows, n


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, value, reference, ratio)."""
    with tempfile.TemporaryDirectory() as folder:
        site = Site(Path(folder))
        per_article, n = evaluate(site)
        store, _ = site.with_guides(demo_paths())
        try:
            catalog = [FilmRecord.from_catalog(f) for f in store.catalog_films()]
            guides, curated = store.guides(), store.curated()
        finally:
            store.close()
    targets = sum(r[2] for r in per_article)
    hits = sum(r[3] for r in per_article)
    base_hits = sum(r[4] for r in per_article)
    rate = hits / targets if targets else 0.0
    base_rate = base_hits / targets if targets else 0.0
    random_rate = K / (n - 1)

    build, _ = median_of(RUNS, lambda: timed(lambda: build_index(catalog, guides, curated=curated)))
    index = build_index(catalog, guides, curated=curated)
    everything, times = median_of(RUNS, lambda: timed(lambda: index.similar_all(k=K)))
    reference, _ = median_of(RUNS, lambda: timed(lambda: _baseline_all(index)))
    one, _ = median_of(RUNS, lambda: timed(lambda: index.similar("leaving-las-vegas", k=K)))

    rows = [
        (f"hit rate@{K}, computed lists (use_curated=False)", rate, "same genre, highest IMDb", base_rate),
        (f"hit rate@{K}, computed lists (use_curated=False)", rate, "random (expected)", random_rate),
        (
            f"similar_all, {len(index.films):,} films, k={K} (s)",
            everything,
            "baseline for all (s)",
            reference,
        ),
    ]
    lines = [
        "## Recommendations (issue: catalog, recommendations that say why)",
        "",
        f'Ground truth: the curated "Recommended Films" of each article that exist in the catalog '
        f"(by title and year): {targets} films over {sum(1 for r in per_article if r[2])} articles "
        "(the demo guides, the fixtures and the seed). Each film's top "
        f"{K} is computed over the {n:,} films *without* the curated input, with the other demo "
        "guides present; the references are measured in the same run on the same films.",
        "",
        "| what | value | reference | reference value | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for what, value, ref, ref_value in rows[:2]:
        ratio = f"{value / ref_value:.1f}" if ref_value else "∞"
        lines.append(f"| {what} | {value:.2f} ({hits}/{targets}) | {ref} | {ref_value:.3f} | {ratio} |")
    what, value, ref, ref_value = rows[2]
    lines.append(f"| {what} | {value:.2f} | {ref} | {ref_value:.3f} | {value / ref_value:.0f} |")
    lines += [
        "",
        f"Building the index (TF-IDF included): {build:.2f} s; one film's list: {one * 1000:.1f} ms; "
        f"similar_all runs: {', '.join(f'{t:.2f}' for t in times)} s "
        f"(median {statistics.median(times):.2f} s).",
        "",
        "| article | film | curated in catalog | hits@10 | baseline hits@10 |",
        "|---|---|---:|---:|---:|",
    ]
    for name, slug, total, found, base in per_article:
        lines.append(f"| {name} | {slug} | {total} | {found} | {base} |")
    return "\n".join(lines), rows


if __name__ == "__main__":
    print(run()[0])
