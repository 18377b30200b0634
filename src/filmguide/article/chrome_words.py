"""Page furniture's words and line patterns (bylines, dates, share bars, captions' credits, blocks
of links, newsletters, tables of contents, a wiki's marks): the vocabularies the chrome readers
(chrome.py, text.py, furniture.py, page.py) match a line against, kept apart from them as data.
Where an article stands in a page's markup, and which elements are chrome, is :mod:`.phrases`'.
"""

from __future__ import annotations

import re

from filmguide.article.phrases import vocabulary

# --- chrome: whole lines that are page furniture, in plain text and HTML alike ---------------------

#: Case-folded whole lines (a trailing ``:`` or ``»`` ignored) that are only ever page furniture.
CHROME_LINES = vocabulary(
    """
share|share this|share:|share on facebook|share on twitter|share on x|share this article
share this post|share this story|share the article|share this page
share on pinterest|share on reddit|share on whatsapp|share via email|tweet
pin|pin it|email|copy link|link copied|link copied to clipboard|copied to clipboard|copy url|print|facebook
twitter|x|reddit|whatsapp|flipboard|linkedin|pinterest|tumblr
messenger|telegram|threads|bluesky|like this:|like|loading...|like loading
follow|followed|following|unfollow|follow us|share article|share story|shares
read more|see more|show more|load more|view more|more|related
related articles|related stories|related reading|related content|read next
up next|recommended|recommended for you|recommended articles|more stories
more from this author|more articles|more like this|keep reading
continue reading|don't miss|dont miss|also read|see also|popular
popular now|latest|latest news|latest posts|editor's picks|editors' picks
top stories|what to read next|you may like|more to explore
advertisement|advertisements|ad|ads|sponsored|sponsored content
scroll to continue with content|continue reading below|article continues below
your comment has not been saved|send confirmation email|by
article continues below advertisement|link copied!|audio version|listen to the audio version
story continues below|story continues below advertisement|content continues below
close|skip ad|report this ad|video of the day
skip to main content|skip to content|skip to navigation|menu|main menu|open menu|close menu
toggle navigation|toggle menu|search|search for|sign in|log in|log out|my account|share via
back to top|quick navigation|jump to section|member-only story|listen|our rating|embed
watch the trailer|where to watch
spread the love|sharing is caring|share the love|share if you liked it
view results|view poll results|vote|votes|review overview|user rating|rate this movie|rate this film
leave a reply cancel reply|type your email|δ
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
from wikipedia, the free encyclopedia|jump to navigation|jump to search|jump to content
sign in to edit|explore|main page|discuss|all pages|add a photo to this gallery|more fandoms
your changes have been saved|email is sent|email has been sent|please verify your email address.
please verify your email address|you’ve reached your account maximum for followed topics.
you've reached your account maximum for followed topics.|manage your list|add to list|add to watchlist
thread|bookmark|bookmarked|save article|gift this article|gift article|sign in to your account
sign up for free|already a subscriber? log in|already a subscriber? sign in|powered by justwatch
scroll to continue reading|story continues below this ad|report ad|next page|previous page
jump links|view all|see all|follow with notifications|follow without notifications
was this article helpful?|was this helpful?|was this page helpful?|did you find this helpful?|helpful
why trust us?|add to watchlist|watch trailer|play trailer|open in app|click to enlarge|recommended videos
view this post on instagram|thanks for signing up!|thanks for subscribing!
jump to navigation jump to search|contents|hide|show|[edit]|edit
jump to|on this page|in this article|quick links
save|saved|view all|see all|listen to this article|listen to article|listen to this story
getty images|shutterstock|alamy|ap photo|reuters
privacy policy|privacy|terms of use|terms of service|terms and conditions|cookie policy|contact us
about us|sitemap|powered by wordpress|all rights reserved
"""
)

