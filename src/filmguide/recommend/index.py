"""The similarity index: every signal as a matrix, the top *k* per film, and the guides' text."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from filmguide.recommend.reasons import decade, genre_source_reason, pair_closeness, ratings_text, text_signal
from filmguide.recommend.records import DEFAULT_WEIGHTS, FilmRecord, Similar, Weights
from filmguide.recommend.vocabulary import (
    ACCLAIM_IMDB,
    ACCLAIM_RT,
    CREATIVE_PHRASES,
    ERA_SCALE_YEARS,
    FILM_WORDS,
    IMDB_SPAN,
    PROPER_NOUN,
    RATINGS_REASON,
    RT_SPAN,
    TEXT_FULL,
    TEXT_REASON,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from scipy import sparse

    from filmguide.model import Guide

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

# ---------------------------------------------------------------------------------------------
# The guide text and themes


def guide_text(guide: Guide) -> str:
    """The guide's prose for TF-IDF (:meth:`Guide.prose`) and its genres; not the lists of other
    films nor the credits (cast, awards), whose names would make films alike by name alone."""
    parts = [paragraph.text for paragraph in guide.prose()]
    if guide.film_type:
        parts += guide.film_type.genres
    return PROPER_NOUN.sub(" ", "\n".join(parts))


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
                    (w.text * text_signal(cosine), f"Their guides share words: {', '.join(words)}")
                )
        sentence = genre_source_reason(a, b)
        if sentence:
            weight = w.genre * (a.genre == b.genre) + w.source * (a.source == b.source)
            weighted.append((weight, sentence))
        if a.creative_type is not None and a.creative_type == b.creative_type:
            phrase = CREATIVE_PHRASES.get(a.creative_type, a.creative_type.lower())
            weighted.append((w.creative_type, f"Also {phrase}"))
        if a.year is not None and b.year is not None and a.year // 10 == b.year // 10:
            weighted.append(
                (w.era * math.exp(-abs(a.year - b.year) / ERA_SCALE_YEARS), f"Also from {decade(a.year)}")
            )
        acclaim = float(self.acclaim[j])
        acclaimed = (b.imdb_rating or 0) >= ACCLAIM_IMDB or (b.rotten_tomatoes or 0) >= ACCLAIM_RT
        if acclaimed:
            weighted.append((w.acclaim * acclaim, f"Highly rated: {ratings_text(b)}"))
        closeness = pair_closeness(a, b)
        if closeness >= RATINGS_REASON and not acclaimed:
            weighted.append((w.ratings * closeness, f"Rated about the same: {ratings_text(b)}"))
        if not weighted:  # never a film without a reason: say what little it shares
            if a.year is not None and b.year is not None:
                weighted.append((0.0, f"Released {abs(a.year - b.year)} years apart"))
            elif b.imdb_rating is not None or b.rotten_tomatoes is not None:
                weighted.append((0.0, f"Rated {ratings_text(b)}"))
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
