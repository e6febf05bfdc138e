"""Cooperations near a municipality: tiers from official keys, checked against the
gazetteer, and ``near``/``sort=near`` through the search service on both engines."""

from __future__ import annotations

import numpy as np
import pytest

from index.columns import PlaceColumns, place_pairs
from search.model import InvalidRequest, SearchRequest
from search.near import ELSEWHERE, NearTable, near_key, near_origin, place_key_codes, rank_near, tier_of


def key_of(gazetteer, name: str, **context: str) -> str:
    place = gazetteer.resolve(name, **context)
    assert place is not None, name
    return place.key


def test_keys_name_land_region_and_kreis_as_the_gazetteer_does(gazetteer):
    # the tiers read Land, Regierungsbezirk and Kreis from the key: check that reading on every place
    states: dict[str, set[str]] = {}
    regions: dict[str, set[str | None]] = {}
    for place in gazetteer.places:
        states.setdefault(place.key[:2], set()).add(place.state)
        regions.setdefault(place.key[:3], set()).add(place.region)
        if place.kind == "gemeinde" and place.district is not None:
            kreis = gazetteer.by_key[place.key[:5]]
            assert kreis.kind == "kreis" and kreis.district == place.district
    assert all(len(names) == 1 for names in states.values()) and len(states) == 16
    assert all(len(names) == 1 for names in regions.values())
    # a Land has Regierungsbezirke everywhere or nowhere (then tier 2 is the Land)
    for prefix, names in states.items():
        assert len({None in regions[key] for key in regions if key.startswith(prefix)}) == 1, names


def test_a_gemeinde_in_a_land_with_regierungsbezirke(gazetteer):
    lippstadt = near_origin(key_of(gazetteer, "Lippstadt"))
    assert (lippstadt.key, lippstadt.kind, lippstadt.has_region) == ("05974028", "gemeinde", True)
    assert tier_of(lippstadt, ["05974028"]) == 0  # itself
    assert tier_of(lippstadt, [key_of(gazetteer, "Erwitte")]) == 1  # Kreis Soest
    assert tier_of(lippstadt, ["05974"]) == 1  # the Kreis itself takes part, not Lippstadt
    assert tier_of(lippstadt, [key_of(gazetteer, "Dortmund")]) == 2  # Regierungsbezirk Arnsberg
    assert tier_of(lippstadt, [key_of(gazetteer, "Bielefeld")]) == 3  # Detmold, Nordrhein-Westfalen
    assert tier_of(lippstadt, [key_of(gazetteer, "Lingen (Ems)")]) == 4  # Niedersachsen
    assert tier_of(lippstadt, [None]) == tier_of(lippstadt, []) == ELSEWHERE
    # a cooperation is as near as its nearest participant
    assert tier_of(lippstadt, [None, key_of(gazetteer, "Bielefeld"), key_of(gazetteer, "Erwitte")]) == 1


def test_a_kreis_key_counts_the_kreis_and_its_gemeinden_as_itself(gazetteer):
    soest = near_origin("05974")
    assert (soest.kind, soest.name) == ("kreis", "Kreis Soest")
    assert tier_of(soest, ["05974"]) == 0
    assert tier_of(soest, [key_of(gazetteer, "Lippstadt")]) == 0
    hamm = key_of(gazetteer, "Hamm", state="Nordrhein-Westfalen")
    assert tier_of(soest, [hamm]) == 2  # kreisfrei, Regierungsbezirk Arnsberg
    assert tier_of(soest, [key_of(gazetteer, "Meschede")]) == 2  # Hochsauerlandkreis
    assert tier_of(soest, [key_of(gazetteer, "Kleve", district="Kreis Kleve")]) == 3


def test_a_gemeinde_in_a_land_without_regierungsbezirke(gazetteer):
    hannover = near_origin(key_of(gazetteer, "Hannover"))
    assert hannover.has_region is False and gazetteer.by_key[hannover.key].state == "Niedersachsen"
    assert tier_of(hannover, [hannover.key]) == 0
    assert tier_of(hannover, [key_of(gazetteer, "Garbsen")]) == 1  # Region Hannover
    # the same Land is tier 2 where there are no Regierungsbezirke (never 3)
    assert tier_of(hannover, [key_of(gazetteer, "Meppen")]) == 2
    assert tier_of(hannover, [key_of(gazetteer, "Bremen")]) == 4  # another Land, however near
    assert tier_of(hannover, [key_of(gazetteer, "Lippstadt")]) == 4


def test_a_city_state(gazetteer):
    berlin = near_origin("11000000")
    assert tier_of(berlin, ["11000000"]) == 0
    assert tier_of(berlin, [key_of(gazetteer, "Potsdam")]) == 4


@pytest.mark.parametrize("key", ["0591300", "059130000", "5913000a", "", "05 913", "０５９１３０００", "059¹3000"])
def test_a_malformed_key_is_refused_naming_near(key):
    with pytest.raises(InvalidRequest) as caught:
        near_origin(key)
    assert (caught.value.code, caught.value.parameter, caught.value.status) == ("near_malformed", "near", 400)


