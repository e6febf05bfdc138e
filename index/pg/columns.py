"""The columnar store of a PostgreSQL generation: what a search worker needs of every
document, in a few binary rows instead of one row per document.

Opening a generation used to read every ``docs`` row and turn it into columns in a
Python loop (0.5 s at 10,000 profiles, 5.5 s at 100,000). Now a generation also holds
``doc_columns``: one row per *chunk* of consecutive document numbers ``[start, stop)``
with the chunk's columns in the format of a Whoosh segment's columns file
(``index.columns.encode_columns``: ids, titles, visibility, year, facet values, field
lengths, places, title order), the keyword texts (JSON, decoded when feedback first
needs them) and one byte per number saying it is gone (removed, or a number no document
got). A worker reads them with one binary query, and the chunks become the search
core's segments: after an update only the new chunk is read and what the core derived
from the others (``SegmentColumns.derived``) stays.

Builds write chunks of ``CHUNK_DOCS`` documents; an update writes its new documents as
one more chunk and marks removed ones gone, in the same transaction as the rows. Once
there are more than ``MAX_SMALL_CHUNKS`` small chunks (of fewer than ``SMALL_DOCS``
documents), the update rewrites them and the chunks after them (from the rows:
``rebuild_chunks``).

It is derived data. ``doc_columns_state`` holds its format and the index version it was
written for (``ikz_indexes.version``, bumped by every update in the same transaction):
a generation without the tables (built before they existed), a store of another format
or of an older version (an update by a program that did not know it) is not used —
workers then read the ``docs`` rows as before, slowly but correctly, and log a warning;
``ikz index check`` reports it (``check_pg_columns``) and the next update rewrites it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import psycopg

from corpus import Profile
from index.columns import COLUMNS_FORMAT, ColumnCollector, SegmentColumns, decode_columns, encode_columns
from index.pg.schema import MULTI_FACETS, SINGLE_FACETS
from index.schema import TEXT_FIELDS

# Changes whenever what a chunk holds changes (with ``index.columns.COLUMNS_FORMAT``).
STORE_FORMAT = 1000 + COLUMNS_FORMAT
CHUNK_DOCS = 32768  # 4 chunks at 100,000 documents: decoding costs per chunk too
# Chunks of fewer documents are small (an update's); past MAX_SMALL_CHUNKS of them, an
# update rewrites them as one. Bounded so that a merge reads and encodes a few hundred
# documents, not a build's chunk: a chunk grown past it stays as it is until the next build.
SMALL_DOCS = 512
MAX_SMALL_CHUNKS = 8


def columns_ddl(schema: str) -> list[str]:
    """CREATE statements of the store's tables (part of every new generation)."""
    return [
        f"""CREATE TABLE {schema}.doc_columns (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    start    integer NOT NULL UNIQUE,
    stop     integer NOT NULL,
    data     bytea NOT NULL,
    keywords bytea NOT NULL,
    gone     bytea NOT NULL
)""",
        # read whole and often: compressing would only cost time on every opening
        *(f"ALTER TABLE {schema}.doc_columns ALTER COLUMN {column} SET STORAGE EXTERNAL"
          for column in ("data", "keywords", "gone")),
        f"CREATE TABLE {schema}.doc_columns_state (format integer NOT NULL, version bigint NOT NULL)",
    ]


@dataclass(frozen=True)
class DocumentEntry:
    """One document as a chunk holds it: its stored-field values as ``index.columns``
    reads them (``id``, ``title``, ``private``, ``year``, facet values, multi-valued ones
    joined by newlines, optionally ``payload``), the profile when at hand (its places are
    taken from it, else from the payload), BM25 field lengths and keyword text."""

    doc: int
    fields: dict[str, object]
    profile: Profile | None
    lengths: Sequence[float]
    keywords: str


