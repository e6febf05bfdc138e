"""The Kurzprofil: place, Kreis, Regierungsbezirk, Land, population and area."""

from __future__ import annotations

import pytest

from corpus.kurzprofil import REGION_NAMES, STATE_NAMES, parse_kurzprofil

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


@pytest.mark.parametrize(
    ("line", "state"),
    [
        ("Bundesland: NRW", "Nordrhein-Westfalen"),
        ("Land: NW", "Nordrhein-Westfalen"),
        ("Bundesland Nordrhein Westfalen", "Nordrhein-Westfalen"),
        ("Bundesland: NDS", "Niedersachsen"),
        ("Land: Nds.", "Niedersachsen"),
        ("Bundesland: BY", "Bayern"),
        ("Freistaat Bayern", "Bayern"),
        ("Bundesland: BW", "Baden-Württemberg"),
        ("Bundesland: Baden-Wuerttemberg", "Baden-Württemberg"),
        ("Bundesland: RLP", "Rheinland-Pfalz"),
        ("Bundesland: SH", "Schleswig-Holstein"),
        ("Bundesland: MV", "Mecklenburg-Vorpommern"),
        ("Bundesland: M-V", "Mecklenburg-Vorpommern"),
        ("Bundesland: Thueringen", "Thüringen"),
        ("Freistaat Thüringen", "Thüringen"),
        ("Bundesland: LSA", "Sachsen-Anhalt"),
        ("Bundesland: Freie und Hansestadt Hamburg", "Hamburg"),
        ("Land: HB", "Bremen"),
        ("Land: hessen", "Hessen"),
        ("Bundesland: Westfalen-Lippe", "Westfalen-Lippe"),  # unknown: kept as written
    ],
)
def test_stated_state_is_the_lands_full_name(line, state):
    assert parse_kurzprofil(["Stadt Dortmund", line]).state == state


@pytest.mark.parametrize(
    ("line", "region", "state"),
    [
        ("Regierungsbezirk Muenster", "Münster", None),
        ("Regierungsbezirk: Koeln", "Köln", None),
        ("Reg.-Bez. Duesseldorf", "Düsseldorf", None),
        ("Regierungsbezirk: Arnsberg (NRW)", "Arnsberg", "Nordrhein-Westfalen"),
        ("Regierungsbezirk Giessen", "Gießen", None),
        ("Regierungsbezirk oberbayern", "Oberbayern", None),
        ("Regierungsbezirk Weser-Ems", "Weser-Ems", None),  # dissolved 2004: kept as written
    ],
)
def test_stated_region_is_the_gazetteers_name(line, region, state):
    result = parse_kurzprofil(["Stadt Dortmund", line])
    assert (result.region, result.state) == (region, state)


@pytest.mark.parametrize(
    ("line", "district"),
    [
        ("Landkreis: Emsland", "Landkreis Emsland"),
        ("Kreis: Olpe", "Kreis Olpe"),
        ("Kreis: Hochsauerlandkreis", "Hochsauerlandkreis"),
        ("Landkreis: Region Hannover", "Region Hannover"),
    ],
)
def test_stated_district_keeps_its_label_word(line, district):
    assert parse_kurzprofil(["Stadt Dortmund", line]).district == district


def test_state_and_region_tables_name_the_gazetteers_places(gazetteer):
    assert set(STATE_NAMES.values()) == {place.state for place in gazetteer.places}
    assert set(REGION_NAMES.values()) == {place.region for place in gazetteer.places if place.region}


