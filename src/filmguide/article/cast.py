"""Reading a guide's cast entries: "Actor as Character" and the dozen other ways sites write one,
a list's order (actor or character first), a cast grid's cards, an entry leading a paragraph.

Each reader returns ``None`` for a line it does not understand; the section reader then keeps the
line in ``section_notes`` so that nothing of the article is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from filmguide.article.fact_words import NOT_NAMES
from filmguide.article.items import CLOSE_QUOTES, OPEN_QUOTES
from filmguide.article.names import CHARACTER_OPENINGS, NAME, PROSE_LIMIT
from filmguide.article.names import PARTICLE as _PARTICLE
from filmguide.article.names import WORD as _WORD
from filmguide.article.phrases import pattern
from filmguide.model import CastMember

CAST_SEPARATORS = (" as ", " – ", " — ", " - ", ": ")
#: Separators a cast list's entry may use besides those (a credits list copied, "Actor plays
#: Character"), read in list entries only, where each side is short: a heading or a sentence
#: ("Why Giamatti Plays It Straight") is no entry.
_ENTRY_SEPARATORS = (" … ", " ... ", " plays ", " | ", " / ")
#: The separators a cast entry standing as a heading may use (in a cast section, a line of a
#: copied credits list reads as a heading): not " plays ", which a section's heading may hold.
HEADING_CAST_SEPARATORS = (*CAST_SEPARATORS, " … ", " ... ")
#: Inside a cast section, a line reads as its entry with these too ("Harrison Ford plays Rick
#: Deckard", "Harrison Ford | Rick Deckard", "Rick Deckard, played by Harrison Ford"), where a
#: title-case heading would write "Plays".
CAST_SECTION_SEPARATORS = (*HEADING_CAST_SEPARATORS, " plays ", " | ", " played by ", " voiced by ")
_SHORT_SIDE = 40
#: "Neo, played by Keanu Reeves", "Neo (played by Keanu Reeves)": the character first.
_PLAYED_BY = re.compile(
    r"^(?P<character>[^()]{1,80}?)\s*(?:,|[–—-]|:)?\s*\(?(?:played|portrayed|voiced) by\s+"
    r"(?P<actor>[^()]{1,80}?)\)?$"
)
#: "Keanu Reeves (Neo)": the actor, and the character in brackets.
_IN_BRACKETS = re.compile(r"^(?P<actor>[^()]{1,80}?)\s*\((?P<character>[^()]{1,80})\)$")
#: "Nicolas Cage stars as Ben": the verb before "as" is no part of the actor's name (after a full
#: name only).
_STARS_AS = re.compile(r"^(?P<actor>\S+(?:\s+\S+){1,3}?)\s+(?:stars|co-stars)$")
#: A character's name in quotation marks ("Nicolas Cage as “Ben Sanderson”"): short, no sentence.
_QUOTED_NAME = re.compile(r"^[\"“‘'](?P<name>[^\"“”‘’.!?]{1,40})[\"”’']$")
#: Notes in brackets after an actor's name that name no character.
_NOT_A_CHARACTER = frozenset(["voice", "uncredited", "cameo", "archive footage", "credit only", "narrator"])


def read_cast(line: str) -> CastMember | None:
    """``Nicolas Cage as Ben Sanderson``; also ``Actor – Character``, ``Actor: Character``,
    ``Actor … Character`` (a credits list copied), ``Actor plays Character``, ``Actor / Character``,
    ``Actor (Character)``
    and, the character first, ``Character, played by Actor``. Neither side is a quotation nor a
    number: "Sera: “I accepted him …”" is a quote, "Heat (1995)" a film."""
    member = _read_cast(line)
    if member is None or not _names_someone(member.actor):
        return None
    if member.character is not None and not _names_someone(member.character):
        return None
    if member.actor.endswith(")") or (member.character or "").endswith(")"):
        return _without_credit_notes(member)
    return member


#: A credit's note after a name, which names neither the actor nor the part: "Woody (voice)",
#: "Tom Hanks (uncredited)", "Caesar (motion capture)".
_CREDIT_NOTE = re.compile(
    r"\s*\((?:voice|voice role|voice only|uncredited|cameo|archive footage|archival footage|credit only|"
    r"motion capture|performance capture|voice and motion capture)\)$",
    re.IGNORECASE,
)


def _without_credit_notes(member: CastMember) -> CastMember:
    """The entry without a credit's notes on either side (the part stays the part)."""
    actor = _CREDIT_NOTE.sub("", member.actor) or member.actor
    character = member.character and (_CREDIT_NOTE.sub("", member.character) or member.character)
    return CastMember(actor=actor, character=character)


