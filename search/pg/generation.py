"""What a PostgreSQL-backed worker keeps per index generation (and version).

The narrow ``docs`` rows (visibility, ids, titles, facet codes, field lengths, keyword
text) and the facet value names are read once when the generation is opened and become
the same ``FacetTable`` the Whoosh backend counts, filters and sorts with (one
``numpy.bincount`` per facet instead of a SQL ``GROUP BY`` over the candidates: 10–40×
faster, measured). Postings (cached), the page's bodies, phrase positions and the
spelling vocabulary stay in the database and are fetched when needed.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from index.columns import SegmentColumns
from index.pg import copytext
from index.pg.rows import stored_texts
from index.pg.schema import MULTI_FACETS, SINGLE_FACETS, tsv_token
from index.schema import TEXT_FIELDS
from search.facets import FacetTable
from search.model import Hit, hit_fields
from search.pg.scoring import PgPostings
from search.scoring import Scorer
from search.service import HIT_FIELDS_CACHE
from search.snippets import make_snippet
from search.spelling import Vocabulary
from search.suggest import Suggester

Query = Callable[..., list[tuple]]
_DOC_FIELDS = (f"doc, id, private, title, title_key, lengths, keywords, year, "
               f"{', '.join(SINGLE_FACETS)}, {', '.join(MULTI_FACETS)}")
# An update adds a segment (``_changes``); past this many the next reload reads everything.
MAX_SEGMENTS = 16


def _tsquery_phrase(name: str, tokens: tuple[str, ...]) -> str:
    quoted = ("'" + tsv_token(name, t).replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)
    return " <-> ".join(quoted)


def _binary_array(data: bytes, element: str, dtype: type) -> np.ndarray:
    """A one-dimensional array without NULLs from ``array_send``: a 20-byte header (an
    empty array's is 12 bytes), then per element its length (4) and value (4, big-endian)."""
    if len(data) <= 20:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(data, dtype=element, offset=20)[1::2].astype(dtype)


class PgGeneration:
    """One generation as seen by one worker. ``query(sql, params)`` runs a read-only
    statement and returns its rows."""

    def __init__(self, schema: str, version: int, query: Query, *, snippet_cache: int = 20_000,
                 previous: PgGeneration | None = None) -> None:
        """``previous``: this worker's state of an earlier version of the same generation,
        if any: then only what changed is read (see ``_changes``)."""
        self.schema, self.version, self._query = schema, version, query
        self.values: dict[str, dict[int, str]] = {facet: {} for facet in (*SINGLE_FACETS, *MULTI_FACETS)}
        for facet, code, value in query(f"SELECT facet, code, value FROM {schema}.facet_values"):
            self.values[facet][code] = value
        incremental = previous is not None and previous.schema == schema and len(previous.segments) < MAX_SEGMENTS
        if incremental:
            start, segments, self.keywords = self._changes(previous)  # type: ignore[arg-type]
        else:
            start, segments, self.keywords = 0, [], []
        rows = query(f"SELECT {_DOC_FIELDS} FROM {schema}.docs WHERE doc >= %s ORDER BY doc", (start,))
        self.size = rows[-1][0] + 1 if rows else start
        if self.size > start:
            columns, present = self._columns(rows, start, self.size)
            segments.append((start, columns, ~present))
            self.keywords.extend([""] * (self.size - start))
            for row in rows:
                self.keywords[row[0]] = row[6]
        self.segments: list[tuple[int, SegmentColumns, np.ndarray]] = segments
        # facet counts, filters and sorting on per-document arrays, as with Whoosh
        self.table = FacetTable(self.size, segments)
        self.live, self.private = self.table.live, self.table.private
        self.ids, self.titles, self.docnum = self.table.ids, self.table.titles, self.table.docnum
        lengths = {name: np.concatenate([c.lengths[name] for _, c, _ in segments]) if segments else np.zeros(0)
                   for name in TEXT_FIELDS}
        # one store of posting arrays; public searches weigh words by the public profiles
        # only, staff searches by all (``search.scoring``)
        self.postings = PgPostings(self._postings)
        self.scorers = {staff: Scorer(self.size, lengths, self.visible(staff), self.postings) for staff in (False, True)}
        self._vocabularies: dict[bool, Vocabulary] = {}
        self._suggesters: dict[bool, Suggester] = {}
        self.known = {staff: functools.lru_cache(maxsize=50_000)(functools.partial(self._known, staff)) for staff in (False, True)}
        self.correct = {staff: functools.lru_cache(maxsize=20_000)(functools.partial(self._correct, staff)) for staff in (False, True)}
        # a document number always stands for the same text, so snippets stay valid
        self._snippets: OrderedDict[tuple[int, frozenset[str]], str] = OrderedDict(previous._snippets if incremental else ())
        self._hit_fields: OrderedDict[int, dict[str, object]] = OrderedDict(previous._hit_fields if incremental else ())
        self._sizes: dict[str, int] = {}  # token → posting entries (``posting_sizes``)
        self._snippet_limit = snippet_cache

    def _changes(self, previous: PgGeneration) -> tuple[int, list[tuple[int, SegmentColumns, np.ndarray]], list[str]]:
        """The state of ``previous`` with the documents removed since marked deleted:
        (first number it does not cover, its segments, keyword texts). Updates never
        change a document in place (a changed profile gets a new number), so the rest
        is the rows from that number on. Reading those instead of all rows makes a
        reload at 100,000 profiles take a fraction of a second instead of seconds."""
        start = previous.size
        removed = np.zeros(start, dtype=bool)
        absent = self._query(f"SELECT array_agg(g) FROM generate_series(0, %s) g "
                             f"WHERE NOT EXISTS (SELECT 1 FROM {self.schema}.docs d WHERE d.doc = g)", (start - 1,))
        removed[np.asarray(absent[0][0] or [], dtype=np.int64)] = True
        segments = [(offset, columns, deleted | removed[offset:offset + len(columns)])
                    for offset, columns, deleted in previous.segments]
        return start, segments, list(previous.keywords)

    def _columns(self, rows: list[tuple], start: int, size: int) -> tuple[SegmentColumns, np.ndarray]:
        """The ``docs`` rows of numbers ``start`` to ``size - 1`` as one segment's columns
        (absent numbers: deleted) and which numbers are present."""
        count = size - start
        present = np.zeros(count, dtype=bool)
        ids, titles, title_keys = [""] * count, [None] * count, [""] * count
        private = np.zeros(count, dtype=bool)
        year = np.full(count, -1, dtype=np.int32)
        lengths = {name: np.zeros(count) for name in TEXT_FIELDS}
        singles = {facet: np.full(count, -1, dtype=np.int32) for facet in SINGLE_FACETS}
        multis: dict[str, list[list[int]]] = {facet: [[] for _ in range(count)] for facet in MULTI_FACETS}
        for doc, profile_id, is_private, title, title_key, field_lengths, _, doc_year, *codes in rows:
            doc -= start
            present[doc], private[doc] = True, is_private
            ids[doc], titles[doc], title_keys[doc] = profile_id, title, title_key
            if doc_year is not None:
                year[doc] = doc_year
            for name, length in zip(TEXT_FIELDS, field_lengths, strict=True):
                lengths[name][doc] = length
            for facet, code in zip(SINGLE_FACETS, codes, strict=False):
                if code is not None:
                    singles[facet][doc] = code
            for facet, row_codes in zip(MULTI_FACETS, codes[len(SINGLE_FACETS):], strict=True):
                multis[facet][doc] = row_codes
        names = {facet: [self.values[facet].get(c, "") for c in range(max(self.values[facet], default=-1) + 1)]
                 for facet in self.values}
        columns = SegmentColumns(
            ids=ids, titles=titles, title_keys=title_keys, private=private, year=year,
            singles={facet: (codes, names[facet]) for facet, codes in singles.items()},
            multis={facet: (np.fromiter(itertools.chain.from_iterable(rows_), dtype=np.int32),
                            np.fromiter(map(len, rows_), dtype=np.int32, count=count), names[facet])
                    for facet, rows_ in multis.items()},
            lengths=lengths,
        )
        return columns, present

    def bodies(self, docs: list[int]) -> dict[int, tuple[dict, str | dict]]:
        """(payload, stored texts) of documents (one page of hits), by document number; the
        texts as stored (``snippet`` reads them only when it has no snippet cached)."""
        if not docs:
            return {}
        rows = self._query(f"SELECT doc, payload, texts FROM {self.schema}.bodies WHERE doc = ANY(%s)", (docs,))
        return {doc: (json.loads(payload), texts) for doc, payload, texts in rows}

    def _postings(self, tokens: list[str]) -> list[tuple[str, int, np.ndarray, np.ndarray]]:
        """(term, field code, documents, term frequencies) of every posting row of ``tokens``.
        The arrays travel in PostgreSQL's binary array format and become numpy arrays
        directly: as lists of Python numbers, a query's common words (millions of entries
        at 100,000 profiles) took three times as long."""
        rows = self._query(f"SELECT term, field, array_send(docs), array_send(tfs) FROM {self.schema}.postings "
                           "WHERE term = ANY(%s)", (tokens,), binary=True)
        return [(term, field, _binary_array(docs, ">i4", np.int64), _binary_array(tfs, ">f4", np.float64))
                for term, field, docs, tfs in rows]

    def posting_sizes(self, tokens: list[str]) -> dict[str, int]:
        """Per token, its largest number of posting entries in one field (removed documents'
        entries included; counted by the database without sending the arrays)."""
        missing = sorted({t for t in tokens if t not in self._sizes})
        if missing:
            found = dict(self._query(f"SELECT term, max(cardinality(docs)) FROM {self.schema}.postings "
                                     "WHERE term = ANY(%s) GROUP BY term", (missing,)))
            for token in missing:
                self._sizes[token] = found.get(token, 0)
        return {t: self._sizes[t] for t in tokens}

    def visible(self, staff: bool) -> np.ndarray:
        return self.table.visible(staff)

    def _known(self, staff: bool, token: str) -> bool:
        """Does ``token`` occur in a document this requester may see?"""
        return self.scorers[staff].known(token)

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
        """Per text field, the documents where ``tokens`` occur as a phrase. Candidates are
        the documents holding every token in that field (from the postings, as a GIN index
        over the tsvectors would find them); their tsvectors' positions decide."""
        parts, params = [], []
        for code, name in enumerate(TEXT_FIELDS):
            candidates: np.ndarray | None = None
            for token in dict.fromkeys(tokens):
                found = self.scorers[True].postings(name, token)  # any live document
                docs = found[0] if found is not None else np.zeros(0, dtype=np.int64)
                candidates = docs if candidates is None else np.intersect1d(candidates, docs, assume_unique=True)
            if candidates is None or not len(candidates):
                continue
            # the candidates as array text: psycopg would adapt thousands of numbers one by one
            parts.append(f"SELECT {code}, doc FROM {self.schema}.bodies WHERE doc = ANY(%s::integer[]) "
                         "AND tsv @@ %s::tsquery")
            params += [copytext.array(candidates.tolist()), _tsquery_phrase(name, tokens)]
        found_docs: dict[str, list[int]] = {}
        if parts:
            for code, doc in self._query(" UNION ALL ".join(parts), tuple(params)):
                found_docs.setdefault(TEXT_FIELDS[code], []).append(doc)
        return {name: np.array(docs, dtype=np.int64) for name, docs in found_docs.items()}

    def uncached(self, docs: list[int], terms: frozenset[str]) -> list[int]:
        """Those of ``docs`` whose hit fields or snippet for ``terms`` this worker has not
        kept (their bodies must be read)."""
        return [doc for doc in docs if doc not in self._hit_fields or (doc, terms) not in self._snippets]

    def hit(self, doc: int, score: float, terms: frozenset[str], bodies: dict[int, tuple[dict, str | dict]]) -> Hit:
        """The hit of ``doc``: fields and snippet as kept, or from ``bodies`` (``bodies``'s
        answer for ``uncached``), then kept. A document number always stands for the same
        profile, so both stay valid for the generation (as the Whoosh backend keeps them).
        Raises KeyError when ``doc`` is neither kept nor in ``bodies`` (removed)."""
        fields = self._hit_fields.get(doc)
        if fields is None:
            fields = hit_fields(bodies[doc][0])
            self._keep(self._hit_fields, doc, fields, HIT_FIELDS_CACHE)
        snippet = self._snippets.get((doc, terms))
        if snippet is None:
            snippet = self.snippet(doc, terms, bodies[doc][1])
        return Hit(**fields, score=round(score, 4), snippet=snippet)

    def snippet(self, doc: int, terms: frozenset[str], texts: str | dict[str, str]) -> str:
        """The snippet of ``doc`` for ``terms`` (cached: it depends on nothing else);
        ``texts`` as ``bodies`` returns them."""
        key = (doc, terms)
        cached = self._snippets.get(key)
        if cached is None:
            cached = make_snippet(stored_texts(texts), set(terms))
            self._keep(self._snippets, key, cached, self._snippet_limit)
        return cached

    @staticmethod
    def _keep(cache: OrderedDict, key: object, value: object, limit: int) -> None:
        if limit:
            cache[key] = value
            if len(cache) > limit:
                cache.popitem(last=False)

    def suggester(self, staff: bool) -> Suggester:
        """Completions from the visible profiles' keywords, places and titles."""
        if staff not in self._suggesters:
            self._suggesters[staff] = Suggester.from_table(self.table, staff)
        return self._suggesters[staff]