@pytest.mark.parametrize(("line", "expected"), [
    ("Kreis Nordfriesland, Schleswig-Holstein", dict(district="Kreis Nordfriesland", state="Schleswig-Holstein")),
    ("Wartburgkreis, Freistaat Thüringen", dict(district="Wartburgkreis", state="Thüringen")),
    ("Landkreis Kassel, Regierungsbezirk Kassel, Hessen",
     dict(district="Landkreis Kassel", region="Kassel", state="Hessen")),
    ("Ilm-Kreis, Freistaat Thüringen", dict(district="Ilm-Kreis", state="Thüringen")),
    ("Schleswig-Holstein", dict(state="Schleswig-Holstein")),
    ("Land Brandenburg", dict(state="Brandenburg")),
    # not every piece an administrative unit: not read as one
    ("Fachbereich Soziales, Hessen", {}),
    ("Husum, Nordsee", {}),
])
def test_kreis_and_land_on_one_line_as_other_laender_write_them(line, expected):
    assert stated(["Stadt Husum", line]) == {"place": "Husum", **expected}


@pytest.mark.parametrize(("line", "expected"), [
    ("Eifelkreis Bitburg-Prüm, Rheinland-Pfalz", dict(district="Eifelkreis Bitburg-Prüm", state="Rheinland-Pfalz")),
    ("Rhein-Kreis Neuss, NRW", dict(district="Rhein-Kreis Neuss", state="Nordrhein-Westfalen")),
    ("Märkischer Kreis, Regierungsbezirk Arnsberg",
     dict(district="Märkischer Kreis", region="Arnsberg")),
    ("Rheinisch-Bergischer Kreis, Nordrhein-Westfalen",
     dict(district="Rheinisch-Bergischer Kreis", state="Nordrhein-Westfalen")),
    ("Saale-Orla-Kreis (Thüringen)", dict(district="Saale-Orla-Kreis", state="Thüringen")),
    ("Landkreis Vorpommern-Greifswald (MV)",
     dict(district="Landkreis Vorpommern-Greifswald", state="Mecklenburg-Vorpommern")),
    # a parenthesis that names no Land: not read
    ("Saale-Orla-Kreis (Ostthüringen)", {}),
])
def test_kreis_names_of_every_shape_and_a_land_in_parentheses(line, expected):
    assert stated(["Stadt Husum", line]) == {"place": "Husum", **expected}


@pytest.mark.parametrize(("line", "expected"), [
    ("Wartburgkreis, Freistaat Thüringen", dict(district="Wartburgkreis", state="Thüringen")),
    ("Eifelkreis Bitburg-Prüm, Rheinland-Pfalz", dict(district="Eifelkreis Bitburg-Prüm", state="Rheinland-Pfalz")),
    ("Saale-Orla-Kreis (Thüringen)", dict(district="Saale-Orla-Kreis", state="Thüringen")),
    # a first line that is not only Kreis and Land is the place, as before
    ("Stadt Husum", dict(place="Husum")),
    ("Husum, Nordsee", dict(place="Husum, Nordsee")),
])
def test_a_kurzprofil_that_starts_with_kreis_and_land_names_no_place(line, expected):
    assert stated([line, "Einwohner: 1.000"]) == {"population": 1000, **expected}


def test_an_ambiguous_lead_is_resolved_by_a_first_line_kreis_and_land(gazetteer):
    from corpus import enrich_profile, parse_profile

    text = ("Bauhof\n\nStadt Eisenach, Gemeinde Gerstungen\n\nHauptverantwortlich:\n\nEisenach\n\n"
            "Kurzprofil:\n\nWartburgkreis, Freistaat Thüringen\n")
    profile = enrich_profile(parse_profile(text, profile_id="p"), gazetteer)
    assert (profile.state, profile.district, profile.lead_key) == ("Thüringen", "Wartburgkreis", "16063105")


def test_a_land_named_on_one_line_resolves_a_name_that_exists_twice(gazetteer):
    from corpus import enrich_profile, parse_profile

    text = ("Pflegestützpunkt\n\nStadt Husum, Gemeinde Nordstrand\n\nHauptverantwortlich:\n\nHusum\n\n"
            "Kurzprofil:\n\nStadt Husum\nKreis Nordfriesland, Schleswig-Holstein\n")
    profile = enrich_profile(parse_profile(text, profile_id="p"), gazetteer)
    assert (profile.state, profile.district, profile.lead_key) == (
        "Schleswig-Holstein", "Kreis Nordfriesland", "01054056")
