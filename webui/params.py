"""Request arguments → ``SearchRequest``: the one place where request parsing happens.

Parameters that change results are validated strictly (unknown parameters, bad numbers,
control characters → ``InvalidRequest`` naming the parameter); cosmetic ones (``lang``)
are left to their own handlers.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from werkzeug.datastructures import MultiDict

from search.facet_types import RANGE_FACETS, VALUE_FACETS, facet_parameters
from search.model import MAX_QUERY_LENGTH, InvalidRequest, SearchRequest
from search.near import near_key

FILTERS = facet_parameters(VALUE_FACETS)
BOUNDS = facet_parameters(RANGE_FACETS)
SINGLE = ("q", "page", "per_page", "sort", "near", "all", *BOUNDS)
COSMETIC = ("lang",)
KNOWN = frozenset(SINGLE + FILTERS + COSMETIC)
LANGUAGES = ("de", "en")
# The query parameters of each API endpoint; the OpenAPI document is built from this table.
# ``lang``: the language of error messages (English by default).
API_PARAMETERS = {
    "api.search": KNOWN,
    "api.profile": frozenset({"lang"}),
    "api.similar": frozenset({"limit", "lang"}),
    "api.municipality": frozenset({"lang"}),
    "api.suggest": frozenset({"q", "format", "lang"}),
    "api.openapi": frozenset({"lang"}),
    "api.facet_values": KNOWN | {"prefix"},
}
MAX_PREFIX_LENGTH = 100
MAX_VALUES = 50
MAX_VALUE_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_utf8(query_string: bytes) -> None:
    """Raise InvalidRequest naming the first parameter whose name or value is not UTF-8
    (Werkzeug would keep such bytes percent-encoded and search for them as text)."""
    for pair in query_string.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        try:
            name = unquote_to_bytes(raw_name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidRequest("parameter_name_not_utf8", parameter="?") from None
        try:
            unquote_to_bytes(raw_value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidRequest("not_utf8", parameter=name) from None


def check_parameters(args: MultiDict, allowed: frozenset[str]) -> None:
    """Raise InvalidRequest naming the first parameter not in ``allowed``, a ``lang`` given
    twice or one that is not a UI language (``de``, ``en``)."""
    for name in args:
        if name not in allowed:
            raise InvalidRequest("unknown_parameter", parameter=name)
    languages = args.getlist("lang")
    if len(languages) > 1:
        raise InvalidRequest("repeated_parameter", parameter="lang")
    if languages and languages[0] not in LANGUAGES:
        raise InvalidRequest("unknown_language", parameter="lang")


def _text(name: str, value: str, limit: int) -> str:
    if _CONTROL.search(value):
        raise InvalidRequest("control_characters", parameter=name)
    if "\ufffd" in value:
        raise InvalidRequest("not_utf8", parameter=name)
    if len(value) > limit:
        raise InvalidRequest("too_long", parameter=name, limit=limit)
    return value


_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")


def whole_number(value: str) -> int | None:
    """``value`` as an int when it is ASCII digits (at most 9, an optional minus), else
    None: ``str.isdigit`` and ``\\d`` also take ``²`` and Arabic-Indic digits."""
    return int(value) if _WHOLE_NUMBER.fullmatch(value) else None


def _int(args: MultiDict, name: str, default: int | None) -> int | None:
    value = args.get(name, "").strip()
    if not value:
        return default
    number = whole_number(value)
    if number is None:
        raise InvalidRequest("not_a_number", parameter=name)
    return number


def parse_search_args(args: MultiDict, *, staff: bool = False) -> SearchRequest:
    """The search request of a query string.

    ``near`` takes a gazetteer key or a place name the gazetteer knows one place of (the
    form's field, typed without picking a suggestion); empty: no ``near``.

    Raises InvalidRequest naming the parameter for unknown or repeated single parameters,
    malformed numbers, control characters or invalid UTF-8, unknown or ambiguous
    ``near`` places, and everything ``SearchRequest.create`` rejects.
    """
    for name in args:
        if name not in KNOWN:
            raise InvalidRequest("unknown_parameter", parameter=name)
    for name in SINGLE:
        if len(args.getlist(name)) > 1:
            raise InvalidRequest("repeated_parameter", parameter=name)
    filters: dict[str, list[str]] = {}
    weaker = _int(args, "all", 0)  # 1: also the matches under a date or title sort's relevance floor
    if weaker not in (0, 1):
        raise InvalidRequest("whole_number_range", parameter="all", low=0, high=1)
    for name in FILTERS:
        values = [_text(name, v, MAX_VALUE_LENGTH).strip() for v in args.getlist(name)]
        if len(values) > MAX_VALUES:
            raise InvalidRequest("too_many_values", parameter=name, limit=MAX_VALUES)
        if values:
            filters[name] = values
    return SearchRequest.create(
        _text("q", args.get("q", ""), MAX_QUERY_LENGTH + 100),
        filters,
        **{name: _int(args, name, None) for name in BOUNDS},
        sort=_text("sort", args.get("sort", "relevance") or "relevance", 20),
        page=_int(args, "page", 1),
        per_page=_int(args, "per_page", SearchRequest.per_page),  # the one default page size (10)
        staff=staff,
        near=near_key(near) if (near := _text("near", args.get("near", ""), MAX_VALUE_LENGTH).strip()) else None,
        weaker=bool(weaker),
    )


def parse_prefix(args: MultiDict) -> str:
    """The ``prefix`` a facet's values are searched by (``/api/v1/facets/{name}``), stripped.
    Raises InvalidRequest for one given twice, too long or with control characters."""
    if len(args.getlist("prefix")) > 1:
        raise InvalidRequest("repeated_parameter", parameter="prefix")
    return _text("prefix", args.get("prefix", ""), MAX_PREFIX_LENGTH).strip()
