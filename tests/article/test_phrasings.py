"""How film sites phrase what the reader looks for: post-credits headings, composers, the cast in
sentences. Each case is a phrasing seen on real sites, written here in our own words."""

from __future__ import annotations

from typing import Any

import pytest

from filmguide.article import ArticleError, parse_text
from filmguide.article.cast import cast_in_prose, cast_pairs, read_cast
from filmguide.article.chrome import line_kind
from filmguide.article.credits import has_scenes, heading_grants_scene
from filmguide.article.facts import (
    composers,
    described_year,
    directed_by,
    featured_artists,
    films_in_prose,
    read_heading_sentence,
)
from filmguide.article.headings import match_heading
from filmguide.article.infobox import text_row
from filmguide.article.titles import read_headline
from filmguide.model import CastMember
from filmguide.wordpress.titles import film_from_post_title


@pytest.mark.parametrize(
    "heading",
    [
        "How many end-credits scenes are in Thor: Ragnarok?",
        "How Many Post-Credit Scenes Are There?",
        "Is there a scene after the credits of Thor?",
        "Are there any stingers in Thor: Ragnarok?",
        "Is there a credits scene in Thor?",
        "Should you stay after the credits?",
        "Do I need to stay after the credits of Thor?",
        "Thor: Ragnarok End Credits",
        "How Many Credit Scenes Are There?",
        "What Happens in the Post-Credits Scene?",
        "What happens during the Thor: Ragnarok mid-credits scene?",
        "Should You Stay Until the End?",
        "Do you have to stay to the very end of the credits?",
        "Does Oppenheimer Have an Ending Credit Scene?",
    ],
)
def test_post_credits_headings(heading: str) -> None:
    assert match_heading(heading) == "post_credits"


@pytest.mark.parametrize(
    ("headings", "grants"),
    [
        (["What Happens in the Post-Credits Scene?"], True),
        (["The Mid-Credits Scene Explained"], True),
        (["Is There a Post-Credits Scene?"], False),
        (["Does the Film Have a Post-Credits Scene?"], False),
        (["How Many Credit Scenes Are There?"], False),
    ],
)
def test_a_heading_that_takes_the_scene_for_granted_says_yes(headings: list[str], grants: bool) -> None:
    """A section headed "What Happens in the Post-Credits Scene?" describes the scene: a yes, where
    its text says neither; a question whether there is one says nothing by itself."""
    assert heading_grants_scene(headings) is grants
    text = f"Deadpool (2016) is a superhero comedy.\n\n{headings[0]}\n\nThe hero waves at the camera.\n"
    answer = parse_text(text).post_credits
    assert answer is not None and answer.has_scenes is (True if grants else None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Christopher Nolan's Oppenheimer (2023) closes on a quiet talk by a pond.",
        "Christopher Nolan’s Oppenheimer (2023) weighs a scientist's guilt.",
    ],
)
def test_a_year_in_brackets_ends_the_first_sentences_subject(sentence: str) -> None:
    """Whatever verb follows "Title (Year)", the owner before it is the director."""
    heading = read_heading_sentence(sentence, "Oppenheimer builds the bomb. Oppenheimer doubts.")
    assert (heading.title, heading.year, heading.directors) == ("Oppenheimer", 2023, ["Christopher Nolan"])


@pytest.mark.parametrize(
    "line", ["Share this article: Facebook | X | Reddit", "More from MovieBeat", "More From Collider"]
)
def test_share_bars_and_the_sites_own_links_are_chrome(line: str) -> None:
    assert line_kind(line) == "chrome"


@pytest.mark.parametrize(
    ("headline", "lists"),
    [
        ("The 7 Best A24 Horror Movies, Ranked", True),
        ("Every MCU Movie With a Post-Credits Scene", True),
        ("10 Movies Like Heat", True),
        ("Top 5 Christopher Nolan Films", True),
        ("Heat (1995) Movie Explained", False),
        ("The Best Movie of the Year: Heat", False),
        ("10 Things You Didn't Know About Jaws", False),
    ],
)
def test_a_headline_that_announces_a_list_of_films(headline: str, lists: bool) -> None:
    from filmguide.article.headline_shapes import FILM_LIST_HEADLINE

    assert bool(FILM_LIST_HEADLINE.match(headline)) is lists


def test_link_block_headings_are_link_block_titles() -> None:
    """A heading that heads a block of links whatever follows is one of the titles of such blocks."""
    from filmguide.article.chrome_words import LINK_BLOCK_HEADINGS, LINK_BLOCK_TITLES

    assert LINK_BLOCK_HEADINGS <= LINK_BLOCK_TITLES
    assert "recommended" not in LINK_BLOCK_HEADINGS  # an article's own list of films may be under it


def test_more_from_a_person_is_not_chrome() -> None:
    assert line_kind("More from Denis Villeneuve") is None


@pytest.mark.parametrize(
    "heading", ["Opening Credits", "Is there a scene in the opening credits?", "Credits"]
)
def test_other_credits_are_not_the_post_credits(heading: str) -> None:
    assert match_heading(heading) != "post_credits"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mark Mothersbaugh wrote the synth-heavy score, and a rock anthem plays over both fights.",
        "Mark Mothersbaugh provides the playful score.",
        "Mark Mothersbaugh's spine-tingling score hums under every scene.",
    ],
)
def test_composers_in_the_ways_sites_credit_them(sentence: str) -> None:
    assert composers([sentence]) == ["Mark Mothersbaugh"]


def test_the_cast_in_a_sentence() -> None:
    text = (
        "Then Chris Hemsworth returns as Thor, with Tom Hiddleston as Loki, Cate Blanchett as Hela "
        "and Jeff Goldblum as the Grandmaster. The film was marketed as a comedy."
    )
    assert [(c.actor, c.character) for c in cast_in_prose([text])] == [
        ("Chris Hemsworth", "Thor"),
        ("Tom Hiddleston", "Loki"),
        ("Cate Blanchett", "Hela"),
        ("Jeff Goldblum", "the Grandmaster"),
    ]


@pytest.mark.parametrize(
    ("line", "character", "note"),
    [
        (
            "Kirsten Dunst as Lee Smith, a veteran war photographer",
            "Lee Smith",
            "Lee Smith, a veteran war photographer",
        ),
        (
            "John Lithgow as Cardinal Tremblay – a Canadian with something to hide",
            "Cardinal Tremblay",
            "Cardinal Tremblay – a Canadian with something to hide",
        ),
        (
            "Isabella Rossellini as Sister Agnes, who keeps the residence running",
            "Sister Agnes",
            "Sister Agnes, who keeps the residence running",
        ),
        ("Nick Offerman as the President of the United States", "the President of the United States", None),
        ("Chris Pratt as Peter Quill / Star-Lord", "Peter Quill / Star-Lord", None),
        ("Ariana Greenblatt as Sasha, Gloria's daughter", "Sasha, Gloria's daughter", None),
    ],
)
def test_who_a_character_is_follows_the_cast_as_a_note(line: str, character: str, note: str | None) -> None:
    """ "Actor as Character, who the character is": the entry's character is the name alone."""
    from filmguide.article.cast import described

    member = read_cast(line)
    assert member is not None
    entry, said = described(member)
    assert (entry.character, said) == (character, note)


def test_the_cast_in_a_sentence_that_says_what_the_part_is() -> None:
    text = "Christopher Eccleston plays the dark elf Malekith and Rene Russo plays a grieving Frigga."
    assert [(c.actor, c.character) for c in cast_in_prose([text])] == [
        ("Christopher Eccleston", "Malekith"),
        ("Rene Russo", "Frigga"),
    ]


@pytest.mark.parametrize(
    ("line", "actor", "character"),
    [
        ("Tom Hanks as Woody (voice)", "Tom Hanks", "Woody"),
        ("Tom Hanks (voice) as Woody", "Tom Hanks", "Woody"),
        ("Andy Serkis as Caesar (motion capture)", "Andy Serkis", "Caesar"),
        ("Bill Murray as himself (uncredited)", "Bill Murray", "himself"),
        ("Tom Hanks as Woody (Toy Story)", "Tom Hanks", "Woody (Toy Story)"),
        ("Al Pacino / Vincent Hanna", "Al Pacino", "Vincent Hanna"),
        ("Chris Pratt – Peter Quill / Star-Lord", "Chris Pratt", "Peter Quill / Star-Lord"),
    ],
)
def test_a_credits_note_is_neither_the_actor_nor_the_part(line: str, actor: str, character: str) -> None:
    assert read_cast(line) == CastMember(actor=actor, character=character)


def test_the_part_described_with_no_article_and_how_one_plays_it_with_whom() -> None:
    found = cast_in_prose(
        ["Michael B. Jordan plays twin brothers Smoke and Stack. Tom Hanks plays opposite Meg Ryan."]
    )
    assert [(c.actor, c.character) for c in found] == [("Michael B. Jordan", "Smoke")]


