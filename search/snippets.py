"""Highlighted snippets: HTML-escaped text with query terms in ``<mark>``."""

from __future__ import annotations

from html import escape

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from index.analysis import german_analyzer
from index.schema import SNIPPET_FIELDS

SNIPPET_CHARS = 220


class _MarkFormatter(HtmlFormatter):
    """``<mark>term</mark>`` without Whoosh's CSS classes; all text is HTML-escaped."""

    def __init__(self) -> None:
        super().__init__(tagname="mark", between=" … ")

    def _text(self, text: str) -> str:
        return escape(text, quote=True)

    def format_token(self, text, token, replace=False):  # noqa: ANN001, ANN201 - Whoosh's signature
        return f"<mark>{self._text(text[token.startchar : token.endchar])}</mark>"


_ANALYZER = None


def _analyzer():  # noqa: ANN202
    global _ANALYZER  # built once per process; analyzers are immutable
    if _ANALYZER is None:
        _ANALYZER = german_analyzer()
    return _ANALYZER


def make_snippet(fields: dict[str, str], terms: set[str]) -> str:
    """The best snippet of a document: from the field with the most highlighted
    terms (ties in ``SNIPPET_FIELDS`` order), else the opening of the first text.
    Always safe HTML. Raises nothing."""
    best, best_count = "", 0
    if terms:
        for name in SNIPPET_FIELDS:
            text = fields.get(name) or ""
            if not text:
                continue
            fragment = highlight(
                text, frozenset(terms), _analyzer(), ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70),
                _MarkFormatter(), top=2,
            )
            count = fragment.count("<mark>")
            if count > best_count:
                best, best_count = fragment, count
    if best:
        return best
    for name in SNIPPET_FIELDS:
        text = fields.get(name) or ""
        if text:
            short = text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
            return escape(short)
    return ""
