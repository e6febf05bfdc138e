"""Exact phrases in a Whoosh index, with the search's deadline checked while matching.

Whoosh's ``TimeLimitCollector`` only looks at the clock between *found* documents, so a
phrase whose words occur everywhere but never in order (``"Kreis Kreis Kreis …"``) ran for
seconds without finding one. ``TimedPhrase`` is Whoosh's ``Phrase`` with the deadline
checked for every candidate document the span matcher examines; its scores are Whoosh's.
"""

from __future__ import annotations

from whoosh import matching
from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from search.deadline import Deadline


class _TimedSpanMatcher(SpanNear2.SpanNear2Matcher):
    """Whoosh's ordered span matcher, checking ``deadline`` for every document examined."""

    def __init__(self, ms: list, deadline: Deadline) -> None:
        self.deadline = deadline  # set first: the base class starts matching in __init__
        super().__init__(ms, slop=1, ordered=True, mindist=1)

    def copy(self) -> _TimedSpanMatcher:
        return self.__class__([m.copy() for m in self.ms], self.deadline)

    def _get_spans(self):  # noqa: ANN202
        self.deadline.check()
        return super()._get_spans()


class _TimedSpanNear2(SpanNear2):
    """``SpanNear2`` (slop 1, ordered) whose matcher checks a deadline."""

    def __init__(self, qs: list[wq.Query], deadline: Deadline) -> None:
        super().__init__(qs, slop=1, ordered=True, mindist=1)
        self.deadline = deadline

    def matcher(self, searcher, context=None) -> _TimedSpanMatcher:  # noqa: ANN001 - Whoosh's interface
        return _TimedSpanMatcher([q.matcher(searcher, context) for q in self.qs], self.deadline)


class TimedPhrase(wq.Phrase):
    """An exact phrase in one field (Whoosh's ``Phrase`` with slop 1) whose matching
    raises SearchTimeout once ``deadline`` has passed. Scores are those of ``Phrase``."""

    def __init__(self, fieldname: str, words: list[str], *, boost: float = 1.0, deadline: Deadline) -> None:
        super().__init__(fieldname, words, boost=boost)
        self.deadline = deadline

    def matcher(self, searcher, context=None):  # noqa: ANN001, ANN201 - Whoosh's interface
        # Phrase.matcher with the timed span query in place of SpanNear2
        if self.fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[self.fieldname]
        if not field.format or not field.format.supports("positions"):
            raise wq.QueryError(f"Phrase search: {self.fieldname!r} field has no positions")
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (self.fieldname, word) not in reader:
                return matching.NullMatcher()
            terms.append(wq.Term(self.fieldname, word))
        found = _TimedSpanNear2(terms, self.deadline).matcher(searcher, context)
        if self.boost != 1.0:
            found = matching.WrappingMatcher(found, boost=self.boost)
        return found