#: Lines after which, in plain text, nothing more of the article follows (its comments start).
ARTICLE_ENDS = frozenset(
    {
        "leave a reply",
        "leave a comment",
        "join the conversation",
        "post navigation",
        "comments",
        "about the author",
        "our mailing address is",  # a newsletter's footer
    }
)
ARTICLE_END_PATTERN = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|thoughts? on .{1,120})|comments \(\d+\)|\d[\d.,]*[km]?\s+followers)$"
)

#: Titles of blocks of links to other posts: the title and the short link lines after it go.
LINK_BLOCK_TITLES = vocabulary(
    """
related|related articles|related stories|related posts|related reading
read next|up next|recommended|recommended for you|recommended articles
more stories|more articles|more like this|you may also like
you might also like|you may like|popular|popular now|popular posts
trending|trending now|most popular|latest|latest news|latest posts
recent posts|editor's picks|editors' picks|top stories|what to read next
more to explore|don't miss|dont miss|keep up with the trend
most shared right now|read also|also read|more from this author|most read|most viewed
more from our site|from our site|from around the web|around the web|more for you
related topics|more on this story|related links|explore more|more on this topic
most read stories|most watched|related story|watch next|read this next|related questions
topics|tags|filed under|more on these topics|explore more on these topics
"""
)

#: Those of LINK_BLOCK_TITLES that head a block of links even as a heading of the page (an
#: ``h2``): never a section of the article's own, as "Recommended" may be.
LINK_BLOCK_HEADINGS = vocabulary(
    """
related|related articles|related stories|related posts|related reading|related topics|related links
read next|up next|more stories|more articles|more from this author|more on this story|more on this topic
more from our site|you may also like|you might also like|popular posts|trending now|most popular
latest news|latest posts|recent posts|top stories|most read|most viewed|editor's picks|editors' picks
related story
"""
)
#: Line patterns of page furniture at a line's start (bylines, dates, reading time, labels,
#: credits...), case-sensitive unless marked ``(?i)``; chrome.py joins them into one expression.
_SPOILER_SIZE = r"(?:major|minor|heavy|full|big|mild|some)"
#: What may follow a spoiler warning: the film it is about, then punctuation.
_SPOILER_TAIL = (
    r"(?:\s+(?:for|in|about|from)\s+[^.!?:]{1,60})?(?:\s+(?:ahead|below|follow))?[.!?:)\s]*"
    # "Spoilers ahead! We warned you.", "… You have been warned."
    r"(?:(?:we warned you|you(?:'ve|’ve| have) been warned|consider yourself warned|"
    r"read on at your own risk)[.!]*)?$"
)
#: A letter's greeting and sign-off, as a newsletter's issue opens and closes: a short line
#: ending with a comma or "!" ("Hi friends,", "Dear readers,"; "See you next week,", "Cheers,").
LETTER_GREETING = r"(?i)^(?:hi|hey|hello|dear|greetings)\b[^.!?,]{0,30}[,!]$"
LETTER_SIGN_OFF = (
    r"(?i)^(?:see\s+you|until\s+next|talk\s+(?:to\s+you\s+)?soon|catch\s+you|thanks\s+for\s+reading|"
    r"cheers|best(?:\s+wishes)?|warmly|yours|happy\s+(?:watching|viewing))\b[^.!?,]{0,25}[,!]$"
)
#: The signature under a sign-off: a first name or two ("Nora", "— Nora", "xo, Sam and Priya").
LETTER_SIGNATURE = re.compile(r"^(?:[-–—~]\s*|xo,?\s+)?[A-Z][\w.'’-]*(?:\s+(?:&|and|[A-Z][\w.'’-]*)){0,3}$")

