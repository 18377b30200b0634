"""Every fixture article, read field by field against expectations written by hand.

The fixtures in ``tests/fixtures/articles/`` are short articles of our own about other films, in
the three forms the reader takes (plain text in the seed's template, WordPress HTML, our Markdown).
The expectations below were written from each article and ``shared/guide-schema.md``, never from
the reader's output. Paragraphs are checked by count and opening words; everything read from a
heading or a list item is checked exactly; derived lists (genres, places, composers, featured
artists) are checked for the items the text clearly states.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from filmguide.article import parse_path, parse_text, write_markdown
from filmguide.model import Guide

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

AA = "Academy Awards"
GG = "Golden Globe Awards"
ISA = "Independent Spirit Awards"
BAFTA = "BAFTA Awards"

Award = tuple[str, str, str | None, str]
Ref = tuple[str, int | None] | tuple[str, int | None, str | None]


@dataclass(frozen=True)
class Expected:
    """What one article must read as. Paragraph lists hold each paragraph's opening words."""

    title: str
    year: int | None
    directors: list[str]
    intro: list[str] | None
    summary: list[tuple[str | None, list[str]]]
    ending: list[str] | None
    post_credits: tuple[bool | None, list[str]] | None
    film_type: tuple[list[str], set[str]] | None
    cast: list[tuple[str, str | None]]
    # (text openings, composers that must be there, featured artists that must be there)
    music: tuple[list[str], set[str], set[str]] | None
    # (text openings, words that must each appear in one of the places)
    locations: tuple[list[str], set[str]] | None
    awards: list[Award]
    behind_the_scenes: list[str]
    inspirations: list[str] | None
    alternate_endings: list[str] | None
    # (text openings, source as a dict or None)
    adaptation: tuple[list[str], dict[str, Any] | None] | None
    key_scenes: list[str]
    quotes: list[tuple[str, str | None, str]]
    easter_eggs: list[str]
    trivia: list[str]
    why_watch: list[str] | None
    director_films: list[Ref]
    recommendations: list[Ref]
    extra_sections: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    section_notes: dict[str, list[str]] = field(default_factory=dict)
    # lists given in Markdown front matter, so exact
    exact_composers: list[str] | None = None
    exact_places: list[str] | None = None
    slug: str | None = None


REQUIEM = Expected(
    title="Requiem for a Dream",
    year=None,
    directors=["Darren Aronofsky"],
    intro=["Darren Aronofsky’s Requiem for a Dream is a harrowing portrait"],
    summary=[
        ("Summer: Big Plans", ["Sara Goldfarb is a widow", "Harry, his girlfriend Marion"]),
        ("Fall: The Drought", ["A gang war cuts off"]),
        ("Winter: Everyone Falls", ["Harry and Tyrone drive south"]),
    ],
    ending=[
        "The last minutes cut between the four characters",
        "Harry’s arm is amputated",
        "Sara’s closing dream",
    ],
    post_credits=(False, ["No, Requiem for a Dream has no post-credits scenes."]),
    film_type=(["Requiem for a Dream is a psychological drama"], {"Drama"}),
    cast=[
        ("Ellen Burstyn", "Sara Goldfarb"),
        ("Jared Leto", "Harry Goldfarb"),
        ("Jennifer Connelly", "Marion Silver"),
        ("Marlon Wayans", "Tyrone C. Love"),
        ("Christopher McDonald", "Tappy Tibbons"),
    ],
    music=(
        ["The score was composed by Clint Mansell", "Featured artists include Kronos Quartet"],
        {"Clint Mansell"},
        {"Kronos Quartet"},
    ),
    locations=(["The film was shot in Brooklyn"], {"Brooklyn", "Coney Island", "Brighton Beach"}),
    awards=[
        (AA, "Best Actress", "Ellen Burstyn", "nominated"),
        (GG, "Best Actress", "Ellen Burstyn", "nominated"),
        (ISA, "Best Female Lead", None, "won"),
        (ISA, "Best Cinematography", None, "won"),
    ],
    behind_the_scenes=[
        "Ellen Burstyn wore padded suits and heavy prosthetics for the later scenes, spending"
        " hours in makeup each day.",
        "The film holds more than two thousand cuts, about three times as many as a typical"
        " feature of its length.",
        "Jared Leto lost about 25 pounds and spent time with heroin users in New York to prepare.",
        "The film was released unrated after the ratings board gave it an NC-17.",
    ],
    inspirations=["Aronofsky has said that the Japanese animated film Perfect Blue"],
    alternate_endings=None,
    adaptation=(
        ["The film adapts Hubert Selby Jr.’s 1978 novel"],
        {"kind": "novel", "title": None, "author": "Hubert Selby Jr.", "year": 1978},
    ),
    key_scenes=[
        "Sara’s monologue to Harry about why the television show matters to her.",
        "The refrigerator lurching across the kitchen floor.",
        "Harry and Tyrone’s drive south as Harry’s arm turns black.",
    ],
    quotes=[
        ("Sara", "to Harry", "I’m somebody now, Harry. Everybody likes me."),
        ("Sara", None, "It’s a reason to get up in the morning."),
    ],
    easter_eggs=[
        "Hubert Selby Jr. appears in a cameo as the laughing prison guard.",
        "Sara’s red dress is the one she wore to Harry’s high school graduation.",
    ],
    trivia=[
        "Ellen Burstyn was nominated for the Academy Award for Best Actress for the role.",
        "Clint Mansell’s “Lux Aeterna” was later reworked for trailers of many other films.",
        "The film runs about 102 minutes.",
    ],
    why_watch=["Because it shows what addiction does to ordinary dreams"],
    director_films=[
        ("Pi", 1998),
        ("The Fountain", 2006),
        ("The Wrestler", 2008),
        ("Black Swan", 2010),
        ("Mother!", 2017),
        ("The Whale", 2022),
    ],
    recommendations=[
        ("Trainspotting", 1996),
        ("Leaving Las Vegas", 1995),
        ("Candy", 2006),
        ("The Basketball Diaries", 1995),
    ],
)

