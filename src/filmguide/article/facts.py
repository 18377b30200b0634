"""Facts a guide derives from an article's prose: title, year and director, genres, composers and
artists, the cast and films named in sentences, places, whether there are post-credits scenes
(the adapted work: :mod:`filmguide.article.sources`).

Every reader here only reports what the text states; where the text is silent the fact stays
empty, and the catalog (or the editor's front matter) may fill it later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from filmguide.article.blocks import lowered_for_words
from filmguide.article.fact_words import NOT_NAMES, NOT_PLACES, REGIONS, STUDIO_NAMES, STUDIO_WORDS
from filmguide.article.names import NAME, PROSE_LIMIT
from filmguide.article.names import POSSESSIVE as _POSSESSIVE
from filmguide.article.names import POSSESSIVE_END as _POSSESSIVE_END
from filmguide.article.names import POSSESSIVE_SPACE as _POSSESSIVE_SPACE
from filmguide.article.names import UPPER as _UPPER
from filmguide.article.phrases import Worded, pattern
from filmguide.model import FilmRef
from filmguide.text import sentences, split_title_year


def _prose(paragraphs: Iterable[str]) -> str:
    """The section's paragraphs as one text, cut at :data:`PROSE_LIMIT`."""
    out: list[str] = []
    size = 0
    for paragraph in paragraphs:
        out.append(paragraph[: PROSE_LIMIT - size])
        size += len(out[-1]) + 1
        if size >= PROSE_LIMIT:
            break
    return " ".join(out)


# --- title, directors and year ------------------------------------------------------------------

_FIRST_SENTENCE_LIMIT = 600
_IS = re.compile(
    r"\s(?:is|was|remains|stands as|has become|tells|follows|sends|sees|stars|explores|takes|"
    r"centers on|centres on|chronicles|depicts|revolves around|focuses on|tracks|opens|begins|"
    r"turned|turns|picks up|brings|introduces|returns|closes|ends|won|wins|delivers|offers|"
    r"has (?:a|an|one|two|three|no|both))\s"
)
_PERSON = re.compile(rf"^{NAME}$")


@dataclass(frozen=True, slots=True)
class Heading:
    """What the first sentence says: the film's title, its year and its director."""

    title: str | None
    year: int | None
    directors: list[str]


def _possessive_splits(subject: str) -> list[tuple[str, str]]:
    """Every way to read ``subject`` as "Owner’s Title", leftmost owner first."""
    splits = []
    for found in _POSSESSIVE_SPACE.finditer(subject):
        owner, title = subject[: found.start()].strip(), subject[found.end() :].strip()
        if owner and title:
            splits.append((owner, title))
    return splits


def mentions(text: str, phrase: str) -> int:
    """How often ``phrase`` stands as whole words in ``text`` (no regex: titles differ per article,
    and compiling a pattern for each would cost more than the whole search)."""
    return sum(1 for _ in _whole_words_at(text, phrase))


def _whole_words_at(text: str, phrase: str) -> Iterator[int]:
    """Where ``phrase`` starts in ``text`` as whole words (no letter or digit joined on either side)."""
    if not phrase:
        return
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(phrase, start + 1)


def first_sentence(first_paragraph: str) -> str:
    """The article's first sentence ("" for none), where the title, year and director stand."""
    return next(iter(sentences(first_paragraph[:_FIRST_SENTENCE_LIMIT])), "")


