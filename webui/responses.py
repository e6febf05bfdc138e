"""JSON responses of the API: CORS, ETag with 304, cache lifetime."""

from __future__ import annotations

import hashlib
import json

from flask import Response, current_app, request

from webui.service import is_staff


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
