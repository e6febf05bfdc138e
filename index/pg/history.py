"""The dates of ``index.history`` for PostgreSQL: each generation schema holds a table
``history (id, added, updated, digest)``, carried from the live generation into a new one
at build time and kept up to date by updates, in the same transaction as the documents."""

from __future__ import annotations

import psycopg

from index.build import IndexMissing
from index.pg.store import live_generation

HISTORY_DDL = ("CREATE TABLE {schema}.history (id text PRIMARY KEY, added timestamptz NOT NULL,"
               " updated timestamptz NOT NULL, digest text NOT NULL)")


def _has_history(conn: psycopg.Connection, schema: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.history",)).fetchone()[0]


def carry_pg_history(conn: psycopg.Connection, name: str, schema: str) -> None:
    """Fill the new generation ``schema``'s table from its documents and the live
    generation's table (if index ``name`` has one). Raises psycopg.Error."""
    conn.execute(HISTORY_DDL.format(schema=schema))
    try:
        live, _ = live_generation(conn, name)
    except IndexMissing:
        live = None
    if live and live != schema and _has_history(conn, live):
        conn.execute(f"""INSERT INTO {schema}.history
            SELECT d.id, COALESCE(h.added, now()),
                   CASE WHEN h.digest = b.digest THEN h.updated ELSE now() END, b.digest
            FROM {schema}.docs d JOIN {schema}.bodies b ON b.doc = d.doc
            LEFT JOIN {live}.history h ON h.id = d.id""")
    else:
        conn.execute(f"""INSERT INTO {schema}.history SELECT d.id, now(), now(), b.digest
            FROM {schema}.docs d JOIN {schema}.bodies b ON b.doc = d.doc""")


def touch_pg_history(conn: psycopg.Connection, schema: str, updated: list[str], removed: list[str]) -> None:
    """After an update of the live generation ``schema``: ``updated`` ids keep their dates
    when their digest did not change, ``removed`` ids leave the table. A generation built
    before dates were kept gets its table here. Raises psycopg.Error."""
    if not _has_history(conn, schema):
        conn.execute(HISTORY_DDL.format(schema=schema))
    if removed:
        conn.execute(f"DELETE FROM {schema}.history WHERE id = ANY(%s)", (removed,))
    if updated:
        conn.execute(f"""INSERT INTO {schema}.history
            SELECT d.id, now(), now(), b.digest FROM {schema}.docs d JOIN {schema}.bodies b ON b.doc = d.doc
            WHERE d.id = ANY(%s)
            ON CONFLICT (id) DO UPDATE SET
              updated = CASE WHEN history.digest = excluded.digest THEN history.updated ELSE excluded.updated END,
              digest = excluded.digest""", (updated,))


def read_pg_history(conn: psycopg.Connection, schema: str) -> dict[str, dict[str, str]]:
    """{id: {added, updated, digest}} of a generation (UTC ISO seconds); {} without a table.
    Raises psycopg.Error."""
    if not _has_history(conn, schema):
        return {}
    rows = conn.execute(f"""SELECT id, to_char(added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        to_char(updated AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), digest FROM {schema}.history""").fetchall()
    return {row[0]: {"added": row[1], "updated": row[2], "digest": row[3]} for row in rows}


def live_pg_history(url: str, name: str) -> tuple[str, dict[str, dict[str, str]]]:
    """(generation and version, table) of index ``name``'s live generation. Raises
    DatabaseUnavailable, IndexMissing, psycopg.Error."""
    from index.pg.store import connect

    with connect(url) as conn:
        schema, version = live_generation(conn, name)
        return f"{schema}:{version}", read_pg_history(conn, schema)
