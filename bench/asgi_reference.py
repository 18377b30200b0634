"""The Python ceiling for the page benchmark: a bare ASGI app that answers every request with the
same bytes from memory (the file named by ``REFERENCE_BODY``), served by the same granian setup
as ``filmguide serve`` (uvloop, HTTP/1, the same number of workers).

Run by bench/bench_web.py: ``granian --interface asgi bench.asgi_reference:app``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

BODY = Path(os.environ["REFERENCE_BODY"]).read_bytes()
TYPE = os.environ.get("REFERENCE_TYPE", "text/html; charset=utf-8").encode()
HEADERS = [(b"content-type", TYPE), (b"content-length", str(len(BODY)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