@pytest.mark.parametrize("key", ["99999999", "05999", "05974999"])
def test_an_unknown_key_is_refused_naming_near(key):
    with pytest.raises(InvalidRequest) as caught:
        near_origin(key)
    assert (caught.value.code, caught.value.parameter) == ("unknown_place", "near")


def test_a_name_stands_for_its_one_place(gazetteer):
    assert near_key("Lippstadt") == key_of(gazetteer, "Lippstadt") == "05974028"
    assert near_key("  Kreis   Soest ") == "05974"
    assert near_key("05913000") == "05913000"
    assert near_key("123") == "123"  # digits are checked as a key (near_malformed) later
    with pytest.raises(InvalidRequest) as caught:
        near_key("Neustadt")
    assert (caught.value.code, caught.value.parameter) == ("ambiguous_place", "near")
    assert "Neustadt" in caught.value.message and caught.value.message.count("(") >= 2  # names candidates
    with pytest.raises(InvalidRequest) as caught:
        near_key("Gibtsnichtstadt")
    assert caught.value.code == "unknown_place"


def test_the_request_checks_near_and_sort_near():
    assert SearchRequest.create("Abfall", near="05974028", sort="near").near == "05974028"
    assert SearchRequest.create("Abfall").near is None
    with pytest.raises(InvalidRequest) as caught:
        SearchRequest.create("Abfall", sort="near")
    assert (caught.value.code, caught.value.parameter) == ("sort_needs_near", "sort")
    with pytest.raises(InvalidRequest) as caught:
        SearchRequest.create("Abfall", near="1234")
    assert caught.value.parameter == "near"


def test_the_table_gives_each_document_its_nearest_tier():
    table = NearTable.from_payloads(5, {
        0: {"lead_key": "05974", "participant_keys": ["05974", "05974028", None]},
        1: {"lead_key": None, "participant_keys": []},
        2: {"lead_key": "05711000", "participant_keys": ["05711000", "05974016"]},
        4: {"lead_key": "03454", "participant_keys": ["03454032"]},
    })
    lippstadt = near_origin("05974028")
    assert table.tiers(lippstadt).tolist() == [0, ELSEWHERE, 1, ELSEWHERE, 4]
    assert table.tiers(near_origin("05974")).tolist() == [0, 4, 0, 4, 4]


def test_rank_near_orders_by_tier_then_by_the_order_within_a_tier():
    tiers = np.array([3, 0, 1, 0, 4, 1], dtype=np.int8)
    matching = np.array([True, True, True, True, True, False])
    scores = np.array([9.0, 1.0, 5.0, 2.0, 8.0, 7.0])

    def by_score(mask, limit):
        docs = np.flatnonzero(mask)
        return [(int(d), float(scores[d])) for d in docs[np.argsort(-scores[docs], kind="stable")][:limit]]

    assert [d for d, _ in rank_near(tiers, matching, 10, by_score)] == [3, 1, 2, 0, 4]
    assert [d for d, _ in rank_near(tiers, matching, 3, by_score)] == [3, 1, 2]


# ---------------------------------------------------------------- through the service, both engines

TIERS_FROM_LIPPSTADT = {"s01_abfallverband-soest": 0, "s02_vergabestelle-lippstadt": 0,
                        "s03_personalabrechnung-bielefeld": 3, "s04_buergerbus-werther": 3,
                        "s05_feuerwehrausbildung-kleve": 3, "s06_muellabfuhr-emsland": 4,
                        "s08_aerztenetz-mettmann": 3}


def test_every_hit_gets_its_tier(service):
    result = service.search(SearchRequest.create(near="05974028", per_page=100))
    assert {hit.id: hit.distance for hit in result.hits} == TIERS_FROM_LIPPSTADT
    assert result.to_dict()["near"] == {"key": "05974028", "name": "Lippstadt", "kind": "gemeinde", "regions": True}
    assert all(hit["distance"] is not None for hit in result.to_dict()["hits"])


def test_without_near_no_hit_has_a_distance(service):
    result = service.search(SearchRequest.create("Abfall"))
    assert result.near is None and result.hits and all(hit.distance is None for hit in result.hits)


def test_near_changes_no_hit_and_no_order_by_itself(service):
    plain = service.search(SearchRequest.create("Abfall Müll", per_page=100))
    near = service.search(SearchRequest.create("Abfall Müll", near="03454032", per_page=100))
    assert [(h.id, h.score) for h in near.hits] == [(h.id, h.score) for h in plain.hits]
    assert near.total == plain.total and near.facets == plain.facets


