"""``ikz eval``: ranking quality on the judged queries, beside the naive Whoosh baseline."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from cli.common import BUNDLED_CORPUS, print_json
from corpus import load_gazetteer, load_profiles
from index.build import build_index
from search.evaluation import NaiveBaseline, evaluate, evaluate_similar, load_judgments
from search.model import SearchRequest
from search.service import ProfileSearch

DEFAULT_JUDGMENTS = Path("tests/relevance")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("eval", help="Suchqualität messen", description="Score search on judgments.")
    parser.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS)
    parser.add_argument("--judgments", type=Path, default=DEFAULT_JUDGMENTS)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    queries, heldout, similar = load_judgments(args.judgments)
    profiles = load_profiles([args.corpus], load_gazetteer()).profiles
    private = [p.id for p in profiles if p.private]
    with tempfile.TemporaryDirectory(prefix="ikz-eval-") as tmp:
        build_index(profiles, Path(tmp) / "index")
        service = ProfileSearch(Path(tmp) / "index")
        ours = lambda q: [h.id for h in service.search(SearchRequest.create(q, per_page=10)).hits]  # noqa: E731
        baseline = NaiveBaseline(profiles, Path(tmp) / "naive")
        report = {
            "ikz": evaluate(queries, ours, all_private=private),
            "naive": evaluate(queries, baseline, all_private=private),
            "ikz_heldout": evaluate(heldout, ours, all_private=private),
            "naive_heldout": evaluate(heldout, baseline, all_private=private),
            "similar": evaluate_similar(similar, lambda i: [h.id for h in service.similar(i, limit=5).similar]),
        }
        baseline.close()
        service.close()
    if args.json:
        print_json(report)
    else:
        print(format_table(report))
    return 0


def format_table(report: dict) -> str:
    """Markdown tables: each query type, our scores beside the naive baseline's, for the
    tuning set and the held-out set."""
    lines = []
    for title, ours_key, naive_key in (("Judged queries (tuning set)", "ikz", "naive"),
                                       ("Held-out queries (never tuned on)", "ikz_heldout", "naive_heldout")):
        lines += [f"{title}\n", "| queries | n | nDCG@10 | (naive) | recall@10 | (naive) | MRR | (naive) | private leaks |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, ours in report[ours_key].items():
            naive = report[naive_key][name]
            lines.append(
                f"| {name} | {ours['queries']} | {ours['ndcg']:.3f} | {naive['ndcg']:.3f} | {ours['recall']:.3f} | "
                f"{naive['recall']:.3f} | {ours['mrr']:.3f} | {naive['mrr']:.3f} | {ours['private_leaks']} |"
            )
        lines.append("")
    lines.append(f"Similar cooperations: nDCG@5 {report['similar']['ndcg']:.3f} over {report['similar']['sources']} profiles")
    return "\n".join(lines)
