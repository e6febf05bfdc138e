"""The cold path (issue 14): every query distinct, most with a word not asked for before.

    python tools/bench_cold.py --synthetic 10000 [--queries 400] [--http] [--engine whoosh|postgres|both]
                               [--json docs/benchmarks.jsonl]

Citizens' queries are a long tail of words seen for the first time, and every update
opens a new generation whose caches start empty. This benchmark therefore never repeats
a query: each is made of a corpus word used only once (most queries), some with a common
word beside it, and a tenth are pairs of common words (long postings). Every answer
carries all eight facet counts, and IKZ-Suche's its snippets (no result cache).

Measured, in one run on the same queries:
- IKZ-Suche in-process: opening a generation, the first query after opening,
  p50/p95/p99/max of the distinct queries, similar cooperations of distinct profiles;
  then one ``update_profiles`` of a single profile and the queries answered before it,
  again (p95: what an update costs the queries that were warm);
- SQLite FTS5 (``bench_refs.SqliteFts``: ``GROUP BY`` facet counts) and tantivy (PyPI
  ``tantivy``, a benchmark-only dependency: ``pip install tantivy``; terms aggregations
  for the facet counts) answering the same queries, all words required, top 10 hits;
- with ``--http``: ``ikz serve --workers 1`` on a free loopback port, a fresh set of
  distinct queries over the JSON API one at a time, and the worker's RSS;
- with ``--engine postgres`` (or ``both``): the same, in-process and over HTTP, against the
  PostgreSQL engine in a throwaway local cluster (``tools/pg_cluster.py``, Debian's
  PostgreSQL 15 on the same cores): opening is the first look-up of the live generation
  (schema, columns, statistics), the update is ``update_pg_profiles``.
Build times are reported as profiles/s. Bounded in count; loopback only. The machine
may be shared: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_http import free_port, wait_ready  # noqa: E402
from bench_refs import MULTI, SINGLE, SqliteFts, _text  # noqa: E402
from bench_search import benchmark_corpus, percentile  # noqa: E402

from corpus import load_gazetteer, load_profiles  # noqa: E402
from index.build import build_index, current_generation  # noqa: E402
from index.update import update_profiles  # noqa: E402
from search.model import SearchRequest, SearchTimeout  # noqa: E402
from search.core import SearchService  # noqa: E402
from search.service import ProfileSearch, WhooshGeneration  # noqa: E402

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")


def cold_queries(profiles: list, count: int, seed: int) -> list[str]:
    """``count`` distinct queries: 9 in 10 hold a corpus word no earlier query held (half
    of them beside one of the 200 most common words), 1 in 10 is a pair of common words."""
    words = Counter(w.lower() for p in profiles for w in WORD.findall(_text(p)))
    rng = random.Random(seed)
    common = [w for w, _ in words.most_common(200)]
    fresh = sorted(w for w, n in words.items() if n >= 2 and w not in set(common))
    rng.shuffle(fresh)
    queries: list[str] = []
    seen: set[str] = set()
    while len(queries) < count and fresh:
        kind = len(queries) % 10
        if kind == 9:
            parts = rng.sample(common, 2)
        elif kind % 2:
            parts = [fresh.pop(), rng.choice(common)]
        else:
            parts = [fresh.pop()]
        query = " ".join(parts)
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


class Tantivy:
    """tantivy with its default tokenizer over the same text as FTS5, facet values as raw
    fast fields, counts by terms aggregations over the match set (public profiles)."""

    def __init__(self, profiles: list, directory: Path) -> None:
        import tantivy

        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("content", tokenizer_name="default")
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        for name in (*SINGLE, *MULTI):
            builder.add_text_field(name, tokenizer_name="raw", fast=True)
        builder.add_integer_field("year", indexed=True, fast=True)
        builder.add_integer_field("private", indexed=True, fast=True)
        self.schema = builder.build()
        directory.mkdir(parents=True)
        self.index = tantivy.Index(self.schema, path=str(directory))
        writer = self.index.writer(heap_size=200_000_000, num_threads=2)
        for p in profiles:
            fields = {name: getattr(p, name) or "" for name in SINGLE}
            writer.add_document(tantivy.Document(
                id=p.id, content=_text(p), keyword=list(p.keywords), participant=list(p.participants),
                year=p.year or 0, private=int(p.private), **fields))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.public = tantivy.Query.term_query(self.schema, "private", 0)
        self.aggregations = {name: {"terms": {"field": name, "size": 10_000}} for name in (*SINGLE, *MULTI, "year")}

    def search(self, text: str) -> None:
        tantivy = self.tantivy
        words = WORD.findall(text) or re.findall(r"\w+", text)
        parsed = self.index.parse_query(" ".join(f'+"{w}"' for w in words), ["content"])
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, parsed), (tantivy.Occur.Must, self.public)])
        hits = self.searcher.search(query, 10).hits
        [self.searcher.doc(address)["id"] for _, address in hits]
        self.searcher.aggregate(query, self.aggregations)


class Timings(list):
    """Milliseconds per request; ``timeouts`` counts requests that ran out of time (the
    service's time limit: SearchTimeout in-process, 503 over HTTP), timed until they did."""

    timeouts = 0


def timed(function, items: list) -> Timings:
    values = Timings()
    for item in items:
        started = time.perf_counter()
        try:
            function(item)
        except (SearchTimeout, urllib.error.HTTPError) as error:
            if isinstance(error, urllib.error.HTTPError) and error.code != 503:
                raise
            values.timeouts += 1
        values.append((time.perf_counter() - started) * 1000)
    return values


def summary(values: Timings) -> dict[str, float]:
    return {"p50": statistics.median(values), "p95": percentile(values, 0.95), "p99": percentile(values, 0.99),
            "max": max(values), "n": len(values), "timeouts": getattr(values, "timeouts", 0)}


class Engine:
    """One of IKZ-Suche's storage engines as the benchmark drives it."""

    name = "ikz"

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir

    def build(self, profiles: list) -> None:
        build_index(profiles, self.index_dir)

    def open_generation(self) -> None:
        WhooshGeneration(current_generation(self.index_dir)).close()

    def service(self) -> SearchService:
        return ProfileSearch(self.index_dir)

    def update(self, profile: object) -> None:
        update_profiles(self.index_dir, [profile])

    def serve_args(self) -> tuple[list[str], dict[str, str]]:
        return ["--index", str(self.index_dir)], {}


class PgEngine(Engine):
    """The PostgreSQL engine: index ``index`` in the database at ``url``."""

    name = "ikz_pg"

    def __init__(self, url: str, index: str = "cold") -> None:
        self.url, self.index = url, index

    def build(self, profiles: list) -> None:
        from index.pg.build import build_pg_index

        build_pg_index(profiles, self.url, self.index)

    def open_generation(self) -> None:
        service = self.service()
        try:
            service._live(None)  # what a service does on its first request: schema, columns, statistics
        finally:
            service.close()

    def service(self) -> SearchService:
        from search.pg.service import PgProfileSearch

        return PgProfileSearch(self.url, self.index)

    def update(self, profile: object) -> None:
        from index.pg.update import update_pg_profiles

        update_pg_profiles(self.url, self.index, [profile])

    def serve_args(self) -> tuple[list[str], dict[str, str]]:
        return ["--backend", "postgres", "--index", self.index], {"IKZ_DATABASE_URL": self.url}


def in_process(engine: Engine, queries: list[str], profiles: list, similar_ids: list[str]) -> dict:
    """IKZ-Suche in this process: open, first query, distinct queries, similar, update."""
    from index.analysis import prepare_analysis

    prepare_analysis()  # word lists load once per process, not per generation
    started = time.perf_counter()
    engine.open_generation()
    opened = (time.perf_counter() - started) * 1000
    service = engine.service()
    try:
        first = timed(lambda q: service.search(SearchRequest.create(q)), queries[:1])[0]  # opening included
        distinct = timed(lambda q: service.search(SearchRequest.create(q)), queries[1:])
        similar = timed(lambda i: service.similar(i, limit=5), similar_ids)
        # one profile changes: the next check opens a new generation
        engine.update(profiles[len(profiles) // 2])
        time.sleep(0.6)
        seen = queries[1:101]
        first_after_update = timed(lambda q: service.search(SearchRequest.create(q)), seen[:1])[0]
        after_update = timed(lambda q: service.search(SearchRequest.create(q)), seen[1:])
    finally:
        service.close()
    return {"open_ms": opened, "first_query_ms": first, "distinct": summary(distinct), "similar": summary(similar),
            "first_after_update_ms": first_after_update, "after_update": summary(after_update),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def over_http(engine: Engine, queries: list[str]) -> dict:
    """Distinct queries over the JSON API of ``ikz serve --workers 1``, one at a time."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    arguments, settings = engine.serve_args()
    environment = {**os.environ, "IKZ_RATE_LIMIT": "0", "IKZ_RESULT_CACHE": "0", **settings}
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", *arguments, "--port", str(port),
                               "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=environment)
    try:
        wait_ready(f"{base}/api/v1/search?q=", seconds=120)

        def get(query: str) -> None:
            url = f"{base}/api/v1/search?{urllib.parse.urlencode({'q': query})}"
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()

        values = timed(get, queries)
        rss = _worker_rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"distinct": summary(values), "worker_rss_mb": rss}


def _worker_rss(parent: int) -> dict[str, float]:
    """RSS (MB) of the gunicorn worker (the child of the ``ikz serve`` process): in all,
    private (anonymous) and file-backed (mapped files: shared between workers)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    pid = (children or [str(parent)])[0]
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "RssAnon", "RssFile") if key in fields}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--http", action="store_true", help="also over HTTP with ikz serve --workers 1")
    parser.add_argument("--engine", choices=("whoosh", "postgres", "both"), default="whoosh",
                        help="IKZ-Suche's storage engine(s) measured (postgres: a throwaway local cluster)")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON-lines file")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    profiles = load_profiles([benchmark_corpus(args.synthetic)], load_gazetteer()).profiles
    queries = cold_queries(profiles, 2 * args.queries + 1, args.seed)
    local, remote = queries[: args.queries + 1], queries[args.queries + 1:]
    rng = random.Random(args.seed)
    similar_ids = [p.id for p in rng.sample([p for p in profiles if not p.private], 100)]
    builds: dict[str, float] = {}
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="ikz-cold-") as tmp, contextlib.ExitStack() as stack:
        engines: list[Engine] = []
        if args.engine in ("whoosh", "both"):
            engines.append(Engine(Path(tmp) / "ikz"))
        if args.engine in ("postgres", "both"):
            from pg_cluster import LocalCluster

            engines.append(PgEngine(stack.enter_context(LocalCluster.start()).url))
        for engine in engines:
            started = time.perf_counter()
            engine.build(profiles)
            builds[engine.name] = time.perf_counter() - started
            results[engine.name] = in_process(engine, local, profiles, similar_ids)
            if args.http:
                results[f"{engine.name}_http"] = over_http(engine, remote)
        started = time.perf_counter()
        fts = SqliteFts(profiles)
        builds["SQLite FTS5"] = time.perf_counter() - started
        results["SQLite FTS5"] = {"distinct": summary(timed(lambda q: fts.search(q, {}), local[1:]))}
        try:
            started = time.perf_counter()
            engine = Tantivy(profiles, Path(tmp) / "tantivy")
            builds["tantivy"] = time.perf_counter() - started
            results["tantivy"] = {"distinct": summary(timed(engine.search, local[1:]))}
        except ImportError:
            print("tantivy is not installed (pip install tantivy): left out")
        shutil.rmtree(Path(tmp) / "ikz", ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    _report(len(profiles), args.queries, builds, results)
    if args.json:
        record = {"tool": "bench_cold", "date": time.strftime("%Y-%m-%d"), "profiles": len(profiles),
                  "queries": args.queries, "commit": subprocess.run(
                      ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
                  "build_profiles_per_s": {k: len(profiles) / v for k, v in builds.items()}, "results": results}
        with open(args.json, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
    return 0


def _report(size: int, count: int, builds: dict[str, float], results: dict) -> None:
    print(f"{size} profiles, {count} distinct queries, all facet counts; build profiles/s: "
          + ", ".join(f"{name} {size / seconds:.0f}" for name, seconds in builds.items()))
    print("\n| engine (ms) | p50 | p95 | p99 | max | timeouts |")
    print("|---|---|---|---|---|---|")
    for name, result in results.items():
        d = result["distinct"]
        print(f"| {name} | {d['p50']:.1f} | {d['p95']:.1f} | {d['p99']:.1f} | {d['max']:.1f} | {d['timeouts']} |")
    for name in ("ikz", "ikz_pg"):
        if name not in results:
            continue
        ikz = results[name]
        print(f"\n{name}: open a generation {ikz['open_ms']:.0f} ms; first query after opening "
              f"{ikz['first_query_ms']:.0f} ms; similar p95 {ikz['similar']['p95']:.1f} ms (max "
              f"{ikz['similar']['max']:.0f}); after a single-profile update: first query "
              f"{ikz['first_after_update_ms']:.0f} ms, queries answered before p95 {ikz['after_update']['p95']:.1f} ms "
              f"(max {ikz['after_update']['max']:.0f}); in-process max RSS {ikz['rss_mb']:.0f} MB"
              + ("; HTTP worker RSS " + ", ".join(f"{key} {value:.0f} MB" for key, value in
                                                 results[f"{name}_http"]["worker_rss_mb"].items())
                 if f"{name}_http" in results else ""))


if __name__ == "__main__":
    raise SystemExit(main())
