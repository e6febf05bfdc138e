"""The search service for an index target, whichever engine holds it.

Both engines' services are ``search.core.SearchService`` and answer the same methods with
the same plain data (``search.model``): ``search``, ``similar``, ``profile``, ``suggest``,
``ids``, ``warm_up``, ``close``.
"""

from __future__ import annotations

from index.target import IndexTarget
from search.core import SearchService

__all__ = ["SearchService", "open_search"]


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
