"""The widget: /embed (framing allowed there only), its parameters, and the snippets."""

from __future__ import annotations

import re

import pytest

from tests.webui.test_staff import sign_in, staff_app  # noqa: F401 - a fixture used below
from webui import create_app
from webui.embed import frame_ancestors

PRIVATE = "s07_geheim-soest"


def _ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]+)", response.headers["Content-Security-Policy"]).group(1)


def test_embed_lists_a_districts_cooperations_with_links_to_new_tabs(client):
    response = client.get("/embed?district=Kreis%20Soest")
    assert response.status_code == 200
    ids = re.findall(r'data-profile-id="([^"]+)"', response.text)
    assert ids and set(ids) <= {"s01_abfallverband-soest", "s02_vergabestelle-lippstadt"}
    assert 'href="http://localhost/profiles/s01_abfallverband-soest" target="_blank" rel="noopener"' in response.text
    assert '<input type="hidden" name="district" value="Kreis Soest">' in response.text  # kept by the search box
    assert "<script" not in response.text and "site-header" not in response.text and "site-footer" not in response.text
    assert 'href="http://localhost/?district=Kreis+Soest"' in response.text  # all results, full site


def test_only_the_widget_may_be_framed_by_other_sites(client):
    embed = client.get("/embed")
    assert _ancestors(embed) == "*" and "X-Frame-Options" not in embed.headers
    for url in ["/", "/api", "/profiles/s01_abfallverband-soest", "/privacy", "/embed/nothing"]:
        response = client.get(url)
        assert _ancestors(response) in ("'self'", "'none'") and response.headers.get("X-Frame-Options") == "SAMEORIGIN"


def test_embed_origins_setting(index_dir):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t",
                      "EMBED_ORIGINS": "https://www.kreis-soest.de, http://127.0.0.1:8080"})
    response = app.test_client().get("/embed?q=Abfall&lang=en")
    assert _ancestors(response) == "https://www.kreis-soest.de http://127.0.0.1:8080"
    assert '<html lang="en">' in response.text and "opens in a new tab" in response.text


@pytest.mark.parametrize("setting", ["javascript:alert(1)", "https://a.de/path", "'unsafe-inline'", "a.de;script-src"])
def test_malformed_embed_origins_are_refused(setting):
    with pytest.raises(ValueError, match="IKZ_EMBED_ORIGINS"):
        frame_ancestors(setting)


def test_the_widget_is_public_also_for_signed_in_staff(staff_app):  # noqa: F811
    client = staff_app.test_client()
    sign_in(client)
    text = client.get("/embed?district=Kreis%20Soest&per_page=20").text
    assert PRIVATE not in text and "Quxbar" not in text


def test_embed_refuses_bad_parameters_like_the_search(client):
    assert client.get("/embed?page=0").status_code == 400
    assert client.get("/embed?nonsense=1").status_code == 400


def test_the_api_page_gives_both_snippets_with_this_sites_address(client):
    html = client.get("/api").text
    assert "&lt;iframe src=&#34;http://localhost/embed?district=Kreis%20Soest&#34;" in html
    assert "&lt;script src=&#34;http://localhost/static/embed.js&#34; defer&gt;" in html
    assert '<iframe src="/embed?district=Kreis+Soest"' in html and "data-ikz-search" in html


def test_embed_script_is_small_and_builds_no_html_from_data(client):
    with client.get("/static/embed.js") as script:
        assert script.status_code == 200 and len(script.data) < 4000
        assert "innerHTML" not in script.text and "eval(" not in script.text
