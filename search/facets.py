"""Facet counts and filters from per-document value arrays.

Whoosh's ``groupedby`` walks Python objects per matching document; here every facet
field is loaded once per index generation into numpy arrays (document → value code, or
CSR rows for multi-valued fields; merged from the per-segment columns written with the
index, see ``index.columns``), and counts are one ``bincount`` over the matching
documents. The same arrays give the filter masks. Counting is disjunctive: each facet is
counted with every filter applied except its own (OR within a facet, AND across facets).
"""

from __future__ import annotations

import threading

import numpy as np

from index.columns import SegmentColumns
from index.folding import fold, german_order, german_sort_key
from index.schema import FACETS, MULTI_VALUED
from search.model import FacetValue, SearchRequest

# Facet values listed per facet (the most frequent; selected values always).
MAX_FACET_VALUES = 50
# Filter masks kept per generation (a mask of 100,000 documents is 100 KB).
MASK_CACHE = 256


def facet_key(value: str) -> str:
    """What a facet filter value is compared by: case, spacing and umlaut spelling do not
    matter (``münster``, ``Muenster`` and ``Münster`` select ``Münster``). Raises nothing."""
    return fold(" ".join(value.casefold().split()))


class _Single:
    """One value (or none) per document."""

    def __init__(self, codes: np.ndarray, values: list[str]) -> None:
        """``codes`` index ``values`` (sorted in German order); -1 for no value."""
        self.values = values
        self.code = {value: index for index, value in enumerate(values)}
        self.codes = codes
        self._shifted = (codes + 1).astype(np.intp)  # 0 for no value; bincount's own type

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

    def counts(self, mask: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray:
        """Documents per value among ``mask`` (whose numbers ``docs`` are, if known)."""
        docs = np.flatnonzero(mask) if docs is None else docs  # gathering by number beats a boolean mask 2-5×
        return np.bincount(self._shifted[docs], minlength=len(self.values) + 1)[1:]

    def mask(self, codes: tuple[int, ...]) -> np.ndarray:
        """The documents holding one of the values ``codes``."""
        chosen = np.zeros(len(self.values) + 1, dtype=bool)
        chosen[[c + 1 for c in codes]] = True
        return chosen[self._shifted]

    def present(self, mask: np.ndarray) -> np.ndarray:
        """Per value: does a document of ``mask`` hold it?"""
        return self.counts(mask) > 0


class _Multi:
    """Several values per document, as CSR rows."""

    def __init__(self, flat: np.ndarray, lengths: np.ndarray, values: list[str]) -> None:
        """Row ``d`` holds the codes ``flat[sum(lengths[:d]):][:lengths[d]]`` into ``values``."""
        self.values = values
        self.code = {value: index for index, value in enumerate(values)}
        self.flat = flat
        self.lengths = lengths.astype(np.int64)
        self.owner = np.repeat(np.arange(len(lengths), dtype=np.int64), self.lengths)
        self.starts = np.cumsum(self.lengths) - self.lengths
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

    def counts(self, mask: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray:
        """Documents per value among ``mask`` (whose numbers ``docs`` are, if known)."""
        docs = np.flatnonzero(mask) if docs is None else docs
        if len(docs) * 4 < self.size:
            # few documents: gather their rows (CSR) instead of testing every value's owner
            lengths = self.lengths[docs]
            # entry i of the gathered rows sits at start(row) + (i - where the row begins in them)
            shift = np.repeat(self.starts[docs] - (np.cumsum(lengths) - lengths), lengths)
            chosen = self.flat[shift + np.arange(len(shift))]
        else:
            chosen = self.flat[mask[self.owner]]
        return np.bincount(chosen, minlength=len(self.values))

    def present(self, mask: np.ndarray) -> np.ndarray:
        """Per value: does a document of ``mask`` hold it?"""
        return self.counts(mask) > 0

    def mask(self, codes: tuple[int, ...]) -> np.ndarray:
        """The documents holding one of the values ``codes``."""
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
        public = self.live & ~self.private
        for mask in (self.live, public):
            mask.flags.writeable = False  # handed out by ``visible``, shared by every request
        self._visible = {True: self.live, False: public}
        self._orders: dict[str, np.ndarray] = {}  # sort → every document in that order
        self._visible_counts: dict[bool, dict[str, tuple[FacetValue, ...]]] = {}
        self._keys: dict[str, dict[str, list[int]]] = {}  # facet → facet_key → value codes
        self._present: dict[tuple[str, bool], np.ndarray] = {}  # values visible documents hold
        self._masks: dict[tuple, np.ndarray] = {}  # filter masks, read-only, per generation
        self._lock = threading.Lock()

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
        if request.sort == "relevance" and scores is not None:
            docs = np.flatnonzero(matching)
            if 0 < limit < len(docs) // 4:
                # only documents scoring at least the limit-th best can be among the first
                # (all of them, ties included: the order stays exactly that of a full sort)
                threshold = -np.partition(-scores[docs], limit - 1)[limit - 1]
                docs = docs[scores[docs] >= threshold]
            chosen = docs[np.lexsort((docs, -scores[docs]))][:limit]
        else:
            order = self._order("newest" if request.sort == "relevance" else request.sort)
            chosen = order[matching[order]][:limit]
        return [(int(d), float(scores[d]) if scores is not None else 0.0) for d in chosen]

    def _order(self, sort: str) -> np.ndarray:
        """Every document number in the order of ``sort`` (title, newest or oldest: by
        year, no year last, then by title), computed once per generation: a full sort
        of 100,000 documents per request took 13 ms."""
        order = self._orders.get(sort)
        if order is None:
            if sort == "title":
                order = np.argsort(self.title_rank, kind="stable")
            else:
                year = self.year.astype(np.int64)
                primary = np.where(year < 0, 10_000, year if sort == "oldest" else -year)
                order = np.lexsort((self.title_rank, primary))
            self._orders[sort] = order
        return order

    def visible(self, staff: bool) -> np.ndarray:
        """Documents the requester may see: all live ones for staff, public ones otherwise
        (read-only; the same array every time)."""
        return self._visible[staff]

    def resolve(self, facet: str, typed: tuple[str, ...], staff: bool) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """(value codes, values as the index writes them) that filter values ``typed``
        select: the value itself, else every value a document the requester may see
        holds with the same ``facet_key`` (case and umlaut spelling ignored). A value
        matching nothing stays as typed (no code). Raises KeyError for an unknown facet."""
        column = self.fields[facet]
        if facet not in self._keys:
            keys: dict[str, list[int]] = {}
            for code, value in enumerate(column.values):
                keys.setdefault(facet_key(value), []).append(code)
            self._keys[facet] = keys
        if (facet, staff) not in self._present:
            # only values the requester can see are offered in their written form: a
            # private profile's spelling is never shown to the public
            self._present[(facet, staff)] = column.present(self._visible[staff])
        present = self._present[(facet, staff)]
        codes: dict[int, None] = {}
        values: dict[str, None] = {}
        for value in typed:
            exact = column.code.get(value)
            found = [exact] if exact is not None else [c for c in self._keys[facet].get(facet_key(value), ()) if present[c]]
            codes.update(dict.fromkeys(found))
            values.update(dict.fromkeys([column.values[c] for c in found] or [value]))
        return tuple(codes), tuple(values)

    def filter_masks(self, request: SearchRequest) -> dict[str, np.ndarray]:
        """One mask per constrained facet (``year`` for the year range); read-only, kept
        per generation (a filter is rebuilt only when first used)."""
        masks = {}
        for facet, values in request.filters:
            codes, _ = self.resolve(facet, values, request.staff)
            masks[facet] = self._mask((facet, codes), lambda facet=facet, codes=codes: self.fields[facet].mask(codes))
        if request.year_from is not None or request.year_to is not None:
            low = request.year_from if request.year_from is not None else 0
            high = request.year_to if request.year_to is not None else 9999
            masks["year"] = self._mask(("year", low, high), lambda: (self.year >= low) & (self.year <= high))
        return masks

    def _mask(self, key: tuple, make) -> np.ndarray:  # noqa: ANN001 - a function returning a mask
        mask = self._masks.get(key)
        if mask is None:
            mask = make()
            mask.flags.writeable = False  # shared by every request that uses it
            with self._lock:
                while len(self._masks) >= MASK_CACHE:
                    self._masks.pop(next(iter(self._masks)))
                self._masks[key] = mask
        return mask

    def count(self, base: np.ndarray, masks: dict[str, np.ndarray], request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]:
        """Disjunctive counts of every facet over ``base`` (query ∧ visibility) with all
        filters but the facet's own. At most ``MAX_FACET_VALUES`` values per facet, by
        count, then German alphabetical order; years all, by year; selected values are
        always listed (after the others if they would not be). The counts of everything
        visible (the empty query without filters) are computed once per generation."""
        if not masks:
            for staff, visible in self._visible.items():
                if base is visible:
                    if staff not in self._visible_counts:
                        self._visible_counts[staff] = self._count(base, masks, request)
                    return self._visible_counts[staff]
        return self._count(base, masks, request)

    def _years_in_range(self, request: SearchRequest) -> set[str]:
        """The year facet's values inside the requested range (none without a range)."""
        if request.year_from is None and request.year_to is None:
            return set()
        low = request.year_from if request.year_from is not None else 0
        high = request.year_to if request.year_to is not None else 9999
        return {v for v in self.fields["year"].values if low <= int(v) <= high}

    def _count(self, base: np.ndarray, masks: dict[str, np.ndarray], request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]:
        result = {}
        # (mask, document numbers) of all filters but one (None: all filters)
        combined: dict[str | None, tuple[np.ndarray, np.ndarray]] = {}
        for facet in FACETS:
            left_out = facet if facet in masks else None
            if left_out not in combined:
                mask = base
                for other, other_mask in masks.items():
                    if other != left_out:
                        mask = mask & other_mask
                combined[left_out] = (mask, np.flatnonzero(mask))
            column = self.fields[facet]
            counts = column.counts(*combined[left_out])
            selected = self.resolve(facet, request.selected(facet), request.staff)[1] if facet != "year" else ()
            # years inside a requested range count as selected (only those listed: a year
            # without visible profiles is not shown)
            marked = set(selected) if facet != "year" else self._years_in_range(request)
            if facet == "year":
                codes = np.flatnonzero(counts)  # values are sorted, so years ascend
            else:
                nonzero = np.flatnonzero(counts)
                if len(nonzero) > 4 * MAX_FACET_VALUES:
                    # only values counted at least as often as the MAX_FACET_VALUES-th can be
                    # listed (all of them, ties included: the order stays that of a full sort)
                    cut = -np.partition(-counts[nonzero], MAX_FACET_VALUES - 1)[MAX_FACET_VALUES - 1]
                    nonzero = nonzero[counts[nonzero] >= cut]
                # by count, then German alphabetical order (the order of the codes)
                codes = nonzero[np.lexsort((nonzero, -counts[nonzero]))][:MAX_FACET_VALUES]
            names = column.values
            values = [FacetValue(names[c], n, names[c] in marked)
                      for c, n in zip(codes.tolist(), counts[codes].tolist(), strict=True)]
            listed = {v.value for v in values}
            for value in selected:
                if value not in listed:
                    code = column.code.get(value)
                    values.append(FacetValue(value, int(counts[code]) if code is not None else 0, True))
            result[facet] = tuple(values)
        return result
