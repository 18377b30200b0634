"""Vocabularies and phrase patterns of real film sites' pages, kept apart from the readers that use
them (chrome.py, titles.py, headings.py, facts.py, html.py, shapes.py).

Everything here is data: what a byline, a share bar, a caption credit, a headline, a question
heading or a post-credits answer looks like on news sites, WordPress themes and wikis. All
patterns run on one cleaned line or heading; the text ones on its case-folded form where noted.
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


def _bar(text: str) -> frozenset[str]:
    """A vocabulary written as ``|``-separated entries over a few lines, each as
    :func:`fold_line` compares it."""
    return frozenset(fold_line(e) for line in text.splitlines() for e in line.split("|") if e.strip())


# --- chrome: whole lines that are page furniture, in plain text and HTML alike ---------------------

#: Case-folded whole lines (a trailing ``:`` or ``»`` ignored) that are only ever page furniture.
CHROME_LINES = _bar(
    """
share|share this|share:|share on facebook|share on twitter|share on x|share this article
share this post|share this story|share the article|share this page
share on pinterest|share on reddit|share on whatsapp|share via email|tweet
pin|pin it|email|copy link|link copied|copy url|print|facebook
twitter|x|reddit|whatsapp|flipboard|linkedin|pinterest|tumblr
messenger|telegram|threads|bluesky|like this:|like|loading...|like loading
follow|follow us|share article|share story|shares
read more|see more|show more|load more|view more|more|related
related articles|related stories|related reading|related content|read next
up next|recommended|recommended for you|recommended articles|more stories
more from this author|more articles|more like this|keep reading
continue reading|don't miss|dont miss|also read|see also|popular
popular now|latest|latest news|latest posts|editor's picks|editors' picks
top stories|what to read next|you may like|more to explore
advertisement|advertisements|ad|ads|sponsored|sponsored content
scroll to continue with content|continue reading below|article continues below
story continues below|story continues below advertisement|content continues below
close|skip ad|report this ad|video of the day
comments|comment|leave a reply|leave a comment|cancel reply|post comment
reply|add a comment|view comments|show comments|join the conversation
required fields are marked *|log in to reply|write a comment
previous post|next post|previous article|next article|previous|next
prev|older posts|newer posts|« previous|next »|post navigation
accept|accept all|reject all|accept cookies|manage preferences
show answer|reveal answer|click to reveal|tap to reveal|click to expand|tap to expand
show spoiler|show spoilers|reveal spoiler|reveal spoilers|click to show|click here to reveal
cookie settings|got it|i agree
subscribe|sign up|newsletter|subscribe now|sign up now
from wikipedia, the free encyclopedia|jump to navigation|jump to search
jump to navigation jump to search|contents|hide|show|[edit]|edit
jump to|on this page|in this article|quick links
"""
)

#: Lines after which, in plain text, nothing more of the article follows (its comments start).
ARTICLE_ENDS = frozenset(
    {"leave a reply", "leave a comment", "join the conversation", "post navigation", "comments"}
)
ARTICLE_END_PATTERN = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|thoughts? on .{1,120})|comments \(\d+\))$"
)

#: Titles of blocks of links to other posts: the title and the short link lines after it go.
LINK_BLOCK_TITLES = _bar(
    """
