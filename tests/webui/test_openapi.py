"""The OpenAPI document agrees with the code and with real responses."""

from __future__ import annotations

import re

import jsonschema
import pytest

from webui import create_app
from webui.api import RateLimiter
from webui.params import API_PARAMETERS, KNOWN

URLS = [
    ("/api/v1/search", "/search", 200),
    ("/api/v1/search?q=Abfall&region=Arnsberg&region=Detmold&sort=newest&per_page=3", "/search", 200),
    ("/api/v1/search?q=Feuerwher&year_from=2000&year_to=2020&legal_form=GmbH", "/search", 200),
    ("/api/v1/search?page=0", "/search", 400),
    ("/api/v1/profiles/s01_abfallverband-soest", "/profiles/{id}", 200),
    ("/api/v1/profiles/nope", "/profiles/{id}", 404),
    ("/api/v1/profiles/s01_abfallverband-soest/similar?limit=3", "/profiles/{id}/similar", 200),
    ("/api/v1/profiles/s01_abfallverband-soest/similar?limit=x", "/profiles/{id}/similar", 400),
    ("/api/v1/suggest?q=Lipp", "/suggest", 200),
    ("/api/v1/facets/district?q=Abfall&prefix=soe", "/facets/{name}", 200),
    ("/api/v1/facets/colour", "/facets/{name}", 400),
    ("/api/v1/search?q=Abfall&sort=newest&all=1", "/search", 200),
]


@pytest.fixture(scope="module")
def document(app):
    return app.test_client().get("/api/v1/openapi.json").json


def test_document_is_openapi_31_and_describes_every_route(app, document):
    assert document["openapi"] == "3.1.0"
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", "{\\1}", rule.rule).removeprefix("/api/v1").replace("{profile_id}", "{id}")
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert set(document["paths"]) == routes


def test_parameters_are_exactly_those_the_code_accepts(app, document):
    """Per operation: the documented query parameters are those its endpoint accepts."""
    assert {p["name"] for p in document["paths"]["/search"]["get"]["parameters"]} == set(KNOWN)
    for path, item in document["paths"].items():
        endpoint = "api." + item["get"]["operationId"]
        documented = {p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"}
        assert documented == set(API_PARAMETERS[endpoint]), path
        assert "lang" in documented


@pytest.mark.parametrize("url", ["/api/v1/search?q=Abfall&lang=en", "/api/v1/profiles/s01_abfallverband-soest?lang=de",
                                 "/api/v1/profiles/s01_abfallverband-soest/similar?limit=2&lang=en",
                                 "/api/v1/suggest?q=abf&lang=en", "/api/v1/openapi.json?lang=de"])
def test_every_endpoint_accepts_lang(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/v1/profiles/s01_abfallverband-soest?foo=1", "foo"),
    ("/api/v1/profiles/s01_abfallverband-soest/similar?limit=2&foo=1", "foo"),
    ("/api/v1/suggest?q=abf&foo=1", "foo"),
    ("/api/v1/openapi.json?foo=1", "foo"),
    ("/api/v1/search?lang=fr", "lang"),
    ("/api/v1/suggest?q=abf&lang=fr", "lang"),
    ("/api/v1/profiles/s01_abfallverband-soest?lang=de&lang=en", "lang"),
])
def test_unknown_parameters_and_languages_are_refused_everywhere(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400 and response.json["error"]["parameter"] == parameter
    assert repr(parameter) in response.json["error"]["message"]


@pytest.mark.parametrize(("url", "path", "status"), URLS)
def test_responses_validate_against_the_document(client, document, url, path, status):
    response = client.get(url)
    assert response.status_code == status
    schema = document["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]
    resolver_doc = {"components": document["components"], **schema}
    jsonschema.validate(response.json, resolver_doc, cls=jsonschema.Draft202012Validator)


def test_rate_limit_answers_429_with_retry_after(index_dir):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "RATE_LIMIT": 3})
    client = app.test_client()
    assert [client.get("/api/v1/suggest?q=ab").status_code for _ in range(3)] == [200, 200, 200]
    blocked = client.get("/api/v1/search")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
    assert blocked.json["error"]["code"] == "rate_limited"
    assert client.get("/").status_code == 200  # pages are not rate limited


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_refills_continuously_without_a_window_boundary(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr("webui.api.time.monotonic", clock)
    limiter = RateLimiter()
    assert [limiter.hit("a", 60) for _ in range(60)] == [0] * 60
    assert limiter.hit("a", 60) == 1  # one token a second at 60 a minute
    assert limiter.hit("b", 60) == 0  # clients have separate buckets
    clock.now += 0.5
    assert limiter.hit("a", 60) == 1  # refused requests take no token
    clock.now += 0.5
    assert limiter.hit("a", 60) == 0
    assert limiter.hit("a", 60) == 1
    clock.now += 3600
    assert [limiter.hit("a", 60) for _ in range(60)] == [0] * 60  # never more than the limit saved up
    assert limiter.hit("a", 60) >= 1


def test_rate_limiter_forgets_refilled_clients(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr("webui.api.time.monotonic", clock)
    monkeypatch.setattr(RateLimiter, "MAX_CLIENTS", 3)
    limiter = RateLimiter()
    for key in "abcd":
        limiter.hit(key, 10)
    clock.now += 60
    limiter.hit("e", 10)
    assert set(limiter._buckets) == {"e"}
