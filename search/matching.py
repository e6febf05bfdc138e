"""From a query plan to scores and the matching documents: the part of a search both
storage engines share (only where postings and phrase positions come from differs)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from search.deadline import Deadline
from search.feedback import feedback_scores, feedback_terms
from search.query import PHRASE_BOOST, QueryPlan
from search.scoring import Scorer

Phrase = Callable[[tuple[str, ...]], "np.ndarray | None"]


def match_plan(
    plan: QueryPlan, scorer: Scorer, visible: np.ndarray, keyword_text: Callable[[int], str],
    phrase: Phrase, deadline: Deadline, *, public: tuple[QueryPlan, Scorer, Phrase] | None = None,
) -> tuple[np.ndarray | None, np.ndarray]:
    """(scores, matching): every document's score (NaN where it matches no query word;
    None for a plan without words) and the ``visible`` documents that match the plan,
    excluded words removed. ``phrase(tokens)`` scores a phrase; ``keyword_text(docnum)``
    gives a document's keywords for pseudo-relevance feedback. ``public``: for staff, the
    public's plan, scorer and phrase scoring of the same query; its feedback terms join
    the staff's own, so that staff find every profile the public finds (``plan`` holds
    the public plan's alternatives: ``search.query.merge_plans``). Raises SearchTimeout
    once ``deadline`` has passed (checked per word, phrase and exclusion)."""
    matching = visible  # never changed in place: without words it is ``visible`` itself
    scores = None
    if not plan.match_all:
        scores = _plan_scores(plan, scorer, phrase, deadline)
        if plan.concepts:
            terms = feedback_terms(keyword_text, scores, matching, plan.terms)
            if public is not None:
                public_plan, public_scorer, public_phrase = public
                public_scores = _plan_scores(public_plan, public_scorer, public_phrase, deadline)
                found = feedback_terms(keyword_text, public_scores, public_scorer.counted, public_plan.terms)
                terms += [t for t in found if t not in terms]
            extra = feedback_scores(scorer, terms, scores, matching)
            if extra is not None:
                scores = np.where(np.isnan(scores), np.where(extra > 0, extra, np.nan), scores + extra)
        matching = matching & ~np.isnan(scores)
    for tokens in plan.excluded:
        deadline.check()
        matching = matching & ~scorer.mask(tokens)
    return scores, matching


def _plan_scores(plan: QueryPlan, scorer: Scorer, phrase: Phrase, deadline: Deadline) -> np.ndarray:
    """The scores of a plan's concepts and phrases (NaN where none matches)."""
    concepts = []
    for concept in plan.concepts:
        deadline.check()
        concepts.append(scorer.concept(concept.alternatives))
    for tokens in plan.phrases:
        deadline.check()
        found = phrase(tokens)
        concepts.append(None if found is None else found * PHRASE_BOOST)
    return scorer.query(concepts)
