"""The similar cooperations of a profile as people read them: with place (lead and Kreis)
and year, a longer list behind "more", and (``webui.csv_export``) a CSV export for staff."""

from __future__ import annotations

from urllib.parse import quote

from search.backend import SearchService

# the profile page lists this many; "more" leads to a page with SIMILAR_PAGE, then MAX_SIMILAR
SIMILAR_SHOWN = 5
SIMILAR_PAGE = 20


def similar_entries(service: SearchService, profile_id: str, *, limit: int, staff: bool,
                    profile_url: str) -> list[dict]:
    """The cooperations most like ``profile_id`` (``service.similar``), each as its profile's
    fields (``service.profile``: ``lead``, ``district``, ``year`` …) plus ``score``,
    ``shared`` (what it has in common with ``profile_id``) and ``url`` (``profile_url``
    followed by the id). Raises NotFound for an unknown (or, for the public, private) id,
    IndexUnavailable."""
    result = service.similar(profile_id, limit=limit, staff=staff)
    entries = []
    for hit in result.similar:
        entries.append({**service.profile(hit.id, staff=staff), "score": hit.score, "private": hit.private,
                        "shared": hit.shared, "url": profile_url + quote(hit.id, safe="")})
    return entries