MIDNIGHT_COWBOY = Expected(
    title="Midnight Cowboy",
    year=None,
    directors=["John Schlesinger"],
    intro=["John Schlesinger’s Midnight Cowboy is a tender and grimy story"],
    summary=[
        ("Joe Buck Heads East", ["Joe Buck quits his job as a dishwasher"]),
        (
            "A Winter in a Condemned Building",
            ["Joe meets Ratso Rizzo", "Ratso dreams of moving to Florida"],
        ),
    ],
    ending=["Joe robs and beats a man", "Just before the bus reaches Miami"],
    post_credits=None,
    film_type=(["Midnight Cowboy is a drama about loneliness and friendship"], {"Drama"}),
    cast=[
        ("Jon Voight", "Joe Buck"),
        ("Dustin Hoffman", "Enrico “Ratso” Rizzo"),
        ("Sylvia Miles", "Cass"),
        ("John McGiver", "Mr. O’Daniel"),
        ("Brenda Vaccaro", "Shirley"),
        ("Barnard Hughes", "Towny"),
    ],
    music=(
        ["The score was composed by John Barry", "Featured artists include Harry Nilsson"],
        {"John Barry"},
        {"Harry Nilsson"},
    ),
    locations=(
        ["Most of the film was shot on the streets of New York City"],
        {"Times Square", "Big Spring"},
    ),
    awards=[
        (AA, "Best Picture", None, "won"),
        (AA, "Best Director", "John Schlesinger", "won"),
        (AA, "Best Adapted Screenplay", "Waldo Salt", "won"),
        (AA, "Best Actor", "Dustin Hoffman", "nominated"),
        (AA, "Best Actor", "Jon Voight", "nominated"),
        (BAFTA, "Best Film", None, "won"),
        (BAFTA, "Best Direction", None, "won"),
        (BAFTA, "Best Screenplay", None, "won"),
    ],
    behind_the_scenes=[
        "It was John Schlesinger’s first American film.",
        "Dustin Hoffman kept pebbles in his shoe to keep Ratso’s limp the same from take to take.",
    ],
    inspirations=None,
    alternate_endings=None,
    adaptation=(
        ["The film is based on the 1965 novel by James Leo Herlihy."],
        {"kind": "novel", "title": None, "author": "James Leo Herlihy", "year": 1965},
    ),
    key_scenes=[
        "Ratso shouting at a taxi that nearly hits him on a crowded crossing.",
        "The psychedelic party in the Village.",
        "Joe and Ratso on the bus to Miami.",
    ],
    quotes=[
        ("Ratso", "to a taxi driver", "I’m walkin’ here! I’m walkin’ here!"),
        ("Joe", None, "I ain’t a for-real cowboy. But I am one helluva stud!"),
    ],
    easter_eggs=[],
    trivia=[
        "Dustin Hoffman and Jon Voight were both nominated for Best Actor.",
        "Harry Nilsson’s “Everybody’s Talkin’” won a Grammy Award.",
    ],
    why_watch=["Because it is one of the most human films about loneliness"],
    director_films=[
        ("Darling", 1965),
        ("Sunday Bloody Sunday", 1971),
        ("The Day of the Locust", 1975),
        ("Marathon Man", 1976),
    ],
    recommendations=[
        ("Scarecrow", 1973),
        ("The Last Detail", 1973),
        ("Taxi Driver", 1976),
        ("My Own Private Idaho", 1991),
    ],
    extra_sections=[
        (
            "The X Rating",
            ["Midnight Cowboy was released with an X rating"],
            [
                "It remains the only X-rated film to win Best Picture.",
                "It was later re-rated R without any cuts.",
            ],
        )
    ],
)

