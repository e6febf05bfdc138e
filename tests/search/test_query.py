"""Query parsing and query plans."""

from __future__ import annotations

import pytest

from index.synonyms import parse_lexicon
from search.query import (
    CORRECTION_BOOST,
    PART_BOOST,
    SYNONYM_BOOST,
    ParsedQuery,
    QueryBuilder,
    corrected_text,
    parse_user_query,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abfall", ParsedQuery(("Abfall",))),
        ('"Smart City" Dortmund', ParsedQuery(("Dortmund",), ("Smart City",))),
        ("Abwasser -Kanal", ParsedQuery(("Abwasser",), (), ("Kanal",))),
        ('"unbalanced Abfall', ParsedQuery(("unbalanced", "Abfall"))),
        ('"" - -- Abfall', ParsedQuery(("Abfall",))),
        ('"und der"', ParsedQuery()),  # a phrase of stopwords only is dropped
        ("", ParsedQuery()),
    ],
)
def test_parse_user_query(text, expected):
    assert parse_user_query(text) == expected


def test_long_free_text_keeps_its_first_terms():
    words = [f"Wort{n}" for n in range(40)]
    parsed = parse_user_query(" ".join(words))
    assert parsed.words == tuple(words[:32]) and parsed.ignored == tuple(words[32:])
    # stopwords and filler words do not count; a phrase counts its words; after the first
    # term that does not fit, everything is ignored
    parsed = parse_user_query("wer macht gemeinsam und der " + " ".join(words[:30]) + ' "Abfall Verband" -Müll Bus')
    assert parsed.words[:5] == ("wer", "macht", "gemeinsam", "und", "der") and len(parsed.words) == 35
    assert parsed.phrases == ("Abfall Verband",) and parsed.ignored == ("-Müll", "Bus")
    parsed = parse_user_query(" ".join(words[:31]) + ' "Abfall Verband" Bus')
    assert parsed.phrases == () and parsed.ignored == ('"Abfall Verband"', "Bus")


LEXICON = parse_lexicon("müll, abfall\nentsorgung, beseitigung\n")


def builder(known_tokens=("abfall", "mull", "entsorg", "beseit", "abfallentsorg"), correction=None):
    return QueryBuilder(LEXICON, lambda t: t in known_tokens, lambda w: correction)


def test_word_with_synonym_weighted_below_itself():
    concept = builder().concept("Müll")
    assert concept.alternatives == [(("mull",), 1.0), (("abfall",), SYNONYM_BOOST)]


def test_compound_parts_and_part_synonyms():
    concept = builder().concept("Müllentsorgung")
    assert (("mull", "entsorg"), PART_BOOST) in concept.alternatives
    assert (("abfall", "entsorg"), SYNONYM_BOOST * PART_BOOST) in concept.alternatives
    assert (("mull", "beseit"), SYNONYM_BOOST * PART_BOOST) in concept.alternatives
    assert concept.correction is None


def test_correction_only_for_unknown_words():
    assert builder(correction="abfall").concept("Abfall").correction is None
    concept = builder(correction="abfall").concept("Abfal")
    assert concept.correction == "abfall" and (("abfall",), CORRECTION_BOOST) in concept.alternatives
    assert corrected_text("Abfal Soest", [concept]) == "Abfall Soest"
    assert corrected_text("abfal", [concept.__class__("abfal", [], "abfall")]) == "abfall"


def test_filler_words_are_dropped_unless_alone():
    plan = builder().build(parse_user_query("wer macht gemeinsam Müll"))
    assert [c.word for c in plan.concepts] == ["Müll"]
    assert [c.word for c in builder().build(parse_user_query("gemeinsam")).concepts] == ["gemeinsam"]


@pytest.mark.parametrize("question", [
    "Wie bekomme ich Müll", "Wo finde ich Müll", "Was muss ich für Müll tun", "Wer kriegt Müll",
    "Was brauche ich für Müll",
])
def test_the_verbs_a_question_asks_with_carry_no_topic(question):
    assert [c.word for c in builder().build(parse_user_query(question)).concepts] == ["Müll"]


def test_the_shipped_synonyms_never_expand_to_a_word_of_another_meaning():
    # "parken" analyzes as "park", the head of Windpark and Fuhrpark: a fine ticket is no park
    from index.synonyms import default_lexicon

    lexicon = default_lexicon()
    assert not any("park" in form for form in lexicon.expansions("knollch"))
    assert any("parkraum" in form for form in lexicon.expansions("knollch"))


def test_match_all_and_stopword_only_queries():
    assert builder().build(parse_user_query("")).match_all
    plan = builder().build(parse_user_query("und der die"))
    assert not plan.match_all and plan.concepts == []


NUMBERED = parse_lexicon("sgbii, sgb ii, grundsicherung für arbeitsuchende\nsgbxii, sgb xii, sozialhilfe\n")


def _forms(text):
    plan = QueryBuilder(NUMBERED, lambda t: True, lambda w: None).build(parse_user_query(text))
    return [[tokens for tokens, _ in concept.alternatives] for concept in plan.concepts]


@pytest.mark.parametrize("typed", ["SGB II", "SGB 2", "SGB-2", "SGB2", "sgb ii"])
def test_a_numbered_abbreviation_is_one_concept_however_written(typed):
    assert _forms(typed) == _forms("SGB-II")
    [forms] = _forms(typed)
    assert {("sgbii",), ("sgb", "ii"), ("sgb2",), ("grundsicher", "arbeitsuch")} <= set(forms)
    assert ("sgb",) not in forms  # not any book of the Sozialgesetzbuch
    assert ("sgbxii",) not in forms and ("sgbxii",) in _forms("SGB 12")[0]
