"""The one Whoosh schema, the searchable fields with their boosts, and the facet fields.

A facet's name is its URL parameter, its JSON key and its CLI option (``legal_form`` →
``--legal-form``), declared here once.
"""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, StopFilter
from whoosh.fields import ID, STORED, Schema
from whoosh.lang.stopwords import stoplists

from index.analysis import GERMAN_STOPWORDS, GermanTokenizer
from index.postings import GermanText

STOPWORDS_UNFOLDED = frozenset(stoplists["de"])

# Searchable text fields and their weight in ranking (tuned on tests/relevance).
FIELD_BOOSTS: dict[str, float] = {
    "title": 5.0,
    "keywords": 4.0,
    "places": 2.0,
    "ziel": 1.5,
    "anlass": 1.0,
    "umsetzung": 1.0,
    "finanzierung": 0.6,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
# Facet fields in display order; area (task areas: primary and secondary), keyword,
# participant and the places (every participant's Kreis, Regierungsbezirk and Land:
# ``index.document.place_values``) hold several values a profile.
FACETS = ("area", "region", "state", "district", "keyword", "lead", "participant", "legal_form", "year")
MULTI_VALUED = frozenset({"area", "region", "state", "district", "keyword", "participant"})
# Fields whose text snippets are taken from, best first when equally good.
SNIPPET_FIELDS = ("ziel", "umsetzung", "anlass", "finanzierung", "title")


def spelling_analyzer():  # noqa: ANN201 - a Whoosh Analyzer
    """Surface words for "Meinten Sie": lower-cased in their real spelling (with umlauts),
    not stemmed or split, so a correction can be shown as the word is written."""
    return GermanTokenizer() | LowercaseFilter() | StopFilter(stoplist=GERMAN_STOPWORDS | STOPWORDS_UNFOLDED, minsize=3)


def build_schema() -> Schema:
    """The index schema. Only the text fields are indexed (searched through our own
    scorer); facet values are stored and read into arrays per generation
    (``search.facets``), so indexing them would only cost build time. ``contact`` and
    ``links`` live only in ``payload`` (stored, not searchable: nobody finds a person by
    name). ``spell`` stores a profile's written words for the spelling vocabulary
    (``index.spelling``). Facet fields hold one value, or several one a line."""
    text = {name: GermanText(stored=True) for name in TEXT_FIELDS}
    stored = dict.fromkeys((*FACETS, "private", "spell", "digest", "payload"), STORED)
    return Schema(id=ID(stored=True, unique=True), **text, **stored)