def read_heading_sentence(
    first_paragraph: str, rest: str, *, title: str | None = None, owner_only: bool = False
) -> Heading:
    """Read title, year and director from the article's first sentence.

    "Mike Figgis’s Leaving Las Vegas is …" gives the title after the possessive and the director
    before it. A title that has a possessive of its own ("Schindler’s List") is told apart by how
    often each reading recurs in the rest of the article. ``owner_only``: with ``title`` given,
    a director only where the sentence's possessive owns that title.
    """
    head = first_paragraph[:_FIRST_SENTENCE_LIMIT]
    rest = rest[: PROSE_LIMIT * 10]
    ends = [m.start() for m in (_IS.search(head),) if m] + [
        m.end() for m in (_SUBJECT_YEAR.search(head),) if m
    ]
    if not ends:
        return Heading(title=title, year=None, directors=[])
    subject = head[: min(ends)].strip()
    if title is not None:
        # A given title still leaves the first sentence's director standing: the editor corrected
        # the title, not who made the film.
        directors = _director_before(subject, title, within=owner_only)
        if not directors and not owner_only:
            directors = read_heading_sentence(first_paragraph, rest).directors
        return Heading(title=title, year=split_title_year(subject)[1], directors=directors)
    subject, year = split_title_year(subject)
    candidates: list[tuple[str, str | None]] = [(subject, None)]
    candidates += [(t, owner) for owner, t in _possessive_splits(subject)]
    counts = [mentions(rest, split_title_year(t)[0]) for t, _ in candidates]
    best = max(counts)
    chosen: tuple[str, str | None] | None = None
    if best > 0:
        for (candidate, owner), count in zip(candidates, counts, strict=True):
            if count * 2 >= best:
                chosen = (candidate, owner)
                break
    if chosen is None:
        chosen = candidates[1] if len(candidates) > 1 else candidates[0]
    found_title, owner = chosen
    found_title, inner_year = split_title_year(found_title)
    directors = [owner] if owner and _PERSON.match(owner) and owner.casefold() not in STUDIO_NAMES else []
    return Heading(title=found_title or None, year=year or inner_year, directors=directors)


_YEAR = r"((?:18[89]|19\d|20[0-4])\d)"
#: A title's year in brackets ends the first sentence's subject whatever verb follows ("Christopher
#: Nolan's Oppenheimer (2023) closes on …"): the verbs _IS knows are only the common ones.
_SUBJECT_YEAR = re.compile(r"\((?:18[89]|19\d|20[0-4])\d\)")
#: Before the title: "… 2016 science fiction drama <title>", "released in 2016, <title>".
_YEAR_BEFORE = re.compile(
    rf"(?:\b{_YEAR}\s+(?:[\w’'-]+\s+){{0,4}}|\b(?:[Rr]eleased|[Pp]remiered|[Cc]ame out)\s+in\s+{_YEAR},?\s+)$"
)
#: After the title: "<title> (2016)", "<title> is a 2016 science fiction film", "<title> is the
#: 2020 thriller …", "<title> is Illumination's 2023 comedy", "<title>, Christopher Nolan's 2020
#: spy puzzle, …", "<title>, the 2016 …".
#: (Sources compiled when first used, as these two are: a name's pattern is dear to compile, and
#: most articles give their year and director before either is asked.)
_YEAR_AFTER = (
    rf"\s*\({_YEAR}\)|\s+(?:is|was)\s+(?:(?:a|an|the)\s+|{NAME}{_POSSESSIVE}\s+){_YEAR}\b"
    rf"|,\s+(?:(?:a|an|the)\s+|{NAME}{_POSSESSIVE}\s+){_YEAR}\b"
    # "<title>, which Jon Favreau directed in 2008, …"
    rf"|,\s+which\s+{NAME}\s+directed\s+(?:[^,.]{{0,60}}?\s+)?in\s+{_YEAR}\b"
    # "<title> arrived in cinemas in 2007", "<title> was released in 2007", "<title> came out in 2007"
    r"|\s+(?:was\s+released|came\s+out|arrived|opened|premiered|debuted|hit\s+(?:cinemas|theaters|theatres))"
    rf"(?:\s+in\s+(?:cinemas|theaters|theatres))?\s+in\s+{_YEAR}\b"
)


def described_year(first_paragraph: str, title: str) -> int | None:
    """The year the first sentence gives the film where the title is described by it:
    "Denis Villeneuve’s 2016 science fiction drama Arrival", "the 2016 film Arrival", "Arrival
    (2016)" anywhere in it, "Released in 2016, Arrival …". Nothing is read from a year that
    stands apart from the title ("In 2016, …")."""
    sentence = first_sentence(first_paragraph)
    for at in _whole_words_at(sentence, title):
        found = _YEAR_BEFORE.search(sentence[max(0, at - 80) : at]) or pattern(_YEAR_AFTER).match(
            sentence, at + len(title)
        )
        if found:
            return int(next(year for year in found.groups() if year))
    return None


#: The film named by what it is, opening the paragraph after the first: "The 2023 film follows …".
_ANAPHORIC_YEAR = re.compile(rf"^(?:The|This)\s+{_YEAR}\s+(?:film|movie|feature|picture)\b")