def test_a_grid_of_cast_cards_copied_as_text_reads_in_pairs() -> None:
    """Each card an actor's line over the part's, every line short: the text reader takes each
    for a heading; inside the cast section, four or more in a row are the cards' lines."""
    text = (
        "Sinners (2025) Cast Guide\nSinners is a 2025 horror film directed by Ryan Coogler.\nCast\n"
        "Michael B. Jordan\nSmoke and Stack\nHailee Steinfeld\nMary\nJack O'Connell\nRemmick\n"
        "Ending\nSmoke holds off the Klan at dawn, and Sammie escapes to Chicago with his guitar.\n"
    )
    guide = parse_text(text, name="sinners.txt")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Michael B. Jordan", "Smoke and Stack"),
        ("Hailee Steinfeld", "Mary"),
        ("Jack O'Connell", "Remmick"),
    ]
    assert guide.extra_sections == [] and guide.ending and guide.ending[0].startswith("Smoke holds")


@pytest.mark.parametrize(
    ("section", "read"),
    [
        ("Movies Like Sinners\nGet Out\nUs\nNope\n", lambda g: [f.title for f in g.recommendations]),
        (
            "Ryan Coogler's Other Movies\nCreed\nBlack Panther\n",
            lambda g: [f.title for f in g.director_films],
        ),
        ("Where Was Sinners Filmed?\nNew Orleans\nVacherie\n", lambda g: g.locations.text),
    ],
)
def test_a_sections_lines_too_short_for_sentences_are_its_lines(section: str, read: Any) -> None:
    """Titles or places a line each, with no bullet: each passes for a heading by its shortness,
    but none heads anything, and the section holds them (they had been lost as empty headings)."""
    text = (
        "Sinners (2025) Explained\nSinners is a 2025 horror film directed by Ryan Coogler.\n"
        f"{section}Ending\nSmoke holds off the Klan at dawn, and Sammie escapes to Chicago.\n"
    )
    guide = parse_text(text, name="sinners.txt")
    assert read(guide) == section.splitlines()[1:]
    assert guide.extra_sections == []


def test_no_cast_where_as_does_not_follow_a_name() -> None:
    assert (
        cast_in_prose(["Known as a comedy, it plays as a thriller; In the end Amy Adams plays a linguist."])
        == []
    )


@pytest.mark.parametrize(
    ("headline", "title", "kind"),
    [
        ("Here’s What the Ending of Tár Really Means", "Tár", "ending"),
        ("The Ending of ‘Sinners,’ Explained", "Sinners", "ending"),
        ("Everything You Need to Know About the Sinners Ending", "Sinners", "ending"),
        ("Why Sinners’ Ending Is So Powerful", "Sinners", "ending"),
        ("The Thing (Film, 1982): Ending Explained", "The Thing", "ending"),
        ("Michael Mann's Heat: The Ending Explained", "Heat", "ending"),
        ("Ferris Bueller's Day Off Ending Explained", "Ferris Bueller's Day Off", "ending"),
        ("Heat (1995) – Full Plot Summary and Ending Explained", "Heat", "explained"),
        ("Blade Runner: The Final Cut Ending Explained", "Blade Runner", "ending"),
        ("Kingdom of Heaven (Director's Cut) Explained", "Kingdom of Heaven", "explained"),
        (
            "Everything Everywhere All at Once: The Ending Explained",
            "Everything Everywhere All at Once",
            "ending",
        ),
        ("How Does Get Out End? The Ending Explained", "Get Out", "ending"),
        ("Joker: Folie à Deux Ending Explained", "Joker: Folie à Deux", "ending"),
        ("What Happened at the End of Prisoners? Ending Explained", "Prisoners", "ending"),
        ("Aftersun: The Ending Explained and What It Means", "Aftersun", "ending"),
        ("Explained: The Ending of Memento", "Memento", "ending"),
        ("Shutter Island ending: what really happened", "Shutter Island", "ending"),
        ("Mulholland Drive, Explained", "Mulholland Drive", "explained"),
        ("The Ending of ‘Nope’ Explained", "Nope", "ending"),
        ("10 Things You Didn't Know About Jaws (1975)", "Jaws", "trivia"),
        ("Whiplash cast, filming locations and true story", "Whiplash", "explained"),
        ("The Thing (1982): Ending, Trivia and Key Scenes", "The Thing", "explained"),
        ("What Does the Ending of Past Lives Mean?", "Past Lives", "ending"),
        ("How Many Post-Credits Scenes Does The Marvels Have?", "The Marvels", "post_credits"),
        ("Who Dies in John Wick 4? Ending Explained", "John Wick 4", "ending"),
        ("Is Talk to Me Based on a True Story?", "Talk to Me", None),
        ("Anatomy of a Fall: 7 Questions About the Ending, Answered", "Anatomy of a Fall", "explained"),
        ("Past Lives: Your Biggest Questions Answered", "Past Lives", "explained"),
        ("5 Questions We Still Have After Watching Saltburn", "Saltburn", "explained"),
        ("10 Burning Questions About the Ending of Nope, Answered", "Nope", "explained"),
        ("Sinners: Does the Movie Have an End-Credits Scene?", "Sinners", "post_credits"),
        ("Is There a Sinners Post-Credits Scene?", "Sinners", "post_credits"),
        ("Sinners movie: ending explained", "Sinners", "ending"),
        ("Explained: Sinners Ending", "Sinners", "ending"),
        ("Sinners True Story: Is It Based on Real Events?", "Sinners", None),
        ("Why Sinners Ends the Way It Does", "Sinners", "ending"),
        ("Who Dies in Sinners?", "Sinners", "ending"),
        ("Does Smoke Die in Sinners?", "Sinners", "ending"),
        ("Sinners: Who Lives and Who Dies", "Sinners", "ending"),
        ("Sinners Plot Summary and Ending", "Sinners", "explained"),
        ("Sinners ending explained | Does Smoke die?", "Sinners", "ending"),
        ("Wicked (2024) Explained: Ending and Cast", "Wicked", "explained"),
        ("What Really Happened at the End of Inception?", "Inception", "ending"),
        ("Here’s What Happened at the End of The Village", "The Village", "ending"),
        ("Explaining the Ending of No Country for Old Men", "No Country for Old Men", "ending"),
        ("The Meaning Behind the Ending of Mulholland Drive", "Mulholland Drive", "ending"),
        ("Why the Ending of The Mist Is So Devastating", "The Mist", "ending"),
        ("No Country for Old Men’s Ending, Decoded", "No Country for Old Men", "ending"),
        ("The Usual Suspects Twist Explained", "The Usual Suspects", "ending"),
        ("Memento Timeline Explained", "Memento", "explained"),
        ("Ending Explained: Identity (2003)", "Identity", "ending"),
        ("Every Question About Primer’s Ending, Answered", "Primer", "explained"),
        ("Yes, Iron Man 2 Has a Post-Credits Scene — Here's What Happens", "Iron Man 2", "post_credits"),
        ("No, Gladiator Doesn't Have a Post-Credits Scene", "Gladiator", "post_credits"),
        ("Is There Anything After the Credits of WALL-E?", "WALL-E", "post_credits"),
        ("Should You Stay After the Credits of Ratatouille?", "Ratatouille", "post_credits"),
        ("How Many Credits Scenes Does Iron Man 2 Have?", "Iron Man 2", "post_credits"),
        ("The Cast of Se7en and Their Characters", "Se7en", "cast"),
        ("Who Played Who in The Others?", "The Others", "cast"),
        ("Every Actor in The Usual Suspects and Who They Played", "The Usual Suspects", "cast"),
        ("Things You Never Knew About Jurassic Park", "Jurassic Park", "trivia"),
        ("Behind the Scenes of Titanic: 12 Facts", "Titanic", "trivia"),
        ("The Real Filming Locations of Gladiator", "Gladiator", "locations"),
        ("Gladiator's Filming Locations Explained", "Gladiator", "locations"),
        ("Is Fargo a True Story? The Real Events Behind the Film", "Fargo", None),
        ("The True Story Behind Zodiac", "Zodiac", None),
        ("Zodiac: The True Story Behind the Movie", "Zodiac", None),
        ("The Music of Gladiator: Hans Zimmer's Score Explained", "Gladiator", None),
        ("Gladiator Soundtrack Explained", "Gladiator", None),
        ("The 10 Best Quotes From Fight Club", "Fight Club", None),
        ("Pulp Fiction Soundtrack: Every Song in the Movie", "Pulp Fiction", None),
        ("Did Titanic Win Any Oscars?", "Titanic", None),
        ("Toy Story 2 Easter Eggs Explained", "Toy Story 2", None),
        ("Everything You Need to Know About the Ending of Heat", "Heat", "ending"),
        ("Heat's Ending Is Devastating. Here's What It Means", "Heat", "ending"),
        ("What Oppenheimer's Ending Really Means", "Oppenheimer", "ending"),
        ("What Happened to Neil at the End of Heat?", "Heat", "ending"),
        ("How Many End-Credits Scenes Are in Thor: Ragnarok?", "Thor: Ragnarok", "post_credits"),
        ("Should You Stay for Heat's Credits?", "Heat", "post_credits"),
        ("Heat: Is There Anything After the Credits?", "Heat", "post_credits"),
        ("Who's in the Cast of Heat?", "Heat", "cast"),
        ("Heat: 10 Behind-the-Scenes Facts", "Heat", "trivia"),
        ("Sicario: 7 Things You Never Noticed", "Sicario", "trivia"),
        ("Oppenheimer's Final Scene Explained", "Oppenheimer", "ending"),
        ("Heat's Last Shootout, Explained", "Heat", "ending"),
        ("Heat Plot Summary and Ending Explained", "Heat", "explained"),
        ("Understanding Heat: The Ending Explained", "Heat", "ending"),
        ("Heat Characters Explained", "Heat", "explained"),
        ("Heat Ending Theories", "Heat", "ending"),
        ("The Meaning of Heat's Ending", "Heat", "ending"),
        ("The Real Meaning Behind Heat's Ending", "Heat", "ending"),
        ("Every Question About Primer’s Ending, Answered", "Primer", "explained"),
        ("The Heat Ending, Finally Explained", "The Heat", "ending"),
        ("Heat Breakdown: The Ending Explained", "Heat", "ending"),
        ("Heat Ending & Final Scene Explained In Detail", "Heat", "ending"),
        ("Why Heat's Ending Still Hits Hard", "Heat", "ending"),
        ("Every Actor in Heat and Where You've Seen Them", "Heat", "cast"),
        ("Heat (1995) Cast and Crew", "Heat", "cast"),
        ("Heat Trivia: 25 Facts You Didn't Know", "Heat", "trivia"),
        ("Heat Behind the Scenes: How Mann Shot the Bank Heist", "Heat", "trivia"),
        ("Heat Easter Eggs and References You Missed", "Heat", None),
        ("Is Deckard a Replicant? Blade Runner's Ending Explained", "Blade Runner", "ending"),
        ("Ending Explained | Blade Runner (1982)", "Blade Runner", "ending"),
        ("Blade Runner | Ending Explained", "Blade Runner", "ending"),
        ("Explainer: Blade Runner's Ending", "Blade Runner", "ending"),
        ("Blade Runner 1982 Ending Explained", "Blade Runner", "ending"),
        ("BLADE RUNNER ENDING EXPLAINED", "BLADE RUNNER", "ending"),
        # titles that open like a sentence, where a headline's shape names the film
        ("It Follows Ending Explained", "It Follows", "ending"),
        ("There Will Be Blood Ending Explained", "There Will Be Blood", "ending"),
        ("Once Upon a Time in Hollywood Ending Explained", "Once Upon a Time in Hollywood", "ending"),
        ("We Need to Talk About Kevin Ending Explained", "We Need to Talk About Kevin", "ending"),
        ("In the Mood for Love Ending Explained", "In the Mood for Love", "ending"),
        ("Is There a Post-Credits Scene in It Follows?", "It Follows", "post_credits"),
    ],
)
def test_headline_shapes_name_the_film(headline: str, title: str, kind: str | None) -> None:
    found = read_headline(headline)
    assert found is not None and (found.title, found.kind) == (title, kind)


