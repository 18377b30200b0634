"""Article shapes other than filmguide's template: the headline of a copied page, pages that list
several films, and articles that are one section long (an ending explainer, a post-credits
answer, a cast page) whose headings the template does not know.

Nothing is dropped here: a headline line becomes the page's headline (the title is read from
it), and the body of a one-section article moves whole into that section.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filmguide.article import cast
from filmguide.article.blocks import Block, PageFacts
from filmguide.article.credits import has_scenes
from filmguide.article.errors import ArticleError
from filmguide.article.headings import is_known_heading, match_heading
from filmguide.article.headline_shapes import FILM_LIST_HEADLINE, WIKI_SUFFIX
from filmguide.article.items import film_heading
from filmguide.article.meanings import CREDITS_TOPIC, HEADING_NUMBER
from filmguide.article.page import is_end_matter
from filmguide.article.titles import bare_title, film_line, read_headline
from filmguide.text import fold

if TYPE_CHECKING:
    from filmguide.article.walk import Collected
    from filmguide.model import ExtraSection

#: Headline kinds that name the one guide field the whole article is about.
_FIELD_OF_KIND = {
    "ending": "ending",
    "post_credits": "post_credits",
    "cast": "cast",
    "trivia": "trivia",
    "locations": "locations",
}
#: A copied headline is at most this long (news sites' headlines run long).
_LONGEST_HEADLINE = 200
#: From this many entries on, a page lists films rather than explaining one.
LISTING_FROM = 2
#: Headings naming this many different films make a copied page a listing.
_FILMS_LISTED = 3
#: "Read more" lines mark a listing where its headings name at least this many films.
_TEASER_TITLES = 2
#: A table of contents copied with the article lists at least this many of its headings.
_CONTENTS_FROM = 2
#: Words of a heading that may name another film's article ("Us Ending Explained").
_NAMES_A_FILM = re.compile(r"explained|credits? scene|ending", re.IGNORECASE)


def split_headline(blocks: list[Block], page: PageFacts) -> list[Block]:
    """A plain-text article's first line, when it is a headline, is the page's headline.

    A headline is a first line of a known shape ("The Ending of ‘Nope’ Explained"), or a short
    title-like line that a paragraph follows and that names no section.
    """
    if len(blocks) < 2:
        return blocks
    masthead = _masthead(blocks)
    if masthead:  # the site's name (and tagline) above the headline: chrome
        page.headline = blocks[masthead].text
        return blocks[masthead + 1 :]
    dated = _above_dateline(blocks, page.dateline)
    if dated is not None:  # a headline in no known shape, over the page's date or byline
        page.headline = blocks[dated].text
        return _without_front_lines(blocks[dated + 1 :])
    first = blocks[0]
    text = first.text
    if len(text) > _LONGEST_HEADLINE or text.endswith((".", "!", ";", ",")):
        return blocks
    if match_heading(text) is not None and read_headline(text) is None:
        return blocks
    shaped = read_headline(text) is not None
    # a title-like heading line, or a wiki page's name ("Barbarian (2022 film)", which its closing
    # bracket makes a paragraph)
    if shaped or _wiki_page_name(text) or (first.kind == "heading" and bare_title(text) is not None):
        page.headline = text
        return blocks[1:]
    return blocks


#: Lines a copied page may show above its headline (the site's name, a tagline, its menu's
#: sections, a breadcrumb).
_MASTHEAD_LINES = 8


def _masthead(blocks: list[Block]) -> int:
    """Where the headline stands when short heading lines come before it: the first heading of
    a known shape ("10 Things You Didn't Know About Jaws (1975)") among the first lines, all
    headings, before any paragraph; 0 when the first line is the headline or none is shaped."""
    for index, block in enumerate(blocks[: _MASTHEAD_LINES + 1]):
        if len(block.text) > _LONGEST_HEADLINE:
            return 0
        if block.kind != "heading":  # a wiki's page name, which its closing bracket makes a paragraph
            return index if _wiki_page_name(block.text) else 0
        if read_headline(block.text) is not None:
            return index
    return 0


#: A headline has at least this many words (a site's name or a menu's section has fewer).
_HEADLINE_WORDS = 4


def _above_dateline(blocks: list[Block], dateline: int | None) -> int | None:
    """Where a headline in no known shape stands: the last line above the page's first date or
    byline line ("2 days ago"), among the first lines, when only short lines (the site's name,
    its menu) stand above it; None otherwise. A known section's heading is never it."""
    if dateline is None:
        return None
    found: int | None = None
    for index, block in enumerate(blocks[: _MASTHEAD_LINES + 1]):
        if block.line is None or block.line >= dateline:
            break
        if block.kind != "heading" and not block.text.endswith("?") and not film_line(block.text):
            return None  # a paragraph above the date: the article has begun
        found = index
    if found is None or blocks[found].line != dateline - 1:
        return None
    text = blocks[found].text
    if len(text) > _LONGEST_HEADLINE or (len(text.split()) < _HEADLINE_WORDS and not film_line(text)):
        return None
    return found if match_heading(text) is None else None


