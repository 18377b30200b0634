"""filmguide's own Markdown (``docs/markdown-format.md``) to blocks and hints.

Parsed with markdown-it-py, so inline Markdown (emphasis, links, escapes) reads as its plain words.
"""

from __future__ import annotations

from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from filmguide.article.blocks import Block, clean_text
from filmguide.article.errors import ArticleError
from filmguide.article.sections import Hints

_PARSER = MarkdownIt("commonmark")
#: libyaml's loader where PyYAML was built with it (its wheels are): the front matter read about
#: ten times faster than by the pure-Python loader, which was a fifth of a Markdown article's parse.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SOURCE_KEYS = {"kind", "title", "author", "year"}


def split_front_matter(text: str, *, name: str) -> tuple[dict[str, Any], str, int]:
    """The YAML front matter, the body, and the line the body starts on."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ArticleError("front matter: no closing '---' line", path=name, line=1)
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # libyaml marks a problem found at the end of the text (an unclosed "[") on the closing
        # "---" line: the file's line is the front matter's last line at most.
        line = min(mark.line + 2, end) if mark is not None else 1
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ArticleError(f"front matter: {problem}", path=name, line=line) from None
    except UnicodeEncodeError:  # libyaml takes UTF-8 bytes: a lone surrogate cannot become one
        raise ArticleError("front matter: holds a character that is not text", path=name, line=1) from None
    if not isinstance(data, dict):
        raise ArticleError("front matter: expected 'key: value' lines", path=name, line=2)
    return data, "\n".join(lines[end + 1 :]), end + 2


def _str_list(data: dict[str, Any], key: str, name: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v) for v in value]
    raise ArticleError(f"front matter: '{key}' must be a list of names", path=name)


def hints_from(data: dict[str, Any], *, name: str) -> Hints:
    """Check the front matter's fields and turn them into hints for the section reader."""
    title, year, slug = data.get("title"), data.get("year"), data.get("slug")
    if title is not None and not isinstance(title, str | int):
        raise ArticleError("front matter: 'title' must be text", path=name)
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ArticleError("front matter: 'year' must be a whole number", path=name)
    if slug is not None and not isinstance(slug, str):
        raise ArticleError("front matter: 'slug' must be text", path=name)
    post_credits = data.get("post_credits")
    if post_credits is not None and not isinstance(post_credits, bool):
        raise ArticleError("front matter: 'post_credits' must be true, false or null", path=name)
    source = data.get("source")
    if source is not None and (
        not isinstance(source, dict) or not set(source) <= _SOURCE_KEYS or not source.get("kind")
    ):
        raise ArticleError(
            "front matter: 'source' must have 'kind' and may have title, author, year", path=name
        )
    return Hints(
        title=str(title) if title is not None else None,
        year=year,
        slug=slug,
        directors=_str_list(data, "directors", name),
        genres=_str_list(data, "genres", name),
        composers=_str_list(data, "composers", name),
        featured_artists=_str_list(data, "featured_artists", name),
        places=_str_list(data, "places", name),
        post_credits=post_credits,
        source=source,
        given={k for k in ("post_credits", "source") if k in data},
    )


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "text_special", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean_text("".join(parts))


def markdown_blocks(body: str, *, first_line: int = 1) -> tuple[list[Block], str | None]:
    """Blocks of the body, and the text of a ``#`` heading if there is one (a title fallback)."""
    tokens = _PARSER.parse(body)
    blocks: list[Block] = []
    page_title: str | None = None
    depth_in_list = 0
    pending: Token | None = None
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth_in_list += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth_in_list -= 1
        elif token.type in ("heading_open", "paragraph_open"):
            pending = token
        elif token.type in ("fence", "code_block", "html_block"):
            text = clean_text(token.content)
            if text:
                blocks.append(Block("paragraph", text, line=_line(token, first_line)))
        elif token.type == "inline" and pending is not None:
            text = _inline_text(token)
            line = _line(pending, first_line)
            if pending.type == "heading_open":
                level = int(pending.tag[1])
                if level == 1:
                    page_title = page_title or text
                elif text:
                    blocks.append(Block("heading", text, level=level, line=line))
            elif text:
                blocks.append(Block("item" if depth_in_list else "paragraph", text, line=line))
            pending = None
    return blocks, page_title


def _line(token: Token, first_line: int) -> int | None:
    return token.map[0] + first_line if token.map else None
