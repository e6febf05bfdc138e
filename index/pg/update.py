"""Changes to the live PostgreSQL generation in place: update or remove single profiles,
compare with a corpus.

Each call is one transaction under the index's write lock: the document row, its
postings (array elements removed or appended), facet codes, spelling counts and the
empty query's facet counts change together, and the generation's version is bumped so
that every reader (replicas included) reloads its per-generation state.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

from corpus import Profile
from index.build import profile_digest
from index.folding import german_sort_key
from index.pg.build import BODY_COLUMNS, DOC_COLUMNS, body_row, doc_row
from index.pg.rows import DocumentRows, document_rows, text_terms
from index.pg.schema import INDEXES_TABLE, empty_facets_sql
from index.pg.store import connect, live_generation, write_lock
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
            self.conn.execute(f"INSERT INTO {self.schema}.facet_values (facet, code, value, sort_key) VALUES (%s, %s, %s, %s)",
                              (facet, code, value, german_sort_key(value)))
        return known[value]


def _remove(conn: psycopg.Connection, schema: str, profile_id: str) -> bool:
    """Take one document out of docs, postings and spelling counts; False if not indexed."""
    row = conn.execute(f"SELECT d.doc, d.private, b.spell, b.texts FROM {schema}.docs d JOIN {schema}.bodies b "
                       "ON b.doc = d.doc WHERE d.id = %s", (profile_id,)).fetchone()
    if row is None:
        return False
    doc, private, spell, texts = row
    keys = sorted(text_terms(texts))
    terms, fields = [t for t, _ in keys], [f for _, f in keys]
    conn.execute(
        f"""DELETE FROM {schema}.postings p USING unnest(%s::text[], %s::smallint[]) AS k(term, field)
            WHERE p.term = k.term AND p.field = k.field AND p.docs = ARRAY[%s]::integer[]""",
        (terms, fields, doc),
    )
    conn.execute(
        f"""UPDATE {schema}.postings p SET docs = x.docs, tfs = x.tfs FROM (
                SELECT q.term, q.field, array_agg(u.d ORDER BY u.o) AS docs, array_agg(u.t ORDER BY u.o) AS tfs
                FROM {schema}.postings q JOIN unnest(%s::text[], %s::smallint[]) AS k(term, field)
                     ON q.term = k.term AND q.field = k.field,
                     unnest(q.docs, q.tfs) WITH ORDINALITY AS u(d, t, o)
                WHERE u.d <> %s GROUP BY q.term, q.field) x
            WHERE p.term = x.term AND p.field = x.field""",
        (terms, fields, doc),
    )
    _count_spelling(conn, schema, spell.split(), private, -1)
    conn.execute(f"DELETE FROM {schema}.docs WHERE doc = %s", (doc,))
    conn.execute(f"DELETE FROM {schema}.bodies WHERE doc = %s", (doc,))
    return True


def _count_spelling(conn: psycopg.Connection, schema: str, words: list[str], private: bool, sign: int) -> None:
    public = 0 if private else sign
    conn.execute(
        f"""INSERT INTO {schema}.spelling AS s (word, public, everyone)
            SELECT w, %s, %s FROM unnest(%s::text[]) AS w
            ON CONFLICT (word) DO UPDATE SET public = s.public + EXCLUDED.public, everyone = s.everyone + EXCLUDED.everyone""",
        (public, sign, words),
    )
    if sign < 0:
        conn.execute(f"DELETE FROM {schema}.spelling WHERE everyone <= 0", ())


def _insert(conn: psycopg.Connection, schema: str, rows: DocumentRows, codes: _Codes) -> None:
    doc = conn.execute(f"SELECT coalesce(max(doc), -1) + 1 FROM {schema}.docs").fetchone()[0]
    for table, columns, values in (("docs", DOC_COLUMNS, doc_row(doc, rows, codes)),  # type: ignore[arg-type]
                                   ("bodies", BODY_COLUMNS, body_row(doc, rows))):
        placeholders = ", ".join(["%s"] * len(columns))
        conn.execute(f"INSERT INTO {schema}.{table} ({', '.join(columns)}) VALUES ({placeholders})", values)
    keys = list(rows.terms.items())
    conn.execute(
        f"""INSERT INTO {schema}.postings AS p (term, field, docs, tfs)
            SELECT t, f, ARRAY[%s]::integer[], ARRAY[tf]::real[] FROM unnest(%s::text[], %s::smallint[], %s::real[]) AS u(t, f, tf)
            ON CONFLICT (term, field) DO UPDATE SET docs = p.docs || EXCLUDED.docs, tfs = p.tfs || EXCLUDED.tfs""",
        (doc, [t for (_, t), _ in keys], [f for (f, _), _ in keys], [float(tf) for _, tf in keys]),
    )
    _count_spelling(conn, schema, rows.spell.split(), rows.private, 1)


def _changed(conn: psycopg.Connection, name: str, schema: str) -> None:
    conn.execute(f"DELETE FROM {schema}.empty_facets")
    conn.execute(empty_facets_sql(schema))
    conn.execute(f"UPDATE {INDEXES_TABLE} SET version = version + 1 WHERE name = %s", (name,))


def update_pg_profiles(url: str, name: str, profiles: Iterable[Profile]) -> UpdateReport:
    """Add or replace ``profiles`` (by id) in the live generation of index ``name``.

    Raises DatabaseUnavailable, IndexLocked, IndexMissing.
    """
    ids = []
    with connect(url, writer=True) as conn, write_lock(conn, name), conn.transaction():
        schema, _ = live_generation(conn, name)
        codes = _Codes(conn, schema)
        for profile in {p.id: p for p in profiles}.values():  # one id once: the last one wins
            _remove(conn, schema, profile.id)
            _insert(conn, schema, document_rows(profile), codes)
            ids.append(profile.id)
        _changed(conn, name, schema)
    return UpdateReport(updated=tuple(ids))


def remove_pg_profiles(url: str, name: str, ids: Iterable[str]) -> UpdateReport:
    """Remove profiles by id from index ``name``; unknown ids are reported.

    Raises DatabaseUnavailable, IndexLocked, IndexMissing.
    """
    removed, unknown = [], []
    with connect(url, writer=True) as conn, write_lock(conn, name), conn.transaction():
        schema, _ = live_generation(conn, name)
        for profile_id in ids:
            (removed if _remove(conn, schema, profile_id) else unknown).append(profile_id)
        _changed(conn, name, schema)
    return UpdateReport(removed=tuple(removed), unknown=tuple(unknown))


def check_pg_index(url: str, name: str, profiles: Iterable[Profile]) -> Drift:
    """Compare the live generation of index ``name`` with ``profiles``.

    Raises DatabaseUnavailable, IndexMissing.
    """
    with connect(url) as conn:
        schema, _ = live_generation(conn, name)
        indexed = dict(conn.execute(f"SELECT d.id, b.digest FROM {schema}.docs d JOIN {schema}.bodies b ON b.doc = d.doc").fetchall())
    drift = Drift()
    seen = set()
    for profile in profiles:
        seen.add(profile.id)
        if profile.id not in indexed:
            drift.missing.append(profile.id)
        elif indexed[profile.id] != profile_digest(profile):
            drift.changed.append(profile.id)
    drift.extra = sorted(set(indexed) - seen)
    return drift

