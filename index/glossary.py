"""The English → German glossary of the domain (``index/data/glossary_en.txt``).

Each entry maps one or more English phrases ("bulky waste collection") to German terms
("Sperrmüllabfuhr; Sperrgutabfuhr"). ``Glossary.find`` recognises the glossary's phrases in
a query, longest first, so a caller can search their German terms below the words typed
(``search.language`` does, for English queries).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "glossary_en.txt"

_WORD_RE = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'’")


class GlossaryError(ValueError):
    """A malformed glossary line: ``source`` names the file, ``line`` counts from 1."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}, line {line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass(frozen=True)
class GlossaryEntry:
    """One line of the glossary: its English phrases as written and its German terms."""

    english: tuple[str, ...]
    german: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class GlossaryMatch:
    """An entry recognised in a text; ``words`` are the text's normalized words it covers."""

    words: tuple[str, ...]
    entry: GlossaryEntry


def normalize(text: str) -> tuple[str, ...]:
    """The words of an English text as the glossary compares them: case and accents folded,
    apostrophes dropped ("citizens' office" = "citizens office"), any other punctuation a
    word break ("public-law" = "public law"). Raises nothing."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORD_RE.findall(plain))


def singular(word: str) -> str:
    """A plain English singular for a plural ending (-ies, -ches/-shes/-sses/-xes, -s); other
    words unchanged. Only a fallback for look-ups, so irregular plurals are not handled."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _singular_phrase(words: tuple[str, ...]) -> tuple[str, ...]:
    return (*words[:-1], singular(words[-1])) if words else words


class Glossary:
    """Entries keyed by their normalized English phrases."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = list(entries)
        self._exact: dict[tuple[str, ...], GlossaryEntry] = {}
        self._singular: dict[tuple[str, ...], GlossaryEntry] = {}
        for entry in self.entries:
            for phrase in entry.english:
                words = normalize(phrase)
                self._exact.setdefault(words, entry)
        for words, entry in self._exact.items():
            self._singular.setdefault(_singular_phrase(words), entry)
        self.longest = max((len(words) for words in self._exact), default=0)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def phrases(self) -> int:
        """How many distinct English phrases the entries hold."""
        return len(self._exact)

    def entry(self, phrase: str | tuple[str, ...]) -> GlossaryEntry | None:
        """The entry of an English phrase (text, or words already normalized), also when its
        last word is a plural of the entry's; None if there is none. Raises nothing."""
        words = normalize(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not words:
            return None
        found = self._exact.get(words)
        if found is None:
            found = self._exact.get(_singular_phrase(words)) or self._singular.get(_singular_phrase(words))
        return found

    def lookup(self, phrase: str) -> tuple[str, ...]:
        """The German terms of an English phrase, most common first; () if the glossary does
        not know it. Raises nothing."""
        found = self.entry(phrase)
        return found.german if found else ()

    def find(self, text: str) -> list[GlossaryMatch]:
        """The glossary's phrases in ``text``, left to right, each the longest one starting
        at its word and not overlapping the previous one ("bulky waste collection" rather than
        "bulky waste"). Words no phrase covers are skipped. Raises nothing."""
        words = normalize(text)
        matches: list[GlossaryMatch] = []
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + self.longest), start, -1):
                found = self.entry(words[start:end])
                if found is not None:
                    matches.append(GlossaryMatch(words[start:end], found))
                    start = end
                    break
            else:
                start += 1
        return matches


def parse_glossary(text: str, *, source: str = "<string>") -> Glossary:
    """Parse the glossary format: ``english; variant = Deutsch; Deutsch`` a line, ``#``
    comments, blank lines ignored.

    Raises GlossaryError (naming ``source`` and the line) for a line without exactly one
    ``=``, an empty phrase or term, a phrase without words, a German term repeated within its
    entry, or an English phrase that another line (or the same one) already defines.
    """
    entries: list[GlossaryEntry] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        if line.count("=") != 1:
            raise GlossaryError(source, number, "expected exactly one '=' between English and German")
        left, right = line.split("=")
        english = tuple(part.strip() for part in left.split(";"))
        german = tuple(part.strip() for part in right.split(";"))
        if not all(english) or not all(german):
            raise GlossaryError(source, number, "empty phrase or term (check the ';' separators)")
        folded = [term.casefold() for term in german]
        if len(set(folded)) != len(folded):
            raise GlossaryError(source, number, "a German term is repeated")
        for phrase in english:
            words = normalize(phrase)
            if not words:
                raise GlossaryError(source, number, f"English phrase {phrase!r} has no words")
            if words in seen:
                where = "this line" if seen[words] == number else f"line {seen[words]}"
                raise GlossaryError(source, number, f"English phrase {phrase!r} already defined on {where}")
            seen[words] = number
        entries.append(GlossaryEntry(english, german, number))
    return Glossary(entries)


@functools.cache
def default_glossary() -> Glossary:
    """The glossary shipped with the project. Raises OSError if the file is missing and
    GlossaryError if it is malformed."""
    return parse_glossary(DATA_FILE.read_text(encoding="utf-8"), source=str(DATA_FILE))