def _without_front_lines(blocks: list[Block]) -> list[Block]:
    """The article after its headline without the short lines above its first paragraph that
    head nothing of the guide: a news page's byline name, the writer's role, an image's credit
    and caption ("Hanna Lowe", "Culture reporter", "Paramount Pictures")."""
    start = 0
    while start < len(blocks) and blocks[start].kind == "heading" and not match_heading(blocks[start].text):
        start += 1
    if start == len(blocks) or blocks[start].kind != "paragraph":
        return blocks
    return blocks[start:]


def _wiki_page_name(text: str) -> bool:
    """ "WALL-E (film)", "Barbarian (2022 film)": a wiki page's name, the film's title in it."""
    return WIKI_SUFFIX.search(text) is not None and bare_title(text) is not None


def listing_in_text(blocks: list[Block], read_more: int) -> int:
    """How many entries a copied listing page holds: its "Read more" lines (counted by the text
    reader) where its headings name two films or more (each teaser's title; an article may set
    a bare "Read more" between its own sections), or headings that each name a different film
    by a headline shape ("Nope Ending Explained", "Us Ending Explained")."""
    named = [
        b.text
        for b in blocks
        if b.kind == "heading" and _NAMES_A_FILM.search(b.text) and not is_known_heading(b.text)
    ]
    films = set()
    if len(named) >= _TEASER_TITLES:
        films = {h.title.casefold() for h in map(read_headline, named) if h is not None}
    if len(films) < _TEASER_TITLES:
        read_more = 0
    entries = max(read_more, len(films) if len(films) >= _FILMS_LISTED else 0)
    return entries if entries >= LISTING_FROM else 0


def films_as_sections(out: Collected, headline: str | None) -> int:
    """How many films an article that names no section of a guide heads its sections with, each
    by its title and year ("Iron Man (2008)", "Thor (2011)"), or under a headline that announces
    a list of films ("The 7 Best A24 Horror Movies, Ranked": each section one): a list of films,
    not one film's article, from three on; else 0."""
    films = {ref.title.casefold() for e in out.extras if (ref := film_heading(e.heading)) is not None}
    if len(films) < _FILMS_LISTED and headline and FILM_LIST_HEADLINE.match(headline):
        films = {e.heading.casefold() for e in out.extras}
    return len(films) if len(films) >= _FILMS_LISTED else 0


def refuse_listing(entries: int, *, name: str, films: bool = False) -> None:
    """Refuse a page of ``entries`` other articles' teasers (``films``: sections that each name
    another film) in one line."""
    if entries >= LISTING_FROM:
        listed = (
            f"a list of several films ({entries} films)"
            if films
            else f"a listing of several articles ({entries} entries)"
        )
        raise ArticleError(f"{listed}, not one film's article; import each article's own page", path=name)


