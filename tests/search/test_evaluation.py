"""The measuring code itself: leaks by audience, facet cases, the independent judgments' shape."""

from __future__ import annotations

import pytest

from search.evaluation import evaluate, evaluate_facets, evaluate_ranked, load_independent
from tests.conftest import ROOT

QUERIES = [
    {"id": "c", "query": "Abfall", "type": "single", "audience": "citizen", "relevant": {"a": 2}, "private": ["p"]},
    {"id": "s", "query": "Abfall", "type": "single", "audience": "staff", "relevant": {"p": 2}, "private": []},
]


def test_a_private_profile_is_a_leak_for_citizens_only_when_staff_asked_as_staff():
    ranked = {"c": ["a", "p"], "s": ["p"]}
    as_staff = evaluate_ranked(QUERIES, ranked, all_private=["p"], staff_see_private=True)
    assert as_staff["all"]["private_leaks"] == 1 and as_staff["all"]["ndcg"] == pytest.approx(1.0)
    everyone_public = evaluate_ranked(QUERIES, ranked, all_private=["p"])
    assert everyone_public["all"]["private_leaks"] == 2


def test_evaluate_asks_the_engine_by_query_text():
    asked = []
    result = evaluate(QUERIES[:1], lambda text: asked.append(text) or ["a"])
    assert asked == ["Abfall"] and result["single"]["ndcg"] == pytest.approx(1.0)


def test_facet_cases_count_exact_answers_only():
    cases = [{"id": "f1", "query": "", "filters": {"state": ["Hessen"]}, "relevant": ["a", "b"]},
             {"id": "f2", "query": "x", "filters": {}, "relevant": ["a"]}]
    answers = {"": ["b", "a"], "x": ["a", "c"]}
    assert evaluate_facets(cases, lambda query, filters: answers[query]) == {"cases": 2, "exact": 1, "differ": ["f2"]}


@pytest.mark.parametrize(("name", "facet_cases"), [("independent", 15), ("dev", 10)])
def test_the_outside_judgments_name_only_profiles_that_exist(name, facet_cases):
    directory = ROOT / "tests" / name
    queries, similar, facets = load_independent(directory)
    ids = {path.stem for path in (directory / "profiles").glob("*.txt")}
    assert len(queries) >= 100 and len(similar) >= 40 and len(facets) >= facet_cases
    named = set()
    for item in queries:
        named |= set(item["relevant"]) | set(item["private"])
        assert item["audience"] in ("citizen", "staff") and item["split"] in ("tuning", "heldout")
    for item in similar:
        named |= {item["id"], *item["similar"]}
    for item in facets:
        named |= set(item["relevant"])
    assert named <= ids
    kinds = {item["type"] for item in queries}
    assert {"english", "everyday", "question", "abbreviation"} <= kinds
