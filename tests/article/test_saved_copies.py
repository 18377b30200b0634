"""Pages as people save them beyond a browser's "Save page": printed to PDF and copied back out,
sent as a newsletter, rendered by script and saved as the server sent it, set in large type by the
block editor, built with a page builder's cards. Short pages of our own, each beside the shape
that must not be read as one (the fixtures in ``tests/fixtures/shapes`` hold whole articles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from filmguide.article import ArticleError, parse_path, parse_text
from filmguide.article.blocks import PageFacts
from filmguide.article.printed import is_printed, without_print_marks

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
_PRINTED = SHAPES / "the-shining-printed-pdf.txt"
_TITLE = "The Shining Ending Explained: What the Final Photograph Means | Reel Notes"


def _as_firefox_prints(text: str) -> str:
    """The Chromium print of the fixture as Firefox prints it: the title and the address atop each
    page, "2 of 3" and the date at its foot, each on a line of its own."""
    text = text.replace(f"12/6/26, 9:15 PM {_TITLE}", f"{_TITLE}\nhttps://reelnotes.example/the-shining/")
    return re.sub(r"https://reelnotes\.example/\S+ (\d)/3", r"\1 of 3\n12/6/26, 9:15 PM", text)


def test_a_printed_copy_reads_as_the_page_did_in_either_browsers_print() -> None:
    chromium = parse_path(_PRINTED)
    firefox = parse_text(_as_firefox_prints(_PRINTED.read_text(encoding="utf-8")), name="shining.txt")
    for guide in (chromium, firefox):
        assert (guide.title, guide.year) == ("The Shining", 1980)
        # the paragraph the page break cut is whole again, the header and footer gone from it
        assert guide.ending is not None
        assert "corridor to a wall of old photographs" in guide.ending[1]
        assert guide.locations is not None
        assert guide.locations.text[0].endswith("outside London, including the hedge maze.")
        assert "Reel Notes" not in guide.model_dump_json()
    assert chromium.model_dump(exclude={"origin"}) == firefox.model_dump(exclude={"origin"})


def test_the_header_gives_the_pages_title_and_an_article_without_footers_is_no_print() -> None:
    page = PageFacts()
    lines = without_print_marks(_PRINTED.read_text(encoding="utf-8").splitlines(), page)
    assert page.title_tag == _TITLE
    assert not any("reelnotes.example" in line or "9:15 PM" in line for line in lines)
    # "Part 1 of 3" heads a section; a page's own "2 of 5" counter line is none of a print's
    assert not is_printed("Heat Explained\nPart 1 of 3\nThe heist goes wrong.\n")
    assert is_printed("Heat Explained\nThe heist goes wrong.\nPage 1 of 3\n")


_HEAT_BODY = """Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him.

What Happens in Heat?
A crew of professional thieves plans one last score in Los Angeles while a driven detective closes in.
The detective and the thief meet once, over coffee, and agree that neither will back down.

