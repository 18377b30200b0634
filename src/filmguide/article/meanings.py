"""How a headline, a heading and a post-credits answer say what they mean, as patterns kept apart
from the readers that apply them (titles.py, headings.py, facts.py, shapes.py).

Everything here is data: the shapes of headlines that name a film ("X Ending Explained"), the
headings matched by meaning ("Where Was X Filmed?"), and the sentences that say whether there is a
scene in the credits. Page furniture is in :mod:`.phrases`.
"""

from __future__ import annotations

import re

# --- headlines: the film's title inside an article's headline --------------------------------------

_Q = "[\"'‘’“”]"
_T = r"(?P<title>.{1,90}?)"
#: A title that holds no colon and no "explained" (see the topic-list shape).
_TN = r"(?P<title>(?:(?!explained\b)[^:]){1,90}?)"
#: The title in a question-led headline: the question mark ends it.
_TQ = r"(?P<title>[^?]{1,90}?)"
_Y = r"(?:\s*\((?P<year>1[89]\d\d|20\d\d)(?:\s+(?:film|movie))?\))?"
_CREDITS = r"(?:post|after|mid|end|ending)[- ]?credits?"
#: A title-first shape's cue words, one of which its headline must hold: a lookahead that settles
#: most headlines at once, before the title is tried at every length (about 6 µs a shape, and 35
#: for the ending shape with its kinds of ending).
_NEEDS: dict[str, str] = {
    words: rf"(?=.*?\b(?:{words}))"
    for words in (
        "explained",
        "ending",
        "credit",
        "filming",
        "cast",
        "trivia|facts",
        "summary|recap|synopsis",
        "twist",
        "review",
        "who",
        "quotes|soundtrack|songs|easter|awards",
        "questions",
        "true|real",
    )
}
#: What a headline may call the ending it explains: "Identity’s Twist Ending, Explained".
_ENDING_KINDS = (
    r"(?:twist|final|shocking|surprise|big|bleak|ambiguous|open|dark|haunting|mind-bending|wild|sad|"
    r"tragic|confusing|controversial|real|true)"
)
_PARTS = (
    r"(?:ending|plot|story|cast|meaning|trivia|themes?|symbolism|characters|summary|twist|timeline|"
    r"post-credits scenes?)"
)

#: What a headline may list of a film after its title ("Whiplash cast, filming locations and
#: true story", "The Thing (1982): Ending, Trivia and Key Scenes").
_TOPICS = (
    r"(?:ending|plot\s+summary|plot|story|cast|meaning|trivia|themes?|symbolism|summary|twist|timeline|"
    r"(?:filming\s+)?locations|(?:true|real)\s+story|real\s+history|soundtrack|music|songs|awards|quotes|key\s+scenes|"
    r"easter\s+eggs|post-credits\s+scenes?|release\s+date|box\s+office|budget|runtime|review)"
)
_TOPIC_LIST = rf"(?:the\s+)?{_TOPICS}(?:(?:,\s*|,?\s+(?:and|&)\s+)(?:the\s+)?{_TOPICS}){{1,7}}"