@pytest.mark.parametrize(
    "headline",
    [
        "Why I hate the ending: a rant",
        "What the ending of this year taught us about endings",
        "How It Ends",
        "Who Dies at the End?",
        "Is There a Post-Credits Scene?",  # no title ends with "a", "the" or "and"
        "What Happens in the Post-Credits Scene?",
        "There Are Two Post-Credits Scenes",  # a sentence's "There Are", not "There Will Be Blood"
        "It Was the Best Ending of the Year",
        "It Ending Explained",  # "It" alone, unknown to the catalog: no film "It Ending"
    ],
)
def test_a_sentence_is_never_a_headlines_title(headline: str) -> None:
    assert read_headline(headline) is None


@pytest.mark.parametrize(
    ("answer", "has"),
    [
        ("Nothing happens after the credits.", False),
        ("Don't bother waiting through the credits.", False),
        ("No point waiting for the end credits.", False),
        ("The short answer is no.", False),
        ("The short answer is yes.", True),
        ("There's no post-credits scene, but stick around for the bloopers.", False),
        ("There is one mid-credits scene and no end-credits scene.", True),
        ("Don't leave early: there's a scene at the very end.", True),
        ("There's a mid-credits scene.", True),
        ("Unlike most Marvel films, Oppenheimer lacks any post-credits scene.", False),
        ("You can leave as soon as the credits roll.", False),
        ("Thor: Love and Thunder has both a mid-credits and a post-credits scene.", True),
        ("It's worth sticking around through the credits.", True),
        ("Once the credits begin, you're free to go.", False),
        ("You will want to stay in your seat until the very end.", True),
        ("Make sure you don't leave before the credits finish.", True),
        ("A post-credits scene sets up the sequel.", True),
        ("The credits play over footage of the real people, but no extra scene follows.", False),
        ("Viewers who wait will be rewarded with a brief stinger after the credits.", True),
        ("While there is no post-credits scene, there is a mid-credits scene that sets up the sequel.", True),
        ("There is no post-credits scene, but a mid-credits scene sets up the sequel.", True),
        ("There's no post-credits scene, but there are a couple of easter eggs in the credits.", False),
        ("While the credits are long, there is no scene at the end.", False),
        ("The film has no mid-credits or post-credits scenes.", False),
        ("There is, in fact, a post-credits scene.", True),
        ("Don't rush out: a short stinger plays after the first batch of credits.", True),
        ("Wait until the very end of the credits for a final gag.", True),
        ("A mid-credits scene follows the first card, and there's nothing at the very end.", True),
        ("You don't have to wait around for anything after the credits.", False),
        ("Unlike most superhero films, this one ends when the credits roll.", False),
        ("There's nothing hidden after the credits.", False),
        ("Those who stay through the credits will be disappointed: there is nothing.", False),
        ("Those who stay through the credits are rewarded with a final scene.", True),
    ],
)
def test_the_post_credits_answer_in_the_ways_sites_give_it(answer: str, has: bool) -> None:
    assert has_scenes(["Here is what we found.", answer]) is has


@pytest.mark.parametrize(
    ("answer", "has"),
    [
        ("There isn’t one. The film cuts to black and the credits run.", False),
        ("Unfortunately not. The credits roll without any extra footage.", False),
        ("Sadly, no. Nothing plays after the credits.", False),
        ("Not only is there one, there are two post-credits scenes.", True),
        ("Happily, yes: stay until the very end.", True),
        ("There are two: one mid-credits and one at the very end.", True),
        ("Absolutely. Two of them.", True),
        ("Absolutely not. The film just ends.", False),
        ("It does not.", False),
        ("Oppenheimer doesn't. The credits simply roll.", False),
        ("It does, and it is a good one.", True),
        ("There is not; the film ends on the beach.", False),
        ("It has one, and it's a big one.", True),
        ("It has one of the quietest endings of the year; the credits simply roll.", None),
        ("Yes and no. There's no scene, but there is a dedication at the very end.", False),
        ("Technically, yes: a short audio clip plays at the very end of the credits.", True),
        ("Short answer: no. The credits simply roll.", False),
        ("The short answer is yes.", True),
        ("Actually, no. The film ends on the beach.", False),
        ("Nothing. The credits roll over the song and the screen goes black.", False),
        ("Nothing, sadly.", False),
        ("Two, actually: one mid-credits and one at the very end.", True),
        ("One: a short tease halfway through the credits.", True),
        ("One of the best things about the film is that there is no post-credits scene.", False),
        ("Nothing happens after the credits roll.", False),
        ("Is there a post-credits scene? No, there isn't one.", False),  # its question leads it
        ("Does it have a stinger? Yes, a short one.", True),
        ("Yesterday's screening had the credits cut short.", None),
        ("None. The credits roll and nothing follows them.", False),
        ("None of the sequels has one, but this film has a scene after the credits.", True),
        ("The answer is no.", False),
        ("Once the screen cuts to black, that's it.", False),
        ("There's nothing like the mid-credits scene in any other Marvel film.", None),  # no "no"
        ("The answer is yes: stay seated.", True),
        ("Don't rush out. A final scene plays after the credits.", True),
        ("Don't rush out of the theater for dinner; there is nothing after the credits.", False),
    ],
)
def test_the_sections_first_sentence_answers_its_question(answer: str, has: bool | None) -> None:
    """The first sentence answers the heading's question, however short ("There isn't one.")."""
    assert has_scenes([answer]) is has


