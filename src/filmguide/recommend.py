"""Recommendations that say why: for every film, similar films with a score and reasons.

Pure computation, no database: the inputs are the films (:class:`FilmRecord`, from the catalog or
from a guide alone), the guides keyed by their film's slug, the guides' curated lists (already
matched to slugs by the caller: the store links them, :mod:`filmguide.store.linking`), the
guides' themes, and co-reading counts from recorded views once there are any. The output for each
film is a ranked list of :class:`Similar`.

This runs ahead of time (when a guide or the catalog changes) and its output is stored: the web
server only reads stored lists. numpy, scipy and scikit-learn are therefore imported inside the
functions that compute, never when this module is imported, so a serve worker that imports
:class:`Similar` does not load them.

How it scores (weights in :data:`DEFAULT_WEIGHTS`, explained in ``docs/recommend.md``): each
signal gives a value in [0, 1] for a pair of films; the score is their weighted sum divided by
the sum of all weights, so it lies in [0, 1]. The facts are compared as whole matrices (one row
block at a time) and the top *k* taken per row; reasons are written only for the films kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from filmguide.slugs import slugify_title

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from scipy import sparse

    from filmguide.catalog import CatalogFilm
    from filmguide.model import Guide

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

# ---------------------------------------------------------------------------------------------
# Inputs and outputs


@dataclass(frozen=True, slots=True)
class FilmRecord:
    """The facts of one film that recommendations compare; unknown facts are ``None``."""

    slug: str
    title: str
    year: int | None = None
    directors: tuple[str, ...] = ()
    genre: str | None = None
    creative_type: str | None = None
    source: str | None = None
    mpaa: str | None = None
    imdb_rating: float | None = None
    rotten_tomatoes: int | None = None
    source_kind: str | None = None
    """The guide's own word for the adapted work ("novel", "play"), when a guide says it."""

    @classmethod
    def from_catalog(cls, film: CatalogFilm) -> FilmRecord:
        return cls(
            slug=film.slug,
            title=film.title,
            year=film.year,
            directors=tuple(film.directors),
            genre=film.genre,
            creative_type=film.creative_type,
            source=film.source,
            mpaa=film.mpaa_rating,
            imdb_rating=film.imdb_rating,
            rotten_tomatoes=film.rotten_tomatoes,
        )

    @classmethod
    def from_guide(cls, guide: Guide, slug: str | None = None) -> FilmRecord:
        """A film known only from its guide: title, year, directors, and the genre and source the
        guide names, mapped to the catalog's words when they map."""
        kind = guide.adaptation.source.kind if guide.adaptation and guide.adaptation.source else None
        return cls(
            slug=slug or guide.slug or slugify_title(guide.title),
            title=guide.title,
            year=guide.year,
            directors=tuple(guide.directors),
            genre=catalog_genre(guide.film_type.genres if guide.film_type else []),
            source=catalog_source(kind),
            source_kind=kind.strip().lower() if kind else None,
        )

    def completed_by(self, guide: Guide) -> FilmRecord:
        """This record with its missing facts filled from the film's guide (never overwritten)."""
        other = FilmRecord.from_guide(guide, self.slug)
        changes: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if mine in (None, ()) and theirs not in (None, ()):
                changes[f.name] = theirs
        return replace(self, **changes) if changes else self


