"""Search latency: ``search.search_page(store, q)`` (what ``/search`` calls) over the catalog, 10k
and 100k films, on SQLite and PostgreSQL, beside a raw full-text query on the same data.

The data: the open catalog (3,200 films), the demo guides, the fixtures and the seed article,
plus synthetic films up to the scale (titles from word lists, years, directors, a short body of
text), generated deterministically and stored in bulk through :meth:`Store.load_catalog` (films,
directors as people and credits, and their search entries, written by the same code and kept in
the same index as the app's), their bodies then written into ``search_docs`` in one statement,
which the index's own triggers (SQLite) or generated column (PostgreSQL) take up.

The queries: a mix of what readers type (exact titles, prefixes while typing, names,
misspellings, several words, queries that find nothing, and a few real ones such as "leavng las
vegas"), drawn deterministically from the data. Each is timed end to end after a warm-up pass;
p50, p95 and p99 are the medians over :data:`RUNS` passes.

The reference, in the same run on the same database: a raw FTS5 ``MATCH`` of the same words
ranked by ``bm25`` (``sqlite3``), or a raw ``tsquery`` ranked by ``ts_rank_cd`` (``psycopg``),
top 20 ids, no snippets, no names, no fuzzy matching.
"""

from __future__ import annotations

import os
import random
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.common import FIXTURES, SEED
from filmguide import importer, search
from filmguide.catalog import CatalogFilm
from filmguide.slugs import slugify_title
from filmguide.store import Store
from filmguide.store.search.postgres import tsquery_text
from filmguide.store.search.query import query_terms
from filmguide.store.search.sqlite import fts5_match

#: Scales: total films in the store (``None``: the catalog and the guides alone).
SCALES: list[tuple[str, int | None]] = [("catalog", None), ("10k", 10_000), ("100k", 100_000)]
#: PostgreSQL up to this many films: every scale (the build of 100k takes about a minute on 2 cores;
#: FILMGUIDE_BENCH_PG_MAX=10000 leaves it out of a quicker run).
PG_MAX = int(os.environ.get("FILMGUIDE_BENCH_PG_MAX", "100000"))
PG_URL = os.environ.get("FILMGUIDE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
QUERIES = 400
WARMUP = 1
RUNS = 3
TARGETS_MS = {"catalog": 5.0, "100k": 20.0}
SEED_RANDOM = 20261125


# --- the synthetic films ---------------------------------------------------------------------

_ADJECTIVES = [
    "silent",
    "last",
    "broken",
    "hidden",
    "golden",
    "dark",
    "lonely",
    "wild",
    "bitter",
    "crimson",
    "endless",
    "lost",
    "secret",
    "quiet",
    "burning",
    "frozen",
    "savage",
    "gentle",
    "hollow",
    "restless",
    "distant",
    "sweet",
    "little",
    "great",
    "final",
    "northern",
    "southern",
    "electric",
    "velvet",
    "iron",
    "paper",
    "glass",
    "midnight",
    "summer",
    "winter",
    "autumn",
    "spring",
    "empty",
    "forgotten",
    "shining",
    "wicked",
    "tender",
    "strange",
    "perfect",
    "eternal",
]
_NOUNS = [
    "river",
    "city",
    "heart",
    "road",
    "garden",
    "mirror",
    "kingdom",
    "shadow",
    "promise",
    "harbor",
    "station",
    "letter",
    "dream",
    "stranger",
    "island",
    "desert",
    "mountain",
    "window",
    "horizon",
    "machine",
    "witness",
    "journey",
    "empire",
    "storm",
    "silence",
    "country",
    "season",
    "village",
    "bridge",
    "forest",
    "ocean",
    "highway",
    "carnival",
    "orchestra",
    "detective",
    "daughter",
    "brother",
    "widow",
    "soldier",
    "painter",
    "gambler",
    "dancer",
    "preacher",
    "sheriff",
    "pilot",
    "thief",
    "fortune",
    "memory",
    "ghost",
    "angel",
    "border",
    "frontier",
    "lighthouse",
    "symphony",
]
_PLACES = [
    "Vegas",
    "Paris",
    "Brooklyn",
    "Tokyo",
    "Havana",
    "Marseille",
    "Memphis",
    "Dublin",
    "Lisbon",
    "Calcutta",
    "Chicago",
    "Oslo",
    "Berlin",
    "Montana",
    "Texas",
    "Naples",
    "Cairo",
    "Alaska",
    "Harlem",
    "Bombay",
    "Sicily",
    "Manhattan",
    "Vienna",
    "Tangier",
]
_FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elena",
    "Frank",
    "Grace",
    "Henry",
    "Irene",
    "Jack",
    "Karen",
    "Louis",
    "Maria",
    "Nathan",
    "Olga",
    "Peter",
    "Quentin",
    "Rosa",
    "Samuel",
    "Teresa",
    "Ulrich",
    "Vera",
    "Walter",
    "Xavier",
    "Yvonne",
    "Zoltan",
    "Agnes",
    "Bruno",
    "Celine",
    "Dmitri",
    "Esther",
    "Felix",
    "Gloria",
    "Hugo",
    "Ingrid",
    "Jonas",
    "Klara",
    "Leon",
    "Mona",
    "Niels",
    "Oscar",
    "Paula",
    "Rafael",
    "Sofia",
    "Tomas",
]
_LAST = [
    "Abbott",
    "Barlow",
    "Castellano",
    "Dunmore",
    "Eriksen",
    "Fairbanks",
    "Galloway",
    "Hartigan",
    "Ingram",
    "Jablonski",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Pellegrini",
    "Quinlan",
    "Rasmussen",
    "Sandoval",
    "Tanaka",
    "Underwood",
    "Valentine",
    "Whitaker",
    "Yamamoto",
    "Zielinski",
    "Ashworth",
    "Bellamy",
    "Carrington",
    "Delacroix",
    "Esposito",
    "Fontaine",
    "Gallagher",
    "Holloway",
    "Iversen",
    "Jovanovic",
    "Kerrigan",
    "Lombardi",
    "Marchetti",
    "Nakamura",
    "Oyelaran",
    "Pemberton",
    "Rossellini",
    "Stavros",
    "Thornton",
    "Vasquez",
    "Wexley",
]
_GENRES = ("Drama", "Comedy", "Thriller/Suspense", "Adventure", "Horror", "Romantic Comedy", "Western")