def _names_someone(side: str) -> bool:
    """Whether one side of a cast entry may name a person or a part: not a quotation, not a number."""
    if side[:1].isalpha():  # most names: settled at once
        return True
    if side.isdigit():
        return False
    return not (len(side) > 2 and side[0] in OPEN_QUOTES and side[-1] in CLOSE_QUOTES)


def _read_cast(line: str) -> CastMember | None:
    played = _PLAYED_BY.match(line)
    if played is not None:
        return CastMember(actor=played["actor"].strip(), character=played["character"].strip())
    for separator in CAST_SEPARATORS:
        actor, found, character = line.partition(separator)
        if found and actor.strip() and character.strip() and len(actor) <= 80:
            if separator == " as ":  # "Nicolas Cage stars as Ben", "… as “Ben Sanderson”"
                actor, character = actor.strip(), character.strip()
                # a full name only: "Chalamet returns as …" is prose
                starring = _STARS_AS.match(actor) if actor.endswith("stars") else None
                actor = starring["actor"] if starring else actor
                quoted = _QUOTED_NAME.match(character) if character[:1] in OPEN_QUOTES else None
                character = quoted["name"] if quoted else character
            return CastMember(actor=actor.strip(), character=character.strip())
    for separator in _ENTRY_SEPARATORS:
        actor, found, character = (part.strip() for part in line.partition(separator))
        if found and 0 < len(actor) <= _SHORT_SIDE and 0 < len(character) <= _SHORT_SIDE:
            return CastMember(actor=actor, character=character)
    bracketed = _IN_BRACKETS.match(line)
    if bracketed is not None:
        note = bracketed["character"].strip()
        if note[:3].casefold() == "as ":  # "Nicolas Cage (as Ben Sanderson)"
            note = note[3:].strip()
        if note.casefold() in _NOT_A_CHARACTER:
            return CastMember(actor=bracketed["actor"].strip(), character=None)
        return CastMember(actor=bracketed["actor"].strip(), character=note)
    if 0 < len(line) <= 60 and not line.endswith((".", "!", "?")):
        return CastMember(actor=line.strip(), character=None)
    return None


def _character_side(side: str, other: str) -> int:
    """+1 where ``side`` reads as a character's name beside ``other`` as a person's, -1 for the
    opposite, 0 where neither shows: a title opens a character's name ("Agent Smith"), and a
    one-word name beside a full one is the character's ("Neo" beside "Keanu Reeves")."""
    words, others = side.split(), other.split()
    if not words or not others:
        return 0
    if words[0].casefold() in CHARACTER_OPENINGS and others[0].casefold() not in CHARACTER_OPENINGS:
        return 1
    if others[0].casefold() in CHARACTER_OPENINGS and words[0].casefold() not in CHARACTER_OPENINGS:
        return -1
    if len(words) == 1 and 2 <= len(others) <= 3:
        return 1
    if len(others) == 1 and 2 <= len(words) <= 3:
        return -1
    return 0


def orient_cast(
    lines: list[str], members: list[CastMember], prose: Callable[[], str] | None = None
) -> list[CastMember]:
    """The cast list's entries with actor and character the right way round: a list written
    character first ("Neo (Keanu Reeves)", "Trinity – Carrie-Anne Moss") reads as one written actor
    first, so the list as a whole decides, by its entries that show which side is the character.
    Where none shows it ("Vincent Hanna: Al Pacino", two full names a side), the article's
    ``prose`` (its other sections, asked for only then) does: it tells of the characters, by name,
    far more often than of the actors. Entries whose words say the order ("as", "played by",
    "plays") are never turned."""
    turnable = [
        i
        for i, (line, member) in enumerate(zip(lines, members, strict=True))
        if member.character and not _SAYS_ORDER.search(line)
    ]
    votes = sum(_character_side(members[i].actor, members[i].character or "") for i in turnable)
    if votes == 0 and len(turnable) > 1 and prose is not None:
        votes = _told_of(prose(), [members[i] for i in turnable])
    if votes <= 0:
        return members
    turned = list(members)
    for i in turnable:
        actor, character = members[i].actor, members[i].character or ""
        turned[i] = CastMember(actor=character, character=actor)
    return turned


def _told_of(prose: str, members: list[CastMember]) -> int:
    """+1 where the article's prose names the entries' actor sides far more often than their
    character sides (the list was written character first), -1 for the opposite, 0 where it
    shows neither: each side counts the mentions of its most mentioned name word."""
    mentioned: dict[str, int] = {}
    for word in _NAME_WORD.findall(prose):
        mentioned[word] = mentioned.get(word, 0) + 1

    def told(side: str) -> int:
        words = [w for w in _NAME_WORD.findall(side) if w.casefold() not in CHARACTER_OPENINGS]
        return max((mentioned.get(w, 0) for w in words), default=0)

    actors = sum(told(m.actor) for m in members)
    characters = sum(told(m.character or "") for m in members)
    if actors >= _TOLD_OFTEN and actors > _TOLD_MORE * characters:
        return 1
    if characters >= _TOLD_OFTEN and characters > _TOLD_MORE * actors:
        return -1
    return 0


