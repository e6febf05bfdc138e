"""The task-area facet (``area``) in both engines: hits carry their areas, counts are
listed by code, a selection filters disjunctively, and private profiles stay out of
public counts (s07, private, states areas 11 and 16; no public profile is in 16)."""

from __future__ import annotations

from search.model import SearchRequest

PUBLIC_COUNTS = [("01", 2), ("02", 1), ("04", 1), ("07", 1), ("11", 2), ("12", 1)]


def _counts(result) -> list[tuple[str, int]]:
    return [(value.value, value.count) for value in result.facets["area"]]


def test_hits_carry_primary_and_secondary_area(service):
    hits = {hit.id: hit for hit in service.search(SearchRequest.create("", per_page=50)).hits}
    assert (hits["s01_abfallverband-soest"].area, hits["s01_abfallverband-soest"].areas) == ("11", ("11",))
    assert (hits["s08_aerztenetz-mettmann"].area, hits["s08_aerztenetz-mettmann"].areas) == ("04", ("04", "07"))
    profile = service.profile("s08_aerztenetz-mettmann")
    assert (profile["area"], profile["areas"]) == ("04", ["04", "07"])


def test_public_counts_by_code_without_the_private_profile(service):
    assert _counts(service.search(SearchRequest.create(""))) == PUBLIC_COUNTS


def test_staff_counts_include_the_private_profile(service):
    counts = dict(_counts(service.search(SearchRequest.create("", staff=True))))
    assert counts["11"] == 3 and counts["16"] == 1


def test_a_private_only_area_selects_nothing_for_the_public(service):
    result = service.search(SearchRequest.create("", {"area": ["16"]}))
    assert result.total == 0 and result.hits == ()
    assert [(v.value, v.count, v.selected) for v in result.facets["area"] if v.value == "16"] == [("16", 0, True)]
    staff = service.search(SearchRequest.create("", {"area": ["16"]}, staff=True))
    assert [hit.id for hit in staff.hits] == ["s07_geheim-soest"]


def test_area_selection_is_disjunctive_within_and_conjunctive_across(service):
    result = service.search(SearchRequest.create("", {"area": ["11", "07"]}, per_page=50))
    assert sorted(hit.id for hit in result.hits) == ["s01_abfallverband-soest", "s06_muellabfuhr-emsland",
                                                    "s08_aerztenetz-mettmann"]
    # the area facet is counted without its own selection; the others with it
    assert _counts(result) == PUBLIC_COUNTS
    assert result.facets["area"][4].selected and not result.facets["area"][0].selected
    narrowed = service.search(SearchRequest.create("", {"area": ["11"], "region": ["Arnsberg"]}))
    assert [hit.id for hit in narrowed.hits] == ["s01_abfallverband-soest"]


def _profile(profile_id: str, title: str, area: str):
    from corpus import parse_profile

    text = (f"{title}\n\nUnna, Kamen\n\nStichworte:\n\nWertstoffhof\n\nZiel:\n\nEin gemeinsamer Wertstoffhof "
            f"für beide Städte.\n\nAufgabenbereich:\n\n{area}\n")
    return parse_profile(text, profile_id=profile_id)


def test_sharing_the_primary_area_lifts_a_similar_cooperation(tmp_path):
    """Two candidates alike in text: the one in the source's primary area ranks first,
    though the other comes first in document order (which breaks ties)."""
    from index.build import build_index
    from search.service import ProfileSearch

    profiles = [_profile("a_source", "Wertstoffhof Unna", "11"), _profile("b_other", "Wertstoffhof Kamen", "14"),
                _profile("c_same", "Wertstoffhof Kamen", "11")]
    build_index(profiles, tmp_path / "index")
    service = ProfileSearch(tmp_path / "index")
    try:
        similar = service.similar("a_source", limit=2).similar
        assert [hit.id for hit in similar] == ["c_same", "b_other"]
        assert similar[0].score > similar[1].score
    finally:
        service.close()


def test_first_value_of_each_row():
    import numpy as np

    from search.columns import MultiColumn

    column = MultiColumn(np.array([2, 0, 1], dtype=np.int32), np.array([2, 0, 1]), ["01", "07", "11"])
    assert column.first.tolist() == [2, -1, 1]
    assert MultiColumn(np.zeros(0, dtype=np.int32), np.array([0, 0]), []).first.tolist() == [-1, -1]
