"""Table layout of a PostgreSQL index generation, and the names of its parts.

Per generation (schema ``ikz_<index>_<stamp>``):

- ``docs``: one narrow row per profile (what filters, facet counts and sorting read):
  document number, id, visibility, facet codes (integer columns; ``keyword`` and
  ``participant`` as arrays), title and its sort key, field lengths (for BM25 length
  normalisation) and the keyword text (for query feedback);
- ``bodies``: the wide rest, read for one page of hits or one profile: the JSON payload,
  the texts snippets are cut from, spelling words, digest, and a ``tsvector`` of
  field-prefixed tokens with positions (``3.abfall``: token ``abfall`` in field 3) for
  phrase matching, with a GIN index;
- ``postings``: one row per (field, token): the documents holding it and their term
  frequencies, as arrays (an inverted index; a handful of rows answers a query);
- ``facet_values``: facet value codes with their German sort keys;
- ``empty_facets``: facet counts of the empty query per visibility (the landing page),
  ranked as they are listed, computed at build and after each update;
- ``spelling``: written words with document frequencies (public, all) for corrections.
"""

from __future__ import annotations

import re

from index.build import IndexError_
from index.schema import FACETS, MULTI_VALUED, TEXT_FIELDS

INDEXES_TABLE = "ikz_indexes"
SINGLE_FACETS = tuple(f for f in FACETS if f not in MULTI_VALUED and f != "year")
MULTI_FACETS = tuple(f for f in FACETS if f in MULTI_VALUED)
FIELD_CODES = {name: code for code, name in enumerate(TEXT_FIELDS)}
_NAME = re.compile(r"[a-z][a-z0-9_]{0,29}")


class InvalidIndexName(IndexError_):
    """An index name PostgreSQL schema names cannot carry."""


def check_name(name: str) -> str:
    """``name`` if it is a valid index name (``[a-z][a-z0-9_]{0,29}``). Raises InvalidIndexName."""
    if not _NAME.fullmatch(name):
        raise InvalidIndexName(f"index name {name!r}: use lower-case letters, digits and _ (at most 30)")
    return name


def generation_prefix(name: str) -> str:
    return f"ikz_{check_name(name)}_"


def tsv_token(field: str, token: str) -> str:
    """The lexeme of ``token`` in ``field`` inside the phrase ``tsvector``."""
    return f"{FIELD_CODES[field]}.{token}"


CONTROL_DDL = f"""
CREATE TABLE IF NOT EXISTS {INDEXES_TABLE} (
    name        text PRIMARY KEY,
    generation  text NOT NULL,
    version     bigint NOT NULL DEFAULT 0,
    switched_at timestamptz NOT NULL DEFAULT now()
)
"""


def generation_ddl(schema: str) -> list[str]:
    """CREATE statements for a generation's tables (indexes come after loading)."""
    singles = ",\n    ".join(f"{facet} integer" for facet in SINGLE_FACETS)
    multis = ",\n    ".join(f"{facet} integer[] NOT NULL DEFAULT '{{}}'" for facet in MULTI_FACETS)
    return [
        f"CREATE SCHEMA {schema}",
        f"""CREATE TABLE {schema}.docs (
    doc       integer PRIMARY KEY,
    id        text NOT NULL UNIQUE,
    private   boolean NOT NULL,
    year      integer,
    {singles},
    {multis},
    title     text NOT NULL,
    title_key text NOT NULL,
    lengths   real[] NOT NULL,
    keywords  text NOT NULL
)""",
        # document numbers are never reused: readers may still hold an older state
        f"CREATE SEQUENCE {schema}.doc_numbers MINVALUE 0 START WITH 0",
        f"""CREATE TABLE {schema}.bodies (
    doc       integer PRIMARY KEY,
    payload   text NOT NULL,
    texts     jsonb NOT NULL,
    spell     text NOT NULL,
    digest    text NOT NULL,
    tsv       tsvector NOT NULL
)""",
        f"ALTER TABLE {schema}.bodies ALTER COLUMN tsv SET STORAGE EXTERNAL",
        f"""CREATE TABLE {schema}.postings (
    term  text NOT NULL,
    field smallint NOT NULL,
    docs  integer[] NOT NULL,
    tfs   real[] NOT NULL,
    PRIMARY KEY (term, field)
)""",
        f"""CREATE TABLE {schema}.facet_values (
    facet    text NOT NULL,
    code     integer NOT NULL,
    value    text NOT NULL,
    sort_key text NOT NULL,
    PRIMARY KEY (facet, code),
    UNIQUE (facet, value)
)""",
        f"""CREATE TABLE {schema}.empty_facets (
    staff boolean NOT NULL,
    facet text NOT NULL,
    code  integer NOT NULL,
    count integer NOT NULL,
    rank  integer NOT NULL
)""",
        f"""CREATE TABLE {schema}.spelling (
    word     text PRIMARY KEY,
    public   integer NOT NULL,
    everyone integer NOT NULL
)""",
    ]


