"""Vocabulary checks and spelling corrections ("Meinten Sie …"), per visibility.

Public requests only ever see the vocabulary of public profiles: a word that occurs only
in private profiles is neither "known" nor offered as a correction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from index.spelling import SpellingCounts
from search.scoring import Scorer
from search.spelling import Vocabulary


class Corrector:
    """``known(token)`` and ``correct(word)`` against one generation, for public or staff:
    ``scorer`` counts the documents the requester may see."""

    def __init__(self, scorer: Scorer, *, staff: bool, counts: Callable[[], SpellingCounts]) -> None:
        self.scorer = scorer
        self.staff = staff
        self._counts = counts
        self._vocabulary: Vocabulary | None = None
        self.known = functools.lru_cache(maxsize=50_000)(self._known)
        self.correct = functools.lru_cache(maxsize=20_000)(self._correct)

    @property
    def vocabulary(self) -> Vocabulary:
        """The visible words, built on first use from the generation's spelling counts."""
        if self._vocabulary is None:
            counts = self._counts()
            self._vocabulary = Vocabulary((counts.all if self.staff else counts.public).items())
        return self._vocabulary

    def _known(self, token: str) -> bool:
        """Does the analyzed ``token`` occur in a document this requester may see?"""
        return self.scorer.known(token)

    def _correct(self, word: str) -> str | None:
        """The closest visible word within the allowed distance, or None."""
        return self.vocabulary.closest(word)