@pytest.mark.parametrize(
    "line",
    [
        "By Tom Reyes Updated 14 August 2023, 09:12 BST",
        "By Jane Doe and Sam Lee Published 2 hours ago",
        "Dana Whitlock 7 min read·Nov 30, 2022",
        "Link copied to clipboard",
        "Enjoying Hushed Reels? Sign up for free to get every new post in your inbox.",
        "© Warner Bros.",
        "Copyright © 2024 Film Site. All rights reserved.",
        "(Photo by Niko Tavernise/Warner Bros.)",
        "Image Source: Disney+",
        "Courtesy of A24",
        "Getty Images",
        "This post may contain affiliate links.",
        "We may earn a commission when you buy through links on our site.",
        "1.2K shares",
        "2 hours ago",
        "Mar 3, 2024 3:00 PM EST",
        "Listen to this article",
        "Follow us on Instagram",
        "Posted in Movies",
        "Privacy Policy",
        "Editor's note: This article was originally published on November 2, 2022, and has been updated.",
        "[Ed. note: An earlier version of this story misnamed the cinematographer.]",
        "This story was originally published by Reel Minds. Republished with permission.",
        "This article first appeared in our print edition.",
        "Republished with permission.",
        "Have a tip? Email us at tips@example.com",
        "Email us at letters@example.com",
        "Sandra Hüller in Anatomy of a Fall. Photo: Neon",
        "Kirsten Dunst in Civil War | Image: A24",
        "Claire Dubois is a staff writer covering international cinema. Follow her on Instagram.",
        "Follow him on Bluesky and Letterboxd.",
        "SCREENBURST VIDEO OF THE DAYSCROLL TO CONTINUE WITH CONTENT",
        "Skip to main content",
        "Share on Facebook Share on X",
        "Tagged with: Horror",
        "Courtesy Everett Collection",
        "Stream it on Max",
        "ALSO READ: Past Lives ending",
        "Click here to read more",
        "Spoiler warning: major spoilers ahead",
        "Written By Jane Doe",
        "Follow Film Site on Google News",
        "Join our WhatsApp channel",
        "You are here: Home » Movies",
        "Rating: 4/5",
        "4.5/5",
        "Discover more from Film Site",
        "Subscribe to get the latest posts sent to your email.",
        "Leave a Reply Cancel reply",
        "Facebook Twitter Pinterest",
        "Maika Monroe as Lee Harker in Longlegs (Image: Neon)",
        "Member-only story",
        "2.1K",
        "Dana Reyes · 6 min",  # a teaser's meta line in a copied listing
        "Spread the love",
        "Yes, the unicorn proves it (58%, 412 Votes)",
        "Total Voters: 706",
        "User Rating: 4.6 (39 votes)",
        "9.5",
        "Hi friends,",
        "See you next week,",
        "View this email in your browser (https://example.com/issue-3)",
        "You are receiving this email because you signed up on our website.",
        "by Dana Reyes March 3, 2024",
        "Labels: crime, explained | 4 comments",  # Blogger's tags
        "« Previous: Aftersun explained Next: May December explained »",
    ],
)
def test_bylines_and_boxes_of_other_layouts_are_chrome(line: str) -> None:
    assert line_kind(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Posted in 1995, the film was a hit.",
        "Courtesy of his agent, he got the part.",
        "Copyright law shaped the ending.",
        "Photo by photo, the film builds its case.",
        "Save the last dance for me.",
        "Have a look at the final shot again: the door closes behind him.",
        "This story was never meant to end happily, and the film knows it.",
        "Email is how Sophie and her father keep in touch in the last act.",
        "Joe Gillis is a struggling writer who hides from his creditors in a mansion on Sunset Boulevard.",
        "The photo: a single frame of the soldiers grinning over the body.",
        "Lee's last picture of the war is her own death. Photo: Jessie's, in the final frame.",
        "Also read the book, which ends differently.",
        "Courtesy and cruelty sit side by side in every scene.",
        "Score: Hans Zimmer wrote the music with an organ.",
        "Verdict: a haunting, beautiful film.",
        "You are here because the ending confused you.",
        "Follow the money, the film tells us, and you find the killer.",
        "My rating is five stars.",
        "Spoiler warning: Bruce Willis was dead all along.",
        "The sequel arrives next summer. Follow us on Instagram.",
        "It runs 170 min and never drags.",
        "Hi, Mom, says Neil in the last call, and hangs up.",
        "Best of all is the diner scene.",
        "Thanks to the editing, the heist feels real.",
        "The poll at the end of the film, 58% against, decides nothing.",
    ],
)
def test_sentences_that_open_like_chrome_are_the_articles(line: str) -> None:
    assert line_kind(line) is None


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Should I stay for the credits?", "post_credits"),
        ("Do you need to wait for the credits?", "post_credits"),
        ("Songs in Wicked", "music"),
        ("The Music of Sinners", "music"),
        ("How Sinners Was Made", "behind_the_scenes"),
        ("Sinners vs. the Book", "adaptation"),
        ("Easter Eggs You Missed", "easter_eggs"),
        ("[SPOILERS] The Ending", "ending"),
        ("The Ending (Spoilers!)", "ending"),
        ("That Final Scene", "ending"),
        ("Breaking Down That Ending", "ending"),
        ("Where Heat Was Filmed", "locations"),
        ("Heat Cast and Crew", "cast"),
        ("Meet the Characters", "cast"),
        ("Does Neil Die?", "ending"),
        ("The Ending Explained in Detail", "ending"),
        ("Heat Movie Ending", "ending"),
        ("The Last Five Minutes", "ending"),
        ("Wicked Score", "music"),
        ("Memorable Quotes from Wicked", "quotes"),
        ("Famous lines", "quotes"),
        ("Other Films by Denis Villeneuve", "director_films"),
        ("What happens in Saltburn?", "summary"),
        ("Who plays Evelyn?", "cast"),
        ("2. The Ending Explained", "ending"),
        ("3. Cast", "cast"),
        ("4. Is There a Post-Credits Scene?", "post_credits"),
        ("The Final Shot", "ending"),
        ("Guardians of the Galaxy Vol. 3's Mid-Credits Scene Explained", "post_credits"),
        ("How Guardians of the Galaxy Vol. 3 Ends", "ending"),
        ("Dr. Strangelove Cast & Characters", "cast"),
        ("Does 'Sinners' Have an End-Credits Scene? Here's What Happens", "post_credits"),
        ("Is it worth staying after the credits?", "post_credits"),
        ("After the Credits", "post_credits"),
        ("Post-Credits", "post_credits"),
        ("End-Credits Scene, Explained", "post_credits"),
        ("Stay for the credits?", "post_credits"),
        ("Any scenes after the credits?", "post_credits"),
        ("Who's in Sinners?", "cast"),
        ("Cast & Crew", "cast"),
        ("Ending Explained: What Happens to Smoke?", "ending"),
        ("Breaking Down the Ending", "ending"),
        ("The Twist Ending", "ending"),
        ("What the Ending Means", "ending"),
        ("Spoilers: The Ending", "ending"),
        ("The Ending - Spoilers Ahead", "ending"),
        ("Full Plot Recap (Spoilers)", "summary"),
        ("Cast (No Spoilers)", "cast"),
        ("Who's Who in Heat", "cast"),
        ("Things You Might Have Missed", "easter_eggs"),
        ("Based on a True Story?", "inspirations"),  # had been the plot summary ("… story")
        ("The Book vs the Movie", "adaptation"),
        ("Who Dies in Heat?", "ending"),  # behind the ending's gate, not an ungated extra section
        ("Who Lives and Who Dies", "ending"),
        ("Anything After the Credits?", "post_credits"),
        ("Is There Anything After the Credits of Heat?", "post_credits"),
        ("The Actors", "cast"),
        ("Full Cast List", "cast"),
        ("Starring", "cast"),
    ],
)
def test_more_headings_by_meaning(heading: str, field: str) -> None:
    assert match_heading(heading) == field


@pytest.mark.parametrize("heading", ["Heat: A Study in Patience", "Why? Because It Works", "Jaws: The Shark"])
def test_a_heading_whose_head_names_no_section_names_none(heading: str) -> None:
    assert match_heading(heading) is None


def test_an_unrelated_possessive_names_no_director() -> None:
    """A standfirst above the first paragraph ("Chef Slowik's last course") owns no film: the
    paragraph that introduces the headline's film gives the year and director."""
    text = (
        "Is There an After-Credits Scene in 'The Menu'?\n"
        "Chef Slowik's last course has a few surprises for the guests at his table.\n\n"
        "The Menu (2022) is a dark comedy directed by Mark Mylod, set on a private island.\n\n"
        "Does The Menu Have a Post-Credits Scene?\nNo. The story ends with the fire.\n"
    )
    guide = parse_text(text, name="menu.txt")
    assert (guide.title, guide.year, guide.directors) == ("The Menu", 2022, ["Mark Mylod"])


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("What the Final Scene Means", "ending"),
        ("Heat's Ending: What It Means", "ending"),
        ("So, What Really Happened at the End?", "ending"),
        ("What Happened to Neil at the End?", "ending"),
        ("The Twist Explained", "ending"),
        ("The Meaning of the Ending", "ending"),
        ("Why Oppenheimer Ends the Way It Does", "ending"),
        ("What Oppenheimer's Ending Really Means", "ending"),
        ("How Oppenheimer Ends", "ending"),
        ("Oppenheimer's Final Scene Explained", "ending"),
        ("Is Oppenheimer Based on a True Story?", "inspirations"),
        ("Is Dune Based on a Book?", "adaptation"),
        ("Dune Story", "summary"),
        ("Our Verdict", "why_watch"),
    ],
)
def test_ending_and_verdict_headings(heading: str, field: str) -> None:
    assert match_heading(heading) == field


@pytest.mark.parametrize(
    ("post_title", "title", "year"),
    [
        ("Heat (1995) – Ending Explained", "Heat", 1995),
        ("Heat: Cast, Plot and Ending Explained", "Heat", None),
        ("Movie Review: Heat (1995)", "Heat", 1995),
        ("Heat (1995) Review – Mann at his best", "Heat", 1995),
        ("Review: Heat", "Heat", None),
    ],
)
def test_post_titles_name_the_film(post_title: str, title: str, year: int | None) -> None:
    found = film_from_post_title(post_title)
    assert found is not None and (found.title, found.year) == (title, year)