@dataclass(frozen=True, slots=True)
class Similar:
    """One recommended film: what the JSON's ``similar`` lists."""

    slug: str
    title: str
    year: int | None
    score: float
    reasons: tuple[str, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "year": self.year,
            "score": self.score,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each signal counts; the score divides by their sum, so only ratios matter."""

    curated: float = 0.30
    text: float = 0.20
    themes: float = 0.12
    co_read: float = 0.10
    director: float = 0.08
    genre: float = 0.06
    source: float = 0.04
    creative_type: float = 0.03
    era: float = 0.04
    ratings: float = 0.01
    acclaim: float = 0.03
    mpaa: float = 0.01

    @property
    def total(self) -> float:
        return float(sum(getattr(self, f.name) for f in fields(self)))


DEFAULT_WEIGHTS = Weights()

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
_PROPER_NOUN = re.compile(r"(?<=[a-z,;’'\")] )[A-Z][\w’'-]*")
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

_GENRE_NOUNS = {
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
_SOURCE_PHRASES = {
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
_CREATIVE_PHRASES = {
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
_GUIDE_GENRES = (
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
_GUIDE_SOURCES = (
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


def catalog_genre(genres: Iterable[str]) -> str | None:
    """The catalog genre a guide's genre words name: ``["Romance", "Drama"]`` → ``"Drama"``."""
    for word in genres:
        low = word.strip().lower()
        for needle, genre in _GUIDE_GENRES:
            if needle in low:
                return genre
    return None


def catalog_source(kind: str | None) -> str | None:
    """The catalog source a guide's adaptation kind names: ``"novel"`` → ``"Based on Book/Short Story"``."""
    if not kind:
        return None
    low = kind.strip().lower()
    for needle, source in _GUIDE_SOURCES:
        if needle in low.split() or (" " in needle and needle in low):
            return source
    return None


def _decade(year: int) -> str:
    return f"the {year // 10 * 10}s"


def _genre_source_reason(a: FilmRecord, b: FilmRecord) -> str | None:
    genre = a.genre if a.genre is not None and a.genre == b.genre else None
    source = a.source if a.source is not None and a.source == b.source else None
    if genre is None and source is None:
        return None
    noun = _GENRE_NOUNS.get(genre, "a film") if genre else None
    phrase = _SOURCE_PHRASES.get(source, source.lower()) if source else None
    if phrase and source == "Based on Book/Short Story" and a.source_kind and a.source_kind == b.source_kind:
        phrase = f"based on a {a.source_kind}"
    if noun and phrase:
        return f"Also {noun} {phrase}"
    return f"Also {noun or phrase}"


def _ratings_text(film: FilmRecord) -> str:
    parts = []
    if film.imdb_rating is not None:
        parts.append(f"IMDb {film.imdb_rating:g}")
    if film.rotten_tomatoes is not None:
        parts.append(f"Rotten Tomatoes {film.rotten_tomatoes}%")
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------------
# The guide text and themes


def guide_text(guide: Guide) -> str:
    """The guide's prose for TF-IDF (:meth:`Guide.prose`) and its genres; not the lists of other
    films nor the credits (cast, awards), whose names would make films alike by name alone."""
    parts = [paragraph.text for paragraph in guide.prose()]
    if guide.film_type:
        parts += guide.film_type.genres
    return _PROPER_NOUN.sub(" ", "\n".join(parts))


def themes_of(guides: Mapping[str, Guide]) -> dict[str, list[str]]:
    """Each guide's theme names from :mod:`filmguide.themes`, or none while that module is absent."""
    try:
        from filmguide.themes import find_themes  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return {}
    return {slug: [str(theme.name) for theme in find_themes(guide)] for slug, guide in guides.items()}


# ---------------------------------------------------------------------------------------------
# The index


def _codes(values: Sequence[str | None]) -> IntArray:
    import numpy as np

    table: dict[str, int] = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def _incidence(rows: Sequence[Iterable[str]], n: int) -> sparse.csr_matrix:
    """A binary film × label matrix (labels compared case-insensitively)."""
    import numpy as np
    from scipy import sparse

    table: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for labels in rows:
        seen = sorted({table.setdefault(label.strip().lower(), len(table)) for label in labels})
        indices += seen
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, max(len(table), 1)))


def _equal(codes: IntArray, rows: IntArray) -> FloatArray:
    import numpy as np

    mine = codes[rows][:, None]
    same: FloatArray = ((mine == codes[None, :]) & (mine >= 0)).astype(np.float64)
    return same


