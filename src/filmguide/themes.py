"""Themes and content notes: what a guide's film is about, and what a cautious viewer should know.

:func:`find_themes` ranks the themes of a fixed vocabulary (:data:`THEMES`) by how strongly the
guide's text supports them; :func:`find_content_notes` reports the content notes of
:data:`CONTENT_NOTES` (alcoholism, drug use, suicide, sexual violence, violence, …), each worded
without spoilers and shown with the sentences that support it, taken from spoiler-free text only.

Both read the guide's sentences word by word and look up cue words and phrases (with their
inflected forms) in one table built at import; a cue does not count when it is negated
("does not use drugs", "no violence", "drug-free"), when it is used in another sense ("shot on
location", "a drink of water", "heart attack", "a violent storm"), or when it is part of a film or
song title ("Days of Wine and Roses"). ``docs/themes.md`` documents the vocabulary and the rules.
Pure functions: no database, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from filmguide.model import Guide
from filmguide.spoilers import Spoilers, find_spoilers
from filmguide.text import sentences

# ---------------------------------------------------------------------------------------------
# Public models


class Evidence(BaseModel):
    """One sentence of the guide that supports a theme or a content note, and where it stands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    """The guide field the sentence comes from: ``intro``, ``summary``, ``key_scenes``, …"""
    sentence: str


