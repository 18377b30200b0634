"""The vocabulary as data: themes, content notes, their cues, and the word lists the matcher reads.

Tuning the analysis is editing this module; :mod:`filmguide.themes.matching` holds the rules.
``docs/themes.md`` shows the generated tables.
"""

from __future__ import annotations

import re

from filmguide.themes.cues import Concept, Cue, concept, strong, weak

#: Macros usable in a cue: one token standing for any of these words.
MACROS: dict[str, tuple[str, ...]] = {
    "self": ("himself", "herself", "themselves", "themself", "myself", "yourself", "oneself"),
    "pro": ("him", "her", "them", "me", "you", "us", "someone", "somebody"),
    "poss": ("his", "her", "their", "my", "your", "its", "one's"),
    "subj": ("he", "she", "they", "i", "you", "we"),
    "be": ("is", "was", "are", "were", "be", "been", "being", "gets", "got", "get", "getting"),
    "det": ("a", "an", "the", "his", "her", "their", "its", "my", "your", "our", "this", "that"),
    "kin": (
        "wife",
        "husband",
        "wives",
        "husbands",
        "partner",
        "girlfriend",
        "boyfriend",
        "children",
        "child",
        "kids",
        "son",
        "sons",
        "daughter",
        "daughters",
        "family",
        "mother",
        "father",
    ),
    "victim": (
        "prisoners",
        "prisoner",
        "people",
        "civilians",
        "victims",
        "man",
        "men",
        "woman",
        "women",
        "guard",
        "guards",
        "soldier",
        "soldiers",
        "officer",
        "police",
        "boy",
        "girl",
        "child",
        "children",
        "hostage",
        "hostages",
        "father",
        "mother",
        "brother",
        "wife",
        "husband",
    ),
    "animal": ("dog", "dogs", "cat", "cats", "horse", "horses", "pet", "pets", "puppy", "kitten", "animal"),
}


# Shared cue lists -------------------------------------------------------------------------------

