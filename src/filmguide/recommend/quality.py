"""Measuring a ranking against the guides' own picks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass(frozen=True, slots=True)
class HitRate:
    """Hit rate at k: of the curated films that exist among the films, how many the list finds."""

    k: int
    found: int
    total: int
    per_guide: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 0.0


def hit_rate(ranked: Mapping[str, Sequence[str]], truth: Mapping[str, Sequence[str]], k: int = 10) -> HitRate:
    """Micro-averaged hit rate at ``k``: ``ranked`` maps a film to its ranked slugs, ``truth`` to
    its guide's curated slugs (those that exist among the films)."""
    found = total = 0
    per: dict[str, tuple[int, int]] = {}
    for slug, wanted in truth.items():
        if not wanted:
            continue
        top = set(list(ranked.get(slug, []))[:k])
        hits = sum(1 for target in wanted if target in top)
        per[slug] = (hits, len(wanted))
        found += hits
        total += len(wanted)
    return HitRate(k=k, found=found, total=total, per_guide=per)