def test_sort_near_orders_relevant_hits_by_tier_then_score(service):
    relevant = service.search(SearchRequest.create("Abfall Müll", per_page=100))
    near = service.search(SearchRequest.create("Abfall Müll", near="05974028", sort="near", per_page=100))
    assert {h.id for h in near.hits} == {h.id for h in relevant.hits} and near.total == relevant.total
    assert near.hits[0].id == "s01_abfallverband-soest" and near.hits[0].distance == 0
    keys = [(h.distance, -h.score) for h in near.hits]
    assert keys == sorted(keys)
    assert relevant.hits[0].id != near.hits[0].id  # the order really changed


def test_sort_near_without_a_query_lists_everything_by_tier(service):
    result = service.search(SearchRequest.create(near="05974", sort="near", per_page=100))
    tiers = [hit.distance for hit in result.hits]
    assert tiers == sorted(tiers) and tiers[:2] == [0, 0]
    assert result.total == len(TIERS_FROM_LIPPSTADT)  # the public's: the private s07 is not among them
    paged = [service.search(SearchRequest.create(near="05974", sort="near", per_page=3, page=n)) for n in (1, 2, 3)]
    assert [h.id for page in paged for h in page.hits] == [h.id for h in result.hits]


def test_staff_see_the_private_cooperation_at_its_tier(service):
    result = service.search(SearchRequest.create(near="05974040", sort="near", staff=True, per_page=100))
    assert result.hits[0].id == "s07_geheim-soest" and result.hits[0].distance == 0
    assert {h.id: h.distance for h in result.hits}["s02_vergabestelle-lippstadt"] == 1


@pytest.mark.parametrize("backend", ["whoosh", "postgres"])
def test_an_update_gives_new_and_changed_cooperations_their_tiers(request, tmp_path, search_profiles, monkeypatch,
                                                                    backend):
    import dataclasses

    from search import core

    monkeypatch.setattr(core, "CHECK_INTERVAL", 0.0)
    emsland = next(p for p in search_profiles if p.id == "s06_muellabfuhr-emsland")
    others = [p for p in search_profiles if p is not emsland]
    if backend == "whoosh":
        from index.build import build_index
        from index.update import remove_profiles, update_profiles
        from search.service import ProfileSearch

        build_index(others, tmp_path)
        service = ProfileSearch(tmp_path)
        update, remove = (lambda profiles: update_profiles(tmp_path, profiles),
                          lambda ids: remove_profiles(tmp_path, ids))
    else:
        from index.pg.build import build_pg_index, drop_pg_index
        from index.pg.update import remove_pg_profiles, update_pg_profiles
        from search.pg.service import PgProfileSearch

        url = request.getfixturevalue("pg_url")
        build_pg_index(others, url, "near_update")
        service = PgProfileSearch(url, "near_update")
        request.addfinalizer(lambda: drop_pg_index(url, "near_update"))
        update, remove = (lambda profiles: update_pg_profiles(url, "near_update", profiles),
                          lambda ids: remove_pg_profiles(url, "near_update", ids))
    near = SearchRequest.create(near="03454032", sort="near", per_page=100)  # Lingen (Ems)
    assert service.search(near).hits[0].distance == 4
    update([emsland])  # appended: the segments read before are kept, only the new one is read
    first = service.search(near).hits[0]
    assert (first.id, first.distance) == ("s06_muellabfuhr-emsland", 0)
    assert service._current().generation.continues  # the path taken (Whoosh: no segment merged or moved)
    # a changed profile: its old document is gone, the new one counts
    moved = dataclasses.replace(emsland, participants=("Landkreis Emsland",), participant_keys=("03454",))
    update([moved])
    assert {h.id: h.distance for h in service.search(near).hits}["s06_muellabfuhr-emsland"] == 1
    remove([emsland.id])
    assert "s06_muellabfuhr-emsland" not in {h.id for h in service.search(near).hits}
    service.close()


def test_a_table_of_parts_is_the_table_of_their_payloads():
    payloads = {0: {"lead_key": "05974028", "participant_keys": ["05974028", "03454", None]},
                1: {"participant_keys": ["03454", "x1"]}, 3: {"lead_key": "05974016"}}
    places = PlaceColumns.collect([
        place_pairs("Soest", p.get("lead_key"), [f"P{i}" for i in range(len(p.get("participant_keys", [])))],
                    p.get("participant_keys", [])) for p in (payloads[0], payloads[1], {}, payloads[3])])
    docs, codes = place_key_codes(places)
    pairs = sorted(zip(docs.tolist(), codes.tolist(), strict=True))
    assert pairs == [(0, 3454000), (0, 5974028), (1, 3454000), (3, 5974016)]
    by_parts = NearTable.from_parts(4, [(docs, codes)])
    by_payloads = NearTable.from_payloads(4, payloads)
    for origin in ("05974028", "03454", "05974"):
        assert by_parts.tiers(near_origin(origin)).tolist() == by_payloads.tiers(near_origin(origin)).tolist()
    assert by_parts.tiers(near_origin("05974028")).tolist() == [0, 4, 4, 1]