def entry_fields(profile_id: str, private: bool, year: int | None, singles: Iterable[str | None],
                 multis: Iterable[Iterable[str]], title: str) -> dict[str, object]:
    """The ``fields`` of a ``DocumentEntry`` from a document's plain values (facet values
    in the order of ``SINGLE_FACETS`` and ``MULTI_FACETS``). Raises nothing."""
    fields: dict[str, object] = {"id": profile_id, "title": title, "private": private, "year": year}
    fields.update(zip(SINGLE_FACETS, singles, strict=True))
    fields.update((facet, "\n".join(values)) for facet, values in zip(MULTI_FACETS, multis, strict=True))
    return fields


@dataclass
class Chunk:
    """One decoded chunk: its columns (documents ``start`` to ``stop - 1``), which
    numbers are gone, and its keyword texts (decoded when first asked for)."""

    id: int
    start: int
    columns: SegmentColumns
    gone: np.ndarray
    keyword_data: bytes
    _keywords: list[str] | None = None

    @property
    def stop(self) -> int:
        return self.start + len(self.columns)

    def keywords(self) -> list[str]:
        """The keyword texts of the chunk's documents ("" for gone numbers). Raises
        ValueError when they are unreadable."""
        if self._keywords is None:
            found = json.loads(self.keyword_data)
            if not isinstance(found, list) or len(found) != len(self.columns):
                raise ValueError(f"the keyword texts of the columnar chunk at {self.start} do not fit it")
            self._keywords = found
        return self._keywords


def encode_chunk(start: int, stop: int, entries: Iterable[DocumentEntry]) -> tuple[bytes, bytes, bytes]:
    """(data, keywords, gone) of the chunk of numbers ``start`` to ``stop - 1`` holding
    ``entries`` (numbers without an entry are gone). Raises ValueError for an entry
    outside the chunk or an unreadable payload."""
    by_doc = {entry.doc: entry for entry in entries}
    if any(not start <= doc < stop for doc in by_doc):
        raise ValueError(f"a document outside the chunk {start}-{stop - 1}")
    collector = ColumnCollector()
    count = stop - start
    lengths = {name: np.zeros(count) for name in TEXT_FIELDS}
    keywords = [""] * count
    gone = np.ones(count, dtype=np.uint8)
    for offset in range(count):
        entry = by_doc.get(start + offset)
        if entry is None:
            collector.add({"id": ""})
            continue
        collector.add(entry.fields, entry.profile)
        for name, length in zip(TEXT_FIELDS, entry.lengths, strict=True):
            lengths[name][offset] = length
        keywords[offset] = entry.keywords
        gone[offset] = 0
    data = encode_columns(collector.finish(lengths))
    return data, json.dumps(keywords, ensure_ascii=False).encode("utf-8"), gone.tobytes()


def write_chunk(conn: psycopg.Connection, schema: str, start: int, stop: int,
                entries: Iterable[DocumentEntry]) -> None:
    """Store the chunk of numbers ``start`` to ``stop - 1`` (``encode_chunk``). Raises
    psycopg errors, ValueError."""
    data, keywords, gone = encode_chunk(start, stop, entries)
    conn.execute(f"INSERT INTO {schema}.doc_columns (start, stop, data, keywords, gone) VALUES (%s, %s, %s, %s, %s)",
                 (start, stop, data, keywords, gone))


def write_chunks(conn: psycopg.Connection, schema: str, entries: Iterable[DocumentEntry], start: int,
                 stop: int) -> None:
    """Store documents ``start`` to ``stop - 1`` (``entries``, in order of number) in
    chunks of ``CHUNK_DOCS``. Raises psycopg errors, ValueError."""
    pending: list[DocumentEntry] = []
    low = start
    for entry in entries:
        while entry.doc >= low + CHUNK_DOCS:
            write_chunk(conn, schema, low, low + CHUNK_DOCS, pending)
            pending, low = [], low + CHUNK_DOCS
        pending.append(entry)
    while low < stop:
        high = min(low + CHUNK_DOCS, stop)
        write_chunk(conn, schema, low, high, pending)
        pending, low = [], high


def set_state(conn: psycopg.Connection, schema: str, version: int) -> None:
    """Record that the store is complete for index version ``version``. Raises psycopg errors."""
    conn.execute(f"DELETE FROM {schema}.doc_columns_state")
    conn.execute(f"INSERT INTO {schema}.doc_columns_state (format, version) VALUES (%s, %s)",
                 (STORE_FORMAT, version))


