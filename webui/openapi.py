"""The OpenAPI 3.1 description of /api/v1, built from the code's own constants so it
cannot drift: parameter names (``webui.params``), sorts and limits (``search.model``),
hit keys and facets (``index.schema``)."""

from __future__ import annotations

from index.schema import FACETS
from search.facet_types import VALUE_FACETS
from search.floor import RELEVANCE_FLOOR
from search.model import HIT_KEYS, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_LENGTH, MAX_SIMILAR, SORTS
from webui.params import FILTERS, LANGUAGES, MAX_PREFIX_LENGTH

_NULLABLE_STRING = {"type": ["string", "null"]}
MUNICIPALITY_KEY = "^[0-9]{5}([0-9]{3})?$"
# What webui.params accepts in a text parameter: no control characters, no U+FFFD (a sign
# of bytes that were not UTF-8).
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\ufffd]*$"
_HIT_TYPES = {
    "id": {"type": "string"}, "title": {"type": "string"}, "score": {"type": "number"},
    "lead": _NULLABLE_STRING, "participants": {"type": "array", "items": {"type": "string"}},
    "region": {"type": ["string", "null"], "description": "the lead's Regierungsbezirk"},
    "state": {"type": ["string", "null"], "description": "the lead's Land"},
    "district": {"type": ["string", "null"], "description": "the lead's Kreis (null for a kreisfreie Stadt)"},
    "year": {"type": ["integer", "null"]},
    "legal_form": _NULLABLE_STRING, "keywords": {"type": "array", "items": {"type": "string"}},
    "private": {"type": "boolean"}, "snippet": {"type": "string", "description": "HTML, escaped, with <mark>"},
    "area": {"type": ["string", "null"], "pattern": "^(0[1-9]|1[0-6])$",
             "description": "primary task area (product area of the municipal budget, 01–16)"},
    "areas": {"type": "array", "items": {"type": "string", "pattern": "^(0[1-9]|1[0-6])$"}, "maxItems": 2,
              "description": "task areas: primary, then secondary"},
    "distance": {"type": ["integer", "null"], "minimum": 0, "maximum": 4,
                 "description": "With near: the administrative distance tier to that place: 0 it (for a Kreis: "
                                "the Kreis or one of its municipalities) takes part, 1 a participant in the same "
                                "Kreis, 2 in the same Regierungsbezirk (same Land where there are none), 3 in the "
                                "same Land, 4 elsewhere. Null without near"},
    "url": {"type": "string", "description": "the profile's page (absolute with the server's configured base "
                                             "URL, else a path from the site's root)"},
    "added": {"type": ["string", "null"], "format": "date-time",
              "description": "when the profile first entered the index (UTC; null for an index built before "
                             "dates were kept)"},
    "updated": {"type": ["string", "null"], "format": "date-time",
                "description": "when its text last changed in the index (UTC)"},
}
# The API's hits: the CLI's (``SearchResult.to_dict``) plus the page and the dates.
API_HIT_KEYS = (*HIT_KEYS, "url", "added", "updated")
# What the place facets select: any participant's place, not only the lead's.
PLACE_FILTERS = {
    "district": "Kreis: cooperations in which any participant or the lead lies in that Kreis, or the Kreis "
                "itself takes part (hits' `district` is the lead's); `Lippe` selects `Kreis Lippe`",
    "region": "Regierungsbezirk: cooperations in which any participant or the lead lies in it",
    "state": "Land: cooperations in which any participant or the lead lies in it",
}


# What a similar cooperation has in common with the one it is similar to.
_SHARED = {
    "type": "object", "required": ["keywords", "areas", "municipalities"], "additionalProperties": False,
    "description": "What it has in common with the cooperation it is similar to",
    "properties": {
        "keywords": {"type": "array", "items": {"type": "string"},
                     "description": "keywords both list (as this one writes them)"},
        "groups": {"type": "array", "items": {"type": "string", "pattern": "^(0[1-9]|1[0-6])\\.[0-9]{2}$"},
                   "description": "task groups (finer than task areas) both are assigned"},
        "areas": {"type": "array", "items": {"type": "string", "pattern": "^(0[1-9]|1[0-6])$"},
                  "description": "task areas both are assigned"},
        "municipalities": {"type": "array", "description": "municipalities (or Kreise) taking part in both",
                           "items": {"type": "object", "required": ["key", "name"], "additionalProperties": False,
                                     "properties": {"key": {"type": "string", "description": "official key (AGS)"},
                                                    "name": {"type": "string"}}}},
    },
}


