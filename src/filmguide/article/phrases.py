"""Vocabularies and phrase patterns of real film sites' pages, kept apart from the readers that use
them (chrome.py, html.py, page.py, infobox.py, text.py); page furniture's words and line
patterns are :mod:`.chrome_words`'.

Everything here is data: what a byline, a share bar, a caption credit, a widget or a page's
structure looks like on news sites, WordPress themes and wikis. All patterns run on one cleaned
line; the text ones on its case-folded form where noted. How a headline, a heading or a
post-credits answer says what it means is in :mod:`.meanings`.
"""

from __future__ import annotations

import functools
import re

from filmguide.article.blocks import fold_line

#: A pattern's source with the words (case-sensitive, as the patterns are) one of which a text
#: must hold for it to match: a text holding none is not searched with it, nor is the pattern
#: compiled (:func:`pattern`).
Worded = tuple[tuple[str, ...], str]


@functools.cache
def pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first needed, once a process, for the patterns kept here (and in
    facts.py) as sources: the headline shapes, the post-credits phrases, the name-list patterns.
    They are the dearest to compile of the reader (tens of milliseconds, more than parsing an
    article takes) and an article needs few of them: compiling them all on import made every
    ``filmguide parse`` wait for them."""
    return re.compile(source, flags)


def vocabulary(text: str) -> frozenset[str]:
    """A vocabulary written as ``|``-separated entries over a few lines, each as
    :func:`fold_line` compares it."""
    return frozenset(fold_line(e) for line in text.splitlines() for e in line.split("|") if e.strip())


# --- HTML structure: where the article is, and what around it is chrome ---------------------------

#: Where the article's own content sits, most specific first (WordPress themes, news sites, wikis).
#: Content roots a news site may split into parts around its ads, side by side: each part is read.
SPLIT_BODY_ROOTS = frozenset(
    {
        ".article-body",
        "#article-body",
        ".article__body",
        ".article-text",
        ".article-content",
        ".article__content",
        ".story-body",
        ".story-content",
        ".post-body",
        "[itemprop=articleBody]",
    }
)
CONTENT_ROOTS = (
    "article .entry-content",
    ".entry-content",
    ".elementor-widget-theme-post-content",  # Elementor's single-post template
    ".td-post-content",
    ".tdb-block-inner.td-fix-index",
    ".post-content",
    ".article-content",
    ".article-body",
    "#article-body",
    ".article__body",
    ".article-text",
    ".field--name-body",  # Drupal
    ".gh-content",  # Ghost
    ".available-content",  # Substack
    ".c-entry-content",  # Vox Media
    ".article__content",
    ".post__content",
    ".entry-body",
    ".story-content",
    ".post-body",
    ".story-body",
    ".single-content",
    ".entry",
    "[itemprop=articleBody]",
    ".mw-parser-output",
    "#mw-content-text",
    ".page-content",
    "article",
    "main",
    "[role=main]",
    "body",
)

#: A hidden element that holds the article's own text behind a click: a tab's panel, an
#: accordion's or a spoiler tag's content (by its role, or by a part of its class). Any other
#: hidden element is chrome (a menu, a dialog, a screen reader's label).
HIDDEN_TEXT_ROLES = frozenset({"tabpanel", "region"})
HIDDEN_TEXT_CLASS_PARTS = (
    "spoiler",
    "tab-pane",
    "tabpanel",
    "tab-content",
    "accordion",
    "collapse",
    "toggle-content",
)

#: Elements that are never the article: the site's frame, widgets, share bars, ads, captions,
#: bylines, newsletters, comments, post navigation, cookie notices, wiki furniture. Class names
#: are those of WordPress core and common themes (Astra, GeneratePress, Newspaper, Jannah,
#: Kadence, OceanWP) and plugins (Jetpack, Easy Table of Contents, YARPP, Social Warfare...).
#: An element is chrome by its tag, by a class holding one of CHROME_CLASS_PARTS, by one of
#: CHROME_CLASSES exactly, by its id, by its ARIA role, or by being hidden.
CHROME_TAGS = vocabulary(
    """
script|style|noscript|template|iframe|svg|form|button|input|select|textarea|nav|header|footer
aside|img|picture|video|audio|figcaption
"""
)
CHROME_CLASS_PARTS = tuple(
    sorted(
        vocabulary(
            """
caption|image-credit|img-credit|photo-credit|ez-toc|lwptoc|table-of-contents|widget|sharedaddy
share|social|jp-relatedposts|related|yarpp|adsbygoogle|advert|ad-slot|ad-container|ad-wrapper
ad-unit|ad-zone|adslot|td-a-rec|sponsor|newsletter|subscribe|signup|comment|breadcrumb
post-navigation|post-nav|nav-links|pagination|prev-next|author|byline|post-meta|article-meta
reading-time|read-time|rt-reading-time|entry-footer|tags|cookie|gdpr|consent|popup|modal|promo
more-link|read-more|mw-editsection|navbox|infobox|portable-infobox|categories|catlinks
page-footer|article-footer|copyright|addtoany|a2a_kit|heateor|swp_social|essb|shariff|mv-ad|adthrive|ezoic
mediavine|taboola|outbrain|disqus|wpdiscuz|kk-star|post-ratings|mc4wp|convertkit|optin|wpforms
jeg_share|trending|popular-posts|most-popular|recirc|jwplayer|video-player|subtitle|standfirst
post-footer|recent-posts|time-to-read|time-ago|user-name
twitter-tweet|instagram-media|tiktok-embed|fb-post|wp-block-embed
strapline|-dek
post_nav|title_meta|title-meta|meta_container|meta-container|saboxplugin|abh_box|wp-polls|wp-poll|polldaddy|crowdsignal|totalpoll|poll-container|poll-widget
review-wrapper|wp-review|review-box|review-total|user-review|lets-review|rating-box|review-summary-box
"""
        )
    )
)
CHROME_CLASSES = vocabulary(
    """
