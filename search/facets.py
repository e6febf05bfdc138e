"""Facet counts and filters from per-document value arrays.

Whoosh's ``groupedby`` walks Python objects per matching document; here every facet
field is loaded once per index generation into numpy arrays (document → value code, or
CSR rows for multi-valued fields; merged from the per-segment columns written with the
index, see ``index.columns``), and counts are one ``bincount`` over the matching
documents. The same arrays give the filter masks. Counting is disjunctive: each facet is
counted with every filter applied except its own (OR within a facet, AND across facets).
"""

from __future__ import annotations

import numpy as np

from index.columns import SegmentColumns
from index.folding import german_order, german_sort_key
from index.schema import FACETS, MULTI_VALUED
from search.model import FacetValue, SearchRequest

# Facet values listed per facet (the most frequent; selected values always).
MAX_FACET_VALUES = 50


class _Single:
    """One value (or none) per document."""

    def __init__(self, codes: np.ndarray, values: list[str]) -> None:
        """``codes`` index ``values`` (sorted in German order); -1 for no value."""
        self.values = values
        self.code = {value: index for index, value in enumerate(values)}
        self.codes = codes

    @classmethod
    def merge(cls, parts: list[tuple[np.ndarray, list[str], np.ndarray]]) -> _Single:
        """One column from per-segment (codes, values, deleted) parts; values of deleted
        documents are dropped."""
        union = sorted({v for _, values, _ in parts for v in values}, key=german_order)
        position = {value: index for index, value in enumerate(union)}
        mapped = []
        for codes, values, deleted in parts:
            table = np.array([position[v] for v in values] + [-1], dtype=np.int32)  # -1 stays -1
            local = table[codes]
            local[deleted] = -1
            mapped.append(local)
        codes = np.concatenate(mapped) if mapped else np.zeros(0, dtype=np.int32)
        used, codes = _compact(codes, len(union))
        return cls(codes, [union[i] for i in used])

    def counts(self, mask: np.ndarray) -> np.ndarray:
        chosen = self.codes[mask]
        return np.bincount(chosen[chosen >= 0], minlength=len(self.values))

    def mask(self, selected: tuple[str, ...]) -> np.ndarray:
        codes = [self.code[v] for v in selected if v in self.code]
        return np.isin(self.codes, np.array(codes, dtype=np.int32))


class _Multi:
    """Several values per document, as CSR rows."""

    def __init__(self, flat: np.ndarray, lengths: np.ndarray, values: list[str]) -> None:
        """Row ``d`` holds the codes ``flat[sum(lengths[:d]):][:lengths[d]]`` into ``values``."""
        self.values = values
        self.code = {value: index for index, value in enumerate(values)}
        self.flat = flat
        self.lengths = lengths.astype(np.int64)
        self.owner = np.repeat(np.arange(len(lengths), dtype=np.int64), self.lengths)
        self.size = len(lengths)

    @classmethod
    def merge(cls, parts: list[tuple[np.ndarray, np.ndarray, list[str], np.ndarray]]) -> _Multi:
        """One column from per-segment (flat, lengths, values, deleted) parts; rows of
        deleted documents are emptied."""
        union = sorted({v for _, _, values, _ in parts for v in values}, key=german_order)
        position = {value: index for index, value in enumerate(union)}
        flats, row_lengths = [], []
        for flat, lengths, values, deleted in parts:
            table = np.array([position[v] for v in values] + [-1], dtype=np.int32)
            owner = np.repeat(np.arange(len(lengths)), lengths.astype(np.int64))
            flats.append(table[flat][~deleted[owner]])
            row_lengths.append(np.where(deleted, 0, lengths))
        flat = np.concatenate(flats) if flats else np.zeros(0, dtype=np.int32)
        used, flat = _compact(flat, len(union))
        lengths = np.concatenate(row_lengths) if row_lengths else np.zeros(0, dtype=np.int64)
        return cls(flat, lengths, [union[i] for i in used])

    def counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.flat[np.repeat(mask, self.lengths)], minlength=len(self.values))

    def mask(self, selected: tuple[str, ...]) -> np.ndarray:
        codes = [self.code[v] for v in selected if v in self.code]
        result = np.zeros(self.size, dtype=bool)
        result[self.owner[np.isin(self.flat, np.array(codes, dtype=np.int32))]] = True
        return result


