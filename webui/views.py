"""HTML pages: search, profile, and the pages a German public body must have."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, g, render_template, request, url_for

from search.model import MAX_SIMILAR, SearchRequest, similar_limit
from search.places import official_figures
from webui.alternatives import alternatives
from webui.backlink import search_back
from webui.csv_export import export_csv
from webui.embed import snippets
from webui.messages import parameter_labels
from webui.page_params import OPEN_FACETS, parse_page_args, problem_texts
from webui.present import area_grid, query_string, search_payload
from webui.seo import profile_jsonld
from webui.service import is_staff, search_service
from webui.similar_view import SIMILAR_PAGE, SIMILAR_SHOWN, similar_entries
from webui.stats import record_search

bp = Blueprint("pages", __name__)

STATIC_PAGES = {"accessibility": "accessibility.html", "imprint": "imprint.html", "privacy": "privacy.html",
                "easy-language": "easy_language.html"}


@bp.get("/")
def search_page() -> tuple[str, int]:
    """The search page; its JSON twin is /api/v1/search with the same parameters. An
    invalid year, sort, page or page size is left out and named on the page (status 400);
    a reversed year range is swapped (``webui.page_params``)."""
    parsed = parse_page_args(request.args, staff=is_staff())
    request_ = parsed.request
    g.ikz_search_args = parsed.args  # for the page's feed and canonical links
    service = search_service()
    result = service.search(request_)
    if not parsed.problems:
        record_search(request_, result)
    base_url = url_for("pages.search_page")
    # profile URLs are this prefix and the quoted id: one url_for a page, not one a hit
    profile_url = url_for("pages.profile_page", profile_id="-")[:-1]
    payload = search_payload(result, parsed.args, base_url, profile_url, g.ikz_lang)
    api_url = url_for("api.search") + ("?" + query_string(payload["args"]) if payload["args"] else "")
    offers = (alternatives(service, request_, result.corrected_query, parsed.args, base_url)
              if result.total == 0 else None)
    # profile links carry the search, so that "back to the search" returns to it
    back = "?" + urlencode({"back": query_string(payload["args"])}) if payload["args"] else ""
    # the start page (no query, no filter) offers the task areas as entry points
    grid = (area_grid(result, base_url, g.ikz_lang)
            if not request_.query and not request_.filters and not request_.ranges and request_.page == 1 else None)
    page = render_template("search.html", **payload, api_url=api_url, alternatives=offers, back=back, area_grid=grid,
                           problems=parsed.problems, swaps=parsed.swaps, open_facets=OPEN_FACETS,
                           problem_texts=problem_texts(parsed.problems, request_.per_page),
                           field_labels=parameter_labels() if parsed.problems else {})
    return page, 400 if parsed.problems else 200


@bp.get("/profiles/<profile_id>")
def profile_page(profile_id: str) -> str:
    """One cooperation with similar ones and further ones of its lead municipality."""
    service = search_service()
    staff = is_staff()
    profile = service.profile(profile_id, staff=staff)
    similar = similar_entries(service, profile_id, limit=SIMILAR_SHOWN, staff=staff, profile_url=_profile_prefix())
    more = []
    if profile.get("lead"):
        others = service.search(SearchRequest.create("", {"participant": [profile["lead"]]}, per_page=6, staff=staff))
        more = [hit for hit in others.hits if hit.id != profile_id][:5]
    official = official_figures(profile.get("lead_key"))
    back_url, back = search_back(request.args.get("back", ""))
    jsonld = profile_jsonld(profile, url_for("pages.profile_page", profile_id=profile_id, _external=True))
    return render_template("profile.html", profile=profile, similar=similar, more=more, official=official,
                           back_url=back_url, back=back, jsonld=jsonld)


def _profile_prefix(external: bool = False) -> str:
    """Profile URLs are this prefix and the quoted id (BASE_URL's host for external ones)."""
    path = url_for("pages.profile_page", profile_id="-")[:-1]
    if not external:
        return path
    base = current_app.config["BASE_URL"].rstrip("/") or request.host_url.rstrip("/")
    return base + path


@bp.get("/profiles/<profile_id>/similar")
def similar_page(profile_id: str) -> str:
    """The longer list of similar cooperations ("more" on the profile page): ``limit``
    entries (20 unless given, at most ``MAX_SIMILAR``); raises InvalidRequest for another
    limit, NotFound as the profile page."""
    limit = similar_limit(request.args.get("limit", str(SIMILAR_PAGE)))
    staff = is_staff()
    profile = search_service().profile(profile_id, staff=staff)
    similar = similar_entries(search_service(), profile_id, limit=limit, staff=staff, profile_url=_profile_prefix())
    back_url, back = search_back(request.args.get("back", ""))
    more_url = (url_for("pages.similar_page", profile_id=profile_id, limit=MAX_SIMILAR, back=request.args.get("back"))
                if len(similar) == limit < MAX_SIMILAR else None)
    csv_url = url_for("pages.similar_csv_export", profile_id=profile_id, limit=limit)
    return render_template("similar.html", profile=profile, similar=similar, back_url=back_url, back=back,
                           more_url=more_url, csv_url=csv_url)


@bp.get("/profiles/<profile_id>/similar.csv")
def similar_csv_export(profile_id: str) -> Response:
    """The similar cooperations as CSV, for signed-in staff (as the search's export):
    ``limit`` entries (20 unless given). Raises InvalidRequest for another limit."""
    if not is_staff():
        abort(404)
    limit = similar_limit(request.args.get("limit", str(SIMILAR_PAGE)))
    entries = similar_entries(search_service(), profile_id, limit=limit, staff=True,
                              profile_url=_profile_prefix(external=True))
    response = Response(export_csv(entries, g.ikz_lang), mimetype="text/csv")
    name = re.sub(r"[^A-Za-z0-9_-]", "", profile_id)[:60]
    response.headers["Content-Disposition"] = f'attachment; filename="ikz-aehnlich-{name}.csv"'
    return response


@bp.get("/<any(accessibility, imprint, privacy, 'easy-language'):page>")
def static_page(page: str) -> str:
    return render_template(STATIC_PAGES[page])


@bp.get("/api")
def api_page() -> str:
    return render_template("api.html", snippets=snippets(request.host_url))


@bp.get("/health")
def health() -> dict[str, str]:
    if not search_service().ids():
        abort(503)
    return {"status": "ok"}
