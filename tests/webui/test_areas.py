"""The task-area facet on the web: API, OpenAPI, search page, start-page grid, profile
page, CSV export and the CLI option; a private profile's area (s07 states 11 and 16; no
public profile is in 16) never shows to the public."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from cli.main import main
from webui import create_app
from webui.accounts import add_account

PUBLIC_AREAS = [{"value": "01", "count": 2, "selected": False}, {"value": "02", "count": 1, "selected": False},
                {"value": "04", "count": 1, "selected": False}, {"value": "07", "count": 1, "selected": False},
                {"value": "11", "count": 2, "selected": True}, {"value": "12", "count": 1, "selected": False}]


def test_api_filters_and_counts_by_area(client):
    data = client.get("/api/v1/search?area=11").json
    assert sorted(hit["id"] for hit in data["hits"]) == ["s01_abfallverband-soest", "s06_muellabfuhr-emsland"]
    assert all(hit["area"] == "11" and hit["areas"] == ["11"] for hit in data["hits"])
    assert data["facets"]["area"] == PUBLIC_AREAS
    profile = client.get("/api/v1/profiles/s08_aerztenetz-mettmann").json
    assert (profile["area"], profile["areas"]) == ("04", ["04", "07"])


def test_openapi_declares_the_area_parameter_and_fields(client):
    document = client.get("/api/v1/openapi.json").json
    names = [p["name"] for p in document["paths"]["/search"]["get"]["parameters"]]
    assert "area" in names
    schemas = document["components"]["schemas"]
    assert "area" in schemas["Hit"]["required"] and "areas" in schemas["Hit"]["required"]
    assert "area" in schemas["SearchResult"]["properties"]["facets"]["required"]


@pytest.mark.parametrize(("lang", "heading", "label"), [("de", "Aufgabenbereich", "11 Ver- und Entsorgung"),
                                                        ("en", "Task area", "11 Utilities and waste")])
def test_search_page_shows_areas_by_name_with_toggle_links(client, lang, heading, label):
    html = client.get(f"/?q=Abfall&lang={lang}").text
    assert f'<summary id="facet-area">{heading}</summary>' in html
    link = re.search(r'<li><a href="([^"]+)"><span class="check" aria-hidden="true">☐</span> ' + re.escape(label)
                     + r' <span class="count">\(2\)</span>', html)
    assert link and link.group(1) == "/?q=Abfall&amp;area=11#facet-area"
    selected = client.get(f"/?q=Abfall&area=11&lang={lang}").text
    assert re.search(r'<a href="/\?q=Abfall#facet-area" aria-current="true" class="selected">.*?' + re.escape(label),
                     selected)
    assert f"{heading}: {label}" in selected  # the chip names the area


@pytest.mark.parametrize(("lang", "first", "empty"), [("de", "01 Innere Verwaltung", "03 Schulträgeraufgaben"),
                                                     ("en", "01 Internal administration",
                                                      "03 Schools (as school authority)")])
def test_start_page_offers_all_sixteen_areas(client, lang, first, empty):
    html = client.get(f"/?lang={lang}").text
    grid = re.search(r'<nav class="area-grid" aria-labelledby="areas-heading">(.*?)</nav>', html, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", grid, re.S)
    assert len(items) == 16
    assert items[0].startswith('<a href="/?area=01"><span class="area-name">' + first + "</span>")
    assert "(2)" not in items[0] and re.search(r'class="count">2 ', items[0])
    assert items[2] == f'<span class="area-name">{empty}</span> <span class="count">0 ' + \
        ("Kooperationen" if lang == "de" else "cooperations") + "</span>"  # no link to an empty list
    assert "/?area=16" not in grid  # only the private profile is in 16


@pytest.mark.parametrize("url", ["/?q=Abfall", "/?area=11", "/?year_from=2000", "/?page=2"])
def test_only_the_start_page_shows_the_grid(client, url):
    assert 'class="area-grid"' not in client.get(url).text


def test_profile_page_names_its_areas(client):
    html = client.get("/profiles/s08_aerztenetz-mettmann").text
    assert "<dt>Aufgabenbereich</dt>" in html
    assert '<a href="/?area=04">04 Kultur und Wissenschaft</a>' in html
    assert '<a href="/?area=07">07 Gesundheitsdienste</a>' in html
    english = client.get("/profiles/s08_aerztenetz-mettmann?lang=en").text
    assert "<dt>Task area</dt>" in english and ">07 Health services</a>" in english


@pytest.mark.parametrize("backend", ["app", "pg_app"])
def test_a_private_profiles_area_never_reaches_the_public(request, backend):
    client = request.getfixturevalue(backend).test_client()
    for url in ("/api/v1/search", "/api/v1/search?q=Abfall", "/api/v1/search?area=11&area=16"):
        values = {b["value"]: b["count"] for b in client.get(url).json["facets"]["area"]}
        assert values.get("11") == 2 and values.get("16", 0) == 0, url
    assert client.get("/api/v1/search?area=16").json["total"] == 0
    for url in ("/?q=Abfall", "/?area=11", "/?q=Quxbarvertrag"):
        assert "Allgemeine Finanzwirtschaft" not in client.get(url).text, url
    # the start page lists all 16 areas, 16 with no public cooperation and no link
    assert ('<span class="area-name">16 Allgemeine Finanzwirtschaft</span> <span class="count">0 Kooperationen'
            in client.get("/").text)


def test_csv_export_has_the_task_area_column(index_dir, tmp_path):
    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts)})
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"name": "amt.soest", "password": "richtig-geheim-123", "csrf_token": token})
    rows = list(csv.reader(io.StringIO(client.get("/export.csv?area=16").text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][-1] == "Aufgabenbereich"
    assert rows[1:] == [[*rows[1][:-1], "11 Ver- und Entsorgung; 16 Allgemeine Finanzwirtschaft"]]
    assert rows[1][0] == "s07_geheim-soest"


def test_cli_search_by_area(index_dir, capsys):
    assert main(["search", "--index", str(index_dir), "--json", "--area", "11", "--area", "07"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(hit["id"] for hit in data["hits"]) == ["s01_abfallverband-soest", "s06_muellabfuhr-emsland",
                                                         "s08_aerztenetz-mettmann"]
    assert [b["value"] for b in data["facets"]["area"] if b["selected"]] == ["07", "11"]
