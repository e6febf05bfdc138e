"""index.document: where a cooperation lies, for the place facets."""

from __future__ import annotations

from corpus import enrich_profile, parse_profile
from index.document import place_values


def values(text, gazetteer):
    return place_values(enrich_profile(parse_profile(text, profile_id="p"), gazetteer), gazetteer)


def test_every_participants_kreis_and_land_count(gazetteer):
    found = values("T\n\nStadt Lippstadt, Stadt Paderborn\n\nHauptverantwortlich:\n\nLippstadt\n", gazetteer)
    assert found["district"] == ["Kreis Soest", "Kreis Paderborn"]
    assert found["region"] == ["Arnsberg", "Detmold"]
    assert found["state"] == ["Nordrhein-Westfalen"]


def test_a_participant_that_is_a_gemeindeverband_counts_where_it_lies(gazetteer):
    text = ("T\n\nStadt Husum, Amt Südtondern, Verbandsgemeinde Bitburger Land\n\n"
            "Hauptverantwortlich:\n\nHusum\n")
    found = values(text, gazetteer)
    assert found["district"] == ["Kreis Nordfriesland", "Eifelkreis Bitburg-Prüm"]
    assert found["state"] == ["Schleswig-Holstein", "Rheinland-Pfalz"]


def test_names_that_are_neither_place_nor_verband_add_nothing(gazetteer):
    found = values("T\n\nStadt Lippstadt, Musterverein Nord\n\nHauptverantwortlich:\n\nLippstadt\n", gazetteer)
    assert found["district"] == ["Kreis Soest"]
