"""Errors: every code has an English and a German text and is raised somewhere; every error
path answers in one shape (the API's JSON error, the page), English in the API by default,
German with lang=de, and the error page names the field as people know it."""

from __future__ import annotations

import ast
import re

import pytest
from babel.messages.pofile import read_po
from flask import Blueprint

from search.errors import MESSAGES, IndexUnavailable, SearchTimeout
from tests.conftest import ROOT
from webui.errors import CODES
from webui.page_params import RECOVERABLE

ERROR_CLASSES = ("SearchError", "InvalidRequest", "NotFound", "IndexUnavailable", "SearchTimeout")
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _raise_sites() -> list[tuple[str, int, ast.Call]]:
    """Every construction of an error class and every ``error_response(..., code="…")`` in
    the code (search, webui, cli); the error handler passing an error's code on is neither."""
    sites = []
    for path in sorted([*ROOT.glob("search/**/*.py"), *ROOT.glob("webui/**/*.py"), *ROOT.glob("cli/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id in ERROR_CLASSES or (node.func.id == "error_response" and any(
                    k.arg == "code" and isinstance(k.value, ast.Constant) for k in node.keywords)):
                sites.append((str(path.relative_to(ROOT)), node.lineno, node))
    return sites


def _site_code_and_names(call: ast.Call) -> tuple[object, set[str]]:
    """The code a site raises (None when it is not a literal) and the names it gives values for."""
    if call.func.id == "error_response":  # error_response(status, code="…", values={"limit": …})
        keywords = {k.arg: k.value for k in call.keywords}
        values = keywords.get("values")
        names = {k.value for k in values.keys} if isinstance(values, ast.Dict) else set()
        code = keywords["code"]
    else:
        code = call.args[0] if call.args else None
        names = {k.arg for k in call.keywords if k.arg}
    return (code.value if isinstance(code, ast.Constant) else None), names


def _german() -> dict[str, str]:
    with open(ROOT / "webui" / "translations" / "de" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}


def test_every_raised_code_has_a_text_and_every_text_is_raised():
    sites = _raise_sites()
    raised = {}
    for path, line, call in sites:
        code, names = _site_code_and_names(call)
        assert isinstance(code, str), f"{path}:{line}: an error's code must be a literal"
        assert code in MESSAGES, f"{path}:{line}: code {code!r} has no message in search.errors.MESSAGES"
        needed = set(PLACEHOLDER.findall(MESSAGES[code])) - {"parameter"}
        assert needed <= names, f"{path}:{line}: {code!r} needs values for {sorted(needed - names)}"
        raised.setdefault(code, []).append(f"{path}:{line}")
    assert len(sites) > 25  # the walk finds the raise sites at all
    assert sorted(set(MESSAGES) - set(raised)) == [], "dead entries: codes no code raises"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_a_german_text_with_only_its_values(code):
    english = MESSAGES[code]
    german = _german().get(english)
    assert german and german != english, f"no German text for {code!r}: run tools/translations_de.py"
    assert set(PLACEHOLDER.findall(german)) <= set(PLACEHOLDER.findall(english))


def test_an_error_with_an_unknown_code_is_refused_at_once():
    with pytest.raises(ValueError, match="unknown error code 'page must be between 1 and 1000'"):
        SearchTimeout("page must be between 1 and 1000")


# (url, status, parameter, the API's English message); each HTML twin answers alike
API_ERRORS = [
    ("/api/v1/search?page=0", 400, "page", "page must be between 1 and 1000"),
    ("/api/v1/search?per_page=101", 400, "per_page", "per_page must be between 1 and 100"),
    ("/api/v1/search?sort=best", 400, "sort",
     "unknown sort 'best'; use one of relevance, newest, oldest, title, added, near"),
    ("/api/v1/search?year_from=zwanzig", 400, "year_from", "parameter 'year_from' must be a whole number"),
    ("/api/v1/search?year_from=99", 400, "year_from", "year_from must be a four-digit year"),
    ("/api/v1/search?year_from=2010&year_to=2000", 400, "year_from", "year_from is after year_to"),
    ("/api/v1/search?q=a&year_from=2020&year_to=2010", 400, "year_from", "year_from is after year_to"),
    ("/api/v1/search?colour=blau", 400, "colour", "unknown parameter 'colour'"),
    ("/api/v1/search?q=a&q=b", 400, "q", "parameter 'q' given more than once"),
    ("/api/v1/search?q=%01", 400, "q", "parameter 'q' contains control characters"),
    ("/api/v1/search?q=" + "x" * 700, 400, "q", "parameter 'q' is longer than 600 characters"),
    ("/api/v1/search?q=" + "x" * 550, 400, "q", "query longer than 500 characters"),
    ("/api/v1/search?region=" + "x" * 300, 400, "region", "parameter 'region' is longer than 200 characters"),
    ("/api/v1/search?" + "&".join(["region=x"] * 51), 400, "region", "parameter 'region' given more than 50 times"),
    ("/api/v1/search?q=%FF", 400, "q", "parameter 'q' is not valid UTF-8"),
    ("/api/v1/search?%FF=1", 400, "?", "a parameter name is not valid UTF-8"),
    ("/api/v1/search?lang=fr", 400, "lang", "parameter 'lang' must be 'de' or 'en'"),
    ("/api/v1/search?near=1234", 400, "near",
     "near must be an 8-digit municipality key or a 5-digit Kreis key, not '1234'"),
    ("/api/v1/search?near=99999999", 400, "near", "near: no municipality or Kreis '99999999' is known"),
    ("/api/v1/search?near=Gibtsnichtstadt", 400, "near", "near: no municipality or Kreis 'Gibtsnichtstadt' is known"),
    ("/api/v1/search?q=Abfall&sort=near", 400, "sort", "sort=near needs the parameter near"),
    ("/api/v1/profiles/nope", 404, "id", "no profile 'nope'"),
    ("/api/v1/profiles/nope/similar", 404, "id", "no profile 'nope'"),
    ("/api/v1/profiles/s01_abfallverband-soest/similar?limit=0", 400, "limit",
     "limit must be a whole number from 1 to 50"),
    ("/api/v1/suggest?q=" + "x" * 101, 400, "q", "parameter 'q' is longer than 100 characters"),
    ("/api/v1/facets/colour", 400, None, "unknown facet 'colour'; use one of area, region, state, district, "
                                         "keyword, lead, participant, legal_form"),
    ("/api/v1/facets/district?prefix=" + "x" * 101, 400, "prefix", "parameter 'prefix' is longer than 100 characters"),
    ("/api/v1/search?sort=newest&all=2", 400, "all", "all must be a whole number from 0 to 1"),
    ("/api/v1/nowhere", 404, None, None),
]
# the pages that share the API's parsing, and their API twins
PAGE_TWINS = {"/api/v1/search?": "/?", "/api/v1/profiles/nope": "/profiles/nope"}
ENGLISH_WORDS = re.compile(r"\b(must|unknown|parameter|longer|than|given|no profile|after|between)\b")


def assert_error_shape(response, status: int, parameter: str | None) -> dict:
    """The one shape of an API error; its ``error`` object."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert set(response.json) == {"error"}
    error = response.json["error"]
    assert error["code"] == CODES[status]
    assert isinstance(error["message"], str) and error["message"]
    assert set(error) == ({"code", "message", "parameter"} if parameter else {"code", "message"})
    assert error.get("parameter") == parameter
    return error


def assert_error_page(response, status: int) -> str:
    """The one shape of the error page: the status, a heading, the way back to the search."""
    assert response.status_code == status and response.mimetype == "text/html"
    html = response.text
    assert re.search(r"<h1>[^<]+</h1>", html) and f": {status}</p>" in html and 'href="/"' in html
    return html


@pytest.mark.parametrize(("url", "status", "parameter", "english"), API_ERRORS)
def test_every_api_error_has_one_shape_english_by_default_and_german_with_lang_de(
        client, url, status, parameter, english):
    error = assert_error_shape(client.get(url), status, parameter)
    if english is not None:
        assert error["message"] == english
    if "lang=" not in url:  # (a second lang would be an error of its own)
        german = assert_error_shape(client.get(url + ("&" if "?" in url else "?") + "lang=de"), status, parameter)
        assert german["message"] != error["message"]
        assert not ENGLISH_WORDS.search(german["message"]), german


@pytest.mark.parametrize(("url", "status", "parameter", "english"),
                         # (pages take an unknown lang as their default language: it is cosmetic; the
                         # search page leaves out an invalid year, sort or page: test_page_params)
                         [e for e in API_ERRORS if any(e[0].startswith(p) for p in PAGE_TWINS) and "lang" not in e[0]
                          and not (e[0].startswith("/api/v1/search?") and e[2] in RECOVERABLE)])
def test_every_page_error_has_one_shape_in_the_page_language(client, url, status, parameter, english):
    for api, page in PAGE_TWINS.items():
        if url.startswith(api):
            url = page + url[len(api):]
    html = assert_error_page(client.get(url), status)
    if status == 400:
        detail = re.search(r"<p>Details: ([^<]+)</p>", html)
        assert detail and not ENGLISH_WORDS.search(detail.group(1)), html
    if parameter not in (None, "?", "colour", "id"):
        assert f"({parameter})“" in html


def test_method_not_allowed_has_the_shape(client):
    assert_error_shape(client.post("/api/v1/search"), 405, None)


def test_rate_limited_has_the_shape(make_app):
    client = make_app(RATE_LIMIT=1).test_client()
    assert client.get("/api/v1/suggest?q=ab").status_code == 200
    error = assert_error_shape(client.get("/api/v1/suggest?q=ab"), 429, None)
    assert error["message"] == "more than 1 requests a minute"
    german = assert_error_shape(client.get("/api/v1/suggest?q=ab&lang=de"), 429, None)
    assert german["message"] == "mehr als 1 Anfragen pro Minute"


def test_a_missing_index_has_the_shape(make_app, tmp_path):
    client = make_app(INDEX=str(tmp_path / "none")).test_client()
    error = assert_error_shape(client.get("/api/v1/search?q=Abfall"), 503, None)
    assert error["message"].startswith("the index is not available: no index at ")
    german = assert_error_shape(client.get("/api/v1/search?q=Abfall&lang=de"), 503, None)
    assert german["message"] == "der Suchindex ist gerade nicht verfügbar"
    assert_error_page(client.get("/?q=Abfall"), 503)


# errors that need a failing database or a slow search: raised by a route of their own, so
# that what they become is checked here (the services' tests check that they are raised)
RAISED = [
    (SearchTimeout("timeout", parameter="q", seconds=1.0), 503, "q", "search took longer than 1 s",
     "die Suche dauerte länger als 1 s"),
    (IndexUnavailable("database_unavailable", detail="connection refused"), 503, None,
     "database unavailable: connection refused", "die Datenbank ist gerade nicht erreichbar"),
    (IndexUnavailable("index_changed"), 503, None, "the index changed during the request; try again",
     "der Index hat sich während der Anfrage geändert; bitte erneut versuchen"),
    (RuntimeError("a bug"), 500, None, "internal error", "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es "
                                                         "später noch einmal."),
]


@pytest.fixture()
def raising_client(make_app):
    """A fresh app with a route that raises the exception named by its position in RAISED."""
    app = make_app()
    test_routes = Blueprint("raising", __name__)

    @test_routes.get("/api/v1/raise/<int:number>")
    @test_routes.get("/raise/<int:number>")
    def raising(number: int):
        raise RAISED[number][0]

    app.register_blueprint(test_routes)
    return app.test_client()


@pytest.mark.parametrize("number", range(len(RAISED)))
def test_errors_of_the_services_and_unexpected_ones_have_the_shape(raising_client, caplog, number):
    _, status, parameter, english, german = RAISED[number]
    assert assert_error_shape(raising_client.get(f"/api/v1/raise/{number}"), status, parameter)["message"] == english
    assert assert_error_shape(raising_client.get(f"/api/v1/raise/{number}?lang=de"), status,
                              parameter)["message"] == german
    assert_error_page(raising_client.get(f"/raise/{number}"), status)
    if status == 500:
        assert "unexpected error on /raise/" in caplog.text and "RuntimeError: a bug" in caplog.text


@pytest.mark.parametrize(("url", "field", "detail"), [
    ("/embed?page=0", "„Seite (page)“", "muss zwischen 1 und 1000 liegen"),
    ("/feed.atom?year_from=20", "„seit (ab) (year_from)“", "vierstellige"),
    ("/embed?page=0&lang=en", "“Page (page)”", "must be between 1 and 1000"),
])
def test_the_error_page_names_the_field_as_people_know_it(client, url, field, detail):
    html = client.get(url).text
    assert field in html and detail in html
