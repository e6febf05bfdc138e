"""Which words of a query are English, and what the glossary says they are in German.

A query is read before it is planned: glossary phrases are recognised over the words
typed (longest first, ``index.glossary``), and each word is evidence for English (an
English function word such as "the" or "which"; a word of a glossary phrase that no
visible profile uses) or for German (a word the profiles use that no English phrase
covers). A query with at least as much English as German evidence counts as English:
none of its words is spelling-corrected (a German correction of an English word finds
the wrong thing: "waste management" is not "warte management"), English function and
filler words are dropped, and every glossary phrase brings its German terms. In a German
query only phrases with a word the profiles do not use bring German terms, and their
words are not corrected either.

The English user interface is a hint, not a requirement: with it, one word of English
evidence is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.folding import fold
from index.glossary import Glossary, default_glossary, normalize



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English words that carry no topic and are not German words as well ("in", "an", "am",
# "also", "die", "was", "will" are; "it" is the abbreviation IT in German text).
FUNCTION_WORDS = _words(
    """a about after all any are around at be been between both but by can could do does did each
    every for from has have how i into is its me more my near need needs of on or other our over should
    than that the their them there these they this those through to us we were what when where which
    while who whom whose why with within without would you your"""
)
# English words of this domain that say nothing about a cooperation's task, like the
# German filler words ("wer macht gemeinsam …"): dropped from an English query unless a
# glossary phrase covers them ("joint procurement").
FILLER_WORDS = _words(
    """city cities collaborate collaborating collaboration collaborations common cooperate cooperates
    cooperating cooperation cooperations council councils do done find inter intermunicipal joint
    jointly look looking municipal municipalities municipality neighbour neighbours neighbor neighbors
    neighbouring neighboring other others partner partners run runs share shared shares sharing
    show together town towns village villages work working works"""
)
# German terms that say nothing either (a glossary phrase that means only these is filler).
GERMAN_FILLER = frozenset(fold(w.lower()) for w in (
    "Kooperation", "Zusammenarbeit", "Kommune", "Gemeinde", "Stadt", "Kommunalverwaltung", "IKZ",
    "interkommunale Zusammenarbeit", "gemeinsam"))


@dataclass(frozen=True)
class Unit:
    """Words of the query planned as one concept: one word as typed, or the words of a
    glossary phrase with its German ``terms`` (most common first)."""

    words: tuple[str, ...]
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """How to plan a query: its ``units`` in order, whether it reads as ``english``, and
    which typed words must not be spelling-corrected (``protected``)."""

    units: tuple[Unit, ...]
    english: bool = False
    protected: frozenset[str] = frozenset()

    @classmethod
    def plain(cls, words: Sequence[str]) -> Reading:
        """Every word its own unit, nothing English: the reading without a glossary."""
        return cls(tuple(Unit((word,)) for word in words))


def read_query(words: Sequence[str], german: Callable[[str], bool], *, english_hint: bool = False,
               glossary: Glossary | None = None) -> Reading:
    """Read the ``words`` of a query (as ``parse_user_query`` found them): ``german(word)``
    tells whether a visible profile uses the word as typed; ``english_hint`` that the
    user interface is English. Raises OSError or GlossaryError when the shipped glossary
    cannot be loaded (once per process)."""
    glossary = glossary or default_glossary()
    spans = _phrases(words, glossary)
    covered = {i for start, end, _ in spans for i in range(start, end)}
    foreign = [(start, end, terms) for start, end, terms in spans
               if not all(german(word) for word in words[start:end])]
    english_votes = sum(end - start for start, end, _ in foreign)
    german_votes = 0
    for index, word in enumerate(words):
        tokens = normalize(word)
        if index in covered:
            continue
        if len(tokens) == 1 and tokens[0] in FUNCTION_WORDS:
            english_votes += 1
        elif german(word):
            german_votes += 1
    english = english_votes >= 1 and (english_hint or english_votes >= german_votes)
    chosen = spans if english else foreign
    starts = {start: (end, terms) for start, end, terms in chosen}
    units: list[Unit] = []
    index = 0
    while index < len(words):
        if index in starts:
            end, terms = starts[index]
            units.append(Unit(tuple(words[index:end]), terms))
            index = end
            continue
        units.append(Unit((words[index],)))
        index += 1
    if english:
        topical = [unit for unit in units if not _filler(unit)]
        units = topical or units
        protected = frozenset(words)
    else:
        protected = frozenset(word for start, end, _ in foreign for word in words[start:end])
    return Reading(tuple(units), english, protected)


def _phrases(words: Sequence[str], glossary: Glossary) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first word, past the last word, German terms) of each glossary phrase among
    ``words``, left to right, longest first, never overlapping; a phrase covers whole
    typed words ("public-law agreement" is two words typed, three normalized)."""
    tokens = [normalize(word) for word in words]
    found = []
    start = 0
    while start < len(words):
        for end in range(len(words), start, -1):
            phrase = tuple(t for word in tokens[start:end] for t in word)
            entry = glossary.entry(phrase) if 0 < len(phrase) <= glossary.longest else None
            if entry is not None:
                found.append((start, end, entry.german))
                start = end
                break
        else:
            start += 1
    return found


def _filler(unit: Unit) -> bool:
    """Does the unit say nothing about a task (English function or filler words only, or
    a phrase whose German terms are all filler)?"""
    if unit.terms:
        return all(fold(term.lower()) in GERMAN_FILLER for term in unit.terms)
    tokens = normalize(unit.words[0])
    return bool(tokens) and all(t in FUNCTION_WORDS or t in FILLER_WORDS for t in tokens)