def anaphoric_year(paragraph: str) -> int | None:
    """The year a paragraph gives the film it opens on by naming it "the 2023 film", the way the
    paragraph after an article's first goes on about the film that one introduced."""
    found = _ANAPHORIC_YEAR.match(paragraph)
    return int(found.group(1)) if found else None


def directed_by(first_paragraph: str) -> list[str]:
    """The directors the first sentence names by "directed by" ("… a 2016 science fiction film
    directed by Denis Villeneuve …") or as the film's owner after its verb ("… is Rian Johnson's
    second Benoit Blanc film"), for an article whose first sentence has no possessive subject."""
    sentence = first_sentence(first_paragraph)
    found = _DIRECTED_BY.search(sentence) if "irected by" in sentence else None
    if found is None:
        owned = _OWNERS_FILM.search(sentence) or _FILM_BY.search(sentence)
        owned = owned or pattern(_OWNER_AFTER).match(sentence)
        name = (owned.group("name") or owned.group("directed")) if owned else None
        return [name] if name and _is_director_name(name) else []
    names = [n.strip() for n in _SPLIT_NAMES.split(found.group("names")) if n.strip()]
    # After the first, a one-word "name" is the sentence going on ("Directed by Denis
    # Villeneuve, Arrival (2016) stars …").
    names = names[:1] + [n for n in names[1:] if " " in n]
    return [n for n in _shared_surnames(names) if n.split()[0] not in NOT_NAMES]


def _shared_surnames(names: list[str]) -> list[str]:
    """Siblings credited together share the surname written once: "Danny and Michael Philippou"
    are Danny Philippou and Michael Philippou ("Joel and Ethan Coen")."""
    if len(names) < 2 or " " not in names[-1]:
        return names
    surname = names[-1].split()[-1]
    return [f"{name} {surname}" if " " not in name else name for name in names]


#: "… a science fiction film by Denis Villeneuve", "the 2016 film from Denis Villeneuve".
_FILM_BY = re.compile(
    rf"\b(?:film|movie|feature|drama|thriller|comedy|epic|western|musical|debut|picture)\s+"
    rf"(?:by|from)\s+(?:(?:writer|filmmaker|director|auteur)(?:-director)?\s+)?(?P<name>{NAME})"
)


