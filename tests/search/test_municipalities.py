"""Municipality pages against the gazetteer and the corpus: every figure recomputed here in
plain Python from the parsed profiles, on both engines."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from index.areas import assign_areas
from search.errors import InvalidRequest, NotFound
from search.facets import facet_key
from search.municipalities import MunicipalityDirectory, check_key

PRIVATE = "s07_geheim-soest"


def _keys(profile) -> list[str]:
    """The official keys taking part in a profile, lead included, each once."""
    keys = [k for k in profile.participant_keys if k]
    if profile.lead_key and profile.lead_key not in keys:
        keys.insert(0, profile.lead_key)
    return list(dict.fromkeys(keys))


def _visible(profiles, staff: bool):
    return [p for p in profiles if staff or not p.private]


def _expected(profiles, key: str) -> dict:
    """What the page of ``key`` must say, from the profiles alone."""
    mine = [p for p in profiles if key in _keys(p)]
    partners: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    for profile in mine:
        partners.update(k for k in _keys(profile) if k != key)
        areas.update(list(dict.fromkeys(assign_areas(profile).areas)))
    nearby = {p.id for p in profiles if p not in mine and any(k[:5] == key[:5] for k in _keys(p))}
    return {"leads": {p.id for p in mine if p.lead_key == key},
            "participates": {p.id for p in mine if p.lead_key != key},
            "partners": dict(partners), "areas": dict(areas), "nearby": nearby}


@pytest.fixture(scope="module", params=[False, True], ids=["public", "staff"])
def audience(request):
    return request.param


def test_every_page_matches_the_corpus(bundled_service, bundled_profiles, gazetteer):
    directory = bundled_service.municipalities(staff=False)
    profiles = _visible(bundled_profiles, staff=False)
    keys = sorted({k for p in profiles for k in _keys(p)})
    assert directory.listed_keys() == keys and len(keys) > 100
    for key in keys:
        page, expected = directory.page(key, similar=0), _expected(profiles, key)
        place = gazetteer.by_key[key]
        assert page.state == place.state and page.region == place.region
        assert page.figures is None or (page.figures.population, page.figures.area_km2) == (place.population,
                                                                                           place.area_km2)
        assert {c.id for c in page.leads} == expected["leads"], key
        assert {c.id for c in page.participates} == expected["participates"], key
        assert {m.key: m.count for m in page.partners} == expected["partners"], key
        assert dict(page.areas) == expected["areas"], key
        if page.kind == "kreis":
            assert page.nearby == ()
            members = Counter(k for p in profiles for k in _keys(p) if len(k) == 8 and k[:5] == key)
            assert {m.key: m.count for m in page.members} == dict(members), key
        else:
            assert {c.id for c in page.nearby} == expected["nearby"], key
        assert directory.count(key) == len(expected["leads"]) + len(expected["participates"])


def test_the_listing_groups_every_listed_place_by_land_and_kreis(bundled_service, bundled_profiles, gazetteer):
    directory = bundled_service.municipalities(staff=False)
    listed = {}
    for state in directory.listing():
        for district in state.districts:
            for item in district.municipalities:
                place = gazetteer.by_key[item.key]
                assert place.state == state.state and item.key[:5] == district.key
                listed[item.key] = item.count
    counts = Counter(k for p in _visible(bundled_profiles, staff=False) for k in _keys(p))
    assert listed == dict(counts)


def test_a_place_only_a_private_cooperation_names_is_listed_for_staff_only(service, search_profiles):
    soest = "05974040"  # takes part only in the private s07
    public, staff = service.municipalities(staff=False), service.municipalities(staff=True)
    assert soest not in public.listed_keys() and soest in staff.listed_keys()
    page = public.page(soest)
    assert page.leads == page.participates == page.partners == page.similar == ()
    assert PRIVATE not in str(page) and "Quxbar" not in str(page)
    assert [c.id for c in staff.page(soest).leads] == [PRIVATE]
    assert PRIVATE not in str(public.page("05974")) and PRIVATE in str(staff.page("05974"))
    assert public.key_for("Soest") is None and staff.key_for("Soest") == soest
    for key in public.listed_keys():  # nothing private counts anywhere in the public directory
        assert "Quxbar" not in str(public.page(key)), key


def test_a_kreis_page_counts_its_municipalities(service):
    page = service.municipalities(staff=False).page("05974")
    assert page.kind == "kreis" and page.name == "Kreis Soest"
    assert [c.id for c in page.leads] == ["s01_abfallverband-soest"]
    assert {(m.key, m.count) for m in page.members} == {("05974028", 2), ("05974016", 2)}
    assert {c.id for c in page.member_cooperations} == {"s01_abfallverband-soest", "s02_vergabestelle-lippstadt"}


@pytest.mark.parametrize("key", ["", "0597", "059740", "0597402800", "abcde", "05974O28", "０５９７４"])
def test_a_malformed_key_names_the_parameter(service, key):
    with pytest.raises(InvalidRequest) as caught:
        service.municipalities().page(key)
    assert caught.value.parameter == "key" and caught.value.code == "malformed_municipality_key"


@pytest.mark.parametrize("key", ["99999999", "05999", "00000"])
def test_an_unknown_key_is_not_found(service, key):
    with pytest.raises(NotFound) as caught:
        service.municipalities().page(key)
    assert caught.value.parameter == "key"


def test_a_known_place_without_cooperations_has_an_empty_page(service, gazetteer):
    page = service.municipalities().page("05913000")  # Dortmund
    assert page.name == "Dortmund" and page.kind == "kreisfreie_stadt" and page.district is None
    assert page.figures is not None and page.figures.population == gazetteer.by_key["05913000"].population
    assert page.leads == page.participates == page.nearby == page.similar == ()


def test_each_engine_gives_the_pages_of_the_corpus_itself(bundled_service, bundled_profiles):
    """Both engines (the fixture runs once per engine) answer as a directory built from the
    parsed profiles directly, so they answer alike."""
    directory = bundled_service.municipalities(staff=False)
    built = MunicipalityDirectory({**p.to_dict(), "areas": list(assign_areas(p).areas)}
                                  for p in _visible(bundled_profiles, staff=False))
    assert directory.listed_keys() == built.listed_keys()
    assert directory.listing() == built.listing()
    for key in built.listed_keys()[:: max(1, len(built.listed_keys()) // 40)]:
        assert directory.page(key) == built.page(key), key


def test_similar_municipalities_share_topics_and_never_list_themselves(bundled_service):
    directory = bundled_service.municipalities(staff=False)
    for key in directory.listed_keys()[::10]:
        similar = directory.similar(key, 5)
        assert key not in [s.key for s in similar] and len(similar) <= 5
        assert [s.score for s in similar] == sorted((s.score for s in similar), reverse=True)
        page = directory.page(key)
        topics = {f"area:{code}" for code, _ in page.areas} | {word for word, _ in page.keywords}
        for other in similar:
            assert other.shared and 0 < other.score <= 1 and set(other.shared) <= topics, (key, other)


@pytest.fixture(scope="module")
def reference_similar(bundled_profiles):
    """The docstring's definition of similar municipalities, computed the plain way over the
    public bundled profiles: key, limit → [(key, score)]."""
    profiles = _visible(bundled_profiles, staff=False)
    bags = {p.id: {} for p in profiles}
    for profile in profiles:
        for position, code in enumerate(assign_areas(profile).areas):
            weight = 1.0 if position == 0 else 0.5
            bags[profile.id][f"area:{code}"] = max(bags[profile.id].get(f"area:{code}", 0), weight)
        for word in profile.keywords:
            bags[profile.id]["keyword:" + facet_key(word)] = 1.0
    taking_part: dict[str, list[str]] = {}
    for profile in profiles:
        for key in _keys(profile):
            taking_part.setdefault(key, []).append(profile.id)
    holders = Counter(f for ids in taking_part.values() for f in {f for i in ids for f in bags[i]})
    idf = {f: math.log(1 + len(taking_part) / m) for f, m in holders.items()}

    def bag(key, leave_out=()):
        total = Counter()
        for i in taking_part[key]:
            if i not in leave_out:
                for f, w in bags[i].items():
                    total[f] += w * idf[f]
        return total

    full = {key: bag(key) for key in taking_part}

    def similar(key: str, limit: int) -> list[tuple[str, float]]:
        source, mine = full[key], set(taking_part[key])
        scored = []
        for other in taking_part:
            if other != key:
                vector = bag(other, mine) if mine & set(taking_part[other]) else full[other]
                dot = sum(w * vector.get(f, 0) for f, w in source.items())
                if dot > 0:
                    cosine = dot / math.sqrt(sum(v * v for v in source.values())) / math.sqrt(
                        sum(v * v for v in vector.values()))
                    scored.append((-round(cosine, 4), other))
        return [(other, -negative) for negative, other in sorted(scored)][:limit]

    return similar


def test_similar_is_what_its_definition_says(bundled_service, reference_similar):
    directory = bundled_service.municipalities(staff=False)
    for key in directory.listed_keys()[::15]:
        got = [(s.key, s.score) for s in directory.similar(key, 8)]
        expected = reference_similar(key, 8)
        # ties are ordered by name there and by key here: compare the scores in order and the keys as sets per score
        assert [score for _, score in got] == pytest.approx([score for _, score in expected], abs=1e-4), key
        assert {k for k, score in got if score > got[-1][1]} == {k for k, score in expected if score > got[-1][1]}


def test_similar_leaves_shared_cooperations_out():
    """Two places that only ever cooperate with each other are not similar for that."""
    payloads = [
        {"id": "a", "title": "A", "lead_key": "05974028", "participant_keys": ["05974028", "05974016"],
         "areas": ["11"], "keywords": ["Abfall"]},
        {"id": "b", "title": "B", "lead_key": "05754008", "participant_keys": ["05754008"],
         "areas": ["11"], "keywords": ["Abfall"]},
    ]
    directory = MunicipalityDirectory(payloads)
    assert [s.key for s in directory.similar("05974028")] == ["05754008"]
    assert {s.key for s in directory.similar("05754008")} == {"05974028", "05974016"}
    assert set(directory.similar("05754008")[0].shared) == {"Abfall", "area:11"}


def test_check_key_accepts_both_lengths():
    assert check_key("05974") == "05974" and check_key("05974028") == "05974028"
