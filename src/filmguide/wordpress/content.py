"""A post's content as WordPress shows it, for the HTML reader: blocks, shortcodes and autop.

The block editor stores HTML with ``<!-- wp:… -->`` comments around each block; the classic
editor stores text where a blank line separates paragraphs and WordPress adds the ``<p>`` when it
shows the post (``wpautop``). Both come out here as the same HTML. Media, embeds, captions and
tables of contents go (a caption is never body text); an unknown shortcode stays as the text
WordPress itself would show without its plugin.
"""

from __future__ import annotations

import re
from html import escape

from filmguide.wordpress.vocabulary import (
    AUTOP_BLOCK_TAGS,
    DROPPED_BLOCKS,
    DROPPED_CLASSES,
    DROPPED_ELEMENTS,
    DROPPED_EMPTY_ELEMENTS,
    DROPPED_SHORTCODES,
    LAYOUT_SHORTCODE_PREFIXES,
    LAYOUT_SHORTCODES,
)

_BLOCK_NAMES = "|".join(re.escape(name) for name in DROPPED_BLOCKS)
#: A dropped block, from its opening comment to its closing one (or a self-closing comment).
#: Older exports name embeds ``core-embed/youtube`` and the like.
_DROPPED_BLOCK = re.compile(
    rf"<!--\s*wp:(?P<name>(?:core/)?(?:{_BLOCK_NAMES}|core-embed/[\w-]+))(?=[\s/])[^>]*?/-->"
    rf"|<!--\s*wp:(?P<open>(?:core/)?(?:{_BLOCK_NAMES}|core-embed/[\w-]+))(?=\s)[^>]*?-->"
    r".*?<!--\s*/wp:(?P=open)\s*-->",
    re.DOTALL,
)
_SHORTCODE_NAMES = "|".join(re.escape(name) for name in DROPPED_SHORTCODES)
#: A dropped shortcode with what it encloses, or on its own (``[toc]``); ``[[toc]]`` is WordPress's
#: way to write the shortcode's text itself and is left alone. The pattern starts with its ``[``
#: (the look back at the character before it follows), so the engine skips to each ``[`` at once
#: instead of trying the look-behind at every character.
_DROPPED_SHORTCODE = re.compile(
    rf"\[(?<!\[\[)(?P<name>{_SHORTCODE_NAMES})(?=[\s\]/])[^\]]*\](?:.*?\[/(?P=name)\])?(?!\])",
    re.DOTALL | re.IGNORECASE,
)
#: A page builder's layout tag, opening or closing ("[vc_column width="2/3"]", "[/et_pb_text]").
_LAYOUT_SHORTCODE = re.compile(
    r"\[/?(?:(?:"
    + "|".join(re.escape(prefix) for prefix in LAYOUT_SHORTCODE_PREFIXES)
    + r")[\w-]*|(?:"
    + "|".join(re.escape(name) for name in LAYOUT_SHORTCODES)
    + r"))(?:\s[^\]]*)?\]",
    re.IGNORECASE,
)
_BLOCK_EDITOR = re.compile(r"<!--\s*wp:")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ELEMENT_NAMES = "|".join(DROPPED_ELEMENTS)
_CLASS_NAMES = "|".join(re.escape(name) for name in DROPPED_CLASSES)
#: Media and captions, matched on the markup WordPress writes (a regular expression, not a second
#: HTML parse: the article reader parses the page once, and these never nest in themselves).
_DROPPED_MEDIA = re.compile(
    rf"<(?P<tag>{_ELEMENT_NAMES})\b.*?</(?P=tag)\s*>"
    rf"|<(?:{'|'.join(DROPPED_EMPTY_ELEMENTS)})\b[^>]*>"
    rf"|<(?P<box>p|div|dd|span)\b[^>]*\bclass=\"[^\"]*\b(?:{_CLASS_NAMES})\b[^\"]*\"[^>]*>.*?</(?P=box)\s*>",
    re.DOTALL | re.IGNORECASE,
)


#: A URL on a line of its own in classic content: WordPress embeds it (its "auto-embeds"), a video
#: or a post from another site, never words of the article.
_EMBED_LINE = re.compile(r"^[ \t]*https?://[^\s<>\"\[\]]+[ \t]*$", re.MULTILINE)


def drop_embed_lines(text: str) -> str:
    """Classic content without the URLs WordPress would embed (each alone on its line)."""
    return _EMBED_LINE.sub("", text) if "://" in text else text


def drop_shortcodes(text: str) -> str:
    """Remove captions, embeds, media and table-of-contents shortcodes with what they enclose.

    An enclosing shortcode whose closing tag is missing loses only its opening tag.
    """
    return _DROPPED_SHORTCODE.sub("", text)


def drop_layout_shortcodes(text: str) -> str:
    """A page builder's layout tags gone, a blank line where each stood: what they enclosed stays,
    each part a block of its own (autop makes each a paragraph), as the builder showed it."""
    return _LAYOUT_SHORTCODE.sub("\n\n", text) if "[" in text else text


def drop_blocks(text: str) -> str:
    """Remove the block editor's media, embed, button and table-of-contents blocks whole."""
    return _DROPPED_BLOCK.sub("", text)


def autop(text: str) -> str:
    """WordPress's ``wpautop``, in short: blank lines separate paragraphs, a single line break
    within one is a ``<br>``, and block-level HTML stands on its own."""
    text = _TAG.sub(_set_apart, text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    for chunk in _BLANK_LINE.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        start = _TAG.match(chunk)
        if start is not None and start.group(2).lower() in AUTOP_BLOCK_TAGS:
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _set_apart(tag: re.Match[str]) -> str:
    """A block-level tag set apart by a blank line: before an opening tag, after a closing one."""
    if tag.group(2).lower() not in AUTOP_BLOCK_TAGS:
        return tag.group()
    return f"{tag.group()}\n\n" if tag.group(1) else f"\n\n{tag.group()}"


def is_block_editor(content: str) -> bool:
    """Whether the post was written in the block editor (its HTML carries block comments)."""
    return _BLOCK_EDITOR.search(content) is not None


def drop_media(html: str) -> str:
    """Remove images, players, embeds' URLs and every caption: none of it is the article's text."""
    return _DROPPED_MEDIA.sub("", html) if "<" in html else html


def post_html(content: str, title: str) -> str:
    """The post as an article page the HTML reader reads: its title as ``h1``, its content as
    ``.entry-content``, media and captions gone."""
    if is_block_editor(content):
        body = drop_blocks(drop_layout_shortcodes(drop_shortcodes(content)))
    else:
        body = autop(drop_embed_lines(drop_layout_shortcodes(drop_shortcodes(content))))
    return f"<article><h1>{escape(title)}</h1><div class=entry-content>{drop_media(body)}</div></article>"
