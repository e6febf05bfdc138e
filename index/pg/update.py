"""Changes to the live PostgreSQL generation in place: update or remove single profiles,
compare with a corpus.

Each call is one transaction under the index's write lock: the document row, its
postings (entries appended; those of removed documents stay until the next build),
facet codes, spelling counts and the
empty query's facet counts change together, and the generation's version is bumped so
that every reader (replicas included) reloads its per-generation state.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

from corpus import Profile
from index.pg.build import BODY_COLUMNS, DOC_COLUMNS, body_row, column_entry, doc_row, narrow_values
from index.pg.columns import DocumentEntry, check_pg_columns, refresh_after_update
from index.pg.history import touch_pg_history
from index.pg.rows import DocumentRows, document_rows
from index.pg.schema import INDEXES_TABLE
from index.pg.store import connect, live_generation, write_lock
from index.pg.vectors import refresh_pg_vectors
from index.spelling import SpellingCounts
from index.update import Drift, UpdateReport


class _Codes:
    """Facet codes of the live generation, extended with new values on demand."""

    def __init__(self, conn: psycopg.Connection, schema: str) -> None:
        self.conn, self.schema = conn, schema
        self.codes: dict[str, dict[str, int]] = {}
        self.next: dict[str, int] = {}
        for facet, code, value in conn.execute(f"SELECT facet, code, value FROM {schema}.facet_values"):
            self.codes.setdefault(facet, {})[value] = code
            self.next[facet] = max(self.next.get(facet, 0), code + 1)

    def code(self, facet: str, value: str | None) -> int | None:
        if value is None:
            return None
        known = self.codes.setdefault(facet, {})
        if value not in known:
            known[value] = code = self.next.get(facet, 0)
            self.next[facet] = code + 1
            self.conn.execute(f"INSERT INTO {self.schema}.facet_values (facet, code, value) VALUES (%s, %s, %s)",
                              (facet, code, value))
        return known[value]


def _remove(conn: psycopg.Connection, schema: str, ids: list[str]) -> dict[str, int]:
    """Take the documents of ``ids`` out of docs, bodies and spelling counts, all at once.
    Their posting entries stay: readers skip entries of documents that have no ``docs``
    row (``search.pg.scoring``), and the next build leaves them out. Rewriting the posting
    arrays instead (common words hold tens of thousands of entries) took 2 of the 3 s
    of a single-profile update at 100,000 profiles. Returns the ids that were indexed,
    with their document numbers."""
    rows = conn.execute(f"SELECT d.doc, d.id, d.private, b.spell FROM {schema}.docs d JOIN {schema}.bodies b "
                        "ON b.doc = d.doc WHERE d.id = ANY(%s)", (ids,)).fetchall()
    if not rows:
        return {}
    docs = [doc for doc, *_ in rows]
    spelling = SpellingCounts()
    for _, _, private, spell in rows:
        spelling.add(spell.split(), private, sign=-1)
    _count_spelling(conn, schema, spelling)
    conn.execute(f"DELETE FROM {schema}.docs WHERE doc = ANY(%s)", (docs,))
    conn.execute(f"DELETE FROM {schema}.bodies WHERE doc = ANY(%s)", (docs,))
    return {profile_id: doc for doc, profile_id, *_ in rows}


def _count_spelling(conn: psycopg.Connection, schema: str, counts: SpellingCounts) -> None:
    """Add ``counts`` (negative to discount) to the spelling table."""
    words = sorted(counts.all)
    conn.execute(
        f"""INSERT INTO {schema}.spelling AS s (word, public, everyone)
            SELECT * FROM unnest(%s::text[], %s::integer[], %s::integer[])
            ON CONFLICT (word) DO UPDATE
            SET public = s.public + EXCLUDED.public, everyone = s.everyone + EXCLUDED.everyone""",
        (words, [counts.public.get(w, 0) for w in words], [counts.all[w] for w in words]),
    )
    conn.execute(f"DELETE FROM {schema}.spelling WHERE everyone <= 0")


def _insert(conn: psycopg.Connection, schema: str, documents: list[tuple[Profile, DocumentRows]],
            codes: _Codes) -> list[DocumentEntry]:
    """Add documents under new numbers: rows by COPY, posting entries appended per
    (token, field) in one statement. Returns what the columnar store keeps of them."""
    numbers = [row[0] for row in conn.execute(
        f"SELECT nextval('{schema}.doc_numbers') FROM generate_series(1, %s)", (len(documents),))]
    numbered = [(doc, rows) for doc, (_, rows) in zip(numbers, documents, strict=True)]
    narrow = [doc_row(doc, rows, codes) for doc, rows in numbered]  # codes first: they INSERT
    with conn.cursor().copy(f"COPY {schema}.docs ({', '.join(DOC_COLUMNS)}) FROM STDIN") as copy:
        for row in narrow:
            copy.write_row(row)
    with conn.cursor().copy(f"COPY {schema}.bodies ({', '.join(BODY_COLUMNS)}) FROM STDIN") as copy:
        for doc, rows in numbered:
            copy.write_row(body_row(doc, rows))
    postings: dict[tuple[str, int], tuple[list[int], list[float]]] = {}
    spelling = SpellingCounts()
    for doc, rows in numbered:
        for (field, token), tf in rows.terms.items():
            entry = postings.setdefault((token, field), ([], []))
            entry[0].append(doc)
            entry[1].append(float(tf))
        spelling.add(rows.spell.split(), rows.private)
    conn.execute(
        "CREATE TEMPORARY TABLE new_postings (term text, field smallint, docs integer[], tfs real[]) ON COMMIT DROP"
    )
    with conn.cursor().copy("COPY new_postings (term, field, docs, tfs) FROM STDIN") as copy:
        for (token, field), (docs, tfs) in postings.items():
            copy.write_row((token, field, docs, tfs))
    conn.execute(
        f"""INSERT INTO {schema}.postings AS p (term, field, docs, tfs) SELECT term, field, docs, tfs FROM new_postings
            ON CONFLICT (term, field) DO UPDATE SET docs = p.docs || EXCLUDED.docs, tfs = p.tfs || EXCLUDED.tfs""")
    conn.execute("DROP TABLE new_postings")
    _count_spelling(conn, schema, spelling)
    return [column_entry(doc, narrow_values(rows), profile)
            for doc, (profile, rows) in zip(numbers, documents, strict=True)]


def _changed(conn: psycopg.Connection, name: str, schema: str, added: list[DocumentEntry], removed: list[int]) -> None:
    """Bump the index's version and bring the columnar store to it."""
    version = conn.execute(f"UPDATE {INDEXES_TABLE} SET version = version + 1 WHERE name = %s RETURNING version",
                           (name,)).fetchone()[0]
    refresh_after_update(conn, schema, version, added, removed)


