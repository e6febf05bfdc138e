"""What to offer when a search finds nothing, computed from the index.

Only offers that find something are made, each with the number of cooperations it finds:
filter values to drop, all filters at once (when no single one helps), the query without
quotes and exclusions, and related keywords. The searches behind them run with the
request's own visibility, so the public never sees a keyword only private profiles carry.
The web layer turns the result into links (``webui.alternatives``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from search.backend import SearchService
from search.facet_types import RANGE_FACETS
from search.model import SearchRequest
from search.query import parse_user_query

MAX_DROPS = 10  # filter values tried (each is one search)
RELATED = 8  # related keywords offered


@dataclass(frozen=True)
class Drop:
    """One selected filter value (``parameter=value``) whose removal finds ``count``."""

    parameter: str
    value: str
    count: int


@dataclass(frozen=True)
class Alternatives:
    """``drops``: single filter values to remove; ``drop_all``: the count without any
    filter, when there are several and no single drop helps (else None); ``words``: looser
    queries (the query's words without quotes and exclusions, filters kept) with counts;
    ``related``: keywords with the counts of searching for each alone."""

    drops: tuple[Drop, ...]
    drop_all: int | None
    words: tuple[tuple[str, int], ...]
    related: tuple[tuple[str, int], ...]


def _total(service: SearchService, request: SearchRequest) -> int:
    return service.search(dataclasses.replace(request, page=1, per_page=1)).total


def _keywords(service: SearchService, request: SearchRequest) -> list[str]:
    """Keywords of the cooperations ``request`` finds, most frequent first."""
    result = service.search(dataclasses.replace(request, page=1, per_page=1))
    return [bucket.value for bucket in result.facets.get("keyword", ()) if bucket.count and not bucket.selected]


def selections(request: SearchRequest) -> list[tuple[str, str]]:
    """(parameter, value) of every filter of ``request``: the value facets' values, then
    the range facets' bounds."""
    chosen = [(name, value) for name, values in request.filters for value in values]
    return chosen + [pair for kind in RANGE_FACETS for pair in kind.selections(request)]


def without(request: SearchRequest, parameter: str, value: str) -> SearchRequest:
    """``request`` without one selection (``selections``): a value of a value facet or
    one bound of a range facet."""
    for kind in RANGE_FACETS:
        if parameter in kind.parameters:
            low, high = request.range(kind.name)
            low, high = (None, high) if parameter == kind.low else (low, None)
            ranges = tuple(r for r in request.ranges if r[0] != kind.name)
            if low is not None or high is not None:
                ranges += ((kind.name, low, high),)
            return dataclasses.replace(request, ranges=ranges)
    filters = tuple((n, tuple(v for v in values if not (n == parameter and v == value)))
                    for n, values in request.filters)
    return dataclasses.replace(request, filters=tuple((n, values) for n, values in filters if values))


def find_alternatives(service: SearchService, request: SearchRequest, corrected: str | None) -> Alternatives:
    """Offers for ``request``, a search that found nothing (``corrected``: its corrected
    query, if any). Related keywords are those of the nearest searches that find
    something: the corrected query, else the searches without one filter, else without
    any, else the looser query; the most frequent keywords overall as a last resort.
    Raises what the service raises."""
    drops, dropped = [], []
    chosen = selections(request)
    for parameter, value in chosen[:MAX_DROPS]:
        count = _total(service, reduced := without(request, parameter, value))
        if count:
            dropped.append(reduced)
            drops.append(Drop(parameter, value, count))

    unfiltered = dataclasses.replace(request, filters=(), ranges=())
    drop_all = None
    if len(chosen) > 1 and not drops:
        drop_all = _total(service, unfiltered) or None

    # a looser query: without quotes and -exclusions (the filters kept); single words would
    # find nothing more, since the words of a query are alternatives already
    parsed = parse_user_query(request.query)
    loose = " ".join(dict.fromkeys([*parsed.words, *(w for phrase in parsed.phrases for w in phrase.split())]))
    looser = [loose] if loose and (parsed.phrases or parsed.excluded) else []
    words = []
    for text in looser:
        count = _total(service, dataclasses.replace(request, query=text))
        if count:
            words.append((text, count))

    # keywords of the nearest searches that find something: the first of these tiers that
    # yields any (further tiers would only add the index's most frequent keywords)
    tiers = [[dataclasses.replace(request, query=corrected)] if corrected else [], dropped,
             [unfiltered] if chosen else [], [dataclasses.replace(request, query=text) for text, _ in words],
             [dataclasses.replace(unfiltered, query=text) for text in looser]]
    found: dict[str, None] = {}
    for tier in tiers:
        for near in tier:
            found.update(dict.fromkeys(_keywords(service, near)))
        if found:
            break
    everything = SearchRequest(staff=request.staff, per_page=1)
    overall = {b.value: b.count for b in service.search(everything).facets.get("keyword", ()) if b.count}
    if not found:
        found = dict.fromkeys(overall)  # most frequent first
    related = []
    for keyword in list(found)[:RELATED]:
        # the overall counts list the most frequent keywords only
        count = overall.get(keyword) or _total(
            service, dataclasses.replace(everything, filters=(("keyword", (keyword,)),))
        )
        related.append((keyword, count))
    return Alternatives(tuple(drops), drop_all, tuple(words), tuple(related))
