"""Search statistics without personal data: what is counted, the batch a worker keeps in
memory, and the two stores it is written to (an SQLite file in WAL mode, or tables in the
PostgreSQL database so that all web hosts count together).

Counted per day (UTC): the number of searches and of searches without results; per
normalised query the same two numbers (not for queries that could name a person or a
place: longer than 100 characters, an e-mail address, a number other than a year); per
facet the number of searches that used it. No address, cookie, user agent, time of day or
anything else per person. A batch lives in the worker's memory until it is written (every
``flush_seconds``, when it grows large, at exit); a crash loses at most that batch.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

MAX_QUERY_CHARS = 100
# A query is kept as text only when it shows at least this often in a report: a single
# person's odd search never appears.
THRESHOLD = 3
_EMAIL = re.compile(r"\S@\S")
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"(?:18|19|20)\d\d")


def normalise_query(text: str) -> str | None:
    """The query as it is counted: lower-cased, whitespace collapsed; None when it must not
    be stored as text (empty, longer than ``MAX_QUERY_CHARS``, an e-mail address, or a
    number that is not a four-digit year: phone numbers, house numbers, postcodes)."""
    query = " ".join(text.lower().split())
    if not query or len(query) > MAX_QUERY_CHARS or _EMAIL.search(query):
        return None
    if any(not _YEAR.fullmatch(number) for number in _NUMBER.findall(query)):
        return None
    return query


@dataclass
class Batch:
    """Counts not yet written: ``days[day] = [searches, zero]``, ``queries[(day, query)]``
    likewise, ``facets[(day, facet)] = searches``."""

    days: dict[str, list[int]] = field(default_factory=dict)
    queries: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    facets: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, day: str, query: str | None, zero: bool, facets: Iterable[str]) -> None:
        counts = self.days.setdefault(day, [0, 0])
        counts[0] += 1
        counts[1] += zero
        if query is not None:
            counts = self.queries.setdefault((day, query), [0, 0])
            counts[0] += 1
            counts[1] += zero
        for name in set(facets):
            self.facets[(day, name)] = self.facets.get((day, name), 0) + 1

    def __len__(self) -> int:
        return len(self.days) + len(self.queries) + len(self.facets)


@dataclass(frozen=True)
class QueryCount:
    query: str
    searches: int
    zero: int


@dataclass(frozen=True)
class StatsReport:
    """What the statistics page shows for the days ``first`` … ``last``: every day (also
    those without searches), the most frequent queries, the queries most often without
    results (each searched at least ``THRESHOLD`` times), and facet use."""

    first: datetime.date
    last: datetime.date
    days: tuple[tuple[str, int, int], ...]
    top: tuple[QueryCount, ...]
    zero: tuple[QueryCount, ...]
    facets: tuple[tuple[str, int], ...]

    @property
    def searches(self) -> int:
        return sum(day[1] for day in self.days)


class StatsStore(Protocol):
    def write(self, batch: Batch, keep_from: str) -> None: ...
    def report(self, first: datetime.date, last: datetime.date, limit: int) -> StatsReport: ...


TABLES = (
    "CREATE TABLE IF NOT EXISTS ikz_stats_days (day TEXT PRIMARY KEY, searches BIGINT NOT NULL, zero BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS ikz_stats_queries (day TEXT NOT NULL, query TEXT NOT NULL, searches BIGINT NOT NULL,"
    " zero BIGINT NOT NULL, PRIMARY KEY (day, query))",
    "CREATE TABLE IF NOT EXISTS ikz_stats_facets (day TEXT NOT NULL, facet TEXT NOT NULL, searches BIGINT NOT NULL,"
    " PRIMARY KEY (day, facet))",
)
_UPSERTS = (
    "INSERT INTO ikz_stats_days VALUES ({p}, {p}, {p}) ON CONFLICT (day) DO UPDATE SET"
    " searches = ikz_stats_days.searches + excluded.searches, zero = ikz_stats_days.zero + excluded.zero",
    "INSERT INTO ikz_stats_queries VALUES ({p}, {p}, {p}, {p}) ON CONFLICT (day, query) DO UPDATE SET"
    " searches = ikz_stats_queries.searches + excluded.searches, zero = ikz_stats_queries.zero + excluded.zero",
    "INSERT INTO ikz_stats_facets VALUES ({p}, {p}, {p}) ON CONFLICT (day, facet) DO UPDATE SET"
    " searches = ikz_stats_facets.searches + excluded.searches",
)
_REPORT = {
    "days": "SELECT day, searches, zero FROM ikz_stats_days WHERE day BETWEEN {p} AND {p}",
    "top": "SELECT query, SUM(searches), SUM(zero) FROM ikz_stats_queries WHERE day BETWEEN {p} AND {p}"
           " GROUP BY query HAVING SUM(searches) >= {p} ORDER BY SUM(searches) DESC, query LIMIT {p}",
    "zero": "SELECT query, SUM(searches), SUM(zero) FROM ikz_stats_queries WHERE day BETWEEN {p} AND {p}"
            " GROUP BY query HAVING SUM(searches) >= {p} AND SUM(zero) > 0"
            " ORDER BY SUM(zero) DESC, query LIMIT {p}",
    "facets": "SELECT facet, SUM(searches) FROM ikz_stats_facets WHERE day BETWEEN {p} AND {p}"
              " GROUP BY facet ORDER BY SUM(searches) DESC, facet",
}


def _rows(batch: Batch) -> tuple[list[tuple], list[tuple], list[tuple]]:
    return ([(day, s, z) for day, (s, z) in batch.days.items()],
            [(day, q, s, z) for (day, q), (s, z) in batch.queries.items()],
            [(day, f, s) for (day, f), s in batch.facets.items()])


def _report(fetch: Callable[[str, tuple], list[tuple]], first: datetime.date, last: datetime.date,
            limit: int) -> StatsReport:
    span = (first.isoformat(), last.isoformat())
    found = {day: (int(s), int(z)) for day, s, z in fetch("days", span)}
    days = []
    day = first
    while day <= last:
        searches, zero = found.get(day.isoformat(), (0, 0))
        days.append((day.isoformat(), searches, zero))
        day += datetime.timedelta(days=1)
    top = tuple(QueryCount(q, int(s), int(z)) for q, s, z in fetch("top", (*span, THRESHOLD, limit)))
    zero = tuple(QueryCount(q, int(s), int(z)) for q, s, z in fetch("zero", (*span, THRESHOLD, limit)))
    facets = tuple((name, int(s)) for name, s in fetch("facets", span))
    return StatsReport(first, last, tuple(days), top, zero, facets)


class SqliteStore:
    """An SQLite file in WAL mode (readers never wait for the writer); one short
    transaction per batch. Raises sqlite3.Error or OSError from ``write`` and ``report``
    when the file is corrupt, locked past ``timeout`` seconds or cannot be created."""

    def __init__(self, path: Path, *, timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        if not self._ready:
            connection.execute("PRAGMA journal_mode=WAL")
            for statement in TABLES:
                connection.execute(statement)
            self._ready = True
        return connection

    def write(self, batch: Batch, keep_from: str) -> None:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            for statement, rows in zip(_UPSERTS, _rows(batch), strict=True):
                connection.executemany(statement.format(p="?"), rows)
            for table in ("ikz_stats_days", "ikz_stats_queries", "ikz_stats_facets"):
                connection.execute(f"DELETE FROM {table} WHERE day < ?", (keep_from,))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def report(self, first: datetime.date, last: datetime.date, limit: int = 50) -> StatsReport:
        connection = self._connect()
        try:
            return _report(lambda name, args: connection.execute(_REPORT[name].format(p="?"), args).fetchall(),
                           first, last, limit)
        finally:
            connection.close()


class PgStore:
    """The same tables in the deployment's PostgreSQL database (the primary), so that every
    web host adds to one count. Raises psycopg.Error from ``write`` and ``report``."""

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self.url = url
        self.timeout = timeout
        self._ready = False

    def _connect(self):  # noqa: ANN202 - a psycopg connection
        import psycopg

        connection = psycopg.connect(self.url, connect_timeout=max(1, int(self.timeout)), autocommit=False)
        if not self._ready:
            with connection.transaction():
                for statement in TABLES:
                    connection.execute(statement)
            self._ready = True
        return connection

    def write(self, batch: Batch, keep_from: str) -> None:
        with self._connect() as connection, connection.transaction(), connection.cursor() as cursor:
            for statement, rows in zip(_UPSERTS, _rows(batch), strict=True):
                if rows:
                    cursor.executemany(statement.format(p="%s"), rows)
            for table in ("ikz_stats_days", "ikz_stats_queries", "ikz_stats_facets"):
                cursor.execute(f"DELETE FROM {table} WHERE day < %s", (keep_from,))

    def report(self, first: datetime.date, last: datetime.date, limit: int = 50) -> StatsReport:
        with self._connect() as connection:
            return _report(lambda name, args: connection.execute(_REPORT[name].format(p="%s"), args).fetchall(),
                           first, last, limit)


def utc_today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


class StatsRecorder:
    """Counts searches into a per-process batch and writes it to ``store`` from a
    background thread every ``flush_seconds`` (and when it holds ``max_batch`` entries), so
    a search never waits on the store. Nothing here raises into a search: a failing store
    (corrupt, locked, unreachable) is logged through ``log`` and its batch dropped."""

    def __init__(self, store: StatsStore, *, days: int = 90, flush_seconds: float = 10.0, max_batch: int = 5000,
                 log: Callable[[str], None] = print, today: Callable[[], datetime.date] = utc_today) -> None:
        self.store = store
        self.days = days
        self.flush_seconds = flush_seconds
        self.max_batch = max_batch
        self.log = log
        self.today = today
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._batch = Batch()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    def record(self, query: str, *, zero: bool, facets: Iterable[str] = ()) -> None:
        """Count one search (in memory only)."""
        day = self.today().isoformat()
        normalised = normalise_query(query)
        with self._lock:
            self._batch.add(day, normalised, zero, facets)
            large = len(self._batch) >= self.max_batch
        self._start()
        if large:
            self._wake.set()

    def flush(self) -> bool:
        """Write the batch now; False (logged, batch dropped) when the store failed."""
        with self._lock:
            batch, self._batch = self._batch, Batch()
        if not len(batch):
            return True
        keep_from = (self.today() - datetime.timedelta(days=self.days - 1)).isoformat()
        with self._write_lock:
            try:
                self.store.write(batch, keep_from)
            except Exception as error:
                self.log(f"search statistics: a batch of {len(batch)} counts was not written: {error}")
                return False
        return True

    def report(self, *, limit: int = 50) -> StatsReport:
        """The kept days up to today, after writing this process's batch. Raises what the
        store raises (sqlite3.Error, OSError, psycopg.Error)."""
        self.flush()
        last = self.today()
        return self.store.report(last - datetime.timedelta(days=self.days - 1), last, limit)

    def close(self) -> None:
        """Stop the writer thread and write what is left."""
        self._closed = True
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self.flush()

    def _start(self) -> None:
        if self._thread is not None or self._closed:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ikz-stats", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self._closed:
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            self.flush()
