"""Plain-text articles, as copied from the web page, to blocks.

Headings are lines that name a known section, or short lines without closing punctuation that
something follows; list items start with a bullet; page chrome (the table of contents, its
``Toggle``, widget lines) is dropped wherever it appears.
"""

from __future__ import annotations

import re
from typing import Literal

from filmguide.article.blocks import (
    CLOSING_MARKS,
    ITEM_BULLETS,
    ITEM_LINE,
    SENTENCE_END_MARKS,
    Block,
    PageFacts,
    clean_text,
    fold_line,
    needs_cleaning,
)
from filmguide.article.chrome import (
    clean_line_kind,
    is_jump_title,
    is_sign_off,
    is_signature,
    is_toc_title,
    strip_toggle,
    strip_wiki_marks,
)
from filmguide.article.chrome_words import (
    CHROME_AFTER_CHROME,
    FILM_CARD_LABELS,
    READING_TIME,
    TAGS_LINE,
    TOC_ENTRY_ALIASES,
)
from filmguide.article.copied_boxes import (
    actor_first,
    byline_author,
    cast_columns,
    is_author_bio,
    is_poll_answer,
    is_poll_question,
    is_score,
    is_score_row,
    is_verdict,
)
from filmguide.article.headings import is_known_heading, match_heading
from filmguide.article.infobox import row_facts, stacked_rows, text_row
from filmguide.article.phrases import KEY_POINTS_LABELS, QUESTION_WORDS, READ_MORE_TEXTS
from filmguide.article.printed import is_printed, without_print_marks
from filmguide.article.titles import film_line, read_headline
from filmguide.article.wrapped import unwrapped
from filmguide.text import has_full_stop

#: An FAQ written as "Q: …?" over "A: …": the question is a heading, the answer its paragraph.
_ASKED = re.compile(r"^(?:Q|Question)\s*[:.]\s+(?P<text>\S.*\?)$")
_ANSWERED = re.compile(r"^(?:A|Answer)\s*[:.]\s+(?P<text>\S.*)$")
#: A wiki's contents entry, numbered without a stop: "1 Plot", "2.1 Casting".
_WIKI_ENTRY = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s+(?P<text>\S.*)$")
_SHORT_LINE = 90
#: An infobox row's label and its colon stand within a line's first characters.
_ROW_LABEL = 42
_SHORT_WORDS = 14
#: A line of a related-posts block has at most this many words.
_LINK_WORDS = 18
#: "Comments" ends an article only once this many lines of it were read (not a top-of-page counter).
_LINES_BEFORE_END = 5
#: A question heading ("Where Was It Filmed?") has at most this many words.
_QUESTION_WORDS = 12
#: A question heading in sentence case has at most this many words.
_SENTENCE_QUESTION_WORDS = 10
_READ_MORE_WIDTH = 40


