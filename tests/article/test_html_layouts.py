"""HTML layouts beyond WordPress themes: a page whose markup names no content element (a
newsletter platform's), sections headed by ``h1`` (Medium), and a listing whose teasers wrap their
heading in the link (Ghost). Short pages of our own in each layout."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from filmguide.article import ArticleError, parse_text
from filmguide.article.structure import densest

_UNNAMED = """<html><head><title>Heat Ending Explained - Night Shift</title></head><body>
<div class="topbar"><a href="/">Night Shift</a> <a href="/subscribe">Subscribe</a></div>
<div class="post"><div class="post-header"><h1>Heat Ending Explained</h1><div class="ufi">128</div></div>
<div class="wrap"><h2>The Ending</h2><div class="text">
<p>Heat (1995) is a crime drama directed by Michael Mann about a thief and the detective who hunts him.</p>
<p>McCauley runs for the airport, and Hanna follows him across the runway lights.</p>
</div></div></div><div class="legal">Night Shift Media Group, all rights reserved.</div></body></html>"""


def test_a_page_naming_no_content_element_is_read_from_the_element_holding_its_paragraphs() -> None:
    tree = LexborHTMLParser(_UNNAMED)
    assert tree.body is not None
    found = densest(tree.body)
    # the paragraphs' own element, widened to the wrapper that also holds their heading
    assert found.attributes.get("class") == "wrap"
    guide = parse_text(_UNNAMED, name="heat.html")
    assert guide.title == "Heat"
    assert guide.ending and guide.ending[-1].startswith("McCauley runs")
    text = guide.model_dump_json()
    assert "Subscribe" not in text and "128" not in text and "rights reserved" not in text


def test_section_h1s_are_headings_and_the_headline_is_not() -> None:
    page = """<html><body><article><h1>Heat (1995) Explained</h1>
<p>Heat is a 1995 crime drama directed by Michael Mann.</p>
<h1>Cast</h1><ul><li>Al Pacino as Vincent Hanna</li><li>Robert De Niro as Neil McCauley</li></ul>
<h1>The Ending</h1><p>Hanna shoots McCauley by the runway and holds his hand as he dies.</p>
</article></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    assert guide.ending == ["Hanna shoots McCauley by the runway and holds his hand as he dies."]
    assert not guide.extra_sections


def test_a_listing_whose_teasers_wrap_their_heading_in_the_link_is_refused() -> None:
    teaser = (
        '<article class="post-card"><a class="post-card-content-link" href="/{0}/">'
        '<header><h2 class="post-card-title">{0} Ending Explained</h2></header>'
        "<p>{0} is a film we explain here.</p></a></article>"
    )
    page = (
        "<html><body><main>"
        + "".join(teaser.format(t) for t in ("Heat", "Ronin", "Thief"))
        + "</main></body></html>"
    )
    with pytest.raises(ArticleError, match="a listing of several articles"):
        parse_text(page, name="tag.html")


