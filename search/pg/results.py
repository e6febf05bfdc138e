"""One SQL statement per search page: filters, total, the page of hits in the requested
order, and the disjunctive counts of every facet (each counted with all filters but its
own: OR within a facet, AND across facets), as ``search.facets.FacetTable`` counts them.

The candidate documents (query matches, best first) arrive as one array; without
a query every visible document is a candidate. Without a query and without filters the
counts come from ``empty_facets``, computed per generation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from index.folding import german_order
from index.pg.schema import MULTI_FACETS, SINGLE_FACETS
from index.schema import FACETS
from search.facets import MAX_FACET_VALUES
from search.model import FacetValue, SearchRequest

_ORDER = {
    "relevance": "m.pos",
    "title": 'm.title_key COLLATE "C", m.doc',
    "newest": 'm.year IS NULL, m.year DESC, m.title_key COLLATE "C", m.doc',
    "oldest": 'm.year IS NULL, m.year, m.title_key COLLATE "C", m.doc',
}


@dataclass(frozen=True)
class PageRows:
    total: int
    hits: list[tuple[int, dict, dict]]  # doc, payload, texts
    facets: dict[str, tuple[FacetValue, ...]]


def _predicates(request: SearchRequest, params: dict) -> dict[str, str]:
    """SQL predicate per constrained facet (``year`` for the year range)."""
    predicates = {}
    for facet, values in request.filters:
        params[f"v_{facet}"] = list(values)
        codes = f"ARRAY(SELECT code FROM {{schema}}.facet_values WHERE facet = '{facet}' AND value = ANY(%(v_{facet})s))"
        predicates[facet] = f"({facet} && {codes})" if facet in MULTI_FACETS else f"({facet} = ANY({codes}))"
    if request.year_from is not None or request.year_to is not None:
        params["year_low"] = request.year_from if request.year_from is not None else 0
        params["year_high"] = request.year_to if request.year_to is not None else 9999
        predicates["year"] = "(year BETWEEN %(year_low)s AND %(year_high)s)"
    return predicates


def page_sql(schema: str, request: SearchRequest, *, candidates: bool, relevance: bool, params: dict) -> str:
    """The statement for one page; fills ``params``. ``candidates``: the matching documents
    come as ``%(docs)s``, best first (their position is the relevance order); otherwise
    all documents visible to the requester are candidates.

    Without candidates the work follows the filters: none (the landing page) reads the
    precomputed counts and the first page from an index in sort order; one filter reads
    only the documents it selects (its own facet is counted as without filters); more
    filters scan the narrow ``docs`` table once.
    """
    predicates = _predicates(request, params)
    params["staff"] = request.staff
    params["limit"], params["offset"] = request.per_page, (request.page - 1) * request.per_page
    order = _ORDER["relevance" if relevance else ("newest" if request.sort == "relevance" else request.sort)]
    visible = "true" if request.staff else "NOT d.private"
    columns = ", ".join(f"d.{c}" for c in ("doc", "year", *SINGLE_FACETS, *MULTI_FACETS, "title_key"))
    flags = "".join(f", {sql} AS p_{name}" for name, sql in predicates.items())
    every = " AND ".join(f"p_{name}" for name in predicates) or "true"
    if candidates:
        # the documents by key (an index scan), their positions joined back
        source = (f"SELECT {columns}, c.pos FROM (SELECT * FROM {schema}.docs WHERE doc = ANY(%(docs)s::int[])) d "
                  f"JOIN unnest(%(docs)s::int[]) WITH ORDINALITY AS c(doc, pos) ON c.doc = d.doc")
    elif len(predicates) == 1:
        source = f"SELECT {columns}, 0::bigint AS pos FROM {schema}.docs d WHERE {visible} AND {next(iter(predicates.values()))}"
    else:
        source = f"SELECT {columns}, 0::bigint AS pos FROM {schema}.docs d WHERE {visible}"
    if not candidates and not predicates:
        total = ("SELECT 0 AS kind, NULL::text AS facet, NULL::integer AS code, count AS n, NULL::integer AS doc, "
                 f"NULL::text AS payload, NULL::jsonb AS texts FROM {schema}.empty_facets "
                 "WHERE staff = %(staff)s AND facet = '_total'")
        ordered = f"SELECT m.doc FROM ({source}) m ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s"
    else:
        total = ("SELECT 0 AS kind, NULL::text AS facet, NULL::integer AS code, count(*)::integer AS n, NULL::integer AS doc, "
                 "NULL::text AS payload, NULL::jsonb AS texts FROM m")
        ordered = f"SELECT m.doc FROM m ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s"
    parts = [
        total,
        # sort the narrow rows, then read the page's bodies by key
        # (numbered in the order the sorted subquery yields its rows)
        f"SELECT 1, NULL, NULL, p.pos, p.doc, b.payload, b.texts FROM (SELECT q.*, "
        f"(row_number() OVER ())::integer AS pos FROM ({ordered}) q) p JOIN {schema}.bodies b ON b.doc = p.doc",
    ]
    precomputed = [facet for facet in FACETS if not [name for name in predicates if name != facet]] if not candidates else []
    counts = []
    for facet in FACETS:
        if facet in precomputed:
            continue
        others = " AND ".join(f"p_{name}" for name in predicates if name != facet) or "true"
        if facet in MULTI_FACETS:
            counts.append(f"SELECT '{facet}' AS facet, v AS code, count(*)::integer AS n FROM f, unnest({facet}) v "
                          f"WHERE {others} GROUP BY v")
        else:
            counts.append(f"SELECT '{facet}' AS facet, {facet} AS code, count(*)::integer AS n FROM f "
                          f"WHERE {others} AND {facet} IS NOT NULL GROUP BY {facet}")
    params["selected_facets"] = [facet for facet, values in request.filters for _ in values]
    params["selected_values"] = [value for _, values in request.filters for value in values]
    selected = (f"(r.facet, r.code) IN (SELECT v.facet, v.code FROM {schema}.facet_values v JOIN "
                "unnest(%(selected_facets)s::text[], %(selected_values)s::text[]) AS s(facet, value) "
                "ON v.facet = s.facet AND v.value = s.value)")
    if counts:
        # values whose count is among the first MAX_FACET_VALUES (ties included); their final
        # order (count, then German alphabetical) is settled in Python on these few rows
        parts.append(f"SELECT 2, r.facet, r.code, r.n, NULL, NULL, NULL FROM (SELECT c.*, rank() OVER (PARTITION BY "
                     f"c.facet ORDER BY c.n DESC) AS rank FROM ({' UNION ALL '.join(counts)}) c) r "
                     f"WHERE r.facet = 'year' OR r.rank <= {MAX_FACET_VALUES} OR {selected}")
    if precomputed:
        params["precomputed"] = precomputed
        parts.append(f"SELECT 2, r.facet, r.code, r.count, NULL, NULL, NULL FROM {schema}.empty_facets r "
                     f"WHERE r.staff = %(staff)s AND r.facet = ANY(%(precomputed)s) "
                     f"AND (r.facet = 'year' OR r.rank <= {MAX_FACET_VALUES} OR {selected})")
    if not candidates and not predicates:
        sql = " UNION ALL ".join(parts)
    else:
        sql = (f"WITH f AS MATERIALIZED (SELECT *{flags} FROM ({source}) c), m AS (SELECT * FROM f WHERE {every}) "
               + " UNION ALL ".join(parts))
    return sql.replace("{schema}", schema)


def read_page(rows: list[tuple], request: SearchRequest, values: dict[str, dict[int, str]]) -> PageRows:
    """Turn the statement's rows into total, hits and facet values (``values``: per facet,
    code → value; years are their own codes)."""
    total = 0
    hits: list[tuple] = []
    counts: dict[str, list[tuple[str, int]]] = {facet: [] for facet in FACETS}
    for kind, facet, code, n, doc, payload, texts in rows:
        if kind == 0:
            total = n
        elif kind == 1:
            hits.append((n, doc, json.loads(payload), texts or {}))
        else:
            value = str(code) if facet == "year" else values[facet].get(code)
            if value is not None:
                counts[facet].append((value, n))
    hits.sort()
    return PageRows(total, [hit[1:] for hit in hits], {facet: facet_values(facet, found, request) for facet, found in counts.items()})


def facet_values(facet: str, found: list[tuple[str, int]], request: SearchRequest) -> tuple[FacetValue, ...]:
    """The listed values of one facet, ordered and cut as ``FacetTable.count`` does."""
    selected = request.selected(facet)
    if facet == "year":
        ordered = sorted(found, key=lambda item: int(item[0]))
    else:
        ordered = sorted(found, key=lambda item: (-item[1], *german_order(item[0])))[:MAX_FACET_VALUES]
    values = [FacetValue(value, count, value in selected) for value, count in ordered]
    listed = {v.value for v in values}
    counted = dict(found)
    for value in selected:
        if value not in listed:
            values.append(FacetValue(value, counted.get(value, 0), True))
    return tuple(values)
