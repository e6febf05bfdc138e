"""Index build, cold start, update visibility and query latency with all facet counts.

    python tools/bench_search.py                  # bundled corpus
    python tools/bench_search.py --synthetic 10000 [--rounds 10] [--json docs/benchmarks.jsonl]

Builds a fresh index in a temporary directory (wall time, profiles/s, peak RSS of the
building process and of its largest worker, index size), then measures:

- cold start: a new Python process from its start to its first answered query
  (imports, word lists, opening the generation, the query), three times;
- a single-profile update: ``ikz index update FILE`` in a subprocess until a running
  ``ProfileSearch`` finds the changed profile;
- a fixed mixed workload through ``ProfileSearch`` (every query computes all eight facet
  counts): once cold (the slowest first execution per kind), then ``--rounds`` times for
  p50/p95/p99; plus similar cooperations for 50 profiles.

Synthetic corpora are generated once and cached under var/synth/N.
"""

from __future__ import annotations

import argparse
import json
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
# A process that imports the service, opens the index and answers one query.
COLD_START = """
import sys
sys.path.insert(0, {root!r})
from search.model import SearchRequest
from search.service import ProfileSearch
ProfileSearch({index!r}).search(SearchRequest.create("Abfallentsorgung"))
"""
UPDATE_WORD = "Qxzvbnmqwkj"  # in no profile, and no correction of a word in one


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


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


def similar_timings(service, sources: int = 50) -> list[float]:
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


def cold_start(index_dir: Path) -> float:
    """Seconds from starting a new Python process to its first answered query."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_START.format(root=str(ROOT), index=str(index_dir))], check=True)
    return time.perf_counter() - started


def update_until_visible(service: ProfileSearch, index_dir: Path, source: Path, tmp: Path) -> float:
    """Seconds from starting ``ikz index update`` on one changed profile file until
    ``service`` finds it by a new word in its title."""
    text = source.read_text(encoding="utf-8")
    changed = tmp / source.name
    changed.write_text(text.replace("\n", f" {UPDATE_WORD}\n", 1), encoding="utf-8")
    request = SearchRequest.create(UPDATE_WORD, staff=True)
    assert service.search(request).total == 0
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli", "index", "update", "--index", str(index_dir), str(changed)],
                   cwd=ROOT, check=True, capture_output=True)
    while service.search(request).total == 0:
        if time.perf_counter() - started > 60:
            raise RuntimeError("update not visible after 60 s")
        time.sleep(0.01)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=0, help="number of synthetic profiles (0: bundled corpus)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--procs", type=int, default=None, help="build processes (default: the cores)")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON-lines file")
    args = parser.parse_args()
    corpus = benchmark_corpus(args.synthetic)
    started = time.perf_counter()
    profiles = load_profiles([corpus], load_gazetteer()).profiles
    parse_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="ikz-bench-") as tmp:
        index_dir = Path(tmp) / "index"
        started = time.perf_counter()
        report = build_index(profiles, index_dir, procs=args.procs)
        build_seconds = time.perf_counter() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = sum(p.stat().st_size for p in report.generation.rglob("*") if p.is_file())
        cold = [cold_start(index_dir) for _ in range(3)]
        service = ProfileSearch(index_dir)
        started = time.perf_counter()
        service.search(SearchRequest.create("Abfall"))
        first_query = time.perf_counter() - started
        update = update_until_visible(service, index_dir, Path(profiles[len(profiles) // 2].source), Path(tmp))
        service.close()
        service = ProfileSearch(index_dir)  # the workload on the updated index, opened afresh
        first_run = run_workload(service, 1)  # postings and analysis not yet cached
        timings = run_workload(service, args.rounds)
        timings["similar cooperations"] = similar_timings(service)
        service.close()
    print(f"corpus: {len(profiles)} profiles ({'synthetic' if args.synthetic else 'bundled'}), parsed in "
          f"{parse_seconds:.1f} s; Python {platform.python_version()}, {platform.machine()}")
    print(f"build: {build_seconds:.1f} s, {len(profiles) / build_seconds:.0f} profiles/s, index {size / 1e6:.1f} MB, "
          f"peak RSS {rss:.0f} MB (largest build worker {worker_rss:.0f} MB)")
    print(f"cold start to first answer: {min(cold):.2f}–{max(cold):.2f} s; first query in a service "
          f"{first_query * 1000:.0f} ms; single-profile update visible after {update:.2f} s")
    print("| query kind | n | p50 ms | p95 ms | p99 ms | first run, max ms |\n|---|---|---|---|---|---|")
    for kind, values in timings.items():
        first = f"{max(first_run[kind]):.1f}" if kind in first_run else "–"
        print(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | "
              f"{percentile(values, 0.99):.1f} | {first} |")
    if args.json:
        record = {
            "tool": "bench_search", "date": time.strftime("%Y-%m-%d"), "profiles": len(profiles),
            "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                     text=True).stdout.strip(),
            "parse_seconds": parse_seconds, "build_seconds": build_seconds, "build_rss_mb": rss,
            "build_worker_rss_mb": worker_rss, "index_mb": size / 1e6, "cold_start_seconds": cold,
            "update_visible_seconds": update,
            "latency_ms": {kind: {"p50": statistics.median(v), "p95": percentile(v, 0.95), "p99": percentile(v, 0.99)}
                           for kind, v in timings.items()},
        }
        with open(args.json, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
