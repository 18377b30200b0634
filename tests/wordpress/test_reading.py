"""WordPress exports read field by field: the two WXR fixtures (block and classic editor), the REST
API fixture and the entity bomb, plus the parts (post titles, shortcodes, autop) on their own.

The expectations were written from the fixtures (``tests/fixtures/wordpress/``), not from the
reader's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filmguide.article import ArticleError
from filmguide.model import Guide
from filmguide.wordpress import Post, export_kind, post_aliases, post_guide, read_posts, skip_reason
from filmguide.wordpress.content import autop, drop_shortcodes, post_html
from filmguide.wordpress.titles import film_from_post_title

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress"
BLOCK = FIXTURES / "block-editor.xml"
CLASSIC = FIXTURES / "classic-editor.xml"
REST = FIXTURES / "rest-posts.json"
BOMB = FIXTURES / "billion-laughs.xml"


def posts(path: Path) -> list[Post]:
    kind = export_kind(path)
    assert kind is not None
    return list(read_posts(path, kind))


def guides(path: Path) -> dict[int, Guide]:
    return {p.post_id or 0: post_guide(p, source=str(path)) for p in posts(path) if skip_reason(p) is None}


# --- telling an export by its content -----------------------------------------------------------


def test_exports_are_told_by_content_not_name(tmp_path: Path) -> None:
    assert export_kind(BLOCK) == "wxr"
    assert export_kind(REST) == "rest"
    renamed = tmp_path / "site-export"  # no suffix at all
    renamed.write_bytes(CLASSIC.read_bytes())
    assert export_kind(renamed) == "wxr"
    xhtml = tmp_path / "page.xml"
    xhtml.write_text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>')
    assert export_kind(xhtml) is None
    article = tmp_path / "notes.txt"  # an article's own suffix keeps its meaning
    article.write_text("[Spoilers] Heat is a crime film.")
    assert export_kind(article) is None


# --- which posts become guides ------------------------------------------------------------------


def test_only_published_posts_become_guides_and_the_rest_are_named() -> None:
    found = {p.post_id: skip_reason(p) for p in posts(BLOCK)}
    assert found == {
        101: None,
        102: None,
        103: None,
        104: "drafts",
        2: "pages",
        140: "attachments",
        150: "menu items",
        160: "revisions",
    }
    classic = {p.post_id: skip_reason(p) for p in posts(CLASSIC)}
    assert classic == {7: None, 9: None, 11: "pending posts", 12: "drafts", 3: "pages", 77: "attachments"}
    assert skip_reason(Post(title="x", content="y", status="private")) == "private posts"
    assert skip_reason(Post(title="x", content="y", protected=True)) == "password-protected posts"


# --- the block editor ---------------------------------------------------------------------------


def test_block_editor_post_field_by_field() -> None:
    guide = guides(BLOCK)[101]
    assert (guide.title, guide.year) == ("Requiem for a Dream", 2000)
    assert guide.intro is not None and len(guide.intro) == 1
    assert guide.intro[0].startswith("Few films about addiction move as fast")
    assert [s.heading for s in guide.summary] == [None]
    assert guide.summary[0].paragraphs[0].startswith("A widow who lives for a quiz show")
    assert guide.ending is not None and len(guide.ending) == 2
    assert guide.ending[0].startswith("The closing montage leaves all four")
    assert guide.ending[1].startswith("The final dream of the quiz show")
    assert guide.post_credits is not None and guide.post_credits.has_scenes is False
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Ellen Burstyn", "Sara Goldfarb"),
        ("Jared Leto", "Harry Goldfarb"),
        ("Jennifer Connelly", "Marion Silver"),
    ]
    assert guide.trivia == [
        "The film uses far more cuts than a typical drama of its length.",
        "The refrigerator scene was built with practical effects.",
    ]
    assert guide.extra_sections == []
    assert guide.origin is not None
    assert guide.origin.model_dump() == {
        "published": "2021-03-16T08:15:00Z",
        "author": "Marta Kowal",
        "categories": ["Endings Explained"],
        "tags": ["addiction", "Darren Aronofsky"],
    }


def test_block_editor_captions_embeds_buttons_and_contents_are_not_text() -> None:
    text = guides(BLOCK)[101].model_dump_json()
    for chrome in (
        "favourite chair",  # the image block's caption
        "youtube.com",  # the embed's URL
        "as the trailer teases",  # the embed's caption
        "Read our other explainers",  # a buttons block
        "Contents",  # the table-of-contents block
    ):
        assert chrome not in text


def test_block_editor_other_posts() -> None:
    found = guides(BLOCK)
    arrival = found[102]
    assert (arrival.title, arrival.year) == ("Arrival", None)
    assert arrival.ending is not None and len(arrival.ending) == 2
    assert arrival.ending[1] == "She chooses the life she can already see, sorrow included."
    assert arrival.post_credits is not None and arrival.post_credits.has_scenes is True
    assert arrival.origin is not None
    assert arrival.origin.author == "Dee Okafor"
    assert arrival.origin.categories == ["Endings Explained", "Science Fiction"]
    assert arrival.origin.tags == []
    gravity = found[103]
    assert gravity.title == "Gravity"
    assert gravity.ending is not None and gravity.ending[0].startswith("She splashes down in a lake")
    assert gravity.origin is not None and gravity.origin.published == "2021-06-02T17:30:00Z"


# --- the classic editor -------------------------------------------------------------------------


def test_classic_editor_post_field_by_field() -> None:
    guide = guides(CLASSIC)[7]
    assert (guide.title, guide.year) == ("Heat", 1995)
    # autop: the two lines before the first blank line are one paragraph, as WordPress shows them
    assert guide.intro == [
        "A thief who keeps nothing he cannot leave behind in thirty seconds meets a detective who has "
        "already lost most of his private life to the job. Both men know exactly what they are."
    ]
    assert len(guide.summary) == 1 and len(guide.summary[0].paragraphs) == 2
    assert guide.summary[0].paragraphs[1].startswith("The crew plans one last bank job")
    assert guide.ending is not None and len(guide.ending) == 2
    assert guide.ending[1].startswith("The detective catches him near the airport runway")
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
        ("Val Kilmer", "Chris Shiherlis"),
    ]
    assert guide.trivia == [
        "The street shootout was recorded with live sound rather than effects added later."
    ]
    text = guide.model_dump_json()
    assert "roadside diner" not in text  # the [caption] shortcode
    assert "youtube" not in text and "[toc]" not in text and "[embed]" not in text
    assert guide.origin is not None
    assert guide.origin.model_dump() == {
        "published": "2012-11-04T01:45:00Z",
        "author": "Sam Ruiz",
        "categories": ["Crime"],
        "tags": ["Michael Mann"],
    }


def test_classic_and_block_editor_read_the_same() -> None:
    """The same post written in each editor gives the same guide."""
    classic = Post(
        title="Moon (2009) Movie Explained",
        content=(
            "A worker alone on the moon.\n\n<h2>Ending Explained</h2>\nHe is sent home.\n\nThe other stays."
        ),
    )
    block = Post(
        title="Moon (2009) Movie Explained",
        content=(
            "<!-- wp:paragraph -->\n<p>A worker alone on the moon.</p>\n<!-- /wp:paragraph -->\n\n"
            "<!-- wp:heading -->\n<h2>Ending Explained</h2>\n<!-- /wp:heading -->\n\n"
            "<!-- wp:paragraph -->\n<p>He is sent home.</p>\n<!-- /wp:paragraph -->\n\n"
            "<!-- wp:paragraph -->\n<p>The other stays.</p>\n<!-- /wp:paragraph -->"
        ),
    )
    assert post_guide(classic, source="a") == post_guide(block, source="b")


def test_wxr_1_0_reads_as_1_1_and_1_2_do(tmp_path: Path) -> None:
    older = tmp_path / "old.xml"
    text = CLASSIC.read_text(encoding="utf-8").replace("export/1.1/", "export/1.0/")
    older.write_text(text.replace("<wp:wxr_version>1.1<", "<wp:wxr_version>1.0<"), encoding="utf-8")
    assert guides(older) == guides(CLASSIC)


def test_a_terms_name_kept_escaped_by_wordpress_reads_plain(tmp_path: Path) -> None:
    """WordPress stores "Movies & TV" as "Movies &amp; TV" and exports it in CDATA as it is."""
    export = tmp_path / "terms.xml"
    text = CLASSIC.read_text(encoding="utf-8").replace("<![CDATA[Crime]]>", "<![CDATA[Crime &amp; Noir]]>")
    export.write_text(text, encoding="utf-8")
    crime = [p for p in posts(export) if "Crime & Noir" in p.categories]
    assert crime and not any("&amp;" in c for p in posts(export) for c in p.categories)


def test_classic_moon_post() -> None:
    moon = guides(CLASSIC)[9]
    assert moon.title == "Moon"
    assert moon.ending is not None and len(moon.ending) == 2
    assert moon.post_credits is not None and moon.post_credits.has_scenes is False


# --- REST API JSON ------------------------------------------------------------------------------


def test_rest_posts_field_by_field() -> None:
    found = guides(REST)
    assert set(found) == {301, 302}
    velvet = found[301]
    assert (velvet.title, velvet.year) == ("Blue Velvet", 1986)
    assert velvet.intro is not None and velvet.intro[0].startswith("A college student back in his small home")
    assert velvet.ending is not None and len(velvet.ending) == 1
    assert [(c.actor, c.character) for c in velvet.cast] == [
        ("Kyle MacLachlan", "Jeffrey Beaumont"),
        ("Isabella Rossellini", "Dorothy Vallens"),
    ]
    text = velvet.model_dump_json()
    assert "mechanical robin" not in text and "Table of Contents" not in text
    assert velvet.origin is not None
    assert velvet.origin.model_dump() == {
        "published": "2023-02-15T00:05:00Z",
        "author": "Lena Park",
        "categories": ["Mystery & Noir"],
        "tags": ["David Lynch"],
    }
    vertigo = found[302]
    assert vertigo.title == "Vertigo"  # from “The Ending of ‘Vertigo’ Explained”, entities decoded
    assert vertigo.post_credits is not None and vertigo.post_credits.has_scenes is False
    assert vertigo.origin is not None
    assert vertigo.origin.model_dump() == {
        "published": "2023-03-01T10:00:00",
        "author": None,
        "categories": [],
        "tags": [],
    }


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'{"title": 3', "not valid JSON"),
        (b'"just text"', "expected an array of posts"),
        (b"[1, 2]", "item 1 is not an object"),
        (b'[{"title": {"rendered": "x"}}]', "post 1 has no content.rendered"),
    ],
)
def test_rest_files_that_are_not_posts_are_one_line(tmp_path: Path, body: bytes, problem: str) -> None:
    path = tmp_path / "posts.json"
    path.write_bytes(body)
    with pytest.raises(ArticleError) as caught:
        list(read_posts(path, "rest"))
    assert problem in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(path))


# --- old addresses ------------------------------------------------------------------------------


def test_each_post_keeps_its_permalink_its_name_and_its_id() -> None:
    found = {p.post_id: post_aliases(p) for p in posts(BLOCK) if skip_reason(p) is None}
    assert found[101] == [
        "/2021/03/requiem-for-a-dream-explained",
        "/requiem-for-a-dream-explained",
        "/?p=101",
    ]
    plain = Post(title="x", content="y", post_id=12, link="https://old.example/?p=12", slug="nope-explained")
    assert post_aliases(plain) == ["/nope-explained", "/?p=12"]
    encoded = Post(title="x", content="y", link="https://old.example/am%C3%A9lie-explained/")
    assert post_aliases(encoded) == ["/amélie-explained"]
    assert post_aliases(guides_rest_post()) == [
        "/reviews/blue-velvet-1986-explained",
        "/blue-velvet-1986-explained",
        "/?p=301",
    ]


def guides_rest_post() -> Post:
    return posts(REST)[0]


# --- safety -------------------------------------------------------------------------------------


def test_an_entity_bomb_is_refused_in_one_line() -> None:
    """Refused at its DTD, before any expansion (what that costs: bench/bench_refusals.py)."""
    with pytest.raises(ArticleError) as caught:
        list(read_posts(BOMB, "wxr"))
    message = str(caught.value)
    assert message.startswith(str(BOMB)) and "DTD" in message and "\n" not in message


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        "<item><title>&x;</title></item></channel></rss>"
    )
    with pytest.raises(ArticleError, match="DTD"):
        list(read_posts(path, "wxr"))


_SMALL_EXPORT = (
    '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
    "<item><title>Heat (1995) Ending Explained</title><wp:post_id>7</wp:post_id></item></channel></rss>"
)


@pytest.mark.parametrize(
    "prolog",
    [
        '<?xml version="1.0"?>\n<!-- an export -->\n<?xml-stylesheet href="a.xsl"?>\n',
        "\ufeff<!-- a comment naming <!DOCTYPE in its text -->",
        "<!--" + "x" * 70_000 + "-->\n",  # a prolog longer than one read
    ],
)
def test_a_dtd_after_any_prolog_is_refused(tmp_path: Path, prolog: str) -> None:
    """The fast parser is used only where the prolog holds no DTD: one after comments and
    processing instructions, or after a first read's worth of them, is still found."""
    path = tmp_path / "late-dtd.xml"
    path.write_text(prolog + '<!DOCTYPE rss [<!ENTITY a "aaaa">]>' + _SMALL_EXPORT.replace("Heat", "&a;"))
    with pytest.raises(ArticleError, match="DTD"):
        list(read_posts(path, "wxr"))
    path.write_text(prolog + _SMALL_EXPORT)
    assert [(p.title, p.post_id) for p in read_posts(path, "wxr")] == [("Heat (1995) Ending Explained", 7)]


