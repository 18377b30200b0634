"""Load while importing: 128 connections for 10 s on a film page, search, the share endpoint and
the view beacon of ``filmguide serve --workers 2`` (SQLite), each while a bulk ``filmguide import``
writes.

What must hold (issue: reliability): no 5xx and no socket errors; 429s on the share endpoint are
the rate limit at work and are reported on their own. Every request carries a browser user agent
and an ``X-Forwarded-For`` (`filmguide serve` trusts it from 127.0.0.1). The view-beacon run's
readers each have an address of their own, so each one's view is counted and written while the
import writes too: the views written after SIGTERM are compared with the readers whose beacon was
answered (nothing may be lost). The share run draws its readers from a small pool, so most of
them spend their 10 shares a minute and get 429.

wrk's Lua script counts responses by status and prints them at the end (``status CODE N``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import free_port, make_corpus, wait_until_ok

CONNECTIONS = 128
DURATION_S = 10
WORKERS = 2
#: Articles imported during each run (enough to outlast it on 2 busy cores).
ARTICLES_PER_RUN = 1500
#: How long an import may go on after its run before the benchmark stops waiting.
IMPORT_TIMEOUT_S = 600
#: Readers per wrk thread in the view-beacon run, each with an IPv4 address of its own: each is
#: counted once a day, so the views written must be 2 × this (every reader is seen in 10 s).
BEACON_READERS = 20_000
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"

#: The wrk script: a reader per request (``pool`` readers per thread), statuses counted.
LUA = r"""
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  pool = tonumber(args[1])
  method = args[2]
  body = args[3] ~= "" and args[3] or nil
  agent = args[4]
  v4 = args[5] == "v4"
end

function request()
  counter = counter + 1
  local reader = counter % pool
  local headers = {
    ["User-Agent"] = agent,
    ["X-Forwarded-For"] = v4
      and string.format("10.%d.%d.%d", id + 1, math.floor(reader / 256) % 256, reader % 256)
      or string.format("2001:db8::%x:%x", id + 1, reader),
  }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, nil, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do
      total[code] = (total[code] or 0) + n
    end
  end
  for code, n in pairs(total) do
    io.write(string.format("status %d %d\n", code, n))
  end
