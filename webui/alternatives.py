"""What the search page offers when a search finds nothing, computed from the index.

Every offer is a link with the number of cooperations it finds, and only offers that find
something are made: filters to drop, single words of the query, related keywords. The
searches behind them run with the request's own visibility, so the public never sees a
keyword that only private profiles carry.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.backend import SearchService
from search.model import SearchRequest
from search.query import parse_user_query
from webui.present import query_string, toggle_args, with_args

MAX_DROPS = 10  # filter values tried (each is one search)
RELATED = 8  # related keywords offered


def _total(service: SearchService, request: SearchRequest) -> int:
    return service.search(dataclasses.replace(request, page=1, per_page=1)).total


def _keywords(service: SearchService, request: SearchRequest) -> list[str]:
    """Keywords of the cooperations ``request`` finds, most frequent first."""
    result = service.search(dataclasses.replace(request, page=1, per_page=1))
    return [bucket.value for bucket in result.facets.get("keyword", ()) if bucket.count and not bucket.selected]


def _without(request: SearchRequest, name: str, value: str) -> SearchRequest:
    if name in ("year_from", "year_to"):
        return dataclasses.replace(request, **{name: None})
    filters = tuple((n, tuple(v for v in values if not (n == name and v == value))) for n, values in request.filters)
    return dataclasses.replace(request, filters=tuple((n, values) for n, values in filters if values))


def alternatives(service: SearchService, request: SearchRequest, corrected: str | None, args: MultiDict,
                 base_url: str) -> dict:
    """Offers for a search that found nothing: ``drops`` (one filter value removed),
    ``drop_all`` (every filter removed, when no single one helps; or None),
    ``words`` (the query without quotes and exclusions, with the filters), ``related`` (keywords
    of the nearest searches that find something: the corrected query, else the searches
    without one filter, else without any, else the looser query; the most frequent keywords
    overall as a last resort). Each offer is ``{"name"?, "value"?, "count", "url"}``;
    ``count`` is the number of cooperations the URL finds. Raises what the service raises."""
    args = MultiDict([(k, v) for k, v in args.items(multi=True) if k != "lang"])
    drops, dropped = [], []
    chosen = [(name, value) for name, values in request.filters for value in values]
    chosen += [(name, str(getattr(request, name))) for name in ("year_from", "year_to") if getattr(request, name)]
    for name, value in chosen[:MAX_DROPS]:
        count = _total(service, reduced := _without(request, name, value))
        if count:
            dropped.append(reduced)
            changed = (with_args(args, **{name: None, "page": None}) if name in ("year_from", "year_to")
                       else toggle_args(args, name, value))
            drops.append({"name": name, "value": value, "count": count, "url": f"{base_url}?{query_string(changed)}"})

    unfiltered = dataclasses.replace(request, filters=(), year_from=None, year_to=None)
    drop_all = None
    if len(chosen) > 1 and not drops and (count := _total(service, unfiltered)):
        drop_all = {"count": count, "url": f"{base_url}?{urlencode({'q': request.query} if request.query else {})}"}

    # a looser query: without quotes and -exclusions (the filters kept); single words would
    # find nothing more, since the words of a query are alternatives already
    parsed = parse_user_query(request.query)
    loose = " ".join(dict.fromkeys([*parsed.words, *(w for phrase in parsed.phrases for w in phrase.split())]))
    looser = [loose] if loose and (parsed.phrases or parsed.excluded) else []
    words = []
    for text in looser:
        if count := _total(service, dataclasses.replace(request, query=text)):
            words.append({"value": text, "count": count,
                          "url": f"{base_url}?{query_string(with_args(args, q=text, page=None))}"})

    # keywords of the nearest searches that find something: the first of these tiers that
    # yields any (further tiers would only add the index's most frequent keywords)
    tiers = [[dataclasses.replace(request, query=corrected)] if corrected else [], dropped,
             [unfiltered] if chosen else [], [dataclasses.replace(request, query=w["value"]) for w in words],
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
        count = overall.get(keyword) or _total(service, dataclasses.replace(everything, filters=(("keyword", (keyword,)),)))
        related.append({"value": keyword, "count": count, "url": f"{base_url}?{urlencode({'keyword': keyword})}"})
    return {"drops": drops, "drop_all": drop_all, "words": words, "related": related}
