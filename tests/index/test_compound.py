"""The splitter prefers one correct long part to several frequent fragments (issue 15):
no junk fragment is indexed, names and function words are never parts, particles and
short nouns that real compounds use are."""

from __future__ import annotations

import pytest

from index.analysis import analyze, analyze_word
from index.compound import MAX_WORD, default_splitter
from index.folding import fold
from index.stemming import stem


def term(word: str) -> str:
    folded = fold(word.lower())
    return stem(folded) if len(folded) >= 4 else folded


@pytest.mark.parametrize(
    ("word", "fragments", "parts"),
    [
        ("Antragsteller", ["teller"], ["Antrag", "steller"]),
        ("Leistungserbringer", ["serbe", "ringer"], ["Leistungs", "erbringer"]),
        ("Verbandsvorsteher", ["vorst", "eher"], ["Verbands", "vorsteher"]),
        ("Rettungsschwimmer", ["schw", "immer"], ["Rettungs", "schwimmer"]),
        ("Jahresende", ["sende"], ["Jahres", "ende"]),
        ("Sonneneinfall", ["nein"], ["Sonnen", "einfall"]),
        ("Senioreneinrichtung", ["nein"], ["Senioren", "einrichtung"]),
        ("Luxussteuer", ["teuer"], ["Luxus", "steuer"]),
        ("Marktaufsicht", ["taufe", "mark"], ["Markt", "aufsicht"]),
        ("Mindestanteil", ["stan"], ["Mindest", "anteil"]),
        ("Regionalexpresslinie", ["alex", "presse"], ["Regional", "express", "linie"]),
    ],
)
def test_no_junk_fragment_is_indexed(word, fragments, parts):
    terms = analyze(word)
    assert not {term(fragment) for fragment in fragments} & set(terms), terms
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Türöffner", ["Tür", "öffner"]), ("Skilift", ["Ski", "lift"]), ("Teebeutel", ["Tee", "beutel"]),
        ("Kunstart", ["Kunst", "art"]), ("Hintergrund", ["Hinter", "grund"]),
        ("Zwischenbericht", ["Zwischen", "bericht"]), ("Selbsthilfe", ["Selbst", "hilfe"]),
        ("Sondierungsgespräch", ["Sondierungs", "gespräch"]),  # Sondierung: from the Wiktionary noun list
        ("Gesundheitsamt", ["Gesundheits", "amt"]),  # after -heit the s links: no "Samt"
    ],
)
def test_particles_short_nouns_and_listed_nouns_are_parts(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize("word", ["Besitzerin", "Halterung", "Beiträger", "Fernseher", "Vorstand", "Hinterher"])
def test_names_particles_and_listed_words_stay_whole(word):
    assert analyze_word(word).parts == (word,)


def test_particles_are_never_the_head():
    assert default_splitter().split("stadthinter") == ()


def test_very_long_words_are_not_split():
    word = "abfallwirtschaftsverband" * 3
    assert len(word) > MAX_WORD and default_splitter().split(word) == ()


def test_dative_plural_meets_the_noun():
    # Fördermitteln finds Fördermittel: the whole word and its head stem alike
    assert analyze("Fördermitteln") == analyze("Fördermittel")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # a verb stem is a modifier where it is whole syllables
        ("Wohnblock", ["Wohn", "block"]), ("Stehpult", ["Steh", "pult"]), ("Warnschuss", ["Warn", "schuss"]),
        ("Waschmaschine", ["Wasch", "maschine"]),
        ("Wahrheitsgehalt", ["Wahrheits", "gehalt"]),  # no geh|alt: ``geh`` is no syllable of Gehalt
        # common nouns of three letters, where they are whole syllables
        ("Uhrwerk", ["Uhr", "werk"]), ("Tonscherbe", ["Ton", "scherbe"]), ("Walfleisch", ["Wal", "fleisch"]),
        ("Umzugskarton", ["Umzugs", "karton"]),  # no kar|ton
        # counting nouns are nouns
        ("Blattfeder", ["Blatt", "feder"]), ("Begriffspaar", ["Begriffs", "paar"]),
    ],
)
def test_verb_stems_and_three_letter_nouns_are_parts_at_syllables(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize("word", ["Gehalt", "Karton", "Kamerad", "Gestalter", "Neurose", "Parameter"])
def test_common_words_are_not_split_into_rare_pieces(word):
    assert analyze_word(word).parts == (word,)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Ausbuchungsprojekt", ["Ausbuchungs", "projekt"]),  # -ung before -s: a modifier no list needs to know
    ],
)
def test_derived_and_unknown_modifiers(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize(
    "word",
    [
        "Entladung", "Entwertung",  # a verbal prefix is no verb stem (``enten``)
        "Transaktion", "Kardiogramm",  # confixes and confix heads
        "Arbeitslose",  # -los is an adjective suffix, not the plural of Los
        "Ableiter",  # no part below the floor
    ],
)
def test_prefixes_confixes_and_fragments_stay_whole(word):
    assert analyze_word(word).parts == (word,)


@pytest.mark.parametrize(("word", "parts"), [("Rettungswagen", ["Rettungs", "wagen"]),
                                             ("Rauchmelder", ["Rauch", "melder"])])
def test_common_municipal_compounds_still_split(word, parts):
    # common whole words need common parts; Wagen and Melder are municipal parts
    assert list(analyze_word(word).parts) == parts


# Rules measured on the tuning half of GermaNet's compound list (tools/compound_gold.py)


@pytest.mark.parametrize("word", ["Verbinder", "Betretung", "Leistende", "Eintreibung"])
def test_nouns_derived_from_a_common_word_stay_whole(word):
    # verbinden, betreten, leisten, eintreiben: no Verb|inder, Betre|tung,
    # Leiste|ende, Eint|reibung
    assert analyze_word(word).parts == (word,)


def test_a_noun_before_ende_is_still_a_part():
    # fahrten is Fahrt's plural, no verb: Fahrt|ende is a compound
    assert list(analyze_word("Fahrtende").parts) == ["Fahrt", "ende"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Feuerwehrkamerad", ["Feuerwehr", "kamerad"]),  # not …|kame|rad
        ("Ratsuchende", ["Rat", "suchende"]),  # not …|such|ende
        ("Informationssuchende", ["Informations", "suchende"]),
    ],
)
def test_two_parts_that_read_as_a_whole_word_are_one(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Vordiplom", ["Vor", "diplom"]), ("Überhose", ["Über", "hose"]),
        ("Nachbesprechung", ["Nach", "besprechung"]), ("Rückprojektor", ["Rück", "projektor"]),
        ("Nichtakademiker", ["Nicht", "akademiker"]), ("Vollversion", ["Voll", "version"]),
    ],
)
def test_particles_are_modifiers_of_nouns(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize(
    "word",
    [
        "Mitverwaltung", "Mitbenutzung", "Überspannung",  # mitverwalten …: the particle is the verb's prefix
        "Vorbau", "Nachzahlung",
        "Vorstand", "Nachricht", "Unterstützung", "Mitglied", "Vorsitzende",  # common whole words
    ],
)
def test_particles_before_verbal_nouns_and_common_words_stay_whole(word):
    assert analyze_word(word).parts == (word,)


@pytest.mark.parametrize(
    ("word", "parts"),
    [("Jungvogel", ["Jung", "vogel"]), ("Langbogen", ["Lang", "bogen"]), ("Freitreppe", ["Frei", "treppe"])],
)
def test_adjectives_that_are_also_surnames_are_parts(word, parts):
    # Jung, Lang, Frei are surnames of the noun list, but inflect as adjectives (junge, jungen …)
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Werbekampagne", ["Werbe", "kampagne"]),  # werben: the stem with a linking -e
        ("Sortiermaschine", ["Sortier", "maschine"]),  # sortieren: an -ier verb's stem
    ],
)
def test_verb_stems_with_linking_e_and_ier_verbs(word, parts):
    assert list(analyze_word(word).parts) == parts


