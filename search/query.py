"""From what a user types to a query plan: words, phrases, exclusions, concepts.

Free text never raises a syntax error: ``"…"`` makes a phrase, ``-wort`` excludes, all
else is text. Each word becomes one *concept* with weighted alternatives: the word
itself, its compound parts (all required), its synonyms (weighted below) and, for a word
no visible profile contains, its closest spelling correction. ``search.scoring`` scores
a concept by its best alternative and adds concepts with a coordination factor, so a
profile covering more of a plain-language question ranks higher instead of a strict AND
that finds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from index.analysis import analyze
from index.compound import default_splitter
from index.filler import filler_words
from index.folding import fold
from index.stemming import stem
from index.synonyms import SynonymLexicon
from search.deadline import Deadline
from search.language import Reading, Unit
from search.model import MAX_QUERY_TERMS

PART_BOOST = 0.7
SYNONYM_BOOST = 0.45
CORRECTION_BOOST = 0.9
# The German terms of an English glossary phrase, below the English words themselves; each
# further term of a phrase a little below the one before (the most common comes first).
GLOSSARY_BOOST = 0.8
GLOSSARY_DECAY = 0.9
LEAF_BOOST = 0.15
PHRASE_BOOST = 1.5
# Alternatives scored per query word at most (real queries have up to about 20; each costs
# one pass over the documents, so a pathological word must not bring hundreds).
MAX_ALTERNATIVES = 48
# Words of plain-language questions that carry no topic ("wer macht gemeinsam …") and the
# domain filler words (index/data/filler_words.txt); dropped unless nothing else is left.
QUESTION_WORDS = frozenset(
    fold(w)
    for w in [
        "wer", "wie", "was", "wo", "wann", "warum", "welche", "welcher", "welches", "gibt", "gibts", "macht",
        "machen", "tun", "kann", "können", "andere", "meine", "unsere", "unser",
        # the verbs a question asks with ("wie bekomme ich …", "wo finde ich …")
        "bekomme", "bekommen", "bekommt", "kriege", "kriegen", "kriegt", "finde", "finden", "findet",
        "muss", "müssen", "soll", "sollen", "darf", "dürfen", "möchte", "möchten", "will", "wollen",
        "brauche", "brauchen", "braucht",
    ]
)
FILLER_WORDS = QUESTION_WORDS | filler_words()
_TOKEN_RE = re.compile(r'"([^"]*)"|(-?)([^\s"]+)')

Alternative = tuple[tuple[str, ...], float]


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()  # past the first MAX_QUERY_TERMS terms that count


def parse_user_query(text: str) -> ParsedQuery:
    """Split user input into words, quoted phrases and ``-excluded`` words.

    An unbalanced quote is plain text. Only the first ``MAX_QUERY_TERMS`` terms that
    carry a topic count (stopwords and filler words such as "wer macht gemeinsam" do
    not; a phrase counts its words): the words, phrases and exclusions after them are
    ``ignored`` rather than the long free text rejected. Raises nothing.
    """
    if text.count('"') % 2:
        text = text.replace('"', " ")
    words, phrases, excluded, ignored = [], [], [], []
    left = MAX_QUERY_TERMS
    for match in _TOKEN_RE.finditer(text):
        phrase, minus, word = match.groups()
        if phrase is not None:
            phrase = " ".join(phrase.split())
            cost, shown, kept = (1 if ignored else len(analyze(phrase))), f'"{phrase}"', phrases
            if not cost:
                continue  # stopwords only
        else:
            term = word.strip("-")
            if not term:
                continue
            if ignored:  # past the limit: not even analysed
                ignored.append(("-" if minus else "") + term)
                continue
            cost = 1 if fold(term.lower()) not in FILLER_WORDS and analyze(term, split_compounds=False) else 0
            phrase, shown, kept = term, ("-" if minus else "") + term, excluded if minus else words
        if ignored or cost > left:
            ignored.append(shown)  # everything after the first term that does not fit
        else:
            left -= cost
            kept.append(phrase)
    return ParsedQuery(tuple(words), tuple(phrases), tuple(excluded), tuple(ignored))


@dataclass
class Concept:
    """The weighted alternatives for one query word; ``terms`` are all their tokens."""

    word: str
    alternatives: list[Alternative] = field(default_factory=list)
    correction: str | None = None

    @property
    def terms(self) -> set[str]:
        return {t for tokens, _ in self.alternatives for t in tokens}


@dataclass
class QueryPlan:
    concepts: list[Concept]
    phrases: list[tuple[str, ...]]
    excluded: list[tuple[str, ...]]
    match_all: bool

    @property
    def terms(self) -> set[str]:
        return {t for c in self.concepts for t in c.terms} | {t for p in self.phrases for t in p}


class QueryBuilder:
    """Builds query plans; ``known(token)`` tells whether a token occurs in a profile the
    requester may see, ``corrections(word)`` proposes a visible spelling or None."""

    def __init__(self, lexicon: SynonymLexicon, known: Callable[[str], bool],
                 corrections: Callable[[str], str | None]) -> None:
        self.lexicon = lexicon
        self.known = known
        self.corrections = corrections

    def concept(self, word: str, *, correct: bool = True) -> Concept:
        """The concept of one query word. A word no visible profile contains (nor any of
        its synonyms) also brings its closest visible spelling, searched as if typed (its
        compound parts and synonyms too), below the word itself; not with ``correct``
        False (an English word)."""
        alternatives, known = self._alternatives(word)
        if not alternatives:
            return Concept(word)
        correction = None
        if not known and correct:
            correction = self.corrections(word)
            if correction:
                corrected, _ = self._alternatives(correction)
                alternatives += [(tokens, boost * CORRECTION_BOOST) for tokens, boost in corrected]
        return Concept(word, alternatives[:MAX_ALTERNATIVES], correction)

    def glossary_concept(self, unit: Unit) -> Concept:
        """The concept of an English glossary phrase: its words as typed (all of them),
        then each German term as if typed (a compound's parts and synonyms too; a term of
        several words all of them), ``GLOSSARY_BOOST`` below. Never corrected."""
        own = tuple(token for word in unit.words for token in analyze(word, split_compounds=False)[-1:])
        alternatives: list[Alternative] = [(own, 1.0)] if own else []
        for rank, term in enumerate(unit.terms):
            weight = GLOSSARY_BOOST * GLOSSARY_DECAY**rank
            words = term.split()
            if len(words) == 1:
                found, _ = self._alternatives(term)
                alternatives += [(tokens, boost * weight) for tokens, boost in found]
            else:
                tokens = tuple(t for w in words if fold(w.lower()) not in FILLER_WORDS
                               for t in analyze(w, split_compounds=False)[-1:])
                if tokens:
                    alternatives.append((tokens, weight))
        unique = list(dict.fromkeys(tokens for tokens, _ in alternatives))
        best = {tokens: max(b for t, b in alternatives if t == tokens) for tokens in unique}
        return Concept(" ".join(unit.words), [(tokens, best[tokens]) for tokens in unique][:MAX_ALTERNATIVES])

    def _alternatives(self, word: str) -> tuple[list[Alternative], bool]:
        """(the weighted alternatives of ``word``, whether the word or one of its
        synonyms occurs in a visible profile)."""
        main = analyze(word, split_compounds=False)
        if not main:
            return [], True
        alternatives: list[Alternative] = []
        if len(main) > 1:  # a hyphenated word: the joined form, or all its parts
            alternatives += [((main[-1],), 1.0), (tuple(main[:-1]), PART_BOOST)]
        else:
            alternatives.append(((main[0],), 1.0))
        leaves = tuple(stem(p) for p in default_splitter().split(word.lower())) if len(main) == 1 else ()
        whole_known = self.known(main[-1])
        alternatives += self._compound_alternatives(leaves, whole_known)
        synonyms = self.lexicon.expansions(main[-1])
        alternatives += [(form, SYNONYM_BOOST) for form in synonyms]
        known = whole_known or any(all(self.known(t) for t in form) for form in synonyms)
        return alternatives, known

    def _compound_alternatives(self, leaves: tuple[str, ...], whole_known: bool) -> list[Alternative]:
        """A compound's parts: all of them; each part replaced by a synonym (Müll|entsorgung
        → Abfall + Entsorgung); for long compounds all but one part (Rad|wege|bau →
        Rad + Weg); and, for a compound no profile contains, each part alone, weakly."""
        if not leaves:
            return []
        found: list[Alternative] = [(leaves, PART_BOOST)]
        for index, leaf in enumerate(leaves):
            for form in self.lexicon.expansions(leaf):
                if len(form) == 1:
                    found.append((leaves[:index] + form + leaves[index + 1 :], SYNONYM_BOOST * PART_BOOST))
        if len(leaves) >= 3:
            found += [(leaves[i : i + len(leaves) - 1], PART_BOOST * 0.6) for i in range(2)]
        if not whole_known:
            found += [((leaf,), LEAF_BOOST) for leaf in leaves]
        return found

    def topic_words(self, parsed: ParsedQuery) -> list[str]:
        """``topic_words`` with numbered abbreviations joined however written (``SGB 2`` →
        ``SGB-II``). Raises nothing."""
        return self.lexicon.numbered(topic_words(parsed))

    def build(self, parsed: ParsedQuery, deadline: Deadline | None = None,
              reading: Reading | None = None) -> QueryPlan:
        """The plan for a parsed query. Filler words are dropped unless nothing else is left.
        ``reading`` (``search.language.read_query`` over ``self.topic_words(parsed)``)
        groups English glossary phrases and says which words are not corrected; without it
        every word is German. Raises SearchTimeout when ``deadline`` passes (checked before
        each word: a new compound's analysis and a spelling correction are the slow steps)."""
        reading = reading or Reading.plain(self.topic_words(parsed))
        concepts = []
        for unit in reading.units:
            if deadline is not None:
                deadline.check()
            if unit.terms:
                concept = self.glossary_concept(unit)
            else:
                word = unit.words[0]
                concept = self.concept(word, correct=not reading.english and word not in reading.protected)
            if concept.alternatives:
                concepts.append(concept)
        phrases = [tuple(analyze(p, split_compounds=False)) for p in parsed.phrases]
        excluded = [tuple(analyze(w, split_compounds=False)[-1:]) for w in parsed.excluded]
        match_all = not parsed.words and not parsed.phrases
        return QueryPlan(concepts, [p for p in phrases if p], [e for e in excluded if e], match_all)


def topic_words(parsed: ParsedQuery) -> list[str]:
    """The query's words without filler words ("wer macht gemeinsam …"), unless nothing
    else is left. Raises nothing."""
    return [w for w in parsed.words if fold(w.lower()) not in FILLER_WORDS] or list(parsed.words)


def merge_plans(own: QueryPlan, public: QueryPlan) -> QueryPlan:
    """The staff plan ``own`` with every alternative of the public plan for the same query
    added (after its own, unweighted by its own): what counts as "known", and therefore
    which compound parts and corrections a word brings, depends on the profiles a
    requester sees, and staff must find at least every profile the public finds (a
    compound only a private profile holds kept staff from its parts: 1 hit instead of
    47). Corrections stay the staff's own. Raises ValueError if the plans are not of one
    query."""
    concepts = []
    for mine, theirs in zip(own.concepts, public.concepts, strict=True):
        present = {tokens for tokens, _ in mine.alternatives}
        extra = [(tokens, boost) for tokens, boost in theirs.alternatives if tokens not in present]
        concepts.append(Concept(mine.word, mine.alternatives + extra, mine.correction))
    return QueryPlan(concepts, own.phrases, own.excluded, own.match_all)


def corrected_text(text: str, concepts: list[Concept]) -> str | None:
    """The user's text with each corrected word replaced (capitalised like the word the
    user typed), or None without corrections."""
    replacements = {
        c.word: (c.correction[:1].upper() + c.correction[1:]) if c.word[:1].isupper() else c.correction
        for c in concepts if c.correction
    }
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in text.split())
