"""The curated domain lexicon of synonyms (``index/data/synonyms.txt``).

Members are analyzed like query words, so ``Müll``, ``Muell`` and ``Müllabfuhr`` all find
their group. Used at query time only, weighted below the word the user typed.

Numbered abbreviations (the books of the Sozialgesetzbuch) are written in many ways:
``SGB II``, ``SGB-II``, ``SGBII``, ``SGB 2``, ``SGB-2``, ``SGB2``. A group with the member
``sgb ii`` is also found by the arabic form ``sgb2`` (and finds it), and
``SynonymLexicon.numbered`` joins a query's ``SGB`` ``II`` or ``SGB`` ``2`` into one word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from index.analysis import analyze

DATA_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"
# Roman numerals as the analyzer keeps them (``i`` is too short to be indexed), by value.
ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
         "xii": 12}
_ROMAN_BY_VALUE = {value: numeral for numeral, value in ROMAN.items()}
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBERED = re.compile(r"(?P<letters>[^\W\d_]+)-?(?P<number>\d{1,2})")


def numeral_value(text: str) -> int | None:
    """The value of a roman (II–XII) or arabic (2–12) numeral, else None. Raises nothing."""
    text = text.lower()
    if text.isdigit():
        return int(text) if 2 <= int(text) <= 12 else None
    return ROMAN.get(text)


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
                    if len(tokens) == 2 and tokens[1] in ROMAN and _LETTERS.fullmatch(tokens[0]):
                        # "sgb ii": the joined forms "sgbii" (SGBII, SGB-II) and "sgb2" (SGB2,
                        # SGB-2) belong to the group
                        for joined in (f"{tokens[0]}{tokens[1]}", f"{tokens[0]}{ROMAN[tokens[1]]}"):
                            if (joined,) not in forms:
                                forms.append((joined,))
                                self._by_key.setdefault(joined, []).append(index)
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


    def numbered(self, words: Sequence[str]) -> list[str]:
        """``words`` with each word followed by a numeral (II–XII or 2–12) joined to it
        as one hyphenated word (``SGB`` ``2`` → ``SGB-II``) where the lexicon knows the
        joined form (``sgbii``); other words unchanged. Raises nothing."""
        joined: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            single = _NUMBERED.fullmatch(word)  # SGB-2, SGB2: the "2" alone is too short to index
            if single and (candidate := self._known_numbered(single["letters"], single["number"])):
                joined.append(candidate)
                index += 1
                continue
            if index + 1 < len(words) and _LETTERS.fullmatch(word):
                candidate = self._known_numbered(word, words[index + 1])
                if candidate:
                    joined.append(candidate)
                    index += 2
                    continue
            joined.append(word)
            index += 1
        return joined

    def _known_numbered(self, letters: str, number: str) -> str | None:
        """``LETTERS-ROMAN`` if ``number`` is a numeral and the lexicon knows the joined
        form, else None."""
        value = numeral_value(number)
        if value is None:
            return None
        candidate = f"{letters}-{_ROMAN_BY_VALUE[value].upper()}"
        tokens = analyze(candidate, split_compounds=False)
        return candidate if tokens and tokens[-1] in self._by_key else None


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
