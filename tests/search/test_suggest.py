"""``search.suggest.Suggester``: prefix lookups over keywords, places and titles."""

from __future__ import annotations

from search.suggest import Suggester


def _suggester() -> Suggester:
    counts = {"keyword": {"Abfallwirtschaft": 4, "Abwasser": 9, "Bauhof": 2},
              "place": {"Bad Sassendorf": 1, "Arnsberg": 3}}
    titles = ["Abfallverband Soest", "Gemeinsamer Bauhof", "Gemeinsamer Bauhof", "", "Zweckverband Abfall Nord"]
    return Suggester.from_counts(counts, titles)


def test_whole_text_prefixes_come_first_then_kind_then_count():
    texts = [(s["text"], s["kind"]) for s in _suggester().suggest("ab")]
    assert texts == [("Abwasser", "keyword"), ("Abfallwirtschaft", "keyword"), ("Abfallverband Soest", "title"),
                     ("Zweckverband Abfall Nord", "title")]


def test_word_prefixes_inside_texts_and_folded_input():
    assert [s["text"] for s in _suggester().suggest("sassen")] == ["Bad Sassendorf"]
    assert [s["text"] for s in _suggester().suggest("  BAUH ")] == ["Bauhof", "Gemeinsamer Bauhof"]


def test_a_title_shared_by_several_profiles_is_suggested_once():
    assert [s["text"] for s in _suggester().suggest("gemeinsam")] == ["Gemeinsamer Bauhof"]


def test_several_words_and_short_input():
    assert [s["text"] for s in _suggester().suggest("verband soest")] == ["Abfallverband Soest"]
    assert _suggester().suggest("a") == []
    assert _suggester().suggest("zz") == []
