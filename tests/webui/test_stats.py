"""Search statistics in the app: which searches count, the staff page with its chart and
CSV, the privacy page, and a failing store that never fails a search."""

from __future__ import annotations

import csv
import io
import re
import sqlite3

import pytest

from tests.webui.test_staff import sign_in
from webui import create_app
from webui.accounts import add_account

PRIVATE = "s07_geheim-soest"


@pytest.fixture()
def stats_app(index_dir, tmp_path):
    accounts = tmp_path / "staff.json"
    add_account(accounts, "amt.soest", "richtig-geheim-123")
    return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STAFF_FILE": str(accounts),
                       "STATS_FILE": str(tmp_path / "stats.sqlite3"), "STATS_FLUSH_SECONDS": 3600})


def _report(app):
    return app.extensions["ikz_stats"].report()


def test_public_searches_are_counted_once_each(stats_app):
    client = stats_app.test_client()
    for url in ["/?q=Abfall", "/?q=abfall&region=Arnsberg", "/api/v1/search?q=ABFALL&year_from=1990",
                "/?q=Abfall&page=2",           # paging: not another search
                "/", "/api/v1/search",          # the start page, no search
                "/?q=Quxbarvertrag", "/?q=Quxbarvertrag", "/api/v1/search?q=Quxbarvertrag",
                "/?page=0"]:                    # refused: no search happened
        client.get(url)
    report = _report(stats_app)
    assert report.searches == 6
    assert [(q.query, q.searches, q.zero) for q in report.top] == [("abfall", 3, 0), ("quxbarvertrag", 3, 3)]
    assert dict(report.facets) == {"region": 1, "year": 1}


def test_staff_searches_are_not_counted(stats_app):
    client = stats_app.test_client()
    sign_in(client)
    for _ in range(3):
        assert PRIVATE in client.get("/api/v1/search?q=Quxbarvertrag").text
        client.get("/?q=Quxbarvertrag")
    assert _report(stats_app).searches == 0


def test_the_statistics_page_is_for_staff_and_shows_only_frequent_queries(stats_app):
    client = stats_app.test_client()
    assert client.get("/stats").status_code == 302 and client.get("/stats.csv").status_code == 302
    for _ in range(3):
        client.get("/?q=Abfall&keyword=Abfall")
        client.get("/?q=Quxbarvertrag")
    client.get("/?q=Einmalig")
    sign_in(client)
    html = client.get("/stats?lang=en").text
    assert "Search statistics" in html and "Einmalig" not in html.lower() and "einmalig" not in html
    assert re.search(r'<th scope="row"[^>]*>abfall</th><td>3</td><td>0</td>', html)
    # a word only a private profile holds is, for the public, a search without results
    assert re.search(r'<th scope="row"[^>]*>quxbarvertrag</th><td>3</td><td>3</td>', html)
    assert PRIVATE not in html
    svg = re.search(r"<svg class=\"stats-chart\" role=\"img\" aria-label=\"([^\"]+)\"", html)
    assert svg and "7 in total" in svg.group(1)
    assert html.count("<title>") >= 1 and "<table" in html
    german = client.get("/stats?lang=de").text
    assert "Suchstatistik" in german and "insgesamt" in german
    response = client.get("/stats.csv")
    assert response.mimetype == "text/csv" and response.headers["Cache-Control"] in ("no-store", "private, no-store")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["kind", "key", "searches", "zero_results"]
    assert ["query", "abfall", "3", "0"] in rows and ["zero_result_query", "quxbarvertrag", "3", "3"] in rows
    assert ["facet", "keyword", "3", ""] in rows
    assert not any("einmalig" in cell for row in rows for cell in row)


def test_a_corrupt_store_never_fails_a_search(stats_app, tmp_path):
    (tmp_path / "stats.sqlite3").write_bytes(b"\x00garbage" * 500)
    client = stats_app.test_client()
    for _ in range(3):
        assert client.get("/?q=Abfall").status_code == 200
        assert client.get("/api/v1/search?q=Abfall").status_code == 200
    assert stats_app.extensions["ikz_stats"].flush() is False
    sign_in(client)
    page = client.get("/stats?lang=en")
    assert page.status_code == 200 and "cannot be read right now" in page.text


def test_a_locked_store_never_fails_a_search(index_dir, tmp_path):
    path = tmp_path / "stats.sqlite3"
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STATS_FILE": str(path),
                      "STATS_FLUSH_SECONDS": 3600})
    app.extensions["ikz_stats"].store.timeout = 0.05
    client = app.test_client()
    client.get("/?q=Abfall")
    assert app.extensions["ikz_stats"].flush()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert client.get("/?q=Abfall").status_code == 200
        assert app.extensions["ikz_stats"].flush() is False
    finally:
        holder.close()


def test_statistics_can_be_switched_off(index_dir, tmp_path):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t", "STATS": "off",
                      "STATS_FILE": str(tmp_path / "stats.sqlite3")})
    client = app.test_client()
    assert app.extensions["ikz_stats"] is None
    assert client.get("/?q=Abfall").status_code == 200
    assert not (tmp_path / "stats.sqlite3").exists()
    assert "does not count searches" in client.get("/privacy?lang=en").text


def test_the_default_file_lies_beside_the_index(index_dir):
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t"})
    assert app.extensions["ikz_stats"].store.path == index_dir.resolve().parent / "stats.sqlite3"


@pytest.mark.parametrize(("lang", "texts"), [
    ("en", ["no IP address, no cookie", "90 days", "at least 3 times", "house number"]),
    ("de", ["keine IP-Adresse, kein Cookie", "90 Tage", "mindestens 3-mal", "Hausnummer"]),
])
def test_the_privacy_page_says_what_is_counted(client, lang, texts):
    text = client.get(f"/privacy?lang={lang}").text
    assert all(t in text for t in texts), text


def test_postgresql_deployments_count_in_the_database(pg_url, pg_search_index):
    app = create_app({"BACKEND": "postgres", "DATABASE_URL": pg_url, "INDEX": pg_search_index, "TESTING": True,
                      "SECRET_KEY": "t", "STATS_FLUSH_SECONDS": 3600})
    client = app.test_client()
    for _ in range(3):
        assert client.get("/api/v1/search?q=Vergabestelle").status_code == 200
    report = _report(app)
    assert ("vergabestelle", 3, 0) in [(q.query, q.searches, q.zero) for q in report.top]
