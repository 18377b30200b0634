"""What an import's parse workers make of a guide ahead of its save, besides its JSON.

Both imports (article files, and a WordPress export's posts) hand the one writer the guide's
search text and its analyses that need no database, so that the writer only saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from filmguide.analyses import GuideParts, guide_parts
from filmguide.spoilers import find_spoilers
from filmguide.store.search.index import SearchText, guide_text

if TYPE_CHECKING:
    from filmguide.model import Guide


def text_and_parts(guide: Guide, document: str) -> tuple[SearchText, GuideParts]:
    """The guide's search text and its analyses made ahead (:class:`~filmguide.analyses.GuideParts`)
    from one walk of its prose: the search text, the themes and the claims each walked it (a
    few hundredths of a millisecond a walk). The walk with the spoilers marked holds the very
    paragraphs of the walk without, which the search text reads."""
    spoilers = find_spoilers(guide)
    prose = list(guide.prose(spoilers))
    text = guide_text(guide, [paragraph.text for paragraph in prose])
    return text, guide_parts(guide, document, spoilers=spoilers, prose=prose)
