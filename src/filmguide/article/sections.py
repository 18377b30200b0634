"""From blocks to a guide: headings name sections, sections fill the guide's fields.

One reader serves all three input forms, so a plain-text article, its HTML page and our Markdown
give the same guide. Unknown headings become ``extra_sections`` and lines no item reader
understands become ``section_notes``: nothing of the article is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from filmguide.article import cast, credits, facts, items, shapes, sources, titles
from filmguide.article.blocks import Block, PageFacts
from filmguide.article.errors import ArticleError
from filmguide.article.headings import CANONICAL
from filmguide.article.walk import TEXT_FIELDS, Collected, Walker
from filmguide.model import (
    Adaptation,
    CastMember,
    ExtraSection,
    FilmRef,
    FilmType,
    Guide,
    Locations,
    Music,
    PostCredits,
)

STRING_LIST_FIELDS = ("behind_the_scenes", "key_scenes", "easter_eggs", "trivia")


@dataclass
class Hints:
    """What the input states outright (Markdown front matter, ``--title``): it wins over inference."""

    title: str | None = None
    year: int | None = None
    slug: str | None = None
    directors: list[str] | None = None
    genres: list[str] | None = None
    composers: list[str] | None = None
    featured_artists: list[str] | None = None
    places: list[str] | None = None
    source: dict[str, Any] | None = None
    post_credits: bool | None = None
    given: set[str] = field(default_factory=set)
    """Keys the input stated even when their value is null (``source: null``, ``post_credits: null``)."""
    page_title: str | None = None
    origin: dict[str, Any] | None = None
    """Where the article was first published (a WordPress post, or our Markdown's ``origin``)."""
    page: PageFacts = field(default_factory=PageFacts)
    """What the page states around the article: headline, og:title, <title>, infobox."""


def _prose(fields: dict[str, list[Block]], out: Collected) -> str:
    """The article's text beyond its cast: what tells which names are the characters'."""
    texts = [b.text for b in out.intro] + [p for s in out.summary for p in s.paragraphs]
    texts += [b.text for key, blocks in fields.items() if key != "cast" for b in blocks]
    return "\n".join(texts)


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


T = TypeVar("T")


def _read_list(
    blocks: list[Block], reader: Callable[[str], T | None]
) -> tuple[list[T], list[str], list[str]]:
    """Items read by ``reader`` and the lines they were read from; paragraphs and unreadable
    items go back as notes."""
    found: list[T] = []
    notes: list[str] = []
    lines: list[str] = []
    for block in blocks:
        value = reader(block.text) if block.kind == "item" else None
        if value is None:
            notes.append(block.text)
        else:
            found.append(value)
            lines.append(block.text)
    return found, notes, lines


def _take_lines(notes: dict[str, list[str]], key: str, reader: Callable[[str], T | None]) -> list[T]:
    """What ``reader`` reads from the section's note lines, each line it reads taken out of them
    (the section's list holds it now); the other lines stay, repeats included."""
    found: list[T] = []
    kept: list[str] = []
    for line in notes[key]:
        value = reader(line)
        if value is None:
            kept.append(line)
        else:
            found.append(value)
    if kept:
        notes[key] = kept
    else:
        del notes[key]
    return found


def _parts_as_cast(
    extras: list[ExtraSection], notes: dict[str, list[str]]
) -> tuple[list[ExtraSection], list[CastMember]]:
    """Sections headed by an actor's name whose text says whom the actor plays
    (:func:`cast.part_heading`), as a cast guide heads each part: cast entries, their text the
    cast's notes. A heading with no text of its own just above them ("New Additions") goes with
    them. The other sections stay; the entries follow the cast read before them."""
    kept: list[ExtraSection] = []
    parted: list[CastMember] = []
    carded = _cast_cards(extras)
    for index, extra in enumerate(extras):
        member = carded.get(index)
        if member is None and not extra.items:
            member = cast.part_heading(extra.heading.strip(), extra.paragraphs)
        if member is None:
            kept.append(extra)
            continue
        if kept and not kept[-1].paragraphs and not kept[-1].items:
            kept.pop()
        parted.append(member)
        if index not in carded:
            notes.setdefault("cast", []).extend(extra.paragraphs)
    return kept, parted


def _cast_cards(extras: list[ExtraSection]) -> dict[int, CastMember]:
    """Sections in a run, each an actor's name over one line naming the part ("Song Kang-ho" over
    "Kim Ki-taek"), as a page builder's cards (Divi's blurbs) head each card: the entries by the
    sections' indexes, read as a grid of cast cards is (:func:`cast.cast_pairs`)."""
    found: dict[int, CastMember] = {}
    run: list[int] = []
    for index in [*range(len(extras)), len(extras)]:
        extra = extras[index] if index < len(extras) else None
        if extra is not None and not extra.items and len(extra.paragraphs) == 1:
            run.append(index)
            continue
        if len(run) > 1:
            lines = [line for i in run for line in (extras[i].heading.strip(), extras[i].paragraphs[0])]
            found.update(zip(run, cast.cast_pairs(lines) or [], strict=False))
        run = []
    return found


def _with_characters(members: list[CastMember], notes: list[str]) -> list[CastMember]:
    """The cast, each entry that names no character given the one the section's sentences give
    its actor ("Austin Butler" heading a paragraph that says "Austin Butler plays Feyd-Rautha")."""
    if all(member.character for member in members):
        return members
    said = {member.actor: member.character for member in cast.cast_in_prose(notes)}
    return [
        CastMember(actor=m.actor, character=said[m.actor]) if not m.character and said.get(m.actor) else m
        for m in members
    ]


def _split_memorable(blocks: list[Block], fields: dict[str, list[Block]]) -> None:
    """Items straight under "Memorable Scenes and Quotes": quotes by their shape, scenes otherwise."""
    for block in blocks:
        key = "quotes" if block.kind == "item" and items.looks_like_quote(block.text) else "key_scenes"
        fields.setdefault(key, []).append(block)


def build_guide(blocks: list[Block], hints: Hints, *, name: str, strict_levels: bool = False) -> Guide:
    """Assemble the guide; refuse an article with no recognised section heading.

    ``strict_levels`` is for our Markdown, whose heading levels are exact.
    """
    shaped, bare = titles.page_headlines(hints.page)
    kind = shaped[0].kind if shaped else None
    walker = Walker(strict_levels=strict_levels, kind=kind)
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            walker.content(block)
        elif not walker.section_line(blocks, index):
            walker.heading(block)
    if walker.recognised == 0:
        headline = hints.page.headline or hints.page_title
        shapes.refuse_listing(shapes.films_as_sections(walker.out, headline), name=name, films=True)
    placed = shapes.place_by_kind(walker.out, kind)
    if walker.recognised == 0 and not placed and not _known_film(walker.out, hints, shaped, bare):
        raise ArticleError(
            "no recognised section heading (expected headings such as "
            f"'{CANONICAL['summary']}', '{CANONICAL['cast']}' or '{CANONICAL['trivia']}')",
            path=name,
        )
    out = walker.out
    _split_memorable(out.memorable, out.fields)
    values: dict[str, Any] = {}
    notes: dict[str, list[str]] = {}
    fields = out.fields

    intro = _texts(out.intro)
    values["intro"] = intro or None
    values["summary"] = out.summary
    for key in TEXT_FIELDS:
        values[key] = _texts(fields[key]) if key in fields else None
    for key in STRING_LIST_FIELDS:
        values[key] = _texts(fields.get(key, []))

    readers: dict[str, Callable[[str], Any]] = {
        "cast": cast.read_cast,
        "quotes": items.read_quote,
        "director_films": items.read_film,
        "recommendations": items.read_film,
    }
    for key, reader in readers.items():
        values[key], unread, lines = _read_list(fields.get(key, []), reader)
        if unread:
            notes[key] = unread
        if key == "cast":
            values[key] = cast.orient_cast(lines, values[key], partial(_prose, fields, out))
    award_lines = [b.text for b in fields.get("awards", []) if b.kind == "item"]
    values["awards"], unread_awards = items.read_awards(award_lines)
    award_notes = [b.text for b in fields.get("awards", []) if b.kind != "item"] + unread_awards
    if award_notes:
        notes["awards"] = award_notes
    # A heading with nothing under it (a newsletter box's title, its form gone) is no section.
    out.extras[:] = [extra for extra in out.extras if extra.paragraphs or extra.items]
    values["extra_sections"] = out.extras
    values["section_notes"] = notes

    if not any(fields.values()) and not out.summary and not out.memorable and not out.extras:
        raise ArticleError("the article's sections are all empty", path=name)
    title, year, directors = _identity(out, hints, intro, fields, name=name, headlines=(shaped, bare))
    values["extra_sections"], parted = _parts_as_cast(out.extras, notes)
    if not values["cast"] and "cast" not in fields and hints.page.starring:
        values["cast"] = [CastMember(actor=actor) for actor in hints.page.starring]
    elif not values["cast"] and (paired := cast.cast_pairs(notes.get("cast", []))):
        values["cast"] = paired  # a grid of cast cards: an actor's line over a character's, in turn
        del notes["cast"]
    elif notes.get("cast"):
        # Entries written as lines of text ("<p><b>Emily Blunt</b> as Evelyn</p>", or a list's
        # last entry) are entries still; else the cast is read from the section's sentences,
        # which stay as its notes.
        lines = [line for line in notes["cast"] if cast.cast_line(line) is not None]
        entries = cast.orient_cast(
            lines, _take_lines(notes, "cast", cast.cast_line), partial(_prose, fields, out)
        )
        entries += [m for m in map(cast.cast_lead, notes.get("cast", [])) if m is not None]
        if entries or values["cast"]:
            values["cast"] = _with_characters(values["cast"] + entries, notes.get("cast", []))
        else:
            values["cast"] = cast.cast_in_prose(notes["cast"])
    values["cast"] += [m for m in parted if m.actor not in {c.actor for c in values["cast"]}]
    values["cast"] = _described_apart(values["cast"], notes)
    if notes.get("quotes"):  # "Quint: “Y'know the thing about a shark …”" written as a paragraph
        values["quotes"] += _take_lines(notes, "quotes", items.quote_line)
    for key in ("director_films", "recommendations"):
        if not values[key] and notes.get(key):
            values[key] = facts.films_in_prose(notes[key], exclude=title)
    values.update(title=title, year=year, directors=directors, slug=hints.slug, origin=hints.origin)
    _derived_sections(values, fields, hints, title, out.credits_headings)
    try:
        return Guide(**values)
    except ValueError as error:  # pydantic's ValidationError; say it in one line
        raise ArticleError(f"invalid guide: {str(error).splitlines()[0]}", path=name) from None


def _known_film(out: Collected, hints: Hints, shaped: list[Any], bare: list[Any]) -> bool:
    """An article with no heading the template knows is still read when its film is known."""
    if hints.title:
        return True
    sentence = facts.read_heading_sentence(_opening(out.intro), "").title
    candidates = [h.title for h in shaped + bare] + ([sentence] if sentence else [])
    return any(titles.in_catalog(c) for c in candidates)


def _identity(
    out: Collected,
    hints: Hints,
    intro: list[str],
    fields: dict[str, list[Block]],
    *,
    name: str,
    headlines: tuple[list[Any], list[Any]] = ([], []),
) -> tuple[str, int | None, list[str]]:
    """Title, year and directors: the hints first, then the headline and first sentence (checked
    against the catalog, see :func:`titles.choose`), then the sections and the page's title."""
    shaped, bare = headlines
    first = _opening(out.intro)
    rest_blocks = [t for t in intro if t != first] + [b.text for blocks in fields.values() for b in blocks]
    rest = "\n".join(rest_blocks)
    heading = facts.read_heading_sentence(first, rest, title=hints.title)
    title = hints.title
    if not title:
        answers = [b.text for key in ("post_credits", "ending", "film_type") for b in fields.get(key, [])]
        others = [facts.title_from_sections(answers), *(h.title for h in bare)]
        title = titles.choose(heading.title, shaped, others)
        title = titles.catalog_casing(title) if title else title  # "BLADE RUNNER ENDING EXPLAINED"
        if not shaped and titles.doubtful(title):
            # no headline read, and no candidate the catalog knows: the one catalog film the
            # first sentence names, however it is worded ("In Fargo (1996), …", "… is Fargo.")
            title = titles.catalog_title_in(facts.first_sentence(first), rest) or title
        if not title and not shaped and not bare:
            title = hints.page_title  # today's last resort, for pages with no headline shape
    if not title:
        raise ArticleError(
            "cannot tell which film the article is about (no title in its headline or first "
            "sentence); give it with --title",
            path=name,
        )
    if not hints.title:
        if heading.title and titles.subtitled(heading.title, title):
            title = heading.title  # "Glass Onion" in the headline, "Glass Onion: A Knives Out Mystery" below
        if not (heading.title and titles.same_title(title, heading.title)):
            first, heading = _introduction(out.intro, first, rest, title, heading)
        if heading.title and not titles.same_title(title, heading.title):
            # The first sentence is about something else: what it owns ("Chef Slowik's last
            # course") is no film of a director's.
            heading = facts.read_heading_sentence(first, rest, title=title, owner_only=True)
            heading = facts.Heading(
                title=title, year=_headline_year(title, shaped, bare, hints), directors=heading.directors
            )
    # Our Markdown's front matter gives the year, "year: null" included: then there is none.
    given = "year" in hints.given
    year = hints.year if given else _read_year(title, heading, first, hints, (shaped, bare))
    if year is None and not given:
        year = _year_after_opening(out.intro, first)
    if hints.directors is not None:
        directors = hints.directors
    else:
        directors = (
            heading.directors or hints.page.directors or facts.directed_by(first) or out.heading_directors[:1]
        )
    return title, year, directors


def _introduction(
    intro: list[Block], first: str, rest: str, title: str, heading: facts.Heading
) -> tuple[str, facts.Heading]:
    """The intro's paragraph that introduces the film the headline names, and its reading: a
    standfirst copied above it ("Chef Slowik's last course has a few surprises …") is not it.
    The first paragraph stays where no later one names the film as its subject."""
    for block in intro:
        if block.kind != "paragraph" or block.text == first or title.casefold() not in block.text.casefold():
            continue
        # the rest of the article without this paragraph, as the first one is read
        found = facts.read_heading_sentence(block.text, rest.replace(block.text, "", 1))
        # "Deadpool & Wolverine, the 2024 team-up directed by Shawn Levy, is …": the title, and
        # what it is set off by commas
        if found.title and (titles.same_title(title, found.title) or found.title.startswith(f"{title}, ")):
            return block.text, found
        # "The Mist arrived in cinemas in 2007, …": the film is the subject, of a verb the first
        # sentence's reading does not know
        if block.text.startswith((f"{title} ", f"{title}, ")):
            return block.text, found
    return first, heading


def _read_year(
    title: str, heading: facts.Heading, first: str, hints: Hints, headlines: tuple[list[Any], list[Any]]
) -> int | None:
    """The year the article states: the hints', the first sentence's, the headline's, the intro's."""
    year = hints.year if hints.year is not None else heading.year
    if year is None and not hints.title:
        year = _headline_year(title, *headlines, hints)
    if year is None:
        year = facts.described_year(first, title)
    return year


def _described_apart(members: list[CastMember], notes: dict[str, list[str]]) -> list[CastMember]:
    """Each entry with its character's name alone; who the character is ("Lee Smith, a veteran
    war photographer"), as the article wrote it, follows as a note of the cast."""
    kept: list[CastMember] = []
    for member in members:
        member, note = cast.described(member)
        kept.append(member)
        if note is not None:
            notes.setdefault("cast", []).append(note)
    return kept


def _year_after_opening(intro: list[Block], first: str) -> int | None:
    """The year the paragraph after the opening one gives, naming the film "the 2023 film"."""
    texts = [b.text for b in intro if b.kind == "paragraph"]
    at = texts.index(first) if first in texts else -1
    return facts.anaphoric_year(texts[at + 1]) if 0 <= at < len(texts) - 1 else None


def _opening(intro: list[Block]) -> str:
    """The article's opening paragraph, where its first sentence names the film: the intro's first
    paragraph, not a list of key points above it (else the intro's first block)."""
    for block in intro:
        if block.kind == "paragraph":
            return block.text
    return intro[0].text if intro else ""


def _headline_year(title: str, shaped: list[Any], bare: list[Any], hints: Hints) -> int | None:
    """The year a headline ("X (2000) Movie Explained") or the infobox states for this title."""
    for headline in shaped + bare:
        if headline.year is not None and titles.same_title(headline.title, title):
            return int(headline.year)
    return hints.page.year


def _derived_sections(
    values: dict[str, Any], fields: dict[str, list[Block]], hints: Hints, title: str, headings: list[str]
) -> None:
    """The object sections, with the facts read from their prose (or given by the hints)."""
    if "post_credits" in fields:
        text = _texts(fields["post_credits"])
        if "post_credits" in hints.given:
            answer = hints.post_credits
        else:
            # The section's answer, else the intro's ("Does X have one? Yes, …" above it), else a
            # heading's ("What Happens in the Post-Credits Scene?" over the scene's description).
            answer = credits.has_scenes(text)
            if answer is None:
                answer = credits.has_scenes(values["intro"] or [])
            if answer is None and credits.heading_grants_scene(headings):
                answer = True
            # else the headline's: "Yes, X Has a Post-Credits Scene", "X Mid-Credits Scene Explained"
            if answer is None and (headline := hints.page.headline or hints.page_title):
                answer = None if headline.rstrip().endswith("?") else credits.has_scenes([headline])
                if answer is None and credits.heading_grants_scene([headline, headline.partition(": ")[0]]):
                    answer = True
        values["post_credits"] = PostCredits(has_scenes=answer, text=text)
    elif "post_credits" not in hints.given and (said := _stated_scenes(values)) is not None:
        # No section on it, but the article says whether there is a scene after the credits:
        # the reader's quick answer, with no text of its own (the sentence stays where it stands).
        values["post_credits"] = PostCredits(has_scenes=said, text=[])
    if "film_type" in fields:
        text = _texts(fields["film_type"])
        values["film_type"] = FilmType(text=text, genres=_given(hints.genres, lambda: facts.genres(text)))
    if "music" in fields:
        text = _texts(fields["music"])
        found_composers = _given(hints.composers, lambda: facts.composers(text))
        artists = _given(
            hints.featured_artists, lambda: facts.featured_artists(text, exclude=found_composers)
        )
        values["music"] = Music(text=text, composers=found_composers, featured_artists=artists)
    if "locations" in fields:
        text = _texts(fields["locations"])
        values["locations"] = Locations(
            text=text, places=_given(hints.places, lambda: facts.places(text, exclude=[title]))
        )
    others = [
        *(values["intro"] or []),
        *(values["inspirations"] or []),
        *values["behind_the_scenes"],
        *values["trivia"],
    ]
    if "adaptation" in fields:
        text = _texts(fields["adaptation"])
        source: dict[str, Any] | None = hints.source
        if "source" not in hints.given:
            found = sources.adapted_source(text, others, film_title=title)
            source = found.model_dump() if found else None
        values["adaptation"] = Adaptation(text=text, source=source)
    elif "source" not in hints.given and (stated := sources.stated_source(others, film_title=title)):
        # No section on the adaptation, but the article says what the film is based on: the
        # reader's quick answer, with no text of its own (the sentence stays where it stands).
        values["adaptation"] = Adaptation(text=[], source=stated)


def _stated_scenes(values: dict[str, Any]) -> bool | None:
    """What the ending, intro, verdict and other sections say of a scene after the credits."""
    extras = [p for section in values["extra_sections"] for p in section.paragraphs]
    paragraphs = [*(values["ending"] or []), *(values["intro"] or []), *(values["why_watch"] or []), *extras]
    return credits.stated_scenes(paragraphs)


def _given(hint: list[str] | None, derive: Callable[[], list[str]]) -> list[str]:
    return list(hint) if hint is not None else derive()


__all__ = ["STRING_LIST_FIELDS", "TEXT_FIELDS", "FilmRef", "Hints", "build_guide"]
