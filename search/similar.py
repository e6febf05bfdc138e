"""Similar cooperations: more-like-this over keywords, title and goal/implementation text."""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Callable

import numpy as np
from whoosh.searching import Searcher

from index.analysis import analyze
from index.schema import TEXT_FIELDS
from index.synonyms import SynonymLexicon
from search.facets import FacetTable
from search.model import SimilarHit
from search.scoring import Scorer

# How much each field of the source profile says about its topic.
SOURCE_WEIGHTS = {"keywords": 3.0, "title": 2.5, "ziel": 1.0, "umsetzung": 1.0, "anlass": 0.6}
MAX_TERMS = 25
# Terms in more than this share of all profiles say nothing about a topic.
MAX_DOC_SHARE = 0.25
SYNONYM_WEIGHT = 0.5
SIMILAR_FIELDS = ("title", "keywords", "ziel", "umsetzung", "anlass")


def max_doc_frequency(reader) -> Callable[[str], int]:  # noqa: ANN001 - a Whoosh reader
    """A cached function: the highest document frequency of a token over the text fields
    (one term-index lookup per field; a profile has a few hundred distinct tokens)."""

    @functools.lru_cache(maxsize=100_000)
    def doc_frequency(token: str) -> int:
        return max(reader.doc_frequency(name, token) for name in TEXT_FIELDS)

    return doc_frequency


def source_terms(fields: dict[str, str]) -> Counter[str]:
    """Weighted tokens of a source profile's topical fields."""
    weights: Counter[str] = Counter()
    for name, weight in SOURCE_WEIGHTS.items():
        for token in analyze(fields.get(name) or ""):
            weights[token] += weight
    return weights


def rank_similar(
    fields: dict[str, str], doc_frequency: Callable[[str], int], scorer: Scorer, visible: np.ndarray, total: int,
    lexicon: SynonymLexicon, docnum: int, *, limit: int,
) -> list[tuple[int, float]]:
    """(docnum, score relative to the source's own) of the ``limit`` documents most like
    ``docnum`` among ``visible`` ones, itself excluded. ``fields``: the source's stored
    texts; ``doc_frequency(token)``: its largest document frequency in one field;
    ``total``: the number of documents. Raises nothing."""
    weights = source_terms(fields)
    common = max(3, MAX_DOC_SHARE * max(total, 1))
    scored: dict[str, float] = {}
    for token, weight in weights.items():
        df = doc_frequency(token)
        if df == 0 or df > common:
            continue  # too common to say anything about a topic
        score = weight * math.log(1 + max(total, 1) / df)
        scored[token] = max(scored.get(token, 0.0), score)
        # synonyms (Müll ~ Abfall) count too, at half weight
        for form in lexicon.expansions(token):
            if len(form) == 1 and form[0] != token:
                scored[form[0]] = max(scored.get(form[0], 0.0), score * SYNONYM_WEIGHT)
    ranked = sorted(((score, token) for token, score in scored.items()), reverse=True)
    if not ranked:
        return []
    scores = np.zeros(scorer.size)
    for weight, token in ranked[:MAX_TERMS]:
        found = scorer.alternative((token,), SIMILAR_FIELDS)
        if found is not None:
            scores += weight * found
    allowed = visible & (scores > 0)
    allowed[docnum] = False
    candidates = np.flatnonzero(allowed)
    order = np.lexsort((candidates, -scores[candidates]))[:limit]
    # scores relative to the source's own score (a copy of the source would score 1.0)
    scale = scores[docnum] or 1.0
    return [(int(candidates[i]), round(float(scores[candidates[i]] / scale), 4)) for i in order]


def similar_to(
    searcher: Searcher, scorer: Scorer, table: FacetTable, lexicon: SynonymLexicon, docnum: int, *, limit: int,
    staff: bool, doc_frequency: Callable[[str], int] | None = None,
) -> list[SimilarHit]:
    """The ``limit`` profiles most like document ``docnum`` in a Whoosh index, itself
    excluded and private ones only for staff. ``doc_frequency``: a cached
    ``max_doc_frequency`` of the searcher's reader, kept by the caller across calls.
    Raises nothing."""
    ranked = rank_similar(
        searcher.stored_fields(docnum), doc_frequency or max_doc_frequency(searcher.reader()),
        scorer, table.visible(staff), int(table.live.sum()), lexicon, docnum, limit=limit,
    )
    hits = []
    for other, score in ranked:
        data = json.loads(searcher.stored_fields(other)["payload"])
        hits.append(SimilarHit(data["id"], data["title"], score, bool(data.get("private"))))
    return hits
