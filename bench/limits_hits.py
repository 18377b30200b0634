"""One side of bench/bench_limits.py's in-process measure: the CPU time of film page requests
answered by ``app_from_environment()`` (what each ``serve`` worker runs), from the ASGI call to
the last byte sent, with no server and no network. Prints microseconds per request.

Run by bench_limits with ``PYTHONPATH`` naming the code to measure (now, or the code before).
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

REQUESTS = 20_000
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"


def scope(port: int) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/films/leaving-las-vegas",
        "raw_path": b"/films/leaving-las-vegas",
        "root_path": "",
        "query_string": b"",
        "server": ("127.0.0.1", port),
        "client": ("127.0.0.1", 50000),
        "headers": [
            (b"host", f"127.0.0.1:{port}".encode()),
            (b"user-agent", FIREFOX.encode()),
            (b"accept", b"text/html"),
            (b"accept-language", b"en"),
            (b"connection", b"keep-alive"),
        ],
    }


async def main() -> None:
    from filmguide.web.app import app_from_environment

    app = app_from_environment()
    sent: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent.append(message["status"])

    for _ in range(3):  # render, then answered from memory
        await app(scope(8000), receive, send)
        await asyncio.sleep(0.6)  # the stamp: the data version read once
    assert sent and set(sent) == {200}, sent
    started = time.process_time()
    for _ in range(REQUESTS):
        await app(scope(8000), receive, send)
    took = time.process_time() - started
    assert set(sent) == {200}
    print(f"{took / REQUESTS * 1e6:.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    asyncio.run(main())
