"""The outside check of docs/security.md: hostile traffic against a running ``filmguide serve``.

    python bench/hostile.py --port 8000 --pid WORKER_PID [--token TOKEN]

Each probe prints one line: what it did, what it measured, and whether the target holds. It
only talks to 127.0.0.1 and is bounded in count and time. The probes that need a server of
their own (a second server on the port, SIGKILL, a held write lock) are CI tests in
``tests/web/test_hostile.py``.
"""

from __future__ import annotations

import argparse
import http.client
import secrets
import socket
import time
from pathlib import Path

PORT = 8000


def request(port: int, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None,
            timeout: float = 10.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def idle_connections(port: int, count: int = 1500) -> str:
    sockets = []
    try:
        for _ in range(count):
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(0.5)
        started = time.perf_counter()
        status, _ = request(port, "GET", "/healthz", timeout=10)
        took = time.perf_counter() - started
    finally:
        for s in sockets:
            s.close()
    return f"{count} idle connections: /healthz {status} in {took:.3f} s (target < 2 s): {took < 2 and status == 200}"


def user_agents(port: int, pid: int, count: int = 600, size: int = 64 * 1024) -> str:
    before = rss_mb(pid)
    statuses: dict[int, int] = {}
    for i in range(count):
        agent = f"Mozilla/5.0 {i} " + secrets.token_hex(size // 2)[: size - 20]
        try:
            status, _ = request(port, "GET", "/films/leaving-las-vegas", {"User-Agent": agent})
        except (ConnectionError, http.client.HTTPException):
            status = 0
        statuses[status] = statuses.get(status, 0) + 1
    grown = rss_mb(pid) - before
    return f"{count} unique {size // 1024} KB User-Agents: answers {statuses}, worker grew {grown:.1f} MB (target < 40)"


def wrong_tokens(port: int, count: int = 60) -> str:
    statuses = []
    for _ in range(count):
        headers = {"Authorization": f"Bearer {secrets.token_hex(16)}", "Content-Type": "application/json"}
        statuses.append(request(port, "POST", "/api/guides", headers, b"{}")[0])
    first = statuses.index(429) + 1 if 429 in statuses else None
    return f"{count} wrong tokens: first 429 at attempt {first}, last {statuses[-1]}: {statuses[-1] == 429}"


def repeated_words(port: int, token: str, words: int = 50_000) -> str:
    body = ("---\ntitle: Echo Chamber\nyear: 2001\n---\n\nEcho Chamber (2001) is a film.\n\n## Plot\n\n"
            + " ".join(["echo"] * words) + "\n").encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/markdown"}
    status, answer = request(port, "POST", "/api/guides", headers, body, timeout=60)
    started = time.perf_counter()
    search, _ = request(port, "GET", "/search?q=echo", timeout=60)
    took = time.perf_counter() - started
    refused = status in (413, 422)
    return (f"a guide of {words:,} repeated words: {status} {answer[:100]!r}; "
            f"search {search} in {took:.3f} s (target: refused, or < 1 s): {refused or took < 1}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--pid", type=int, required=True, help="the worker's process id (for its memory)")
    parser.add_argument("--token", help="an API token (for the repeated-words guide)")
    args = parser.parse_args()
    print(idle_connections(args.port))
    print(user_agents(args.port, args.pid))
    if args.token:
        print(repeated_words(args.port, args.token))
    print(wrong_tokens(args.port))


if __name__ == "__main__":
    main()
