"""From a query plan to scores and the matching documents: the part of a search both
storage engines share (only where postings and phrase positions come from differs)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from search.deadline import Deadline
from search.feedback import expansion
from search.query import PHRASE_BOOST, QueryPlan
from search.scoring import Scorer


def match_plan(
    plan: QueryPlan, scorer: Scorer, visible: np.ndarray, keyword_text: Callable[[int], str],
    phrase: Callable[[tuple[str, ...]], np.ndarray | None], deadline: Deadline,
) -> tuple[np.ndarray | None, np.ndarray]:
    """(scores, matching): every document's score (NaN where it matches no query word;
    None for a plan without words) and the ``visible`` documents that match the plan,
    excluded words removed. ``phrase(tokens)`` scores a phrase; ``keyword_text(docnum)``
    gives a document's keywords for pseudo-relevance feedback. Raises SearchTimeout once
    ``deadline`` has passed (checked per word, phrase and exclusion)."""
    matching = visible  # never changed in place: without words it is ``visible`` itself
    scores = None
    if not plan.match_all:
        concepts = []
        for concept in plan.concepts:
            deadline.check()
            concepts.append(scorer.concept(concept.alternatives))
        for tokens in plan.phrases:
            deadline.check()
            found = phrase(tokens)
            concepts.append(None if found is None else found * PHRASE_BOOST)
        scores = scorer.query(concepts)
        if plan.concepts:
            extra = expansion(scorer, keyword_text, scores, matching, plan.terms)
            if extra is not None:
                scores = np.where(np.isnan(scores), np.where(extra > 0, extra, np.nan), scores + extra)
        matching = matching & ~np.isnan(scores)
    for tokens in plan.excluded:
        deadline.check()
        matching = matching & ~scorer.mask(tokens)
    return scores, matching