CHROME_PATTERNS: tuple[str, ...] = tuple(
    p
    for p in (
        # bylines: "By Jane Doe", "By Jane Doe | Published Mar 3, 2024", "Written by J. Doe"
        r"^(?:[Bb]y|BY|[Ww]ritten [Bb]y|[Ww]ords by|[Pp]osted by|[Rr]eviewed by|[Ee]dited by"
        r"|[Ff]act checked by)"
        r"\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|la|le|and|&))*"
        r"(?:\s*(?:,|\||·|•|-|–|—|/)\s*.{0,100}"
        r"|\s+(?i:published|updated|last updated|posted|modified)\b.{0,100}"
        # "by Dana Reyes March 3, 2024", "By Jo Park on Mar 3, 2024 at 9:00"
        r"|\s+(?:on\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b.{0,60})?$",
        # dates and updates: "Published Mar 3, 2024", "Updated: 2 hours ago", "Posted on May 5, 2024"
        r"^(?i:published|updated|last updated|posted|posted on|modified|last modified|date)\b"
        r"[^.!?]{0,60}\d[^.!?]{0,40}$",
        r"^(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})"
        r"(?:\s*(?:,|\||·|•|-|–|—|at)\s*.{0,40}|\s+\d{1,2}:\d{2}.{0,20}"
        r"|\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?$",
        # day first, as British and European sites write it: "21 October 2023", "3 Mar 2024, 09:12"
        r"^(?i:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})"
        r"(?:\s*(?:,|\||·|•|-|–|—|at)\s*.{0,40}|\s+\d{1,2}[:.]\d{2}.{0,20}"
        r"|\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?$",
        # "2 hours ago", "1.2K shares", "312 views"
        r"(?i)^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$",
        r"(?i)^\d[\d.,]*\s*[km]?\s+(?:shares?|views?|likes?|reads?)$",
        # a lone counter (claps, comments), as a copied page keeps it: "3", "2.1K"
        r"(?i)^\d{1,2}$|^\d[\d.,]*[km]$",
        # a review box's score on a line of its own: "9.5"
        r"^\d{1,2}\.\d$",
        # "© Warner Bros.", "Copyright © 2024 Film Site. All rights reserved."
        r"(?i)^(?:©|\(c\)|copyright\s+(?:©|\(c\)|\d{4})).{0,100}$",
        r"^©.{0,100}$",
        # an email's own furniture: "View this email in your browser (https://…)", "You are
        # receiving this email because you signed up …"
        r"(?i)^(?:not displaying correctly\?\s*)?(?:view|read|open) this "
        r"(?:e-?mail|newsletter|issue|message) (?:in|on) (?:your|a|the) (?:web )?browser\b.{0,200}$",
        r"(?i)^you(?:['’]re| are) receiving this (?:e-?mail|newsletter|message)\b.{0,200}$",
        # a newsletter's greeting and sign-off: "Hi friends,", "See you next week,"
        LETTER_GREETING,
        LETTER_SIGN_OFF,
        # "Listen to this article · 5 min"
        r"(?i)^listen to (?:this )?(?:article|story|post)\b.{0,30}$",
        r"(?i)^follow us on\b.{0,60}$",
        r"(?i)^(?:posted in|filed under)\s+[A-Z][^.!?,]{0,60}$",
        # reading time
        r"(?i)^(?:estimated\s+)?reading\s+time\s*:?\s*\d+.{0,20}$",
        r"(?i)^\d+\s*(?:min|mins|minute|minutes)$",
        # "RELATED: The 10 Best ...", "READ MORE: ...", "Don't Miss: ..."
        r"^(?i:related|read more|read also|also read|read next|see more|see also|more|don't miss|"
        r"dont miss|recommended|keep reading|continue reading|check out|watch|watch now|listen|"
        r"up next|next|previous|next post|previous post|next article|previous article|tags?|"
        r"tagged with|tagged|filed under|categories|category|topics|posted in|source|sources|labels|"
        r"you may also like|"
        r"you might also like|more from|trending|popular)\s*:\s*.{1,200}$",
        r"^(?i:read more|see more|continue reading|read the full|keep reading)\b.{0,60}(?:»|›|→|\.\.\.|…)?$",
        # "More from MovieBeat": the site's own links (a one-word name: a person's has two or more)
        r"^(?i:more from)\s+[A-Z][\w'’&.-]*$",
        # a post's navigation on one line: "« Previous: Aftersun explained Next: May December »"
        r"(?i)^[«‹←]\s*(?:previous|prev|older|newer|next)\b.{0,160}$",
        # image captions' credits: "Photo: Warner Bros."
        r"(?i)^\(?(?:image|photo|picture|still|photograph|screenshot|credit|credits|courtesy|via|"
        r"header image|featured image|cover image|poster)s?\s*(?:credit|credits)?\s*:\s*.{1,120}$",
        # "(Photo by Niko Tavernise/Warner Bros.)", "Image source: Disney+", "Courtesy of A24"
        r"(?i)^\(?(?:image|photo|picture|still|photograph|screenshot)s?\s+(?:by|courtesy of|via)\s+"
        r"[A-Z][^.!?/]{0,100}/[^!?]{1,60}\)?$",
        r"(?i)^\(?(?:image|photo|picture)s?\s+source\s*:\s*.{1,100}$",
        r"^(?i:courtesy(?: of)?)\s+[A-Z0-9][^.!?,]{0,60}\.?$",
        # newsletters and cookies
        r"(?i)^(?:sign up|subscribe|join|get)\b.{0,140}"
        r"\b(?:newsletter|inbox|e-?mail updates|our emails|sent to your email)\b.{0,80}$",
        r"(?i)^join (?:us|our)\b.{0,30}\b(?:whatsapp|telegram|discord|channel|community)\b.{0,30}$",
        # a newsletter box's small print: "By entering your details, you are agreeing to our terms …"
        r"(?i)^by (?:entering|submitting|signing up|subscribing|clicking)\b.{0,160}"
        r"\b(?:terms|privacy|unsubscribe)\b.{0,120}$",
        # a byline's picture, as a copy keeps its description: "Headshot of Jo Parker"
        r"(?i)^headshot of\b.{0,60}$",
        r"(?i)^(?:subscribe|follow)\s+(?:to\s+)?(?:our|us on)\s+(?:youtube|tiktok|instagram)\b.{0,80}$",
        r"(?i)^sign up to get full access\b.{0,60}$",
        r"(?i)^\d+\s*(?:min|mins|minute|minutes)\s+listen$",
        # a site's account prompt: "Sign in to your ScreenPulse account"
        r"(?i)^(?:sign|log)\s+in\s+to\s+your\s+[\w .'’&+-]{0,40}account$",
        # a paged article's counter: "Page 1 of 2"
        r"(?i)^page\s+\d{1,2}\s+of\s+\d{1,2}$",
        # a site's prompt to its listings: "Looking for something to watch? Check out our TV Guide …"
        r"(?i)^looking for (?:something|more|a film|a movie)\b[^.!?]{0,30}\bto watch\?.{0,160}$",
        r"(?i)^discover more from\b.{0,60}$",
        r"(?i)^you are here\s*:.{0,120}$",
        r"(?i)^click here\b.{0,60}$",
        # a logo's text, as a copied page keeps its image's name: "ReelRant logo"
        r"(?i)^[\w .'’&-]{1,40}\s+logo$",
        # a spoiler tag's or an accordion's label: "Click to reveal the ending", "Tap to show spoilers"
        r"(?i)^(?:click|tap|press)(?: here)? to (?:reveal|show|expand|see|read)\b[^.!?]{0,40}$",
        # … and one that names what it hides: "Reveal: what the epilogue says", "Show: the last scene"
        r"(?i)^(?:reveal|show|expand|unhide)\s*:\s*[^.!?]{1,60}$",
        # "👉 Share this article with your friends!"
        r"^\W*(?i:share this (?:article|post|story|page|guide)(?: with [\w ]{1,30})?)\W*$",
        # "Share on Facebook Share on X", as a bar of share buttons copies
        r"(?i)^(?:share (?:on|via|to) [\w+.]+\s*){2,}$",
        # "Watch on Netflix", "Stream it on Max", "Stream Heat on Max", "Buy on Amazon": a store's button
        r"(?i)^(?:watch|stream|streaming|rent|buy|rent or buy)(?: it| now| [A-Z0-9][^.!?:]{0,40}?)?"
        r" on [A-Z][\w+ ]{1,30}$",
        # a player's time, as a copy of the page's audio or video keeps it: "0:00 / 5:32"
        r"^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$",
        # a video's length alone, as a copy of its player or its "Up Next" card keeps it: "03:12"
        r"^\d{1,2}:\d{2}(?::\d{2})?$",
        # an embed's prompt, the embed gone: "Watch the trailer below."
        r"(?i)^(?:you can )?(?:watch|check out|see) the (?:official |new |full )?trailer"
        r"(?: for [^.!?]{1,60})?(?: below| here| above)?[.!:]?$",
        # a rating box: "4.5/5", "Rating: 4/5", "Verdict: 8/10"
        r"(?i)^(?:(?:rating|score|verdict|grade)\s*:?\s*)?"
        r"\d{1,3}(?:\.\d)?\s*/\s*(?:5|10|100)$",
        r"(?i)^follow [^.!?]{1,40} on "
        r"(?:google news|google|instagram|x|twitter|facebook|tiktok|threads|bluesky|youtube|flipboard)$",
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
        r"(?i)^talk \(\d+\)$",  # a wiki's page tools: "Talk (0)"
        r"(?i)^community content is available under\b.{0,80}$",
        # breadcrumbs: "Home » Movies » Trivia"; "- Advertisement -"
        r"^(?i:home)\s*(?:»|›|>|/|\|)\s*.{0,120}$",
        r"^\W*(?i:advertisement|sponsored|ad)\W*$",
        # "Advertisement - Scroll to continue", "ADVERTISEMENT - CONTINUE READING BELOW"
        r"^\W*(?i:advertisement)\s*[-–—:|]\s*(?i:scroll|continue|story|article|content)\b.{0,40}$",
        # spoiler warnings (the site gates spoilers itself): "Warning: this article contains major
        # spoilers for X.", "Spoilers ahead!", "Major spoilers below". Only a warning: "Spoiler
        # alert: Bruce Willis …" says something and stays.
        rf"(?i)^\W*(?:warning\W*\s*)?(?:{_SPOILER_SIZE}\s+)?spoilers?\s*(?:(?:for|in|about)\s+[^.!?:]{{1,60}}?\s+)?"
        # "Spoiler warning: major spoilers ahead" (a warning repeated after its label; "Spoiler
        # warning: Bruce Willis …" says something and stays)
        rf"(?:alert|warning|ahead|below|follow)\b(?:\s*:\s*(?:{_SPOILER_SIZE}\s+)?spoilers?\b)?{_SPOILER_TAIL}",
        rf"(?i)^\W*(?:warning\W*\s*)?this\s+(?:article|post|piece|story|explainer|guide|review)\s+"
        rf"(?:contains|has|includes|is full of)\s+(?:{_SPOILER_SIZE}\s+)?spoilers\b{_SPOILER_TAIL}",
        rf"(?i)^\W*warning\W*\s*(?:{_SPOILER_SIZE}\s+)?spoilers\b{_SPOILER_TAIL}",
        # "Spoiler warning: this article discusses the ending." (a warning about the article; a
        # warning that goes on to say something, "Spoiler alert: Bruce Willis …", stays)
        r"(?i)^\W*(?:spoiler\s+(?:warning|alert)|warning)\s*[:!\-–—]\s*this\s+(?:article|post|piece|story|"
        r"explainer|guide|review)\s+(?:discusses|reveals|covers|explains|describes|goes into|gives away)\s+"
        r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:ending|end|plot|twist|finale|details)\b[^.!?]{0,80}[.!]?$",
        # the article about itself: "Editor's note: This article was updated …", "This story was
        # originally published by …", "Republished with permission", "Have a tip? Email us at …"
        r"(?i)^\[?(?:editor['’]?s?|ed\.?)\s+note\s*[:\-–—]\s*.{1,300}$",
        r"(?i)^this\s+(?:article|story|post|piece|review|interview)\s+(?:was\s+|has\s+been\s+)?"
        r"(?:originally|first)\s+(?:published|appeared|ran|posted)\b.{0,200}$",
        r"(?i)^(?:republished|reprinted)\s+with\s+permission\b.{0,60}$",
        # the reporters a news story credits at its end: "Contributing: Sam Ortiz", "Additional
        # reporting by Jo Park"
        r"(?i)^(?:contributing|additional reporting(?: by)?|reporting by|with reporting by)\s*:?\s+"
        r"[A-Z][^.!?]{0,80}$",
        # a news story's times: "Published 8:04 a.m. ET Nov. 8, 2013 | Updated 10:12 a.m. ET …"
        r"(?i)^(?:published|updated|posted)\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?.{0,100}$",
        r"(?i)^(?:have|got)\s+a\s+(?:news\s+|story\s+)?tip\b.{0,120}$",
        r"(?i)^(?:e-?mail|contact|write\s+to)\s+us\s+at\b.{0,120}$",
        # anything with no letter or digit at all: "-", "•", "* * *"
        r"^[^\w]*$",
    )
)