def place_by_kind(out: Collected, kind: str | None) -> bool:
    """An article whose headline names one section ("X Ending Explained") but whose headings the
    template does not know: its body under those headings is that section. Returns whether the
    article has that section now."""
    key = _FIELD_OF_KIND.get(kind or "")
    if key is None:
        return False
    if key in out.fields:
        if key in _PARTED_KINDS and out.extras:
            out.fields[key][:0] = [_headed_part(extra) for extra in out.extras]
            out.extras.clear()
        return True
    moved: list[Block] = []
    parts: list[ExtraSection] = []  # on a cast page, the parts headed by their actor's name
    if out.extras and key != "post_credits":  # a post-credits answer stands in the intro
        for extra in out.extras:
            if key == "cast" and _part_of_cast(extra):
                parts.append(extra)  # read as an entry with the cast (sections._parts_as_cast)
                continue
            if key == "trivia":
                moved.append(_headed_fact(extra))
                continue
            if key in _PARTED_KINDS:
                moved.append(_headed_part(extra))
                continue
            moved += [Block("paragraph", p) for p in extra.paragraphs]
            moved += [Block("item", i) for i in extra.items]
        out.extras[:] = parts
    elif len(out.intro) > 1:
        at = _answer_at(out.intro) if key == "post_credits" else None
        if at == 0:  # a quick answer above the article ("Quick answer: No, …"): that paragraph
            moved, out.intro = out.intro[:1], out.intro[1:]
        else:  # the answer from where it starts (after the film's introduction)
            moved, out.intro = out.intro[at or 1 :], out.intro[: at or 1]
    elif out.intro:
        moved = list(out.intro)
    if key == "trivia":
        moved = [Block("item", b.text) for b in moved]
    if not moved and not parts:
        return False
    out.fields[key] = moved
    return True


def _part_of_cast(extra: ExtraSection) -> bool:
    """A section of a cast page headed by an actor's name whose text says whom the actor plays
    ("Matt Damon": "Damon plays Mark Watney, …"), as :func:`sections._parts_as_cast` reads it."""
    return not extra.items and cast.part_heading(extra.heading.strip(), extra.paragraphs) is not None


def _answer_at(intro: list[Block]) -> int | None:
    """Where the post-credits answer starts among a post-credits page's opening paragraphs: the
    first that speaks of the credits and says yes or no; None when none does."""
    for index, block in enumerate(intro):
        if CREDITS_TOPIC.search(block.text) and has_scenes([block.text]) is not None:
            return index
    return None


#: Kinds of page whose other sections are each a part of the one they name: on "Where Was
#: Gladiator Filmed?", "Fort Ricasoli, Malta" is a filming location, though its section is not
#: headed like one (a later "Can You Visit the Locations?" is).
_PARTED_KINDS = frozenset({"locations"})


def _headed_part(extra: ExtraSection) -> Block:
    """A section of a one-topic page as a paragraph of that topic, led by its heading ("Fort
    Ricasoli, Malta: The Colosseum was built …"), which names what the text goes on about."""
    text = " ".join([*extra.paragraphs, *extra.items])
    return Block("paragraph", led_by(extra.heading, text) if text else extra.heading)


def led_by(heading: str, text: str) -> str:
    """``text`` led by the heading it stood under, a colon between unless the heading ends with
    its own stop ("What happens to Jerry? Jerry runs …", "Fort Ricasoli, Malta: The Colosseum …")."""
    return f"{heading} {text}" if heading.endswith(("?", "!", ".", ":")) else f"{heading}: {text}"


def _headed_fact(extra: ExtraSection) -> Block:
    """One fact of a listicle: its heading ("1. The Shark Barely Worked"), its number gone, leads
    its text ("The Shark Barely Worked: The mechanical shark …"). The heading is the fact's
    point, which its text alone often leaves unsaid."""
    heading = HEADING_NUMBER.sub("", extra.heading, count=1).strip() or extra.heading
    text = " ".join([*extra.paragraphs, *extra.items])
    if not text:
        return Block("item", heading)
    return Block("item", f"{heading}: {text}" if heading[-1:].isalnum() else f"{heading} {text}")


