"""filmguide's Markdown to blocks: what each construct becomes, and the file line it is found on."""

from __future__ import annotations

import pytest

from filmguide.article import parse_text
from filmguide.article.markdown import markdown_blocks

BODY = """# A Page Title

Intro with *emphasis*, a [link](https://example.org), `code` and an &amp; entity, \\*not emphasis\\*.
A second line of the same paragraph.

## Cast

- Ryan Gosling as Dean
- Michelle Williams as Cindy
  - a nested note

1. A loose item

   Its second paragraph.

2. Another loose item

> A quoted paragraph.

    indented code

Setext Heading
--------------

***

![a poster](poster.jpg) Caption after the image.
"""


def _blocks(body: str, first_line: int = 1) -> list[tuple[str, str, int | None, int | None]]:
    blocks, _ = markdown_blocks(body, first_line=first_line)
    return [(b.kind, b.text, b.level, b.line) for b in blocks]


def test_each_construct_becomes_a_block_with_its_line() -> None:
    blocks, title = markdown_blocks(BODY, first_line=1)

    assert title == "A Page Title"
    assert [(b.kind, b.text, b.level, b.line) for b in blocks] == [
        (
            "paragraph",
            "Intro with emphasis, a link, code and an & entity, *not emphasis*. "
            "A second line of the same paragraph.",
            None,
            3,
        ),
        ("heading", "Cast", 2, 6),
        ("item", "Ryan Gosling as Dean", None, 8),
        ("item", "Michelle Williams as Cindy", None, 9),
        ("item", "a nested note", None, 10),
        ("item", "A loose item", None, 12),
        ("item", "Its second paragraph.", None, 14),
        ("item", "Another loose item", None, 16),
        ("paragraph", "A quoted paragraph.", None, 18),
        ("paragraph", "indented code", None, 20),
        ("heading", "Setext Heading", 2, 22),
        ("paragraph", "Caption after the image.", None, 27),
    ]


def test_lines_count_from_where_the_body_starts_in_the_file() -> None:
    assert _blocks("Para one.\n\n## Next\n", first_line=8) == [
        ("paragraph", "Para one.", None, 8),
        ("heading", "Next", 2, 10),
    ]


def test_html_written_in_markdown_is_text_as_written() -> None:
    """Pages show such text escaped; the reader never drops it, and code keeps its "<" too."""
    body = (
        "Before <b>bold</b> and <!-- a note --> after, `a<b` in code, \\<escaped, &lt;entity&gt;.\n\n"
        "<div>A raw <i>block</i>.</div>\n\n"
        "<script>alert('no')</script>\n\n"
        "```\nif x < y:\n```\n"
    )
    texts = [text for _, text, _, _ in _blocks(body)]

    assert texts == [
        "Before <b>bold</b> and <!-- a note --> after, a<b in code, <escaped, <entity>.",
        "<div>A raw <i>block</i>.</div>",
        "<script>alert('no')</script>",
        "if x < y:",
    ]


def test_autolinks_and_bracketed_link_destinations_read_as_links() -> None:
    body = "See <https://example.org/a?b=1> or <editor@example.org>, and [the trailer](<a b.mp4>).\n"

    assert [text for _, text, _, _ in _blocks(body)] == [
        "See https://example.org/a?b=1 or editor@example.org, and the trailer."
    ]


def test_a_guide_read_from_markdown_keeps_list_items_apart_and_headings_as_sections() -> None:
    text = (
        "---\ntitle: Blue Valentine\nyear: 2010\n---\n\n"
        "A paragraph of intro.\n\n## Cast\n\n- Ryan Gosling as Dean\n- Michelle Williams as Cindy\n"
    )
    guide = parse_text(text, fmt="markdown", name="blue.md")

    assert guide.title == "Blue Valentine" and guide.year == 2010
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Ryan Gosling", "Dean"),
        ("Michelle Williams", "Cindy"),
    ]


