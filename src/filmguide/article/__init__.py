"""Articles in, guides out: plain text, WordPress HTML and our Markdown all land in one ``Guide``.

``read`` decodes and tells the form apart, ``text``/``html``/``markdown`` split each form into
blocks, ``sections`` maps headings to fields, ``items`` and ``facts`` read lists and prose, and
``write`` gives our Markdown back.
"""

from filmguide.article.errors import ArticleError
from filmguide.article.read import SUFFIXES, parse_bytes, parse_path, parse_text
from filmguide.article.write import write_markdown

__all__ = ["SUFFIXES", "ArticleError", "parse_bytes", "parse_path", "parse_text", "write_markdown"]