class SimilarityIndex:
    """Everything needed to rank films against each other, built once by :func:`build_index`."""

    def __init__(
        self,
        films: Sequence[FilmRecord],
        guides: Mapping[str, Guide],
        curated: Mapping[str, Sequence[str]],
        themes: Mapping[str, Sequence[str]],
        weights: Weights,
    ) -> None:
        import numpy as np
        from scipy import sparse

        self.films = list(films)
        self.weights = weights
        self.guides = dict(guides)
        self.row = {film.slug: n for n, film in enumerate(self.films)}
        if len(self.row) != len(self.films):
            raise ValueError("film slugs must be unique")
        n = len(self.films)
        #: Rank of each film's slug: ties are broken by slug, the same in every run.
        self.order = np.argsort(np.argsort(np.array([f.slug for f in self.films]), kind="stable"))
        self.genre = _codes([f.genre for f in self.films])
        self.creative = _codes([f.creative_type for f in self.films])
        self.source = _codes([f.source for f in self.films])
        self.mpaa = _codes([f.mpaa for f in self.films])
        self.year = np.array([np.nan if f.year is None else f.year for f in self.films], dtype=np.float64)
        self.imdb = np.array(
            [np.nan if f.imdb_rating is None else f.imdb_rating for f in self.films], dtype=np.float64
        )
        self.rt = np.array(
            [np.nan if f.rotten_tomatoes is None else f.rotten_tomatoes for f in self.films], dtype=np.float64
        )
        self.acclaim = _acclaim(self.imdb, self.rt)
        self.directors = _incidence([f.directors for f in self.films], n)
        self.directors_t = self.directors.T.tocsr()
        self.theme_names = {slug: list(names) for slug, names in themes.items() if slug in self.row}
        theme_matrix = _incidence([self.theme_names.get(f.slug, []) for f in self.films], n)
        norms = np.sqrt(np.asarray(theme_matrix.sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.themes = sparse.csr_matrix(sparse.diags(1.0 / norms) @ theme_matrix)
        self.themes_t = self.themes.T.tocsr()
        self.text, self.terms = _tfidf([(self.row[s], guide_text(g)) for s, g in guides.items()], n)
        self.text_t = self.text.T.tocsr()
        self._text_rows: dict[int, dict[int, float]] = {
            i: dict(
                zip(self.text.indices[start:end].tolist(), self.text.data[start:end].tolist(), strict=True)
            )
            for i, (start, end) in enumerate(zip(self.text.indptr[:-1], self.text.indptr[1:], strict=True))
            if end > start
        }
        # Curated: value 1 + (L - position) / L, so curated films sort first, in the guide's order.
        cur_rows: list[int] = []
        cur_cols: list[int] = []
        cur_vals: list[float] = []
        self.curated: dict[int, list[int]] = {}
        for slug, targets in curated.items():
            if slug not in self.row:
                continue
            i = self.row[slug]
            kept = [self.row[t] for t in dict.fromkeys(targets) if t in self.row and t != slug]
            self.curated[i] = kept
            for position, j in enumerate(kept):
                cur_rows.append(i)
                cur_cols.append(j)
                cur_vals.append(1.0 + (len(kept) - position) / len(kept))
        self.curated_matrix = sparse.csr_matrix((cur_vals, (cur_rows, cur_cols)), shape=(n, n))

    # -- public

    def __contains__(self, slug: object) -> bool:
        return slug in self.row

    def similar(
        self,
        slug: str,
        k: int = 10,
        co_reads: Mapping[str, int] | None = None,
        use_curated: bool = True,
    ) -> list[Similar]:
        """The ``k`` films most like ``slug`` (curated ones first), never the film itself.

        ``co_reads`` maps another film's slug to how many readers of this film's guide also read
        that one's."""
        result = self._rank([self.row[slug]], k, {slug: co_reads} if co_reads else None, use_curated)
        return result[slug]

    def similar_all(
        self,
        k: int = 10,
        co_reads: Mapping[str, Mapping[str, int]] | None = None,
        use_curated: bool = True,
        block: int = 512,
    ) -> dict[str, list[Similar]]:
        """:meth:`similar` for every film (slug → list), computed a block of rows at a time."""
        out: dict[str, list[Similar]] = {}
        rows = list(range(len(self.films)))
        for start in range(0, len(rows), block):
            out.update(self._rank(rows[start : start + block], k, co_reads, use_curated))
        return out

    def scores(
        self, slug: str, co_reads: Mapping[str, int] | None = None, use_curated: bool = True
    ) -> dict[str, float]:
        """Every other film's score against ``slug`` (for inspection and tests)."""
        import numpy as np

        i = self.row[slug]
        rows = np.array([i])
        total = self._components(rows, {slug: co_reads} if co_reads else None, use_curated)[0]
        return {f.slug: float(total[0, j]) for j, f in enumerate(self.films) if j != i}

    # -- scoring

    def _co_read_matrix(self, co_reads: Mapping[str, Mapping[str, int]], rows: IntArray) -> FloatArray:
        import numpy as np

        out = np.zeros((len(rows), len(self.films)), dtype=np.float64)
        for r, i in enumerate(rows):
            counts = co_reads.get(self.films[i].slug) or {}
            pairs = [(self.row[s], c) for s, c in counts.items() if s in self.row and c > 0]
            if pairs:
                top = max(c for _, c in pairs)
                for j, c in pairs:
                    out[r, j] = c / top
        return out

    def _components(
        self,
        rows: IntArray,
        co_reads: Mapping[str, Mapping[str, int]] | None,
        use_curated: bool,
    ) -> tuple[FloatArray, FloatArray]:
        """(score, sort key) for the films of ``rows`` against all films."""
        import numpy as np

        w = self.weights
        total = w.genre * _equal(self.genre, rows)
        total += w.creative_type * _equal(self.creative, rows)
        total += w.source * _equal(self.source, rows)
        total += w.mpaa * _equal(self.mpaa, rows)
        total += w.director * ((self.directors[rows] @ self.directors_t).toarray() > 0)
        gap = np.abs(self.year[rows][:, None] - self.year[None, :])
        total += w.era * np.nan_to_num(np.exp(-gap / ERA_SCALE_YEARS), nan=0.0)
        total += w.ratings * _closeness(self.imdb, self.rt, rows)
        total += w.acclaim * self.acclaim[None, :]
        total += w.themes * (self.themes[rows] @ self.themes_t).toarray()
        total += w.text * np.minimum(1.0, (self.text[rows] @ self.text_t).toarray() / TEXT_FULL)
        if co_reads:
            total += w.co_read * self._co_read_matrix(co_reads, rows)
        curated = self.curated_matrix[rows].toarray() if use_curated else None
        if curated is not None:
            total += w.curated * (curated > 0)
        total /= w.total
        np.clip(total, 0.0, 1.0, out=total)
        # Rounded before ranking, so equal-looking scores tie and ties go by slug in every run.
        key = np.round(total, 6)
        if curated is not None:
            key += 2.0 * curated
        key[np.arange(len(rows)), rows] = -np.inf
        return total, key

    def _rank(
        self,
        rows: Sequence[int],
        k: int,
        co_reads: Mapping[str, Mapping[str, int]] | None,
        use_curated: bool,
    ) -> dict[str, list[Similar]]:
        import numpy as np

        index = np.asarray(rows, dtype=np.int64)
        total, key = self._components(index, co_reads, use_curated)
        n = len(self.films)
        kk = min(k, n - 1)
        out: dict[str, list[Similar]] = {}
        if kk <= 0:
            return {self.films[i].slug: [] for i in rows}
        threshold = np.partition(key, n - kk, axis=1)[:, n - kk]
        for r, i in enumerate(rows):
            line = key[r]
            candidates = np.flatnonzero(line >= threshold[r])
            ranked = candidates[np.lexsort((self.order[candidates], -line[candidates]))][:kk]
            film = self.films[i]
            co = (co_reads or {}).get(film.slug) or {}
            curated = set(self.curated.get(i, [])) if use_curated else set()
            out[film.slug] = [
                self._similar(i, int(j), float(total[r, j]), int(j) in curated, co) for j in ranked
            ]
        return out

    # -- reasons

    def _similar(self, i: int, j: int, score: float, curated: bool, co: Mapping[str, int]) -> Similar:
        a, b = self.films[i], self.films[j]
        w = self.weights
        weighted: list[tuple[float, str]] = []
        if curated:
            guide = self.guides.get(a.slug)
            weighted.append((w.curated, f"Recommended by the {guide.title if guide else a.title} guide"))
        if co.get(b.slug, 0) > 0:
            weighted.append((w.co_read, "Readers of this guide also read it"))
        shared = sorted({d for d in a.directors if d.lower() in {x.lower() for x in b.directors}})
        if shared:
            weighted.append((w.director, f"Same director: {', '.join(shared)}"))
        mine = self.theme_names.get(a.slug, [])
        theirs = {t.lower() for t in self.theme_names.get(b.slug, [])}
        common = [t for t in mine if t.lower() in theirs]
        if common:
            weighted.append((w.themes, f"Shared themes: {', '.join(common)}"))
        text = self._text_rows.get(i, {}), self._text_rows.get(j, {})
        cosine = sum(weight * text[1][term] for term, weight in text[0].items() if term in text[1])
        if cosine >= TEXT_REASON:
            words = self._shared_terms(text[0], text[1])
            if words:
                weighted.append(
                    (w.text * _text_signal(cosine), f"Their guides share words: {', '.join(words)}")
                )
        sentence = _genre_source_reason(a, b)
        if sentence:
            weight = w.genre * (a.genre == b.genre) + w.source * (a.source == b.source)
            weighted.append((weight, sentence))
        if a.creative_type is not None and a.creative_type == b.creative_type:
            phrase = _CREATIVE_PHRASES.get(a.creative_type, a.creative_type.lower())
            weighted.append((w.creative_type, f"Also {phrase}"))
        if a.year is not None and b.year is not None and a.year // 10 == b.year // 10:
            weighted.append(
                (w.era * math.exp(-abs(a.year - b.year) / ERA_SCALE_YEARS), f"Also from {_decade(a.year)}")
            )
        acclaim = float(self.acclaim[j])
        acclaimed = (b.imdb_rating or 0) >= ACCLAIM_IMDB or (b.rotten_tomatoes or 0) >= ACCLAIM_RT
        if acclaimed:
            weighted.append((w.acclaim * acclaim, f"Highly rated: {_ratings_text(b)}"))
        closeness = _pair_closeness(a, b)
        if closeness >= RATINGS_REASON and not acclaimed:
            weighted.append((w.ratings * closeness, f"Rated about the same: {_ratings_text(b)}"))
        if not weighted:  # never a film without a reason: say what little it shares
            if a.year is not None and b.year is not None:
                weighted.append((0.0, f"Released {abs(a.year - b.year)} years apart"))
            elif b.imdb_rating is not None or b.rotten_tomatoes is not None:
                weighted.append((0.0, f"Rated {_ratings_text(b)}"))
            else:
                weighted.append((0.0, "Also in the catalog"))
        weighted.sort(key=lambda pair: -pair[0])
        reasons = tuple(sentence for _, sentence in weighted)
        return Similar(slug=b.slug, title=b.title, year=b.year, score=round(score, 4), reasons=reasons)

    def _shared_terms(
        self, mine: Mapping[int, float], theirs: Mapping[int, float], count: int = 3
    ) -> list[str]:
        products = sorted(
            ((-weight * theirs[term], self.terms[term]) for term, weight in mine.items() if term in theirs)
        )
        return [term for _, term in products[:count]]


def _pair_closeness(a: FilmRecord, b: FilmRecord) -> float:
    """:func:`_closeness` for one pair, in plain Python (for reasons)."""
    parts = []
    if a.imdb_rating is not None and b.imdb_rating is not None:
        parts.append(max(0.0, 1.0 - abs(a.imdb_rating - b.imdb_rating) / IMDB_SPAN))
    if a.rotten_tomatoes is not None and b.rotten_tomatoes is not None:
        parts.append(max(0.0, 1.0 - abs(a.rotten_tomatoes - b.rotten_tomatoes) / RT_SPAN))
    return sum(parts) / len(parts) if parts else 0.0


def _text_signal(cosine: float) -> float:
    """The text signal in [0, 1]: the guides' cosine, with :data:`TEXT_FULL` counting as fully alike."""
    return min(1.0, cosine / TEXT_FULL)


def _acclaim(imdb: FloatArray, rt: FloatArray) -> FloatArray:
    """How acclaimed each film is, in [0, 1]: the mean of its known ratings, rescaled (IMDb 6 → 0,
    8.5 → 1; Rotten Tomatoes 50% → 0, 95% → 1); 0 when neither is known."""
    import numpy as np

    parts = np.stack([np.clip((imdb - 6.0) / 2.5, 0.0, 1.0), np.clip((rt - 50.0) / 45.0, 0.0, 1.0)])
    known = ~np.isnan(parts)
    counts = known.sum(axis=0)
    sums = np.where(known, parts, 0.0).sum(axis=0)
    return np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)


def _closeness(imdb: FloatArray, rt: FloatArray, rows: IntArray, cols: IntArray | None = None) -> FloatArray:
    """How close the ratings of each row film are to each column film's, in [0, 1] (mean over the
    ratings both have; 0 when they share none)."""
    import numpy as np

    other_imdb = imdb if cols is None else imdb[cols]
    other_rt = rt if cols is None else rt[cols]
    a = np.clip(1.0 - np.abs(imdb[rows][:, None] - other_imdb[None, :]) / IMDB_SPAN, 0.0, 1.0)
    b = np.clip(1.0 - np.abs(rt[rows][:, None] - other_rt[None, :]) / RT_SPAN, 0.0, 1.0)
    known_a, known_b = ~np.isnan(a), ~np.isnan(b)
    counts = known_a.astype(np.float64) + known_b
    sums = np.where(known_a, a, 0.0) + np.where(known_b, b, 0.0)
    return np.where(counts > 0, sums / np.maximum(counts, 1.0), 0.0)


def _tfidf(documents: Sequence[tuple[int, str]], n: int) -> tuple[sparse.csr_matrix, list[str]]:
    """TF-IDF rows (L2-normalised) of the guides' text, placed at their films' rows; films
    without a guide have an empty row. scikit-learn is imported here, never at module import."""
    from scipy import sparse
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    empty = sparse.csr_matrix((n, 1), dtype="float64")
    if not documents:
        return empty, [""]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | FILM_WORDS),
        strip_accents="unicode",
        sublinear_tf=True,
        token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b",
    )
    try:
        matrix = vectorizer.fit_transform([text for _, text in documents]).tocoo()
    except ValueError:  # no words at all
        return empty, [""]
    rows = [documents[r][0] for r in matrix.row]
    placed = sparse.csr_matrix((matrix.data, (rows, matrix.col)), shape=(n, matrix.shape[1]))
    placed.sum_duplicates()
    return placed, [str(t) for t in vectorizer.get_feature_names_out()]