def _title(rng: random.Random) -> str:
    adj, noun, noun2 = rng.choice(_ADJECTIVES), rng.choice(_NOUNS), rng.choice(_NOUNS)
    place, person = rng.choice(_PLACES), rng.choice(_FIRST)
    pattern = rng.randrange(8)
    if pattern == 0:
        return f"The {adj.title()} {noun.title()}"
    if pattern == 1:
        return f"{noun.title()} of {place}"
    if pattern == 2:
        return f"{person}'s {noun.title()}"
    if pattern == 3:
        return f"{adj.title()} {noun.title()} in {place}"
    if pattern == 4:
        return f"The {noun.title()} and the {noun2.title()}"
    if pattern == 5:
        return f"{adj.title()} {noun.title()}"
    if pattern == 6:
        return f"A {noun.title()} for {person}"
    return f"{noun.title()} {rng.randrange(2, 5)}: {adj.title()} {noun2.title()}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _body(rng: random.Random, title: str, year: int) -> str:
    return "\n".join(
        [
            f"{title} is a {rng.choice(_GENRES).lower()} from {year} about a "
            f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} and a {rng.choice(_NOUNS)} in "
            f"{rng.choice(_PLACES)}.",
            f"Starring {_person(rng)} and {_person(rng)}, with music by {_person(rng)}.",
            f"Watch for the {rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} scene.",
        ]
    )


@dataclass(frozen=True)
class Synthetic:
    """Films to add, and the body of text each gets (by slug)."""

    films: list[CatalogFilm]
    bodies: dict[str, str]


