"""What each part of the ranking contributes (issue 16): ``ikz eval`` with one part switched
off at a time, on every judged set, as one Markdown table.

    python tools/ablation.py [--dev tests/dev] [--independent tests/independent] [--jobs 2]

Each variant runs ``ikz eval --json`` in its own process with one part removed before any
index is built: compound parts at full weight instead of ``index.analysis.PART_WEIGHT``,
no domain filler words (``index.filler``), no English glossary (``index.glossary``), no
place lift (``search.place_lift``), no shared task areas in similar cooperations
(``search.similar.AREA_WEIGHT``), no shared task groups (``search.similar.GROUP_WEIGHT``,
``index.groups``; ``tools/tune_similar.py --ablate`` has each part of
similar cooperations). The semantic layer's row is ``ikz eval``'s own lexical
run (``IKZ_SEMANTIC=off``'s code path) of the full variant. The development corpus is
evaluated in the independent slot of a second run. Quality only: nothing here is timed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# variant → (module, attribute, value); "" is everything on
VARIANTS: dict[str, list[tuple[str, str, object]]] = {
    "": [],
    "parts": [("index.analysis", "PART_WEIGHT", 1.0), ("index.analysis", "HEAD_WEIGHT", 1.0)],
    "filler": [("index.filler", "DATA_FILE", "EMPTY")],
    "glossary": [("index.glossary", "DATA_FILE", "EMPTY")],
    "place_lift": [("search.place_lift", "PLACE_LIFT", 0.0)],
    "area_bonus": [("search.similar", "AREA_WEIGHT", 0.0)],
    "group_bonus": [("search.similar", "GROUP_WEIGHT", 0.0)],
}
TITLES = {"": "everything on", "parts": "− compound parts weighted low (all at 1.0)",
          "filler": "− domain filler words", "glossary": "− English glossary", "place_lift": "− place lift",
          "area_bonus": "− shared task areas in similar",
          "group_bonus": "− shared task groups in similar", "semantic": "− semantic layer (IKZ_SEMANTIC=off)"}


def run_variant(name: str, independent: Path) -> dict:
    """In this process: switch ``name``'s part off, run ``ikz eval --json`` with
    ``independent`` in the independent slot and return its report. Raises AttributeError
    when a switched module no longer has the attribute (the tool needs updating)."""
    import importlib

    empty = Path(tempfile.mkdtemp(prefix="ikz-ablation-")) / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for module_name, attribute, value in VARIANTS[name]:
        module = importlib.import_module(module_name)
        getattr(module, attribute)  # raises when the part was renamed
        setattr(module, attribute, empty if value == "EMPTY" else value)
    # only now the rest of the project: modules that read a part when imported
    # (``search.query``'s filler words) read the switched one
    from cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["eval", "--json", "--independent", str(independent)])
    if status:
        raise SystemExit(f"ikz eval failed in variant {name!r}")
    return json.loads(out.getvalue())


def _child(name: str, independent: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", name, "--independent", str(independent)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode:
        raise SystemExit(f"variant {name!r} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _figures(report: dict, dev: dict, lexical: bool = False) -> list[str]:
    key = "lexical" if lexical else "ikz"
    similar = report["lexical_similar" if lexical else "similar"]
    ind = report["independent_lexical" if lexical else "independent"]
    ind_similar = report["independent_lexical_similar" if lexical else "independent_similar"]
    dev_all = dev["independent_lexical" if lexical else "independent"]
    dev_similar = dev["independent_lexical_similar" if lexical else "independent_similar"]
    cells = [report[key]["all"]["ndcg"], report[f"{key}_heldout"]["all"]["ndcg"], similar["ndcg"],
             dev_all["all"]["ndcg"], dev_similar["ndcg"], ind["all"]["ndcg"],
             ind.get("english", {}).get("ndcg", float("nan")), ind.get("everyday", {}).get("ndcg", float("nan")),
             ind_similar["ndcg"]]
    return [f"{value:.3f}" for value in cells]


def table(results: dict[tuple[str, str], dict]) -> str:
    """The Markdown table of every variant (rows) on every set (columns)."""
    lines = ["| variant | tuning | held-out | similar | dev | dev similar | independent | ind. English "
             "| ind. everyday | ind. similar |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name in VARIANTS:
        lines.append(f"| {TITLES[name]} | " + " | ".join(_figures(results[(name, 'ind')],
                                                                   results[(name, 'dev')])) + " |")
        if name == "":
            lines.append(f"| {TITLES['semantic']} | " + " | ".join(
                _figures(results[("", "ind")], results[("", "dev")], lexical=True)) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "dev")
    parser.add_argument("--independent", type=Path, default=ROOT / "tests" / "independent")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every report to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_variant(args.child, args.independent)))
        return 0
    jobs = [(name, which, path) for name in VARIANTS for which, path in (("ind", args.independent),
                                                                          ("dev", args.dev))]
    with ThreadPoolExecutor(args.jobs) as pool:
        reports = list(pool.map(lambda job: _child(job[0], job[2]), jobs))
    results = {(name, which): report for (name, which, _), report in zip(jobs, reports, strict=True)}
    if args.json:
        args.json.write_text(json.dumps({f"{n}/{w}": r for (n, w), r in results.items()}), encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
