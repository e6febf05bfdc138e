"""Domain filler words (``index/data/filler_words.txt``): words nearly every profile of
inter-municipal cooperation uses (gemeinsam, interkommunal, Kooperation, Kommunen …), which
say nothing about a cooperation's task. Each entry carries its reason in the file."""

from __future__ import annotations

import functools
from pathlib import Path

from index.analysis import analyze
from index.folding import fold

DATA_FILE = Path(__file__).resolve().parent / "data" / "filler_words.txt"


def parse_filler_words(text: str) -> frozenset[str]:
    """The words of the list format (one word a line, ``#`` comments), folded as a query
    word is compared (``Gemeinsame`` → ``gemeinsame``). Raises ValueError for a line with
    more than one word."""
    words = set()
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split("#")[0].strip()
        if not entry:
            continue
        if len(entry.split()) != 1:
            raise ValueError(f"{DATA_FILE.name} line {number}: one word a line, not {entry!r}")
        words.add(fold(entry.lower()))
    return frozenset(words)


@functools.cache
def filler_words() -> frozenset[str]:
    """The shipped filler words, folded as typed. Raises OSError if the file is missing."""
    return parse_filler_words(DATA_FILE.read_text(encoding="utf-8"))


@functools.cache
def filler_terms() -> frozenset[str]:
    """The index terms of the shipped filler words (analyzed: ``gemeinsamen`` →
    ``gemeinsam``). Raises OSError if the file is missing."""
    return frozenset(token for word in filler_words() for token in analyze(word, split_compounds=False))