def update_pg_profiles(url: str, name: str, profiles: Iterable[Profile]) -> UpdateReport:
    """Add or replace ``profiles`` (by id) in the live generation of index ``name``, all
    in one transaction.

    Raises DatabaseUnavailable, IndexLocked, IndexMissing.
    """
    latest = {p.id: p for p in profiles}  # one id once: the last one wins
    documents = [(profile, document_rows(profile)) for profile in latest.values()]
    with connect(url, writer=True) as conn, write_lock(conn, name), conn.transaction():
        schema, _ = live_generation(conn, name)
        removed = _remove(conn, schema, list(latest))
        added = _insert(conn, schema, documents, _Codes(conn, schema))
        refresh_pg_vectors(conn, schema)
        touch_pg_history(conn, schema, list(latest), [])
        _changed(conn, name, schema, added, list(removed.values()))
    return UpdateReport(updated=tuple(latest))


def remove_pg_profiles(url: str, name: str, ids: Iterable[str]) -> UpdateReport:
    """Remove profiles by id from index ``name``; unknown ids are reported.

    Raises DatabaseUnavailable, IndexLocked, IndexMissing.
    """
    wanted = list(dict.fromkeys(ids))
    with connect(url, writer=True) as conn, write_lock(conn, name), conn.transaction():
        schema, _ = live_generation(conn, name)
        found = _remove(conn, schema, wanted)
        refresh_pg_vectors(conn, schema)
        touch_pg_history(conn, schema, [], [i for i in wanted if i in found])
        _changed(conn, name, schema, [], list(found.values()))
    return UpdateReport(removed=tuple(i for i in wanted if i in found),
                        unknown=tuple(i for i in wanted if i not in found))


def check_pg_index(url: str, name: str, profiles: Iterable[Profile]) -> Drift:
    """Compare the live generation of index ``name`` with ``profiles``, and check its
    columnar store (``Drift.damaged``).

    Raises DatabaseUnavailable, IndexMissing.
    """
    with connect(url) as conn:
        schema, version = live_generation(conn, name)
        indexed = dict(conn.execute(
            f"SELECT d.id, b.digest FROM {schema}.docs d JOIN {schema}.bodies b ON b.doc = d.doc"
        ).fetchall())
        damaged = check_pg_columns(conn, schema, version)
    drift = Drift.between(indexed, profiles)
    drift.damaged = damaged
    return drift