CASABLANCA = Expected(
    title="Casablanca",
    year=1942,
    directors=[],
    intro=["Casablanca (1942) is a wartime romance", "More than eighty years later"],
    summary=[
        (
            None,
            [
                "Rick Blaine runs Rick's Cafe Americain",
                "That same night Ilsa Lund walks into the cafe",
                "Ilsa later tells Rick",
            ],
        )
    ],
    ending=["At the airport, Rick holds Captain Renault", "Renault, who has watched everything"],
    post_credits=None,
    film_type=(["Casablanca is a romantic drama"], {"Drama", "Romance"}),
    cast=[
        ("Humphrey Bogart", "Rick Blaine"),
        ("Ingrid Bergman", "Ilsa Lund"),
        ("Paul Henreid", "Victor Laszlo"),
        ("Claude Rains", "Captain Louis Renault"),
        ("Conrad Veidt", "Major Heinrich Strasser"),
        ("Sydney Greenstreet", "Signor Ferrari"),
        ("Peter Lorre", "Ugarte"),
        ("Dooley Wilson", "Sam"),
    ],
    music=(
        ["The score was composed by Max Steiner", "Featured artists include Dooley Wilson"],
        {"Max Steiner"},
        {"Dooley Wilson"},
    ),
    locations=(["Casablanca was shot almost entirely on sound stages"], {"Burbank", "Van Nuys"}),
    awards=[
        (AA, "Best Picture", None, "won"),
        (AA, "Best Director", "Michael Curtiz", "won"),
        (AA, "Best Screenplay", None, "won"),
        (AA, "Best Actor", "Humphrey Bogart", "nominated"),
        (AA, "Best Supporting Actor", "Claude Rains", "nominated"),
        (AA, "Best Cinematography", None, "nominated"),
        (AA, "Best Film Editing", None, "nominated"),
        (AA, "Best Score", None, "nominated"),
    ],
    behind_the_scenes=[
        "The script was still being rewritten during filming, and the cast did not know how the"
        " story would end.",
        "Dooley Wilson was a drummer, not a pianist, so the piano was played off screen.",
        "The story came from an unproduced play called Everybody Comes to Rick's.",
    ],
    inspirations=None,
    alternate_endings=None,
    adaptation=None,
    key_scenes=[
        'The crowd at Rick\'s drowning out the German officers with "La Marseillaise".',
        'Ilsa asking Sam to play "As Time Goes By".',
        "The goodbye at the foggy airport.",
    ],
    quotes=[
        ("Rick", None, "Here's looking at you, kid."),
        ("Ilsa", None, "Play it, Sam. Play 'As Time Goes By.'"),
        ("Captain Renault", None, "I'm shocked, shocked to find that gambling is going on in here!"),
        ("Rick", "final scene", "Louis, I think this is the beginning of a beautiful friendship."),
    ],
    easter_eggs=[],
    trivia=[
        'The line "Play it again, Sam" is never spoken in the film.',
        "The film opened in New York in November 1942, a few weeks after the Allied landings in"
        " North Africa.",
        "Casablanca won three Academy Awards.",
    ],
    why_watch=["Because it is the rare classic that is as entertaining as its reputation"],
    director_films=[],
    recommendations=[
        ("To Have and Have Not", 1944),
        ("Notorious", 1946),
        ("Brief Encounter", 1945),
        ("The Third Man", 1949),
    ],
)

