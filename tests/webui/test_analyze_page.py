"""The staff page /analyze: signed-in staff only, the same analysis as `ikz analyze`."""

from __future__ import annotations

import re

import pytest

from index.analysis import analyze_word
from tests.webui.test_staff import sign_in, staff_app  # noqa: F401 - fixture


def test_public_gets_not_found(client):
    assert client.get("/analyze?q=Antragsteller").status_code == 404


@pytest.mark.parametrize("lang", ["de", "en"])
def test_staff_sees_parts_stem_and_terms(staff_app, lang):  # noqa: F811
    client = staff_app.test_client()
    sign_in(client)
    response = client.get(f"/analyze?q=Rettungswache+und+Feuerwehr&lang={lang}")
    assert response.status_code == 200
    html = response.text
    assert re.findall(r'data-word="([^"]+)"', html) == ["Rettungswache", "und", "Feuerwehr"]
    expected = analyze_word("Rettungswache")
    assert "Rettungs | wache" in html and f"<code>{expected.stem}</code>" in html
    assert ("Wortanalyse" if lang == "de" else "Word analysis") in html
    assert ("Stoppwort, nicht indexiert" if lang == "de" else "stop word, not indexed") in html
