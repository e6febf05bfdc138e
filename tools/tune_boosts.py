"""Tune the searchable fields' boosts (``index.schema.FIELD_BOOSTS``) on the tuning set.

    python tools/tune_boosts.py [--record docs/tuning.md] [--passes 3] [--min-gain 0.002]

Coordinate search: starting from the boosts in ``index/schema.py``, each field in turn
tries every value of the grid while the others stay; a value is kept when it raises the
tuning objective by at least ``--min-gain`` (with 90 queries, smaller differences are one
query's rank moving); passes repeat until one changes nothing. The objective is the mean
nDCG@10 of the tuning queries (``tests/relevance/queries.json``); a step that would take
similar cooperations (``similar.json``) below the issue's target nDCG@5 is refused, and
so is one that gives the title less than the highest boost (issue 4: "``title`` (highest
boost)"; ``--free-title`` lifts that).
Selection never looks at the held-out queries: their figures are computed once, for the
best boosts found, and reported beside those of the current boosts.

Boosts act at query time only (``search.scoring``), so one index of the bundled corpus
serves every candidate. The tool changes no code: apply a result by editing
``FIELD_BOOSTS`` in ``index/schema.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import load_gazetteer, load_profiles  # noqa: E402
from index.build import build_index  # noqa: E402
from index.schema import FIELD_BOOSTS  # noqa: E402
from search.evaluation import evaluate, evaluate_similar, load_judgments  # noqa: E402
from search.model import SearchRequest  # noqa: E402
from search.service import ProfileSearch  # noqa: E402

GRID = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0)
SIMILAR_TARGET = 0.85


def measure(service: ProfileSearch, queries: list[dict], similar: list[dict], private: list[str],
            boosts: dict[str, float]) -> dict[str, float]:
    """Tuning figures of ``boosts``: nDCG@10, recall@10 and MRR of ``queries``, similar
    nDCG@5. ``FIELD_BOOSTS`` is changed in place (the scorer reads it per query)."""
    FIELD_BOOSTS.update(boosts)
    ranked = lambda q: [h.id for h in service.search(SearchRequest.create(q)).hits]  # noqa: E731
    scores = evaluate(queries, ranked, all_private=private)["all"]
    similar_ndcg = evaluate_similar(similar, lambda i: [h.id for h in service.similar(i, limit=5).similar])["ndcg"]
    return {"ndcg": scores["ndcg"], "recall": scores["recall"], "mrr": scores["mrr"], "similar": similar_ndcg}


def coordinate_search(evaluate_boosts, start: dict[str, float], *, passes: int, min_gain: float,
                      title_highest: bool = True,
                      log=print) -> tuple[dict[str, float], dict[str, float], list[str], list]:
    """(best boosts, their figures, trace lines, sweeps). ``evaluate_boosts(boosts)``
    returns the figures of a candidate; only ``ndcg`` (tuning) decides, ``similar`` must
    stay at least ``SIMILAR_TARGET`` and (``title_highest``) no field may outweigh the
    title. ``sweeps``: per pass and field, the tuning nDCG@10 of every grid value tried."""
    best = dict(start)
    best_figures = evaluate_boosts(best)
    trace = [f"start {_format(best)}: {_figures(best_figures)}"]
    sweeps = []
    log(trace[-1])
    for number in range(1, passes + 1):
        changed = False
        for name in best:
            tried = {best[name]: best_figures["ndcg"]}
            for value in GRID:
                candidate = {**best, name: value}
                if value == best[name] or (title_highest and candidate["title"] < max(candidate.values())):
                    continue
                figures = evaluate_boosts(candidate)
                tried[value] = figures["ndcg"]
                if figures["ndcg"] >= best_figures["ndcg"] + min_gain and figures["similar"] >= SIMILAR_TARGET:
                    best, best_figures, changed = candidate, figures, True
                    trace.append(f"pass {number}: {name} = {value:g} → {_figures(figures)}")
                    log(trace[-1])
            sweeps.append((number, name, tried))
        if not changed:
            trace.append(f"pass {number}: no change")
            log(trace[-1])
            break
    return best, best_figures, trace, sweeps


def _format(boosts: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:g}" for name, value in boosts.items())


def _figures(figures: dict[str, float]) -> str:
    return (f"nDCG@10 {figures['ndcg']:.4f}, recall@10 {figures['recall']:.4f}, MRR {figures['mrr']:.4f}, "
            f"similar nDCG@5 {figures['similar']:.4f}")


def record(path: Path, *, start, start_figures, best, best_figures, trace, sweeps, heldout, heldout_start, args,
           judgments: Path) -> None:
    """Write the tuning record (Markdown)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    judged = b"".join((judgments / n).read_bytes() for n in ("queries.json", "similar.json"))
    digest = hashlib.sha256(judged).hexdigest()
    lines = [
        "# Field boosts tuned on the tuning set",
        "",
        f"Run of `tools/tune_boosts.py` on {time.strftime('%Y-%m-%d')}, commit {commit}, tuning judgments "
        f"sha256 {digest[:12]} (`queries.json` + `similar.json`). Selection used the tuning queries only; "
        "held-out figures were computed afterwards, for the best boosts and the current ones.",
        "",
        f"Grid per field: {', '.join(f'{v:g}' for v in GRID)}; coordinate search, at most {args.passes} passes, "
        f"a step kept when tuning nDCG@10 rises by at least {args.min_gain:g} and similar nDCG@5 stays "
        f"≥ {SIMILAR_TARGET}" + ("" if args.free_title else "; the title keeps the highest boost") + ".",
        "",
        "| boosts | " + " | ".join(best)
        + " | tuning nDCG@10 | recall@10 | MRR | similar nDCG@5 | held-out nDCG@10 | held-out recall@10 |",
        "|---|" + "---|" * (len(best) + 6),
        "| current (`index/schema.py`) | " + " | ".join(f"{start[n]:g}" for n in best)
        + f" | {start_figures['ndcg']:.4f} | {start_figures['recall']:.4f} | {start_figures['mrr']:.4f} | "
        f"{start_figures['similar']:.4f} | {heldout_start['ndcg']:.4f} | {heldout_start['recall']:.4f} |",
        "| best found | " + " | ".join(f"{best[n]:g}" for n in best)
        + f" | {best_figures['ndcg']:.4f} | {best_figures['recall']:.4f} | {best_figures['mrr']:.4f} | "
        f"{best_figures['similar']:.4f} | {heldout['ndcg']:.4f} | {heldout['recall']:.4f} |",
        "",
        "Chosen: the boosts in `index/schema.py` are not changed by this tool; apply the best found there "
        "(and rerun `ikz eval`) once the judgments are final.",
        "",
        "Search trace:",
        "",
        *[f"- {line}" for line in trace],
        "",
        "Tuning nDCG@10 of every value tried (per pass and field, the others as they stood; – not tried):",
        "",
        "| pass | field | " + " | ".join(f"{v:g}" for v in GRID) + " |",
        "|---|---|" + "---|" * len(GRID),
        *[f"| {number} | {name} | " + " | ".join(f"{tried[v]:.4f}" if v in tried else "–" for v in GRID) + " |"
          for number, name, tried in sweeps],
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judgments", type=Path, default=ROOT / "tests" / "relevance")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "profiles")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--min-gain", type=float, default=0.002)
    parser.add_argument("--record", type=Path, default=None, help="write the tuning record here (Markdown)")
    parser.add_argument("--free-title", action="store_true", help="let another field outweigh the title")
    args = parser.parse_args(argv)
    queries, heldout, similar = load_judgments(args.judgments)
    profiles = load_profiles([args.corpus], load_gazetteer()).profiles
    private = [p.id for p in profiles if p.private]
    start = dict(FIELD_BOOSTS)
    with tempfile.TemporaryDirectory(prefix="ikz-tune-") as tmp:
        build_index(profiles, Path(tmp) / "index")
        service = ProfileSearch(Path(tmp) / "index")
        try:
            tuned = lambda boosts: measure(service, queries, similar, private, boosts)  # noqa: E731
            best, best_figures, trace, sweeps = coordinate_search(
                tuned, start, passes=args.passes, min_gain=args.min_gain, title_highest=not args.free_title)
            start_figures = tuned(start)
            # held-out: once, for the result (and the current boosts to compare with)
            heldout_best = measure(service, heldout, similar, private, best)
            heldout_start = measure(service, heldout, similar, private, start)
        finally:
            FIELD_BOOSTS.update(start)
            service.close()
    print(f"current: {_format(start)}: {_figures(start_figures)}; held-out nDCG@10 {heldout_start['ndcg']:.4f}")
    print(f"best:    {_format(best)}: {_figures(best_figures)}; held-out nDCG@10 {heldout_best['ndcg']:.4f}")
    if args.record:
        record(args.record, start=start, start_figures=start_figures, best=best, best_figures=best_figures,
               trace=trace, sweeps=sweeps, heldout=heldout_best, heldout_start=heldout_start, args=args,
               judgments=args.judgments)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
