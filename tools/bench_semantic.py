"""The semantic layer's cold costs: model load, query encoding, profile encoding, memory.

    .venv/bin/python tools/bench_semantic.py [--corpus DIR] [--queries N]

Prints (JSON) the machine load, the time to load the model (first encoding included),
the resident memory before and after, p50/p95/max of encoding N distinct queries (each
seen for the first time: the tail of citizens' queries), profiles encoded per second
from their stored texts (``index.semantic.embed_texts``, as a build does), and the cost
of the cosine against every document at 10,000 and 100,000 documents.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path

import numpy as np

from corpus import load_gazetteer, load_profiles
from index.document import profile_to_document
from index.semantic import DIMENSIONS, DocumentVectors, embed_texts, encode

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def distinct_queries(profiles, count: int) -> list[str]:
    """Distinct one- to three-word queries from the corpus's keywords and titles."""
    words = sorted({w for p in profiles for k in (*p.keywords, p.title) for w in k.split() if len(w) > 3})
    rng = random.Random(7)
    seen: set[str] = set()
    while len(seen) < count:
        seen.add(" ".join(rng.sample(words, rng.choice((1, 1, 2, 3)))))
    return sorted(seen)


def percentile(values: list[float], share: float) -> float:
    return sorted(values)[min(len(values) - 1, int(share * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "profiles")
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()
    profiles = load_profiles([args.corpus], load_gazetteer()).profiles
    report: dict[str, object] = {"loadavg": os.getloadavg(), "cores": os.cpu_count()}
    before = rss_mb()
    started, started_cpu = time.perf_counter(), time.process_time()
    encode.load()
    report["model_load_s"] = round(time.perf_counter() - started, 3)
    report["model_load_cpu_s"] = round(time.process_time() - started_cpu, 3)
    report["rss_mb_before_after_load"] = [round(before), round(rss_mb())]
    times, cpu = [], []
    for query in distinct_queries(profiles, args.queries):
        started, started_cpu = time.perf_counter(), time.process_time()
        encode([query])
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    report["query_encode_ms"] = {"n": len(times), "p50": round(statistics.median(times), 2),
                                 "p95": round(percentile(times, 0.95), 2), "max": round(max(times), 2)}
    # CPU time: what a query costs the machine, whatever else runs on it
    report["query_encode_cpu_ms"] = {"p50": round(statistics.median(cpu), 2), "p95": round(percentile(cpu, 0.95), 2)}
    documents = [profile_to_document(p) for p in profiles]
    started, started_cpu = time.perf_counter(), time.process_time()
    embed_texts(documents)
    seconds = time.perf_counter() - started
    report["profile_encode"] = {"profiles": len(documents), "seconds": round(seconds, 2),
                                "cpu_seconds": round(time.process_time() - started_cpu, 2),
                                "per_profile_ms": round(1000 * seconds / len(documents), 1),
                                "profiles_per_s": round(len(documents) / seconds, 1)}
    rng = np.random.default_rng(1)
    query = encode(["gemeinsame Abfallentsorgung"])[0]
    for size in (10_000, 100_000):
        rows = rng.standard_normal((size, DIMENSIONS), dtype=np.float32)
        vectors = DocumentVectors([(0, rows)], size)
        runs, cpu = [], []
        for _ in range(20):
            started, started_cpu = time.perf_counter(), time.process_time()
            vectors.similarities(query)
            runs.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        report[f"cosine_all_{size}_ms"] = {"p50": round(statistics.median(runs), 2),
                                           "cpu_p50": round(statistics.median(cpu), 2),
                                           "max": round(max(runs), 2), "matrix_mb": round(rows.nbytes / 2**20)}
    report["rss_mb_end"] = round(rss_mb())
    report["loadavg_end"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
