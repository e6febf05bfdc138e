"""The municipality directory derived from Destatis GV100AD."""

from __future__ import annotations

import pytest

from corpus.gazetteer import (
    ATTRIBUTION,
    DATA_FILE,
    display_name,
    name_key,
    parse_gazetteer,
)


def test_dortmund_matches_the_official_record(gazetteer):
    place = gazetteer.by_key["05913000"]
    assert (place.name, place.area_km2, place.population) == ("Dortmund", 280.71, 593317)
    assert (place.state, place.region, place.district) == ("Nordrhein-Westfalen", "Arnsberg", None)


def test_counts_of_nordrhein_westfalen(gazetteer):
    nrw = [p for p in gazetteer.places if p.key.startswith("05")]
    assert sum(p.kind == "gemeinde" for p in nrw) == 396
    assert sum(p.kind == "kreis" for p in nrw) == 53
    assert {p.region for p in nrw} == {"Düsseldorf", "Köln", "Münster", "Detmold", "Arnsberg"}


def test_attribution_is_shipped_with_the_data():
    header = DATA_FILE.read_text(encoding="utf-8").splitlines()[:2]
    assert "Statistisches Bundesamt (Destatis)" in header[0] and "30.11.2023" in header[0]
    assert "Datenlizenz Deutschland" in header[1]
    assert "Destatis" in ATTRIBUTION


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dortmund", "05913000"),
        ("Stadt Dortmund", "05913000"),
        ("Dortmund, Stadt", "05913000"),
        ("Muelheim an der Ruhr", "05117000"),
        ("Mülheim a.d. Ruhr", "05117000"),
        ("Luedenscheid", "05962032"),
        ("Halle (Westf.)", "05754012"),
        ("Wetter (Ruhr)", "05954032"),
        ("Lohr am Main", "09677155"),
        ("Lohr a.Main", "09677155"),
        ("Kreis- und Hochschulstadt Meschede", "05958032"),
        ("Kreis Soest", "05974"),
        ("Hochsauerlandkreis", "05958"),
        ("Landkreis Emsland", "03454"),
        ("Rhein-Sieg-Kreis", "05382"),
        ("Städteregion Aachen", "05334"),
        ("Aachen", "05334002"),
        ("Soest", "05974040"),
        ("Bautzen", "14625020"),
        ("Freie und Hansestadt Hamburg", "02000000"),
    ],
)
def test_resolve_names(gazetteer, name, key):
    place = gazetteer.resolve(name)
    assert place is not None and place.key == key


@pytest.mark.parametrize(
    ("name", "context", "key"),
    [
        ("Neustadt", {}, None),  # many Neustadts: never guessed
        ("Neustadt a.d. Waldnaab", {}, "09374139"),
        ("Halle", {}, None),
        ("Halle", {"region": "Detmold"}, "05754012"),
        ("Münster", {}, None),
        ("Münster", {"region": "Münster"}, "05515000"),
        ("Münster", {"state": "Hessen"}, "06432015"),
        ("Unbekanntdorf", {}, None),
        # stated context narrows exact spellings and aliases together
        ("Werther", {}, "16062063"),  # no context: the exact spelling (Thüringen) wins
        ("Werther", {"district": "Kreis Gütersloh"}, "05754052"),
        ("Rhede", {"district": "Landkreis Emsland", "state": "Niedersachsen"}, "03454044"),
        ("Rhede", {"region": "Münster"}, "05554048"),
        ("Monheim", {"district": "Kreis Mettmann", "region": "Düsseldorf"}, "05158026"),
        ("Monheim", {"region": "Schwaben"}, "09779186"),
        ("Essen", {"district": "Landkreis Cloppenburg"}, "03453006"),
        ("Neustadt", {"district": "Kreis Coburg"}, "09473151"),  # "Kreis" for "Landkreis"
        ("Neustadt", {"district": "Landkreis Coburg"}, "09473151"),
        ("Münster", {"region": "Münster", "state": "Nordrhein-Westfalen"}, "05515000"),
        ("Steinhagen", {"state": "Mecklenburg-Vorpommern"}, None),  # two there: not guessed
        # nothing fits the stated context: unresolved, never a contradicting place
        ("Münster", {"region": "Oberbayern"}, None),
        ("Lippstadt", {"region": "Münster"}, None),
        ("Dortmund", {"district": "Kreis Unna"}, None),
        ("Werther", {"state": "Bayern"}, None),
        # a stated value the directory does not know says nothing
        ("Lippstadt", {"region": "Weser-Ems"}, "05974028"),
        ("Dortmund", {"state": "Nordrhein-Westfalen"}, "05913000"),
        ("Kreis Soest", {"region": "Arnsberg"}, "05974"),
    ],
)
def test_ambiguous_names_need_context(gazetteer, name, context, key):
    place = gazetteer.resolve(name, **context)
    assert (place.key if place else None) == key


