"""Web UI and API through Flask's test client, on the fixture index."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from search.model import InvalidRequest
from webui.params import parse_search_args
from webui.present import toggle_args

PRIVATE = "s07_geheim-soest"


@pytest.mark.parametrize(
    "qs",
    ["", "q=Abfall", "region=Arnsberg&region=Detmold", "q=Feuerwher&sort=newest", "sort=title&page=2&per_page=3",
     "q=Müll&legal_form=GmbH", "year_from=2005&year_to=2015", "q=Quxbarvertrag"],
)
def test_html_and_json_list_the_same_hits(client, qs):
    html, data = client.get(f"/?{qs}"), client.get(f"/api/v1/search?{qs}")
    assert html.status_code == data.status_code == 200
    assert re.findall(r'data-profile-id="([^"]+)"', html.text) == [h["id"] for h in data.json["hits"]]
    assert f'{data.json["total"]} Kooperation' in html.text


def test_api_search_shape_matches_the_cli(client):
    data = client.get("/api/v1/search?q=Abfall").json
    assert set(data) == {"query", "near", "corrected_query", "total", "weaker", "page", "per_page", "hits", "facets"}
    assert data["hits"][0]["id"] == "s01_abfallverband-soest"


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/search?page=0", 400, "page"),
        ("/api/v1/search?per_page=101", 400, "per_page"),
        ("/api/v1/search?sort=best", 400, "sort"),
        ("/api/v1/search?year_from=zwanzig", 400, "year_from"),
        ("/api/v1/search?colour=blau", 400, "colour"),
        ("/api/v1/search?q=a&q=b", 400, "q"),
        ("/api/v1/search?q=%00", 400, "q"),
        ("/api/v1/search?q=" + "x" * 700, 400, "q"),
        ("/api/v1/profiles/nope", 404, "id"),
        ("/api/v1/profiles/" + PRIVATE, 404, "id"),
        ("/api/v1/profiles/nope/similar", 404, "id"),
        ("/api/v1/profiles/s01_abfallverband-soest/similar?limit=0", 400, "limit"),
        ("/api/v1/suggest?q=ab&x=1", 400, "x"),
        ("/api/v1/nothing", 404, None),
    ],
)
def test_every_api_error_has_one_shape(client, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status and response.is_json
    error = response.json["error"]
    assert set(error) <= {"code", "message", "parameter"} and error["code"] and error["message"]
    assert error.get("parameter") == parameter
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(("url", "status"), [("/?colour=blau", 400), ("/profiles/nope", 404), ("/nothing", 404),
                                             ("/profiles/" + PRIVATE, 404)])
def test_html_errors_are_friendly_pages(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.mimetype == "text/html"
    assert "Zur Suche" in response.text and "Traceback" not in response.text


def test_private_profile_is_invisible_to_the_public(client):
    # queries naming the canary: only the echoed query may contain it
    for url in ["/?q=Quxbarvertrag", "/api/v1/search?q=Quxbarvertrag", "/api/v1/suggest?q=Quxbar",
                "/api/v1/suggest?q=Quxbar&format=opensearch",
                "/?keyword=Quxbarvertrag", "/api/v1/search?keyword=Quxbarvertrag&participant=Soest"]:
        text = client.get(url).text
        assert PRIVATE not in text and "Quxbar-Abfallprojekt" not in text and "Quxbarverfahren" not in text
    # everything else: the canary word appears nowhere
    assert client.get("/api/v1/search?keyword=Quxbarvertrag").json["total"] == 0
    for url in ["/", "/?q=Soest", "/?q=Abfall", "/api/v1/search?per_page=100",
                "/profiles/s01_abfallverband-soest", "/api/v1/profiles/s01_abfallverband-soest/similar",
                "/api/v1/suggest?q=So", "/profiles/" + PRIVATE, "/sitemap.xml", "/robots.txt",
                "/opensearch.xml", "/feed.atom", "/feed.atom?district=Kreis%20Soest", "/embed?district=Kreis%20Soest"]:
        text = client.get(url).text
        assert "Quxbar" not in text and PRIVATE not in text, url


def test_search_page_parts(client):
    html = client.get("/?q=Abfall&region=Arnsberg").text
    assert '<html lang="de">' in html and "Interkommunale Kooperationen finden" in html
    assert 'rel="alternate" type="application/json"' in html
    assert "<mark>" in html  # highlighted snippet
    assert "aria-live" in html and 'href="#main"' in html  # announced count, skip link
    assert "Regierungsbezirk (beteiligt): Arnsberg" in re.sub(r"<[^>]+>", "", html)  # a removable chip


def test_facet_links_work_without_javascript(client):
    html = client.get("/").text
    link = re.search(r'href="(/\?region=Arnsberg)#facet-region"', html)  # back to the facet after loading
    assert link
    assert client.get(link.group(1).replace("&amp;", "&")).json is None  # HTML page
    assert "2 Kooperationen" in client.get(link.group(1)).text


def test_a_value_typed_in_another_spelling_is_selected_and_toggles_off(client):
    # the search layer matches "ARNSBERG" to Arnsberg; its facet link must remove it, not add it
    html = client.get("/?region=ARNSBERG").text
    assert "2 Kooperationen" in html
    link = re.search(r'<a href="([^"]*)"[^>]*class="selected"[^>]*>.*?Arnsberg', html, re.S)
    assert link
    assert "region=" not in link.group(1).replace("&amp;", "&")
    assert "<span>Arnsberg</span>" in html and "ARNSBERG" not in html.split('class="chips"')[1].split("</ul>")[0]


def test_language_switch(app):
    assert '<html lang="en">' in app.test_client().get("/?lang=en").text
    assert "Find inter-municipal cooperations" in app.test_client().get("/?lang=en").text
    assert '<html lang="en">' in app.test_client().get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).text
    assert '<html lang="de">' in app.test_client().get("/", headers={"Accept-Language": "fr"}).text
    remembered = app.test_client()
    remembered.get("/?lang=en")
    assert '<html lang="en">' in remembered.get("/").text  # the choice is kept in a cookie


def test_profile_page(client):
    html = client.get("/profiles/s02_vergabestelle-lippstadt").text
    assert "Gemeinsame Vergabestelle Lippstadt und Erwitte" in html
    assert "68.890 Einwohner" in html and "113,7 km²" in html  # German number formats, from the gazetteer
    assert "Ähnliche Kooperationen" in html and "Weitere Kooperationen von Lippstadt" in re.sub(r"<[^>]+>", "", html)
    assert 'href="/?participant=Erwitte"' in html


def test_query_is_escaped(client):
    html = client.get('/?q=%3Cscript%3Ealert(1)%3C/script%3E%22%3E').text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_api_caching_headers(client):
    first = client.get("/api/v1/search?q=Abfall")
    assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    again = client.get("/api/v1/search?q=Abfall", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_suggest(client):
    data = client.get("/api/v1/suggest?q=abf").json
    assert {"text": "Abfall", "kind": "keyword"} in data["suggestions"]
    assert client.get("/api/v1/suggest?q=a").json["suggestions"] == []


def test_static_pages(client):
    for path, text in [("/accessibility", "Erklärung zur Barrierefreiheit"), ("/imprint", "Platzhalter"),
                       ("/privacy", "Platzhalter"), ("/easy-language", "Leichte Sprache"), ("/api", "JSON-API")]:
        response = client.get(path)
        assert response.status_code == 200 and text in response.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["region", "keyword", "lead", "page", "q"]), st.text(max_size=5)),
                max_size=6),
       st.sampled_from(["region", "keyword"]), st.text(min_size=1, max_size=5))
def test_toggling_a_facet_twice_is_identity_and_resets_page(pairs, name, value):
    args = MultiDict(pairs)
    once = toggle_args(args, name, value)
    assert "page" not in once
    twice = toggle_args(once, name, value)
    expected = list(dict.fromkeys(args.getlist(name)))
    assert list(dict.fromkeys(twice.getlist(name))) == expected or value in expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["q", "page", "per_page", "sort", "year_from", "year_to", "region",
                                           "lang", "unknown"]), st.text(max_size=12)), max_size=6))
def test_parameter_parsing_raises_only_invalid_request(pairs):
    try:
        parse_search_args(MultiDict(pairs))
    except InvalidRequest as error:
        assert error.parameter


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["region", "keyword", "page", "q"]), st.sampled_from(["a", "b", "ä&=", "1"])),
                max_size=6),
       st.sampled_from(["region", "keyword"]), st.sampled_from(["a", "b", "ä&="]))
def test_fast_toggle_urls_equal_toggle_args(pairs, name, value):
    from webui.present import _with_toggle_urls

    args = MultiDict(pairs)
    (bucket,) = _with_toggle_urls(args, name, [{"value": value}], "/")
    expected = MultiDict(toggle_args(args, name, value))
    got = MultiDict(parse_qsl(bucket["toggle_url"][2:], keep_blank_values=True))
    assert sorted(got.items(multi=True)) == sorted(expected.items(multi=True))


def test_every_ui_string_has_a_german_translation(tmp_path):
    """Extract all messages from code and templates; each must be translated in de."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    from tests.conftest import ROOT

    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "webui/babel.cfg", "-k", "_l",
                    "-k", "lazy_gettext", "-o", str(pot), "webui", "search/errors.py"],
                   cwd=ROOT, capture_output=True, check=True)
    with open(pot, "rb") as handle:
        template = read_po(handle)
    with open(ROOT / "webui" / "translations" / "de" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        german = read_po(handle)
    missing = [m.id for m in template if m.id and not (german.get(m.id) and german.get(m.id).string)]
    assert missing == []


def test_security_headers(client):
    page = client.get("/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff" and page.headers["Referrer-Policy"]
    api = client.get("/api/v1/search")
    assert api.headers["Access-Control-Allow-Origin"] == "*"
    assert "default-src 'none'" in api.headers["Content-Security-Policy"]


def test_profile_links_only_http_and_noopener(app):
    from webui.templating import safe_url

    assert safe_url("www.example.org/a") == "https://www.example.org/a"
    assert safe_url("https://example.org/x?y=1") == "https://example.org/x?y=1"
    for bad in ["javascript:alert(1)", "data:text/html,x", "Smart City Dortmund: 1. Sachstandsbericht",
                "https://example.org/\"onmouseover=\"x", "//example.org", "ftp://example.org"]:
        assert safe_url(bad) is None, bad


@pytest.mark.parametrize(
    ("lang", "value", "digits"), [("de", 588250, 0), ("de", 280.71, 1), ("de", 1328.63, 1), ("en", 1328.63, 1),
                                  ("en", 593317, 0), ("de", 0, 0), ("de", 7, 2)])
def test_number_format_matches_babel(app, lang, value, digits):
    from babel.numbers import format_decimal
    from flask import g

    from webui.i18n import number

    with app.test_request_context():
        g.ikz_lang = lang
        expected = format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale=lang)
        assert number(value, digits) == expected


def test_the_first_search_of_a_fresh_process_succeeds(index_dir):
    """A new worker loads word lists and the index before serving, so its first search
    does not run into the search time limit."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("from webui import create_app; "
            f"app = create_app({{'INDEX': {str(index_dir)!r}, 'TESTING': True, 'SECRET_KEY': 'x'}}); "
            "r = app.test_client().get('/api/v1/search?q=Abfallwirtschaftsverband'); print(r.status_code)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "200", done.stdout + done.stderr


def test_facet_values_beyond_the_first_twelve_are_behind_show_more(bundled_index, tmp_path):
    from webui import create_app

    app = create_app({"INDEX": str(bundled_index), "TESTING": True, "SECRET_KEY": "x"})
    html = app.test_client().get("/").get_data(as_text=True)
    assert "weitere anzeigen" in html
    # reachable without JavaScript, though not in the top 12
    assert 'href="/?district=Kreis+Olpe#facet-district"' in html


def test_a_page_past_the_end_links_to_the_last_page(client):
    html = client.get("/?q=Abfall&per_page=1&page=50").text
    assert "Keine Kooperation gefunden" not in html
    link = re.search(r'Seite 50 gibt es nicht – <a href="([^"]+)">zur letzten Seite</a>', html)
    assert link and "page=2" in link.group(1) and "q=Abfall" in link.group(1)
    last = client.get(link.group(1).replace("&amp;", "&")).text
    assert len(re.findall(r'data-profile-id="', last)) == 1
    data = client.get("/api/v1/search?q=Abfall&per_page=1&page=50").json
    assert data["hits"] == [] and data["total"] == 2  # the API answers an empty page with the total


def test_suggestions_for_several_words_match_each_word(client):
    """Every typed word, the last one still being typed, begins a word of the suggestion."""
    texts = [s["text"] for s in client.get("/api/v1/suggest", query_string={"q": "Feuerwehr Kle"}).json["suggestions"]]
    assert texts == ["Feuerwehrausbildung im Kreis Kleve"]
    texts = [s["text"] for s in client.get("/api/v1/suggest", query_string={"q": "kreis sO"}).json["suggestions"]]
    assert texts[0] == "Kreis Soest" and "Abfallzweckverband Kreis Soest" in texts
    assert client.get("/api/v1/suggest", query_string={"q": "Soest Quxb"}).json["suggestions"] == []


def test_histogram_has_a_continuous_year_axis(client):
    """Each bar stands at its year's place between the first and the last year; years
    without cooperations are gaps, not left out."""
    html = client.get("/").text
    years = {int(y["value"]): y["count"] for y in client.get("/api/v1/search").json["facets"]["year"]}
    first, last = min(years), max(years)
    assert last - first + 1 > len(years)  # the fixture has gaps
    width = re.search(r'<svg class="histogram" viewBox="0 0 (\d+) 40"', html).group(1)
    assert int(width) == (last - first + 1) * 4
    bars = re.findall(r'<rect x="(\d+)"[^>]*><title>(\d{4}): (\d+)</title>', html)
    assert {int(year): int(count) for _, year, count in bars} == years
    assert all(int(x) == (int(year) - first) * 4 for x, year, _ in bars)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_focus_outline_contrasts_with_every_background():
    """WCAG 1.4.11: the focus indicator needs 3:1 against the white page and the soft
    header/footer background."""
    from tests.conftest import ROOT

    css = (ROOT / "webui" / "static" / "style.css").read_text()
    def colour(value: str) -> str:  # a hex colour or var(--name) of one
        name = re.fullmatch(r"var\((--[\w-]+)\)", value)
        return re.search(rf"{name.group(1)}:\s*(#[0-9a-fA-F]{{6}})", css).group(1) if name else value

    outline = colour(re.search(r":focus-visible\s*\{[^}]*outline:\s*\S+\s+\S+\s+([^;\s]+)", css).group(1))
    backgrounds = ["#ffffff", colour("var(--bg-soft)")]
    assert [round(_contrast(outline, b), 2) for b in backgrounds if _contrast(outline, b) < 3] == []


def test_back_to_the_search_returns_to_the_same_search(client):
    html = client.get("/?q=Abfall&region=Arnsberg&page=1").text
    link = re.search(r'<h3><a href="(/profiles/s01_abfallverband-soest[^"]*)"', html).group(1).replace("&amp;", "&")
    profile = client.get(link).text
    back = re.search(r'<p class="back"><a href="([^"]+)"', profile).group(1).replace("&amp;", "&")
    assert back == "/?q=Abfall&region=Arnsberg&page=1"
    similar = re.search(r'<li data-profile-id="[^"]+"><a href="([^"]+)"', profile).group(1).replace("&amp;", "&")
    assert "back=" in similar  # still the same search from a similar cooperation


@pytest.mark.parametrize("back", ["https://example.org/", "//example.org", "page=0", "colour=blau", "q=%00"])
def test_back_takes_only_a_valid_search(client, back):
    from urllib.parse import quote

    profile = client.get(f"/profiles/s01_abfallverband-soest?back={quote(back)}").text
    assert '<p class="back"><a href="/">' in profile


def test_easy_language_page_does_not_depend_on_where_the_filters_are(client):
    html = client.get("/easy-language").text
    assert "Filter" in html and "Links können Sie" not in html


def test_accessibility_statement_has_a_status_and_a_date(index_dir):
    from webui import create_app

    html = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t"}).test_client().get(
        "/accessibility").text
    assert "teilweise mit den Anforderungen der BITV 2.0 vereinbar" in html
    assert "Stand dieser Erklärung" in html and "vom Betreiber" in html  # a placeholder until configured
    dated = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t",
                        "ACCESSIBILITY_STATEMENT_DATE": "2026-11-27"}).test_client()
    assert "Stand dieser Erklärung: 27.11.2026" in dated.get("/accessibility").text
    assert "Date of this statement: Nov 27, 2026" in dated.get("/accessibility?lang=en").text


def test_api_page_links_to_the_openapi_document(client):
    assert 'href="/api/v1/openapi.json"' in client.get("/api").text


def test_result_links_are_those_of_url_for(app):
    from flask import url_for

    html = app.test_client().get("/?q=Abfall").text
    links = re.findall(r'<h3><a href="([^"?]+)', html)
    with app.test_request_context("/"):
        assert links == [url_for("pages.profile_page", profile_id=i)
                         for i in re.findall(r'data-profile-id="([^"]+)"', html)]