SCHINDLER = Expected(
    title="Schindler’s List",
    year=None,
    directors=["Steven Spielberg"],
    intro=["Steven Spielberg’s Schindler’s List is a monumental drama about Oskar Schindler"],
    summary=[
        ("Profit First", ["In 1939 Oskar Schindler", "The accountant Itzhak Stern"]),
        ("The List", ["After the ghetto is liquidated", "When the camp is to be closed"]),
    ],
    ending=["When the war ends, Schindler must flee", "The film then turns to colour"],
    post_credits=None,
    film_type=(["Schindler’s List is a historical drama"], {"Drama"}),
    cast=[
        ("Liam Neeson", "Oskar Schindler"),
        ("Ben Kingsley", "Itzhak Stern"),
        ("Ralph Fiennes", "Amon Göth"),
        ("Caroline Goodall", "Emilie Schindler"),
        ("Embeth Davidtz", "Helen Hirsch"),
    ],
    music=(
        ["The score was composed by John Williams", "Featured artists include Itzhak Perlman"],
        {"John Williams"},
        {"Itzhak Perlman"},
    ),
    locations=(["The film was shot on location in Kraków"], {"Kraków"}),
    awards=[
        (AA, "Best Picture", None, "won"),
        (AA, "Best Director", "Steven Spielberg", "won"),
        (AA, "Best Actor", "Liam Neeson", "nominated"),
        (AA, "Best Supporting Actor", "Ralph Fiennes", "nominated"),
        (BAFTA, "Best Film", None, "won"),
        (BAFTA, "Best Direction", None, "won"),
        (BAFTA, "Best Supporting Actor", None, "won"),
        (GG, "Best Motion Picture – Drama", None, "won"),
        (GG, "Best Director", None, "won"),
        (GG, "Best Screenplay", None, "won"),
    ],
    behind_the_scenes=[
        "Spielberg shot most of the film in black and white, and much of it with handheld cameras.",
        "Spielberg refused a salary for the film, calling any money from it blood money.",
        "Martin Scorsese was attached to direct for a time before Spielberg took the project back.",
    ],
    inspirations=["The story reached the page because Poldek Pfefferberg"],
    alternate_endings=["No alternate ending has ever been released. The film ends the same way"],
    adaptation=(
        ["The film is based on Schindler’s Ark, the 1982 novel by Thomas Keneally"],
        {"kind": "novel", "title": "Schindler’s Ark", "author": "Thomas Keneally", "year": 1982},
    ),
    key_scenes=[
        "The liquidation of the ghetto, followed through the girl in the red coat.",
        "Göth shooting prisoners from the balcony of his villa.",
        "Schindler’s breakdown as he says goodbye to his workers.",
    ],
    quotes=[
        (
            "Itzhak Stern",
            "reading the ring’s inscription",
            "Whoever saves one life saves the world entire.",
        ),
        ("Itzhak Stern", None, "The list is an absolute good. The list is life."),
        ("Oskar Schindler", "at the farewell", "I could have got more out."),
    ],
    easter_eggs=[
        "Apart from the red coat, the only colour in the main story is the flame of the Sabbath candles.",
        "The character of Itzhak Stern is a composite of several real men.",
    ],
    trivia=[
        "Spielberg supervised the effects of Jurassic Park from Poland while shooting.",
        "The film runs about 195 minutes.",
        "It won seven Academy Awards.",
    ],
    why_watch=["Because it is one of the few films that makes history feel personal"],
    director_films=[
        ("Jaws", 1975),
        ("E.T. the Extra-Terrestrial", 1982),
        ("Saving Private Ryan", 1998),
        ("Munich", 2005),
    ],
    recommendations=[
        ("Sophie’s Choice", 1982),
        ("Life Is Beautiful", 1997),
        ("The Pianist", 2002),
        ("Son of Saul", 2015),
    ],
    extra_sections=[
        (
            "Historical Accuracy",
            ["Most of the events are drawn from survivors’ testimony"],
            [
                "The real list was typed by Mietek Pemper and others, not by Stern alone.",
                "About 1,200 people were saved by Schindler.",
            ],
        )
    ],
)