def synthetic_films(count: int, taken: set[str], seed: int = SEED_RANDOM) -> Synthetic:
    """``count`` plausible films with slugs not in ``taken``, the same for the same arguments."""
    rng = random.Random(seed)
    films: list[CatalogFilm] = []
    bodies: dict[str, str] = {}
    directors = [_person(rng) for _ in range(max(50, count // 20))]
    seen = set(taken)
    while len(films) < count:
        title, year = _title(rng), rng.randrange(1920, 2026)
        slug = f"{slugify_title(title)}-{year}"
        n = 2
        while slug in seen:
            slug, n = f"{slugify_title(title)}-{year}-{n}", n + 1
        seen.add(slug)
        crew = [rng.choice(directors)] if rng.random() < 0.9 else rng.sample(directors, 2)
        films.append(
            CatalogFilm(slug=slug, title=title, year=year, directors=crew, genre=rng.choice(_GENRES))
        )
        bodies[slug] = _body(rng, title, year)
    return Synthetic(films, bodies)


def build(store: Store, total: int | None) -> tuple[float, int]:
    """Fill an empty store: the catalog and guides, then synthetic films up to ``total``.

    Returns (seconds spent on the synthetic films, how many were added).
    """
    importer.bootstrap(store, similar=False)
    sources = [importer.DEMO_DIR, FIXTURES / "articles", SEED]
    importer.import_paths(store, [p for p in sources if p.exists()], progress=False)
    have = store.film_count()
    if total is None or total <= have:
        return 0.0, 0
    synthetic = synthetic_films(total - have, {f.slug for f in store.catalog_films()})
    started = time.perf_counter()
    store.load_catalog(synthetic.films)
    _write_bodies(store, synthetic.bodies)
    return time.perf_counter() - started, len(synthetic.films)


def _write_bodies(store: Store, bodies: dict[str, str]) -> None:
    from sqlalchemy import bindparam, select, update

    from filmguide.store.schema import films, search_docs
    from filmguide.store.search.index import bump

    with store.engine.begin() as conn:
        ids = {slug: film_id for slug, film_id in conn.execute(select(films.c.slug, films.c.id))}
        statement = (
            update(search_docs)
            .where(search_docs.c.film_id == bindparam("b_id"))
            .values(body=bindparam("b_body"))
        )
        rows = [{"b_id": ids[slug], "b_body": body} for slug, body in bodies.items() if slug in ids]
        for start in range(0, len(rows), 5000):
            conn.execute(statement, rows[start : start + 5000])
        bump(conn)


# --- the queries -----------------------------------------------------------------------------

#: Real queries of the catalog and guides, typos among them.
REAL = [
    "leaving las vegas",
    "leavng las vegas",
    "leav",
    "figis",
    "mike figgis",
    "nicolas cage",
    "casablanca",
    "the godfather",
    "godfa",
    "requim for a dream",
    "schindlers list",
    "amelie",
    "spielberg",
    "star wars",
    "midnight cowboy",
    "the",
    "love",
]


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return text + "e"
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        w = w[:j] + w[j + 1 :]  # a letter left out
    elif kind == 1:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]  # two letters swapped
    else:
        w = w[:j] + rng.choice("aeioulnrst") + w[j + 1 :]  # a letter mistyped
    words[i] = w
    return " ".join(words)


def query_mix(titles: Sequence[str], names: Sequence[str], count: int, seed: int = SEED_RANDOM) -> list[str]:
    """``count`` queries as readers type them, drawn from the stored titles and names."""
    rng = random.Random(seed)
    kinds: list[Callable[[], str]] = [
        lambda: rng.choice(titles).lower(),  # an exact title
        lambda: rng.choice(titles)[: rng.randrange(2, 9)].lower().rstrip(),  # typing
        lambda: rng.choice(titles)[: rng.randrange(9, 16)].lower().rstrip(),
        lambda: rng.choice(names),  # a name
        lambda: rng.choice(names).split()[-1],  # a surname
        lambda: _typo(rng, rng.choice(titles).lower()),  # a misspelt title
        lambda: _typo(rng, rng.choice(names)),  # a misspelt name
        lambda: f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}",  # words
        lambda: f"{rng.choice(_NOUNS)} {rng.choice(_PLACES).lower()} {rng.choice(_NOUNS)}",
        lambda: "".join(rng.choice("bcdfghjkmnpqvwxz") for _ in range(rng.randrange(4, 9))),  # nothing
        lambda: rng.choice(REAL),
    ]
    weights = [12, 10, 8, 10, 5, 10, 6, 8, 5, 10, 16]
    return [rng.choices(kinds, weights)[0]() for _ in range(count)]


def _titles_and_names(store: Store) -> tuple[list[str], list[str]]:
    titles = sorted(f.title for f in store.catalog_films())
    names = sorted({p.name for p in store.people()})
    return titles, names


# --- timing ----------------------------------------------------------------------------------


def _percentiles(values_ms: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values_ms, n=100, method="inclusive")
    return statistics.median(values_ms), cuts[94], cuts[98]


def _time_ms(action: Callable[[str], object], query: str) -> float:
    started = time.perf_counter()
    action(query)
    return (time.perf_counter() - started) * 1000


def measure(action: Callable[[str], object], queries: Sequence[str]) -> tuple[float, float, float]:
    """Median over :data:`RUNS` passes of each pass's (p50, p95, p99), in ms, after warm-up."""
    for _ in range(WARMUP):
        for q in queries:
            action(q)
    passes = []
    for _ in range(RUNS):
        passes.append(_percentiles([_time_ms(action, q) for q in queries]))
    return (
        statistics.median(p[0] for p in passes),
        statistics.median(p[1] for p in passes),
        statistics.median(p[2] for p in passes),
    )


def _raw_sqlite(path: str) -> Callable[[str], object]:
    conn = sqlite3.connect(path, check_same_thread=False)

    def run(query: str) -> object:
        terms = query_terms(query)
        if not terms:
            return []
        return conn.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 10.0, 4.0, 1.0)"
            " LIMIT 20",
            (fts5_match(terms),),
        ).fetchall()

    return run