def build_index(
    films: Sequence[FilmRecord],
    guides: Mapping[str, Guide],
    *,
    curated: Mapping[str, Sequence[str]] | None = None,
    themes: Mapping[str, Sequence[str]] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> SimilarityIndex:
    """An index over ``films`` and the films of ``guides`` (keyed by their film's slug).

    A guide whose slug is not among ``films`` adds a film known from the guide alone; a film
    with a guide gets its missing facts (genre, source) from it. ``curated`` maps a guide's slug
    to its recommended films' slugs (unknown slugs are ignored); ``themes`` maps a film's slug to
    its guide's theme names, found with :mod:`filmguide.themes` when not given.
    """
    records = list(films)
    position = {film.slug: n for n, film in enumerate(records)}
    for slug, guide in guides.items():
        if slug in position:
            records[position[slug]] = records[position[slug]].completed_by(guide)
        else:
            position[slug] = len(records)
            records.append(FilmRecord.from_guide(guide, slug))
    return SimilarityIndex(
        records,
        guides,
        curated or {},
        themes_of(guides) if themes is None else themes,
        weights,
    )


def similar_all(
    films: Sequence[FilmRecord],
    guides: Mapping[str, Guide],
    *,
    curated: Mapping[str, Sequence[str]] | None = None,
    themes: Mapping[str, Sequence[str]] | None = None,
    co_reads: Mapping[str, Mapping[str, int]] | None = None,
    k: int = 10,
) -> dict[str, list[Similar]]:
    """Every film's similar films in one call: what the store saves when guides or the catalog change."""
    index = build_index(films, guides, curated=curated, themes=themes)
    return index.similar_all(k=k, co_reads=co_reads)


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
