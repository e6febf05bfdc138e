"""The English → German glossary: its loader, its format errors and the shipped file."""

from __future__ import annotations

import pytest

from index.analysis import analyze
from index.glossary import DATA_FILE, GlossaryError, default_glossary, normalize, parse_glossary, singular

SMALL = """\
# comment line
bulky waste; bulky items = Sperrmüll; Sperrgut
bulky waste collection = Sperrmüllabfuhr   # trailing comment
public-law agreement = öffentlich-rechtliche Vereinbarung

citizens' office; citizen office = Bürgerbüro
library = Bibliothek; Bücherei
tax = Steuer
"""


@pytest.fixture
def small():
    return parse_glossary(SMALL, source="small.txt")


def test_entries_phrases_and_terms(small):
    assert len(small) == 6
    assert small.phrases == 8
    assert small.lookup("bulky items") == ("Sperrmüll", "Sperrgut")
    assert small.entry("bulky waste collection").line == 3
    assert small.entry("bulky waste collection").english == ("bulky waste collection",)
    assert small.lookup("waste") == ()
    assert small.lookup("") == ()
    assert small.entry("   ") is None


@pytest.mark.parametrize(
    ("typed", "german"),
    [
        ("Public-Law Agreement", "öffentlich-rechtliche Vereinbarung"),
        ("public law agreement", "öffentlich-rechtliche Vereinbarung"),
        ("citizens office", "Bürgerbüro"),
        ("Citizens’ Office", "Bürgerbüro"),
        ("  LIBRARY ", "Bibliothek"),
        ("libraries", "Bibliothek"),  # plural of the last word
        ("taxes", "Steuer"),
        ("bulky waste collections", "Sperrmüllabfuhr"),
    ],
)
def test_lookup_ignores_case_punctuation_and_plural_endings(small, typed, german):
    assert small.lookup(typed)[0] == german


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("bulky waste collection in the district", [("bulky", "waste", "collection")]),
        ("bulky waste and a library", [("bulky", "waste"), ("library",)]),
        ("who signs a public-law agreement for libraries?", [("public", "law", "agreement"), ("libraries",)]),
        ("nothing known here", []),
        ("", []),
    ],
)
def test_find_takes_the_longest_phrase_at_each_word(small, text, found):
    assert [match.words for match in small.find(text)] == found


def test_find_reports_the_entry(small):
    (match,) = small.find("Bulky items please")
    assert match.entry.german == ("Sperrmüll", "Sperrgut")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("libraries", "library"), ("taxes", "tax"), ("churches", "church"), ("addresses", "address"),
     ("services", "service"), ("fees", "fee"), ("bus", "bus"), ("access", "access"), ("analysis", "analysis"),
     ("gis", "gis"), ("its", "its")],
)
def test_singular(word, expected):
    assert singular(word) == expected


def test_normalize():
    assert normalize("Public-Law  Agreement") == ("public", "law", "agreement")
    assert normalize("women's refuge") == ("womens", "refuge")
    assert normalize("crèche, café!") == ("creche", "cafe")
    assert normalize("—") == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("fire brigade Feuerwehr", 1, "exactly one '='"),
        ("# c\nfire brigade = Feuerwehr = Brandschutz", 2, "exactly one '='"),
        ("= Feuerwehr", 1, "empty phrase or term"),
        ("fire brigade =", 1, "empty phrase or term"),
        ("fire brigade;; fire service = Feuerwehr", 1, "empty phrase or term"),
        ("fire brigade = Feuerwehr; ", 1, "empty phrase or term"),
        ("fire brigade = Feuerwehr; feuerwehr", 1, "German term is repeated"),
        ("-- = Feuerwehr", 1, "has no words"),
        ("fire brigade = Feuerwehr\n\nfire service; Fire-Brigade = Feuerwehr", 3, "already defined on line 1"),
        ("fire service; Fire  Service = Feuerwehr", 1, "already defined on this line"),
    ],
)
def test_format_errors_name_file_and_line(text, line, message):
    with pytest.raises(GlossaryError) as raised:
        parse_glossary(text, source="g.txt")
    assert raised.value.source == "g.txt"
    assert raised.value.line == line
    assert message in raised.value.message
    assert str(raised.value).startswith(f"g.txt, line {line}: ")


def test_plural_variants_may_share_an_entry():
    glossary = parse_glossary("fire brigade; fire brigades = Feuerwehr; Brandschutz")
    assert len(glossary) == 1
    assert glossary.phrases == 2


def test_an_empty_glossary_finds_nothing():
    glossary = parse_glossary("# only a comment\n")
    assert len(glossary) == 0
    assert glossary.find("fire brigade") == []


# --- the shipped glossary ---------------------------------------------------------------

def test_shipped_glossary_size():
    glossary = default_glossary()
    assert len(glossary) >= 300
    assert glossary.phrases >= len(glossary)
    assert sum(len(entry.english) for entry in glossary.entries) == glossary.phrases


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("waste management", "Abfallwirtschaft"), ("bulky waste collection", "Sperrmüllabfuhr"),
        ("fire brigade", "Feuerwehr"), ("registry office", "Standesamt"),
        ("special-purpose association", "Zweckverband"),
        ("public-law agreement", "öffentlich-rechtliche Vereinbarung"),
        ("school transport", "Schülerbeförderung"), ("broadband", "Breitband"),
        ("inter-municipal cooperation", "interkommunale Zusammenarbeit"), ("job centre", "Jobcenter"),
        ("swimming pools", "Schwimmbad"), ("childcare", "Kita"), ("payroll", "Personalabrechnung"),
        ("building yard", "Bauhof"), ("control centre", "Leitstelle"), ("accrual accounting", "Doppik"),
        ("trade tax", "Gewerbesteuer"), ("tourism", "Fremdenverkehr"), ("adult education centre", "Volkshochschule"),
        ("public transport", "ÖPNV"), ("data centre", "Rechenzentrum"), ("fly-tipping", "wilder Müll"),
    ],
)
def test_domain_terms_translate(english, german):
    assert german in default_glossary().lookup(english)


def test_an_english_question_finds_its_phrases():
    found = default_glossary().find("Which towns share a fire brigade training centre and bulky waste collection?")
    assert [" ".join(match.words) for match in found] == [
        "towns", "fire brigade training", "bulky waste collection",
    ]


def test_every_german_term_can_be_searched():
    for entry in default_glossary().entries:
        for term in entry.german:
            assert analyze(term, split_compounds=False), f"line {entry.line}: {term!r} analyzes to nothing"


def test_no_two_entries_give_the_same_german_terms():
    """Two lines with the same German side are one entry written twice: merge them."""
    seen = {}
    for entry in default_glossary().entries:
        terms = frozenset(term.casefold() for term in entry.german)
        assert terms not in seen, f"lines {seen.get(terms)} and {entry.line} give the same German terms"
        seen[terms] = entry.line


# English words a question is made of; as glossary phrases they would turn any English
# question into German terms ("it" is also the abbreviation IT, which German text spells
# the same way, so the glossary leaves it to the German words).
FUNCTION_WORDS = ["a", "an", "and", "are", "can", "do", "does", "for", "how", "in", "is", "it", "of", "on", "or",
                  "the", "to", "us", "we", "what", "which", "who"]


@pytest.mark.parametrize("word", FUNCTION_WORDS)
def test_no_english_function_word_is_a_phrase(word):
    assert default_glossary().entry(word) is None


def test_shipped_file_is_the_default():
    assert DATA_FILE.name == "glossary_en.txt"
    assert default_glossary() is default_glossary()