def test_an_export_in_utf16_is_read_and_its_dtd_refused(tmp_path: Path) -> None:
    """Byte patterns do not find a DTD in UTF-16; such a file is read by defusedxml."""
    path = tmp_path / "wide.xml"
    encoding = "utf-16"
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n'
    path.write_bytes((declaration + _SMALL_EXPORT).encode(encoding))
    assert [p.post_id for p in read_posts(path, "wxr")] == [7]
    path.write_bytes((declaration + '<!DOCTYPE rss [<!ENTITY a "b">]>' + _SMALL_EXPORT).encode(encoding))
    with pytest.raises(ArticleError, match="DTD"):
        list(read_posts(path, "wxr"))


def test_an_encoding_expat_cannot_read_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "le.xml"
    path.write_bytes(('<?xml version="1.0" encoding="utf-16-le"?>' + _SMALL_EXPORT).encode("utf-16-le"))
    with pytest.raises(ArticleError, match="cannot read its encoding") as caught:
        list(read_posts(path, "wxr"))
    assert "\n" not in str(caught.value)


def test_an_undeclared_entity_is_not_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "undeclared.xml"
    path.write_text(_SMALL_EXPORT.replace("Heat", "&a;"))
    with pytest.raises(ArticleError, match="not well-formed XML"):
        list(read_posts(path, "wxr"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<rss><channel><item><title>x</title></item></channel></rss>", "no wp:wxr_version"),
        ("<feed></feed>", "the root is <feed>"),
        (
            '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
            "<item><title>x</title></channel></rss>",
            "not well-formed XML",
        ),
    ],
)
def test_xml_that_is_not_an_export_is_one_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "site.xml"
    path.write_text('<?xml version="1.0"?>\n' + text)
    with pytest.raises(ArticleError) as caught:
        list(read_posts(path, "wxr"))
    assert problem in str(caught.value) and "\n" not in str(caught.value)


