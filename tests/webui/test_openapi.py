"""The OpenAPI document agrees with the code and with real responses."""

from __future__ import annotations

import jsonschema
import pytest

from webui import create_app
from webui.params import KNOWN

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
]


@pytest.fixture(scope="module")
def document(app):
    return app.test_client().get("/api/v1/openapi.json").json


def test_document_is_openapi_31(document):
    assert document["openapi"] == "3.1.0" and set(document["paths"]) == {
        "/search", "/profiles/{id}", "/profiles/{id}/similar", "/suggest"}


def test_search_parameters_are_exactly_those_the_code_accepts(document):
    names = {p["name"] for p in document["paths"]["/search"]["get"]["parameters"]}
    assert names == set(KNOWN)


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