related|related articles|related stories|related posts|related reading
read next|up next|recommended|recommended for you|recommended articles
more stories|more articles|more like this|you may also like
you might also like|you may like|popular|popular now|popular posts
trending|trending now|most popular|latest|latest news|latest posts
recent posts|editor's picks|editors' picks|top stories|what to read next
more to explore|don't miss|dont miss|keep up with the trend
most shared right now|read also|also read|more from this author
"""
)

#: Line patterns of page furniture at a line's start (bylines, dates, reading time, labels,
#: credits...), case-sensitive unless marked ``(?i)``; chrome.py joins them into one expression.
_SPOILER_SIZE = r"(?:major|minor|heavy|full|big|mild|some)"
#: What may follow a spoiler warning: the film it is about, then punctuation.
_SPOILER_TAIL = r"(?:\s+(?:for|in|about|from)\s+[^.!?:]{1,60})?(?:\s+(?:ahead|below|follow))?[.!?:)\s]*$"
CHROME_PATTERNS: tuple[str, ...] = tuple(
    p
    for p in (
        # bylines: "By Jane Doe", "By Jane Doe | Published Mar 3, 2024", "Written by J. Doe"
        r"^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by|[Pp]osted by|[Rr]eviewed by|[Ee]dited by|[Ff]act checked by)"
        r"\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|la|le|and|&))*"
        r"(?:\s*(?:,|\||·|•|-|–|—|/)\s*.{0,100})?$",
        # dates and updates: "Published Mar 3, 2024", "Updated: 2 hours ago", "Posted on May 5, 2024"
        r"^(?i:published|updated|last updated|posted|posted on|modified|last modified|date)\b"
        r"[^.!?]{0,60}\d[^.!?]{0,40}$",
        r"^(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})"
        r"(?:\s*(?:,|\||·|•|-|–|—|at)\s*.{0,40})?$",
        # reading time
        r"(?i)^(?:estimated\s+)?reading\s+time\s*:?\s*\d+.{0,20}$",
        r"(?i)^\d+\s*(?:min|mins|minute|minutes)$",
        # "RELATED: The 10 Best ...", "READ MORE: ...", "Don't Miss: ..."
        r"^(?i:related|read more|read also|also read|read next|see more|see also|more|don't miss|"
        r"dont miss|recommended|keep reading|continue reading|check out|watch|watch now|listen|"
        r"up next|next|previous|next post|previous post|next article|previous article|tags?|"
        r"tagged|filed under|categories|category|topics|posted in|source|sources|you may also like|"
        r"you might also like|more from|trending|popular)\s*:\s*.{1,200}$",
        r"^(?i:read more|see more|continue reading|read the full|keep reading)\b.{0,60}(?:»|›|→|\.\.\.|…)?$",
        # "More from MovieBeat": the site's own links (a one-word name: a person's has two or more)
        r"^(?i:more from)\s+[A-Z][\w'’&.-]*$",
        # image captions' credits: "Photo: Warner Bros."
        r"(?i)^\(?(?:image|photo|picture|still|photograph|screenshot|credit|credits|courtesy|via|"
        r"header image|featured image|cover image|poster)s?\s*(?:credit|credits)?\s*:\s*.{1,120}$",
        # newsletters and cookies
        r"(?i)^(?:sign up|subscribe|join|get)\b.{0,140}"
        r"\b(?:newsletter|inbox|e-?mail updates|our emails)\b.{0,80}$",
        r"(?i)^by (?:continuing|using) (?:to use )?this (?:site|website)\b",
        # comments' form
        r"(?i)^your email address will not be published\b",
        r"(?i)^save my name, email, and website\b",
        r"(?i)^you must be logged in to post a comment\b",
        # wiki furniture
        r"(?i)^this article is about\b.{0,200}\b(?:for other uses|for (?:the|other|a|an)\b[^.]{1,60}, see)\b",
        r"(?i)^for other uses, see\b",
        r"(?i)^(?:main article|see also|further information)\s*:",
        r"(?i)^retrieved from\b",
        # breadcrumbs: "Home » Movies » Trivia"; "- Advertisement -"
        r"^(?i:home)\s*(?:»|›|>|/|\|)\s*.{0,120}$",
        r"^\W*(?i:advertisement|sponsored|ad)\W*$",
        # spoiler warnings (the site gates spoilers itself): "Warning: this article contains major
        # spoilers for X.", "Spoilers ahead!", "Major spoilers below". Only a warning: "Spoiler
        # alert: Bruce Willis …" says something and stays.
        rf"(?i)^\W*(?:warning\W*\s*)?(?:{_SPOILER_SIZE}\s+)?spoilers?\s*(?:(?:for|in|about)\s+[^.!?:]{{1,60}}?\s+)?"
        rf"(?:alert|warning|ahead|below|follow)\b{_SPOILER_TAIL}",
        rf"(?i)^\W*(?:warning\W*\s*)?this\s+(?:article|post|piece|story|explainer|guide|review)\s+"
        rf"(?:contains|has|includes|is full of)\s+(?:{_SPOILER_SIZE}\s+)?spoilers\b{_SPOILER_TAIL}",
        rf"(?i)^\W*warning\W*\s*(?:{_SPOILER_SIZE}\s+)?spoilers\b{_SPOILER_TAIL}",
        # anything with no letter or digit at all: "-", "•", "* * *"
        r"^[^\w]*$",
    )
)

#: Patterns of page furniture found anywhere in a line (reading time after a byline, credits in
#: parentheses, newsletter and cookie boxes), each with the words (case-folded) one of which a
#: line must hold for it to match: a line holding none skips the pattern.
CHROME_FLOATING: tuple[tuple[tuple[str, ...], str], ...] = (
    # "Jane Doe · 5 min read"
    (
        ("read",),
        r"(?i)(?:^|[|·•\-–—]\s*)\d+\s*(?:-\s*)?(?:min|mins|minute|minutes)\.?\s+read\b.{0,60}$",
    ),
    # image captions' credits: "(Image credit: Netflix)", "Image via A24"
    (
        ("(",),
        r"(?i)\((?:image|photo|picture|still|header image|featured image|screenshot)s?"
        r"\s*(?:credit|credits|courtesy|via|source|by)\b[^)]{0,120}\)",
    ),
    (
        ("via", "courtesy", "credit"),
        r"\b(?i:image|photo|images|photos|still|poster)s?\s+(?i:via|courtesy of|credit:?)\s+"
        r"[A-Z0-9][^.!?]{0,80}[.)]?$",
    ),
    # newsletters and cookies
    (("newsletter",), r"(?i)\bnewsletter\b.{0,80}$"),
    (("cookies",), r"(?i)\b(?:we|this (?:site|website)|our site)\s+uses?\s+cookies\b"),
)

#: First words (case-folded) of the lines CHROME_PATTERNS' anchored patterns can match; a line
#: starting otherwise (with a letter) skips them. Lines starting with a digit or a symbol never do.
CHROME_FIRST_WORDS = _bar(
    """
