"""Measure and tune similar cooperations (``search.similar``) on judged sets.

    .venv/bin/python tools/tune_similar.py CACHE_DIR [--dev DIR] [--show] [--grid]
                                          [--ablate] [--measure DIR]

Builds (once, into CACHE_DIR) an index of the bundled corpus and of the development corpus
(``--dev``, default tests/dev), then prints nDCG@5 of similar cooperations: bundled
(tests/relevance/similar.json, as the public), and the development corpus split into a
tuning half and a held-out half (as staff, like ``ikz eval``). The split is fixed by a hash
of each case's id (``split_of``), chosen before any per-case result was looked at, so that
the held-out half stays unseen: ``--show`` prints per-case lists of the tuning half only.
``--grid`` searches a small grid of ``search.similar``'s weights and ranks the settings by
the mean of bundled and dev tuning; ``--ablate`` prints each part switched off (the
README's table); ``--measure`` corpora (the independent set) are printed for the chosen
weights only, never searched.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from pathlib import Path

import search.similar as similar
import search.similar_parts as similar_parts
import search.task_groups as task_groups
from corpus import load_gazetteer, load_profiles
from index.build import build_index
from search.evaluation import ndcg
from search.service import ProfileSearch

ROOT = Path(__file__).resolve().parent.parent
GRID = {
    "GROUP_WEIGHT": [0.3, 0.6, 1.0, 1.5],
    "FAMILY_SHARE": [0.25, 0.5, 0.75],
    "AREA_WEIGHT": [0.2, 0.4, 0.8],
    "SEMANTIC_WEIGHT": [0.5, 1.0],
}
# each part of the similarity and the constant that switches it off
PARTS = {
    "task groups": {"GROUP_WEIGHT": 0.0},
    "task groups: families": {"FAMILY_SHARE": 0.0},
    "task areas": {"AREA_WEIGHT": 0.0},
    "task areas: secondary areas": {"SECONDARY_SHARE": 0.0},
    "keywords with keywords/title": {"KEYWORD_WEIGHT": 0.0},
    "semantic: profile with profile": {"SEMANTIC_WEIGHT": 0.0},
    "semantic: title+keywords with profile": {"HEADLINE_WEIGHT": 0.0},
    "lexical more-like-this": {"LEXICAL_WEIGHT": 0.0},
}


def split_of(case_id: str) -> str:
    """"tuning" or "heldout", fixed by a hash of the case's id (about half each)."""
    return "heldout" if hashlib.sha256(f"simtask:{case_id}".encode()).digest()[0] % 2 else "tuning"


def open_index(cache: Path, name: str, corpus: Path) -> ProfileSearch:
    profiles = load_profiles([corpus], load_gazetteer()).profiles
    if not (cache / name / "current").exists():
        build_index(profiles, cache / name)
    service = ProfileSearch(cache / name, time_limit=60)
    service.warm_up()
    return service


def per_case(service: ProfileSearch, cases: list[dict], *, staff: bool) -> list[float]:
    return [ndcg([h.id for h in service.similar(c["id"], limit=5, staff=staff).similar], c["similar"], 5)
            for c in cases]


def mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def figures(bundled: ProfileSearch, bundled_cases: list[dict], dev: ProfileSearch, dev_cases: list[dict]) -> dict:
    tuning = [c for c in dev_cases if split_of(c["id"]) == "tuning"]
    heldout = [c for c in dev_cases if split_of(c["id"]) == "heldout"]
    return {"bundled": mean(per_case(bundled, bundled_cases, staff=False)),
            "dev_tuning": mean(per_case(dev, tuning, staff=True)),
            "dev_heldout": mean(per_case(dev, heldout, staff=True))}


def show(dev: ProfileSearch, dev_cases: list[dict]) -> None:
    titles = {}
    for case in dev_cases:
        if split_of(case["id"]) != "tuning":
            continue
        hits = dev.similar(case["id"], limit=5, staff=True).similar
        titles.update({h.id: h.title for h in hits})
        value = ndcg([h.id for h in hits], case["similar"], 5)
        print(f"\n{value:.3f} {case['id']}  ({case.get('note', '')})")
        for h in hits:
            print(f"   {case['similar'].get(h.id, 0)} {h.score:7.3f} {h.id}")
        missed = [i for i in case["similar"] if i not in {h.id for h in hits}]
        for i in missed:
            print(f"   missed {case['similar'][i]} {i}")


def apply(settings: dict) -> dict:
    old = {}
    for key, value in settings.items():
        module = next(m for m in (similar_parts, task_groups, similar) if hasattr(m, key))
        old[key] = getattr(module, key)
        setattr(module, key, value)
    return old


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cache", type=Path)
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "dev")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--ablate", action="store_true")
    parser.add_argument("--measure", type=Path, action="append", default=[])
    args = parser.parse_args()
    bundled = open_index(args.cache, "bundled", ROOT / "corpus" / "profiles")
    dev = open_index(args.cache, "dev", args.dev / "profiles")
    bundled_cases = json.loads((ROOT / "tests/relevance/similar.json").read_text())["similar"]
    dev_cases = json.loads((args.dev / "similar.json").read_text())["similar"]
    print(json.dumps({"settings": "chosen", **figures(bundled, bundled_cases, dev, dev_cases)}), flush=True)
    if args.show:
        show(dev, dev_cases)
    if args.ablate:
        for name, settings in PARTS.items():
            old = apply(settings)
            print(json.dumps({"without": name, **figures(bundled, bundled_cases, dev, dev_cases)}), flush=True)
            apply(old)
    if args.grid:
        grid = {key: values for key, values in GRID.items()
                if any(hasattr(m, key) for m in (similar, similar_parts, task_groups))}
        rows = []
        for values in itertools.product(*grid.values()):
            settings = dict(zip(grid, values, strict=True))
            old = apply(settings)
            tuning = [c for c in dev_cases if split_of(c["id"]) == "tuning"]
            row = {"bundled": mean(per_case(bundled, bundled_cases, staff=False)),
                   "dev_tuning": mean(per_case(dev, tuning, staff=True)), **settings}
            apply(old)
            rows.append(row)
            print(json.dumps(row), flush=True)
        rows.sort(key=lambda r: -(r["bundled"] + r["dev_tuning"]))
        print("best:", json.dumps(rows[:5]))
    for directory in args.measure:
        service = open_index(args.cache, directory.name, directory / "profiles")
        cases = json.loads((directory / "similar.json").read_text())["similar"]
        print(json.dumps({"measure": str(directory), "similar": mean(per_case(service, cases, staff=True))}))


if __name__ == "__main__":
    main()
