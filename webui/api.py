"""The JSON API for other sites: /api/v1/…, CORS for GET, ETag and Cache-Control."""

from __future__ import annotations

import hashlib
import json

from flask import Blueprint, Response, current_app, request

from search.model import InvalidRequest
from webui.params import parse_search_args
from webui.present import api_payload, search_payload
from webui.service import is_staff, search_service

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def json_response(data: object, status: int = 200) -> Response:
    """JSON with CORS, a strong ETag (304 on a match) and a short public cache lifetime."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = Response(body, status=status, mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
        private = is_staff()
        response.cache_control.max_age = 0 if private else current_app.config["API_CACHE_SECONDS"]
        response.cache_control.private = private or None
        response.cache_control.public = not private or None
        response.make_conditional(request)
    return response


@bp.get("/search")
def search():
    """Search; the same parameters and result shape as `ikz search --json`."""
    result = search_service().search(parse_search_args(request.args, staff=is_staff()))
    return json_response(api_payload(search_payload(result, request.args)))


@bp.get("/profiles/<profile_id>")
def profile(profile_id: str):
    return json_response(search_service().profile(profile_id, staff=is_staff()))


@bp.get("/profiles/<profile_id>/similar")
def similar(profile_id: str):
    limit = request.args.get("limit", "5")
    if set(request.args) - {"limit"}:
        raise InvalidRequest(f"unknown parameter {sorted(set(request.args) - {'limit'})[0]!r}",
                             parameter=sorted(set(request.args) - {"limit"})[0])
    if not limit.isdigit() or not 1 <= int(limit) <= 50:
        raise InvalidRequest("limit must be a whole number from 1 to 50", parameter="limit")
    result = search_service().similar(profile_id, limit=int(limit), staff=is_staff())
    return json_response(result.to_dict())


@bp.get("/suggest")
def suggest():
    """Completions for the search box: keywords, municipalities and titles."""
    text = request.args.get("q", "")
    if set(request.args) - {"q"}:
        name = sorted(set(request.args) - {"q"})[0]
        raise InvalidRequest(f"unknown parameter {name!r}", parameter=name)
    if len(text) > 100:
        raise InvalidRequest("parameter 'q' is longer than 100 characters", parameter="q")
    return json_response({"query": text, "suggestions": search_service().suggest(text, staff=is_staff())})
