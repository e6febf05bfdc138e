"""The engine-neutral core (``search.core``): one time limit for both engines."""

from __future__ import annotations

import itertools

import pytest

from search.model import SearchRequest, SearchTimeout


def test_the_database_statement_timeout_is_the_services_time_limit(pg_url, pg_search_index):
    from search.pg.service import PgProfileSearch

    service = PgProfileSearch(pg_url, pg_search_index, time_limit=2.5)
    try:
        assert service._query("SHOW statement_timeout") == [("2500ms",)]
    finally:
        service.close()


def test_the_deadline_runs_on_the_clock_given(index_dir):
    from search.service import ProfileSearch

    ticks = itertools.count(0.0, 0.6)  # every reading 0.6 s later: the second check is past 1 s
    service = ProfileSearch(index_dir, time_limit=1.0, clock=lambda: next(ticks))
    try:
        with pytest.raises(SearchTimeout):
            service.search(SearchRequest.create("Abfall Müll Feuerwehr"))
    finally:
        service.close()
