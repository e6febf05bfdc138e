"""Table layout of a PostgreSQL index generation, and the names of its parts.

Per generation (schema ``ikz_<index>_<stamp>``):

- ``docs``: one narrow row per profile: document number, id, visibility, facet codes
  (integer columns; ``keyword`` and ``participant`` as arrays), title and its sort key,
  field lengths (for BM25 length normalisation) and the keyword text (for query
  feedback). Search workers read the same in columnar form from ``doc_columns`` and
  ``doc_columns_state`` (``index.pg.columns``), the rows only when that is missing or stale;
- ``bodies``: the wide rest, read for one page of hits or one profile: the JSON payload,
  the texts snippets are cut from, spelling words, digest, and a ``tsvector`` of
  field-prefixed tokens with positions (``3.abfall``: token ``abfall`` in field 3) for
  phrase matching. It has no index of its own: phrase matching takes its candidates
  from the postings and checks only their tsvectors, which is what a GIN index would
  do too (building one took 4–6 s of a 100,000-profile build). RUM
  (``postgresql-15-rum`` 1.3.13) was tried as well: after a batch update of indexed rows
  its WAL replay stopped a streaming replica ("PANIC: WAL contains references to
  invalid pages" in a Generic WAL record);
- ``postings``: one row per (field, token): the documents holding it and their term
  frequencies, as arrays (an inverted index; a handful of rows answers a query);
- ``facet_values``: facet value codes and the values they stand for;
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
    texts     text NOT NULL,  -- JSON
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
    PRIMARY KEY (facet, code),
    UNIQUE (facet, value)
)""",
        f"""CREATE TABLE {schema}.spelling (
    word     text PRIMARY KEY,
    public   integer NOT NULL,
    everyone integer NOT NULL
)""",
    ]
