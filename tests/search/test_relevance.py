"""Ranking quality on the bundled corpus: the issue's targets on the tuning set (nDCG@10
≥ 0.90, recall@10 ≥ 0.95, similar nDCG@5 ≥ 0.85), a floor just below the measured figures
on the held-out set (README), and no private profile or private word ever returned to the
public for any judged query."""

from __future__ import annotations

import json

import pytest

from index.folding import fold
from index.spelling import SpellingCounts, spelling_words
from search.evaluation import evaluate, evaluate_similar, ndcg, recall, reciprocal_rank
from search.model import SearchRequest
from tests.conftest import ROOT

JUDGMENTS = ROOT / "tests" / "relevance"


def load(name):
    return json.loads((JUDGMENTS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine(bundled_service):
    return lambda text: [h.id for h in bundled_service.search(SearchRequest.create(text)).hits]


@pytest.fixture(scope="module")
def private_ids(bundled_service):
    return set(bundled_service.ids(staff=True)) - set(bundled_service.ids())


@pytest.mark.parametrize("name", ["queries.json", "heldout.json"])
def test_judgment_files_are_consistent(bundled_service, private_ids, name):
    public = set(bundled_service.ids())
    queries = load(name)["queries"]
    assert len({q["id"] for q in queries}) == len(queries)
    for query in queries:
        assert set(query["relevant"]) <= public, query["id"]
        assert set(query["relevant"].values()) <= {1, 2} and 2 in query["relevant"].values()
        assert set(query["private"]) <= private_ids, query["id"]


@pytest.mark.parametrize("name", ["queries.json", "heldout.json"])
def test_synonym_queries_use_words_the_relevant_profiles_mostly_lack(name):
    """A synonym query tests synonyms only if its word (the longest one) is absent from
    most of the texts judged relevant; otherwise it is a plain word query."""
    profiles = ROOT / "corpus" / "profiles"
    for query in load(name)["queries"]:
        if query["type"] != "synonym":
            continue
        word = max(query["query"].split(), key=len).casefold()
        having = [pid for pid in query["relevant"]
                  if word in (profiles / f"{pid}.txt").read_text(encoding="utf-8").casefold()]
        assert len(having) <= len(query["relevant"]) / 2, (query["id"], word, having)


def test_enough_judgments():
    assert len(load("queries.json")["queries"]) >= 80 and len(load("similar.json")["similar"]) >= 30


def test_tuning_set_quality(engine, private_ids):
    scores = evaluate(load("queries.json")["queries"], engine, all_private=private_ids)["all"]
    # issue 4's targets; measured 0.973 nDCG@10, 0.952 recall@10, MRR 1.000 (README)
    assert scores["ndcg"] >= 0.90 and scores["recall"] >= 0.95 and scores["mrr"] >= 0.95
    assert scores["private_leaks"] == 0


def test_held_out_quality(engine, private_ids):
    scores = evaluate(load("heldout.json")["queries"], engine, all_private=private_ids)["all"]
    # measured 0.863 nDCG@10 and 0.886 recall@10 (README): a floor just below
    assert scores["ndcg"] >= 0.85 and scores["recall"] >= 0.87 and scores["private_leaks"] == 0


def test_similar_quality(bundled_service, private_ids):
    judgments = load("similar.json")["similar"]
    result = evaluate_similar(judgments, lambda i: [h.id for h in bundled_service.similar(i).similar])
    assert result["ndcg"] >= 0.85  # measured 0.921 nDCG@5 (README)
    for item in judgments:
        assert not {h.id for h in bundled_service.similar(item["id"]).similar} & private_ids


@pytest.fixture(scope="module")
def spelling(bundled_profiles):
    """The bundled corpus's spelling counts (public and all profiles)."""
    counts = SpellingCounts()
    for profile in bundled_profiles:
        counts.add(spelling_words(profile), profile.private)
    return counts


def test_no_query_word_from_private_profiles_is_ever_suggested(bundled_service, private_ids, spelling):
    public_words = {fold(w) for w in spelling.public}
    for item in load("queries.json")["queries"] + load("heldout.json")["queries"]:
        result = bundled_service.search(SearchRequest.create(item["query"], per_page=100))
        assert not {h.id for h in result.hits} & private_ids
        corrected = set((result.corrected_query or "").lower().split()) - set(item["query"].lower().split())
        assert {fold(w) for w in corrected} <= public_words, item["query"]
    # typos of the words only private profiles hold: never corrected to them for the public
    private_only = sorted(w for w in set(spelling.all) - set(spelling.public)
                          if len(w) >= 7 and w.isalpha() and fold(w) not in public_words)
    assert len(private_only) >= 20
    staff_found = 0
    for word in private_only:
        typo = word[: len(word) // 2] + word[len(word) // 2 + 1 :]
        public = bundled_service.search(SearchRequest.create(typo)).corrected_query
        assert public is None or fold(public.lower()) in public_words, (word, public)
        staff = bundled_service.search(SearchRequest.create(typo, staff=True)).corrected_query
        staff_found += staff is not None and staff.lower() == word
    assert staff_found >= len(private_only) // 2  # staff are offered them: the typos are close enough


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("Abfal", "Abfall"),  # "Abfall" stands alone only in a links line: a part of Abfallwirtschaft …
        ("Steur", "Steuer"),  # … of Gewerbesteuer (the texts have "Steuern" only as a word)
        ("Stuer", "Steuer"),  # folded, "stuer" reads as "stür": two edits from "steuer"
        ("Retungsdienst", "Rettungsdienst"), ("Feuerwher", "Feuerwehr"), ("Muelabfuhr", "Müllabfuhr"),
        ("Hundesteur", "Hundesteuer"), ("Schwimbad", "Schwimmbad"), ("Wertstofhof", "Wertstoffhof"),
        # a corrected compound is searched as if typed, parts and synonyms too
        ("Kläranlge", "Kläranlage"), ("Persnalabrechnung", "Personalabrechnung"),
    ],
)
def test_typos_are_corrected_on_the_bundled_corpus(bundled_service, typed, corrected):
    result = bundled_service.search(SearchRequest.create(typed))
    assert result.corrected_query == corrected and result.total > 0
    intended = bundled_service.search(SearchRequest.create(corrected))
    assert result.hits[0].id in [h.id for h in intended.hits[:3]]


@pytest.mark.parametrize(
    ("ranked", "grades", "expected_ndcg", "expected_recall", "expected_rr"),
    [
        (["a", "b"], {"a": 2, "b": 1}, 1.0, 1.0, 1.0),
        (["b", "a"], {"a": 2, "b": 1}, (1 + 3 / 1.5849625) / (3 + 1 / 1.5849625), 1.0, 1.0),
        (["x", "a"], {"a": 2}, (3 / 1.5849625) / 3, 1.0, 0.5),
        (["x"], {"a": 2}, 0.0, 0.0, 0.0),
    ],
)
def test_metrics(ranked, grades, expected_ndcg, expected_recall, expected_rr):
    assert ndcg(ranked, grades, 10) == pytest.approx(expected_ndcg)
    assert recall(ranked, grades, 10) == expected_recall
    assert reciprocal_rank(ranked, grades) == expected_rr
