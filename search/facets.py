"""Facet counts and filters from per-document value arrays.

Whoosh's ``groupedby`` walks Python objects per matching document; here every facet
field is loaded once per index generation into numpy arrays (``search.columns``: document
→ value code, or CSR rows for multi-valued fields; merged from the per-segment columns
written with the index, see ``index.columns``), and counts are one ``bincount`` over the
matching documents. The same arrays give the filter masks. Counting is disjunctive: each
facet is counted with every filter applied except its own (OR within a facet, AND across
facets). What each facet selects, filters and lists is its kind's (``search.facet_types``).
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections.abc import Callable, Mapping
from typing import Protocol

import numpy as np

from index.columns import SegmentColumns, title_order
from index.folding import fold
from search.columns import SELECTIVE, MultiColumn, SingleColumn
from search.facet_aliases import PLACE_FACETS, bare_key
from search.facet_types import FACET_TYPES, MAX_FACET_VALUES, NO_NUMBER, VALUE_FACETS, FacetValue
from search.model import InvalidRequest, SearchRequest, SearchResult

__all__ = ["MAX_FACET_VALUES", "FacetTable", "facet_key", "facet_values"]
# Where sorting by year puts documents without one: after every year (newest and oldest first).
AFTER_EVERY_YEAR = 10_000
# Filter masks kept per generation (a mask of 100,000 documents is 100 KB).
MASK_CACHE = 256


def facet_key(value: str) -> str:
    """What a facet filter value is compared by: case, spacing and umlaut spelling do not
    matter (``münster``, ``Muenster`` and ``Münster`` select ``Münster``). Raises nothing."""
    return fold(" ".join(value.casefold().split()))


def title_rank(size: int, segments: list[tuple[int, SegmentColumns, np.ndarray]]) -> np.ndarray:
    """Every document's place in German alphabetical order of titles (the titles' sort
    keys; ties by document number). Each segment's own order is written with its columns
    (or sorted once and kept with them: ``SegmentColumns.derived``); the segments' orders
    are then merged by binary searches of each in the others' sorted keys. Raises nothing."""
    runs = []
    for offset, columns, _ in segments:
        run = columns.derived.get("title_order")
        if run is None:
            local = columns.title_order if columns.title_order is not None else title_order(columns.title_keys)
            keys = np.array(columns.title_keys, dtype=object)  # compared as Python strings
            run = columns.derived["title_order"] = (local, keys[local] if len(local) else keys)
        runs.append((offset, *run))
    positions = [np.arange(len(local), dtype=np.int64) for _, local, _ in runs]
    for first, (_, _, earlier) in enumerate(runs):
        for second in range(first + 1, len(runs)):
            later = runs[second][2]
            # per key of the later segment, the earlier segment's keys up to it (equal ones
            # come first: smaller document numbers) ...
            before = np.searchsorted(earlier, later, side="right").astype(np.int64)
            positions[second] += before
            # ... and so per key of the earlier one, the later segment's keys below it
            positions[first] += np.cumsum(np.bincount(before, minlength=len(earlier) + 1))[:len(earlier)]
    rank = np.empty(size, dtype=np.int64)
    for (offset, local, _), position in zip(runs, positions, strict=True):
        rank[offset + local] = position
    return rank


class Searcher(Protocol):
    def search(self, request: SearchRequest) -> SearchResult: ...


def facet_values(service: Searcher, request: SearchRequest, name: str, prefix: str = "") -> tuple[FacetValue, ...]:
    """Every value of value facet ``name`` with its count for ``request`` (its query and
    every filter but the facet's own, as the search page counts it), by count, then German
    alphabetical order; with ``prefix``, only values one of whose words (or the whole
    value) begins with it, case and umlaut spelling ignored (``soe`` finds ``Kreis
    Soest``). Selected values are always listed. Raises InvalidRequest
    (``unknown_facet``) for a name that is no value facet, and what ``search`` raises."""
    names = [kind.name for kind in VALUE_FACETS]
    if name not in names:
        raise InvalidRequest("unknown_facet", value=name, choices=", ".join(names))
    result = service.search(dataclasses.replace(request, page=1, per_page=1, expand=name))
    wanted = facet_key(prefix)
    if not wanted:
        return result.facets[name]
    return tuple(value for value in result.facets[name] if value.selected or _begins(value.value, wanted))


