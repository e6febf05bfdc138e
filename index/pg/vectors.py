"""The semantic layer's profile vectors in a PostgreSQL generation.

Per generation, the table ``vectors`` holds one row per document: its number, the
digest and recipe the vector was computed with, and the vector (512 float32 in native
byte order as ``bytea``; pgvector is not needed to hand 2 KB per profile to the workers,
who compare vectors in numpy as with Whoosh). Vectors come from the stored texts by the
same recipe as the Whoosh engine's (``index.semantic``), so both engines rank alike.
Builds and updates run ``refresh_pg_vectors``; a worker reads the rows once per
generation (after an update only the new ones) and never uses rows of another recipe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import psycopg

from index.pg.rows import stored_texts
from index.semantic import DIMENSIONS, ENCODE_BELOW, RECIPE, DocumentVectors, semantic_enabled, vectors_for

_log = logging.getLogger(__name__)
FETCH_BATCH = 8192  # vectors fetched per statement (16 MB)


def _ddl(schema: str) -> str:
    return f"""CREATE TABLE IF NOT EXISTS {schema}.vectors (
    doc     integer PRIMARY KEY,
    digest  text NOT NULL,
    recipe  text NOT NULL,
    vector  bytea NOT NULL
)"""


def _has_vectors(conn: psycopg.Connection, schema: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.vectors",)).fetchone()[0]


def refresh_pg_vectors(conn: psycopg.Connection, schema: str, previous: str | None = None) -> int:
    """Give every document of generation ``schema`` a vector of the current recipe
    (creating the table if the generation has none), reusing those of unchanged
    profiles (by digest) from ``schema`` itself, ``previous`` (the generation a build
    replaces) and the process cache; rows of removed documents or other recipes are
    deleted. Returns the number of rows written; does nothing while the layer is off.
    Runs inside the caller's transaction. Raises psycopg errors, ImportError."""
    if not semantic_enabled():
        return 0
    conn.execute(_ddl(schema))
    conn.execute(f"""DELETE FROM {schema}.vectors v WHERE v.recipe <> %s
                     OR NOT EXISTS (SELECT 1 FROM {schema}.docs d WHERE d.doc = v.doc)""", (RECIPE,))
    rows = conn.execute(f"""SELECT b.doc, b.digest, b.texts FROM {schema}.bodies b
                            JOIN {schema}.docs d ON d.doc = b.doc
                            WHERE NOT EXISTS (SELECT 1 FROM {schema}.vectors v WHERE v.doc = b.doc)
                            ORDER BY b.doc""").fetchall()
    if not rows:
        return 0
    digests = list({digest for _, digest, _ in rows})
    known: dict[str, np.ndarray] = {}
    for source in dict.fromkeys([schema, *([previous] if previous else [])]):
        if source != schema and not _has_vectors(conn, source):
            continue
        for digest, vector in conn.execute(f"SELECT digest, vector FROM {source}.vectors "
                                           "WHERE recipe = %s AND digest = ANY(%s)", (RECIPE, digests)):
            known.setdefault(digest, np.frombuffer(vector, dtype=np.float32))
    vectors = vectors_for([(digest, stored_texts(texts)) for _, digest, texts in rows], known)
    with conn.cursor().copy(f"COPY {schema}.vectors (doc, digest, recipe, vector) FROM STDIN") as copy:
        for (doc, digest, _), vector in zip(rows, vectors, strict=True):
            copy.write_row((doc, digest, RECIPE, vector.astype(np.float32).tobytes()))
    return len(rows)


def fetch_pg_vectors(query: Callable[..., list[tuple]], schema: str, start: int) -> list[tuple] | None:
    """The rows (number, vector bytes) of the current recipe of generation ``schema`` from
    number ``start`` on (``read_pg_vectors`` takes them; a worker fetches them while it
    reads the rest of the generation); None when it has no vectors table or the layer is
    off. Raises what ``query`` raises."""
    if not semantic_enabled():
        return None
    if not query("SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.vectors",))[0][0]:
        return None
    top = query(f"SELECT max(doc) FROM {schema}.vectors")[0][0]
    rows: list[tuple] = []
    # in batches: each statement runs under the search's statement timeout, and 200 MB of
    # vectors at 100,000 profiles took longer than 1 s in one on a loaded machine.
    # Binary: the 2 KB of each vector travel as bytes, not as hex text decoded on both
    # sides (10,000 profiles: 0.14-0.18 s instead of 0.4-0.8 s)
    for low in range(start, -1 if top is None else top + 1, FETCH_BATCH):
        rows += query(f"SELECT doc, vector FROM {schema}.vectors WHERE doc >= %s AND doc < %s AND recipe = %s",
                      (low, low + FETCH_BATCH, RECIPE), binary=True)
    return rows


def read_pg_vectors(query: Callable[..., list[tuple]], schema: str, size: int, live: np.ndarray, start: int = 0,
                    previous: DocumentVectors | None = None, *,
                    fetched: Callable[[], list[tuple] | None] | None = None) -> DocumentVectors | None:
    """The vectors of generation ``schema`` for document numbers below ``size`` (``live``:
    which of them exist): those of ``previous`` (this worker's state of the same
    generation up to ``start``) plus the rows from ``start`` on (``fetched``: waits for
    ``fetch_pg_vectors`` of the same ``start``, started earlier; else they are read now).
    None while the layer is off, or (logged as a warning) when ``ENCODE_BELOW`` or more
    live documents have no vector of the current recipe: searches are then lexical only.
    Fewer are encoded now from their stored texts. Raises what ``query`` raises."""
    if not semantic_enabled():
        return None
    if previous is None:
        start = 0
    found = fetched() if fetched is not None else fetch_pg_vectors(query, schema, start)
    if found is None:
        _log.warning("generation %s has no semantic vectors: searching without the semantic layer; "
                     "the next `ikz index build` or `ikz index update` writes them", schema)
        return None
    rows = np.zeros((size - start, DIMENSIONS), dtype=np.float32)
    have = np.zeros(size - start, dtype=bool)
    if found:
        docs = np.fromiter((doc for doc, _ in found), dtype=np.int64, count=len(found))
        vectors = np.frombuffer(b"".join(vector for _, vector in found), dtype=np.float32).reshape(-1, DIMENSIONS)
        kept = docs < size  # not those of an update committed since the generation was read
        rows[docs[kept] - start] = vectors[kept]
        have[docs[kept] - start] = True
    missing = np.flatnonzero(live[start:size] & ~have) + start
    if len(missing) >= ENCODE_BELOW:
        _log.warning("generation %s: %d profiles have no semantic vector: searching without the semantic layer; "
                     "the next `ikz index update` or `ikz index build` writes them", schema, len(missing))
        return None
    if len(missing):
        found = query(f"SELECT doc, digest, texts FROM {schema}.bodies WHERE doc = ANY(%s) ORDER BY doc",
                      ([int(d) for d in missing],))
        try:
            encoded = vectors_for([(digest, stored_texts(texts)) for _, digest, texts in found])
        except ImportError as error:
            _log.warning("semantic encoder unavailable (%s): searching without the semantic layer", error)
            return None
        for (doc, _, _), vector in zip(found, encoded, strict=True):
            rows[doc - start] = vector
    parts = [*(previous.parts if previous is not None else []), (start, rows)]
    return DocumentVectors(parts, size)