def _compact(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(the codes in use, ascending; ``codes`` renumbered to positions among them)."""
    used = np.unique(codes[codes >= 0])
    renumber = np.full(size + 1, -1, dtype=np.int32)
    renumber[used] = np.arange(len(used), dtype=np.int32)
    return used, renumber[codes].astype(np.int32)


class FacetTable:
    """Facet arrays of one index generation, indexed by Whoosh document number."""

    def __init__(self, size: int, segments: list[tuple[int, SegmentColumns, np.ndarray]]) -> None:
        """``segments``: (document offset, columns, deleted mask) per segment, in
        document order, as ``index.columns.load_columns`` reads them."""
        self.size = size
        deleted = np.concatenate([gone for _, _, gone in segments]) if segments else np.zeros(0, dtype=bool)
        self.live = ~deleted
        self.private = (np.concatenate([c.private for _, c, _ in segments]) if segments else deleted) & self.live
        year = np.concatenate([c.year for _, c, _ in segments]) if segments else np.zeros(0, dtype=np.int32)
        self.year = np.where(self.live, year, -1).astype(np.int32)
        self.ids: list[str | None] = []
        self.titles: list[str | None] = []
        title_keys: list[str] = []  # German sort keys of the titles, computed with the index
        for _, columns, gone in segments:
            dead = gone.tolist()
            self.ids.extend(None if d else doc_id for doc_id, d in zip(columns.ids, dead))
            self.titles.extend(None if d else title for title, d in zip(columns.titles, dead))
            title_keys.extend("" if d else key for key, d in zip(columns.title_keys, dead))
        self.fields: dict[str, _Single | _Multi] = {}
        for facet in FACETS:
            if facet == "year":
                self.fields[facet] = self._years()
            elif facet in MULTI_VALUED:
                self.fields[facet] = _Multi.merge([(*c.multis[facet], gone) for _, c, gone in segments])
            else:
                self.fields[facet] = _Single.merge([(*c.singles[facet], gone) for _, c, gone in segments])
        self.docnum = {doc_id: n for n, doc_id in enumerate(self.ids) if doc_id is not None}
        order = sorted(range(size), key=title_keys.__getitem__)
        self.title_rank = np.empty(size, dtype=np.int64)
        self.title_rank[order] = np.arange(size)

    def _years(self) -> _Single:
        """The year facet: values are the years as text, in German (here: numeric) order."""
        used = np.unique(self.year[self.year >= 0])
        values = sorted((str(y) for y in used.tolist()), key=german_sort_key)
        code = {int(v): i for i, v in enumerate(values)}
        lookup = np.full(int(used.max()) + 2 if len(used) else 1, -1, dtype=np.int32)
        for year, index in code.items():
            lookup[year] = index
        return _Single(np.where(self.year >= 0, lookup[self.year], -1).astype(np.int32), values)

    def rank(self, scores: np.ndarray | None, matching: np.ndarray, request: SearchRequest,
             limit: int) -> list[tuple[int, float]]:
        """(docnum, score) of the first ``limit`` ``matching`` documents in the requested
        order: by score (ties by document) for relevance with a query, else by year
        (newest first for relevance without a query; no year last) or title. Raises nothing."""
        docs = np.flatnonzero(matching)
        if request.sort == "relevance" and scores is not None:
            order = np.lexsort((docs, -scores[docs]))
        elif request.sort == "title":
            order = np.argsort(self.title_rank[docs], kind="stable")
        else:
            year = self.year[docs].astype(np.int64)
            missing = year < 0
            if request.sort == "oldest":
                primary = np.where(missing, 10_000, year)
            else:  # newest, and relevance without a query
                primary = np.where(missing, 10_000, -year)
            order = np.lexsort((self.title_rank[docs], primary))
        chosen = docs[order][:limit]
        return [(int(d), float(scores[d]) if scores is not None else 0.0) for d in chosen]

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