_NOT_A_DRINK_OF = ("of water", "water", "of milk", "milk", "coffee", "tea", "juice", "soda", "lemonade")
_DRINKING: tuple[Cue, ...] = (
    weak("drink+s,ing", unless_next=_NOT_A_DRINK_OF, unless_prev=("soft", "energy")),
    weak("drank", unless_next=_NOT_A_DRINK_OF),
    weak("liquor|booze|boozing|whisky|whiskey|vodka|gin|wine|beer|cocktail+s"),
    weak("bottle+s", unless_prev=("water", "baby", "milk", "perfume")),
    weak("blackout+s"),
    weak("sober|sobriety", unless_next=("look", "tone", "style", "suit")),
    weak("binge+s"),
    strong("alcoholism|alcoholic+s|alcohol"),
    strong("drunk+s,en,enly,ard,ards"),
    strong("heavy drinker+s|heavy drinking|drinking binge+s|drinking problem+s|hangover+s"),
    strong("drink+s,ing {self} to death|drank {self} to death"),
)
_DRUGS: tuple[Cue, ...] = (
    strong(
        "drug+s",
        unless_next=("store", "stores", "company", "companies", "trial", "trials", "dealer's store"),
        unless_prev=("prescription", "miracle", "wonder", "anti"),
    ),
    strong("heroin|cocaine|methamphetamine|meth|amphetamine+s|morphine|opium|opioid+s|lsd|marijuana"),
    strong("crack cocaine|crack addict+s|crack den+s|smoke+s,d crack"),
    strong("overdose+s,d|junkie+s|diet pills|injecting|shooting up|drug-taking"),
    weak("pill+s", unless_next=("box", "boxes", "bottle", "organiser", "organizer")),
    weak("painkiller+s|dealer+s|hooked on|withdrawal|injection+s|needle+s|high on|stoned|cannabis|weed"),
)
_SUICIDE: tuple[Cue, ...] = (
    strong("suicide+s|suicidal"),
    strong("kill+s,ed,ing {self}"),
    strong("take+s {poss} own life|took {poss} own life|taking {poss} own life|ends {poss} own? life"),
    strong("drink+s,ing {self} to death|drank {self} to death|drink until {subj} die+s"),
    strong("death wish|want+s,ed to die|wish+es,ed to die|slit+s {poss} wrists"),
)
_SEX_WORK: tuple[Cue, ...] = (
    strong("prostitute+s,d|prostitution|call girl+s|pimp+s|brothel+s|hooker+s|sex work+er,ers"),
    strong("stripper+s|strip club+s|paid escort+s|male escort+s|gigolo+s"),
    strong(
        "escort+s",
        unless_next=("{pro}", "him", "her", "them", "the", "his", "a", "an", "out", "home", "off", "duty"),
        unless_prev=("police", "military", "armed", "to"),
    ),
    strong("sleep+s,ing with {poss}? * for money|sleep+s,ing with {poss}? * to get money"),
    strong("slept with {poss}? * for money|slept with {poss}? * to get money|sex for money|sex for drugs"),
    strong("pay+s,ing for {poss} company|paid for {poss} company|pay+s,ing for sex|paid for sex"),
    weak("hustler+s|hustling|paying customer+s|turning tricks"),
)
_VIOLENCE: tuple[Cue, ...] = (
    strong("violence"),
    strong(
        "violent|violently",
        unless_next=(
            "storm",
            "storms",
            "sea",
            "seas",
            "wind",
            "winds",
            "weather",
            "cough",
            "coughing",
            "shaking",
            "ill",
            "sick",
            "illness",
            "colours",
            "colors",
            "contrast",
            "shift",
            "mood swings",
        ),
    ),
    strong("brutal|brutally", unless_next=("honest", "honesty", "truth", "frank", "funny", "candid")),
    strong("brutality|gore|gory|torture+s,d|massacre+s,d|rampage+s|bloodbath"),
    strong("murder+s,ed,ing,er,ers|stab+s,bed,bing|strangle+s,d"),
    strong("killer+s|killing spree+s"),
    strong("kill+s,ed,ing {pro}", unless_prev=("could", "would", "might", "may", "can", "will")),
    weak(
        "kill+s,ed,ing",
        unless_next=("time", "the mood", "the lights", "the engine", "{self}"),
        unless_prev=("could", "would", "might", "may", "can", "will"),
    ),
    strong(
        "assault+s,ed,ing",
        unless_prev=("sexual", "sexually", "sensory", "verbal", "legal", "frontal"),
        unless_next=("on the senses", "on your senses"),
    ),
    strong(
        "attack+s,ed,ing",
        unless_prev=("heart", "panic", "anxiety", "asthma", "asthmatic"),
        unless_next=("the problem", "the role", "the part", "the material"),
    ),
    strong("beat+s,ing {pro}|beat+s {pro} up|beaten up|beaten to death|beaten by|beat+s,ing and rob+s,bed"),
    strong("gunpoint|gunfire|gunfight+s|gunshot+s|shootout+s|shot dead|shot and killed|shot to death"),
    strong("shoot+s,ing {pro}|shoot+s,ing {det}? {victim}|shot {det}? {victim}|shoot+s,ing at"),
    strong("gang shooting+s|mass shooting+s|school shooting+s|shooting spree+s"),
    strong("fistfight+s|brawl+s|bar fight+s|knife fight+s|starts a fight|fight breaks out"),
    weak("blood|bloody|bloodied", unless_next=("mary", "marys")),
    weak("gun+s", unless_prev=("staple", "glue", "nail", "spray", "water", "top")),
    weak("holocaust|genocide"),
    weak("smash+es,ed,ing up|riot+s|execution+s|punch+es,ed,ing|slap+s,ped,ping"),
)
_SEXUAL_VIOLENCE: tuple[Cue, ...] = (
    strong("rape+s,d|raping|rapist+s|molest+s,ed,ing,ation,er,ers"),
    strong("sexual assault+s|sexually assault+s,ed,ing|sexual abuse|sexually abuse+s,d"),
    strong("sexual violence|forces {self} on|forced {self} on"),
)
_DOMESTIC_ABUSE: tuple[Cue, ...] = (
    strong("domestic violence|domestic abuse|wife beater+s|battered wife|battered wives|battered women"),
    strong("abusive {kin}|abusive marriage|abusive relationship+s|abusive home|abusive stepfather"),
    strong("beat+s,ing {poss} {kin}|hit+s,ting {poss} {kin}|abuse+s,d {poss} {kin}"),
)
_CHILD_ABUSE: tuple[Cue, ...] = (
    strong("child abuse|abused as a child|abused as children|abused child+ren|child molester+s|incest"),
    strong("abuse+s,d {poss} son|abuse+s,d {poss} daughter|abuse+s,d {poss} children"),
)
_SELF_HARM: tuple[Cue, ...] = (
    strong("self harm|self harming|self injury|self mutilation|slit+s {poss} wrists"),
    strong("cut+s,ting {self}", unless_next=("off", "loose", "free", "short")),
    weak("burn+s,ed,ing {self}|hurt+s,ing {self}"),
)
_ANIMAL_HARM: tuple[Cue, ...] = (
    strong("animal cruelty|cruelty to animals|dead {animal}"),
    strong("{animal} {be}? killed|{animal} {be}? shot|{animal} {be}? run over|{animal} {be}? put down"),
    strong("{animal} {be}? poisoned|{animal} dies|{animal} died|kill+s,ed,ing {det}? {animal}"),
)

