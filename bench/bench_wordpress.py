"""A WordPress export moved in: a generated WXR of 10,000 posts (about 200 MB) imported into SQLite.

Each post is one of the fixture articles' WordPress content, in the block editor's form or the
classic editor's (no ``<p>``), retitled ("Amélie 417 (2001) Movie Explained: …"), with the post
meta and comments a real export carries. Measured in a child process each time, so its peak RSS
(the importer and its parse workers) is the import's own:

- posts/s, against the same-run floor of the existing import bench (the guides' JSON inserted with
  the bare ``sqlite3`` module, one transaction each), and against today's import of article files
  (1,000 of the import bench's corpus, the same way, in a child process): the export's own cost;
- the file read as a stream, against expat (``xml.etree.ElementTree.iterparse``) reading the same
  file and doing nothing else;
- peak RSS of the 10,000-post import against a 1,000-post export of the same posts: flat memory
  is a ratio near 1.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path
from xml.etree.ElementTree import iterparse

from bench.common import FIXTURES, ROOT, in_turns, make_corpus, median_of, timed, unpack_src
from filmguide.article import parse_path

POSTS = int(os.environ.get("FILMGUIDE_BENCH_WXR_POSTS", "10000"))
SMALL = POSTS // 10
RUNS = int(os.environ.get("FILMGUIDE_BENCH_WXR_RUNS", "1"))
TARGET = 500
#: The code before this bench's last round of work on the export's import, measured beside it.
BEFORE = os.environ.get("FILMGUIDE_BENCH_WXR_BEFORE", "ca507ed")
#: Article files imported as the same-run reference of today's import.
ARTICLES = 1000
#: Comments per post: real exports carry them, and they bring the file to about 200 MB.
COMMENTS = 14
_CONTENT = re.compile(r'<div class="entry-content">(.*?)</div>\s*</article>', re.S)
_COMMENT = (
    "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author><![CDATA[Reader {id}]]>"
    "</wp:comment_author><wp:comment_date>2020-01-01 10:00:00</wp:comment_date><wp:comment_content>"
    "<![CDATA[{text}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>"
)


def _sources() -> list[tuple[str, int | None, str]]:
    """(title, year, content) of each HTML fixture: its ``.entry-content``, as WordPress stores it."""
    found = []
    for path in sorted(FIXTURES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        match = _CONTENT.search(text)
        if match is None:
            continue
        guide = parse_path(path)
        found.append((guide.title, guide.year, match.group(1)))
    return found


def _classic(content: str) -> str:
    """The same content as the classic editor stores it: paragraphs as blank-line runs, no ``<p>``."""
    return re.sub(r"<p>(.*?)</p>", lambda m: m.group(1) + "\n\n", content, flags=re.S)


def write_export(path: Path, count: int) -> int:
    """Write a WXR 1.2 export of ``count`` posts; returns its size in bytes."""
    sources = _sources()
    comment_text = "I watched it again after reading this, and the ending finally made sense to me. " * 8
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
            "<channel><title>Bench</title><wp:wxr_version>1.2</wp:wxr_version>\n"
            "<wp:author><wp:author_login>ed</wp:author_login>"
            "<wp:author_display_name>Eddie Bench</wp:author_display_name></wp:author>\n"
        )
        for n in range(count):
            title, year, content = sources[n % len(sources)]
            new_title = f"{title} {n}"
            body = content.replace(title, new_title)
            if n % 2:
                body = _classic(body)
            year_text = f" ({year})" if year else ""
            comments = "".join(_COMMENT.format(id=n * 100 + k, text=comment_text) for k in range(COMMENTS))
            out.write(
                f"<item><title>{escape(new_title)}{year_text} Movie Explained: Ending, Cast and Trivia"
                "</title>"
                f"<link>https://old.example/{2000 + n % 20}/{n}/post-{n}/</link>"
                "<dc:creator><![CDATA[ed]]></dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{n + 1}</wp:post_id>"
                "<wp:post_date>2020-05-01 10:00:00</wp:post_date>"
                "<wp:post_date_gmt>2020-05-01 09:00:00</wp:post_date_gmt>"
                f"<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                '<category domain="category" nicename="explained"><![CDATA[Explained]]></category>'
                "<wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>"
                f"{comments}</item>\n"
            )
        out.write("</channel></rss>\n")
    return path.stat().st_size


_CHILD = """
import json, resource, sys, time, warnings
from pathlib import Path
from filmguide import importer
from filmguide.store import Store
def cpu():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
if sys.argv[3:] == ["without-analyses"]:  # the import as it was before issue 19 moved them here
    import filmguide.importer.ahead as moving  # where the parse workers make the analyses
    import filmguide.store.analyses as kept
    moving.guide_parts = lambda *args, **kwargs: None
    kept.write = lambda *args, **kwargs: None
