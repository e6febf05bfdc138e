"""Postings of German text fields, computed per distinct word instead of per token.

Whoosh indexes a text field by pushing every token through the analyzer chain
(tokenizer, lower-casing, folding, stop words, compound splitting, stemming: six nested
generators) and collecting positions per term. Everything after the tokenizer is a pure
function of the token's text (and of whether it is the joined form of a hyphenated
word), except the position renumbering of the stop filter. ``GermanText`` therefore
tokenizes, looks up each word's analysis in a cache and renumbers positions itself; the
result is byte for byte what ``TEXT.index`` would produce (a test compares both over the
bundled corpus), at a fraction of the cost once the vocabulary has been seen.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from whoosh.analysis import Token
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT
from whoosh.formats import Positions

from index.analysis import TOKEN_RE, GermanTokenizer, german_analyzer

# (term bytes, frequency, weight, encoded positions): one posting of Whoosh's writer.
Posting = tuple[bytes, int, float, bytes]
_CACHE_SIZE = 500_000
_TOKENIZER = GermanTokenizer()
_ANALYZER = german_analyzer()
_FILTERS = _ANALYZER.items[1:]
_ENCODE = functools.lru_cache(maxsize=_CACHE_SIZE)(lambda positions: Positions().encode(positions))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def word_terms(text: str, joined: bool) -> tuple[tuple[str, float], ...] | None:
    """(term, boost) pairs the analyzer chain makes of one token from the tokenizer;
    None when the token is a stop word (it then takes no position). Raises nothing."""
    token = Token(positions=True, chars=False, removestops=True, mode="index")
    token.text, token.boost, token.pos, token.stopped, token.joined = text, 1.0, 0, False, joined
    stream: Iterator[Token] = iter([token])
    for item in _FILTERS:
        stream = item(stream)
    terms = tuple((t.text, t.boost) for t in stream)
    return terms or None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _match_terms(text: str) -> tuple[tuple[tuple[tuple[str, float], ...] | None, int], ...]:
    """The analysis of one tokenizer match (a word, a hyphenated word, an abbreviation or
    a number): for each token it yields, its terms (None: stopped) and its position
    relative to the match's first token. The tokens of a match depend only on its text."""
    return tuple(
        (word_terms(token.text, token.joined), token.pos)
        for token in _TOKENIZER(text, positions=True, mode="index")
    )


def german_positions(value: str) -> tuple[dict[str, list[int]], dict[str, float]]:
    """Each term of ``value`` with its token positions and its weight (the sum of its
    tokens' boosts), exactly as the German analyzer chain would give them. Raises nothing."""
    positions: dict[str, list[int]] = {}
    weights: dict[str, float] = {}
    pos = None
    start = 0  # the tokenizer's position of the current match's first token
    for match in TOKEN_RE.finditer(value):
        tokens = _match_terms(match.group(0))
        for terms, offset in tokens:
            if terms is None:
                continue
            # the stop filter renumbers: the first kept token keeps its position, later ones count on
            pos = start + offset if pos is None else pos + 1
            for term, boost in terms:
                if term in positions:
                    positions[term].append(pos)
                    weights[term] += boost
                else:
                    positions[term] = [pos]
                    weights[term] = boost
        start += len(tokens) - (len(tokens) > 1)  # a joined form takes no position of its own
    return positions, weights


def german_terms(value: str) -> list[tuple[str, bool]]:
    """Each term of ``value`` in analyzer order with whether it stands for a whole token
    (True) or is a compound part of the token before it (False), exactly as the German
    analyzer chain gives them (the task-area matcher's view). Raises nothing."""
    result: list[tuple[str, bool]] = []
    for match in TOKEN_RE.finditer(value):
        for terms, _ in _match_terms(match.group(0)):
            if terms is not None:
                result.append((terms[0][0], True))
                result.extend((term, False) for term, _ in terms[1:])
    return result


def german_postings(value: str, field_boost: float = 1.0) -> list[Posting]:
    """Whoosh postings (as ``TEXT(analyzer=german_analyzer()).index`` yields them) of
    ``value``. Raises nothing."""
    positions, weights = german_positions(value)
    return [
        (term.encode("utf-8"), len(poslist), weights[term] * field_boost, _ENCODE(tuple(poslist)))
        for term, poslist in positions.items()
    ]


class GermanText(TEXT):
    """A ``TEXT`` field with the German analyzer whose postings come from
    ``german_postings``. Searching is unchanged."""

    def __init__(self, stored: bool = False) -> None:
        super().__init__(analyzer=german_analyzer(), stored=stored)

    def index(self, value, **kwargs):  # noqa: ANN001, ANN003, ANN201 - Whoosh's FieldType.index
        """Postings of ``value``; values that are not strings, and fields whose analyzer
        or format was changed, take Whoosh's way. Raises ValueError for values that are
        neither strings nor sequences (as Whoosh does)."""
        if isinstance(value, str) and self._fast():
            return german_postings(value, self.format.field_boost)
        return super().index(value, **kwargs)

    def _fast(self) -> bool:
        # compared once per field object (the analyzer comparison walks every filter)
        fast = self.__dict__.get("_fast_path")
        if fast is None:
            fast = self.__dict__["_fast_path"] = self.analyzer == _ANALYZER and type(self.format) is Positions
        return fast

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_fast_path", None)
        return state


class BuildCodec(W3Codec):
    """Whoosh's default codec without per-term document-length statistics. Whoosh reads
    every posting's field length back from disk to record the shortest and longest
    document of each posting block, which only its own block-max BM25 optimisation uses
    (our scorer does not; without them the bound is merely looser). Skipping them saves
    about a third of the time a build spends writing postings."""

    length_stats = False
