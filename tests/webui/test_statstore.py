"""What the search statistics keep: normalised queries, aggregates per day, the threshold,
retention, batches written by a background thread, and both stores."""

from __future__ import annotations

import datetime
import sqlite3
import threading

import pytest

from webui.statstore import Batch, PgStore, SqliteStore, StatsRecorder, normalise_query

TODAY = datetime.date(2026, 12, 7)


@pytest.mark.parametrize(("text", "stored"), [
    ("  Abfall   SOEST ", "abfall soest"),
    ("Bürgerbus seit 1998", "bürgerbus seit 1998"),
    ("Feuerwehr 2020", "feuerwehr 2020"),
    ("", None),
    ("   ", None),
    ("Hauptstraße 12a", None),          # a house number
    ("Müller 0171 2345678", None),      # a telephone number
    ("+49 2921 30-0", None),
    ("amt@soest.de", None),             # an e-mail address
    ("59494 Soest", None),              # a postcode
    ("x" * 101, None),
    ("x" * 100, "x" * 100),
])
def test_normalised_query(text, stored):
    assert normalise_query(text) == stored


class Clock:
    def __init__(self, day: datetime.date = TODAY) -> None:
        self.day = day

    def __call__(self) -> datetime.date:
        return self.day


def _recorder(store, clock=None, **options) -> StatsRecorder:
    messages: list[str] = []
    recorder = StatsRecorder(store, today=clock or Clock(), log=messages.append, flush_seconds=3600, **options)
    recorder.messages = messages  # type: ignore[attr-defined]
    return recorder


def _searches(recorder: StatsRecorder) -> None:
    for _ in range(3):
        recorder.record("Abfall", zero=False, facets=["region"])
    recorder.record(" abfall ", zero=False, facets=["region", "region", "keyword"])
    for _ in range(3):
        recorder.record("Quxbar", zero=True)
    for _ in range(2):
        recorder.record("Selten", zero=True)       # below the threshold
    for _ in range(5):
        recorder.record("Hauptstraße 12", zero=True)  # counted, never stored as text


def test_counts_are_aggregated_and_shown_from_three_searches_on(tmp_path):
    recorder = _recorder(SqliteStore(tmp_path / "stats.sqlite3"))
    _searches(recorder)
    report = recorder.report()
    assert report.last == TODAY and len(report.days) == 90 and report.days[-1] == (TODAY.isoformat(), 14, 10)
    assert [(q.query, q.searches, q.zero) for q in report.top] == [("abfall", 4, 0), ("quxbar", 3, 3)]
    assert [(q.query, q.searches, q.zero) for q in report.zero] == [("quxbar", 3, 3)]
    assert dict(report.facets) == {"region": 4, "keyword": 1}  # a facet counts once a search
    assert report.searches == 14 and not recorder.messages


def test_nothing_personal_reaches_the_file(tmp_path):
    path = tmp_path / "stats.sqlite3"
    recorder = _recorder(SqliteStore(path))
    _searches(recorder)
    recorder.record("amt@soest.de 0171 2345678", zero=True)
    assert recorder.flush()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        columns = {table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
                   for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        stored = {row[0] for row in connection.execute("SELECT query FROM ikz_stats_queries")}
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert columns == {"ikz_stats_days": ["day", "searches", "zero"],
                       "ikz_stats_queries": ["day", "query", "searches", "zero"],
                       "ikz_stats_facets": ["day", "facet", "searches"]}
    assert stored == {"abfall", "quxbar", "selten"}  # below the threshold is kept, only never shown
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"Hauptstra" not in raw and b"0171" not in raw and b"soest.de" not in raw


def test_days_past_the_retention_are_deleted(tmp_path):
    clock = Clock(TODAY - datetime.timedelta(days=95))
    recorder = _recorder(SqliteStore(tmp_path / "s.sqlite3"), clock, days=90)
    for _ in range(3):
        recorder.record("Alt", zero=False, facets=["state"])
    assert recorder.flush()
    clock.day = TODAY - datetime.timedelta(days=89)
    for _ in range(3):
        recorder.record("Jung", zero=False)
    clock.day = TODAY
    report = recorder.report()
    assert [q.query for q in report.top] == ["jung"] and report.searches == 3 and not report.facets
    with sqlite3.connect(tmp_path / "s.sqlite3") as connection:
        oldest = connection.execute("SELECT MIN(day) FROM ikz_stats_days").fetchone()[0]
        assert oldest == (TODAY - datetime.timedelta(days=89)).isoformat()
        assert connection.execute("SELECT COUNT(*) FROM ikz_stats_queries WHERE query = 'alt'").fetchone() == (0,)


def test_a_corrupt_store_loses_its_batch_and_raises_nothing(tmp_path):
    path = tmp_path / "stats.sqlite3"
    path.write_bytes(b"this is no SQLite database " * 100)
    recorder = _recorder(SqliteStore(path))
    recorder.record("Abfall", zero=False)
    assert recorder.flush() is False
    assert len(recorder.messages) == 1 and "not written" in recorder.messages[0]
    assert recorder.flush() is True  # the batch was dropped: nothing left to write


def test_a_locked_store_loses_its_batch_and_recovers(tmp_path):
    path = tmp_path / "stats.sqlite3"
    recorder = _recorder(SqliteStore(path, timeout=0.05))
    recorder.record("Abfall", zero=False)
    assert recorder.flush()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        recorder.record("Abfall", zero=False)
        assert recorder.flush() is False and "locked" in recorder.messages[0]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    recorder.record("Abfall", zero=False)
    recorder.record("Abfall", zero=False)
    assert recorder.flush() and [(q.query, q.searches) for q in recorder.report().top] == [("abfall", 3)]


class SignallingStore(SqliteStore):
    """Tells the test when the writer thread has written a batch."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.written = threading.Event()
        self.threads: list[str] = []

    def write(self, batch: Batch, keep_from: str) -> None:
        super().write(batch, keep_from)
        self.threads.append(threading.current_thread().name)
        self.written.set()


def test_a_full_batch_is_written_by_the_background_thread(tmp_path):
    store = SignallingStore(tmp_path / "s.sqlite3")
    recorder = _recorder(store, max_batch=3)
    for word in ("eins", "zwei", "drei"):
        recorder.record(word, zero=False)
    assert store.written.wait(30)
    assert store.threads == ["ikz-stats"]
    recorder.close()
    assert store.report(TODAY, TODAY).searches == 3


def test_two_web_hosts_count_together_in_postgresql(pg_url):
    first, second = _recorder(PgStore(pg_url)), _recorder(PgStore(pg_url))
    for recorder in (first, second):
        recorder.record("Gemeinsam", zero=True, facets=["district"])
        recorder.record("Gemeinsam", zero=True)
        assert recorder.flush()
    report = second.report()
    # the session's PostgreSQL web app counts into the same tables
    assert ("gemeinsam", 4, 4) in [(q.query, q.searches, q.zero) for q in report.top]
    assert report.days[-1][1] >= 4 and dict(report.facets)["district"] >= 2


def test_an_unreachable_postgresql_store_raises_nothing_into_recording():
    recorder = _recorder(PgStore("postgresql://nobody@127.0.0.1:1/none", timeout=1))
    recorder.record("Abfall", zero=False)
    assert recorder.flush() is False and recorder.messages