@pytest.mark.parametrize("post_title", ["The Review", "Why I Review Films"])
def test_a_post_title_naming_no_film_names_none(post_title: str) -> None:
    assert film_from_post_title(post_title) is None


@pytest.mark.parametrize(
    "line",
    [
        "Warning: this article contains major spoilers for Prisoners.",
        "Spoilers ahead!",
        "Full spoilers for Heat follow below.",
        "SPOILER WARNING",
    ],
)
def test_a_spoiler_warning_is_chrome(line: str) -> None:
    assert line_kind(line) == "chrome"


@pytest.mark.parametrize(
    "line",
    [
        "Spoiler alert: Bruce Willis was dead all along.",
        "Spoilers aside, the film is a masterpiece of tension.",
        "Warning: the film contains scenes of violence.",
    ],
)
def test_a_sentence_that_says_something_is_no_spoiler_warning(line: str) -> None:
    assert line_kind(line) is None


@pytest.mark.parametrize(
    "heading",
    ["Is Keller Dover Alive at the End?", "Who Dies at the End?", "Why Does Neil Go Back in the End?"],
)
def test_a_question_about_the_end_is_the_ending(heading: str) -> None:
    assert match_heading(heading) == "ending"


@pytest.mark.parametrize(
    ("sentence", "artists"),
    [
        ("The soundtrack features songs by The Smiths and Joy Division.", ["The Smiths", "Joy Division"]),
        ("“Immigrant Song” by Led Zeppelin plays during both fights.", ["Led Zeppelin"]),
        ("Led Zeppelin's “Immigrant Song” plays during both fights.", ["Led Zeppelin"]),
        ("It also uses Sting's song “My One and Only Love”.", ["Sting"]),
    ],
)
def test_featured_artists_in_the_ways_sites_name_songs(sentence: str, artists: list[str]) -> None:
    assert featured_artists([sentence]) == artists


def test_films_named_in_a_sentence_of_a_list_section() -> None:
    text = "Fans of Heat (1995) should see The Insider (1999), Ali (2001) and Lord of War (2005)."
    found = [(f.title, f.year) for f in films_in_prose([text], exclude="Heat")]
    assert found == [("The Insider", 1999), ("Ali", 2001), ("Lord of War", 2005)]


def test_the_director_films_read_from_a_sentence_keep_the_sentence() -> None:
    html = (
        "<article><h1>Heat Ending Explained</h1><div class='entry-content'>"
        "<p>Michael Mann's Heat is a crime saga about a thief and a detective.</p>"
        "<h2>Michael Mann's Other Films</h2>"
        "<p>Mann also directed The Insider (1999), Ali (2001) and Public Enemies (2009).</p></div></article>"
    )
    guide = parse_text(html, fmt="html")
    assert [(f.title, f.year) for f in guide.director_films] == [
        ("The Insider", 1999),
        ("Ali", 2001),
        ("Public Enemies", 2009),
    ]
    assert guide.section_notes["director_films"] == [
        "Mann also directed The Insider (1999), Ali (2001) and Public Enemies (2009)."
    ]


def test_a_line_break_never_glues_two_words() -> None:
    """A long paragraph broken by ``<br>`` stays one paragraph, a space where the break was."""
    long_line = "Kate stands on her balcony in the last scene and cannot bring herself to shoot him"
    html = (
        "<article><h1>Sicario Ending Explained</h1><div class='entry-content'>"
        "<p>Sicario is a 2015 crime thriller about an FBI agent drawn into a cartel war.</p>"
        "<h2>What Happens at the End of Sicario?</h2>"
        f"<p>{long_line}<br>as he walks away across the yard below.</p>"
        "</div></article>"
    )
    guide = parse_text(html, fmt="html")
    assert guide.ending == [f"{long_line} as he walks away across the yard below."]


def test_a_break_inside_a_heading_or_an_item_is_a_space() -> None:
    html = (
        "<article><h1>Sicario Ending Explained</h1><div class='entry-content'>"
        "<p>Sicario is a 2015 crime thriller about an FBI agent drawn into a cartel war.</p>"
        "<h2>What Happens at the<br>End of Sicario?</h2><p>Kate cannot shoot him.</p>"
        "<h2>Cast</h2><ul><li>Emily Blunt<br>as Kate Macer</li></ul></div></article>"
    )
    guide = parse_text(html, fmt="html")
    assert guide.ending == ["Kate cannot shoot him."]
    assert [(c.actor, c.character) for c in guide.cast] == [("Emily Blunt", "Kate Macer")]


def test_quotes_in_blockquotes_and_quoted_paragraphs() -> None:
    html = (
        "<article><h1>Jaws Explained</h1><div class='entry-content'>"
        "<p>Jaws is a 1975 thriller about three men hunting a great white shark.</p><h2>Best Quotes</h2>"
        "<blockquote><p>“You're gonna need a bigger boat.”</p><cite>Martin Brody</cite></blockquote>"
        "<blockquote><p>“Smile, you son of a—”</p><cite>— Brody, in the final showdown</cite></blockquote>"
        "<p>Quint: “Y'know the thing about a shark, he's got lifeless eyes.”</p>"
        "<p>Brody: the character everyone remembers.</p></div></article>"
    )
    guide = parse_text(html, fmt="html")
    assert [(q.speaker, q.context, q.text) for q in guide.quotes] == [
        ("Martin Brody", None, "You're gonna need a bigger boat."),
        ("Brody", "in the final showdown", "Smile, you son of a—"),
        ("Quint", None, "Y'know the thing about a shark, he's got lifeless eyes."),
    ]
    assert guide.section_notes["quotes"] == ["Brody: the character everyone remembers."]  # not a quote


def test_a_note_line_written_twice_stays_twice() -> None:
    """Reading the quote lines out of a section's notes keeps the other lines as written, repeats
    included (nothing lost)."""
    html = (
        "<article><h1>Jaws Explained</h1><div class='entry-content'>"
        "<p>Jaws is a 1975 thriller about three men hunting a great white shark.</p><h2>Best Quotes</h2>"
        "<p>Brody: the character everyone remembers.</p><p>Quint: “Farewell and adieu.”</p>"
        "<p>Brody: the character everyone remembers.</p></div></article>"
    )
    guide = parse_text(html, fmt="html")
    assert [q.speaker for q in guide.quotes] == ["Quint"]
    assert guide.section_notes["quotes"] == ["Brody: the character everyone remembers."] * 2


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Directed by\tLana Wachowski, Lilly Wachowski", ("directed by", "Lana Wachowski, Lilly Wachowski")),
        ("Running time\t\t136 minutes", ("running time", "136 minutes")),
        ("Release date:\tMarch 31, 1999", ("release date", "March 31, 1999")),
        ("Tuesday\tthe crew met at dawn", None),
        ("Directed by Lana Wachowski", None),
    ],
)
def test_an_infobox_row_copied_as_text(line: str, row: tuple[str, str] | None) -> None:
    """A label the infobox vocabulary knows, a tab, a value: a row; any other line is text."""
    assert text_row(line) == row


@pytest.mark.parametrize(
    ("entry", "actor", "character"),
    [
        ("Keanu Reeves as Neo", "Keanu Reeves", "Neo"),
        ("Keanu Reeves … Neo", "Keanu Reeves", "Neo"),
        ("Keanu Reeves ... Neo", "Keanu Reeves", "Neo"),
        ("Keanu Reeves plays Neo", "Keanu Reeves", "Neo"),
        ("Keanu Reeves (Neo)", "Keanu Reeves", "Neo"),
        ("Tom Hanks (voice)", "Tom Hanks", None),
        ("Neo, played by Keanu Reeves", "Keanu Reeves", "Neo"),
        ("Lewis Strauss (played by Robert Downey Jr.)", "Robert Downey Jr.", "Lewis Strauss"),
        ("Robert Downey Jr. as Tony Stark (Iron Man)", "Robert Downey Jr.", "Tony Stark (Iron Man)"),
        ("Keanu Reeves stars as Neo", "Keanu Reeves", "Neo"),
        ("Keanu Reeves (as Neo)", "Keanu Reeves", "Neo"),
        ("Keanu Reeves | Neo", "Keanu Reeves", "Neo"),
        ("Keanu Reeves as “Neo”", "Keanu Reeves", "Neo"),
        ('Carrie-Anne Moss as "Trinity"', "Carrie-Anne Moss", "Trinity"),
    ],
)
def test_cast_entries_in_the_ways_sites_write_them(entry: str, actor: str, character: str | None) -> None:
    member = read_cast(entry)
    assert member is not None and (member.actor, member.character) == (actor, character)


