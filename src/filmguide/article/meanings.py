"""How a heading and a post-credits answer say what they mean, as patterns kept apart from the
readers that apply them (headings.py, credits.py, shapes.py).

Everything here is data: the headings matched by meaning ("Where Was X Filmed?") and the sentences
that say whether there is a scene in the credits. The shapes of headlines that name a film are in
:mod:`.headline_shapes`, page furniture in :mod:`.chrome_words` and :mod:`.phrases`.
"""

from __future__ import annotations

import re

#: A scene's place around the credits, as headlines, headings and answers write it ("post-credits",
#: "mid credit", "end-credits").
CREDITS_PHRASE = r"(?:post|after|mid|end|ending)[- ]?credits?"

# --- headings matched by meaning ---------------------------------------------------------------

_N = r".{1,80}"
#: Heading shapes by meaning, on the normalised heading (case-folded, straight apostrophes, no
#: trailing ``?``/``:``, leading list numbers gone); a film's name stands where ``.{1,80}`` does.
HEADING_MEANINGS: tuple[tuple[str, str], ...] = (
    (
        "post_credits",
        rf"^(?:{_N}[:\-] )?(?:is|are) there (?:a |an |any )?{CREDITS_PHRASE} scenes?"
        rf"(?: (?:in|for|after) {_N})?$",
    ),
    ("post_credits", rf"^(?:does|do|will) {_N} have (?:a |an |any )?{CREDITS_PHRASE} scenes?$"),
    ("post_credits", rf"^(?:{_N} )?{CREDITS_PHRASE} scenes?(?:,? explained| and what (?:it|they) means?)?$"),
    # "Post-Credits", "Credits Scene", "After the Credits", "Stay for the credits?", "Any scenes
    # after the credits?", "Is it worth staying after the credits?"
    (
        "post_credits",
        rf"^(?:{_N} )?{CREDITS_PHRASE}$|^(?:the )?credits? scenes?$|^(?:what comes )?after the credits$",
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
        rf"^(?:is there )?anything (?:after|during|in) the (?:end )?credits(?: of {_N})?$"
        rf"|^what happens (?:after|during|in) the (?:end )?credits(?: of {_N})?$",
    ),
    ("post_credits", rf"^how many (?:{CREDITS_PHRASE}|credits?) scenes? (?:does|do) {_N} have$"),
    (
        "post_credits",
        rf"^how many (?:{CREDITS_PHRASE}|credits?) scenes? (?:are|is) (?:there|in {_N})(?: in {_N})?$",
    ),
    (
        "post_credits",
        rf"^what (?:happens|happened) (?:in|during) (?:the )?(?:{_N} )?{CREDITS_PHRASE} scenes?"
        rf"(?: of {_N})?$",
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
    # "Based on a True Story?" (the summary's "{_N} story" would read it as the plot)
    (
        "inspirations",
        r"^(?:is it |was it )?(?:based on|inspired by) (?:a )?(?:true|real)(?:-life)? (?:story|events)$",
    ),
    ("inspirations", rf"^(?:{_N}[:\-] )?(?:fact (?:vs\.?|versus|or) fiction)$"),
    ("summary", rf"^what (?:is|'s) {_N} about$"),
    ("summary", rf"^what happens in {_N}$"),
    ("summary", rf"^{_N} (?:plot|story|recap|synopsis|plot recap|plot explained|story explained)$"),
    ("summary", r"^(?:plot recap|recap|the story so far|what happens in the (?:movie|film))$"),
    (
        "summary",
        r"^(?:the )?(?:full|complete|detailed) (?:plot|story|plot recap|plot summary|recap|synopsis)$",
    ),
    ("cast", rf"^{_N} cast(?: and characters| & characters| list| guide| members)?(?:[:\-] .{{1,80}})?$"),
    ("cast", rf"^(?:who (?:stars|is|plays|appears) in|meet the cast of|the cast of|cast of) {_N}$"),
    (
        "cast",
        r"^(?:meet the cast|who's who|who plays who|characters|main characters|starring"
        r"|cast (?:&|and) crew)$",
    ),
    ("cast", rf"^who's in {_N}$"),
    ("cast", rf"^who's who in {_N}$"),
    (
        "cast",
        r"^(?:the )?(?:main|supporting|principal|lead|full|core|recurring|returning|new|additional) "
        r"cast(?: members| and characters| list)?$",
    ),
    ("cast", rf"^who (?:voices|plays|stars|appears)(?: .{{1,40}})? in {_N}$"),
    # An FAQ's "Who plays Evelyn?": the answer names the actor.
    ("cast", r"^who (?:plays|played|voices|voiced|portrays) [^,]{1,40}$"),
    ("locations", rf"^where (?:was|is|were) {_N} (?:filmed|shot|set)$"),
    ("locations", rf"^where {_N} (?:was|were) (?:filmed|shot)$"),
    ("cast", rf"^(?:{_N} )?cast (?:and|&) crew$|^(?:the )?cast members$|^meet the characters$"),
    ("locations", rf"^{_N} (?:filming|shooting) locations?$"),
    ("music", rf"^who (?:composed|wrote|did) (?:the )?(?:music|score|soundtrack)(?: (?:for|of|in) {_N})?$"),
    # By the film's name only: "Songs in the Film" lists songs, which the music section's
    # text does not read as such (our own Markdown keeps it as a section of its own).
    (
        "music",
        rf"^(?:(?:the )?songs? (?:in|of|from) (?!the (?:film|movie)$){_N}"
        rf"|{_N} (?:music|songs|score|music and songs))$",
    ),
    ("music", rf"^the (?:music|songs|score|soundtrack) (?:of|in|from|behind) {_N}$"),
    ("awards", rf"^(?:did {_N} win (?:any |an )?(?:oscars?|awards?)|{_N} awards(?: and nominations)?)$"),
    (
        "behind_the_scenes",
        rf"^(?:making|the making of|behind the scenes of|production of|how they made) {_N}$",
    ),
    ("behind_the_scenes", rf"^how {_N} (?:was|got) (?:made|filmed|shot)$"),
    (
        "behind_the_scenes",
        r"^(?:development|production|filming|pre-production|casting|principal photography)$",
    ),
    ("easter_eggs", rf"^{_N} easter eggs(?: and references)?$"),
    (
        "easter_eggs",
        rf"^(?:\d+ )?(?:things|details|clues) you (?:might|may|probably) (?:have )?missed(?: in {_N})?$",
    ),
    (
        "easter_eggs",
        rf"^(?:\d+ )?(?:hidden )?easter eggs (?:you )?(?:(?:might|may|probably) )?(?:have )?missed"
        rf"(?: in {_N})?$",
    ),
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
        r"^(?:explaining|understanding|decoding|unpacking|breaking down) (?:the|that) "
        r"(?:ending|final scene|last scene|final twist|twist|final shot)$",
    ),
    # "The Ending Explained in Detail", "Heat Movie Ending", "Ending Scene Explained", "The Last Five
    # Minutes", "Does Neil Die?"
    ("ending", r"^(?:the )?ending,? explained in (?:detail|full)$|^(?:the )?ending scene,? explained$"),
    ("ending", rf"^{_N} (?:movie|film) ending$"),
    ("ending", r"^(?:the )?(?:last|final) (?:few|two|three|five|ten|\d{1,2}) minutes$"),
    ("ending", r"^(?:does|did) [^?]{1,40} (?:die|survive|live|escape|make it)(?: at the end| in the end)?$"),
    # "That Final Scene", "That Ending, Explained"
    ("ending", r"^that (?:ending|final scene|last scene|final shot|twist ending)(?:,? explained)?$"),
    ("ending", r"^(?:fan )?theories about the ending$"),
    # "Who Dies in Heat?", "Who Lives and Who Dies": the deaths are the ending's, behind its gate
    ("ending", rf"^who (?:dies|survives|lives)(?: in {_N})?$"),
    ("ending", rf"^who lives(?:,)? (?:and|&) who dies(?: in {_N})?$"),
    ("ending", r"^(?:so,? )?what (?:really |actually )happened$"),
    (
        "adaptation",
        rf"^how (?:the )?(?:film|movie|{_N}) (?:differs|is different) from the "
        r"(?:book|novel|novella|original)$",
    ),
    (
        "adaptation",
        r"^(?:the )?(?:book|novel|novella) (?:vs\.?|versus|and|or) (?:the )?(?:movie|film)"
        r"|^(?:the )?(?:movie|film) (?:vs\.?|versus) (?:the )?(?:book|novel|novella)$",
    ),
    ("adaptation", rf"^{_N} (?:vs\.?|versus) (?:the )?(?:book|novel|novella|comic|original)$"),
)

