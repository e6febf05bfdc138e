"""The corpus checks of corpus_checks.py find what they are meant to find: each runs on a
correct profile and on copies broken in one place."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from corpus import load_profiles
from tests.conftest import ROOT
from tests.corpus.corpus_checks import (
    TASK_FIELDS,
    kurzprofil_lines,
    kurzprofil_problems,
    personal_data_problems,
    task_field_problems,
)

# A fictional profile in the corpus format; the lead is the Stadt Lippstadt (05974028).
PROFILE = """Gemeinsame Musterkooperation Lippstadt – Erwitte

Lippstadt, Erwitte

Stichworte:

Beispiel

Hauptverantwortlich:

Stadt Lippstadt

Kurzprofil:

Stadt Lippstadt
Kreis Soest
Regierungsbezirk Arnsberg
Einwohner: 68.890 (31.12.2022, IT.NRW)
Fläche: 113,7 km²

Anlass:

Ein Beispiel.
"""
LIPPSTADT = "05974028"


def test_a_correct_kurzprofil_has_no_problems(gazetteer):
    assert gazetteer.by_key[LIPPSTADT].population == 68890
    assert kurzprofil_lines(PROFILE) == ["Stadt Lippstadt", "Kreis Soest", "Regierungsbezirk Arnsberg",
                                         "Einwohner: 68.890 (31.12.2022, IT.NRW)", "Fläche: 113,7 km²"]
    assert kurzprofil_problems(PROFILE, LIPPSTADT, gazetteer) == []
    assert kurzprofil_problems(PROFILE.replace("Einwohner: ", "Einwohner:"), LIPPSTADT, gazetteer) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("68.890 (", "68.990 ("),  # population changed
        ("68.890 (", "68.900 ("),  # population rounded
        ("(31.12.2022, IT.NRW)", "(31.12.2021, IT.NRW)"),  # another date than the gazetteer's
        ("(31.12.2022, IT.NRW)", "(31.12.2022, LSN)"),  # another Land's statistical office
        ("(31.12.2022, IT.NRW)", ""),  # no date
        ("113,7 km²", "114,7 km²"),  # area changed
        ("113,7 km²", "113,8 km²"),  # area off by more than the rounding
        ("113,7 km²", "113,7 ha"),  # wrong unit
        ("Stadt Lippstadt\nKreis", "Stadt Soest\nKreis"),  # name line names another town
        ("Stadt Lippstadt\nKreis", "Gemeinde Lippstadt\nKreis"),  # wrong designation
        ("Stadt Lippstadt\nKreis", "Stadt Lipstadt\nKreis"),  # misspelt: resolves to nothing
        ("Kreis Soest\n", "Kreis Paderborn\n"),  # Kreis changed
        ("Kreis Soest\n", "Landkreis Soest\n"),  # NRW Kreise are Kreise
        ("Regierungsbezirk Arnsberg", "Regierungsbezirk Detmold"),  # Regierungsbezirk changed
        ("Regierungsbezirk Arnsberg", "Land Nordrhein-Westfalen"),  # Regierungsbezirk left out
        ("Kreis Soest\n", "Kreis Soest\nSoester Börde\n"),  # a line nobody checks
    ],
)
def test_a_changed_kurzprofil_fails(gazetteer, old, new):
    mutated = PROFILE.replace(old, new, 1)
    assert mutated != PROFILE
    assert kurzprofil_problems(mutated, LIPPSTADT, gazetteer) != []


def test_a_kurzprofil_of_another_place_fails(gazetteer):
    assert kurzprofil_problems(PROFILE, "05974040", gazetteer) != []  # the lead is Soest


def test_figures_of_a_kreis_are_its_official_totals(gazetteer):
    kassel = PROFILE.replace(
        "Stadt Lippstadt\nKreis Soest\nRegierungsbezirk Arnsberg\n"
        "Einwohner: 68.890 (31.12.2022, IT.NRW)\nFläche: 113,7 km²",
        "Landkreis Kassel\nRegierungsbezirk Kassel\n"
        "Einwohner: 240.718 (31.12.2022, Destatis)\nFläche: 1.293,3 km²")
    assert kurzprofil_problems(kassel, "06633", gazetteer) == []
    # the old figure without the Gutsbezirk Reinhardswald
    assert kurzprofil_problems(kassel.replace("1.293,3", "1.110,8"), "06633", gazetteer) != []
    assert kurzprofil_problems(kassel.replace("Landkreis Kassel", "Stadt Kassel"), "06633", gazetteer) != []


CONTACT = """Kontakt:

Stadt Lippstadt
Fachbereich Finanzen, Stadtkasse
Lange Straße 14
59555 Lippstadt
02941 000-0000
stadtkasse@example.org

Links:

