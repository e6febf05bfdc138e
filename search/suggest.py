"""Suggestions for the search box from the visible profiles: keywords, places, titles."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

import numpy as np

from index.folding import fold
from search.facets import FacetTable

KINDS = ("keyword", "place", "title")


def _key(text: str) -> str:
    return fold(text.lower())


def _prefixed(pairs: list[tuple[str, int]], prefix: str) -> Iterator[int]:
    """Entry numbers of the sorted ``(text, number)`` pairs whose text starts with ``prefix``."""
    for text, number in itertools.islice(pairs, bisect.bisect_left(pairs, (prefix,)), None):
        if not text.startswith(prefix):
            return
        yield number


class Suggester:
    """Completion entries of one generation for one visibility (public or staff)."""

    def __init__(self, table: FacetTable, staff: bool) -> None:
        visible = table.visible(staff)
        entries: list[tuple[str, tuple[str, ...], str, str, int]] = []
        for kind, facets in (("keyword", ("keyword",)), ("place", ("participant", "lead"))):
            seen: dict[str, int] = {}
            for facet in facets:
                column = table.fields[facet]
                counts = column.counts(visible)
                for code in np.flatnonzero(counts):
                    value = column.values[code]
                    seen[value] = max(seen.get(value, 0), int(counts[code]))
            for value, count in seen.items():
                entries.append(self._entry(value, kind, count))
        for docnum in np.flatnonzero(visible):
            title = table.titles[docnum]
            if title:
                entries.append(self._entry(title, "title", 1))
        self.entries = entries
        # sorted views for prefix lookups by bisection instead of a scan over every entry
        self._texts = sorted((folded, number) for number, (folded, *_) in enumerate(entries))
        self._words = sorted({(word, number) for number, (_, words, *_) in enumerate(entries) for word in words})

    @staticmethod
    def _entry(text: str, kind: str, count: int) -> tuple[str, tuple[str, ...], str, str, int]:
        key = _key(text)
        return key, tuple(re.findall(r"\w+", key)), text, kind, count

    def suggest(self, text: str, limit: int = 8) -> list[dict[str, object]]:
        """Entries whose text, or one of whose words, starts with ``text`` (folded):
        whole-text prefixes first, then keywords before places before titles, then by
        number of profiles. Nothing for fewer than two characters."""
        key = _key(" ".join(text.split()))
        if len(key) < 2:
            return []
        whole = set(_prefixed(self._texts, key))
        partial = set(_prefixed(self._words, key))
        if " " in key:  # several words typed: also where they occur inside a text
            partial.update(n for n, (folded, *_) in enumerate(self.entries) if key in folded)
        ranked = []
        for group, numbers in ((0, whole), (1, partial - whole)):
            for number in numbers:
                _, _, original, kind, count = self.entries[number]
                ranked.append((group, KINDS.index(kind), -count, original, kind))
        ranked.sort()
        return [{"text": original, "kind": kind} for _, _, _, original, kind in ranked[:limit]]
