"""Pseudo-relevance feedback: the keywords shared by the best hits widen a query a little.

A question such as "Hilfe bei Hochwasser" finds profiles about flood partnerships; the
keywords several of the top profiles share (Starkregen, Deich, Gewässer …) then also bring
in related profiles that use none of the query's words, ranked below the direct matches.
"""

from __future__ import annotations

import functools
from collections import Counter

import numpy as np

from index.analysis import analyze
from search.scoring import Scorer

TOP_DOCUMENTS = 5
MIN_SHARED = 2
MAX_TERMS = 8
WEIGHT = 0.12


@functools.lru_cache(maxsize=20_000)
def _keyword_terms(text: str) -> frozenset[str]:
    """The distinct terms of a keyword field (a pure function of the text: cached)."""
    return frozenset(analyze(text, split_compounds=False))


def feedback_terms(keyword_texts, scores: np.ndarray, visible: np.ndarray, query_terms: set[str]) -> list[str]:  # noqa: ANN001
    """Keywords shared by at least ``MIN_SHARED`` of the top ``visible`` documents by
    ``scores`` (never terms of the query itself), at most ``MAX_TERMS``, most shared
    first. ``keyword_texts(docnum)`` gives a document's keyword field. Raises nothing."""
    candidates = np.flatnonzero(visible & ~np.isnan(scores))
    if len(candidates) < MIN_SHARED:
        return []
    top = candidates[np.argsort(-scores[candidates], kind="stable")[:TOP_DOCUMENTS]]
    counts: Counter[str] = Counter()
    for docnum in top:
        counts.update(_keyword_terms(keyword_texts(int(docnum)) or ""))
    return [t for t, n in counts.most_common() if n >= MIN_SHARED and t not in query_terms][:MAX_TERMS]


def feedback_scores(scorer: Scorer, terms: list[str], scores: np.ndarray, visible: np.ndarray) -> np.ndarray | None:
    """Extra scores of the documents holding ``terms`` in keywords or title, scaled so
    that the best is ``WEIGHT`` times the best ``visible`` score, or None. Raises nothing."""
    if not terms:
        return None
    extra = np.zeros(scorer.size)
    for term in terms:
        found = scorer.alternative((term,), ("keywords", "title"))
        if found is not None:
            extra += found
    if not extra.any():
        return None
    best = np.nanmax(np.where(visible, scores, np.nan))
    # scaled so that feedback alone stays well below a direct match
    return extra / extra.max() * best * WEIGHT


def expansion(scorer: Scorer, keyword_texts, scores: np.ndarray, visible: np.ndarray,  # noqa: ANN001
              query_terms: set[str]) -> np.ndarray | None:
    """Extra scores from keywords shared by at least ``MIN_SHARED`` of the top visible
    documents (``feedback_terms``), or None. Raises nothing."""
    return feedback_scores(scorer, feedback_terms(keyword_texts, scores, visible, query_terms), scores, visible)
