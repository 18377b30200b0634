"""Film page throughput: ``filmguide serve`` against the same bytes served by nginx, same run.

wrk with 64 connections for a few seconds against each; the page is the demo's Leaving Las Vegas,
with view counting on (every GET of the HTML page records a view). nginx serves the exact bytes
the site rendered, from files, as a static export would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import median

DURATION_S = 8
CONNECTIONS = 64
RUNS = 3
SLUG = "leaving-las-vegas"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def _wrk(url: str) -> tuple[float, float]:
    """(requests per second, p99 latency in ms) of one wrk run."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99_text = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out)
    assert p99_text is not None, out
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99_text.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert errors is None, f"errors from {url}: {errors.group(1)}"
    return rate, float(p99_text.group(1)) * scale


def _nginx(root: Path, port: int, work: Path) -> subprocess.Popen[bytes]:
    conf = work / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
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
    return subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    if shutil.which("nginx") is None or shutil.which("wrk") is None:
        raise RuntimeError("bench_web needs nginx and wrk: apt-get install nginx wrk")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers drop root and must read the files
        database = work / "site.db"
        site_port, nginx_port = _free_port(), _free_port()
        env = {**os.environ, "FILMGUIDE_DB": str(database)}
        server = subprocess.Popen(
            [sys.executable, "-m", "filmguide", "serve", "--port", str(site_port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{site_port}"
            _wait(f"{base}/healthz")
            root = work / "www"
            (root / "films" / SLUG).mkdir(parents=True)
            for path, target in (
                (f"/films/{SLUG}", root / "films" / SLUG / "index.html"),
                (f"/films/{SLUG}.json", root / "films" / f"{SLUG}.json"),
            ):
                with urllib.request.urlopen(base + path) as response:
                    target.write_bytes(response.read())
            page_bytes = (root / "films" / SLUG / "index.html").stat().st_size
            nginx = _nginx(root, nginx_port, work)
            try:
                _wait(f"http://127.0.0.1:{nginx_port}/films/{SLUG}/")
                results = {}
                for name, url in (
                    ("nginx page", f"http://127.0.0.1:{nginx_port}/films/{SLUG}/"),
                    ("site page", f"{base}/films/{SLUG}"),
                    ("nginx json", f"http://127.0.0.1:{nginx_port}/films/{SLUG}.json"),
                    ("site json", f"{base}/films/{SLUG}.json"),
                ):
                    runs = [_wrk(url) for _ in range(RUNS)]
                    results[name] = (median([r[0] for r in runs]), median([r[1] for r in runs]))
            finally:
                nginx.send_signal(signal.SIGQUIT)
                nginx.wait(timeout=10)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)

    page_ratio = results["site page"][0] / results["nginx page"][0]
    json_ratio = results["site json"][0] / results["nginx json"][0]
    rows = [
        ("film page (requests/s)", results["site page"][0], "nginx, same bytes", results["nginx page"][0]),
        (
            "film page .json (requests/s)",
            results["site json"][0],
            "nginx, same bytes",
            results["nginx json"][0],
        ),
    ]
    lines = [
        "## Film page throughput (issues: website, performance)",
        "",
        f"`filmguide serve --workers 2` (SQLite, view counting on) against nginx serving the same "
        f"bytes ({page_bytes:,} bytes of HTML) from files, in the same run on the same 2 cores; wrk "
        f"`-t2 -c{CONNECTIONS} -d{DURATION_S}s`, no compression, median of {RUNS} runs.",
        "",
        "| what | filmguide | nginx | ratio | filmguide p99 | nginx p99 |",
        "|---|---:|---:|---:|---:|---:|",
        f"| film page | {results['site page'][0]:,.0f}/s | {results['nginx page'][0]:,.0f}/s | "
        f"{page_ratio:.3f} | {results['site page'][1]:.1f} ms | {results['nginx page'][1]:.1f} ms |",
        f"| film page .json | {results['site json'][0]:,.0f}/s | {results['nginx json'][0]:,.0f}/s | "
        f"{json_ratio:.3f} | {results['site json'][1]:.1f} ms | {results['nginx json'][1]:.1f} ms |",
        "",
        "Targets (performance issue): page ≥ 0.5 of nginx with p99 ≤ 10 ms; `.json` ≥ 0.4 of nginx.",
    ]
    return "\n".join(lines), rows
