"""The curated synonym lexicon."""

from __future__ import annotations

import pytest

from index.analysis import analyze
from index.synonyms import default_lexicon, parse_lexicon


def key(word):
    return analyze(word, split_compounds=False)[0]


def test_lexicon_size():
    assert len(default_lexicon()) >= 60


@pytest.mark.parametrize(
    ("word", "synonym"),
    [
        ("ÖPNV", "Nahverkehr"), ("Müll", "Abfall"), ("Kita", "Kindertagesstätte"), ("VHS", "Volkshochschule"),
        ("VHS", "Erwachsenenbildung"), ("Bücherei", "Bibliothek"), ("Leitstelle", "Einsatzzentrale"),
        ("Bauhof", "Betriebshof"), ("Personalabrechnung", "Lohnbuchhaltung"), ("Personalabrechnung", "Bezügeabrechnung"),
        ("Tourismus", "Fremdenverkehr"), ("Breitband", "Glasfaser"), ("IT", "Informationstechnik"),
        ("Blitzer", "Geschwindigkeitsüberwachung"), ("OZG", "Onlinezugangsgesetz"),
    ],
)
def test_groups_required_by_the_design(word, synonym):
    assert (key(synonym),) in default_lexicon().expansions(key(word))
    assert (key(word),) in default_lexicon().expansions(key(synonym))


def test_spellings_of_a_word_find_the_same_group():
    lexicon = default_lexicon()
    assert lexicon.expansions(key("Muell")) == lexicon.expansions(key("Müll"))
    assert lexicon.expansions(key("Bäder")) == lexicon.expansions(key("Bad"))


def test_multi_word_members_and_format():
    lexicon = parse_lexicon("# comment\nöpnv, öffentlicher nahverkehr\n\n")
    assert len(lexicon) == 1
    assert lexicon.expansions("opnv") == [("offent", "nahverkehr")]
    assert lexicon.expansions("unbekannt") == []
