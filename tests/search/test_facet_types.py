"""The facet kinds and their one declaration (``search.facet_types``)."""

from __future__ import annotations

import numpy as np
import pytest

from index.schema import FACETS, MULTI_VALUED
from search.columns import SingleColumn
from search.facet_types import FACET_TYPES, RANGE_FACETS, VALUE_FACETS, RangeFacet, ValueFacet, facet_parameters
from search.model import InvalidRequest, SearchRequest


def test_the_declaration_matches_the_index_fields():
    assert tuple(kind.name for kind in FACET_TYPES) == FACETS
    assert {kind.name for kind in VALUE_FACETS if kind.multi} == MULTI_VALUED


def test_parameters_follow_from_the_declaration():
    assert facet_parameters(VALUE_FACETS) == tuple(f for f in FACETS if f != "year")
    assert facet_parameters(RANGE_FACETS) == ("year_from", "year_to")


def test_a_value_facet_parses_values_once_without_empty_ones():
    assert ValueFacet("region").parse(["Arnsberg", "", "Detmold", "Arnsberg"]) == ("Arnsberg", "Detmold")


YEARS = RangeFacet("year", low="year_from", high="year_to", lowest=1000, highest=2999)


def _column() -> SingleColumn:
    numbers = np.array([2001, -1, 1999, 2001, 2010], dtype=np.int32)
    column = SingleColumn(np.array([1, -1, 0, 1, 2], dtype=np.int32), ["1999", "2001", "2010"])
    column.numbers = numbers  # type: ignore[attr-defined]
    return column


@pytest.mark.parametrize(("bounds", "kept"), [
    ({"year_from": 2000}, [True, False, False, True, True]),  # open above; no year never kept
    ({"year_to": 2001}, [True, False, True, True, False]),  # open below
    ({"year_from": 2001, "year_to": 2001}, [True, False, False, True, False]),
])
def test_a_range_facet_keeps_the_documents_inside_its_inclusive_range(bounds, kept):
    request = SearchRequest.create(**bounds)
    key, make = YEARS.mask(None, _column(), request)  # type: ignore[arg-type,misc]
    assert make().tolist() == kept
    assert key[0] == "year"


def test_a_range_facet_without_a_range_filters_nothing_and_marks_nothing():
    request = SearchRequest.create()
    assert YEARS.mask(None, _column(), request) is None  # type: ignore[arg-type]
    values = YEARS.values(None, _column(), np.array([1, 2, 0]), request)  # type: ignore[arg-type]
    assert [(v.value, v.count, v.selected) for v in values] == [("1999", 1, False), ("2001", 2, False)]


def test_a_range_facet_marks_the_numbers_inside_the_range_and_lists_them_ascending():
    request = SearchRequest.create(year_from=2000)
    values = YEARS.values(None, _column(), np.array([1, 2, 1]), request)  # type: ignore[arg-type]
    assert [(v.value, v.selected) for v in values] == [("1999", False), ("2001", True), ("2010", True)]
    assert YEARS.selections(request) == [("year_from", "2000")]


@pytest.mark.parametrize(("bounds", "parameter"), [
    ({"year_from": 999}, "year_from"), ({"year_to": 3000}, "year_to"),
    ({"year_from": 2001, "year_to": 2000}, "year_from"),
])
def test_requests_check_the_range_facets_bounds(bounds, parameter):
    with pytest.raises(InvalidRequest) as caught:
        SearchRequest.create(**bounds)
    assert caught.value.parameter == parameter


def test_a_request_keeps_its_ranges_by_facet():
    request = SearchRequest.create(year_to=2020)
    assert request.range("year") == (None, 2020)
    assert request.bounds() == {"year_from": None, "year_to": 2020}
    assert SearchRequest.create(**request.bounds()) == request
    with pytest.raises(TypeError):
        SearchRequest.create(colour_from=1)