#: A reading time: "5 min read", "8-minute read" (a byline gives an article's; a listing, each
#: teaser's).
READING_TIME = r"\d+\s*(?:-\s*)?(?:min|mins|minute|minutes)\.?\s+read\b"
#: The last word of a picture's credit as a caption gives it after its sentence, with no label:
#: a studio, a distributor, a picture agency ("… Nicholas Van Orton. PolyGram Filmed Entertainment").
CREDIT_NAMES = (
    "pictures", "films", "studios", "entertainment", "productions", "features", "releasing",
    "distribution", "images", "collection", "netflix", "a24", "neon", "hbo", "disney", "lionsgate",
    "searchlight", "paramount", "universal", "miramax", "pixar", "mgm", "bros", "apple tv+",
    "prime video", "getty", "alamy", "shutterstock", "everett",
)  # fmt: skip
_CREDIT_NAME = "|".join(re.escape(name) for name in CREDIT_NAMES)
#: A caption's sentence, then its picture's credit with no label: "Michael Douglas as Nicholas
#: Van Orton. PolyGram Filmed Entertainment", "Sandra Hüller in the courtroom. Neon"; or the credit
#: in parentheses: "Jake Gyllenhaal and Mark Ruffalo in Zodiac (Paramount Pictures)". Tried only on
#: a line whose last words hold one of CREDIT_NAMES (chrome.py): as floating patterns' cues, those
#: common words sent most of an article's lines to the patterns.
PICTURE_CREDITS = (
    rf"^[A-Z][^.!?]{{2,160}}[.!?]\s+(?:[A-Z0-9][\w&'’+-]*\.?\s+){{0,3}}(?i:{_CREDIT_NAME})\.?"
    r"(?:\s+[A-Z][\w&'’+-]*){0,2}$",
    rf"^[A-Z][^.!?()]{{2,160}}\s\((?:(?i:photo|image|credit)s?(?: by)?:?\s*)?"
    rf"(?:[A-Z0-9][\w&'’+-]*\.?\s+){{0,3}}(?i:{_CREDIT_NAME})\.?(?:\s+[A-Z][\w&'’+-]*){{0,2}}\)$",
)
#: Patterns of page furniture found anywhere in a line (reading time after a byline, credits in
#: parentheses, newsletter and cookie boxes), each with the words (case-folded) one of which a
#: line must hold for it to match: a line holding none skips the pattern, and a line holding
#: none of them all ("(" aside: too common to sift by) tries none.
CHROME_FLOATING: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (" read",),
        rf"(?i)(?:^|[|·•\-–—\s]\s*){READING_TIME}.{{0,60}}$",
    ),
    # a teaser's meta line in a copied listing: "Dana Reyes · 6 min"
    (("·", "•", "|"), r"(?i)^[^.!?]{1,40}\s[·•|]\s*\d{1,3}\s*(?:min|mins|minutes)\.?$"),
    # image captions' credits: "(Image credit: Netflix)", "Image via A24"
    (
        ("(",),
        r"(?i)\((?:image|photo|picture|still|header image|featured image|screenshot)s?"
        r"\s*(?::|(?:credit|credits|courtesy|via|source|by)\b)[^)]{0,120}\)",
    ),
    (
        ("via ", "courtesy", "credit"),
        r"\b(?i:image|photo|images|photos|still|poster)s?\s+(?i:via|courtesy of|credit:?)\s+"
        r"[A-Z0-9][^.!?]{0,80}[.)]?$",
    ),
    # a caption that ends with its credit: "Sandra Hüller in Anatomy of a Fall. Photo: Neon"
    (
        ("photo", "image:"),
        r"^[A-Z][^.!?]{0,160}[.!?]?\s+(?:[|/–—-]\s+)?(?i:photo|photograph|image)\s*:"
        r"\s*[A-Z0-9][\w&'’./-]*(?:\s+(?:[A-Z0-9&/][\w&'’./-]*|of|for|via)){0,6}$",
    ),
    # an author's note at the article's end: "Claire Dubois is a staff writer covering …. Follow
    # her on Instagram."
    (
        ("covering", "written for"),
        r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+is\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}"
        r"(?:writer|editor|critic|journalist|reporter|contributor|columnist)\b[^.!?]{0,160}"
        r"\b(?:covering|who covers|has written for)\b.{0,200}$",
    ),
    (
        ("follow ",),
        r"(?i)^follow (?:her|him|them|me|us) on \w+(?:,? (?:and|or) \w+)?\.?$",
    ),
    # "Jo Reyes covers movies and pop culture for Film Wire. Follow her on X and Instagram."
    (
        ("covers ", "writes about", "reports on"),
        r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:covers|writes about|reports on)\s+[^.!?]{3,100}"
        r"\s+for\s+[A-Z][^.!?]{1,60}\.(?:\s+(?:Follow|Find|Reach)\s+[^.!?]{1,80}[.!]?)?$",
    ),
    # newsletters and cookies
    (("newsletter",), r"(?i)\bnewsletter\b.{0,80}$"),
    (("inbox",), r"(?i)\b(?:sign up|subscribe|join|get)\b.{0,80}\b(?:in|to) your inbox\b.{0,40}$"),
    # a newsletter box's one-line pitch: "The week's best film writing, in your inbox every Friday."
    (
        ("inbox",),
        r"(?i)^[^.!?]{0,100}\b(?:in|to|into) your inbox"
        r"(?:,?\s+(?:every|each|once|twice|on)\b[^.!?]{0,30})?[.!]?$",
    ),
    (("cookie",), r"(?i)\b(?:we|this (?:site|website)|our site)\s+uses?\s+cookies\b"),
    # a wiki's line under its page name: "From Horror Wiki", "From FilmWiki, the free film encyclopedia"
    (("wiki",), r"(?i)^from [\w'’ -]{0,40}(?:wiki|pedia)\b[^.!?]{0,60}$"),
    # a poll's answers and count, its box gone: "No, he is human (27%, 190 Votes)", "Total Voters: 706",
    # and a review box's readers' score: "User Rating: 4.6 (39 votes)"
    (
        ("vote",),
        r"(?i)(?:\(\d{1,3}(?:\.\d+)?%,?\s*[\d,]+\s+votes?\)|^total\s+vot(?:ers|es)\s*:\s*[\d,]+"
        r"|^(?:user|reader|readers['’]?|audience)\s+rating\s*:?\s*[\d.]+(?:\s*/\s*\d+)?\s*\([\d,]+\s+votes?\))$",
    ),
    # "Also Read: …" (a sentence may open with "Also", so no anchored pattern tries it)
    (("also read",), r"(?i)^also read\s*:.{1,200}$"),
    # an embedded post's credit line: "A post shared by Jo (@jo)"
    (("post shared by",), r"(?i)^a post shared by [^.!?]{1,60}\(@[\w.]+\)$"),
    # an embed's notice in a copied page: "This content is imported from YouTube. You may be …"
    (("content is imported from",), r"(?i)^this content is imported from\b.{0,240}$"),
    # a video slot's label run into its prompt, its spans glued: "SITE VIDEO OF THE DAYSCROLL TO …"
    # (the prompt alone is a line of CHROME_LINES)
    (
        ("of the day",),
        r"(?i)^.{0,60}(?:videos? of the day|scroll to continue with content)$",
    ),
    # affiliate disclosures: "This post may contain affiliate links.", "We may earn a commission …"
    (
        ("affiliate", "commission"),
        r"(?i)^(?:disclosure:\s*)?(?:this (?:post|article|page) (?:may )?contains?|we (?:may )?earn|"
        r"as an amazon associate)\b.{0,40}\b(?:affiliate links?|commission)\b.{0,160}$",
    ),
)

