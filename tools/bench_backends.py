"""Whoosh and PostgreSQL side by side: build, query latency with all facet counts,
similar cooperations, a single-profile update's time until visible (also on a streaming
replica), in one run on the same corpus and machine.

    python tools/bench_backends.py --synthetic 10000 --rounds 10 [--replica] [--json docs/benchmarks.jsonl]

PostgreSQL runs in a throwaway local cluster (``tools/pg_cluster.py``: Debian's
PostgreSQL 15, ``fsync=off``) on the same two cores as the benchmark itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_search import benchmark_corpus, percentile, run_workload, similar_timings  # noqa: E402
from pg_cluster import LocalCluster  # noqa: E402

from corpus import load_gazetteer, load_profiles  # noqa: E402
from index.build import build_index  # noqa: E402
from index.pg.build import build_pg_index  # noqa: E402
from index.pg.update import update_pg_profiles  # noqa: E402
from index.update import update_profiles  # noqa: E402
from search.model import SearchRequest  # noqa: E402
from search.pg.service import PgProfileSearch  # noqa: E402
from search.service import ProfileSearch  # noqa: E402


def until_visible(service, update, marker: str, profile_id: str) -> float:
    """Seconds from starting ``update()`` until ``service`` ranks ``profile_id`` first for
    ``marker`` (a word only the updated title contains; searched as staff, so that a
    private profile counts too)."""
    started = time.perf_counter()
    update()
    while True:
        hits = service.search(SearchRequest.create(marker, staff=True)).hits
        if hits and hits[0].id == profile_id:
            return time.perf_counter() - started
        if time.perf_counter() - started > 60:
            return float("inf")
        time.sleep(0.01)


def measure(service, rounds: int) -> dict[str, list[float]]:
    started = time.perf_counter()
    service.warm_up()  # as a server does before its first request
    opened = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    service.search(SearchRequest.create("Abfall"))
    first = (time.perf_counter() - started) * 1000
    run_workload(service, 1)  # warm-up round (postings, analysis)
    timings = run_workload(service, rounds)
    timings["similar cooperations"] = similar_timings(service)
    timings["open (warm-up)"] = [opened]
    timings["first query after open"] = [first]
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--replica", action="store_true", help="also measure update visibility on a streaming replica")
    parser.add_argument("--skip-whoosh", action="store_true")
    parser.add_argument("--json", type=Path, help="append the figures as one JSON line")
    args = parser.parse_args()
    profiles = load_profiles([benchmark_corpus(args.synthetic)], load_gazetteer()).profiles
    result: dict = {"profiles": len(profiles), "python": platform.python_version(), "machine": platform.machine()}
    marker = "Quaxoquibbel"
    changed = dataclasses.replace(profiles[0], title=f"{marker} {profiles[0].title}")
    engines: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="ikz-bench-") as tmp:
        if not args.skip_whoosh:
            started = time.perf_counter()
            build_index(profiles, Path(tmp))
            result["whoosh_build_s"] = time.perf_counter() - started
            service = ProfileSearch(tmp)
            engines["whoosh"] = measure(service, args.rounds)
            result["whoosh_update_visible_s"] = until_visible(
                service, lambda: update_profiles(Path(tmp), [changed]), marker, changed.id)
            service.close()
        with LocalCluster.start() as cluster:
            started = time.perf_counter()
            build_pg_index(profiles, cluster.url, "bench")
            result["postgres_build_s"] = time.perf_counter() - started
            du = subprocess.run(["du", "-sm", str(cluster.directory)], capture_output=True, text=True)
            size = du.stdout.split()[0]
            result["postgres_data_mb"] = int(size)
            service = PgProfileSearch(cluster.url, "bench")
            engines["postgres"] = measure(service, args.rounds)
            result["postgres_update_visible_s"] = until_visible(
                service, lambda: update_pg_profiles(cluster.url, "bench", [changed]), marker, changed.id)
            service.close()
            if args.replica:
                replica = cluster.replica()
                reader = PgProfileSearch(replica.url, "bench")
                while True:
                    try:
                        reader.search(SearchRequest.create("Abfall"))
                        break
                    except Exception:
                        time.sleep(0.1)
                second = dataclasses.replace(changed, title=f"Quixoplumbat {profiles[0].title}")
                result["replica_update_visible_s"] = until_visible(
                    reader, lambda: update_pg_profiles(cluster.url, "bench", [second]), "Quixoplumbat", second.id)
                batch = [dataclasses.replace(p, title=f"{p.title} Zybrettix{n}")
                         for n, p in enumerate(profiles[1:1001])]
                last = batch[-1]
                result["replica_1000_updates_visible_s"] = until_visible(
                    reader, lambda: update_pg_profiles(cluster.url, "bench", batch), f"Zybrettix{len(batch) - 1}",
                    last.id)
                reader.close()
    print(f"corpus: {len(profiles)} profiles; Python {result['python']}, {result['machine']}")
    for key in sorted(k for k in result if k.endswith(("_s", "_mb"))):
        print(f"{key}: {result[key]:.3f}" if isinstance(result[key], float) else f"{key}: {result[key]}")
    names = list(engines)
    print("| query kind | " + " | ".join(f"{n} p50 | {n} p95 | {n} p99" for n in names) + " |")
    print("|---|" + "---|" * (3 * len(names)))
    for kind in engines[names[-1]]:
        cells = []
        for name in names:
            values = engines[name][kind]
            cells += [f"{statistics.median(values):.1f}", f"{percentile(values, 0.95):.1f}",
                      f"{percentile(values, 0.99):.1f}"]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    result["latency_ms"] = {
        name: {kind: {"p50": statistics.median(v), "p95": percentile(v, 0.95), "p99": percentile(v, 0.99)}
               for kind, v in timings.items()}
        for name, timings in engines.items()}
    if args.json:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        record = {"tool": "bench_backends", "date": time.strftime("%Y-%m-%d"), "commit": commit, **result}
        with args.json.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
