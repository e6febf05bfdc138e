"""Vocabulary checks and spelling corrections ("Meinten Sie …"), per visibility.

Public requests only ever see the vocabulary of public profiles: a word that occurs only
in private profiles is neither "known" nor offered as a correction.
"""

from __future__ import annotations

import functools

from whoosh.searching import Searcher

from index.folding import fold
from index.schema import TEXT_FIELDS
from search.facets import FacetTable


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and
    transpositions of neighbours cost 1 (``feuerwher`` → ``feuerwehr`` is 1)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    """1 edit from 4 letters, 2 from 8; none for shorter words."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


class Corrector:
    """``known(token)`` and ``correct(word)`` against one generation, for public or staff."""

    def __init__(self, searcher: Searcher, table: FacetTable, *, staff: bool) -> None:
        self.reader = searcher.reader()
        self.visible = table.visible(staff)
        self.staff = staff
        self.spell_field = "spell_all" if staff else "spell_public"
        self.known = functools.lru_cache(maxsize=50_000)(self._known)
        self.correct = functools.lru_cache(maxsize=20_000)(self._correct)

    def _known(self, token: str) -> bool:
        """Does the analyzed ``token`` occur in a document this requester may see?"""
        for name in TEXT_FIELDS:
            if self.reader.doc_frequency(name, token) == 0:
                continue
            if self.staff:
                return True
            for docnum in self.reader.postings(name, token).all_ids():
                if self.visible[docnum]:
                    return True
        return False

    def _correct(self, word: str) -> str | None:
        """The closest visible word within the allowed distance, or None."""
        lower = word.lower()
        limit = allowed_distance(lower)
        if not limit or not lower.isalpha():
            return None
        folded = fold(lower)
        best: tuple[int, int, str] | None = None
        for candidate in self.reader.terms_within(self.spell_field, lower, limit + 1):
            if candidate == lower:
                continue
            distance = edit_distance(folded, fold(candidate))
            if distance == 0 or distance > limit:
                continue
            rank = (distance, -self.reader.doc_frequency(self.spell_field, candidate), candidate)
            if best is None or rank < best:
                best = rank
        return best[2] if best else None