#: A name's word, as the prose writes it: capitalised, three letters or more.
_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]{2,}")
#: The prose tells of one side at least this often, and this many times more than of the other.
_TOLD_OFTEN = 3
_TOLD_MORE = 2


#: Words in a cast entry that say which side is the actor.
_SAYS_ORDER = re.compile(r"\s(?:as|plays|played by|portrayed by|voiced by)\s", re.IGNORECASE)


def cast_line(line: str) -> CastMember | None:
    """A line that is a cast entry written out of a list ("Tzi Ma: General Shang" as the last line
    of a copied cast section, "Greta Lee (Nora Moon)" as a line of text): short, not a sentence,
    actor and character on either side of a separator or the character in brackets; None
    otherwise."""
    if len(line) > _LONGEST_CAST_LINE or line.endswith((".", "!", "?")):
        return None
    if not any(separator in line for separator in CAST_SEPARATORS) and not _IN_BRACKETS.match(line):
        return None
    member = read_cast(line)
    return member if member is not None and member.character else None


#: A cast entry standing as a line of its own is at most this long.
_LONGEST_CAST_LINE = 80
#: "Zendaya as Chani – Her role grows …": an entry leading a paragraph about the part, the
#: entry's own words saying the order ("as"), then a dash or colon.
_CAST_LEAD = re.compile(r"^(?P<entry>[^.!?–—:]{3,80}?\s(?:as|plays)\s[^.!?–—:]{1,60}?)\s*(?:[–—:]|\s-)\s+\S")


def cast_lead(line: str) -> CastMember | None:
    """The entry a paragraph of a cast section opens with ("<b>Zendaya as Chani</b> – Her role
    grows …"), the paragraph staying as a note about the part; None for any other line."""
    found = _CAST_LEAD.match(line)
    if found is None or (len(line) <= _LONGEST_CAST_LINE and not line.endswith((".", "!", "?"))):
        return None
    member = read_cast(found["entry"])
    if member is None or not member.character or not pattern(_ACTOR).match(member.actor):
        return None  # "Chalamet returns as the exiled duke – …" names no entry
    return member


#: A character's name, then who the character is: "Lee Smith, a veteran war photographer",
#: "Jessie Cullen – an aspiring photographer" (never "the President of the United States").
_DESCRIBED = re.compile(
    r"^(?P<name>[^,–—()/]{1,50}?)(?:,\s+(?=(?:a|an|the|who|whose|his|her|their|one|now|once)\s)|\s+[–—-]\s+)"
    r"(?P<who>\S.*\s\S.*)$"
)
#: The words a character's name may hold uncapitalised ("Master of Ceremonies", "Anna de Vries").
_NAME_SMALL_WORDS = frozenset({"of", "the", "de", "da", "von", "van", "le", "la", "del", "and"})


def described(member: CastMember) -> tuple[CastMember, str | None]:
    """An entry whose character goes on to say who the character is ("Kirsten Dunst as Lee
    Smith, a veteran war photographer"): the entry with the name alone, and the character as the
    article gives it, for the cast's notes; the entry as it is (and None) otherwise."""
    character = member.character or ""
    found = (
        _DESCRIBED.match(character)
        if ", " in character or " – " in character or " — " in character or " - " in character
        else None
    )
    if found is None:
        return member, None
    words = found["name"].split()
    if len(words) > 5 or not all(w[:1].isupper() or w in _NAME_SMALL_WORDS for w in words):
        return member, None
    return member.model_copy(update={"character": found["name"].strip()}), member.character


#: A name, as a lead's actor must read (compiled when first used: a name's pattern is dear).
_ACTOR = rf"^{NAME}$"


#: Cards of a cast grid give this many names at least before their lines are read as pairs.
_FEWEST_CARDS = 2


def cast_pairs(lines: list[str]) -> list[CastMember] | None:
    """Lines that alternate an actor's name and the part ("Tom Cruise", "John Anderton", "Colin
    Farrell", …), as a grid of cast cards gives them once read (each card an actor's line over a
    character's): the entries, actor first as cards put them; None when the lines are anything
    else (a sentence, a line too long for a name, an actor's line that reads as no name)."""
    if len(lines) < 2 * _FEWEST_CARDS or len(lines) % 2:
        return None
    if any(len(line) > _LONGEST_CAST_LINE or line.endswith((".", "!", "?", ":", ",")) for line in lines):
        return None
    actors, characters = lines[::2], lines[1::2]
    if not all(pattern(_ACTOR).match(actor) for actor in actors):
        return None
    return [
        CastMember(actor=actor, character=character)
        for actor, character in zip(actors, characters, strict=True)
    ]