The Ending
McCauley runs for the airport, and Hanna follows him across the runway lights.
"""

_LETTER = (
    """View this email in your browser (https://example.com/issue-3)

Heat Ending Explained

Hi friends,

"""
    + _HEAT_BODY
    + """
See you next week,
Nora

Copyright (C) 2025 Night Shift Letter. All rights reserved.
You are receiving this email because you signed up on our website.
Our mailing address is:
Night Shift Letter
12 Harbour Road
"""
)


def test_a_newsletters_greeting_sign_off_signature_and_footer_are_no_words_of_its_article() -> None:
    guide = parse_text(_LETTER, name="letter.txt")
    assert guide.title == "Heat"
    assert guide.intro == [
        "Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him."
    ]
    assert guide.ending == ["McCauley runs for the airport, and Hanna follows him across the runway lights."]
    text = guide.model_dump_json()
    for chrome in (
        "Hi friends",
        "See you next week",
        "Nora",
        "receiving this email",
        "Harbour Road",
        "browser",
    ):
        assert chrome not in text


def test_a_name_under_a_line_that_signs_off_nothing_stays() -> None:
    """Only a sign-off's signature goes: a one-word line under any other line is the article's."""
    text = _LETTER.replace("See you next week,\nNora", "The last shot holds on the lights,\nWaingro")
    guide = parse_text(text, name="letter.txt")
    assert guide.ending is not None and "Waingro" in " ".join(guide.ending)


_REVIEW_BOX = (
    """Heat Ending Explained
by Dana Reyes March 3, 2024
"""
    + _HEAT_BODY
    + """
Review Overview
Story
9
Score
9.5
Masterpiece
Dana Reyes
Dana writes about crime films and has seen this one at least a dozen times.
"""
)


def test_a_copied_review_box_and_author_box_are_chrome() -> None:
    guide = parse_text(_REVIEW_BOX, name="heat.txt")
    assert guide.ending == ["McCauley runs for the airport, and Hanna follows him across the runway lights."]
    assert guide.extra_sections == []
    text = guide.model_dump_json()
    for chrome in ("Story", "9.5", "Masterpiece", "Dana"):
        assert chrome not in text


def test_a_numbered_list_of_one_number_under_a_heading_is_no_review_box() -> None:
    """A lone number under a line is no score: a review box's rows come in a run of two or more."""
    box_office = "Box Office\n9\nIt made $187 million worldwide on a budget of $60 million.\n"
    text = _REVIEW_BOX.replace("Review Overview\nStory\n9\nScore\n9.5\nMasterpiece\n", box_office)
    guide = parse_text(text, name="heat.txt")
    assert [s.heading for s in guide.extra_sections] == ["Box Office"]


_LINKED = """<html><head><title>Heat Ending Explained</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "{kind}",
"headline": "Heat Ending Explained", "articleBody": "{body_text}"}}</script>
<script type="application/ld+json">{{not json</script></head>
<body><div id="__next">{body}</div></body></html>"""


_BODY_TEXT = (
    "Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him, and the "
    "last great film of its kind.\\n\\nThe Ending\\n\\nMcCauley runs for the airport, and Hanna follows "
    "him across the runway lights until only one of them walks away. The film ends on the two men "
    "holding hands as the planes come in, the detective grieving the man he had to kill. Mann lets the "
    "shot run long, and the music swells over the lights of the runway as the credits begin."
)


def _linked(kind: str, body: str) -> str:
    return _LINKED.format(kind=kind, body=body, body_text=_BODY_TEXT)


def test_a_page_its_script_renders_is_read_from_its_linked_data() -> None:
    guide = parse_text(_linked("NewsArticle", ""), name="heat.html")
    assert (guide.title, guide.year) == ("Heat", 1995)
    assert guide.ending is not None and guide.ending[0].startswith("McCauley runs for the airport")


def test_linked_data_is_read_only_for_an_article_and_only_where_the_page_holds_none() -> None:
    try:  # a product's description is no article: the empty page stays unread
        parse_text(_linked("Product", ""), name="heat.html")
    except ArticleError as error:
        assert "heat.html" in str(error)
    else:
        raise AssertionError("a product's linked data was read as an article")
    own = "<h1>Heat Ending Explained</h1><h2>The Ending</h2>" + (
        "<p>Heat (1995) is a crime drama. Neil dies on the runway, holding Vincent's hand at the end.</p>" * 3
    )
    guide = parse_text(_linked("NewsArticle", own), name="heat.html")
    assert guide.ending is not None and all("Neil dies" in p for p in guide.ending)


_LARGE_TYPE = """<html><body><article><h1>Heat Ending Explained</h1><div class="entry-content">
<p>Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him.</p>
<p class="has-large-font-size">The Ending</p>
<p>McCauley runs for the airport, and Hanna follows him across the runway lights.</p>
<p style="font-size: 1.5em">Heat Cast</p>
<ul><li>Al Pacino as Vincent Hanna</li><li>Robert De Niro as Neil McCauley</li></ul>
{more}</div></article></body></html>"""


def test_paragraphs_in_large_type_head_the_sections_of_a_page_without_headings() -> None:
    guide = parse_text(_LARGE_TYPE.format(more=""), name="heat.html")
    assert guide.ending == ["McCauley runs for the airport, and Hanna follows him across the runway lights."]
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]


