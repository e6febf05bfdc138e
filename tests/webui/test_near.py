"""``near`` on the search page and in the API, and similar cooperations explained on the
profile page."""

from __future__ import annotations

import re

import pytest


def test_the_api_gives_each_hit_its_distance_and_names_the_place(client):
    data = client.get("/api/v1/search?near=05974028&sort=near&per_page=100").json
    assert data["near"] == {"key": "05974028", "name": "Lippstadt", "kind": "gemeinde", "regions": True}
    tiers = [hit["distance"] for hit in data["hits"]]
    assert tiers == sorted(tiers) and tiers[0] == 0 and set(tiers) == {0, 3, 4}
    assert client.get("/api/v1/search").json["near"] is None


def test_a_name_is_the_same_as_its_key(client):
    by_key = client.get("/api/v1/search?q=Abfall&near=05974").json
    by_name = client.get("/api/v1/search?q=Abfall&near=Kreis+Soest").json
    assert by_key == by_name and by_key["near"]["name"] == "Kreis Soest"


def test_an_ambiguous_name_is_refused_with_candidate_keys(client):
    response = client.get("/api/v1/search?near=Neustadt")
    assert response.status_code == 400 and response.json["error"]["parameter"] == "near"
    assert re.search(r"names several places; give the key of one: \d{8} \(Neustadt", response.json["error"]["message"])
    german = client.get("/api/v1/search?near=Neustadt&lang=de").json["error"]["message"]
    assert "bezeichnet mehrere Orte" in german


def test_near_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    parameters = {p["name"]: p for p in document["paths"]["/search"]["get"]["parameters"]}
    assert "near" in parameters and "near" in parameters["sort"]["schema"]["enum"]
    schemas = document["components"]["schemas"]
    assert "distance" in schemas["Hit"]["required"] and "near" in schemas["SearchResult"]["required"]
    shared = schemas["Similar"]["properties"]["similar"]["items"]["properties"]["shared"]
    assert shared["required"] == ["keywords", "areas", "municipalities"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_page_shows_tiers_and_the_place(client, lang):
    url = f"/?q=Abfall+Feuerwehr+Personal&near=Lippstadt&sort=near&lang={lang}"
    html = client.get(url).text
    data = client.get(url.replace("/?", "/api/v1/search?").replace(f"&lang={lang}", "")).json
    # the page lists the API's hits in its order, each with its tier
    assert re.findall(r'class="hit" data-profile-id="([^"]+)"', html) == [h["id"] for h in data["hits"]]
    assert re.findall(r'data-distance="(\d)"', html) == [str(h["distance"]) for h in data["hits"]]
    labels = {"de": ("nimmt teil", "gleiches Land", "In der Nähe von"), "en": ("takes part", "same state", "Near")}
    for label in labels[lang]:
        assert label in html
    assert 'id="near" name="near" type="text" value="Lippstadt"' in html
    assert '<option value="near" selected>' in html
    # the chip removes near and the sort that needs it
    chip = re.search(r'<a href="([^"]+)">[^<]*: <span[^>]*>Lippstadt</span>', html).group(1)
    assert "near" not in chip.replace("&amp;", "&") and "q=Abfall" in chip


def test_without_near_the_page_offers_no_sort_by_distance(client):
    html = client.get("/?q=Abfall").text
    assert '<option value="near"' not in html and "data-distance" not in html
    assert 'id="near" name="near" type="text" value=""' in html


def test_a_region_without_regierungsbezirke_names_tier_2_the_same_state(client):
    html = client.get("/?near=Hannover&sort=near").text  # Niedersachsen: Emsland is tier 2
    hit = re.search(r'data-profile-id="s06_muellabfuhr-emsland".*?data-distance="2">([^<]+)<', html, re.S)
    assert hit.group(1) == "gleiches Land"


def test_an_invalid_near_on_the_page_is_a_400_naming_it(client):
    response = client.get("/?near=0597")
    assert response.status_code == 400 and "near" in response.text


def test_the_profile_page_explains_similar_cooperations(client):
    html = client.get("/profiles/s01_abfallverband-soest").text
    related = html[html.index('id="similar-heading"'):]
    item = re.search(r'data-profile-id="s06_muellabfuhr-emsland".*?</li>', related, re.S).group(0)
    assert "gemeinsam:" in item and "Ver- und Entsorgung" in item
    english = client.get("/profiles/s01_abfallverband-soest?lang=en").text
    item = re.search(r'data-profile-id="s06_muellabfuhr-emsland".*?</li>', english, re.S).group(0)
    assert "in common:" in item and "Utilities and waste" in item


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_municipality_page_links_each_topic_to_a_search_near_it(client, lang):
    html = client.get(f"/municipalities/05974028?lang={lang}").text
    links = [link.replace("&amp;", "&") for link in re.findall(r'class="near-link" href="([^"]+)"', html)]
    assert links and all("near=05974028" in link and "sort=near" in link for link in links)
    assert {"de": "Wer in der Nähe?", "en": "Who nearby?"}[lang] in html
    data = client.get("/api/v1/search?" + links[0].split("?", 1)[1]).json
    assert data["near"]["key"] == "05974028" and data["hits"][0]["distance"] == 0