def _is_director_name(name: str) -> bool:
    """A person's full name, not a studio's ("a film from A24", "from Warner Bros. Pictures")."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and words[0] not in NOT_NAMES
        and words[-1].rstrip(".").casefold() not in STUDIO_WORDS
        and _PERSON.match(name) is not None
    )


#: "… is Rian Johnson's second Benoit Blanc film", "… was Michael Mann's 1995 crime epic".
_OWNERS_FILM = re.compile(
    rf"\b(?:is|was|marks)\s+(?P<name>{NAME}){_POSSESSIVE}\s+(?:[\w-]+\s+){{0,5}}?"
    r"(?:film|movie|feature|debut|follow-up|sequel|picture|thriller|drama|comedy|tragicomedy|epic|western|"
    r"musical|satire|biopic|documentary|horror|mystery|romance|fable|fantasy|melodrama|chiller|noir)\b"
)


#: The owner set after the title by a comma, with the film's year: "Tenet, Christopher Nolan's
#: 2020 spy puzzle, asks …" (the year tells a film's maker from "Tenet, Neil's story, …").
_OWNER_AFTER = (
    rf"[^,]{{1,100}},\s+(?:(?P<name>{NAME}){_POSSESSIVE}\s+{_YEAR}\b"
    # "Iron Man, which Jon Favreau directed in 2008, …"
    rf"|which\s+(?P<directed>{NAME})\s+directed\b)"
)


def _director_before(subject: str, title: str, *, within: bool = False) -> list[str]:
    """With a title given, the director is whoever owns it in the first sentence, if anyone;
    ``within``: or owns words that end or start with it ("Denis Villeneuve's 2016 drama
    Arrival", "Martin Scorsese's Shutter Island spends two hours …", a subject read too long)."""
    folded = title.casefold()
    for owner, rest in _possessive_splits(subject):
        owned = split_title_year(rest)[0].casefold()
        around = within and (owned.endswith(" " + folded) or owned.startswith(folded + " "))
        if (owned == folded or around) and _PERSON.match(owner):
            return [owner]
    return []


_TITLE_IN_SECTIONS = (
    re.compile(r"^(?:No|Yes),\s+(?P<title>.{1,100}?)\s+(?:does|doesn’t|doesn't|has|have|do|includes?)\b"),
    re.compile(r"^The ending of (?P<title>.{1,100}?)\s+(?:is|was)\b"),
    re.compile(r"^(?P<title>.{1,100}?)\s+is an?\s"),
)


def title_from_sections(paragraphs: Iterable[str]) -> str | None:
    """A last resort when the first sentence names no title: "No, X does not …", "The ending of X"."""
    for paragraph in paragraphs:
        for shape in _TITLE_IN_SECTIONS:
            found = shape.match(paragraph)
            if found and found.group("title")[:1].isupper():
                return found.group("title").strip()
    return None


# --- genres -------------------------------------------------------------------------------------


def _plain_words(alternation: str) -> tuple[str, ...] | None:
    """The words of a plain ``a|b|c`` pattern, one of which any match holds; None when it uses
    other syntax."""
    if any(mark in alternation for mark in "()[]?*+.^$\\{}"):
        return None
    return tuple(alternation.split("|"))


_GENRES: tuple[tuple[str, str], ...] = (
    (r"romantic|romance", "Romance"),
    (r"drama|dramatic", "Drama"),
    (r"tragedy|tragic", "Tragedy"),
    (r"comedy|comedic|comic", "Comedy"),
    (r"thriller", "Thriller"),
    (r"horror", "Horror"),
    (r"crime|gangster|heist|noir", "Crime"),
    (r"war film|war movie|war drama|war epic|wartime", "War"),
    (r"western", "Western"),
    (r"musical", "Musical"),
    (r"documentary", "Documentary"),
    (r"science fiction|science-fiction|sci-fi", "Science Fiction"),
    (r"fantasy", "Fantasy"),
    (r"animated|animation", "Animation"),
    (r"adventure", "Adventure"),
    (r"action", "Action"),
    (r"mystery", "Mystery"),
    (r"biographical|biopic|biography", "Biography"),
    (r"historical|period piece|period drama|history", "History"),
    (r"sports? (?:drama|film|movie)", "Sport"),
    (r"satire|satirical", "Satire"),
    (r"coming-of-age|coming of age", "Coming of Age"),
    (r"family film|family movie", "Family"),
)
_GENRE_PATTERNS = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), name, _plain_words(p)) for p, name in _GENRES]


def genres(paragraphs: list[str]) -> list[str]:
    """Genres the "Type of Movie" text names, in the order of a fixed vocabulary.

    A genre none of whose words the lower-cased text holds is not searched for."""
    text = _prose(paragraphs)
    lowered = lowered_for_words(text)
    return [
        name
        for pattern, name, words in _GENRE_PATTERNS
        if (lowered is None or words is None or any(w in lowered for w in words)) and pattern.search(text)
    ]


# --- people in prose ----------------------------------------------------------------------------

_NAME_LIST = rf"(?P<names>{NAME}(?:\s*,\s*{NAME})*(?:,?\s+(?:and|&)\s+{NAME})?)"
_DIRECTED_BY = re.compile(rf"\b[Dd]irected by\s+{_NAME_LIST}")
#: Bands keep their ampersand: "Penny & the Quarters", "Simon & Garfunkel".
_BAND = rf"{NAME}(?:\s+&\s+(?:the\s+)?{NAME})?"
_BAND_LIST = rf"(?P<names>{_BAND}(?:\s*,\s*{_BAND})*(?:,?\s+and\s+{_BAND})?)"


