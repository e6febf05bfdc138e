"""The Kurzprofil: place, Kreis, Regierungsbezirk, Land, population and area."""

from __future__ import annotations

import pytest

from corpus.kurzprofil import parse_kurzprofil

FIELDS = ("place", "district", "region", "state", "population", "population_date", "population_source", "area_km2")


def stated(lines: list[str]) -> dict:
    result = parse_kurzprofil(lines)
    return {k: getattr(result, k) for k in FIELDS if getattr(result, k) is not None}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Stadt Dortmund", "Regierungsbezirk Arnsberg", "Einwohner:588.250 (31.12.2019, IT.NRW)", "Fläche: 280,7 km²"],
         dict(place="Dortmund", region="Arnsberg", population=588250, population_date="31.12.2019",
              population_source="IT.NRW", area_km2=280.7)),
        (["Stadt Lippstadt", "Kreis Soest", "Regierungsbezirk Arnsberg", "Einwohner: 68.890", "Fläche: 11.370 ha"],
         dict(place="Lippstadt", district="Kreis Soest", region="Arnsberg", population=68890, area_km2=113.7)),
        (["Kreis Soest", "Regierungsbezirk Arnsberg"], dict(place="Kreis Soest", region="Arnsberg")),
        (["Kreis- und Hochschulstadt Meschede", "Hochsauerlandkreis", "Reg.-Bez. Arnsberg"],
         dict(place="Meschede", district="Hochsauerlandkreis", region="Arnsberg")),
        (["Gemeinde Rhede", "Landkreis Emsland", "Land Niedersachsen", "Einwohner: 4.360 (Destatis)"],
         dict(place="Rhede", district="Landkreis Emsland", state="Niedersachsen", population=4360,
              population_source="Destatis")),
        (["Stadt Siegburg", "Rhein-Sieg-Kreis", "Bundesland: Nordrhein-Westfalen"],
         dict(place="Siegburg", district="Rhein-Sieg-Kreis", state="Nordrhein-Westfalen")),
        (["Stadt Olpe", "Kreis: Olpe", "Einwohner: unbekannt"], dict(place="Olpe", district="Kreis Olpe")),
        (["Stadt Olpe", "Einwohner: " + "9" * 4301, "Fläche: " + "9" * 400 + " km²"], dict(place="Olpe")),
        (["Stadt Olpe", "Einwohner: " + "9" * 400 + ",5 Mio", "Fläche: 99.999.999 ha"], dict(place="Olpe")),
        (["Stadt Olpe", "Fläche: 500.000 km²"], dict(place="Olpe")),  # more than Germany
        ([], {}),
    ],
)
def test_kurzprofil(lines, expected):
    assert stated(lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Einwohner: 588.250 (31.12.2019, IT.NRW)", (588250, "31.12.2019", "IT.NRW")),
        ("Einwohner: 588.250 (Stand 31.12.2019, Quelle: IT.NRW)", (588250, "31.12.2019", "IT.NRW")),
        ("Einwohner: 588.250 (Stand: 30.06.2020; IT.NRW)", (588250, "30.06.2020", "IT.NRW")),
        ("Einwohner: 588.250 (31. Dezember 2019, IT.NRW)", (588250, "31.12.2019", "IT.NRW")),
        ("Einwohner: 588.250 (IT.NRW, 1. Jan. 2020)", (588250, "01.01.2020", "IT.NRW")),
        ("Einwohner: 588.250 (Dezember 2019)", (588250, "12.2019", None)),
        ("Einwohner: 588.250 (2019)", (588250, "2019", None)),
        ("Einwohner: 588.250 (Stand 2019, lt. Destatis)", (588250, "2019", "Destatis")),
        ("Einwohner: 588.250 (Quelle: Einwohnermeldeamt)", (588250, None, "Einwohnermeldeamt")),
        ("Einwohner: 588.250 (31.12.2019 IT.NRW)", (588250, "31.12.2019", "IT.NRW")),
        ("Einwohner: ca. 588.000", (588000, None, None)),
        ("Einwohner: rund 1,2 Mio.", (1200000, None, None)),
        ("Einwohnerinnen und Einwohner: 588.250", (588250, None, None)),
        ("Einwohner*innen: 588.250", (588250, None, None)),
        ("Einwohnerzahl: 588.250", (588250, None, None)),
        ("Einwohner: unbekannt (2019)", (None, None, None)),
    ],
)
def test_population_with_date_and_source(line, expected):
    result = parse_kurzprofil(["Stadt Dortmund", line])
    assert (result.population, result.population_date, result.population_source) == expected


@pytest.mark.parametrize(
    ("line", "area"),
    [("Fläche: 280,7 km²", 280.7), ("Fläche: rd. 280 km²", 280.0), ("Fläche: ca. 11.370 ha", 113.7),
     ("Fläche: etwa 85 km²", 85.0), ("Fläche: unbekannt", None)],
)
def test_area(line, area):
    assert parse_kurzprofil(["Stadt Dortmund", line]).area_km2 == area
