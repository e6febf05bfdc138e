"""Error messages: English in the API by default, German with lang=de; the error page in
the page's language, naming the field as people know it."""

from __future__ import annotations

import re

import pytest

ERRORS_DE = [
    ("/api/v1/search?page=0", "page"), ("/api/v1/search?per_page=101", "per_page"),
    ("/api/v1/search?sort=best", "sort"), ("/api/v1/search?year_from=zwanzig", "year_from"),
    ("/api/v1/search?year_from=99", "year_from"), ("/api/v1/search?year_from=2010&year_to=2000", "year_from"),
    ("/api/v1/search?colour=blau", "colour"), ("/api/v1/search?q=a&q=b", "q"), ("/api/v1/search?q=%01", "q"),
    ("/api/v1/search?q=" + "x" * 700, "q"), ("/api/v1/search?q=a&year_from=2020&year_to=2010", "year_from"),
    ("/api/v1/search?region=" + "x" * 300, "region"), ("/api/v1/search?q=%FF", "q"),
    ("/api/v1/profiles/nope", "id"), ("/api/v1/profiles/nope/similar", "id"),
    ("/api/v1/profiles/s01_abfallverband-soest/similar?limit=0", "limit"), ("/api/v1/suggest?q=" + "x" * 101, "q"),
]


@pytest.mark.parametrize(("url", "parameter"), ERRORS_DE)
def test_api_messages_are_english_by_default_and_german_with_lang_de(client, url, parameter):
    english = client.get(url).json["error"]
    german = client.get(url + "&lang=de" if "?" in url else url + "?lang=de").json["error"]
    assert english["parameter"] == german["parameter"] == parameter
    assert german["message"] != english["message"], english["message"]
    assert not re.search(r"\b(must|unknown|parameter|longer|than|given|no profile)\b", german["message"]), german


def test_every_error_message_of_the_code_is_translated():
    """Each message raised as InvalidRequest, NotFound or SearchTimeout anywhere in the code,
    with sample values, is recognised by the translation table (not the generic fallback)."""
    import ast

    from tests.conftest import ROOT
    from webui.messages import translate_message

    def sample(node: ast.AST) -> str:
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.JoinedStr):
            return "".join(sample(part) for part in node.values)
        if isinstance(node, ast.FormattedValue):
            return "'x'" if node.conversion == ord("r") else "1"
        raise AssertionError(ast.dump(node))

    found = []
    for path in [*ROOT.glob("search/**/*.py"), *ROOT.glob("webui/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args
                    and node.func.id in ("InvalidRequest", "NotFound", "SearchTimeout")):
                found.append((path.name, sample(node.args[0])))
    assert len(found) > 20
    assert [(name, message) for name, message in found if translate_message(message) is None] == []


@pytest.mark.parametrize(("url", "field"), [("/?page=0", "„Seite (page)“"), ("/?year_from=20", "„seit (ab) (year_from)“"),
                                            ("/?page=0&lang=en", "“Page (page)”")])
def test_the_error_page_names_the_field_as_people_know_it(app, url, field):
    html = app.test_client().get(url).text
    assert field in html
    assert ("muss zwischen 1 und 1000 liegen" in html or "vierstellige" in html) if "lang=en" not in url else (
        "must be between 1 and 1000" in html)
