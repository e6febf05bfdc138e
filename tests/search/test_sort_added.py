"""``sort=added``: newest first by the date a profile entered the index (``index.history``),
profiles without a date last; the API gives each hit its ``added`` and ``updated``."""

from __future__ import annotations

import pytest

from index.build import build_index
from index.history import read_history, write_history
from search.model import SearchRequest
from search.service import ProfileSearch


@pytest.fixture()
def dated(tmp_path, search_profiles):
    generation = build_index(search_profiles, tmp_path).generation
    table = read_history(generation)
    public = sorted(p.id for p in search_profiles if not p.private)
    # the first two public profiles entered last (in reverse order), one has no date at all
    stamps = {public[0]: "2026-12-01T10:00:00Z", public[1]: "2026-12-02T10:00:00Z"}
    for profile_id, entry in table.items():
        entry["added"] = stamps.get(profile_id, "2020-01-01T00:00:00Z")
    del table[public[2]]
    write_history(generation, table)
    return tmp_path, public


def test_sort_added_puts_the_newest_entries_first_and_undated_last(dated):
    path, public = dated
    service = ProfileSearch(path)
    try:
        hits = [h.id for h in service.search(SearchRequest.create("", sort="added", per_page=100)).hits]
        by_year = [h.id for h in service.search(SearchRequest.create("", sort="newest", per_page=100)).hits]
    finally:
        service.close()
    assert hits[:2] == [public[1], public[0]]
    assert hits[-1] == public[2]
    # the rest (one date for all) in the order of the year sort
    assert hits[2:-1] == [i for i in by_year if i not in public[:3]]


def test_api_hits_carry_their_dates(dated):
    from webui import create_app

    path, public = dated
    client = create_app({"INDEX": str(path), "TESTING": True, "SECRET_KEY": "x"}).test_client()
    hits = client.get("/api/v1/search?sort=added&per_page=100").get_json()["hits"]
    assert (hits[0]["id"], hits[0]["added"]) == (public[1], "2026-12-02T10:00:00Z")
    assert hits[0]["updated"] and hits[-1]["added"] is None


def test_both_engines_accept_sort_added(service):
    result = service.search(SearchRequest.create("", sort="added", per_page=100))
    assert result.total == len(result.hits) > 0
