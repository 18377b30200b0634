"""The shapes of headlines that name a film ("X Ending Explained", "Does X Have a Post-Credits
Scene?", "Where Was X Filmed?") and what stands around a title in one (a section's label before a
bar, the site's name after one, a wiki page's suffix), as patterns kept apart from the reader that
applies them (:mod:`.titles`). Headings matched by meaning and the post-credits answer are in
:mod:`.meanings`.
"""

from __future__ import annotations

import re

from filmguide.article.meanings import CREDITS_PHRASE as _CREDITS

_Q = "[\"'‘’“”]"
_T = r"(?P<title>.{1,90}?)"
#: A title that holds no colon and no "explained" (see the topic-list shape).
_TN = r"(?P<title>(?:(?!explained\b)[^:]){1,90}?)"
#: The title in a question-led headline: the question mark ends it.
_TQ = r"(?P<title>[^?]{1,90}?)"
#: The year after a title: "(2000)", "(2000 film)", "(Film, 1982)", as wikis and sites set it.
_Y = r"(?:\s*\((?:(?:film|movie),?\s+)?(?P<year>1[89]\d\d|20\d\d)(?:\s+(?:film|movie))?\))?"
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
#: Lookaheads holding the words a shape's tail cannot match without, in their order: a headline
#: that names "ending" and "explained" apart ("X (2000) Movie Explained: Ending, Cast and Trivia")
#: fails them in one pass, where the shape alone tried its tail after every length of the title.
_ENDING_EXPLAINED = r"(?=.*?ending,?\s+(?:finally\s+)?(?:explained|meaning|decoded|unpacked|demystified)\b)"
_PARTS_EXPLAINED = r"(?=.*?[:\-–—][^:]*?explained\b)"
#: What follows the title in "X Cast", "X Cast & Characters", "X Cast List: …".
_CAST_TAIL = r"cast\b(?:\s*(?:&|and)\s*(?:characters?|crew))?(?:\s+(?:guide|list))?\s*(?:[:\-–—].*)?$"
#: What "X Timeline Explained", "X Soundtrack, Explained" may explain.
_EXPLAINED_PARTS = (
    r"(?:timeline|chronology|symbolism|themes?|meaning|theories|soundtrack|music|score|songs|easter\s+eggs|"
    r"references|quotes|characters)"
)
#: What a headline may call the ending it explains: "Identity’s Twist Ending, Explained".
_ENDING_KINDS = (
    r"(?:twist|final|shocking|surprise|big|bleak|ambiguous|open|dark|haunting|mind-bending|wild|sad|"
    r"tragic|confusing|controversial|real|true)"
)
#: What a headline may call its piece between the title and the ending it explains ("Heat
#: Breakdown: The Ending Explained").
_ANALYSIS = r"(?:\s+(?:movie\s+|film\s+)?(?:breakdown|analysis|recap|deep\s+dive))"
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
        rf"^{_PARTS_EXPLAINED}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*"
        rf"(?:(?:the\s+)?(?:full\s+|complete\s+|detailed\s+)?{_PARTS}(?:,\s*|\s+(?:and|&)\s+|\s+)){{2,6}}explained\b",
    ),
    (
        "ending",
        rf"^(?:explained:\s+)?(?:the\s+)?ending\s+of\s+{_Q}?{_T},?{_Q}?{_Y}"  # "of ‘Sinners,’ Explained"
        r"(?:,?\s+(?:explained|finally explained)\b|$)",
    ),
    # "Explaining the Ending of X", "The Meaning Behind the Ending of X", "Why the Ending of X Is …"
    (
        "ending",
        r"^(?:explaining|understanding|decoding|unpacking|breaking\s+down|the\s+meaning\s+(?:behind|of))"
        rf"\s+the\s+ending\s+of\s+{_Q}?{_TQ}{_Q}?{_Y}\??$",
    ),
    ("ending", rf"^why\s+the\s+ending\s+of\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:is|was|works|matters|still)\b.*$"),
    ("ending", rf"^why\s+{_Q}?{_T}{_Q}?{_Y}['’]s?\s+ending\s+(?:is|was|works|matters|still)\b.*$"),
    # "Everything You Need to Know About the Ending of Heat", "The Meaning of Heat's Ending",
    # "What Happened to Neil at the End of Heat?", "Understanding Heat: The Ending Explained"
    (
        "ending",
        rf"^everything\s+(?:you\s+need\s+)?to\s+know\s+about\s+the\s+ending\s+of\s+{_Q}?{_TQ}{_Q}?{_Y}\??$",
    ),
    (
        "ending",
        rf"^everything\s+(?:you\s+need\s+)?to\s+know\s+about\s+(?:the\s+)?{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending\??$",
    ),
    (
        "ending",
        rf"^(?:the\s+)?(?:real\s+|true\s+|hidden\s+)?meaning\s+(?:of|behind)\s+{_Q}?{_T}{_Q}?{_Y}['’]s?\s+"
        r"(?:ambiguous\s+|final\s+|twist\s+)?(?:ending|final\s+scene|last\s+scene)\??$",
    ),
    ("ending", rf"^what\s+happen(?:s|ed)\s+to\s+[^?]{{1,40}}?\s+at\s+the\s+end\s+of\s+{_Q}?{_TQ}{_Q}?{_Y}\?"),
    (
        "ending",
        rf"^(?:understanding|decoding|unpacking|explaining)\s+{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:the\s+|that\s+)?ending\b.*$",
    ),
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
        rf"^{_ENDING_EXPLAINED}(?=.*?\b{_ENDING_KINDS}\s+ending\b){_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s*(?:[:\-–—]\s*)?(?:the\s+)?"
        rf"(?:movie\s+|film\s+)?{_ENDING_KINDS}\s+ending,?\s+(?:explained|meaning|decoded|unpacked|demystified)\b",
    ),
    (
        "ending",
        rf"^{_ENDING_EXPLAINED}{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?{_ANALYSIS}?\s*(?:[:\-–—]\s*)?(?:the\s+)?"
        r"(?:movie\s+|film\s+|season\s+\d+\s+)?ending,?\s+(?:finally\s+)?(?:explained|meaning|decoded|unpacked|demystified)\b",
    ),
    (
        "ending",
        rf"^(?=.*?ending,?\s+explained\b){_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—]\s*)?(?:the\s+)?ending,?\s+explained\b",
    ),
    ("ending", rf"^(?=.*?\sending\s*[:\-–—]){_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending\s*[:\-–—]\s*.+$"),
    # "Heat Ending & Final Scene Explained"
    (
        "ending",
        rf"^(?=.*?ending\s+(?:&|and)\s+(?:the\s+)?(?:final|last)\s+scene){_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending\s+"
        r"(?:&|and)\s+(?:the\s+)?(?:final|last)\s+scene,?\s+explained\b",
    ),
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
    (
        "post_credits",
        rf"^how\s+many\s+(?:{_CREDITS}|credits?)\s+scenes?\s+(?:are|is)\s+(?:there\s+)?in\s+{_Q}?{_TQ}{_Q}?{_Y}\??$",
    ),
    # "Should You Stay for Heat's Credits?", "Heat: Is There Anything After the Credits?"
    (
        "post_credits",
        rf"^should\s+you\s+stay\s+(?:for|through|after)\s+{_Q}?{_TQ}{_Q}?{_Y}['’]s?\s+(?:end\s+)?credits\??$",
    ),
    (
        "post_credits",
        rf"^{_NEEDS['credit']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*is\s+there\s+anything\s+(?:after|during)\s+the\s+"
        r"(?:end\s+)?credits\??$",
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
        rf"^(?:who['’]s\s+who|who\s+play(?:s|ed)\s+who|meet\s+the\s+cast|who['’]s\s+in\s+the\s+cast)\s+(?:in|of)\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$",
    ),
    (
        "cast",
        rf"^every\s+actor\s+in\s+{_Q}?{_T}{_Q}?{_Y}\s+and\s+(?:who\s+they\s+play(?:ed)?|where\s+you['’]ve\s+seen\s+them)$",
    ),
    # "The True Story Behind Zodiac", "Zodiac: The True Story Behind …": before the shape that
    # would read "Zodiac: The" as the title
    (None, rf"^the\s+(?:true|real)(?:-life)?\s+story\s+(?:behind|of)\s+{_Q}?{_T}{_Q}?{_Y}$"),
    (None, rf"^{_NEEDS['true|real']}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*the\s+(?:true|real)(?:-life)?\s+story\b"),
    # "Behind the Scenes of Titanic: 12 Facts": before "X … Facts", which would read the rest
    ("trivia", rf"^behind\s+the\s+scenes\s+(?:of|on)\s+{_Q}?{_T}{_Q}?{_Y}(?:\s*[:\-–—].*)?$"),
    # "Heat Behind the Scenes: How Mann Shot the Bank Heist"
    (
        "trivia",
        rf"^(?=.*?\sbehind[\s-]the[\s-]scenes){_Q}?{_T}{_Q}?{_Y}\s+behind[\s-]the[\s-]scenes\b(?:\s*[:\-–—].*)?$",
    ),
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
        rf"^(?=.*?\s{_CAST_TAIL}){_Q}?{_T}{_Q}?{_Y}\s+{_CAST_TAIL}",
    ),
    ("cast", rf"^who\s+(?:stars|is|plays)\s+in\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$"),
    (
        "trivia",
        rf"^(?:\d+\s+)?(?:[\w'’-]+\s+){{0,3}}(?:facts|things|secrets|details)\s+(?:[\w'’-]+\s+){{0,4}}?about\s+"
        rf"{_Q}?{_T}{_Q}?{_Y}$",
    ),
    # "Heat: 10 Behind-the-Scenes Facts": before "X Facts", which would read "Heat: 10 Behind-the-Scenes"
    (
        "trivia",
        rf"^(?=.*?[:\-–—]){_Q}?{_T}{_Q}?{_Y}(?:\s+(?:trivia|fun\s+facts))?\s*[:\-–—]\s*(?:\d+|[a-z]+)\s+(?:[\w'’-]+\s+){{0,3}}?"
        r"(?:facts|things|secrets|details)\b.*$",
    ),
    ("trivia", rf"^{_NEEDS['trivia|facts']}{_Q}?{_T}{_Q}?{_Y}\s+(?:trivia|fun facts|facts)\b"),
    (
        "summary",
        rf"^{_NEEDS['summary|recap|synopsis']}{_Q}?{_T}{_Q}?{_Y}\s+(?:plot\s+)?(?:summary|recap|synopsis)\b",
    ),
    (
        "explained",
        rf"^{_PARTS_EXPLAINED}{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:(?:the\s+)?{_PARTS}(?:,\s*|\s+(?:and|&)\s+|\s+)){{1,6}}explained\b",
    ),
    (
        "summary",
        rf"^(?=.*?(?:plot|story)\s+explained\b){_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—]\s*)?(?:movie\s+|film\s+)?(?:plot|story)\s+explained\b",
    ),
    # "Heat's Final Scene Explained", "Heat's Last Shootout, Explained": the possessive names the film
    (
        "ending",
        rf"^(?=.*?['’]s\s+(?:final|last|closing)\s){_Q}?{_T}{_Q}?{_Y}['’]s\s+(?:final|last|closing)\s+[\w-]+"
        r"(?:\s+[\w-]+)?,?\s+explained\b",
    ),
    (
        "ending",
        rf"^(?=.*?ending\s+(?:theories|analysis)){_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending\s+(?:theories|analysis)\b.*$",
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
        r"(?:quotes|soundtrack|songs|easter\s+eggs|awards)\b"
        r"(?:\s+(?:and\s+(?:nominations|references|callbacks)|that|you|explained)\b.*|\s*[:\-–—].*)?$",
    ),
    (None, rf"^did\s+{_Q}?{_T}{_Q}?{_Y}\s+win\s+(?:any\s+|an\s+)?(?:oscars?|awards?|academy\s+awards?)\??$"),
    (
        "explained",
        rf"^(?=.*?\s{_EXPLAINED_PARTS},?\s+explained\b){_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+{_EXPLAINED_PARTS},?\s+explained\b",
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
    (
        "ending",
        rf"^(?:here['’]s\s+)?what\s+{_Q}?{_T}{_Q}?{_Y}['’]s\s+ending\s+(?:really\s+|actually\s+)?means?\b.*$",
    ),
    ("ending", rf"^explain(?:ed|er):\s+{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending$"),
    (
        "ending",
        rf"^(?=.*?\s(?:movie|film)\s*[:\-–—]\s*(?:the\s+)?ending,?\s+explained\b){_Q}?{_T}{_Q}?{_Y}\s+(?:movie|film)\s*[:\-–—]\s*"
        r"(?:the\s+)?ending,?\s+explained\b",
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
    # "Heat's Ending Is Devastating. Here's What It Means": last, and never a question's opening
    (
        "ending",
        rf"^(?!(?:what|why|how|who|where|when|every|is|does|did)\b)(?=.*?['’]s\s+ending\b){_Q}?{_T}{_Q}?{_Y}"
        r"['’]s\s+ending\b.*$",
    ),
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
#: Words a first sentence's opening phrase starts with, read as a title's first word by the
#: sentence's shape ("In Fargo (1996), …", "Released in 1996, Fargo is …"): where a title read
#: so starts with one (or holds a comma), the catalog is asked which film the sentence names.
OPENING_PHRASE_WORDS = frozenset(
    [
        "in",
        "when",
        "with",
        "after",
        "before",
        "released",
        "like",
        "as",
        "since",
        "during",
        "while",
        "for",
        "from",
    ]
)
#: Words no film's title ends with: a shape that read "Heat Plot Summary and" as the title read
#: too little (a later shape reads "Heat" and its topics).
TITLE_NEVER_ENDS = frozenset(["and", "&", "or", "the", "a", "an"])
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