www.example.org/lippstadt/stadtkasse
https://example.org/lippstadt
"""


def test_fictional_contacts_pass():
    assert personal_data_problems(PROFILE + "\n" + CONTACT) == []
    # figures, dates, postcodes and authority names that look a little like phone numbers or hosts
    harmless = ("Einwohner: 1.293.330 (31.12.2022, IT.NRW), 01067 Dresden, Postfach 10 00 00, 1,2 Mio. €, "
                "350.000 Euro, Straßen.NRW, z.B. Lohr a.Main, Version 2.0, Tel. 02941 000-0000, Fax 0211 000-0000")
    assert personal_data_problems(harmless) == []


@pytest.mark.parametrize(
    "real",
    [
        "Tel. (02821) 85-1234",
        "+49 (2821) 851234",
        "0049 2821 851234",
        "02821/851234",
        "02821 85-1234",
        "Telefon 0 28 21 / 85 12 34",
        "(0 28 21) 85 12 34",
        "Tel. 85-1234",
        "(02821) 000-0000",  # right digits, other format: keep one format
        "stadt-kleve.de/bioabfall",
        "Kleve.DE",
        "www.kreis-kleve.de",
        "https://kleve.nrw/abfall",
        "bioabfall@stadt-kleve.de",
        "www.example.org.stadt-kleve.de",
        "Frau Petra Schulze",
        "Herr Schulze",
        "Ansprechpartner: Herrn Dr. Meier",
        "Dr. Petra Schulze",
    ],
)
def test_personal_data_is_found(real):
    contact = CONTACT.replace("02941 000-0000", real)
    assert contact != CONTACT
    assert personal_data_problems(PROFILE + "\n" + contact) != []


# ---------------------------------------------------------------- task fields

TASK_FIELD_FILE = ROOT / "tests" / "corpus" / "task_fields.json"


@pytest.fixture(scope="module")
def bundled(gazetteer):
    return load_profiles([ROOT / "corpus" / "profiles"], gazetteer).profiles


@pytest.fixture
def assigned():
    return json.loads(TASK_FIELD_FILE.read_text(encoding="utf-8"))["profiles"]


def test_the_task_field_mapping_passes(bundled, assigned):
    assert task_field_problems(assigned, bundled) == []


def test_a_wrongly_filed_profile_fails(bundled, assigned):
    pid = next(p for p in assigned if p.startswith("001_"))  # a Radpendlerroute
    assert task_field_problems({**assigned, pid: "Friedhof"}, bundled) != []
    assert task_field_problems({**assigned, pid: "Radweg"}, bundled) != []  # not one of the 38


def test_an_unfiled_or_unknown_profile_fails(bundled, assigned):
    missing = dict(list(assigned.items())[1:])
    assert task_field_problems(missing, bundled) != []
    assert task_field_problems({**assigned, "999_unbekannt": "Archiv"}, bundled) != []


def test_a_field_with_too_few_public_profiles_fails(bundled, assigned):
    music = [pid for pid, field in assigned.items() if field == "Musikschule"]
    hidden = set(music[4:])  # all but four Musikschule profiles become private
    copy = [dataclasses.replace(p, private=True) if p.id in hidden else p for p in bundled]
    assert any("Musikschule" in problem for problem in task_field_problems(assigned, copy))


def test_a_profile_whose_title_and_keywords_no_longer_say_its_field_fails(bundled, assigned):
    pid = next(p for p in assigned if p.startswith("011_"))  # Musikschulverbund Kleve
    copy = [dataclasses.replace(p, title="Kulturelle Bildung am Niederrhein", keywords=("Instrumentalunterricht",))
            if p.id == pid else p for p in bundled]
    assert task_field_problems(assigned, copy) == [
        f"{pid}: title and keywords do not say Musikschule: "
        "'Kulturelle Bildung am Niederrhein | Instrumentalunterricht'"]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("IT/Rechenzentrum", "Wasserversorgung"),  # "server"
        ("IT/Rechenzentrum", "Gemeinsame Kita-Platzvergabe"),
        ("Energie/Windkraft", "Geschwindigkeitsüberwachung"),  # "wind"
        ("Energie/Windkraft", "Energieberatung im Klimaschutzmanagement"),
        ("Schule/Schulverband", "Musikschule"),
        ("Schule/Schulverband", "Volkshochschule"),
        ("Schule/Schulverband", "Schulschwimmen im Hallenbad"),
        ("Gesundheit/Pflege", "Grünpflege; Archivpflege; Schlauchpflege"),
        ("Vergabestelle", "Online-Platzvergabe für Kindertagesstätten"),
        ("Kasse/Vollstreckung", "Archivpflege im Landkreis Kassel"),
        ("Radverkehr", "Radtourismus"),
        ("ÖPNV/Bürgerbus", "Radschnellverbindung; Mobilität"),
        ("Integration", "Integrationskurse"),  # a VHS keyword, not Integration as a task
    ],
)
def test_task_field_patterns_do_not_take_false_friends(field, text):
    assert not re.search(TASK_FIELDS[field], text, re.IGNORECASE)
