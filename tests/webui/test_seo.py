"""Sitemap, robots.txt, OpenSearch, schema.org JSON-LD and canonical URLs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from pyld import jsonld

from tests.webui.test_staff import sign_in, staff_app  # noqa: F401 - a fixture used below
from webui.seo import LEAD_ROLE, OPENSEARCH_NS, SITEMAP_NS

PRIVATE = "s07_geheim-soest"
SCHEMA = "http://schema.org/"
# schema.org's context maps every term into its vocabulary; this is that mapping, served
# locally (the tests run without a network), so that expansion checks the document's own
# structure: @type, @id and nested nodes.
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "id": "@id", "type": "@type"}}


def _loader(url, options=None):
    assert url.rstrip("/") == "https://schema.org", url
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def _jsonld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_sitemap_lists_every_public_profile_and_no_private_one(client, app):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    locations = [url.findtext(f"{{{SITEMAP_NS}}}loc") for url in root]
    assert all(loc.startswith("http://localhost/") for loc in locations)
    with app.app_context():
        public = app.extensions["ikz_search"].ids(staff=False)
    profiles = sorted(loc.rsplit("/", 1)[1] for loc in locations if "/profiles/" in loc)
    assert profiles == sorted(public) and PRIVATE not in profiles
    assert "http://localhost/" in locations and "http://localhost/privacy" in locations
    assert not any("?" in loc or "/api/" in loc for loc in locations)


def test_sitemap_and_feeds_stay_public_for_signed_in_staff(staff_app):  # noqa: F811
    client = staff_app.test_client()
    assert sign_in(client).status_code == 302
    assert PRIVATE in client.get("/api/v1/search?per_page=100").text  # staff see it elsewhere
    for url in ["/sitemap.xml", "/opensearch.xml", "/robots.txt"]:
        text = client.get(url).text
        assert PRIVATE not in text and "Quxbar" not in text, url


def test_robots_keeps_crawlers_out_of_results_exports_and_the_api(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")}
    assert {"/?", "/export.csv", "/api/v1/"} <= disallowed
    assert "" not in disallowed and "/" not in disallowed  # the site itself stays open
    assert "Sitemap: http://localhost/sitemap.xml" in lines


@pytest.mark.parametrize(("lang", "short"), [("de", "IKZ-Suche"), ("en", "IKZ search")])
def test_opensearch_description(client, lang, short):
    response = client.get(f"/opensearch.xml?lang={lang}")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.data)
    ns = {"os": OPENSEARCH_NS}
    assert root.findtext("os:ShortName", namespaces=ns) == short and len(short) <= 16
    urls = {url.get("type"): url.get("template") for url in root.findall("os:Url", ns)}
    assert urls["text/html"] == "http://localhost/?q={searchTerms}"
    # the suggestions URL answers in the OpenSearch suggestions format
    suggest = client.get(urls["application/x-suggestions+json"].replace("http://localhost", "")
                         .replace("{searchTerms}", "Lipp"))
    assert suggest.status_code == 200 and suggest.mimetype == "application/x-suggestions+json"
    query, completions = suggest.json
    assert query == "Lipp" and completions and all(isinstance(text, str) for text in completions)
    assert completions == [s["text"] for s in client.get("/api/v1/suggest?q=Lipp").json["suggestions"]]


def test_every_page_links_the_opensearch_description_and_its_canonical_url(client):
    html = client.get("/profiles/s01_abfallverband-soest?lang=en&back=q%3DAbfall").text
    assert '<link rel="search" type="application/opensearchdescription+xml" title="IKZ search" ' \
           'href="/opensearch.xml">' in html
    assert '<link rel="canonical" href="http://localhost/profiles/s01_abfallverband-soest">' in html
    search = client.get("/?region=Arnsberg&q=Abfall&lang=en").text
    assert '<link rel="canonical" href="http://localhost/?q=Abfall&amp;region=Arnsberg">' in search


def test_unknown_suggestion_format_is_refused(client):
    response = client.get("/api/v1/suggest?q=a&format=xml")
    assert response.status_code == 400 and response.json["error"]["parameter"] == "format"


def test_profile_jsonld_expands_to_a_project_with_government_members(client):
    data = _jsonld(client.get("/profiles/s01_abfallverband-soest").text)
    [project] = jsonld.expand(data, {"documentLoader": _loader})
    url = "http://localhost/profiles/s01_abfallverband-soest"
    assert project["@id"] == url and project["@type"] == [SCHEMA + "Project"]
    assert project[SCHEMA + "name"] == [{"@value": "Abfallzweckverband Kreis Soest"}]
    assert project[SCHEMA + "foundingDate"] == [{"@value": "1978"}]
    members = project[SCHEMA + "member"]
    roles = [m for m in members if m["@type"] == [SCHEMA + "OrganizationRole"]]
    assert len(roles) == 1 and roles[0][SCHEMA + "roleName"] == [{"@value": LEAD_ROLE}]
    [lead] = roles[0][SCHEMA + "member"]
    assert lead["@type"] == [SCHEMA + "GovernmentOrganization"]
    assert lead[SCHEMA + "name"] == [{"@value": "Kreis Soest"}]
    organizations = [lead] + [m for m in members if m not in roles]
    assert all(o["@type"] == [SCHEMA + "GovernmentOrganization"] for o in organizations)
    assert len(organizations) == len(data["member"]) == 3
    identifiers = [o[SCHEMA + "identifier"][0][SCHEMA + "value"][0]["@value"]
                   for o in organizations if SCHEMA + "identifier" in o]
    # official municipality keys: eight digits, or five for a Kreis
    assert identifiers and all(re.fullmatch(r"\d{5}|\d{8}", key) for key in identifiers)


def test_jsonld_cannot_close_its_script_element():
    from webui.seo import jsonld_script

    markup = str(jsonld_script({"name": "</script><script>alert(1)</script> & more"}))
    assert markup.count("</script>") == 1 and "&" not in markup.split(">", 1)[1]
    assert json.loads(markup.split(">", 1)[1].rsplit("<", 1)[0])["name"].startswith("</script>")


def test_a_private_profile_has_no_structured_data_even_for_staff(staff_app):  # noqa: F811
    client = staff_app.test_client()
    sign_in(client)
    html = client.get("/profiles/" + PRIVATE).text
    assert "Quxbar" in html and "application/ld+json" not in html
