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
