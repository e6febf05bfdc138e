"""The PostgreSQL engine's storage of one index generation (and version), as one worker sees it.

What the search core needs of every document (visibility, ids, titles, facet values,
field lengths, places, keyword texts) is read when the generation is opened, from its
columnar store (``index.pg.columns``: a few binary rows of ready-made segment columns,
one chunk of documents per segment), or, for a generation without a usable store, from
the narrow ``docs`` rows and the facet value names, row by row. From the segment columns
the search core builds the same ``FacetTable`` as for Whoosh: it counts, filters and
sorts in memory (one ``numpy.bincount`` per facet instead of a SQL ``GROUP BY`` over the
candidates: 10–40× faster, measured). Postings (cached), the page's bodies, phrase
positions and the spelling vocabulary stay in the database and are fetched when needed.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future

import numpy as np

from index.columns import SegmentColumns
from index.pg import copytext
from index.pg.columns import Chunk, decode_chunk, store_problem
from index.pg.rows import escape_lexeme, stored_texts
from index.pg.schema import MULTI_FACETS, SINGLE_FACETS, tsv_token
from index.pg.vectors import fetch_pg_vectors, read_pg_vectors
from index.schema import TEXT_FIELDS
from search.deadline import Deadline
from search.engine import Body
from search.pg.scoring import PgPostings

_log = logging.getLogger(__name__)
Query = Callable[..., list[tuple]]
# runs a function in a background thread
Submit = Callable[..., "Future[dict[int, Body]]"]
_DOC_FIELDS = (f"doc, id, private, title, title_key, lengths, keywords, year, "
               f"{', '.join(SINGLE_FACETS)}, {', '.join(MULTI_FACETS)}")
# An update adds a segment (``_changes``); past this many the next reload reads everything.
MAX_SEGMENTS = 16


def _tsquery_phrase(name: str, tokens: tuple[str, ...]) -> str:
    quoted = ("'" + escape_lexeme(tsv_token(name, t)) + "'" for t in tokens)
    return " <-> ".join(quoted)


def _binary_array(data: bytes, element: str, dtype: type) -> np.ndarray:
    """A one-dimensional array without NULLs from ``array_send``: a 20-byte header (an
    empty array's is 12 bytes), then per element its length (4) and value (4, big-endian)."""
    if len(data) <= 20:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(data, dtype=element, offset=20)[1::2].astype(dtype)


class PgGeneration:
    """One generation (and version) as seen by one worker (``search.engine.Generation``).
    ``query(sql, params)`` runs a read-only statement and returns its rows; ``submit``
    runs a function in a background thread."""

    def __init__(self, schema: str, version: int, query: Query, submit: Submit, *,
                 previous: PgGeneration | None = None) -> None:
        """``previous``: this worker's state of an earlier version of the same generation,
        if any: then only what changed is read (new chunks of the columnar store, or the
        ``docs`` rows past its last number; see ``_changes``)."""
        self.schema, self.version, self._query, self._submit = schema, version, query, submit
        same = previous is not None and previous.schema == schema
        # the vectors (most of the bytes) travel while the columns are read and decoded
        vector_start = previous.size if same else 0  # type: ignore[union-attr]
        vectors = submit(fetch_pg_vectors, query, schema, vector_start)
        self._chunks = self._read_store(previous if same else None)  # type: ignore[arg-type]
        if self._chunks is not None:
            self.continues = same
            self.keywords: list[str] = []
            segments = [(chunk.start, chunk.columns, chunk.gone) for chunk in self._chunks]
            self.size = self._chunks[-1].stop if self._chunks else 0
            start = previous.size if same else 0  # type: ignore[union-attr]
        else:
            start, segments = self._read_rows(previous if same else None)
        self.segments: list[tuple[int, SegmentColumns, np.ndarray]] = segments
        self._starts = [offset for offset, _, _ in segments]
        self.live = np.concatenate([~gone for _, _, gone in segments]) if segments else np.zeros(0, dtype=bool)
        self.lengths = {name: np.concatenate([c.lengths[name] for _, c, _ in segments]) if segments else np.zeros(0)
                        for name in TEXT_FIELDS}
        earlier = previous.vectors if self.continues else None  # type: ignore[union-attr]
        if earlier is None:
            start = 0
        self.vectors = read_pg_vectors(self._query, schema, self.size, self.live, start, earlier,
                                       fetched=vectors.result if start == vector_start else None)
        # one store of posting arrays for both audiences' scorers
        self.postings = PgPostings(self._postings)
        self.prefetch = self.postings.prefetch
        self._sizes: dict[str, int] = {}  # token → posting entries (``posting_bounds``)

    def _read_store(self, previous: PgGeneration | None) -> list[Chunk] | None:
        """The chunks of the generation's columnar store (``index.pg.columns``) in order
        of number, those ``previous`` read already taken from it with their gone marks
        read anew; None (logged as a warning) when the store is missing, stale or
        unreadable: then the ``docs`` rows are read instead."""
        if not self._query("SELECT to_regclass(%s) IS NOT NULL", (f"{self.schema}.doc_columns_state",))[0][0]:
            problem = store_problem(None, self.version)
            rows: list[tuple] = []
        else:
            known = {c.id: c for c in (previous._chunks or [])} if previous is not None else {}
            ids = list(known)
            # one statement: the state and the chunks from the same snapshot
            rows = self._query(
                f"""SELECT s.format, s.version, c.id, c.start, c.stop, c.gone,
                           CASE WHEN c.id = ANY(%s) THEN NULL ELSE c.data END,
                           CASE WHEN c.id = ANY(%s) THEN NULL ELSE c.keywords END
                    FROM {self.schema}.doc_columns_state s LEFT JOIN {self.schema}.doc_columns c ON true
                    ORDER BY c.start""", (ids, ids), binary=True)
            problem = store_problem((rows[0][0], rows[0][1]) if rows else None, self.version)
        chunks: list[Chunk] = []
        for _, _, chunk_id, start, stop, gone, data, keywords in rows if problem is None else ():
            if chunk_id is None:  # a state row and no chunks: an empty generation
                break
            if data is None:
                kept = known[chunk_id]
                chunk = Chunk(chunk_id, start, kept.columns, np.frombuffer(gone, dtype=np.uint8).astype(bool),
                              kept.keyword_data, kept._keywords)
            else:
                chunk = decode_chunk(chunk_id, start, stop, data, keywords, gone)
            if chunk is None or start != (chunks[-1].stop if chunks else 0):
                problem = f"has an unreadable or misplaced columnar chunk at {start}"
                break
            chunks.append(chunk)
        if problem is not None:
            _log.warning("generation %s %s: reading its documents row by row (slow); the next "
                         "`ikz index update` or `ikz index build` writes the store", self.schema, problem)
            return None
        return chunks

    def _read_rows(self, previous: PgGeneration | None) -> tuple[int, list[tuple[int, SegmentColumns, np.ndarray]]]:
        """(first number read, segments) from the ``docs`` rows (a generation without a
        usable columnar store); sets ``size``, ``keywords``, ``continues``."""
        self.values: dict[str, dict[int, str]] = {facet: {} for facet in (*SINGLE_FACETS, *MULTI_FACETS)}
        for facet, code, value in self._query(f"SELECT facet, code, value FROM {self.schema}.facet_values"):
            self.values[facet][code] = value
        # document numbers never change meaning within a generation: caches stay valid
        self.continues = previous is not None and previous._chunks is None and len(previous.segments) < MAX_SEGMENTS
        if self.continues:
            start, segments, self.keywords = self._changes(previous)  # type: ignore[arg-type]
        else:
            start, segments, self.keywords = 0, [], []
        rows = self._query(f"SELECT {_DOC_FIELDS} FROM {self.schema}.docs WHERE doc >= %s ORDER BY doc", (start,))
        self.size = rows[-1][0] + 1 if rows else start
        if self.size > start:
            columns, present = self._columns(rows, start, self.size)
            segments.append((start, columns, ~present))
            self.keywords.extend([""] * (self.size - start))
            for row in rows:
                self.keywords[row[0]] = row[6]
        return start, segments

    def added(self) -> dict[str, str]:
        """Per id, when the profile entered the index (the generation's ``history`` table,
        ``index.pg.history``; {} without one)."""
        if not self._query("SELECT to_regclass(%s) IS NOT NULL", (f"{self.schema}.history",))[0][0]:
            return {}
        rows = self._query(f"""SELECT id, to_char(added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM {self.schema}.history""")
        return {profile_id: added for profile_id, added in rows if added}

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

    def bodies(self, docs: list[int]) -> Callable[[], dict[int, Body]]:
        """(payload, stored texts) of documents (one page of hits), by document number,
        read in a background thread (the core counts facets meanwhile)."""
        if not docs:
            return dict
        return self._submit(self._bodies, docs).result

    def _bodies(self, docs: list[int]) -> dict[int, Body]:
        rows = self._query(f"SELECT doc, payload, texts FROM {self.schema}.bodies WHERE doc = ANY(%s)", (docs,))
        return {doc: (json.loads(payload), stored_texts(texts)) for doc, payload, texts in rows}

    def payloads(self, docs: list[int]) -> dict[int, dict]:
        """The payloads of documents by number, without their texts (``docs`` only has no
        places column: ``search.segment_data`` reads these instead)."""
        rows = self._query(f"SELECT doc, payload FROM {self.schema}.bodies WHERE doc = ANY(%s)", (docs,))
        return {doc: json.loads(payload) for doc, payload in rows}

    def _postings(self, tokens: list[str]) -> list[tuple[str, int, np.ndarray, np.ndarray]]:
        """(term, field code, documents, term frequencies) of every posting row of ``tokens``.
        The arrays travel in PostgreSQL's binary array format and become numpy arrays
        directly: as lists of Python numbers, a query's common words (millions of entries
        at 100,000 profiles) took three times as long."""
        rows = self._query(f"SELECT term, field, array_send(docs), array_send(tfs) FROM {self.schema}.postings "
                           "WHERE term = ANY(%s)", (tokens,), binary=True)
        return [(term, field, _binary_array(docs, ">i4", np.int64), _binary_array(tfs, ">f4", np.float64))
                for term, field, docs, tfs in rows]

    def posting_bounds(self, tokens: list[str]) -> dict[str, int]:
        """Per token, its largest number of posting entries in one field (removed documents'
        entries included; counted by the database without sending the arrays)."""
        missing = sorted({t for t in tokens if t not in self._sizes})
        if missing:
            found = dict(self._query(f"SELECT term, max(cardinality(docs)) FROM {self.schema}.postings "
                                     "WHERE term = ANY(%s) GROUP BY term", (missing,)))
            for token in missing:
                self._sizes[token] = found.get(token, 0)
        return {t: self._sizes[t] for t in tokens}

    def keyword_text(self, doc: int) -> str:
        """A document's keyword text (from its chunk of the columnar store, or read with
        the ``docs`` rows)."""
        if self._chunks is None:
            return self.keywords[doc]
        chunk = self._chunks[bisect.bisect_right(self._starts, doc) - 1]
        try:
            return chunk.keywords()[doc - chunk.start]
        except (ValueError, IndexError):  # damaged (``ikz index check`` says so): the row has them too
            found = self._query(f"SELECT keywords FROM {self.schema}.docs WHERE doc = %s", (doc,))
            return found[0][0] if found else ""

    def spelling(self, staff: bool) -> Iterable[tuple[str, int]]:
        """The written words of the profiles public or staff may see, with their counts."""
        column = "everyone" if staff else "public"
        return self._query(f"SELECT word, {column} FROM {self.schema}.spelling WHERE {column} > 0")

    def phrase_matches(self, tokens: tuple[str, ...], deadline: Deadline) -> dict[str, np.ndarray]:
        """Per text field, the documents where ``tokens`` occur as a phrase. Candidates are
        the live documents holding every token in that field (from the postings, as a GIN
        index over the tsvectors would find them); their tsvectors' positions decide.
        ``deadline``: the statement timeout stops the statement at the same limit."""
        parts, params = [], []
        for code, name in enumerate(TEXT_FIELDS):
            candidates: np.ndarray | None = None
            for token in dict.fromkeys(tokens):
                found = self.postings(name, token)
                docs = found[0] if found is not None else np.zeros(0, dtype=np.int64)
                docs = docs[docs < self.size]
                docs = docs[self.live[docs]]
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

    def close(self) -> None:
        """Nothing to release: the connections belong to the service's pool."""
