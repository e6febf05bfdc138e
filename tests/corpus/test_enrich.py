"""Filling a profile from the gazetteer."""

from __future__ import annotations

import pytest

from corpus import enrich_profile, parse_profile


def parse(text):
    return parse_profile(text, profile_id="p")


def test_lead_region_district_state_and_figures_are_filled(gazetteer):
    profile = enrich_profile(parse("T\n\nLippstadt, Erwitte\n\nHauptverantwortlich:\n\nStadt Lippstadt\n"), gazetteer)
    assert (profile.region, profile.district, profile.state) == ("Arnsberg", "Kreis Soest", "Nordrhein-Westfalen")
    assert profile.population == gazetteer.by_key["05974028"].population
    assert profile.population_source == "Destatis" and profile.area_km2 == 113.68
    assert profile.lead_key == "05974028"
    assert profile.participant_keys == ("05974028", "05974016")


def test_stated_values_are_never_overwritten(gazetteer):
    text = ("T\n\nDortmund\n\nKurzprofil:\n\nStadt Dortmund\nRegierungsbezirk Arnsberg\n"
            "Einwohner: 588.250 (31.12.2019, IT.NRW)\n")
    profile = enrich_profile(parse(text), gazetteer)
    assert (profile.population, profile.population_date, profile.population_source) == (588250, "31.12.2019", "IT.NRW")
    assert profile.area_km2 == 280.71 and profile.district is None and profile.state == "Nordrhein-Westfalen"


def test_ambiguous_participant_resolved_by_the_leads_context(gazetteer):
    text = "T\n\nHalle, Werther (Westf.)\n\nHauptverantwortlich:\n\nWerther (Westf.)\n"
    profile = enrich_profile(parse(text), gazetteer)
    assert profile.participant_keys[0] == "05754012"  # Halle (Westf.), Kreis Gütersloh


def test_ambiguous_lead_is_left_unresolved(gazetteer):
    profile = enrich_profile(parse("T\n\nNeustadt\n\nHauptverantwortlich:\n\nNeustadt\n"), gazetteer)
    assert profile.lead == "Neustadt" and profile.lead_key is None and profile.region is None
    assert profile.participant_keys == (None,)


def test_lead_that_is_a_district(gazetteer):
    profile = enrich_profile(parse("T\n\nKreis Soest, Lippstadt\n\nHauptverantwortlich:\n\nKreis Soest\n"), gazetteer)
    assert profile.district == "Kreis Soest" and profile.lead_key == "05974"
    assert profile.population == gazetteer.by_key["05974"].population


@pytest.mark.parametrize(
    ("kurzprofil", "expected"),
    [
        ("Stadt Lingen (Ems)\nKreis: Emsland\nBundesland: NDS", ("Landkreis Emsland", None, "Niedersachsen")),
        ("Stadt Lingen (Ems)\nLandkreis: Emsland", ("Landkreis Emsland", None, "Niedersachsen")),
        ("Stadt Lippstadt\nLandkreis Soest\nRegierungsbezirk Arnsberg (NRW)",
         ("Kreis Soest", "Arnsberg", "Nordrhein-Westfalen")),
        ("Stadt Neustadt b.Coburg\nKreis Coburg\nBundesland: BY", ("Landkreis Coburg", "Oberfranken", "Bayern")),
        ("Stadt Rheine\nRegierungsbezirk Muenster", ("Kreis Steinfurt", "Münster", "Nordrhein-Westfalen")),
        ("Stadt Lippstadt\nKreis: Nirgendwo", ("Kreis Nirgendwo", "Arnsberg", "Nordrhein-Westfalen")),
    ],
)
def test_stated_kurzprofil_values_are_written_as_the_gazetteer_writes_them(gazetteer, kurzprofil, expected):
    profile = enrich_profile(parse(f"T\n\nA, B\n\nKurzprofil:\n\n{kurzprofil}\n"), gazetteer)
    assert (profile.district, profile.region, profile.state) == expected


