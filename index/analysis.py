"""The German analyzer: one Whoosh filter per concern, the same at index and query time.

    GermanTokenizer | LowercaseFilter | UmlautFoldFilter | StopFilter
                    | CompoundSplitFilter | GermanStemFilter

Whoosh pickles the analyzer into the index, so every filter pickles its settings only
and rebuilds heavy objects (word lists, stemmer) lazily after loading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from whoosh.analysis import Filter, LowercaseFilter, StopFilter, Token, Tokenizer
from whoosh.lang.stopwords import stoplists

from index.compound import default_splitter, load_word_lists
from index.folding import fold, umlaut_form
from index.stemming import stem

# The Snowball German stop list (as shipped with Whoosh), folded like the tokens.
GERMAN_STOPWORDS = frozenset(fold(word) for word in stoplists["de"])
# A compound's parts are indexed with this weight (their term frequency), so that a match
# on a part (Verwaltung in Finanzverwaltung) counts clearly less than the word itself or
# the part written as a word of its own (issue 16; measured with ikz eval, see README).
PART_WEIGHT = 0.3
# The head (last part: *verwaltung* in Schulverwaltung) may weigh otherwise; measured at 0.6
# and 1.0 it traded the tuning set against the data-dev corpus (README), so it weighs alike.
HEAD_WEIGHT = PART_WEIGHT

TOKEN_RE = re.compile(
    r"""
    (?P<abbr>(?:[^\W\d_]\.){2,})                       # e.V., z.B., u.a.
  | (?P<number>(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w-]))  # 588.250, 280,7
  | (?P<word>\w+(?:-\w+)*)                             # words, IT-Sicherheit, Rhein-Sieg-Kreis
    """,
    re.VERBOSE,
)


class GermanTokenizer(Tokenizer):
    """Words (with digits), abbreviations with dots (``e.V.`` → ``eV``), German numbers
    (``588.250`` → ``588250``), and hyphenated words as their parts plus the joined
    form (``IT-Sicherheit`` → ``IT``, ``Sicherheit``, ``ITSicherheit``; the joined form
    shares the first part's position)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        for match in TOKEN_RE.finditer(value):
            kind = match.lastgroup
            text = match.group(0)
            if kind == "abbr" or kind == "number":
                pieces = [(text.replace(".", ""), match.start(), match.end())]
            elif "-" in text:
                pieces = []
                offset = match.start()
                for part in text.split("-"):
                    pieces.append((part, offset, offset + len(part)))
                    offset += len(part) + 1
            else:
                pieces = [(text, match.start(), match.end())]
            first_pos = pos
            for text_piece, start, end in pieces:
                yield self._emit(token, text_piece, pos, start, end, positions, chars, keeporiginal, start_char)
                pos += 1
            if len(pieces) > 1:
                joined = "".join(piece for piece, _, _ in pieces)
                token = self._emit(
                    token, joined, first_pos, match.start(), match.end(), positions, chars, keeporiginal, start_char
                )
                token.joined = True  # its parts are already in the stream: not split again
                yield token

    @staticmethod
    def _emit(token, text, pos, start, end, positions, chars, keeporiginal, start_char):  # noqa: ANN001, ANN205
        token.text = text
        token.boost = 1.0
        token.stopped = False
        token.joined = False
        if keeporiginal:
            token.original = text
        if positions:
            token.pos = pos
        if chars:
            token.startchar, token.endchar = start_char + start, start_char + end
        return token


class UmlautFoldFilter(Filter):
    """``Müll``, ``Muell`` and ``Mull`` → ``mull``; ``Straße`` → ``strasse`` (see ``index.folding``).
    The text before folding stays on the token as ``unfolded``: compound splitting reads
    the letters as written (``Software`` is not ``Soft|wäre``)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.unfolded = token.text
            token.text = fold(token.text)
            yield token


class CompoundSplitFilter(Filter):
    """After each compound, its parts (and word-forming groups of parts) at the same
    position: ``abfallwirtschaftsverband`` → + ``abfall``, ``wirtschaft``, ``verband``,
    ``abfallwirtschaft``. Parts get ``boost`` ``part_boost`` (the head, the last part,
    ``head_boost``; by default the same), so that a whole-word match counts more: the index
    records term frequency × boost. The splitter is built on first use, never pickled."""

    def __init__(self, part_boost: float = 1.0, head_boost: float | None = None) -> None:
        self.part_boost = part_boost
        self.head_boost = part_boost if head_boost is None else head_boost

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__getstate__() == other.__getstate__()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self.part_boost, self.head_boost))

    def __getstate__(self) -> dict[str, float]:
        return {"part_boost": self.part_boost, "head_boost": self.head_boost}

    def __setstate__(self, state: dict[str, float]) -> None:
        self.__init__(**state)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        splitter = default_splitter()
        for token in tokens:
            # read everything before yielding: later filters change the shared token
            text, boost = token.text, token.boost
            written = getattr(token, "unfolded", text)
            if fold(written) != text:  # no folding filter before this one
                written = text
            parts = () if token.stopped or getattr(token, "joined", False) else splitter.subwords(written)
            head = len(splitter.written(written)) - 1 if parts else -1
            yield token
            for index, part in enumerate(parts):
                token.text = part
                token.boost = boost * (self.head_boost if index == head else self.part_boost)
                yield token


class GermanStemFilter(Filter):
    """nltk's German Snowball stemmer with the override table of ``index.stemming``;
    cached per word. Only settings are pickled."""

    def __init__(self, minlength: int = 4) -> None:
        self.minlength = minlength

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.minlength == self.minlength  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self.minlength))

    def __getstate__(self) -> dict[str, int]:
        return {"minlength": self.minlength}

    def __setstate__(self, state: dict[str, int]) -> None:
        self.__init__(**state)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if not token.stopped and len(token.text) >= self.minlength:
                token.text = stem(token.text)
            yield token


def german_analyzer(stem_words: bool = True, split_compounds: bool = True):  # noqa: ANN201 - a Whoosh Analyzer
    """The analyzer for German profile text. ``stem_words=False`` and
    ``split_compounds=False`` give lighter variants (spelling vocabulary). Raises nothing."""
    chain = GermanTokenizer() | LowercaseFilter() | UmlautFoldFilter() | StopFilter(
        stoplist=GERMAN_STOPWORDS, minsize=2
    )
    if split_compounds:
        chain = chain | CompoundSplitFilter(PART_WEIGHT, HEAD_WEIGHT)
    if stem_words:
        chain = chain | GermanStemFilter()
    return chain


def analyze(text: str, **options: bool) -> list[str]:
    """Token texts of ``text`` under the German analyzer (for tests and diagnostics)."""
    return [token.text for token in german_analyzer(**options)(text)]


def weighted_tokens(text: str) -> list[tuple[str, float]]:
    """(token text, boost) of ``text`` under the German analyzer: compound parts carry
    ``PART_WEIGHT`` or ``HEAD_WEIGHT``, all other tokens 1. Raises nothing."""
    return [(token.text, token.boost) for token in german_analyzer()(text)]


def prepare_analysis() -> None:
    """Load the analyzer's word lists and stemmer now (once per process; later calls are
    free). Services call it before timing a search. Raises OSError."""
    load_word_lists()
    stem("verwaltung")


@dataclass(frozen=True)
class WordAnalysis:
    """What the index makes of one word (``ikz analyze``, the staff page ``/analyze``):
    ``parts`` are consecutive pieces of ``word`` exactly as written, linking letters on
    the left piece, so that ``"".join(parts) == word``; ``stem`` is the term of the
    whole word (None for a stop word, which is not indexed); ``terms`` every term the
    index gets for it, in analyzer order without repeats."""

    word: str
    parts: tuple[str, ...]
    stem: str | None
    terms: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"word": self.word, "parts": list(self.parts), "stem": self.stem, "terms": list(self.terms)}


def analyze_word(word: str) -> WordAnalysis:
    """Analyse one word as the index does (see ``WordAnalysis``). Raises nothing: any
    text is accepted, and text that is no single word comes back as one part."""
    terms = tuple(dict.fromkeys(analyze(word)))
    whole = analyze(word.replace("-", ""), split_compounds=False)
    stem_ = whole[0] if len(whole) == 1 else None
    return WordAnalysis(word, surface_parts(word), stem_, terms)


def surface_parts(word: str) -> tuple[str, ...]:
    """The compound parts of ``word`` as written, linking letters on the left piece; a
    hyphen stays on the piece before it. ``"".join(parts) == word``. Raises nothing."""
    if "-" in word.strip("-"):
        pieces = word.split("-")
        parts: list[str] = []
        for index, piece in enumerate(pieces):
            found = list(surface_parts(piece)) if piece else [""]
            if index < len(pieces) - 1:
                found[-1] += "-"
            parts += found
        return tuple(part for part in parts if part)
    lower = word.lower()
    segments = default_splitter().segments(lower) if lower.isalpha() else ()
    if len(segments) < 2:
        return (word,) if word else ()
    target = "".join(segments)
    parts, start, cut = [], 0, 0
    for segment in segments[:-1]:
        cut += len(segment)
        # the offset in ``word`` whose prefix reads as the first ``cut`` letters of the
        # umlaut spelling (``ue`` → ``ü`` and ``ß`` → ``ss`` change the length)
        end = next((i for i in range(start + 1, len(word)) if umlaut_form(lower[:i]) == target[:cut]), None)
        if end is None:
            return (word,)
        parts.append(word[start:end])
        start = end
    parts.append(word[start:])
    return tuple(parts)