by|written|words|posted|reviewed|edited|fact|published|updated|last|modified|date|estimated
reading|related|read|see|more|don't|dont|don’t|recommended|keep|continue|check|watch|listen|up
next|previous|prev|tags|tag|tagged|filed|categories|category|topics|source|sources|you|trending
popular|image|images|photo|photos|picture|still|screenshot|credit|credits|courtesy|via|header
featured|cover|poster|photograph|sign|subscribe|join|get|your|save|this|for|main|further
retrieved|home|advertisement|sponsored|ad|jan|january|feb|february|mar|march|apr|april|may|jun
june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|min|mins
warning|spoiler|spoilers|major|minor|heavy|full|big|mild|some
"""
)

#: Citation and edit marks a copied wiki page leaves in its text: "[1]", "[citation needed]", "[edit]".
WIKI_MARKS = re.compile(
    r"\s?\[(?:\d{1,3}|[a-z]|note \d+|citation needed|edit|when\?|who\?|clarification needed)\]"
)

#: Headings whose sections are a wiki page's end matter, not the article.
END_MATTER_HEADINGS = frozenset(
    {
        "references",
        "external links",
        "see also",
        "further reading",
        "notes",
        "citations",
        "sources",
        "bibliography",
        "footnotes",
        "notes and references",
        "works cited",
        "comments",
        "leave a reply",
        "related posts",
        "you may also like",
        "related articles",
        "more from author",
        "post navigation",
        "about the author",
    }
)

# --- HTML structure: where the article is, and what around it is chrome ---------------------------

#: Where the article's own content sits, most specific first (WordPress themes, news sites, wikis).
CONTENT_ROOTS = (
    "article .entry-content",
    ".entry-content",
    ".td-post-content",
    ".tdb-block-inner.td-fix-index",
    ".post-content",
    ".article-content",
    ".article-body",
    "#article-body",
    ".article__body",
    ".article-text",
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

#: Elements that are never the article: the site's frame, widgets, share bars, ads, captions,
#: bylines, newsletters, comments, post navigation, cookie notices, wiki furniture. Class names
#: are those of WordPress core and common themes (Astra, GeneratePress, Newspaper, Jannah,
#: Kadence, OceanWP) and plugins (Jetpack, Easy Table of Contents, YARPP, Social Warfare...).
#: An element is chrome by its tag, by a class holding one of CHROME_CLASS_PARTS, by one of
#: CHROME_CLASSES exactly, by its id, by its ARIA role, or by being hidden.
CHROME_TAGS = _bar(
    """
script|style|noscript|template|iframe|svg|form|button|input|select|textarea|nav|header|footer
aside|img|picture|video|audio|figcaption
"""
)
CHROME_CLASS_PARTS = tuple(
    sorted(
        _bar(
            """
