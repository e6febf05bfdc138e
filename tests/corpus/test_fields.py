"""Single-section values: keywords, start year, legal form, numbers."""

from __future__ import annotations

import pytest

from corpus.fields import (
    normalise_legal_form,
    parse_german_float,
    parse_german_int,
    parse_keywords,
    parse_start_year,
)
from corpus.model import LEGAL_FORMS


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Abfall, Wertstoffhof, Biomüll"], ["Abfall", "Wertstoffhof", "Biomüll"]),
        (["Abfall; Wertstoffhof;Biomüll"], ["Abfall", "Wertstoffhof", "Biomüll"]),
        (["Abfall", "Wertstoffhof", "Biomüll"], ["Abfall", "Wertstoffhof", "Biomüll"]),
        (["Digitalisierung smart city"], ["Digitalisierung smart city"]),
        (["Abfall,", "Wertstoffhof"], ["Abfall", "Wertstoffhof"]),
        (["Abfall, abfall, ABFALL, Müll."], ["Abfall", "Müll"]),
        (["  Radverkehr  ,  , Radschnellweg "], ["Radverkehr", "Radschnellweg"]),
        (["Breitband (Glasfaser, 5G)"], ["Breitband (Glasfaser, 5G)"]),
        (["Breitband (Glasfaser, 5G), Mobilfunk"], ["Breitband (Glasfaser, 5G)", "Mobilfunk"]),
        (["Abfall; Wertstoffe (Papier; Glas)", "Kompost"], ["Abfall", "Wertstoffe (Papier; Glas)", "Kompost"]),
        (["Breitband (Glasfaser, 5G)", "Mobilfunk"], ["Breitband (Glasfaser, 5G)", "Mobilfunk"]),
        (["IT (Rechenzentrum", "Netze), Abfall"], ["IT (Rechenzentrum", "Netze)", "Abfall"]),  # unbalanced: per line
        ([], []),
    ],
)
def test_keywords(lines, expected):
    assert parse_keywords(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("588.250", 588250), ("588 250", 588250), ("588250", 588250), ("1.234.567", 1234567),
     ("1,2 Mio.", 1200000), ("3 Mio", 3000000), ("ca. 500", None), ("", None), ("12.5", 12)],
)
def test_german_int(text, expected):
    assert parse_german_int(text) == expected


@pytest.mark.parametrize(
    "text",
    ["9" * 4301, "9" * 400 + ",5 Mio", "1" * 10, "1,5" + "0" * 5000 + " Mio", "1.000.000.000.000", "999 Mio"],
)
def test_german_int_beyond_any_population_is_absent(text):
    """More digits than any population has (9) or more people than Germany: absent, no crash."""
    assert parse_german_int(text) is None


