"""From what a user types to a Whoosh query: words, phrases, exclusions, concepts.

Free text never raises a syntax error: ``"…"`` makes a phrase, ``-wort`` excludes, all
else is text. Each word becomes one *concept*: the word itself, its compound parts (all
required), its synonyms (weighted below) and, for a word the public vocabulary does not
know, its closest spelling correction. Concepts are OR-ed with a coordination bonus, so
a profile covering more of a plain-language question ranks higher, instead of a strict
AND that finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.matching import DisjunctionMaxMatcher, NullMatcher

from index.analysis import analyze
from index.compound import default_splitter
from index.folding import fold
from index.schema import FIELD_BOOSTS, TEXT_FIELDS
from index.stemming import stem
from index.synonyms import SynonymLexicon
from search.model import MAX_QUERY_TERMS, InvalidRequest

PART_BOOST = 0.7
SYNONYM_BOOST = 0.45
CORRECTION_BOOST = 0.9
LEAF_BOOST = 0.15
TIEBREAK = 0.1
COORDINATION = 0.9
# Words of plain-language questions that carry no topic ("wer macht gemeinsam …");
# dropped unless nothing else is left.
FILLER_WORDS = frozenset(
    fold(w)
    for w in """wer wie was wo wann warum welche welcher welches gibt gibts macht machen tun kann können
    gemeinsam gemeinsame gemeinsamen gemeinsamer gemeinsames zusammen interkommunal interkommunale
    interkommunalen kooperation kooperationen zusammenarbeit kommune kommunen gemeinde gemeinden mehrere andere
    meine unsere unser""".split()
)
_TOKEN_RE = re.compile(r'"([^"]*)"|(-?)([^\s"]+)')


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()


def parse_user_query(text: str) -> ParsedQuery:
    """Split user input into words, quoted phrases and ``-excluded`` words.

    An unbalanced quote is plain text. Raises InvalidRequest (parameter ``q``) when
    there are more than ``MAX_QUERY_TERMS`` terms.
    """
    if text.count('"') % 2:
        text = text.replace('"', " ")
    words, phrases, excluded = [], [], []
    for match in _TOKEN_RE.finditer(text):
        phrase, minus, word = match.groups()
        if phrase is not None:
            if analyze(phrase):
                phrases.append(" ".join(phrase.split()))
        elif minus and word.strip("-"):
            excluded.append(word.strip("-"))
        elif word.strip("-"):
            words.append(word.strip("-"))
    if len(words) + len(excluded) + sum(len(p.split()) for p in phrases) > MAX_QUERY_TERMS:
        raise InvalidRequest(f"query has more than {MAX_QUERY_TERMS} terms", parameter="q")
    return ParsedQuery(tuple(words), tuple(phrases), tuple(excluded))


@dataclass
class Concept:
    """The alternatives for one query word; ``terms`` are all analyzed tokens (for snippets)."""

    word: str
    query: wq.Query | None
    terms: set[str] = field(default_factory=set)
    correction: str | None = None


class _MaxMatcher(DisjunctionMaxMatcher):
    """Whoosh 2.7's DisjunctionMaxMatcher scores with a sub-matcher that sits on another
    document and drops a side in ``replace``; this one scores only the sub-matchers on
    the current document (max plus ``tiebreak`` times the rest) and never prunes by
    block quality."""

    def score(self) -> float:
        current = self.id()
        scores = [m.score() for m in (self.a, self.b) if m.is_active() and m.id() == current]
        best = max(scores)
        return best + self.tiebreak * (sum(scores) - best)

    def supports_block_quality(self) -> bool:
        return False

    def replace(self, minquality=0):  # noqa: ANN001, ANN201 - Whoosh's signature
        a, b = self.a.replace(), self.b.replace()
        if not a.is_active():
            return b if b.is_active() else NullMatcher()
        if not b.is_active():
            return a
        if a is not self.a or b is not self.b:
            return self.__class__(a, b, tiebreak=self.tiebreak)
        return self


class MaxOf(wq.DisjunctionMax):
    """Matches any subquery; scores the best one (plus a tie-break share of the others)."""

    def _matcher(self, subs, searcher, context):  # noqa: ANN001, ANN202
        reader = searcher.reader()
        return self._tree_matcher(
            subs, _MaxMatcher, searcher, context, lambda q: q.estimate_size(reader), tiebreak=self.tiebreak
        )


def _field_or(alternatives: list[tuple[tuple[str, ...], float]]) -> wq.Query | None:
    """One concept: the best-matching alternative counts (DisjunctionMax, with a small
    tie-break), so a profile using several synonyms does not outrank one that uses the
    word itself. Within an alternative, matches in several fields add up."""
    options: list[wq.Query] = []
    for tokens, boost in alternatives:
        clauses: list[wq.Query] = []
        for name in TEXT_FIELDS:
            weight = FIELD_BOOSTS[name]
            if len(tokens) == 1:
                clauses.append(wq.Term(name, tokens[0], boost=weight))
            elif tokens:
                clauses.append(wq.And([wq.Term(name, t) for t in tokens], boost=weight))
        if clauses:
            options.append(wq.Or(clauses, boost=boost))
    if not options:
        return None
    return options[0] if len(options) == 1 else MaxOf(options, tiebreak=TIEBREAK)


class QueryBuilder:
    """Builds concepts against one index generation's vocabulary.

    ``known`` tells whether an analyzed token occurs in a document the requester may see;
    ``corrections`` proposes spellings from the vocabulary the requester may see.
    """

    def __init__(self, lexicon: SynonymLexicon, known, corrections) -> None:  # noqa: ANN001
        self.lexicon = lexicon
        self.known = known
        self.corrections = corrections

    def concept(self, word: str) -> Concept:
        main = analyze(word, split_compounds=False)
        if not main:
            return Concept(word, None)
        alternatives: list[tuple[tuple[str, ...], float]] = []
        # a hyphenated word: the joined form, or all its parts
        if len(main) > 1:
            alternatives += [((main[-1],), 1.0), (tuple(main[:-1]), PART_BOOST)]
        else:
            alternatives.append(((main[0],), 1.0))
        leaves = tuple(stem(p) for p in default_splitter().split(fold(word.lower()))) if len(main) == 1 else ()
        whole_known = self.known(main[-1])
        alternatives += self._compound_alternatives(leaves, whole_known)
        synonyms = self.lexicon.expansions(main[-1])
        alternatives += [(form, SYNONYM_BOOST) for form in synonyms]
        correction = None
        if not whole_known and not any(all(self.known(t) for t in form) for form in synonyms):
            correction = self.corrections(word)
            if correction:
                corrected = analyze(correction, split_compounds=False)
                alternatives.append((tuple(corrected[-1:]), CORRECTION_BOOST))
                alternatives += [(form, SYNONYM_BOOST) for form in self.lexicon.expansions(corrected[-1])]
        terms = {t for tokens, _ in alternatives for t in tokens}
        return Concept(word, _field_or(alternatives), terms, correction)

    def _compound_alternatives(self, leaves: tuple[str, ...], whole_known: bool) -> list[tuple[tuple[str, ...], float]]:
        """A compound's parts: all of them; each part replaced by a synonym (Müll|entsorgung
        → Abfall + Entsorgung); for long compounds all but one part (Rad|wege|bau →
        Rad + Weg); and, for a compound no profile contains, each part alone, weakly."""
        if not leaves:
            return []
        found = [(leaves, PART_BOOST)]
        for index, leaf in enumerate(leaves):
            for form in self.lexicon.expansions(leaf):
                if len(form) == 1:
                    found.append((leaves[:index] + form + leaves[index + 1 :], SYNONYM_BOOST * PART_BOOST))
        if len(leaves) >= 3:
            found += [(leaves[i : i + len(leaves) - 1], PART_BOOST * 0.6) for i in range(2)]
        if not whole_known:
            found += [((leaf,), LEAF_BOOST) for leaf in leaves]
        return found

    def build(self, parsed: ParsedQuery) -> tuple[wq.Query | None, wq.Query | None, list[Concept]]:
        """(positive query or None for "match all", exclusion query or None, concepts)."""
        words = [w for w in parsed.words if fold(w.lower()) not in FILLER_WORDS] or list(parsed.words)
        concepts = [self.concept(w) for w in words]
        clauses = [c.query for c in concepts if c.query is not None]
        for phrase in parsed.phrases:
            tokens = analyze(phrase, split_compounds=False)
            concepts.append(Concept(phrase, None, set(tokens)))
            if len(tokens) == 1:
                clauses.append(_field_or([((tokens[0],), 1.5)]))
            else:
                clauses.append(wq.Or([wq.Phrase(n, tokens, boost=1.5 * FIELD_BOOSTS[n]) for n in TEXT_FIELDS]))
        excluded = [_field_or([((t,), 1.0)]) for w in parsed.excluded for t in analyze(w, split_compounds=False)]
        positive = None
        if clauses:
            positive = clauses[0] if len(clauses) == 1 else wq.Or(clauses, scale=COORDINATION)
        elif parsed.words or parsed.phrases:
            positive = wq.NullQuery  # only stopwords: matches nothing
        negative = wq.Or([q for q in excluded if q is not None]) if excluded else None
        return positive, negative, concepts


def corrected_text(text: str, concepts: list[Concept]) -> str | None:
    """The user's text with each corrected word replaced, or None without corrections."""
    replacements = {c.word: c.correction for c in concepts if c.correction}
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in text.split())
