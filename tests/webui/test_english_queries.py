"""English words are not "corrected" into German, in either interface language (issue 21 item 4)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["de", "en"])
def test_waste_collection_is_not_corrected(client, lang):
    html = client.get(f"/?q=waste+collection&lang={lang}")
    data = client.get(f"/api/v1/search?q=waste+collection&lang={lang}")
    assert html.status_code == data.status_code == 200
    assert 'class="did-you-mean"' not in html.text
    assert data.json["corrected_query"] is None
    assert data.json["hits"][0]["id"] == "s06_muellabfuhr-emsland"


def test_a_town_typo_is_corrected_to_the_town(client):
    data = client.get("/api/v1/search?q=Lipstadt+Vergabestelle").json
    assert data["corrected_query"] == "Lippstadt Vergabestelle"