# --- the parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post_title", "film"),
    [
        (
            "Requiem for a Dream (2000) Movie Explained: Ending, Cast and Trivia",
            ("Requiem for a Dream", 2000),
        ),
        ("The Ending of ‘Nope’ Explained", ("Nope", None)),
        ("Nope Ending Explained: What the Cloud Wanted", ("Nope", None)),
        ("“Heat” (1995): The Diner Scene", ("Heat", 1995)),
        ("Is There a Post-Credits Scene in Barbarian?", ("Barbarian", None)),
        ("Moon Movie Explained", ("Moon", None)),
        ("‘Vertigo’: A Second Look", ("Vertigo", None)),
    ],
)
def test_the_film_is_read_from_the_post_title(post_title: str, film: tuple[str, int | None]) -> None:
    found = film_from_post_title(post_title)
    assert found is not None and (found.title, found.year) == film


@pytest.mark.parametrize(
    "post_title", ["Ten Films That Ruined Our Weekend", "Our Favourite Endings of 2022", ""]
)
def test_a_post_title_in_no_known_shape_names_no_film(post_title: str) -> None:
    assert film_from_post_title(post_title) is None


def test_shortcodes_go_with_what_they_enclose_but_unknown_ones_stay() -> None:
    text = 'Before [caption id="1"]<img src="a.jpg"> A cap[/caption] after [toc] and [gallery ids="1,2"] end.'
    assert drop_shortcodes(text) == "Before  after  and  end."
    assert drop_shortcodes("Keep [spoiler]the twist[/spoiler] and [1] and [[toc]].") == (
        "Keep [spoiler]the twist[/spoiler] and [1] and [[toc]]."
    )
    assert drop_shortcodes("An unclosed [caption] stays text.") == "An unclosed  stays text."


