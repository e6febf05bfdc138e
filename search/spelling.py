"""Spelling candidates from an in-memory vocabulary, fast for any input.

Whoosh's ``terms_within`` walks a Levenshtein automaton through the term index: about
0.5 s per long unknown word at 10,000 profiles, so a query of 30 random words took
seconds. Here the vocabulary (folded word → its written form and document frequency)
sits in memory with a trigram index. A word within ``k`` edits of the query shares at
least one of the query's ``k + 1`` segments exactly (pigeonhole; ``segments`` also
covers transpositions across a cut), so only words containing a segment are compared,
with the optimal-string-alignment distance.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from index.folding import fold, fold_letters


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (insertions, deletions, substitutions and
    transpositions of neighbours cost 1), or ``limit + 1`` when it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    """1 edit from 4 letters, 2 from 8; none for shorter words."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


class Near(NamedTuple):
    """A vocabulary word near a typed one: its edit ``distance``, folded ``key``, form as
    ``written`` and document frequency ``df``."""

    distance: int
    key: str
    written: str
    df: int


class Vocabulary:
    """Written words with their document frequency, searchable by spelling distance."""

    def __init__(self, words: Iterable[tuple[str, int]], previous: Vocabulary | None = None) -> None:
        """``previous``: the vocabulary of the generation before (an update changes few
        words): its letter-pair index is taken over and only the words it lacks are
        added (words it has that are gone stay indexed but are never found). Raises
        nothing."""
        best: dict[str, tuple[str, int]] = {}
        for written, df in words:
            key = fold(written)
            if key not in best or df > best[key][1]:
                best[key] = (written, df)
        self.entries = best
        if previous is None:
            self.keys: list[str] = []
            self.by_gram: dict[str, list[int]] = defaultdict(list)
            self._numbers: dict[str, int] = {}
        else:
            # copies: the previous generation's vocabulary may still be in use
            self.keys = list(previous.keys)
            self.by_gram = defaultdict(list, previous.by_gram)
            self._numbers = previous._numbers
        added = [key for key in best if key not in self._numbers]
        if previous is not None and added:
            self._numbers = dict(self._numbers)
        touched: set[str] = set()
        for key in added:
            number = len(self.keys)
            self.keys.append(key)
            self._numbers[key] = number
            for gram in {key[i : i + 2] for i in range(len(key) - 1)}:
                if previous is not None and gram not in touched:
                    self.by_gram[gram] = list(self.by_gram[gram])  # not the previous one's list
                    touched.add(gram)
                self.by_gram[gram].append(number)

    def __contains__(self, word: str) -> bool:
        return fold(word.lower()) in self.entries

    def closest(self, word: str) -> str | None:
        """The written form of the closest vocabulary word within the allowed distance
        (ties: more documents, then alphabetical), or None. The typed word is compared
        folded and with its ``ae/oe/ue`` kept as letters: a letter pair a typo made can
        read as an umlaut (``Stuer`` folds to ``stur``, two edits from ``steuer``, one
        as typed). Raises nothing."""
        found = self.nearest(word)
        return min(found, key=lambda m: (m.distance, -m.df, m.written)).written if found else None

    def nearest(self, word: str) -> list[Near]:
        """Every vocabulary word within the allowed distance of ``word`` (compared as
        ``closest`` compares), other than the word itself, once each with its smallest
        distance. Raises nothing."""
        lower = word.lower()
        query = fold(lower)
        best: dict[str, int] = {}
        for form in dict.fromkeys((query, fold_letters(lower))):
            limit = allowed_distance(form)
            if not limit or not form.isalpha():
                continue
            for number in self._candidates(form, limit):
                key = self.keys[number]
                if key == query or abs(len(key) - len(form)) > limit or key not in self.entries:
                    continue
                distance = edit_distance(form, key, limit)
                if distance <= limit and distance < best.get(key, limit + 1):
                    best[key] = distance
        return [Near(distance, key, *self.entries[key]) for key, distance in best.items()]

    def _candidates(self, query: str, limit: int) -> set[int]:
        """Numbers of the words containing one of the query's segments no more than
        ``limit`` letters away from where it stands in the query: every word within
        ``limit`` edits of ``query`` is among them (see ``segments``)."""
        found: set[int] = set()
        for segment, start in segments(query, limit):
            low, high = max(start - limit, 0), start + limit + len(segment)
            # a word containing the segment contains each of its letter pairs: walk the
            # pair with the fewest words
            pairs = [self.by_gram.get(segment[i : i + 2], ()) for i in range(len(segment) - 1)]
            for number in min(pairs, key=len):
                if number not in found and self.keys[number].find(segment, low, high) >= 0:
                    found.add(number)
        return found


def segments(query: str, limit: int) -> set[tuple[str, int]]:
    """(substring, where it starts) pairs of which every word within ``limit`` edits of
    ``query`` contains one, shifted by at most ``limit`` letters.

    ``query`` is cut into ``limit + 1`` segments of at least two letters: an insertion,
    deletion or substitution touches one segment, so one is left intact (pigeonhole), and
    the edits before it move it by at most ``limit``. A transposition across a cut touches
    two; so the segments of the query with the letters at any set of cuts swapped count
    too (with ``s`` cuts swapped, the other at most ``limit - s`` edits leave one of the
    ``limit + 1`` segments intact)."""
    size = len(query) // (limit + 1)
    cuts = [i * size for i in range(1, limit + 1)]
    bounds = [0, *cuts, len(query)]
    found: set[tuple[str, int]] = set()
    for chosen in range(1 << len(cuts)):
        letters = list(query)
        for bit, cut in enumerate(cuts):
            if chosen >> bit & 1:
                letters[cut - 1], letters[cut] = letters[cut], letters[cut - 1]
        variant = "".join(letters)
        found.update((variant[start:end], start) for start, end in itertools.pairwise(bounds))
    return found