def _lines(text: str, page: PageFacts) -> tuple[list[tuple[int, str]], int]:
    """Numbered, cleaned, non-empty lines with the chrome removed, and how many "Read more"
    lines there were (a listing page's mark; so are three lines of reading time or more, each a
    teaser's). The rows of an infobox copied with the page go
    into ``page``'s facts, its caption with them (the line just above its first row).

    This runs on every line of every article: the cleaning checks are made once for the whole
    text, and a line is classified by :func:`clean_line_kind` (cleaned lines need no strip).
    """
    kept: list[tuple[int, str]] = []
    read_more = 0
    reading_times = 0  # "4 min read" lines outside link blocks: a listing gives one a teaser
    in_links = False  # inside a block of links to other posts, after its title
    titles: list[int] = []  # where a "Table of Contents" line was kept
    cleaning = needs_cleaning(text)
    rows_read = False  # whether an infobox row was read (its caption stands above the first)
    chrome_before = -1  # the number of the last chrome line
    by_label = -1  # the number of a "By" standing on a line of its own
    link_at = -1  # the number of the last line of a block of links
    author: str | None = None  # the byline's name, once read: its box may close the article
    # the number of the last line that was a box's ("author": the author's name alone, "score": a
    # review box's score, "signed": a letter's sign-off), whose next line may be the box's too
    boxed_at, boxed = -1, ""
    starred = text.startswith("**") or "\n**" in text  # bold marks of Markdown, pasted as text
    hashed = text.startswith("#") or "\n#" in text  # … and its headings' marks
    cast_cells: tuple[int, int] | None = None  # a copied cast table's actor and character columns
    prose_read = False  # whether a paragraph of the article was kept (tags above it are the byline's)
    raw_lines = text.splitlines()
    if is_printed(text):
        raw_lines = without_print_marks(raw_lines, page)
    raw_lines = [line for line in unwrapped(raw_lines) if line and not line.isspace()]
    stacked = stacked_rows(raw_lines)  # rows copied label over value, by their label's index
    values = {index + 1 for index in stacked}  # … and the lines of their values, read with them
    for number, raw in enumerate(raw_lines, start=1):
        if number - 1 in values:
            continue
        row = stacked.get(number - 1) if stacked else None
        if row is None and ("\t" in raw or ":" in raw[:_ROW_LABEL]):
            row = text_row(raw)
        if row is not None:
            if not rows_read:
                _take_card_title(kept, number, page)
            row_facts(*row, page)
            rows_read = True
            continue
        if "[" in raw:
            raw = strip_wiki_marks(raw)
        if "\t" in raw:  # a table's row copied, its cells a tab apart: "Harrison Ford<TAB>Rick Deckard"
            cells = _CELL_BREAK.split(raw.strip())
            if (named := cast_columns(cells)) is not None:
                cast_cells = named  # "Character<TAB>Actor<TAB>Notes": the header, no row of the cast
                continue
            raw = " – ".join(actor_first(cells, cast_cells) if cast_cells else cells)
        if starred and raw.startswith("**"):
            raw = _unstarred(raw)
        elif hashed and raw.startswith("#"):
            raw = _MARKDOWN_HEADING.sub("", raw, count=1)  # "## The Ending": a heading's marks
        # what clean_text would give: the text holds nothing but spaces to fold
        line = clean_text(raw) if cleaning else " ".join(raw.split())
        if not line:
            continue
        if line.startswith("Toggle"):
            line = strip_toggle(line)
            if not line:
                continue
        kind = clean_line_kind(line)
        if kind is None and len(line) <= _KEY_POINTS_LABEL and _labels_key_points(line, kept):
            continue
        if kind is not None and is_toc_title(line):
            kind = None  # "Contents" is chrome, but kept so the entries under it go with it
        elif kind is None and chrome_before == number - 1 and line.casefold() in CHROME_AFTER_CHROME:
            kind = "chrome"
        elif kind is None and by_label == number - 1 and len(line) <= _BYLINE_NAME and _BARE_NAME.match(line):
            kind = "chrome"  # the writer's name under a "By" of its own line
        elif kind is None and (line == author or boxed_at == number - 1) and _in_box(line, boxed, author):
            kind = "chrome"  # the author's name alone (its bio may follow), a signature, a verdict
            boxed_at, boxed = (number, "author") if line == author else (-1, "")
        if kind is not None:
            chrome_before = number
            if line.casefold() == "by":
                by_label = number
            if page.dateline is None and _DATELINE.search(line):
                page.dateline = number
            if line[-1] in ",!" and is_sign_off(line):
                boxed_at, boxed = number, "signed"
            elif line[0].isdigit() and is_score(line) and is_score_row(raw_lines, number):
                if _just_above(kept, number) is not None:
                    kept.pop()  # a review box's "Story" over its "9"
                boxed_at, boxed = number, "score"
            if author is None and line[0] in "Bb":
                author = byline_author(line)
            if is_poll_answer(line) and (asked := _just_above(kept, number)) and is_poll_question(asked):
                kept.pop()  # the poll's question over its first answer
            if kind == "end" and len(kept) >= _LINES_BEFORE_END:
                break
            if _byline_name_above(kept, number, line):
                kept.pop()  # "Rachel Moss" above "December 23, 2022 · 5 min read"
                if _byline_name_above(kept, number - 1, line) and not film_line(kept[-1][1]):
                    kept.pop()  # "Jo Reyes" above "Film Wire" (her paper) above "Published …"
            if kind == "links" or (prose_read and _TAGS.match(line)):
                in_links = True  # a block of links; or the post's tags, its navigation's links after them
                continue
            # chrome (widget titles included) inside a link block keeps it open; a teaser's
            # own link ("Read more »"), not a labelled one ("READ MORE: Other Post")
            if len(line) < _READ_MORE_WIDTH and ":" not in line:
                read_more += line.casefold().startswith(READ_MORE_TEXTS)
            if not in_links and " read" in line and _READING_TIME.search(line):
                reading_times += 1
            continue
        if in_links and _is_link_line(line) and not _heads_prose(line, raw_lines, number):
            link_at = number
            continue
        if in_links and link_at == number - 1 and _is_teaser_excerpt(line):
            in_links = False  # a related post's card: its title, then its one-line excerpt
            continue
        in_links = False
        if len(line) < _TOC_TITLE_WIDTH and is_toc_title(line):  # a length first: every line asks
            titles.append(len(kept))
        prose_read = prose_read or len(line) > _PROSE_LINE
        kept.append((number, line))
    if reading_times >= _TEASERS_TIMED:  # a listing's teasers, each with its reading time
        read_more = max(read_more, reading_times)
    return (_drop_toc_entries(kept, titles) if titles else kept), read_more


