"""Build throughput (issue 14): one fresh ``build_index`` of a synthetic corpus, in a fresh process.

    python tools/bench_build.py --synthetic 10000 [--semantic off] [--procs 1] [--profile out.prof]
    python tools/bench_build.py --corpus DIR ...

Parses the corpus first (not timed), then times ``build_index`` into a temporary
directory: the Whoosh segments, the sidecar postings and columns, the spelling counts and,
with the semantic layer on, every profile's vector (the process starts with empty caches,
so this is a first build). Prints profiles/s, the CPU seconds of this process and its
workers, and the load average before and after (the machine may be shared). With
``--profile`` the build runs under cProfile (one process unless ``--procs`` says otherwise:
cProfile sees only the parent) and the statistics are written to the given file.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_search import benchmark_corpus  # noqa: E402

from corpus import load_gazetteer, load_profiles  # noqa: E402
from index.build import build_index  # noqa: E402


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished (joined) worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def measure(profiles: list, target: Path, procs: int | None = None, profile: Path | None = None) -> dict:
    """Build ``profiles`` into the new index directory ``target`` once; its figures
    (seconds, profiles/s, CPU seconds of this process and of the build workers, load
    averages). Raises what ``build_index`` raises."""
    load_before = os.getloadavg()
    parent, workers = _cpu()
    started = time.perf_counter()
    if profile is None:
        build_index(profiles, target, procs=procs)
    else:
        profiler = cProfile.Profile()
        profiler.runcall(build_index, profiles, target, procs=procs)
        profiler.dump_stats(str(profile))
    seconds = time.perf_counter() - started
    parent, workers = (after - before for after, before in zip(_cpu(), (parent, workers), strict=True))
    return {"benchmark": "build", "profiles": len(profiles), "procs": procs, "seconds": round(seconds, 2),
            "profiles_per_s": round(len(profiles) / seconds), "cpu_parent_s": round(parent, 2),
            "cpu_workers_s": round(workers, 2), "load_before": load_before[0], "load_after": os.getloadavg()[0],
            "profiled": profile is not None}


def main() -> int:
    """Run one build and print its figures. Raises what ``build_index`` raises."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=None, help="a corpus directory instead of --synthetic")
    parser.add_argument("--semantic", choices=("on", "off"), default="on")
    parser.add_argument("--procs", type=int, default=None, help="build processes (default: build_index's)")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile statistics here")
    parser.add_argument("--json", type=Path, default=None, help="append the figures as one JSON line")
    args = parser.parse_args()
    os.environ["IKZ_SEMANTIC"] = args.semantic
    corpus = args.corpus or benchmark_corpus(args.synthetic)
    profiles = load_profiles([corpus], load_gazetteer()).profiles
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(profiles, Path(tmp) / "ikz", args.procs, args.profile) | {"semantic": args.semantic}
    print(f"{len(profiles)} profiles, semantic {args.semantic}: {figures['seconds']:.1f} s, "
          f"{figures['profiles_per_s']} profiles/s; CPU {figures['cpu_parent_s']:.1f} s parent, "
          f"{figures['cpu_workers_s']:.1f} s workers; load {figures['load_before']:.1f} -> {figures['load_after']:.1f}")
    if args.json is not None:
        with args.json.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
