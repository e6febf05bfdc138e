"""Per-document facet values as numpy arrays, merged from the per-segment columns written
with the index (``index.columns``): one code per document (``SingleColumn``) or CSR rows of
codes (``MultiColumn``). Counting is one ``bincount``; the same arrays give filter masks.
"""

from __future__ import annotations

import functools

import numpy as np

from index.folding import german_order

# German sort keys of facet values, kept across generations: a new generation's columns
# are merged from its segments' (``merge``), and their values are mostly the same.
_order = functools.lru_cache(maxsize=200_000)(german_order)
# A part of the documents is "selective" below 1/SELECTIVE of them: then working on that
# part (gathering its rows, partitioning its scores) beats a pass over every document.
SELECTIVE = 4


class SingleColumn:
    """One value (or none) per document."""

    def __init__(self, codes: np.ndarray, values: list[str]) -> None:
        """``codes`` index ``values`` (sorted in German order); -1 for no value."""
        self.values = values
        self.code = {value: index for index, value in enumerate(values)}
        self.codes = codes
        self._shifted = (codes + 1).astype(np.intp)  # 0 for no value; bincount's own type

    @classmethod
    def merge(cls, parts: list[tuple[np.ndarray, list[str], np.ndarray]]) -> SingleColumn:
        """One column from per-segment (codes, values, deleted) parts; values of deleted
        documents are dropped."""
        union = sorted({v for _, values, _ in parts for v in values}, key=_order)
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


class MultiColumn:
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
    def merge(cls, parts: list[tuple[np.ndarray, np.ndarray, list[str], np.ndarray]]) -> MultiColumn:
        """One column from per-segment (flat, lengths, values, deleted) parts; rows of
        deleted documents are emptied."""
        union = sorted({v for _, _, values, _ in parts for v in values}, key=_order)
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

    @functools.cached_property
    def first(self) -> np.ndarray:
        """Each row's first code (the order the document gives its values; -1 for none):
        a task area facet's primary area."""
        if not len(self.flat):
            return np.full(self.size, -1, dtype=np.int32)
        heads = self.flat[np.minimum(self.starts, len(self.flat) - 1)]
        return np.where(self.lengths > 0, heads, -1).astype(np.int32)

    def counts(self, mask: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray:
        """Documents per value among ``mask`` (whose numbers ``docs`` are, if known)."""
        docs = np.flatnonzero(mask) if docs is None else docs
        if len(docs) * SELECTIVE < self.size:
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
