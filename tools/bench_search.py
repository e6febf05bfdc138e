"""Index build and query latency with all facet counts, on the bundled or a synthetic corpus.

    python tools/bench_search.py                  # bundled corpus
    python tools/bench_search.py --synthetic 10000

Builds a fresh index in a temporary directory, then runs a fixed mixed workload through
``ProfileSearch`` (every query computes all eight facet counts): once cold (reported as
the slowest first execution per kind), then ``--rounds`` times for p50/p95/p99.
Synthetic corpora are generated once and cached under var/synth/N.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import load_gazetteer, load_profiles  # noqa: E402
from index.build import build_index  # noqa: E402
from search.model import SearchRequest  # noqa: E402
from search.service import ProfileSearch  # noqa: E402

WORKLOAD = {
    "single word": [("Abfall", {}), ("Friedhof", {}), ("Standesamt", {}), ("Bibliothek", {})],
    "compound": [("Abfallwirtschaftsverband", {}), ("Feuerwehrausbildung", {}), ("Glasfaserausbau", {})],
    "multi-word question": [("wer rechnet gemeinsam Gehälter ab", {}), ("gemeinsamer Bauhof mit Winterdienst", {})],
    "typo": [("Feuerwher", {}), ("Bibliotek", {}), ("Vergabestele", {})],
    "synonym": [("Lohnbuchhaltung", {}), ("Nahverkehr", {}), ("Bücherei", {})],
    "filter only": [("", {"region": ["Arnsberg"], "year_from": 2000, "year_to": 2020}),
                    ("", {"state": ["Bayern"], "legal_form": ["Zweckverband"]})],
    "empty query": [("", {})],
    "deep page": [("Digitalisierung", {"page": 5})],
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_workload(service: ProfileSearch, rounds: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {kind: [] for kind in WORKLOAD}
    for _ in range(rounds):
        for kind, queries in WORKLOAD.items():
            for text, options in queries:
                options = dict(options)
                filters = {k: options.pop(k) for k in list(options) if k in ("region", "state", "legal_form")}
                request = SearchRequest.create(text, filters, **options)
                started = time.perf_counter()
                service.search(request)
                timings[kind].append((time.perf_counter() - started) * 1000)
    return timings


def similar_timings(service, sources: int = 50) -> list[float]:  # noqa: ANN001
    """Milliseconds of "similar cooperations" for the first ``sources`` visible profiles."""
    timings = []
    for profile_id in service.ids()[:sources]:
        started = time.perf_counter()
        service.similar(profile_id)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def benchmark_corpus(synthetic: int) -> Path:
    """The bundled corpus (``synthetic`` 0) or N synthetic profiles, generated once into var/synth/N."""
    if not synthetic:
        return ROOT / "corpus" / "profiles"
    corpus = ROOT / "var" / "synth" / str(synthetic)
    if not corpus.exists():
        subprocess.run([sys.executable, str(ROOT / "tools" / "synth_corpus.py"), "--count", str(synthetic),
                        "--out", str(corpus)], check=True)
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=0, help="number of synthetic profiles (0: bundled corpus)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    profiles = load_profiles([benchmark_corpus(args.synthetic)], load_gazetteer()).profiles
    with tempfile.TemporaryDirectory(prefix="ikz-bench-") as tmp:
        started = time.perf_counter()
        report = build_index(profiles, Path(tmp))
        build_seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in report.generation.rglob("*") if p.is_file())
        service = ProfileSearch(tmp)
        started = time.perf_counter()
        service.search(SearchRequest.create("Abfall"))
        first_query = time.perf_counter() - started
        cold = run_workload(service, 1)  # first execution: postings and analysis not yet cached
        timings = run_workload(service, args.rounds)
        timings["similar cooperations"] = similar_timings(service)
        service.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(profiles)} profiles ({'synthetic' if args.synthetic else 'bundled'}); "
          f"Python {platform.python_version()}, {platform.machine()}")
    print(f"build: {build_seconds:.1f} s, {len(profiles) / build_seconds:.0f} profiles/s, index {size / 1e6:.1f} MB, "
          f"peak RSS {rss:.0f} MB; first query after open {first_query * 1000:.0f} ms")
    print("| query kind | n | p50 ms | p95 ms | p99 ms | first run, max ms |\n|---|---|---|---|---|---|")
    for kind, values in timings.items():
        first = f"{max(cold[kind]):.1f}" if kind in cold else "–"
        print(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | "
              f"{percentile(values, 0.99):.1f} | {first} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
