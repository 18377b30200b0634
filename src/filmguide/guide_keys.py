"""The keys of a guide's JSON, object by object, in the order :mod:`filmguide.model` writes them,
so that a stored document can be known to be in the current model's form without the model:
``filmguide show`` then prints it as it is, sparing the import of pydantic and the building of the
guide's validator, a third of its time (issue 19 item 7).

A document written before a field was added (``origin``, say) lacks its key: it is not in the
form, and goes through the model, which adds the key with its default. The values are not checked:
the store only ever keeps what the model wrote.

A data table beside the model: ``tests/test_guide_keys.py`` derives it from the model's classes,
so a field added there fails the test until added here.
"""

from __future__ import annotations

from typing import Any

#: An object's keys in order, each with the layout of its objects: ``None`` for text, numbers and
#: lists of them; a dict for one object (or ``null``); a one-item list for a list of objects.
Layout = dict[str, Any]

_FILM_REF: Layout = {"title": None, "year": None, "note": None}

GUIDE: Layout = {
    "title": None,
    "year": None,
    "directors": None,
    "slug": None,
    "intro": None,
    "summary": [{"heading": None, "paragraphs": None}],
    "ending": None,
    "post_credits": {"has_scenes": None, "text": None},
    "film_type": {"text": None, "genres": None},
    "cast": [{"actor": None, "character": None}],
    "music": {"text": None, "composers": None, "featured_artists": None},
    "locations": {"text": None, "places": None},
    "awards": [{"body": None, "category": None, "nominee": None, "result": None}],
    "behind_the_scenes": None,
    "inspirations": None,
    "alternate_endings": None,
    "adaptation": {"text": None, "source": {"kind": None, "title": None, "author": None, "year": None}},
    "key_scenes": None,
    "quotes": [{"speaker": None, "context": None, "text": None}],
    "easter_eggs": None,
    "trivia": None,
    "why_watch": None,
    "director_films": [_FILM_REF],
    "recommendations": [_FILM_REF],
    "extra_sections": [{"heading": None, "paragraphs": None, "items": None}],
    "section_notes": None,
    "origin": {"published": None, "author": None, "categories": None, "tags": None},
}


def in_current_form(value: object, layout: Layout = GUIDE) -> bool:
    """Whether ``value`` (parsed JSON) has exactly the keys ``layout`` names, in its order, and so
    has each object within it: the JSON the model would write for it again."""
    if not isinstance(value, dict) or list(value) != list(layout):
        return False
    for key, inner in layout.items():
        part = value[key]
        if isinstance(inner, list):
            if not isinstance(part, list) or not all(in_current_form(item, inner[0]) for item in part):
                return False
        elif inner is not None and part is not None and not in_current_form(part, inner):
            return False
    return True