def has_store(conn: psycopg.Connection, schema: str) -> bool:
    """Whether generation ``schema`` has the store's tables."""
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.doc_columns_state",)).fetchone()[0]


def store_problem(state: tuple[int, int] | None, version: int) -> str | None:
    """Why a store with ``state`` (format, version; None: no tables or no state row)
    cannot serve index version ``version``, or None when it can. A newer version is
    fine: a reader that looked up the version before an update committed. Raises nothing."""
    if state is None:
        return "has no columnar store (built before it existed, or never completed)"
    found_format, found_version = state
    if found_format != STORE_FORMAT:
        return f"has a columnar store of format {found_format}, not {STORE_FORMAT}"
    if found_version < version:
        return f"has a columnar store of version {found_version}, older than the index's {version}"
    return None


def read_state(conn: psycopg.Connection, schema: str) -> tuple[int, int] | None:
    """(format, version) of the store of ``schema``, or None. Raises psycopg errors."""
    if not has_store(conn, schema):
        return None
    row = conn.execute(f"SELECT format, version FROM {schema}.doc_columns_state").fetchone()
    return None if row is None else (int(row[0]), int(row[1]))


def decode_chunk(chunk_id: int, start: int, stop: int, data: bytes, keywords: bytes, gone: bytes) -> Chunk | None:
    """A stored chunk, or None when its data is unreadable or of another format. Raises nothing."""
    columns = decode_columns(data)
    if columns is None or len(columns) != stop - start or len(gone) != stop - start:
        return None
    return Chunk(chunk_id, start, columns, np.frombuffer(gone, dtype=np.uint8).astype(bool), bytes(keywords))


def mark_gone(conn: psycopg.Connection, schema: str, docs: Sequence[int]) -> None:
    """Mark documents ``docs`` gone in their chunks. Raises psycopg errors."""
    if not docs:
        return
    wanted = np.asarray(sorted(docs), dtype=np.int64)
    rows = conn.execute(f"SELECT id, start, stop, gone FROM {schema}.doc_columns WHERE start <= %s AND stop > %s",
                        (int(wanted[-1]), int(wanted[0]))).fetchall()
    for chunk_id, start, stop, gone in rows:
        inside = wanted[(wanted >= start) & (wanted < stop)] - start
        if len(inside):
            marks = np.frombuffer(gone, dtype=np.uint8).copy()
            marks[inside] = 1
            conn.execute(f"UPDATE {schema}.doc_columns SET gone = %s WHERE id = %s", (marks.tobytes(), chunk_id))


def rebuild_chunks(conn: psycopg.Connection, schema: str, start: int = 0) -> None:
    """Rewrite the store from number ``start`` on from the ``docs`` and ``bodies`` rows
    (chunks beginning at or after ``start`` are replaced; ``start`` 0 with no tables
    creates them). The caller records the state (``set_state``). Raises psycopg errors,
    ValueError."""
    if not has_store(conn, schema):
        for statement in columns_ddl(schema):
            conn.execute(statement)
    conn.execute(f"DELETE FROM {schema}.doc_columns WHERE start >= %s", (start,))
    stop = conn.execute(f"SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM {schema}.doc_numbers"
                        ).fetchone()[0]
    covered = conn.execute(f"SELECT max(stop) FROM {schema}.doc_columns").fetchone()[0]
    if covered is not None and covered != start:
        raise ValueError(f"the columnar store of {schema} ends at {covered}, not {start}")
    names: dict[str, dict[int, str]] = {}
    for facet, code, value in conn.execute(f"SELECT facet, code, value FROM {schema}.facet_values"):
        names.setdefault(facet, {})[code] = value
    rows = conn.execute(
        f"""SELECT d.doc, d.id, d.private, d.year, {', '.join(f'd.{f}' for f in (*SINGLE_FACETS, *MULTI_FACETS))},
                   d.title, d.lengths, d.keywords, b.payload
            FROM {schema}.docs d JOIN {schema}.bodies b ON b.doc = d.doc WHERE d.doc >= %s ORDER BY d.doc""",
        (start,))
    entries = (_entry_of_row(row, names) for row in rows)
    write_chunks(conn, schema, entries, start, max(stop, start))