def test_a_site_generators_front_matter_titles_the_article_not_the_film() -> None:
    """Hugo's or Jekyll's ``title`` is the article's headline: read as a headline is, its film is
    the title and its kind leads the sections; ``date``, ``author`` and ``tags`` are where it was
    published. filmguide's own front matter (a film's title) is read as before."""
    body = (
        "\nArrival (2016) is a science fiction drama.\n\n## Who is Hannah?\n\n"
        "She is the daughter Louise will have.\n"
    )
    site = parse_text(
        "---\ntitle: \"The Ending of 'Arrival' Explained\"\ndate: 2021-03-02\n"
        'author: ["A. Writer", "B. Writer"]\ntags: [sci-fi, 7]\ncategories: Films\n---' + body,
        fmt="markdown",
    )
    assert (site.title, site.year) == ("Arrival", 2016)
    assert site.ending == ["She is the daughter Louise will have."]
    assert site.origin is not None
    assert site.origin.published == "2021-03-02"
    assert site.origin.author == "A. Writer, B. Writer"
    assert (site.origin.tags, site.origin.categories) == (["sci-fi", "7"], ["Films"])
    own = parse_text("---\ntitle: Arrival\nyear: 2016\n---" + body, fmt="markdown")
    assert (own.title, own.origin, own.ending) == ("Arrival", None, None)
    assert [s.heading for s in own.extra_sections] == ["Who is Hannah?"]


def test_a_table_of_contents_in_markdown_is_no_section() -> None:
    """A site generator's contents list (links to the headings below) is dropped, so the first
    paragraph stays the intro."""
    guide = parse_text(
        "# Arrival Ending Explained\n\n- [What happens at the end?](#end)\n- [Cast](#cast)\n\n"
        "Arrival (2016) is Denis Villeneuve's drama.\n\n## What happens at the end?\n\n"
        "Louise chooses her future.\n\n## Cast\n\n- Amy Adams as Louise Banks\n",
        fmt="markdown",
    )
    assert guide.intro == ["Arrival (2016) is Denis Villeneuve's drama."]
    assert (guide.title, guide.year, guide.ending) == ("Arrival", 2016, ["Louise chooses her future."])
    assert [(c.actor, c.character) for c in guide.cast] == [("Amy Adams", "Louise Banks")]


def test_a_notes_apps_page_properties_are_no_text_of_the_article() -> None:
    """Notion and Obsidian export a page's properties above its text ("Created: …", "Tags: …");
    a paragraph with one such line among sentences stays."""
    body = (
        "# Memento Ending Explained\n\nCreated: March 3, 2024\nTags: explained\n\n"
        "Memento (2000) tells its story backwards.\n\nNote: this line\nruns on as a sentence does.\n\n"
        "## Ending\n\nLeonard chooses to forget.\n"
    )
    guide = parse_text(body, fmt="markdown")
    assert guide.intro == [
        "Memento (2000) tells its story backwards.",
        "Note: this line runs on as a sentence does.",
    ]


@pytest.mark.parametrize("headline", ["## Heat Ending Explained", "Heat Ending Explained"])
def test_markdown_copied_a_block_a_line_with_its_headline_below_or_without_hash(headline: str) -> None:
    """Markdown pasted with no blank line (each line a block, as a copy gives it), its headline
    a "##" heading or a bare line: the headline names the film, and each line is its own block
    (Markdown had joined them into one paragraph, headline and intro)."""
    text = (
        f"{headline}\nHeat is a 1995 crime drama directed by Michael Mann.\n## The Ending\n"
        "Hanna shoots McCauley by the runway lights, and holds his hand as he dies.\n## Cast\n"
        "- Al Pacino as Vincent Hanna\n- Robert De Niro as Neil McCauley\n"
    )
    guide = parse_text(text, name="heat.txt")
    assert guide.title == "Heat"
    assert guide.intro == ["Heat is a 1995 crime drama directed by Michael Mann."]
    assert guide.ending == ["Hanna shoots McCauley by the runway lights, and holds his hand as he dies."]
    assert [c.actor for c in guide.cast] == ["Al Pacino", "Robert De Niro"]