#: Every headline shape holds one of these: a cheap test before the shapes are tried.
HEADLINE_WORDS = re.compile(
    r"explain|ending|credit|filmed|shot|location|cast|star|plays|played|actor|behind|fact|thing|secret|detail|trivia|"
    r"quote|song|soundtrack|music|score|oscar|award|easter|"
    r"summar|recap|synops|review|based|inspired|question|\bdie|survive|lives|alive|dead|true|real|"
    r"\bends?\b|decod|unpack|demystif|[\"'‘’“”]|\((?:1[89]|20)\d\d\)",
    re.IGNORECASE,
)
#: Headline shapes that name the film, with the kind of article each announces, tried in this
#: order (compiled as they are first tried: :func:`pattern`). Matched against the headline with
#: case ignored; ``title`` (and ``year`` where given) name the film.
HEADLINES: tuple[tuple[str | None, str], ...] = (
    # Several parts explained ("Heat: Cast, Plot and Ending Explained") before the ending shapes,
    # which would read "Heat: Cast, Plot and" as the title.
    (
        "explained",
        rf"^{_NEEDS['explained']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:(?:the\s+)?{_PARTS}(?:,\s*|\s+(?:and|&)\s+|\s+)){{2,6}}explained\b",
    ),
    (
        "ending",
        rf"^(?:explained:\s+)?(?:the\s+)?ending\s+of\s+{_Q}?{_T}{_Q}?{_Y}"
        r"(?:,?\s+(?:explained|finally explained)\b|$)",
    ),
    # "Explaining the Ending of X", "The Meaning Behind the Ending of X", "Why the Ending of X Is …"
    (
        "ending",
        r"^(?:explaining|understanding|decoding|unpacking|breaking\s+down|the\s+meaning\s+(?:behind|of))"
        rf"\s+the\s+ending\s+of\s+{_Q}?{_TQ}{_Q}?{_Y}\??$",
    ),
    ("ending", rf"^why\s+the\s+ending\s+of\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:is|was|works|matters|still)\b.*$"),
    # "Ending Explained: Identity (2003)"
    ("ending", rf"^(?:the\s+)?ending,?\s+explained\s*[:\-–—|]\s*{_Q}?{_T}{_Q}?{_Y}$"),
    # Question-led shapes first: their question ends the title ("How Does Get Out End? The Ending …").
    (
        "ending",
        rf"^(?:here['’]s\s+)?what\s+(?:really\s+|actually\s+)?(?:happens|happened)\s+at\s+the\s+end\s+of\s+"
        rf"{_Q}?{_TQ}{_Q}?{_Y}(?:\?.*|\s*[:\-–—].*)?$",
    ),
    ("ending", rf"^how\s+does\s+{_Q}?{_TQ}{_Q}?{_Y}\s+end\b"),
    ("ending", rf"^what\s+does\s+the\s+ending\s+of\s+{_Q}?{_TQ}{_Q}?{_Y}\s+(?:really\s+)?mean\b"),
    # "Who Dies in John Wick 4? Ending Explained", "What Happens at the End of X? …"
    (
        "ending",
        rf"^(?:who\s+dies|who\s+survives|what\s+happens)\s+(?:in|at\s+the\s+end\s+of)\s+{_Q}?{_TQ}{_Q}?{_Y}\?"
        r"\s*(?:[:\-–—]\s*)?(?:the\s+)?ending,?\s+explained\b",
    ),
    (
        "ending",
        rf"^(?:here['’]s\s+)?what\s+the\s+ending\s+of\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:really\s+|actually\s+)?means?\b",
    ),
    # "Identity's Twist Ending, Explained": the kind of ending is tried only where the headline
    # names one (trying the kinds at every length of the title cost five shapes' time)
    (
        "ending",
        rf"^(?=.*?\b{_ENDING_KINDS}\s+ending\b){_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s*(?:[:\-–—]\s*)?(?:the\s+)?"
        rf"(?:movie\s+|film\s+)?{_ENDING_KINDS}\s+ending,?\s+(?:explained|meaning|decoded|unpacked|demystified)\b",
    ),
    (
        "ending",
        rf"^{_NEEDS['ending']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s*(?:[:\-–—]\s*)?(?:the\s+)?(?:movie\s+|film\s+|season\s+\d+\s+)?"
        r"ending,?\s+(?:explained|meaning|decoded|unpacked|demystified)\b",
    ),
    ("ending", rf"^{_NEEDS['ending']}{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—]\s*)?(?:the\s+)?ending,?\s+explained\b"),
    ("ending", rf"^{_NEEDS['ending']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending\s*[:\-–—]\s*.+$"),
    # "Sinners: Does the Movie Have an End-Credits Scene?", "Is There a Sinners Post-Credits Scene?"
    (
        "post_credits",
        rf"^{_NEEDS['credit']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:does|do|will)\s+(?:the|this|it)\s*(?:movie|film)?\s+have\s+"
        rf"(?:a|an|any)?\s*{_CREDITS}\s+scenes?\b",
    ),
    ("post_credits", rf"^(?:is|are)\s+there\s+(?:a|an|any)\s+{_Q}?{_T}{_Q}?{_Y}\s+{_CREDITS}\s+scenes?\??$"),
    # "How Many Post-Credits Scenes Does The Marvels Have?": before "X Post-Credits Scenes", which
    # would read "How Many" as the title.
    (
        "post_credits",
        rf"^how\s+many\s+(?:{_CREDITS}|credits?)\s+scenes?\s+(?:does|do)\s+{_Q}?{_T}{_Q}?{_Y}\s+have\b",
    ),
    # "Yes, Iron Man 2 Has a Post-Credits Scene", "No, Gladiator Doesn't Have a Post-Credits Scene"
    (
        "post_credits",
        rf"^(?:yes|no)[,!.]?\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:has|have|does\s+not\s+have|doesn['’]t\s+have)\s+"
        rf"(?:a|an|any|no|one|two|three)?\s*{_CREDITS}\s+scenes?\b",
    ),
    # "Is There Anything After the Credits of WALL-E?", "Should You Stay After the Credits of X?"
    (
        "post_credits",
        r"^(?:is\s+there\s+anything|what\s+happens|should\s+you\s+stay|do\s+you\s+(?:need|have)\s+to\s+stay)\s+"
        rf"(?:after|during|through|until|for)\s+the\s+(?:end\s+)?credits\s+(?:of|in|for)\s+{_Q}?{_TQ}{_Q}?{_Y}\??$",
    ),
    (
        "post_credits",
        rf"^(?:does|do|will)\s+{_Q}?{_T}{_Q}?{_Y}\s+have\s+(?:a|an|any)?\s*{_CREDITS}\s+scenes?\b",
    ),
    (
        "post_credits",
        rf"^(?:is|are)\s+there\s+(?:a|an|any)?\s*{_CREDITS}\s+scenes?\s+(?:in|for|after)\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$",
    ),
    (
        "post_credits",
        rf"^{_NEEDS['credit']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:is|are)\s+there\s+(?:a|an|any)?\s*{_CREDITS}\s+scenes?\b",
    ),
    ("post_credits", rf"^{_NEEDS['credit']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+{_CREDITS}\s+scenes?\b"),
    # "Ratatouille End Credits: Is There a Scene After the Credits?"
    ("post_credits", rf"^{_NEEDS['credit']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+{_CREDITS}\s*[:\-–—]\s*.+$"),
    # "Who's Who in Past Lives: Cast and Characters", "Meet the Cast of Barbie", "Who Plays Who in X?"; before
    # the next shape, which would read "Who's Who in Past Lives" as the title
    (
        "cast",
        rf"^(?:who['’]s\s+who|who\s+play(?:s|ed)\s+who|meet\s+the\s+cast)\s+(?:in|of)\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$",
    ),
    ("cast", rf"^every\s+actor\s+in\s+{_Q}?{_T}{_Q}?{_Y}\s+and\s+who\s+they\s+play(?:ed)?$"),
    # "The True Story Behind Zodiac", "Zodiac: The True Story Behind …": before the shape that
    # would read "Zodiac: The" as the title
    (None, rf"^the\s+(?:true|real)(?:-life)?\s+story\s+(?:behind|of)\s+{_Q}?{_T}{_Q}?{_Y}$"),
    (None, rf"^{_NEEDS['true|real']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*the\s+(?:true|real)(?:-life)?\s+story\b"),
    # "Behind the Scenes of Titanic: 12 Facts": before "X … Facts", which would read the rest
    ("trivia", rf"^behind\s+the\s+scenes\s+(?:of|on)\s+{_Q}?{_T}{_Q}?{_Y}(?:\s*[:\-–—].*)?$"),
    # "The Real Filming Locations of Gladiator"
    ("locations", rf"^(?:the\s+)?(?:real\s+)?filming\s+locations\s+(?:of|for)\s+{_Q}?{_TQ}{_Q}?{_Y}\??$"),
    # A title and the parts of the guide it covers, two or more: "Whiplash cast, filming locations
    # and true story", "Heat (1995): Ending and Cast". Before the cast shapes, which would read
    # "Heat (1995): Ending and" as the title; its title holds no colon nor "explained" ("X (2000)
    # Movie Explained: Ending, Cast and Trivia" is read by the shapes above).
    ("explained", rf"^{_Q}?{_TN}{_Q}?{_Y}\s*[:\-–—,]?\s+{_TOPIC_LIST}(?:\s+explained)?\s*$"),
    # "Is 'Talk to Me' Based on a True Story?", "Is X Based on a Book?"
    (None, rf"^(?:is|was)\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:based\s+on|inspired\s+by)\s+(?:a|an|the)\s+.{{1,40}}\?"),
    # "Is Fargo a True Story?": after "based on", which the title would otherwise take in
    (None, rf"^(?:is|was)\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:a\s+)?(?:true|real)(?:-life)?\s+story\b"),
    ("locations", rf"^where\s+was\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:filmed|shot)\b"),
    ("locations", rf"^{_NEEDS['filming']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+filming\s+locations?\b"),
    (
        "cast",
        rf"^(?:the\s+)?cast\s+of\s+{_Q}?{_T}{_Q}?{_Y}(?:,?\s+(?:and|&)\s+(?:their\s+|the\s+)?characters?)?"
        r"\s*(?:[:\-–—].*)?$",
    ),
    (
        "cast",
        rf"^{_NEEDS['cast']}{_Q}?{_T}{_Q}?{_Y}\s+cast\b(?:\s*(?:&|and)\s*characters?)?(?:\s+(?:guide|list))?\s*(?:[:\-–—].*)?$",
    ),
    ("cast", rf"^who\s+(?:stars|is|plays)\s+in\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$"),
    (
        "trivia",
        rf"^(?:\d+\s+)?(?:[\w'’-]+\s+){{0,3}}(?:facts|things|secrets|details)\s+(?:[\w'’-]+\s+){{0,4}}?about\s+"
        rf"{_Q}?{_T}{_Q}?{_Y}$",
    ),
    ("trivia", rf"^{_NEEDS['trivia|facts']}{_Q}?{_T}{_Q}?{_Y}\s+(?:trivia|fun facts|facts)\b"),
    (
        "summary",
        rf"^{_NEEDS['summary|recap|synopsis']}{_Q}?{_T}{_Q}?{_Y}\s+(?:plot\s+)?(?:summary|recap|synopsis)\b",
    ),
    (
        "explained",
        rf"^{_NEEDS['explained']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:(?:the\s+)?{_PARTS}(?:,\s*|\s+(?:and|&)\s+|\s+)){{1,6}}explained\b",
    ),
    (
        "summary",
        rf"^{_NEEDS['explained']}{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—]\s*)?(?:movie\s+|film\s+)?(?:plot|story)\s+explained\b",
    ),
    # "The Usual Suspects Twist Explained", "Memento Timeline Explained": before the next shape,
    # which would read "The Usual Suspects Twist" as the title
    (
        "ending",
        rf"^{_NEEDS['twist']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+(?:the\s+)?(?:big\s+)?twist(?:\s+ending)?,?\s+(?:explained|decoded)\b",
    ),
    # Pages on one part of a film: its music, quotes, Easter eggs, awards ("The Music of Gladiator:
    # …", "The 10 Best Quotes From Fight Club", "Pulp Fiction Soundtrack: …", "Did Titanic Win Any
    # Oscars?"): before "X … Explained", which would read "The Music of Gladiator: Hans Zimmer's Score"
    (
        None,
        rf"^the\s+(?:music|soundtrack|score|songs)\s+(?:of|in|from)\s+{_Q}?{_T}{_Q}?{_Y}(?:\s*[:\-–—].*)?$",
    ),
    (
        None,
        r"^(?:the\s+)?(?:\d+\s+)?(?:best\s+|greatest\s+|most\s+[\w-]+\s+)?(?:quotes|lines|songs|easter\s+eggs)\s+"
        rf"(?:from|in|of)\s+{_Q}?{_T}{_Q}?{_Y}(?:\s+you\s+(?:missed|never\s+noticed))?$",
    ),
    (None, rf"^every\s+song\s+(?:in|from)\s+{_Q}?{_T}{_Q}?{_Y}$"),
    (
        None,
        rf"^{_NEEDS['quotes|soundtrack|songs|easter|awards']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+"
        r"(?:quotes|soundtrack|songs|easter\s+eggs|awards)\b(?:\s+(?:and\s+nominations|that|you|explained)\b.*|\s*[:\-–—].*)?$",
    ),
    (None, rf"^did\s+{_Q}?{_T}{_Q}?{_Y}\s+win\s+(?:any\s+|an\s+)?(?:oscars?|awards?|academy\s+awards?)\??$"),
    (
        "explained",
        rf"^{_NEEDS['explained']}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+(?:timeline|chronology|symbolism|themes?|meaning|theories|"
        r"soundtrack|music|score|songs|easter\s+eggs|references|quotes),?\s+explained\b",
    ),
    (
        "explained",
        rf"^{_NEEDS['explained']}{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—,]\s*)?(?:movie|film)?\s*explained\b",
    ),
    ("explained", rf"^(?=.*?[:\-–—]){_Q}{_T}{_Q}{_Y}\s*[:\-–—]\s*.+$"),
    (None, rf"^(?:movie\s+|film\s+)?review\s*[:\-–—]\s*{_Q}?{_T}{_Q}?{_Y}$"),
    (None, rf"^{_NEEDS['review']}{_Q}?{_T}{_Q}?{_Y}\s+(?:movie\s+|film\s+)?review\b(?:\s*[:\-–—]\s*.+)?$"),
    # The shapes no earlier one can read wrongly, last: most headlines are read before them.
    # "Who Dies in Sinners?", "Does Smoke Die in Sinners?", "Sinners: Who Lives and Who Dies",
    # "How Sinners Ends", "Why Sinners Ends the Way It Does", "Explained: Sinners Ending"
    ("ending", rf"^who\s+(?:dies|survives|lives)\s+(?:in|at\s+the\s+end\s+of)\s+{_Q}?{_TQ}{_Q}?{_Y}\?$"),
    (
        "ending",
        rf"^(?:does|did|is|was)\s+[^?]{{1,40}}?\s+(?:die|survive|live|alive|dead)\s+(?:in|at\s+the\s+end\s+of)\s+"
        rf"{_Q}?{_TQ}{_Q}?{_Y}\?$",
    ),
    ("ending", rf"^{_NEEDS['who']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*who\s+(?:lives|dies|survives)\b"),
    ("ending", rf"^(?:how|why)\s+{_Q}?{_T}{_Q}?{_Y}\s+ends\b"),
    ("ending", rf"^explained:\s+{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending$"),
    (
        "ending",
        rf"^{_NEEDS['ending']}{_Q}?{_T}{_Q}?{_Y}\s+(?:movie|film)\s*[:\-–—]\s*(?:the\s+)?ending,?\s+explained\b",
    ),
    # A question listicle: "Anatomy of a Fall: 7 Questions About the Ending, Answered", "X: Your
    # Biggest Questions Answered", "5 Questions We Still Have After Watching X".
    (
        "explained",
        rf"^{_NEEDS['questions']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:[\w'’-]+\s+){{0,3}}questions\b.*$",
    ),
    (
        "explained",
        rf"^(?:\d+|[a-z]+)\s+(?:[\w'’-]+\s+){{0,2}}questions\s+(?:[\w'’-]+\s+){{0,3}}?(?:about|after|from)\s+"
        rf"(?:watching\s+)?(?:the\s+ending\s+of\s+)?{_Q}?{_T}{_Q}?{_Y}(?:['’]s?\s+ending)?(?:,?\s+answered)?\??$",
    ),
    (
        "explained",
        rf"^every\s+(?:question|mystery)\s+(?:about|in)\s+{_Q}?{_T}{_Q}?{_Y}(?:['’]s?\s+ending)?,?\s+answered$",
    ),
    # "X True Story: Is It Based on Real Events?"
    (None, rf"^{_NEEDS['true|real']}{_Q}?{_T}{_Q}?{_Y}\s+(?:true|real)(?:-life)?\s+story\b"),
    # "Drive (2011): a review": a title with its year in brackets, then anything after a colon.
    (None, rf"^(?=.*?\(){_Q}?{_T}{_Q}?\s*\((?P<year>1[89]\d\d|20\d\d)\)\s*[:\-–—]\s*.+$"),
)

