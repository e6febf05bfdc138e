"""``ikz search`` and ``ikz similar``: the search service on the command line.

With ``--json`` they print exactly the shapes the JSON API returns.
"""

from __future__ import annotations

import argparse

from corpus.areas import TASK_AREAS
from index.groups import group_label, group_names
from cli.common import add_index_option, fail, index_target, print_json
from search.facet_types import RANGE_FACETS, VALUE_FACETS, facet_parameters
from search.model import MAX_QUERY_TERMS, SORTS, InvalidRequest, SearchError, SearchRequest, similar_limit
from search.backend import open_search
from search.near import near_key


def register(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser("search", help="Kooperationen suchen", description="Search cooperations.")
    add_index_option(search)
    search.add_argument("--json", action="store_true")
    search.add_argument("--staff", action="store_true", help="include private profiles")
    search.add_argument("--page", default="1")
    search.add_argument("--per-page", default=str(SearchRequest.per_page))
    search.add_argument("--sort", default="relevance", help=f"one of {', '.join(SORTS)}")
    search.add_argument("--near", metavar="KEY",
                        help="a municipality (8-digit key) or Kreis (5-digit key), or a name naming one place: "
                             "hits get their distance tier to it")
    for facet in VALUE_FACETS:
        search.add_argument(f"--{facet.name.replace('_', '-')}", action="append", default=[], metavar="V",
                            dest=f"facet_{facet.name}")
    for bound in facet_parameters(RANGE_FACETS):
        search.add_argument(f"--{bound.replace('_', '-')}")
    search.add_argument("query", nargs="*", metavar="QUERY")
    search.set_defaults(run=run_search)

    similar = commands.add_parser("similar", help="ähnliche Kooperationen", description="Similar cooperations.")
    add_index_option(similar)
    similar.add_argument("--json", action="store_true")
    similar.add_argument("--staff", action="store_true")
    similar.add_argument("--limit", default="5")
    similar.add_argument("id")
    similar.set_defaults(run=run_similar)


def _number(value: str | None, name: str) -> int | None:
    """An integer option; InvalidRequest naming the option otherwise (one-line error)."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidRequest("not_a_whole_number", parameter=name, value=value) from None


def run_search(args: argparse.Namespace) -> int:
    filters = {facet.name: getattr(args, f"facet_{facet.name}") for facet in VALUE_FACETS}
    try:
        bounds = {bound: _number(getattr(args, bound), bound) for bound in facet_parameters(RANGE_FACETS)}
        request = SearchRequest.create(
            " ".join(args.query), filters, **bounds, sort=args.sort, page=_number(args.page, "page"),
            per_page=_number(args.per_page, "per_page"), staff=args.staff,
            near=near_key(args.near) if args.near else None,
        )
        service = open_search(index_target(args))
        try:
            service.warm_up()  # loading the analysis data and the index must not count against the time limit
            result = service.search(request)
        finally:
            service.close()
    except SearchError as error:
        return fail(_named(error))
    if args.json:
        print_json(result.to_dict())
        return 0
    if result.corrected_query:
        print(f"Meinten Sie: {result.corrected_query}")
    if result.ignored:
        print(f"Nicht gesucht (mehr als {MAX_QUERY_TERMS} Begriffe): {' '.join(result.ignored)}")
    print(f"{result.total} Kooperationen")
    if result.near is not None:
        print(f"in der Nähe von {result.near.name} ({result.near.key}); Stufe 0: nimmt teil, 1: gleicher Kreis, "
              "2: gleicher Regierungsbezirk (oder Land), 3: gleiches Land, 4: anderswo")
    for number, hit in enumerate(result.hits, start=(request.page - 1) * request.per_page + 1):
        flag = " [nicht öffentlich]" if hit.private else ""
        tier = f" [Stufe {hit.distance}]" if hit.distance is not None else ""
        print(f"{number:3}. {hit.title}{flag} — {hit.lead or '?'}, {hit.year or '–'} ({hit.id}){tier}")
    return 0


def _named(error: SearchError) -> str:
    """The error's message, led by the parameter it concerns unless the message names it."""
    named = error.parameter and error.parameter not in error.message
    return f"{error.parameter}: {error.message}" if named else error.message


def run_similar(args: argparse.Namespace) -> int:
    try:
        limit = similar_limit(args.limit)
    except InvalidRequest as error:
        return fail(error.message)
    try:
        service = open_search(index_target(args))
        try:
            service.warm_up()
            result = service.similar(args.id, limit=limit, staff=args.staff)
        finally:
            service.close()
    except SearchError as error:
        return fail(error.message)
    if args.json:
        print_json(result.to_dict())
    else:
        for hit in result.similar:
            flag = " [nicht öffentlich]" if hit.private else ""
            print(f"{hit.score:.3f}  {hit.title}{flag} ({hit.id})")
            shared = [*hit.shared.keywords, *(group_label(g) for g in hit.shared.groups if g in group_names()),
                      *(TASK_AREAS[a][0] for a in hit.shared.areas if a in TASK_AREAS),
                      *(name for _, name in hit.shared.municipalities)]
            if shared:
                print(f"       gemeinsam: {', '.join(shared)}")
    return 0
