"""Measure ranking quality on graded judgments: nDCG@k, recall@k, MRR, private leaks.

Also builds the naive reference: Whoosh's ``LanguageAnalyzer('de')`` over all text of a
profile in one field, queried with Whoosh's default parser, as a user would set it up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import BOOLEAN, ID, TEXT, Schema
from whoosh.qparser import QueryParser
from whoosh.query import Term

from corpus import Profile


def ndcg(ranked: list[str], grades: dict[str, int], k: int) -> float:
    """Normalised discounted cumulative gain at ``k`` with gain ``2**grade - 1``."""
    def dcg(gains: Iterable[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg(grades.get(doc, 0) for doc in ranked[:k]) / ideal if ideal else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int) -> float:
    relevant = [doc for doc, grade in grades.items() if grade > 0]
    return sum(doc in ranked[:k] for doc in relevant) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for rank, doc in enumerate(ranked, start=1):
        if grades.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


@dataclass
class Scores:
    """Mean scores of one engine over a set of queries, overall and per query type."""

    ndcg: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    mrr: list[float] = field(default_factory=list)
    leaks: int = 0

    def add(self, ranked: list[str], grades: dict[str, int], private: Iterable[str], k: int) -> None:
        self.ndcg.append(ndcg(ranked, grades, k))
        self.recall.append(recall(ranked, grades, k))
        self.mrr.append(reciprocal_rank(ranked, grades))
        self.leaks += len(set(ranked) & set(private))

    def summary(self) -> dict[str, float]:
        mean = lambda values: round(sum(values) / len(values), 4) if values else 0.0  # noqa: E731
        return {"queries": len(self.ndcg), "ndcg": mean(self.ndcg), "recall": mean(self.recall),
                "mrr": mean(self.mrr), "private_leaks": self.leaks}


def evaluate(
    queries: list[dict], engine: Callable[[str], list[str]], *, k: int = 10, all_private: Iterable[str] = ()
) -> dict[str, dict[str, float]]:
    """Scores of ``engine`` (query → ranked public ids) overall and per query type.
    Every private id counts as a leak when returned, judged or not."""
    return evaluate_ranked(queries, {item["id"]: engine(item["query"]) for item in queries}, k=k,
                           all_private=all_private)


def evaluate_ranked(
    queries: list[dict], ranked: dict[str, list[str]], *, k: int = 10, all_private: Iterable[str] = (),
    staff_see_private: bool = False,
) -> dict[str, dict[str, float]]:
    """``evaluate`` over answers already given (query id → ranked ids). With
    ``staff_see_private``, queries of the ``staff`` audience were asked as staff: a private
    profile in their answer is no leak."""
    private = set(all_private)
    overall, by_type = Scores(), {}
    for item in queries:
        as_staff = staff_see_private and item.get("audience") == "staff"
        leaked = set() if as_staff else private | set(item.get("private", ()))
        overall.add(ranked[item["id"]], item["relevant"], leaked, k)
        by_type.setdefault(item["type"], Scores()).add(ranked[item["id"]], item["relevant"], leaked, k)
    return {"all": overall.summary(), **{name: scores.summary() for name, scores in sorted(by_type.items())}}


def sorted_precision(queries: list[dict], ranked: dict[str, list[str]], *, k: int = 10) -> dict[str, float]:
    """Precision of the first ``k`` hits of another order than relevance (query id → ids as
    listed, e.g. sorted by date): the share of listed hits judged relevant (grade > 0), over
    the queries with any relevant profile, and the mean number listed (a floor that lists
    fewer hits shows it here). Raises KeyError for a query without an answer."""
    values, listed = [], []
    for item in queries:
        if not any(grade > 0 for grade in item["relevant"].values()):
            continue
        shown = ranked[item["id"]][:k]
        values.append(sum(item["relevant"].get(doc, 0) > 0 for doc in shown) / len(shown) if shown else 0.0)
        listed.append(len(shown))
    mean = lambda numbers: round(sum(numbers) / len(numbers), 4) if numbers else 0.0  # noqa: E731
    return {"queries": len(values), "precision": mean(values), "listed": mean(listed)}


def evaluate_similar(judgments: list[dict], engine: Callable[[str], list[str]], *, k: int = 5) -> dict[str, float]:
    """Mean nDCG@k of a similar-cooperations engine (profile id → ranked ids)."""
    values = [ndcg(engine(item["id"]), item["similar"], k) for item in judgments]
    return {"sources": len(values), "ndcg": round(sum(values) / len(values), 4) if values else 0.0}


def evaluate_facets(cases: list[dict], engine: Callable[[str, dict[str, list[str]]], list[str]]) -> dict[str, object]:
    """How many facet cases give exactly their public profiles: ``engine(query, filters)``
    returns every id found (all pages). ``filters`` as the judgments write them (facet →
    values, ``year_from``/``year_to`` → a year or a one-element list). The ids of the
    cases that differ are listed."""
    exact, differ = 0, []
    for case in cases:
        found = set(engine(case["query"], case["filters"]))
        if found == set(case["relevant"]):
            exact += 1
        else:
            differ.append(case["id"])
    return {"cases": len(cases), "exact": exact, "differ": differ}


def load_independent(directory: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """(queries, similar, facet cases) judged on the independent corpus (``directory``:
    ``queries.json``, ``similar.json``, ``facets.json``; the profiles are in
    ``directory/profiles``). Measure-only: never tune on them. Raises OSError, ValueError."""
    read = lambda name: json.loads((directory / name).read_text(encoding="utf-8"))  # noqa: E731
    return read("queries.json")["queries"], read("similar.json")["similar"], read("facets.json")["facets"]


def load_judgments(directory: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """(queries, held-out queries, similar) from ``queries.json``, ``heldout.json`` and
    ``similar.json``. The held-out set was judged without access to the engine and is
    never used for tuning. Raises OSError, ValueError."""
    read = lambda name: json.loads((directory / name).read_text(encoding="utf-8"))  # noqa: E731
    return read("queries.json")["queries"], read("heldout.json")["queries"], read("similar.json")["similar"]


class NaiveBaseline:
    """Whoosh's stock German analysis over all text, default (AND) query parser."""

    def __init__(self, profiles: list[Profile], directory: Path) -> None:
        schema = Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=LanguageAnalyzer("de")),
                        private=BOOLEAN(stored=True))
        directory.mkdir(parents=True, exist_ok=True)
        self.index = whoosh_index.create_in(str(directory), schema)
        with self.index.writer() as writer:
            for p in profiles:
                text = "\n".join([p.title, *p.participants, *p.keywords, *p.sections.values()])
                writer.add_document(id=p.id, content=text, private=p.private)
        self.searcher = self.index.searcher()
        self.parser = QueryParser("content", schema)
        self.public = self.searcher.search(Term("private", False), limit=None).docs()

    def __call__(self, text: str, limit: int = 10) -> list[str]:
        results = self.searcher.search(self.parser.parse(text), filter=self.public, limit=limit)
        return [hit["id"] for hit in results]

    def close(self) -> None:
        self.searcher.close()
        self.index.close()
