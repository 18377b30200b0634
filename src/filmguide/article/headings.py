"""Which guide field a heading names, across the variants articles of this template use."""

from __future__ import annotations

import functools
import re
import unicodedata

from filmguide.article.meanings import HEADING_MEANINGS, HEADING_NUMBER, SPOILER_MARK
from filmguide.text import has_full_stop

#: The heading the writer uses for each field; readers accept these and the variants below.
CANONICAL: dict[str, str] = {
    "summary": "Detailed Summary",
    "ending": "Movie Ending",
    "post_credits": "Are There Post-Credits Scenes?",
    "film_type": "Type of Movie",
    "cast": "Cast",
    "music": "Film Music and Composer",
    "locations": "Filming Locations",
    "awards": "Awards and Nominations",
    "behind_the_scenes": "Behind the Scenes Insights",
    "inspirations": "Inspirations and References",
    "alternate_endings": "Alternate Endings and Deleted Scenes",
    "adaptation": "Book Adaptations and Differences",
    "memorable": "Memorable Scenes and Quotes",
    "key_scenes": "Key Scenes",
    "quotes": "Iconic Quotes",
    "easter_eggs": "Easter Eggs and Hidden Details",
    "trivia": "Trivia",
    "why_watch": "Why Watch?",
    "director_films": "Director’s Other Movies",
    "recommendations": "Recommended Films for Fans",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "plot summary",
        "detailed plot summary",
        "plot",
        "the plot",
        "synopsis",
        "plot synopsis",
        "story",
        "the story",
        "plot overview",
        "story summary",
        "full summary",
    ),
    "ending": (
        "ending",
        "the ending",
        "ending explained",
        "the ending explained",
        "movie ending explained",
        "film ending",
        "how it ends",
        "the ending, explained",
        "ending, explained",
    ),
    "post_credits": (
        "post-credits scenes",
        "post-credits scene",
        "post credits scenes",
        "post credit scenes",
        "is there a post-credits scene",
        "are there any post-credits scenes",
        "is there a post credits scene",
        "are there post credits scenes",
        "after-credits scenes",
        "end-credits scenes",
        "mid-credits scenes",
    ),
    "film_type": (
        "type of film",
        "genre",
        "genres",
        "what kind of movie is it",
        "what type of movie is it",
        "movie type",
        "film type",
        "genre and tone",
    ),
    "cast": (
        "main cast",
        "the cast",
        "cast and characters",
        "cast & characters",
        "cast and crew",
        "cast list",
        "who's in it",
        "the actors",
        "actors and characters",
        "the actors and their characters",
        "full cast",
        "full cast list",
        "starring",
        "principal cast",
        "the main cast",
        "key cast",
        "characters and cast",
    ),
    "music": (
        "music and composer",
        "music",
        "soundtrack",
        "score",
        "the score",
        "music and soundtrack",
        "soundtrack and score",
        "film music",
        "film score",
        "score and soundtrack",
        "the music",
    ),
    "locations": (
        "locations",
        "filming location",
        "where was it filmed",
        "shooting locations",
        "where was it shot",
        "production locations",
    ),
    "awards": (
        "awards",
        "accolades",
        "awards and accolades",
        "awards & nominations",
        "awards and recognition",
        "nominations",
        "awards and honors",
    ),
    "behind_the_scenes": (
        "behind the scenes",
        "behind-the-scenes",
        "behind-the-scenes insights",
        "behind the scenes facts",
        "behind-the-scenes facts",
        "production",
        "production notes",
        "making of",
        "the making of",
    ),
    "inspirations": (
        "inspirations",
        "influences",
        "references",
        "inspirations and influences",
        "influences and references",
        "inspiration",
    ),
    "alternate_endings": (
        "alternate endings",
        "alternate ending",
        "deleted scenes",
        "alternative endings",
        "alternate ending and deleted scenes",
        "alternative endings and deleted scenes",
    ),
    "adaptation": (
        "book adaptation and differences",
        "book adaptation",
        "book adaptations",
        "adaptation",
        "book vs movie",
        "book vs. movie",
        "book vs. film",
        "book vs film",
        "source material",
        "the book",
        "novel vs film",
        "adaptation and differences",
        "differences from the book",
    ),
    "memorable": (
        "memorable scenes & quotes",
        "key scenes and quotes",
        "scenes and quotes",
        "best scenes and quotes",
        "memorable moments and quotes",
    ),
    "key_scenes": ("memorable scenes", "best scenes", "key moments", "memorable moments"),
    "quotes": (
        "quotes",
        "memorable quotes",
        "famous quotes",
        "best quotes",
        "iconic lines",
        "memorable lines",
        "notable quotes",
    ),
    "easter_eggs": ("easter eggs", "hidden details", "easter eggs & hidden details"),
    "trivia": ("fun facts", "did you know", "trivia and fun facts", "interesting facts"),
    "why_watch": (
        "why watch it",
        "why you should watch",
        "why you should watch it",
        "why watch this movie",
        "why watch this film",
        "is it worth watching",
        "should you watch it",
        "verdict",
    ),
    "director_films": (
        "director's other films",
        "other films by the director",
        "other movies by the director",
        "more from the director",
        "more by the director",
        "the director's other films",
        "the director's other movies",
        "director's other works",
        "also by the director",
    ),
    "recommendations": (
        "recommended films",
        "recommended movies",
        "recommended movies for fans",
        "recommendations",
        "similar movies",
        "similar films",
        "films like this",
        "movies like this",
        "if you liked this",
        "what to watch next",
        "watch next",
        "recommended films for fans of this movie",
    ),
}

