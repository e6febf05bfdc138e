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