@pytest.mark.parametrize(
    ("name", "near", "key"),
    [
        ("Werther", "05754012", "05754052"),  # next to Halle (Westf.): Werther (Westf.), not Thüringen
        ("Essen", "03453004", "03453006"),  # next to Cloppenburg: Essen (Oldenburg)
        ("Essen", "05913000", "05113000"),  # next to Dortmund: Essen (Ruhr)
        ("Rhede", "05554008", "05554048"),  # next to Bocholt
        ("Rhede", "03454032", "03454044"),  # next to Lingen (Ems)
        ("Halle", "05754052", "05754012"),  # next to Werther (Westf.)
        ("Steinhagen", "05754012", "05754040"),  # the one in the lead's Kreis
        ("Steinhagen", "13073088", "13073087"),  # next to Stralsund
        ("Münster", "09779186", "09779187"),  # the lead's Kreis (Donau-Ries) before the Land
        ("Willingen (Upland)", "05958048", "06635022"),  # across the Land border, unambiguous
        ("Kreis Gütersloh", "05754012", "05754"),
        ("Steinhagen", "05913000", "05754040"),  # Dortmund: the one in Nordrhein-Westfalen
        ("Steinhagen", "11000000", None),  # nothing near Berlin, three elsewhere
        ("Neustadt", "11000000", None),
    ],
)
def test_participants_resolve_near_their_lead(gazetteer, name, near, key):
    lead = gazetteer.by_key[near]
    place = gazetteer.resolve_near(name, district=lead.district, region=lead.region, state=lead.state)
    assert (place.key if place else None) == key


def test_district_display_names(gazetteer):
    assert gazetteer.by_key["05974"].district == "Kreis Soest"
    assert gazetteer.by_key["03454"].district == "Landkreis Emsland"
    assert gazetteer.by_key["05958"].district == "Hochsauerlandkreis"
    assert gazetteer.by_key["03241"].district == "Region Hannover"
    assert gazetteer.by_key["05913"].district is None  # kreisfreie Stadt
    assert gazetteer.by_key["05974028"].district == "Kreis Soest"


def test_regions_only_where_a_land_has_them(gazetteer):
    assert gazetteer.by_key["09677155"].region == "Unterfranken"
    assert gazetteer.by_key["03454"].region is None  # Niedersachsen: Statistische Regionen only
    assert gazetteer.by_key["07111000"].region is None  # Rheinland-Pfalz: "früher: Reg.-Bez."


def test_district_totals(gazetteer):
    # The Kreis Soest has no gemeindefreie Gebiete: its totals are its Gemeinden's sums.
    soest = gazetteer.by_key["05974"]
    members = [p for p in gazetteer.places if p.kind == "gemeinde" and p.key.startswith("05974")]
    assert soest.population == sum(p.population for p in members)
    assert soest.area_km2 == pytest.approx(sum(p.area_km2 for p in members), abs=0.01)


@pytest.mark.parametrize(
    ("key", "area_km2", "population", "unincorporated_km2"),
    [
        # GV100AD 30.11.2023: all records 60 of the Kreis, gemeindefreie Gebiete included
        ("06633", 1293.33, 240718, 182.50),  # Landkreis Kassel: Gutsbezirk Reinhardswald
        ("03351", 1550.83, 181994, 91.48),  # Landkreis Celle: Lohheide (748 inhabitants)
        ("09677", 1321.19, 127132, 167.23),  # Landkreis Main-Spessart: ten forests and parks
    ],
)
def test_district_totals_include_unincorporated_areas(gazetteer, key, area_km2, population, unincorporated_km2):
    kreis = gazetteer.by_key[key]
    assert (kreis.area_km2, kreis.population) == (area_km2, population)
    members = [p for p in gazetteer.places if p.kind == "gemeinde" and p.key.startswith(key)]
    assert kreis.area_km2 - sum(p.area_km2 for p in members) == pytest.approx(unincorporated_km2, abs=0.01)


@pytest.mark.parametrize(
    "name", ["Gutsbezirk Reinhardswald", "Reinhardswald", "Lohheide", "Kempter Wald", "Manteler Forst", "Forst Aura"]
)
def test_unincorporated_areas_are_not_places(gazetteer, name):
    assert gazetteer.candidates(name) == [] and gazetteer.resolve(name) is None


def test_unincorporated_areas_have_no_row():
    types = {line.split("\t")[3] for line in DATA_FILE.read_text(encoding="utf-8").splitlines()
             if line.startswith("gemeinde\t")}
    assert not types & {"65", "66"}


def test_district_without_figures_gets_its_gemeinden_sums():
    lines = [
        "land\t05\tNordrhein-Westfalen\t\t\t\t",
        "regbez\t059\tReg.-Bez. Arnsberg\t\t\t\t",
        "kreis\t05974\tSoest, Kreis\t43\t\t\t",
        "gemeinde\t05974028\tLippstadt, Stadt\t63\t11368\t68890\t59555",
        "gemeinde\t05974040\tSoest, Stadt\t63\t8582\t48000\t59494",
    ]
    kreis = parse_gazetteer(lines).by_key["05974"]
    assert (kreis.population, kreis.area_km2) == (116890, 199.5)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Münster", "Muenster"), ("Lohr a.Main", "Lohr am Main"), ("Lauenburg/ Elbe", "Lauenburg/Elbe"),
     ("Halle (Westf.)", "Halle Westfalen"), ("Straße", "Strasse")],
)
def test_name_key_equivalences(a, b):
    assert name_key(a) == name_key(b)


def test_display_name():
    assert display_name("Meschede, Kreis- und Hochschulstadt") == "Meschede"
    assert display_name("Lohr a.Main, St") == "Lohr a.Main"
