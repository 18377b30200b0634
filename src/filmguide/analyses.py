"""A guide's analyses as a film page shows them, computed once when the guide is saved.

The spoilers (:mod:`filmguide.spoilers`), the themes and content notes (:mod:`filmguide.themes`)
and the fact checks (:mod:`filmguide.factcheck`) cost about 8 ms a guide, and are pure functions
of the guide (and, for the fact checks, of its catalog film). The store computes them when a
guide is saved or the catalog changes, and keeps them beside the guide as the JSON of
:class:`GuideAnalyses` (``guide_analyses``, migration 0015); a page only reads them, doing no
more than the cheap spoiler gating of :meth:`GuideAnalyses.fact_checks`.

The fact checks are kept twice, as the page needs them: those of the whole guide, and those of
the guide without its spoilers (what ``?spoilers=0`` lists); a claim of the first that is not
among the second comes from spoiler text, and the page gates it.

:data:`ANALYSIS_VERSION` names the rules that made a stored analysis: raise it when a change to
the rules changes what they find, and ``filmguide db check --repair`` recomputes the stored ones
(a page meanwhile computes a stale one itself, as before analyses were stored).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from filmguide.text import one_split

if TYPE_CHECKING:
    from filmguide.catalog import CatalogFilm
    from filmguide.factcheck import Claim
    from filmguide.model import Guide, Prose, Spoilers

#: The version of the rules behind a stored analysis; raise it when the rules change their findings.
ANALYSIS_VERSION = 1

Data = dict[str, Any]

_SPOILER_FLAGS = ("ending", "alternate_endings", "post_credits")
_SPOILER_PARTS = ("summary", "key_scenes", "quotes")


@dataclass(frozen=True, slots=True)
class GuideAnalyses:
    """What the film page shows of a guide's analyses, as its JSON gives them."""

    spoilers: Spoilers
    themes: list[Data]
    content_notes: list[Data]
    checks: list[Data]
    """The fact checks of the whole guide."""
    safe_checks: list[Data]
    """The fact checks of the guide without its spoilers."""
    film: str
    """:func:`film_key` of the catalog film the fact checks were made against."""

    def fact_checks(self, spoilers: bool) -> tuple[list[Data], list[int]]:
        """The checks a page lists, and the indexes of those whose claim is a spoiler.

        A claim is a spoiler when it comes only from spoiler text: checked on the spoiler-free
        guide, it is not there. ``?spoilers=0`` lists that guide's checks only, so no spoiler
        claim; with spoilers, the page gates those claims like the rest of the spoilers.
        """
        if not spoilers:
            return self.safe_checks, []
        safe_claims = {check["claim"] for check in self.safe_checks}
        return self.checks, [i for i, check in enumerate(self.checks) if check["claim"] not in safe_claims]

    def to_json(self) -> str:
        """The stored form (read back by :meth:`from_json`)."""
        spoilers: Data = {name: getattr(self.spoilers, name) for name in _SPOILER_FLAGS}
        spoilers.update({name: sorted(getattr(self.spoilers, name)) for name in _SPOILER_PARTS})
        document = {
            "spoilers": spoilers,
            "themes": self.themes,
            "content_notes": self.content_notes,
            "fact_checks": self.checks,
            "fact_checks_safe": self.safe_checks,
            "film": self.film,
        }
        return orjson.dumps(document).decode()

    @classmethod
    def from_json(cls, document: str | bytes) -> GuideAnalyses:
        from filmguide.model import Spoilers

        found = orjson.loads(document)
        marks = found["spoilers"]
        spoilers = Spoilers(
            ending=bool(marks["ending"]),
            alternate_endings=bool(marks["alternate_endings"]),
            post_credits=bool(marks["post_credits"]),
            summary=frozenset(marks["summary"]),
            key_scenes=frozenset(marks["key_scenes"]),
            quotes=frozenset(marks["quotes"]),
        )
        return cls(
            spoilers=spoilers,
            themes=found["themes"],
            content_notes=found["content_notes"],
            checks=found["fact_checks"],
            safe_checks=found["fact_checks_safe"],
            film=found["film"],
        )

    def with_checks(self, guide: Guide, film: CatalogFilm | None) -> GuideAnalyses:
        """The same analyses with the fact checks made again against ``film`` (the catalog changed)."""
        from filmguide import factcheck

        checks, safe = _checks(guide, factcheck.read_claims(guide, self.spoilers), film)
        return GuideAnalyses(self.spoilers, self.themes, self.content_notes, checks, safe, film_key(film))