def drop_end_matter(blocks: list[Block]) -> list[Block]:
    """Drop a wiki's "References" or a blog's "Leave a Reply" sections, heading and all. In plain
    text, which states no heading levels, the end matter's short lines ("2008 films" under
    "Categories") read as headings: there it runs on to a known section's heading, or to one
    that a sentence follows."""
    kept: list[Block] = []
    skipping: int | None = None  # the level of the end-matter heading being skipped
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            level = block.level or 2
            if skipping is not None and level > skipping:
                continue
            if skipping is not None and block.level is None and not _heads_text(blocks, index):
                continue
            skipping = level if is_end_matter(block.text) else None
            if skipping is not None:
                continue
        elif skipping is not None:
            continue
        kept.append(block)
    return kept


def _heads_text(blocks: list[Block], index: int) -> bool:
    """Whether the text heading ``blocks[index]`` heads a section: it names a known one, or a
    sentence follows it."""
    if is_known_heading(blocks[index].text):
        return True
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        following is not None
        and following.kind == "paragraph"
        and following.text.rstrip("”\"’')").endswith((".", "!", "?"))
    )


def drop_trailing_headings(blocks: list[Block]) -> list[Block]:
    """Headings that nothing follows at the article's end (a copied page's tags, "Movies",
    "Film"): no section of the article, and nothing of it is lost with them. The last tag, which
    no line follows, reads as a paragraph: a last short line with no closing punctuation after
    such headings ("Christopher Nolan" after "Movies", "Sci-Fi") goes with them; after one
    heading it may be the answer to it ("Is There a Post-Credits Scene?" over "Nope"), and stays."""
    end = len(blocks)
    if end > 2 and _tag_like(blocks[-1]) and all(_tag_like(b, "heading") for b in blocks[-3:-1]):
        end -= 1  # the tags only: a cast entry read as a heading above them stays
        while end and _tag_like(blocks[end - 1], "heading"):
            end -= 1
        return blocks[:end] if end else blocks
    while end and blocks[end - 1].kind == "heading":
        end -= 1
    return blocks[:end] if end else blocks


#: A tag's words at most (a name, a genre).
_TAG_WORDS = 3
#: What a tag never holds: a cast entry's separators ("Tzi Ma: General Shang").
_NOT_IN_TAGS = (": ", " – ", " — ", " - ", " as ", " … ", "...")


def _tag_like(block: Block, kind: str = "paragraph") -> bool:
    """A block that may be a copied page's tag: a few words, no closing punctuation, no cast
    entry's separator, and no heading of a section ("Supporting Cast")."""
    text = block.text
    return (
        block.kind == kind
        and len(text.split()) <= _TAG_WORDS
        and text[-1:].isalnum()
        and not any(mark in text for mark in _NOT_IN_TAGS)
        and match_heading(text) is None
    )


def drop_contents_list(blocks: list[Block]) -> list[Block]:
    """Drop a table of contents copied as lines ("Jump to:" and the headings under it): the lines
    that close a run of headings or list items (after the headline and byline, say), each of
    which heads a section further on. Read as headings, the last of them took the article's
    first paragraph as its section, and the intro was lost."""
    last_heading = {fold(b.text): i for i, b in enumerate(blocks) if b.kind == "heading"}
    listed = [b.kind in {"heading", "item"} for b in blocks]
    kept: list[Block] = []
    at = 0
    while at < len(blocks):
        end = at
        while end < len(blocks) and listed[end]:
            end += 1
        # the run's closing lines that each head a section after the run (most runs' last line
        # heads none, and only it is folded)
        start = end
        while start > at and last_heading.get(fold(blocks[start - 1].text), -1) > end:
            start -= 1
        if end - start < _CONTENTS_FROM:
            start = end
        kept += blocks[at:start] + blocks[end : end + 1]
        at = end + 1
    return kept
