"""``PgProfileSearch``: the search core (``search.core``) over an index in PostgreSQL;
this module only connects and finds the live generation (``search.pg.generation`` reads it).

Reads go through a connection pool (one per process, made after a fork) to the read URL,
which may name several hosts (``target_session_attrs=prefer-standby``,
``load_balance_hosts=random``: replicas first). The live generation is looked up at most
every ``CHECK_INTERVAL`` seconds; an update bumps the generation's version and the next
lookup reloads the per-worker state. Statements run under PostgreSQL's
``statement_timeout`` (the service's time limit, read once when the pool is made).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from index.build import IndexMissing
from index.pg.store import live_generation
from search.core import SearchService
from search.engine import GenerationGone
from search.model import IndexUnavailable, SearchTimeout
from search.pg.generation import PgGeneration

POOL_SIZE = 4
# An index generation is small and read constantly: its pages are in memory, so a lookup
# by key costs little more than a sequential read (PostgreSQL's default, 4, assumes disks).
RANDOM_PAGE_COST = 1.1


class PgProfileSearch(SearchService):
    """Search over index ``name`` in the database at ``url``. Thread-safe."""

    retire_after = 0.0  # a replaced generation holds nothing open

    def __init__(self, url: str, name: str = "main", *, pool_size: int = POOL_SIZE, **options: object) -> None:
        """``options``: those of ``SearchService`` (caches, time limit, clock); statements
        run under a ``statement_timeout`` of the same time limit."""
        super().__init__(**options)  # type: ignore[arg-type]
        self.url, self.name = url, name
        self.pool_size = pool_size
        self._pool_lock = threading.Lock()
        self._pool: ConnectionPool | None = None
        self._pool_pid = 0
        self._executor: ThreadPoolExecutor | None = None
        self._executor_pid = 0

    # ------------------------------------------------------------------ database

    def _connections(self) -> ConnectionPool:
        if self._pool is None or self._pool_pid != os.getpid():
            with self._pool_lock:
                if self._pool is None or self._pool_pid != os.getpid():
                    self._pool = ConnectionPool(
                        self.url, min_size=1, max_size=self.pool_size, open=True, timeout=5,
                        kwargs={"autocommit": True, "application_name": "ikz-search",
                                "options": f"-c statement_timeout={int(self.time_limit * 1000)} "
                                           f"-c random_page_cost={RANDOM_PAGE_COST}"},
                    )
                    self._pool_pid = os.getpid()
        return self._pool

    def _background(self) -> ThreadPoolExecutor:
        """Threads for statements that overlap with work in the requesting thread (one set
        per process, made after a fork)."""
        if self._executor is None or self._executor_pid != os.getpid():
            with self._pool_lock:
                if self._executor is None or self._executor_pid != os.getpid():
                    self._executor = ThreadPoolExecutor(self.pool_size, thread_name_prefix="ikz-pg")
                    self._executor_pid = os.getpid()
        return self._executor

    def _query(self, sql: str, params: tuple | dict | None = None, *, binary: bool = False) -> list[tuple]:
        """Rows of one read-only statement (``binary``: results in PostgreSQL's binary
        format). Raises IndexUnavailable, SearchTimeout, GenerationGone."""
        try:
            with self._connections().connection() as conn, conn.cursor(binary=binary) as cursor:
                return cursor.execute(sql, params).fetchall()
        except psycopg.errors.QueryCanceled:
            raise SearchTimeout("timeout", parameter="q", seconds=self.time_limit) from None
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            raise GenerationGone from None
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise IndexUnavailable("database_unavailable", detail=str(error).strip()) from None

    def _live(self, previous: PgGeneration | None) -> PgGeneration:  # type: ignore[override]
        """The live generation, reloaded when the pointer or version moved (only what
        changed, for a new version). Raises IndexUnavailable."""
        try:
            with self._connections().connection() as conn:
                schema, version = live_generation(conn, self.name)
        except IndexMissing as error:
            raise IndexUnavailable("index_missing", detail=str(error)) from None
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise IndexUnavailable("database_unavailable", detail=str(error).strip()) from None
        if previous is not None and (previous.schema, previous.version) == (schema, version):
            return previous
        # GenerationGone when it is dropped while being read: the core looks again
        return PgGeneration(schema, version, self._query, self._background().submit, previous=previous)

    def close(self) -> None:
        """Close the generation, the connection pool and the background threads."""
        super().close()
        with self._lock:
            if self._executor is not None and self._executor_pid == os.getpid():
                self._executor.shutdown(wait=True)
            if self._pool is not None and self._pool_pid == os.getpid():
                self._pool.close()
            self._pool = None
            self._executor = None