end
"""


@dataclass
class Run:
    """One wrk run and the import that ran beside it."""

    name: str
    rate: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    socket_errors: int = 0
    imported: str = ""
    import_rate: float = 0.0
    import_ok: bool = False

    def count(self, low: int, high: int) -> int:
        return sum(n for code, n in self.statuses.items() if low <= code <= high)


def _wrk(url: str, script: Path, pool: int, method: str, body: str) -> Run:
    """One wrk run; a pool of at most 65,536 readers gets IPv4 addresses of its own (each its own
    source, so no address reaches the day's cap), a larger one IPv6 addresses of one /64."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "--latency", "-s", str(script), url]
    out = subprocess.run(
        [*command, "--", str(pool), method, body, FIREFOX, "v4" if pool <= BEACON_READERS else "v6"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    run = Run(name=url)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert rate is not None, out
    run.rate = float(rate.group(1))
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    for pct in ("50", "75", "90", "99"):
        found = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        assert found is not None, out
        run.latency_ms[pct] = float(found.group(1)) * scale[found.group(2)]
    run.statuses = {int(code): int(n) for code, n in re.findall(r"^status (\d+) (\d+)$", out, re.MULTILINE)}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    run.socket_errors = sum(int(n) for n in errors.groups()) if errors else 0
    return run


def _import(database: Path, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "filmguide", "import", str(folder), "--db", str(database)]
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)


def _views(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute("SELECT count(*) FROM events WHERE kind = 'view'").fetchone()[0])


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    if shutil.which("wrk") is None:
        raise RuntimeError("bench_load needs wrk: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        database = work / "site.db"
        corpus = make_corpus(work / "all", 4 * ARTICLES_PER_RUN)
        folders = [work / f"articles-{n}" for n in range(4)]
        for n, path in enumerate(corpus):
            folder = folders[n // ARTICLES_PER_RUN]
            folder.mkdir(exist_ok=True)
            path.rename(folder / path.name)
        script = work / "load.lua"
        script.write_text(LUA)
        port = free_port()
        env = {**os.environ, "FILMGUIDE_DB": str(database)}
        server_log = work / "serve.log"
        with server_log.open("wb") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "filmguide", "serve", "--port", str(port), "--workers", str(WORKERS)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        plan = [
            ("film page", f"{base}/films/leaving-las-vegas", 10_000_000, "GET", ""),
            ("search", f"{base}/search?q=las+vegas", 10_000_000, "GET", ""),
            ("share (POST)", f"{base}/films/leaving-las-vegas/share", 8, "POST", '{"channel": "copy"}'),
            ("view beacon (POST)", f"{base}/films/leaving-las-vegas/view", BEACON_READERS, "POST", ""),
        ]
        runs: list[Run] = []
        try:
            wait_until_ok(f"{base}/healthz", 180.0)
            for (name, url, pool, method, body), folder in zip(plan, folders, strict=True):
                log = work / f"import-{folder.name}.log"
                started = time.perf_counter()
                importing = _import(database, folder, log)
                measured = _wrk(url, script, pool, method, body)
                code = importing.wait(timeout=IMPORT_TIMEOUT_S)
                elapsed = time.perf_counter() - started
                measured.name = name
                measured.imported = log.read_text(errors="replace").strip().splitlines()[-1]
                measured.import_rate = ARTICLES_PER_RUN / elapsed
                measured.import_ok = code == 0 and "failed 0" in measured.imported
                runs.append(measured)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=120)
        views = _views(database)
        served_log = server_log.read_text(errors="replace")
    return _report(runs, views, served_log)


def _report(runs: list[Run], views: int, served_log: str) -> tuple[str, list[tuple[str, float, str, float]]]:
    beacons = runs[-1].count(200, 299)
    # Every reader of the beacon run is counted once: 2 wrk threads × BEACON_READERS, when the run
    # answered that many (it answers several times more in 10 s); else each beacon answered.
    expected = 2 * BEACON_READERS if beacons >= 2 * BEACON_READERS else beacons
    failures = sum(r.count(500, 599) + r.socket_errors for r in runs)
    locked = served_log.count("database is locked") + served_log.count("could not write")
    lines = [
        "## Load while importing (issue: reliability)",
        "",
        f"`filmguide serve --workers {WORKERS}` (SQLite), wrk `-t2 -c{CONNECTIONS} -d{DURATION_S}s`, one "
        f"run per endpoint, each while `filmguide import` writes {ARTICLES_PER_RUN:,} new articles. "
        "Every request is a reader of its own (browser user agent, its own `X-Forwarded-For`); the "
        "share run draws from 8 readers per wrk thread, so the rate limit (10 a minute) answers 429; "
        f"the view-beacon run from {BEACON_READERS:,} readers per thread, each an IPv4 address of its own.",
        "",
        "| endpoint | requests/s | p50 | p75 | p90 | p99 | 2xx | 429 | other non-2xx | 5xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        other = sum(r.statuses.values()) - r.count(200, 299) - r.count(429, 429) - r.count(500, 599)
        lines.append(
            f"| {r.name} | {r.rate:,.0f} | {r.latency_ms['50']:.1f} ms | {r.latency_ms['75']:.1f} ms | "
            f"{r.latency_ms['90']:.1f} ms | {r.latency_ms['99']:.1f} ms | {r.count(200, 299):,} | "
            f"{r.count(429, 429):,} | {other:,} | {r.count(500, 599):,} | {r.socket_errors:,} |"
        )
    lines += [
        "",
        "| import beside | articles/s | result |",
        "|---|---:|---|",
        *(f"| {r.name} | {r.import_rate:,.0f} | {r.imported} |" for r in runs),
        "",
        f"Views written after SIGTERM: {views:,} for {expected:,} readers whose view beacon was answered "
        f"({beacons:,} beacons, each reader counted once a day; "
        f"{'none lost' if views >= expected else f'{expected - views:,} LOST'}). Views are counted by "
        "the page's beacon (`POST /films/{slug}/view`), not by the page, which a cache may answer. "
        f"5xx and socket errors in all: {failures}; imports that failed: "
        f"{sum(not r.import_ok for r in runs)}; 'database is locked' or unwritten events in the "
        f"server's log: {locked}.",
    ]
    rows = [
        (f"{r.name} under import (requests/s)", r.rate, "5xx + socket errors", float(failures)) for r in runs
    ]
    return "\n".join(lines), rows


if __name__ == "__main__":  # python -m bench.bench_load: the section, printed
    print(run()[0])