#: A headline that announces a list of films: "The 7 Best A24 Horror Movies, Ranked", "Every MCU
#: Movie With a Post-Credits Scene", "10 Movies Like Heat" (case ignored).
FILM_LIST_HEADLINE = re.compile(
    r"^(?:the\s+)?(?:\d+|top\s+\d+|every|all(?:\s+the)?|best)\b[^:?]{0,60}?\b(?:movies|films)\b"
    r"|^every\b[^:?]{0,40}?\b(?:movie|film)\b",
    re.IGNORECASE,
)
#: A site section's name set before the headline with a bar or a chevron ("Movies | …",
#: "Explainers » …"); no film's title holds one.
SECTION_LABEL = re.compile(r"^[^|»›]{1,40}\s+[|»›]\s+")
#: Separators between a headline and the site's name in ``<title>`` ("X Ending Explained | Site").
TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»)\s+")
#: Suffixes wikis give a film's page name: "Inception (film)", "Inception (2010 film)".
WIKI_SUFFIX = re.compile(r"\s*\((?:(?P<year>1[89]\d\d|20\d\d)\s+)?(?:film|movie)\)$", re.IGNORECASE)

#: Words a title may leave lower case; any other word of a title starts with a capital or digit.
TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "de",
        "du",
        "en",
        "à",
        "for",
        "from",
        "in",
        "into",
        "la",
        "le",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "vs.",
        "via",
        "with",
        "without",
        "de",
        "la",
        "von",
        "van",
        "der",
        "des",
        "y",
        "e",
        "o",
    ]
)
#: Openings that make a line a sentence, never a title.
SENTENCE_OPENINGS = re.compile(
    r"^(?:at its core|in (?:this|the|a|an)|when|while|after|before|if|as|although|though|here|"
    r"there|this|these|those|it|its|it's|we|you|i|our|my|so|but|and|once|since|with|without|"
    r"for (?:the|a|an)|from (?:the|a|an))\b",
    re.IGNORECASE,
)

