"""The cold-path benchmark asks what it says it asks (no timing is asserted)."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import bench_cold


def test_cold_queries_are_distinct_and_most_hold_a_word_not_asked_before(gazetteer):
    from corpus import load_profiles

    profiles = load_profiles([ROOT / "corpus" / "profiles"], gazetteer).profiles
    queries = bench_cold.cold_queries(profiles, 40, seed=1)
    assert len(queries) == 40 and len(set(queries)) == 40
    seen: set[str] = set()
    fresh = 0
    for query in queries:
        words = set(query.split())
        fresh += bool(words - seen)
        seen |= words
    assert fresh >= 0.8 * len(queries)
    assert bench_cold.cold_queries(profiles, 40, seed=1) == queries


QUERIES = ["Abfall", "Feuerwehr", "Schule", "Wasser", "Bibliothek", "Abfall Feuerwehr", "Nahverkehr", "IT",
           "Zauberwort", "Abwasser", "Personal", "Digitalisierung"]


def _measures_every_phase(engine: bench_cold.Engine, profiles: list) -> None:
    engine.build(profiles)
    ids = [p.id for p in profiles if not p.private][:3]
    result = bench_cold.in_process(engine, QUERIES, profiles, ids)
    assert result["open_ms"] > 0 and result["first_query_ms"] > 0
    assert result["distinct"]["n"] == 11 and result["similar"]["n"] == 3
    assert result["after_update"]["n"] == 10  # the queries answered before the update, but the first
    assert result["distinct"]["timeouts"] == 0


def test_the_in_process_run_measures_every_phase(tmp_path, search_profiles):
    _measures_every_phase(bench_cold.Engine(tmp_path), list(search_profiles))


def test_the_postgres_engine_runs_the_same_phases(pg_url, search_profiles):
    _measures_every_phase(bench_cold.PgEngine(pg_url, "bench_cold"), list(search_profiles))
