"""Builds of a PostgreSQL index: a new generation loaded with ``COPY`` and switched to
in the same transaction.

Readers never see a half-built generation: its schema, tables, indexes, verification and
the pointer update commit together or not at all (a killed build leaves nothing behind).
The generation before the live one is kept for readers still using it; older ones are
dropped after the switch.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import psycopg

from corpus import Profile
from index.analysis import prepare_analysis
from index.build import BuildFailed
from index.pg.rows import DocumentRows, document_rows, texts_json
from index.pg.schema import (
    INDEXES_TABLE,
    MULTI_FACETS,
    SINGLE_FACETS,
    check_name,
    generation_ddl,
    generation_indexes,
    generation_prefix,
)
from index.pg.store import connect, ensure_control, generations, live_generation, write_lock
from index.spelling import SpellingCounts

KEEP_GENERATIONS = 2

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


def doc_row(doc: int, rows: DocumentRows, codes: FacetCodes) -> tuple:
    """The ``docs`` row of one document (columns ``DOC_COLUMNS``)."""
    return (
        doc, rows.id, rows.private, rows.year,
        *(codes.code(facet, rows.singles[facet]) for facet in SINGLE_FACETS),
        *([codes.code(facet, v) for v in rows.multis[facet]] for facet in MULTI_FACETS),
        rows.title, rows.title_key, rows.lengths, rows.texts.get("keywords", ""),
    )


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
    with connect(url, writer=True) as conn, write_lock(conn, name):
        now = time.time_ns()  # one clock reading: names sort in build order
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(now // 10**9)) + f"_{now // 1000 % 10**6:06d}"
        schema = generation_prefix(name) + stamp
        with conn.transaction():
            ensure_control(conn)
            for statement in generation_ddl(schema):
                conn.execute(statement)
            count = _load(conn, schema, profiles, progress, processes)
            if count:
                conn.execute(f"SELECT setval('{schema}.doc_numbers', %s, false)", (count,))
            for statement in generation_indexes(schema):
                conn.execute(statement)
            conn.execute(f"ANALYZE {schema}.docs")
            conn.execute(f"ANALYZE {schema}.bodies")
            conn.execute(f"ANALYZE {schema}.postings")
            _verify(conn, schema, count)
            conn.execute(
                f"""INSERT INTO {INDEXES_TABLE} (name, generation) VALUES (%s, %s)
                    ON CONFLICT (name) DO UPDATE SET generation = EXCLUDED.generation, version = 0,
                    switched_at = now()""",
                (name, schema),
            )
        _drop_stale(conn, name)
    return PgBuildReport(schema, count, time.perf_counter() - started)


def analysed(profiles: Iterable[Profile], processes: int | None = None) -> Iterator[DocumentRows]:
    """``document_rows`` of every profile, in order, analysed by ``processes`` worker
    processes (default: one per core; 1 analyses here). The word lists are loaded before
    the workers fork, so they share them. Raises what analysis raises."""
    processes = processes or os.cpu_count() or 1
    if processes <= 1:
        yield from map(document_rows, profiles)
        return
    prepare_analysis()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield from pool.imap(document_rows, profiles, chunksize=64)


def _load(conn: psycopg.Connection, schema: str, profiles: Iterable[Profile], progress, processes: int | None) -> int:  # noqa: ANN001
    codes = FacetCodes()
    # posting lists as compact arrays (4 bytes an entry: 100,000 profiles hold tens of millions)
    postings: dict[tuple[str, int], tuple[array, array]] = {}
    spelling = SpellingCounts()
    count = 0
    narrow = []  # one COPY at a time per connection: the wide rows stream, the narrow ones wait
    with conn.cursor().copy(f"COPY {schema}.bodies ({', '.join(BODY_COLUMNS)}) FROM STDIN") as copy:
        for doc, rows in enumerate(analysed(profiles, processes)):
            copy.write_row(body_row(doc, rows))
            narrow.append(doc_row(doc, rows, codes))
            for (field, token), tf in rows.terms.items():
                entry = postings.get((token, field))
                if entry is None:
                    postings[(token, field)] = entry = (array("i"), array("f"))
                entry[0].append(doc)
                entry[1].append(tf)
            spelling.add(rows.spell.split(), rows.private)
            count += 1
            if progress is not None:
                progress(count)
    with conn.cursor().copy(f"COPY {schema}.docs ({', '.join(DOC_COLUMNS)}) FROM STDIN") as copy:
        for row in narrow:
            copy.write_row(row)
    with conn.cursor().copy(f"COPY {schema}.postings (term, field, docs, tfs) FROM STDIN") as copy:
        while postings:
            (token, field), (docs, tfs) = postings.popitem()
            copy.write_row((token, field, docs.tolist(), tfs.tolist()))
    with conn.cursor().copy(f"COPY {schema}.facet_values (facet, code, value) FROM STDIN") as copy:
        for row in codes.rows():
            copy.write_row(row)
    with conn.cursor().copy(f"COPY {schema}.spelling (word, public, everyone) FROM STDIN") as copy:
        for word, everyone in spelling.all.items():
            copy.write_row((word, spelling.public.get(word, 0), everyone))
    return count


def _verify(conn: psycopg.Connection, schema: str, expected: int) -> None:
    found = conn.execute(f"SELECT count(*) FROM {schema}.docs").fetchone()[0]
    if found != expected:
        raise BuildFailed(f"new generation holds {found} documents, expected {expected}")
    if expected and conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {schema}.postings LIMIT 1) p").fetchone()[0] == 0:
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
