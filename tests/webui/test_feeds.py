"""Atom feeds of new cooperations, the dates in the API and the sitemap's lastmod."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from index.build import build_index, current_generation
from index.history import read_history, write_history
from tests.webui.test_staff import sign_in, staff_app  # noqa: F401 - a fixture used below
from webui import create_app

PRIVATE = "s07_geheim-soest"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture(scope="module")
def dated_app(tmp_path_factory, search_profiles):
    """An index whose profiles entered it on known days: s01 first, s08 last."""
    index_dir = tmp_path_factory.mktemp("dated")
    build_index(search_profiles, index_dir)
    generation = current_generation(index_dir)
    table = read_history(generation)
    for number, profile_id in enumerate(sorted(table), start=1):
        table[profile_id] |= {"added": f"2026-0{number}-01T08:00:00Z", "updated": f"2026-0{number}-15T08:00:00Z"}
    write_history(generation, table)
    return create_app({"INDEX": str(index_dir), "TESTING": True, "SECRET_KEY": "t"})


def test_the_feed_is_valid_atom_newest_first(dated_app):
    response = dated_app.test_client().get("/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo and parsed.version == "atom10"
    assert parsed.feed.title == "IKZ-Suche: neue Kooperationen"
    ids = [entry.link.rsplit("/", 1)[1] for entry in parsed.entries]
    assert ids == ["s08_aerztenetz-mettmann", "s06_muellabfuhr-emsland", "s05_feuerwehrausbildung-kleve",
                   "s04_buergerbus-werther", "s03_personalabrechnung-bielefeld", "s02_vergabestelle-lippstadt",
                   "s01_abfallverband-soest"]  # s07 is private
    first = parsed.entries[0]
    assert first.published == "2026-08-01T08:00:00Z" and first.updated == "2026-08-15T08:00:00Z"
    assert first.summary and first.tags and first.link == "http://localhost/profiles/s08_aerztenetz-mettmann"


def test_the_feed_keeps_the_rules_of_rfc_4287(dated_app):
    root = ET.fromstring(dated_app.test_client().get("/feed.atom?district=Kreis%20Soest&lang=en").data)
    assert root.tag == f"{ATOM}feed"
    # atom:feed: exactly one id, title, updated; an author (no entry has one); a self link
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.fullmatch(root.findtext(f"{ATOM}updated"))
    self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href") == "http://localhost/feed.atom?district=Kreis+Soest"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == ["http://localhost/profiles/s02_vergabestelle-lippstadt",
                                                         "http://localhost/profiles/s01_abfallverband-soest"]
    for entry in entries:  # one id, title, updated each; an alternate link; dates RFC 3339
        for name in ("id", "title", "updated", "published"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert all(RFC3339.fullmatch(entry.findtext(f"{ATOM}{n}")) for n in ("updated", "published"))
        assert [link.get("rel") for link in entry.findall(f"{ATOM}link")] == ["alternate"]
    # the feed's updated is its newest entry's
    assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_feeds_are_public_also_for_signed_in_staff(staff_app):  # noqa: F811
    client = staff_app.test_client()
    sign_in(client)
    for url in ["/feed.atom", "/feed.atom?q=Quxbarvertrag", "/feed.atom?keyword=Quxbarvertrag"]:
        text = client.get(url).data.decode()
        assert PRIVATE not in text and "Quxbarverfahren" not in text and "Quxbar-Abfallprojekt" not in text, url


def test_a_feed_refuses_what_the_search_refuses(client):
    response = client.get("/feed.atom?year_from=2020&year_to=1990")
    assert response.status_code == 400


def test_search_pages_link_their_feed(client):
    html = client.get("/?q=Abfall&region=Arnsberg&page=1&lang=de").text
    assert ('<link rel="alternate" type="application/atom+xml" title="Neue Kooperationen als Feed" '
            'href="/feed.atom?q=Abfall&amp;region=Arnsberg">') in html
    assert ('<a href="/feed.atom?q=Abfall&amp;region=Arnsberg" type="application/atom+xml">'
            "Als Feed abonnieren</a>") in html
    assert "Subscribe as a feed" in client.get("/?lang=en").text


def test_a_feed_link_leaves_out_the_order_near_a_place(client):
    html = client.get("/?q=Abfall&near=05974&sort=near").text
    assert '<a href="/feed.atom?q=Abfall" type="application/atom+xml">' in html
    assert "/feed.atom?q=Abfall&amp;near" not in html


def test_the_api_gives_both_dates(dated_app):
    data = dated_app.test_client().get("/api/v1/profiles/s03_personalabrechnung-bielefeld").json
    assert (data["added"], data["updated"]) == ("2026-03-01T08:00:00Z", "2026-03-15T08:00:00Z")


def test_the_sitemap_gives_the_last_change(dated_app):
    text = dated_app.test_client().get("/sitemap.xml").text
    assert "<loc>http://localhost/profiles/s03_personalabrechnung-bielefeld</loc><lastmod>2026-03-15</lastmod>" in text


def test_both_engines_serve_the_same_feed(app, pg_app):
    def entries(application):
        parsed = feedparser.parse(application.test_client().get("/feed.atom?q=Abfall").data)
        assert not parsed.bozo
        return sorted(entry.id for entry in parsed.entries)

    assert entries(app) == entries(pg_app) and entries(app)


def test_feed_entries_carry_their_task_areas_as_categories(dated_app):
    client = dated_app.test_client()
    parsed = feedparser.parse(client.get("/feed.atom").data)
    hits = {h["id"]: h for h in client.get("/api/v1/search?per_page=100").get_json()["hits"]}
    seen = 0
    for entry in parsed.entries:
        areas = hits[entry.link.rsplit("/", 1)[1]]["areas"]
        tags = [tag for tag in entry.tags if tag.get("scheme") == "http://localhost/?area="]
        assert [tag.term for tag in tags] == areas
        assert all(tag.label.startswith(tag.term + " ") for tag in tags)  # "11 Ver- und Entsorgung"
        seen += len(tags)
    assert seen  # some entry has a task area


def test_the_feed_is_the_search_sorted_by_added(dated_app):
    client = dated_app.test_client()
    feed = [e.link.rsplit("/", 1)[1] for e in feedparser.parse(client.get("/feed.atom?q=Abfall").data).entries]
    hits = client.get("/api/v1/search?q=Abfall&sort=added").get_json()["hits"]
    assert feed == [h["id"] for h in hits] and feed