def test_a_long_line_with_plays_is_no_cast_entry() -> None:
    """Only short sides make an entry of "plays": a sentence in a list is the actor's note."""
    member = read_cast("Giamatti plays the gruff classics teacher stuck minding the boys over the holidays")
    assert member is None or member.character is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Neo (Keanu Reeves)", "Trinity (Carrie-Anne Moss)", "Agent Smith (Hugo Weaving)"],
            [("Keanu Reeves", "Neo"), ("Carrie-Anne Moss", "Trinity"), ("Hugo Weaving", "Agent Smith")],
        ),
        (
            ["Paul Atreides – Timothée Chalamet", "Lady Jessica – Rebecca Ferguson", "Chani – Zendaya"],
            [
                ("Timothée Chalamet", "Paul Atreides"),
                ("Rebecca Ferguson", "Lady Jessica"),
                ("Zendaya", "Chani"),
            ],
        ),
        (
            ["Zendaya (Chani)", "Rebecca Ferguson (Lady Jessica)", "Keanu Reeves (Neo)"],
            [("Zendaya", "Chani"), ("Rebecca Ferguson", "Lady Jessica"), ("Keanu Reeves", "Neo")],
        ),
        # "as" says the order: such an entry is never turned, whatever the list says
        (
            ["Neo (Keanu Reeves)", "Trinity (Carrie-Anne Moss)", "Gloria Foster as The Oracle"],
            [("Keanu Reeves", "Neo"), ("Carrie-Anne Moss", "Trinity"), ("Gloria Foster", "The Oracle")],
        ),
    ],
)
def test_a_cast_list_written_character_first_is_read_actor_first(
    lines: list[str], expected: list[tuple[str, str]]
) -> None:
    text = "Cast of The Matrix\n\nThe Matrix is a 1999 film.\n\nCast\n" + "\n".join(
        f"- {line}" for line in lines
    )
    guide = parse_text(text, name="matrix.txt")
    assert [(c.actor, c.character) for c in guide.cast] == expected


def test_sentence_case_question_headings_in_text() -> None:
    """British sites head sections in sentence case: a short question led by a question word is a
    heading over its answer; a long one stays a paragraph."""
    text = (
        "Saltburn ending explained\n"
        "Saltburn (2023) is a thriller directed by Emerald Fennell.\n"
        "What happens in Saltburn?\n"
        "Oliver befriends Felix at Oxford and spends the summer at his family's estate.\n"
        "Is there a post-credits scene?\n"
        "No. The credits roll and nothing follows.\n"
        "Do you ever wonder whether a film this cruel could still be this much fun to watch?\n"
        "It is, and that is the point.\n"
    )
    guide = parse_text(text, name="saltburn.txt")
    assert next(p for s in guide.summary for p in s.paragraphs).startswith("Oliver befriends Felix")
    assert guide.post_credits is not None and guide.post_credits.has_scenes is False
    assert "Do you ever wonder" in guide.model_dump_json()


@pytest.mark.parametrize(
    ("sentence", "directors"),
    [
        (
            "Glass Onion (2022) is Rian Johnson's second Benoit Blanc film, set on a Greek island.",
            ["Rian Johnson"],
        ),
        ("Heat (1995) was Michael Mann's crime epic about a thief and a detective.", ["Michael Mann"]),
        ("Heat (1995) is the film everyone's favourite director never made.", []),
    ],
)
def test_the_films_owner_after_its_verb_is_its_director(sentence: str, directors: list[str]) -> None:
    assert directed_by(sentence) == directors


def test_a_headline_may_shorten_the_title_the_first_sentence_gives_whole() -> None:
    text = (
        "Does Glass Onion Have a Post-Credits Scene?\n"
        "Glass Onion: A Knives Out Mystery (2022) is a mystery set on a private Greek island.\n\n"
        "Is There a Post-Credits Scene?\nNo. Nothing follows the credits.\n"
    )
    guide = parse_text(text, name="glass-onion.txt")
    assert (guide.title, guide.year) == ("Glass Onion: A Knives Out Mystery", 2022)


@pytest.mark.parametrize(
    ("sentence", "directors"),
    [
        ("Directed by Denis Villeneuve, Arrival (2016) stars Amy Adams as a linguist.", ["Denis Villeneuve"]),
        ("Arrival is a 2016 science fiction film by Denis Villeneuve.", ["Denis Villeneuve"]),
        ("Arrival, the 2016 film from Denis Villeneuve, is about language.", ["Denis Villeneuve"]),
        ("It is a film from writer-director Rian Johnson.", ["Rian Johnson"]),
        ("Moonlight is a 2016 film from A24.", []),
        ("Dune is a film from Warner Bros. Pictures.", []),
        ("Heat, Los Angeles's favourite crime film, turns 30.", []),
        (
            "Talk to Me is a 2023 film directed by Danny and Michael Philippou.",
            ["Danny Philippou", "Michael Philippou"],
        ),
        ("Iron Man, which Jon Favreau directed in 2008, began the MCU.", ["Jon Favreau"]),
        ("Iron Man, which critics loved, began the MCU.", []),
    ],
)
def test_the_director_in_the_ways_first_sentences_name_one(sentence: str, directors: list[str]) -> None:
    assert directed_by(sentence) == directors


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("Zendaya as Chani – Her role grows from a few visions to a lead.", ("Zendaya", "Chani")),
        (
            "Rebecca Ferguson as Lady Jessica: Paul's mother becomes a Reverend Mother.",
            ("Rebecca Ferguson", "Lady Jessica"),
        ),
        ("Chalamet returns as the exiled duke – a part he was born to play.", None),
        ("Zendaya as Chani", None),  # a whole entry: read as one (cast_line), not as a lead
        ("The film opens as a war rages – and never lets up.", None),
    ],
)
def test_an_entry_leading_a_paragraph_about_the_part(line: str, entry: tuple[str, str] | None) -> None:
    from filmguide.article.cast import cast_lead

    member = cast_lead(line)
    assert (None if member is None else (member.actor, member.character)) == entry


def test_a_question_states_no_answer() -> None:
    """Outside a post-credits section, "Does X Have a Post-Credits Scene?" asks; only the answer
    after it states one."""
    from filmguide.article.credits import stated_scenes

    assert stated_scenes(["Does Poor Things Have a Post-Credits Scene?", "The film ends on Bella."]) is None
    assert stated_scenes(["Does it have a post-credits scene? No, there is no post-credits scene."]) is False


@pytest.mark.parametrize(
    "line",
    [
        "By entering your details, you are agreeing to our terms and conditions and privacy policy.",
        "By submitting your information, you agree to the Terms & Conditions and Privacy Policy.",
        "Looking for something to watch? Check out our TV Guide or visit our Film hub.",
        "Talk (0)",
        "Community content is available under CC-BY-SA unless otherwise noted.",
        "Jump to content",
    ],
)
def test_newsletter_small_print_listing_prompts_and_wiki_tools_are_chrome(line: str) -> None:
    assert line_kind(line) == "chrome"


@pytest.mark.parametrize(
    "line",
    [
        "By entering the house, Grace breaks the rule she set for everyone else.",
        "Looking for something to watch over her children, Grace hires three servants.",
    ],
)
def test_sentences_opening_like_small_print_stay(line: str) -> None:
    assert line_kind(line) is None


@pytest.mark.parametrize(
    ("headline", "title"),
    [
        ("Identity’s twist ending, explained", "Identity"),
        ("The Mist’s Bleak Ending Explained", "The Mist"),
        ("Memento: The Final Ending Explained", "Memento"),
    ],
)
def test_a_headline_may_say_what_kind_of_ending_it_explains(headline: str, title: str) -> None:
    found = read_headline(headline)
    assert found is not None
    assert (found.title, found.kind) == (title, "ending")


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("The Mist arrived in cinemas in 2007, with a famously dark ending.", 2007),
        ("The Mist was released in 2007 to mixed reviews.", 2007),
        ("The Mist came out in 2007.", 2007),
        ("The Mist is set in 2007.", None),
        ("The Mist, which Frank Darabont directed from a novella in 2007, is bleak.", 2007),
        ("The Mist, which Frank Darabont directed, is set in 2007.", None),
    ],
)
def test_the_year_a_film_came_out_in(sentence: str, year: int | None) -> None:
    assert described_year(sentence, "The Mist") == year


_WIKI_TEXT = """Zodiac (film)
Sign in to edit
History
Talk (0)
Zodiac is a 2007 mystery film directed by David Fincher. It follows the hunt for a killer.
Contents
1 Plot
2 History
Plot
A cartoonist becomes obsessed with a killer's ciphers and the case takes over his life.
History
The case was reopened several times, and the film drew on the police files as well as the book.
Categories
2007 films
Films directed by David Fincher
"""


def test_a_wiki_copy_loses_its_tools_contents_and_categories_but_keeps_a_history_section() -> None:
    guide = parse_text(_WIKI_TEXT)
    assert (guide.title, guide.year) == ("Zodiac", 2007)
    assert guide.intro[0].startswith("Zodiac is a 2007 mystery film")
    # "History" under the plot is a part of it (as any heading there is), the contents list's
    # "2 History" and the wiki's "History" button are not
    assert [(s.heading, s.paragraphs[0][:20]) for s in guide.summary] == [
        (None, "A cartoonist becomes"),
        ("History", "The case was reopene"),
    ]
    assert not guide.extra_sections


