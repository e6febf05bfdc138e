"""Connections, the write lock and the generation pointer of a PostgreSQL index.

Errors are the index layer's own: ``DatabaseUnavailable`` (cannot connect),
``IndexLocked`` (another writer, named by its PID), ``IndexMissing`` (no live generation).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from index.build import IndexError_, IndexLocked, IndexMissing
from index.pg.schema import CONTROL_DDL, INDEXES_TABLE, check_name, generation_prefix

LOCK_CLASS = 4242  # first key of the advisory write lock (second: hash of the index name)
WRITER = "ikz-writer"


class DatabaseUnavailable(IndexError_):
    """The database cannot be reached or refused the connection."""


def connect(url: str, *, autocommit: bool = False, writer: bool = False) -> psycopg.Connection:
    """A connection to ``url`` (a libpq URL). Raises DatabaseUnavailable."""
    application = f"{WRITER}:{os.getpid()}@{socket.gethostname()}" if writer else "ikz"
    try:
        return psycopg.connect(url, autocommit=autocommit, application_name=application, connect_timeout=10)
    except psycopg.Error as error:
        raise DatabaseUnavailable(f"cannot connect to the database: {str(error).strip()}") from None


@contextmanager
def write_lock(conn: psycopg.Connection, name: str) -> Iterator[None]:
    """Hold the advisory write lock of index ``name`` on ``conn`` (session level).

    Raises IndexLocked naming the holder's PID and host.
    """
    check_name(name)
    with conn.transaction():
        locked = conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", (LOCK_CLASS, name)).fetchone()[0]
        holder = None
        if not locked:
            holder = conn.execute(
                """SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                   WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objid = hashtext(%s)::oid
                   AND l.granted LIMIT 1""",
                (LOCK_CLASS, name),
            ).fetchone()
    if not locked:
        who = (holder[0] if holder else "") or ""
        pid = who.split(":", 1)[1] if who.startswith(WRITER + ":") else "?"
        raise IndexLocked(f"index {name} is being written by PID {pid}")
    try:
        yield
    finally:
        if not conn.closed and not conn.broken:
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()
            with conn.transaction():
                conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_CLASS, name))


def ensure_control(conn: psycopg.Connection) -> None:
    """Create the pointer table if missing (in the current transaction)."""
    conn.execute(CONTROL_DDL)


def live_generation(conn: psycopg.Connection, name: str) -> tuple[str, int]:
    """(schema, version) of index ``name``'s live generation. Raises IndexMissing."""
    try:
        row = conn.execute(
            f"SELECT generation, version FROM {INDEXES_TABLE} WHERE name = %s", (check_name(name),)
        ).fetchone()
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        row = None
    if row is None:
        raise IndexMissing(f"no index {name!r} in the database: run `ikz index build`")
    return row[0], int(row[1])


def generations(conn: psycopg.Connection, name: str) -> list[str]:
    """All generation schemas of index ``name``, oldest first."""
    prefix = generation_prefix(name).replace("_", r"\_")
    rows = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s ORDER BY nspname", (prefix + "%",))
    return [row[0] for row in rows]