@pytest.mark.parametrize(
    ("text", "lead_key", "participant_keys"),
    [
        ("T\n\nHalle (Westf.), Werther, Steinhagen\n\nHauptverantwortlich:\n\nHalle (Westf.)\n",
         "05754012", ("05754012", "05754052", "05754040")),
        ("T\n\nRhede\n\nKurzprofil:\n\nGemeinde Rhede\nLandkreis Emsland\nLand Niedersachsen\n",
         "03454044", ("03454044",)),
        ("T\n\nMonheim, Langenfeld\n\nKurzprofil:\n\nStadt Monheim\nKreis Mettmann\nRegierungsbezirk Düsseldorf\n",
         "05158026", ("05158026", "05158020")),
        ("T\n\nMünster\n\nKurzprofil:\n\nMünster\nRegierungsbezirk Oberbayern\n", None, (None,)),
        ("T\n\nCloppenburg, Essen\n\nHauptverantwortlich:\n\nStadt Cloppenburg\n",
         "03453004", ("03453004", "03453006")),
        ("T\n\nNeustadt, Coburg\n\nKurzprofil:\n\nStadt Neustadt\nKreis Coburg\n",
         "09473151", ("09473151", "09463000")),
        # the lead contradicts the stated Regierungsbezirk: unresolved, nothing filled from it
        ("T\n\nLippstadt, Erwitte\n\nKurzprofil:\n\nStadt Lippstadt\nRegierungsbezirk Münster\n",
         None, ("05974028", "05974016")),
    ],
)
def test_context_decides_between_places_of_one_name(gazetteer, text, lead_key, participant_keys):
    profile = enrich_profile(parse(text), gazetteer)
    assert profile.lead_key == lead_key
    assert profile.participant_keys == participant_keys
    if lead_key is None:
        assert profile.population is None and profile.district is None


@pytest.mark.parametrize(("lead", "district", "state"), [
    ("Amt Südtondern", "Kreis Nordfriesland", "Schleswig-Holstein"),
    ("Verbandsgemeinde Bitburger Land", "Eifelkreis Bitburg-Prüm", "Rheinland-Pfalz"),
    ("VG Bitburger Land", "Eifelkreis Bitburg-Prüm", "Rheinland-Pfalz"),
    ("Verwaltungsgemeinschaft Seenplatte", "Saale-Orla-Kreis", "Thüringen"),
])
def test_a_lead_that_is_a_gemeindeverband_says_where_the_cooperation_lies(gazetteer, lead, district, state):
    text = f"T\n\n{lead}, Gemeinde Leck\n\nHauptverantwortlich:\n\n{lead}\n"
    profile = enrich_profile(parse(text), gazetteer)
    assert (profile.district, profile.state) == (district, state)
    # a Verband is no municipality: no key, no figures of a Gemeinde
    assert profile.lead_key is None and profile.population is None


def test_participants_are_resolved_near_a_gemeindeverband_lead(gazetteer):
    text = "T\n\nAmt Südtondern, Gemeinde Leck\n\nHauptverantwortlich:\n\nAmt Südtondern\n"
    profile = enrich_profile(parse(text), gazetteer)
    assert profile.participant_keys == (None, "01054076")


def test_a_stated_land_contradicting_the_gemeindeverband_leaves_it_unresolved(gazetteer):
    text = ("T\n\nAmt Südtondern\n\nHauptverantwortlich:\n\nAmt Südtondern\n\n"
            "Kurzprofil:\n\nAmt Südtondern\nLand Bayern\n")
    profile = enrich_profile(parse(text), gazetteer)
    assert (profile.district, profile.state) == (None, "Bayern")


@pytest.mark.parametrize(("participants", "keys"), [
    # where a participant lies, in parentheses after it
    ("Stadt Kalkar, Stadt Rees (beide Kreis Kleve) und Stadt Xanten (Kreis Wesel)",
     ("05154024", "05154044", "05170052")),
    ("Stadt Bottrop (kreisfrei), Stadt Gladbeck (Kreis Recklinghausen)", ("05512000", "05562014")),
    ("Stadt Lippstadt, Gemeinde Bad Sassendorf (im Kreis Soest)", ("05974028", "05974008")),
    # a parenthesis that is part of the name stays so
    ("Stadt Lippstadt, Stadt Halle (Westf.)", ("05974028", "05754012")),
])
def test_a_kreis_in_parentheses_after_a_participant_resolves_it(gazetteer, participants, keys):
    text = f"T\n\n{participants}\n\nHauptverantwortlich:\n\n{participants.split(',')[0]}\n"
    assert enrich_profile(parse(text), gazetteer).participant_keys == keys


def test_a_kreis_in_parentheses_after_the_lead_resolves_it(gazetteer):
    # Neustadt exists many times; the Kreis in parentheses says which
    text = "T\n\nNeustadt (Landkreis Coburg)\n\nHauptverantwortlich:\n\nNeustadt (Landkreis Coburg)\n"
    profile = enrich_profile(parse(text), gazetteer)
    assert profile.district == "Landkreis Coburg" and profile.state == "Bayern"
