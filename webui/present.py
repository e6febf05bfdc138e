"""Search results → the payload dict shared by the HTML page and the JSON API.

Facets are data: ``{"name", "buckets": [{"value", "count", "selected", "toggle_url"}]}``
with toggle URLs computed here, so facet links work without JavaScript. Filter semantics
for URLs live in :func:`toggle_args`: toggling a value adds or removes it (a repeated
value counts once) and always resets ``page``.
"""

from __future__ import annotations

import functools
from urllib.parse import quote, quote_plus, urlencode

from werkzeug.datastructures import MultiDict

from corpus.areas import TASK_AREAS, area_label
from search.facet_types import RANGE_FACETS, VALUE_FACETS
from search.facets import facet_key
from search.model import SearchResult

# Values listed per facet on the page at first; the rest (up to search.facets.MAX_FACET_VALUES)
# behind "show more".
FACET_VALUES_SHOWN = 12
# Facets whose values are codes, shown by name: (value, language) → label.
VALUE_LABELS = {"area": lambda value, language: area_label(value, language) if value in TASK_AREAS else value}
# facet values recur from page to page: each is URL-encoded once per process
_quoted = functools.lru_cache(maxsize=50_000)(quote_plus)


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


def _shown(buckets: list[dict]) -> tuple[list[dict], list[dict]]:
    """The buckets a page lists at first (the first ``FACET_VALUES_SHOWN`` and every
    selected one) and the others."""
    shown, more = [], []
    for i, bucket in enumerate(buckets):
        (shown if i < FACET_VALUES_SHOWN or bucket["selected"] else more).append(bucket)
    return shown, more


def _with_toggle_urls(args: MultiDict, name: str, buckets: list[dict], base_url: str) -> list[dict]:
    """Buckets with their toggle URLs; the same as ``toggle_args`` per bucket, but the
    unchanged parameters are encoded once per facet, not once per value."""
    others = urlencode([(k, v) for k, v in args.items(multi=True) if k not in (name, "page")])
    current = list(dict.fromkeys(args.getlist(name)))
    # urlencode's output, built per value: the unselected values (nearly all) only add
    # their own ``&name=value`` to the same prefix
    key = quote_plus(name) + "="
    prefix = "&".join(part for part in (others, urlencode([(name, v) for v in current])) if part)
    prefix = f"{base_url}?{prefix}&" if prefix else f"{base_url}?"
    result = []
    for bucket in buckets:
        value = bucket["value"]
        if value in current or bucket.get("selected"):
            # a typed ``muenster`` selects ``Münster``: toggling it off drops every spelling
            own = urlencode([(name, v) for v in current if facet_key(v) != facet_key(value)])
            url = f"{base_url}?{'&'.join(part for part in (others, own) if part)}"
        else:
            url = prefix + key + _quoted(value)
        result.append({**bucket, "toggle_url": url})
    return result



# public for the page of every value of a facet (webui.facet_pages)
with_toggle_urls = _with_toggle_urls

def number_axis(buckets: list[dict]) -> list[dict]:
    """A range facet's histogram: every number (year) from the first counted to the last,
    those without cooperations with count 0, each with its bar's ``height`` in percent of
    the highest count: the bars then stand at their years, and empty years are gaps."""
    counts = {int(b["value"]): b["count"] for b in buckets if b["value"].isdigit()}
    if not counts:
        return []
    highest = max(counts.values()) or 1
    return [{"value": str(year), "count": counts.get(year, 0), "height": round(100 * counts.get(year, 0) / highest)}
            for year in range(min(counts), max(counts) + 1)]


def value_label(name: str, value: str, language: str = "de") -> str:
    """How the page shows ``value`` of facet ``name``: a task area's code with its name in
    ``language`` (``11 Ver- und Entsorgung``), any other value as it is. Raises nothing."""
    label = VALUE_LABELS.get(name)
    return label(value, language) if label else value


def area_grid(result: SearchResult, base_url: str = "/", language: str = "de") -> list[dict]:
    """The start page's entry points: every task area by code with its label, its count
    of visible cooperations and the URL selecting it (areas without any are not linked:
    ``url`` None)."""
    counts = {value.value: value.count for value in result.facets.get("area", ())}
    return [{"value": code, "label": area_label(code, language), "count": counts.get(code, 0),
             "url": f"{base_url}?{urlencode({'area': code})}" if counts.get(code) else None}
            for code in TASK_AREAS]