caption|image-credit|img-credit|photo-credit|ez-toc|lwptoc|table-of-contents|widget|sharedaddy
share|social|jp-relatedposts|related|yarpp|adsbygoogle|advert|ad-slot|ad-container|ad-wrapper
ad-unit|ad-zone|adslot|td-a-rec|sponsor|newsletter|subscribe|signup|comment|breadcrumb
post-navigation|post-nav|nav-links|pagination|prev-next|author|byline|post-meta|article-meta
reading-time|read-time|rt-reading-time|entry-footer|tags|cookie|gdpr|consent|popup|modal|promo
more-link|read-more|mw-editsection|navbox|infobox|portable-infobox|categories|catlinks
page-footer|article-footer|addtoany|a2a_kit|heateor|swp_social|essb|shariff|mv-ad|adthrive|ezoic
mediavine|taboola|outbrain|disqus|wpdiscuz|kk-star|post-ratings|mc4wp|convertkit|optin|wpforms
jeg_share|trending|popular-posts|most-popular|recirc|jwplayer|video-player
"""
        )
    )
)
CHROME_CLASSES = _bar(
    """
ad|ads|cat-links|code-block|credit|entry-meta|ez-toc-container|hatnote|mw-jump-link|noprint
post-meta|reference|references|reflist|stream-item|toc|wp-block-latest-posts|wp-caption-text
wp-element-caption
"""
)
CHROME_IDS = _bar("ez-toc-container|toc|toc_container|comments|respond")
#: A box of the article's key points at its top (news sites' "Summary" or "Key Takeaways" list):
#: by a class holding one of these. Its points are the article's own sentences, read as its
#: intro; its label is no section heading (see KEY_POINTS_LABELS).
KEY_POINTS_CLASS_PARTS = tuple(
    _bar("key-points|keypoints|key-takeaways|takeaways|tldr|tl-dr|article-summary|summary-box|post-summary")
)
#: The label a key-points box starts with, its heading or a line of its own (as fold_line gives it).
KEY_POINTS_LABELS = _bar(
    "summary|key points|key takeaways|takeaways|tl;dr|tldr|highlights|in brief|at a glance|quick summary"
)
CHROME_ID_PARTS = ("cookie", "disqus", "comments", "newsletter", "related-posts", "sharing")
CHROME_ROLES = _bar("navigation|complementary|contentinfo|banner")

#: Where a post's teaser in a listing page may stand without being one (sidebars, related
#: blocks): an ancestor of one of these tags, or with a class holding one of these words.
ASIDE_TAGS = ("aside", "nav", "footer", "header")
ASIDE_CLASSES = _bar(
    "widget|related|sidebar|footer|menu|yarpp|td_block|more-posts|recommend|popular|trending|comment"
)
#: Classes on ``body`` of a WordPress page that lists posts rather than holding one.
LISTING_BODY_CLASSES = ("archive", "blog", "category", "tag", "search", "search-results", "home")
#: Links that lead from a blurb to its article.
READ_MORE_TEXTS = ("read more", "continue reading", "read article", "read the full", "keep reading")

#: Infobox rows (wiki-style pages) and the guide facts they give.
INFOBOX_DIRECTOR = ("directed by", "director", "directors")
INFOBOX_RELEASE = ("release date", "release dates", "released", "release")
INFOBOX_STARRING = ("starring", "cast", "stars")
#: The other rows of a film's infobox: read as chrome in a page copied as text, where each row is
#: a label and its value on one line, a tab between ("Running time<TAB>136 minutes").
INFOBOX_OTHER = _bar(
    """
