"""The same query workload on IKZ-Suche and on two reference engines, in one run.

    python tools/bench_refs.py [--synthetic 10000] [--rounds 5] [--json docs/benchmarks.json]

References, as a user would set them up:
- naive Whoosh: all text in one field with ``LanguageAnalyzer('de')``, the default query
  parser, facets counted with ``groupedby`` (FieldFacet per facet), filters as queries,
  no caching;
- SQLite FTS5 (standard library): one FTS5 table with ``unicode61 remove_diacritics 2``,
  ``bm25`` ranking, facet counts by ``GROUP BY`` over the match set, one statement per facet.

Every engine answers every request with all eight facet counts and the top 10 hits.
Prints a Markdown table with p50/p95 per query kind and the ratios, and can append the
figures as JSON (one object per run) for comparisons across commits.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_search import WORKLOAD, benchmark_corpus, percentile  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh import query as wq  # noqa: E402
from whoosh import sorting  # noqa: E402
from whoosh.analysis import LanguageAnalyzer  # noqa: E402
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, TEXT, Schema  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402

from corpus import load_gazetteer, load_profiles  # noqa: E402
from index.build import build_index  # noqa: E402
from search.model import SearchRequest  # noqa: E402
from search.service import ProfileSearch  # noqa: E402

SINGLE = ("region", "state", "district", "lead", "legal_form")
MULTI = ("keyword", "participant")


def _text(p) -> str:
    return "\n".join([p.title, *p.participants, *p.keywords, *p.sections.values()])


class NaiveWhoosh:
    def __init__(self, profiles, directory: Path) -> None:
        schema = Schema(id=ID(stored=True), content=TEXT(analyzer=LanguageAnalyzer("de")), region=ID, state=ID,
                        district=ID, lead=ID, legal_form=ID, keyword=KEYWORD(commas=True),
                        participant=KEYWORD(commas=True), year=NUMERIC, private=BOOLEAN)
        directory.mkdir(parents=True)
        self.index = whoosh_index.create_in(str(directory), schema)
        with self.index.writer(limitmb=256) as writer:
            for p in profiles:
                writer.add_document(
                    id=p.id, content=_text(p), private=p.private, year=p.year if p.year else None,
                    keyword=",".join(k.replace(",", " ") for k in p.keywords),
                    participant=",".join(x.replace(",", " ") for x in p.participants),
                    **{f: getattr(p, f) or "" for f in ("region", "state", "district", "lead", "legal_form")},
                )
        self.searcher = self.index.searcher()
        self.parser = QueryParser("content", schema)
        self.facets = {name: sorting.FieldFacet(name, allow_overlap=name in MULTI) for name in (*SINGLE, *MULTI)}
        self.facets["year"] = sorting.FieldFacet("year")

    def search(self, text: str, filters: dict) -> None:
        q = self.parser.parse(text) if text else wq.Every()
        parts = [wq.Term("private", False)]
        for name, values in filters.items():
            if name in ("year_from", "year_to"):
                continue
            parts.append(wq.Or([wq.Term(name, v) for v in values]))
        if "year_from" in filters or "year_to" in filters:
            parts.append(wq.NumericRange("year", filters.get("year_from"), filters.get("year_to")))
        results = self.searcher.search(q, filter=wq.And(parts), limit=10, groupedby=self.facets)
        [results.groups(name) for name in self.facets]
        [hit["id"] for hit in results]


class SqliteFts:
    def __init__(self, profiles) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.executescript(
            "CREATE TABLE docs(id TEXT, region TEXT, state TEXT, district TEXT, lead TEXT, legal_form TEXT, "
            "year INT, private INT);"
            "CREATE VIRTUAL TABLE fts USING fts5(content, tokenize='unicode61 remove_diacritics 2');"
            "CREATE TABLE keyword(doc INT, value TEXT); CREATE TABLE participant(doc INT, value TEXT);"
            "CREATE INDEX kw ON keyword(doc); CREATE INDEX pa ON participant(doc);"
        )
        for number, p in enumerate(profiles, start=1):
            self.db.execute("INSERT INTO docs(rowid, id, region, state, district, lead, legal_form, year, private) "
                            "VALUES (?,?,?,?,?,?,?,?,?)", (number, p.id, p.region, p.state, p.district, p.lead,
                                                          p.legal_form, p.year, int(p.private)))
            self.db.execute("INSERT INTO fts(rowid, content) VALUES (?, ?)", (number, _text(p)))
            self.db.executemany("INSERT INTO keyword VALUES (?, ?)", [(number, k) for k in p.keywords])
            self.db.executemany("INSERT INTO participant VALUES (?, ?)", [(number, x) for x in p.participants])
        self.db.commit()

    def search(self, text: str, filters: dict) -> None:
        words = re.findall(r"\w+", text)
        where, params = ["d.private = 0"], []
        if words:
            where.append("d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.append(" ".join(f'"{w}"' for w in words))
        for name, values in filters.items():
            if name == "year_from":
                where.append("d.year >= ?")
                params.append(values)
            elif name == "year_to":
                where.append("d.year <= ?")
                params.append(values)
            else:
                where.append(f"d.{name} IN ({','.join('?' * len(values))})")
                params.extend(values)
        condition = " AND ".join(where)
        if words:
            self.db.execute(f"SELECT d.id FROM docs d JOIN fts ON fts.rowid = d.rowid WHERE {condition} "
                            "AND fts MATCH ? ORDER BY bm25(fts) LIMIT 10", [*params, params[0]]).fetchall()
        else:
            self.db.execute(f"SELECT d.id FROM docs d WHERE {condition} ORDER BY d.year DESC LIMIT 10",
                            params).fetchall()
        for facet in (*SINGLE, "year"):
            self.db.execute(f"SELECT d.{facet}, count(*) FROM docs d WHERE {condition} GROUP BY d.{facet}",
                            params).fetchall()
        for facet in MULTI:
            self.db.execute(f"SELECT f.value, count(*) FROM {facet} f JOIN docs d ON d.rowid = f.doc "
                            f"WHERE {condition} GROUP BY f.value", params).fetchall()


def run(engines: dict, rounds: int) -> dict[str, dict[str, list[float]]]:
    timings = {name: {kind: [] for kind in WORKLOAD} for name in engines}
    for _ in range(rounds + 1):
        for kind, queries in WORKLOAD.items():
            for text, options in queries:
                filters = dict(options)
                page = filters.pop("page", 1)
                for name, engine in engines.items():
                    started = time.perf_counter()
                    engine(text, filters, page)
                    timings[name][kind].append((time.perf_counter() - started) * 1000)
    # the first round warms every engine up and is dropped
    per_round = {kind: len(queries) for kind, queries in WORKLOAD.items()}
    return {name: {kind: values[per_round[kind]:] for kind, values in kinds.items()} for name, kinds in timings.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="append the figures to this JSON-lines file")
    args = parser.parse_args()
    profiles = load_profiles([benchmark_corpus(args.synthetic)], load_gazetteer()).profiles
    builds = {}
    with tempfile.TemporaryDirectory(prefix="ikz-refs-") as tmp:
        started = time.perf_counter()
        build_index(profiles, Path(tmp) / "ikz")
        builds["ikz"] = time.perf_counter() - started
        started = time.perf_counter()
        naive = NaiveWhoosh(profiles, Path(tmp) / "naive")
        builds["naive Whoosh"] = time.perf_counter() - started
        started = time.perf_counter()
        fts = SqliteFts(profiles)
        builds["SQLite FTS5"] = time.perf_counter() - started
        service = ProfileSearch(Path(tmp) / "ikz")

        def ours(text: str, filters: dict, page: int) -> None:
            facet_filters = {k: v for k, v in filters.items() if k not in ("year_from", "year_to")}
            service.search(SearchRequest.create(text, facet_filters, year_from=filters.get("year_from"),
                                                year_to=filters.get("year_to"), page=page))

        engines = {"ikz": ours, "naive Whoosh": lambda t, f, p: naive.search(t, f),
                   "SQLite FTS5": lambda t, f, p: fts.search(t, f)}
        timings = run(engines, args.rounds)
        service.close()
    print(f"{len(profiles)} profiles ({'synthetic' if args.synthetic else 'bundled'}), {args.rounds} rounds; "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print("build s: " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in builds.items())
          + f"; build time / IKZ-Suche's: naive Whoosh {builds['naive Whoosh'] / builds['ikz']:.2f}×, "
          f"SQLite FTS5 {builds['SQLite FTS5'] / builds['ikz']:.2f}×")
    print("\n| query kind | ikz p50 | ikz p95 | naive p95 | FTS5 p95 | naive/ikz p95 | FTS5/ikz p95 |")
    print("|---|---|---|---|---|---|---|")
    summary = {}
    for kind in WORKLOAD:
        ikz, naive_t, fts_t = (percentile(timings[n][kind], 0.95) for n in ("ikz", "naive Whoosh", "SQLite FTS5"))
        summary[kind] = {name: {"p50": statistics.median(timings[name][kind]),
                                "p95": percentile(timings[name][kind], 0.95)} for name in timings}
        print(f"| {kind} | {statistics.median(timings['ikz'][kind]):.1f} | {ikz:.1f} | {naive_t:.1f} | {fts_t:.1f} | "
              f"{naive_t / ikz:.1f}× | {fts_t / ikz:.2f}× |")
    if args.json:
        record = {"tool": "bench_refs", "date": time.strftime("%Y-%m-%d"), "profiles": len(profiles),
                  "rounds": args.rounds,
                  "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                           text=True).stdout.strip(),
                  "build_seconds": builds, "latency_ms": summary}
        with open(args.json, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