store = Store.open(sys.argv[2])
started, cpu_started = time.perf_counter(), cpu()
report = importer.import_paths(store, [Path(sys.argv[1])])
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
store.close()
print(json.dumps({
    "seconds": seconds, "imported": report.imported, "failures": report.failures[:3],
    "cpu": cpu_seconds,
    "rss_kb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
}))
"""


def import_in_child(
    export: Path, database: Path, src: Path | None = None, *, analyses: bool = True
) -> dict[str, float]:
    """Import the export in a fresh process (with ``src`` first on its path: another commit's
    code); its time (import only), count, CPU seconds (its parse workers' included) and peak
    RSS (KB). ``analyses=False``: the page analyses (themes, spoilers, fact checks: issue 19's
    analyses at write time) are left out, as the import was before they moved into it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (src, ROOT) if p is not None)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(export),
            str(database),
            *([] if analyses else ["without-analyses"]),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _expat_only(path: Path) -> None:
    for _event, element in iterparse(path):
        if element.tag == "item":
            element.clear()


def _raw_inserts(documents: list[str], database: Path) -> None:
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE guides (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, document TEXT)")
    for n, document in enumerate(documents):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO guides (slug, document) VALUES (?, ?)", (f"film-{n}", document))
        conn.execute("COMMIT")
    conn.close()


