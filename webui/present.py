"""Search results → the payload dict shared by the HTML page and the JSON API.

Facets are data: ``{"name", "buckets": [{"value", "count", "selected", "toggle_url"}]}``
with toggle URLs computed here, so facet links work without JavaScript. Filter semantics
for URLs live in :func:`toggle_args`: toggling a value adds or removes it (a repeated
value counts once) and always resets ``page``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from index.schema import FACETS
from search.model import SearchResult

API_KEYS = ("query", "corrected_query", "total", "page", "per_page", "hits", "facets")


def toggle_args(args: MultiDict, name: str, value: str) -> MultiDict:
    """``args`` with ``value`` of facet ``name`` toggled and ``page`` removed."""
    result = MultiDict([(k, v) for k, v in args.items(multi=True) if k != "page"])
    values = list(dict.fromkeys(result.getlist(name)))
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    result.setlist(name, values)
    return result


def with_args(args: MultiDict, **changes: object) -> MultiDict:
    """``args`` with single parameters replaced (``None`` removes one)."""
    result = MultiDict(args)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result.setlist(key, [str(value)])
    return result


def query_string(args: MultiDict) -> str:
    return urlencode(list(args.items(multi=True)))


def search_payload(result: SearchResult, args: MultiDict, base_url: str = "/") -> dict:
    """Everything a search page or API response shows, as plain data.

    The API returns the keys in ``API_KEYS`` (with facets as ``{name: [{value, count,
    selected}]}``, the ``ikz search --json`` shape); the page also uses ``facet_groups``,
    ``chips``, ``pages`` and ``years``."""
    request = result.request
    args = MultiDict([(k, v) for k, v in args.items(multi=True) if k != "lang"])
    data = result.to_dict()
    facets = data["facets"]
    groups = []
    for name in FACETS:
        if name == "year":
            continue
        groups.append({
            "name": name,
            "buckets": [
                {**bucket, "toggle_url": f"{base_url}?{query_string(toggle_args(args, name, bucket['value']))}"}
                for bucket in facets.get(name, [])
            ],
        })
    chips = [
        {"name": name, "value": value, "remove_url": f"{base_url}?{query_string(toggle_args(args, name, value))}"}
        for name, values in request.filters for value in values
    ]
    for name in ("year_from", "year_to"):
        value = getattr(request, name)
        if value is not None:
            chips.append({"name": name, "value": str(value),
                          "remove_url": f"{base_url}?{query_string(with_args(args, **{name: None, 'page': None}))}"})
    last_page = max(1, -(-result.total // request.per_page))
    pages = [
        {"number": n, "url": f"{base_url}?{query_string(with_args(args, page=n))}", "current": n == request.page}
        for n in range(max(1, request.page - 3), min(last_page, request.page + 3) + 1)
    ]
    years = facets.get("year", [])
    highest = max((y["count"] for y in years), default=0)
    return {
        "query": request.query,
        "corrected_query": result.corrected_query,
        "corrected_url": (f"{base_url}?{query_string(with_args(args, q=result.corrected_query, page=None))}"
                          if result.corrected_query else None),
        "total": result.total,
        "page": request.page,
        "per_page": request.per_page,
        "sort": request.sort,
        "hits": data["hits"],
        "facets": facets,
        "facet_groups": groups,
        "chips": chips,
        "pages": pages,
        "last_page": last_page,
        "previous_url": f"{base_url}?{query_string(with_args(args, page=request.page - 1))}"
        if request.page > 1 else None,
        "next_url": f"{base_url}?{query_string(with_args(args, page=request.page + 1))}"
        if request.page < last_page else None,
        "years": [{**y, "height": round(100 * y["count"] / highest) if highest else 0} for y in years],
        "year_from": request.year_from,
        "year_to": request.year_to,
        "args": args,
    }


def api_payload(payload: dict) -> dict:
    """The JSON API's view of a search payload (the ``ikz search --json`` shape)."""
    return {key: payload[key] for key in API_KEYS}
