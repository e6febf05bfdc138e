"""Pseudo-relevance feedback on the fixture index."""

from __future__ import annotations

import numpy as np
import pytest

from search.feedback import WEIGHT, expansion
from search.service import ProfileSearch


@pytest.fixture(scope="module")
def service(index_dir):
    """The Whoosh service: these tests look at its per-generation internals."""
    search = ProfileSearch(index_dir)
    yield search
    search.close()


def _scores(table, pairs) -> np.ndarray:
    """A score array with the given (profile id, score) pairs and NaN elsewhere."""
    scores = np.full(table.size, np.nan)
    for doc_id, score in pairs:
        scores[table.docnum[doc_id]] = score
    return scores


def test_feedback_needs_keywords_shared_by_top_hits(service):
    served = service._current()
    table, scorer = served.table, served.scorers[False]
    scores = _scores(table, (("s01_abfallverband-soest", 2.0), ("s06_muellabfuhr-emsland", 1.0)))
    visible = table.visible(False)
    # s01 (Abfall, Wertstoffhof) and s06 (Müllabfuhr) share no keyword: nothing to add
    assert expansion(scorer, served.generation.keyword_text, scores, visible, {"abfall"}) is None


def test_feedback_adds_related_documents_below_direct_matches(service):
    served = service._current()
    table, scorers = served.table, served.scorers
    # pretend two profiles sharing the keyword "Abfall" are the best hits for another word
    scores = _scores(table, (("s01_abfallverband-soest", 3.0), ("s07_geheim-soest", 2.0)))
    staff = table.visible(True)
    extra = expansion(scorers[True], served.generation.keyword_text, scores, staff, {"zweckverband"})
    assert extra is not None and extra.max() <= 3.0 * WEIGHT + 1e-9
    public = expansion(scorers[False], served.generation.keyword_text, scores, table.visible(False), {"zweckverband"})
    assert public is None  # the private profile is not a top hit for the public