#: First words (case-folded) of the lines CHROME_PATTERNS' anchored patterns can match; a line
#: starting otherwise (with a letter) skips them. Lines starting with a digit or a symbol never do.
CHROME_FIRST_WORDS = vocabulary(
    """
by|written|words|posted|reviewed|edited|fact|published|updated|last|modified|date|estimated
reading|related|read|see|more|don't|dont|don’t|recommended|keep|continue|check|watch|listen|up
next|previous|prev|tags|tag|tagged|filed|categories|category|topics|source|sources|you|trending
popular|image|images|photo|photos|picture|still|screenshot|credit|credits|courtesy|via|header
featured|cover|poster|photograph|sign|subscribe|join|get|your|save|this|for|main|further
retrieved|home|page|click|discover|join|share|stream|rent|buy|rating|score|verdict|grade|advertisement|sponsored|ad|jan|january|feb|february|mar|march|apr|april|may|jun
june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|min|mins
warning|spoiler|spoilers|major|minor|heavy|full|big|mild|some|copyright|follow|filed|posted|courtesy
editor's|editor’s|editors|ed|republished|reprinted|have|got|email|e-mail|contact|write|looking
talk|community|headshot|streaming|hi|hey|hello|dear|greetings|until|catch|thanks|cheers|best
warmly|yours|happy|view|open|not|labels|reveal|show|expand|unhide|contributing|additional
reporting|with
"""
)

