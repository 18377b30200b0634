"""Words and weights as data: the catalog's genre and source values, the phrases that name
them in a guide, and the tuning constants (``docs/recommend.md``)."""

from __future__ import annotations

import re

#: Years over which the era signal falls to 1/e.
ERA_SCALE_YEARS = 10.0
#: IMDb and Rotten Tomatoes differences at which the ratings-closeness signal reaches 0.
IMDB_SPAN = 3.0
RT_SPAN = 40.0
#: Smallest value of a signal for its reason to be written (facts that match exactly always are).
TEXT_REASON = 0.05
#: TF-IDF cosine at which two guides count as fully alike: guides on different films rarely
#: reach it (0.05–0.15 between the demo guides; two articles on the same film reach 0.4–1).
TEXT_FULL = 0.15
#: Capitalised words inside a sentence are names (people, places, characters): left out of the
#: text, so guides are compared by what they say rather than by whom they name.
PROPER_NOUN = re.compile(r"(?<=[a-z,;’'\")] )[A-Z][\w’'-]*")
RATINGS_REASON = 0.85
ACCLAIM_IMDB = 7.5
ACCLAIM_RT = 90
#: Words too common in film writing to tell two guides apart.
FILM_WORDS = frozenset(
    """
    film films movie movies story scene scenes character characters director directed screenplay
    cast role roles audience viewer viewers watch watching end ending plays played performance
    performances make makes made real life time way just like took come comes came talk talks wrote
    nomination nominated award awards won best year years later early
    """.split()  # noqa: SIM905
)


# ---------------------------------------------------------------------------------------------
# Words for the catalog's values

GENRE_NOUNS = {
    "Drama": "a drama",
    "Comedy": "a comedy",
    "Action": "an action film",
    "Adventure": "an adventure film",
    "Thriller/Suspense": "a thriller",
    "Horror": "a horror film",
    "Romantic Comedy": "a romantic comedy",
    "Musical": "a musical",
    "Documentary": "a documentary",
    "Western": "a western",
    "Black Comedy": "a black comedy",
    "Concert/Performance": "a concert film",
}
SOURCE_PHRASES = {
    "Original Screenplay": "from an original screenplay",
    "Based on Book/Short Story": "based on a book",
    "Based on Real Life Events": "based on real events",
    "Remake": "remaking an earlier film",
    "Based on TV": "based on television",
    "Based on Comic/Graphic Novel": "based on a comic",
    "Based on Play": "based on a play",
    "Based on Game": "based on a game",
    "Traditional/Legend/Fairytale": "based on a legend or fairy tale",
    "Based on Magazine Article": "based on a magazine article",
    "Based on Musical/Opera": "based on a musical or opera",
    "Spin-Off": "spun off from another film",
    "Based on Short Film": "based on a short film",
    "Based on Factual Book/Article": "based on a factual book",
    "Disney Ride": "based on a theme-park ride",
    "Compilation": "compiled from other films",
    "Based on Toy": "based on a toy",
    "Musical Group Movie": "built around a band",
}
CREATIVE_PHRASES = {
    "Contemporary Fiction": "contemporary fiction",
    "Historical Fiction": "historical fiction",
    "Fantasy": "a fantasy",
    "Science Fiction": "science fiction",
    "Dramatization": "a dramatization of real events",
    "Kids Fiction": "a children's film",
    "Factual": "factual",
    "Super Hero": "a superhero film",
}
#: A guide's genre words → the catalog's genre (first match in the guide's order wins).
GUIDE_GENRES = (
    ("romantic comedy", "Romantic Comedy"),
    ("black comedy", "Black Comedy"),
    ("dark comedy", "Black Comedy"),
    ("documentary", "Documentary"),
    ("musical", "Musical"),
    ("western", "Western"),
    ("horror", "Horror"),
    ("thriller", "Thriller/Suspense"),
    ("suspense", "Thriller/Suspense"),
    ("action", "Action"),
    ("adventure", "Adventure"),
    ("comedy", "Comedy"),
    ("drama", "Drama"),
)
#: A guide's word for an adapted work → the catalog's source.
GUIDE_SOURCES = (
    ("graphic novel", "Based on Comic/Graphic Novel"),
    ("comic", "Based on Comic/Graphic Novel"),
    ("novel", "Based on Book/Short Story"),
    ("book", "Based on Book/Short Story"),
    ("short story", "Based on Book/Short Story"),
    ("memoir", "Based on Real Life Events"),
    ("true story", "Based on Real Life Events"),
    ("biography", "Based on Real Life Events"),
    ("teleplay", "Based on TV"),
    ("television", "Based on TV"),
    ("tv", "Based on TV"),
    ("musical", "Based on Musical/Opera"),
    ("opera", "Based on Musical/Opera"),
    ("play", "Based on Play"),
    ("article", "Based on Magazine Article"),
    ("game", "Based on Game"),
    ("film", "Remake"),
)
