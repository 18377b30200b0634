"""Search through HTTP: distinct queries to ``/search.json`` of a running ``filmguide serve``, on
SQLite and on PostgreSQL, in the same run.

Both databases hold the same data (the catalog and the guides, built by
:func:`bench.bench_search.build`); a ``filmguide serve`` runs on each. The queries are the search
bench's mix (:func:`bench.bench_search.query_mix`), each sent once (no page cache can answer
them), a first set to warm both servers up and another to measure. The client sends them one at
a time on one kept-alive connection per server, taking turns between the two servers query by
query (which server goes first alternates), so that both see the same load from the rest of the
machine. Each request is timed from its send to the last byte of its answer.

The load generator's own CPU time over the measure is reported as a share of one core: a client
that used most of a core would have been part of what was measured.
"""

from __future__ import annotations

import http.client
import statistics
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bench.bench_search import _postgres_database, _titles_and_names, build, query_mix
from bench.bench_web import serve
from filmguide.store import Store

#: Queries measured, and queries sent first to warm the servers up (none of them measured).
QUERIES = 400
WARMUP = 100
#: Targets (issue 22): PostgreSQL p95 at most this, and at most this many times SQLite's.
TARGET_P95_MS = 10.0
TARGET_RATIO = 2.0


@dataclass(frozen=True)
class Timings:
    backend: str
    p50: float
    p95: float
    p99: float
    errors: int


def _distinct_queries(store: Store, count: int) -> list[str]:
    """``count`` different queries of the search bench's mix, in its order."""
    titles, names = _titles_and_names(store)
    return list(dict.fromkeys(q for q in query_mix(titles, names, count * 3) if q.strip()))[:count]


def _get(conn: http.client.HTTPConnection, query: str) -> tuple[float, int]:
    path = "/search.json?" + urllib.parse.urlencode({"q": query})
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94], cuts[98]


def measure(bases: dict[str, str], warmup: list[str], queries: list[str]) -> tuple[list[Timings], float]:
    """Per back end, the p50/p95/p99 of ``queries`` (after ``warmup``), and the client's CPU
    share of one core while measuring."""
    conns = {
        name: http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc) for name, base in bases.items()
    }
    order = list(conns)
    for query in warmup:
        for name in order:
            _get(conns[name], query)
    times: dict[str, list[float]] = {name: [] for name in order}
    errors = dict.fromkeys(order, 0)
    cpu, wall = time.process_time(), time.perf_counter()
    for n, query in enumerate(queries):
        for name in order if n % 2 == 0 else reversed(order):
            elapsed, status = _get(conns[name], query)
            times[name].append(elapsed)
            errors[name] += status != 200
    share = (time.process_time() - cpu) / (time.perf_counter() - wall)
    for conn in conns.values():
        conn.close()
    return [Timings(name, *_percentiles(times[name]), errors[name]) for name in order], share


def collect() -> tuple[list[Timings], float, int]:
    """The timings of both back ends, the client's CPU share and the films in each database."""
    with tempfile.TemporaryDirectory() as tmp, _postgres_database() as pg_url:
        if pg_url is None:
            raise RuntimeError("bench_search_http: no PostgreSQL server answers")
        sqlite_path = str(Path(tmp) / "search.db")
        films = 0
        for url in (f"sqlite:///{sqlite_path}", pg_url):
            store = Store.open(url)
            try:
                build(store, None)
                films = store.film_count()
                queries = _distinct_queries(store, WARMUP + QUERIES)
            finally:
                store.close()
        with serve(sqlite_path) as (sqlite_base, _), serve(pg_url) as (pg_base, _):
            bases = {"SQLite": sqlite_base, "PostgreSQL": pg_base}
            timings, share = measure(bases, queries[:WARMUP], queries[WARMUP:])
        return timings, share, films


def run() -> tuple[str, list[Timings]]:
    """Returns the section's Markdown and its rows."""
    timings, share, films = collect()
    by = {t.backend: t for t in timings}
    ratio = by["PostgreSQL"].p95 / by["SQLite"].p95
    lines = [
        "## Search through HTTP (issue 22: PostgreSQL search on par)",
        "",
        f"{QUERIES} distinct queries (the search bench's mix, each sent once) to `/search.json` of a "
        f"`filmguide serve` on each back end, {films:,} films (the catalog and the guides), after "
        f"{WARMUP} other queries to warm up; one client, one kept-alive connection per server, the "
        "two servers taking turns query by query, so that both see the same load. Time from the "
        "request's send to the answer's last byte. See docs/search.md.",
        "",
        "| back end | p50 | p95 | p99 | non-200 | p95 ratio to SQLite |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        lines.append(
            f"| {t.backend} | {t.p50:.2f} ms | {t.p95:.2f} ms | {t.p99:.2f} ms | {t.errors} | "
            f"{t.p95 / by['SQLite'].p95:.2f} |"
        )
    pg = by["PostgreSQL"]
    met_p95 = "met" if pg.p95 <= TARGET_P95_MS else "NOT met"
    met_ratio = "met" if ratio <= TARGET_RATIO else "NOT met"
    lines += [
        "",
        f"The load generator used {share:.0%} of one core while measuring.",
        "",
        f"Targets (issue 22): PostgreSQL p95 ≤ {TARGET_P95_MS:g} ms: **{met_p95}** ({pg.p95:.2f} ms); "
        f"within {TARGET_RATIO:g}× of SQLite: **{met_ratio}** ({ratio:.2f}×).",
    ]
    return "\n".join(lines), timings


def main() -> None:
    """``python -m bench.bench_search_http``: the section, printed."""
    markdown, _ = run()
    print(markdown)


if __name__ == "__main__":
    main()
