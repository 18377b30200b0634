"""How film writing writes a person's name, as pieces of patterns the fact readers share
(:mod:`filmguide.article.facts`, :mod:`filmguide.article.sources`)."""

from __future__ import annotations

import re

#: The capital letters a name's word starts with, accented ones included.
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
#: One capitalised word of a name: "Figgis", "O’Brien", "McQueen", "Tautou", "St.", "Jean-Pierre".
WORD = rf"(?:(?:Jr|Sr|Dr|Mr|Mrs|Ms|St)\.|[{UPPER}](?:\.[{UPPER}])*\.|[{UPPER}][\w’'\-]*)"
PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|le|la|du|dos|bin|el|al)"
NAME = rf"{WORD}(?:\s+(?:{PARTICLE}\s+)*{WORD}){{0,4}}"
POSSESSIVE = r"(?:’s|'s|’|')"
#: A possessive ending a name ("Figgis’s"), and one followed by a space ("Figgis’s film").
POSSESSIVE_END = re.compile(rf"{POSSESSIVE}$")
POSSESSIVE_SPACE = re.compile(rf"{POSSESSIVE}\s")

#: Facts are read from the first characters of a section's prose only: no film's music or
#: locations section is longer, and it keeps a pathological article (one 5 MB line) fast.
PROSE_LIMIT = 20_000

#: Words a character's name opens with and a person's does not ("Agent Smith", "The Oracle",
#: "Dr. Grace Augustine"), case-folded: how a cast list written character first is told apart.
CHARACTER_OPENINGS = frozenset(
    [
        "the",
        "agent",
        "dr",
        "dr.",
        "doctor",
        "detective",
        "det.",
        "captain",
        "capt.",
        "colonel",
        "col.",
        "general",
        "gen.",
        "sergeant",
        "sgt.",
        "officer",
        "professor",
        "prof.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "lord",
        "lady",
        "king",
        "queen",
        "prince",
        "princess",
        "uncle",
        "aunt",
        "father",
        "mother",
        "sister",
        "brother",
        "young",
        "old",
        "little",
        "big",
        "chief",
        "commander",
        "major",
        "lieutenant",
        "lt.",
        "judge",
        "sheriff",
        "deputy",
        "nurse",
        "coach",
        "principal",
        "grandma",
        "grandpa",
        "mister",
        "madame",
        "sir",
    ]
)
