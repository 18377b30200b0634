"""Film page throughput: ``filmguide serve`` against the same bytes served by nginx and by a bare
Python ASGI app, same run; on SQLite and on PostgreSQL; with 3.2k and 100k films; and the memory of
one serve worker.

wrk with 64 connections for a few seconds against each; the page is the demo's Leaving Las Vegas,
with view counting on (every GET of the HTML page counts a view). nginx serves the exact bytes the
site rendered, from files, as a static export would; the bare ASGI app (bench/asgi_reference.py)
returns them from memory under the same granian setup as ``filmguide serve``: the Python ceiling.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import median

from bench import common
from bench.common import ROOT, free_port, wait_until_ok

DURATION_S = 8
CONNECTIONS = 64
RUNS = 3
WORKERS = 2
SLUG = "leaving-las-vegas"
PG_ADMIN = os.environ.get("FILMGUIDE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
#: Films in the larger databases (the catalog's 3,200 plus synthetic ones).
SIZES = (1_000, 10_000, 100_000)


def wrk(url: str, *, connections: int = CONNECTIONS, duration: int = DURATION_S) -> tuple[float, float]:
    """(requests per second, p99 latency in ms) of one wrk run; any non-2xx response fails it."""
    load = common.wrk(url, connections=connections, duration=duration)
    return load.rate, load.p99_ms


def measure(url: str) -> tuple[float, float]:
    """Median requests/s and median p99 of :data:`RUNS` runs."""
    runs = [wrk(url) for _ in range(RUNS)]
    return median(r[0] for r in runs), median(r[1] for r in runs)


@contextmanager
def nginx(root: Path, work: Path) -> Iterator[str]:
    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(
        f"""worker_processes {WORKERS};
