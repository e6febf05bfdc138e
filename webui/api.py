"""The JSON API for other sites: /api/v1/…, CORS for GET, ETag and Cache-Control."""

from __future__ import annotations

import math
import threading
import time

from urllib.parse import quote

from flask import Blueprint, Response, current_app, request, url_for
from werkzeug.datastructures import MultiDict

from search.model import InvalidRequest, similar_limit
from webui.errors import error_response
from webui.feeds import profile_dates
from webui.municipalities import municipality_payload
from webui.openapi import openapi_document
from search import facets as facet_search
from webui.params import API_PARAMETERS, check_parameters, parse_prefix, parse_search_args
from webui.responses import json_response
from webui.service import is_staff, search_service
from webui.stats import record_search

bp = Blueprint("api", __name__, url_prefix="/api/v1")
SUGGEST_FORMATS = ("json", "opensearch")


@bp.get("/openapi.json")
def openapi() -> Response:
    # the configured public URL, or relative: never built from the request's Host header
    return json_response(openapi_document(current_app.config["BASE_URL"].rstrip("/") + bp.url_prefix))


@bp.before_request
def rate_limit() -> Response | None:
    """A token bucket per client address; ``RATE_LIMIT`` requests a minute (0: off)."""
    limit = current_app.config["RATE_LIMIT"]
    if not limit:
        return None
    wait = current_app.extensions["ikz_rate"].hit(request.remote_addr or "?", limit)
    if wait:
        response = error_response(429, code="rate_limited", values={"limit": limit})
        response.headers["Retry-After"] = str(wait)
        return response
    return None


@bp.before_request
def check_api_parameters() -> None:
    """Every endpoint refuses parameters it does not know and a ``lang`` other than de/en."""
    allowed = API_PARAMETERS.get(request.endpoint or "")
    if allowed is not None:
        check_parameters(request.args, allowed)


class RateLimiter:
    """A token bucket per client: ``limit`` requests a minute, refilled continuously,
    so there is no window boundary at which a client's count resets. One process;
    behind several processes, put the limit in the proxy instead."""

    MAX_CLIENTS = 100_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def hit(self, key: str, limit: int) -> int:
        """Take one token for ``key``; seconds to wait when none is left (0: allowed).

        A refused request takes no token.
        """
        now = time.monotonic()
        rate = limit / 60.0
        with self._lock:
            if len(self._buckets) > self.MAX_CLIENTS:
                self._prune(now, limit, rate)
            tokens, last = self._buckets.get(key, (float(limit), now))
            tokens = min(float(limit), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return max(1, math.ceil((1.0 - tokens) / rate))
            self._buckets[key] = (tokens - 1.0, now)
        return 0

    def _prune(self, now: float, limit: int, rate: float) -> None:
        """Forget clients whose bucket has refilled (they are indistinguishable from new ones)."""
        self._buckets = {
            k: (tokens, last) for k, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * rate < limit
        }


@bp.get("/search")
def search() -> Response:
    """Search; the same parameters and result shape as `ikz search --json`."""
    search_request = parse_search_args(request.args, staff=is_staff())
    result = search_service().search(search_request)
    record_search(search_request, result)
    data = result.to_dict()
    dates = profile_dates()
    profile_url = current_app.config["BASE_URL"].rstrip("/") + url_for("pages.profile_page", profile_id="-")[:-1]
    for hit in data["hits"]:
        known = dates.get(hit["id"]) or {}
        hit.update(url=profile_url + quote(hit["id"], safe=""), added=known.get("added"),
                   updated=known.get("updated"))
    return json_response(data)


@bp.get("/facets/<name>")
def facet_values(name: str) -> Response:
    """Every value of one facet with its count for the search the other parameters describe
    (its query and filters but the facet's own); ``prefix`` keeps the values one of whose
    words begins with it."""
    prefix = parse_prefix(request.args)
    args = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k not in ("prefix", "lang")])
    search_request = parse_search_args(args, staff=is_staff())
    values = facet_search.facet_values(search_service(), search_request, name, prefix)
    return json_response({"name": name, "prefix": prefix,
                          "values": [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]})


@bp.get("/profiles/<profile_id>")
def profile(profile_id: str) -> Response:
    data = search_service().profile(profile_id, staff=is_staff())
    dates = profile_dates().get(profile_id) or {}
    return json_response({**data, "added": dates.get("added"), "updated": dates.get("updated")})


@bp.get("/profiles/<profile_id>/similar")
def similar(profile_id: str) -> Response:
    limit = similar_limit(request.args.get("limit", "5"))
    result = search_service().similar(profile_id, limit=limit, staff=is_staff())
    return json_response(result.to_dict())


@bp.get("/municipalities/<key>")
def municipality(key: str) -> Response:
    """A municipality or Kreis by official key: the JSON twin of /municipalities/<key>."""
    return json_response(municipality_payload(key))


@bp.get("/suggest")
def suggest() -> Response:
    """Completions for the search box: keywords, municipalities (with ``key`` and the
    ``url`` of their page where the official key is known) and titles; with
    ``format=opensearch`` as OpenSearch suggestions (``[query, [completion, …]]``)."""
    text = request.args.get("q", "")
    if len(text) > 100:
        raise InvalidRequest("too_long", parameter="q", limit=100)
    form = request.args.get("format", "json")
    if form not in SUGGEST_FORMATS:
        raise InvalidRequest("unknown_format", parameter="format", value=form, choices=", ".join(SUGGEST_FORMATS))
    suggestions = search_service().suggest(text, staff=is_staff())
    for item in suggestions:  # a municipality taking part in visible cooperations: its page
        if item.get("key"):
            item["url"] = url_for("municipalities.municipality_page", key=item["key"])
    if form == "opensearch":
        response = json_response([text, [item["text"] for item in suggestions]])
        response.mimetype = "application/x-suggestions+json"
        return response
    return json_response({"query": text, "suggestions": suggestions})