def test_faq_questions_head_their_answers() -> None:
    """Yoast's FAQ block (a bold question), Rank Math's and an accordion's ``<details>``: each
    question is a heading read by its meaning, its answer the section's text."""
    page = """<html><body><article><h1>Heat Explained</h1><div class="entry-content">
<p>Heat is a 1995 crime drama directed by Michael Mann.</p>
<div class="schema-faq wp-block-yoast-faq-block"><div class="schema-faq-section">
<strong class="schema-faq-question">Is there a post-credits scene in Heat?</strong>
<p class="schema-faq-answer">No, the film ends on the runway and nothing follows the credits.</p></div></div>
<div class="rank-math-list-item"><h3 class="rank-math-question">Where was Heat filmed?</h3>
<div class="rank-math-answer">
<p>It was shot all over Los Angeles, at more than eighty locations.</p></div></div>
<details><summary>Is Heat based on a true story?</summary>
<p>Partly: Mann drew on a Chicago detective's cases.</p></details>
<details><summary>Show answer</summary><p>Hanna holds McCauley's hand as he dies.</p></details>
</div></article></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert guide.post_credits is not None and guide.post_credits.has_scenes is False
    assert guide.post_credits.text == ["No, the film ends on the runway and nothing follows the credits."]
    assert guide.locations is not None and guide.locations.text[0].startswith("It was shot all over")
    # a label that asks nothing stays no heading ("Show answer" is a reveal button's)
    assert guide.inspirations == [
        "Partly: Mann drew on a Chicago detective's cases.",
        "Hanna holds McCauley's hand as he dies.",
    ]


def test_a_page_builders_widgets_hold_the_article_and_its_chrome_widgets_go() -> None:
    """Elementor wraps every paragraph in a "widget": that word is no chrome on its elements,
    while its share buttons, post info and posts grid are."""
    widget = (
        '<div class="elementor-element elementor-widget elementor-widget-{0}">'
        '<div class="elementor-widget-container">{1}</div></div>'
    )
    page = "".join(
        [
            '<html><body><div data-elementor-type="wp-page" class="elementor elementor-88">',
            widget.format("heading", "<h1>Heat (1995): Ending and Cast</h1>"),
            widget.format("post-info", "<ul><li>Noor Saleh</li><li>May 9, 2021</li></ul>"),
            widget.format("text-editor", "<p>Heat is a 1995 crime drama directed by Michael Mann.</p>"),
            widget.format("heading", "<h2>The Ending</h2>"),
            widget.format("text-editor", "<p>Hanna shoots McCauley on the runway at LAX.</p>"),
            widget.format("share-buttons", "<div>Facebook</div><div>Twitter</div>"),
            widget.format("posts", "<h2>More Explainers</h2><p>Sicario ending explained.</p>"),
            "</div></body></html>",
        ]
    )
    guide = parse_text(page, name="heat.html")
    assert (guide.title, guide.year, guide.ending) == (
        "Heat",
        1995,
        ["Hanna shoots McCauley on the runway at LAX."],
    )
    text = guide.model_dump_json()
    for chrome in ("Noor Saleh", "Facebook", "More Explainers", "Sicario"):
        assert chrome not in text


def test_a_posts_tag_and_category_classes_never_make_it_chrome() -> None:
    """WordPress writes a post's terms into its element's classes: a post tagged "social media"
    in the category "Trending" is still the article."""
    page = """<html><body><main>
<article class="post-9 post type-post status-publish tag-social-media category-trending tag-comments hentry">
<h1>Heat Ending Explained</h1><p>Heat is a 1995 crime drama directed by Michael Mann.</p>
<h2>The Ending</h2><p>Hanna shoots McCauley on the runway.</p></article></main></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert guide.ending == ["Hanna shoots McCauley on the runway."]


def test_a_cast_table_with_the_character_column_first_reads_actor_first() -> None:
    page = """<html><body><article><h1>Arrival Cast</h1>
<p>Arrival is a 2016 film directed by Denis Villeneuve.</p><h2>Cast</h2>
<table><thead><tr><th>Character</th><th>Played by</th></tr></thead>
<tbody><tr><td>Louise Banks</td><td>Amy Adams</td></tr>
<tr><td>Ian Donnelly</td><td>Jeremy Renner</td></tr></tbody>
</table></article></body></html>"""
    guide = parse_text(page, name="arrival.html")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Amy Adams", "Louise Banks"),
        ("Jeremy Renner", "Ian Donnelly"),
    ]


def test_an_answer_about_the_credits_outside_a_section_of_its_own() -> None:
    """No post-credits section, but the ending closes with the answer: the guide says "no",
    and the sentence stays where it stands. A description of another film's scene says nothing."""
    page = """<html><body><article><h1>Movies | Nope Ending Explained</h1>
<p>Jordan Peele's Nope (2022) follows two siblings who run a horse ranch in California.</p>
<h2>The ending explained</h2><p>Em lures the creature into swallowing a balloon, which bursts it.</p>
<p><strong>Short answer: No.</strong> There is no post-credits scene.</p></article></body></html>"""
    guide = parse_text(page, name="nope.html")
    assert (guide.title, guide.year) == ("Nope", 2022)  # the site's section name is no part of it
    assert guide.post_credits is not None
    assert (guide.post_credits.has_scenes, guide.post_credits.text) == (False, [])
    assert guide.ending == [
        "Em lures the creature into swallowing a balloon, which bursts it.",
        "Short answer: No. There is no post-credits scene.",
    ]
    other = page.replace(
        "Short answer: No.</strong> There is no post-credits scene.",
        "Like Iron Man</strong>, whose post-credits scene introduced Nick Fury, it plays with what we see.",
    )
    assert parse_text(other, name="nope.html").post_credits is None


_TERMS = """<html><body><article><h1>Heat (1995) Explained</h1>
<p>Heat is a 1995 crime drama directed by Michael Mann.</p>
<h2>Cast</h2><dl><dt>Al Pacino</dt><dd>Vincent Hanna</dd><dt>Robert De Niro</dt><dd>Neil McCauley</dd></dl>
<h2>Terms</h2><dl><dt>The score</dt><dd>The bank job the crew plans for months, and the reason Neil cannot
walk away when Waingro turns up again. It is what the whole second half of the film is about.</dd></dl>
</article></body></html>"""


