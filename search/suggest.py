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

    def __init__(self, entries: list[tuple[str, tuple[str, ...], str, str, int]]) -> None:
        self.entries = entries

    @classmethod
    def from_counts(cls, counts: dict[str, dict[str, int]], titles: list[str]) -> Suggester:
        """Entries from value → number of profiles per kind (``keyword``, ``place``) and
        the visible titles."""
        entries = [cls._entry(value, kind, count) for kind in ("keyword", "place") for value, count in counts.get(kind, {}).items()]
        entries += [cls._entry(title, "title", 1) for title in titles if title]
        return cls(entries)

    @classmethod
    def from_table(cls, table: FacetTable, staff: bool) -> Suggester:
        """Entries of the profiles visible to public or staff in a facet table."""
        visible = table.visible(staff)
        counts: dict[str, dict[str, int]] = {}
        for kind, facets in (("keyword", ("keyword",)), ("place", ("participant", "lead"))):
            seen = counts.setdefault(kind, {})
            for facet in facets:
                column = table.fields[facet]
                found = column.counts(visible)
                for code in np.flatnonzero(found):
                    value = column.values[code]
                    seen[value] = max(seen.get(value, 0), int(found[code]))
        return cls.from_counts(counts, [table.titles[d] for d in np.flatnonzero(visible) if table.titles[d]])

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