class Theme(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    slug: str
    score: float
    """Weighted count of the distinct sentences that support the theme, plus a bonus for each
    further field that supports it (see ``docs/themes.md``)."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Up to three supporting sentences, strongest first, never from spoiler text."""


class ContentNote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    slug: str
    note: str
    """A fixed, generic and spoiler-free sentence: never derived from the guide's text."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Up to three supporting sentences from spoiler-free text only."""
    evidence_hidden: bool = False
    """True when every supporting sentence is a spoiler: the note stands, its evidence is withheld."""


# ---------------------------------------------------------------------------------------------
# The vocabulary

Strength = Literal["strong", "weak"]

#: Macros usable in a cue: one token standing for any of these words.
_MACROS: dict[str, tuple[str, ...]] = {
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


@dataclass(frozen=True)
class Cue:
    """One cue: a word or phrase with its forms, and the contexts in which it means something else.

    The spec is space-separated tokens. A token is ``a|b|c`` (any of these words), ``stem+s,ed,ing``
    (the stem and the stem with each suffix), ``{macro}`` (see :data:`_MACROS`), ``*`` (any one
    word) and may end with ``?`` (optional). ``unless_next`` and ``unless_prev`` are phrases that,
    directly after or before the match, give the cue another sense.
    """

    spec: str
    strength: Strength = "strong"
    unless_next: tuple[str, ...] = ()
    unless_prev: tuple[str, ...] = ()


def weak(spec: str, *, unless_next: Sequence[str] = (), unless_prev: Sequence[str] = ()) -> Cue:
    """A cue that needs company: half a mention for a theme, one of two sentences for a note."""
    return Cue(spec, "weak", tuple(unless_next), tuple(unless_prev))


def strong(spec: str, *, unless_next: Sequence[str] = (), unless_prev: Sequence[str] = ()) -> Cue:
    return Cue(spec, "strong", tuple(unless_next), tuple(unless_prev))


CueLike = str | Cue


@dataclass(frozen=True)
class Concept:
    """A theme or a content note: its name, slug, cues and (for notes) its fixed wording."""

    slug: str
    name: str
    cues: tuple[Cue, ...]
    note: str = ""
    heavy_note: str = ""
    """Notes only: the wording used when at least three sentences support the note."""

    def cue_specs(self, strength: Strength) -> list[str]:
        return [c.spec for c in self.cues if c.strength == strength]


def _concept(slug: str, name: str, cues: Iterable[CueLike], note: str = "", heavy_note: str = "") -> Concept:
    return Concept(
        slug, name, tuple(c if isinstance(c, Cue) else Cue(c) for c in cues), note, heavy_note or note
    )


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
    _concept(
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
    _concept(
        "grief",
        "grief",
        (
            "grief|grieve+s,d|grieving|mourn+s,ed,ing|bereave+d,ment|heartbreak",
            "loss of {poss} wife|loss of {poss} husband|loss of {poss} son|loss of {poss} daughter",
            "loss of {poss} child|loss of {poss} mother|loss of {poss} father",
            weak("widow+s,ed,er|loss|death of {poss}|funeral+s", unless_next=("of appetite", "of faith")),
        ),
    ),
    _concept(
        "love",
        "love",
        (
            strong("love+s,d", unless_prev=("best", "well", "much", "would", "to"), unless_next=("to",)),
            "lover+s|romance+s|romantic|fall+s,ing in love|fell in love|love story|love affair",
            weak("passion|tenderness|affection|beloved|intimacy|intimate|in love"),
        ),
    ),
    _concept(
        "marriage",
        "marriage",
        (
            "marriage+s|married|marry|marries|divorce+s,d|wedding+s|newlywed+s",
            weak("husband+s|wife|wives|vows|spouse+s"),
        ),
    ),
    _concept(
        "loneliness",
        "loneliness",
        (
            "loneliness|lonely|solitude|isolation",
            weak("alone|isolated|outcast+s|lost souls|on the margins|outsider+s"),
        ),
    ),
    _concept(
        "friendship",
        "friendship",
        (
            "friendship+s|companionship|camaraderie|buddy film|buddy movie",
            weak("friend+s|best friend|buddy|partnership|companion+s"),
        ),
    ),
    _concept(
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
    _concept(
        "crime",
        "crime",
        (
            "crime+s|criminal+s|heist+s|gangster+s|mobster+s|mafia|robbery|robberies|con man|con men",
            "con artist+s|smuggle+s,d,r,rs|smuggling|drug dealer+s|dealing heroin|dealing drugs",
            weak("murder+s,ed|steal+s,ing|stole|stolen|rob+s,bed|theft|gang+s|police|arrest+s,ed|prison"),
        ),
    ),
    _concept(
        "redemption",
        "redemption",
        (
            "redemption|redeem+s,ed|atone+s,d,ment|second chance+s|recovery",
            weak("comeback|start+s,ing over|recover+s,ed,ing|forgiveness|forgive+s,n"),
        ),
    ),
    _concept(
        "self-destruction",
        "self-destruction",
        (
            "self destruction|self destructive|self destruct+s,ing|self sabotage|downward spiral+s",
            "drink+s,ing {self} to death|drank {self} to death|drink until {subj} die+s|death wish",
            "destroy+s,ed,ing {poss} own? life|destroy+s,ed,ing {self}|ruin+s,ed,ing {poss} own? life",
            weak("destructive|decline|falls apart|fall apart|falling apart|reaches bottom|rock bottom"),
        ),
    ),
    _concept(
        "ambition",
        "ambition",
        (
            "ambition+s|ambitious|make {poss} fortune|american dream",
            weak("success|successful|career|aspiring|aspire+s|dreams of becoming|make it big"),
        ),
    ),
    _concept(
        "fame",
        "fame",
        (
            "fame|stardom|celebrity|glory days|the spotlight",
            weak("famous|applause|fans|star|comeback|crowd"),
        ),
    ),
    _concept(
        "identity",
        "identity",
        (
            "identity|identities|sense of self|self discovery|who {subj} really is|masculinity|femininity",
            weak("real name|reinvent+s,ed,ing|double life"),
        ),
    ),
    _concept(
        "class",
        "class and poverty",
        (
            "poverty|working class|upper class|middle class|class divide|social class|homeless+ness",
            "scraping by|scrape+s by|destitute",
            weak("poor|wealthy|rich|money|rent|penniless|broke"),
        ),
    ),
    _concept(
        "war",
        "war",
        (
            "war|wars|wartime|soldier+s|battlefield+s|holocaust|nazi+s|world war|army|combat|the front",
            weak("resistance|veteran+s|refugee+s|occupation|occupied"),
        ),
    ),
    _concept(
        "faith",
        "faith",
        (
            "faith|religion|religious|god|church+es|priest+s|prayer+s|pray+s,ed,ing|spiritual|spirituality",
            weak("belief+s|believer+s|zealot+s|sin|sins|salvation"),
        ),
    ),
    _concept(
        "revenge",
        "revenge",
        ("revenge|vengeance|avenge+s,d|retribution|vendetta+s|get+s even", weak("payback|grudge")),
    ),
    _concept(
        "coming-of-age",
        "coming of age",
        (
            "coming of age|adolescence|adolescent+s|growing up|grow+s up|teenager+s|first love",
            weak("teen+s|youth|innocence|childhood"),
        ),
    ),
    _concept(
        "obsession",
        "obsession",
        (
            "obsession+s|obsessed|obsessive|obsessively|obsess+es|fixation|fixated|compulsion|compulsive",
            weak("consumed by|cannot stop|can't stop"),
        ),
    ),
    _concept(
        "mental-illness",
        "mental illness",
        (
            "mental illness|mentally ill|psychosis|psychotic|schizophrenia|schizophrenic|bipolar|paranoia",
            "nervous breakdown|hallucination+s|hallucinate+s|delusion+s,al|psychiatric|asylum|ptsd",
            strong("depression", unless_prev=("great",)),
            weak("depressed|paranoid|breakdown|trauma|traumatic|traumatised|traumatized|madness|sanity"),
        ),
    ),
    _concept(
        "betrayal",
        "betrayal",
        (
            "betray+s,ed,al,ing|betrayer|double cross+es,ed|infidelity|unfaithful|cheat+s,ed,ing on",
            weak("affair+s|deceive+s,d|deception|lies to"),
        ),
    ),
    _concept(
        "survival",
        "survival",
        ("survival|survive+s,d|surviving|survivor+s|stranded|stay alive", weak("escape+s,d|endure+s,d")),
    ),
    _concept(
        "mortality",
        "mortality",
        (
            "mortality|terminally ill|terminal illness|dying|facing death|own death",
            weak("death", unless_prev=("to",)),
            weak("illness|ill|sickly|failing|cancer"),
        ),
    ),
    _concept(
        "aging",
        "ageing",
        (
            "aging|ageing|old age|past {poss} prime|growing old|grow old|outlived",
            weak("elderly|retirement|faded"),
        ),
    ),
    _concept(
        "freedom",
        "freedom",
        ("freedom|liberty|liberation|escapism", weak("escape+s,d|free|trapped|confinement")),
    ),
    _concept(
        "dreams",
        "hopes and dreams",
        (
            "dream+s,ed,ing of|hope+s|hopeful|fantasy|fantasies|illusion+s|daydream+s",
            weak("dream+s|dreamer+s|longing|yearning|plan+s"),
        ),
    ),
    _concept(
        "corruption",
        "corruption",
        ("corruption|corrupt|corrupted|bribe+s,d,ry|abuse of power", weak("crooked|scandal+s")),
    ),
)

#: The content notes, each with its fixed wording (and a stronger one for sustained depictions).
CONTENT_NOTES: tuple[Concept, ...] = (
    _concept(
        "alcoholism",
        "Alcoholism",
        _DRINKING,
        note="Shows heavy drinking and drunkenness.",
        heavy_note="Depicts heavy, sustained alcoholism.",
    ),
    _concept(
        "drug-use",
        "Drug use",
        _DRUGS,
        note="Shows drug use.",
        heavy_note="Depicts heavy, sustained drug use and addiction.",
    ),
    _concept("suicide", "Suicide", _SUICIDE, note="Deals with suicide or a character’s wish to die."),
    _concept(
        "sexual-violence", "Sexual violence", _SEXUAL_VIOLENCE, note="Includes sexual violence or assault."
    ),
    _concept("violence", "Violence", _VIOLENCE, note="Contains physical violence."),
    _concept("self-harm", "Self-harm", _SELF_HARM, note="Shows or refers to self-harm."),
    _concept("sex-work", "Sex work", _SEX_WORK, note="Depicts prostitution or other sex work."),
    _concept(
        "domestic-abuse",
        "Domestic abuse",
        _DOMESTIC_ABUSE,
        note="Depicts abuse within a family or a relationship.",
    ),
    _concept("child-abuse", "Child abuse", _CHILD_ABUSE, note="Depicts or refers to the abuse of a child."),
    _concept("animal-harm", "Harm to animals", _ANIMAL_HARM, note="An animal is harmed or killed."),
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
# Compiling the cue table


@dataclass(frozen=True)
class _Compiled:
    concept: int
    kind: Literal["theme", "note"]
    strength: Strength
    rest: tuple[frozenset[str] | None, ...]
    unless_next: tuple[tuple[str, ...], ...]
    unless_prev: tuple[tuple[str, ...], ...]


def _expand_word(word: str) -> tuple[str, ...]:
    if word.startswith("{") and word.endswith("}"):
        return _MACROS[word[1:-1]]
    out: list[str] = []
    for alt in word.split("|"):
        stem, plus, suffixes = alt.partition("+")
        out.append(stem)
        if plus:
            out += [stem + s for s in suffixes.split(",")]
    return tuple(out)


def _expand_spec(spec: str) -> Iterator[tuple[frozenset[str] | None, ...]]:
    """Every token pattern a spec stands for: ``|`` between phrases, ``?`` optional tokens."""
    for phrase in _split_phrases(spec):
        patterns: list[tuple[frozenset[str] | None, ...]] = [()]
        for raw in phrase.split():
            optional = raw.endswith("?")
            tok = raw.rstrip("?")
            slot: frozenset[str] | None = None if tok == "*" else frozenset(_expand_word(tok))
            patterns = [(*p, slot) for p in patterns] + (patterns if optional else [])
        yield from (p for p in patterns if p)


def _split_phrases(spec: str) -> list[str]:
    """``"a b|c d"`` is two phrases but ``"drink+s,ing|drank"`` is one word with alternatives.

    A ``|`` separates phrases when either side has a space; within a single word it separates
    alternative words.
    """
    parts = spec.split("|")
    phrases: list[str] = []
    for part in parts:
        if phrases and " " not in part and " " not in phrases[-1]:
            phrases[-1] += "|" + part
        else:
            phrases.append(part)
    return phrases


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    for item in items:
        words = item.split()
        if len(words) == 1 and words[0].startswith("{"):
            out += [(w,) for w in _expand_word(words[0])]
        else:
            out.append(tuple(words))
    return tuple(out)


def _build() -> dict[str, list[_Compiled]]:
    table: dict[str, list[_Compiled]] = {}
    groups: tuple[tuple[Literal["theme", "note"], tuple[Concept, ...]], ...] = (
        ("theme", THEMES),
        ("note", CONTENT_NOTES),
    )
    for kind, concepts in groups:
        for index, concept in enumerate(concepts):
            for cue in concept.cues:
                for pattern in _expand_spec(cue.spec):
                    first, rest = pattern[0], pattern[1:]
                    if first is None:
                        raise ValueError(f"a cue may not start with a wildcard: {cue.spec!r}")
                    compiled = _Compiled(
                        index, kind, cue.strength, rest, _phrases(cue.unless_next), _phrases(cue.unless_prev)
                    )
                    for word in first:
                        table.setdefault(word, []).append(compiled)
    return table


_TABLE = _build()

# ---------------------------------------------------------------------------------------------
# Sentences and tokens

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[,;:.!?()\[\]\u2014\u2013\u201c\u201d\"…]|(?<=\s)-(?=\s)")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_QUOTED = re.compile(r"[“\"]([^”\"]{1,100})[”\"]")
_MINOR_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "as", "but", "nor"}
)

_NEGATORS = frozenset(
    {"not", "no", "never", "without", "nor", "neither", "none", "nothing", "nobody", "non", "anti"}
    | {"refuses", "refuse", "refused", "refusing", "rejects", "rejected", "avoids", "avoided"}
)
_NOT_NEGATING_NEXT = frozenset({"only", "just", "least", "doubt", "wonder"})
_DOUBLE_NEGATIVE = frozenset({"stop", "stops", "stopped", "stopping", "quit", "quits", "help", "resist"})
_CLAUSE_WORDS = frozenset(
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


def _is_title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w']*", text)
    if not words or not words[0][0].isupper():
        return False
    return all(w[0].isupper() for w in words if w.lower() not in _MINOR_WORDS)


def _mask(sentence: str, titles: re.Pattern[str] | None) -> str:
    """The sentence with film and song titles replaced, so a title's words are never cues."""
    text = sentence.translate(_APOSTROPHES)
    if titles is not None:
        text = titles.sub(" TITLE ", text)
    return _QUOTED.sub(lambda m: " TITLE " if _is_title_case(m.group(1)) else m.group(0), text)


def _title_pattern(guide: Guide) -> re.Pattern[str] | None:
    """Titles the guide names (its own, its recommendations, the director's films, its source).

    Only titles of two words or more are masked wherever they appear (case-sensitively); a
    one-word title ("Crash") is masked only in quotation marks, like any quoted Title Case text.
    """
    titles = {
        guide.title,
        *(f.title for f in guide.recommendations),
        *(f.title for f in guide.director_films),
    }
    if guide.adaptation and guide.adaptation.source and guide.adaptation.source.title:
        titles.add(guide.adaptation.source.title)
    usable = sorted(
        {t.translate(_APOSTROPHES).strip() for t in titles if len(t.split()) >= 2}, key=len, reverse=True
    )
    if not usable:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t) for t in usable) + r")(?![\w])")


