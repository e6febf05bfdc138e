"""Suggestions for the search box from the visible profiles: keywords, places, titles."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator

import numpy as np

from index.folding import fold
from search.facets import FacetTable

KINDS = ("keyword", "place", "title")


def _key(text: str) -> str:
    return fold(text.lower())


@functools.lru_cache(maxsize=200_000)
def _analysed(text: str) -> tuple[str, tuple[str, ...]]:
    """A text's folded key and its words, kept across generations (an update's
    suggestions are made of the same keywords, places and titles but a few)."""
    key = _key(text)
    return key, tuple(re.findall(r"\w+", key))


def _prefixed(pairs: list[tuple[str, int]], prefix: str) -> Iterator[int]:
    """Entry numbers of the sorted ``(text, number)`` pairs whose text starts with ``prefix``."""
    for text, number in itertools.islice(pairs, bisect.bisect_left(pairs, (prefix,)), None):
        if not text.startswith(prefix):
            return
        yield number


def _prefixed_words(words: list[str], prefix: str) -> Iterator[str]:
    """The words of the sorted ``words`` that start with ``prefix``."""
    for word in itertools.islice(words, bisect.bisect_left(words, prefix), None):
        if not word.startswith(prefix):
            return
        yield word


class Suggester:
    """Completion entries of one generation for one visibility (public or staff)."""

    def __init__(self, entries: list[tuple[str, tuple[str, ...], str, str, int]]) -> None:
        self.entries = entries
        # sorted views for prefix lookups by bisection instead of a scan over every entry
        self._texts = sorted((folded, number) for number, (folded, *_) in enumerate(entries))
        self._by_word: dict[str, list[int]] = {}  # word → entries holding it
        for number, (_, words, *_) in enumerate(entries):
            for word in dict.fromkeys(words):
                self._by_word.setdefault(word, []).append(number)
        self._words = sorted(self._by_word)

    @classmethod
    def from_counts(cls, counts: dict[str, dict[str, int]], titles: list[str]) -> Suggester:
        """Entries from value → number of profiles per kind (``keyword``, ``place``) and
        the visible titles."""
        entries = [cls._entry(value, kind, count)
                   for kind in ("keyword", "place") for value, count in counts.get(kind, {}).items()]
        # a title shared by several profiles is one entry, counted like the others
        entries += [cls._entry(title, "title", count) for title, count in Counter(t for t in titles if t).items()]
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
        return *_analysed(text), text, kind, count

    def suggest(self, text: str, limit: int = 8) -> list[dict[str, object]]:
        """Entries whose text, or one of whose words, starts with ``text`` (folded), or, when
        ``text`` has several words, in which each of them begins a word:
        whole-text prefixes first, then keywords before places before titles, then by
        number of profiles. Nothing for fewer than two characters."""
        key = _key(" ".join(text.split()))
        if len(key) < 2:
            return []
        whole = set(_prefixed(self._texts, key))
        partial = {number for word in _prefixed_words(self._words, key) for number in self._by_word[word]}
        if " " in key:  # several words typed: also where they occur inside a text
            partial.update(n for n, (folded, *_) in enumerate(self.entries) if key in folded)
            # ... or where each typed word begins a word of the text ("feuerwehr kle" → "Feuerwehrausbildung
            # im Kreis Kleve"), the last one probably unfinished
            matching = [{n for word in _prefixed_words(self._words, typed) for n in self._by_word[word]}
                        for typed in dict.fromkeys(re.findall(r"\w+", key))]
            if matching:
                partial.update(set.intersection(*matching))
        ranked = []
        for group, numbers in ((0, whole), (1, partial - whole)):
            for number in numbers:
                _, _, original, kind, count = self.entries[number]
                ranked.append((group, KINDS.index(kind), -count, original, kind))
        ranked.sort()
        return [{"text": original, "kind": kind} for _, _, _, original, kind in ranked[:limit]]
