"""Similar cooperations by task: a weighted sum of parts over every document at once — a
lexical more-like-this over keywords, title and goal/implementation text, the source's
keywords against other profiles' keywords and titles, the task areas both share and the
semantic layer's cosines (``search.similar_parts``). ``tools/tune_similar.py`` measures and
tunes the weights; the README has each part's contribution."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import numpy as np

from index.analysis import weighted_tokens
from index.filler import filler_terms
from index.synonyms import SynonymLexicon
from search.scoring import Scorer

# How much each field of the source profile says about its topic.
SOURCE_WEIGHTS = {"keywords": 3.0, "title": 2.5, "ziel": 1.0, "umsetzung": 1.0, "anlass": 0.6}
MAX_TERMS = 25
# Terms in more than this share of all profiles say nothing about a topic.
MAX_DOC_SHARE = 0.25
SYNONYM_WEIGHT = 0.5
SIMILAR_FIELDS = ("title", "keywords", "ziel", "umsetzung", "anlass")
# The parts' weights (tools/tune_similar.py; see the README's table): the lexical
# more-like-this relative to the source's own score, the semantic cosines' share above
# SEMANTIC_FLOOR (profile with profile, and the source's title and keywords with each
# profile), and the task areas shared (search.similar_parts.area_overlap).
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 0.5
SEMANTIC_FLOOR = 0.1
HEADLINE_WEIGHT = 0.5
AREA_WEIGHT = 0.4
# the task groups shared (search.task_groups.group_overlap): same group ≫ same area
GROUP_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.25
KEYWORD_FIELDS = ("keywords", "title")
# the cosine from which a profile sharing no topical word and no task area may be named
SEMANTIC_ADD_FLOOR = 0.7


def surely_common(scorer: Scorer, bound: int) -> bool:
    """Is a token that at most ``bound`` documents hold in one field (counted or not)
    too common for similarity however many of them ``scorer`` counts? Then its postings
    need not be read."""
    hidden = scorer.size - scorer.doc_count  # documents the scorer does not count
    return bound - hidden > common_limit(scorer)


def common_limit(scorer: Scorer) -> float:
    """Tokens in more counted documents than this say nothing about a topic."""
    return max(3, MAX_DOC_SHARE * scorer.doc_count)


def source_terms(fields: dict[str, str]) -> Counter[str]:
    """Weighted tokens of a source profile's topical fields. A compound's parts count as
    much as the index weighs them (``index.analysis.PART_WEIGHT``: little), so that
    Wertstoffhof and Friedhof are not alike for their *hof*; domain filler words
    (``index.filler``) not at all. Raises OSError if the filler list is missing."""
    weights: Counter[str] = Counter()
    filler = filler_terms()  # gemeinsam, interkommunal …: every cooperation says them
    for name, weight in SOURCE_WEIGHTS.items():
        for token, boost in weighted_tokens(fields.get(name) or ""):
            if token not in filler:
                weights[token] += weight * boost
    return weights


def rank_similar(
    fields: dict[str, str], scorer: Scorer, upper: Callable[[str], int], lexicon: SynonymLexicon, docnum: int,
    *, limit: int, areas: np.ndarray | None = None, groups: np.ndarray | None = None,
    similarity: np.ndarray | None = None, headline: np.ndarray | None = None, weights: Counter[str] | None = None,
) -> list[tuple[int, float]]:
    """(docnum, score relative to the source's own) of the ``limit`` documents most like
    ``docnum`` among those ``scorer`` counts (the requester's visible documents, whose
    statistics weigh the terms), itself excluded. ``fields``: the source's stored texts
    (``weights``: their ``source_terms`` if already computed);
    ``upper(token)``: at least the number of documents holding ``token`` in one field,
    counted or not (tokens surely too common are skipped without reading postings).
    The parts, each an array over all documents or None when unknown:
    ``areas``, how much a document shares the source's task areas
    (``search.similar_parts.area_overlap``); ``groups``, how much it shares the source's
    task groups (``search.task_groups.group_overlap``); ``similarity``, the cosine of its profile
    vector with the source's; ``headline``, the cosine of its profile vector with the
    vector of the source's title and keywords (the semantic layer, ``search.semantic``).
    Raises what the scorer raises."""
    frequencies: dict[str, int] = {}  # shared by both lexical parts: each token looked up once
    weights = source_terms(fields) if weights is None else weights
    lexical = _lexical(weights, scorer, upper, lexicon, docnum, frequencies, SIMILAR_FIELDS)
    scores = LEXICAL_WEIGHT * lexical
    candidates = lexical > 0
    if KEYWORD_WEIGHT:
        keywords = source_terms({"keywords": fields.get("keywords") or ""})
        scores = scores + KEYWORD_WEIGHT * _lexical(keywords, scorer, upper, lexicon, docnum, frequencies,
                                                    KEYWORD_FIELDS)
    if similarity is not None:
        scores = scores + SEMANTIC_WEIGHT * _lift(similarity, SEMANTIC_FLOOR)
        candidates |= similarity >= SEMANTIC_ADD_FLOOR
    if headline is not None:
        scores = scores + HEADLINE_WEIGHT * _lift(headline, SEMANTIC_FLOOR)
    if areas is not None:
        scores = scores + AREA_WEIGHT * areas
        candidates |= areas > 0
    if groups is not None and GROUP_WEIGHT:  # 0: the part off, as if it did not exist
        scores = scores + GROUP_WEIGHT * groups
        candidates |= groups > 0
    scores = np.where(candidates, scores, 0.0)
    allowed = scorer.counted & (scores > 0)
    allowed[docnum] = False
    chosen = np.flatnonzero(allowed)
    order = np.lexsort((chosen, -scores[chosen]))[:limit]
    # scores relative to the source's own score (a copy of the source would score 1.0)
    scale = scores[docnum] or 1.0
    return [(int(chosen[i]), round(float(scores[chosen[i]] / scale), 4)) for i in order]


def _lift(similarity: np.ndarray, floor: float) -> np.ndarray:
    """The part of each cosine above ``floor``, scaled to 0..1."""
    return np.clip((similarity - floor) / (1.0 - floor), 0.0, 1.0)


def _lexical(weights: Counter[str], scorer: Scorer, upper: Callable[[str], int], lexicon: SynonymLexicon,
             docnum: int, frequencies: dict[str, int], targets: tuple[str, ...]) -> np.ndarray:
    """The more-like-this score of every document, over the fields ``targets``, for the
    source's weighted tokens ``weights``, relative to the source's own (0 where no topical
    word is shared). ``frequencies`` keeps the document frequencies looked up."""
    total = scorer.doc_count
    common = common_limit(scorer)
    scored: dict[str, float] = {}
    for token, weight in weights.items():
        bound = upper(token)
        if bound == 0 or surely_common(scorer, bound):
            continue
        df = frequencies.get(token)
        if df is None:
            df = frequencies[token] = scorer.doc_frequency(token)
        if df == 0 or df > common:
            continue  # too common to say anything about a topic
        score = weight * math.log(1 + total / df)
        scored[token] = max(scored.get(token, 0.0), score)
        # synonyms (Müll ~ Abfall) count too, at half weight
        for form in lexicon.expansions(token):
            if len(form) == 1 and form[0] != token:
                scored[form[0]] = max(scored.get(form[0], 0.0), score * SYNONYM_WEIGHT)
    ranked = sorted(((score, token) for token, score in scored.items()), reverse=True)
    scores = np.zeros(scorer.size)
    for weight, token in ranked[:MAX_TERMS]:
        found = scorer.alternative((token,), targets)
        if found is not None:
            scores += weight * found
    return scores / (scores[docnum] or 1.0)
