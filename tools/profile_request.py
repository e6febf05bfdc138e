"""Where a cold search's time goes: per-stage CPU time of ``SearchService.search`` in-process.

    python tools/profile_request.py --index DIR [--synthetic 10000] [--queries 400] [--cprofile FILE]

Runs ``bench_cold``'s distinct queries (the in-process set: same seed, same words) against
the index at DIR, one at a time in a fresh process (so every cache starts cold), and
times the stages of each request by wrapping the functions that do them: the semantic
layer (``hybrid``, and within it encoding the query), ``match_plan``, each hit (fields
and snippet), the facet counts, query building, ranking. Times are CPU seconds of the
request's thread (``time.thread_time``): on a shared, loaded machine they move far less
than wall-clock times. Stages nest (encoding is inside ``hybrid``) and the rest of
``_search`` (prefetching, masks, the place lift, reading the hits' stored fields) is
the total minus the stages. ``--cprofile FILE`` writes a cProfile of the same queries
to FILE instead (no timers: a second run in the process would find its caches warm).
The 20 slowest requests are broken down apart: p95 is theirs.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_cold import cold_queries  # noqa: E402
from bench_search import benchmark_corpus, percentile  # noqa: E402

import search.core as core  # noqa: E402
import search.facets as facets  # noqa: E402
import search.semantic as semantic  # noqa: E402
from corpus import load_gazetteer, load_profiles  # noqa: E402
from search.model import SearchRequest  # noqa: E402
from search.service import ProfileSearch  # noqa: E402

# (owner, attribute, stage name); wrapped where the request path looks them up
STAGES = (
    (core.SearchService, "_search", "total (_search)"),
    (core, "hybrid", "semantic layer (hybrid)"),
    (semantic, "query_vector", "- encoding the query (query_vector)"),
    (core, "match_plan", "match_plan"),
    (core.SearchService, "_hit", "hits: fields and snippets (_hit)"),
    (facets.FacetTable, "count", "facet counts (FacetTable.count)"),
    (core.QueryBuilder, "build", "query building (QueryBuilder.build)"),
    (core, "parse_user_query", "parsing (parse_user_query)"),
    (core, "read_query", "reading (read_query)"),
    (facets.FacetTable, "rank", "ranking (FacetTable.rank)"),
)


@contextlib.contextmanager
def stage_timers(clock: Callable[[], float] = time.thread_time) -> Iterator[dict[str, list[float]]]:
    """Wrap every function of ``STAGES`` so that each call's ``clock`` time (ms) is
    appended to the stage's list; the originals are put back on leaving."""
    spent: dict[str, list[float]] = defaultdict(list)
    saved = []
    for owner, name, stage in STAGES:
        original = owner.__dict__[name]
        function = original.__func__ if isinstance(original, staticmethod) else original

        def timed(*args, _function=function, _stage=stage, **kwargs):
            started = clock()
            try:
                return _function(*args, **kwargs)
            finally:
                spent[_stage].append((clock() - started) * 1000)

        saved.append((owner, name, original))
        setattr(owner, name, staticmethod(timed) if isinstance(original, staticmethod) else timed)
    try:
        yield spent
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def profile(service: ProfileSearch, queries: list[str]) -> tuple[list[float], list[dict[str, float]]]:
    """(CPU ms of each request incl. ``to_dict``, per request the ms of each stage)."""
    totals, per_request = [], []
    with stage_timers() as spent:
        for query in queries:
            before = {stage: sum(values) for stage, values in spent.items()}
            started = time.thread_time()
            service.search(SearchRequest.create(query)).to_dict()
            totals.append((time.thread_time() - started) * 1000)
            per_request.append({stage: sum(values) - before.get(stage, 0.0) for stage, values in spent.items()})
    return totals, per_request


def report(totals: list[float], per_request: list[dict[str, float]], slowest: int = 20) -> str:
    """A markdown table: each stage's mean CPU ms per request, over all and the slowest."""
    slow = sorted(range(len(totals)), key=totals.__getitem__, reverse=True)[:slowest]
    lines = [f"{len(totals)} requests, CPU ms: p50 {statistics.median(totals):.2f}, "
             f"p95 {percentile(totals, 0.95):.2f}, mean {statistics.fmean(totals):.2f}",
             "", f"| stage (CPU ms per request) | mean | mean of the {len(slow)} slowest |", "|---|---|---|"]
    for _, _, stage in STAGES:
        every = statistics.fmean(r.get(stage, 0.0) for r in per_request)
        worst = statistics.fmean(per_request[i].get(stage, 0.0) for i in slow) if slow else 0.0
        lines.append(f"| {stage} | {every:.2f} | {worst:.2f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="a built Whoosh index of the same corpus")
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cprofile", type=Path, help="write a cProfile of the run here instead of timing stages")
    args = parser.parse_args()
    profiles = load_profiles([benchmark_corpus(args.synthetic)], load_gazetteer()).profiles
    queries = cold_queries(profiles, 2 * args.queries + 1, args.seed)[: args.queries + 1]
    service = ProfileSearch(args.index)
    try:
        service.warm_up()
        service.search(SearchRequest.create(queries[0]))  # the first query after opening: bench_cold's apart
        if args.cprofile:  # instead of the timers: process-wide caches would be warm for a second run
            with cProfile.Profile() as profiler:
                for query in queries[1:]:
                    service.search(SearchRequest.create(query)).to_dict()
            profiler.dump_stats(args.cprofile)
            return 0
        print(report(*profile(service, queries[1:])))
    finally:
        service.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
