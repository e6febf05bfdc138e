"""Municipality pages and their API: status codes, error shape, links, the private canary."""

from __future__ import annotations

import re

import pytest

from tests.webui.test_staff import sign_in, staff_app  # noqa: F401 - a fixture used below

PRIVATE = "s07_geheim-soest"


def test_api_answers_a_municipality(client):
    response = client.get("/api/v1/municipalities/05974028")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.json
    assert data["name"] == "Lippstadt" and data["kind"] == "gemeinde" and data["district"] == "Kreis Soest"
    assert data["state"] == "Nordrhein-Westfalen" and data["region"] == "Arnsberg"
    assert [c["id"] for c in data["leads"]] == ["s02_vergabestelle-lippstadt"]
    assert [c["id"] for c in data["participates"]] == ["s01_abfallverband-soest"]
    assert {p["key"]: p["count"] for p in data["partners"]} == {"05974016": 2, "05974": 1}
    assert data["population"] > 60_000 and "Destatis" in data["attribution"]
    assert data["url"].endswith("/municipalities/05974028")


@pytest.mark.parametrize(("url", "status", "parameter"), [
    ("/api/v1/municipalities/0597", 400, "key"), ("/api/v1/municipalities/059740280", 400, "key"),
    ("/api/v1/municipalities/Soest", 400, "key"), ("/api/v1/municipalities/99999999", 404, "key"),
    ("/api/v1/municipalities/05974028?limit=3", 400, "limit")])
def test_api_errors_have_the_error_shape(client, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status
    assert set(response.json) == {"error"} and response.json["error"]["parameter"] == parameter
    assert response.json["error"]["message"]


def test_api_errors_in_german(client):
    message = client.get("/api/v1/municipalities/0597?lang=de").json["error"]["message"]
    assert message.startswith("key muss ein amtlicher Schlüssel sein")
    assert "Schlüssel '99999999'" in client.get("/api/v1/municipalities/99999999?lang=de").json["error"]["message"]


def test_html_page_and_json_list_the_same_cooperations(client):
    html = client.get("/municipalities/05974").get_data(as_text=True)
    data = client.get("/api/v1/municipalities/05974").json
    ids = re.findall(r'data-profile-id="([^"]+)"', html)
    expected = [c["id"] for part in ("leads", "participates", "member_cooperations") for c in data[part]]
    assert ids == expected
    assert "<h1>Kreis Soest</h1>" in html and 'href="/municipalities/05974028"' in html


@pytest.mark.parametrize(("url", "status"), [("/municipalities/abc", 400), ("/municipalities/12345678", 404)])
def test_html_errors_are_pages(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.mimetype == "text/html"


def test_links_and_suggestions_never_wait_for_the_pages(make_app):
    app = make_app()
    client = app.test_client()
    html = client.get("/?q=Vergabestelle").get_data(as_text=True)  # asks for links: starts building them
    assert "s02_vergabestelle-lippstadt" in html
    service = app.extensions["ikz_search"]
    directory = service.municipalities()  # waits
    assert directory is not None and service.municipalities(wait=False) is directory
    assert 'href="/municipalities/05974028"' in client.get("/?q=Vergabestelle").get_data(as_text=True)


def test_the_list_groups_by_land_and_kreis_and_works_without_javascript(client):
    html = client.get("/municipalities").get_data(as_text=True)
    assert "<script" not in html
    assert html.index("Niedersachsen") < html.index("Nordrhein-Westfalen")
    soest = html[html.index("<h3>Kreis Soest</h3>"):]
    assert re.search(r'href="/municipalities/05974028">Lippstadt</a> <span class="count">\(2 Kooperationen\)', soest)
    assert "05974040" not in html  # Soest takes part only in the private profile


def test_english_page(client):
    html = client.get("/municipalities/05974028?lang=en").get_data(as_text=True)
    assert "Cooperations it leads" in html and "Municipalities with similar cooperations" in html
    assert "Federführend in" in client.get("/municipalities/05974028?lang=de").get_data(as_text=True)


def test_names_link_to_their_municipality_pages(client):
    client.get("/municipalities")  # links wait for nothing: the pages are built by now
    profile = client.get("/profiles/s02_vergabestelle-lippstadt").get_data(as_text=True)
    assert 'href="/municipalities/05974028"' in profile and 'href="/municipalities/05974016"' in profile
    search = client.get("/?q=Vergabestelle").get_data(as_text=True)
    hit = search[search.index('data-profile-id="s02_vergabestelle-lippstadt"'):]
    assert '<a href="/municipalities/05974028">Lippstadt</a>' in hit
    facets = search[:search.index('class="hits"')]
    assert re.search(r'participant=Erwitte(?:#facet-participant)?"[^\n]*href="/municipalities/05974016"', facets)


def test_suggestions_lead_to_municipality_pages(client):
    client.get("/municipalities")  # suggestions wait for nothing: the pages are built by now
    suggestions = client.get("/api/v1/suggest?q=Lipp").json["suggestions"]
    place = next(s for s in suggestions if s["kind"] == "place")
    assert place == {"text": "Lippstadt", "kind": "place", "key": "05974028", "url": "/municipalities/05974028"}
    keyword = next(s for s in client.get("/api/v1/suggest?q=Abf").json["suggestions"] if s["kind"] == "keyword")
    assert set(keyword) == {"text", "kind"}
    # a place only a private profile names is no suggestion for the public
    assert not [s for s in client.get("/api/v1/suggest?q=Soest").json["suggestions"] if s["text"] == "Soest"]


def test_sitemap_lists_municipality_pages_with_lastmod(client):
    text = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>http://localhost/municipalities</loc>" in text
    assert re.search(r"<loc>http://localhost/municipalities/05974028</loc><lastmod>\d{4}-\d\d-\d\d</lastmod>", text)
    assert "05974040" not in text


def test_staff_see_private_cooperations_on_municipality_pages(staff_app):  # noqa: F811
    client = staff_app.test_client()
    assert PRIVATE not in client.get("/municipalities/05974040").get_data(as_text=True)
    assert sign_in(client).status_code == 302
    html = client.get("/municipalities/05974040").get_data(as_text=True)
    assert PRIVATE in html and "nicht öffentlich" in html
    assert [c["id"] for c in client.get("/api/v1/municipalities/05974040").json["leads"]] == [PRIVATE]
    assert "05974040" not in client.get("/sitemap.xml").get_data(as_text=True)  # the sitemap stays public
