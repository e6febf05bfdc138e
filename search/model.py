"""Plain data at the search layer's boundary: requests, hits, facets, results, errors.

No Whoosh object ever leaves this layer; everything here is frozen and JSON-friendly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.schema import FACETS
# the errors live in search.errors; imported from here too, where they were first defined
from search.errors import IndexUnavailable, InvalidRequest, NotFound, SearchError, SearchTimeout  # noqa: F401

SORTS = ("relevance", "newest", "oldest", "title")
MAX_QUERY_LENGTH = 500
MAX_QUERY_TERMS = 32
MAX_PER_PAGE = 100
MAX_PAGE = 1000
# similar cooperations a request may ask for (``limit``; the API and ``ikz similar``)
MAX_SIMILAR = 50


@dataclass(frozen=True)
class SearchRequest:
    """One search. ``filters`` maps facet names to selected values (OR within a facet,
    AND across facets); ``year_from``/``year_to`` are inclusive. ``staff`` includes
    private profiles. Construct with :meth:`create` to validate."""

    query: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    staff: bool = False

    @classmethod
    def create(
        cls,
        query: str = "",
        filters: dict[str, list[str] | tuple[str, ...]] | None = None,
        *,
        year_from: int | None = None,
        year_to: int | None = None,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        staff: bool = False,
    ) -> SearchRequest:
        """A validated request. Raises InvalidRequest naming the bad parameter."""
        query = " ".join((query or "").split())
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidRequest("query_too_long", parameter="q", limit=MAX_QUERY_LENGTH)
        if sort not in SORTS:
            raise InvalidRequest("unknown_sort", parameter="sort", value=sort, choices=", ".join(SORTS))
        if not 1 <= page <= MAX_PAGE:
            raise InvalidRequest("out_of_range", parameter="page", low=1, high=MAX_PAGE)
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise InvalidRequest("out_of_range", parameter="per_page", low=1, high=MAX_PER_PAGE)
        for name, value in (("year_from", year_from), ("year_to", year_to)):
            if value is not None and not 1000 <= value <= 2999:
                raise InvalidRequest("not_a_year", parameter=name)
        if year_from is not None and year_to is not None and year_from > year_to:
            raise InvalidRequest("year_range", parameter="year_from")
        normalised = []
        for name, values in sorted((filters or {}).items()):
            if name not in FACETS or name == "year":
                raise InvalidRequest("unknown_filter", parameter=name)
            unique = tuple(dict.fromkeys(v for v in values if v))
            if unique:
                normalised.append((name, unique))
        return cls(query, tuple(normalised), year_from, year_to, sort, page, per_page, staff)

    def selected(self, facet: str) -> tuple[str, ...]:
        return dict(self.filters).get(facet, ())


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


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
    remark: str | None = None

    @classmethod
    def from_payload(cls, data: dict, score: float, snippet: str) -> Hit:
        """A hit from a document's stored payload (``Profile.to_dict`` shape)."""
        return cls(**hit_fields(data), score=round(score, 4), snippet=snippet)


def hit_fields(data: dict) -> dict[str, object]:
    """A ``Hit``'s fields but score and snippet, from a stored payload (``Profile.to_dict``
    shape); the remark only for private profiles. Raises KeyError without id or title."""
    private = bool(data.get("private"))
    return {
        "id": data["id"], "title": data["title"], "lead": data.get("lead"),
        "participants": tuple(data.get("participants") or ()), "region": data.get("region"),
        "state": data.get("state"), "district": data.get("district"), "year": data.get("year"),
        "legal_form": data.get("legal_form"), "keywords": tuple(data.get("keywords") or ()),
        "private": private, "remark": data.get("remark") if private else None,
    }


HIT_KEYS = ("id", "title", "score", "lead", "participants", "region", "state", "year", "legal_form", "keywords",
            "private", "snippet")


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

    def to_dict(self) -> dict:
        """The JSON shape shared by ``ikz search --json`` and ``/api/v1/search``."""
        return {
            "query": self.request.query,
            "corrected_query": self.corrected_query,
            "total": self.total,
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


@dataclass(frozen=True)
class SimilarResult:
    id: str
    similar: tuple[SimilarHit, ...]

    def to_dict(self) -> dict:
        """The JSON shape of ``ikz similar --json`` and ``/api/v1/profiles/{id}/similar``;
        ``private`` marks the private profiles staff see (always false for the public)."""
        return {"id": self.id, "similar": [{"id": h.id, "title": h.title, "score": h.score, "private": h.private}
                                           for h in self.similar]}
