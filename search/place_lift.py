"""A place named in the query lifts the cooperations in which it takes part.

"Lippstadt Abfall" asks for Lippstadt's waste cooperations first, not for the best waste
cooperation that mentions Lippstadt somewhere. Runs of one or two query words that name a
Gemeinde or Kreis (``Lippstadt``, ``Kreis Soest``, ``Bad Salzuflen``) are resolved to every
gazetteer place they may mean; a matching cooperation in which one of them is lead or
participant (or, for a named Kreis, the lead lies in it) has its score raised by
``PLACE_LIFT``, one whose participants include the Kreis of a named town by half of it.
Nothing is filtered: a cooperation without the place keeps its score and its place.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from corpus.gazetteer import Gazetteer
from search.columns import MultiColumn, SingleColumn
from search.facets import FacetTable
from search.place_names import PlaceNames, looks_like_name

# Fused with the semantic layer, a strong topical match elsewhere scores up to twice the
# best lexical hit (``search.semantic``): the lift must outweigh that. 2.0 (×3) and 4.0 (×5)
# gave identical figures on the judged place queries (bundled, tests/dev); ×3 let a profile
# that merely mentions the town outrank the town's own (tests/search/test_place_lift.py).
PLACE_LIFT = 4.0
# Share of the lift for a cooperation of the Kreis a named town lies in.
KREIS_SHARE = 0.5
# Facet columns whose values are places: who takes part, who leads, the lead's Kreis.
PLACE_COLUMNS = ("participant", "lead", "district")
# Words that are places and common German words alike ("Essen", "Wald") name the place
# only when written as names; these never do (parts of names, not names).
_NEVER_ALONE = frozenset({"bad", "kreis", "landkreis", "stadt", "gemeinde", "sankt", "st"})


def named_places(words: Sequence[str], names: PlaceNames) -> list[frozenset[str]]:
    """The gazetteer keys each place named in ``words`` may mean, left to right: two
    words naming a place together before each alone; a lower-case word that is also a
    German noun ("essen", "wald") is no name. Raises nothing."""
    return [keys for _, _, keys in _place_spans(words, names)]


def without_places(words: Sequence[str], names: PlaceNames) -> tuple[str, ...]:
    """``words`` without those that name a place (what a query asks about, not where: the
    semantic layer encodes this, and the place lift does the "where"). Raises nothing."""
    named = {index for start, size, _ in _place_spans(words, names) for index in range(start, start + size)}
    return tuple(word for index, word in enumerate(words) if index not in named)


def _place_spans(words: Sequence[str], names: PlaceNames) -> list[tuple[int, int, frozenset[str]]]:
    """(first word, number of words, keys) of each place named in ``words``."""
    found: list[tuple[int, int, frozenset[str]]] = []
    index = 0
    while index < len(words):
        for size in (2, 1):
            span = words[index : index + size]
            if len(span) < size or (size == 1 and span[0].lower() in _NEVER_ALONE):
                continue
            text = " ".join(span)
            if size == 1 and not span[0][:1].isupper() and not looks_like_name(span[0].capitalize()):
                continue
            places = names.gazetteer.candidates(text)
            if places:
                found.append((index, size, frozenset(place.key for place in places)))
                index += size
                break
        else:
            index += 1
    return found


class PlaceLift:
    """Per generation: which documents hold each gazetteer place in a place column."""

    def __init__(self, table: FacetTable, gazetteer: Gazetteer) -> None:
        self.table = table
        self.gazetteer = gazetteer
        self._codes: dict[str, dict[str, list[int]]] = {}  # column → place key → value codes
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Resolve every place column's values now (a service's warm-up), not in the first
        search that names a place. Raises nothing."""
        for name in PLACE_COLUMNS:
            self._by_key(name)

    def _by_key(self, name: str) -> dict[str, list[int]]:
        """Place key → the codes of the column's values that may mean it (built once)."""
        found = self._codes.get(name)
        if found is None:
            found = {}
            for code, value in enumerate(self.table.fields[name].values):
                for place in self.gazetteer.candidates(value):
                    found.setdefault(place.key, []).append(code)
            with self._lock:
                self._codes[name] = found
        return found

    def holding(self, keys: frozenset[str]) -> np.ndarray:
        """The documents in which one of the places ``keys`` takes part or leads, or
        whose lead lies in one of them when it is a Kreis."""
        mask = np.zeros(self.table.size, dtype=bool)
        for name in PLACE_COLUMNS:
            column: SingleColumn | MultiColumn = self.table.fields[name]
            by_key = self._by_key(name)
            codes = tuple(code for key in keys for code in by_key.get(key, ()))
            if codes:
                mask |= column.mask(codes)
        return mask

    def lift(self, scores: np.ndarray, words: Sequence[str], names: PlaceNames) -> np.ndarray:
        """``scores`` with the documents of the places named in ``words`` lifted (a new
        array; the same one when no place is named). NaN (no match) stays NaN. Raises nothing."""
        factor = np.ones(self.table.size)
        for keys in named_places(words, names):
            factor = np.maximum(factor, np.where(self.holding(keys), 1 + PLACE_LIFT, 1.0))
            # a Gemeinde's key begins with its Kreis's
            kreise = frozenset(key[:5] for key in keys if self.gazetteer.by_key[key].kind == "gemeinde")
            if kreise:
                factor = np.maximum(factor, np.where(self.holding(kreise), 1 + PLACE_LIFT * KREIS_SHARE, 1.0))
        return scores if (factor == 1).all() else scores * factor
