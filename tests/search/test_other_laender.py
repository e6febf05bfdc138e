"""Profiles from other Länder: the Kreis and Land of a Kurzprofil line resolve names that
exist twice, so the Land facet holds the profile (issue 16 item 6)."""

from __future__ import annotations

import pytest

from corpus import enrich_profile, parse_profile
from index.build import build_index
from search.model import SearchRequest
from search.service import ProfileSearch

EISENACH = """Rettungsdienst Wartburgregion

Eisenach, Bad Salzungen

Hauptverantwortlich:

Stadt Eisenach

Kurzprofil:

Stadt Eisenach
Wartburgkreis, Freistaat Thüringen
"""
HUSUM = """Pflegestützpunkt Nordfriesland

Husum, Nordstrand

Hauptverantwortlich:

Stadt Husum

Kurzprofil:

Stadt Husum
Kreis Nordfriesland, Schleswig-Holstein
"""


@pytest.fixture(scope="module")
def laender(tmp_path_factory, gazetteer):
    profiles = [enrich_profile(parse_profile(text, profile_id=name), gazetteer)
                for name, text in (("eisenach", EISENACH), ("husum", HUSUM))]
    target = tmp_path_factory.mktemp("laender")
    build_index(profiles, target)
    search = ProfileSearch(target)
    yield profiles, search
    search.close()


def test_the_stated_kreis_and_land_pick_the_right_namesake(laender, gazetteer):
    (eisenach, husum), _ = laender
    assert len(gazetteer.candidates("Eisenach")) == len(gazetteer.candidates("Husum")) == 2
    assert (eisenach.lead_key, eisenach.district, eisenach.state) == ("16063105", "Wartburgkreis", "Thüringen")
    assert (husum.lead_key, husum.district, husum.state) == ("01054056", "Kreis Nordfriesland", "Schleswig-Holstein")


@pytest.mark.parametrize(("state", "expected"), [("Thüringen", ["eisenach"]), ("Schleswig-Holstein", ["husum"]),
                                                 ("Rheinland-Pfalz", []), ("Niedersachsen", [])])
def test_the_land_facet_holds_the_profile(laender, state, expected):
    _, search = laender
    result = search.search(SearchRequest.create("", {"state": [state]}))
    assert [hit.id for hit in result.hits] == expected
    counts = {value.value: value.count for value in search.search(SearchRequest()).facets["state"]}
    assert counts == {"Thüringen": 1, "Schleswig-Holstein": 1}
