"""The columnar store of a PostgreSQL generation (``index.pg.columns``): what it holds is
what the ``docs`` rows say, updates keep it so, and a missing, stale or damaged store is
reported, never used, and rewritten by the next update."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from index.pg import columns as pg_columns
from index.pg import update
from index.pg.build import build_pg_index
from index.pg.store import connect, live_generation
from index.pg.update import check_pg_index, remove_pg_profiles, update_pg_profiles
from search.core import CHECK_INTERVAL
from search.model import SearchRequest
from search.pg.service import PgProfileSearch


@pytest.fixture()
def name(request):
    """A fresh index name per test (all tests share one cluster)."""
    return "c_" + request.node.name.lower().replace("[", "_").replace("]", "").replace("-", "_")[:25]


def _live_schema(url: str, name: str) -> str:
    with connect(url) as conn:
        return live_generation(conn, name)[0]


def _sql(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    with connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _answers(service: PgProfileSearch) -> list:
    """What a user can see that the columns decide: hits and every facet's counts in
    several orders, filters, near and the municipality directory, similar profiles."""
    requests = [SearchRequest.create(q, filters, per_page=100, staff=staff, sort=sort)
                for q, filters in (("", {}), ("Abfall", {}), ("Kranich", {}), ("", {"region": ["Arnsberg"]}),
                                   ('"Abfall Verband"', {}))
                for staff in (False, True) for sort in ("relevance", "title", "newest")]
    requests += [SearchRequest.create("", near="05974028", per_page=100, staff=staff) for staff in (False, True)]
    directories = [service.municipalities(staff=staff) for staff in (False, True)]
    return ([service.search(r) for r in requests] + [service.similar(i, staff=True) for i in service.ids(staff=True)]
            + [[(key, d.cooperation_ids(key)) for key in d.listed_keys()] for d in directories])


def _opened(url: str, name: str):
    service = PgProfileSearch(url, name)
    return service, service._current().generation


def _rows_answers(url: str, name: str, monkeypatch) -> list:
    """The answers of a service reading the ``docs`` rows (the store hidden from it)."""
    from search.pg import generation

    with monkeypatch.context() as patched:
        patched.setattr(generation, "store_problem", lambda state, version: "is hidden by the test")
        service, opened = _opened(url, name)
        assert opened._chunks is None
        try:
            return _answers(service)
        finally:
            service.close()


def test_the_store_holds_what_the_rows_hold(pg_url, name, search_profiles, monkeypatch):
    build_pg_index(search_profiles, pg_url, name)
    service, opened = _opened(pg_url, name)
    assert opened._chunks is not None and [c.start for c in opened._chunks] == [0]
    columns = opened.segments[0][1]
    assert columns.ids == [p.id for p in search_profiles]
    assert columns.places is not None  # near and the directory need no payloads
    keywords = _sql(pg_url, f"SELECT doc, keywords FROM {_live_schema(pg_url, name)}.docs ORDER BY doc")
    assert [(doc, opened.keyword_text(doc)) for doc, _ in keywords] == keywords
    assert any(text for _, text in keywords)
    assert _answers(service) == _rows_answers(pg_url, name, monkeypatch)
    assert check_pg_index(pg_url, name, search_profiles).clean
    service.close()


def test_updates_add_a_chunk_mark_removals_and_agree_with_a_fresh_build(pg_url, name, search_profiles, clock,
                                                                         monkeypatch):
    build_pg_index(search_profiles, pg_url, name)
    running = PgProfileSearch(pg_url, name)
    changed = dataclasses.replace(search_profiles[0], title="Kranich Abfallverband", keywords=("Kranich",))
    update_pg_profiles(pg_url, name, [changed])
    remove_pg_profiles(pg_url, name, [search_profiles[3].id])
    clock.advance(CHECK_INTERVAL)
    schema = _live_schema(pg_url, name)
    chunks = _sql(pg_url, f"SELECT start, stop, gone FROM {schema}.doc_columns ORDER BY start")
    size = len(search_profiles)
    assert [(start, stop) for start, stop, _ in chunks] == [(0, size), (size, size + 1)]
    assert [i for i, mark in enumerate(chunks[0][2]) if mark] == [0, 3]  # replaced and removed
    assert _sql(pg_url, f"SELECT version FROM {schema}.doc_columns_state") == [(2,)]
    assert check_pg_index(pg_url, name, [changed, *search_profiles[1:3], *search_profiles[4:]]).clean
    assert running.search(SearchRequest.create("Kranich")).total == 1
    assert _answers(running) == _rows_answers(pg_url, name, monkeypatch)
    running.close()


def test_small_chunks_are_merged_and_still_agree(pg_url, name, search_profiles, monkeypatch):
    monkeypatch.setattr(pg_columns, "CHUNK_DOCS", 3)
    monkeypatch.setattr(pg_columns, "SMALL_DOCS", 3)
    monkeypatch.setattr(pg_columns, "MAX_SMALL_CHUNKS", 2)
    build_pg_index(search_profiles, pg_url, name)
    schema = _live_schema(pg_url, name)
    assert len(search_profiles) == 8
    assert _sql(pg_url, f"SELECT start, stop FROM {schema}.doc_columns ORDER BY start") == [(0, 3), (3, 6), (6, 8)]
    for step in range(3):
        changed = dataclasses.replace(search_profiles[step], keywords=(f"Zauberei {step}",))
        update_pg_profiles(pg_url, name, [changed])
    # the second update left three small chunks (6-7, 8, 9): rewritten from the rows as
    # 6-8 and 9; the third added 10
    assert _sql(pg_url, f"SELECT start, stop FROM {schema}.doc_columns ORDER BY start") == [
        (0, 3), (3, 6), (6, 9), (9, 10), (10, 11)]
    assert check_pg_index(pg_url, name, [*(dataclasses.replace(p, keywords=(f"Zauberei {i}",))
                                           for i, p in enumerate(search_profiles[:3])), *search_profiles[3:]]).clean
    service, opened = _opened(pg_url, name)
    assert opened._chunks is not None
    assert _answers(service) == _rows_answers(pg_url, name, monkeypatch)
    service.close()


def test_a_missing_store_is_reported_and_written_by_the_next_update(pg_url, name, search_profiles, monkeypatch,
                                                                    caplog):
    build_pg_index(search_profiles, pg_url, name)
    schema = _live_schema(pg_url, name)
    _sql(pg_url, f"DROP TABLE {schema}.doc_columns, {schema}.doc_columns_state")  # a generation built before it
    drift = check_pg_index(pg_url, name, search_profiles)
    assert not drift.clean and "has no columnar store" in drift.damaged[0]
    with caplog.at_level(logging.WARNING, logger="search.pg.generation"):
        service, opened = _opened(pg_url, name)
    assert opened._chunks is None and "reading its documents row by row" in caplog.text
    assert service.search(SearchRequest.create("", per_page=100, staff=True)).total == len(search_profiles)
    service.close()
    update_pg_profiles(pg_url, name, search_profiles[:1])  # unchanged: the store is written all the same
    assert check_pg_index(pg_url, name, search_profiles).clean
    service, opened = _opened(pg_url, name)
    assert opened._chunks is not None
    assert _answers(service) == _rows_answers(pg_url, name, monkeypatch)
    service.close()


def test_a_stale_store_is_not_used(pg_url, name, search_profiles, monkeypatch):
    build_pg_index(search_profiles, pg_url, name)
    service, _ = _opened(pg_url, name)
    changed = dataclasses.replace(search_profiles[2], title="Pelikan Verband")
    with monkeypatch.context() as patched:  # an update by a program that does not know the store
        patched.setattr(update, "refresh_after_update", lambda *args: None)
        update_pg_profiles(pg_url, name, [changed])
    drift = check_pg_index(pg_url, name, [*search_profiles[:2], changed, *search_profiles[3:]])
    assert drift.damaged and "version 0, older than the index's 1" in drift.damaged[0]
    stale, opened = _opened(pg_url, name)
    assert opened._chunks is None  # the rows, not the stale chunk without the new document
    assert stale.search(SearchRequest.create("Pelikan")).total == 1
    stale.close()
    update_pg_profiles(pg_url, name, [changed])
    fresh, opened = _opened(pg_url, name)
    assert opened._chunks is not None and fresh.search(SearchRequest.create("Pelikan")).total == 1
    assert _answers(fresh) == _rows_answers(pg_url, name, monkeypatch)
    fresh.close()
    service.close()


def test_damaged_keyword_texts_are_reported(pg_url, name, search_profiles):
    build_pg_index(search_profiles, pg_url, name)
    schema = _live_schema(pg_url, name)
    _sql(pg_url, f"UPDATE {schema}.doc_columns SET keywords = %s", (b'["too few"]',))
    drift = check_pg_index(pg_url, name, search_profiles)
    assert drift.damaged and "unreadable" in drift.damaged[0]
    service, opened = _opened(pg_url, name)
    rows = _sql(pg_url, f"SELECT doc, keywords FROM {schema}.docs ORDER BY doc")
    assert [(doc, opened.keyword_text(doc)) for doc, _ in rows] == rows  # read from the rows instead
    service.close()


def test_a_damaged_chunk_is_reported_and_not_used(pg_url, name, search_profiles, caplog):
    build_pg_index(search_profiles, pg_url, name)
    schema = _live_schema(pg_url, name)
    _sql(pg_url, f"UPDATE {schema}.doc_columns SET data = %s", (b"not an npz file",))
    drift = check_pg_index(pg_url, name, search_profiles)
    assert drift.damaged and "unreadable" in drift.damaged[0]
    with caplog.at_level(logging.WARNING, logger="search.pg.generation"):
        service, opened = _opened(pg_url, name)
    assert opened._chunks is None and "unreadable or misplaced columnar chunk" in caplog.text
    assert service.search(SearchRequest.create("", per_page=100, staff=True)).total == len(search_profiles)
    service.close()


def test_index_check_names_a_missing_store(pg_url, name, search_profiles, monkeypatch, capsys):
    from cli.main import main
    from tests.conftest import DATA

    monkeypatch.setenv("IKZ_BACKEND", "postgres")
    monkeypatch.setenv("IKZ_DATABASE_URL", pg_url)
    corpus = str(DATA / "search_profiles")
    assert main(["index", "build", "--corpus", corpus, "--index", name]) == 0
    assert main(["index", "check", "--corpus", corpus, "--index", name]) == 0
    schema = _live_schema(pg_url, name)
    _sql(pg_url, f"DELETE FROM {schema}.doc_columns_state")  # a store whose writing never completed
    capsys.readouterr()
    assert main(["index", "check", "--corpus", corpus, "--index", name]) == 1
    captured = capsys.readouterr()
    assert f"damaged: generation {schema} has no columnar store" in captured.out
    assert "1 damaged" in captured.err
