"""The page shown when a search finds nothing: filters to drop with their counts, words to
search alone, related keywords computed from the index (visible profiles only)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from webui import create_app
from webui.accounts import add_account


def offers(html: str, kind: str) -> list[tuple[str, str, int]]:
    """(link text, URL, count) of one list of the no-results page."""
    block = re.search(rf'<li class="{kind}">(.*?)</li>', html, re.DOTALL)
    if not block:
        return []
    return [(unescape(re.sub(r"<[^>]+>", "", text)).strip(), unescape(url), int(count.replace(".", "")))
            for url, text, count in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>\s*\((\d[\d.]*)\)', block.group(1))]


def total(client, url: str) -> int:
    return int(re.search(r'id="result-count"[^>]*>\s*([\d.]+) Kooperation', client.get(url).text).group(1)
               .replace(".", ""))


def test_related_keywords_depend_on_the_query(client):
    fire = offers(client.get("/?q=Feuerwehr&region=Detmold").text, "related")
    bus = offers(client.get("/?q=Bürgerbus&region=Düsseldorf").text, "related")
    assert "Ausbildung" in [text for text, _, _ in fire]
    assert "ÖPNV" in [text for text, _, _ in bus]
    assert fire != bus


def test_counts_are_those_of_the_linked_searches(client):
    html = client.get("/?q=Abfall&region=Detmold&legal_form=Zweckverband").text
    assert "Keine Kooperation gefunden" in html
    drops, related = offers(html, "drop"), offers(html, "related")
    # dropping the legal form finds nothing
    assert [text for text, _, _ in drops] == ["Regierungsbezirk (beteiligt): Detmold"]
    for _, url, count in drops + related:
        assert count > 0 and total(client, url) == count, url


def test_looser_queries_for_a_phrase_that_finds_nothing(client):
    html = client.get('/?q="Feuerwehr Bibliothek" -Soest').text
    words = offers(html, "words")
    assert [text for text, _, _ in words] == ["Feuerwehr Bibliothek"]
    for _, url, count in words:
        assert total(client, url) == count


def test_top_keywords_when_nothing_is_near(client):
    related = offers(client.get("/?q=gibtesnicht").text, "related")
    assert related and all(total(client, url) == count for _, url, count in related)
    assert [count for _, _, count in related] == sorted((count for _, _, count in related), reverse=True)


def test_no_private_only_keyword_is_offered_to_the_public(index_dir, tmp_path):
    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts)})
    public, staff = app.test_client(), app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', staff.get("/login").text).group(1)
    staff.post("/login", data={"name": "amt.soest", "password": "richtig-geheim-123", "csrf_token": token})
    url = "/?q=Quxbarverfahren&region=Detmold"
    assert "Quxbarvertrag" in [text for text, _, _ in offers(staff.get(url).text, "related")]  # the staff see it
    html = public.get(url).text
    assert "Keine Kooperation gefunden" in html and offers(html, "related")
    assert "Quxbarvertrag" not in html


def test_all_filters_when_no_single_one_helps(client):
    html = client.get("/?q=Feuerwehr&region=Detmold&legal_form=GmbH").text
    (drop,) = offers(html, "drop")
    assert drop[0] == "Alle Filter entfernen" and total(client, drop[1]) == drop[2] == 1


@pytest.mark.parametrize("url", ["/?q=Abfall", "/?q=Abfall&page=1"])
def test_no_alternatives_when_something_is_found(client, url):
    html = client.get(url).text
    assert not offers(html, "related") and not offers(html, "drop")


def test_related_keywords_of_a_search_without_one_filter(client):
    """Filters alone: the keywords come from what dropping one filter finds, not from
    the whole index."""
    html = client.get("/?region=Düsseldorf&keyword=Bibliothek&legal_form=GmbH").text
    related = [text for text, _, _ in offers(html, "related")]
    assert related and set(related) <= {"Ausbildung", "Feuerwehr", "Gesundheit"}
