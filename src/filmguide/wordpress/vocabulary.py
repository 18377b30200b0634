"""The WordPress words the importer acts on: post types, statuses, shortcodes, blocks, title shapes.

Data only; :mod:`filmguide.wordpress.content`, :mod:`filmguide.wordpress.titles` and
:mod:`filmguide.wordpress.posts` hold the logic that reads them.
"""

from __future__ import annotations

#: The post type that becomes a guide; every other type is skipped and counted.
GUIDE_POST_TYPE = "post"
#: The one status whose posts are public. Every other (draft, pending, private, future, trash,
#: auto-draft, inherit) is skipped: such a post never reaches the site.
PUBLISHED = "publish"
#: A published post with a password is not public either.
PROTECTED_NAME = "password-protected posts"
#: How the summary line names skipped posts (plural), by the attribute that skips them: a post type
#: other than :data:`GUIDE_POST_TYPE`, a status other than :data:`PUBLISHED`. A word not listed
#: is named "WORD posts" (:func:`filmguide.wordpress.posts.skip_reason`).
SKIPPED_NAMES: dict[str, dict[str, str]] = {
    "post_type": {
        "page": "pages",
        "attachment": "attachments",
        "nav_menu_item": "menu items",
        "revision": "revisions",
        "wp_block": "reusable blocks",
        "wp_template": "templates",
        "wp_template_part": "template parts",
        "wp_navigation": "navigation menus",
        "wp_global_styles": "global styles",
        "custom_css": "custom CSS",
        "customize_changeset": "customizer changesets",
        "oembed_cache": "embed caches",
        "wp_font_family": "font families",
        "wp_font_face": "font faces",
    },
    "status": {
        "draft": "drafts",
        "auto-draft": "drafts",
        "pending": "pending posts",
        "private": "private posts",
        "future": "scheduled posts",
        "trash": "trashed posts",
    },
}

#: Shortcodes removed with everything they enclose: media and captions (a caption is never body
#: text), embeds, galleries, tables of contents.
DROPPED_SHORTCODES: tuple[str, ...] = (
    "caption",
    "wp_caption",
    "embed",
    "video",
    "audio",
    "playlist",
    "gallery",
    # embeds by URL, as Jetpack and embed plugins register them ("[youtube https://…]")
    "youtube",
    "vimeo",
    "dailymotion",
    "wpvideo",
    "soundcloud",
    "spotify",
    "tweet",
    "twitter",
    "instagram",
    "tiktok",
    "facebook",
    "googlemaps",
    "toc",
    "ez-toc",
    "ez_toc",
    "lwptoc",
    "table-of-contents",
    "table_of_contents",
    "rank_math_toc",
    "toc_block",
    "simple-toc",
    "fixed-toc",
    "ad",
    "adsense",
    "ads",
    "related_posts",
    "jetpack_related_posts",
    "yarpp",
    "contact-form-7",
    "mc4wp_form",
    "social_share",
    "ratemypost",
)
#: Page builders' layout shortcodes, by the prefix of their names: WPBakery (``vc_row``,
#: ``vc_column_text``), Divi (``et_pb_section``, ``et_pb_text``), Avada (``fusion_builder_row``),
#: Enfold (``av_textblock``), Shortcodes Ultimate (``su_note``), Cornerstone, Jupiter, Themify,
#: Jannah. With the builder gone their tags are noise; what they enclose is the article's text, each
#: a block of its own, as the builder showed it.
LAYOUT_SHORTCODE_PREFIXES: tuple[str, ...] = (
    "vc_",
    "et_pb_",
    "fusion_",
    "av_",
    "su_",
    "cs_",
    "mk_",
    "themify_",
    "tie_",
)
#: Column shortcodes that many themes register ("[one_half]…[/one_half]"), dropped the same way.
LAYOUT_SHORTCODES: tuple[str, ...] = (
    "row",
    "column",
    "col",
    "one_half",
    "one_half_last",
    "one_third",
    "one_third_last",
    "two_third",
    "two_third_last",
    "one_fourth",
    "one_fourth_last",
    "three_fourth",
    "three_fourth_last",
)
#: Blocks of the block editor dropped whole, from ``<!-- wp:NAME -->`` to ``<!-- /wp:NAME -->``
#: (core blocks are named without the ``core/`` prefix in the comments).
DROPPED_BLOCKS: tuple[str, ...] = (
    "image",
    "gallery",
    "video",
    "audio",
    "embed",
    "file",
    "cover",
    "media-text",
    "buttons",
    "button",
    "social-links",
    "latest-posts",
    "rss",
    "search",
    "separator",
    "spacer",
    "table-of-contents",
    "yoast-seo/table-of-contents",
    "rank-math/toc-block",
    "ez-toc/block",
    "luckywp/tableofcontents",
    "simpletoc/toc",
    "kadence/tableofcontents",
)
#: Media and captions dropped from a post's HTML before it is read, as WordPress writes them:
#: elements with what they hold (``figcaption``, a classic caption's ``wp-caption-text``, an
#: embed's URL wrapper, players and frames) and empty elements (``img``, ``embed``, ``source``).
DROPPED_ELEMENTS: tuple[str, ...] = (
    "figcaption",
    "iframe",
    "video",
    "audio",
    "object",
    "picture",
    "noscript",
)
DROPPED_EMPTY_ELEMENTS: tuple[str, ...] = ("img", "embed", "source")
DROPPED_CLASSES: tuple[str, ...] = ("wp-caption-text", "wp-block-embed__wrapper", "gallery-caption")

#: Block-level tags: wpautop starts a new paragraph at each; a run of text between them is one or
#: more paragraphs, split at blank lines (the classic editor writes no ``<p>``).
AUTOP_BLOCK_TAGS = frozenset(
    [
        "table",
        "thead",
        "tfoot",
        "caption",
        "col",
        "colgroup",
        "tbody",
        "tr",
        "td",
        "th",
        "div",
        "dl",
        "dd",
        "dt",
        "ul",
        "ol",
        "li",
        "pre",
        "form",
        "map",
        "area",
        "blockquote",
        "address",
        "math",
        "style",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "fieldset",
        "legend",
        "section",
        "article",
        "aside",
        "hgroup",
        "header",
        "footer",
        "nav",
        "figure",
        "figcaption",
        "details",
        "menu",
        "summary",
    ]
)
