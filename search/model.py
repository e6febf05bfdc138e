"""Plain data at the search layer's boundary: requests, hits, facets, results, errors.

No Whoosh object ever leaves this layer; everything here is frozen and JSON-friendly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# the errors live in search.errors; imported from here too, where they were first defined
from search.errors import IndexUnavailable, InvalidRequest, NotFound, SearchError, SearchTimeout  # noqa: F401
from search.facet_types import RANGE_FACETS, VALUE_FACETS, FacetValue
from search.near import NearOrigin, near_origin
from search.shared import Shared

__all__ = ["FacetValue"]  # declared with the facet kinds, part of this layer's plain data

# newest/oldest: by the year of "Zusammenarbeit seit"; added: by when a profile entered the index;
# near: by the administrative distance to the request's ``near`` place (search.near)
SORTS = ("relevance", "newest", "oldest", "title", "added", "near")
MAX_QUERY_LENGTH = 500
MAX_QUERY_TERMS = 32
MAX_PER_PAGE = 100
MAX_PAGE = 1000
# Similar cooperations listed at most (``limit`` of the API and of ``ikz similar``).
MAX_SIMILAR = 50


def similar_limit(text: str) -> int:
    """The number of similar cooperations a ``limit`` parameter asks for. Raises
    InvalidRequest unless it is a whole number from 1 to ``MAX_SIMILAR``."""
    # ASCII only: str.isdigit also takes "²" and Arabic-Indic digits, which int() refuses or reads
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_SIMILAR:
        raise InvalidRequest("whole_number_range", parameter="limit", low=1, high=MAX_SIMILAR)
    return int(text)


@dataclass(frozen=True)
class SearchRequest:
    """One search. ``filters`` maps value facets to selected values (OR within a facet,
    AND across facets); ``ranges`` maps range facets to inclusive (low, high) bounds,
    either open (None). ``staff`` includes private profiles. ``weaker``: sorted other
    than by relevance, list the weak matches too (``search.floor``); ``expand``: the
    facet whose every value is counted and listed (``search.facets.facet_values``), not
    only the most frequent. Construct with :meth:`create` to validate."""

    query: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ranges: tuple[tuple[str, int | None, int | None], ...] = ()
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    staff: bool = False
    # the gazetteer key of the place hits are near (``search.near``), or None
    near: str | None = None
    weaker: bool = False
    expand: str = ""

    @classmethod
    def create(
        cls,
        query: str = "",
        filters: dict[str, list[str] | tuple[str, ...]] | None = None,
        *,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        staff: bool = False,
        near: str | None = None,
        weaker: bool = False,
        **bounds: int | None,
    ) -> SearchRequest:
        """A validated request; ``bounds``: the range facets' parameters (``year_from``,
        ``year_to``); ``near``: a gazetteer key (``search.near.near_origin``; ``sort="near"``
        needs it). Raises InvalidRequest naming the bad parameter, TypeError for a
        keyword that is no range facet's parameter."""
        query = " ".join((query or "").split())
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidRequest("query_too_long", parameter="q", limit=MAX_QUERY_LENGTH)
        if sort not in SORTS:
            raise InvalidRequest("unknown_sort", parameter="sort", value=sort, choices=", ".join(SORTS))
        if near is not None:
            near = near_origin(near).key
        elif sort == "near":
            raise InvalidRequest("sort_needs_near", parameter="sort")
        if not 1 <= page <= MAX_PAGE:
            raise InvalidRequest("out_of_range", parameter="page", low=1, high=MAX_PAGE)
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise InvalidRequest("out_of_range", parameter="per_page", low=1, high=MAX_PER_PAGE)
        ranges = []
        for kind in RANGE_FACETS:
            low, high = bounds.pop(kind.low, None), bounds.pop(kind.high, None)
            for name, value in ((kind.low, low), (kind.high, high)):
                if value is not None and not kind.lowest <= value <= kind.highest:
                    raise InvalidRequest("not_a_year", parameter=name)
            if low is not None and high is not None and low > high:
                raise InvalidRequest("year_range", parameter=kind.low, other=kind.high)
            if low is not None or high is not None:
                ranges.append((kind.name, low, high))
        if bounds:
            raise TypeError(f"unknown range parameters {sorted(bounds)}")
        kinds = {kind.name: kind for kind in VALUE_FACETS}
        normalised = []
        for name, values in sorted((filters or {}).items()):
            if name not in kinds:
                raise InvalidRequest("unknown_filter", parameter=name)
            unique = kinds[name].parse(values)
            if unique:
                normalised.append((name, unique))
        return cls(query, tuple(normalised), tuple(ranges), sort, page, per_page, staff, near, weaker)

    def selected(self, facet: str) -> tuple[str, ...]:
        """The values selected in value facet ``facet`` (none: empty)."""
        return dict(self.filters).get(facet, ())

    def range(self, facet: str) -> tuple[int | None, int | None]:
        """The (low, high) bounds requested for range facet ``facet`` (none: both None)."""
        for name, low, high in self.ranges:
            if name == facet:
                return low, high
        return None, None

    def bounds(self) -> dict[str, int | None]:
        """The range facets' parameters as ``create`` takes them (``year_from`` …)."""
        return {parameter: value for kind in RANGE_FACETS
                for parameter, value in zip(kind.parameters, self.range(kind.name), strict=True)}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    lead: str | None
    participants: tuple[str, ...]
    region: str | None
    state: str | None
    district: str | None
    year: int | None
    legal_form: str | None
    keywords: tuple[str, ...]
    private: bool
    snippet: str
    # task areas (``corpus.areas`` codes): the primary one, and primary then secondary
    area: str | None = None
    areas: tuple[str, ...] = ()
    # the administrative distance tier to the request's ``near`` place (search.near), else None
    distance: int | None = None