AMELIE = Expected(
    title="Amélie",
    year=2001,
    directors=["Jean-Pierre Jeunet"],
    intro=[
        "Jean-Pierre Jeunet’s Amélie (2001) is a bright, whimsical fable",
        "Audrey Tautou’s performance and Montmartre’s storybook streets",
    ],
    summary=[
        ("A Lonely Childhood", ["Amélie Poulain grows up almost without friends."]),
        ("The Tin Box", ["As an adult, Amélie waits tables", "His joy convinces her"]),
        ("Amélie & Nino", ["She falls for Nino Quincampoix"]),
    ],
    ending=["Her neighbour Raymond Dufayel", "Nino finally comes to her door"],
    post_credits=None,
    film_type=(["Amélie is a romantic comedy with a fairy-tale streak"], {"Comedy", "Romance"}),
    cast=[
        ("Audrey Tautou", "Amélie Poulain"),
        ("Mathieu Kassovitz", "Nino Quincampoix"),
        ("Rufus", "Raphaël Poulain"),
        ("Serge Merlin", "Raymond Dufayel"),
        ("Jamel Debbouze", "Lucien"),
        ("Yolande Moreau", "Madeleine Wallace"),
        ("Dominique Pinon", "Joseph"),
    ],
    music=(["The music was composed by Yann Tiersen"], {"Yann Tiersen"}, set()),
    locations=(
        ["The film was shot in Paris, above all in Montmartre."],
        {"Montmartre", "Canal Saint-Martin"},
    ),
    awards=[
        (AA, "Best Foreign Language Film", None, "nominated"),
        (AA, "Best Original Screenplay", None, "nominated"),
        (AA, "Best Cinematography", None, "nominated"),
        (BAFTA, "Best Original Screenplay", None, "won"),
        (BAFTA, "Best Production Design", "Aline Bonetto", "won"),
        ("César Awards", "Best Film", None, "won"),
        ("César Awards", "Best Director", None, "won"),
        ("César Awards", "Best Music", None, "won"),
    ],
    behind_the_scenes=[
        "Emily Watson was the first choice for the title role but dropped out before filming.",
        "The colours were graded digitally to push the greens and reds.",
        "Jeunet had streets cleared of graffiti and litter to make Paris look like a postcard.",
    ],
    inspirations=None,
    alternate_endings=None,
    adaptation=None,
    key_scenes=[
        "Amélie skipping stones on the canal.",
        "The treasure hunt that ends at the steps of Sacré-Cœur.",
        "The garden gnome’s photos from around the world.",
    ],
    quotes=[
        ("Amélie", None, "Times are hard for dreamers."),
        (
            "Raymond Dufayel",
            "in his video",
            "Your bones aren’t made of glass. You can take life’s knocks.",
        ),
    ],
    easter_eggs=[],
    trivia=[
        "In France the film was released as Le Fabuleux Destin d’Amélie Poulain.",
        "It became one of the most successful French films ever released in the United States.",
    ],
    why_watch=["Because few films are this inventive and this kind at the same time."],
    director_films=[
        ("Delicatessen", 1991),
        ("The City of Lost Children", 1995),
        ("Alien Resurrection", 1997),
        ("A Very Long Engagement", 2004),
    ],
    recommendations=[
        ("Big Fish", 2003),
        ("The Grand Budapest Hotel", 2014),
        ("Paris, je t’aime", 2006),
    ],
    extra_sections=[
        (
            "The Travelling Gnome",
            ["To push her father out of his grief"],
            [
                "The gnome is photographed in front of famous landmarks.",
                "Her father receives the photos by post without knowing who sent them.",
            ],
        )
    ],
)

