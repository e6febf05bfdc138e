"""What the search page offers when a search finds nothing: the search layer's offers
(``search.alternatives``) as links, each with the number of cooperations it finds."""

from __future__ import annotations

from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.alternatives import find_alternatives
from search.backend import SearchService
from search.model import SearchRequest
from webui.params import BOUNDS
from webui.present import query_string, toggle_args, with_args


def alternatives(service: SearchService, request: SearchRequest, corrected: str | None, args: MultiDict,
                 base_url: str) -> dict:
    """Offers for a search that found nothing: ``drops`` (one filter value removed),
    ``drop_all`` (every filter removed, when no single one helps; or None), ``words``
    (the query without quotes and exclusions, with the filters), ``related`` (keywords
    of the nearest searches that find something). Each offer is ``{"name"?, "value"?,
    "count", "url"}``; ``count`` is the number of cooperations the URL finds. Raises
    what the service raises."""
    args = MultiDict([(k, v) for k, v in args.items(multi=True) if k != "lang"])
    found = find_alternatives(service, request, corrected)
    drops = []
    for drop in found.drops:
        changed = (with_args(args, **{drop.parameter: None, "page": None}) if drop.parameter in BOUNDS
                   else toggle_args(args, drop.parameter, drop.value))
        drops.append({"name": drop.parameter, "value": drop.value, "count": drop.count,
                      "url": f"{base_url}?{query_string(changed)}"})
    drop_all = None
    if found.drop_all:
        drop_all = {"count": found.drop_all,
                    "url": f"{base_url}?{urlencode({'q': request.query} if request.query else {})}"}
    words = [{"value": text, "count": count, "url": f"{base_url}?{query_string(with_args(args, q=text, page=None))}"}
             for text, count in found.words]
    related = [{"value": keyword, "count": count, "url": f"{base_url}?{urlencode({'keyword': keyword})}"}
               for keyword, count in found.related]
    return {"drops": drops, "drop_all": drop_all, "words": words, "related": related}
