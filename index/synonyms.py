"""The curated domain lexicon of synonyms (``index/data/synonyms.txt``).

Members are analyzed like query words, so ``Müll``, ``Muell`` and ``Müllabfuhr`` all find
their group. Used at query time only, weighted below the word the user typed.
"""

from __future__ import annotations

import functools
from pathlib import Path

from index.analysis import analyze

DATA_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"


class SynonymLexicon:
    """Groups of synonyms keyed by the analyzed form of each member."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = [[member for member in group if member] for group in groups]
        self._analyzed: list[list[tuple[str, ...]]] = []
        self._by_key: dict[str, list[int]] = {}
        for index, group in enumerate(self.groups):
            forms = []
            for member in group:
                tokens = tuple(analyze(member, split_compounds=False))
                if tokens:
                    forms.append(tokens)
                    if len(tokens) == 1:
                        self._by_key.setdefault(tokens[0], []).append(index)
            self._analyzed.append(forms)

    def __len__(self) -> int:
        return len(self.groups)

    def expansions(self, key: str) -> list[tuple[str, ...]]:
        """Other members of every group containing the analyzed word ``key``; each as a
        tuple of analyzed tokens (several for multi-word members). Raises nothing."""
        found: list[tuple[str, ...]] = []
        for index in self._by_key.get(key, []):
            for form in self._analyzed[index]:
                if form != (key,) and form not in found:
                    found.append(form)
        return found


def parse_lexicon(text: str) -> SynonymLexicon:
    """Parse the lexicon format: one comma-separated group a line, ``#`` comments."""
    groups = []
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line:
            groups.append([member.strip() for member in line.split(",")])
    return SynonymLexicon(groups)


@functools.cache
def default_lexicon() -> SynonymLexicon:
    """The lexicon shipped with the project. Raises OSError if the file is missing."""
    return parse_lexicon(DATA_FILE.read_text(encoding="utf-8"))
