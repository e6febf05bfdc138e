"""English queries: glossary phrases planned as German concepts, never corrected into German."""

from __future__ import annotations

import pytest

from index.glossary import parse_glossary
from index.synonyms import parse_lexicon
from search.language import Unit, read_query
from search.model import SearchRequest
from search.query import GLOSSARY_BOOST, GLOSSARY_DECAY, PART_BOOST, QueryBuilder, parse_user_query

LEXICON = parse_lexicon("müll, abfall\n")


def builder(correction="gäste"):
    return QueryBuilder(LEXICON, lambda t: t in {"abfall", "mull"}, lambda w: correction)


def test_a_glossary_phrase_searches_its_english_words_and_its_german_terms_below():
    concept = builder().glossary_concept(Unit(("waste", "collection"), ("Müllabfuhr", "Abfuhr")))
    assert concept.word == "waste collection" and concept.correction is None
    alternatives = dict(concept.alternatives)
    assert alternatives[("wast", "collection")] == 1.0
    assert alternatives[("mullabfuhr",)] == GLOSSARY_BOOST
    assert alternatives[("mull", "abfuhr")] == pytest.approx(GLOSSARY_BOOST * PART_BOOST)
    assert alternatives[("abfuhr",)] == pytest.approx(GLOSSARY_BOOST * GLOSSARY_DECAY)


def test_a_german_term_of_several_words_needs_all_of_them():
    concept = builder().glossary_concept(Unit(("joint", "procurement"), ("gemeinsame Beschaffung",)))
    # "gemeinsam" says nothing (a filler word): the term is its topic word
    assert dict(concept.alternatives)[("beschaff",)] == GLOSSARY_BOOST


def test_an_english_query_is_never_corrected():
    parsed = parse_user_query("waste collection bins")
    glossary = parse_glossary("waste collection = Müllabfuhr\n")
    reading = read_query(parsed.words, lambda w: False, glossary=glossary)
    plan = builder().build(parsed, reading=reading)
    assert [c.word for c in plan.concepts] == ["waste collection", "bins"]
    assert all(c.correction is None for c in plan.concepts)
    # the same words read as German are corrected
    assert builder().build(parsed).concepts[0].correction == "gäste"


# --- the service, both engines -------------------------------------------------------------

@pytest.mark.parametrize("query", ["waste collection", "Waste Collection", "garbage collection"])
def test_english_query_finds_the_german_profile_uncorrected(service, query):
    result = service.search(SearchRequest(query=query))
    assert result.corrected_query is None
    assert result.hits and result.hits[0].id == "s06_muellabfuhr-emsland"


def test_english_question_drops_its_function_words(service):
    result = service.search(SearchRequest(query="which municipalities share a fire brigade training"))
    assert result.corrected_query is None
    assert result.hits[0].id == "s05_feuerwehrausbildung-kleve"


def test_german_typo_is_still_corrected(service):
    result = service.search(SearchRequest(query="Feuerwher"))
    assert result.corrected_query == "Feuerwehr"
