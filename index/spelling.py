"""The spelling vocabulary of an index generation: written words and their document
frequencies, for public profiles and for all, kept in ``spelling.json`` beside the index.

Whoosh fields for this doubled the postings written per profile (and the build time);
a plain word count per visibility is all that corrections need. Each document stores
its own words (``spell``) so that updates can adjust the counts.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from corpus import Profile
from index.schema import spelling_analyzer

SPELLING_FILE = "spelling.json"
_ANALYZER = spelling_analyzer()


def spelling_words(profile: Profile) -> list[str]:
    """The distinct lower-case written words of a profile (title, keywords, places, texts)."""
    places = [*profile.participants, *([profile.lead] if profile.lead else [])]
    text = "\n".join([profile.title, *profile.keywords, *places, *profile.sections.values()])
    return sorted({token.text for token in _ANALYZER(text) if token.text.isalpha()})


class SpellingCounts:
    """Document frequencies of words, for public profiles and for all profiles."""

    def __init__(self, public: dict[str, int] | None = None, everyone: dict[str, int] | None = None) -> None:
        self.public: Counter[str] = Counter(public or {})
        self.all: Counter[str] = Counter(everyone or {})

    def add(self, words: Iterable[str], private: bool, sign: int = 1) -> None:
        """Count (``sign`` 1) or discount (``sign`` -1) one document's words."""
        for word in words:
            self.all[word] += sign
            if not private:
                self.public[word] += sign
        if sign < 0:
            self.all = +self.all  # drop zero counts
            self.public = +self.public

    def write(self, directory: Path) -> None:
        """Write ``spelling.json`` atomically. Raises OSError."""
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".spelling-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"public": self.public, "all": self.all}, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, directory / SPELLING_FILE)

    @classmethod
    def read(cls, directory: Path) -> SpellingCounts:
        """The counts of a generation; empty when the file is missing (no corrections)."""
        try:
            data = json.loads((directory / SPELLING_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        return cls(data.get("public"), data.get("all"))
