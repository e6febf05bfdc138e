"""Cooperation profiles: the ``Profile`` model, the parser and the gazetteer.

Standard library only; the one layer that knows the German profile format.
"""

from corpus.enrich import enrich_profile
from corpus.files import LoadResult, load_profiles, read_profile
from corpus.gazetteer import ATTRIBUTION, Gazetteer, Place, load_gazetteer
from corpus.model import LEGAL_FORMS, Profile, ProfileParseError
from corpus.parser import parse_profile

__all__ = [
    "ATTRIBUTION", "LEGAL_FORMS", "Gazetteer", "LoadResult", "Place", "Profile", "ProfileParseError",
    "enrich_profile", "load_gazetteer", "load_profiles", "parse_profile", "read_profile",
]