#: The themes, each with its cues (words, phrases and their forms).
THEMES: tuple[Concept, ...] = (
    concept(
        "addiction",
        "addiction",
        (
            "addict+s,ed,ion,ions,ive",
            "alcoholism|alcoholic+s|heroin|cocaine|junkie+s|overdose+s,d|rehab|relapse+s,d",
            "hooked on|cravings|craving",
            *(Cue(c.spec, "weak", c.unless_next, c.unless_prev) for c in _DRINKING[:-2]),
            *_DRINKING[-2:],
            weak("drug+s", unless_next=("store", "stores", "company", "trial", "trials")),
            weak("pill+s", unless_next=("box", "boxes")),
            weak("withdrawal|dealer+s"),
        ),
    ),
    concept(
        "grief",
        "grief",
        (
            "grief|grieve+s,d|grieving|mourn+s,ed,ing|bereave+d,ment|heartbreak",
            "loss of {poss} wife|loss of {poss} husband|loss of {poss} son|loss of {poss} daughter",
            "loss of {poss} child|loss of {poss} mother|loss of {poss} father",
            weak("widow+s,ed,er|loss|death of {poss}|funeral+s", unless_next=("of appetite", "of faith")),
        ),
    ),
    concept(
        "love",
        "love",
        (
            strong("love+s,d", unless_prev=("best", "well", "much", "would", "to"), unless_next=("to",)),
            "lover+s|romance+s|romantic|fall+s,ing in love|fell in love|love story|love affair",
            weak("passion|tenderness|affection|beloved|intimacy|intimate|in love"),
        ),
    ),
    concept(
        "marriage",
        "marriage",
        (
            "marriage+s|married|marry|marries|divorce+s,d|wedding+s|newlywed+s",
            weak("husband+s|wife|wives|vows|spouse+s"),
        ),
    ),
    concept(
        "loneliness",
        "loneliness",
        (
            "loneliness|lonely|solitude|isolation",
            weak("alone|isolated|outcast+s|lost souls|on the margins|outsider+s"),
        ),
    ),
    concept(
        "friendship",
        "friendship",
        (
            "friendship+s|companionship|camaraderie|buddy film|buddy movie",
            weak("friend+s|best friend|buddy|partnership|companion+s"),
        ),
    ),
    concept(
        "family",
        "family",
        (
            "family|families|parenthood|fatherhood|motherhood",
            weak(
                "father+s|mother+s|daughter+s|son+s|parent+s|sibling+s|brother+s|sister+s|grandmother"
                "|grandfather|child|children"
            ),
        ),
    ),
    concept(
        "crime",
        "crime",
        (
            "crime+s|criminal+s|heist+s|gangster+s|mobster+s|mafia|robbery|robberies|con man|con men",
            "con artist+s|smuggle+s,d,r,rs|smuggling|drug dealer+s|dealing heroin|dealing drugs",
            weak("murder+s,ed|steal+s,ing|stole|stolen|rob+s,bed|theft|gang+s|police|arrest+s,ed|prison"),
        ),
    ),
    concept(
        "redemption",
        "redemption",
        (
            "redemption|redeem+s,ed|atone+s,d,ment|second chance+s|recovery",
            weak("comeback|start+s,ing over|recover+s,ed,ing|forgiveness|forgive+s,n"),
        ),
    ),
    concept(
        "self-destruction",
        "self-destruction",
        (
            "self destruction|self destructive|self destruct+s,ing|self sabotage|downward spiral+s",
            "drink+s,ing {self} to death|drank {self} to death|drink until {subj} die+s|death wish",
            "destroy+s,ed,ing {poss} own? life|destroy+s,ed,ing {self}|ruin+s,ed,ing {poss} own? life",
            weak("destructive|decline|falls apart|fall apart|falling apart|reaches bottom|rock bottom"),
        ),
    ),
    concept(
        "ambition",
        "ambition",
        (
            "ambition+s|ambitious|make {poss} fortune|american dream",
            weak("success|successful|career|aspiring|aspire+s|dreams of becoming|make it big"),
        ),
    ),
    concept(
        "fame",
        "fame",
        (
            "fame|stardom|celebrity|glory days|the spotlight",
            weak("famous|applause|fans|star|comeback|crowd"),
        ),
    ),
    concept(
        "identity",
        "identity",
        (
            "identity|identities|sense of self|self discovery|who {subj} really is|masculinity|femininity",
            weak("real name|reinvent+s,ed,ing|double life"),
        ),
    ),
    concept(
        "class",
        "class and poverty",
        (
            "poverty|working class|upper class|middle class|class divide|social class|homeless+ness",
            "scraping by|scrape+s by|destitute",
            weak("poor|wealthy|rich|money|rent|penniless|broke"),
        ),
    ),
    concept(
        "war",
        "war",
        (
            "war|wars|wartime|soldier+s|battlefield+s|holocaust|nazi+s|world war|army|combat|the front",
            weak("resistance|veteran+s|refugee+s|occupation|occupied"),
        ),
    ),
    concept(
        "faith",
        "faith",
        (
            "faith|religion|religious|god|church+es|priest+s|prayer+s|pray+s,ed,ing|spiritual|spirituality",
            weak("belief+s|believer+s|zealot+s|sin|sins|salvation"),
        ),
    ),
    concept(
        "revenge",
        "revenge",
        ("revenge|vengeance|avenge+s,d|retribution|vendetta+s|get+s even", weak("payback|grudge")),
    ),
    concept(
        "coming-of-age",
        "coming of age",
        (
            "coming of age|adolescence|adolescent+s|growing up|grow+s up|teenager+s|first love",
            weak("teen+s|youth|innocence|childhood"),
        ),
    ),
    concept(
        "obsession",
        "obsession",
        (
            "obsession+s|obsessed|obsessive|obsessively|obsess+es|fixation|fixated|compulsion|compulsive",
            weak("consumed by|cannot stop|can't stop"),
        ),
    ),
    concept(
        "mental-illness",
        "mental illness",
        (
            "mental illness|mentally ill|psychosis|psychotic|schizophrenia|schizophrenic|bipolar|paranoia",
            "nervous breakdown|hallucination+s|hallucinate+s|delusion+s,al|psychiatric|asylum|ptsd",
            strong("depression", unless_prev=("great",)),
            weak("depressed|paranoid|breakdown|trauma|traumatic|traumatised|traumatized|madness|sanity"),
        ),
    ),
    concept(
        "betrayal",
        "betrayal",
        (
            "betray+s,ed,al,ing|betrayer|double cross+es,ed|infidelity|unfaithful|cheat+s,ed,ing on",
            weak("affair+s|deceive+s,d|deception|lies to"),
        ),
    ),
    concept(
        "survival",
        "survival",
        ("survival|survive+s,d|surviving|survivor+s|stranded|stay alive", weak("escape+s,d|endure+s,d")),
    ),
    concept(
        "mortality",
        "mortality",
        (
            "mortality|terminally ill|terminal illness|dying|facing death|own death",
            weak("death", unless_prev=("to",)),
            weak("illness|ill|sickly|failing|cancer"),
        ),
    ),
    concept(
        "aging",
        "ageing",
        (
            "aging|ageing|old age|past {poss} prime|growing old|grow old|outlived",
            weak("elderly|retirement|faded"),
        ),
    ),
    concept(
        "freedom",
        "freedom",
        ("freedom|liberty|liberation|escapism", weak("escape+s,d|free|trapped|confinement")),
    ),
    concept(
        "dreams",
        "hopes and dreams",
        (
            "dream+s,ed,ing of|hope+s|hopeful|fantasy|fantasies|illusion+s|daydream+s",
            weak("dream+s|dreamer+s|longing|yearning|plan+s"),
        ),
    ),
    concept(
        "corruption",
        "corruption",
        ("corruption|corrupt|corrupted|bribe+s,d,ry|abuse of power", weak("crooked|scandal+s")),
    ),
)

