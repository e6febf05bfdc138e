"""Reading a query's language: glossary phrases, English evidence, what is not corrected."""

from __future__ import annotations

import pytest

from index.glossary import parse_glossary
from search.language import Reading, Unit, read_query

GLOSSARY = parse_glossary(
    "waste management = Abfallwirtschaft; Abfallentsorgung\n"
    "waste collection = Müllabfuhr\n"
    "bulky waste collection = Sperrmüllabfuhr\n"
    "fire brigade = Feuerwehr\n"
    "joint procurement = Einkaufsgemeinschaft\n"
    "municipalities = Kommune; Gemeinde\n"
    "management = Management\n"
    "startups = Existenzgründung\n"
)
# the words the profiles use (the vocabulary of visible profiles, as typed)
GERMAN = {"abfall", "feuerwehr", "management", "kreis", "soest", "warte", "gäste", "müllabfuhr"}


def read(text, hint=False):
    return read_query(text.split(), lambda w: w.lower() in GERMAN, english_hint=hint, glossary=GLOSSARY)


def test_an_english_phrase_is_one_unit_with_its_german_terms():
    reading = read("waste management")
    assert reading.english
    assert reading.units == (Unit(("waste", "management"), ("Abfallwirtschaft", "Abfallentsorgung")),)
    assert reading.protected == {"waste", "management"}


def test_the_longest_phrase_wins():
    assert read("bulky waste collection").units == (Unit(("bulky", "waste", "collection"), ("Sperrmüllabfuhr",)),)


def test_english_function_and_filler_words_are_dropped():
    reading = read("which towns share a fire brigade")
    assert reading.english
    assert reading.units == (Unit(("fire", "brigade"), ("Feuerwehr",)),)


def test_a_glossary_phrase_of_filler_terms_is_dropped_but_filler_alone_stays():
    assert read("municipalities waste collection").units == (Unit(("waste", "collection"), ("Müllabfuhr",)),)
    assert read("the municipalities").units == (Unit(("the",)), Unit(("municipalities",), ("Kommune", "Gemeinde")))


def test_a_phrase_covering_filler_words_is_kept():
    assert read("joint procurement").units == (Unit(("joint", "procurement"), ("Einkaufsgemeinschaft",)),)


def test_a_german_query_is_read_word_by_word():
    reading = read("Abfall Kreis Soest")
    assert reading == Reading.plain(["Abfall", "Kreis", "Soest"])
    assert not reading.english


def test_a_german_typo_is_not_english():
    # unknown to the profiles, but neither a glossary phrase nor an English function word
    reading = read("Feuerwher")
    assert not reading.english and not reading.protected


def test_a_glossary_word_the_profiles_use_is_german():
    # "management" is also a German word: no English evidence, no German terms for it
    assert read("Abfall management") == Reading.plain(["Abfall", "management"])


def test_an_english_phrase_in_a_german_query_brings_its_terms_and_is_not_corrected():
    reading = read("Feuerwehr Abfall Kreis startups")
    assert not reading.english  # three German words against one English
    assert Unit(("startups",), ("Existenzgründung",)) in reading.units
    assert reading.protected == {"startups"}


def test_the_english_interface_tips_the_balance():
    text = "Feuerwehr Abfall startups"
    assert not read(text).english
    assert read(text, hint=True).english
    assert not read("Feuerwehr Abfall", hint=True).english  # no English evidence at all


def test_a_hyphenated_word_matches_a_phrase_of_two_words():
    glossary = parse_glossary("public law agreement = öffentlich-rechtliche Vereinbarung\n")
    reading = read_query(["public-law", "agreement"], lambda w: False, glossary=glossary)
    assert reading.units == (Unit(("public-law", "agreement"), ("öffentlich-rechtliche Vereinbarung",)),)


@pytest.mark.parametrize("text", ["waste collection", "Waste Collection", "waste management"])
def test_shipped_glossary_reads_english_queries(text):
    reading = read_query(text.split(), lambda w: w.lower() in GERMAN)
    assert reading.english and len(reading.units) == 1 and reading.units[0].terms
