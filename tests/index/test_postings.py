"""Postings of German text fields computed per word equal what Whoosh's TEXT field makes."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import TEXT

from corpus import load_profiles
from index.analysis import german_analyzer
from index.build import profile_to_document
from index.postings import GermanText, german_postings, german_terms
from index.schema import TEXT_FIELDS, build_schema
from tests.conftest import ROOT

REFERENCE = TEXT(analyzer=german_analyzer(), stored=True)


def _reference(text: str) -> list:
    return sorted(REFERENCE.index(text))


def test_postings_equal_whooshs_over_the_bundled_corpus(gazetteer):
    compared = 0
    for profile in load_profiles([ROOT / "corpus" / "profiles"], gazetteer).profiles:
        document = profile_to_document(profile)
        for name in TEXT_FIELDS:
            if document.get(name):
                assert sorted(german_postings(document[name])) == _reference(document[name]), (profile.id, name)
                compared += 1
    assert compared > 1500


def test_postings_of_hyphens_stop_words_numbers_and_abbreviations():
    text = "Die IT-Sicherheit der Rhein-Sieg-Kreis e.V. und 588.250 Euro, 2020-2025; der die das 12a - -x"
    assert sorted(german_postings(text)) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeiouäöüßnrstlm-.,0123 \nAEÄÜ")), max_size=60))
def test_postings_equal_whooshs_for_any_text(text):
    assert sorted(german_postings(text)) == _reference(text)


def test_german_text_field_indexes_like_text():
    field = GermanText(stored=True)
    assert sorted(field.index("Abfallwirtschaftsverband Soest")) == _reference("Abfallwirtschaftsverband Soest")
    assert sorted(field.index(["abfall", "soest"])) == sorted(REFERENCE.index(["abfall", "soest"]))


def test_schema_pickles_with_the_german_text_fields():
    original = build_schema()
    original["title"].index("Abfall")  # caches its fast-path check, which must not be pickled
    schema = pickle.loads(pickle.dumps(original))
    assert "_fast_path" not in schema["title"].__dict__
    assert all(isinstance(schema[name], GermanText) for name in TEXT_FIELDS)
    assert schema["title"].analyzer == german_analyzer()


def _chain_terms(text: str) -> list[tuple[str, bool]]:
    """(term, whole token) straight from the analyzer chain: parts share their token's position."""
    result, last = [], -1
    for token in german_analyzer()(text, positions=True):
        result.append((token.text, token.pos != last))
        last = token.pos
    return result


def test_terms_equal_the_analyzer_chains_over_the_bundled_corpus(gazetteer):
    compared = 0
    for profile in load_profiles([ROOT / "corpus" / "profiles"], gazetteer).profiles:
        for text in (profile.title, ", ".join(profile.keywords), *profile.sections.values()):
            assert german_terms(text) == _chain_terms(text), (profile.id, text[:40])
            compared += 1
    assert compared > 1500


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAäÄöuüßeEsS- .,12Ttrhk", max_size=60))
def test_terms_equal_the_analyzer_chains_for_any_text(text):
    assert german_terms(text) == _chain_terms(text)