#: Fields :func:`filmguide.spoilers.find_spoilers` does not gate, though they may still tell how
#: the film ends ("from Joe's departure to Ratso's death on the bus"): a sentence there that
#: speaks of a death, a fate or the ending is treated as a spoiler here.
_UNGATED_FIELDS = frozenset(
    {"adaptation", "behind_the_scenes", "trivia", "inspirations", "easter_eggs", "music", "locations"}
    | {"extra_sections", "section_notes"}
)
_GIVES_AWAY = re.compile(
    r"\b(?:ending|endings|ends|the end|final (?:scene|shot|act|moments?|monologue)|"
    r"last (?:scene|shot|moments?)|dies|died|death|deaths|dead|killed|kills|murdered|suicide|"
    r"fate|fates|survives?|survived)\b",
    re.IGNORECASE,
)


@dataclass
class _Sentence:
    field: str
    text: str
    spoiler: bool
    order: int


def _sentences(guide: Guide, spoilers: Spoilers) -> list[_Sentence]:
    out: list[_Sentence] = []
    for paragraph in guide.prose(spoilers):
        if paragraph.field == "quotes":
            q = guide.quotes[paragraph.index]
            speaker = f"{q.speaker} ({q.context})" if q.context else q.speaker
            out.append(_Sentence("quotes", f"{speaker}: “{q.text}”", paragraph.spoiler, len(out)))
            continue
        for sentence in sentences(paragraph.text):
            gives_away = paragraph.field in _UNGATED_FIELDS and _GIVES_AWAY.search(sentence) is not None
            out.append(_Sentence(paragraph.field, sentence, paragraph.spoiler or gives_away, len(out)))
    return out