def _begins(value: str, wanted: str) -> bool:
    key = facet_key(value)
    return key.startswith(wanted) or any(word.startswith(wanted) for word in key.replace("-", " ").split())


class FacetTable:
    """Facet arrays of one index generation, indexed by Whoosh document number."""

    def __init__(self, size: int, segments: list[tuple[int, SegmentColumns, np.ndarray]],
                 added: Callable[[], Mapping[str, str]] | None = None) -> None:
        """``segments``: (document offset, columns, deleted mask) per segment, in
        document order, as ``index.columns.load_columns`` reads them; ``added``: reads
        when each profile (by id) entered the index, for ``sort=added`` (called once,
        when first sorted so)."""
        self.size = size
        self._added = added
        deleted = np.concatenate([gone for _, _, gone in segments]) if segments else np.zeros(0, dtype=bool)
        self.live = ~deleted
        self.private = (np.concatenate([c.private for _, c, _ in segments]) if segments else deleted) & self.live
        year = np.concatenate([c.year for _, c, _ in segments]) if segments else np.zeros(0, dtype=np.int32)
        self.year = np.where(self.live, year, NO_NUMBER).astype(np.int32)  # for the sorts by year
        # whole lists at once, then the few deleted documents blanked: no Python step per document
        self.ids: list[str | None] = list(itertools.chain.from_iterable(c.ids for _, c, _ in segments))
        self.titles: list[str | None] = list(itertools.chain.from_iterable(c.titles for _, c, _ in segments))
        for doc in np.flatnonzero(deleted).tolist():
            self.ids[doc] = self.titles[doc] = None
        self.fields: dict[str, SingleColumn | MultiColumn] = {
            kind.name: kind.column(segments, self.live) for kind in FACET_TYPES}
        self.docnum = dict(zip(self.ids, range(size), strict=True))  # live ids are unique
        self.docnum.pop(None, None)  # type: ignore[call-overload]
        # deleted documents keep their place: sorts list matching (live) documents only
        self.title_rank = title_rank(size, segments)
        public = self.live & ~self.private
        for mask in (self.live, public):
            mask.flags.writeable = False  # handed out by ``visible``, shared by every request
        self._visible = {True: self.live, False: public}
        self._orders: dict[str, np.ndarray] = {}  # sort → every document in that order
        self._visible_counts: dict[bool, dict[str, tuple[FacetValue, ...]]] = {}
        self._keys: dict[str, dict[str, list[int]]] = {}  # facet → facet_key → value codes
        self._bare: dict[str, dict[str, list[int]]] = {}  # place facet → bare_key → value codes
        self._present: dict[tuple[str, bool], np.ndarray] = {}  # values visible documents hold
        self._masks: dict[tuple, np.ndarray] = {}  # filter masks, read-only, per generation
        self._lock = threading.Lock()

    def rank(self, scores: np.ndarray | None, matching: np.ndarray, request: SearchRequest,
             limit: int) -> list[tuple[int, float]]:
        """(docnum, score) of the first ``limit`` ``matching`` documents in the requested
        order: by score (ties by document) for relevance with a query, else by year
        (newest first for relevance without a query; no year last), title or the date a
        profile entered the index (``added``: newest first). Raises nothing."""
        if request.sort == "relevance" and scores is not None:
            docs = np.flatnonzero(matching)
            if 0 < limit < len(docs) // SELECTIVE:
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
        """Every document number in the order of ``sort`` (title; newest or oldest: by
        year, no year last, then by title; added: by the date a profile entered the index,
        newest first, without one last, then newest by year), computed once per generation:
        a full sort of 100,000 documents per request took 13 ms."""
        order = self._orders.get(sort)
        if order is None:
            if sort == "title":
                order = np.argsort(self.title_rank, kind="stable")
            elif sort == "added":
                dates = self._added() if self._added is not None else {}
                stamps = [dates.get(doc_id, "") if doc_id is not None else "" for doc_id in self.ids]
                # ISO 8601 stamps sort as text; a rank per distinct stamp, 0 for none (last)
                _, rank = np.unique(np.array(["", *stamps]), return_inverse=True)
                newest = self._order("newest")
                position = np.empty(self.size, dtype=np.int64)
                position[newest] = np.arange(self.size)
                order = np.lexsort((position, -rank[1:]))
            else:
                year = self.year.astype(np.int64)
                primary = np.where(year < 0, AFTER_EVERY_YEAR, year if sort == "oldest" else -year)
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
        holds with the same ``facet_key`` (case and umlaut spelling ignored), else, for a
        place facet, with the same ``bare_key`` (``Lippe`` selects ``Kreis Lippe``). A
        value matching nothing stays as typed (no code). Raises KeyError for an unknown
        facet."""
        column = self.fields[facet]
        if not typed:  # every listing asks: no folding of every value of a new generation for it
            return (), ()
        if facet not in self._keys:
            keys: dict[str, list[int]] = {}
            bare: dict[str, list[int]] = {}
            for code, value in enumerate(column.values):
                keys.setdefault(facet_key(value), []).append(code)
                bare.setdefault(bare_key(facet_key(value)), []).append(code)
            self._keys[facet], self._bare[facet] = keys, bare
        if (facet, staff) not in self._present:
            # only values the requester can see are offered in their written form: a
            # private profile's spelling is never shown to the public
            self._present[(facet, staff)] = column.present(self._visible[staff])
        present = self._present[(facet, staff)]
        codes: dict[int, None] = {}
        values: dict[str, None] = {}
        for value in typed:
            exact = column.code.get(value)
            found = ([exact] if exact is not None
                     else [c for c in self._keys[facet].get(facet_key(value), ()) if present[c]])
            if not found and facet in PLACE_FACETS:
                found = [c for c in self._bare[facet].get(bare_key(facet_key(value)), ()) if present[c]]
            codes.update(dict.fromkeys(found))
            values.update(dict.fromkeys([column.values[c] for c in found] or [value]))
        return tuple(codes), tuple(values)

    def filter_masks(self, request: SearchRequest) -> dict[str, np.ndarray]:
        """One mask per constrained facet; read-only, kept per generation (a filter is
        rebuilt only when first used)."""
        masks = {}
        for kind in FACET_TYPES:
            recipe = kind.mask(self, self.fields[kind.name], request)  # type: ignore[arg-type]
            if recipe is not None:
                masks[kind.name] = self._mask(*recipe)
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

    def count(
        self, base: np.ndarray, masks: dict[str, np.ndarray], request: SearchRequest
    ) -> dict[str, tuple[FacetValue, ...]]:
        """Disjunctive counts of every facet over ``base`` (query ∧ visibility) with all
        filters but the facet's own, listed as each facet's kind lists them (a value facet:
        at most ``MAX_FACET_VALUES`` values by count, selected ones always; a range facet:
        every number, ascending). The counts of everything
        visible (the empty query without filters) are computed once per generation."""
        if not masks and not request.expand:  # the cache holds the usual lists, not an expanded one
            for staff, visible in self._visible.items():
                if base is visible:
                    if staff not in self._visible_counts:
                        self._visible_counts[staff] = self._count(base, masks, request)
                    return self._visible_counts[staff]
        return self._count(base, masks, request)

    def _count(
        self, base: np.ndarray, masks: dict[str, np.ndarray], request: SearchRequest
    ) -> dict[str, tuple[FacetValue, ...]]:
        result = {}
        # (mask, document numbers) of all filters but one (None: all filters)
        combined: dict[str | None, tuple[np.ndarray, np.ndarray]] = {}
        for kind in FACET_TYPES:
            left_out = kind.name if kind.name in masks else None
            if left_out not in combined:
                mask = base
                for other, other_mask in masks.items():
                    if other != left_out:
                        mask = mask & other_mask
                combined[left_out] = (mask, np.flatnonzero(mask))
            column = self.fields[kind.name]
            result[kind.name] = kind.values(self, column, column.counts(*combined[left_out]), request)  # type: ignore[arg-type]
        return result