def _schemas() -> dict:
    bucket = {"type": "object", "required": ["value", "count", "selected"], "additionalProperties": False,
              "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
                             "selected": {"type": "boolean"}}}
    return {
        "Hit": {"type": "object", "required": list(API_HIT_KEYS), "additionalProperties": False,
                "properties": {key: _HIT_TYPES[key] for key in API_HIT_KEYS}},
        "FacetValues": {"type": "object", "required": ["name", "prefix", "values"], "additionalProperties": False,
                        "properties": {"name": {"type": "string"}, "prefix": {"type": "string"},
                                       "values": {"type": "array", "items": bucket}}},
        "SearchResult": {
            "type": "object", "additionalProperties": False,
            "required": ["query", "near", "corrected_query", "total", "weaker", "page", "per_page", "hits", "facets"],
            "properties": {
                "query": {"type": "string"}, "corrected_query": _NULLABLE_STRING,
                "near": {"type": ["object", "null"], "required": ["key", "name", "kind", "regions"],
                         "additionalProperties": False, "description": "The place of near (null without)",
                         "properties": {"key": {"type": "string", "pattern": "^([0-9]{8}|[0-9]{5})$"},
                                        "name": {"type": "string"}, "kind": {"enum": ["gemeinde", "kreis"]},
                                        "regions": {"type": "boolean", "description":
                                                    "whether its Land has Regierungsbezirke (without: distance "
                                                    "2 means the same Land)"}}},
                "total": {"type": "integer", "minimum": 0},
                "weaker": {"type": "integer", "minimum": 0, "description":
                           f"Sorted other than by relevance: matches scoring under {RELEVANCE_FLOOR:g} of the best "
                           "match's score, left out of `hits` and `total` (all=1 lists them)"},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                "facets": {"type": "object", "required": list(FACETS), "additionalProperties": False,
                           "properties": {name: {"type": "array", "items": bucket} for name in FACETS}},
            },
        },
        "Profile": {"type": "object",
                    "required": ["id", "title", "private", "participants", "keywords", "area", "areas", "sections",
                                 "added", "updated"],
                    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                   "private": {"type": "boolean"},
                                   "participants": {"type": "array", "items": {"type": "string"}},
                                   "keywords": {"type": "array", "items": {"type": "string"}},
                                   "area": _HIT_TYPES["area"], "areas": _HIT_TYPES["areas"],
                                   "groups": {"type": "array", "maxItems": 2, "description":
                                              "Task groups (finer than task areas: primary, then secondary; "
                                              "absent in an index built before groups were kept)",
                                              "items": {"type": "string",
                                                        "pattern": "^(0[1-9]|1[0-6])\\.[0-9]{2}$"}},
                                   "sections": {"type": "object"},
                                   "added": {"type": ["string", "null"], "format": "date-time", "description":
                                             "When the profile first entered the index (UTC; null for an index "
                                             "built before dates were kept)"},
                                   "updated": {"type": ["string", "null"], "format": "date-time", "description":
                                               "When its text last changed in the index (UTC)"}}},
        "Similar": {"type": "object", "required": ["id", "similar"], "additionalProperties": False,
                    "properties": {"id": {"type": "string"}, "similar": {"type": "array", "items": {
                        "type": "object", "required": ["id", "title", "score", "private", "shared"],
                        "additionalProperties": False,
                        "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                       "score": {"type": "number"},
                                       "shared": _SHARED,
                                       "private": {"type": "boolean", "description":
                                                   "True for a private profile (shown to signed-in staff only)"}}}}}},
        "Suggestions": {"type": "object", "required": ["query", "suggestions"], "additionalProperties": False,
                        "properties": {"query": {"type": "string"}, "suggestions": {"type": "array", "items": {
                            "type": "object", "required": ["text", "kind"], "additionalProperties": False,
                            "properties": {"text": {"type": "string"},
                                           "kind": {"enum": ["keyword", "place", "title"]},
                                           "key": {"type": "string", "pattern": MUNICIPALITY_KEY, "description":
                                                   "A place's official key, where known"},
                                           "url": {"type": "string", "description":
                                                   "The place's municipality page, where its key is known"}}}}}},
        **_municipality_schemas(),
        "Error": {"type": "object", "required": ["error"], "additionalProperties": False,
                  "properties": {"error": {"type": "object", "required": ["code", "message"],
                                           "additionalProperties": False,
                                           "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                                          "parameter": {"type": "string"}}}}},
    }


def _municipality_schemas() -> dict:
    """The schemas of ``/municipalities/{key}`` (``search.municipalities.Municipality.to_dict``)."""
    cooperation = {"type": "object", "required": ["id", "title", "year", "legal_form", "lead", "private"],
                   "additionalProperties": False,
                   "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                  "year": {"type": ["integer", "null"]}, "legal_form": _NULLABLE_STRING,
                                  "lead": _NULLABLE_STRING, "private": {"type": "boolean"}}}
    member = {"type": "object", "required": ["key", "name", "count"], "additionalProperties": False,
              "properties": {"key": {"type": "string", "pattern": MUNICIPALITY_KEY}, "name": {"type": "string"},
                             "count": {"type": "integer", "minimum": 1}}}
    cooperations = {"type": "array", "items": {"$ref": "#/components/schemas/MunicipalityCooperation"}}
    members = {"type": "array", "items": {"$ref": "#/components/schemas/MunicipalityCount"}}
    similar = {"type": "object", "required": ["key", "name", "score", "shared"], "additionalProperties": False,
               "properties": {"key": {"type": "string", "pattern": MUNICIPALITY_KEY}, "name": {"type": "string"},
                              "score": {"type": "number"},
                              "shared": {"type": "array", "items": {"type": "string"}, "description":
                                         "What the two have in common, most telling first: 'area:NN' for a task "
                                         "area, else a keyword"}}}
    fields = {
        "key": {"type": "string", "pattern": MUNICIPALITY_KEY}, "name": {"type": "string"},
        "kind": {"enum": ["gemeinde", "kreisfreie_stadt", "kreis"]},
        "district": {**_NULLABLE_STRING, "description": "The Kreis of a Gemeinde (null for the others)"},
        "district_key": {"type": "string", "pattern": "^[0-9]{5}$"}, "region": _NULLABLE_STRING,
        "state": {"type": "string"},
        "leads": {**cooperations, "description": "Cooperations it leads"},
        "participates": {**cooperations, "description": "Cooperations it takes part in without leading"},
        "partners": {**members, "description": "Places it cooperates with, with the number of shared cooperations"},
        "areas": {"type": "array", "items": {"type": "object", "required": ["area", "count"],
                                             "additionalProperties": False,
                                             "properties": {"area": _HIT_TYPES["area"],
                                                            "count": {"type": "integer", "minimum": 1}}}},
        "keywords": {"type": "array", "items": {"type": "object", "required": ["keyword", "count"],
                                                "additionalProperties": False,
                                                "properties": {"keyword": {"type": "string"},
                                                               "count": {"type": "integer", "minimum": 1}}}},
        "nearby": {**cooperations, "description": "Cooperations in its Kreis it does not take part in"},
        "members": {**members, "description": "A Kreis: its municipalities taking part, with their counts"},
        "member_cooperations": {**cooperations, "description": "A Kreis: its municipalities' cooperations"},
        "similar": {"type": "array", "items": similar, "description":
                    "Municipalities with similar cooperations (shared task areas and keywords, weighted)"},
        "population": {"type": ["integer", "null"]}, "area_km2": {"type": ["number", "null"]},
        "figures_date": _NULLABLE_STRING,
        "attribution": {**_NULLABLE_STRING, "description": "Source and licence of population and area (Destatis)"},
        "url": {"type": "string", "description": "The HTML page"},
    }
    return {"MunicipalityCooperation": cooperation, "MunicipalityCount": member,
            "Municipality": {"type": "object", "required": list(fields), "additionalProperties": False,
                             "properties": fields}}


def _parameter(name: str, schema: dict, description: str, repeat: bool = False) -> dict:
    if repeat:
        return {"name": name, "in": "query", "description": description, "style": "form", "explode": True,
                "schema": {"type": "array", "items": schema, "maxItems": MAX_SIMILAR}}
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _responses(schema: str, *errors: int) -> dict:
    responses = {"200": {"description": "OK", "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}}
    for status in errors:
        responses[str(status)] = {"description": "Error", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}
    return responses


def _suggest_responses() -> dict:
    responses = _responses("Suggestions", 400, 429, 503)
    responses["200"]["content"]["application/x-suggestions+json"] = {"schema": {
        "type": "array", "minItems": 2, "maxItems": 2, "description": "[query, [completion, …]]",
        "items": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}}}
    return responses


LANG = _parameter("lang", {"enum": list(LANGUAGES), "default": "en"},
                  "Language of error messages: en (English, the default) or de (German). Data is German either way")


def search_parameters() -> list[dict]:
    return [
        _parameter("q", {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": TEXT_PATTERN},
                   'Free text; "…" phrases, -word excludes'),
        *(_parameter(name, {"type": "string", "maxLength": 200, "pattern": TEXT_PATTERN},
                     f"Filter on {PLACE_FILTERS.get(name, name)} (OR when repeated)", repeat=True)
          for name in FILTERS),
        _parameter("all", {"enum": [0, 1], "default": 0},
                   f"1: sorted by date or title, also list the matches scoring under {RELEVANCE_FLOOR:g} of the "
                   "best match's score (left out by default; `weaker` counts them)"),
        _parameter("year_from", {"type": "integer", "minimum": 1000, "maximum": 2999}, "Cooperating since, from"),
        _parameter("year_to", {"type": "integer", "minimum": 1000, "maximum": 2999}, "Cooperating since, up to"),
        _parameter("near", {"type": "string", "maxLength": 200, "pattern": TEXT_PATTERN},
                   "A place: its official key (8-digit AGS of a municipality, e.g. 05913000 Dortmund, or 5-digit "
                   "Kreis key, e.g. 05974 Kreis Soest) or a name the gazetteer knows one place of. Every hit gets "
                   "its distance tier to it (administrative, not in km); sort=near orders hits by tier, then "
                   "relevance. A malformed key is a 400 near_malformed, an unknown place a 400 unknown_place, an "
                   "ambiguous name a 400 ambiguous_place (naming candidate keys)"),
        _parameter("sort", {"enum": list(SORTS)}, "Order of hits (near: by distance tier, then relevance; needs near)"),
        _parameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                   "Page, from 1. A page past the last one is no error: it has no hits, and `total` "
                   "tells how many there are"),
        _parameter("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "Hits per page"),
        LANG,
    ]


def openapi_document(server_url: str) -> dict:
    """The OpenAPI 3.1 document for the API served at ``server_url``."""
    profile_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "IKZ-Suche API", "version": "1.0.0",
                 "description": "Search over profiles of inter-municipal cooperation (interkommunale Zusammenarbeit). "
                                "Every operation refuses unknown query parameters (400, the error names the "
                                "parameter); error messages are English, German with lang=de."},
        "servers": [{"url": server_url}],
        "paths": {
            "/search": {"get": {"operationId": "search", "parameters": search_parameters(),
                                "responses": _responses("SearchResult", 400, 429, 503)}},
            "/profiles/{id}": {"get": {"operationId": "profile", "parameters": [profile_id, LANG],
                                       "responses": _responses("Profile", 400, 404, 429, 503)}},
            "/profiles/{id}/similar": {"get": {
                "operationId": "similar",
                "parameters": [profile_id,
                               _parameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_SIMILAR},
                                          "Number of similar cooperations"),
                               LANG],
                "responses": _responses("Similar", 400, 404, 429, 503)}},
            "/facets/{name}": {"get": {
                "operationId": "facet_values",
                "description": "Every value of one facet with its count for the search the other parameters "
                               "describe (counted as the search counts it: with every filter but the facet's "
                               "own), by count; the search result lists only the 50 most frequent",
                "parameters": [{"name": "name", "in": "path", "required": True,
                                "schema": {"enum": [kind.name for kind in VALUE_FACETS]},
                                "description": "the facet (an unknown name is a 400 naming it)"},
                               _parameter("prefix", {"type": "string", "maxLength": MAX_PREFIX_LENGTH,
                                                     "pattern": TEXT_PATTERN},
                                          "Only values one of whose words begins with this (case and umlaut "
                                          "spelling ignored)"),
                               *search_parameters()],
                "responses": _responses("FacetValues", 400, 429, 503)}},
            "/municipalities/{key}": {"get": {
                "operationId": "municipality",
                "description": "A Gemeinde, kreisfreie Stadt or Kreis by official key: its cooperations, partners, "
                               "topics, cooperations nearby and municipalities with similar cooperations. A "
                               "malformed key is a 400, an unknown one a 404",
                "parameters": [{"name": "key", "in": "path", "required": True, "schema": {
                    "type": "string", "pattern": MUNICIPALITY_KEY}, "description":
                    "Official key: 8 digits (AGS) for a Gemeinde or kreisfreie Stadt, 5 for a Kreis"}, LANG],
                "responses": _responses("Municipality", 400, 404, 429, 503)}},
            "/suggest": {"get": {"operationId": "suggest",
                                 "parameters": [_parameter("q", {"type": "string", "maxLength": 100}, "Typed text"),
                                                _parameter("format", {"enum": ["json", "opensearch"],
                                                                      "default": "json"},
                                                           "json, or opensearch: the OpenSearch suggestions "
                                                           "format browsers read, [query, [completion, …]]"),
                                                LANG],
                                 "responses": _suggest_responses()}},
            "/openapi.json": {"get": {"operationId": "openapi", "description": "This document", "parameters": [LANG],
                                      "responses": {"200": {"description": "OpenAPI 3.1", "content": {
                                          "application/json": {"schema": {"type": "object"}}}},
                                          "400": _responses("Error", 400)["400"]}}},
        },
        "components": {"schemas": _schemas()},
    }