def test_autop_makes_paragraphs_of_blank_line_runs() -> None:
    html = autop("One line\nand its second line.\n\nTwo.\n<h2>Heading</h2>\nThree.")
    assert html == "<p>One line<br>\nand its second line.</p>\n<p>Two.</p>\n<h2>Heading</h2>\n<p>Three.</p>"


def test_post_html_has_the_title_as_h1_and_drops_figures() -> None:
    html = post_html(
        '<figure class="wp-block-image"><img src="x"><figcaption>Cap</figcaption></figure><p>Body</p>',
        "T & U",
    )
    assert "<h1>T &amp; U</h1>" in html and "Cap" not in html and "<p>Body</p>" in html


def _guide_of(title: str, content: str) -> Guide:
    """The guide of one published post of ``title`` and ``content``."""
    return post_guide(Post(title=title, content=content, post_id=7, slug="post"), source="site.xml")


def test_a_page_builders_layout_tags_go_and_what_they_enclose_is_read() -> None:
    """WPBakery, Divi and Shortcodes Ultimate wrap a classic post's text in layout shortcodes;
    with the builder gone the tags go and each enclosed part is a paragraph of its own."""
    content = (
        '[vc_row][vc_column width="2/3"][vc_column_text]Heat (1995) is a crime drama directed by '
        "Michael Mann.[/vc_column_text][vc_column_text]<h2>The Ending</h2>\nMcCauley runs for the "
        "airport, and Hanna follows him.[/vc_column_text][/vc_column][/vc_row]\n"
        '[et_pb_section fb_built="1"][et_pb_row][et_pb_text]<h2>Cast</h2>\n<ul><li>Al Pacino as Vincent '
        "Hanna</li></ul>[/et_pb_text][/et_pb_row][/et_pb_section]\n"
        '[su_note note_color="#fff"]Heat was remade from L.A. Takedown.[/su_note]'
    )
    guide = _guide_of("Heat (1995) Explained", content)
    assert guide.intro == ["Heat (1995) is a crime drama directed by Michael Mann."]
    assert guide.ending == ["McCauley runs for the airport, and Hanna follows him."]
    assert [(c.actor, c.character) for c in guide.cast] == [("Al Pacino", "Vincent Hanna")]
    text = guide.model_dump_json()
    assert not any(tag in text for tag in ("vc_", "et_pb_", "su_note"))
    assert "Heat was remade from L.A. Takedown." in text