@dataclass(frozen=True, slots=True)
class GuideParts:
    """The analyses that read the guide alone (spoilers, themes, content notes, the claims the
    fact checks test), made ahead of its save: by an import's parse workers, so that the one
    writer only judges the claims against the catalog film, which only it can look up.

    ``source`` is the hash of the guide's JSON they were made from and ``version`` the
    :data:`ANALYSIS_VERSION` of their rules: a save uses them only for that very JSON under the
    rules it runs (:meth:`fits`), and makes them itself otherwise. None of them reads the year,
    the directors or the slug a save fills in (the title masking reads the title only; the fact
    checks, which do read year and directors, are made at the save).
    """

    spoilers: Spoilers
    themes: list[Data]
    content_notes: list[Data]
    claims: list[Claim]
    source: str
    version: int = ANALYSIS_VERSION

    def fits(self, document: str) -> bool:
        """Whether these were made from ``document`` (the guide's JSON) by the current rules."""
        return self.version == ANALYSIS_VERSION and self.source == document_hash(document)


def document_hash(document: str) -> str:
    """The SHA-256 of a guide's JSON, as :class:`GuideParts` names what it was made from."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def guide_parts(
    guide: Guide,
    document: str | None = None,
    *,
    spoilers: Spoilers | None = None,
    prose: Sequence[Prose] | None = None,
) -> GuideParts:
    """The guide's spoilers, themes, content notes and claims; ``document``: its JSON
    (``guide_json``), which names them for a later save (none: made for use here and now).

    The spoilers are found once and the prose walked once for the themes and the claims (each
    found and walked them again). ``spoilers`` and ``prose``: ``find_spoilers(guide)`` and
    ``list(guide.prose(spoilers))`` where the caller has them already (an import's parse worker
    walks the prose for the search text too: :func:`filmguide.importer.text_and_parts`).
    """
    # The rules load when first used: a store that only reads (``filmguide list``, ``show``)
    # imports this module for ANALYSIS_VERSION and the stored JSON alone.
    from filmguide import factcheck, themes
    from filmguide.spoilers import find_spoilers

    if spoilers is None:
        spoilers = find_spoilers(guide)
    if prose is None:
        prose = list(guide.prose(spoilers))
    with one_split():  # the themes and the claims read the same sentences
        found = themes.analyse(guide, spoilers, prose)
        claims = factcheck.read_claims(guide, spoilers, prose)
    return GuideParts(
        spoilers=spoilers,
        themes=[theme.model_dump() for theme in found.themes],
        content_notes=[note.model_dump() for note in found.content_notes],
        claims=claims,
        source=document_hash(document) if document is not None else "",
    )


def film_key(film: CatalogFilm | None) -> str:
    """What the fact checks depend on of a catalog film, as a short hash ("" for no film): a page
    finding another key than the stored one makes the checks again rather than show stale ones."""
    if film is None:
        return ""
    return hashlib.sha256(film.model_dump_json().encode("utf-8")).hexdigest()[:16]


def _checks(guide: Guide, claims: list[Claim], film: CatalogFilm | None) -> tuple[list[Data], list[Data]]:
    """The fact checks of the guide and of the guide without its spoilers, from its claims read
    once (the two readings took half of a save's analyses once the themes moved to the parse
    workers; reading the claims took most of the rest, so the workers read them too)."""
    from filmguide import factcheck

    full, safe = factcheck.judge(claims, guide, film)
    return [check.model_dump(mode="json") for check in full], [
        check.model_dump(mode="json") for check in safe
    ]


def analyse_guide(guide: Guide, film: CatalogFilm | None, parts: GuideParts | None = None) -> GuideAnalyses:
    """Every analysis of ``guide`` a film page shows; ``film``: its catalog film, if any.

    ``parts``: its spoilers, themes, content notes and claims made already (see
    :class:`GuideParts`; the caller has checked that they fit the guide); only the claims are
    judged here then.
    """
    if parts is None:
        parts = guide_parts(guide)
    checks, safe = _checks(guide, parts.claims, film)
    return GuideAnalyses(
        spoilers=parts.spoilers,
        themes=parts.themes,
        content_notes=parts.content_notes,
        checks=checks,
        safe_checks=safe,
        film=film_key(film),
    )


def current(stored: GuideAnalyses | None, guide: Guide, film: CatalogFilm | None) -> GuideAnalyses:
    """The stored analyses of ``guide`` when they were made against ``film`` as it is; else made
    now (a guide saved before its analyses were stored, or a catalog changed behind the store)."""
    if stored is None:
        return analyse_guide(guide, film)
    if stored.film != film_key(film):
        return stored.with_checks(guide, film)
    return stored


__all__ = [
    "ANALYSIS_VERSION",
    "GuideAnalyses",
    "GuideParts",
    "analyse_guide",
    "current",
    "document_hash",
    "film_key",
    "guide_parts",
]
