"""The search service for an index target, whichever engine holds it.

Both services answer the same methods with the same plain data (``search.model``):
``search``, ``similar``, ``profile``, ``suggest``, ``ids``, ``warm_up``, ``close``.
"""

from __future__ import annotations

from typing import Protocol

from index.target import IndexTarget
from search.model import SearchRequest, SearchResult, SimilarResult


class SearchService(Protocol):
    def search(self, request: SearchRequest) -> SearchResult: ...
    def similar(self, profile_id: str, *, limit: int = 5, staff: bool = False) -> SimilarResult: ...
    def profile(self, profile_id: str, *, staff: bool = False) -> dict: ...
    def suggest(self, text: str, *, limit: int = 8, staff: bool = False) -> list[dict[str, object]]: ...
    def ids(self, *, staff: bool = False) -> list[str]: ...
    def warm_up(self) -> None: ...
    def close(self) -> None: ...


def open_search(target: IndexTarget, *, snippet_cache: int = 20_000, result_cache: int = 0) -> SearchService:
    """The service for ``target`` (opened lazily; nothing is read yet). ``snippet_cache``:
    snippets kept per generation; ``result_cache``: finished results kept per generation
    (0: off). Raises nothing."""
    if target.postgres:
        from search.pg.service import PgProfileSearch

        return PgProfileSearch(str(target.read_url), target.location, snippet_cache=snippet_cache,
                               result_cache=result_cache)
    from search.service import ProfileSearch

    return ProfileSearch(target.location, snippet_cache=snippet_cache, result_cache=result_cache)