_TAGS = re.compile(TAGS_LINE)
#: "4 min read", as a byline gives an article's reading time and a listing each teaser's.
_READING_TIME = re.compile(rf"\b{READING_TIME}", re.IGNORECASE)
#: An article gives its reading time once (twice, at most, above and below it): three are teasers'.
_TEASERS_TIMED = 3


#: A Markdown heading's marks, as a copy of a page written in Markdown keeps them: "## The Ending".
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)")


#: A page's date or byline, as the chrome line that holds one shows it ("2 days ago", "By Jane
#: Doe", "Published 3 March 2024"): where a plain-text page's headline ends.
_DATELINE = re.compile(r"(?i)\b(?:1[89]|20)\d\d\b|\bago$|^(?:by|published|updated|posted)\b")
#: A key-points label is no longer than this ("Key Takeaways").
_KEY_POINTS_LABEL = 20
#: Lines above the key points are the headline, its standfirst, the byline, the menu: none as long
#: as this.
_OPENING_LINE = 160


def _take_card_title(kept: list[tuple[int, str]], number: int, page: PageFacts) -> None:
    """Above a film card's first row (line ``number``), its rating and genres ("PG-13", "Sci-Fi")
    go, and the line over them is the card's title ("The Matrix" over "Directed by<TAB>…",
    "Interstellar (2014)" over "PG-13")."""
    above = number - 1
    while kept and kept[-1][0] == above and fold_line(kept[-1][1]) in FILM_CARD_LABELS:
        kept.pop()
        above -= 1
    if kept and kept[-1][0] == above and len(kept[-1][1]) <= _SHORT_LINE:
        page.infobox_title = kept.pop()[1]


def _labels_key_points(line: str, kept: list[tuple[int, str]]) -> bool:
    """A key-points box's label ("Summary", "Key Takeaways") above the article's first paragraph,
    as a news site's copied page shows its points: no heading of a section (the points are the
    article's own lines, read as its intro); after a paragraph, "Summary" heads the plot."""
    return fold_line(line) in KEY_POINTS_LABELS and all(len(text) < _OPENING_LINE for _, text in kept)


#: A byline's name on a line of its own stands among the page's first lines, and is short.
_HEADER_LINES = 6
_BYLINE_NAME = 40
_BARE_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}$")


def _unstarred(raw: str) -> str:
    """A line without the stars of a heading marked by them: Mailchimp's plain text ("** The
    Ending"), or a line in Markdown's bold pasted as text ("**The Ending**")."""
    bare = raw.strip()
    if bare.startswith("** "):
        return bare[3:]
    if len(bare) > 4 and bare.endswith("**") and "**" not in bare[2:-2]:
        return bare[2:-2]
    return raw


def _in_box(line: str, boxed: str, author: str | None) -> bool:
    """Whether a line goes on the box the line above it was of (``boxed``), or is the author's
    name alone (the author's box at the article's end)."""
    if line == author:
        return True
    if boxed == "author":
        return is_author_bio(line, author)
    if boxed == "signed":
        return is_signature(line)  # "Nora" under "See you next week,"
    return boxed == "score" and is_verdict(line)  # "Masterpiece" under the box's total


def _just_above(kept: list[tuple[int, str]], number: int) -> str | None:
    """The line kept right above line ``number``, if the line above it was kept."""
    return kept[-1][1] if kept and kept[-1][0] == number - 1 else None


def _byline_name_above(kept: list[tuple[int, str]], number: int, chrome: str) -> bool:
    """Whether the line kept just above a chrome line with a date or reading time in it (or a
    "Follow" button) is the byline's name on its own ("Rachel Moss" over "December 23, 2022 ·
    5 min read"), at the top of the page; an article's own heading (a known section) never is."""
    if not kept or len(kept) > _HEADER_LINES or kept[-1][0] != number - 1:
        return False
    name = kept[-1][1]
    return (
        len(name) <= _BYLINE_NAME
        and (any(c.isdigit() for c in chrome) or chrome.casefold() == "follow")  # Medium's "Follow"
        and _BARE_NAME.match(name) is not None
        and not is_known_heading(name)
        # a headline names no writer ("Past Lives Ending Explained" over its teaser's date); nor
        # does a film's title alone over a byline that names its writer ("Blade Runner" over "By
        # Dana …": over a date, a name may be a film's too, "Erin Brockovich")
        and read_headline(name) is None
        and not (chrome[:3].casefold() == "by " and film_line(name))
    )