#: The content notes, each with its fixed wording (and a stronger one for sustained depictions).
CONTENT_NOTES: tuple[Concept, ...] = (
    concept(
        "alcoholism",
        "Alcoholism",
        _DRINKING,
        note="Shows heavy drinking and drunkenness.",
        heavy_note="Depicts heavy, sustained alcoholism.",
    ),
    concept(
        "drug-use",
        "Drug use",
        _DRUGS,
        note="Shows drug use.",
        heavy_note="Depicts heavy, sustained drug use and addiction.",
    ),
    concept("suicide", "Suicide", _SUICIDE, note="Deals with suicide or a character’s wish to die."),
    concept(
        "sexual-violence", "Sexual violence", _SEXUAL_VIOLENCE, note="Includes sexual violence or assault."
    ),
    concept("violence", "Violence", _VIOLENCE, note="Contains physical violence."),
    concept("self-harm", "Self-harm", _SELF_HARM, note="Shows or refers to self-harm."),
    concept("sex-work", "Sex work", _SEX_WORK, note="Depicts prostitution or other sex work."),
    concept(
        "domestic-abuse",
        "Domestic abuse",
        _DOMESTIC_ABUSE,
        note="Depicts abuse within a family or a relationship.",
    ),
    concept("child-abuse", "Child abuse", _CHILD_ABUSE, note="Depicts or refers to the abuse of a child."),
    concept("animal-harm", "Harm to animals", _ANIMAL_HARM, note="An animal is harmed or killed."),
)

