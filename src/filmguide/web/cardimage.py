"""Share cards drawn with Pillow: a 1200×630 PNG (the size OpenGraph and X's large card show
uncropped) of a few lines of text on a dark ground.

What a card says is decided in :mod:`filmguide.web.cards`; this module only lays it out: a kicker
and the site's name on top, the title as large as fits in up to three lines, a byline, a line of
prose (up to two lines) and a footer under a rule. Every colour is in :data:`PALETTE` and each
text colour reads against the ground at WCAG AA (4.5:1 at least; the tests check the ratios).

The text is Noto Sans (Latin, Greek, Cyrillic, Vietnamese), from the PyPI package
``fontpkg-noto-sans``, so a fresh machine needs no system font. A character it lacks (Hebrew,
Arabic, CJK…) is drawn with the first font that has it among the settings' ``card_fonts``
(``$FILMGUIDE_CARD_FONTS``, given by :func:`use_fonts`) and :data:`FALLBACK_FONTS` (Debian's
DejaVu Sans, Noto CJK or Droid Sans Fallback, when installed); which font has which character is
read from each font's ``cmap`` with fontTools.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
#: Where the title block may sit (between the brand row and the footer's rule).
CONTENT_TOP, CONTENT_BOTTOM = 150, 480
RULE_Y = 510
#: Title sizes tried, largest first: the first at which the whole title fits is used.
TITLE_SIZES = (84, 76, 68, 60, 54, 48, 44)
TITLE_LINES = 3
BRAND_SIZE, KICKER_SIZE, BYLINE_SIZE, LINE_SIZE, FOOTER_SIZE = 34, 24, 34, 30, 26
LINE_LINES = 2
ELLIPSIS = "…"


@dataclass(frozen=True)
class Palette:
    """The card's colours; every text colour is drawn on ``background`` only."""

    background: str = "#16181d"
    accent: str = "#f2b45a"
    title: str = "#f6f4ef"
    text: str = "#d8d4cb"
    muted: str = "#aab0ba"


PALETTE = Palette()
#: (text colour, ground) pairs as drawn, for the contrast check.
TEXT_ON_GROUND = tuple(
    (colour, PALETTE.background) for colour in (PALETTE.accent, PALETTE.title, PALETTE.text, PALETTE.muted)
)

PRIMARY_FAMILY = "Noto Sans"
#: Fonts for the characters Noto Sans lacks, used when installed: (regular, bold) paths.
FALLBACK_FONTS: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    # fonts-nanum: Korean.
    (
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    ),
    # fonts-droid-fallback: Chinese and Japanese (no Hangul) in 7 MB, one weight.
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    ),
)
#: More fallback fonts, tried first, each used for both weights: the settings' ``card_fonts``
#: (``$FILMGUIDE_CARD_FONTS``), given by :func:`use_fonts`.
_extra_fonts: tuple[str, ...] = ()


# --- fonts -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """One font file at one weight, and the characters it can draw."""

    path: str
    weight: int
    variable: bool
    chars: frozenset[int]


@functools.cache
def _chars(path: str) -> frozenset[int]:
    """The code points a font maps to glyphs (its best ``cmap``); the first font of a collection."""
    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@functools.cache
def faces(bold: bool) -> tuple[Face, ...]:
    """The fonts a card's text is drawn with, in order of preference: Noto Sans, then each
    fallback that is installed."""
    weight = 700 if bold else 400
    primary = str(fontpkg.path(PRIMARY_FAMILY, weight))
    found = [Face(primary, weight, True, _chars(primary))]
    extra = [(p, p) for p in _extra_fonts]
    for regular, heavy in (*extra, *FALLBACK_FONTS):
        path = heavy if bold and Path(heavy).is_file() else regular
        if Path(path).is_file():
            found.append(Face(path, weight, False, _chars(path)))
    return tuple(found)


def use_fonts(paths: tuple[str, ...]) -> None:
    """Try ``paths`` (font files) first for characters Noto Sans lacks, in this process: the site
    and the export call it with the settings' ``card_fonts`` before drawing."""
    global _extra_fonts
    if paths != _extra_fonts:
        _extra_fonts = paths
        faces.cache_clear()


@functools.cache
def font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    """``face`` at ``size`` pixels; a variable font set to the face's weight."""
    loaded = ImageFont.truetype(face.path, size)
    if face.variable:
        axes = loaded.get_variation_axes()
        loaded.set_variation_by_axes(
            [float(face.weight) if _axis_name(a) == "weight" else float(a["default"] or 0) for a in axes]
        )
    return loaded


@functools.cache
def _metrics(face: Face, size: int) -> tuple[int, int]:
    """How far the font's glyphs reach above and below the baseline, in pixels."""
    return font(face, size).getmetrics()


def _axis_name(axis: ImageFont.Axis) -> str:
    name = axis["name"]
    return (name.decode("ascii", "replace") if isinstance(name, bytes) else str(name)).strip().lower()