def write_cast(member: CastMember) -> str:
    return member.actor if member.character is None else f"{member.actor} as {member.character}"


# --- the cast in prose ---------------------------------------------------------------------------

#: "Chris Hemsworth returns as Thor", "with Tom Hiddleston as Loki", "Jeff Goldblum as the
#: Grandmaster", "Margot Robbie leads as Barbie", "Ariana Greenblatt plays her daughter Sasha": an
#: actor of two to five words, then "as" and a character named in capitals.
#: Words after "plays" that say how, or with whom, not what the part is ("plays opposite …").
_NOT_A_PART = (
    r"(?:opposite|alongside|with|against|in|on|for|to|off|up|down|both|again|himself|herself|"
    r"themselves|it|them|him|out|along|across|into|under|over|as|and|or|but|then|also|once|twice|"
    r"the|a|an|his|her|their|its)"
)
_CAST_IN_PROSE = re.compile(
    rf"(?P<actor>{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{1,4}})\s+"
    r"(?:(?:(?:returns|stars|appears|co-stars|is back|plays|is cast|was cast|leads|co-leads|shines|"
    r"turns up|steals scenes|steals the show)\s+)?as"
    r"|plays|portrays|voices)\s+"
    # "plays her daughter Sasha": the character is the name after who the part is to the others;
    # "plays the dark elf Malekith": after what the part is
    r"(?:(?:(?:his|her|their)\s+(?:[a-z-]+\s+){0,2}?|(?:the|a|an)\s+(?:[a-z-]+\s+){1,2}?"
    # "plays twin brothers Smoke and Stack": what the part is, with no article
    rf"|(?:(?!{_NOT_A_PART}\b)[a-z-]+\s+){{1,2}}?)(?=[A-Z]))?"
    rf"(?P<character>(?:the\s+)?{_WORD}(?:\s+(?:{_PARTICLE}\s+|of\s+|the\s+)*{_WORD}){{0,3}})"
)


def cast_in_prose(paragraphs: list[str]) -> list[CastMember]:
    """The actors and characters a cast section names in sentences rather than as a list
    ("Chris Hemsworth returns as Thor, with Tom Hiddleston as Loki and …", "Michelle Yeoh plays
    Evelyn Wang"), each actor once."""
    found: list[CastMember] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        if not any(word in paragraph for word in (" as ", " plays ", " portrays ", " voices ")):
            continue
        for match in _CAST_IN_PROSE.finditer(paragraph[:PROSE_LIMIT]):
            words = match.group("actor").split()
            while len(words) > 2 and words[0] in NOT_NAMES:  # "Then Chris Hemsworth returns as …"
                words = words[1:]
            actor = " ".join(words)
            if words[0] in NOT_NAMES or actor in seen:
                continue
            seen.add(actor)
            found.append(CastMember(actor=actor, character=match.group("character")))
    return found


#: Whom an actor named in a heading plays, as the text under it says with the actor's surname or
#: given name for subject: "Damon plays Mark Watney, …", "Ejiofor is Vincent Kapoor, …" (a
#: pronoun names no one: "She is Amazing in every scene" under "Final Thoughts").
_PART_PLAYED = re.compile(
    rf"(?:^|(?<=[\s(“\"]))(?P<subject>{_WORD})\s+(?:plays|portrays|voices|is|(?:stars|returns|appears) as)\s+"
    rf"(?P<character>{_WORD}(?:\s+(?:{_PARTICLE}\s+|of\s+|the\s+)*{_WORD}){{0,3}})"
)
#: A heading that may be a person's name alone: two to four words in capitals.
_PERSON = re.compile(rf"^{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{1,3}}$")


def part_played(actor: str, paragraphs: list[str]) -> str | None:
    """Whom ``actor`` (a cast guide's heading: "Matt Damon") plays, as the first paragraph under
    it says with a name of the actor's for subject; None where it does not say so."""
    if not paragraphs or not _PERSON.match(actor):
        return None
    names = set(actor.split())
    for found in _PART_PLAYED.finditer(paragraphs[0][:400]):
        if found["subject"] in names:
            return found["character"]
    return None


def part_heading(heading: str, paragraphs: list[str]) -> CastMember | None:
    """The cast entry a section headed by an actor's name gives, where its text says whom the
    actor plays ("Austin Butler": "Austin Butler plays Feyd-Rautha, …"; "Matt Damon": "Damon
    plays Mark Watney, …"), as a cast guide heads each part; None for any other section."""
    member = next((m for m in cast_in_prose(paragraphs) if m.actor == heading), None)
    if member is not None:
        return member
    character = part_played(heading, paragraphs)
    return CastMember(actor=heading, character=character) if character else None