# ---------------------------------------------------------------------------------------------
# Fields: how much each counts for themes, and which show the film's content for notes

#: Weight of one supporting sentence, by field. A strong cue in an intro sentence is one mention.
FIELD_WEIGHTS: dict[str, float] = {
    "intro": 1.0,
    "film_type": 1.0,
    "why_watch": 1.0,
    "summary": 0.75,
    "ending": 0.75,
    "key_scenes": 0.5,
    "quotes": 0.5,
    "easter_eggs": 0.5,
    "adaptation": 0.5,
    "extra_sections": 0.5,
    "post_credits": 0.25,
    "alternate_endings": 0.25,
    "inspirations": 0.25,
    "behind_the_scenes": 0.25,
    "trivia": 0.25,
    "music": 0.25,
    "locations": 0.25,
}
#: What a weak cue is worth against a strong one, for themes.
WEAK_FACTOR = 0.5
#: Bonus per supporting field beyond the first.
FIELD_BONUS = 0.25
#: A theme is reported from this score: one strong mention in the intro, the film type or why
#: to watch, or a summary mention backed by another sentence.
MIN_THEME_SCORE = 1.0
#: At most this many themes are returned.
MAX_THEMES = 8
#: At most this many evidence sentences per theme or note.
MAX_EVIDENCE = 3
#: A note needs one strong cue, or weak cues in this many distinct sentences.
NOTE_WEAK_SENTENCES = 2
#: A note uses its ``heavy_note`` wording when this many distinct sentences support it, of which
#: at least :data:`HEAVY_STRONG` hold a strong cue (spoiler text counts: the wording stays generic).
HEAVY_SENTENCES = 4
HEAVY_STRONG = 2