SORT_INDEXES = (
    '(year IS NULL), year DESC, title_key COLLATE "C", doc',
    '(year IS NULL), year, title_key COLLATE "C", doc',
    'title_key COLLATE "C", doc',
)


def generation_indexes(schema: str) -> list[str]:
    """Secondary indexes, created after the bulk load.

    The phrase ``tsvector`` gets a GIN index. RUM (``postgresql-15-rum`` 1.3.13) was tried:
    after a batch update of indexed rows its WAL replay stopped a streaming replica
    ("PANIC: WAL contains references to invalid pages" in a Generic WAL record), so it
    is not used; phrases are rare and GIN answers them.
    """
    return [
        f"CREATE INDEX ON {schema}.bodies USING gin (tsv)",
        f"CREATE INDEX ON {schema}.docs (year)",
        # the landing page's first page in each sort order, public and staff
        *(f"CREATE INDEX ON {schema}.docs ({columns}){where}" for columns in SORT_INDEXES for where in ("", " WHERE NOT private")),
        *(f"CREATE INDEX ON {schema}.docs ({facet})" for facet in SINGLE_FACETS),
        *(f"CREATE INDEX ON {schema}.docs USING gin ({facet})" for facet in MULTI_FACETS),
        f"CREATE INDEX ON {schema}.empty_facets (staff, facet)",
    ]


def ranked_facets_sql(schema: str, counts: str) -> str:
    """``counts`` (rows facet, code, n) with each value's listing rank: by count, then
    German alphabetical order (years: by year)."""
    return (f"SELECT c.facet, c.code, c.n, row_number() OVER (PARTITION BY c.facet ORDER BY "
            f"CASE WHEN c.facet = 'year' THEN c.code END, c.n DESC, v.sort_key COLLATE \"C\", v.value COLLATE \"C\")::integer AS rank "
            f"FROM ({counts}) c LEFT JOIN {schema}.facet_values v ON v.facet = c.facet AND v.code = c.code")


def empty_facets_sql(schema: str) -> str:
    """(Re)compute the empty query's facet counts for both visibilities, ranked."""
    statements = []
    for staff in ("true", "false"):
        visible = "true" if staff == "true" else "NOT private"
        parts = [f"SELECT '{facet}' AS facet, {facet} AS code, count(*)::integer AS n FROM {schema}.docs "
                 f"WHERE {visible} AND {facet} IS NOT NULL GROUP BY {facet}" for facet in SINGLE_FACETS]
        parts.append(f"SELECT 'year', year, count(*)::integer FROM {schema}.docs WHERE {visible} AND year IS NOT NULL GROUP BY year")
        parts += [f"SELECT '{facet}', v, count(*)::integer FROM {schema}.docs, unnest({facet}) v WHERE {visible} GROUP BY v"
                  for facet in MULTI_FACETS]
        statements.append(f"SELECT {staff}, r.* FROM ({ranked_facets_sql(schema, ' UNION ALL '.join(parts))}) r")
        statements.append(f"SELECT {staff}, '_total', 0, count(*)::integer, 0 FROM {schema}.docs WHERE {visible}")
    return f"INSERT INTO {schema}.empty_facets (staff, facet, code, count, rank) " + " UNION ALL ".join(statements)
