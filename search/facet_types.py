"""The kinds of facet, and the one declaration of the facets this search offers.

A facet kind knows how its selection is parsed (``parse``; ``SearchRequest.create`` checks it), which documents
it keeps (``mask``), how its values are counted and listed (``values``) and which
parameters present its selection (``selections``); ``search.facets.FacetTable`` and the
layers above only loop over ``FACET_TYPES``:

- ``ValueFacet``: documents hold one value (or several, ``multi``); a request selects
  values by the facet's name as a repeatable parameter (``region=Arnsberg``), OR within
  the facet; counts list the most frequent values.
- ``RangeFacet``: documents hold a number (or none); a request selects an inclusive range
  by two parameters (``year_from``, ``year_to``); counts list every number present.

Adding a facet is one declaration here beside its index field (``index.schema.FACETS``,
which a test keeps in step), e.g. a task-area facet: ``ValueFacet("area", multi=True)``.
The URL parameters, API keys, CLI options and the page's facet lists follow from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from index.folding import german_sort_key
from search.columns import SELECTIVE, MultiColumn, SingleColumn

# Facet values listed per facet (the most frequent; selected values always).
MAX_FACET_VALUES = 50
# A document without a number holds this in a range facet's column.
NO_NUMBER = -1
# The bounds of a range open at one end: every number a document can hold, never NO_NUMBER.
OPEN_LOW, OPEN_HIGH = 0, 9999

# (key, function making the mask): the table keeps masks per generation by key
MaskRecipe = tuple[tuple, Callable[[], np.ndarray]]


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


class Selection(Protocol):
    """What a facet kind reads from a search request (``search.model.SearchRequest``)."""

    staff: bool
    expand: str  # the facet listing every value (``search.facets.facet_values``), or ""

    def selected(self, facet: str) -> tuple[str, ...]: ...
    def range(self, facet: str) -> tuple[int | None, int | None]: ...


class Resolver(Protocol):
    """What a value facet asks its table: the codes and written values a typed value selects."""

    def resolve(self, facet: str, typed: tuple[str, ...], staff: bool) -> tuple[tuple[int, ...], tuple[str, ...]]: ...


class ValueFacet:
    """A facet of values (one per document, or several with ``multi``); ``by_value``: list
    every counted value in value order (a small fixed set such as the task areas' codes)
    instead of the most frequent first."""

    def __init__(self, name: str, *, multi: bool = False, by_value: bool = False) -> None:
        self.name = name
        self.multi = multi
        self.by_value = by_value
        self.parameters = (name,)

    def column(self, segments: list, live: np.ndarray) -> SingleColumn | MultiColumn:
        """The facet's column over all segments (deleted documents hold no value)."""
        if self.multi:
            return MultiColumn.merge([(*c.multis[self.name], gone) for _, c, gone in segments])
        return SingleColumn.merge([(*c.singles[self.name], gone) for _, c, gone in segments])

    def parse(self, values: Iterable[str]) -> tuple[str, ...]:
        """The selected values: empty ones dropped, a repeated one counted once."""
        return tuple(dict.fromkeys(v for v in values if v))

    def mask(self, table: Resolver, column: SingleColumn | MultiColumn, request: Selection) -> MaskRecipe | None:
        """How to make the mask of the documents holding a selected value; None without a selection."""
        typed = request.selected(self.name)
        if not typed:
            return None
        codes, _ = table.resolve(self.name, typed, request.staff)
        return (self.name, codes), lambda: column.mask(codes)

    def values(self, table: Resolver, column: SingleColumn | MultiColumn, counts: np.ndarray,
               request: Selection) -> tuple[FacetValue, ...]:
        """At most ``MAX_FACET_VALUES`` values by count, then German alphabetical order
        (every counted value when the request expands this facet); selected values always
        (after the others if they would not be listed)."""
        selected = table.resolve(self.name, request.selected(self.name), request.staff)[1]
        nonzero = np.flatnonzero(counts)
        limit = len(nonzero) if request.expand == self.name else MAX_FACET_VALUES
        if len(nonzero) > SELECTIVE * limit:
            # only values counted at least as often as the MAX_FACET_VALUES-th can be
            # listed (all of them, ties included: the order stays that of a full sort)
            cut = -np.partition(-counts[nonzero], limit - 1)[limit - 1]
            nonzero = nonzero[counts[nonzero] >= cut]
        # by_value: the codes follow German alphabetical order (digits: numeric); else by
        # count, then German alphabetical order (the order of the codes)
        codes = nonzero[:limit] if self.by_value else nonzero[np.lexsort((nonzero, -counts[nonzero]))][:limit]
        names, marked = column.values, set(selected)
        values = [FacetValue(names[c], n, names[c] in marked)
                  for c, n in zip(codes.tolist(), counts[codes].tolist(), strict=True)]
        listed = {v.value for v in values}
        for value in selected:
            if value not in listed:
                code = column.code.get(value)
                values.append(FacetValue(value, int(counts[code]) if code is not None else 0, True))
        return tuple(values)

    def selections(self, request: Selection) -> list[tuple[str, str]]:
        """(parameter, value) of every selected value, as typed."""
        return [(self.name, value) for value in request.selected(self.name)]


class RangeFacet:
    """A facet of whole numbers (one or none per document) selected by an inclusive range
    ``low``–``high`` (two parameters, either may be left open)."""

    def __init__(self, name: str, *, low: str, high: str, lowest: int, highest: int) -> None:
        """``low``/``high``: the parameters of the range's ends; ``lowest``–``highest``:
        the numbers a request may give (``SearchRequest.create`` checks them)."""
        self.name = name
        self.low, self.high = low, high
        self.lowest, self.highest = lowest, highest
        self.parameters = (low, high)

    def numbers(self, segments: list, live: np.ndarray) -> np.ndarray:
        """Every document's number (``NO_NUMBER`` for none and for deleted documents)."""
        parts = [getattr(c, self.name) for _, c, _ in segments]
        numbers = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        return np.where(live, numbers, NO_NUMBER).astype(np.int32)

    def column(self, segments: list, live: np.ndarray) -> SingleColumn:
        """The numbers present as text values in numeric order, with ``numbers`` attached
        (the range masks compare those)."""
        numbers = self.numbers(segments, live)
        used = np.unique(numbers[numbers != NO_NUMBER])
        values = sorted((str(n) for n in used.tolist()), key=german_sort_key)
        lookup = np.full(int(used.max()) + 2 if len(used) else 1, NO_NUMBER, dtype=np.int32)
        for index, value in enumerate(values):
            lookup[int(value)] = index
        column = SingleColumn(np.where(numbers != NO_NUMBER, lookup[numbers], NO_NUMBER).astype(np.int32), values)
        column.numbers = numbers  # type: ignore[attr-defined]
        return column

    def bounds(self, request: Selection) -> tuple[int, int] | None:
        """The requested range with open ends filled in, or None without one."""
        low, high = request.range(self.name)
        if low is None and high is None:
            return None
        return (OPEN_LOW if low is None else low), (OPEN_HIGH if high is None else high)

    def mask(self, table: Resolver, column: SingleColumn, request: Selection) -> MaskRecipe | None:
        """How to make the mask of the documents inside the range; None without a range."""
        bounds = self.bounds(request)
        if bounds is None:
            return None
        low, high = bounds
        numbers = column.numbers  # type: ignore[attr-defined]
        return (self.name, low, high), lambda: (numbers >= low) & (numbers <= high)

    def values(self, table: Resolver, column: SingleColumn, counts: np.ndarray,
               request: Selection) -> tuple[FacetValue, ...]:
        """Every number counted, ascending; those inside a requested range count as
        selected (only those listed: a number without visible profiles is not shown)."""
        bounds = self.bounds(request)
        codes = np.flatnonzero(counts)  # values are sorted, so numbers ascend
        names = column.values
        return tuple(FacetValue(names[c], n, bounds is not None and bounds[0] <= int(names[c]) <= bounds[1])
                     for c, n in zip(codes.tolist(), counts[codes].tolist(), strict=True))

    def selections(self, request: Selection) -> list[tuple[str, str]]:
        """(parameter, value) of each end of a requested range."""
        low, high = request.range(self.name)
        return [(parameter, str(value)) for parameter, value in ((self.low, low), (self.high, high))
                if value is not None]


Facet = ValueFacet | RangeFacet

# The facets, in the order the page and the API list them (``index.schema.FACETS``).
FACET_TYPES: tuple[Facet, ...] = (
    ValueFacet("area", multi=True, by_value=True),  # task areas "01"…"16", listed by code
    # where any participant or the lead lies (``index.document.place_values``)
    ValueFacet("region", multi=True),
    ValueFacet("state", multi=True),
    ValueFacet("district", multi=True),
    ValueFacet("keyword", multi=True),
    ValueFacet("lead"),
    ValueFacet("participant", multi=True),
    ValueFacet("legal_form"),
    RangeFacet("year", low="year_from", high="year_to", lowest=1000, highest=2999),  # four-digit years
)
VALUE_FACETS: tuple[ValueFacet, ...] = tuple(f for f in FACET_TYPES if isinstance(f, ValueFacet))
RANGE_FACETS: tuple[RangeFacet, ...] = tuple(f for f in FACET_TYPES if isinstance(f, RangeFacet))


def facet_parameters(kinds: Sequence[Facet] = FACET_TYPES) -> tuple[str, ...]:
    """The request parameters of ``kinds``, in declaration order."""
    return tuple(p for kind in kinds for p in kind.parameters)
