"""Which film an article is about: its title read from the headline, ``og:title``, ``<title>``
(minus the site's name), an infobox or the first sentence, checked against the open catalog.

Real sites put the film's name in the headline far more reliably than in the first sentence
("The Ending of ‘Nope’ Explained", "Does Iron Man 2 Have a Post-Credits Scene?"), and a first
sentence may open with a clause ("At its core, …") that is never a title. The shapes are data
(:data:`filmguide.article.headline_shapes.HEADLINES`); this module only applies them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from filmguide.article.blocks import PageFacts
from filmguide.article.facts import mentions
from filmguide.article.headline_shapes import (
    HEADLINE_WORDS,
    HEADLINES,
    OPENING_PHRASE_WORDS,
    SECTION_LABEL,
    SENTENCE_OPENINGS,
    TITLE_NEVER_ENDS,
    TITLE_SEPARATORS,
    TITLE_SMALL_WORDS,
    WIKI_SUFFIX,
)
from filmguide.article.phrases import pattern
from filmguide.slugs import slugify_title
from filmguide.text import split_title_year

_QUOTES = "\"'‘’“”"
_LONGEST_TITLE = 100
_MOST_WORDS = 12


@dataclass(frozen=True, slots=True)
class Headline:
    """A film's title read from a headline, and the kind of article the headline announces
    (``ending``, ``post_credits``, ``cast``… or ``None`` when the headline is the bare title)."""

    title: str
    year: int | None
    kind: str | None


@functools.lru_cache(maxsize=4096)
def looks_like_title(text: str, *, in_headline: bool = False) -> bool:
    """A film's title, not a sentence: short, no closing full stop, no clause, title case.
    Cached: every candidate of every article is asked, the same ones several times.

    "Requiem for a Dream", "WALL-E" and "(500) Days of Summer" pass; "At its core, Jordan
    Peele's latest horror film" and "When a Japanese passenger plane" do not. ``in_headline``:
    the title stands where a headline's shape names the film ("X Ending Explained"), where a
    title in title case may open like a sentence ("It Follows", "There Will Be Blood", "Once
    Upon a Time in Hollywood"); a word alone so ("It") only where the catalog knows the film.
    """
    stripped = text.strip()
    words = stripped.split()
    if not words or len(stripped) > _LONGEST_TITLE or len(words) > _MOST_WORDS:
        return False
    if stripped.endswith((".", ",", ";")):
        return False
    if SENTENCE_OPENINGS.match(stripped) and not (in_headline and _opens_a_title(words, stripped)):
        return False
    if ", " in stripped and len(words) > 4:
        return False
    if len(words) == 1 and stripped.casefold() in TITLE_SMALL_WORDS:  # "The Review" is no film "The"
        return False
    if len(words) > 1 and words[-1].casefold().strip(_QUOTES) in TITLE_NEVER_ENDS:
        return False
    lower = [
        w
        for w in words[1:]
        if w[:1].isalpha() and w[:1].islower() and w.casefold().strip(_QUOTES) not in TITLE_SMALL_WORDS
    ]
    first = words[0].lstrip(_QUOTES + "(")
    return not lower and bool(first) and not first[:1].islower()


def _opens_a_title(words: list[str], title: str) -> bool:
    """Whether a title in a headline's shape that opens like a sentence is a film's: several
    words whose second is no linking verb ("It Follows", not "There Are Two", "It Was the Best"),
    or a film the catalog knows ("It", "This Is Spinal Tap")."""
    if len(words) > 1 and words[1].casefold() not in _LINKING_VERBS:
        return True
    return in_catalog(title)


#: A sentence's second word after "There", "It", "This": "There Are Two Post-Credits Scenes".
_LINKING_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "isn't", "aren't", "wasn't"})


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text.strip(" :-–—")


@functools.lru_cache(maxsize=1024)
def read_headline(text: str | None) -> Headline | None:
    """The film a headline names by one of the known shapes, with the kind of article.

    Cached (its answer is frozen): a WordPress post's title is read as the post's title and again
    as its page's ``h1``, and trying the shapes costs about 0.13 ms a headline."""
    if not text or not HEADLINE_WORDS.search(text):
        return None
    text = _LEADING_MARKS.sub("", text.strip())  # "🎬 Heat Ending Explained", "▶ …"
    unlabelled = SECTION_LABEL.sub("", text)  # "Movies | Past Lives Ending Explained"
    found = _shaped(unlabelled)
    if found is None and unlabelled != text:  # "Sinners ending explained | Does Smoke die?"
        found = _shaped(text.partition(" |")[0].strip()) or _barred(text)
    if found is None and "? " in text:  # "Is Deckard a Replicant? Blade Runner's Ending Explained"
        found = _shaped(text.rpartition("? ")[2])
    return found


_LEADING_MARKS = re.compile(r"^[^\w\"'‘’“”(\[]+")
#: Words a headline's kind is named by, never a film's whole title ("Ending Explained | Heat").
_KIND_WORDS = frozenset({"ending", "explained", "review", "recap", "cast", "trivia", "summary", "spoilers"})


def _barred(text: str) -> Headline | None:
    """A title and its article's kind on either side of a bar: "Ending Explained | Blade Runner
    (1982)", "Blade Runner | Ending Explained"."""
    parts = [part.strip() for part in text.split(" | ")]
    if len(parts) != 2:
        return None
    for kind_part, title_part in (parts, parts[::-1]):
        kind = _shaped(f"X {kind_part}")
        film = bare_title(title_part)
        if kind is not None and kind.title == "X" and film is not None:
            return Headline(title=film.title, year=film.year, kind=kind.kind)
    return None


def _shaped(text: str) -> Headline | None:
    """The first of HEADLINES that reads ``text`` with a title-like title."""
    for kind, source in HEADLINES:
        found = pattern(source, re.IGNORECASE).match(text)
        if found is None:
            continue
        title, stated = split_title_year(_unquote(found.group("title")))  # "Heat (1995) –"
        year = found.group("year") or stated
        title, inner = _wiki_year(_unquote(_without_edition(_without_director(title))))
        if not year and not inner and title[-4:].isdigit():  # "Blade Runner 1982 Ending Explained"
            title, inner = _bare_year(title)
        # "Wicked (2024) Explained: Ending and" (read by the cast shape) names no film: a later
        # shape reads the headline right
        # nor does "Ending" ("Ending Explained | Heat"), nor a question before the headline ("Is
        # Deckard a Replicant? Blade Runner's Ending Explained" is read from after the question)
        if (
            looks_like_title(title, in_headline=True)
            and "explained" not in title.casefold()
            and title.casefold() not in _KIND_WORDS
            and not title.casefold().endswith(" ending")  # "It Ending Explained" names no film "It Ending"
            and "? " not in title
        ):
            return Headline(title=title, year=int(year) if year else inner, kind=kind)
    return None


#: A title led by a person's possessive: "Michael Mann's Heat".
_POSSESSED = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,2})['’]s\s+(?P<rest>\S.*)$")


def _without_director(title: str) -> str:
    """A headline's title without its director's possessive ("Michael Mann's Heat" → "Heat"),
    where the name is a director's in the catalog ("Ferris Bueller's Day Off" keeps its own)."""
    found = _POSSESSED.match(title) if "s " in title else None
    if found is None or found["name"].casefold() not in _catalog_directors():
        return title
    return found["rest"]


#: An edition's name after a title: "Blade Runner: The Final Cut", "Kingdom of Heaven (Director's Cut)".
_EDITION = re.compile(
    r"(?:\s*[:\-–—]\s*|\s+\(?)(?:the\s+)?(?:final cut|director['’]?s cut|extended (?:edition|cut)|"
    r"theatrical cut|redux|ultimate (?:edition|cut)|special edition|unrated (?:edition|cut))\)?$",
    re.IGNORECASE,
)


def _without_edition(title: str) -> str:
    """A headline's title without an edition's name, where the catalog knows the film and not the
    edition by that name ("Blade Runner: The Final Cut" is Blade Runner)."""
    found = _EDITION.search(title) if len(title) > 8 else None
    if found is None or in_catalog(title) or not in_catalog(base := title[: found.start()].strip()):
        return title
    return base


@functools.cache
def _catalog_directors() -> frozenset[str]:
    from filmguide.catalog import packaged_directors

    return packaged_directors()


def _wiki_year(title: str) -> tuple[str, int | None]:
    """ "Inception (2010 film)" → ("Inception", 2010); "Inception (film)" → ("Inception", None)."""
    found = WIKI_SUFFIX.search(title)
    if found is None:
        return title, None
    return title[: found.start()].strip(), int(found.group("year")) if found.group("year") else None


def _bare_year(title: str) -> tuple[str, int | None]:
    """A title with a year after it, no brackets ("Blade Runner 1982"): the title and the year
    where the catalog knows the film of that year and no film of the whole title ("Blade Runner
    2049" stays whole)."""
    head, _, tail = title.rpartition(" ")
    if head and _YEAR.fullmatch(tail) and not in_catalog(title) and in_catalog(head, int(tail)):
        return head, int(tail)
    return title, None


_YEAR = re.compile(r"(?:18[89]|19\d|20[0-4])\d")


def catalog_casing(title: str) -> str:
    """A title written in capitals ("BLADE RUNNER", from a headline in capitals) as the catalog
    writes it, where it knows the film, else in title case ("THE MENU" → "The Menu"; a short
    word alone, "JFK", "RRR", stays); any other title as it is."""
    if not title.isupper() or len(title) < 4:
        return _small_words_lowered(title)
    known = _catalog_films(title)
    return known[0][0] if known else _title_case(title)


def _small_words_lowered(title: str) -> str:
    """A title a headline wrote with every word capitalised ("Guardians Of The Galaxy Vol. 3", as
    some sites style headlines) with its small words as titles write them ("of the"); only where
    two small words or more were capitalised, so a title that capitalises one keeps it."""
    words = title.split(" ")
    inner = [
        i
        for i, w in enumerate(words[1:-1], start=1)
        if w in _CAPITALISED_SMALL and not _opens_subtitle(words[i - 1])
    ]
    if len(inner) < _CAPITALISED_SMALL_WORDS:
        return title
    return " ".join(w.lower() if i in inner else w for i, w in enumerate(words))


_CAPITALISED_SMALL = frozenset(
    w.capitalize()
    for w in ("of", "the", "and", "in", "on", "for", "to", "with", "at", "a", "an", "from", "by")
)
_CAPITALISED_SMALL_WORDS = 2


def _title_case(title: str) -> str:
    """Title case: small words lower-cased but the first and one opening a subtitle ("Thor: The
    Dark World")."""
    words = title.split(" ")
    cased = [
        word.lower()
        if i and word.lower() in TITLE_SMALL_WORDS and not _opens_subtitle(words[i - 1])
        else word[:1] + word[1:].lower()
        for i, word in enumerate(words)
    ]
    return " ".join(cased)


def _opens_subtitle(before: str) -> bool:
    """Whether the word after ``before`` opens a subtitle ("Thor: The Dark World", "Heat – The …")."""
    return before.endswith(":") or before in ("-", "–", "—")


def bare_title(text: str | None) -> Headline | None:
    """A headline that is the title itself (a wiki page's name, a cast page's ``h1``)."""
    if not text:
        return None
    title, year = _wiki_year(_unquote(text))
    if year is None and title.endswith(")"):  # a review's headline: "Blade Runner (1982)"
        title, year = split_title_year(title)
    return Headline(title=title, year=year, kind=None) if looks_like_title(title) else None


def film_line(text: str) -> bool:
    """A line that is a film's title alone, as a review's headline may be ("Blade Runner (1982)",
    which its closing bracket makes a paragraph of plain text): its year in brackets, or a film the
    catalog knows (a site's name, a menu's section, a byline's name are short lines too, and
    neither)."""
    if len(text) > _LONGEST_FILM_LINE or text.endswith("."):
        return False
    title, year = split_title_year(text)
    return looks_like_title(title) and (year is not None or in_catalog(title))


#: A film's title alone, with its year, is no longer than this.
_LONGEST_FILM_LINE = 80


def without_site_name(title_tag: str, site_name: str | None) -> str:
    """``<title>`` minus the site's name: "X Ending Explained | Screen Rant" → "X Ending Explained";
    of the parts left, the one that reads as a headline ("Movies - X Ending Explained - Site": a
    section's label before it), and the site's name before a colon ("Site: X Ending Explained")."""
    title = title_tag.strip()
    if site_name and title.casefold().startswith(f"{site_name.casefold()}: "):
        title = title[len(site_name) + 2 :].strip()
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site = slugify_title(site_name) if site_name else None
    kept = [p for p in parts if not (site and slugify_title(p) == site)]
    if len(kept) == len(parts):  # the site's name not stated: it is the last part
        kept = parts[:-1]
    if len(kept) > 1 and (shaped := [p for p in kept if read_headline(p) is not None]):
        return shaped[0]
    return " - ".join(kept) if kept else parts[0]


def page_headlines(page: PageFacts) -> tuple[list[Headline], list[Headline]]:
    """Titles the page's headlines name: those read by a known shape, then bare ones."""
    headline = page.headline
    if headline and page.title_tag and headline == page.title_tag.strip():  # no h1: the <title>'s
        headline = without_site_name(page.title_tag, page.site_name)
    texts = [headline, page.meta_title]
    if page.title_tag:
        texts.append(without_site_name(page.title_tag, page.site_name))
    if page.meta_title:
        texts.append(without_site_name(page.meta_title, page.site_name))
    return _read_each(read_headline, texts), _read_each(bare_title, [page.infobox_title, *texts])


def _read_each(read: Callable[[str | None], Headline | None], texts: list[str | None]) -> list[Headline]:
    """What ``read`` finds in each text, in order, reading a text the page repeats only once (the
    ``og:title`` is often the ``h1``, and the ``<title>`` the same with the site's name)."""
    found = {text: read(text) for text in dict.fromkeys(texts)}
    return [h for h in (found[text] for text in texts) if h is not None]


_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_Titles = dict[str, list[tuple[str, int | None]]]


def slug_letters(title: str) -> str | None:
    """The letters and digits of a title's slug, read without making the slug, for a title of
    ASCII characters alone: its slug keeps exactly these, lowercased, an ampersand read as
    "and" (a test holds it for every title of the catalog); ``None`` for any other title, whose
    slug only :func:`~filmguide.slugs.slugify_title` knows."""
    if not title.isascii():
        return None
    return _NOT_LETTERS.sub("", title.lower().replace("&", "and"))


@functools.cache
def _catalog_titles() -> tuple[_Titles, _Titles]:
    """The open catalog's (title, year) pairs, loaded once, when needed: those of ASCII titles by
    the letters of their slug, the others by their slug. Slugging all 3,200 titles took a
    ``filmguide parse`` longer than reading its article; a title is slugged here only when an
    article names a title with the same letters."""
    from filmguide.catalog import packaged_titles

    by_letters: _Titles = {}
    by_slug: _Titles = {}
    for title, year in packaged_titles():
        letters = slug_letters(title)
        if letters is None:
            by_slug.setdefault(slugify_title(title), []).append((title, year))
        else:
            by_letters.setdefault(letters, []).append((title, year))
    return by_letters, by_slug


def _catalog_films(title: str) -> list[tuple[str, int | None]]:
    """The catalog's films (its title as it writes it, and year) whose title has this title's slug."""
    slug = slugify_title(title)
    by_letters, by_slug = _catalog_titles()
    alike = by_letters.get(slug.replace("-", ""), [])
    return by_slug.get(slug, []) + [(other, year) for other, year in alike if slugify_title(other) == slug]


def _catalog_years(title: str) -> set[int | None]:
    """The years of the catalog's films whose title has this title's slug (none: an empty set)."""
    return {year for _, year in _catalog_films(title)}


def in_catalog(title: str, year: int | None = None) -> bool:
    """Whether the open catalog holds a film of this title (and of this year, give or take one)."""
    years = _catalog_years(title)
    if not years:
        return False
    return year is None or None in years or any(y is not None and abs(y - year) <= 1 for y in years)


#: A run of capitalised words, the small words of a title allowed between them ("Heat", "Leaving
#: Las Vegas", "Requiem for a Dream"): where a title may stand in a sentence.
_CAPITALISED_RUN = re.compile(
    r"[A-Z0-9][\w&:.’'-]*(?:\s+(?:(?:of|the|and|a|an|in|on|for|to|with|at|from|by|&)\s+)*[A-Z0-9][\w&:.’'-]*)*"
)
_POSSESSIVE_WORD = re.compile(r"['’]s?(?=\s|$)")


def doubtful(title: str | None) -> bool:
    """Whether a title read from a first sentence's shape may be its opening phrase's ("In Fargo",
    "Released in 1996, Fargo") or none was read, and the catalog knows no such film: then
    :func:`catalog_title_in` is asked (it costs a catalog lookup a run of capitals)."""
    if not title:
        return True
    opening = title.split(maxsplit=1)[0].casefold() in OPENING_PHRASE_WORDS or ", " in title
    return opening and not in_catalog(title)


def catalog_title_in(sentence: str, rest: str) -> str | None:
    """The one catalog film a sentence names, where its shape gave none: "Few crime films are as
    admired as Heat, …", "In Heat (1995), Michael Mann …" (not "In Heat"). Each run of capitalised
    words is asked whole (a possessive ends one: "Michael Mann's Heat"); the sentence's first word
    stands for a title only before a comma or a bracket ("Heat, Michael Mann's epic, …"), since any
    sentence opens with a capital ("It's been…"). Several films: the one the rest of the article
    names most, if one does; else none."""
    found: list[str] = []
    for run in _CAPITALISED_RUN.finditer(sentence):
        for at, part in _parts(run.group(), run.start()):
            title = part.rstrip(".:")
            if not title:
                continue
            if at == 0 and " " not in title and not sentence[len(title) :].lstrip().startswith((",", "(")):
                continue
            if in_catalog(title):
                found.append(title)
    distinct = list({slugify_title(title): title for title in found}.values())
    if len(distinct) <= 1:
        return distinct[0] if distinct else None
    counts = sorted(((mentions(rest, title), title) for title in distinct), reverse=True)
    return counts[0][1] if counts[0][0] > counts[1][0] else None


def _parts(run: str, start: int) -> list[tuple[int, str]]:
    """A capitalised run split at its possessives ("Michael Mann's Heat" → "Michael Mann",
    "Heat"), each with where it starts in the sentence; a run that opens the sentence also
    without its first word ("When Heat" → "Heat")."""
    parts: list[tuple[int, str]] = []
    at = 0
    for found in _POSSESSIVE_WORD.finditer(run):
        parts.append((start + at, run[at : found.start()].strip()))
        at = found.end()
    parts.append((start + at, run[at:].strip()))
    if start == 0 and " " in parts[0][1]:
        first, _, after = parts[0][1].partition(" ")
        parts.append((len(first) + 1, after))
    return [(at, part) for at, part in parts if part]


def same_title(a: str, b: str) -> bool:
    return slugify_title(a) == slugify_title(b)


def subtitled(full: str, short: str) -> bool:
    """Whether ``full`` is ``short`` with its subtitle ("Glass Onion: A Knives Out Mystery" of
    "Glass Onion"): a headline often shortens a title the first sentence gives whole."""
    head, colon, subtitle = full.partition(":")
    return bool(colon and subtitle.strip()) and looks_like_title(full) and same_title(head, short)


def choose(sentence: str | None, shaped: list[Headline], others: Iterable[str | None]) -> str | None:
    """The title: the first candidate the catalog knows, else the headline's reading when the
    first sentence disagrees or gives none, else the first sentence, else any other candidate."""
    sentence = sentence if sentence and looks_like_title(sentence) else None
    rest = [o for o in others if o and looks_like_title(o)]  # "Whether that final nod" is no title
    ordered = [*(h.title for h in shaped), *([sentence] if sentence else []), *rest]
    for candidate in ordered:
        if in_catalog(candidate):
            if sentence and same_title(candidate, sentence):
                return sentence
            return candidate
    if shaped and not (sentence and same_title(sentence, shaped[0].title)):
        return shaped[0].title
    return sentence or (rest[0] if rest else None)