def test_a_section_after_a_text_copys_end_matter_heading_is_kept_when_a_sentence_follows() -> None:
    text = (
        "Zodiac (2007) is a mystery film directed by David Fincher.\n"
        "Ending\nThe case is never closed, and the last title card says so.\n"
        "Notes\nSeen twice in 2008.\n"
        "Why it still works\nIts patience is the point, and every scene earns its length.\n"
    )
    guide = parse_text(text)
    assert [s.heading for s in guide.extra_sections] == ["Why it still works"]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("📖 What Happens at the End?", "ending"),
        ("🎞️ Is There a Post-Credits Scene?", "post_credits"),
        ("▶ Filming Locations", "locations"),
        ("“Nope” Ending Explained", "ending"),
    ],
)
def test_an_emoji_or_arrow_before_a_heading_is_looked_past(heading: str, key: str) -> None:
    assert match_heading(heading) == key


def test_a_grid_of_cast_cards_is_read_in_pairs_and_prose_never_is() -> None:
    cards = ["Tom Cruise", "John Anderton", "Samantha Morton", "Agatha"]
    assert [(m.actor, m.character) for m in cast_pairs(cards) or []] == [
        ("Tom Cruise", "John Anderton"),
        ("Samantha Morton", "Agatha"),
    ]
    assert cast_pairs(cards[:3]) is None  # an odd count is no grid
    assert cast_pairs(["Tom Cruise", "John Anderton", "He runs.", "Agatha"]) is None
    assert cast_pairs(["the lead", "John Anderton", "the precog", "Agatha"]) is None


@pytest.mark.parametrize(
    "line",
    [
        "Sera (final monologue): “I accepted him. I didn’t condition him.”",
        "The Loss of Sexual Innocence (1999)",
        "1999 – The Loss of Sexual Innocence",
    ],
)
def test_a_quote_or_a_film_with_its_year_is_no_cast_entry(line: str) -> None:
    """Shuffled into a cast section, a quote line or a film's line read as "Actor: Character" or
    "Actor (Character)" had made a cast entry that its own Markdown could not read back."""
    assert read_cast(line) is None


_DIV_PAGE = """<html><body><div class="article-body">
<div class="para">Drive (2011) is a crime film directed by Nicolas Winding Refn about a stunt driver.</div>
<div class="{cls}">What happens at the end?</div>
<div class="para">The Driver leaves the money beside Bernie and drives off into the night.</div>
{more}
</div></body></html>"""


def test_headings_written_as_classed_divs_head_sections_only_when_the_page_has_several() -> None:
    cast = '<div class="subhead">Cast</div><div class="para">Ryan Gosling as the Driver</div>'
    two = _DIV_PAGE.format(cls="subhead", more=cast)
    guide = parse_text(two, fmt="html")
    assert guide.ending == ["The Driver leaves the money beside Bernie and drives off into the night."]
    # one alone (a standfirst's class, say) heads nothing: here no section is left to read
    with pytest.raises(ArticleError, match="no recognised section heading"):
        parse_text(_DIV_PAGE.format(cls="subhead", more=""), fmt="html")
    # a page with headings of its own keeps its classed divs as text
    mixed = _DIV_PAGE.format(
        cls="subhead", more='<h2>Cast</h2><div class="subhead">Lead</div><p>Ryan Gosling as the Driver</p>'
    )
    assert parse_text(mixed, fmt="html").ending is None


def test_an_infobox_copied_label_over_value_gives_its_facts_and_no_sections() -> None:
    card = "Release Date\nDecember 22, 2000\nDirector\nRobert Zemeckis\nCast\nTom Hanks, Helen Hunt\n"
    text = (
        "Cast Away Ending Explained\n" + card + "Cast Away strands Tom Hanks on an island for four years.\n"
        "Ending\nChuck stops at a crossroads and smiles.\n"
    )
    guide = parse_text(text)
    assert (guide.year, guide.directors) == (2000, ["Robert Zemeckis"])
    assert [c.actor for c in guide.cast] == ["Tom Hanks", "Helen Hunt"]
    assert not guide.extra_sections and guide.ending == ["Chuck stops at a crossroads and smiles."]


def test_a_lone_label_over_a_line_is_still_a_section() -> None:
    text = (
        "Cast Away (2000) strands Tom Hanks on an island for four years.\n"
        "Cast\nTom Hanks as Chuck Noland\nHelen Hunt as Kelly Frears\n"
    )
    assert [(c.actor, c.character) for c in parse_text(text).cast] == [
        ("Tom Hanks", "Chuck Noland"),
        ("Helen Hunt", "Kelly Frears"),
    ]


def test_a_headline_in_no_shape_stands_over_the_pages_date_and_the_lines_under_it_go() -> None:
    text = (
        "Example News\nHome\nCulture\n"
        "Titanic at 25: is there room on the door?\n2 days ago\n"
        "Hanna Lowe\nCulture reporter\n"
        "James Cameron's Titanic (1997) still starts arguments.\n"
        "Ending\nJack dies in the water and Rose lives.\n"
    )
    guide = parse_text(text)
    assert (guide.title, guide.year) == ("Titanic", 1997)
    assert guide.intro == ["James Cameron's Titanic (1997) still starts arguments."]
    assert not guide.extra_sections
    # a known section's heading under the date is kept: "Plot" heads its paragraph
    plotted = parse_text(text.replace("Hanna Lowe\nCulture reporter\n", "Hanna Lowe\nPlot\nA ship sinks.\n"))
    assert [p for s in plotted.summary for p in s.paragraphs] == [
        "A ship sinks.",
        "James Cameron's Titanic (1997) still starts arguments.",
    ]


@pytest.mark.parametrize(
    ("headings", "granted"),
    [
        (["Mid-credits scene", "Post-credits scene"], True),
        (["Post-credits scene"], False),  # one alone may answer "there isn't one" in words it lacks here
        (["Mid-credits scene", "Is there a post-credits scene?"], False),
        (["What Happens in the Post-Credits Scene?"], True),
    ],
)
def test_sections_each_headed_by_a_credits_scene_describe_scenes(headings: list[str], granted: bool) -> None:
    assert heading_grants_scene(headings) is granted


@pytest.mark.parametrize(
    "line",
    [
        "This content is imported from YouTube. You may be able to find the same content in another "
        "format, or you may be able to find more information, at their web site.",
        "We earn a commission for products purchased through some links in this article.",
        "Why Trust Us?",
        "Headshot of Jo Parker",
        "Subscribe to our YouTube channel for more explainers.",
        "Streaming on Netflix",
        "Rent or buy on Apple TV",
        "5 min listen",
        "A post shared by Jo (@jo)",
        "View this post on Instagram",
        "Thanks for signing up!",
        "Article continues below advertisement",
        "Stream Heat on Max",
        "Link copied!",
        "0:00 / 5:32",
        "Audio version",
        "Watch the trailer below.",
        "Spoiler warning: this article discusses the ending.",
        "Warning: this article reveals the twist ending of Heat.",
        "03:12",
        "The week's best film writing, in your inbox every Friday.",
        "Michael Douglas as Nicholas Van Orton. PolyGram Filmed Entertainment",
        "Sandra Hüller in the courtroom. Neon",
        "Jake Gyllenhaal and Mark Ruffalo in Zodiac (Paramount Pictures)",
        "Reveal: what the epilogue says",
        "June 14, 2023 by Theo Marsh",
        "14 June 2023 by Theo Marsh",
        "Spoilers ahead! We warned you.",
        "Contributing: Sam Ortiz",
        "Additional reporting by Jo Park",
        "Published 8:04 a.m. ET Nov. 8, 2013 | Updated 10:12 a.m. ET Nov. 9, 2013",
        "Jo Reyes covers movies and pop culture for Film Wire. Follow her on X and Instagram.",
        "Your changes have been saved",
        "You’ve reached your account maximum for followed topics.",
        "Follow without Notifications",
        "Facebook X LinkedIn Reddit Flipboard Copy link Email",
        "Sign in to your ScreenPulse account",
        "Page 1 of 2",
    ],
)
def test_more_furniture_of_copied_pages_is_chrome(line: str) -> None:
    assert line_kind(line) == "chrome"


@pytest.mark.parametrize(
    "line",
    [
        "This content is what the film is about.",
        "Streaming on Netflix made the film a hit again in 2020.",
        "We earn our ending, the director said.",
        "A post shared by many fans argued the ending was a dream, and the director agreed.",
        "Headshot photos of the cast line the lobby of the motel.",
        "Stream Heat on Max tonight, then read on.",
        "Watch the trailer closely and you'll spot the twist.",
        "Spoiler alert: Bruce Willis was dead all along.",
        "The ending of Dune is bleak. Warner Bros. had wanted more.",
        "Heat was released in 1995 (Warner Bros.).",
        "Reveal: the killer was his brother all along, a twist nobody saw coming.",
        "June 14, 2023 by the river is where the last scene takes place.",
        "The letters pile up in your inbox, she says, and he laughs.",
        "Tom Hardy covers his face for most of the film.",
        "With a budget of 100 million dollars, it still flopped.",
    ],
)
def test_prose_that_opens_like_that_furniture_stays(line: str) -> None:
    assert line_kind(line) is None


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Explaining the Ending", "ending"),
        ("Understanding the Final Scene", "ending"),
        ("Theories About the Ending", "ending"),
        ("So, What Actually Happened?", "ending"),
        ("The Original Ending", "alternate_endings"),
        ("Deleted Ending", "alternate_endings"),
        ("How the Film Differs From the Book", "adaptation"),
        ("What Happened Next", None),
        ("Final Thoughts", None),
    ],
)
def test_headings_about_the_ending_and_the_book(heading: str, key: str | None) -> None:
    assert match_heading(heading) == key


