"""No dead ends on the search page (issue 21 item 6): a reversed year range is swapped,
an invalid year, sort or page is left out and named next to its field, the query and the
filters stay; the JSON API keeps refusing them; error pages lead back to the search."""

from __future__ import annotations

import re

import pytest
from werkzeug.datastructures import MultiDict

from search.model import InvalidRequest
from webui.page_params import parse_page_args


def hit_ids(html: str) -> list[str]:
    return re.findall(r'data-profile-id="([^"]+)"', html)


def test_a_reversed_range_is_swapped():
    parsed = parse_page_args(MultiDict([("q", "Abfall"), ("year_from", "2015"), ("year_to", "2005")]))
    assert parsed.request.range("year") == (2005, 2015)
    assert parsed.args.getlist("year_from") == ["2005"] and parsed.args.getlist("year_to") == ["2015"]
    assert [(s.low, s.high) for s in parsed.swaps] == [(2005, 2015)] and not parsed.problems


@pytest.mark.parametrize(("args", "left_out"), [
    ([("year_from", "zwanzig")], {"year_from"}),
    ([("year_from", "20"), ("year_to", "abc")], {"year_from", "year_to"}),
    ([("sort", "best")], {"sort"}),
    ([("page", "0")], {"page"}),
    ([("page", "2"), ("page", "3")], {"page"}),
    ([("per_page", "101"), ("sort", "x"), ("page", "٢")], {"per_page", "sort", "page"}),
])
def test_invalid_recoverable_parameters_are_left_out_and_the_rest_kept(args, left_out):
    parsed = parse_page_args(MultiDict([("q", "Abfall"), ("region", "Arnsberg"), *args]))
    assert set(parsed.problems) == left_out
    assert parsed.request.query == "Abfall" and parsed.request.selected("region") == ("Arnsberg",)
    assert not left_out & set(parsed.args)
    assert parsed.args.getlist("region") == ["Arnsberg"]


def test_a_rejected_value_is_repeated_back_short_and_printable():
    parsed = parse_page_args(MultiDict([("sort", "x" * 100 + "\x01")]))
    assert parsed.problems["sort"].value == "x" * 39 + "…" and parsed.problems["sort"].code == "control_characters"


@pytest.mark.parametrize("args", [[("colour", "blau")], [("q", "x" * 700)], [("region", "a\x00")]])
def test_other_invalid_input_still_raises(args):
    with pytest.raises(InvalidRequest):
        parse_page_args(MultiDict(args))


def test_the_page_says_it_swapped_the_years_and_shows_the_swapped_search(client):
    swapped = client.get("/?q=Abfall&year_to=1990&year_from=2025")
    ordered = client.get("/?q=Abfall&year_from=1990&year_to=2025")
    assert swapped.status_code == 200
    assert "wurden getauscht: von 1990 bis 2025" in swapped.text
    assert hit_ids(swapped.text) == hit_ids(ordered.text) and hit_ids(ordered.text)
    assert 'id="year_from" name="year_from" type="number" inputmode="numeric" min="1900" max="2100" value="1990"' \
        in swapped.text
    # the API keeps its 400 for the same request
    assert client.get("/api/v1/search?q=Abfall&year_to=1990&year_from=2025").status_code == 400


@pytest.mark.parametrize(("query", "field", "text"), [
    ("year_from=zwanzig", "year_from", "„zwanzig“ ist keine vierstellige Jahreszahl"),
    ("sort=best", "sort", "„best“ ist keine Sortierung"),
    ("page=0", None, "„0“ ist keine Seitenzahl"),
])
def test_invalid_input_shows_the_search_with_the_problem_next_to_the_field(client, query, field, text):
    response = client.get(f"/?q=Abfall&region=Arnsberg&{query}")
    html = response.text
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert text in html
    assert hit_ids(html) == hit_ids(client.get("/?q=Abfall&region=Arnsberg").text) != []
    # query and chip kept
    assert 'value="Abfall"' in html and "Regierungsbezirk (beteiligt): <span>Arnsberg</span>" in html
    if field:  # named next to the field, which points to it
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true" aria-describedby="{field}-problem"', html)
        assert f'id="{field}-problem"' in html and f'href="#{field}"' in html
    # the links of the page (also feed, canonical) no longer carry the bad value; the language switch
    # does (the page in the other language names it there)
    head, main = html.split("<body")[0], html.split("<main")[1]
    links = re.findall(r'href="([^"]*)"', head) + re.findall(r'href="([^"]*)"', main)
    assert not [link for link in links if query in link.replace("&amp;", "&")]


def test_invalid_input_in_english(client):
    html = client.get("/?q=Abfall&sort=best&lang=en").text
    assert "“best” is not a sort order; sorted by relevance instead." in html and "Sort by (sort)" in html


@pytest.mark.parametrize(("url", "headers", "back"), [
    # the failed search without the bad parameter
    ("/?q=Abfall&region=Arnsberg&colour=blau", {}, "/?q=Abfall&region=Arnsberg"),
    # a profile reached from a search
    ("/profiles/nope?back=q%3DAbfall%26region%3DArnsberg", {}, "/?q=Abfall&region=Arnsberg"),
    # the search page this site's link came from
    ("/nothing", {"Referer": "http://localhost/?q=Abfall&year_from=2000"}, "/?q=Abfall&year_from=2000"),
])
def test_error_pages_lead_back_to_the_search(client, url, headers, back):
    html = client.get(url, headers=headers).text
    link = re.search(r'<a class="back-to-search" href="([^"]+)">Zurück zu Ihrer Suche</a>', html)
    assert link and link.group(1).replace("&amp;", "&") == back
    assert 'href="/">Zur Suche</a>' in html


@pytest.mark.parametrize(("url", "headers"), [
    ("/nothing", {"Referer": "https://evil.example/?q=Abfall"}),  # another site
    ("/nothing", {"Referer": "http://localhost/imprint"}),         # not a search
    ("/nothing", {"Referer": "http://localhost/?colour=blau"}),    # not a valid search
    ("/profiles/nope?back=https://evil.example/", {}),
    ("/nothing", {}),
])
def test_error_pages_without_a_search_to_return_to_lead_to_the_search_page(client, url, headers):
    html = client.get(url, headers=headers).text
    assert "back-to-search" not in html and 'href="/">Zur Suche</a>' in html