def test_a_description_list_of_short_pairs_is_entries_and_of_prose_is_paragraphs() -> None:
    """A cast written as terms ("Al Pacino" over "Vincent Hanna") is read as a cast; a glossary
    whose descriptions are sentences keeps them as paragraphs."""
    guide = parse_text(_TERMS, name="heat.html")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    terms = [s for s in guide.extra_sections if s.heading == "Terms"]
    assert terms and terms[0].paragraphs[-1].startswith("The bank job")
    assert not terms[0].items


_LINKED_NAMES = """<html><body><article><p class="kicker">MOVIES</p><h1>Heat (1995) Explained</h1>
<div class="x1"><a href="/staff/jo-reyes">Jo Reyes</a><div>Film Wire</div></div>
<p>Heat is a 1995 crime drama directed by Michael Mann, and its ending is quieter than its heist.</p>
<h2>Cast</h2><ul><li><a href="/staff/al-pacino">Al Pacino</a> as Vincent Hanna</li>
<li><a href="/author/robert-de-niro">Robert De Niro</a> as Neil McCauley</li></ul>
<h2>The Ending</h2><p>Hanna shoots McCauley by the runway and holds his hand as he dies.</p>
<div class="x2"><h3>The Heat Letter</h3><p>Crime films, in your inbox.</p>
<form><input type="email"></form></div>
</article></body></html>"""


def test_a_byline_linking_its_writer_and_a_sign_up_form_go_with_their_boxes_a_linked_cast_stays() -> None:
    """Classes that name nothing ("x1"): the byline is told by its link to the writer's page, the
    newsletter by its form; a cast list whose names link the same way is the article's."""
    guide = parse_text(_LINKED_NAMES, name="heat.html")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    assert guide.intro == [
        "Heat is a 1995 crime drama directed by Michael Mann, and its ending is quieter than its heist."
    ]
    text = guide.model_dump_json()
    assert "Jo Reyes" not in text and "Film Wire" not in text and "MOVIES" not in text
    assert "Heat Letter" not in text and "inbox" not in text


def test_a_sign_up_form_in_a_short_article_takes_only_its_own_box() -> None:
    """The box ends where the article's text begins: a short article around it stays whole."""
    page = """<html><body><article><h1>Heat Ending Explained</h1><div>
<p>Heat is a 1995 crime drama directed by Michael Mann.</p>
<div><h3>The Heat Letter</h3><p>Crime films, in your inbox.</p><form><input type="email"></form></div>
<h2>The Ending</h2><p>Hanna shoots McCauley by the runway and holds his hand as he dies.</p>
</div></article></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert guide.ending == ["Hanna shoots McCauley by the runway and holds his hand as he dies."]
    assert guide.intro == ["Heat is a 1995 crime drama directed by Michael Mann."]
    assert "Heat Letter" not in guide.model_dump_json()


def test_a_sections_own_header_holds_its_heading_the_pages_header_is_chrome() -> None:
    """Some publishing systems head each section with a ``header``: it holds the section's heading
    and is the article's; the article's own header (headline, byline) is still chrome."""
    page = """<html><body><main><article>
<header><h1>Heat (1995) Ending Explained</h1><p class="byline">By Ana Ruiz</p></header>
<p>Heat is a 1995 crime drama directed by Michael Mann, about a thief and the detective on his trail.</p>
<section><header><h2>The Ending</h2></header><p>Hanna shoots McCauley by the runway lights.</p></section>
<section><header><h2>Cast</h2></header><ul><li>Al Pacino as Vincent Hanna</li></ul></section>
<section><header><h2>Is There a Post-Credits Scene?</h2></header><p>No. Nothing follows.</p></section>
</article></main></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert guide.ending == ["Hanna shoots McCauley by the runway lights."]
    assert [(c.actor, c.character) for c in guide.cast] == [("Al Pacino", "Vincent Hanna")]
    assert guide.post_credits is not None and guide.post_credits.has_scenes is False
    assert "Ana Ruiz" not in guide.model_dump_json()


