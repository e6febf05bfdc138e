"""Highlighted snippets: HTML-escaped text with query terms in ``<mark>``.

Each word of a stored field is analyzed as the index analyzed it (folded, stemmed, split
into compound parts; cached per word) and marked when one of its terms is a query term,
so ``Abfall`` marks ``Abfallwirtschaftsverband`` and ``Müll`` marks ``Muell``. The window
with the most marks is shown.
"""

from __future__ import annotations

import functools
import re
from html import escape

from index.analysis import german_analyzer
from index.schema import SNIPPET_FIELDS

SNIPPET_CHARS = 220
_WORD_RE = re.compile(r"\w+(?:[-.]\w+)*")


@functools.cache
def _analyzer():  # noqa: ANN202 - a Whoosh Analyzer
    # composed once: composing the filter chain cost a quarter of analysing a new word;
    # a Whoosh analyzer keeps no state between calls (each call makes its own token)
    return german_analyzer()


@functools.lru_cache(maxsize=200_000)
def _word_terms(word: str) -> frozenset[str]:
    """The terms the index makes of ``word`` (``index.analysis.analyze``)."""
    return frozenset(token.text for token in _analyzer()(word))


def _marks(text: str, terms: set[str]) -> list[tuple[int, int]]:
    # each distinct word is looked up once (a text repeats its words: "der", "die", the
    # topic's own), and the positions are found only in a text that has a marked word
    marked = {word for word in set(_WORD_RE.findall(text)) if not _word_terms(word).isdisjoint(terms)}
    if not marked:
        return []
    return [m.span() for m in _WORD_RE.finditer(text) if m.group(0) in marked]


def _window(text: str, marks: list[tuple[int, int]]) -> tuple[int, int]:
    """The ``SNIPPET_CHARS`` window holding most marks, widened to word boundaries."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    best_start, best_count = 0, -1
    for start, _ in marks:
        begin = max(0, start - 60)
        count = sum(1 for s, e in marks if s >= begin and e <= begin + SNIPPET_CHARS)
        if count > best_count:
            best_start, best_count = begin, count
    end = min(len(text), best_start + SNIPPET_CHARS)
    if best_start > 0:
        space = text.find(" ", best_start)
        best_start = space + 1 if 0 <= space < best_start + 30 else best_start
    if end < len(text):
        space = text.rfind(" ", best_start, end)
        end = space if space > best_start else end
    return best_start, end


def _render(text: str, marks: list[tuple[int, int]], start: int, end: int) -> str:
    out = ["… " if start > 0 else ""]
    position = start
    for s, e in marks:
        if s < start or e > end:
            continue
        out.append(escape(text[position:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        position = e
    out.append(escape(text[position:end]))
    out.append(" …" if end < len(text) else "")
    return "".join(out)


def make_snippet(fields: dict[str, str], terms: set[str]) -> str:
    """The best snippet of a document: from the field with the most marked words
    (ties in ``SNIPPET_FIELDS`` order), else the opening of the first text field.
    Always safe HTML. Raises nothing."""
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    if terms:
        for name in SNIPPET_FIELDS:
            text = " ".join((fields.get(name) or "").split())
            marks = _marks(text, terms) if text else []
            if marks and (best is None or len(marks) > best[0]):
                best = (len(marks), text, marks)
    if best is not None:
        _, text, marks = best
        start, end = _window(text, marks)
        return _render(text, marks, start, end)
    for name in SNIPPET_FIELDS:
        text = " ".join((fields.get(name) or "").split())
        if text:
            start, end = _window(text, [])
            return _render(text, [], start, end)
    return ""
