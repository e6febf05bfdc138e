"""Vocabulary checks and spelling corrections ("Meinten Sie …"), per visibility.

Public requests only ever see the vocabulary of public profiles: a word that occurs only
in private profiles is neither "known" nor offered as a correction. One ``Corrector`` per
generation and audience, whichever engine stores the generation.

Places are words of their own kind: a word that names a Gemeinde or Kreis is never
corrected (into a German word it resembles or another town), and a word that looks like a
name (capitalised, no dictionary noun) prefers a place the profiles name among the words
as near, and the gazetteer's places when the profiles have nothing near.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable

from search.place_names import PlaceNames, looks_like_name, place_names
from search.scoring import Scorer
from search.spelling import Vocabulary

# Vocabulary checks and corrections kept per generation and audience.
KNOWN_CACHE = 50_000
CORRECT_CACHE = 20_000


class Corrector:
    """``known(token)`` and ``correct(word)`` against one generation, for public or staff:
    ``scorer`` counts the documents the requester may see; ``words()`` reads their
    written words with counts (the engine's spelling vocabulary, read on first use)."""

    def __init__(self, scorer: Scorer, words: Callable[[], Iterable[tuple[str, int]]],
                 places: Callable[[], PlaceNames] = place_names, previous: Corrector | None = None) -> None:
        """``previous``: the corrector of the generation before, whose vocabulary (if
        built) the new one is built on (``Vocabulary``'s ``previous``)."""
        self._previous = previous._vocabulary if previous is not None else None
        self.scorer = scorer
        self._words = words
        self._places = places
        self._vocabulary: Vocabulary | None = None
        self._lock = threading.Lock()
        self.known = functools.lru_cache(maxsize=KNOWN_CACHE)(self._known)
        self.correct = functools.lru_cache(maxsize=CORRECT_CACHE)(self._correct)

    @property
    def vocabulary(self) -> Vocabulary:
        """The visible words, built once on first use. Raises what ``words`` raises."""
        if self._vocabulary is None:
            with self._lock:
                if self._vocabulary is None:
                    self._places()  # the gazetteer is read once, not inside a search's time limit
                    self._vocabulary = Vocabulary(self._words(), self._previous)
                    self._previous = None
        return self._vocabulary

    def _known(self, token: str) -> bool:
        """Does the analyzed ``token`` occur in a document this requester may see?"""
        return self.scorer.known(token)

    def _correct(self, word: str) -> str | None:
        """The closest visible word within the allowed distance, or None; None for a
        place name. For a word that looks like a name: a place among the visible words
        before other words as near, the gazetteer's places only when no visible word is
        near (a town no profile names finds nothing, but "Meinten Sie" names it right)."""
        places = self._places()
        if places.known(word):
            return None
        if not looks_like_name(word):
            return self.vocabulary.closest(word)
        ranked = [(False, m.distance, m.key not in places.keys, -m.df, m.written)
                  for m in self.vocabulary.nearest(word)]
        if not ranked:
            ranked = [(True, m.distance, False, 0, m.written) for m in places.vocabulary.nearest(word)]
        return min(ranked)[-1] if ranked else None
