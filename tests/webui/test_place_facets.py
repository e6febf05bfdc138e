"""``district``, ``region`` and ``state`` select the cooperations in which any participant
or the lead lies in that Kreis, Regierungsbezirk or Land (issue 21): the API's counts
equal a plain recount over the gazetteer, on the bundled corpus."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote_plus

import pytest

from search.model import SearchRequest


def recount(profiles, gazetteer, attr: str) -> Counter:
    """Public cooperations per Kreis (Regierungsbezirk, Land): the profile's own, the lead's
    and every resolved participant's, each cooperation counted once per place."""
    counts: Counter = Counter()
    for profile in profiles:
        if profile.private:
            continue
        places = {getattr(profile, attr)}
        for key in (profile.lead_key, *profile.participant_keys):
            if key:
                places.add(getattr(gazetteer.by_key[key], attr))
        counts.update(place for place in places if place)
    return counts


@pytest.fixture(scope="module")
def bundled_client(bundled_index):
    from webui import create_app

    app = create_app({"INDEX": str(bundled_index), "TESTING": True, "SECRET_KEY": "x", "RATE_LIMIT": 0})
    return app.test_client()


@pytest.mark.parametrize("attr", ["district", "region", "state"])
def test_facet_counts_are_every_participants_places(bundled_client, bundled_profiles, gazetteer, attr):
    expected = recount(bundled_profiles, gazetteer, attr)
    for value, count in expected.items():
        data = bundled_client.get("/api/v1/search", query_string={attr: value, "per_page": 1}).get_json()
        assert data["total"] == count, value
    # the facet lists the same counts (disjunctive: its own selection does not narrow them)
    listed = bundled_client.get(f"/api/v1/facets/{attr}").get_json()["values"]
    assert {v["value"]: v["count"] for v in listed} == dict(expected)


def test_a_kreis_selects_more_than_the_cooperations_it_leads(bundled_profiles, gazetteer):
    led = Counter(p.district for p in bundled_profiles if not p.private and p.district)
    anywhere = recount(bundled_profiles, gazetteer, "district")
    assert any(anywhere[kreis] > led[kreis] for kreis in led)  # the test above is not the old semantics


def test_both_engines_count_the_same(bundled_service, bundled_profiles, gazetteer):
    result = bundled_service.search(SearchRequest.create("", per_page=1))
    expected = recount(bundled_profiles, gazetteer, "district").most_common()
    counts = {v.value: v.count for v in result.facets["district"]}
    assert all(counts[kreis] == n for kreis, n in expected if kreis in counts)
    kreis, n = expected[0]
    assert bundled_service.search(SearchRequest.create("", {"district": [kreis]})).total == n


def test_hits_keep_the_leads_district_and_carry_their_url(bundled_client, bundled_profiles):
    data = bundled_client.get("/api/v1/search", query_string={"per_page": 100}).get_json()
    by_id = {p.id: p for p in bundled_profiles}
    for hit in data["hits"]:
        assert hit["district"] == by_id[hit["id"]].district
        assert hit["url"].endswith(f"/profiles/{hit['id']}")
        assert bundled_client.get(hit["url"]).status_code == 200


def test_facet_values_by_prefix_with_the_current_search(client):
    data = client.get("/api/v1/facets/participant?prefix=lipp").get_json()
    assert data["name"] == "participant" and data["prefix"] == "lipp"
    assert [v["value"] for v in data["values"]] == ["Lippstadt"]
    everything = client.get("/api/v1/facets/participant").get_json()["values"]
    assert len(everything) > 1 and all(v["count"] > 0 for v in everything)
    # with a query and a filter of another facet: counted as the search page counts them
    search = client.get("/api/v1/search?q=Abfall&district=Kreis+Soest").get_json()
    listed = client.get("/api/v1/facets/participant?q=Abfall&district=Kreis+Soest").get_json()["values"]
    assert {v["value"]: v["count"] for v in listed} == {b["value"]: b["count"] for b in search["facets"]["participant"]}
    # a word inside the value counts; umlaut spelling does not matter
    assert [v["value"] for v in client.get("/api/v1/facets/district?prefix=guet").get_json()["values"]] == [
        "Kreis Gütersloh"]


