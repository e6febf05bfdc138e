"""Place names for spelling correction: a town's name is a word like any other to the
corrector, but it must never be corrected away, and a typo in it should find the town.

``PlaceNames`` holds the one-word names of every Gemeinde and Kreis of the gazetteer
(``Halle (Westf.)`` also as ``Halle``, ``Bautzen / Budyšin`` as ``Bautzen``) as a spelling
vocabulary of its own, and tells whether a word names a place that must not be corrected:
a Kreis, or a Gemeinde of at least ``PROTECTED_POPULATION`` inhabitants. A village's name
that is one letter from a common word ("Stuer", 400 inhabitants, for "Steuer") is more
often that word mistyped than the village; its name is still a correction candidate.
"""

from __future__ import annotations

import functools
import re

from corpus.gazetteer import Gazetteer, load_gazetteer
from index.compound import default_splitter
from index.folding import fold, umlaut_form
from search.spelling import Vocabulary

PROTECTED_POPULATION = 5_000


class PlaceNames:
    """The gazetteer's one-word place names, folded (``keys``) and as a ``vocabulary``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        names: dict[str, str] = {}
        for place in gazetteer.places:
            plain = re.sub(r"\s*\([^)]*\)", "", place.name.split("/")[0]).strip()
            for name in (place.name, plain):
                if name.isalpha():
                    names.setdefault(fold(name.lower()), name.lower())
        self.keys = frozenset(names)
        self.vocabulary = Vocabulary((name, 0) for name in names.values())

    def known(self, word: str) -> bool:
        """Does ``word`` name a Kreis or a Gemeinde of ``PROTECTED_POPULATION`` or more
        (any spelling the gazetteer matches)? Raises nothing."""
        return any(place.kind == "kreis" or (place.population or 0) >= PROTECTED_POPULATION
                   for place in self.gazetteer.candidates(word))


def looks_like_name(word: str) -> bool:
    """A capitalised word that is no German noun of the dictionary (nouns are capitalised
    too): such a word is more likely a name than any other word. Raises nothing."""
    return word[:1].isupper() and umlaut_form(word.lower()) not in default_splitter().nouns


@functools.cache
def place_names() -> PlaceNames:
    """The place names of the shipped gazetteer, read once per process (about 1.5 s).
    Raises OSError or ValueError as ``load_gazetteer`` does."""
    return PlaceNames(load_gazetteer())
