"""Rules of compound splitting beside the search for the best split (``index.compound``):
nouns derived from a common word are no compounds, two parts that read as a word the
splitter keeps whole are one part, a particle before a verbal noun is its prefix, and a
head that is a noun with the ``s`` before it takes that ``s``."""

from __future__ import annotations

from collections.abc import Callable

from index.compound_words import DERIVATION_SUFFIXES, LINKING_S_AFTER

Parts = tuple[tuple[str, str], ...]

MIN_WORD = 6
MIN_PART = 4
# A noun derived from a verb or adjective at least DERIVED_BASE_MIN common that stays whole
# is no compound (Verbinder, Betretung); one of a verb that splits itself is split like it
# (Gewähr|leistung: gewähr|leisten).
DERIVED_BASE_MIN = 2.5


class SplitRules:
    """The rules as methods of ``index.compound.CompoundSplitter``, which provides
    ``frequencies`` (word → Zipf), ``nouns`` and ``analysed`` (word → parts)."""

    frequencies: dict[str, float]
    nouns: frozenset[str]
    analysed: Callable[[str], Parts]

    def _merge_whole(self, word: str, parts: Parts) -> Parts:
        """``parts`` with every two adjacent parts joined that together read as a word
        the splitter keeps whole (Feuerwehr|kamerad, not …|kame|rad; Arbeits|suchende,
        not …|such|ende; Karosserie|teil)."""
        merged = list(parts)
        i = 0
        while i < len(merged) - 1:
            (_, segment), (next_form, next_segment) = merged[i], merged[i + 1]
            joined = segment + next_form
            if (joined != word and len(joined) >= MIN_WORD and not self.analysed(joined)
                    and (joined in self.frequencies or joined in self.nouns or self._derived_whole(joined))):
                merged[i : i + 2] = [(joined, segment + next_segment)]
                i = max(i - 1, 0)
            else:
                i += 1
        return tuple(merged)

    def _derived_whole(self, word: str) -> bool:
        """Whether ``word`` is a noun derived with a suffix from a common verb or adjective
        that stays whole itself: Verbind|er (verbinden), Leist|ende (leisten),
        Betret|ung (betreten), Angehörig|keit (angehörig) are no compounds, although
        Verb|inder, Leiste|ende, Betre|tung read as words."""
        for suffix, verbal in DERIVATION_SUFFIXES:
            if not word.endswith(suffix) or len(word) - len(suffix) < MIN_PART:
                continue
            stem = word[: -len(suffix)]
            if suffix.startswith("end") and stem in self.nouns:
                continue  # Fahrt|ende: a noun before -ende is a part (fahrten is its plural)
            bases = list(infinitives(stem)) if verbal else []
            if suffix in ("er", "ern", "keit", "heit"):
                bases.append(stem)
            for base in bases:
                if self.frequencies.get(base, 0.0) < DERIVED_BASE_MIN:
                    continue
                verb_parts = self.analysed(base)
                # a separable verb whose first part is no noun (bereit|stellen, frei|setzen):
                # its noun is a derivation (Bereitstellung), not bereit + Stellung
                if not verb_parts or (base != stem and verb_parts[0][1] not in self.nouns):
                    return True
            if verbal and self._separable_participle(stem):
                return True
        return False

    def _separable_participle(self, stem: str) -> bool:
        """Whether ``stem`` is a separable verb's whose first part is no noun, known by its
        participle (fern|steuer: ferngesteuert; instand|setz: instandgesetzt), when the
        infinitive is too rare for the word list."""
        for cut in range(3, len(stem) - 2):
            first = stem[:cut]
            if (first in self.frequencies and first not in self.nouns
                    and self.frequencies.get(first + "ge" + stem[cut:] + "t", 0.0) >= DERIVED_BASE_MIN):
                return True
        return False

    def _verbal_noun(self, word: str) -> bool:
        """Whether ``word`` is, or is the -ung noun of, a verb of the word list
        (Nachzahlung: nachzahlen, Vorkauf: vorkaufen): a particle before it is the
        verb's prefix, no compound part."""
        stems = [word] + [word[: -len(suffix)] for suffix in ("ungen", "ung") if word.endswith(suffix)]
        return any(self._is_verb(stem) for stem in stems)

    def _is_verb(self, stem: str) -> bool:
        """Whether ``stem`` is a verb's: its infinitive and a finite form (baut, spannt,
        verwaltet) are words; a noun's dative plural (gesprächen) has no finite form."""
        return (any(form in self.frequencies for form in infinitives(stem))
                and any(stem + ending in self.frequencies for ending in ("t", "et", "te")))


def infinitives(stem: str) -> tuple[str, ...]:
    """The infinitives a verb stem may have: wohn → wohnen; sammel → sammeln (or
    sammelen); servier → servieren (or serviern)."""
    return (stem + "en", stem + "n") if stem.endswith(("el", "er")) else (stem + "en",)


def move_initial_s(parts: Parts, nouns: frozenset[str]) -> Parts:
    """A head that, with the ``s`` before it, is a noun of six or more letters takes that
    ``s`` back from the part before, unless that part ends in a suffix that always links
    with ``-s``: Antrag|steller (not Antrags|teller), but Gesundheits|amt (not …|samt)."""
    moved = list(parts)
    for i in range(len(moved) - 1):
        (form, segment), (next_form, next_segment) = moved[i], moved[i + 1]
        if (segment == form + "s" and not form.endswith(LINKING_S_AFTER) and next_form == next_segment
                and len(next_form) >= 5 and "s" + next_form in nouns):
            moved[i], moved[i + 1] = (form, form), ("s" + next_form, "s" + next_segment)
    return tuple(moved)
