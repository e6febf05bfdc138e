"""Builds of a PostgreSQL index: a new generation loaded with ``COPY`` and switched to
in the same transaction.

Readers never see a half-built generation: its schema, tables, indexes, verification and
the pointer update commit together or not at all (a killed build leaves nothing behind).
The generation before the live one is kept for readers still using it; older ones are
dropped after the switch.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import psycopg

from corpus import Profile
from index.analysis import prepare_analysis
from index.build import BuildFailed
from index.pg import copytext
from index.pg.columns import DocumentEntry, columns_ddl, entry_fields, set_state, write_chunks
from index.pg.rows import DocumentRows, document_rows, texts_json
from index.pg.schema import (
    INDEXES_TABLE,
    MULTI_FACETS,
    SINGLE_FACETS,
    check_name,
    generation_ddl,
    generation_prefix,
)
from index.pg.history import carry_pg_history
from index.pg.vectors import refresh_pg_vectors
from index.pg.store import connect, ensure_control, generations, live_generation, write_lock
from index.spelling import SpellingCounts

KEEP_GENERATIONS = 2
CHUNK = 250  # documents per unit of work of a build worker

DOC_COLUMNS = ("doc", "id", "private", "year", *SINGLE_FACETS, *MULTI_FACETS, "title", "title_key", "lengths",
               "keywords")
BODY_COLUMNS = ("doc", "payload", "texts", "spell", "digest", "tsv")


@dataclass(frozen=True)
class PgBuildReport:
    generation: str
    documents: int
    seconds: float


class FacetCodes:
    """Facet value → integer code, per facet."""

    def __init__(self) -> None:
        self.codes: dict[str, dict[str, int]] = defaultdict(dict)

    def code(self, facet: str, value: str | None) -> int | None:
        if value is None:
            return None
        codes = self.codes[facet]
        if value not in codes:
            codes[value] = len(codes)
        return codes[value]

    def rows(self) -> Iterable[tuple[str, int, str]]:
        for facet, codes in self.codes.items():
            for value, code in codes.items():
                yield facet, code, value


def narrow_values(rows: DocumentRows) -> tuple:
    """What the ``docs`` row of a document holds, facet values not yet coded (plain
    values: cheap to send between processes)."""
    return (
        rows.id, rows.private, rows.year, tuple(rows.singles[facet] for facet in SINGLE_FACETS),
        tuple(tuple(rows.multis[facet]) for facet in MULTI_FACETS), rows.title, rows.title_key, rows.lengths,
        rows.texts.get("keywords", ""), tuple(json.loads(rows.payload).get("groups") or ()),
    )


def coded_row(doc: int, values: tuple, codes: FacetCodes) -> tuple:
    """The ``docs`` row (columns ``DOC_COLUMNS``) of ``narrow_values``."""
    profile_id, private, year, singles, multis, title, title_key, lengths, keywords, _ = values
    return (
        doc, profile_id, private, year,
        *(codes.code(facet, value) for facet, value in zip(SINGLE_FACETS, singles, strict=True)),
        *([codes.code(facet, v) for v in found] for facet, found in zip(MULTI_FACETS, multis, strict=True)),
        title, title_key, lengths, keywords,
    )


def column_entry(doc: int, values: tuple, profile: Profile | None) -> DocumentEntry:
    """What the columnar store (``index.pg.columns``) keeps of the document of
    ``narrow_values``."""
    profile_id, private, year, singles, multis, title, _, lengths, keywords, groups = values
    fields = entry_fields(profile_id, private, year, singles, multis, title) | {"groups": list(groups)}
    return DocumentEntry(doc, fields, profile, lengths, keywords)


def doc_row(doc: int, rows: DocumentRows, codes: FacetCodes) -> tuple:
    """The ``docs`` row of one document (columns ``DOC_COLUMNS``)."""
    return coded_row(doc, narrow_values(rows), codes)


def body_row(doc: int, rows: DocumentRows) -> tuple:
    """The ``bodies`` row of one document (columns ``BODY_COLUMNS``)."""
    return doc, rows.payload, texts_json(rows), rows.spell, rows.digest, rows.tsv


def build_pg_index(
    profiles: Iterable[Profile], url: str, name: str = "main", *, progress: Callable[[int], None] | None = None,
    processes: int | None = None,
) -> PgBuildReport:
    """Load ``profiles`` into a new generation of index ``name`` and switch to it.

    ``processes``: analysis worker processes (default: one per core). Raises
    DatabaseUnavailable, IndexLocked (another writer), BuildFailed (verification failed;
    the live generation is unchanged), InvalidIndexName.
    """
    started = time.perf_counter()
    check_name(name)
    profiles = profiles if isinstance(profiles, Sequence) else list(profiles)  # workers index into it
    with connect(url, writer=True) as conn, write_lock(conn, name):
        now = time.time_ns()  # one clock reading: names sort in build order
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(now // 10**9)) + f"_{now // 1000 % 10**6:06d}"
        schema = generation_prefix(name) + stamp
        with conn.transaction():
            ensure_control(conn)
            for statement in [*generation_ddl(schema), *columns_ddl(schema)]:
                conn.execute(statement)
            count = _load(conn, schema, profiles, progress, processes)
            set_state(conn, schema, 0)  # the version a switch starts at
            if count:
                conn.execute(f"SELECT setval('{schema}.doc_numbers', %s, false)", (count,))
            # statistics for the planner; the wide columns are only ever fetched by key
            # (their statistics took 2 s of a 100,000-profile build)
            conn.execute(f"ANALYZE {schema}.docs")
            conn.execute(f"ANALYZE {schema}.bodies (doc)")
            conn.execute(f"ANALYZE {schema}.postings (term, field)")
            _verify(conn, schema, count)
            refresh_pg_vectors(conn, schema, _live_schema(conn, name))
            carry_pg_history(conn, name, schema)
            conn.execute(
                f"""INSERT INTO {INDEXES_TABLE} (name, generation) VALUES (%s, %s)
                    ON CONFLICT (name) DO UPDATE SET generation = EXCLUDED.generation, version = 0,
                    switched_at = now()""",
                (name, schema),
            )
        _drop_stale(conn, name)
    return PgBuildReport(schema, count, time.perf_counter() - started)


def _live_schema(conn: psycopg.Connection, name: str) -> str | None:
    """The live generation of index ``name`` (whose vectors a build reuses), or None."""
    row = conn.execute(f"SELECT generation FROM {INDEXES_TABLE} WHERE name = %s", (name,)).fetchone()
    return None if row is None else row[0]


@dataclass
class _Chunk:
    """What a worker sends back for a run of consecutive documents: COPY text, plain
    values and flat arrays (unpickling lists of numbers was the parent's largest cost)."""

    bodies: str  # the ``bodies`` rows in COPY text format
    narrow: list[tuple]  # ``narrow_values`` per document
    keys: list[tuple[str, int]]  # (token, field) of each posting run, in order
    ends: array  # where each key's run ends in ``docs`` and ``tfs``
    docs: array
    tfs: array
    spelling: SpellingCounts


_PROFILES: Sequence[Profile] = ()  # a worker's view of the profiles (inherited at fork)


def _share(profiles: Sequence[Profile]) -> None:
    global _PROFILES
    _PROFILES = profiles


def _analyse_chunk(bounds: tuple[int, int]) -> _Chunk:
    """Analyse documents ``bounds[0]`` to ``bounds[1] - 1`` of ``_PROFILES``."""
    bodies = []
    narrow = []
    postings: dict[tuple[str, int], tuple[list[int], list[float]]] = {}
    spelling = SpellingCounts()
    for doc in range(*bounds):
        rows = document_rows(_PROFILES[doc])
        bodies.append(copytext.line(body_row(doc, rows)))
        narrow.append(narrow_values(rows))
        for (field, token), tf in rows.terms.items():
            entry = postings.get((token, field))
            if entry is None:
                postings[(token, field)] = ([doc], [tf])
            else:
                entry[0].append(doc)
                entry[1].append(tf)
        spelling.add(rows.spell.split(), rows.private)
    docs, tfs, ends = array("i"), array("f"), array("l")
    for found, weights in postings.values():
        docs.extend(found)
        tfs.extend(weights)
        ends.append(len(docs))
    return _Chunk("".join(bodies), narrow, list(postings), ends, docs, tfs, spelling)


def analysed_chunks(profiles: Sequence[Profile], processes: int | None = None) -> Iterator[_Chunk]:
    """The profiles analysed in runs of ``CHUNK`` documents, in order, by ``processes``
    worker processes (default: one per core; 1 analyses here). Workers inherit the
    profiles when they fork (nothing is sent to them) and return finished COPY text and
    partial postings and spelling counts (little for the parent to do: with two cores it
    was the parent that limited a build). Raises what analysis raises."""
    processes = processes or os.cpu_count() or 1
    bounds = [(start, min(start + CHUNK, len(profiles))) for start in range(0, len(profiles), CHUNK)]
    if processes <= 1 or len(bounds) <= 1:
        _share(profiles)
        try:
            yield from map(_analyse_chunk, bounds)
        finally:
            _share(())
        return
    prepare_analysis()
    context = multiprocessing.get_context("fork")
    # The profiles and word lists live as long as the build: keep them out of the cyclic
    # garbage collector's way, in the workers too (its full passes walked all of them and,
    # touching them, copied the inherited pages; at 100,000 profiles the workers' CPU time
    # fell from 99 to 85 s).
    gc.freeze()
    try:
        with context.Pool(processes, initializer=_share, initargs=(profiles,)) as pool:
            yield from pool.imap(_analyse_chunk, bounds)
    finally:
        gc.unfreeze()


def _load(conn: psycopg.Connection, schema: str, profiles: Sequence[Profile], progress, processes: int | None) -> int:  # noqa: ANN001
    codes = FacetCodes()
    # posting lists as compact arrays (4 bytes an entry: 100,000 profiles hold tens of millions)
    postings: dict[tuple[str, int], tuple[array, array]] = {}
    spelling = SpellingCounts()
    count = 0
    narrow: list[str] = []  # one COPY at a time per connection: the wide rows stream, the narrow ones wait
    entries: list[DocumentEntry] = []  # for the columnar store
    with conn.cursor().copy(f"COPY {schema}.bodies ({', '.join(BODY_COLUMNS)}) FROM STDIN") as copy:
        for chunk in analysed_chunks(profiles, processes):
            copy.write(chunk.bodies)
            narrow.append("".join(copytext.line(coded_row(doc, values, codes))
                                  for doc, values in enumerate(chunk.narrow, start=count)))
            entries.extend(column_entry(doc, values, profiles[doc])
                           for doc, values in enumerate(chunk.narrow, start=count))
            start = 0
            for key, end in zip(chunk.keys, chunk.ends, strict=True):
                entry = postings.get(key)
                if entry is None:
                    postings[key] = (chunk.docs[start:end], chunk.tfs[start:end])
                else:
                    entry[0].extend(chunk.docs[start:end])
                    entry[1].extend(chunk.tfs[start:end])
                start = end
            spelling.merge(chunk.spelling)
            if progress is not None:
                for done in range(count + 1, count + len(chunk.narrow) + 1):
                    progress(done)
            count += len(chunk.narrow)
    _copy_lines(conn, f"COPY {schema}.docs ({', '.join(DOC_COLUMNS)}) FROM STDIN", narrow)
    del narrow
    _copy_lines(conn, f"COPY {schema}.postings (term, field, docs, tfs) FROM STDIN", _posting_lines(postings))
    _copy_lines(conn, f"COPY {schema}.facet_values (facet, code, value) FROM STDIN", map(copytext.line, codes.rows()))
    _copy_lines(conn, f"COPY {schema}.spelling (word, public, everyone) FROM STDIN",
                (copytext.line((word, spelling.public.get(word, 0), everyone))
                 for word, everyone in spelling.all.items()))
    write_chunks(conn, schema, entries, 0, count)
    return count


def _posting_lines(postings: dict[tuple[str, int], tuple[array, array]]) -> Iterator[str]:
    """COPY lines of the posting lists, emptying ``postings`` as they are written."""
    while postings:
        (token, field), (docs, tfs) = postings.popitem()
        yield f"{copytext.text(token)}\t{field}\t{copytext.array(docs)}\t{copytext.array(tfs)}\n"


def _copy_lines(conn: psycopg.Connection, statement: str, lines: Iterable[str], batch: int = 1 << 20) -> None:
    """Run ``statement`` (a COPY FROM STDIN) with ``lines``, sent in batches of about ``batch`` characters."""
    with conn.cursor().copy(statement) as copy:
        pending: list[str] = []
        size = 0
        for text in lines:
            pending.append(text)
            size += len(text)
            if size >= batch:
                copy.write("".join(pending))
                pending, size = [], 0
        if pending:
            copy.write("".join(pending))


def _verify(conn: psycopg.Connection, schema: str, expected: int) -> None:
    found = conn.execute(f"SELECT count(*) FROM {schema}.docs").fetchone()[0]
    if found != expected:
        raise BuildFailed(f"new generation holds {found} documents, expected {expected}")
    probe = f"SELECT count(*) FROM (SELECT 1 FROM {schema}.postings LIMIT 1) p"
    if expected and conn.execute(probe).fetchone()[0] == 0:
        raise BuildFailed("probe query on the new generation found nothing")


def _drop_stale(conn: psycopg.Connection, name: str) -> None:
    """Drop generations older than the one before the live one (and any orphans)."""
    with conn.transaction():
        live, _ = live_generation(conn, name)
        older = [g for g in generations(conn, name) if g < live]
        keep = {live, *older[-(KEEP_GENERATIONS - 1):]}
        for schema in generations(conn, name):
            if schema not in keep:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")


def drop_pg_index(url: str, name: str) -> int:
    """Remove index ``name`` and all its generations; returns how many were dropped.
    Raises DatabaseUnavailable, IndexLocked."""
    with connect(url, writer=True) as conn, write_lock(conn, name), conn.transaction():
        ensure_control(conn)
        conn.execute(f"DELETE FROM {INDEXES_TABLE} WHERE name = %s", (name,))
        dropped = generations(conn, name)
        for schema in dropped:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return len(dropped)
