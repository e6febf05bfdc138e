"""Vocabulary checks and spelling corrections ("Meinten Sie …"), per visibility.

Public requests only ever see the vocabulary of public profiles: a word that occurs only
in private profiles is neither "known" nor offered as a correction. One ``Corrector`` per
generation and audience, whichever engine stores the generation.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable

from search.scoring import Scorer
from search.spelling import Vocabulary

# Vocabulary checks and corrections kept per generation and audience.
KNOWN_CACHE = 50_000
CORRECT_CACHE = 20_000


class Corrector:
    """``known(token)`` and ``correct(word)`` against one generation, for public or staff:
    ``scorer`` counts the documents the requester may see; ``words()`` reads their
    written words with counts (the engine's spelling vocabulary, read on first use)."""

    def __init__(self, scorer: Scorer, words: Callable[[], Iterable[tuple[str, int]]]) -> None:
        self.scorer = scorer
        self._words = words
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
                    self._vocabulary = Vocabulary(self._words())
        return self._vocabulary

    def _known(self, token: str) -> bool:
        """Does the analyzed ``token`` occur in a document this requester may see?"""
        return self.scorer.known(token)

    def _correct(self, word: str) -> str | None:
        """The closest visible word within the allowed distance, or None."""
        return self.vocabulary.closest(word)
