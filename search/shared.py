"""What two cooperations share: why a similar cooperation is listed as similar.

Similar cooperations (``search.similar``) are ranked by the words their texts share; staff
looking for partners want to see it in terms they know: the keywords both profiles list,
the task areas and task groups (``index.groups``) both are assigned, and the municipalities
taking part in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from index.folding import fold


@dataclass(frozen=True)
class Shared:
    """Keywords (as the similar profile writes them), task area codes (``corpus.areas``),
    municipalities ((gazetteer key, name) pairs) and task group codes (``index.groups``)
    two cooperations have in common."""

    keywords: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    municipalities: tuple[tuple[str, str], ...] = ()
    groups: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, list]:
        """The JSON shape of a similar hit's ``shared``."""
        return {"keywords": list(self.keywords), "groups": list(self.groups), "areas": list(self.areas),
                "municipalities": [{"key": key, "name": name} for key, name in self.municipalities]}

    def __bool__(self) -> bool:
        return bool(self.keywords or self.groups or self.areas or self.municipalities)


def _keyword_key(keyword: str) -> str:
    # case, spacing and umlaut spelling do not make keywords different
    return fold(" ".join(keyword.casefold().split()))


def _places(payload: Mapping) -> dict[str, str]:
    """Gazetteer key → name of a profile's lead and participants whose keys are known."""
    places: dict[str, str] = {}
    lead, lead_key = payload.get("lead"), payload.get("lead_key")
    if lead and lead_key:
        places[lead_key] = lead
    for name, key in zip(payload.get("participants") or (), payload.get("participant_keys") or (), strict=False):
        if key:
            places.setdefault(key, name)
    return places


def shared_between(source: Mapping, other: Mapping) -> Shared:
    """What ``other`` shares with ``source`` (both stored payloads, ``Profile.to_dict``
    shape with ``areas`` and ``groups``): keywords in ``other``'s order and spelling, task
    groups and areas in ``other``'s order (primary first), municipalities by gazetteer key in ``other``'s
    order, named as ``other`` names them. Raises nothing."""
    wanted = {_keyword_key(k) for k in source.get("keywords") or ()}
    keywords = tuple(dict.fromkeys(k for k in other.get("keywords") or () if _keyword_key(k) in wanted))
    source_areas = set(source.get("areas") or ())
    areas = tuple(a for a in other.get("areas") or () if a in source_areas)
    source_groups = set(source.get("groups") or ())
    groups = tuple(g for g in other.get("groups") or () if g in source_groups)
    source_places = _places(source)
    municipalities = tuple((key, name) for key, name in _places(other).items() if key in source_places)
    return Shared(keywords, areas, municipalities, groups)