@pytest.mark.parametrize("text", ["9" * 400, "9" * 400 + ",5 km²", "1" * 20 + ",0", "0," + "9" * 400])
def test_german_float_beyond_any_area_is_absent(text):
    assert parse_german_float(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("280,7 km²", 280.7), ("1.328,6 km²", 1328.6), ("280.7", 280.7), ("1.328", 1328.0), ("85", 85.0),
     ("km²", None), ("", None)],
)
def test_german_float(text, expected):
    assert parse_german_float(text) == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [("2019", 2019), ("seit 2003", 2003), ("01.01.2015", 2015), ("Juli 2010", 2010), ("1.1.98", 1998),
     ("01.07.05", 2005), ("", None), ("seit langem", None), ("1965 (Gründung)", 1965), ("Mitte der 1970er", 1970)],
)
def test_start_year(text, year):
    assert parse_start_year(text) == year


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("Öffentlich-rechtliche Vereinbarung", "öffentlich-rechtliche Vereinbarung"),
        ("öffentlich-rechtliche Vereinbarung (delegierend)", "öffentlich-rechtliche Vereinbarung"),
        ("Zweckvereinbarung", "öffentlich-rechtliche Vereinbarung"),
        ("delegierende Vereinbarung nach GkG NRW", "öffentlich-rechtliche Vereinbarung"),
        ("mandatierende Vereinbarung", "öffentlich-rechtliche Vereinbarung"),
        ("Zweckverband", "Zweckverband"),
        ("Schulzweckverband", "Zweckverband"),
        ("Anstalt des öffentlichen Rechts (AöR)", "gemeinsames Kommunalunternehmen (AöR)"),
        ("gemeinsames Kommunalunternehmen", "gemeinsames Kommunalunternehmen (AöR)"),
        ("AöR", "gemeinsames Kommunalunternehmen (AöR)"),
        ("GmbH", "GmbH"),
        ("gGmbH", "GmbH"),
        ("GmbH (kommunale Gesellschaft)", "GmbH"),
        ("e.V.", "eingetragener Verein"),
        ("eingetragener Verein", "eingetragener Verein"),
        ("Verein", "eingetragener Verein"),
        ("Kooperationsvereinbarung", "Kooperationsvertrag"),  # contains "verein": the trap
        ("Kooperationsvertrag", "Kooperationsvertrag"),
        ("Arbeitsgemeinschaft", "Arbeitsgemeinschaft"),
        ("ARGE", "Arbeitsgemeinschaft"),
        ("Gesellschaft mit beschränkter Haftung", "GmbH"),
        ("Gesellschaft mit beschraenkter Haftung (kommunal)", "GmbH"),
        ("Anstalt öffentlichen Rechts", "gemeinsames Kommunalunternehmen (AöR)"),
        ("rechtsfähige Anstalt des oeffentlichen Rechts", "gemeinsames Kommunalunternehmen (AöR)"),
        ("gKU", "gemeinsames Kommunalunternehmen (AöR)"),
        ("Gemeinsames Kommunalunternehmen (gKU)", "gemeinsames Kommunalunternehmen (AöR)"),
        ("oeffentlich-rechtliche Vereinbarung", "öffentlich-rechtliche Vereinbarung"),
        ("öffentlich-rechtl. Vereinbarung", "öffentlich-rechtliche Vereinbarung"),
        ("öffentl.-rechtl. Vereinbarung", "öffentlich-rechtliche Vereinbarung"),
        ("Kooperations-Vereinbarung", "Kooperationsvertrag"),
        ("Kooperationsverträge", "Kooperationsvertrag"),
        ("Kooperationsvertraege mit den Nachbarstädten", "Kooperationsvertrag"),
        # a word ending in "-verein" is a Verein; "Vereinbarung"/"Vereinigung" are not
        ("Trägerverein", "eingetragener Verein"),
        ("Trägerverein e.V.", "eingetragener Verein"),
        ("Förderverein der Musikschule", "eingetragener Verein"),
        ("Verwaltungsvereinbarung", "öffentlich-rechtliche Vereinbarung"),
        # a öffentlich-rechtlicher Vertrag is not filed as a Vereinbarung (tests/dev's g008 judges so)
        ("öffentlich-rechtlicher Vertrag", "sonstige"),
        ("öffentlich-rechtlicher Kooperationsvertrag", "Kooperationsvertrag"),
        # Niedersachsen's and Schleswig-Holstein's joint public-law institution
        ("gemeinsame kommunale Anstalt (gkA)", "gemeinsames Kommunalunternehmen (AöR)"),
        ("gkA", "gemeinsames Kommunalunternehmen (AöR)"),
        ("Vereinbarung", "sonstige"),
        ("Vereinigung der Bürgermeister", "sonstige"),
        # the current form wins; planned ones ("geplant", "in Gründung") do not
        ("Öffentlich-rechtliche Vereinbarung; Zweckverband geplant", "öffentlich-rechtliche Vereinbarung"),
        ("Öffentlich-rechtliche Vereinbarung (Zweckverband in Gründung)", "öffentlich-rechtliche Vereinbarung"),
        ("Zweckverband in Gründung; bis dahin öffentlich-rechtliche Vereinbarung",
         "öffentlich-rechtliche Vereinbarung"),
        ("Arbeitsgemeinschaft, Umwandlung in eine GmbH geplant", "Arbeitsgemeinschaft"),
        ("Kooperationsvertrag, AöR in Vorbereitung", "Kooperationsvertrag"),
        ("Zweckverband (in Gründung)", "Zweckverband"),  # only a planned form: the best we know
        ("Absichtserklärung", "sonstige"),
        ("informelle Zusammenarbeit", "sonstige"),
        ("Letter of Intent", "sonstige"),
        ("", None),
        (None, None),
    ],
)
def test_legal_form(raw, form):
    assert normalise_legal_form(raw) == form
    assert form is None or form in LEGAL_FORMS
