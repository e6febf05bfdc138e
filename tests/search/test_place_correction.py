"""Spelling correction that respects places: place names survive, a town's typo finds the town."""

from __future__ import annotations

import pytest

from search.correct import Corrector
from search.model import SearchRequest
from search.place_names import PlaceNames, looks_like_name


@pytest.fixture(scope="module")
def names(gazetteer):
    return PlaceNames(gazetteer)


def corrector(names, words):
    return Corrector(None, lambda: words, places=lambda: names)  # type: ignore[arg-type] - no scorer needed


@pytest.mark.parametrize("word", ["Husum", "Halle", "Ahaus", "Heide", "Kerpen", "Bad Salzuflen", "Kreis Soest"])
def test_place_names_are_known(names, word):
    assert names.known(word)


@pytest.mark.parametrize("word", ["Abfall", "Feuerwher", "Rhed", "Stuer"])
def test_other_words_are_no_places(names, word):
    # Stuer is a village of 400: more often "Steuer" mistyped
    assert not names.known(word)


def test_one_word_names_include_the_short_forms(names):
    assert {"husum", "lippstadt", "halle", "bautzen", "hochsauerlandkreis"} <= names.keys


@pytest.mark.parametrize(("word", "expected"), [("Lipstadt", True), ("Feuerwher", True), ("Schule", False),
                                                ("lipstadt", False)])
def test_a_name_is_capitalised_and_no_dictionary_noun(word, expected):
    assert looks_like_name(word) is expected


def test_a_place_is_never_corrected_into_a_word_or_another_town(names):
    fix = corrector(names, [("beide", 40), ("haus", 90), ("kernen", 3), ("lingen", 5)])
    for town in ("Heide", "Ahaus", "Kerpen", "Singen", "heide"):
        assert fix.correct(town) is None
    assert fix.correct("Beid") == "beide"  # not a place: corrected as before


def test_a_name_prefers_the_place_among_words_as_near(names):
    fix = corrector(names, [("rede", 50), ("rhede", 1)])
    assert fix.correct("Rhde") == "rhede"  # looks like a name: the town, though rarer
    assert fix.correct("rhde") == "rede"  # lower case: the commoner word


def test_a_nearer_word_still_wins(names):
    fix = corrector(names, [("abfall", 9), ("lippstadt", 2)])
    assert fix.correct("Abfal") == "abfall"
    assert fix.correct("Lipstadt") == "lippstadt"


def test_the_gazetteers_places_when_the_profiles_have_nothing_near(names):
    fix = corrector(names, [("abfall", 9)])
    assert fix.correct("Husumm") == "husum"
    assert fix.correct("husumm") is None  # not name-like: only the profiles' words


# --- the service, both engines -------------------------------------------------------------

def test_town_typo_corrects_to_the_town(service):
    result = service.search(SearchRequest(query="Lipstadt Vergabestelle"))
    assert result.corrected_query == "Lippstadt Vergabestelle"
    assert result.hits[0].id == "s02_vergabestelle-lippstadt"


@pytest.mark.parametrize("query", ["Heide Abfall", "Ahaus Abfall", "Kerpen Feuerwehr"])
def test_place_names_survive_correction(service, query):
    # each town resembles a word of the profiles (beide, haus, kernen) but is a place
    assert service.search(SearchRequest(query=query)).corrected_query is None
