"""The one Whoosh schema, the searchable fields with their boosts, and the facet fields.

A facet's name is its URL parameter, its JSON key and its CLI option (``legal_form`` →
``--legal-form``), declared here once.
"""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.fields import BOOLEAN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.stopwords import stoplists

from index.analysis import GERMAN_STOPWORDS, GermanTokenizer, german_analyzer

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
# Facet fields in display order; keyword and participant hold several values a profile.
FACETS = ("region", "state", "district", "keyword", "lead", "participant", "legal_form", "year")
MULTI_VALUED = frozenset({"keyword", "participant"})
# Fields whose text snippets are taken from, best first when equally good.
SNIPPET_FIELDS = ("ziel", "umsetzung", "anlass", "finanzierung", "title")


def spelling_analyzer():  # noqa: ANN201 - a Whoosh Analyzer
    """Surface words for "Meinten Sie": lower-cased in their real spelling (with umlauts),
    not stemmed or split, so a correction can be shown as the word is written."""
    return GermanTokenizer() | LowercaseFilter() | StopFilter(stoplist=GERMAN_STOPWORDS | STOPWORDS_UNFOLDED, minsize=3)


def _lines():  # noqa: ANN202
    """Multi-valued facet fields are indexed one value a line, verbatim."""
    return RegexTokenizer(r"[^\n]+")


def build_schema() -> Schema:
    """The index schema. ``contact`` and ``links`` live only in ``payload`` (stored, not
    searchable: nobody finds a person by name). ``spell_public`` holds the words of public
    profiles only, ``spell_all`` those of all profiles, so that corrections never reveal a
    word that exists only in a private profile."""
    analyzer = german_analyzer()
    text = {name: TEXT(analyzer=analyzer, stored=True) for name in TEXT_FIELDS}
    return Schema(
        id=ID(stored=True, unique=True),
        **text,
        spell_public=TEXT(analyzer=spelling_analyzer()),
        spell_all=TEXT(analyzer=spelling_analyzer()),
        region=ID(stored=True),
        state=ID(stored=True),
        district=ID(stored=True),
        keyword=TEXT(analyzer=_lines(), stored=True, phrase=False),
        lead=ID(stored=True),
        participant=TEXT(analyzer=_lines(), stored=True, phrase=False),
        legal_form=ID(stored=True),
        year=NUMERIC(stored=True, bits=32),
        private=BOOLEAN(stored=True),
        digest=STORED,
        payload=STORED,
    )
