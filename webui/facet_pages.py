"""Every value of a facet, findable: ``/facets/<name>`` lists all values of one facet with
their counts for the current search (the search page lists the most frequent 50), and its
``prefix`` field narrows them, as a plain GET form (no JavaScript needed). Each value links
back to the search page with that value toggled, the other parameters kept."""

from __future__ import annotations

from flask import Blueprint, Flask, g, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from search import facets as facet_search
from webui.params import parse_prefix, parse_search_args
from webui.present import VALUE_LABELS, query_string, value_label, with_toggle_urls
from webui.service import is_staff, search_service

bp = Blueprint("facets", __name__)


@bp.get("/facets/<name>")
def facet_page(name: str) -> str:
    """All values of facet ``name`` for the search the other parameters describe. Raises
    InvalidRequest (400) for an unknown facet or bad search parameters."""
    prefix = parse_prefix(request.args)
    args = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k not in ("prefix", "lang", "page")])
    search_request = parse_search_args(args, staff=is_staff())
    values = facet_search.facet_values(search_service(), search_request, name, prefix)
    base_url = url_for("pages.search_page")
    buckets = [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
    if name in VALUE_LABELS:
        buckets = [{**b, "label": value_label(name, b["value"], g.ikz_lang)} for b in buckets]
    text = query_string(args)
    return render_template("facet_values.html", name=name, prefix=prefix, buckets=with_toggle_urls(args, name, buckets,
                           base_url), args=args, back_url=f"{base_url}?{text}" if text else base_url)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