def runs(text: str, bold: bool) -> Iterator[tuple[str, Face]]:
    """``text`` cut where the font that can draw it changes. Spaces and marks stay with the run
    they are in; a character no font has is left to the first font (drawn as its box)."""
    available = faces(bold)
    current: Face | None = None
    start = 0
    for i, char in enumerate(text):
        code = ord(char)
        if current is not None and (code in current.chars or char.isspace()):
            continue
        face = next((f for f in available if code in f.chars), current or available[0])
        if face != current:
            if current is not None and i > start:
                yield text[start:i], current
            current, start = face, i
    if current is not None and start < len(text):
        yield text[start:], current


# --- measuring and wrapping ------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def measure(text: str, size: int, bold: bool) -> float:
    """How wide ``text`` is drawn, in pixels (cached: wrapping asks for the same words often)."""
    return sum(font(face, size).getlength(part) for part, face in runs(text, bold))


def _longest_fitting(word: str, size: int, bold: bool, width: float) -> str:
    """The longest start of ``word`` that fits (at least one character)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle], size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return word[:low]


def wrap(text: str, size: int, bold: bool, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, cut between words (inside a word only when it is
    wider than a line, as text without spaces is)."""
    lines: list[str] = []
    current, used = "", 0.0
    space = measure(" ", size, bold)
    for word in text.split():
        wide = measure(word, size, bold)
        if current and used + space + wide <= width:
            current, used = f"{current} {word}", used + space + wide
            continue
        if current:
            lines.append(current)
        while wide > width:
            part = _longest_fitting(word, size, bold, width)
            lines.append(part)
            word = word[len(part) :]
            wide = measure(word, size, bold)
        current, used = word, wide
    if current:
        lines.append(current)
    return lines


def clip_lines(lines: list[str], most: int, size: int, bold: bool, width: float) -> list[str]:
    """At most ``most`` lines, the last ending in an ellipsis when text was left out."""
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1]
    while last and measure(last + ELLIPSIS, size, bold) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = last.rstrip(" ,;:—–-") + ELLIPSIS
    return kept


# --- the layout ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    title_size: int
    title: list[str]
    byline: list[str]
    line: list[str]

    def height(self) -> float:
        total = len(self.title) * self.title_size * 1.15
        if self.byline:
            total += 24 + BYLINE_SIZE * 1.3
        if self.line:
            total += 20 + len(self.line) * LINE_SIZE * 1.35
        return total


def layout(title: str, byline: str, line: str) -> Layout:
    """The largest title size at which the whole title fits in three lines and everything fits
    between the brand row and the footer; else the smallest size, the title clipped."""
    width = WIDTH - 2 * MARGIN
    bylines = clip_lines(wrap(byline, BYLINE_SIZE, False, width), 1, BYLINE_SIZE, False, width)
    prose = wrap(line, LINE_SIZE, False, width)
    for most_prose in (LINE_LINES, 1):
        lines = clip_lines(prose, most_prose, LINE_SIZE, False, width)
        for size in TITLE_SIZES:
            wrapped = wrap(title, size, True, width)
            candidate = Layout(size, wrapped, bylines, lines)
            if len(wrapped) <= TITLE_LINES and candidate.height() <= CONTENT_BOTTOM - CONTENT_TOP:
                return candidate
    size = TITLE_SIZES[-1]
    clipped = clip_lines(wrap(title, size, True, width), TITLE_LINES, size, True, width)
    return Layout(size, clipped, bylines, clip_lines(prose, 1, LINE_SIZE, False, width))


# --- drawing -------------------------------------------------------------------------------------------