def test_embeds_by_url_go_in_classic_posts() -> None:
    """Jetpack's "[youtube …]" and a URL alone on its line (which WordPress embeds) are no text;
    a URL inside a sentence stays."""
    content = (
        "Heat (1995) is a crime drama directed by Michael Mann.\n\n"
        "https://www.youtube.com/watch?v=abc123\n\n"
        "<h2>The Ending</h2>\nMcCauley runs for the airport, as https://example.com/heat shows.\n\n"
        "[youtube https://youtu.be/xyz]\n\n[tweet https://twitter.com/someone/status/1]"
    )
    guide = _guide_of("Heat (1995) Explained", content)
    assert guide.ending == ["McCauley runs for the airport, as https://example.com/heat shows."]
    assert "youtu" not in guide.model_dump_json() and "twitter" not in guide.model_dump_json()


def test_a_cast_table_under_another_section_is_the_cast() -> None:
    """A block editor's table whose header names the actor's and the character's columns is the
    cast wherever it stands (here under "The Ending", with no heading of its own)."""
    content = (
        "<!-- wp:paragraph --><p>Cast Away is a 2000 drama directed by Robert Zemeckis.</p>"
        "<!-- /wp:paragraph -->"
        "<!-- wp:heading --><h2>The Ending</h2><!-- /wp:heading -->"
        "<!-- wp:paragraph --><p>Chuck stops at a crossroads and smiles.</p><!-- /wp:paragraph -->"
        '<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Actor</th><th>Role</th></tr>'
        "</thead><tbody><tr><td>Tom Hanks</td><td>Chuck Noland</td></tr><tr><td>Helen Hunt</td>"
        "<td>Kelly Frears</td></tr></tbody></table></figure><!-- /wp:table -->"
    )
    guide = _guide_of("Cast Away (2000) Explained", content)
    assert guide.ending == ["Chuck stops at a crossroads and smiles."]
    assert [(c.actor, c.character) for c in guide.cast] == [
        ("Tom Hanks", "Chuck Noland"),
        ("Helen Hunt", "Kelly Frears"),
    ]
