"""``ikz search`` and ``ikz similar``: the search service on the command line.

With ``--json`` they print exactly the shapes the JSON API returns.
"""

from __future__ import annotations

import argparse

from cli.common import add_index_option, fail, index_dir, print_json
from index.schema import FACETS
from search.model import SORTS, SearchError, SearchRequest
from search.service import ProfileSearch


def register(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser("search", help="Kooperationen suchen", description="Search cooperations.")
    add_index_option(search)
    search.add_argument("--json", action="store_true")
    search.add_argument("--staff", action="store_true", help="include private profiles")
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--per-page", type=int, default=10)
    search.add_argument("--sort", default="relevance", help=f"one of {', '.join(SORTS)}")
    for facet in FACETS:
        if facet != "year":
            search.add_argument(f"--{facet.replace('_', '-')}", action="append", default=[], metavar="V",
                                dest=f"facet_{facet}")
    search.add_argument("--year-from", type=int)
    search.add_argument("--year-to", type=int)
    search.add_argument("query", nargs="*", metavar="QUERY")
    search.set_defaults(run=run_search)

    similar = commands.add_parser("similar", help="ähnliche Kooperationen", description="Similar cooperations.")
    add_index_option(similar)
    similar.add_argument("--json", action="store_true")
    similar.add_argument("--staff", action="store_true")
    similar.add_argument("--limit", type=int, default=5)
    similar.add_argument("id")
    similar.set_defaults(run=run_similar)


def run_search(args: argparse.Namespace) -> int:
    filters = {facet: getattr(args, f"facet_{facet}") for facet in FACETS if facet != "year"}
    try:
        request = SearchRequest.create(
            " ".join(args.query), filters, year_from=args.year_from, year_to=args.year_to, sort=args.sort,
            page=args.page, per_page=args.per_page, staff=args.staff,
        )
        service = ProfileSearch(index_dir(args))
        result = service.search(request)
    except SearchError as error:
        return fail(f"{error.parameter + ': ' if error.parameter else ''}{error.message}")
    if args.json:
        print_json(result.to_dict())
        return 0
    if result.corrected_query:
        print(f"Meinten Sie: {result.corrected_query}")
    print(f"{result.total} Kooperationen")
    for number, hit in enumerate(result.hits, start=(request.page - 1) * request.per_page + 1):
        flag = " [nicht öffentlich]" if hit.private else ""
        print(f"{number:3}. {hit.title}{flag} — {hit.lead or '?'}, {hit.year or '–'} ({hit.id})")
    return 0


def run_similar(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 50:
        return fail("limit: must be between 1 and 50")
    try:
        result = ProfileSearch(index_dir(args)).similar(args.id, limit=args.limit, staff=args.staff)
    except SearchError as error:
        return fail(error.message)
    if args.json:
        print_json(result.to_dict())
    else:
        for hit in result.similar:
            print(f"{hit.score:.3f}  {hit.title} ({hit.id})")
    return 0