#: A related post's excerpt, under its title in a block of links, is one sentence this long at most.
_EXCERPT = 120


def _is_teaser_excerpt(line: str) -> bool:
    """A related post's one-sentence excerpt under its title ("Nolan's films reward a second
    viewing more than most."): short, one sentence; an article's paragraph is longer."""
    return len(line) <= _EXCERPT and line.endswith((".", "!")) and not has_full_stop(line[:-1])


#: A paragraph of the article is longer than this; a related post's excerpt under its title is not.
_PROSE_LINE = 160


def _heads_prose(line: str, raw_lines: list[str], number: int) -> bool:
    """Whether a line in a block of links is the article's next heading ("What Happens at the End
    of The Game?" after an "Up Next" video's title): a question or a section's heading, and a
    paragraph of the article under it, longer than any link's excerpt."""
    if not line.endswith("?") and match_heading(line) is None:
        return False
    following = raw_lines[number].strip() if number < len(raw_lines) else ""
    return len(following) > _PROSE_LINE and following.endswith(SENTENCE_END_MARKS)


def _is_link_line(line: str) -> bool:
    """A line of a related-posts block: a short headline, never a sentence nor a known section."""
    return (
        len(line.split()) <= _LINK_WORDS
        and not line.endswith((".", "!", ":", ";", ","))
        and not is_known_heading(line)
    )


def _drop_toc_entries(lines: list[tuple[int, str]], titles: list[int]) -> list[tuple[int, str]]:
    """Drop "Table of Contents" (at the indexes ``titles``, as :func:`_lines` kept it) and the
    entries under it, which repeat headings found later. An entry is a line under the title whose
    key occurs again further on: each key's last position tells that, without counting down."""
    keys = _toc_keys([line for _, line in lines])
    last = {key: index for index, key in enumerate(keys)}
    at_title = set(titles)
    dropped: set[int] = set()
    for title in titles:
        at = title
        while at < len(lines) and (at in at_title or last[keys[at]] > at):
            dropped.add(at)
            at += 1
        if is_jump_title(lines[title][1]):
            dropped.update(_jump_entries(keys, at))
    return [entry for index, entry in enumerate(lines) if index not in dropped]


#: A jump list's entry is a few words ("The Ending", "Cast", "FAQ").
_JUMP_ENTRY_WORDS = 6
_JUMP_ENTRY_WORD = re.compile(r"[\w&']{3,}")


def _jump_entries(keys: list[str], at: int) -> range:
    """The entries of a jump list from ``at`` on: short lines each naming a section below by one
    of its words ("Cast" over "Zodiac Cast", "FAQ" over "Frequently Asked Questions"), up to the
    first line that is none. Each is looked for in the lines after the list."""
    end = at
    while end < len(keys) and len(keys[end].split()) <= _JUMP_ENTRY_WORDS:
        if keys[end].rstrip(":").endswith(CLOSING_MARKS):  # "Cast:" is an entry; a sentence is none
            break
        end += 1
    below = "\n".join(keys[end:])
    for index in range(at, end):
        words = [w for w in _JUMP_ENTRY_WORD.findall(keys[index]) if w not in _LEADING_WORDS]
        if not any(TOC_ENTRY_ALIASES.get(word, word) in below for word in words):
            return range(at, index)
    return range(at, end)


#: Words a jump list's entry may open with that name no section.
_LEADING_WORDS = frozenset({"the", "and", "our", "why", "how", "what", "who", "where"})


def _toc_keys(lines: list[str]) -> list[str]:
    """Each line as a table of contents' entry compares with the heading it repeats: case-folded,
    a list item's bullet or number left out. The lines (which hold no line break) are folded at
    once; only those starting like an item are matched."""
    keys = "\n".join(lines).casefold().split("\n")
    for index, line in enumerate(lines):
        first = line[0]  # may it be an item (a bullet or a digit first)? tested inline: every line
        if first in ITEM_BULLETS or first.isdecimal():
            found = ITEM_LINE.match(line) or _WIKI_ENTRY.match(line)
            if found:
                keys[index] = found.group("text").casefold()
    return keys


