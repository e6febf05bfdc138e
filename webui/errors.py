"""The only module that knows HTTP errors: one JSON shape for the API, one friendly page.

API errors: ``{"error": {"code", "message", "parameter"?}}``, the message in English or, with
``lang=de``, in German, looked up by the error's code (``webui.messages``). Unexpected exceptions are
logged with their traceback; the user sees a translated generic message.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, current_app, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from search.errors import SearchError
from webui.backlink import way_back
from webui.messages import error_message, parameter_labels
from webui.responses import json_response

CODES = {400: "invalid_parameter", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 429: "rate_limited",
         500: "internal_error", 503: "unavailable"}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _message_for(status: int) -> str:
    return {
        400: _("The request contains an invalid parameter."),
        404: _("This page or cooperation does not exist (or is not public)."),
        405: _("This method is not allowed here."),
        413: _("The request is too large."),
        429: _("Too many requests. Please wait a moment."),
        503: _("The search is not available right now. Please try again shortly."),
    }.get(status, _("Something went wrong on our side. Please try again later."))


def error_response(status: int, *, code: str | None = None, parameter: str | None = None,
                   values: Mapping[str, object] | None = None, message: str = "") -> Response:
    """The API's JSON error or the error page in the page's language.

    ``code`` (with ``parameter`` and ``values``) is an error code of ``search.errors``: its
    message is English in the API, German with ``lang=de``, and in the page's language as
    the page's detail for a 400. Without a code, ``message`` is an English text with no
    translation (a Werkzeug description): German readers get the status's general message.
    Raises KeyError for an unknown code.
    """
    if _wants_json():
        german = request.args.get("lang") == "de"
        if code is not None:
            message = error_message(code, parameter, values or {}, translate=german)
        elif german:
            message = _message_for(status)
        error: dict[str, object] = {"code": CODES.get(status, "error"), "message": message}
        if parameter:
            error["parameter"] = parameter
        return json_response({"error": error}, status)
    label = parameter_labels().get(parameter or "", parameter)
    detail = error_message(code, parameter, values or {}, translate=True) if code and status == 400 else None
    body = render_template("error.html", status=status, message=_message_for(status), detail=detail,
                           parameter=label, back_url=way_back(parameter))
    return Response(body, status=status, mimetype="text/html")


def init_app(app: Flask) -> None:
    @app.errorhandler(SearchError)
    def search_error(error: SearchError) -> Response:
        return error_response(error.status, code=error.code, parameter=error.parameter, values=error.values)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        return error_response(error.code or 500, message=error.description or "")

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        current_app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, message="internal error")


__all__ = ["error_response", "init_app"]
