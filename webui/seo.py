"""Found by search engines and browsers: /sitemap.xml, /robots.txt, /opensearch.xml, the
schema.org JSON-LD of a profile page and the canonical URL of every page.

Everything here is public: private profiles are never listed, also not for signed-in staff.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlencode
from xml.sax.saxutils import escape, quoteattr

from flask import Blueprint, Flask, Response, request, url_for
from markupsafe import Markup

from webui.feeds import profile_dates
from webui.i18n import translations
from webui.service import search_service

bp = Blueprint("seo", __name__)

# Pages a crawler may list besides the profiles (endpoint, arguments).
SITE_PAGES = (("pages.search_page", {}), ("pages.api_page", {}),
              *(("pages.static_page", {"page": page}) for page in ("accessibility", "imprint", "privacy",
                                                                    "easy-language")))
# Kept out of crawlers: result pages (the root with a query string), exports, the API, staff
# pages, the widget (its content is the search's) and the feeds' variants of searches.
ROBOTS_DISALLOW = ("/?", "/export.csv", "/api/v1/", "/login", "/stats", "/embed")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
# The lead is the one participant with a role: a schema.org ``OrganizationRole`` in
# ``member`` (``sponsor`` would say it pays, which a profile does not state).
LEAD_ROLE = "lead municipality (federführende Kommune)"


def sitemap_entries(last_modified: dict[str, str] | None = None) -> Iterable[tuple[str, str | None]]:
    """(absolute URL, lastmod or None) of every page a crawler should know: the site's pages,
    every public profile with ``last_modified[id]`` (an ISO date) where it is known, the
    list of municipalities and the page of every municipality taking part in a public
    cooperation (lastmod: the latest of those cooperations').
    Raises IndexUnavailable when there is no index."""
    for endpoint, values in SITE_PAGES:
        yield url_for(endpoint, _external=True, **values), None
    dates = last_modified or {}
    public = search_service().ids(staff=False)
    for profile_id in public:
        yield url_for("pages.profile_page", profile_id=profile_id, _external=True), dates.get(profile_id)
    yield (url_for("municipalities.municipalities_page", _external=True),
           max((dates[i] for i in public if i in dates), default=None))
    # a municipality page changes when one of its public cooperations does: their latest date
    directory = search_service().municipalities(staff=False)
    for key in directory.listed_keys():
        changed = [dates[i] for i in directory.cooperation_ids(key) if i in dates]
        yield (url_for("municipalities.municipality_page", key=key, _external=True),
               max(changed) if changed else None)


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    dates = {key: value["updated"][:10] for key, value in profile_dates().items()}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for url, lastmod in sitemap_entries(dates):
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{modified}</url>")
    lines.append("</urlset>")
    return _public(Response("\n".join(lines) + "\n", mimetype="application/xml"))


@bp.get("/robots.txt")
def robots() -> Response:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "",
             f"Sitemap: {url_for('seo.sitemap', _external=True)}"]
    return _public(Response("\n".join(lines) + "\n", mimetype="text/plain"))


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    """The OpenSearch 1.1 description: the search page as results, the suggestion endpoint
    in the OpenSearch suggestions format as suggestions, in the page's language."""
    _ = translations().ugettext
    search = url_for("pages.search_page", _external=True) + "?q={searchTerms}"
    suggest = url_for("api.suggest", _external=True) + "?format=opensearch&q={searchTerms}"
    itself = url_for("seo.opensearch", _external=True)
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<OpenSearchDescription xmlns="{OPENSEARCH_NS}">\n'
            f"<ShortName>{escape(_('IKZ search'))}</ShortName>\n"
            f"<Description>{escape(_('Search profiles of inter-municipal cooperation'))}</Description>\n"
            "<InputEncoding>UTF-8</InputEncoding>\n<OutputEncoding>UTF-8</OutputEncoding>\n"
            "<Language>de-DE</Language>\n"
            f'<Url type="text/html" method="get" template={quoteattr(search)}/>\n'
            f'<Url type="application/x-suggestions+json" method="get" template={quoteattr(suggest)}/>\n'
            f'<Url type="application/opensearchdescription+xml" rel="self" template={quoteattr(itself)}/>\n'
            "</OpenSearchDescription>\n")
    return _public(Response(body, mimetype="application/opensearchdescription+xml"))


def _public(response: Response) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


def profile_jsonld(profile: dict, url: str) -> dict:
    """The schema.org description of a profile: a ``Project`` with its participants as
    ``GovernmentOrganization`` members (their official municipality key as ``identifier``
    where known), the lead as the member in an ``OrganizationRole``, ``foundingDate`` from
    "Zusammenarbeit seit", keywords and the goal as description. Raises KeyError without
    id or title."""
    keys = list(profile.get("participant_keys") or [])
    members: list[dict] = []
    for position, name in enumerate(profile.get("participants") or []):
        organization: dict = {"@type": "GovernmentOrganization", "name": name}
        key = keys[position] if position < len(keys) else None
        if key:
            organization["identifier"] = {"@type": "PropertyValue", "propertyID": "AGS", "value": key}
        if name == profile.get("lead"):
            members.append({"@type": "OrganizationRole", "roleName": LEAD_ROLE, "member": organization})
        else:
            members.append(organization)
    data: dict = {"@context": "https://schema.org", "@type": "Project", "@id": url, "url": url,
                  "identifier": profile["id"], "name": profile["title"], "inLanguage": "de"}
    sections = profile.get("sections") or {}
    description = sections.get("ziel") or sections.get("anlass")
    if description:
        data["description"] = description
    if profile.get("year"):
        data["foundingDate"] = str(profile["year"])
    if profile.get("keywords"):
        data["keywords"] = list(profile["keywords"])
    if profile.get("legal_form"):
        data["additionalType"] = profile["legal_form"]
    if members:
        data["member"] = members
    if profile.get("district") or profile.get("state"):
        data["areaServed"] = [{"@type": "AdministrativeArea", "name": name}
                              for name in (profile.get("district"), profile.get("state")) if name]
    return data


def jsonld_script(data: dict) -> Markup:
    """``data`` as a ``<script type="application/ld+json">`` element. Not executed, so the
    Content-Security-Policy allows it; ``<``, ``>`` and ``&`` are escaped so that no text
    can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def canonical_url() -> str:
    """The canonical URL of the current page: without the language (the cookie and
    Accept-Language choose it), the profile's ``back`` link or the widget's parameters;
    a search keeps its other parameters in a stable order."""
    if request.endpoint == "pages.search_page":
        args = sorted((k, v) for k, v in request.args.items(multi=True) if k != "lang" and v)
        if args:
            return request.base_url + "?" + urlencode(args)
    return request.base_url


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.filters["jsonld"] = jsonld_script

    @app.context_processor
    def seo_context() -> dict:
        return {"canonical_url": canonical_url}