def _numbered_heading(line: str, following: str) -> bool:
    """A listicle's numbered heading ("1. The shark barely worked"), not a list's item: short,
    title-like, and followed by a paragraph rather than the next item."""
    titled = _is_short_heading(line) or (
        len(line) <= _SHORT_LINE and _ENDS_WITH_YEAR.search(line) is not None
    )
    return titled and ITEM_LINE.match(following) is None and following.endswith(CLOSING_MARKS)


#: The tabs between a copied table row's cells (not its indentation).
_CELL_BREAK = re.compile(r"(?<=\S)[ ]*\t+[ ]*(?=\S)")
#: "2. Collateral (2004)": a listicle's numbered film, its year closing the line.
_ENDS_WITH_YEAR = re.compile(r"\((?:18|19|20)\d\d\)$")


def _is_short_heading(line: str) -> bool:
    """The schema's rule: a short line with no closing sentence punctuation."""
    return (
        len(line) <= _SHORT_LINE
        and len(line.split()) <= _SHORT_WORDS
        and not line.endswith(CLOSING_MARKS)
        and (line[0].isupper() or line[0].isdigit() or line[0] in "“\"‘'")
    )


def _is_question_heading(line: str, following: str) -> bool:
    """ "Why Water?": a short question in title case that an answer (not another question) follows.
    Asked of every line that is no other heading, so the ends are tested before splitting words."""
    if not line.endswith("?") or following.endswith("?"):
        return False
    words = line.split()
    if len(words) > _QUESTION_WORDS:
        return False
    # In title case, or in sentence case when short and led by a question word ("What happens
    # in Saltburn?", as British sites write their headings).
    if sum(w[:1].isupper() for w in words) * 2 > len(words):
        return True
    return len(words) <= _SENTENCE_QUESTION_WORDS and words[0].casefold() in QUESTION_WORDS


def _asked_or_answered(line: str, blocks: list[Block]) -> tuple[Literal["heading", "paragraph"], str] | None:
    """A "Q: …?" line as the heading it asks, and the "A: …" line under one as its paragraph,
    their labels dropped ("A: Yes." answers yes); None for any other line."""
    found = _ASKED.match(line)
    if found is not None:
        return "heading", found["text"]
    found = _ANSWERED.match(line)
    if found is not None and blocks and blocks[-1].kind == "heading":
        return "paragraph", found["text"]
    return None


def text_blocks(text: str) -> list[Block]:
    return text_page(text, PageFacts())[0]


#: No heading is longer than this (headings.match_heading), and a line this long that asks no
#: question is a paragraph, settled without the heading tests.
_LONGEST_HEADING = 120
#: A table of contents' title is shorter than this (chrome.is_toc_title).
_TOC_TITLE_WIDTH = 40


def text_page(text: str, page: PageFacts) -> tuple[list[Block], int]:
    """The article's blocks, and how many "Read more" lines the page had; what the page states
    around the article (an infobox's facts) goes into ``page``."""
    lines, read_more = _lines(text, page)
    blocks: list[Block] = []
    for index, (number, line) in enumerate(lines):
        first = line[0]  # may it be an item (a bullet or a digit first)? tested inline: every line
        if first in "QA" and (asked := _asked_or_answered(line, blocks)) is not None:
            blocks.append(Block(asked[0], asked[1], line=number))
            continue
        item = ITEM_LINE.match(line) if first in ITEM_BULLETS or first.isdecimal() else None
        followed = index + 1 < len(lines)
        # "1. The shark barely worked" over its fact; "3. Cast" or "4. Is There a Post-Credits
        # Scene?" over whatever follows, as the heading it names; a numbered question over its answer
        if (
            item is not None
            and first.isdecimal()
            and followed
            and (
                _numbered_heading(line, following := lines[index + 1][1])
                or match_heading(line) is not None
                or _is_question_heading(item.group("text"), following)  # "1. Did Sandra kill him?"
            )
        ):
            blocks.append(Block("heading", line, line=number))
            continue
        if item:
            blocks.append(Block("item", item.group("text").strip(), line=number))
            continue
        if len(line) > _LONGEST_HEADING and line[-1] != "?":  # most lines: a paragraph
            blocks.append(Block("paragraph", line, line=number))
            continue
        if (
            match_heading(line) is not None
            or (followed and _is_short_heading(line))
            or (followed and _is_question_heading(line, lines[index + 1][1]))
        ):
            blocks.append(Block("heading", line, line=number))
        else:
            blocks.append(Block("paragraph", line, line=number))
    return blocks, read_more
