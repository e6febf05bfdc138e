"""The similar list on the profile page (issue 21 item 7): place and year, "more" without
JavaScript, a CSV export for staff."""

from __future__ import annotations

import csv
import io
import re

import pytest

from search.model import MAX_SIMILAR
from tests.webui.test_staff import sign_in, staff_app

__all__ = ["staff_app"]
PROFILE = "s01_abfallverband-soest"


def similar_ids(html: str) -> list[str]:
    part = html.split('class="similar-hits"')[1].split("</ul>")[0]
    return re.findall(r'data-profile-id="([^"]+)"', part)


def test_the_profile_page_lists_similar_ones_with_place_and_year(client):
    html = client.get(f"/profiles/{PROFILE}?back=q%3DAbfall").text
    api = client.get(f"/api/v1/profiles/{PROFILE}/similar").json["similar"]
    assert similar_ids(html) == [hit["id"] for hit in api] != []
    for hit in api:
        profile = client.get(f"/api/v1/profiles/{hit['id']}").json
        item = re.search(rf'<li data-profile-id="{hit["id"]}">(.*?)</li>', html, re.S).group(1)
        assert f'href="/profiles/{hit["id"]}?back=q%3DAbfall"' in item  # the search stays the way back
        assert f"<span>{profile['lead']}</span>" in item
        if profile["year"]:
            assert f"seit {profile['year']}</span>" in item
        if profile["district"] and profile["district"] != profile["lead"]:
            assert f"<span>{profile['district']}</span>" in item
    more = re.search(r'<a href="([^"]+)">Weitere ähnliche Kooperationen</a>', html)
    assert more and more.group(1) == f"/profiles/{PROFILE}/similar?back=q%3DAbfall"
    assert "similar.csv" not in html  # the export is for staff


@pytest.fixture(scope="module")
def bundled_client(bundled_index):
    """The bundled corpus (300 profiles): long enough similar lists for "more" (the small
    test corpus has one or none per profile)."""
    from webui import create_app

    app = create_app({"INDEX": str(bundled_index), "TESTING": True, "SECRET_KEY": "test", "RATE_LIMIT": 0})
    return app.test_client()


def test_more_lists_a_longer_list_without_javascript(bundled_client):
    client = bundled_client
    profile = next(i for i in client.get("/api/v1/search?q=Abfall&per_page=20").json["hits"]
                   if len(client.get(f"/api/v1/profiles/{i['id']}/similar?limit=20").json["similar"]) > 3)["id"]
    html = client.get(f"/profiles/{profile}/similar?back=q%3DAbfall").text
    api = client.get(f"/api/v1/profiles/{profile}/similar?limit=20").json["similar"]
    assert similar_ids(html) == [hit["id"] for hit in api]
    assert 'href="/?q=Abfall">Zurück zur Suche</a>' in html
    assert f'href="/profiles/{profile}?back=q%3DAbfall">Zurück zur Kooperation</a>' in html
    # a shorter list offers the rest
    short = client.get(f"/profiles/{profile}/similar?limit=3&back=q%3DAbfall").text
    assert similar_ids(short) == [h["id"] for h in api[:3]]
    more = re.search(r'<a href="([^"]+)">Mehr anzeigen</a>', short).group(1).replace("&amp;", "&")
    assert more == f"/profiles/{profile}/similar?limit={MAX_SIMILAR}&back=q%3DAbfall"
    everything = client.get(f"/api/v1/profiles/{profile}/similar?limit={MAX_SIMILAR}").json["similar"]
    assert similar_ids(client.get(more).text) == [h["id"] for h in everything]


@pytest.mark.parametrize(("url", "status"), [(f"/profiles/{PROFILE}/similar?limit=0", 400),
                                             (f"/profiles/{PROFILE}/similar?limit={MAX_SIMILAR + 1}", 400),
                                             ("/profiles/nope/similar", 404),
                                             (f"/profiles/{PROFILE}/similar.csv", 404)])
def test_similar_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status and "Zur Suche" in response.text


def test_staff_export_the_similar_list(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    html = client.get(f"/profiles/{PROFILE}").text
    link = re.search(r'<a href="([^"]+)">Als CSV exportieren</a>', html)
    assert link and link.group(1) == f"/profiles/{PROFILE}/similar.csv"
    response = client.get(link.group(1))
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    header, rows = rows[0], rows[1:]
    search_header = next(csv.reader(io.StringIO(client.get("/export.csv").text.lstrip("\ufeff")), delimiter=";"))
    assert header == search_header  # the search's export and this one share their columns
    assert header[:4] == ["ID", "Titel", "nicht öffentlich", "Federführung"]
    api = client.get(f"/api/v1/profiles/{PROFILE}/similar?limit=20").json["similar"]
    assert [row[0] for row in rows] == [hit["id"] for hit in api]
    first = client.get(f"/api/v1/profiles/{rows[0][0]}").json
    cells = dict(zip(header, rows[0], strict=True))
    assert cells["Federführung"] == first["lead"] and cells["Kreis"] == (first["district"] or "")
    assert cells["Profilseite"] == f"http://localhost/profiles/{rows[0][0]}"
    assert cells["Kontakt"] == " ".join((first.get("contact") or "").split())


def test_the_similar_list_names_the_task_group_both_share_in_the_page_language(client):
    """s06 (waste collection) is listed for s01 (waste association) for their shared task
    group 11.21 and area 11: the page names both, in German or in English."""
    api = client.get(f"/api/v1/profiles/{PROFILE}/similar").json["similar"]
    hit = next(h for h in api if h["id"] == "s06_muellabfuhr-emsland")
    assert hit["shared"]["groups"] == ["11.21"] and hit["shared"]["areas"] == ["11"]
    for lang, group, area in (("de", "Abfallentsorgung und Müllabfuhr", "Ver- und Entsorgung"),
                              ("en", "Waste disposal and collection", "Utilities and waste")):
        html = client.get(f"/profiles/{PROFILE}?lang={lang}").text
        item = re.search(r'<li data-profile-id="s06_muellabfuhr-emsland">(.*?)</li>', html, re.S).group(1)
        shared = re.sub(r"<[^>]+>", "", item.split('class="shared"')[1])
        assert f"{group}, {area}" in shared