# --- headings matched by meaning ---------------------------------------------------------------

_N = r".{1,80}"
#: Heading shapes by meaning, on the normalised heading (case-folded, straight apostrophes, no
#: trailing ``?``/``:``, leading list numbers gone); a film's name stands where ``.{1,80}`` does.
HEADING_MEANINGS: tuple[tuple[str, str], ...] = (
    (
        "post_credits",
        rf"^(?:{_N}[:\-] )?(?:is|are) there (?:a |an |any )?{_CREDITS} scenes?(?: (?:in|for|after) {_N})?$",
    ),
    ("post_credits", rf"^(?:does|do|will) {_N} have (?:a |an |any )?{_CREDITS} scenes?$"),
    ("post_credits", rf"^(?:{_N} )?{_CREDITS} scenes?(?:,? explained| and what (?:it|they) means?)?$"),
    # "Post-Credits", "Credits Scene", "After the Credits", "Stay for the credits?", "Any scenes
    # after the credits?", "Is it worth staying after the credits?"
    (
        "post_credits",
        rf"^(?:{_N} )?{_CREDITS}$|^(?:the )?credits? scenes?$|^(?:what comes )?after the credits$",
    ),
    ("post_credits", r"^(?:stay|wait) (?:for|through|until) the (?:end )?credits$"),
    (
        "post_credits",
        rf"^any (?:extra )?(?:scenes?|stingers?) (?:after|during) the (?:end )?credits(?: (?:of|in) {_N})?$",
    ),
    (
        "post_credits",
        r"^is it worth (?:staying|waiting|sticking around) (?:after|for|through) the (?:end )?credits$",
    ),
    (
        "post_credits",
        rf"^(?:should you|do you need to|do i need to) stay (?:for|through|until) "
        rf"(?:the )?(?:end )?credits(?: of {_N})?$",
    ),
    (
        "post_credits",
        rf"^(?:is there anything|what happens) (?:after|during|in) the (?:end )?credits(?: of {_N})?$",
    ),
    ("post_credits", rf"^how many (?:{_CREDITS}|credits?) scenes? (?:does|do) {_N} have$"),
    (
        "post_credits",
        rf"^how many (?:{_CREDITS}|credits?) scenes? (?:are|is) (?:there|in {_N})(?: in {_N})?$",
    ),
    (
        "post_credits",
        rf"^what (?:happens|happened) (?:in|during) (?:the )?(?:{_N} )?{_CREDITS} scenes?(?: of {_N})?$",
    ),
    (
        "post_credits",
        rf"^(?:should you|do you need to|do i need to|do you have to) stay (?:until|till|to|through) "
        rf"the (?:very )?end(?: of the (?:end )?credits)?(?: (?:of|for) {_N})?$",
    ),
    (
        "post_credits",
        rf"^(?:is|are) there (?:a |an |any )?(?:scenes?|stingers?|extra scenes?) "
        rf"(?:after|during|in|at the end of) the (?:end )?credits(?: (?:of|in|for) {_N})?$",
    ),
    ("post_credits", rf"^(?:is|are) there (?:a |an |any )?(?:stingers?|credits? scenes?)(?: in {_N})?$"),
    (
        "post_credits",
        rf"^(?:should you|do you need to|do i need to|do you have to) stay (?:after|during) "
        rf"(?:the )?(?:end )?credits(?: (?:of|for) {_N})?$",
    ),
    ("post_credits", rf"^(?:{_N} )?(?:end credits|stingers?)(?: explained)?$"),
    (
        "post_credits",
        rf"^(?:should (?:you|i)|do (?:you|i) need to|do (?:you|i) have to) (?:stay|wait|stick around) "
        rf"(?:for|through|until) (?:the )?(?:end )?credits(?: (?:of|for|in) {_N})?$",
    ),
    ("ending", rf"^what (?:happens|happened) (?:at|in) the end(?:ing)? of {_N}$"),
    ("ending", rf"^(?:so,? )?what (?:really )?(?:happens|happened)(?: to {_N})? (?:at|in) the end(?:ing)?$"),
    (
        "ending",
        rf"^what (?:the )?(?:final|last|closing) (?:scene|shot|moments?|twist)(?: of {_N})?"
        r" (?:really )?means?$",
    ),
    ("ending", rf"^(?:the )?meaning of (?:the|{_N}'s) ending$"),
    ("ending", rf"^(?:{_N}'s |the )?ending[:\-] what (?:it|that) (?:really )?means$"),
    ("ending", r"^(?:the )?(?:big )?twist(?: ending)?(?:,? explained)?$"),
    # Any question about the end is the ending's ("Is Keller Alive at the End?", "Who Dies at the End?").
    (
        "ending",
        rf"^(?:is|are|was|were|does|did|do|who|what|why|how) {_N} (?:at|in) the (?:very )?end(?:ing)?$",
    ),
    ("ending", rf"^what does (?:the|{_N}'s) ending(?: of {_N})? mean$"),
    ("ending", rf"^(?:how does {_N} end|the ending of {_N},? explained|{_N}'s ending(?:,? explained)?)$"),
    ("ending", rf"^(?:{_N} )?ending(?:,? explained| meaning| recap)$"),
    (
        "ending",
        r"^(?:the )?(?:final|last|closing) (?:scene|twist|shot|image|moments?|reveal|showdown)"
        r"(?:,? explained)?$",
    ),
    ("ending", r"^(?:the )?ending twist(?:,? explained)?$"),
    (
        "ending",
        r"^(?:(?:the )?twist ending|breaking down the ending|understanding the ending"
        r"|making sense of the ending|what the ending (?:really )?means|(?:the )?ending,? decoded)$",
    ),
    ("ending", rf"^(?:why {_N} ends (?:the way it does|like (?:it does|that))|how {_N} ends)$"),
    ("ending", rf"^what {_N}'s (?:ending|final scene|last scene|final shot|twist) (?:really )?means?$"),
    ("ending", r"^what the (?:[\w'-]+ ){0,3}ending (?:really )?means?$"),
    ("ending", rf"^{_N}'s (?:final|last|closing) (?:scene|shot|moments?)(?:,? explained)?$"),
    # Before the summary's "{_N} story": "Is X Based on a True Story?" is its source, not its plot.
    ("adaptation", rf"^is {_N} based on (?:a |the )?(?:book|novel|comic|play|short story|memoir)$"),
    (
        "inspirations",
        rf"^(?:is|was) {_N} (?:based on (?:a )?|inspired by (?:a )?|an? )?"
        r"(?:true|real)(?:-life)? (?:story|events)$",
    ),
    (
        "inspirations",
        rf"^(?:the )?(?:true|real)(?:-life)? (?:story|events|history)(?: (?:behind|of|that inspired) {_N})?$",
    ),
    ("inspirations", rf"^how (?:true|accurate|historically accurate) is {_N}$"),
    ("inspirations", rf"^(?:{_N}[:\-] )?(?:fact (?:vs\.?|versus|or) fiction)$"),
    ("summary", rf"^what (?:is|'s) {_N} about$"),
    ("summary", rf"^what happens in {_N}$"),
    ("summary", rf"^{_N} (?:plot|story|recap|synopsis|plot recap|plot explained|story explained)$"),
    ("summary", r"^(?:plot recap|recap|the story so far|what happens in the (?:movie|film))$"),
    ("cast", rf"^{_N} cast(?: and characters| & characters| list| guide| members)?(?:[:\-] .{{1,80}})?$"),
    ("cast", rf"^(?:who (?:stars|is|plays|appears) in|meet the cast of|the cast of|cast of) {_N}$"),
    (
        "cast",
        r"^(?:meet the cast|who's who|who plays who|characters|main characters|starring"
        r"|cast (?:&|and) crew)$",
    ),
    ("cast", rf"^who's in {_N}$"),
    (
        "cast",
        r"^(?:the )?(?:main|supporting|principal|lead|full|core|recurring|returning|new|additional) "
        r"cast(?: members| and characters| list)?$",
    ),
    ("cast", rf"^who (?:voices|plays|stars|appears)(?: .{{1,40}})? in {_N}$"),
    # An FAQ's "Who plays Evelyn?": the answer names the actor.
    ("cast", r"^who (?:plays|played|voices|voiced|portrays) [^,]{1,40}$"),
    ("locations", rf"^where (?:was|is|were) {_N} (?:filmed|shot|set)$"),
    ("locations", rf"^{_N} (?:filming|shooting) locations?$"),
    ("music", rf"^who (?:composed|wrote|did) (?:the )?(?:music|score|soundtrack)(?: (?:for|of|in) {_N})?$"),
    # By the film's name only: "Songs in the Film" lists songs, which the music section's
    # text does not read as such (our own Markdown keeps it as a section of its own).
    (
        "music",
        rf"^(?:(?:the )?songs? (?:in|of|from) (?!the (?:film|movie)$){_N}"
        rf"|{_N} (?:music|songs|score|music and songs))$",
    ),
    ("awards", rf"^(?:did {_N} win (?:any |an )?(?:oscars?|awards?)|{_N} awards(?: and nominations)?)$"),
    (
        "behind_the_scenes",
        rf"^(?:making|the making of|behind the scenes of|production of|how they made) {_N}$",
    ),
    (
        "behind_the_scenes",
        r"^(?:development|production|filming|pre-production|casting|principal photography)$",
    ),
    ("easter_eggs", rf"^{_N} easter eggs(?: and references)?$"),
    (
        "quotes",
        rf"^(?:the )?(?:best|memorable|famous|iconic|top) (?:\d+ )?(?:quotes|lines)"
        rf"(?: (?:from|in|of) {_N})?$",
    ),
    (
        "director_films",
        r"^(?:other|more) (?:films|movies|works) (?:by|from) (?:the director|[\w .'’-]{2,40})$",
    ),
    (
        "trivia",
        rf"^(?:\d+ )?(?:fun |little-known |surprising |interesting )?"
        rf"(?:facts|things you (?:didn't|did not|might not) know) about {_N}$",
    ),
    ("trivia", rf"^{_N} (?:fun facts|facts)$"),
    ("why_watch", rf"^(?:is {_N} worth (?:watching|seeing|it)|should you watch {_N})$"),
    ("why_watch", r"^(?:our|the|final) verdict$"),
    ("recommendations", rf"^(?:what to watch after|more movies like|shows and movies like) {_N}$"),
    ("alternate_endings", rf"^{_N} (?:deleted scenes|alternate endings?)$"),
    ("alternate_endings", r"^(?:the )?(?:original|deleted|unused|alternative|scrapped) endings?$"),
    # "Explaining the Ending", "Understanding the Final Scene", "Theories About the Ending",
    # "So, What Actually Happened?"
    (
        "ending",
        r"^(?:explaining|understanding|decoding|unpacking|breaking down) the "
        r"(?:ending|final scene|last scene|final twist|twist|final shot)$",
    ),
    ("ending", r"^(?:fan )?theories about the ending$"),
    ("ending", r"^(?:so,? )?what (?:really |actually )happened$"),
    (
        "adaptation",
        rf"^how (?:the )?(?:film|movie|{_N}) (?:differs|is different) from the "
        r"(?:book|novel|novella|original)$",
    ),
)