def test_large_type_beside_real_headings_is_a_pull_quote_not_a_heading() -> None:
    more = (
        "<h2>Trivia</h2><p>The diner scene was shot in one afternoon at Kate Mantilini in Beverly Hills.</p>"
    )
    guide = parse_text(_LARGE_TYPE.format(more=more), name="heat.html")
    # "The Ending" stays a paragraph, as the page's own headings say
    assert "The Ending" in (guide.ending or []) + (guide.intro or [])


_CARDS = """<html><body><article><h1>Parasite Cast Guide</h1><div class="entry-content">
<p>Parasite (2019) is Bong Joon-ho's story of two families, one rich and one poor, and the house
between them.</p>
<h2>Parasite Cast</h2>
{cards}</div></article></body></html>"""
_CARD = (
    '<div class="et_pb_blurb"><h4>{actor}</h4><div class="et_pb_blurb_description"><p>{part}</p></div></div>'
)


def test_a_page_builders_cast_cards_are_the_cast() -> None:
    cards = "".join(
        _CARD.format(actor=a, part=p)
        for a, p in (("Song Kang-ho", "Kim Ki-taek"), ("Cho Yeo-jeong", "Park Yeon-kyo"))
    )
    guide = parse_text(_CARDS.format(cards=cards), name="parasite.html")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Song Kang-ho", "Kim Ki-taek"),
        ("Cho Yeo-jeong", "Park Yeon-kyo"),
    ]
    assert guide.extra_sections == []


def test_sections_of_sentences_under_names_are_no_cards() -> None:
    cards = "".join(
        _CARD.format(actor=a, part=p)
        for a, p in (("Song Kang-ho", "He plays the father."), ("Cho Yeo-jeong", "She plays the mother."))
    )
    guide = parse_text(_CARDS.format(cards=cards), name="parasite.html")
    assert [(c.actor, c.character) for c in guide.cast] == []
    assert [s.heading for s in guide.extra_sections] == ["Song Kang-ho", "Cho Yeo-jeong"]


_PERMALINKED = """<html><body><article><h1>Heat Ending Explained</h1><div class="entry-content">
<p>Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him.</p>
<h2 id="ending">{before}The Ending{after}</h2>
<p>McCauley runs for the airport, and Hanna follows him across the runway lights.</p>
<h2 id="cast">{before}Heat Cast{after}</h2>
<ul><li>Al Pacino as Vincent Hanna</li><li>Robert De Niro as Neil McCauley</li></ul>
<h2 id="top">{before}#1 Reason to Watch{after}</h2>
<p>The shoot-out downtown is still the best ever filmed.</p>
</div></article></body></html>"""


def test_a_headings_permalink_mark_is_no_word_of_it() -> None:
    """Site generators and blog themes set a link to each heading beside its words ("#", "¶",
    "🔗"): the heading is read without it ("#Heat Cast" had named no section); "#1" is a number."""
    marks = [
        ('<a class="anchor" href="#x">#</a>', ""),
        ("", '<a class="headerlink" href="#x">¶</a>'),
        ("", ' <a href="#x" aria-label="Link to this section">🔗</a>'),
    ]
    for before, after in marks:
        guide = parse_text(_PERMALINKED.format(before=before, after=after), name="heat.html")
        assert guide.ending == [
            "McCauley runs for the airport, and Hanna follows him across the runway lights."
        ]
        assert [c.actor for c in guide.cast] == ["Al Pacino", "Robert De Niro"]
        assert [s.heading for s in guide.extra_sections] == ["#1 Reason to Watch"]


_TEXT_CAST = """Heat Cast Guide
Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him.

Heat Cast
{lines}

Trivia
- The diner scene was shot in one afternoon at Kate Mantilini in Beverly Hills.
"""


