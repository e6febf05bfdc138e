"""Similar cooperations: more-like-this over keywords, title and goal/implementation text."""

from __future__ import annotations

import json
import math
from collections import Counter

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from index.analysis import analyze
from index.schema import FIELD_BOOSTS, TEXT_FIELDS
from index.synonyms import SynonymLexicon
from search.facets import FacetTable
from search.model import SimilarHit

# How much each field of the source profile says about its topic.
SOURCE_WEIGHTS = {"keywords": 3.0, "title": 2.5, "ziel": 1.0, "umsetzung": 1.0, "anlass": 0.6}
MAX_TERMS = 25
# Terms in more than this share of all profiles say nothing about a topic.
MAX_DOC_SHARE = 0.25
SYNONYM_WEIGHT = 0.5


def similar_to(
    searcher: Searcher, table: FacetTable, lexicon: SynonymLexicon, docnum: int, *, limit: int, staff: bool
) -> list[SimilarHit]:
    """The ``limit`` profiles most like document ``docnum``, itself excluded and
    private ones only for staff. Raises nothing."""
    reader = searcher.reader()
    fields = searcher.stored_fields(docnum)
    weights: Counter[str] = Counter()
    for name, weight in SOURCE_WEIGHTS.items():
        for token in analyze(fields.get(name) or ""):
            weights[token] += weight
    total = max(int(table.live.sum()), 1)
    common = max(3, MAX_DOC_SHARE * total)
    scored: dict[str, float] = {}
    for token, weight in weights.items():
        df = max(reader.doc_frequency(name, token) for name in TEXT_FIELDS)
        if df == 0 or df > common:
            continue  # too common to say anything about a topic
        score = weight * math.log(1 + total / df)
        scored[token] = max(scored.get(token, 0.0), score)
        # synonyms (Müll ~ Abfall) count too, at half weight
        for form in lexicon.expansions(token):
            if len(form) == 1 and form[0] != token:
                scored[form[0]] = max(scored.get(form[0], 0.0), score * SYNONYM_WEIGHT)
    ranked = sorted(((score, token) for token, score in scored.items()), reverse=True)
    clauses = [
        wq.Term(name, token, boost=score * FIELD_BOOSTS[name])
        for score, token in ranked[:MAX_TERMS]
        for name in ("title", "keywords", "ziel", "umsetzung", "anlass")
    ]
    if not clauses:
        return []
    allowed = table.visible(staff).copy()
    allowed[docnum] = False
    results = searcher.search(wq.Or(clauses), filter=set(np.flatnonzero(allowed).tolist()), limit=limit)
    hits = []
    # scores relative to the best possible match (the source itself would score 1.0)
    scale = sum(score for score, _ in ranked[:MAX_TERMS]) * FIELD_BOOSTS["title"] or 1.0
    for hit in results:
        data = json.loads(hit["payload"])
        hits.append(SimilarHit(data["id"], data["title"], round(float(hit.score) / scale, 4), bool(data.get("private"))))
    return hits