def search_payload(result: SearchResult, args: MultiDict, base_url: str = "/", profile_url: str = "/profiles/",
                   language: str = "de") -> dict:
    """Everything the search page shows, as plain data: the API's result shape
    (``SearchResult.to_dict``, also ``ikz search --json``; each hit with its page's ``url``
    under ``profile_url``) plus ``facet_groups`` with toggle URLs and each value's
    ``label`` in ``language``, ``chips``, ``pages`` and per range facet its histogram
    (``years``) and bounds (``year_from``, ``year_to``)."""
    request = result.request
    args = MultiDict([(k, v) for k, v in args.items(multi=True) if k != "lang"])
    data = result.to_dict()
    facets = data["facets"]
    groups = []
    for facet in VALUE_FACETS:
        name = facet.name
        buckets = _with_toggle_urls(args, name, facets.get(name, []), base_url)
        if name in VALUE_LABELS:
            buckets = [{**b, "label": value_label(name, b["value"], language)} for b in buckets]
        shown, more = _shown(buckets)
        groups.append({"name": name, "buckets": shown, "more": more,
                       "selected": any(b["selected"] for b in shown)})
    # a chip names the value as the index writes it (a typed ``muenster`` is ``Münster``)
    written = {(name, facet_key(b["value"])): b["value"] for name, buckets in facets.items() for b in buckets
               if b["selected"]}
    chips = [
        {"name": name, "value": written.get((name, facet_key(value)), value),
         "label": value_label(name, written.get((name, facet_key(value)), value), language),
         "remove_url": f"{base_url}?{query_string(toggle_args(args, name, value))}"}
        for name, values in request.filters for value in values
    ]
    for facet in RANGE_FACETS:
        for name, value in facet.selections(request):
            chips.append({"name": name, "value": value, "label": value,
                          "remove_url": f"{base_url}?{query_string(with_args(args, **{name: None, 'page': None}))}"})
    last_page = max(1, -(-result.total // request.per_page))
    pages = [
        {"number": n, "url": f"{base_url}?{query_string(with_args(args, page=n))}", "current": n == request.page}
        for n in range(max(1, request.page - 3), min(last_page, request.page + 3) + 1)
    ]
    # the search without near (and without sort=near, which needs it)
    without_near = with_args(args, near=None, page=None, **({"sort": None} if request.sort == "near" else {}))
    return {
        "query": request.query,
        "corrected_query": result.corrected_query,
        "corrected_url": (f"{base_url}?{query_string(with_args(args, q=result.corrected_query, page=None))}"
                          if result.corrected_query else None),
        "total": result.total,
        # matches a date or title sort's relevance floor left out (search.floor), and the page listing them
        "weaker": result.weaker,
        "weaker_url": f"{base_url}?{query_string(with_args(args, all=1, page=None))}" if result.weaker else None,
        "page": request.page,
        "per_page": request.per_page,
        "sort": request.sort,
        "near": data["near"],
        # the search without near (and without sort=near, which needs it)
        "near_remove_url": f"{base_url}?{query_string(without_near)}" if request.near else None,
        "hits": [{**hit, "url": profile_url + quote(hit["id"], safe="")} for hit in data["hits"]],
        "facets": facets,
        "facet_groups": groups,
        "chips": chips,
        "pages": pages,
        "last_page": last_page,
        # a page past the last (the API answers it with no hits and the total)
        "last_url": f"{base_url}?{query_string(with_args(args, page=last_page))}"
        if result.total and request.page > last_page else None,
        "previous_url": f"{base_url}?{query_string(with_args(args, page=request.page - 1))}"
        if request.page > 1 else None,
        "next_url": f"{base_url}?{query_string(with_args(args, page=request.page + 1))}"
        if request.page < last_page else None,
        # each range facet's histogram under its plural (``years``), and its bounds
        **{f"{facet.name}s": number_axis(facets.get(facet.name, [])) for facet in RANGE_FACETS},
        **request.bounds(),
        "args": args,
    }
