"""``ikz eval``: ranking quality on the judged queries, beside the naive Whoosh baseline,
and, with a database URL, the PostgreSQL backend on the same judgments."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from cli.common import BUNDLED_CORPUS, fail, print_json
from corpus import load_gazetteer, load_profiles
from index.build import build_index
from index.home import checkout_root
from search.evaluation import (
    NaiveBaseline,
    evaluate,
    evaluate_facets,
    evaluate_ranked,
    evaluate_similar,
    load_independent,
    load_judgments,
    sorted_precision,
)
from search.model import SearchRequest
from search.service import ProfileSearch

JUDGMENT_FILES = ("queries.json", "heldout.json", "similar.json")
# Quality, not speed, is measured here: a loaded machine must not turn a cold snippet into
# a failed evaluation (a PostgreSQL run at load 20 on two cores hit the 1 s search limit).
EVAL_TIME_LIMIT = 60.0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("eval", help="Suchqualität messen", description="Score search on judgments.")
    parser.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS)
    parser.add_argument("--judgments", type=Path, default=None, metavar="DIR",
                        help=f"directory with {', '.join(JUDGMENT_FILES)} (default: tests/relevance of "
                             "the source checkout; an installed ikz needs this option)")
    parser.add_argument("--independent", type=Path, default=None, metavar="DIR",
                        help="the independent corpus (DIR/profiles) and its judgments, measured beside the "
                             "bundled sets (default: tests/independent of the source checkout; skipped with a "
                             "note when there is none)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--database-url", default=os.environ.get("IKZ_DATABASE_URL"), metavar="URL",
                        help="also evaluate the PostgreSQL backend there (default: $IKZ_DATABASE_URL); "
                             "it loads an index named eval")
    parser.set_defaults(run=run)


def default_judgments() -> Path | None:
    """The judgments of the source checkout, or None for an installed package (the judgments
    are test data and are not in the wheel)."""
    root = checkout_root()
    return None if root is None else root / "tests" / "relevance"


def run(args: argparse.Namespace) -> int:
    judgments = args.judgments or default_judgments()
    if judgments is None:
        return fail("eval: the judged queries are not installed with the package: pass --judgments DIR "
                    "(tests/relevance of the source checkout)")
    missing = [name for name in JUDGMENT_FILES if not (judgments / name).is_file()]
    if missing:
        return fail(f"eval: {judgments} lacks {', '.join(missing)}: pass --judgments DIR")
    queries, heldout, similar = load_judgments(judgments)
    profiles = load_profiles([args.corpus], load_gazetteer()).profiles
    private = [p.id for p in profiles if p.private]
    with tempfile.TemporaryDirectory(prefix="ikz-eval-") as tmp:
        build_index(profiles, Path(tmp) / "index")
        service = ProfileSearch(Path(tmp) / "index", time_limit=EVAL_TIME_LIMIT)
        service.warm_up()  # loading is not part of the first query's time limit
        # the same index with the semantic layer off
        lexical = ProfileSearch(Path(tmp) / "index", semantic=False, time_limit=EVAL_TIME_LIMIT)
        lexical.warm_up()
        baseline = NaiveBaseline(profiles, Path(tmp) / "naive")
        report = {**_judge(service, "ikz", queries, heldout, similar, private),
                  **_judge(lexical, "lexical", queries, heldout, similar, private),
                  "naive": evaluate(queries, baseline, all_private=private),
                  "naive_heldout": evaluate(heldout, baseline, all_private=private)}
        baseline.close()
        service.close()
        lexical.close()
    independent = args.independent or (judgments.parent / "independent")
    if (independent / "queries.json").is_file():
        report.update(_independent(independent, Path(tempfile.mkdtemp(prefix="ikz-eval-independent-"))))
    else:
        print(f"ikz: eval: no independent judgments at {independent} (--independent DIR)", file=sys.stderr)
    if args.database_url:
        from index.pg.build import build_pg_index, drop_pg_index
        from search.pg.service import PgProfileSearch

        build_pg_index(profiles, args.database_url, "eval")
        service = PgProfileSearch(args.database_url, "eval", time_limit=EVAL_TIME_LIMIT)
        report.update(_judge(service, "postgres", queries, heldout, similar, private))
        service.close()
        drop_pg_index(args.database_url, "eval")
    if args.json:
        print_json(report)
    else:
        print(format_table(report))
    return 0


def _judge(service, key: str, queries, heldout, similar, private) -> dict:  # noqa: ANN001
    """Tuning, held-out and similar-cooperation figures of one search service."""
    ours = lambda q: [h.id for h in service.search(SearchRequest.create(q, per_page=10)).hits]  # noqa: E731
    return {
        key: evaluate(queries, ours, all_private=private),
        f"{key}_heldout": evaluate(heldout, ours, all_private=private),
        f"{key}_newest": {name: newest_precision(service, subset)
                          for name, subset in (("tuning", queries), ("heldout", heldout))},
        ("similar" if key == "ikz" else f"{key}_similar"): evaluate_similar(
            similar, lambda i: [h.id for h in service.similar(i, limit=5).similar]
        ),
    }


def newest_precision(service, queries: list[dict], *, staff: bool = False) -> dict:  # noqa: ANN001
    """Precision of the first ten hits sorted newest first, without the relevance floor
    (``before``: every match, ``all=1``) and with it (``after``; ``search.floor``)."""
    def ranked(weaker: bool) -> dict[str, list[str]]:
        return {item["id"]: [h.id for h in service.search(SearchRequest.create(
            item["query"], sort="newest", per_page=10, weaker=weaker,
            staff=staff and item.get("audience") == "staff")).hits] for item in queries}

    return {"before": sorted_precision(queries, ranked(True)), "after": sorted_precision(queries, ranked(False))}


def _independent(directory: Path, tmp: Path) -> dict:
    """Figures on the independent corpus: citizens' queries searched as the public, staff
    queries as staff, per kind and per split; similar cooperations as staff; facet cases."""
    queries, similar, facets = load_independent(directory)
    profiles = load_profiles([directory / "profiles"], load_gazetteer()).profiles
    private = [p.id for p in profiles if p.private]
    try:
        build_index(profiles, tmp / "index")
        service = ProfileSearch(tmp / "index", time_limit=EVAL_TIME_LIMIT)
        service.warm_up()
        lexical = ProfileSearch(tmp / "index", semantic=False, time_limit=EVAL_TIME_LIMIT)
        lexical.warm_up()

        def answers(engine: ProfileSearch) -> dict[str, list[str]]:
            ranked = {}
            for item in queries:
                staff = item["audience"] == "staff"
                request = SearchRequest.create(item["query"], per_page=10, staff=staff)
                ranked[item["id"]] = [h.id for h in engine.search(request).hits]
            return ranked

        ranked, ranked_lexical = answers(service), answers(lexical)

        def judged(subset: list[dict], answered: dict[str, list[str]] = ranked) -> dict:
            return evaluate_ranked(subset, answered, all_private=private, staff_see_private=True)

        def found(query: str, filters: dict) -> list[str]:
            values = {k: v if isinstance(v, list) else [v] for k, v in filters.items() if not k.startswith("year_")}
            result = service.search(SearchRequest.create(query, values, year_from=_year(filters, "year_from"),
                                                         year_to=_year(filters, "year_to"), per_page=100))
            return [h.id for h in result.hits]

        citizen = [q for q in queries if q["audience"] == "citizen"]
        report = {
            "independent": judged(queries),
            "independent_citizen": judged(citizen),
            "independent_heldout": judged([q for q in queries if q.get("split") == "heldout"]),
            "independent_similar": evaluate_similar(
                similar, lambda i: [h.id for h in service.similar(i, limit=5, staff=True).similar]),
            "independent_facets": evaluate_facets(facets, found),
            "independent_lexical": judged(queries, ranked_lexical),
            "independent_lexical_similar": evaluate_similar(
                similar, lambda i: [h.id for h in lexical.similar(i, limit=5, staff=True).similar]),
            "independent_newest": newest_precision(service, queries, staff=True),
        }
        service.close()
        lexical.close()
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _year(filters: dict, key: str) -> int | None:
    """A facet case's year bound, written as a number or a one-element list."""
    value = filters.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else int(value)


