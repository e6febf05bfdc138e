"""What a PostgreSQL-backed worker keeps per index generation (and version).

Small per-document columns (visibility, ids, titles, field lengths, keyword text) and the
facet value names are read once when the generation is opened; postings, documents and
counts stay in the database and are fetched per request (postings cached).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from index.pg.schema import MULTI_FACETS, SINGLE_FACETS, tsv_token
from index.schema import TEXT_FIELDS
from search.pg.scoring import PgScorer
from search.snippets import make_snippet
from search.spelling import Vocabulary
from search.suggest import Suggester

Query = Callable[..., list[tuple]]


def _tsquery_phrase(name: str, tokens: tuple[str, ...]) -> str:
    quoted = ("'" + tsv_token(name, t).replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)
    return " <-> ".join(quoted)


class PgGeneration:
    """One generation as seen by one worker. ``query(sql, params)`` runs a read-only
    statement and returns its rows."""

    def __init__(self, schema: str, version: int, query: Query, *, snippet_cache: int = 20_000) -> None:
        self.schema, self.version, self._query = schema, version, query
        rows = query(f"SELECT doc, id, private, title, lengths, keywords FROM {schema}.docs")
        size = max((r[0] for r in rows), default=-1) + 1
        self.live = np.zeros(size, dtype=bool)
        self.private = np.zeros(size, dtype=bool)
        self.ids: list[str | None] = [None] * size
        self.titles: list[str | None] = [None] * size
        self.keywords: list[str] = [""] * size
        lengths = {name: np.zeros(size) for name in TEXT_FIELDS}
        for doc, profile_id, private, title, field_lengths, keywords in rows:
            self.live[doc], self.private[doc] = True, private
            self.ids[doc], self.titles[doc], self.keywords[doc] = profile_id, title, keywords
            for name, length in zip(TEXT_FIELDS, field_lengths, strict=True):
                lengths[name][doc] = length
        self.docnum = {profile_id: doc for doc, profile_id in enumerate(self.ids) if profile_id is not None}
        self.values: dict[str, dict[int, str]] = {facet: {} for facet in (*SINGLE_FACETS, *MULTI_FACETS)}
        for facet, code, value in query(f"SELECT facet, code, value FROM {schema}.facet_values"):
            self.values[facet][code] = value
        self.scorer = PgScorer(lengths, self.live, self._postings)
        self._vocabularies: dict[bool, Vocabulary] = {}
        self._suggesters: dict[bool, Suggester] = {}
        self.known = {staff: functools.lru_cache(maxsize=50_000)(functools.partial(self._known, staff)) for staff in (False, True)}
        self.correct = {staff: functools.lru_cache(maxsize=20_000)(functools.partial(self._correct, staff)) for staff in (False, True)}
        self._snippets: OrderedDict[tuple[int, frozenset[str]], str] = OrderedDict()
        self._snippet_limit = snippet_cache

    def _postings(self, tokens: list[str]) -> list[tuple]:
        return self._query(f"SELECT term, field, docs, tfs FROM {self.schema}.postings WHERE term = ANY(%s)", (tokens,))

    def visible(self, staff: bool) -> np.ndarray:
        return self.live if staff else self.live & ~self.private

    def _known(self, staff: bool, token: str) -> bool:
        """Does ``token`` occur in a document this requester may see?"""
        visible = self.visible(staff)
        for name in TEXT_FIELDS:
            found = self.scorer.postings(name, token)
            if found is not None and visible[found[0]].any():
                return True
        return False

    def vocabulary(self, staff: bool) -> Vocabulary:
        """The written words of the profiles public or staff may see (read on first use)."""
        if staff not in self._vocabularies:
            column = "everyone" if staff else "public"
            words = self._query(f"SELECT word, {column} FROM {self.schema}.spelling WHERE {column} > 0")
            self._vocabularies[staff] = Vocabulary(words)
        return self._vocabularies[staff]

    def _correct(self, staff: bool, word: str) -> str | None:
        return self.vocabulary(staff).closest(word)

    def phrase_matches(self, tokens: tuple[str, ...]) -> dict[str, np.ndarray]:
        """Per text field, the documents where ``tokens`` occur as a phrase."""
        parts = " UNION ALL ".join(
            f"SELECT {code}, doc FROM {self.schema}.bodies WHERE tsv @@ %s::tsquery" for code in range(len(TEXT_FIELDS))
        )
        found: dict[str, list[int]] = {}
        for code, doc in self._query(parts, tuple(_tsquery_phrase(name, tokens) for name in TEXT_FIELDS)):
            found.setdefault(TEXT_FIELDS[code], []).append(doc)
        return {name: np.array(docs, dtype=np.int64) for name, docs in found.items()}

    def snippet(self, doc: int, terms: frozenset[str], texts: dict[str, str]) -> str:
        """The snippet of ``doc`` for ``terms`` (cached: it depends on nothing else)."""
        key = (doc, terms)
        cached = self._snippets.get(key)
        if cached is None:
            cached = make_snippet(texts, set(terms))
            if self._snippet_limit:
                self._snippets[key] = cached
                if len(self._snippets) > self._snippet_limit:
                    self._snippets.popitem(last=False)
        return cached

    def suggester(self, staff: bool) -> Suggester:
        """Completions from the visible profiles' keywords, places and titles."""
        if staff not in self._suggesters:
            counts: dict[str, dict[str, int]] = {"keyword": {}, "place": {}}
            rows = self._query(
                f"SELECT facet, code, count FROM {self.schema}.empty_facets WHERE staff = %s "
                "AND facet IN ('keyword', 'participant', 'lead')", (staff,))  # every value: ranks are not cut
            for facet, code, count in rows:
                kind = "keyword" if facet == "keyword" else "place"
                value = self.values[facet][code]
                counts[kind][value] = max(counts[kind].get(value, 0), count)
            titles = [self.titles[d] for d in np.flatnonzero(self.visible(staff)) if self.titles[d]]
            self._suggesters[staff] = Suggester.from_counts(counts, titles)
        return self._suggesters[staff]