ad|ads|article-dek|c-dek|cat-links|code-block|credit|deck|dek|entry-meta|ez-toc-container|hatnote|mw-jump-link|noprint
article-card|display-card|post-card|story-card|teaser|teaser-card
post-meta|reference|references|reflist|stream-item|toc|wp-block-latest-posts|wp-caption-text
wp-element-caption
"""
)
#: A cast table's column headings (as fold_line gives them): one with the character's column
#: first is read actor first, as every cast entry is.
CHARACTER_COLUMNS = vocabulary("character|characters|role|roles|part")
ACTOR_COLUMNS = vocabulary("actor|actors|actress|cast|played by|performer|star|voiced by|voice actor")
#: The prefixes of the classes WordPress gives a post's element from its terms and fields
#: (``post_class()``: "tag-horror", "category-explained", "format-standard", "status-publish").
POST_CLASS_PREFIXES = ("tag-", "category-", "format-", "status-", "type-", "post_tag-")
#: Page builders whose own elements hold the article's text, each in a "widget" of theirs
#: (Elementor's ``elementor-widget-text-editor``, SiteOrigin's ``so-panel widget``): on an element
#: with a class of theirs, "widget" is no chrome. Their chrome widgets are named apart (the rest of
#: CHROME_CLASS_PARTS still applies: ``elementor-widget-share-buttons`` is a share bar).
BUILDER_CLASS_PREFIXES = ("elementor-", "so-panel", "so-widget", "panel-grid", "siteorigin-")
BUILDER_CHROME_WIDGETS = vocabulary(
    """
posts|post-info|nav-menu|theme-site-logo|site-logo|sidebar|loop-grid|archive-posts|search-form
theme-post-featured-image|image|image-box|video|social-icons|form|login|breadcrumbs|call-to-action
"""
)
CHROME_IDS = vocabulary("ez-toc-container|toc|toc_container|comments|respond")
#: A question of an FAQ block (Yoast, Rank Math, accordions and toggles), by a class holding one
#: of these: a heading over its answer, as the page shows it, though marked up as bold text.
FAQ_QUESTION_CLASS_PARTS = (
    *("faq-question", "faq__question", "faq-title", "faq-q", "rank-math-question"),
    *("accordion-title", "accordion__title", "accordion-header", "toggle-title", "elementor-tab-title"),
)
#: A box of the article's key points at its top (news sites' "Summary" or "Key Takeaways" list):
#: by a class holding one of these. Its points are the article's own sentences, read as its
#: intro; its label is no section heading (see KEY_POINTS_LABELS).
KEY_POINTS_CLASS_PARTS = tuple(
    vocabulary(
        "key-points|keypoints|key-takeaways|takeaways|tldr|tl-dr|article-summary|summary-box|post-summary"
    )
)
#: The label a key-points box starts with, its heading or a line of its own (as fold_line gives it).
KEY_POINTS_LABELS = vocabulary(
    "summary|key points|key takeaways|takeaways|tl;dr|tldr|highlights|in brief|at a glance|quick summary"
)
CHROME_ID_PARTS = ("cookie", "disqus", "comments", "newsletter", "related-posts", "sharing")
CHROME_ROLES = vocabulary("navigation|complementary|contentinfo|banner")

#: Where a post's teaser in a listing page may stand without being one (sidebars, related
#: blocks): an ancestor of one of these tags, or with a class holding one of these words.
ASIDE_TAGS = ("aside", "nav", "footer", "header")
ASIDE_CLASSES = vocabulary(
    "widget|related|sidebar|footer|menu|yarpp|td_block|more-posts|recommend|popular|trending|comment"
)
#: Classes on ``body`` of a WordPress page that lists posts rather than holding one.
LISTING_BODY_CLASSES = (
    *("archive", "blog", "category", "tag", "search", "search-results", "home", "paged"),
    *("tag-template", "author-template", "home-template", "archive-template"),  # Ghost
)
#: The words a question heading opens with (case-folded).
QUESTION_WORDS = vocabulary(
    """
what|who|where|when|why|how|which|is|are|does|do|did|was|were|can|will|should|has|have
"""
)
#: Links that lead from a blurb to its article.
READ_MORE_TEXTS = ("read more", "continue reading", "read article", "read the full", "keep reading")

#: Infobox rows (wiki-style pages) and the guide facts they give.
INFOBOX_DIRECTOR = ("directed by", "director", "directors")
INFOBOX_RELEASE = ("release date", "release dates", "released", "release")
INFOBOX_STARRING = ("starring", "cast", "stars")
#: The other rows of a film's infobox: read as chrome in a page copied as text, where each row is
#: a label and its value on one line, a tab between ("Running time<TAB>136 minutes").
INFOBOX_OTHER = vocabulary(
    """
written by|screenplay by|story by|based on|produced by|cinematography|edited by|music by
production company|production companies|distributed by|running time|country|countries
language|languages|budget|box office|narrated by|starring voices of|release|release dates
runtime|genre|genres|main genre|writer|writers|studio|studios|rating|franchise|producer|producers
distributor|where to watch|streaming service|creator|creators
"""
)