def format_table(report: dict) -> str:
    """Markdown tables: each query type, our scores beside the naive baseline's, for the
    tuning set and the held-out set."""
    lines = []
    for title, ours_key, naive_key in (("Judged queries (tuning set)", "ikz", "naive"),
                                       ("Held-out queries (never tuned on)", "ikz_heldout", "naive_heldout")):
        lines += [f"{title}\n",
                  "| queries | n | nDCG@10 | (naive) | recall@10 | (naive) | MRR | (naive) | private leaks |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, ours in report[ours_key].items():
            naive = report[naive_key][name]
            lines.append(
                f"| {name} | {ours['queries']} | {ours['ndcg']:.3f} | {naive['ndcg']:.3f} | {ours['recall']:.3f} | "
                f"{naive['recall']:.3f} | {ours['mrr']:.3f} | {naive['mrr']:.3f} | {ours['private_leaks']} |"
            )
        lines.append("")
    lines.append(f"Similar cooperations: nDCG@5 {report['similar']['ndcg']:.3f} "
                 f"over {report['similar']['sources']} profiles")
    lines += ["", "Sorted newest first: precision of the first ten hits without / with the relevance floor\n",
              "| set | queries | precision before | listed | precision after | listed |", "|---|---|---|---|---|---|"]
    newest = [(f"{name} ({which})", figures) for which, key in (("Whoosh", "ikz_newest"), ("independent",
              "independent_newest"), ("PostgreSQL", "postgres_newest")) if key in report
              for name, figures in (report[key].items() if "before" not in report[key] else [("all", report[key])])]
    for name, figures in newest:
        before, after = figures["before"], figures["after"]
        lines.append(f"| {name} | {before['queries']} | {before['precision']:.3f} | {before['listed']:.1f} "
                     f"| {after['precision']:.3f} | {after['listed']:.1f} |")
    if "independent" in report:
        lines += ["", "Independent corpus (written and judged blind; measure-only)\n",
                  "| queries | n | nDCG@10 | recall@10 | MRR | private leaks |", "|---|---|---|---|---|---|"]
        for name, ours in report["independent"].items():
            lines.append(f"| {name} | {ours['queries']} | {ours['ndcg']:.3f} | {ours['recall']:.3f} "
                         f"| {ours['mrr']:.3f} | {ours['private_leaks']} |")
        for title, key in (("citizens' queries (as the public)", "independent_citizen"),
                           ("held-out split", "independent_heldout")):
            ours = report[key]["all"]
            lines.append(f"| {title} | {ours['queries']} | {ours['ndcg']:.3f} | {ours['recall']:.3f} "
                         f"| {ours['mrr']:.3f} | {ours['private_leaks']} |")
        similar, facets = report["independent_similar"], report["independent_facets"]
        lines += ["", f"Independent similar cooperations: nDCG@5 {similar['ndcg']:.3f} over {similar['sources']} "
                      f"profiles; facet cases exact: {facets['exact']} of {facets['cases']} "
                      f"(differ: {', '.join(facets['differ']) or 'none'})"]
    lines += ["", *_semantic_rows(report)]
    if "postgres" in report:
        lines += ["", "Backends side by side (all queries)\n",
                  "| set | Whoosh nDCG@10 | PostgreSQL nDCG@10 | difference | Whoosh leaks | PostgreSQL leaks |",
                  "|---|---|---|---|---|---|"]
        for title, whoosh_key, pg_key in (("tuning", "ikz", "postgres"),
                                          ("held-out", "ikz_heldout", "postgres_heldout")):
            whoosh, pg = report[whoosh_key]["all"], report[pg_key]["all"]
            lines.append(f"| {title} | {whoosh['ndcg']:.3f} | {pg['ndcg']:.3f} | {pg['ndcg'] - whoosh['ndcg']:+.3f} | "
                         f"{whoosh['private_leaks']} | {pg['private_leaks']} |")
        whoosh, pg = report["similar"], report["postgres_similar"]
        lines.append(f"| similar (nDCG@5) | {whoosh['ndcg']:.3f} | {pg['ndcg']:.3f} "
                     f"| {pg['ndcg'] - whoosh['ndcg']:+.3f} | – | – |")
    return "\n".join(lines)


def _semantic_rows(report: dict) -> list[str]:
    """The semantic layer's contribution: each judged set with the layer on and off."""
    rows = [("tuning nDCG@10", report["ikz"]["all"]["ndcg"], report["lexical"]["all"]["ndcg"]),
            ("held-out nDCG@10", report["ikz_heldout"]["all"]["ndcg"], report["lexical_heldout"]["all"]["ndcg"]),
            ("similar nDCG@5", report["similar"]["ndcg"], report["lexical_similar"]["ndcg"])]
    if "independent_lexical" in report:
        rows += [(f"independent {name} nDCG@10", on["ndcg"], report["independent_lexical"][name]["ndcg"])
                 for name, on in report["independent"].items()]
        rows.append(("independent recall@10", report["independent"]["all"]["recall"],
                     report["independent_lexical"]["all"]["recall"]))
        rows.append(("independent similar nDCG@5", report["independent_similar"]["ndcg"],
                     report["independent_lexical_similar"]["ndcg"]))
    return ["Semantic layer (IKZ_SEMANTIC) on and off\n", "| set | on | off | difference |", "|---|---|---|---|",
            *(f"| {name} | {on:.3f} | {off:.3f} | {on - off:+.3f} |" for name, on, off in rows)]