def test_a_past_plural_is_no_verb_stem():
    # kamen is no infinitive of a stem ``kame``: Kamerad stays whole
    assert default_splitter().split("kamerad") == ()


@pytest.mark.parametrize("word", ["Vizemeister", "Antikörper", "Missbrauch", "Superheld"])
def test_prefixes_that_are_no_free_words_stay_whole(word):
    assert analyze_word(word).parts == (word,)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Bereitstellung", ["Bereitstellung"]),  # bereitstellen: a separable verb's noun, no bereit + Stellung
        ("Fertigstellung", ["Fertigstellung"]),
        ("Freisetzung", ["Freisetzung"]),
        ("Mittelbereitstellung", ["Mittel", "bereitstellung"]),
        ("Baufertigstellung", ["Bau", "fertigstellung"]),
        ("Gewährleistung", ["Gewähr", "leistung"]),  # gewährleisten begins with a noun: split like the verb
        ("Fernsteuerung", ["Fernsteuerung"]),  # fernsteuern is known by its participle ferngesteuert
        ("Instandsetzer", ["Instandsetzer"]),  # instandgesetzt
        ("Gleichstellungspolitik", ["Gleichstellungs", "politik"]),  # gleichgestellt
    ],
)
def test_nouns_of_separable_verbs_split_only_where_the_verb_begins_with_a_noun(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize(
    ("word", "parts"),
    [("Rotator", ["Rotator"]), ("Tabulator", ["Tabulator"]), ("Stadttor", ["Stadt", "tor"])],
)
def test_the_latin_agent_suffix_ator_is_no_tor(word, parts):
    assert list(analyze_word(word).parts) == parts


@pytest.mark.parametrize("word", ["Thailand", "Finnland", "Griechenland", "Neuseeland", "Suriname"])
def test_country_names_stay_whole(word):
    assert analyze_word(word).parts == (word,)


def test_a_country_name_is_still_a_part():
    assert list(analyze_word("Thailandreise").parts) == ["Thailand", "reise"]


@pytest.mark.parametrize(("word", "parts"), [("Olivenöl", ["Oliven", "öl"]), ("Speiseöl", ["Speise", "öl"])])
def test_oel_is_scored_by_its_own_frequency(word, parts):
    # the frozen word list now keeps the two-letter part Öl (before, only the rare "oel" scored it)
    assert list(analyze_word(word).parts) == parts
