"""The widget for other sites: ``/embed``, a compact search page meant for an ``<iframe>``
(the only page other origins may frame), and ``/static/embed.js``, which renders results
from the JSON API into a page of its own.

Setting ``EMBED_ORIGINS``: the origins allowed to frame ``/embed`` (space- or
comma-separated, e.g. ``https://www.kreis-warendorf.de``); default ``*``, any site. Every
other page keeps ``frame-ancestors 'self'``.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from webui.params import parse_search_args
from webui.security import PAGE_CSP
from webui.service import search_service
from webui.stats import record_search

bp = Blueprint("embed", __name__)
DEFAULT_PER_PAGE = 5
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?|\*")


def frame_ancestors(setting: str | None) -> str:
    """The CSP source list for ``/embed`` from ``EMBED_ORIGINS``. Raises ValueError naming
    an entry that is not an http(s) origin (scheme, host, optional port) or ``*``."""
    origins = [part for part in re.split(r"[\s,]+", setting or "*") if part]
    for origin in origins:
        if not _ORIGIN.fullmatch(origin):
            raise ValueError(f"IKZ_EMBED_ORIGINS: {origin!r} is not an origin such as https://www.example.org")
    return " ".join(origins) or "*"


def embed_csp(ancestors: str) -> str:
    return PAGE_CSP.replace("frame-ancestors 'self'", f"frame-ancestors {ancestors}")


@bp.get("/embed")
def embed_page() -> Response:
    """The widget: a search box and a short public result list for the given search
    parameters (``per_page`` defaults to 5); links open the full pages in a new tab."""
    args = MultiDict(request.args)
    if "per_page" not in args:
        args["per_page"] = str(DEFAULT_PER_PAGE)
    search = parse_search_args(args, staff=False)  # the widget is public, also for staff
    result = search_service().search(search)
    if search.query:  # a page that shows a fixed list is not a search someone made
        record_search(search, result)
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("q", "page")]
    more = url_for("pages.search_page", _external=True)
    full = [(k, v) for k, v in request.args.items(multi=True) if k not in ("per_page", "page")]
    response = Response(render_template(
        "embed.html", result=result, hidden=kept, query=search.query,
        more_url=more + ("?" + urlencode(full) if full else ""),
        profile_url=url_for("pages.profile_page", profile_id="-", _external=True)[:-1]))
    response.headers["Content-Security-Policy"] = embed_csp(current_app.extensions["ikz_embed_ancestors"])
    return response


def snippets(base: str) -> dict[str, str]:
    """The copy-paste code of the API page for a site at ``base`` (ending in ``/``)."""
    return {
        "iframe": f'<iframe src="{base}embed?district=Kreis%20Soest" title="IKZ-Suche" '
                  'width="100%" height="420" style="border:0"></iframe>',
        "script": f'<div data-ikz-search data-district="Kreis Soest" data-per-page="5">\n'
                  f'  <a href="{base}?district=Kreis%20Soest">Kooperationen im Kreis Soest</a>\n</div>\n'
                  f'<script src="{base}static/embed.js" defer></script>',
    }


def init_app(app: Flask) -> None:
    """Register /embed; raises ValueError for a malformed ``EMBED_ORIGINS``."""
    app.extensions["ikz_embed_ancestors"] = frame_ancestors(app.config.get("EMBED_ORIGINS"))
    app.register_blueprint(bp)

    @app.after_request
    def allow_framing(response: Response) -> Response:
        # runs after the security headers (registered earlier, so called later): only the
        # widget drops X-Frame-Options, which cannot name other origins
        if request.endpoint == "embed.embed_page":
            response.headers.pop("X-Frame-Options", None)
        return response