#: Leading list numbers on a heading: "1.", "#1", "1)", "No. 1:".
HEADING_NUMBER = re.compile(r"^(?:#?\d{1,3}[.):]?|no\.\s*\d{1,3}[.:]?)\s+")
#: A listicle's position before a heading or a film's title: "1. ", "12) ", "#3 " (never "10
#: Cloverfield Lane").
LIST_NUMBER = re.compile(r"^#?\d{1,2}[.)]\s+")

# --- the post-credits answer ---------------------------------------------------------------------

_SCENE = r"(?:scenes?|stingers?|teasers?|sequences?|bonus scenes?|easter eggs?)"
#: Sentences saying there is nothing after the credits (checked before the positive ones), as
#: patterns to compile with case ignored when an article has a post-credits section.
CREDITS_NO: tuple[str, ...] = (
    r"\bthere(?:\s+(?:is|are)|['’]s)\s+no\b",
    r"\bthere\s+(?:isn['’]t|aren['’]t|is\s+not|are\s+not)\s+(?:one|any|a|an)\b",
    r"\b(?:doesn['’]t|does\s+not|don['’]t|do\s+not|won['’]t|will\s+not|didn['’]t)\s+"
    r"(?:have|include|feature|offer|contain|come with)\s+(?:a|an|any|one)\b",
    rf"\bno\s+(?:(?:extra|additional|further|bonus|hidden)\s+)?(?:{_CREDITS}\s+)?{_SCENE}\b",
    rf"\bno\s+{_CREDITS}\s+(?:or|nor|and)\s+{_CREDITS}\s+{_SCENE}\b",
    # a bare negative answering the heading's question: "It does not.", "Oppenheimer doesn't.",
    # "There is not; …"
    r"^[^.!?,]{0,60}?\b(?:does\s+not|doesn['’]t|do\s+not|don['’]t)\s*[.!;,—–]",
    r"^\W*there\s+(?:isn['’]t|is\s+not|aren['’]t|are\s+not)\s*[.!;,—–]",
    r"\b(?:you['’]re|you\s+are)\s+free\s+to\s+(?:go|leave|head\s+out)\b",
    r"\bnothing\s+(?:after|during|at\s+the\s+end\s+of|once|when)\s+(?:the\s+)?(?:end\s+)?credits\b",
    r"\bnothing\s+(?:extra|more|else)\b.{0,40}\bcredits\b",
    r"\bnothing\s+(?:happens|plays|comes|appears|pops\s+up)\s+(?:after|during|once|at\s+the\s+end\s+of)\b",
    r"\b(?:short|quick|simple)\s+answer\s*(?:is|:)\s*(?:a\s+)?(?:no|nope)\b",
    r"\b(?:no\s+need|don['’]t\s+need|do\s+not\s+need|needn['’]t|not\s+necessary|don['’]t\s+have|do\s+not\s+have)"
    r"\s+to\s+(?:stay|stick\s+around|wait|sit)\b",
    r"\b(?:you\s+)?can\s+(?:safely\s+)?(?:leave|head\s+out|go\s+home|walk\s+out)\b.{0,40}\bcredits\b",
    rf"\bwithout\s+(?:a|an|any)\s+(?:{_CREDITS}\s+)?{_SCENE}\b",
    r"\b(?:lacks|skips)\s+(?:a|an|any)\b",
    r"\bwithout\s+anything\s+(?:extra\s+|else\s+|more\s+)?(?:tacked\s+on|added|after|at\s+the\s+end)\b",
    rf"\bwithout\s+(?:any\s+)?(?:extra|bonus|additional|hidden)\s+(?:footage|{_SCENE})\b",
    # "Unfortunately not." ("Not only is there one …" says the opposite: the word must end the answer)
    r"^\W*(?:(?:sadly|unfortunately|alas|afraid)\W+)?not(?:\s+(?:this\s+time|at\s+all|really|one))?\s*[.!;,]",
)
#: What may stand between "there is" and what there is: "There is, in fact, a …".
_ASIDE = r"(?:,?\s+(?:in\s+fact|indeed|actually|definitely|also|thankfully|happily),?)?"
_THERE_IS_A_SCENE = (
    rf"\bthere(?:\s+(?:is|are)|['’]s){_ASIDE}\s+(?:a|an|one|two|three|\d)\s+(?:[\w-]+\s+){{0,3}}?{_SCENE}\b"
)
_HAS_A_SCENE = (
    r"\b(?:has|have|includes?|features?|offers?|contains?|hides?)\s+(?:a|an|one|two|three|\d|both)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_SCENE}\b"
)
#: Sentences saying there is a scene in or after the credits (the same).
CREDITS_YES: tuple[str, ...] = (
    r"\b(?:stay|wait|hang\s+on|sit\s+tight)\s+(?:until|till|through|for)\s+(?:the\s+)?(?:very\s+)?(?:end|last|credits|final)\b",
    r"\b(?:stick(?:ing)?|hang(?:ing)?)\s+around\b",
    r"\b(?:stay|remain)\s+(?:in\s+your\s+seats?|seated|put)\b",
    r"\bworth\s+(?:staying|waiting|sticking)\b",
    r"\b(?:don['’]t|do\s+not)\s+leave\s+(?:before|until|till|during)\b",
    r"\b(?:rewarded|treated)\s+(?:with|to)\s+(?:a|an|one|two|three)\b",
    rf"\b(?:has|have|includes?|features?)\s+both\s+(?:a|an)\s+{_CREDITS}\b",
    r"\b(?:don['’]t|do\s+not)\s+(?:leave|walk\s+out|get\s+up|head\s+out)\s+(?:your\s+seat\s+|the\s+theat(?:er|re)\s+)?(?:too\s+)?(?:early|yet|right\s+away)\b",
    r"\b(?:short|quick|simple)\s+answer\s*(?:is|:)\s*(?:a\s+)?(?:yes|yep)\b",
    r"\b(?:make\s+sure\s+(?:to|you)|be\s+sure\s+to|you['’]ll\s+want\s+to|you\s+should)\s+(?:stay|wait|keep\s+watching)\b",
    _THERE_IS_A_SCENE,
    _HAS_A_SCENE,
    rf"\b(?:one|two|three|\d)\s+{_CREDITS}\s+{_SCENE}\b",
    rf"\b(?:the|a|an|its|one)\s+(?:short\s+|brief\s+|quick\s+)?(?:{_CREDITS}\s+{_SCENE}|stingers?)\s+"
    r"(?:shows|reveals|features|sees|sets\s+up|teases|finds|introduces|brings|follows|plays|appears|"
    r"comes|arrives|pops\s+up|shows\s+up|kicks\s+in)\b",
    # a bare count or a bare yes answering the heading's question: "There are two: …", "Two of
    # them.", "It does, and …"
    r"\bthere(?:\s+(?:is|are)|['’]s)\s+(?:one|two|three)\s*[:.;,—–]",
    r"^\W*(?:one|two|three)\s+of\s+them\b",
    r"^\W*(?:yes,\s+)?it\s+(?:does|do)\s*[.!;,—–]",
    # "It has one, and …", "It does have two."
    r"^\W*(?:yes,\s+)?it\s+(?:has|does\s+have|gets)\s+(?:one|two|three)\s*[.!;,:—–]",
)
#: A no granted before a yes: "While there is no post-credits scene, there is a mid-credits
#: scene …" has a scene; what follows the concession answers.
CREDITS_CONCESSION = r"^\W*(?:while|although|though|even\s+though|whereas)\b[^,]{1,100},\s*"
#: After a no, "but" and a scene of some kind: "There's no post-credits scene, but a mid-credits
#: scene sets up …" has one ("…, but stick around for the bloopers" does not: no scene, and
#: neither do easter eggs in the credits).
CREDITS_BUT_A_SCENE = (
    r"\bbut\b.{0,40}?\b(?:a|an|one|two)\s+(?:[\w-]+\s+){0,2}?(?:scenes?|stingers?|teasers?|sequences?)\b"
)
#: Headings (normalised, as HEADING_MEANINGS reads them) that take a scene in the credits for
#: granted: "What Happens in the Post-Credits Scene?", "The Mid-Credits Scene Explained". A
#: section under one describes the scene, and says yes by doing so.
CREDITS_SCENE_HEADINGS = re.compile(
    rf"^(?:what (?:happens|happened) (?:in|during) (?:the )?(?:{_N} )?{_CREDITS} scenes?(?: of {_N})?"
    rf"|(?:the )?(?:{_N} )?{_CREDITS} scenes? (?:explained|and what (?:it|they) means?))$"
)
#: One of several sections each headed by the scene it describes ("Mid-credits scene" over one,
#: "Post-credits scene" over the next): the headings of a film's scenes, one by one.
CREDITS_SCENE_EACH = re.compile(rf"^(?:the )?(?:first |second |final )?{_CREDITS} scene$")
#: The answers an article gives outside a post-credits section of its own ("Short answer: No.
#: There is no post-credits scene." closing its ending): only those that state whether the film
#: has one, never a description of a scene, which may be another film's ("In Iron Man's
#: post-credits scene, Nick Fury …"); each sentence must name the scene (CREDITS_SCENE_NAMED).
CREDITS_STATED_YES: tuple[str, ...] = (_THERE_IS_A_SCENE, _HAS_A_SCENE)
CREDITS_SCENE_NAMED = re.compile(
    rf"\b{_CREDITS}\s+{_SCENE}|\bstingers?\b|\b{_SCENE}\s+(?:after|during)\s+the\s+(?:end\s+)?credits\b",
    re.IGNORECASE,
)
#: Words of a sentence that is about the credits at all.
CREDITS_TOPIC = re.compile(r"\bcredits?\b|\bstingers?\b|\bstay\b|\banswer\b|\bleave\b", re.IGNORECASE)