def hit_fields(data: dict) -> dict[str, object]:
    """A ``Hit``'s fields but score and snippet, from a stored payload (``Profile.to_dict``
    shape). Raises KeyError without id or title."""
    return {
        "id": data["id"], "title": data["title"], "lead": data.get("lead"),
        "participants": tuple(data.get("participants") or ()), "region": data.get("region"),
        "state": data.get("state"), "district": data.get("district"), "year": data.get("year"),
        "legal_form": data.get("legal_form"), "keywords": tuple(data.get("keywords") or ()),
        "private": bool(data.get("private")), "area": data.get("area"), "areas": tuple(data.get("areas") or ()),
    }


HIT_KEYS = ("id", "title", "score", "lead", "participants", "region", "state", "district", "year", "legal_form",
            "keywords", "private", "snippet", "area", "areas", "distance")


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    corrected_query: str | None = None
    # words (and phrases) past the first MAX_QUERY_TERMS terms, not searched for; not
    # part of the JSON shape (yet)
    ignored: tuple[str, ...] = ()
    # the place of the request's ``near`` (its key, name and kind), else None
    near: NearOrigin | None = None
    # matches left out by the relevance floor of a sort other than relevance (``search.floor``)
    weaker: int = 0

    def to_dict(self) -> dict:
        """The JSON shape shared by ``ikz search --json`` and ``/api/v1/search``."""
        return {
            "query": self.request.query,
            "near": self.near.to_dict() if self.near is not None else None,
            "corrected_query": self.corrected_query,
            "total": self.total,
            "weaker": self.weaker,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "hits": [
                {key: list(value) if isinstance(value := getattr(hit, key), tuple) else value for key in HIT_KEYS}
                for hit in self.hits
            ],
            "facets": {
                name: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
                for name, values in self.facets.items()
            },
        }


@dataclass(frozen=True)
class SimilarHit:
    id: str
    title: str
    score: float
    private: bool = False
    # what it has in common with the cooperation it is similar to (search.shared)
    shared: Shared = field(default_factory=Shared)


@dataclass(frozen=True)
class SimilarResult:
    id: str
    similar: tuple[SimilarHit, ...]

    def to_dict(self) -> dict:
        """The JSON shape of ``ikz similar --json`` and ``/api/v1/profiles/{id}/similar``;
        ``private`` marks the private profiles staff see (always false for the public);
        ``shared``: the keywords, task areas and municipalities it has in common with ``id``."""
        return {"id": self.id, "similar": [{"id": h.id, "title": h.title, "score": h.score, "private": h.private,
                                            "shared": h.shared.to_dict()} for h in self.similar]}
