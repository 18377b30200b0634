"""The film page through nginx ``proxy_cache`` in front of ``filmguide serve``, against nginx
serving the static export's file of the same page, in the same run (target: ≥ 0.8).

The cache is docs/deploy.md's documented configuration (the ``nginx`` block marked
``filmguide-proxy-cache``), with only ``listen``, the cache's folder and the upstream's port
changed; the static reference is nginx with ``root`` on a fresh ``filmguide export`` of the same
database. Both nginx run with the same worker count. wrk (``-t2 -c64``) loads each in turn; beside
each figure is how much CPU wrk itself used (its CPU time over the wall time, from the kernel's
accounting of the child): at close to the machine's core count, the load generator, not the
server, set the pace, and the ratio says little.
"""

from __future__ import annotations

import os
import re
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
from bench.bench_web import serve
from bench.common import ROOT, free_port, wait_until_ok

DURATION_S = 8
CONNECTIONS = 64
RUNS = 3
WORKERS = 2
SLUG = "leaving-las-vegas"
TARGET = 0.8
DEPLOY = ROOT / "docs" / "deploy.md"


def wrk(url: str) -> tuple[float, float, float]:
    """(requests per second, p99 in ms, wrk's CPU seconds per wall second) of one run; any error
    response or socket error fails it."""
    load = common.wrk(url, connections=CONNECTIONS, duration=DURATION_S, socket_errors_fail=True)
    return load.rate, load.p99_ms, load.cpu


def documented_cache_config() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    found = [block for block in blocks if "filmguide-proxy-cache" in block]
    if len(found) != 1:
        raise RuntimeError("docs/deploy.md has no nginx block marked filmguide-proxy-cache")
    return str(found[0])


@contextmanager
def nginx(work: Path, name: str, server: str) -> Iterator[None]:
    folder = work / name
    (folder / "temp").mkdir(parents=True)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""worker_processes {WORKERS};
error_log {folder}/error.log;
pid {folder}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  types {{ text/html html; application/json json; }}
  client_body_temp_path {folder}/temp; proxy_temp_path {folder}/temp;
  fastcgi_temp_path {folder}/temp; uwsgi_temp_path {folder}/temp; scgi_temp_path {folder}/temp;
{server}
}}
"""
    )
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])
    try:
        yield
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)


def _size(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url) as response:
        return len(response.read()), response.headers.get("X-Cache-Status", "")


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    from filmguide import importer
    from filmguide.export import export_site
    from filmguide.store import Store

    results: dict[str, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers drop root and must read the files
        database = str(work / "site.db")
        store = Store.open(database)
        try:
            importer.bootstrap(store, similar=False)
            importer.import_paths(store, [importer.DEMO_DIR])
            importer.refresh_similar(store)
            export_site(store, work / "site", workers=WORKERS)
        finally:
            store.close()
        static_port, cache_port = free_port(), free_port()
        static = (
            f"server {{ listen 127.0.0.1:{static_port}; root {work / 'site'};\n"
            "  location / { try_files $uri $uri/ =404; } }"
        )
        with serve(database, env={"FILMGUIDE_S_MAXAGE": "60"}, ready_seconds=180.0) as (base, _):
            upstream = base.rsplit(":", 1)[1]
            cache = documented_cache_config().replace("listen 80;", f"listen 127.0.0.1:{cache_port};")
            cache = cache.replace("/var/cache/nginx/filmguide ", f"{work / 'cache'} ")
            cache = cache.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
            with nginx(work, "static", static), nginx(work, "cache", cache):
                static_url = f"http://127.0.0.1:{static_port}/films/{SLUG}/"
                cache_url = f"http://127.0.0.1:{cache_port}/films/{SLUG}"
                wait_until_ok(static_url, 60.0)
                wait_until_ok(cache_url, 60.0)
                static_bytes, _ = _size(static_url)
                cache_bytes, status = _size(cache_url)
                assert status == "HIT", f"the page was not kept by the cache ({status})"
                runs: dict[str, list[tuple[float, float, float]]] = {"static": [], "cache": []}
                for _ in range(RUNS):  # alternated, so a slow spell of the machine hits both
                    runs["static"].append(wrk(static_url))
                    runs["cache"].append(wrk(cache_url))
                for name, found in runs.items():
                    results[name] = (
                        median(r[0] for r in found),
                        median(r[1] for r in found),
                        median(r[2] for r in found),
                    )
    ratio = results["cache"][0] / results["static"][0]

    def row(name: str, label: str) -> str:
        rate, p99, cpu = results[name]
        return f"| {label} | {rate:,.0f}/s | {p99:.1f} ms | {cpu:.2f} | {rate / results['static'][0]:.3f} |"

    cores = os.cpu_count() or 1
    lines = [
        "## Film page through nginx proxy_cache (issue: past one server)",
        "",
        f"nginx `proxy_cache` (docs/deploy.md's configuration) in front of `filmguide serve --workers "
        f"{WORKERS}`, against nginx serving the static export's file of the same page, both nginx with "
        f"{WORKERS} workers, in the same run on the same {cores} cores; wrk `-t2 -c{CONNECTIONS} "
        f"-d{DURATION_S}s`, no compression, runs alternated, median of {RUNS}. The page: "
        f"{cache_bytes:,} bytes through the cache, {static_bytes:,} bytes as exported (relative links). "
        '"wrk CPU" is wrk\'s CPU time over the wall time: near the core count, the load generator '
        "set the pace.",
        "",
        "| what | requests/s | p99 | wrk CPU (cores) | ratio |",
        "|---|---:|---:|---:|---:|",
        row("static", "nginx, the exported file (reference)"),
        row("cache", "**nginx proxy_cache, film page**"),
        "",
        f"Ratio {ratio:.2f} (target ≥ {TARGET}).",
    ]
    return "\n".join(lines), [
        ("film page via proxy_cache (requests/s)", results["cache"][0], "nginx static", ratio)
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(run()[0])