written by|screenplay by|story by|based on|produced by|cinematography|edited by|music by
production company|production companies|distributed by|running time|country|countries
language|languages|budget|box office|narrated by|starring voices of|release|release dates
"""
)

# --- headlines: the film's title inside an article's headline --------------------------------------

_Q = "[\"'‘’“”]"
_T = r"(?P<title>.{1,90}?)"
#: The title in a question-led headline: the question mark ends it.
_TQ = r"(?P<title>[^?]{1,90}?)"
_Y = r"(?:\s*\((?P<year>1[89]\d\d|20\d\d)(?:\s+(?:film|movie))?\))?"
_CREDITS = r"(?:post|after|mid|end|ending)[- ]?credits?"
_PARTS = (
    r"(?:ending|plot|story|cast|meaning|trivia|themes?|symbolism|characters|summary|twist|timeline|"
    r"post-credits scenes?)"
)

#: Every headline shape holds one of these: a cheap test before the shapes are tried.
HEADLINE_WORDS = re.compile(
    r"explain|ending|credit|filmed|shot|location|cast|star|plays|fact|thing|secret|detail|trivia|"
    r"summar|recap|synops|review|\bend\b|[\"'‘’“”]|\((?:1[89]|20)\d\d\)",
    re.IGNORECASE,
)
#: Headline shapes that name the film, with the kind of article each announces, tried in this
#: order (compiled as they are first tried: :func:`pattern`). Matched against the headline with
#: case ignored; ``title`` (and ``year`` where given) name the film.
HEADLINES: tuple[tuple[str | None, str], ...] = (
    # Several parts explained ("Heat: Cast, Plot and Ending Explained") before the ending shapes,
    # which would read "Heat: Cast, Plot and" as the title.
    (
        "explained",
        rf"^{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:(?:the\s+)?{_PARTS}(?:,\s*|\s+(?:and|&)\s+|\s+)){{2,6}}explained\b",
    ),
    (
        "ending",
        rf"^(?:explained:\s+)?(?:the\s+)?ending\s+of\s+{_Q}?{_T}{_Q}?{_Y}"
        r"(?:,?\s+(?:explained|finally explained)\b|$)",
    ),
    # Question-led shapes first: their question ends the title ("How Does Get Out End? The Ending …").
    (
        "ending",
        rf"^what\s+(?:happens|happened)\s+at\s+the\s+end\s+of\s+{_Q}?{_TQ}{_Q}?{_Y}(?:\?.*|\s*[:\-–—].*)?$",
    ),
    ("ending", rf"^how\s+does\s+{_Q}?{_TQ}{_Q}?{_Y}\s+end\b"),
    (
        "ending",
        rf"^(?:here['’]s\s+)?what\s+the\s+ending\s+of\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:really\s+|actually\s+)?means?\b",
    ),
    (
        "ending",
        rf"^{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s*(?:[:\-–—]\s*)?(?:the\s+)?(?:movie\s+|film\s+|season\s+\d+\s+)?"
        r"ending,?\s+(?:explained|meaning)\b",
    ),
    ("ending", rf"^{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—]\s*)?(?:the\s+)?ending,?\s+explained\b"),
    ("ending", rf"^{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+ending\s*[:\-–—]\s*.+$"),
    (
        "post_credits",
        rf"^(?:does|do|will)\s+{_Q}?{_T}{_Q}?{_Y}\s+have\s+(?:a|an|any)?\s*{_CREDITS}\s+scenes?\b",
    ),
    (
        "post_credits",
        rf"^(?:is|are)\s+there\s+(?:a|an|any)?\s*{_CREDITS}\s+scenes?\s+(?:in|for|after)\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$",
    ),
    (
        "post_credits",
        rf"^{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:is|are)\s+there\s+(?:a|an|any)?\s*{_CREDITS}\s+scenes?\b",
    ),
    ("post_credits", rf"^{_Q}?{_T}{_Q}?{_Y}(?:['’]s?)?\s+{_CREDITS}\s+scenes?\b"),
    ("post_credits", rf"^how\s+many\s+{_CREDITS}\s+scenes?\s+(?:does|do)\s+{_Q}?{_T}{_Q}?{_Y}\s+have\b"),
    ("locations", rf"^where\s+was\s+{_Q}?{_T}{_Q}?{_Y}\s+(?:filmed|shot)\b"),
    ("locations", rf"^{_Q}?{_T}{_Q}?{_Y}\s+filming\s+locations?\b"),
    ("cast", rf"^(?:the\s+)?cast\s+of\s+{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—].*)?$"),
    (
        "cast",
        rf"^{_Q}?{_T}{_Q}?{_Y}\s+cast\b(?:\s*(?:&|and)\s*characters?)?(?:\s+(?:guide|list))?\s*(?:[:\-–—].*)?$",
    ),
    ("cast", rf"^who\s+(?:stars|is|plays)\s+in\s+{_Q}?{_T}{_Q}?{_Y}\??(?:[:\-–—].*)?$"),
    (
        "trivia",
        rf"^\d+\s+(?:[\w'’-]+\s+){{0,3}}(?:facts|things|secrets|details)\s+(?:[\w'’-]+\s+){{0,4}}?about\s+{_Q}?{_T}{_Q}?{_Y}$",
    ),
    ("trivia", rf"^{_Q}?{_T}{_Q}?{_Y}\s+(?:trivia|fun facts|facts)\b"),
    ("summary", rf"^{_Q}?{_T}{_Q}?{_Y}\s+(?:plot\s+)?(?:summary|recap|synopsis)\b"),
    (
        "explained",
        rf"^{_Q}?{_T}{_Q}?{_Y}\s*[:\-–—]\s*(?:(?:the\s+)?{_PARTS}(?:,\s*|\s+(?:and|&)\s+|\s+)){{1,6}}explained\b",
    ),
    (
        "summary",
        rf"^{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—]\s*)?(?:movie\s+|film\s+)?(?:plot|story)\s+explained\b",
    ),
    ("explained", rf"^{_Q}?{_T}{_Q}?{_Y}\s*(?:[:\-–—,]\s*)?(?:movie|film)?\s*explained\b"),
    ("explained", rf"^{_Q}{_T}{_Q}{_Y}\s*[:\-–—]\s*.+$"),
    (None, rf"^(?:movie\s+|film\s+)?review\s*[:\-–—]\s*{_Q}?{_T}{_Q}?{_Y}$"),
    (None, rf"^{_Q}?{_T}{_Q}?{_Y}\s+(?:movie\s+|film\s+)?review\b(?:\s*[:\-–—]\s*.+)?$"),
    # "Drive (2011): a review": a title with its year in brackets, then anything after a colon.
    (None, rf"^{_Q}?{_T}{_Q}?\s*\((?P<year>1[89]\d\d|20\d\d)\)\s*[:\-–—]\s*.+$"),
)

#: Separators between a headline and the site's name in ``<title>`` ("X Ending Explained | Site").
TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»)\s+")
#: Suffixes wikis give a film's page name: "Inception (film)", "Inception (2010 film)".
WIKI_SUFFIX = re.compile(r"\s*\((?:(?P<year>1[89]\d\d|20\d\d)\s+)?(?:film|movie)\)$", re.IGNORECASE)

#: Words a title may leave lower case; any other word of a title starts with a capital or digit.
TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "de",
        "du",
        "en",
        "à",
        "for",
        "from",
        "in",
        "into",
        "la",
        "le",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "vs.",
        "via",
        "with",
        "without",
        "de",
        "la",
        "von",
        "van",
        "der",
        "des",
        "y",
        "e",
        "o",
    ]
)
#: Openings that make a line a sentence, never a title.
SENTENCE_OPENINGS = re.compile(
    r"^(?:at its core|in (?:this|the|a|an)|when|while|after|before|if|as|although|though|here|"
    r"there|this|these|those|it|its|it's|we|you|i|our|my|so|but|and|once|since|with|without|"
    r"for (?:the|a|an)|from (?:the|a|an))\b",
    re.IGNORECASE,
)

# --- headings matched by meaning ---------------------------------------------------------------

_N = r".{1,80}"
#: Heading shapes by meaning, on the normalised heading (case-folded, straight apostrophes, no
#: trailing ``?``/``:``, leading list numbers gone); a film's name stands where ``.{1,80}`` does.
HEADING_MEANINGS: tuple[tuple[str, str], ...] = (
    (
        "post_credits",
        rf"^(?:{_N}[:\-] )?(?:is|are) there (?:a |an |any )?{_CREDITS} scenes?(?: (?:in|for|after) {_N})?$",
    ),
    ("post_credits", rf"^(?:does|do|will) {_N} have (?:a |an |any )?{_CREDITS} scenes?$"),
    ("post_credits", rf"^(?:{_N} )?{_CREDITS} scenes?(?: explained| and what (?:it|they) means?)?$"),
    (
        "post_credits",
        rf"^(?:should you|do you need to|do i need to) stay (?:for|through|until) "
        rf"(?:the )?(?:end )?credits(?: of {_N})?$",
    ),
    (
        "post_credits",
        rf"^(?:is there anything|what happens) (?:after|during) the (?:end )?credits(?: of {_N})?$",
    ),
    ("post_credits", rf"^how many (?:{_CREDITS}|credits?) scenes? (?:does|do) {_N} have$"),
    (
        "post_credits",
        rf"^how many (?:{_CREDITS}|credits?) scenes? (?:are|is) (?:there|in {_N})(?: in {_N})?$",
    ),
    (
        "post_credits",
        rf"^what (?:happens|happened) (?:in|during) (?:the )?(?:{_N} )?{_CREDITS} scenes?(?: of {_N})?$",
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
    ("ending", rf"^what (?:happens|happened) (?:at|in) the end(?:ing)? of {_N}$"),
    ("ending", rf"^(?:so,? )?what (?:really )?(?:happens|happened)(?: to {_N})? (?:at|in) the end(?:ing)?$"),
    (
        "ending",
        rf"^what (?:the )?(?:final|last|closing) (?:scene|shot|moments?|twist)(?: of {_N})?"
        r" (?:really )?means?$",
    ),
    ("ending", rf"^(?:the )?meaning of (?:the|{_N}'s) ending$"),
    ("ending", rf"^(?:{_N}'s |the )?ending[:\-] what (?:it|that) (?:really )?means$"),
    ("ending", r"^(?:the )?twist(?: ending)?,? explained$"),
    # Any question about the end is the ending's ("Is Keller Alive at the End?", "Who Dies at the End?").
    (
        "ending",
        rf"^(?:is|are|was|were|does|did|do|who|what|why|how) {_N} (?:at|in) the (?:very )?end(?:ing)?$",
    ),
    ("ending", rf"^what does (?:the|{_N}'s) ending(?: of {_N})? mean$"),
    ("ending", rf"^(?:how does {_N} end|the ending of {_N},? explained|{_N}'s ending(?:,? explained)?)$"),
    ("ending", rf"^(?:{_N} )?ending(?:,? explained| meaning| recap)$"),
    ("ending", r"^(?:the )?(?:final scene|final twist|ending twist|last scene)(?: explained)?$"),
    ("ending", rf"^(?:why {_N} ends (?:the way it does|like (?:it does|that))|how {_N} ends)$"),
    ("ending", rf"^what {_N}'s (?:ending|final scene|last scene|final shot|twist) (?:really )?means?$"),
    ("ending", rf"^{_N}'s (?:final|last|closing) (?:scene|shot|moments?)(?:,? explained)?$"),
    # Before the summary's "{_N} story": "Is X Based on a True Story?" is its source, not its plot.
    ("adaptation", rf"^is {_N} based on (?:a |the )?(?:book|novel|comic|play|short story|memoir)$"),
    ("inspirations", rf"^is {_N} based on (?:a )?true story$"),
    ("summary", rf"^what (?:is|'s) {_N} about$"),
    ("summary", rf"^{_N} (?:plot|story|recap|synopsis|plot recap|plot explained|story explained)$"),
    ("summary", r"^(?:plot recap|recap|the story so far|what happens in the (?:movie|film))$"),
    ("cast", rf"^{_N} cast(?: and characters| & characters| list| guide| members)?(?:[:\-] .{{1,80}})?$"),
    ("cast", rf"^(?:who (?:stars|is|plays|appears) in|meet the cast of|the cast of|cast of) {_N}$"),
    ("cast", r"^(?:meet the cast|who's who|who plays who|characters|main characters|starring)$"),
    (
        "cast",
        r"^(?:the )?(?:main|supporting|principal|lead|full|core|recurring|returning|new|additional) "
        r"cast(?: members| and characters| list)?$",
    ),
    ("cast", rf"^who (?:voices|plays|stars|appears)(?: .{{1,40}})? in {_N}$"),
    ("locations", rf"^where (?:was|is|were) {_N} (?:filmed|shot|set)$"),
    ("locations", rf"^{_N} (?:filming|shooting) locations?$"),
    ("music", rf"^who (?:composed|wrote|did) (?:the )?(?:music|score|soundtrack)(?: (?:for|of|in) {_N})?$"),
    ("awards", rf"^(?:did {_N} win (?:any |an )?(?:oscars?|awards?)|{_N} awards(?: and nominations)?)$"),
    (
        "behind_the_scenes",
        rf"^(?:making|the making of|behind the scenes of|production of|how they made) {_N}$",
    ),
    (
        "behind_the_scenes",
        r"^(?:development|production|filming|pre-production|casting|principal photography)$",
    ),
    ("easter_eggs", rf"^{_N} easter eggs(?: and references)?$"),
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
)

#: Leading list numbers on a heading: "1.", "#1", "1)", "No. 1:".
HEADING_NUMBER = re.compile(r"^(?:#?\d{1,3}[.):]?|no\.\s*\d{1,3}[.:]?)\s+")

# --- the post-credits answer ---------------------------------------------------------------------

_SCENE = r"(?:scenes?|stingers?|teasers?|sequences?|bonus scenes?|easter eggs?)"
#: Sentences saying there is nothing after the credits (checked before the positive ones), as
#: patterns to compile with case ignored when an article has a post-credits section.
CREDITS_NO: tuple[str, ...] = (
    r"\bthere(?:\s+(?:is|are)|['’]s)\s+no\b",
    r"\bthere\s+(?:isn['’]t|aren['’]t|is\s+not|are\s+not)\s+(?:one|any|a|an)\b",
    r"\b(?:doesn['’]t|does\s+not|don['’]t|do\s+not|won['’]t|will\s+not|didn['’]t)\s+"
    r"(?:have|include|feature|offer|contain|come with)\s+(?:a|an|any|one)\b",
    rf"\bno\s+(?:{_CREDITS}\s+)?{_SCENE}\b",
    r"\bnothing\s+(?:after|during|at\s+the\s+end\s+of|once|when)\s+(?:the\s+)?(?:end\s+)?credits\b",
    r"\bnothing\s+(?:extra|more|else)\b.{0,40}\bcredits\b",
    r"\bnothing\s+(?:happens|plays|comes|appears|pops\s+up)\s+(?:after|during|once|at\s+the\s+end\s+of)\b",
    r"\b(?:short|quick|simple)\s+answer\s*(?:is|:)\s*(?:a\s+)?(?:no|nope)\b",
    r"\b(?:no\s+need|don['’]t\s+need|do\s+not\s+need|needn['’]t|not\s+necessary)\s+to\s+(?:stay|stick\s+around|wait|sit)\b",
    r"\b(?:you\s+)?can\s+(?:safely\s+)?(?:leave|head\s+out|go\s+home|walk\s+out)\b.{0,40}\bcredits\b",
    rf"\bwithout\s+(?:a|an|any)\s+(?:{_CREDITS}\s+)?{_SCENE}\b",
    r"\b(?:lacks|skips)\s+(?:a|an|any)\b",
)
#: Sentences saying there is a scene in or after the credits (the same).
CREDITS_YES: tuple[str, ...] = (
    r"\bstay\s+(?:until|till|through|for)\s+(?:the\s+)?(?:very\s+)?(?:end|last|credits|final)\b",
    r"\b(?:stick|hang)\s+around\b",
    r"\b(?:don['’]t|do\s+not)\s+(?:leave|walk\s+out|get\s+up|head\s+out)\s+(?:your\s+seat\s+|the\s+theat(?:er|re)\s+)?(?:too\s+)?(?:early|yet|right\s+away)\b",
    r"\b(?:short|quick|simple)\s+answer\s*(?:is|:)\s*(?:a\s+)?(?:yes|yep)\b",
    r"\b(?:make\s+sure\s+(?:to|you)|be\s+sure\s+to|you['’]ll\s+want\s+to|you\s+should)\s+(?:stay|wait|keep\s+watching)\b",
    rf"\bthere(?:\s+(?:is|are)|['’]s)\s+(?:a|an|one|two|three|\d)\s+(?:[\w-]+\s+){{0,3}}?{_SCENE}\b",
    rf"\b(?:has|have|includes?|features?|offers?|contains?|hides?)\s+(?:a|an|one|two|three|\d|both)\s+(?:[\w-]+\s+){{0,3}}?{_SCENE}\b",
    rf"\b(?:one|two|three|\d)\s+{_CREDITS}\s+{_SCENE}\b",
    rf"\bthe\s+{_CREDITS}\s+{_SCENE}\s+(?:shows|reveals|features|sees|sets\s+up|teases|finds)\b",
)
#: Headings (normalised, as HEADING_MEANINGS reads them) that take a scene in the credits for
#: granted: "What Happens in the Post-Credits Scene?", "The Mid-Credits Scene Explained". A
#: section under one describes the scene, and says yes by doing so.
CREDITS_SCENE_HEADINGS = re.compile(
    rf"^(?:what (?:happens|happened) (?:in|during) (?:the )?(?:{_N} )?{_CREDITS} scenes?(?: of {_N})?"
    rf"|(?:the )?(?:{_N} )?{_CREDITS} scenes? (?:explained|and what (?:it|they) means?))$"
)
#: Words of a sentence that is about the credits at all.
CREDITS_TOPIC = re.compile(r"\bcredits?\b|\bstingers?\b|\bstay\b|\banswer\b|\bleave\b", re.IGNORECASE)