_SCORE_VERBS = ("composed", "wrote", "scored", "created", "provides", "provided", "delivers", "delivered")
_WROTE_SCORE = (
    rf"\s+(?:{'|'.join(_SCORE_VERBS)})\s+(?:the|its|a|an)\s+(?:[\w'’-]+\s+){{0,3}}?"
    r"(?:score|music|soundtrack)"
)
_THEIR_SCORE = rf"{_POSSESSIVE}\s+(?:[\w-]+\s+){{0,2}}?score"
_COMPOSER_PATTERNS: list[Worded] = [
    (
        ("composed", "scored", "written and performed", "orchestrated"),
        rf"\b(?:composed|scored|written and performed|orchestrated)\s+by\s+{_NAME_LIST}",
    ),
    (
        ("score", "music", "soundtrack"),
        rf"\b(?:score|music|soundtrack)\s+(?:\w+\s+){{0,3}}?by\s+{_NAME_LIST}",
    ),
    (("omposer",), rf"\b[Cc]omposers?\s+{_NAME_LIST}"),
    (_SCORE_VERBS, _NAME_LIST + _WROTE_SCORE),
    (("score",), _NAME_LIST + _THEIR_SCORE),
]
#: The composer patterns that start with a list of names (tried at every capital letter of a
#: long text: the dearest of the fact readers) and the pattern their rest must match somewhere
#: in the text first: a text lacking the rest ("wrote the … score") cannot hold the whole.
_NAME_LED_RESTS = {
    source: rest
    for (_, source), rest in zip(_COMPOSER_PATTERNS[-2:], (_WROTE_SCORE, _THEIR_SCORE), strict=True)
}
_ARTIST_PATTERNS: list[Worded] = [
    (("eatured artists",), rf"\b[Ff]eatured artists\s+(?:include|including|are)\s+{_BAND_LIST}"),
    (
        ("songs", "tracks", "recordings"),
        rf"\b(?:songs|tracks|recordings)\s+(?:\w+\s+){{0,2}}?(?:by|from)\s+{_BAND_LIST}",
    ),
    (("features",), rf"\bfeatures\s+(?:songs|tracks)\s+(?:by|from)\s+{_BAND_LIST}"),
    # “Immigrant Song” by Led Zeppelin
    (("” by", '" by'), rf"[“\"][^”\"]{{1,80}}[”\"]\s+by\s+{_BAND_LIST}"),
    # Led Zeppelin’s “Immigrant Song”, Sting’s song “…”
    (
        ("’s “", "'s “", "'s \"", '’s "', "’s song", "'s song", "’s track", "'s track", "’s hit", "'s hit"),
        rf"(?P<names>{_BAND}){_POSSESSIVE}\s+(?:(?:song|track|hit|single|classic|anthem)\s+)?[“\"]",
    ),
]
_SPLIT_NAMES = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_SPLIT_BANDS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _names(patterns: list[Worded], text: str, *, split: re.Pattern[str], bands: bool = False) -> list[str]:
    """Names the patterns find, in the order the text gives them, each person once; ``bands``:
    a name may start with "The" ("The Smiths")."""
    hits: list[tuple[int, int, str]] = []
    for needed, source in patterns:
        if not any(map(text.__contains__, needed)):
            continue
        rest = _NAME_LED_RESTS.get(source)
        if rest is not None and pattern(rest).search(text) is None:
            continue
        for match in pattern(source).finditer(text):
            start = match.start("names")
            for order, name in enumerate(split.split(match.group("names"))):
                name = _POSSESSIVE_END.sub("", name.strip()).strip()
                words = name.split()
                if words and (words[0] not in NOT_NAMES or (bands and words[0] == "The" and len(words) > 1)):
                    hits.append((start, order, name))
    found: list[str] = []
    for _, _, name in sorted(hits):
        if _same_person(name, found):
            continue
        fuller = [i for i, other in enumerate(found) if name.endswith(" " + other)]
        if fuller:
            found[fuller[0]] = name
        else:
            found.append(name)
    return found


def _same_person(name: str, known: Iterable[str]) -> bool:
    """ "Mancini" after "Henry Mancini" is the same person, named again by surname."""
    return any(name == other or other.endswith(" " + name) for other in known)


def composers(paragraphs: list[str]) -> list[str]:
    return _names(_COMPOSER_PATTERNS, _prose(paragraphs), split=_SPLIT_NAMES)


def featured_artists(paragraphs: list[str], *, exclude: Iterable[str] = ()) -> list[str]:
    skip = list(exclude)
    return [
        n
        for n in _names(_ARTIST_PATTERNS, _prose(paragraphs), split=_SPLIT_BANDS, bands=True)
        if not _same_person(n, skip)
    ]