#: Headings that mention the film or director by name ("Why Watch Midnight Cowboy?").
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ending", re.compile(r"^(?:the )?.{1,80} ending,? explained$")),
    ("ending", re.compile(r"^(?:the )?ending of .{1,80}(?: explained)?$")),
    (
        "post_credits",
        re.compile(
            r"^(?:is|are) there (?:any )?(?:post|after|mid|end)[- ]credits? scenes?"
            r"(?: in .{1,80})?$"
        ),
    ),
    (
        "post_credits",
        re.compile(r"^does .{1,80} have (?:a |any )?(?:post|after|mid|end)[- ]credits? scenes?$"),
    ),
    ("why_watch", re.compile(r"^why (?:you should )?watch .{1,80}$")),
    ("why_watch", re.compile(r"^why .{1,80} is worth watching$")),
    ("director_films", re.compile(r"^(?:other|more) (?:movies|films) (?:by|from) .{1,60}$")),
    ("director_films", re.compile(r"^.{1,60}'s other (?:movies|films|works)$")),
    ("recommendations", re.compile(r"^(?:movies|films) like .{1,80}$")),
    ("recommendations", re.compile(r"^if you (?:liked|loved|enjoyed) .{1,80}$")),
    ("recommendations", re.compile(r"^recommended (?:movies|films) for fans of .{1,80}$")),
    ("cast", re.compile(r"^(?:the )?cast of .{1,80}$")),
    ("trivia", re.compile(r"^.{1,80} trivia$")),
    ("music", re.compile(r"^.{1,80} (?:soundtrack|score)$")),
    ("summary", re.compile(r"^.{1,80} (?:plot summary|summary)$")),
)

_LOOKUP: dict[str, str] = {}
_MAX_PATTERN_WORDS = 16
_MEANINGS = tuple((key, re.compile(pattern)) for key, pattern in HEADING_MEANINGS)


def normalize_heading(text: str) -> str:
    """Fold the ways one heading is written: case, apostrophes, dashes, a trailing ``?`` or ``:``,
    and an emoji or arrow set before it ("📖 What Happens at the End?", "▶ Cast")."""
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = " ".join(text.split())
    if text and not text[0].isalnum():
        text = _without_marks(text)
    return text.rstrip("?:.! ").strip()


#: The kinds of character an emoji or an arrow before a heading is made of (symbols, and the
#: joiners and variation selectors of emoji sequences).
_MARK_CATEGORIES = frozenset({"So", "Sk", "Sm", "Mn", "Cf", "Co"})


def _without_marks(text: str) -> str:
    """``text`` without the symbols it opens with (a quotation mark, a "#" or a bullet stays)."""
    at = 0
    while at < len(text) and (text[at] == " " or unicodedata.category(text[at]) in _MARK_CATEGORIES):
        at += 1
    return text[at:] if at < len(text) else text


def _build_lookup() -> None:
    for key, heading in CANONICAL.items():
        _LOOKUP[normalize_heading(heading)] = key
    for key, aliases in _ALIASES.items():
        for alias in aliases:
            _LOOKUP.setdefault(normalize_heading(alias), key)


_build_lookup()


@functools.lru_cache(maxsize=4096)
def match_heading(text: str) -> str | None:
    """The field a heading names (``memorable`` for the scenes-and-quotes container), or None."""
    stripped = text.strip()
    # A sentence inside is no heading; a list number's ". " is no sentence ("2. The Ending").
    unnumbered = HEADING_NUMBER.sub("", stripped, count=1) if stripped[:1].isdigit() else stripped
    if len(stripped) > 120 or stripped.endswith((".", "!", ",", ";", "…")) or has_full_stop(unnumbered):
        return None
    norm = normalize_heading(stripped)
    key = _LOOKUP.get(norm)
    if key is not None:
        return key
    if len(norm.split()) > _MAX_PATTERN_WORDS:
        return None
    numbered = HEADING_NUMBER.sub("", norm, count=1)
    if numbered != norm and numbered in _LOOKUP:
        return _LOOKUP[numbered]
    for key, pattern in _PATTERNS:
        if pattern.match(norm):
            return key
    unquoted = numbered.replace('"', "").replace("“", "").replace("”", "")
    for key, pattern in _MEANINGS:
        if pattern.match(unquoted):
            return key
    unmarked = SPOILER_MARK.sub("", norm) if "spoiler" in norm else norm
    if unmarked != norm and unmarked:
        return match_heading(unmarked)
    # A heading that asks or names its section, then says more: "Does X Have an End-Credits
    # Scene? Here's What Happens", "Ending Explained: What Happens to Smoke?"
    head, said, _ = stripped.partition("? ") if "? " in stripped else stripped.partition(": ")
    return match_heading(head) if said and head else None


_DIRECTOR_IN_HEADING = (
    re.compile(r"^(?P<name>.{3,60}?)['’]s? other (?:movies|films|works)\??$", re.IGNORECASE),
    re.compile(r"^(?:other|more) (?:movies|films) (?:by|from) (?P<name>.{3,60}?)\??$", re.IGNORECASE),
)


def director_in_heading(text: str) -> str | None:
    """The director a "Mike Figgis’s Other Movies" style heading names, if it names one."""
    for pattern in _DIRECTOR_IN_HEADING:
        found = pattern.match(text.strip())
        if found:
            name = found.group("name").strip()
            generic = name.casefold().replace("’", "'") in {"director", "the director", "director's"}
            if not generic and name[:1].isupper():
                return name
    return None


def is_known_heading(text: str) -> bool:
    """A heading the template names outright (a canonical heading or an alias), not one read by
    a pattern: a related-posts link such as "Pleasantville Ending Explained" is not."""
    return normalize_heading(text) in _LOOKUP