#: A spoiler warning set before or after a heading ("Spoilers: The Ending", "Full Plot Recap
#: (Spoilers)", "The Ending - Spoilers Ahead"), on the normalised heading: the heading is read
#: without it.
SPOILER_MARK = re.compile(
    r"^(?:major |heavy )?(?:spoilers?|spoiler alert|spoiler warning)(?: ahead)?\s*[:!\-]\s*"
    r"|\s*[(\[](?:no |major |minor |heavy |mild )?spoilers?(?: ahead| below)?!?[)\]]$"
    r"|^[(\[](?:major |heavy )?spoilers?(?: ahead| alert| warning)?!?[)\]]\s*"
    r"|\s*[(\[]spoiler-free[)\]]$"
    r"|\s+-\s+(?:major |heavy )?spoilers?(?: ahead| below)?$"
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
    rf"\bno\s+(?:(?:extra|additional|further|bonus|hidden)\s+)?(?:{CREDITS_PHRASE}\s+)?{_SCENE}\b",
    rf"\bno\s+{CREDITS_PHRASE}\s+(?:or|nor|and)\s+{CREDITS_PHRASE}\s+{_SCENE}\b",
    # a bare negative answering the heading's question: "It does not.", "Oppenheimer doesn't.",
    # "There is not; …"
    r"^[^.!?,]{0,60}?\b(?:does\s+not|doesn['’]t|do\s+not|don['’]t)\s*[.!;,—–]",
    r"^\W*there\s+(?:isn['’]t|is\s+not|aren['’]t|are\s+not)\s*[.!;,—–]",
    r"\b(?:you['’]re|you\s+are)\s+free\s+to\s+(?:go|leave|head\s+out)\b",
    r"\bnothing\s+(?:after|during|at\s+the\s+end\s+of|once|when)\s+(?:the\s+)?(?:end\s+)?credits\b",
    r"\bnothing\s+(?:extra|more|else)\b.{0,40}\bcredits\b",
    r"\bnothing\s+(?:happens|plays|comes|appears|pops\s+up)\s+(?:after|during|once|at\s+the\s+end\s+of)\b",
    r"\b(?:(?:short|quick|simple)\s+answer|the\s+answer)\s*(?:is|:)\s*(?:a\s+)?(?:no|nope)\b",
    r"\b(?:no\s+need|don['’]t\s+need|do\s+not\s+need|needn['’]t|not\s+necessary|don['’]t\s+have|do\s+not\s+have)"
    r"\s+to\s+(?:stay|stick\s+around|wait|sit)\b",
    r"\b(?:don['’]t|do\s+not|no\s+(?:point|reason)\s+(?:in\s+)?)\s*(?:bother(?:ing)?\s+)?(?:waiting|staying|sticking\s+around)\s+"
    r"(?:through|for|during|until)\s+(?:the\s+)?(?:end\s+)?credits\b",
    r"\b(?:you\s+)?can\s+(?:safely\s+)?(?:leave|head\s+out|go\s+home|walk\s+out)\b.{0,40}\bcredits\b",
    rf"\bwithout\s+(?:a|an|any)\s+(?:{CREDITS_PHRASE}\s+)?{_SCENE}\b",
    r"\b(?:lacks|skips)\s+(?:a|an|any)\b",
    r"\bwithout\s+anything\s+(?:extra\s+|else\s+|more\s+)?(?:tacked\s+on|added|after|at\s+the\s+end)\b",
    rf"\bwithout\s+(?:any\s+)?(?:extra|bonus|additional|hidden)\s+(?:footage|{_SCENE})\b",
    r"\bnothing\s+(?:hidden|waiting|tucked\s+away|tacked\s+on)\b",
    r"\bthere(?:\s+is|['’]s)\s+nothing\s*[.!;]",
    # "This one ends when the credits roll.", "Once it cuts to black, that's it."
    r"\bends\s+(?:when|as|once)\s+the\s+(?:end\s+)?credits\s+(?:roll|start|begin)\b",
    r"\b(?:cuts?|fades?|goes)\s+to\s+black,?\s+(?:that['’]s|that\s+is)\s+(?:it|all)\b",
    r"\bcredits\s+(?:roll|start|begin),?\s+(?:that['’]s|that\s+is)\s+(?:it|all)\b",
    # "Those who stay through the credits will be disappointed": before the stay it starts with
    r"\b(?:those|anyone|viewers|people|fans|you)\b[^.!?]{0,30}?\b(?:stay|wait|sit)\w*\s+(?:through|until|for)\s+"
    r"(?:the\s+)?(?:end\s+)?credits\b[^.!?]{0,40}?\b(?:disappointed|in\s+vain|for\s+nothing)\b",
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
    rf"\b(?:has|have|includes?|features?)\s+both\s+(?:a|an)\s+{CREDITS_PHRASE}\b",
    r"\b(?:don['’]t|do\s+not)\s+(?:leave|walk\s+out|get\s+up|head\s+out)\s+(?:your\s+seat\s+|the\s+theat(?:er|re)\s+)?(?:too\s+)?(?:early|yet|right\s+away)\b",
    r"\b(?:short|quick|simple)\s+answer\s*(?:is|:)\s*(?:a\s+)?(?:yes|yep)\b",
    # "A final scene plays after the credits."
    r"\b(?:a|an|one|another)\s+(?:final|last|short|brief|extra|bonus|additional|quick)\s+(?:scene|sequence|stinger|teaser)"
    r"\s+(?:plays|appears|comes|runs|follows|arrives|rolls)\s+(?:after|during|at\s+the\s+end\s+of|once)\s+"
    r"(?:the\s+)?(?:end\s+)?credits\b",
    r"\b(?:make\s+sure\s+(?:to|you)|be\s+sure\s+to|you['’]ll\s+want\s+to|you\s+should)\s+(?:stay|wait|keep\s+watching)\b",
    _THERE_IS_A_SCENE,
    _HAS_A_SCENE,
    rf"\b(?:one|two|three|\d)\s+{CREDITS_PHRASE}\s+{_SCENE}\b",
    rf"\b(?:the|a|an|its|one)\s+(?:short\s+|brief\s+|quick\s+)?(?:{CREDITS_PHRASE}\s+{_SCENE}|stingers?)\s+"
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
    rf"^(?:what (?:happens|happened) (?:in|during) (?:the )?(?:{_N} )?{CREDITS_PHRASE} scenes?(?: of {_N})?"
    rf"|(?:the )?(?:{_N} )?{CREDITS_PHRASE} scenes?(?:,? explained| and what (?:it|they) means?))$"
)
#: One of several sections each headed by the scene it describes ("Mid-credits scene" over one,
#: "Post-credits scene" over the next): the headings of a film's scenes, one by one.
CREDITS_SCENE_EACH = re.compile(rf"^(?:the )?(?:first |second |final )?{CREDITS_PHRASE} scene$")
#: The answers an article gives outside a post-credits section of its own ("Short answer: No.
#: There is no post-credits scene." closing its ending): only those that state whether the film
#: has one, never a description of a scene, which may be another film's ("In Iron Man's
#: post-credits scene, Nick Fury …"); each sentence must name the scene (CREDITS_SCENE_NAMED).
CREDITS_STATED_YES: tuple[str, ...] = (_THERE_IS_A_SCENE, _HAS_A_SCENE)
CREDITS_SCENE_NAMED = re.compile(
    rf"\b{CREDITS_PHRASE}\s+{_SCENE}|\bstingers?\b|\b{_SCENE}\s+(?:after|during)\s+the\s+(?:end\s+)?credits\b",
    re.IGNORECASE,
)
#: Words of a sentence that is about the credits at all.
CREDITS_TOPIC = re.compile(r"\bcredits?\b|\bstingers?\b|\bstay\b|\banswer\b|\bleave\b", re.IGNORECASE)