def _entry_of_row(row: tuple, names: dict[str, dict[int, str]]) -> DocumentEntry:
    doc, profile_id, private, year, *rest = row
    singles = rest[:len(SINGLE_FACETS)]
    multis = rest[len(SINGLE_FACETS):len(SINGLE_FACETS) + len(MULTI_FACETS)]
    title, lengths, keywords, payload = rest[len(SINGLE_FACETS) + len(MULTI_FACETS):]
    fields = entry_fields(
        profile_id, private, year,
        (None if code is None else names[facet][code] for facet, code in zip(SINGLE_FACETS, singles, strict=True)),
        ([names[facet][code] for code in codes] for facet, codes in zip(MULTI_FACETS, multis, strict=True)),
        title)
    fields["payload"] = payload
    return DocumentEntry(doc, fields, None, lengths, keywords)


def refresh_after_update(conn: psycopg.Connection, schema: str, version: int, added: Sequence[DocumentEntry],
                         removed: Sequence[int]) -> None:
    """Bring the store of ``schema`` to index version ``version`` after an update that
    added ``added`` (numbers above every earlier one) and removed ``removed``: a new
    chunk and gone marks, or — for a store that is missing, stale or unreadable — a
    rewrite from the rows; small chunks past ``MAX_SMALL_CHUNKS`` are merged. In the
    update's transaction. Raises psycopg errors, ValueError."""
    state = read_state(conn, schema)
    if store_problem(state, version - 1) is not None:
        rebuild_chunks(conn, schema)
        set_state(conn, schema, version)
        return
    mark_gone(conn, schema, removed)
    if added:
        start = conn.execute(f"SELECT coalesce(max(stop), 0) FROM {schema}.doc_columns").fetchone()[0]
        write_chunk(conn, schema, start, max(e.doc for e in added) + 1, added)
    small = [start for start, stop in conn.execute(f"SELECT start, stop FROM {schema}.doc_columns ORDER BY start")
             if stop - start < SMALL_DOCS]
    if len(small) > MAX_SMALL_CHUNKS:
        rebuild_chunks(conn, schema, small[0])
    set_state(conn, schema, version)


def check_pg_columns(conn: psycopg.Connection, schema: str, version: int) -> list[str]:
    """What is wrong with the columnar store of generation ``schema`` at index version
    ``version``, one sentence each ([] when nothing is): missing, stale, unreadable or
    not covering every document. Raises psycopg errors."""
    problem = store_problem(read_state(conn, schema), version)
    if problem is not None:
        return [f"generation {schema} {problem}: searches open it slowly; the next `ikz index update` "
                "or `ikz index build` writes it"]
    problems = []
    expected = 0
    live: set[int] = set()
    for chunk_id, start, stop, data, keywords, gone in conn.execute(
            f"SELECT id, start, stop, data, keywords, gone FROM {schema}.doc_columns ORDER BY start"):
        chunk = decode_chunk(chunk_id, start, stop, data, keywords, gone)
        if chunk is not None:
            try:  # decoded by workers only when feedback first reads them
                chunk.keywords()
            except ValueError:
                chunk = None
        if start != expected or chunk is None:
            problems.append(f"generation {schema}: columnar chunk {start}-{stop - 1} is unreadable or out of place: "
                            "the next `ikz index build` rewrites it")
        else:
            live.update((np.flatnonzero(~chunk.gone) + start).tolist())
        expected = stop
    docs = {doc for (doc,) in conn.execute(f"SELECT doc FROM {schema}.docs")}
    if not problems and docs != live:
        problems.append(f"generation {schema}: the columnar store holds {len(live)} documents, "
                        f"the docs table {len(docs)}: the next `ikz index build` rewrites it")
    return problems