#: A post's categories and tags, as its footer lists them ("Posted in Explained Tagged David
#: Fincher", "Filed under: Thrillers"): after the article, the post navigation's links follow.
TAGS_LINE = r"(?i)^(?:posted in|filed under|tagged(?: with)?|tags?\s*:|categories\s*:|category\s*:)"

#: A table of contents' titles (case-folded): the long contents of a page, and the short list of
#: links to its sections that sites set over an article ("Jump to:", "On this page").
TOC_TITLES = ("table of contents", "contents", "in this article")
JUMP_TITLES = ("jump to", "jump to section", "on this page", "in this post", "quick links", "skip to")
#: A jump list's entry may name its section short: "FAQ" for "Frequently Asked Questions".
TOC_ENTRY_ALIASES = {"faq": "frequently asked", "faqs": "frequently asked", "q&a": "questions"}

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
        "gallery",
        "photo gallery",
        "categories",
    }
)
#: Lines that are chrome right after another chrome line: a wiki's page tools ("Sign in to edit",
#: "History", "Talk (0)") and a feedback box's buttons ("Was this article helpful?", "Yes", "No").
#: Alone, "History" may head an article's section, and "Yes." answer its question.
CHROME_AFTER_CHROME = frozenset(
    {"history", "view history", "view source", "edit source", "read", "yes", "no"}
)
#: A film card's label lines, copied as text above its rows ("Interstellar (2014)", "PG-13",
#: "Sci-Fi", "Drama", then "Release Date" over its date): its rating and genres, case-folded.
FILM_CARD_LABELS = vocabulary(
    """
g|pg|pg-13|r|nc-17|nr|not rated|unrated|tv-y|tv-y7|tv-g|tv-pg|tv-14|tv-ma|12a|15|18|u|12
action|adventure|animation|animated|biography|comedy|crime|documentary|drama|family|fantasy
history|horror|music|musical|mystery|romance|sci-fi|science fiction|thriller|war|western|sport
"""
)
