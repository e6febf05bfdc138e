"""Errors with stable codes: what went wrong is a code and its values, never a sentence to parse.

``InvalidRequest("out_of_range", parameter="page", low=1, high=1000)`` keeps the code, the
parameter it concerns and the values; :data:`MESSAGES` gives each code's English text, a
%-format string over ``parameter`` and the values. The web layer looks the same English
text up in its German catalogue (gettext msgids are extracted from this module: ``N_``
marks them), so rewording a message here can never silently lose its translation: a test
fails when a code raised anywhere has no text here or no German text, and when an entry
here is raised nowhere.
"""

from __future__ import annotations


def N_(text: str) -> str:  # noqa: N802 (gettext's name for "mark for extraction only")
    """``text`` unchanged: marks an English message for extraction into the catalogue."""
    return text


MESSAGES: dict[str, str] = {
    # request parameters (webui.params, webui.api, cli)
    "parameter_name_not_utf8": N_("a parameter name is not valid UTF-8"),
    "not_utf8": N_("parameter %(parameter)r is not valid UTF-8"),
    "unknown_parameter": N_("unknown parameter %(parameter)r"),
    "repeated_parameter": N_("parameter %(parameter)r given more than once"),
    "too_many_values": N_("parameter %(parameter)r given more than %(limit)s times"),
    "unknown_language": N_("parameter 'lang' must be 'de' or 'en'"),
    "control_characters": N_("parameter %(parameter)r contains control characters"),
    "too_long": N_("parameter %(parameter)r is longer than %(limit)s characters"),
    "not_a_number": N_("parameter %(parameter)r must be a whole number"),
    "not_a_whole_number": N_("%(value)r is not a whole number"),
    "whole_number_range": N_("%(parameter)s must be a whole number from %(low)s to %(high)s"),
    # SearchRequest.create
    "query_too_long": N_("query longer than %(limit)s characters"),
    "unknown_sort": N_("unknown sort %(value)r; use one of %(choices)s"),
    "unknown_format": N_("unknown format %(value)r; use one of %(choices)s"),
    "out_of_range": N_("%(parameter)s must be between %(low)s and %(high)s"),
    "not_a_year": N_("%(parameter)s must be a four-digit year"),
    "year_range": N_("%(parameter)s is after %(other)s"),
    "unknown_filter": N_("unknown filter %(parameter)r"),
    # near=<key> (search.near)
    "near_malformed": N_("%(parameter)s must be an 8-digit municipality key or a 5-digit Kreis key, not %(value)r"),
    "unknown_place": N_("%(parameter)s: no municipality or Kreis %(value)r is known"),
    "sort_needs_near": N_("%(parameter)s=near needs the parameter near"),
    "ambiguous_place": N_("%(parameter)s: %(value)r names several places; give the key of one: %(candidates)s"),
    "unknown_facet": N_("unknown facet %(value)r; use one of %(choices)s"),
    # the services
    "unknown_profile": N_("no profile %(profile)r"),
    "malformed_municipality_key": N_("%(parameter)s must be an official key: 8 digits for a municipality, 5 for a "
                                     "district"),
    "unknown_municipality": N_("no municipality or district with key %(key)r"),
    "timeout": N_("search took longer than %(seconds)g s"),
    "index_missing": N_("the index is not available: %(detail)s"),
    "database_unavailable": N_("database unavailable: %(detail)s"),
    "index_changed": N_("the index changed during the request; try again"),
    # the web layer's own refusals (not exceptions: webui.api's rate limit)
    "rate_limited": N_("more than %(limit)s requests a minute"),
}


def render(code: str, parameter: str | None, values: dict[str, object], template: str | None = None) -> str:
    """The message of ``code`` with its values put in (``template``: the code's text in
    another language, by default the English one). Raises KeyError for an unknown code
    and a missing value."""
    return (template or MESSAGES[code]) % {"parameter": parameter, **values}


class SearchError(Exception):
    """Base of search errors; ``status`` is the HTTP status a web layer should use.

    ``code`` is a key of :data:`MESSAGES`; ``parameter`` names the request parameter at
    fault (or None); ``values`` are the message's other values. Raises ValueError for a
    code without a message (a programming error, caught by the tests).
    """

    status = 500

    def __init__(self, code: str, *, parameter: str | None = None, **values: object) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.parameter = parameter
        self.values = values
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message (the CLI's and the API's default language)."""
        return render(self.code, self.parameter, self.values)


class InvalidRequest(SearchError):
    """A request parameter is invalid; ``parameter`` names it."""

    status = 400


class NotFound(SearchError):
    """An unknown (or, for the public, private) profile id."""

    status = 404


class IndexUnavailable(SearchError):
    """No index can be opened."""

    status = 503


class SearchTimeout(SearchError):
    """A search ran past its time limit (a safety net: normal searches take milliseconds)."""

    status = 503
