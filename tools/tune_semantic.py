"""Tune the semantic layer's fusion constants (``search.semantic``) on judged sets.

    .venv/bin/python tools/tune_semantic.py CACHE_DIR [--dev DIR] [--measure DIR] [--grid]

Builds (once, into CACHE_DIR) an index of the bundled corpus and of each corpus given,
then prints nDCG@10 of the tuning and held-out queries and nDCG@5 of similar
cooperations with the layer off and on, and with ``--grid`` over a small grid of the
constants. Tune on the bundled tuning set and the development corpus (``--dev``);
``--measure`` corpora (the independent set) are printed for the chosen constants only,
never searched over the grid.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path


import search.semantic as semantic
from corpus import load_gazetteer, load_profiles
from index.build import build_index
from search.evaluation import evaluate, evaluate_ranked, evaluate_similar
from search.model import SearchRequest
from search.service import ProfileSearch

ROOT = Path(__file__).resolve().parent.parent
# similar cooperations' weights live in search.similar: tools/tune_similar.py tunes them
KNOBS = ("WEIGHT", "FLOOR", "ADD_FLOOR", "ADD_SHARE", "ADD_MARGIN")


def open_index(cache: Path, name: str, corpus: Path) -> tuple[ProfileSearch, list[str]]:
    profiles = load_profiles([corpus], load_gazetteer()).profiles
    if not (cache / name / "current").exists():
        build_index(profiles, cache / name)
    service = ProfileSearch(cache / name, time_limit=60)
    service.warm_up()
    return service, [p.id for p in profiles if p.private]


def bundled_figures(service: ProfileSearch, private: list[str], *, similar_only: bool = False) -> dict[str, float]:
    read = lambda name: json.loads((ROOT / "tests/relevance" / name).read_text())  # noqa: E731
    ours = lambda q: [h.id for h in service.search(SearchRequest.create(q, per_page=10)).hits]  # noqa: E731
    similar = evaluate_similar(read("similar.json")["similar"],
                               lambda i: [h.id for h in service.similar(i, limit=5).similar])["ndcg"]
    if similar_only:
        return {"similar": similar}
    return {
        "tuning": evaluate(read("queries.json")["queries"], ours, all_private=private)["all"]["ndcg"],
        "heldout": evaluate(read("heldout.json")["queries"], ours, all_private=private)["all"]["ndcg"],
        "similar": similar,
    }


def corpus_figures(service: ProfileSearch, private: list[str], directory: Path, *,
                   similar_only: bool = False) -> dict[str, object]:
    queries = json.loads((directory / "queries.json").read_text())["queries"]
    similar = json.loads((directory / "similar.json").read_text())["similar"]
    similar_ndcg = evaluate_similar(similar, lambda i: [h.id for h in service.similar(
        i, limit=5, staff=True).similar])["ndcg"]
    if similar_only:
        return {"similar": similar_ndcg}
    ranked = {item["id"]: [h.id for h in service.search(SearchRequest.create(
        item["query"], per_page=10, staff=item.get("audience") == "staff")).hits] for item in queries}
    judged = evaluate_ranked(queries, ranked, all_private=private, staff_see_private=True)
    return {"all": judged["all"]["ndcg"], "recall": judged["all"]["recall"],
            "leaks": judged["all"]["private_leaks"],
            "kinds": {k: v["ndcg"] for k, v in judged.items() if k != "all"},
            "similar": similar_ndcg}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cache", type=Path)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--measure", type=Path, action="append", default=[])
    parser.add_argument("--grid", choices=["search"])
    args = parser.parse_args()
    bundled = open_index(args.cache, "bundled", ROOT / "corpus" / "profiles")
    dev = open_index(args.cache, "dev", args.dev / "profiles") if args.dev else None
    chosen = {k: getattr(semantic, k) for k in KNOBS}

    def run(settings: dict | None, measure: bool = False, similar_only: bool = False) -> None:
        for service, _ in [bundled, *([dev] if dev else [])]:
            service._served.vectors = None if settings is None else service._current().generation.vectors
        for key, value in (settings or {}).items():
            setattr(semantic, key, value)
        row = {"settings": "off" if settings is None else settings,
               **bundled_figures(*bundled, similar_only=similar_only)}
        if dev:
            row["dev"] = corpus_figures(*dev, args.dev, similar_only=similar_only)
        print(json.dumps(row), flush=True)
        if measure:
            for directory in args.measure:
                service, private = open_index(args.cache, directory.name, directory / "profiles")
                if settings is None:
                    service._current().vectors = None
                print(json.dumps({"measure": str(directory), "settings": "off" if settings is None else "on",
                                  **corpus_figures(service, private, directory)}), flush=True)

    if not args.grid:
        run(None, measure=True)
    run(chosen, measure=not args.grid)
    if args.grid == "search":
        grid = {"WEIGHT": [0.5, 1.0, 1.5], "FLOOR": [0.2], "ADD_FLOOR": [0.3, 0.35, 0.4, 0.45],
                "ADD_SHARE": [0.5, 1.0], "ADD_MARGIN": [0.05, 0.1, 1.0]}
        for values in itertools.product(*grid.values()):
            run({**chosen, **dict(zip(grid, values, strict=True))})


if __name__ == "__main__":
    main()