def run() -> tuple[str, list[tuple[str, float, str, float]]]:
    """Returns the section's Markdown and its rows (what, value, reference, ratio)."""
    from filmguide.importer.wordpress import parse_post
    from filmguide.wordpress import read_posts

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big, small = root / "site.xml", root / "small.xml"
        size = write_export(big, POSTS)
        write_export(small, SMALL)
        counter = iter(range(1000))
        results: list[dict[str, float]] = []

        def one_import() -> float:
            result = import_in_child(big, root / f"db-{next(counter)}.db")
            assert result["imported"] == POSTS and not result["failures"], result
            results.append(result)
            return POSTS / result["seconds"]

        make_corpus(root / "articles", ARTICLES)

        def article_import() -> float:
            result = import_in_child(root / "articles", root / f"articles-{next(counter)}.db")
            assert result["imported"] == ARTICLES and not result["failures"], result
            return ARTICLES / result["seconds"]

        before_src = unpack_src(BEFORE, root / "before")
        earlier: list[dict[str, float]] = []

        def earlier_import() -> float:
            result = import_in_child(big, root / f"before-{next(counter)}.db", before_src)
            assert result["imported"] == POSTS and not result["failures"], result
            earlier.append(result)
            return POSTS / result["seconds"]

        bare: list[dict[str, float]] = []

        def bare_import() -> float:
            result = import_in_child(big, root / f"bare-{next(counter)}.db", analyses=False)
            assert result["imported"] == POSTS and not result["failures"], result
            bare.append(result)
            return POSTS / result["seconds"]

        # The article import just before and just after the export's, so both see the same machine;
        # between the two, today's code, the code before and the import without analyses take
        # turns round by round.
        before, _ = median_of(RUNS, article_import)
        rates = in_turns(RUNS, {"now": one_import, "before": earlier_import, "bare": bare_import})
        rate, earlier_rate, bare_rate = rates["now"], rates["before"], rates["bare"]
        after, _ = median_of(RUNS, article_import)
        bare_cpu_ms = min(r["cpu"] for r in bare) * 1000 / POSTS
        articles = (before + after) / 2
        cpu_ms = min(r["cpu"] for r in results) * 1000 / POSTS
        earlier_cpu_ms = min(r["cpu"] for r in earlier) * 1000 / POSTS
        rss_big = max(r["rss_kb"] for r in results) / 1024
        small_result = import_in_child(small, root / "small.db")
        assert small_result["imported"] == SMALL, small_result
        rss_small = small_result["rss_kb"] / 1024
        documents = [
            parse_post(p, "x")[2] or "" for p, _ in zip(read_posts(small, "wxr"), range(SMALL), strict=False)
        ]
        documents = (documents * (POSTS // max(len(documents), 1) + 1))[:POSTS]
        raw, _ = median_of(
            RUNS, lambda: POSTS / timed(lambda: _raw_inserts(documents, root / f"raw-{next(counter)}.db"))
        )
        read_mb = size / 1e6 / (POSTS / rate)
        expat_mb, _ = median_of(RUNS, lambda: size / 1e6 / timed(lambda: _expat_only(big)))

    rows = [
        (f"import a {POSTS:,}-post WXR into SQLite (posts/s)", rate, "raw sqlite3 inserts", raw),
        (
            f"import a {POSTS:,}-post WXR into SQLite (posts/s)",
            rate,
            f"import {ARTICLES:,} article files (articles/s)",
            articles,
        ),
        (
            f"import a {POSTS:,}-post WXR into SQLite (posts/s)",
            rate,
            f"the same, code before (`{BEFORE}`)",
            earlier_rate,
        ),
        (
            f"import a {POSTS:,}-post WXR into SQLite (posts/s)",
            rate,
            "the same without the page analyses (as before issue 19)",
            bare_rate,
        ),
        (
            "posts per CPU second (importer and parse workers)",
            1000 / cpu_ms,
            f"the same, code before (`{BEFORE}`)",
            1000 / earlier_cpu_ms,
        ),
        ("the export read, as part of the import (MB/s)", read_mb, "expat iterparse alone", expat_mb),
        (f"peak RSS, {POSTS:,} posts (MB)", rss_big, f"peak RSS, {SMALL:,} posts (MB)", rss_small),
    ]
    lines = [
        "## WordPress export import (issue 17)",
        "",
        f"A generated WXR 1.2 export of {POSTS:,} posts ({size / 1e6:,.0f} MB: the HTML fixtures' "
        f"content, block and classic editor in turn, with post meta and {COMMENTS} comments each), imported "
        f"by `filmguide import` into a new SQLite database in a child process ({RUNS} run"
        f"{'s, median' if RUNS > 1 else ''}; today's code, the code before and the import without "
        "analyses take turns round by round). Target: at least "
        f"{TARGET} posts/s, in flat memory.",
        "",
        "| what | value | reference | reference value | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for what, value, ref, ref_value in rows:
        shown = f"{value:,.1f}" if value < 100 else f"{value:,.0f}"  # MB/s of a slow run: not "0"
        lines.append(f"| {what} | {shown} | {ref} | {ref_value:,.0f} | {value / ref_value:.2f} |")
    met = "met" if rate >= TARGET else f"NOT met on this run (the article import ran at {articles:,.0f}/s)"
    lines += [
        "",
        f"Import target of {TARGET} posts/s: **{met}** ({rate:,.0f}/s). Peak RSS is the largest of the "
        f"importing process and its parse workers: {rss_big:,.0f} MB for {POSTS:,} posts against "
        f"{rss_small:,.0f} MB for {SMALL:,} (ratio {rss_big / rss_small:.2f}: the export is streamed). "
        f"CPU per post, the importer's and its parse workers' together: {cpu_ms:.2f} ms "
        f"({earlier_cpu_ms:.2f} ms with the code before, {bare_cpu_ms:.2f} ms without the page "
        f"analyses); on 2 cores that allows at most {2000 / cpu_ms:,.0f} posts/s. Without the page "
        f"analyses (themes, spoilers, fact checks, which issue 19 moved from the page's render into "
        f"the save) the same import runs at {bare_rate:,.0f} posts/s.",
    ]
    return "\n".join(lines), rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(run()[0])