class Canvas:
    """Where a card is drawn: every shape and glyph as coverage (0–255) on one grey image, and the
    colour of each drawn box noted; :meth:`png` then turns coverage into palette indices, box by
    box, so the PNG is a palette image from the start (16 shades from the ground to each colour)
    with no quantising of a true-colour picture. Boxes of different colours never share a pixel
    that matters: each line of text is one colour."""

    def __init__(self) -> None:
        self.coverage = Image.new("L", (WIDTH, HEIGHT), 0)
        self.draw = ImageDraw.Draw(self.coverage)
        self.boxes: list[tuple[tuple[int, int, int, int], str]] = []

    def _note(self, box: tuple[float, float, float, float], colour: str) -> None:
        left, top, right, bottom = box
        clipped = (
            max(0, int(left)),
            max(0, int(top)),
            min(WIDTH, int(right) + 1),
            min(HEIGHT, int(bottom) + 1),
        )
        if clipped[0] < clipped[2] and clipped[1] < clipped[3]:
            self.boxes.append((clipped, colour))

    def rectangle(self, box: tuple[int, int, int, int], colour: str) -> None:
        self.draw.rectangle(box, fill=255)
        self._note(box, colour)

    def polygon(self, points: list[tuple[int, int]], colour: str) -> None:
        self.draw.polygon(points, fill=255)
        xs, ys = [x for x, _ in points], [y for _, y in points]
        self._note((min(xs), min(ys), max(xs), max(ys)), colour)

    def text(self, x: float, baseline: float, text: str, size: int, bold: bool, colour: str) -> float:
        """Draw ``text`` with its baseline at ``baseline``, font by font; the x where it ends."""
        for part, face in runs(text, bold):
            typeface = font(face, size)
            self.draw.text((x, baseline), part, font=typeface, fill=255, anchor="ls")
            ascent, descent = _metrics(face, size)
            wide = typeface.getlength(part)
            self._note((x - 4, baseline - ascent, x + wide + 4, baseline + descent), colour)
            x += wide
        return x

    def png(self) -> bytes:
        image = Image.new("P", (WIDTH, HEIGHT), 0)
        image.putpalette(_PALETTE_BYTES)
        for box, colour in self.boxes:
            image.paste(self.coverage.crop(box).point(_SHADES[colour]), box[:2])
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=3)  # 6 and up: a few KB less, at two to ten times the time
        return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette() -> tuple[bytes, dict[str, list[int]]]:
    """The PNG's palette (the ground, then :data:`SHADES` steps towards each text colour) and,
    for each colour, the lookup table from coverage to palette index."""
    ground = _rgb(PALETTE.background)
    entries = [ground]
    tables: dict[str, list[int]] = {}
    for n, colour in enumerate(dict.fromkeys(c for c, _ in TEXT_ON_GROUND)):
        ink = _rgb(colour)
        for step in range(1, SHADES + 1):
            mixed = [round(g + (i - g) * step / SHADES) for g, i in zip(ground, ink, strict=True)]
            entries.append((mixed[0], mixed[1], mixed[2]))
        first = 1 + n * SHADES
        tables[colour] = [
            0 if a * SHADES < 128 else first + min(SHADES, round(a * SHADES / 255)) - 1 for a in range(256)
        ]
    return bytes(channel for entry in entries for channel in entry), tables


#: Steps from the ground to each colour: enough for smooth anti-aliased edges.
SHADES = 16
_PALETTE_BYTES, _SHADES = _palette()


def _brand(canvas: Canvas, site_name: str, kicker: str) -> None:
    """The site's name (after a play mark) top left, the kicker top right."""
    baseline = 64 + BRAND_SIZE
    mark = [(MARGIN, baseline - 27), (MARGIN, baseline - 1), (MARGIN + 22, baseline - 14)]
    canvas.polygon(mark, PALETTE.accent)
    canvas.text(MARGIN + 36, baseline, site_name, BRAND_SIZE, True, PALETTE.accent)
    if kicker:
        right = WIDTH - MARGIN - measure(kicker, KICKER_SIZE, True)
        canvas.text(right, baseline - 4, kicker, KICKER_SIZE, True, PALETTE.muted)


#: FreeType faces are not to be used by two threads at once: one card is drawn at a time.
_DRAWING = threading.Lock()


def draw_card(*, site_name: str, kicker: str, title: str, byline: str, line: str, footer: str) -> bytes:
    """The card as PNG bytes."""
    with _DRAWING:
        return _draw(site_name, kicker, title, byline, line, footer)


def _draw(site_name: str, kicker: str, title: str, byline: str, line: str, footer: str) -> bytes:
    canvas = Canvas()
    canvas.rectangle((0, 0, 11, HEIGHT), PALETTE.accent)
    _brand(canvas, site_name, kicker.upper())
    plan = layout(title, byline, line)
    y = CONTENT_TOP + (CONTENT_BOTTOM - CONTENT_TOP - plan.height()) / 2
    for text in plan.title:
        y += plan.title_size * 1.15
        canvas.text(MARGIN, y - plan.title_size * 0.22, text, plan.title_size, True, PALETTE.title)
    for text in plan.byline:
        y += 24 + BYLINE_SIZE * 1.3
        canvas.text(MARGIN, y - BYLINE_SIZE * 0.3, text, BYLINE_SIZE, False, PALETTE.text)
    if plan.line:
        y += 20
    for text in plan.line:
        y += LINE_SIZE * 1.35
        canvas.text(MARGIN, y - LINE_SIZE * 0.35, text, LINE_SIZE, False, PALETTE.text)
    canvas.rectangle((MARGIN, RULE_Y, WIDTH - MARGIN, RULE_Y + 2), PALETTE.accent)
    width = WIDTH - 2 * MARGIN
    (foot,) = clip_lines(wrap(footer, FOOTER_SIZE, False, width) or [""], 1, FOOTER_SIZE, False, width)
    canvas.text(MARGIN, RULE_Y + 40 + FOOTER_SIZE * 0.75, foot, FOOTER_SIZE, False, PALETTE.muted)
    return canvas.png()


# --- contrast ------------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 to 21 (AA asks 4.5 for text, 3 for large text)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
