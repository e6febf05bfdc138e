"""The spelling vocabulary of an index generation: written words and their document
frequencies, for public profiles and for all, kept in ``spelling.json`` beside the index.

Whoosh fields for this doubled the postings written per profile (and the build time);
a plain word count per visibility is all that corrections need. Each document stores
its own words (``spell``) so that updates can adjust the counts.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from whoosh.analysis import Token

from corpus import Profile
from index.analysis import TOKEN_RE
from index.compound import default_splitter
from index.schema import STOPWORDS_UNFOLDED, spelling_analyzer

SPELLING_FILE = "spelling.json"
_ANALYZER = spelling_analyzer()
_TOKENIZER, _FILTERS = _ANALYZER.items[0], _ANALYZER.items[1:]


@functools.lru_cache(maxsize=500_000)
def _spelling_word(text: str) -> str | None:
    """What the spelling analyzer makes of one token (None: a stop word or not a word);
    its filters look at one token at a time, so this is cached per token."""
    token = Token(removestops=True, mode="index")
    token.text, token.boost, token.stopped = text, 1.0, False
    stream = iter([token])
    for item in _FILTERS:
        stream = item(stream)
    words = [t.text for t in stream if t.text.isalpha()]
    return words[0] if words else None


@functools.lru_cache(maxsize=500_000)
def _match_words(text: str) -> frozenset[str]:
    """Spelling words of one tokenizer match (its tokens depend only on its text), with
    the parts of compounds as written (``müll`` and ``abfuhr`` from ``Müllabfuhr``)."""
    words = {_spelling_word(token.text) for token in _TOKENIZER(text, mode="index")}
    words.discard(None)
    splitter = default_splitter()
    for word in list(words):
        words.update(part for part in splitter.written(word) if part not in STOPWORDS_UNFOLDED)  # type: ignore[arg-type]
    return frozenset(words)  # type: ignore[arg-type]


def spelling_words(profile: Profile) -> list[str]:
    """The distinct lower-case written words of a profile (title, keywords, places, texts)
    and the parts of its compounds: a word the profiles use only inside compounds can be
    a correction too (``Abfal`` → ``Abfall`` from ``Abfallwirtschaft``, ``Steur`` →
    ``Steuer`` from ``Gewerbesteuer``)."""
    places = [*profile.participants, *([profile.lead] if profile.lead else [])]
    text = "\n".join([profile.title, *profile.keywords, *places, *profile.sections.values()])
    words: set[str] = set()
    for match in TOKEN_RE.finditer(text):
        words |= _match_words(match.group(0))
    return sorted(words)


class SpellingCounts:
    """Document frequencies of words, for public profiles and for all profiles."""

    def __init__(self, public: dict[str, int] | None = None, everyone: dict[str, int] | None = None) -> None:
        self.public: Counter[str] = Counter(public or {})
        self.all: Counter[str] = Counter(everyone or {})

    def add(self, words: Iterable[str], private: bool, sign: int = 1) -> None:
        """Count (``sign`` 1) or discount (``sign`` -1) one document's words."""
        words = list(words)
        counters = (self.all,) if private else (self.all, self.public)
        for counter in counters:
            if sign > 0:
                counter.update(words)  # counted in C: a build adds every document's words
            else:
                counter.subtract(words)
        if sign < 0:
            self.all = +self.all  # drop zero counts
            self.public = +self.public

    def merge(self, other: SpellingCounts) -> None:
        """Add the counts of ``other`` (documents counted elsewhere)."""
        self.all.update(other.all)
        self.public.update(other.public)

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