def _negated(tokens: Sequence[str], start: int, end: int) -> bool:
    """Whether a negator governs the cue at ``tokens[start:end]`` ("does not use drugs")."""
    if end < len(tokens) and tokens[end] == "free":  # "drug-free", "violence free"
        return True
    for seen, j in enumerate(range(start - 1, -1, -1), start=1):
        tok = tokens[j]
        if not tok[0].isalnum() or tok in _CLAUSE_WORDS:
            return False
        following = tokens[j + 1] if j + 1 < len(tokens) else ""
        if tok in _NEGATORS or tok.endswith("n't") or (tok == "free" and following == "of"):
            if following in _NOT_NEGATING_NEXT:
                return False
            return not any(t in _DOUBLE_NEGATIVE for t in tokens[j + 1 : start])
        if seen >= NEGATION_WINDOW:
            return False
    return False


def _followed_by(tokens: Sequence[str], end: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(tokens[end : end + len(p)]) == p for p in phrases)


def _preceded_by(tokens: Sequence[str], start: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(start >= len(p) and tuple(tokens[start - len(p) : start]) == p for p in phrases)


@dataclass
class _Hits:
    """Per sentence: the strongest strength found for each concept of each kind."""

    theme: dict[int, Strength] = field(default_factory=dict)
    note: dict[int, Strength] = field(default_factory=dict)


def _scan(text: str) -> _Hits:
    tokens = [m.group(0) for m in _TOKEN.finditer(text.lower())]
    hits = _Hits()
    for i, tok in enumerate(tokens):
        candidates = _TABLE.get(tok)
        if not candidates:
            continue
        for cue in candidates:
            end = i + 1 + len(cue.rest)
            if end > len(tokens):
                continue
            ok = True
            for slot, word in zip(cue.rest, tokens[i + 1 : end], strict=True):
                if (slot is None and not word[0].isalnum()) or (slot is not None and word not in slot):
                    ok = False
                    break
            if not ok:
                continue
            if cue.unless_next and _followed_by(tokens, end, cue.unless_next):
                continue
            if cue.unless_prev and _preceded_by(tokens, i, cue.unless_prev):
                continue
            if _negated(tokens, i, end):
                continue
            found = hits.theme if cue.kind == "theme" else hits.note
            if found.get(cue.concept) != "strong":
                found[cue.concept] = cue.strength
    return hits


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Analysis:
    """Themes and content notes of one guide, computed together (the spoilers are found once)."""

    themes: list[Theme]
    content_notes: list[ContentNote]


def _scanned(guide: Guide) -> list[tuple[_Sentence, _Hits]]:
    spoilers = find_spoilers(guide)
    titles = _title_pattern(guide)
    return [(s, _scan(_mask(s.text, titles))) for s in _sentences(guide, spoilers)]


def _evidence(items: list[tuple[float, _Sentence]]) -> list[Evidence]:
    ranked = sorted(items, key=lambda it: (-it[0], it[1].order))
    return [Evidence(field=s.field, sentence=s.text) for _, s in ranked[:MAX_EVIDENCE]]


def _themes(
    scanned: list[tuple[_Sentence, _Hits]], *, include_spoilers: bool, limit: int, min_score: float
) -> list[Theme]:
    support: dict[int, list[tuple[float, _Sentence]]] = {}
    for sentence, hits in scanned:
        if sentence.spoiler and not include_spoilers:
            continue
        for concept, strength in hits.theme.items():
            weight = FIELD_WEIGHTS.get(sentence.field, 0.25) * (1.0 if strength == "strong" else WEAK_FACTOR)
            support.setdefault(concept, []).append((weight, sentence))
    themes: list[Theme] = []
    for concept, items in support.items():
        fields = {s.field for _, s in items}
        score = round(sum(w for w, _ in items) + FIELD_BONUS * (len(fields) - 1), 2)
        if score < min_score:
            continue
        definition = THEMES[concept]
        shown = [(w, s) for w, s in items if not s.spoiler]
        themes.append(
            Theme(name=definition.name, slug=definition.slug, score=score, evidence=_evidence(shown))
        )
    themes.sort(key=lambda t: (-t.score, t.slug))
    return themes[:limit]


def _notes(scanned: list[tuple[_Sentence, _Hits]]) -> list[ContentNote]:
    support: dict[int, list[tuple[float, _Sentence]]] = {}
    for sentence, hits in scanned:
        if sentence.field not in NOTE_FIELDS:
            continue
        for concept, strength in hits.note.items():
            support.setdefault(concept, []).append((1.0 if strength == "strong" else WEAK_FACTOR, sentence))
    notes: list[ContentNote] = []
    for concept, definition in enumerate(CONTENT_NOTES):
        items = support.get(concept, [])
        strong_hit = any(w == 1.0 for w, _ in items)
        if not strong_hit and len(items) < NOTE_WEAK_SENTENCES:
            continue
        shown = [(w, s) for w, s in items if not s.spoiler]
        heavy = len(items) >= HEAVY_SENTENCES and sum(w == 1.0 for w, _ in items) >= HEAVY_STRONG
        wording = definition.heavy_note if heavy else definition.note
        notes.append(
            ContentNote(
                name=definition.name,
                slug=definition.slug,
                note=wording,
                evidence=_evidence(shown),
                evidence_hidden=not shown,
            )
        )
    return notes


def find_themes(
    guide: Guide,
    *,
    include_spoilers: bool = False,
    limit: int = MAX_THEMES,
    min_score: float = MIN_THEME_SCORE,
) -> list[Theme]:
    """The guide's themes, strongest first.

    By default only spoiler-free text counts, so a theme never gives the ending away;
    ``include_spoilers=True`` lets spoiler text add to the scores (evidence stays spoiler-free).
    """
    return _themes(_scanned(guide), include_spoilers=include_spoilers, limit=limit, min_score=min_score)


def find_content_notes(guide: Guide) -> list[ContentNote]:
    """The content notes the film's text supports, in the order of :data:`CONTENT_NOTES`.

    Every field that shows the film's content counts, spoilers included (a viewer needs the
    warning either way), but the evidence comes only from spoiler-free text; a note whose only
    support is a spoiler is still reported, with ``evidence == []`` and ``evidence_hidden``.
    """
    return _notes(_scanned(guide))


def analyse(guide: Guide) -> Analysis:
    """Both at once, reading the guide a single time."""
    scanned = _scanned(guide)
    return Analysis(
        themes=_themes(scanned, include_spoilers=False, limit=MAX_THEMES, min_score=MIN_THEME_SCORE),
        content_notes=_notes(scanned),
    )


def _render_cue(cue: Cue) -> str:
    out = "`" + cue.spec.replace("|", "\\|") + "`"
    if cue.unless_prev:
        out += " (not after " + ", ".join(f"“{w}”" for w in cue.unless_prev) + ")"
    if cue.unless_next:
        out += " (not before " + ", ".join(f"“{w}”" for w in cue.unless_next) + ")"
    return out


def vocabulary_markdown() -> str:
    """The vocabulary as Markdown tables: the generated part of ``docs/themes.md``."""
    lines = [
        f"### Themes ({len(THEMES)})",
        "",
        "| Slug | Name | Strong cues | Weak cues |",
        "|---|---|---|---|",
    ]
    for theme in THEMES:
        strong_cues = "; ".join(_render_cue(c) for c in theme.cues if c.strength == "strong")
        weak_cues = "; ".join(_render_cue(c) for c in theme.cues if c.strength == "weak")
        lines.append(f"| `{theme.slug}` | {theme.name} | {strong_cues} | {weak_cues} |")
    lines += [
        "",
        f"### Content notes ({len(CONTENT_NOTES)})",
        "",
        "| Slug | Name | Wording | Wording when sustained | Strong cues | Weak cues |",
        "|---|---|---|---|---|---|",
    ]
    for note in CONTENT_NOTES:
        strong_cues = "; ".join(_render_cue(c) for c in note.cues if c.strength == "strong")
        weak_cues = "; ".join(_render_cue(c) for c in note.cues if c.strength == "weak")
        heavy = note.heavy_note if note.heavy_note != note.note else "(same)"
        lines.append(f"| `{note.slug}` | {note.name} | {note.note} | {heavy} | {strong_cues} | {weak_cues} |")
    macros = ", ".join(f"`{{{k}}}` = {' / '.join(v)}" for k, v in _MACROS.items())
    lines += ["", f"Macros: {macros}.", ""]
    return "\n".join(lines)


__all__ = [
    "CONTENT_NOTES",
    "THEMES",
    "Analysis",
    "Concept",
    "ContentNote",
    "Cue",
    "Evidence",
    "Theme",
    "analyse",
    "find_content_notes",
    "find_themes",
    "vocabulary_markdown",
]
