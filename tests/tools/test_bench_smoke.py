"""Tiny runs of the benchmark tools so that they cannot rot (no timing is asserted)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import bench_refs
import synth_corpus

from corpus import load_profiles
from search.model import SearchRequest


def test_synthetic_corpus_parses_and_is_deterministic(tmp_path, gazetteer):
    synth_corpus.generate(30, 7, tmp_path / "a")
    synth_corpus.generate(30, 7, tmp_path / "b")
    first = sorted(p.read_text(encoding="utf-8") for p in (tmp_path / "a").iterdir())
    assert first == sorted(p.read_text(encoding="utf-8") for p in (tmp_path / "b").iterdir())
    result = load_profiles([tmp_path / "a"], gazetteer)
    assert len(result.profiles) == 30 and result.errors == []
    assert all(p.lead_key and p.state and p.keywords and p.legal_form for p in result.profiles)


def test_reference_engines_answer_the_workload(tmp_path, gazetteer):
    synth_corpus.generate(30, 3, tmp_path / "corpus")
    profiles = load_profiles([tmp_path / "corpus"], gazetteer).profiles
    naive = bench_refs.NaiveWhoosh(profiles, tmp_path / "naive")
    fts = bench_refs.SqliteFts(profiles)
    engines = {"naive": lambda t, f, p: naive.search(t, f), "fts": lambda t, f, p: fts.search(t, f)}
    timings = bench_refs.run(engines, rounds=1)
    assert set(timings) == {"naive", "fts"}
    assert all(len(values) == len(bench_refs.WORKLOAD[kind]) for values_by_kind in timings.values()
               for kind, values in values_by_kind.items())


def test_backend_benchmark_measures_both_engines(pg_url, search_profiles):
    import dataclasses

    import bench_backends

    from index.pg.build import build_pg_index
    from index.pg.update import update_pg_profiles
    from search.pg.service import PgProfileSearch

    build_pg_index(search_profiles, pg_url, "bench_smoke")
    service = PgProfileSearch(pg_url, "bench_smoke")
    timings = bench_backends.measure(service, 1)
    assert {"single word", "filter only", "similar cooperations", "open (warm-up)"} <= set(timings)
    changed = dataclasses.replace(search_profiles[0], title="Quaxoquibbel Abfallverband")
    marker = SearchRequest.create("Quaxoquibbel", staff=True)
    assert service.search(marker).total == 0
    seconds = bench_backends.until_visible(
        service, lambda: update_pg_profiles(pg_url, "bench_smoke", [changed]), "Quaxoquibbel", changed.id)
    assert math.isfinite(seconds)  # inf: the change was not seen within until_visible's minute
    assert [h.id for h in service.search(marker).hits] == [changed.id]
    service.close()


def test_search_benchmark_measures_cold_start_and_update_visibility(tmp_path, search_profiles):
    import bench_search

    from index.build import build_index
    from search.service import ProfileSearch

    build_index(search_profiles, tmp_path / "index")
    assert bench_search.cold_start(tmp_path / "index") > 0
    service = ProfileSearch(tmp_path / "index")
    try:
        source = next(p for p in search_profiles if not p.private).source
        assert bench_search.update_until_visible(service, tmp_path / "index", Path(source), tmp_path) > 0
        timings = bench_search.run_workload(service, rounds=1)
    finally:
        service.close()
    assert all(len(values) == len(bench_search.WORKLOAD[kind]) for kind, values in timings.items())


def test_build_benchmark_builds_and_reports(tmp_path, gazetteer):
    import bench_build

    from index.build import current_generation
    from index.update import check_index

    synth_corpus.generate(30, 5, tmp_path / "corpus")
    profiles = load_profiles([tmp_path / "corpus"], gazetteer).profiles
    figures = bench_build.measure(profiles, tmp_path / "ix")
    assert figures["profiles"] == 30 and figures["seconds"] > 0 and figures["cpu_parent_s"] >= 0
    assert current_generation(tmp_path / "ix") and check_index(tmp_path / "ix", profiles).clean
