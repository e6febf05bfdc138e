"""A place named in the query lifts the cooperations in which it takes part."""

from __future__ import annotations

import pytest

from corpus import enrich_profile, parse_profile
from index.build import build_index
from search import place_lift
from search.model import SearchRequest
from search.place_lift import named_places
from search.place_names import PlaceNames
from search.service import ProfileSearch


@pytest.fixture(scope="module")
def names(gazetteer):
    return PlaceNames(gazetteer)


def keys(gazetteer, name):
    return frozenset(place.key for place in gazetteer.candidates(name))


def test_places_named_in_a_query(names, gazetteer):
    assert named_places(["Lippstadt", "Abfall"], names) == [keys(gazetteer, "Lippstadt")]
    assert named_places(["Kreis", "Soest", "Abfall"], names) == [keys(gazetteer, "Kreis Soest")]
    assert named_places(["Bad", "Salzuflen"], names) == [keys(gazetteer, "Bad Salzuflen")]
    assert named_places(["lippstadt", "abfall"], names) == [keys(gazetteer, "Lippstadt")]
    assert named_places(["Abfall", "Beratung"], names) == []


def test_a_lower_case_noun_names_no_place(names, gazetteer):
    assert named_places(["essen", "schule"], names) == []
    assert named_places(["Essen", "Schule"], names) == [keys(gazetteer, "Essen")]
    assert len(keys(gazetteer, "Essen")) == 2  # Essen and Essen (Oldenburg): both may be meant


def profile(text, profile_id, gazetteer):
    return enrich_profile(parse_profile(text, profile_id=profile_id), gazetteer)


# A strong match on the topic that only mentions the town, and the town's own weaker one.
ELSEWHERE = """Beratung der Haushalte im Kreis Kleve

Kleve, Goch, Emmerich am Rhein

Stichworte:

Abfallberatung

Hauptverantwortlich:

Kreis Kleve

Ziel:

Eine Abfallberatung für alle Haushalte nach dem Vorbild von Lippstadt.
"""
OWN = """Gemeinsamer Bauhof

Lippstadt, Erwitte

Stichworte:

Bauhof

Hauptverantwortlich:

Stadt Lippstadt

Ziel:

Der Bauhof übernimmt auch die Abfallberatung für beide Städte.
"""


@pytest.fixture(scope="module")
def lifted_search(tmp_path_factory, gazetteer):
    target = tmp_path_factory.mktemp("lift")
    build_index([profile(ELSEWHERE, "elsewhere", gazetteer), profile(OWN, "own", gazetteer)], target)
    search = ProfileSearch(target)
    yield search
    search.close()


def test_the_towns_cooperation_ranks_first(lifted_search):
    result = lifted_search.search(SearchRequest(query="Lippstadt Abfallberatung"))
    assert [hit.id for hit in result.hits] == ["own", "elsewhere"]


def test_the_place_is_no_filter(lifted_search):
    assert lifted_search.search(SearchRequest(query="Erwitte Abfallberatung")).total == 2


def test_without_the_lift_the_mention_wins(lifted_search, monkeypatch):
    # the lift is what decides: without it the text mentioning the town ranks first
    monkeypatch.setattr(place_lift, "PLACE_LIFT", 0.0)
    result = lifted_search.search(SearchRequest(query="Lippstadt Abfallberatung", page=1, per_page=11))
    assert [hit.id for hit in result.hits] == ["elsewhere", "own"]


def test_a_kreis_holds_its_cooperations_and_those_led_in_it(lifted_search, gazetteer):
    served = lifted_search._current()
    ids = served.table.ids

    def holding(name):
        return [ids[doc] for doc in served.places.holding(keys(gazetteer, name)).nonzero()[0]]

    assert holding("Kreis Kleve") == ["elsewhere"]  # it leads
    assert holding("Kreis Soest") == ["own"]  # Lippstadt, the lead, lies in it
    assert holding("Goch") == ["elsewhere"]  # a participant
    assert holding("Soest") == []  # the town takes no part