def test_a_paragraph_broken_by_blank_lines_and_bold_lines_reads_as_the_page_it_writes() -> None:
    """A hand-written page puts several paragraphs in one ``<p>``, kept apart by ``<br><br>``, and
    heads a list with a bold line of its own ("<b>Cast</b><br>…")."""
    page = """<html><body><article><h1>Heat (1995) Explained</h1>
<p>Heat is a 1995 crime drama directed by Michael Mann.<br><br>It follows a thief and a detective.</p>
<p><strong>Cast</strong><br>Al Pacino as Vincent Hanna<br>Robert De Niro as Neil McCauley</p>
<p><b>The Ending</b><br>Hanna shoots McCauley by the runway.<br><br>He holds his hand as he dies.</p>
</article></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert guide.intro == [
        "Heat is a 1995 crime drama directed by Michael Mann.",
        "It follows a thief and a detective.",
    ]
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    assert guide.ending == ["Hanna shoots McCauley by the runway.", "He holds his hand as he dies."]


def test_a_listing_whose_cards_head_their_titles_in_headers_is_refused() -> None:
    """Cards that wrap each linked title in a ``header`` of their own list posts all the same."""
    cards = "".join(
        f'<div class="card"><header><h2><a href="/{slug}">{title} Ending Explained</a></h2></header>'
        f"<p>What the last scene of {title} means, and why it still divides its audience.</p></div>"
        for slug, title in (("a", "Heat"), ("b", "Memento"), ("c", "Zodiac"), ("d", "Se7en"))
    )
    page = f"<html><body><main><h1>Category: Ending Explained</h1>{cards}</main></body></html>"
    with pytest.raises(ArticleError, match="a listing of several articles"):
        parse_text(page, name="listing.html")


def test_a_block_of_links_whose_title_has_a_header_of_its_own_goes_whole() -> None:
    page = """<html><body><article><h1>Heat (1995) Explained</h1>
<p>Heat is a 1995 crime drama directed by Michael Mann.</p><h2>The Ending</h2>
<p>Hanna shoots McCauley by the runway lights.</p>
<div><header><h2>Related Topics</h2></header><ul><li><a href="/t/film">Film</a></li>
<li><a href="/t/la">Los Angeles</a></li></ul></div>
<h2>Cast</h2><ul><li>Al Pacino as Vincent Hanna</li></ul></article></body></html>"""
    guide = parse_text(page, name="heat.html")
    assert guide.ending == ["Hanna shoots McCauley by the runway lights."]
    assert "Los Angeles" not in guide.model_dump_json()


def test_a_page_writing_its_paragraphs_as_divs_heads_sections_with_bold_lines_of_their_own() -> None:
    """A builder that writes each paragraph as a ``<div>``: a ``<div>`` holding one bold run alone
    heads a section, and such paragraphs make the page one article beside its teasers."""
    teasers = "".join(
        f'<article><h3><a href="/{n}">Other Film {n} Ending Explained</a></h3>'
        "<div>A short excerpt.</div></article>"
        for n in range(3)
    )
    page = f"""<html><body><main><article><h1>Sicario (2015) Explained</h1>
<div>Sicario is a 2015 crime thriller directed by Denis Villeneuve, set on the border between the
United States and Mexico, where an idealistic agent is drawn into a secret war on a cartel.</div>
<div><strong>The Ending</strong></div>
<div>Alejandro makes Kate sign a statement at gunpoint, saying that everything the task force did
was legal, and when he walks away across the courtyard she raises her gun and cannot fire.</div>
<div><strong>Cast</strong></div><ul><li>Emily Blunt as Kate Macer</li></ul></article>
<section><h2>More Stories</h2>{teasers}</section></main></body></html>"""
    guide = parse_text(page, name="sicario.html")
    assert guide.ending and guide.ending[0].startswith("Alejandro makes Kate sign")
    assert [(c.actor, c.character) for c in guide.cast] == [("Emily Blunt", "Kate Macer")]


@pytest.mark.parametrize(
    ("title_tag", "site"),
    [
        ("Movies - Heat Ending Explained - ScreenDesk", None),
        ("ScreenDesk: Heat Ending Explained", "ScreenDesk"),
        ("Heat Ending Explained | ScreenDesk", None),
    ],
)
def test_a_page_with_no_h1_takes_its_headline_from_the_title_without_the_sites_name_and_labels(
    title_tag: str, site: str | None
) -> None:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    page = f"""<html><head><title>{title_tag}</title>{meta}</head><body><article>
<p>The film ends on a runway, with two men who respected each other more than anyone else.</p>
<h2>The Ending</h2><p>Hanna shoots McCauley by the runway lights and holds his hand as he dies.</p>
</article></body></html>"""
    assert parse_text(page, name="heat.html").title == "Heat"