def test_facet_values_list_more_than_the_search_result(bundled_client):
    listed = bundled_client.get("/api/v1/facets/participant").get_json()["values"]
    search = bundled_client.get("/api/v1/search?per_page=1").get_json()
    assert len(search["facets"]["participant"]) == 50 < len(listed)
    assert [v["count"] for v in listed] == sorted((v["count"] for v in listed), reverse=True)


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/v1/facets/colour", None), ("/api/v1/facets/year", None),
    ("/api/v1/facets/district?prefix=a&prefix=b", "prefix"), ("/api/v1/facets/district?foo=1", "foo"),
    ("/api/v1/facets/district?all=2", "all"),
])
def test_facet_values_refuse_bad_requests(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error.get("parameter") == parameter
    if parameter is None:
        assert repr(url.rsplit("/", 1)[1]) in error["message"]  # the unknown facet is named


def test_the_page_names_the_place_facets_semantics(client):
    html = client.get("/").get_data(as_text=True)
    assert "Kreis (beteiligt)" in html and "Land (beteiligt)" in html
    assert "District (participating)" in client.get("/?lang=en").get_data(as_text=True)


def test_long_facets_have_a_search_field_and_an_all_values_page(bundled_index):
    from webui import create_app

    client = create_app({"INDEX": str(bundled_index), "TESTING": True, "SECRET_KEY": "x"}).test_client()
    html = client.get("/?q=Abfall").get_data(as_text=True)
    assert 'action="/facets/participant"' in html and 'name="prefix"' in html
    assert 'href="/facets/participant?q=Abfall"' in html  # "alle anzeigen", the search kept
    # the GET form without JavaScript: values of the current search, narrowed by the prefix
    page = client.get("/facets/participant?q=Abfall&prefix=kreis").get_data(as_text=True)
    api = client.get("/api/v1/facets/participant?q=Abfall&prefix=kreis").get_json()["values"]
    assert api and all("Kreis" in v["value"] for v in api)
    for value in api:
        assert f'participant={quote_plus(value["value"])}' in page
    assert 'href="/?q=Abfall"' in page  # back to the search
    everything = client.get("/facets/participant").get_data(as_text=True)
    listed = client.get("/api/v1/facets/participant").get_json()["values"]
    assert everything.count('<li><a href="/?participant=') == len(listed) > 50
    assert client.get("/facets/colour").status_code == 400


def test_a_date_sort_leaves_weak_matches_out_and_offers_them(bundled_index):
    from webui import create_app

    client = create_app({"INDEX": str(bundled_index), "TESTING": True, "SECRET_KEY": "x"}).test_client()
    by_relevance = client.get("/api/v1/search?q=Vergabestelle&per_page=1").get_json()
    by_date = client.get("/api/v1/search?q=Vergabestelle&sort=newest&per_page=100").get_json()
    assert by_date["weaker"] > 0 and by_date["total"] + by_date["weaker"] == by_relevance["total"]
    assert by_relevance["hits"][0]["id"] in {h["id"] for h in by_date["hits"]}  # the best match is kept
    everything = client.get("/api/v1/search?q=Vergabestelle&sort=newest&all=1&per_page=1").get_json()
    assert (everything["total"], everything["weaker"]) == (by_relevance["total"], 0)
    assert by_relevance["weaker"] == 0  # sorted by relevance nothing is left out
    html = client.get("/?q=Vergabestelle&sort=newest").get_data(as_text=True)
    assert f"{by_date['weaker']} schwächere Treffer anzeigen" in html
    assert 'href="/?q=Vergabestelle&amp;sort=newest&amp;all=1"' in html