def test_a_text_cast_section_reads_its_lines_written_every_way_sites_write_them() -> None:
    cast = [("Al Pacino", "Vincent Hanna"), ("Robert De Niro", "Neil McCauley"), ("Val Kilmer", "Chris")]
    shapes = {
        "plays": "{a} plays {c}",
        "bar": "{a} | {c}",
        "played by": "{c}, played by {a}",
        "table copied": "{a}\t{c}",
        "character first": "{c} ({a})",
    }
    for name, shape in shapes.items():
        lines = "\n".join(shape.format(a=a, c=c) for a, c in cast)
        guide = parse_text(_TEXT_CAST.format(lines=lines), name="heat.txt")
        assert [(m.actor, m.character) for m in guide.cast] == cast, name
        assert guide.extra_sections == [], name


def test_a_heading_with_plays_outside_a_cast_section_stays_a_heading() -> None:
    text = _TEXT_CAST.format(lines="Al Pacino as Vincent Hanna") + (
        "\nWhy Pacino Plays It Loud\n"
        "His Hanna shouts where De Niro's McCauley whispers, and the film needs both.\n"
    )
    guide = parse_text(text, name="heat.txt")
    assert [s.heading for s in guide.extra_sections] == ["Why Pacino Plays It Loud"]


def test_markdown_bold_lines_pasted_as_text_head_their_sections() -> None:
    text = _TEXT_CAST.format(lines="Al Pacino as Vincent Hanna").replace("Heat Cast\n", "**Heat Cast**\n")
    text += (
        "\n**The Ending**\nMcCauley runs for the airport, and Hanna follows him across the runway lights.\n"
    )
    guide = parse_text(text, name="heat.txt")
    assert [(m.actor, m.character) for m in guide.cast] == [("Al Pacino", "Vincent Hanna")]
    assert guide.ending == ["McCauley runs for the airport, and Hanna follows him across the runway lights."]


