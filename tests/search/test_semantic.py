"""The semantic layer in search and similar cooperations, on both engines."""

from __future__ import annotations

import numpy as np
import pytest

from search import semantic
from search.model import SearchRequest
from search.query import parse_user_query

PRIVATE = "s07_geheim-soest"


def ids(service, query: str, *, staff: bool = False) -> list[str]:
    return [h.id for h in service.search(SearchRequest.create(query, staff=staff)).hits]


def test_an_english_query_finds_the_german_profile_it_means(service):
    """No word of "firefighter training" occurs in any profile: the profile vectors find
    the fire brigade's training."""
    assert ids(service, "firefighter training") == ["s05_feuerwehrausbildung-kleve"]


def test_dense_never_surfaces_a_private_profile_to_the_public(service):
    query = "Quxbarverfahren Abfallverwertung Soest Lippstadt"
    assert PRIVATE not in ids(service, query)
    assert PRIVATE in ids(service, query, staff=True)


def test_excluded_words_hold_for_profiles_the_vectors_add(service):
    found = ids(service, "Abfall -Wertstoffhof")
    assert found and "s01_abfallverband-soest" not in found


def test_filters_hold_for_profiles_the_vectors_add(service):
    result = service.search(SearchRequest.create("firefighter training", {"legal_form": ["GmbH"]}))
    assert result.total == 0


def test_unrelated_words_add_nothing(service):
    assert ids(service, "Quantenchromodynamik Gitterrechnung") == []


def test_lexical_hits_keep_their_place_before_added_ones(service):
    """A profile found by its words stays ahead of one the vectors add."""
    found = ids(service, "Müllabfuhr")
    assert found[0] == "s06_muellabfuhr-emsland"


def test_similar_cooperations_count_the_profiles_meaning(service):
    """The two waste cooperations (Abfall/Wertstoffhof, Müllabfuhr/Restmüll/Biotonne)
    name each other first; the private one never appears to the public."""
    assert service.similar("s06_muellabfuhr-emsland").similar[0].id == "s01_abfallverband-soest"
    assert service.similar("s01_abfallverband-soest").similar[0].id == "s06_muellabfuhr-emsland"
    for hit in service.similar("s01_abfallverband-soest").similar:
        assert hit.id != PRIVATE


def test_the_fusion_adds_only_allowed_documents_above_the_floor():
    class Vectors:
        size = 4

        def similarities(self, vector):
            return np.array([0.9, 0.9, 0.2, 0.9])

    scores = np.array([2.0, np.nan, np.nan, np.nan])
    matching = np.array([True, False, False, False])
    allowed = [np.array([True, True, True, False])]
    fused, found = semantic.hybrid(Vectors(), parse_user_query("Abfall"), scores, matching, allowed)
    assert found.tolist() == [True, True, False, False]  # 2: below the floor; 3: not allowed
    assert fused[0] > fused[1] > 0
    # a query of excluded words only is not encoded
    same, unchanged = semantic.hybrid(Vectors(), parse_user_query("-Abfall"), scores, matching, allowed)
    assert same is scores and unchanged is matching


@pytest.mark.parametrize(("text", "encoded"), [("Abfall -Müll", "Abfall"), ('"Abfall Müll" -Wertstoff', "Abfall Müll"),
                                             ("-Abfall", "")])
def test_the_query_text_encoded_leaves_out_excluded_words(text, encoded):
    assert semantic.query_text(parse_user_query(text)) == encoded


def test_a_quoted_phrase_adds_nothing(service):
    """A phrase asks for its words in that order: the vectors only reorder what it finds."""
    assert ids(service, '"firefighter training"') == []


def test_a_word_no_encoder_knows_is_not_encoded():
    assert semantic.query_text(parse_user_query("Abfall" + "x" * 60 + " Müll")) == "Müll"