error_log {work}/error.log;
pid {work}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  types {{ text/html html; application/json json; }}
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
"""
    )
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{base}/films/{SLUG}/", 120.0)
        yield base
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)


@contextmanager
def serve(
    database: str,
    *,
    env: dict[str, str] | None = None,
    ready_seconds: float = 120.0,
    workers: int = WORKERS,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``filmguide serve`` with ``workers`` workers on ``database``; ``env`` adds to (or
    overrides) the environment, such as settings or a ``PYTHONPATH`` of other code."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "filmguide", "serve", "--port", str(port), "--workers", str(workers)],
        env={**os.environ, "FILMGUIDE_DB": database, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{base}/healthz", ready_seconds)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


@contextmanager
def reference(body: Path, media_type: str) -> Iterator[str]:
    """The bare ASGI app serving ``body`` from memory, granian set up as ``filmguide serve`` is."""
    port = free_port()
    env = {**os.environ, "REFERENCE_BODY": str(body), "REFERENCE_TYPE": media_type}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "granian", "--interface", "asgi", "bench.asgi_reference:app",
            "--port", str(port), "--workers", str(WORKERS), "--loop", "uvloop", "--http", "1",
            "--no-ws", "--log-level", "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{base}/", 120.0)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def worker_rss_mb(server: subprocess.Popen[bytes]) -> list[float]:
    """Resident memory of each worker process under ``server`` (granian's children), in MB."""
    found = []
    for child in _descendants(server.pid):
        status = Path(f"/proc/{child}/status").read_text()
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        if b"multiprocessing" in cmdline and b"resource_tracker" in cmdline:
            continue
        rss = re.search(r"VmRSS:\s+(\d+) kB", status)
        if rss:
            found.append(int(rss.group(1)) / 1024)
    return found


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = [int(c) for c in children]
    for child in list(found):
        found.extend(_descendants(child))
    return found


@contextmanager
def postgres_database() -> Iterator[str]:
    """A scratch PostgreSQL database for the run, dropped afterwards."""
    import psycopg

    name = f"filmguide_bench_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def large_database(path: Path, size: int) -> str:
    """A SQLite database of ``size`` films: the demo guides, then the catalog, then synthetic films."""
    from filmguide import importer
    from filmguide.catalog import CatalogFilm
    from filmguide.store import Store

    store = Store.open(str(path))
    try:
        importer.bootstrap(store, similar=False)
        importer.import_paths(store, [importer.DEMO_DIR])
        films = importer.load_catalog_file(None)[: size - 6]  # the demo's six guides count too
        extra = size - 6 - len(films)
        films += [
            CatalogFilm(
                slug=f"synthetic-film-{n}",
                title=f"Synthetic Film {n}",
                year=1930 + n % 90,
                directors=[f"Director {n % 7919}"],
                genre=("Drama", "Comedy", "Thriller", "Western")[n % 4],
                imdb_rating=round(1 + (n % 90) / 10, 1),
            )
            for n in range(extra)
        ]
        store.load_catalog(films)  # no similar lists: sklearn over 100k films is not this bench's
    finally:
        store.close()
    return films[len(films) // 2].slug  # a catalog film without a guide, from the middle


def save_pages(base: str, root: Path) -> dict[str, Path]:
    """The site's page and twin, saved where nginx finds them by their clean URLs."""
    (root / "films" / SLUG).mkdir(parents=True, exist_ok=True)
    saved = {"page": root / "films" / SLUG / "index.html", "json": root / "films" / f"{SLUG}.json"}
    for kind, target in saved.items():
        suffix = ".json" if kind == "json" else ""
        with urllib.request.urlopen(f"{base}/films/{SLUG}{suffix}") as response:
            target.write_bytes(response.read())
    return saved


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    if shutil.which("nginx") is None or shutil.which("wrk") is None:
        raise RuntimeError("bench_web needs nginx and wrk: apt-get install nginx wrk")
    results: dict[str, tuple[float, float]] = {}
    rss: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers drop root and must read the files
        root = work / "www"
        with serve(str(work / "site.db")) as (base, server):
            saved = save_pages(base, root)
            with nginx(root, work) as static:
                results["nginx page"] = measure(f"{static}/films/{SLUG}/")
                results["nginx json"] = measure(f"{static}/films/{SLUG}.json")
            results["site page"] = measure(f"{base}/films/{SLUG}")
            results["site json"] = measure(f"{base}/films/{SLUG}.json")
            rss = worker_rss_mb(server)
        with reference(saved["page"], "text/html; charset=utf-8") as bare:
            results["bare page"] = measure(f"{bare}/")
        with reference(saved["json"], "application/json") as bare:
            results["bare json"] = measure(f"{bare}/")
        with postgres_database() as url, serve(url) as (base, _):
            results["pg page"] = measure(f"{base}/films/{SLUG}")
            results["pg json"] = measure(f"{base}/films/{SLUG}.json")
        for size in SIZES:
            large = work / f"films-{size}.db"
            middle = large_database(large, size)
            with serve(str(large)) as (base, _):
                results[f"page {size}"] = measure(f"{base}/films/{SLUG}")
                results[f"catalog page {size}"] = measure(f"{base}/films/{middle}")
        page_bytes = saved["page"].stat().st_size

    def row(name: str, label: str, reference_name: str) -> str:
        rate, p99 = results[name]
        ref_rate, _ = results[reference_name]
        return f"| {label} | {rate:,.0f}/s | {p99:.1f} ms | {ref_rate:,.0f}/s | {rate / ref_rate:.3f} |"

    page_ratio = results["site page"][0] / results["nginx page"][0]
    json_ratio = results["site json"][0] / results["nginx json"][0]
    lines = [
        "## Film page throughput (issues: website, scale-out, performance)",
        "",
        f"`filmguide serve --workers {WORKERS}` (view counting on) against nginx serving the same "
        f"bytes ({page_bytes:,} bytes of HTML) from files, and against a bare Python ASGI app "
        "returning them from memory under the same granian setup (`bench/asgi_reference.py`), in the "
        f"same run on the same 2 cores; wrk `-t2 -c{CONNECTIONS} -d{DURATION_S}s`, no compression, "
        f"median of {RUNS} runs.",
        "",
        "| what | requests/s | p99 | reference | ratio |",
        "|---|---:|---:|---:|---:|",
        row("nginx page", "nginx, film page (reference)", "nginx page"),
        row("bare page", "bare ASGI app, same bytes", "nginx page"),
        row("site page", "**film page, SQLite**", "nginx page"),
        row("pg page", "film page, PostgreSQL", "nginx page"),
        *(row(f"page {size}", f"film page, SQLite with {size:,} films", "nginx page") for size in SIZES),
        *(
            row(f"catalog page {size}", f"a catalog film's page, SQLite with {size:,} films", "nginx page")
            for size in SIZES
        ),
        row("nginx json", "nginx, `.json` twin (reference)", "nginx json"),
        row("bare json", "bare ASGI app, same bytes", "nginx json"),
        row("site json", "**`.json` twin, SQLite**", "nginx json"),
        row("pg json", "`.json` twin, PostgreSQL", "nginx json"),
        "",
        f"Against the bare ASGI app (the Python ceiling): film page "
        f"{results['site page'][0] / results['bare page'][0]:.2f}, `.json` "
        f"{results['site json'][0] / results['bare json'][0]:.2f}.",
        "",
        "Memory of one serve worker after the SQLite runs (VmRSS): "
        + ", ".join(f"{mb:.0f} MB" for mb in rss)
        + " (target ≤ 150 MB).",
        "",
        "Targets (performance issue): page ≥ 0.5 of nginx with p99 ≤ 10 ms; `.json` ≥ 0.4 of nginx.",
    ]
    rows = [
        ("film page (requests/s)", results["site page"][0], "nginx, same bytes", page_ratio),
        ("film page .json (requests/s)", results["site json"][0], "nginx, same bytes", json_ratio),
    ]
    return "\n".join(lines), rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(run()[0])