#: "The Insider (1999)", "Public Enemies (2009)": a title in capitals (small words inside it), then
#: its year in brackets.
_FILM_IN_PROSE = re.compile(
    rf"(?P<title>[{_UPPER}0-9][\w'’:&!-]*(?:\s+(?:[{_UPPER}0-9][\w'’:&!-]*|of|the|a|an|and|in|on|to|"
    r"for|with|at|from|or|vs\.?)){0,8})\s+\((?P<year>(?:18[89]|19\d|20[0-4])\d)\)"
)


def films_in_prose(paragraphs: list[str], *, exclude: str = "") -> list[FilmRef]:
    """The films a list section names in sentences rather than as a list ("Mann also directed The
    Insider (1999), Ali (2001) and Public Enemies (2009)"), each once, in order; ``exclude``: the
    guide's own film ("Fans of Heat (1995) will love …")."""
    found: list[FilmRef] = []
    for paragraph in paragraphs:
        if "(" not in paragraph:
            continue
        for match in _FILM_IN_PROSE.finditer(paragraph[:PROSE_LIMIT]):
            words = match.group("title").split()
            # "Then The Insider", "Fans of Heat": the sentence's words before the title go.
            while len(words) > 1 and (words[0] in _NOT_TITLE_OPENERS or words[0][0].islower()):
                words = words[1:]
            title, year = " ".join(words), int(match.group("year"))
            known = [exclude.casefold(), *(f.title.casefold() for f in found)]
            if words[0] not in _NOT_TITLE_OPENERS and title.casefold() not in known:
                found.append(FilmRef(title=title, year=year))
    return found


#: Capitalised words that open a sentence before a title, never a title's first word themselves.
_NOT_TITLE_OPENERS = frozenset(
    {"Then", "Also", "Like", "Try", "See", "Watch", "Both", "Including", "Fans", "Viewers", "Anyone"}
)


# --- places -------------------------------------------------------------------------------------

_PLACE_NAME_WORD = rf"(?:St\.|Mt\.|Ft\.|[{_UPPER}][\w’'\-]*)"
#: A place's word, with an elided article or particle: "Val d'Orcia", "Côte d’Azur".
_PLACE_WORD = rf"(?:{_PLACE_NAME_WORD}|[dl]['’][{_UPPER}][\w’'\-]*|of|the|de|del|la|le|on|upon)"
_PLACE = rf"{_PLACE_NAME_WORD}(?:\s+{_PLACE_WORD}){{0,5}}"
_PLACE_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:in\s+|on\s+|at\s+)?(?:the\s+)?"
_PLACE_LIST = rf"(?P<places>{_PLACE}(?:{_PLACE_JOIN}{_PLACE})*)"
_PLACE_LEAD = re.compile(
    r"\b(?:in|on|at|around|across|near|throughout|outside|inside|along|to|(?:streets|district|gates?|"
    r"city|town|village|outskirts|suburbs|neighbou?rhood|island|county|province|region|area|heart|"
    r"centre|center|ruins|site) of)\s+(?:the\s+)?" + _PLACE_LIST
)


def _join_regions(names: list[str]) -> list[str]:
    """Rejoin "City, Region" pairs that the comma split apart."""
    joined: list[str] = []
    for name in names:
        if joined and name in REGIONS and joined[-1] not in REGIONS and "," not in joined[-1]:
            joined[-1] = f"{joined[-1]}, {name}"
        else:
            joined.append(name)
    return joined


_PLACE_TAIL = re.compile(r"\s+(?:of|the|de|del|la|le|on|upon)$")
_PLACE_SPLIT = re.compile(_PLACE_JOIN)


def _trim_place(place: str) -> str:
    place = _PLACE_TAIL.sub("", place.strip())
    return place.strip(" ,.")


def places(paragraphs: list[str], *, exclude: Iterable[str] = ()) -> list[str]:
    """Capitalised place names led by a preposition ("shot in Las Vegas", "on Fremont Street")."""
    skip = {e.casefold() for e in exclude}
    found: list[str] = []
    for paragraph in paragraphs:
        for match in _PLACE_LEAD.finditer(paragraph[:PROSE_LIMIT]):
            pieces = _PLACE_SPLIT.split(match.group("places"))
            for place in _join_regions([_trim_place(p) for p in pieces]):
                first = place.split()[0] if place else ""
                if not place or first in NOT_PLACES or place.casefold() in skip or place in found:
                    continue
                found.append(place)
    return found
