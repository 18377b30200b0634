"""A child of bench_analysis's comparison with the code before issue 19: loads the demo guides
and the catalog into its own SQLite store, then renders the film pages as a page-cache miss
renders them (page data, then the template), one round at a time when told, and answers with
the round's CPU seconds.

Run with the ``src/`` under test first on ``PYTHONPATH``; argument: the folder of demo guides and
the renders of each page per round. The first line written is the number of pages; then each line
on stdin is answered by one line on stdout. Only what the code before issue 19 has too is called
(``pages.film_page``, ``Renderer.render``), so the same script measures both.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from filmguide import importer
from filmguide.store import Store
from filmguide.web import pages
from filmguide.web.render import Renderer


def main() -> None:
    demo, rounds = Path(sys.argv[1]), int(sys.argv[2])
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "bench.db"))
        importer.bootstrap(store, similar=False)
        importer.import_paths(store, [demo])
        slugs = [guide.slug for guide in store.list_guides()]
        renderer, options = Renderer(), pages.PageOptions()

        def render() -> None:
            for slug in slugs:
                data = pages.film_page(store, slug, options)
                assert data is not None
                path = f"/films/{slug}"
                renderer.render("film.html", data, base_url="", path=path, json_path=path + ".json")

        render()  # warm: templates compiled, caches filled
        print(len(slugs), flush=True)
        for _ in sys.stdin:
            started = time.process_time()
            for _ in range(rounds):
                render()
            print(time.process_time() - started, flush=True)
        store.close()


if __name__ == "__main__":
    main()