def test_a_notes_apps_lines_are_a_list_and_its_wrapped_sentences_a_paragraph() -> None:
    """A notes app shows each line of its Markdown on its own: a cast a line an entry, with no
    bullets, is a list; a paragraph its editor wrapped goes on in sentences, and stays one."""
    note = (
        "# Heat Cast Guide\n\nHeat (1995) is Michael Mann's crime epic about a thief and the detective\n"
        "Who hunts him through Los Angeles.\n\n## Cast\n\n"
        "Al Pacino as Vincent Hanna\nRobert De Niro as Neil McCauley\n"
    )
    guide = parse_text(note, fmt="markdown", name="heat.md")
    assert [(m.actor, m.character) for m in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    assert guide.intro is not None and len(guide.intro) == 1


_MASTHEAD = """Neon Reels
Reviews
Explained
{headline}
By Dana Reyes March 3, 2024
Ridley Scott's Blade Runner follows a retired detective hunting four replicants through Los Angeles.

The Ending
Deckard finds the origami unicorn Gaff left outside his door, and leaves with Rachael.
"""


def test_a_headline_under_a_sites_menu_names_the_film_however_it_is_written() -> None:
    """Whatever the headline's shape, the site's menu above it never names the film ("Reviews"
    had been the title of each headline below but the first)."""
    for headline, year in [
        ("Blade Runner Ending Explained", None),
        ("Blade Runner (1982)", 1982),  # a review's headline, the film alone
        ("Blade Runner", None),
        ("BLADE RUNNER ENDING EXPLAINED", None),  # in capitals: the catalog's casing
        ("Blade Runner 1982 Ending Explained", 1982),
        ("Ending Explained | Blade Runner (1982)", 1982),
    ]:
        guide = parse_text(_MASTHEAD.format(headline=headline), name="blade-runner.txt")
        assert guide.title == "Blade Runner", headline
        assert year is None or guide.year == year, headline
        assert guide.ending is not None and guide.ending[0].startswith("Deckard finds"), headline


def test_a_two_word_name_over_a_date_is_the_byline_and_a_film_over_a_byline_the_headline() -> None:
    """ "Rachel Moss" over "March 3, 2024 · 5 min read" is the writer; "Blade Runner" over "By
    Dana Reyes …" (a byline that names its writer) is the film."""
    dated = _MASTHEAD.format(headline="Blade Runner Ending Explained\nRachel Moss").replace(
        "By Dana Reyes March 3, 2024", "March 3, 2024 · 5 min read"
    )
    guide = parse_text(dated, name="blade-runner.txt")
    assert guide.title == "Blade Runner" and "Rachel Moss" not in guide.model_dump_json()


def _reading(text: str, name: str) -> dict[str, object]:
    return parse_text(text, name=name).model_dump(exclude={"origin"})


def test_a_copy_with_a_blank_line_between_every_line_reads_as_the_copy_without() -> None:
    """A browser's copy sets a blank line between blocks, some apps between every line: the
    blank lines say nothing, so a line right above a byline, a name under a "By", a review box's
    rows read as they do a line apart. The copy with CRLF ends and the printed copy's too."""
    for name in (
        "blade-runner-review-copy.txt",
        "interstellar-news-text-copy.txt",
        "barbie-toc.txt",
        "cast-away-card-text-copy.txt",
        "glass-onion-credits.txt",
        "the-shining-printed-pdf.txt",  # hard-wrapped: its blank lines end paragraphs, and are kept
    ):
        text = (SHAPES / name).read_text(encoding="utf-8")
        single = _reading(text, name)
        if "printed" not in name:
            assert _reading(re.sub(r"\n+", "\n\n", text), name) == single, name
        assert _reading(text.replace("\n", "\r\n"), name) == single, name


def test_a_headline_in_capitals_or_after_an_emoji_names_the_film_in_title_case() -> None:
    body = (
        "By Dana Reyes March 3, 2024\nIt opens on a chef, an island and twelve guests who paid too much.\n\n"
        "The Ending\nMargot leaves with a cheeseburger while the restaurant burns behind her.\n"
    )
    for headline in (
        "INTERSTELLAR ENDING EXPLAINED",
        "🎬 Interstellar Ending Explained",
        "▶ Interstellar Ending Explained",
    ):
        assert parse_text(f"{headline}\n{body}", name="x.txt").title == "Interstellar", headline
    assert parse_text(f"THE MENU: ENDING EXPLAINED\n{body}", name="x.txt").title == "The Menu"
    # a subtitle's first word keeps its capital: "Thor: The Dark World"
    assert parse_text(f"THOR: THE DARK WORLD ENDING EXPLAINED\n{body}", name="x.txt").title == (
        "Thor: The Dark World"
    )


def test_a_cast_page_heads_each_entry_however_its_theme_dresses_the_heading() -> None:
    """ "1. Timothée Chalamet as Paul Atreides", "🎬 Zendaya as Chani", "ZENDAYA AS CHANI",
    "Zendaya as Chani:": each the entry, its number, emoji, capitals and colon no part of it."""
    page = (SHAPES / "dune-part-two-cast.html").read_text(encoding="utf-8")
    cast = [(m.actor, m.character) for m in parse_text(page, name="dune.html").cast]
    numbers = iter(range(1, 99))
    dressed = {
        "numbered": re.sub(r"<h2>(.*?) as ", lambda m: f"<h2>{next(numbers)}. {m.group(1)} as ", page),
        "emoji": re.sub(r"<h2>(.*?) as ", r"<h2>🎬 \1 as ", page),
        "colon": re.sub(r"<h2>(.*? as .*?)</h2>", r"<h2>\1:</h2>", page),
    }
    for name, variant in dressed.items():
        assert [(m.actor, m.character) for m in parse_text(variant, name="dune.html").cast] == cast, name
    capitals = re.sub(r"<h2>(.*? as .*?)</h2>", lambda m: f"<h2>{m.group(1).upper()}</h2>", page)
    actors = [m.actor for m in parse_text(capitals, name="dune.html").cast]
    assert actors[:3] == ["Timothée Chalamet", "Zendaya", "Austin Butler"]


_CHARACTER_FIRST = """<html><body><article><h1>Heat Cast and Ending Explained</h1><div class="entry-content">
<p>Heat (1995) follows Neil McCauley, a thief, and Vincent Hanna, the detective who hunts him.</p>
<h2>The Ending</h2>
<p>Neil could have escaped, but he goes back for Waingro. Hanna chases McCauley across the runway
at LAX and shoots him, then holds his hand as he dies, while Chris drives off alone.</p>
<h2>Heat Cast</h2><ul>{entries}</ul></div></article></body></html>"""


def test_a_list_written_character_first_with_full_names_on_both_sides_is_turned_by_the_prose() -> None:
    """ "Vincent Hanna: Al Pacino" shows no side by its words (two full names): the article's own
    text names the characters, and not the actors, which settles it; written actor first, the
    same list stays as it is."""
    cast = [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
        ("Val Kilmer", "Chris Shiherlis"),
    ]
    for shape in ("<li>{c}: {a}</li>", "<li>{c} ({a})</li>", "<li>{a}: {c}</li>", "<li>{a} – {c}</li>"):
        entries = "".join(shape.format(a=a, c=c) for a, c in cast)
        guide = parse_text(_CHARACTER_FIRST.format(entries=entries), name="heat.html")
        assert [(m.actor, m.character) for m in guide.cast] == cast, shape


_HAND_MADE_CONTENTS = """<html><body><article><h1>Heat Ending Explained</h1><div class="entry-content">
<p>Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him.</p>
<p><strong>Jump to:</strong></p>
<ol><li><a href="#plot">What Happens in Heat?</a></li><li><a href="#ending">The Ending</a>
<ul><li><a href="#runway">The runway</a></li></ul></li><li><a href="#cast">Heat Cast</a></li></ol>
<h2 id="plot">What Happens in Heat?</h2>
<p>A crew of thieves plans one last score in Los Angeles while a driven detective closes in.</p>
<h2 id="ending">The Ending</h2><p>McCauley runs for the airport, and Hanna follows him across the runway.</p>
<h2 id="cast">Heat Cast</h2>
<ul><li>Al Pacino as Vincent Hanna</li><li>Robert De Niro as Neil McCauley</li></ul>
<h2>Trivia</h2><ul><li><a href="#cast">Pacino</a> and De Niro share two scenes in the whole film.</li>
<li>The diner scene was shot in one afternoon at Kate Mantilini in Beverly Hills.</li></ul>
</div></article></body></html>"""


def test_a_table_of_contents_written_by_hand_is_no_line_of_the_intro() -> None:
    """A list whose every item is one link to a place in the page is a table of contents; a list
    whose items say more than their link stays."""
    guide = parse_text(_HAND_MADE_CONTENTS, name="heat.html")
    assert guide.intro == [
        "Heat (1995) is Michael Mann's crime epic about a thief and the detective who hunts him."
    ]
    assert len(guide.trivia) == 2


def test_a_cast_table_copied_as_text_is_read_by_its_header_row() -> None:
    """Copied from a browser, a table's cells stand a tab apart: its header row names the
    columns (and is no entry), and each row is read actor first whatever their order, its other
    cells a note about the part."""
    rows = (
        "Character\tPlayed by\tNotes\nVincent Hanna\tAl Pacino\tA detective who lives for the job\n"
        "Neil McCauley\tRobert De Niro\tA thief with a rule about attachments\n"
    )
    guide = parse_text(_TEXT_CAST.format(lines=rows), name="heat.txt")
    assert [(m.actor, m.character) for m in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    assert "Played by" not in guide.model_dump_json()


def test_a_headline_with_every_word_capitalised_gives_the_title_as_titles_are_written() -> None:
    body = (
        "\nBy Dana Reyes March 3, 2024\nThe team is back for one last job, and not all of them come home.\n"
    )
    body += "\nThe Ending\nRocket finally learns where he came from, and chooses to stay with his friends.\n"
    guide = parse_text("Guardians Of The Galaxy Vol. 3 Post-Credits Scenes Explained" + body, name="x.txt")
    assert guide.title == "Guardians of the Galaxy Vol. 3"
    guide = parse_text("Once Upon a Time In Hollywood Ending Explained" + body, name="x.txt")
    assert guide.title == "Once Upon a Time In Hollywood"  # one capitalised: as written


def test_a_copy_that_kept_its_headings_markdown_marks_reads_as_the_copy_without() -> None:
    """A page written in Markdown, copied with its "## " marks and no blank line between blocks
    (a copy, not a Markdown export): read as the text it is, the marks no words of a heading."""
    body = (
        "ScreenDesk\nHome\nHeat Ending Explained\nBy Dana Reyes March 3, 2024\n"
        "Heat is a 1995 crime drama directed by Michael Mann.\n## The Ending\n"
        "Hanna shoots McCauley by the runway lights, and holds his hand as he dies.\n## Cast\n"
        "- Al Pacino as Vincent Hanna\n- Robert De Niro as Neil McCauley\nShare this article\n"
    )
    marked, plain = parse_text(body, name="heat.txt"), parse_text(body.replace("## ", ""), name="heat.txt")
    assert marked == plain
    assert marked.title == "Heat" and marked.ending and marked.ending[0].startswith("Hanna shoots")


@pytest.mark.parametrize(
    ("headline", "has"),
    [
        ("Yes, 'Sinners' Has a Post-Credits Scene — Here's What It Means", True),
        ("No, Sinners Doesn't Have a Post-Credits Scene", False),
        ("Sinners Mid-Credits Scene, Explained: What Happens to Sammie", True),
        ("Does Sinners Have a Post-Credits Scene?", None),
    ],
)
def test_a_post_credits_articles_headline_answers_where_its_text_does_not(
    headline: str, has: bool | None
) -> None:
    """The article describes the scene without saying yes or no: its headline's answer counts, or
    its naming a scene it explains; a question states nothing."""
    body = (
        "\nBy Jo Park\nSinners is a 2025 horror film directed by Ryan Coogler, starring Michael B. Jordan.\n"
        "The extra scene takes place in 1992, when Stack and Mary visit an older Sammie in a blues club.\n"
        "They offer him the chance to live forever, and he turns it down.\n"
    )
    guide = parse_text(headline + body, name="sinners.txt")
    assert guide.post_credits is not None and guide.post_credits.has_scenes is has


_DATED_TEASERS = """ScreenDesk
Home
Category: Ending Explained
Talk to Me Ending Explained
Jul 30, 2023
The hand, the candle and what happens to Mia in the last minutes of the brothers' debut.
Saltburn Ending Explained
Nov 30, 2023
Oliver's last dance through the empty house tells us what he was after from the start.
Past Lives Ending Explained
Jun 10, 2023
Nora's walk back to Arthur after the taxi leaves is the whole film in one shot.
The Menu Ending Explained
Nov 20, 2022
A cheeseburger saves Margot, and we explain why Slowik lets her go.
"""


def test_a_copied_listing_whose_teasers_each_give_a_date_is_refused() -> None:
    """A teaser's title over its date is no writer's name over a dateline: the titles stay, and
    name four films, which make the page a listing."""
    with pytest.raises(ArticleError, match=r"a listing of several articles \(4 entries\)"):
        parse_text(_DATED_TEASERS, name="category.txt")


def test_a_headline_over_its_date_is_the_headline_not_a_writers_name() -> None:
    text = (
        "Past Lives Ending Explained\nJun 10, 2023\n"
        "Past Lives is a 2023 drama about two childhood friends who meet again in New York.\n"
        "The Ending\nNora walks back to Arthur after the taxi leaves, and cries for the first time.\n"
    )
    guide = parse_text(text, name="past-lives.txt")
    assert guide.title == "Past Lives" and guide.ending and guide.ending[0].startswith("Nora walks")
