"""BM25 ranking over posting arrays with numpy, the same for both storage engines.

Whoosh scores through a tree of Python matcher objects, about 170 µs per matching
document for a query with synonyms and compound parts. Here each (field, term) posting
list is read once per index generation into arrays (document numbers, frequencies);
a query is then a few vectorised operations over dense per-document score arrays:

- a clause scores one term in one field with BM25 (per-field length normalisation); a
  domain filler word (``index.filler``) is not multiplied by a field boost above 1;
- an *alternative* (one or more terms that must all occur in the same field) adds its
  fields' clause scores, each times the field's boost;
- a *concept* takes its best alternative plus a small tie-break share of the others;
- a query adds its concepts and scales the sum by the share of concepts matched.

A scorer's statistics (document count, average field lengths, document frequencies)
come from the documents it *counts*: public searches count public profiles only, so
that private profiles never shape what the public sees (their words would lower the
weight of the same words in public profiles); staff searches count all.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from index.filler import filler_terms
from index.schema import FIELD_BOOSTS, TEXT_FIELDS

K1 = 1.2
B = 0.75
TIEBREAK = 0.1
# Weight of the share of concepts matched: score × (1 − C + C × matched / concepts).
COORDINATION = 0.5

Alternative = tuple[tuple[str, ...], float]
# (field, token) → (document numbers, term frequencies) of every document holding it, or None
RawPostings = Callable[[str, str], "tuple[np.ndarray, np.ndarray] | None"]


class Scorer:
    """Per-generation BM25 scorer with the statistics of the ``counted`` documents."""

    def __init__(self, size: int, lengths: Mapping[str, np.ndarray], counted: np.ndarray, raw: RawPostings,
                 *, cache: int = 50_000) -> None:
        """``size``: the number of document numbers; ``lengths``: per text field, every
        document's length as Whoosh keeps it (``index.columns``); ``counted``: which
        documents count (and can match); ``raw(field, token)``: the postings of a token in
        a field, in any documents (entries past ``size`` or of documents not counted are
        dropped). Raises what ``raw`` raises."""
        self.size = size
        self.counted = counted
        self.doc_count = max(int(np.count_nonzero(counted)), 1)
        self.norms: dict[str, np.ndarray] = {}
        for name in TEXT_FIELDS:
            field_lengths = np.asarray(lengths[name], dtype=np.float64)
            average = field_lengths[counted].sum() / self.doc_count or 1.0
            self.norms[name] = K1 * (1 - B + B * field_lengths / average)
        self._raw = raw
        self.filler = filler_terms()
        self.postings = functools.lru_cache(maxsize=cache)(self._postings)

    def _postings(self, name: str, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(docnums, BM25 clause scores) of ``token`` in field ``name`` among the counted
        documents, or None if none holds it."""
        found = self._raw(name, token)
        if found is None:
            return None
        ids, tf = found
        keep = ids < self.size
        keep[keep] = self.counted[ids[keep]]
        if not keep.all():
            ids, tf = ids[keep], tf[keep]
        df = len(ids)
        if df == 0:
            return None
        idf = math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))
        scores = idf * tf * (K1 + 1) / (tf + self.norms[name][ids])
        if token in self.filler:  # a filler word in the title is no more telling than in the text
            scores *= min(FIELD_BOOSTS[name], 1.0) / FIELD_BOOSTS[name]
        return ids, scores

    def doc_frequency(self, token: str) -> int:
        """The largest number of counted documents holding ``token`` in one field."""
        return max((len(found[0]) for name in TEXT_FIELDS if (found := self.postings(name, token)) is not None),
                   default=0)

    def known(self, token: str) -> bool:
        """Does a counted document hold ``token`` (in a text field)?"""
        return any(self.postings(name, token) is not None for name in TEXT_FIELDS)

    def alternative(self, tokens: tuple[str, ...], fields: Iterable[str] = TEXT_FIELDS) -> np.ndarray | None:
        """Dense scores of one alternative: per field, the sum of its tokens' clause
        scores where all of them occur, times the field's boost; summed over fields.
        None if it matches nothing."""
        total: np.ndarray | None = None
        for name in fields:
            found = []
            for token in tokens:
                posting = self.postings(name, token)
                if posting is None:
                    break
                found.append(posting)
            else:
                if not found or not all(len(ids) for ids, _ in found):
                    continue
                if len(found) == 1:  # most alternatives: add the clause scores where they are
                    ids, scores = found[0]
                    total = np.zeros(self.size) if total is None else total
                    total[ids] += scores * FIELD_BOOSTS[name]  # document numbers are unique
                    continue
                field_scores = np.zeros(self.size)
                occurrences = np.zeros(self.size, dtype=np.int32)
                for ids, scores in found:
                    occurrences[ids] += 1
                    field_scores[ids] += scores
                present = occurrences == len(found)
                if present.any():
                    weighted = np.where(present, field_scores, 0.0) * FIELD_BOOSTS[name]
                    total = weighted if total is None else total + weighted
        return total

    def mask(self, tokens: tuple[str, ...]) -> np.ndarray:
        """Documents where all ``tokens`` occur in one field (for exclusions)."""
        scores = self.alternative(tokens)
        return np.zeros(self.size, dtype=bool) if scores is None else scores > 0

    def phrase_scores(self, tokens: tuple[str, ...], matches: dict[str, np.ndarray]) -> np.ndarray | None:
        """Per field, the documents where the phrase occurs (``matches``) score like the
        alternative of its tokens in that field, times the field's boost; summed over
        fields. None if it occurs nowhere."""
        total: np.ndarray | None = None
        for name, docs in matches.items():
            scores = self.alternative(tokens, (name,))
            if scores is None or not len(docs):
                continue
            masked = np.zeros(self.size)
            masked[docs] = scores[docs]
            total = masked if total is None else total + masked
        return total

    def concept(self, alternatives: Iterable[Alternative]) -> np.ndarray | None:
        """Best alternative per document plus ``TIEBREAK`` times the others."""
        best: np.ndarray | None = None
        total: np.ndarray | None = None
        for tokens, boost in alternatives:
            scores = self.alternative(tokens)
            if scores is None:
                continue
            scores = scores * boost
            best = scores if best is None else np.maximum(best, scores)
            total = scores if total is None else total + scores
        if best is None or total is None:
            return None
        return best + TIEBREAK * (total - best)

    def query(self, concepts: list[np.ndarray | None]) -> np.ndarray:
        """Sum of concept scores scaled by the share of concepts matched; NaN where a
        document matches no concept."""
        scores = np.zeros(self.size)
        matched = np.zeros(self.size)
        for concept in concepts:
            if concept is not None:
                scores += concept
                matched += concept > 0
        result = scores * (1 - COORDINATION + COORDINATION * matched / max(len(concepts), 1))
        result[matched == 0] = np.nan
        return result
