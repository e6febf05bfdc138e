"""tools/compound_gold.py: the DECOW16 notation and the measures, on entries written here."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import compound_gold


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("zeit_punkt", ("zeitpunkt", 4)),
        ("verbindung_+s_plan", ("verbindungsplan", 11)),
        ("schule_-e_jahr", ("schuljahr", 5)),
        ("wort_+=er_kette", ("wörterkette", 6)),
        ("vater_+=_suche", ("vätersuche", 5)),
        ("haus_+=er_block", ("häuserblock", 6)),
        ("ober~_land_+es_gericht", None),
        ("schule_-x_jahr", None),
    ],
)
def test_parse_entry(entry, expected):
    assert compound_gold.parse_entry(entry) == expected


def test_measures_count_inner_splits_of_known_parts(tmp_path):
    gold_file = tmp_path / "gold.tsv"
    gold_file.write_text("abfallwirtschaft_+s_verband\t1\t2\tcommon\nabfall_wirtschaft\t1\t2\tcommon\n")
    gold = compound_gold.load([gold_file])
    assert compound_gold.full_splits("abfallwirtschaftsverband", gold) == {6, 17}
    figures = compound_gold.measure(
        lambda word: {len(word) - 7} if word.endswith("verband") and word != "verband" else set(),
        {"abfallwirtschaftsverband": 17}, gold, ["verband"])
    assert figures["main_split_found"] == 1.0 and figures["exact"] == 0.0
    assert (figures["precision"], figures["recall"], figures["non_compounds_split"]) == (1.0, 0.5, 0.0)


def test_germanet_list_gives_main_and_inner_splits(tmp_path):
    listing = tmp_path / "germanet.txt"
    listing.write_text(
        "compound\tmodifier1(|modifier2)\thead\n********\t****\t****\n"
        "Abfallwirtschaftsverband\tAbfallwirtschaft\tVerband\n"
        "Abfallwirtschaft\tAbfall\tWirtschaft\n"
        "Alltagsbedingungen\tAlltag\tBedingung\n"
        "Grundnahrungsmittel\tgrund\tNahrungsmittel\n"
        "Nahrungsmittel\tNahrung\tMittel\n"
        "Angelschnur\tAngel|angeln\tSchnur\n"
        "1-Zimmer-Wohnung\t1 Zimmer\tWohnung\n",
        encoding="utf-8")
    cuts, modifiers, parts = compound_gold.load_germanet(listing)
    assert cuts == {"abfallwirtschaftsverband": 17, "abfallwirtschaft": 6, "alltagsbedingungen": 7,
                    "grundnahrungsmittel": 5, "nahrungsmittel": 8, "angelschnur": 5}
    assert modifiers["angelschnur"] == ("angel", "angeln")
    assert {"verband", "schnur", "nahrung", "mittel", "wohnung"} <= parts and "grund" not in parts
    assert compound_gold.germanet_splits("abfallwirtschaftsverband", cuts, modifiers) == {6, 17}
    assert compound_gold.germanet_splits("grundnahrungsmittel", cuts, modifiers) == {5, 13}
    gold, full, simple = compound_gold.germanet_gold(listing, "all", 0, 15)
    assert gold == cuts and full["alltagsbedingungen"] == {7}
    assert "verband" in simple and "abfallwirtschaft" not in simple
    halves = {compound_gold.half_of(word) for word in cuts}
    assert halves <= {"tune", "held"}


def test_halves_are_fixed_and_disjoint():
    words = [f"wort{i}" for i in range(200)]
    tune = {w for w in words if compound_gold.half_of(w) == "tune"}
    assert 60 < len(tune) < 140 and tune == {w for w in words if compound_gold.half_of(w) == "tune"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ratsbeschluss;Rats=be<schluss", ("ratsbeschluss", {4: 1})),
        ("Kreisverkehrsamt;Kreis==ver<kehrs=amt  # a comment", ("kreisverkehrsamt", {5: 2, 13: 1})),
        ("Schifffahrt;-2-;Schiff=fahrt;Schiff=fahrt", ("schifffahrt", {6: 1})),
        ("Schule;Schu-le", ("schule", {})),
        ("Ackerbau;Acker·bau", None),  # uncategorised
        ("Schiffahrt;-2-;Schi{ff/ff=f}ahrt;-4-", None),  # special hyphenation, no reformed form
        ("Wort;Wurt", None),  # letters differ from the word
    ],
)
def test_wortliste_entries(line, expected):
    assert compound_gold.parse_wortliste_line(line) == expected


def test_wortliste_gold_takes_the_weakest_joint_as_main_split(tmp_path):
    listing = tmp_path / "wortliste"
    listing.write_text(
        "Kreisverkehrsamt;Kreis==ver<kehrs=amt\nRatsbeschluss;Rats=be<schluss\n"
        "Abfallwirtschaftsverband;Ab<fall=wirt-schafts=ver<band\n"  # two equal joints: no main split
        "Schule;Schu-le\nVortrag;Vor<trag\nbauen;bau-en\n", encoding="utf-8")
    main, full, simple = compound_gold.wortliste_gold(listing, "all", 0, 1)
    assert main == {"kreisverkehrsamt": 5, "ratsbeschluss": 4}
    assert full["kreisverkehrsamt"] == {5, 13}
    assert simple == ["schule"]  # a noun without joints or prefix; Vortrag has a prefix, bauen is no noun


def test_wikidata_lexemes_give_main_and_inner_splits(tmp_path):
    listing = tmp_path / "wikidata_de.tsv"
    listing.write_text(
        "Abfallwirtschaftsverband\tAbfallwirtschaft\tVerband\n"
        "Abfallwirtschaft\tAbfall\tWirtschaft\n"
        "Angriffskrieg\tAngriff\ts\tKrieg\n"  # a linking element counts with the left part
        "Badehaus\tbaden\tHaus\n"  # a verb's lemma loses its ending in the word
        "Kirschsaft\tKirsche\tSaft\n"
        "Aalbeere\tAlant\tBeere\n"  # the first lemma does not begin the word: skipped
        "Sängerin\tSänger\tin\n"  # a derivation: skipped, and Sänger is no simple noun's witness
        "Benutzung\tbe\tNutzung\n"  # a prefix: skipped
        "Augenmaß\tMaß\n"  # one lexeme: skipped
        "Vollverdrängungspfahl\tvoll\tVerdrängung\ts\tPfahl\n"  # three lexemes: no main split
        "A-Saite\tA\tSaite\n",
        encoding="utf-8")
    cuts, modifiers, parts, analysed = compound_gold.load_wikidata(listing)
    assert cuts == {"abfallwirtschaftsverband": 17, "abfallwirtschaft": 6, "angriffskrieg": 8,
                    "badehaus": 4, "kirschsaft": 6}
    assert modifiers["badehaus"] == ("baden",)
    assert {"verband", "krieg", "saft", "kirsche", "pfahl"} <= parts and "sänger" not in parts
    assert "sängerin" in analysed and "augenmaß" in analysed
    gold, full, simple = compound_gold.wikidata_gold(listing, "all", 0, 15)
    assert gold == cuts and full["abfallwirtschaftsverband"] == {6, 17}
    assert "verband" in simple and "kirsche" in simple and "abfallwirtschaft" not in simple
