"""The offers for a search that finds nothing, as plain data (``search.alternatives``)."""

from __future__ import annotations

import dataclasses

from search.alternatives import Drop, find_alternatives, selections, without
from search.model import SearchRequest


def total(service, request: SearchRequest) -> int:
    return service.search(request).total


def test_selections_and_removing_one(service):
    request = SearchRequest.create("Abfall", {"region": ["Arnsberg", "Detmold"]}, year_from=2000, year_to=2010)
    assert selections(request) == [("region", "Arnsberg"), ("region", "Detmold"), ("year_from", "2000"),
                                   ("year_to", "2010")]
    assert without(request, "region", "Arnsberg").filters == (("region", ("Detmold",)),)
    assert without(request, "year_from", "2000").range("year") == (None, 2010)
    assert without(without(request, "year_from", "2000"), "year_to", "2010").ranges == ()


def test_each_drop_counts_what_the_search_without_it_finds(service):
    request = SearchRequest.create("Abfall", {"region": ["Arnsberg"], "legal_form": ["GmbH"]})
    assert total(service, request) == 0
    found = find_alternatives(service, request, None)
    assert found.drops  # some filter value is in the way
    for drop in found.drops:
        assert isinstance(drop, Drop)
        assert drop.count == total(service, without(request, drop.parameter, drop.value)) > 0
    assert found.drop_all is None  # a single drop helps


def test_a_phrase_that_finds_nothing_offers_its_words(service):
    request = SearchRequest.create('"Vergabestelle zentralen"')
    found = find_alternatives(service, request, None)
    expected = total(service, dataclasses.replace(request, query="Vergabestelle zentralen"))
    assert found.words == (("Vergabestelle zentralen", expected),)
    assert found.words[0][1] > 0
    assert found.related and all(count > 0 for _, count in found.related)


def test_no_keyword_only_private_profiles_carry_is_offered_to_the_public(service):
    public = find_alternatives(service, SearchRequest.create("gibtesnichtxyz"), None)
    staff = find_alternatives(service, SearchRequest.create("gibtesnichtxyz", staff=True), None)
    assert "Quxbarvertrag" not in {keyword for keyword, _ in public.related}
    for keyword, count in public.related:
        assert count == total(service, SearchRequest.create("", {"keyword": [keyword]}))
    assert staff.related  # the most frequent keywords as a last resort