#: Fields that show what happens in the film. Content notes read only these: production facts
#: (behind the scenes, trivia, music, locations), other works (inspirations, the adaptation's
#: source) and awards are about the real world, not the film's content.
NOTE_FIELDS: frozenset[str] = frozenset(
    {
        "intro",
        "summary",
        "ending",
        "alternate_endings",
        "post_credits",
        "film_type",
        "key_scenes",
        "quotes",
        "easter_eggs",
        "why_watch",
    }
)

# ---------------------------------------------------------------------------------------------
# Words the matcher reads around a cue

QUOTED = re.compile(r"[“\"]([^”\"]{1,100})[”\"]")
MINOR_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "as", "but", "nor"}
)

NEGATORS = frozenset(
    {"not", "no", "never", "without", "nor", "neither", "none", "nothing", "nobody", "non", "anti"}
    | {"refuses", "refuse", "refused", "refusing", "rejects", "rejected", "avoids", "avoided"}
)
NOT_NEGATING_NEXT = frozenset({"only", "just", "least", "doubt", "wonder"})
DOUBLE_NEGATIVE = frozenset({"stop", "stops", "stopped", "stopping", "quit", "quits", "help", "resist"})
CLAUSE_WORDS = frozenset(
    {
        "but",
        "yet",
        "although",
        "though",
        "while",
        "whereas",
        "which",
        "who",
        "whom",
        "that",
        "because",
        "until",
        "when",
        "after",
        "before",
        "if",
        "and",
    }
)
#: How many words before a cue a negator may stand.
NEGATION_WINDOW = 4


#: Fields :func:`filmguide.spoilers.find_spoilers` does not gate, though they may still tell how
#: the film ends ("from Joe's departure to Ratso's death on the bus"): a sentence there that
#: speaks of a death, a fate or the ending is treated as a spoiler here.
UNGATED_FIELDS = frozenset(
    {"adaptation", "behind_the_scenes", "trivia", "inspirations", "easter_eggs", "music", "locations"}
    | {"extra_sections", "section_notes"}
)
#: The lookahead names the alternatives' first letters: it changes no match (each alternative starts
#: with one), but lets the engine skip most positions at once, halving the search.
GIVES_AWAY = re.compile(
    r"\b(?=[defklmst])(?:ending|endings|ends|the end|final (?:scene|shot|act|moments?|monologue)|"
    r"last (?:scene|shot|moments?)|dies|died|death|deaths|dead|killed|kills|murdered|suicide|"
    r"fate|fates|survives?|survived)\b",
    re.IGNORECASE,
)