BLUE_VALENTINE = Expected(
    title="Blue Valentine",
    year=2010,
    directors=["Derek Cianfrance"],
    slug="blue-valentine",
    intro=[
        # the Markdown emphasis around the title is rendered to its plain words
        "Derek Cianfrance’s Blue Valentine is a painful, intimate portrait",
        "It asks how two people who loved each other",
    ],
    summary=[
        (None, ["The film cuts back and forth between two timelines, six years apart."]),
        (
            "The Present: A Marriage Running Out",
            ["Dean and Cindy live in rural Pennsylvania", "The night goes badly"],
        ),
        ("The Past: Falling in Love", ["Years earlier, Dean works for a moving company"]),
    ],
    ending=["On the Fourth of July, Cindy tells Dean she wants a divorce."],
    post_credits=(True, ["Yes, in a way: the end credits roll over a montage"]),
    film_type=(["Blue Valentine is a romantic drama"], {"Drama", "Romance"}),
    cast=[
        ("Ryan Gosling", "Dean Pereira"),
        ("Michelle Williams", "Cindy Heller"),
        ("Faith Wladyka", "Frankie"),
        ("John Doman", "Jerry"),
        ("Mike Vogel", "Bobby"),
    ],
    section_notes={"cast": ["The cast is small, and two actors carry almost every scene."]},
    music=(
        # the Markdown link is rendered to its words
        [
            "The score is by Grizzly Bear, whose hushed songs",
            "Featured artists include Penny & the Quarters",
        ],
        {"Grizzly Bear"},
        {"Penny & the Quarters"},
    ),
    exact_composers=["Grizzly Bear"],
    locations=(["The film was shot in Pennsylvania"], {"Scranton", "Brooklyn"}),
    exact_places=["Scranton", "Brooklyn"],
    awards=[
        (AA, "Best Actress", "Michelle Williams", "nominated"),
        (GG, "Best Actor", None, "nominated"),
        (GG, "Best Actress", None, "nominated"),
    ],
    behind_the_scenes=[
        "Cianfrance worked on the script for about twelve years before shooting.",
        "Gosling and Williams lived together for a month in character, with Faith Wladyka as their daughter.",
        "The past was shot on film and the present on digital cameras.",
    ],
    inspirations=None,
    alternate_endings=None,
    adaptation=None,
    key_scenes=[
        "Dean playing the ukulele while Cindy tap-dances in a shop doorway.",
        "The night in the Future Room at the motel.",
        "The fight at the clinic.",
    ],
    quotes=[
        (
            "Cindy",
            "to her grandmother",
            "How can you trust your feelings, when they can just disappear like that?",
        ),
        ("Dean", None, "Tell me what to do. I’ll do anything you want me to do."),
    ],
    easter_eggs=[],
    trivia=[
        "The film was first rated NC-17 before an appeal won it an R rating.",
        "Blue Valentine premiered at the Sundance Film Festival in 2010.",
    ],
    why_watch=["Because it is one of the most honest films about love and its ending"],
    director_films=[("The Place Beyond the Pines", 2012), ("The Light Between Oceans", 2016)],
    recommendations=[
        ("Revolutionary Road", 2008),
        ("Scenes from a Marriage", 1974),
        ("Like Crazy", 2011),
        ("Marriage Story", 2019, "another marriage seen from both sides"),
    ],
    extra_sections=[
        (
            "Songs in the Film",
            [],
            [
                "“You and Me” by Penny & the Quarters",
                "“You Always Hurt the One You Love”, sung by Dean on the ukulele",
            ],
        )
    ],
)

EXPECTED: dict[str, Expected] = {
    "requiem-for-a-dream.txt": REQUIEM,
    "requiem-for-a-dream.html": REQUIEM,
    "midnight-cowboy.txt": MIDNIGHT_COWBOY,
    "casablanca.txt": CASABLANCA,
    "schindlers-list.html": SCHINDLER,
    "amelie.html": AMELIE,
    "blue-valentine.md": BLUE_VALENTINE,
}

FORMATS = {".txt": "text", ".html": "html", ".md": "markdown"}

#: Words of the page around the articles (seed template widgets, the fixture site's header,
#: navigation, table of contents, widget link titles, sidebar, footer, scripts and styles).
CHROME = [
    "Table of Contents",
    "Toggle",
    "KEEP UP WITH THE TREND",
    "MOST SHARED",
    "⇢",
    "Ten Tearjerkers That Ruined Our Weekend",
    "Is Fight Club Still Misunderstood",
    "Every A24 Horror Film, Ranked",
    "The Sopranos Finale, One More Time",
    "The Pianist Ending Explained in Full",
    "Best War Films of the Nineties",
    "FilmFlux",
    "Movies explained, scene by scene",
    "Movies Explained",
    "Reviews & Recaps",
    "Contact Us",
    "Related Posts",
    "Newsletter",
    "Subscribe to our newsletter",
    "All rights reserved",
    "Privacy Policy",
    "Posted on",
    "Posted in",
    "Explained: Ending",
    "Meaning Explained",
    "ez-toc",
    "ezTOC",
    "smooth_scroll",
    "dataLayer",
    "gtag",
    "schema.org",
    "font-weight",
    "list-style",
]

NAMES = sorted(EXPECTED)


