"""Suggestions for the search box from the visible profiles: keywords, places, titles."""

from __future__ import annotations

import re

import numpy as np

from index.folding import fold
from search.facets import FacetTable

KINDS = ("keyword", "place", "title")


def _key(text: str) -> str:
    return fold(text.lower())


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
        ranked = []
        for folded, words, original, kind, count in self.entries:
            if folded.startswith(key):
                ranked.append((0, KINDS.index(kind), -count, original, kind))
            elif any(word.startswith(key) for word in words) or (" " in key and key in folded):
                ranked.append((1, KINDS.index(kind), -count, original, kind))
        ranked.sort()
        return [{"text": original, "kind": kind} for _, _, _, original, kind in ranked[:limit]]