# --- hard-wrapped text ----------------------------------------------------------------------------

_WRAPPED = """Heat Ending Explained

Michael Mann's Heat follows two men on opposite sides of the law who see
something of themselves in each other. McCauley runs a careful crew, and
Hanna is the detective whose life has been swallowed by catching him. His
third marriage is already falling apart when the film begins, and a
three-hour-long case will finish it.

Trivia

The diner scene was the first time the two leads shared the screen at all.
Both actors insisted on real rehearsals in the downtown streets and banks.
The shootout was recorded with live sound from blanks fired on location.
"""


def test_a_hard_wrapped_texts_paragraphs_are_joined_and_its_one_line_facts_kept_apart() -> None:
    guide = parse_text(_WRAPPED, fmt="text")
    assert guide.intro == [
        "Michael Mann's Heat follows two men on opposite sides of the law who see something of "
        "themselves in each other. McCauley runs a careful crew, and Hanna is the detective whose life "
        "has been swallowed by catching him. His third marriage is already falling apart when the film "
        "begins, and a three-hour-long case will finish it."
    ]
    assert guide.trivia == [line for line in _WRAPPED.splitlines()[-3:]]


def test_a_copied_pages_short_lines_are_not_read_as_wrapped() -> None:
    """Lines of a web page's copy are whole paragraphs: a short one is never joined to the next."""
    text = _WRAPPED.replace(" see\nsomething", " see something").replace(
        "crew, and\nHanna", "crew, and Hanna"
    )
    text = text.replace("His\nthird", "His third").replace("a\nthree", "a three")
    assert len(parse_text(text, fmt="text").intro) == 1
    listed = "Heat Ending Explained\n\nHeat follows two men.\n\nTrivia\n\n" + "\n".join(
        ["The diner scene was shot in a single long afternoon.", "Both leads rehearsed in the real banks."]
        * 3
    )
    assert len(parse_text(listed, fmt="text").trivia) == 6


# --- the film a first sentence names, however it is worded ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("In Fargo (1996), the Coen brothers send a car salesman into a kidnapping scheme.", "Fargo"),
        ("When Fargo hit theaters in 1996, it made Frances McDormand a star.", "Fargo"),
        ("Released in 1996, Fargo is a crime comedy set in snowy Minnesota.", "Fargo"),
        ("Few crime films are as quotable as Fargo, the Coens' snowbound 1996 comedy.", "Fargo"),
        ("Fargo, the Coen brothers' crime comedy, turns 30 this year.", "Fargo"),
        ("McDormand and Macy share the screen in the Coens' Fargo.", "Fargo"),
        ("It's been nearly 30 years since Fargo arrived in cinemas.", "Fargo"),
        ("In Bruges (2008) follows two hitmen hiding in Belgium.", "In Bruges"),  # a title of its own
    ],
)
def test_a_first_sentence_names_a_catalog_film_however_it_is_worded(sentence: str, title: str) -> None:
    """No headline: the one catalog film the first sentence names is the title ("In Fargo" had
    been read as one, and most of these had been refused)."""
    text = f"{sentence}\n\nCast\n\n- Frances McDormand as Marge Gunderson\n\nThe film ends at home.\n"
    assert parse_text(text, fmt="text").title == title


def test_a_sentence_opening_with_a_common_word_names_no_film_by_it() -> None:
    """ "Up" is a catalog film, but any sentence opens with a capital: no title is read from it."""
    text = "Up never needed its talking dogs to be funny.\n\nCast\n\n- Ed Asner as Carl\n"
    with pytest.raises(ArticleError, match="cannot tell which film"):
        parse_text(text, fmt="text")


# --- an awards table -----------------------------------------------------------------------------


def test_an_awards_tables_rows_are_awards() -> None:
    """Body, category, nominee and result in cells: each row an award (they had been left as
    notes of the section, unread)."""
    html = (
        "<article><h1>Whiplash (2014) Explained</h1><div class='entry-content'>"
        "<p>Damien Chazelle's Whiplash follows a young drummer and the conductor who pushes him.</p>"
        "<h2>Awards</h2><table><tr><th>Award</th><th>Category</th><th>Nominee</th><th>Result</th></tr>"
        "<tr><td>Academy Awards</td><td>Best Supporting Actor</td><td>J. K. Simmons</td><td>Won</td></tr>"
        "<tr><td>Oscars</td><td>Best Picture</td><td>—</td><td>Nominated</td></tr></table>"
        "</div></article>"
    )
    guide = parse_text(html, fmt="html")
    assert [(a.body, a.category, a.nominee, a.result) for a in guide.awards] == [
        ("Academy Awards", "Best Supporting Actor", "J. K. Simmons", "won"),
        ("Academy Awards", "Best Picture", None, "nominated"),
    ]
    assert not guide.section_notes


@pytest.mark.parametrize(
    "line",
    ["Academy Awards – Best Picture", "Heat – Michael Mann – 1995 – Won over critics", "Won – Nominated"],
)
def test_a_dashed_line_is_an_award_only_with_its_result_last(line: str) -> None:
    from filmguide.article.items import read_award_line

    assert read_award_line(line, None) is None


# --- a news site's page copied as text: its card, its byline, its related cards, its tags ---------


def test_a_copied_pages_tags_go_and_a_short_last_answer_stays() -> None:
    tags = "\n".join(["Movies", "Sci-Fi", "Interstellar", "Christopher Nolan"])
    body = "Interstellar Ending Explained\n\nInterstellar follows Cooper, a pilot who leaves Earth.\n\n"
    guide = parse_text(body + "Cast\n\nMatthew McConaughey as Cooper\n\n" + tags + "\n", fmt="text")
    assert [c.actor for c in guide.cast] == ["Matthew McConaughey"]
    assert not guide.extra_sections and "Christopher Nolan" not in str(guide.model_dump())
    answered = parse_text(body + "Is There a Post-Credits Scene?\n\nNope\n", fmt="text")
    assert answered.post_credits is not None and answered.post_credits.text == ["Nope"]


def test_a_film_cards_rating_and_genres_and_a_lone_by_are_chrome() -> None:
    text = (
        "Interstellar Ending Explained\nBy\nMarcus Lee\nPublished Nov 7, 2024\n"
        "Interstellar (2014)\nPG-13\nSci-Fi\nDrama\n"
        "Release Date\nNovember 7, 2014\nDirector\nChristopher Nolan\n"
        "Interstellar follows Cooper, a pilot who leaves his children to find a new home.\n"
        "Related\n10 Best Christopher Nolan Movies, Ranked\nNolan's films reward a second viewing.\n"
        "Cast\nMatthew McConaughey as Cooper\nAnne Hathaway as Brand\n"
    )
    guide = parse_text(text, fmt="text")
    assert guide.intro == ["Interstellar follows Cooper, a pilot who leaves his children to find a new home."]
    assert guide.directors == ["Christopher Nolan"] and guide.year == 2014
    dumped = str(guide.model_dump())
    assert all(word not in dumped for word in ("Marcus Lee", "PG-13", "Drama", "reward a second viewing"))


def test_a_paragraph_asking_and_answering_the_post_credits_question_answers_it() -> None:
    """In a text with no post-credits section: the answer, the paragraph staying where it stands
    (the next paragraph is the ending's still)."""
    text = (
        "Oppenheimer Ending Explained\n\nChristopher Nolan's Oppenheimer follows the physicist who "
        "led the Manhattan Project.\n\nWhat Happens at the End?\n\nOppenheimer tells Einstein that "
        "they did destroy the world.\n\nIs there a post-credits scene? No, there isn't one.\n\n"
        "Why does the film end on Einstein? Their first talk was kept from us until then.\n"
    )
    guide = parse_text(text, fmt="text")
    assert guide.post_credits is not None and guide.post_credits.has_scenes is False
    assert guide.post_credits.text == [] and len(guide.ending) == 3


@pytest.mark.parametrize(
    ("actor", "paragraph", "character"),
    [
        ("Matt Damon", "Damon plays Mark Watney, the botanist left behind.", "Mark Watney"),
        (
            "Jessica Chastain",
            "Chastain is Commander Melissa Lewis, who leads the crew.",
            "Commander Melissa Lewis",
        ),
        ("Jessica Chastain", "She is Commander Melissa Lewis, who leads the crew.", None),  # a pronoun
        ("Matt Damon", "The film plays Mark Watney's jokes for laughs.", None),  # not the actor's name
        ("Final Thoughts", "She is Amazing in every scene.", None),  # no person's name heads it
    ],
)
def test_the_part_a_cast_guides_text_names_for_the_actor_heading_it(
    actor: str, paragraph: str, character: str | None
) -> None:
    from filmguide.article.cast import part_played

    assert part_played(actor, [paragraph]) == character