@functools.cache
def read(name: str) -> Guide:
    """Each fixture read once; a fixture that fails to read fails only its own tests."""
    return parse_path(FIXTURES / name)


def check_paragraphs(actual: list[str] | None, openings: list[str] | None, what: str) -> None:
    if openings is None:
        assert actual is None, f"{what}: expected no section, got {actual!r}"
        return
    assert actual is not None, f"{what}: section missing"
    assert len(actual) == len(openings), f"{what}: {len(actual)} paragraphs: {actual!r}"
    for paragraph, opening in zip(actual, openings, strict=True):
        assert paragraph.startswith(opening), f"{what}: {paragraph!r} should open {opening!r}"
        assert "\n" not in paragraph, f"{what}: a paragraph is one line: {paragraph!r}"


def refs(films: list[Ref]) -> list[tuple[str, int | None, str | None]]:
    return [(f[0], f[1], f[2] if len(f) == 3 else None) for f in films]  # type: ignore[misc]


def test_every_fixture_has_expectations() -> None:
    on_disk = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in FORMATS)
    assert on_disk == NAMES
    assert len({id(e) for e in EXPECTED.values()}) >= 6
    assert sum(n.endswith(".html") for n in NAMES) >= 3
    assert sum(n.endswith(".md") for n in NAMES) >= 1


