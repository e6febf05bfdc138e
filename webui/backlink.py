"""Ways back to the search a person came from, for profile pages and error pages.

A search is only ever taken as a query string of the search page, checked by
``webui.params``: a link built here cannot lead to another site or to a search that
fails again.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import request, url_for
from werkzeug.datastructures import MultiDict

from search.model import InvalidRequest
from webui.params import parse_search_args
from webui.present import query_string

MAX_BACK_LENGTH = 2000


def valid_search(args: MultiDict) -> str | None:
    """The query string of the search ``args`` (without ``lang``), or None when it is not
    a valid search. Raises nothing."""
    args = MultiDict(args)
    args.poplist("lang")
    try:
        parse_search_args(args)
    except InvalidRequest:
        return None
    return query_string(args)


def search_back(value: str) -> tuple[str, str]:
    """The search page URL and the ``?back=…`` suffix for a ``back`` parameter: the query
    string of a search this page was reached from. Anything that is not a valid search
    (bad parameters, too long) falls back to the empty search."""
    base = url_for("pages.search_page")
    if not value or len(value) > MAX_BACK_LENGTH:
        return base, ""
    text = valid_search(MultiDict(parse_qsl(value, keep_blank_values=True)))
    return (f"{base}?{text}", "?" + urlencode({"back": text})) if text else (base, "")


def way_back(parameter: str | None = None) -> str | None:
    """For an error page: the URL of the search the person came from, or None.

    In this order: the failed search itself without the parameter at fault (an error on
    the search page); the search in a ``back`` parameter (profile pages); the search page
    named by the ``Referer`` header when it is one of this site's (same host). Raises
    nothing."""
    base = url_for("pages.search_page")
    if request.path == base and parameter and parameter in request.args:
        args = MultiDict(request.args)
        args.poplist(parameter)
        text = valid_search(args)
        if text:
            return f"{base}?{text}"
    if request.args.get("back"):
        url, _ = search_back(request.args["back"])
        if url != base:
            return url
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc == request.host and referer.scheme in ("http", "https") and referer.path == base \
            and len(referer.query) <= MAX_BACK_LENGTH:
        text = valid_search(MultiDict(parse_qsl(referer.query, keep_blank_values=True)))
        if text:
            return f"{base}?{text}"
    return None
