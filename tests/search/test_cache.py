"""The result cache: one generation at a time, staff and public apart, bounded."""

from __future__ import annotations

import pytest

from search.cache import ResultCache
from search.model import SearchRequest
from search.service import ProfileSearch

PRIVATE = "s07_geheim-soest"


def test_lru_bounded_and_per_owner():
    cache = ResultCache(2)
    first, second = object(), object()
    cache.switch(first)
    cache.put(first, "a", 1)
    cache.put(first, "b", 2)
    assert cache.get(first, "a") == 1  # "a" is now the most recent
    cache.put(first, "c", 3)
    assert cache.get(first, "b") is None and cache.get(first, "c") == 3
    cache.switch(second)
    assert cache.get(second, "a") is None and cache.get(first, "a") is None
    cache.put(first, "late", 4)  # computed on the replaced generation: not stored
    assert cache.get(second, "late") is None


def test_size_zero_is_off():
    cache = ResultCache(0)
    owner = object()
    cache.switch(owner)
    cache.put(owner, "a", 1)
    assert cache.get(owner, "a") is None


@pytest.fixture()
def cached_service(index_dir):
    service = ProfileSearch(index_dir, result_cache=100)
    yield service
    service.close()


def test_a_repeated_request_is_answered_from_the_cache(cached_service):
    request = SearchRequest.create("Abfall")
    first = cached_service.search(request)
    assert cached_service.search(SearchRequest.create("Abfall")) is first
    assert cached_service.results.hits == 1


@pytest.mark.parametrize("staff_first", [True, False])
def test_staff_results_never_answer_the_public(cached_service, staff_first):
    order = (True, False) if staff_first else (False, True)
    results = {}
    for staff in order:
        results[staff] = cached_service.search(SearchRequest.create("Quxbarvertrag", per_page=100, staff=staff))
        results[staff, "empty"] = cached_service.search(SearchRequest.create("", per_page=100, staff=staff))
        results[staff, "similar"] = cached_service.similar("s01_abfallverband-soest", limit=50, staff=staff)
    assert PRIVATE in {h.id for h in results[True].hits} and results[False].total == 0
    assert PRIVATE in {h.id for h in results[True, "empty"].hits}
    assert PRIVATE not in {h.id for h in results[False, "empty"].hits}
    assert PRIVATE not in {h.id for h in results[False, "similar"].similar}
    assert all(facet.value != "Quxbarvertrag" for values in results[False, "empty"].facets.values() for facet in values)


def test_a_new_generation_empties_the_cache(tmp_path, search_profiles, monkeypatch):
    from index.build import build_index
    from search import core

    build_index(search_profiles[:3], tmp_path)
    service = ProfileSearch(tmp_path, result_cache=100)
    before = service.search(SearchRequest.create("", per_page=100))
    build_index(search_profiles, tmp_path)
    monkeypatch.setattr(core, "CHECK_INTERVAL", 0.0)
    after = service.search(SearchRequest.create("", per_page=100))
    assert after.total > before.total
    service.close()