def _raw_postgres(url: str) -> Callable[[str], object]:
    import psycopg

    conn = psycopg.connect(url, autocommit=True)

    def run(query: str) -> object:
        terms = query_terms(query)
        if not terms:
            return []
        return conn.execute(
            "SELECT film_id FROM search_docs, to_tsquery('filmguide_search', %s) AS q WHERE vector @@ q"
            " ORDER BY ts_rank_cd('{0.05, 0.1, 0.4, 1.0}', vector, q) DESC LIMIT 20",
            (tsquery_text(terms),),
        ).fetchall()

    return run


@contextmanager
def _postgres_database() -> Iterator[str | None]:
    """A new PostgreSQL database for one scale (``None`` if no server answers); dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    base = make_url(PG_URL).set(drivername="postgresql+psycopg")
    name = f"filmguide_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        admin.dispose()
        yield None
        return
    try:
        yield base.set(database=name, drivername="postgresql").render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class Row:
    backend: str
    scale: str
    films: int
    build_s: float
    app: tuple[float, float, float]
    raw: tuple[float, float, float]
    fuzzy_share: float


def _bench_store(backend: str, scale: str, url: str, total: int | None, raw_url: str) -> Row:
    store = Store.open(url)
    try:
        build_s, _added = build(store, total)
        titles, names = _titles_and_names(store)
        queries = query_mix(titles, names, QUERIES)
        fuzzy = sum(1 for q in queries if search.search_page(store, q)["fuzzy"]) / len(queries)
        app = measure(lambda q: search.search_page(store, q), queries)
        raw_run = _raw_sqlite(raw_url) if backend == "SQLite" else _raw_postgres(raw_url)
        raw = measure(raw_run, queries)
        return Row(backend, scale, store.film_count(), build_s, app, raw, fuzzy)
    finally:
        store.close()


def collect(scales: Sequence[tuple[str, int | None]] = SCALES, postgres: bool = True) -> list[Row]:
    rows = []
    for scale, total in scales:
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "search.db")
            rows.append(_bench_store("SQLite", scale, f"sqlite:///{path}", total, path))
            print(f"bench_search: SQLite {scale} done", file=sys.stderr)
        if postgres and (total or 0) <= PG_MAX:
            with _postgres_database() as url:
                if url is not None:
                    rows.append(_bench_store("PostgreSQL", scale, url, total, url))
                    print(f"bench_search: PostgreSQL {scale} done", file=sys.stderr)
    return rows


def run() -> tuple[str, list[Row]]:
    """Returns the section's Markdown and its rows."""
    rows = collect()
    lines = [
        "## Search latency (issues: performance, scale-out)",
        "",
        f"`search.search_page(store, q)` (what `/search` answers with) over {QUERIES} queries "
        "drawn from the data (exact titles, prefixes while typing, names, misspellings, several "
        "words, no hits, real queries such as “leavng las vegas”), after a warm-up pass; p50/p95/p99 "
        f"are medians over {RUNS} passes. Reference: a raw FTS5 `MATCH` ranked by `bm25` "
        "(SQLite) or a raw `tsquery` ranked by `ts_rank_cd` (PostgreSQL) of the same words on the "
        "same database, top 20 ids. Synthetic films are added in bulk through the store's "
        "catalog load (the app's own index). See docs/search.md.",
        "",
        "| back end | scale | films | p50 | p95 | p99 | raw p50 | raw p95 | p95 ratio | fuzzy queries | "
        "synthetic build |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.backend} | {r.scale} | {r.films:,} | {r.app[0]:.2f} ms | {r.app[1]:.2f} ms | "
            f"{r.app[2]:.2f} ms | {r.raw[0]:.2f} ms | {r.raw[1]:.2f} ms | {r.app[1] / r.raw[1]:.1f} | "
            f"{r.fuzzy_share:.0%} | {r.build_s:.1f} s |"
        )
    verdicts = []
    for scale, target in TARGETS_MS.items():
        for r in rows:
            if r.scale == scale:
                met = "met" if r.app[1] <= target else "NOT met"
                verdicts.append(f"{r.backend} {scale} p95 ≤ {target:g} ms: **{met}** ({r.app[1]:.2f} ms)")
    lines += ["", "Targets (performance issue): " + "; ".join(verdicts) + "."]
    return "\n".join(lines), rows


def main(argv: list[str]) -> None:
    """``python -m bench.bench_search [catalog|10k|100k ...] [--no-pg]``: a quick look at some scales."""
    wanted = [a for a in argv if not a.startswith("--")]
    scales = [s for s in SCALES if not wanted or s[0] in wanted]
    for r in collect(scales, postgres="--no-pg" not in argv):
        print(
            f"{r.backend:10} {r.scale:8} {r.films:>7,} films: p50 {r.app[0]:.2f} p95 {r.app[1]:.2f} "
            f"p99 {r.app[2]:.2f} ms | raw p50 {r.raw[0]:.2f} p95 {r.raw[1]:.2f} ms | "
            f"fuzzy {r.fuzzy_share:.0%} | build {r.build_s:.1f} s"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