@pytest.mark.parametrize("name", NAMES)
def test_title_year_directors(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert guide.title == exp.title
    assert guide.year == exp.year
    assert guide.directors == exp.directors
    if exp.slug is not None:
        assert guide.slug == exp.slug


@pytest.mark.parametrize("name", NAMES)
def test_intro(name: str) -> None:
    check_paragraphs(read(name).intro, EXPECTED[name].intro, "intro")


@pytest.mark.parametrize("name", NAMES)
def test_summary(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert [part.heading for part in guide.summary] == [h for h, _ in exp.summary]
    for part, (heading, openings) in zip(guide.summary, exp.summary, strict=True):
        check_paragraphs(part.paragraphs, openings, f"summary part {heading!r}")


@pytest.mark.parametrize("name", NAMES)
def test_ending(name: str) -> None:
    check_paragraphs(read(name).ending, EXPECTED[name].ending, "ending")


@pytest.mark.parametrize("name", NAMES)
def test_post_credits(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    if exp.post_credits is None:
        assert guide.post_credits is None
        return
    assert guide.post_credits is not None
    has_scenes, openings = exp.post_credits
    assert guide.post_credits.has_scenes is has_scenes
    check_paragraphs(guide.post_credits.text, openings, "post_credits.text")


@pytest.mark.parametrize("name", NAMES)
def test_film_type(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert exp.film_type is not None
    assert guide.film_type is not None
    openings, genres = exp.film_type
    check_paragraphs(guide.film_type.text, openings, "film_type.text")
    assert genres <= set(guide.film_type.genres), guide.film_type.genres


@pytest.mark.parametrize("name", NAMES)
def test_cast(name: str) -> None:
    guide = read(name)
    assert [(c.actor, c.character) for c in guide.cast] == EXPECTED[name].cast


@pytest.mark.parametrize("name", NAMES)
def test_music(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert exp.music is not None
    assert guide.music is not None
    openings, composers, artists = exp.music
    check_paragraphs(guide.music.text, openings, "music.text")
    assert composers <= set(guide.music.composers), guide.music.composers
    for artist in artists:
        assert any(artist in a for a in guide.music.featured_artists), (
            artist,
            guide.music.featured_artists,
        )
    if exp.exact_composers is not None:
        assert guide.music.composers == exp.exact_composers


@pytest.mark.parametrize("name", NAMES)
def test_locations(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert exp.locations is not None
    assert guide.locations is not None
    openings, words = exp.locations
    check_paragraphs(guide.locations.text, openings, "locations.text")
    for word in words:
        assert any(word in place for place in guide.locations.places), (
            word,
            guide.locations.places,
        )
    if exp.exact_places is not None:
        assert guide.locations.places == exp.exact_places


@pytest.mark.parametrize("name", NAMES)
def test_awards(name: str) -> None:
    guide = read(name)
    got = [(a.body, a.category, a.nominee, a.result) for a in guide.awards]
    assert got == EXPECTED[name].awards


@pytest.mark.parametrize("name", NAMES)
def test_item_lists(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert guide.behind_the_scenes == exp.behind_the_scenes
    assert guide.key_scenes == exp.key_scenes
    assert guide.easter_eggs == exp.easter_eggs
    assert guide.trivia == exp.trivia


@pytest.mark.parametrize("name", NAMES)
def test_prose_sections(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    check_paragraphs(guide.inspirations, exp.inspirations, "inspirations")
    check_paragraphs(guide.alternate_endings, exp.alternate_endings, "alternate_endings")
    check_paragraphs(guide.why_watch, exp.why_watch, "why_watch")


@pytest.mark.parametrize("name", NAMES)
def test_adaptation(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    if exp.adaptation is None:
        assert guide.adaptation is None
        return
    assert guide.adaptation is not None
    openings, source = exp.adaptation
    check_paragraphs(guide.adaptation.text, openings, "adaptation.text")
    got = guide.adaptation.source.model_dump() if guide.adaptation.source else None
    assert got == source


@pytest.mark.parametrize("name", NAMES)
def test_quotes(name: str) -> None:
    guide = read(name)
    assert [(q.speaker, q.context, q.text) for q in guide.quotes] == EXPECTED[name].quotes


@pytest.mark.parametrize("name", NAMES)
def test_film_references(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert [(f.title, f.year, f.note) for f in guide.director_films] == refs(exp.director_films)
    assert [(f.title, f.year, f.note) for f in guide.recommendations] == refs(exp.recommendations)


@pytest.mark.parametrize("name", NAMES)
def test_extra_sections(name: str) -> None:
    guide, exp = read(name), EXPECTED[name]
    assert [s.heading for s in guide.extra_sections] == [h for h, _, _ in exp.extra_sections]
    for section, (heading, openings, items) in zip(guide.extra_sections, exp.extra_sections, strict=True):
        check_paragraphs(section.paragraphs, openings, f"extra section {heading!r}")
        assert section.items == items


@pytest.mark.parametrize("name", NAMES)
def test_section_notes(name: str) -> None:
    """Paragraphs inside list sections are kept aside; no item line falls there unread."""
    assert read(name).section_notes == EXPECTED[name].section_notes


@pytest.mark.parametrize("name", NAMES)
def test_json_form_has_every_key(name: str) -> None:
    data = read(name).to_json_dict()
    schema_keys = {
        "title",
        "year",
        "directors",
        "intro",
        "summary",
        "ending",
        "post_credits",
        "film_type",
        "cast",
        "music",
        "locations",
        "awards",
        "behind_the_scenes",
        "inspirations",
        "alternate_endings",
        "adaptation",
        "key_scenes",
        "quotes",
        "easter_eggs",
        "trivia",
        "why_watch",
        "director_films",
        "recommendations",
        "extra_sections",
    }
    assert schema_keys <= set(data)
    json.dumps(data)


@pytest.mark.parametrize("name", NAMES)
def test_no_chrome_anywhere(name: str) -> None:
    dumped = json.dumps(read(name).to_json_dict(), ensure_ascii=False)
    found = [word for word in CHROME if word in dumped]
    assert found == []


@pytest.mark.parametrize("name", NAMES)
def test_no_entities_or_tags_left(name: str) -> None:
    dumped = json.dumps(read(name).to_json_dict(), ensure_ascii=False)
    for leftover in ("&#8217;", "&amp;", "&eacute;", "&#", "<p>", "<li>", "</"):
        assert leftover not in dumped


def test_html_twin_gives_the_same_guide() -> None:
    text = read("requiem-for-a-dream.txt")
    page = read("requiem-for-a-dream.html")
    assert page.to_json_dict() == text.to_json_dict()
    assert page == text


@pytest.mark.parametrize("name", NAMES)
def test_parse_text_matches_parse_path(name: str) -> None:
    path = FIXTURES / name
    guide = parse_text(path.read_text(encoding="utf-8"), fmt=FORMATS[path.suffix], name=str(path))
    assert guide == read(name)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_round_trip(name: str) -> None:
    guide = read(name)
    written = write_markdown(guide)
    again = parse_text(written, fmt="markdown", name=f"{name}.md")
    assert again.to_json_dict() == guide.to_json_dict()
    assert again == guide
    # and writing what was read back gives the same Markdown
    assert write_markdown(again) == written


@pytest.mark.parametrize("name", NAMES)
def test_title_override(name: str) -> None:
    guide = parse_path(FIXTURES / name, title="Something Else")
    assert guide.title == "Something Else"
