"""German compound splitting: ``abfallwirtschaftsverband`` → ``abfall``, ``wirtschaft``, ``verband``.

Dictionary plus hyphenation (after Koehn & Knight 2003): a word is split into known
words, preferably at its hyphenation points (pyphen's de_DE patterns; a cut elsewhere
costs ``OFF_HYPHEN_PENALTY``, so ``Friedhofs|gebühren`` beats ``…|gebe|uhren``), with
the linking elements ``-s-``, ``-es-``, ``-n-``, ``-en-``, ``-ens-`` and an elided ``-e``
(``Schul|verband`` from ``Schule``). Of all splits the one whose parts' scores less
``PART_COST`` each sum highest is taken (a product of plausibilities: one long word of the
list beats several frequent fragments, ``Verbands|vorsteher`` not ``…|vorst|eher``), if the
mean of its scores beats the frequency of the whole word; its parts are then split the
same way (``Abfallwirtschafts|verband`` → ``Abfall|wirtschafts|verband``). Lexicalised
compounds (``Feuerwehr``, ``Landschaft``) therefore stay whole; suffixes, particles,
function words, interjections, names and abbreviations never stand as a part (``nein``,
``eher``, ``Alex``), short parts that are no noun count less, the particles ``hinter``,
``zwischen``, ``vor``, ``selbst`` are modifiers only, and a head that is a noun with the
``s`` before it takes that ``s`` (``Antrag|steller``, not ``Antrags|teller``) unless the
modifier's suffix always links with ``-s`` (``Gesundheits|amt``). Place names (with their
``-er`` adjectives: ``Tecklenburger``) are never split.
Further rules live in ``index.compound_rules``: a noun derived from a common word that stays
whole is no compound (``Verbinder``, not ``Verb|inder``), two parts that read as such a word
are one (``Feuerwehr|kamerad``), and a particle is a first part (``Vor|diplom``) only before
a noun that is no verb's (``Nachzahlung`` stays whole).
Lexicalised compounds listed in ``compound_keep.txt`` (``Hochwasser``, ``Breitband``)
count as one common word. Besides the parts, groups of adjacent parts that are words
themselves are reported (``klimaschutz`` from ``Klimaschutzkonzept``).

Parts must be read from the letters as written, not from a lemma that only looks close:
- words are looked up in their umlaut spelling (``index.folding.umlaut_form``), where
  ``Ware`` is not ``wäre`` (``Soft|ware`` lost to the whole ``Software`` only once
  the folded ``ware`` stopped counting as the frequent ``wäre``);
- ``-er-`` is no linking element to strip: where it is one (``Kind|er|garten``) the
  plural it makes is a word of its own (``kinder``), and stripping it made ``Lager`` a
  ``Lage``, ``Wander|weg`` a ``Wand|weg``;
- the length limits hold for the letters as written: an elided ``-e`` is restored only
  on a segment long enough to be a part itself (``mal`` did become ``male``, ``not``
  ``note``).
Input is a lower-case word in any spelling; parts come back folded (``index.folding``).

Word frequencies: wordfreq 3.1.1 (CC BY-SA 4.0), nouns and names: german-nouns 1.2.5 (from
the German Wiktionary, CC BY-SA 4.0), see ``index/data/README.md``; plus the project's own
municipal vocabulary in ``index/data/compound_parts.txt``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from index.compound_words import (
    FEMININE,
    LINKING_S_AFTER,
    LINKS,
    MODIFIER_PARTICLES,
    NOT_FINAL,
    NOT_PARTS,
    PARTICLE_PREFIXES,
    SHORT_NOUNS,
    SHORT_PARTS,
)
from index.compound_data import word_list_data
from index.compound_rules import MIN_PART, MIN_WORD, Parts, SplitRules, infinitives, move_initial_s
from index.folding import fold, umlaut_form
from index.hyphenation import hyphenation_points, hyphenator

MAX_PARTS = 4
# Longer "words" are no compounds (and would cost the splitter time): the longest German
# compounds in use have about 40 letters.
MAX_WORD = 64
# A verb stem is a modifier (Wohn|block, Heiz|kosten, Steh|pult) when its infinitive is at
# least this common; it scores the infinitive's frequency less VERB_STEM_PENALTY.
VERB_STEM_MIN = 3.0
VERB_STEM_PENALTY = 1.0
# A word at least KNOWN_WHOLE_ZIPF common is split only into parts that each score at
# least KNOWN_WHOLE_MIN_PART (Kamerad is no Kame|rad, Gestalter no Gest|alter): a rare or
# penalised part does not outweigh a common whole word.
KNOWN_WHOLE_ZIPF = 3.0
KNOWN_WHOLE_MIN_PART = 3.0
# No part scores less than PART_FLOOR (Able|iter, Betre|tung are no splits); a word of the
# noun list is split only into parts that each score at least LISTED_WHOLE_MIN_PART.
PART_FLOOR = 1.0
LISTED_WHOLE_MIN_PART = 2.5
# A noun derived with a suffix that always links with ``-s`` (Ausbuchung|s|projekt,
# Raffination|s|ofen) is a modifier even when no list knows it: the ``-s`` marks it as one.
DERIVED_SCORE = 2.5
DERIVED_MIN = 7
KEEP_SCORE = 6.0
OFF_HYPHEN_PENALTY = 1.0
# A word found only by its folded letters (typed ``Mull`` for ``Müll``) counts this much less.
FOLDED_PENALTY = 1.0
# What every part costs when the parts of a word are chosen (the sum of their scores less
# this per part is maximised, a product of their plausibilities): one long word of the
# list beats two frequent fragments (Verbands|vorsteher, not …|vorst|eher), and a word
# with more parts is found by splitting its parts again (Abfallwirtschafts|verband, then
# Abfall|wirtschaft).
PART_COST = 6.0
# A noun of the Wiktionary list that the frequency list lacks (Kortison, Sondierung) scores this.
NOUN_SCORE = 2.5
# Short parts that are neither nouns nor listed parts are mostly abbreviations, adverbs or
# word pieces (vorst, schw, verw): they count this much less.
SHORT_NON_NOUN = 5
SHORT_NON_NOUN_PENALTY = 2.0
# A word the noun list holds is split only when its parts score at least this on average
# (Halterung is no halte|rung, Beiträger no beitr|äger; Datenbank is daten|bank).
LISTED_WHOLE_SCORE = 3.2
# A surname whose adjective endings (+e, +en, +er, +es) are all at least this common is an
# adjective as well, and may be a part (Jung|landwirt, Lang|schwert, Frei|ticket).
ADJECTIVE_ENDING_MIN = 3.0
# A particle of PARTICLE_PREFIXES as the first part scores this (below the common whole
# words it begins: Vorstand, Nachricht, Übersicht stay whole; Vor|woche, Nach|gespräch split).
PARTICLE_SCORE = 2.5
# After an ``a`` these heads are the Latin agent suffix -ator (Rotator, Tabulator), no Tor.
LATIN_AGENT = frozenset(["tor", "tors", "toren", "torin", "torinnen"])


class CompoundSplitter(SplitRules):
    """Split lower-case words into their parts; ``()`` when a word is no compound.

    ``frequencies`` maps words in their umlaut spelling (``index.folding.umlaut_form``)
    to a Zipf frequency (1–8); ``nouns`` are further words (umlaut spelling) that may be
    parts (``NOUN_SCORE``), ``names`` words that never are, ``listed`` the project's own
    municipal parts (Klär, Leit: never taken for abbreviations); ``protected`` words (place
    names) are never split, nor are their ``-er`` adjectives. Instances are immutable;
    ``split`` is cached.
    """

    def __init__(self, frequencies: dict[str, float], protected: Iterable[str] = (), keep: Iterable[str] = (),
                 nouns: Iterable[str] = (), names: Iterable[str] = (), listed: Iterable[str] = ()) -> None:
        self.frequencies = dict(frequencies)
        for word in keep:
            self.frequencies[word] = max(self.frequencies.get(word, 0.0), KEEP_SCORE)
        self.nouns = frozenset(nouns)
        self.listed = frozenset(listed)
        # a surname that inflects like an adjective is an adjective too (Jung|landwirt,
        # Lang|schwert, Frei|ticket): all its endings are common words, no name's are
        adjectives = frozenset(name for name in names if all(
            self.frequencies.get(name + ending, 0.0) >= ADJECTIVE_ENDING_MIN for ending in ("e", "en", "er", "es")))
        self.not_parts = NOT_PARTS | (frozenset(names) - self.nouns - adjectives)
        self.folded: dict[str, float] = {}
        for word, zipf in self.frequencies.items():
            key = fold(word)
            self.folded[key] = max(self.folded.get(key, 0.0), zipf)
        names_ = frozenset(protected)
        # compared folded: a place name or lexicalised compound stays whole however it is
        # spelled (Kindergärten, Moenchengladbach)
        self.protected = frozenset(
            fold(word) for word in (*names_, *keep, *(a for n in names_ for a in _adjectives(n)))
        )
        self.analysed = functools.lru_cache(maxsize=200_000)(self._analysed)
        self.split = functools.lru_cache(maxsize=200_000)(self._split)
        self.subwords = functools.lru_cache(maxsize=200_000)(self._subwords)

    def written(self, word: str) -> tuple[str, ...]:
        """The parts of a lower-case word in their umlaut spelling (``müll``, ``abfuhr``);
        ``()`` when it is no compound."""
        return tuple(form for form, _ in self.analysed(word))

    def segments(self, word: str) -> tuple[str, ...]:
        """The consecutive pieces of ``umlaut_form(word)`` the parts were read from,
        linking letters on the left piece (``antrags``, ``steller``): their concatenation
        is ``umlaut_form(word)``. ``()`` when the word is no compound."""
        return tuple(segment for _, segment in self.analysed(word))

    def _split(self, word: str) -> tuple[str, ...]:
        """The folded parts of a lower-case word in any spelling."""
        return tuple(fold(part) for part in self.written(word))

    def _subwords(self, word: str) -> tuple[str, ...]:
        """The folded parts of ``word`` and every run of adjacent parts that is itself a
        word (for ``klimaschutzkonzept``: klima, schutz, konzept, klimaschutz)."""
        parts = self.written(word)
        groups: list[str] = []
        for size in range(2, len(parts)):
            for start in range(len(parts) - size + 1):
                group = "".join(parts[start : start + size])
                if group in self.frequencies and fold(group) not in groups:
                    groups.append(fold(group))
        return tuple(fold(part) for part in parts) + tuple(groups)

    def _frequency(self, word: str) -> float | None:
        """Zipf frequency of a word in its umlaut spelling; a word known only by its
        folded letters (``mull`` for ``müll``) counts ``FOLDED_PENALTY`` less."""
        found = self.frequencies.get(word)
        if found is not None:
            return found
        folded = self.folded.get(fold(word))
        return None if folded is None else folded - FOLDED_PENALTY

    def _score(self, part: str, written: str | None = None, syllables: bool = False) -> float | None:
        """The score of ``part`` read from the letters ``written`` (default: ``part``
        itself), or None where it cannot be a part: a particle, ending, function word or
        name (also with an ``-e`` restored: rück → rücke), or letters too few for a part;
        ``syllables``: the letters are whole syllables (cut at hyphenation points), where
        a common noun of three letters may be a part (Uhr|werk, not Kar|ton's ``kar``)."""
        written = part if written is None else written
        if part in self.not_parts or written in self.not_parts:
            return None
        if len(written) < MIN_PART and written not in SHORT_PARTS and not (syllables and self._short_noun(written)):
            return None
        score = self._frequency(part)
        if part in self.nouns:
            score = max(score or 0.0, NOUN_SCORE)
        if (score is not None and len(part) <= SHORT_NON_NOUN and part not in self.nouns and part not in SHORT_PARTS
                and part not in self.listed):
            score -= SHORT_NON_NOUN_PENALTY
        return score

    def _short_noun(self, written: str) -> bool:
        """A noun of three letters common enough to be a part (Uhr, Ton, Wal)."""
        return written in SHORT_NOUNS

    def _verb_stem(self, segment: str) -> float | None:
        """The score of ``segment`` as the stem of a common verb (wohn → wohnen, sammel
        → sammeln), or None."""
        if len(segment) < 3 or segment in self.not_parts:
            return None
        if segment.endswith("e"):
            # a verb stem with the linking -e (Werbe|film, Sende|mast, Umsteige|zeit): its
            # first person (werbe) is a word too, which a past plural's stem (kame-n) is not
            if segment not in self.frequencies:
                return None
            found = self.frequencies.get(segment + "n")
        else:
            found = max((self.frequencies.get(form, 0.0) for form in infinitives(segment)), default=0.0) or None
        return None if found is None or found < VERB_STEM_MIN else found - VERB_STEM_PENALTY

    def _left_forms(self, segment: str, syllables: bool = False, first: bool = False,
                    rest: str = "") -> list[tuple[str, float]]:
        """Dictionary forms a non-final segment may stand for, with their scores: itself,
        without a linking element (with an elided ``-e`` restored: Stelle|n), or with an
        elided ``-e`` restored (Schul → Schule), or, when ``syllables`` (cut at
        hyphenation points), a verb stem (Wohn|block)."""
        forms = []
        if first and syllables and segment in PARTICLE_PREFIXES and not self._verbal_noun(rest):
            # a particle as the first part (Vor|woche, Nach|gespräch, Über|konsum): a
            # modest fixed score, so a common whole word (Vorstand, Nachricht) stays whole
            forms.append((segment, PARTICLE_SCORE))
        score = self._score(segment, syllables=syllables)
        if score is not None:
            forms.append((segment, score))
        for link in LINKS:
            if segment.endswith(link) and len(segment) > len(link):
                stem = segment[: -len(link)]
                for candidate in (stem, stem + "e") if link != "e" else (stem,):
                    score = self._score(candidate, stem, syllables=syllables)
                    if score is not None and stem not in MODIFIER_PARTICLES:
                        forms.append((candidate, score))
        score = self._score(segment + "e", segment)
        if score is not None:
            forms.append((segment + "e", score))
        score = self._verb_stem(segment) if syllables else None
        if score is not None:
            forms.append((segment, score))
        derived = segment[:-1]
        if (not forms and segment.endswith("s") and derived.endswith(LINKING_S_AFTER) and len(derived) >= DERIVED_MIN
                and derived not in self.not_parts):
            forms.append((derived, DERIVED_SCORE))
        return forms

    def _analysed(self, word: str) -> Parts:
        """(part in umlaut spelling, the letters it was read from) for each part of a
        lower-case word; the letters include linking elements (``rechnungs``)."""
        word = umlaut_form(word)
        if not MIN_WORD <= len(word) <= MAX_WORD or not word.isalpha() or fold(word) in self.protected:
            return ()
        for ending in FEMININE:
            # the feminine ending belongs to the last part: Klimaschutz|manager|innen is
            # Klima|schutz|managerinnen (not …|mana|geri|nnen)
            if word.endswith(ending) and len(word) - len(ending) >= MIN_WORD:
                found = self.analysed(word[: -len(ending)])
                if found:
                    (form, segment) = found[-1]
                    return (*found[:-1], (form + ending, segment + ending))
        if self._derived_whole(word):
            return ()
        chosen = self._best_split(word)
        if not chosen:
            return ()
        chosen = move_initial_s(chosen, self.nouns)
        chosen = self._merge_whole(word, chosen)
        if len(chosen) < 2:
            return ()
        # the parts of the parts: Abfallwirtschafts|verband → Abfall|wirtschafts|verband
        refined: list[tuple[str, str]] = []
        for form, segment in chosen:
            inner = self.analysed(form) if segment.startswith(form) and form != word else ()
            if inner:
                (last_form, last_segment) = inner[-1]
                refined += [*inner[:-1], (last_form, last_segment + segment[len(form):])]
            else:
                refined.append((form, segment))
        return tuple(refined)

    def _best_split(self, word: str) -> Parts:
        """The parts whose scores less ``PART_COST`` each (and the off-hyphenation
        penalties) sum highest, if their mean beats the whole word's frequency."""
        n = len(word)
        hyphen_points = set(hyphenation_points(word))
        # best[k][i]: (sum of scores less costs and penalties, penalties, parts) for word[:i] in k non-final parts
        best: list[dict[int, tuple[float, float, Parts]]] = [{0: (0.0, 0.0, ())}]
        floor = KNOWN_WHOLE_MIN_PART if self.frequencies.get(word, 0.0) >= KNOWN_WHOLE_ZIPF else (
            LISTED_WHOLE_MIN_PART if word in self.nouns else PART_FLOOR)
        verbal = self._verbal_noun(word)
        for k in range(1, MAX_PARTS):
            layer: dict[int, tuple[float, float, Parts]] = {}
            for start, (total, penalties, parts) in best[k - 1].items():
                for end in range(start + 2, n - 1):
                    penalty = 0.0 if end in hyphen_points else OFF_HYPHEN_PENALTY
                    syllables = end in hyphen_points and (start == 0 or start in hyphen_points)
                    forms = self._left_forms(word[start:end], syllables, start == 0 and not verbal, word[end:])
                    for form, score in forms:
                        if score < floor:
                            continue
                        candidate = (total + score - PART_COST - penalty, penalties + penalty,
                                     (*parts, (form, word[start:end])))
                        if end not in layer or candidate[0] > layer[end][0]:
                            layer[end] = candidate
            best.append(layer)
        whole = self._frequency(word) or 0.0
        if word in self.nouns:
            whole = max(whole, LISTED_WHOLE_SCORE)
        chosen: tuple[float, Parts] = (float("-inf"), ())
        for k in range(1, MAX_PARTS):
            for start, (total, penalties, parts) in best[k].items():
                final = self._score(word[start:], syllables=start in hyphen_points)
                if final is None or final < floor or word[start:] in NOT_FINAL or (
                        word[start:] in LATIN_AGENT and word[start - 1] == "a"):
                    continue  # Rota|tor, Tabula|tor: the Latin agent suffix -ator, no Tor
                objective = total + final - PART_COST
                left_scores = total + k * PART_COST + penalties  # without costs and penalties
                mean = (left_scores - penalties + final) / (k + 1)
                if mean > whole and objective > chosen[0]:
                    chosen = (objective, (*parts, (word[start:], word[start:])))
        return chosen[1]


def _adjectives(name: str) -> tuple[str, ...]:
    """The ``-er`` adjectives of a place name: Tecklenburg → tecklenburger, Olpe → olper."""
    return (name + "r",) if name.endswith("e") else (name + "er",)


@functools.cache
def default_splitter() -> CompoundSplitter:
    """The splitter used by the analyzer: word list, municipal parts, and the names of
    all German municipalities and districts and of landscapes (``region_names.txt``) as
    protected words (``index.compound_data.word_list_data``, cached as JSON). Raises
    OSError if a data file is missing."""
    data = word_list_data()
    return CompoundSplitter(data["frequencies"], protected=data["protected"], keep=data["keep"], nouns=data["nouns"],
                            names=data["names"], listed=data["listed"])


def load_word_lists() -> None:
    """Load everything splitting needs (word list, gazetteer names, hyphenation patterns:
    about a second), so that no later call pays for it. Raises OSError."""
    default_splitter()
    hyphenator()
