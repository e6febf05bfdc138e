"""Facet counts and filters from per-document value arrays.

Whoosh's ``groupedby`` walks Python objects per matching document; here every facet
field is loaded once per index generation into numpy arrays (document → value code, or
CSR rows for multi-valued fields), and counts are one ``bincount`` over the matching
documents. The same arrays give the filter masks. Counting is disjunctive: each facet is
counted with every filter applied except its own (OR within a facet, AND across facets).
"""

from __future__ import annotations

import numpy as np

from index.folding import german_order, german_sort_key
from index.schema import FACETS, MULTI_VALUED
from search.model import FacetValue, SearchRequest

# Facet values listed per facet (the most frequent; selected values always).
MAX_FACET_VALUES = 50
class _Single:
    """One value (or none) per document."""

    def __init__(self, raw: list[str | None]) -> None:
        self.values = sorted({v for v in raw if v}, key=german_order)
        self.code = {value: index for index, value in enumerate(self.values)}
        self.codes = np.array([self.code[v] if v else -1 for v in raw], dtype=np.int32)

    def counts(self, mask: np.ndarray) -> np.ndarray:
        chosen = self.codes[mask]
        return np.bincount(chosen[chosen >= 0], minlength=len(self.values))

    def mask(self, selected: tuple[str, ...]) -> np.ndarray:
        codes = [self.code[v] for v in selected if v in self.code]
        return np.isin(self.codes, np.array(codes, dtype=np.int32))


class _Multi:
    """Several values per document, as CSR rows."""

    def __init__(self, raw: list[list[str]]) -> None:
        self.values = sorted({v for row in raw for v in row}, key=german_order)
        self.code = {value: index for index, value in enumerate(self.values)}
        lengths = np.array([len(row) for row in raw], dtype=np.int64)
        self.flat = np.array([self.code[v] for row in raw for v in row], dtype=np.int32)
        self.owner = np.repeat(np.arange(len(raw), dtype=np.int64), lengths)
        self.lengths = lengths
        self.size = len(raw)

    def counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.flat[np.repeat(mask, self.lengths)], minlength=len(self.values))

    def mask(self, selected: tuple[str, ...]) -> np.ndarray:
        codes = [self.code[v] for v in selected if v in self.code]
        result = np.zeros(self.size, dtype=bool)
        result[self.owner[np.isin(self.flat, np.array(codes, dtype=np.int32))]] = True
        return result


class FacetTable:
    """Facet arrays of one index generation, indexed by Whoosh document number."""

    def __init__(self, size: int, stored: list[tuple[int, dict]]) -> None:
        self.size = size
        self.live = np.zeros(size, dtype=bool)
        self.private = np.zeros(size, dtype=bool)
        self.year = np.full(size, -1, dtype=np.int32)
        self.ids: list[str | None] = [None] * size
        singles: dict[str, list[str | None]] = {f: [None] * size for f in FACETS if f not in MULTI_VALUED}
        multis: dict[str, list[list[str]]] = {f: [[] for _ in range(size)] for f in MULTI_VALUED}
        self.titles: list[str | None] = [None] * size
        for docnum, fields in stored:
            self.live[docnum] = True
            self.private[docnum] = bool(fields.get("private"))
            self.ids[docnum] = fields["id"]
            self.titles[docnum] = fields.get("title")
            year = fields.get("year")
            if year is not None:
                self.year[docnum] = int(year)
            for facet in singles:
                value = fields.get(facet)
                singles[facet][docnum] = str(value) if value not in (None, "") else None
            for facet in multis:
                multis[facet][docnum] = list(dict.fromkeys(v for v in fields.get(facet, "").split("\n") if v))
        self.fields: dict[str, _Single | _Multi] = {f: _Single(v) for f, v in singles.items()}
        self.fields.update({f: _Multi(v) for f, v in multis.items()})
        self.docnum = {doc_id: n for n, doc_id in enumerate(self.ids) if doc_id is not None}
        order = sorted(range(size), key=lambda n: german_sort_key(self.titles[n] or ""))
        self.title_rank = np.empty(size, dtype=np.int64)
        self.title_rank[order] = np.arange(size)

    def visible(self, staff: bool) -> np.ndarray:
        """Documents the requester may see: all live ones for staff, public ones otherwise."""
        return self.live if staff else self.live & ~self.private

    def filter_masks(self, request: SearchRequest) -> dict[str, np.ndarray]:
        """One mask per constrained facet (``year`` for the year range)."""
        masks = {facet: self.fields[facet].mask(values) for facet, values in request.filters}
        if request.year_from is not None or request.year_to is not None:
            low = request.year_from if request.year_from is not None else 0
            high = request.year_to if request.year_to is not None else 9999
            masks["year"] = (self.year >= low) & (self.year <= high)
        return masks

    def count(self, base: np.ndarray, masks: dict[str, np.ndarray], request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]:
        """Disjunctive counts of every facet over ``base`` (query ∧ visibility) with all
        filters but the facet's own. At most ``MAX_FACET_VALUES`` values per facet, by
        count, then German alphabetical order; years all, by year; selected values are
        always listed (after the others if they would not be)."""
        result = {}
        for facet in FACETS:
            mask = base.copy()
            for other, other_mask in masks.items():
                if other != facet:
                    mask &= other_mask
            column = self.fields[facet]
            counts = column.counts(mask)
            selected = request.selected(facet)
            if facet == "year":
                codes = np.flatnonzero(counts)  # values are sorted, so years ascend
            else:
                nonzero = np.flatnonzero(counts)
                # by count, then German alphabetical order (the order of the codes)
                codes = nonzero[np.lexsort((nonzero, -counts[nonzero]))][:MAX_FACET_VALUES]
            values = [FacetValue(column.values[c], int(counts[c]), column.values[c] in selected) for c in codes]
            listed = {v.value for v in values}
            for value in selected:
                if value not in listed:
                    code = column.code.get(value)
                    values.append(FacetValue(value, int(counts[code]) if code is not None else 0, True))
            result[facet] = tuple(values)
        return result
